# SPDX-License-Identifier: GPL-2.0
# native-noparavirt: native_defconfig (PARAVIRT=n) on bare QEMU, PVH entry.
MODE_EXPECT=("PARAVIRT=n" "physical RAM map (PVH)")
# Suites that must run at least one case here (not skip them all).
MODE_SUITES=(traps timer buddy)

mode_kernel() { echo "$build_dir/native_defconfig/vmlinux"; }
mode_check() { command -v "$QEMU" >/dev/null || { echo "no $QEMU"; return 1; }; }
mode_boot() { boot_kernel "$1" "$2" ""; }
