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
exit $((bad > 0))
