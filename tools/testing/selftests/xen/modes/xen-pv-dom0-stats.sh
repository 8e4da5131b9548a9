# SPDX-License-Identifier: GPL-2.0
# xen-pv-dom0-stats: xen_debug_defconfig (CONFIG_XEN_DEBUG_STATS=y) as PV
# dom0 under Xen, running the suites whose cases count hypercalls and
# skip without the counts: here those cases must run and pass, and the
# kernel must print its set-up hypercall summary.
. "$here/lib/xen-mode.sh"
MODE_EXPECT=("xen: hypercalls (set-up): total" "paravirt: child xen")
# The counting cases by name: a skip of any of them fails the mode.
MODE_SUITES=(xen_hypercall.hc_counted xen_mmu.mmu_lazy_traps xen_mmu.mmu_lazy_batches
	     xen_mmu_queue)

mode_kernel() { echo "$build_dir/xen_debug_defconfig/vmlinux"; }
mode_check() {
	xen_mode_check || return 1
	grep -qx CONFIG_XEN_DEBUG_STATS=y "$(dirname "$(mode_kernel)")/.config" 2>/dev/null ||
		{ echo "$(mode_kernel) is not built with CONFIG_XEN_DEBUG_STATS=y"; return 1; }
}
mode_boot() {	# LOG KERNEL
	xen_boot "$1" "$2" 512M "$(xen_args 128M)" \
		"$KERNEL_ARGS ktest.filter=xen_hypercall,xen_mmu,xen_mmu_queue"
}
mode_judge() { xen_judge "$1"; }
