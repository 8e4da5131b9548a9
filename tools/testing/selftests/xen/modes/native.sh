# SPDX-License-Identifier: GPL-2.0
# native: the default configuration (PARAVIRT=y) on bare QEMU, entered
# through the PVH ELF note (qemu -kernel vmlinux).
MODE_EXPECT=("PARAVIRT=y" "physical RAM map (PVH)")
# Suites that must run at least one case here (not skip them all).
MODE_SUITES=(bootinfo paravirt paravirt_child traps timer pgtable buddy kmalloc printk string kallsyms)

mode_kernel() { echo "$build_dir/defconfig/vmlinux"; }
mode_check() { command -v "$QEMU" >/dev/null || { echo "no $QEMU"; return 1; }; }
mode_boot() { boot_kernel "$1" "$2" ""; }
