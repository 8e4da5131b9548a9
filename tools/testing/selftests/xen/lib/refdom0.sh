# SPDX-License-Identifier: GPL-2.0
# The reference dom0 (sourced by modes/xen-pv-domU.sh and scripts/bench.sh;
# not a mode): Debian's own Linux as Xen PV dom0 with Debian's xl toolstack
# (xenstored, xenconsoled, xen-init-dom0, xl) and busybox in one initramfs,
# a peer no one here wrote, that starts our vmlinux as a PV domU (and, for
# make bench, Debian's own kernel as one too).
#
# refdom0_build DIR writes DIR/dom0.cpio.gz, DIR/vmlinuz and DIR/vmlinux
# (the same kernel as an ELF, for a Linux domU) and keeps them:
# DIR/inputs records what they were built from (the package versions, this
# file and the dom0 /init), and they are rebuilt only when that changes.
# No device model, hvmloader or firmware: PV guests need none.
REFDOM0_XENVER=${REFDOM0_XENVER:-4.17}
REFDOM0_XENBIN=/usr/lib/xen-$REFDOM0_XENVER/bin
REFDOM0_PKGS="xen-utils-$REFDOM0_XENVER xen-utils-common xenstore-utils busybox-static cpio linux-image-amd64"
REFDOM0_MODS="xen-evtchn xen-gntdev xen-gntalloc xen-privcmd xenfs"

# The kernel package linux-image-amd64 stands for (its first dependency).
refdom0_kpkg() {
	dpkg-query -W -f='${Depends}' linux-image-amd64 2>/dev/null |
		sed -n 's/^\(linux-image-[^ ,]*\).*/\1/p'
}

refdom0_check() {	# prints why the reference dom0 cannot be built
	local p missing= kpkg

	for p in $REFDOM0_PKGS; do
		dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -q '^installed$' ||
			missing="$missing $p"
	done
	kpkg=$(refdom0_kpkg)
	[ -z "$missing" ] && [ -n "$kpkg" ] && [ ! -f "/boot/vmlinuz-${kpkg#linux-image-}" ] &&
		missing=" $kpkg"
	if [ -n "$missing" ]; then
		echo "reference dom0: missing packages:$missing (scripts/setup-deps.sh domu)"
		return 1
	fi
}

# What the initramfs is made of: rebuilt when any line of this changes.
refdom0_inputs() {
	local kpkg

	kpkg=$(refdom0_kpkg)
	dpkg-query -W -f='${Package} ${Version}\n' $REFDOM0_PKGS "$kpkg"
	sha256sum "$here/lib/refdom0.sh" "$here/lib/refdom0-init.sh" | cut -d' ' -f1
}

refdom0_copy() {	# ROOT FILE: FILE at the same path under ROOT, links followed
	local dst=$1$(realpath -s "$2")

	mkdir -p "$(dirname "$dst")"
	[ -e "$dst" ] || cp -L "$2" "$dst"
}

refdom0_copy_bin() {	# ROOT BINARY: the binary and every library ldd names
	local lib

	refdom0_copy "$1" "$2"
	for lib in $(ldd "$2" | awk '/=> \//{print $3} /^\t\//{print $1}'); do
		refdom0_copy "$1" "$lib"
	done
}

# Debian's bzImage as the ELF inside it, for a domU: xl would otherwise
# unpack the xz payload itself, in dom0's user space under TCG (about 5 s
# of every mode run).  Where there is no xz payload, the bzImage itself
# (xl takes either).
refdom0_elf() {	# BZIMAGE OUT
	/usr/bin/python3 - "$1" "$2" <<-'PY' || cp "$1" "$2"
	import lzma, sys
	img = open(sys.argv[1], "rb").read()
	at = img.find(b"\xfd7zXZ\x00")
	elf = lzma.LZMADecompressor().decompress(img[at:]) if at >= 0 else b""
	if elf[:4] != b"\x7fELF":
	    sys.exit("no xz-packed ELF in " + sys.argv[1])
	open(sys.argv[2], "wb").write(elf)
	PY
}

