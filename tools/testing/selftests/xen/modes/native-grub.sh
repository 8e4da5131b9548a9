# SPDX-License-Identifier: GPL-2.0
# native-grub: the default configuration booted by GRUB from a CD image
# through the multiboot2 header, proving that entry path end to end.
MODE_EXPECT=("PARAVIRT=y" "physical RAM map (GRUB")
# Suites that must run at least one case here (not skip them all).
MODE_SUITES=(bootinfo buddy)

mode_kernel() { echo "$build_dir/defconfig/vmlinux"; }
mode_check() {
	command -v "$QEMU" >/dev/null || { echo "no $QEMU"; return 1; }
	command -v grub-mkrescue >/dev/null || { echo "no grub-mkrescue (grub-common)"; return 1; }
	[ -d /usr/lib/grub/i386-pc ] || { echo "no /usr/lib/grub/i386-pc (grub-pc-bin)"; return 1; }
	command -v xorriso >/dev/null || { echo "no xorriso"; return 1; }
}
mode_boot() {
	local iso=${1%.log}.iso dir=${1%.log}.isodir
	rm -rf "$dir"
	mkdir -p "$dir/boot/grub"
	cp "$2" "$dir/boot/vmlinux"
	cat > "$dir/boot/grub/grub.cfg" <<-CFG
	set timeout=0
	set default=0
	menuentry "kernel" {
		multiboot2 /boot/vmlinux $KERNEL_ARGS
		boot
	}
	CFG
	if ! grub-mkrescue -o "$iso" "$dir" > "${1%.log}.mkrescue.log" 2>&1; then
		cat "${1%.log}.mkrescue.log" > "$1"
		return 2
	fi
	timeout "$timeout" "$QEMU" "${QEMU_COMMON[@]}" -cdrom "$iso" -boot d > "$1" 2>&1
}
