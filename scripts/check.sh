#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check.sh - what `make check` runs: set-up and its own test, every
# configuration of the matrix (defconfig, native_defconfig, xen_debug_defconfig), the static checks (sparse, Coccinelle, checkpriv), the checkers'
# own tests, incremental-build correctness, a fuzzing smoke run and every
# boot mode.  Each step is one KTAP result; logs go to build/check/.
# Ends with "N passed, N failed, N skipped"; exits non-zero on a failure.
#
# Environment: CHECK_MODES="native ..." limits boot modes;
# FUZZ_SMOKE_RUNS (default 50000) per fuzz target.
set -u
srctree=$(cd "$(dirname "$0")/.." && pwd)
cd "$srctree" || exit 2
B=$srctree/build
logs=$B/check
mkdir -p "$logs"
passed=0 failed=0 skipped=0 n=0
t0=$(date +%s)

result() {	# ok|fail|skip NAME [REASON]
	n=$((n + 1))
	case "$1" in
	ok) passed=$((passed + 1)); echo "ok $n $2${3:+ # $3}" ;;
	skip) skipped=$((skipped + 1)); echo "ok $n $2 # SKIP $3" ;;
	*) failed=$((failed + 1)); echo "not ok $n $2${3:+ # $3}" ;;
	esac
}

step() {	# NAME COMMAND... : run, log, report
	local name=$1 log=$logs/$1.log start=$SECONDS
	shift
	if "$@" > "$log" 2>&1; then
		result ok "$name" "$((SECONDS - start))s"
	else
		result fail "$name" "log: $log"
		tail -n 30 "$log" | sed 's/^/# | /'
	fi
}

build_config() {	# CONFIG
	make O="$B/$1" "$1" && make O="$B/$1" -j2
}

echo "KTAP version 1"
step setup-deps-selftest scripts/setup-deps-selftest.sh
step setup-deps scripts/setup-deps.sh build test fuzz xen domu xenlab hvm
step build-defconfig build_config defconfig
step build-native_defconfig build_config native_defconfig
# The default one plus the debug counters (mode xen-pv-dom0-stats, bench).
step build-xen_debug_defconfig build_config xen_debug_defconfig
step sparse-defconfig make O="$B/defconfig" C=2 -j2
step sparse-native_defconfig make O="$B/native_defconfig" C=2 -j2
step sparse-xen_debug_defconfig make O="$B/xen_debug_defconfig" C=2 -j2
step coccinelle-selftest scripts/coccicheck --selftest
step coccinelle scripts/coccicheck
step checkpriv-selftest scripts/checkpriv.py --selftest
step checkpriv scripts/checkpriv.py
step incremental-build scripts/check-incremental.sh "$B/defconfig"
step runner-selftest tools/testing/selftests/xen/ktap_selftest.sh
step paravirt-native-bytes scripts/pvcompare.py --pv "$B/defconfig/vmlinux" \
	--native "$B/native_defconfig/vmlinux" --selftest
if command -v clang >/dev/null; then
	step fuzz-smoke make -C tools/fuzz run FUZZ_RUNS="${FUZZ_SMOKE_RUNS:-50000}"
else
	result skip fuzz-smoke "no clang"
fi

# Every boot mode: one result each, as the runner judged it.
mode_args=()
for m in ${CHECK_MODES:-}; do
	mode_args+=(--mode "$m")
done
tools/testing/selftests/xen/run_tests.sh --build-dir "$B" --log-dir "$logs/modes" \
	"${mode_args[@]}" > "$logs/modes.log" 2>&1
modes_rc=$?
while IFS= read -r line; do
	case "$line" in
	"ok "*"# SKIP "*) m=${line#ok * }; result skip "mode-${m%% *}" "${line#*# SKIP }" ;;
	"ok "*) m=${line#ok * }; result ok "mode-${m%% *}" "${line#*# }" ;;
	"not ok "*) m=${line#not ok * }; result fail "mode-${m%% *}" "${line#*# }" ;;
	"# | "*) echo "$line" ;;
	esac
done < "$logs/modes.log"
grep -q '^[0-9]* passed, ' "$logs/modes.log" || result fail "run_tests.sh" "no summary: see $logs/modes.log"
# Across every boot of every mode: no hypercall refused (each mode fails on
# one already; this is the run's total, for the record).
if refusals=$(/usr/bin/python3 tools/testing/selftests/xen/ktap.py --count-refusals \
	      "$logs"/modes/*.log*); then
	result ok hypercall-refusals "${refusals##*$'\n'}"
else
	result fail hypercall-refusals "${refusals##*$'\n'}"
fi
# The runner also fails when every mode skipped: that is no pass here either.
if [ $modes_rc -ne 0 ] && ! grep -q '^not ok ' "$logs/modes.log"; then
	result fail "run_tests.sh" "exit status $modes_rc: $(tail -n 1 "$logs/modes.log")"
fi

echo "1..$n"
echo "# make check: $((($(date +%s) - t0) / 60))m$((($(date +%s) - t0) % 60))s, logs in $logs"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
