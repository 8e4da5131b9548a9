# SPDX-License-Identifier: GPL-2.0
# xen-pv-dom0-shutdown: the three ways dom0 ends, as Xen reports them,
# with no isa-debug-exit device to cut the run short.  SCHEDOP_shutdown
# with reason poweroff (a passing run: Xen halts), reboot (xen_reboot on
# the command line: Xen reboots, QEMU -no-reboot exits) and crash (a
# panic: Xen reboots after its 5 s delay).
XEN_GZ=${XEN_GZ:-/boot/xen-4.17-amd64.gz}
XEN_ARGS="console=com1 com1=115200,8n1 dom0_mem=128M,max:128M dom0_max_vcpus=1"
XEN_ARGS+=" loglvl=all guest_loglvl=all cpuid=no-rdtscp"
# reason|dom0 arguments|what Xen must print
ENDINGS=(
	"poweroff|ktest.off|(XEN) Hardware Dom0 halted: halting machine"
	"reboot|ktest.off xen_reboot|(XEN) Hardware Dom0 shutdown: rebooting machine"
	"crash|ktest.off crashtest=panic|(XEN) Hardware Dom0 crashed: rebooting machine"
)

mode_kernel() { echo "$build_dir/defconfig/vmlinux"; }
mode_check() {
	command -v "$QEMU" >/dev/null || { echo "no $QEMU"; return 1; }
	[ -f "$XEN_GZ" ] || { echo "no Xen at $XEN_GZ (scripts/setup-deps.sh xen)"; return 1; }
}

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
	local xen=${1%.log}.xen-syms e reason args want
	zcat "$XEN_GZ" > "$xen" || return 2
	: > "$1"
	for e in "${ENDINGS[@]}"; do
		IFS='|' read -r reason args want <<< "$e"
		xen_boot_until "$1.$reason" "$xen" "$2" "$args" "$want"
		echo "ending $reason seen $?" >> "$1"
	done
	return 0
}

mode_judge() {	# LOG
	local log=$1 e reason args want n=0
	for e in "${ENDINGS[@]}"; do
		IFS='|' read -r reason args want <<< "$e"
		grep -q "^ending $reason seen 0" "$log" ||
			{ echo "FAIL: $reason: Xen never printed '$want' (log $log.$reason)"; return 1; }
		grep -qF "xen: hypercalls (run):" "$log.$reason" ||
			{ echo "FAIL: $reason: no hypercall summary (log $log.$reason)"; return 1; }
		n=$((n + 1))
	done
	grep -qF "Kernel panic - not syncing: crashtest: panic requested" "$log.crash" ||
		{ echo "FAIL: crash: no panic report (log $log.crash)"; return 1; }
	echo "PASS: $n shutdown reasons reported by Xen"
}
