# SPDX-License-Identifier: GPL-2.0
# xen-pv-dom0-shutdown: the three ways dom0 ends, as Xen reports them,
# with no isa-debug-exit device to cut the run short.  SCHEDOP_shutdown
# with reason poweroff (a passing run: Xen halts), reboot (xen_reboot on
# the command line: Xen reboots, QEMU -no-reboot exits) and crash (a
# panic: Xen reboots after its 5 s delay; a panic while panicking too,
# straight from the nested panic, which never reaches the power-off path).
. "$here/lib/xen-mode.sh"
XEN_ARGS=$(xen_args 128M)
# reason|dom0 arguments|what Xen must print|the kernel's power-off status (- none)
ENDINGS=(
	"poweroff|ktest.off|(XEN) Hardware Dom0 halted: halting machine|0"
	"reboot|ktest.off xen_reboot|(XEN) Hardware Dom0 shutdown: rebooting machine|0"
	"crash|ktest.off crashtest=panic|(XEN) Hardware Dom0 crashed: rebooting machine|1"
	"nested|ktest.off crashtest=panic-nested|(XEN) Hardware Dom0 crashed: rebooting machine|-"
)

mode_kernel() { echo "$build_dir/defconfig/vmlinux"; }
mode_check() { xen_mode_check; }

# Boot until Xen prints @want (then stop QEMU: a halted Xen never exits).
xen_boot_until() {	# LOG XEN KERNEL ARGS WANT
	local log=$1 i pid
	: > "$log"
	"$QEMU" -M pc -accel tcg -cpu max -m 512M -smp 1 -nographic -no-reboot \
		-kernel "$2" -append "$XEN_ARGS" -initrd "$3 $4" > "$log" 2>&1 &
	pid=$!
	for ((i = 0; i < timeout * 5; i++)); do
		grep -qF -- "$5" "$log" && break
		kill -0 $pid 2>/dev/null || break
		sleep 0.2
	done
	kill $pid 2>/dev/null
	wait $pid 2>/dev/null
	grep -qF -- "$5" "$log"
}

mode_boot() {	# LOG KERNEL: one sub-log per ending
	local xen e reason args want

	xen=$(xen_elf "$1") || return 2
	: > "$1"
	for e in "${ENDINGS[@]}"; do
		IFS='|' read -r reason args want _ <<< "$e"
		xen_boot_until "$1.$reason" "$xen" "$2" "$args" "$want"
		echo "ending $reason seen $?" >> "$1"
	done
	return 0
}

mode_judge() {	# LOG
	local log=$1 e reason args want status n=0
	for e in "${ENDINGS[@]}"; do
		IFS='|' read -r reason args want status <<< "$e"
		grep -q "^ending $reason seen 0" "$log" ||
			{ echo "FAIL: $reason: Xen never printed '$want' (log $log.$reason)"; return 1; }
		# The kernel's own power-off path, just before SCHEDOP_shutdown.
		[ "$status" = - ] || grep -qF "reboot: Power down (status $status)" "$log.$reason" ||
			{ echo "FAIL: $reason: no 'reboot: Power down (status $status)' (log $log.$reason)"; return 1; }
		n=$((n + 1))
	done
	grep -qF "Kernel panic - not syncing: crashtest: panic requested" "$log.crash" ||
		{ echo "FAIL: crash: no panic report (log $log.crash)"; return 1; }
	grep -qF "Kernel panic while panicking: Fatal exception" "$log.nested" ||
		{ echo "FAIL: nested: no nested-panic line (log $log.nested)"; return 1; }
	# The first panic never reached its power-off: the nested one ended it.
	grep -qF "reboot: Power down" "$log.nested" &&
		{ echo "FAIL: nested: the first panic powered off (log $log.nested)"; return 1; }
	echo "PASS: $n shutdown reasons reported by Xen"
}
