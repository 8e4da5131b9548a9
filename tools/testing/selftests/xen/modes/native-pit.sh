# SPDX-License-Identifier: GPL-2.0
# native-pit: a CPU without a local APIC (-cpu max,-apic), so the tick
# must come from the PIT through the 8259.  Runs the suites that depend
# on interrupts and traps.
MODE_EXPECT=("timer: PIT at" "source PIT")
# Suites that must run at least one case here (not skip them all).
MODE_SUITES=(timer traps)

mode_kernel() { echo "$build_dir/defconfig/vmlinux"; }
mode_check() { command -v "$QEMU" >/dev/null || { echo "no $QEMU"; return 1; }; }
# QEMU takes the last -cpu: this one drops the APIC.
mode_boot() { boot_kernel "$1" "$2" "ktest.filter=timer,traps" -cpu max,-apic; }
