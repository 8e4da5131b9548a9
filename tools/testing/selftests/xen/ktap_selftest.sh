#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The runner's own tests: ktap.py must give each sample in ktap-samples/
# the verdict its name starts with (pass-, fail-, skip-).  A first line
# "#! ARGS" adds arguments (an exit status, an expected line).
# Prints KTAP; exits non-zero if any sample is misjudged.
set -u
here=$(cd "$(dirname "$0")" && pwd)
PYTHON=${PYTHON:-/usr/bin/python3}
samples=("$here"/ktap-samples/*.log)
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
echo "KTAP version 1"
echo "1..${#samples[@]}"
n=0 bad=0
for f in "${samples[@]}"; do
	n=$((n + 1))
	name=$(basename "$f" .log)
	want=$(echo "${name%%-*}" | tr a-z A-Z)
	args=()
	log=$f
	first=$(head -1 "$f")
	if [[ $first == "#! "* ]]; then
		read -r -a args <<< "${first#\#! }"
		log=$tmp
		tail -n +2 "$f" > "$log"	# the arguments are not part of the log
	fi
	got=$("$PYTHON" "$here/ktap.py" "${args[@]}" "$log")
	rc=$?
	verdict=${got%%:*}
	want_rc=0
	[ "$want" = FAIL ] && want_rc=1
	if [ "$verdict" = "$want" ] && [ $rc = $want_rc ]; then
		echo "ok $n $name # $got"
	else
		echo "not ok $n $name # wanted $want, got '$got' (exit $rc)"
		bad=$((bad + 1))
	fi
done
# The run's refusal total (check.sh): the refused samples count one each,
# a passing log with refusal look-alikes counts none.
s=$here/ktap-samples
got=$("$PYTHON" "$here/ktap.py" --count-refusals "$s/fail-hypercall-refused.log" \
      "$s/fail-hypercall-refused-paren.log" "$s/pass-expect-suite-not-refusals.log" | tail -1)
if [ "$got" = "2 refused hypercalls in 3 logs" ]; then
	echo "# count-refusals: $got"
else
	echo "not ok count-refusals # got '$got'"
	bad=$((bad + 1))
fi
# run_tests.sh's second try: a failing mode whose mode_flake names a
# crash not ours runs once more, and only once.  Fake modes in a copy of
# the runner: each boot appends to a counter and prints a passing or a
# failing KTAP document as the mode's script says.
fake=$(mktemp -d)
trap 'rm -f "$tmp"; rm -rf "$fake"' EXIT
cp "$here/run_tests.sh" "$here/ktap.py" "$fake/"
mkdir "$fake/modes" "$fake/logs"
: > "$fake/vmlinux"
for m in flake-then-pass:fail,pass:y flake-twice:fail,fail:y real-fail:fail,pass:n; do
	IFS=: read -r name plan flake <<< "$m"
	cat > "$fake/modes/$name.sh" <<-MODE
	mode_kernel() { echo "$fake/vmlinux"; }
	mode_check() { :; }
	mode_boot() {
		local n
		echo x >> "$fake/$name.boots"; n=\$(wc -l < "$fake/$name.boots")
		case \$(echo "$plan" | cut -d, -f"\$n") in
		pass) printf 'KTAP version 1\n1..1\nok 1 c\n# ktest: pass:1 fail:0 skip:0\n' > "\$1" ;;
		*) printf 'KTAP version 1\n1..1\nnot ok 1 c\n# ktest: pass:0 fail:1 skip:0\n' > "\$1" ;;
		esac
		return 1
	}
	MODE
	[ "$flake" = y ] && echo 'mode_flake() { echo "a crash of the fake peer"; }' >> "$fake/modes/$name.sh"
done
out=$("$fake/run_tests.sh" --build-dir "$fake" --log-dir "$fake/logs" \
      --mode flake-then-pass --mode flake-twice --mode real-fail 2>&1)
want="ok 1 flake-then-pass|not ok 2 flake-twice|not ok 3 real-fail"
boots="$(cat "$fake/flake-then-pass.boots" "$fake/flake-twice.boots" "$fake/real-fail.boots" | wc -l)"
got=$(echo "$out" | grep -E '^(not )?ok [0-9]' | sed 's/ #.*//' | paste -sd'|')
if [ "$got" = "$want" ] && [ "$boots" = 5 ] && echo "$out" | grep -q "not ours: a crash of the fake peer"; then
	echo "# second try: $got; $boots boots"
else
	echo "not ok second-try # got '$got', $boots boots (want '$want', 5)"
	echo "$out" | sed 's/^/# | /'
	bad=$((bad + 1))
fi
exit $((bad > 0))
