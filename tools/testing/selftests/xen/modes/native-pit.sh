# SPDX-License-Identifier: GPL-2.0
# native-pit: a CPU without a local APIC (-cpu max,-apic), so the tick
# must come from the PIT through the 8259.  Runs the suites that depend
# on interrupts and traps.
MODE_EXPECT=("timer: PIT at" "source PIT")

mode_kernel() { echo "$build_dir/defconfig/vmlinux"; }
mode_check() { command -v "$QEMU" >/dev/null || { echo "no $QEMU"; return 1; }; }
mode_boot() {
	local qemu_args=("${QEMU_COMMON[@]}")

	qemu_args[3]=max,-apic		# -cpu max,-apic
	timeout "$timeout" "$QEMU" "${qemu_args[@]}" -kernel "$2" \
		-append "$KERNEL_ARGS ktest.filter=timer,traps" > "$1" 2>&1
}
