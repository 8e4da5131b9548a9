# SPDX-License-Identifier: GPL-2.0
# native-nopvpatch: the default configuration with `nopvpatch`, so every
# paravirt call site stays an indirect call through pv_ops: the whole
# suite must pass on the unpatched path too.
MODE_EXPECT=("PARAVIRT=y" "left as indirect calls (nopvpatch)")
# Suites that must run at least one case here (not skip them all).
MODE_SUITES=(paravirt traps timer pgtable)

mode_kernel() { echo "$build_dir/defconfig/vmlinux"; }
mode_check() { command -v "$QEMU" >/dev/null || { echo "no $QEMU"; return 1; }; }
mode_boot() { boot_kernel "$1" "$2" "nopvpatch"; }
