# SPDX-License-Identifier: GPL-2.0
# vmi: the default configuration with the project's VMI-like ROM loaded
# as an option ROM (QEMU -option-rom): the kernel must find it, patch its
# sites into the ROM, and pass every suite through it (suite vmi included).
MODE_EXPECT=("vmi: ROM ABI 1.0 at" "paravirt: patched" "for vmi:" "# Subtest: vmi")
# Suites that must run at least one case here (not skip them all).
MODE_SUITES=(vmi paravirt paravirt_child)

vmi_rom() { echo "$(dirname "$1")/arch/x86/vmi/rom/${2:-vmi}.rom"; }
mode_kernel() { echo "$build_dir/defconfig/vmlinux"; }
mode_check() {
	command -v "$QEMU" >/dev/null || { echo "no $QEMU"; return 1; }
	[ -f "$(vmi_rom "$(mode_kernel)")" ] || { echo "no ROM at $(vmi_rom "$(mode_kernel)") (CONFIG_VMI)"; return 1; }
}
mode_boot() { boot_kernel "$1" "$2" "" -option-rom "$(vmi_rom "$2")"; }
