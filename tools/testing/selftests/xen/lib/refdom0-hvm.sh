# SPDX-License-Identifier: GPL-2.0
# The reference dom0's HVM half (sourced after lib/refdom0.sh by the
# xen-hvm-domU modes; not a mode): what xl needs to boot a `type = "hvm"`
# guest the way it boots one anywhere.  That is Debian's hvmloader
# (xen-utils-4.17), Debian's SeaBIOS (seabios) as the firmware hvmloader
# starts, and Debian's qemu-system-xen as the device model in dom0, at
# /usr/libexec/xen-qemu-system-i386 where Debian's libxl looks for it.
#
# refdom0_hvm_build DIR writes DIR/dm.cpio.gz: those files and every
# library the device model links, laid out as in dom0's root.  Appended
# to the dom0 initramfs (REFDOM0_EXTRA_CPIO of refdom0_boot), Linux
# unpacks it over the base one.  It is kept and rebuilt only when the
# packages or this file change (DIR/inputs), as refdom0_build does.
#
# refdom0_hvm_iso OUT KERNEL ARGS makes the guest's disk: a GRUB CD image
# (grub-mkrescue, as mode native-grub) that multiboot2-loads KERNEL with
# ARGS.  refdom0_hvm_cfg writes the xl config that boots it.
REFDOM0_HVM_DM=/usr/libexec/xen-qemu-system-i386
REFDOM0_HVM_PKGS="qemu-system-xen seabios qemu-system-data"
REFDOM0_HVM_FILES="/usr/lib/xen-$REFDOM0_XENVER/boot/hvmloader /usr/share/seabios/bios-256k.bin
	/usr/share/qemu/keymaps/en-us"

refdom0_hvm_check() {	# prints why an HVM guest cannot be booted here
	local p f missing=

	for p in $REFDOM0_HVM_PKGS; do
		dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -q '^installed$' ||
			missing="$missing $p"
	done
	[ -z "$missing" ] ||
		{ echo "HVM device model: missing packages:$missing (scripts/setup-deps.sh hvm)"; return 1; }
	for f in $REFDOM0_HVM_DM $REFDOM0_HVM_FILES; do
		[ -e "$f" ] || { echo "HVM: no $f"; return 1; }
	done
	command -v grub-mkrescue >/dev/null || { echo "no grub-mkrescue (grub-common)"; return 1; }
	[ -d /usr/lib/grub/i386-pc ] || { echo "no /usr/lib/grub/i386-pc (grub-pc-bin)"; return 1; }
	command -v xorriso >/dev/null || { echo "no xorriso"; return 1; }
}

refdom0_hvm_inputs() {
	dpkg-query -W -f='${Package} ${Version}\n' $REFDOM0_HVM_PKGS xen-utils-$REFDOM0_XENVER
	sha256sum "$here/lib/refdom0-hvm.sh" | cut -d' ' -f1
}

refdom0_hvm_build() {	# DIR: DIR/dm.cpio.gz unless current
	local dir=$1 r=$1/dmroot f

	mkdir -p "$dir" || return 1
	refdom0_hvm_inputs > "$dir/inputs.new" || return 1
	if [ -f "$dir/dm.cpio.gz" ] && cmp -s "$dir/inputs" "$dir/inputs.new"; then
		rm -f "$dir/inputs.new"
		return 0
	fi
	rm -rf "$r" "$dir/inputs"
	mkdir -p "$r"
	refdom0_copy_bin "$r" "$REFDOM0_HVM_DM" || return 1
	for f in $REFDOM0_HVM_FILES; do
		refdom0_copy "$r" "$f" || return 1
	done
	# The base initramfs links lib and lib64 to usr/: follow that layout
	# (a real directory here would replace the link when unpacked).
	[ ! -d "$r/lib" ] || { mkdir -p "$r/usr/lib"; cp -a "$r/lib/." "$r/usr/lib/"; rm -rf "$r/lib"; }
	[ ! -d "$r/lib64" ] || { mkdir -p "$r/usr/lib64"; cp -a "$r/lib64/." "$r/usr/lib64/"; rm -rf "$r/lib64"; }
	(cd "$r" && find . | cpio -o -H newc --quiet | gzip -1) > "$dir/dm.cpio.gz.tmp" &&
		mv "$dir/dm.cpio.gz.tmp" "$dir/dm.cpio.gz" || return 1
	rm -rf "$r"
	mv "$dir/inputs.new" "$dir/inputs"
}

refdom0_hvm_iso() {	# OUT KERNEL ARGS: a GRUB CD image booting KERNEL
	local out=$1 d=$1.isodir

	rm -rf "$d"
	mkdir -p "$d/boot/grub"
	cp "$2" "$d/boot/vmlinux" || return 1
	cat > "$d/boot/grub/grub.cfg" <<-CFG
	set timeout=0
	set default=0
	serial --unit=0 --speed=115200
	terminal_output serial
	menuentry "kernel" {
		multiboot2 /boot/vmlinux $3
		boot
	}
	CFG
	grub-mkrescue -o "$out" "$d" > "$out.mkrescue.log" 2>&1 ||
		{ cat "$out.mkrescue.log"; return 1; }
	rm -rf "$d" "$out.mkrescue.log"
}

# The xl config: booted from the CD image DISK (a path in dom0) by
# hvmloader and SeaBIOS, the emulated COM1 as xl's console, no display,
# no network, every on_* destroy.
refdom0_hvm_cfg() {	# NAME DISK MEMORY [VCPUS]
	cat <<-CFG
	name = "$1"
	type = "hvm"
	device_model_version = "qemu-xen"
	device_model_override = "$REFDOM0_HVM_DM"
	disk = [ "file:$2,hdc:cdrom,r" ]
	boot = "d"
	memory = $3
	vcpus = ${4:-1}
	serial = "pty"
	vnc = 0
	sdl = 0
	vga = "none"
	nographic = 1
	vif = [ ]
	on_poweroff = "destroy"
	on_reboot = "destroy"
	on_crash = "destroy"
	CFG
}
