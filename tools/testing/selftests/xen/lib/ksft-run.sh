#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
# ksft-run.sh DIR [SECONDS [LIST]]: run the kselftest programs named in
# LIST (default DIR/list; one a line, the static binaries in DIR) as one
# KTAP document on
# stdout: each program a case, its own KTAP nested (indented) in it, and
# its exit status the case's verdict, the kselftest one: 0 ok, 4 skip
# (the reason from its last "# SKIP" line), anything else not ok, a
# program killed after SECONDS (default 120) included.  Shipped in both
# the reference dom0's initramfs and the Linux domU's, so one document
# form is judged for each (ktap.py).
d=$1
s=${2:-120}
list=${3:-$d/list}
i=0
n=$(grep -c . "$list")
echo "KTAP version 1"
echo "1..$n"
while read -r p; do
	i=$((i + 1))
	timeout "$s" "$d/$p" > "/tmp/selftest-$p.out" 2>&1 < /dev/null
	rc=$?
	sed 's/^/    /' "/tmp/selftest-$p.out"
	case $rc in
	0) echo "ok $i $p" ;;
	4) why=$(sed -n 's/^# SKIP //p' "/tmp/selftest-$p.out" | tail -n 1)
	   echo "ok $i $p # SKIP ${why:-no reason given}" ;;
	*) echo "not ok $i $p # exit status $rc" ;;
	esac
done < "$list"