refdom0_make() {	# DIR KVER: the initramfs, from scratch
	local r=$1/root kver=$2 t m f

	rm -rf "$r"
	mkdir -p "$r"/{usr/bin,usr/sbin,usr/lib64,usr/lib/x86_64-linux-gnu,proc,sys,dev,run,tmp}
	mkdir -p "$r"/{etc,var/lib/xen,var/log/xen/console,domu}
	ln -s usr/bin "$r/bin"; ln -s usr/sbin "$r/sbin"
	ln -s usr/lib "$r/lib"; ln -s usr/lib64 "$r/lib64"
	ln -s ../run "$r/var/run"
	cp /bin/busybox "$r/usr/bin/busybox"
	for t in $("$r/usr/bin/busybox" --list); do
		[ -e "$r/usr/bin/$t" ] || ln -s busybox "$r/usr/bin/$t"
	done
	for t in xl xenstored xenconsoled xenconsole xen-init-dom0; do
		refdom0_copy_bin "$r" "$REFDOM0_XENBIN/$t" || return 1
	done
	refdom0_copy_bin "$r" /usr/bin/xenstore || return 1
	ln -s xenstore "$r/usr/bin/xenstore-ls"
	# glibc dlopen()s it for pthread_cancel: xl aborts at exit without it.
	f=$(ldconfig -p | awk '/libgcc_s.so.1 .*x86-64/ {print $NF; exit}')
	[ -n "$f" ] && refdom0_copy "$r" "$f"
	cp -a /etc/xen "$r/etc/"
	echo 'root:x:0:0:root:/:/bin/sh' > "$r/etc/passwd"
	echo 'root:x:0:' > "$r/etc/group"
	mkdir -p "$r/lib/modules/$kver"
	for m in $REFDOM0_MODS; do	# in dependency order already
		f=$(modinfo -k "$kver" -F filename "$m") || return 1
		cp "$f" "$r/lib/modules/$kver/$m.ko"
		echo "$m" >> "$r/lib/modules/$kver/order"
	done
	sed "s/@KVER@/$kver/; s/@XENVER@/$REFDOM0_XENVER/" "$here/lib/refdom0-init.sh" > "$r/init"
	chmod 755 "$r/init"
	(cd "$r" && find . | cpio -o -H newc --quiet | gzip -1) > "$1/dom0.cpio.gz.tmp" &&
		mv "$1/dom0.cpio.gz.tmp" "$1/dom0.cpio.gz"
	cp "/boot/vmlinuz-$kver" "$1/vmlinuz"
	refdom0_elf "$1/vmlinuz" "$1/vmlinux"
	rm -rf "$r"
}

