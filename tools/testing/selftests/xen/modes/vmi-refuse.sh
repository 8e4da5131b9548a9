# SPDX-License-Identifier: GPL-2.0
# vmi-refuse: ROMs the kernel must not use.  Each corrupted ROM the build
# derives from the good one is offered, and the kernel must say why it is
# refused and boot native (paravirt suite passing).  SeaBIOS itself drops
# an option ROM whose checksum is wrong, so that one is offered as a boot
# module (-initrd), the kernel's other ROM source.  Last, the good ROM with
# paravirt=native must be ignored.
REFUSE=(
	"bad-offset|option-rom|outside the code of the"
	"bad-major|option-rom|unknown ABI major version 99"
	"truncated|option-rom|truncated by the"
	"misaligned|option-rom|not aligned to the"
	"bad-checksum|initrd|bad checksum"
)

vmi_rom() { echo "$(dirname "$1")/arch/x86/vmi/rom/${2:-vmi}.rom"; }
mode_kernel() { echo "$build_dir/defconfig/vmlinux"; }
mode_check() {
	command -v "$QEMU" >/dev/null || { echo "no $QEMU"; return 1; }
	[ -f "$(vmi_rom "$(mode_kernel)" vmi-bad-offset)" ] || { echo "no corrupted ROMs (CONFIG_VMI)"; return 1; }
}

mode_boot() {
	local log=$1 k=$2 c kind how
	: > "$log"
	for c in "${REFUSE[@]}"; do
		IFS='|' read -r kind how _ <<< "$c"
		boot_kernel "$log.$kind" "$k" "ktest.filter=paravirt" -$how "$(vmi_rom "$k" "vmi-$kind")"
		echo "refuse $kind status $?" >> "$log"
	done
	boot_kernel "$log.forced" "$k" "ktest.filter=paravirt paravirt=native" -option-rom "$(vmi_rom "$k")"
	echo "refuse forced status $?" >> "$log"
	return 0
}

mode_judge() {
	local log=$1 c kind how why status n=0
	for c in "${REFUSE[@]}" "forced|option-rom|any VMI ROM is ignored"; do
		IFS='|' read -r kind how why <<< "$c"
		status=$(sed -n "s/^refuse $kind status //p" "$log")
		[ "$status" = 1 ] || { echo "FAIL: $kind: exit status ${status:-none}, wanted 1 (log $log.$kind)"; return 1; }
		for want in "$why" "paravirt: patched" "for native:"; do
			grep -qF -- "$want" "$log.$kind" ||
				{ echo "FAIL: $kind: no '$want' (log $log.$kind)"; return 1; }
		done
		grep -qF "for vmi:" "$log.$kind" && { echo "FAIL: $kind: the VMI child was used"; return 1; }
		"$PYTHON" "$here/ktap.py" --exit-status "$status" "$log.$kind" > /dev/null ||
			{ echo "FAIL: $kind: suites failed (log $log.$kind)"; return 1; }
		n=$((n + 1))
	done
	echo "PASS: $((n - 1)) corrupted ROMs refused and one ignored (paravirt=native); native each time"
}
