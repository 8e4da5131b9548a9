# SPDX-License-Identifier: GPL-2.0
# xen-pv-dom0: Debian's Xen 4.17 booted by QEMU's multiboot loader with
# the default vmlinux as its dom0 module (1 vCPU, 128 MiB): the kernel
# must come up on the Xen child of pv_ops and pass every suite, the xen_*
# ones included, and Xen must say nothing about d0 once it handed over.
MODE_EXPECT=("xen: PV dom0:" "paravirt: child xen" "running on our own page tables"
	     "# Subtest: xen_mmu" "# Subtest: xen_events")
XEN_GZ=${XEN_GZ:-/boot/xen-4.17-amd64.gz}
XEN_ARGS="console=com1 com1=115200,8n1 dom0_mem=128M,max:128M dom0_max_vcpus=1"
XEN_ARGS+=" loglvl=all guest_loglvl=all cpuid=no-rdtscp"

mode_kernel() { echo "$build_dir/defconfig/vmlinux"; }
mode_check() {
	command -v "$QEMU" >/dev/null || { echo "no $QEMU"; return 1; }
	[ -f "$XEN_GZ" ] || { echo "no Xen at $XEN_GZ (scripts/setup-deps.sh xen)"; return 1; }
}
mode_boot() {	# LOG KERNEL
	local xen=${1%.log}.xen-syms args=$KERNEL_ARGS
	# QEMU's multiboot loader takes an ELF, not Debian's gzipped image.
	zcat "$XEN_GZ" > "$xen" || return 2
	# In -initrd a comma separates modules: a literal one is doubled.
	timeout "$timeout" "$QEMU" -M pc -accel tcg -cpu max -m 512M -smp 1 -nographic -no-reboot \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-kernel "$xen" -append "$XEN_ARGS" \
		-initrd "$2 ${args//,/,,}" > "$1" 2>&1
}
mode_judge() {	# LOG: KTAP, plus Xen's own console
	local expect=() e
	for e in "${MODE_EXPECT[@]}"; do
		expect+=(--expect-line "$e")
	done
	"$PYTHON" "$here/ktap.py" --xen --exit-status "$status" "${expect[@]}" "$1"
}