refdom0_build() {	# DIR: build DIR/dom0.cpio.gz and DIR/vmlinuz unless current
	local dir=$1 kver

	mkdir -p "$dir" || return 1
	refdom0_inputs > "$dir/inputs.new" || return 1
	if [ -f "$dir/dom0.cpio.gz" ] && [ -f "$dir/vmlinuz" ] && [ -f "$dir/vmlinux" ] &&
	   cmp -s "$dir/inputs" "$dir/inputs.new"; then
		rm -f "$dir/inputs.new"
		return 0
	fi
	kver=$(refdom0_kpkg); kver=${kver#linux-image-}
	rm -f "$dir/inputs"
	refdom0_make "$dir" "$kver" || { echo "reference dom0: build failed" >&2; return 1; }
	mv "$dir/inputs.new" "$dir/inputs"
}

# Debian's Linux as a PV domU for the selftests: an initramfs of busybox,
# the same Xen device modules as dom0, ksft-run.sh and the static test
# programs PROG... from PROGDIR, with lib/refdomu-init.sh as /init.  Made
# afresh each run (a few MiB), so it always holds the programs just built.
refdom0_domu_initrd() {	# OUT PROGDIR PROG...
	local out=$1 from=$2 r=$1.root kver m f p

	shift 2
	kver=$(refdom0_kpkg); kver=${kver#linux-image-}
	rm -rf "$r"
	mkdir -p "$r/bin" "$r/proc" "$r/sys" "$r/dev" "$r/tmp" "$r/selftests" "$r/lib/modules/$kver"
	cp /bin/busybox "$r/bin/busybox" || return 1
	for m in $REFDOM0_MODS; do	# in dependency order already
		f=$(modinfo -k "$kver" -F filename "$m") || return 1
		cp "$f" "$r/lib/modules/$kver/$m.ko"
		echo "$m" >> "$r/lib/modules/$kver/order"
	done
	cp "$here/lib/ksft-run.sh" "$r/selftests/" || return 1
	for p in "$@"; do
		cp "$from/$p" "$r/selftests/" || return 1
		echo "$p" >> "$r/selftests/list"
	done
	sed "s/@KVER@/$kver/" "$here/lib/refdomu-init.sh" > "$r/init"
	chmod 755 "$r/init"
	(cd "$r" && find . | cpio -o -H newc --quiet | gzip -1) > "$out" || return 1
	rm -rf "$r"
}

# The xl config of a guest (every on_* destroy; type REFDOM0_GUEST_TYPE,
# default pv): our vmlinux unless KERNEL (and RAMDISK) name another, as
# paths in dom0.
refdom0_guest_cfg() {	# NAME ARGS MEMORY [MAXMEM [VCPUS [KERNEL [RAMDISK]]]]
	cat <<-CFG
	name = "$1"
	type = "${REFDOM0_GUEST_TYPE:-pv}"
	kernel = "${6:-/domu/vmlinux}"
	extra = "$2"
	memory = $3
	maxmem = ${4:-$3}
	vcpus = ${5:-1}
	on_poweroff = "destroy"
	on_reboot = "destroy"
	on_crash = "destroy"
	CFG
	[ -z "${7:-}" ] || echo "ramdisk = \"$7\""
}

# The runner's kernel arguments for a guest: no QEMU exit port (a domU
# has no port I/O).
refdom0_guest_args() { echo "$KERNEL_ARGS" | sed 's/debug_exit=[^ ]* *//'; }

# Boot Xen with the reference dom0 and OVERLAY/ (domu/vmlinux, configs,
# plan) unpacked over its initramfs; OVERLAY is removed.  Options after
# the seventh argument go to QEMU (make bench: its plugin).  QEMU has
# REFDOM0_HOST_CPUS CPUs (default 1) for Xen to run dom0 and guests on.
# REFDOM0_EXTRA_CPIO names more gzip'd cpio archives (the HVM device
# model, lib/refdom0-hvm.sh) unpacked between the two.
refdom0_boot() {	# LOG XEN OVERLAY HOST_MEM DOM0_MEM QEMU_TIMEOUT DOM0_TIMEOUT [QEMU_OPT...]
	local log=$1 ref=$build_dir/refdom0 rc

	# Linux unpacks concatenated cpio archives one over the other.
	(cd "$3" && find . | cpio -o -H newc --quiet | gzip -1) > "$log.overlay.cpio" || return 2
	cat "$ref/dom0.cpio.gz" ${REFDOM0_EXTRA_CPIO:-} "$log.overlay.cpio" > "$log.initrd"
	rm -rf "$3" "$log.overlay.cpio"
	timeout "$6" "$QEMU" -M pc -accel tcg -cpu max -m "$4" -smp "${REFDOM0_HOST_CPUS:-1}" -nographic \
		-no-reboot -kernel "$2" -append "$(xen_args "$5")" \
		-initrd "$ref/vmlinuz console=hvc0 quiet loglevel=3 refdom0.timeout=$7,$log.initrd" \
		"${@:8}" > "$log" 2>&1
	rc=$?
	rm -f "$log.initrd"
	return $rc
}

# xl itself has been seen to die on a libc assertion while it waits for a
# domain (pthread_mutex_lock's owner check, "Assertion ... failed"), or
# silently, leaving a domain that shut down unreaped: its own failure,
# whatever the guest did (a guest that hangs is not in state "s").  Every mode on the reference dom0
# gets this as its mode_flake (run_tests.sh runs such a failure once more);
# a mode with more known crashes of others defines its own.
refdom0_xl_crashed() {	# LOG
	local line

	line=$(grep -a '^REFDOM0-XL \|^REFDOM0: NOTE .*: xl crashed' "$1" |
	       grep -a 'Assertion .* failed\|malloc(): \|corrupted\|died due to fatal signal' |
	       head -n 1)
	if [ -n "$line" ]; then
		echo "xl crashed (${line#REFDOM0*: })" | tr -d '\r'
		return 0
	fi
	# dom0's Linux reporting a fault in xl itself (in libc, seen under
	# TCG in two sessions): dom0's user space, not our guest.
	line=$(grep -a '^REFDOM0: .*traps: xl\[[0-9]*\] \(general protection\|segfault\)' "$1" |
	       head -n 1)
	if [ -n "$line" ]; then
		echo "xl faulted (${line#REFDOM0: })" | tr -d '\r'
		return 0
	fi
	# Or it died without a word: the domain shut down (Xen's "s" in xl
	# list's state), and nothing reaped it until dom0's timeout.
	line=$(grep -a '^REFDOM0: domain .* still there: ' "$1" | tr -d '\r' |
	       grep -E ' -*s-* +[0-9.]+$' | head -n 1)
	[ -n "$line" ] && grep -aq '^REFDOM0: .*RESULT .*reason=hang' "$1" || return 1
	echo "xl never reaped a domain that had shut down (${line#REFDOM0: })"
}
mode_flake() { refdom0_xl_crashed "$1"; }
