# SPDX-License-Identifier: GPL-2.0
# native-panic: what failure looks like.  Boots the default configuration
# once per crashtest= type and checks the report (message, registers, a
# symbolized backtrace through the crashing function) and that the kernel
# then powers off with a failure status (QEMU exit 3).  A panic while
# panicking (panic-nested: the message faults) ends with that status
# too, without the power-down line.  One more boot without
# isa-debug-exit proves ACPI S5: QEMU must exit 0 on its own.
CRASHES=(
	"panic|Kernel panic - not syncing: crashtest: panic requested|panic+"
	"pagefault|BUG: unable to handle page fault for address: ffffe8ffffffc000|RIP: 0010:[<"
	"ud|Oops: invalid opcode|crashtest_ud+"
	"wx|#PF: error_code(0x0003) - permissions violation|crashtest_wx+"
	"stackoverflow|Oops: kernel stack overflow (double fault)|crashtest_recurse"
	"stackprotector|stack-protector: kernel stack is corrupted in: crashtest_smash|__stack_chk_fail+"
	"panic-nested|Kernel panic while panicking: Fatal exception|crashtest_panic_nested+|BUG: unable to handle page fault"
)

mode_kernel() { echo "$build_dir/defconfig/vmlinux"; }
mode_check() { command -v "$QEMU" >/dev/null || { echo "no $QEMU"; return 1; }; }

mode_boot() {	# LOG KERNEL: one sub-log per boot, statuses in LOG
	local log=$1 k=$2 c type
	: > "$log"
	for c in "${CRASHES[@]}"; do
		type=${c%%|*}
		boot_kernel "$log.$type" "$k" "crashtest=$type ktest.off"
		echo "crash $type status $?" >> "$log"
	done
	# No debug-exit device: only ACPI S5 can end this run.
	timeout "$timeout" "$QEMU" -accel tcg -cpu max -m 256M -nographic -no-reboot \
		-kernel "$k" -append "ktest.off" > "$log.acpi" 2>&1
	echo "acpi status $?" >> "$log"
	return 0
}

mode_judge() {	# LOG: print PASS:/FAIL: and return 0/1
	local log=$1 c type msg sym end status n=0
	for c in "${CRASHES[@]}"; do
		IFS='|' read -r type msg sym end <<< "$c"
		status=$(sed -n "s/^crash $type status //p" "$log")
		[ "$status" = 3 ] || { echo "FAIL: crashtest=$type: exit status ${status:-none}, wanted 3 (log $log.$type)"; return 1; }
		for want in "$msg" "Call Trace:" "$sym" "${end:-reboot: Power down (status 1)}"; do
			grep -qF -- "$want" "$log.$type" || { echo "FAIL: crashtest=$type: no '$want' (log $log.$type)"; return 1; }
		done
		# The judge used for every other mode must call this a failure.
		"$PYTHON" "$here/ktap.py" "$log.$type" > /dev/null &&
			{ echo "FAIL: ktap.py passed the crashtest=$type log"; return 1; }
		n=$((n + 1))
	done
	status=$(sed -n 's/^acpi status //p' "$log")
	[ "$status" = 0 ] || { echo "FAIL: ACPI power-off: exit status ${status:-none}, wanted 0 (log $log.acpi)"; return 1; }
	grep -qF "reboot: Power down (status 0)" "$log.acpi" || { echo "FAIL: no power-down line (log $log.acpi)"; return 1; }
	echo "PASS: $n crash reports and ACPI S5 power-off"
}
