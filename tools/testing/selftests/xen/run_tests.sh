#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run_tests.sh - boot the kernel in each test mode and judge its KTAP.
#
#   run_tests.sh [--mode MODE]... [--kernel FILE] [--timeout SECONDS]
#                [--build-dir DIR] [--log-dir DIR] [--append ARGS] [--list]
#
# Each mode (modes/MODE.sh) says which kernel it boots by default, whether
# it can run here (else it is SKIPped with the reason), and how to boot it
# under QEMU TCG.  ktap.py judges the console log: any "not ok", a missing
# or short plan, a panic or oops, a kernel WARNING, a logged hypercall
# refusal, a hang (the timeout), an exit status that disagrees, or a suite
# the mode names (MODE_SUITES) skipping every case fails the mode.  Output
# is KTAP, one line per mode, then "N passed, N failed, N skipped"; the
# exit status is non-zero on failure, and when every mode skipped (nothing
# was tested: a missing kernel or tool is not a pass).
#
# Defaults: every mode; kernels from --build-dir (default: build/ at the
# top of the tree), i.e. build/defconfig/vmlinux and
# build/native_defconfig/vmlinux as `make check` builds them.
set -u
here=$(cd "$(dirname "$0")" && pwd)
srctree=$(cd "$here/../../../.." && pwd)
PYTHON=${PYTHON:-/usr/bin/python3}
QEMU=${QEMU:-qemu-system-x86_64}

modes=()
kernel=
timeout=${KSFT_TIMEOUT:-60}
build_dir=$srctree/build
log_dir=
append=
all_modes=()
for f in "$here"/modes/*.sh; do
	all_modes+=("$(basename "$f" .sh)")
done

usage() {
	sed -n '4,9p' "$0" | sed 's/^# \{0,1\}//'
	echo "modes: ${all_modes[*]}"
	exit "${1:-2}"
}

while [ $# -gt 0 ]; do
	case "$1" in
	--mode) modes+=("${2:?}"); shift 2 ;;
	--mode=*) modes+=("${1#*=}"); shift ;;
	--kernel) kernel=${2:?}; shift 2 ;;
	--timeout) timeout=${2:?}; shift 2 ;;
	--build-dir) build_dir=${2:?}; shift 2 ;;
	--log-dir) log_dir=${2:?}; shift 2 ;;
	--append) append=${2?}; shift 2 ;;
	--list) printf '%s\n' "${all_modes[@]}"; exit 0 ;;
	-h|--help) usage 0 ;;
	*) echo "run_tests.sh: unknown argument '$1'" >&2; usage ;;
	esac
done
[ ${#modes[@]} -gt 0 ] || modes=("${all_modes[@]}")
for m in "${modes[@]}"; do
	[ -f "$here/modes/$m.sh" ] || { echo "run_tests.sh: no mode '$m'" >&2; usage; }
done
[ -n "$log_dir" ] || log_dir=$(mktemp -d "${TMPDIR:-/tmp}/ksft-xen.XXXXXX")
mkdir -p "$log_dir"
log_dir=$(cd "$log_dir" && pwd)

# Shared by the modes: QEMU TCG, console on stdout, isa-debug-exit so the
# kernel's verdict becomes QEMU's exit status (1 pass, 3 fail).
QEMU_COMMON=(-M pc -accel tcg -cpu max -m 256M -smp 1 -nographic -no-reboot
	     -device isa-debug-exit,iobase=0xf4,iosize=0x04)
# The PCI functions of QEMU's -M pc (i440fx) as these command lines leave
# it, from QEMU's machine definition, for the pci suite to find: the
# i440FX host bridge 8086:1237 and the PIIX3 ISA bridge 8086:7000 and IDE
# 8086:7010 (hw/i386/pc_piix.c), the PIIX4 ACPI/PM function 8086:7113
# (ACPI is on by default), the default std VGA 1234:1111 (-nographic
# keeps the device) and the default NIC of pc machines, e1000 8086:100e.
PCI_EXPECT=8086:1237,8086:7000,8086:7010,8086:7113,1234:1111,8086:100e
KERNEL_ARGS="debug_exit=0xf4 pci_expect=$PCI_EXPECT${append:+ $append}"

# boot_kernel LOG KERNEL "EXTRA ARGS" [QEMU OPTIONS...]: a -kernel (PVH) boot.
boot_kernel() {
	local log=$1 k=$2 extra=$3

	shift 3
	timeout "$timeout" "$QEMU" "${QEMU_COMMON[@]}" "$@" -kernel "$k" \
		-append "$KERNEL_ARGS${extra:+ $extra}" > "$log" 2>&1
}

passed=0 failed=0 skipped=0 n=0
echo "KTAP version 1"
echo "1..${#modes[@]}"
for m in "${modes[@]}"; do
	n=$((n + 1))
	MODE_EXPECT=()
	MODE_SUITES=()
	unset -f mode_kernel mode_check mode_boot mode_judge mode_flake
	# shellcheck source=/dev/null
	. "$here/modes/$m.sh"
	k=${kernel:-$(mode_kernel)}
	log=$log_dir/$m.log
	if [ ! -f "$k" ]; then
		d=${k%/vmlinux}
		echo "ok $n $m # SKIP no kernel at $k (build it: make O=$d ${d##*/} && make O=$d -j2; README.md, Building)"
		skipped=$((skipped + 1))
		continue
	fi
	if ! why=$(mode_check); then
		echo "ok $n $m # SKIP $why"
		skipped=$((skipped + 1))
		continue
	fi
	expect=()
	for e in "${MODE_EXPECT[@]}"; do
		expect+=(--expect-line "$e")
	done
	for e in "${MODE_SUITES[@]}"; do
		expect+=(--expect-suite "$e")
	done
	start=$(date +%s.%N)
	for try in 1 2; do
		mode_boot "$log" "$k" </dev/null
		status=$?
		# A mode may judge its own runs (mode_judge); most are KTAP.
		if declare -F mode_judge >/dev/null; then
			verdict=$(mode_judge "$log")
		else
			verdict=$("$PYTHON" "$here/ktap.py" --exit-status "$status" "${expect[@]}" "$log")
		fi
		# A failure a mode can pin on a known crash outside our kernel
		# (mode_flake prints which) runs once more, said so; its log kept.
		case $verdict in PASS:* | SKIP:*) break ;; esac
		[ "$try" = 1 ] && declare -F mode_flake >/dev/null && why=$(mode_flake "$log") || break
		echo "# $m: ${verdict#FAIL: }; not ours: $why; once more (first log: $log.try1)"
		mv "$log" "$log.try1"
	done
	secs=$(printf '%.1f' "$(echo "$(date +%s.%N) - $start" | bc)")
	case "$verdict" in
	PASS:*)
		echo "ok $n $m # ${verdict#PASS: } in ${secs}s"
		passed=$((passed + 1)) ;;
	SKIP:*)
		echo "ok $n $m # SKIP ${verdict#SKIP: }"
		skipped=$((skipped + 1)) ;;
	*)
		echo "not ok $n $m # ${verdict#FAIL: } (log: $log)"
		tail -n 25 "$log" | sed 's/^/# | /'
		failed=$((failed + 1)) ;;
	esac
done
echo "# logs in $log_dir"
echo "$passed passed, $failed failed, $skipped skipped"
if [ $passed -eq 0 ] && [ $failed -eq 0 ]; then
	echo "# every mode skipped: nothing was tested (see the reasons above)"
	exit 1
fi
[ $failed -eq 0 ]
