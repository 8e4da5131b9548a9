# SPDX-License-Identifier: GPL-2.0
# xen-pv-dom0-stats: xen_debug_defconfig (CONFIG_XEN_DEBUG_STATS=y) as PV
# dom0 under Xen, running the suites whose cases count hypercalls and
# skip without the counts: here those cases must run and pass, and the
# kernel must print its set-up hypercall summary.
MODE_EXPECT=("xen: hypercalls (set-up): total" "paravirt: child xen")
# The counting cases by name: a skip of any of them fails the mode.
MODE_SUITES=(xen_hypercall.hc_counted xen_mmu.mmu_lazy_traps xen_time.time_halt_blocks
	     xen_mmu.mmu_lazy_batches)
XEN_GZ=${XEN_GZ:-/boot/xen-4.17-amd64.gz}
XEN_ARGS="console=com1 com1=115200,8n1 dom0_mem=128M,max:128M dom0_max_vcpus=1"
XEN_ARGS+=" loglvl=all guest_loglvl=all cpuid=no-rdtscp"

mode_kernel() { echo "$build_dir/xen_debug_defconfig/vmlinux"; }
mode_check() {
	command -v "$QEMU" >/dev/null || { echo "no $QEMU"; return 1; }
	[ -f "$XEN_GZ" ] || { echo "no Xen at $XEN_GZ (scripts/setup-deps.sh xen)"; return 1; }
	grep -qx CONFIG_XEN_DEBUG_STATS=y "$(dirname "$(mode_kernel)")/.config" 2>/dev/null ||
		{ echo "$(mode_kernel) is not built with CONFIG_XEN_DEBUG_STATS=y"; return 1; }
}
mode_boot() {	# LOG KERNEL
	local xen=${1%.log}.xen-syms args="$KERNEL_ARGS ktest.filter=xen_hypercall,xen_mmu,xen_time"
	zcat "$XEN_GZ" > "$xen" || return 2
	# In -initrd a comma separates modules: a literal one is doubled.
	timeout "$timeout" "$QEMU" -accel tcg -cpu max -m 512M -smp 1 -nographic -no-reboot \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-kernel "$xen" -append "$XEN_ARGS" \
		-initrd "$2 ${args//,/,,}" > "$1" 2>&1
}
mode_judge() {	# LOG: KTAP, plus Xen's own console
	local expect=() e
	for e in "${MODE_EXPECT[@]}"; do
		expect+=(--expect-line "$e")
	done
	for e in "${MODE_SUITES[@]}"; do
		expect+=(--expect-suite "$e")
	done
	"$PYTHON" "$here/ktap.py" --xen --exit-status "$status" "${expect[@]}" "$1"
}
