#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
# /init of the reference dom0 (lib/refdom0.sh packs it): start the
# toolstack, run /domu/guest.cfg with `xl create -c` so the guest's PV
# console streams to dom0's console (hvc0 -> Xen -> QEMU's serial), then
# report what xl saw and power the machine off.
#
# What the host-side judge reads (each line starts with the tag):
#   REFDOM0: guest console begin / REFDOM0: guest console end
#       around the guest's console, as xl's console client copied it;
#   REFDOM0-XL: LINE   xl's own log of the domain (its daemon's view);
#   REFDOM0: RESULT xl_rc=N reason=R
#       xl create's exit status and the shutdown reason xl logged
#       (SHUTDOWN_* code, "none" if the domain never shut down, "hang"
#       if it had to be destroyed).
# Kernel argument refdom0.timeout=S bounds the guest (default 120 s).
#
# With /domu/plan (lines "NAME ACTION"), instead: one domain after the
# other from /domu/NAME.cfg, started with plain `xl create` (its console
# read from xenconsoled's log), and ended by ACTION: "self" (the guest
# ends itself), or once the guest prints that it waits for the toolstack,
# "shutdown" (xl shutdown -w), "reboot" (xl reboot) or "destroy"
# (xl destroy); or "balloon:MIB:MIB...": `xl mem-set` to each size in turn,
# each time waiting (up to 30 s) for `xl list` to show the domain at it,
# then xl shutdown -w.  Per case:
#   REFDOM0-CON NAME: LINE   the guest's console;
#   REFDOM0-XL NAME: LINE    xl's log of the domain;
#   REFDOM0: CASE NAME xl_list: LINE   `xl list NAME` before ACTION;
#   REFDOM0: CASE NAME xs: LINE   xenstore-ls of its control/ then;
#   REFDOM0: CASE NAME mem-set MIB: rc=N xl_list: LINE   per balloon size;
#   REFDOM0: CASE NAME RESULT xl_rc=N action_rc=N reason=R
#   REFDOM0: NOTE NAME: LINE   an xl crash that made dom0 ask again.
KVER=@KVER@
export PATH=/usr/lib/xen-@XENVER@/bin:/usr/sbin:/usr/bin
export LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /dev/pts && mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /run
mkdir -p /run/xen /run/xenstored /run/lock /var/log/xen/console /var/lib/xen
ln -s /run/lock /var/lock

say() { echo "REFDOM0: $*"; }
tmo=$(sed -n 's/.*refdom0\.timeout=\([0-9]*\).*/\1/p' /proc/cmdline)
tmo=${tmo:-120}

while read -r m; do
	insmod "/lib/modules/$KVER/$m.ko" || say "insmod $m failed"
done < "/lib/modules/$KVER/order"
mount -t xenfs xenfs /proc/xen || say "mount xenfs failed"
xenstored --pid-file=/run/xenstored.pid
i=0
while [ ! -S /run/xenstored/socket ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
xen-init-dom0 > /dev/null || say "xen-init-dom0 failed"
xenconsoled --log=guest --log-dir=/var/log/xen/console --pid-file=/run/xen/xenconsoled.pid
say "toolstack up at $(cut -d' ' -f1 /proc/uptime) s"

# Wait up to $tmo s for COMMAND to succeed.
wait_for() {
	local i=0

	while ! "$@" && [ $i -lt $((tmo * 10)) ]; do sleep 0.1; i=$((i + 1)); done
	"$@"
}
# Gone only when xl says so (status 1): an xl that crashed (status > 128,
# the heap corruption below) knows nothing, and the domain is not
# destroyed for it.
gone() {
	xl domid "$1" > /dev/null 2>&1
	[ $? = 1 ]
}
# Did xl die of its own bug?  Killed by a signal (status > 128), or its
# monitoring child's heap corruption, segfault or assertion in the output.
xl_crashed() {	# STATUS OUTPUT-FILE
	[ "$1" -gt 128 ] || grep -q 'fatal signal\|malloc\|Assertion\|Segmentation fault' "$2"
}

mem_is() { [ "$(xl list "$1" 2>/dev/null | awk 'NR == 2 { print $3 }')" = "$2" ]; }

# `xl list NAME`'s line for the domain.  Debian's xl sometimes dies here,
# silently or on an assertion (xl's bug, not the guest's): asked again,
# at most 3 times, each retry noted on stderr (the console).
xl_list_line() {	# NAME
	local try lst

	for try in 1 2 3; do
		lst=$(xl list "$1" 2>&1 | tail -n 1)
		[ "${lst%% *}" = "$1" ] && break
		say "NOTE $1: xl list said '$lst', asked again" >&2
	done
	echo "$lst"
}

# xl mem-set NAME to each MIB in turn, each until xl list shows it.
balloon_sizes() {	# NAME MIB...
	local name=$1 mib rc i try

	shift
	for mib in "$@"; do
		# The same xl crash as elsewhere: mem-set is idempotent, so again.
		for try in 1 2 3; do
			xl mem-set "$name" "${mib}m" > "/tmp/xl-$name.mem" 2>&1
			rc=$?
			cat "/tmp/xl-$name.mem"
			[ $rc != 0 ] && [ $try -lt 3 ] &&
				xl_crashed $rc "/tmp/xl-$name.mem" || break
			say "NOTE $name: xl mem-set crashed, asked again"
		done
		i=0
		while ! mem_is "$name" "$mib" && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
		say "CASE $name mem-set $mib: rc=$rc xl_list: $(xl_list_line "$name")"
	done
}
waiting() { grep -q 'waiting up to .* for the toolstack' "$1" 2>/dev/null; }

# One case of the plan: NAME ACTION.
run_case() {
	local name=$1 action=$2 con=/var/log/xen/console/guest-$1.log rc arc=0 reason try lst brc

	for try in 1 2 3; do
		# A mode's setup may ask for the domain paused (create_flags).
		xl create $(type create_flags > /dev/null 2>&1 && create_flags "$name") \
			"/domu/$name.cfg" > "/tmp/xl-$name.out" 2>&1
		rc=$?
		# Debian's xl 4.17 here now and then corrupts its own heap
		# (its monitoring child aborts): xl's bug, not the guest's,
		# so the case starts again, reported as a NOTE.
		[ $rc != 0 ] && [ $try -lt 3 ] && xl_crashed $rc "/tmp/xl-$name.out" || break
		sed "s/^/REFDOM0: NOTE $name: xl crashed, case restarted: /" "/tmp/xl-$name.out"
		xl destroy "$name" > /dev/null 2>&1
		wait_for gone "$name"
		rm -f "$con" "/var/log/xen/xl-$name.log"
	done
	sed "s/^/REFDOM0-XL $name: /" "/tmp/xl-$name.out"
	# ... and then do its part before it unpauses it (after_create).
	[ $rc = 0 ] && type after_create > /dev/null 2>&1 && after_create "$name" < /dev/null
	if [ "$action" != self ] && [ $rc = 0 ]; then
		wait_for waiting "$con" || say "CASE $name never waited for the toolstack"
		lst=$(xl_list_line "$name")
		say "CASE $name xl_list: $lst"
		# The domid from that line: one xl call fewer to go wrong.
		set -- $lst
		# xenstore-ls, like xl, now and then returns nothing at all
		# here: read again (the observer's flake, noted), at most 3 times.
		for try in 1 2 3; do
			xenstore-ls "/local/domain/$2/control" > "/tmp/xs-$name" 2>&1
			[ -s "/tmp/xs-$name" ] && break
			say "NOTE $name: xenstore-ls printed nothing, asked again"
			sleep 0.2
		done
		sed "s/^/REFDOM0: CASE $name xs: /" "/tmp/xs-$name"
		# The balloon sizes in a shell of their own: that shell, like
		# xl, has now and then died of a corrupted heap here (status
		# 128 + signal); mem-set is idempotent, so the step runs again.
		if [ "${action%%:*}" = balloon ]; then
			for try in 1 2 3; do
				( balloon_sizes "$name" $(echo "${action#balloon:}" | tr : ' ') ) \
					> "/tmp/xl-$name.bal" 2>&1
				brc=$?
				cat "/tmp/xl-$name.bal"
				[ $brc -gt 128 ] && [ $try -lt 3 ] || break
				say "NOTE $name: the balloon step died (status $brc), run again"
			done
		fi
		for try in 1 2 3; do
			case $action in
			shutdown) timeout "$tmo" xl shutdown -w "$name" ;;
			reboot) xl reboot "$name" ;;
			balloon:*) timeout "$tmo" xl shutdown -w "$name" ;;
			destroy) xl destroy "$name" ;;
			*) say "CASE $name: unknown action $action"; false ;;
			esac > "/tmp/xl-$name.act" 2>&1
			arc=$?
			cat "/tmp/xl-$name.act"
			# The same xl crash as above, the domain still there: again.
			[ $arc != 0 ] && [ $try -lt 3 ] && ! gone "$name" &&
				xl_crashed $arc "/tmp/xl-$name.act" || break
			say "NOTE $name: xl $action crashed, asked again"
		done
	fi
	wait_for gone "$name" || { say "CASE $name still there: $(xl list "$name" 2>&1 | tail -n 1)"; xl destroy "$name"; }
	sleep 0.2	# xl's daemon logs the end as it destroys the domain
	reason=$(sed -n 's/.*has shut down, reason code \([0-9]*\).*/\1/p' "/var/log/xen/xl-$name.log" 2>/dev/null | head -n 1)
	sed "s/^/REFDOM0-CON $name: /" "$con" 2>/dev/null
	sed "s/^/REFDOM0-XL $name: /" "/var/log/xen/xl-$name.log" 2>/dev/null
	say "CASE $name RESULT xl_rc=$rc action_rc=$arc reason=${reason:-none}"
}

# With /domu/bench (make bench; lines "NAME ID"), instead: one domain after
# the other from /domu/NAME.cfg, each by `xl create -F` (xl stays until it
# has destroyed the domain) inside window ID of the instruction-count
# plugin, opened and closed by /domu/marker (tools/perf-icount), and timed
# by /proc/uptime; then section ID ends (marker 0x2000 | ID), so the
# windows the guest ran itself (ids up to 32) are its own lines.  Its
# console goes to xenconsoled's log, read out after the window.  Per
# domain:
#   REFDOM0-CON NAME: LINE   the guest's console;
#   REFDOM0-XL NAME: LINE    xl's output;
#   REFDOM0: BENCH NAME RESULT xl_rc=N reason=R xl_create_to_end=T0-T1
#       (reason as in RESULT; T0 and T1 seconds of dom0's uptime).
bench_case() {	# NAME ID
	local out=/tmp/xl-$1.out t0 t1 rc reason

	t0=$(cut -d' ' -f1 /proc/uptime)
	/domu/marker "$2"
	timeout "$tmo" xl create -F "/domu/$1.cfg" > "$out" 2>&1
	rc=$?
	/domu/marker $(($2 | 0x8000))
	t1=$(cut -d' ' -f1 /proc/uptime)
	/domu/marker $(($2 | 0x2000))
	reason=$(sed -n 's/.*has shut down, reason code \([0-9]*\).*/\1/p' "$out" | head -n 1)
	if ! gone "$1"; then
		say "BENCH $1 still there: $(xl list "$1" 2>&1 | tail -n 1)"
		xl destroy "$1"
		reason=hang
	fi
	sed "s/^/REFDOM0-CON $1: /" "/var/log/xen/console/guest-$1.log" 2>/dev/null
	sed "s/^/REFDOM0-XL $1: /" "$out"
	say "BENCH $1 RESULT xl_rc=$rc reason=${reason:-none} xl_create_to_end=$t0-$t1"
}

# With /domu/selftests/list (mode xen-dom0-abi; one program a line, the
# static binaries beside it), first: the user-space selftests of Linux's
# Xen devices, one KTAP document (ksft-run.sh: each program a case, its
# own KTAP nested in it, its exit status the verdict).  With
# /domu/selftests/guest.cfg a domU is started first and left waiting for
# the toolstack while they run (its domid and console log in
# XEN_SELFTEST_DOMU and XEN_SELFTEST_DOMU_CONSOLE), then destroyed.  With
# /domu/selftests/linux.cfg, Debian's Linux is started too (first: it
# boots meanwhile), as a domU
# running the same programs itself (refdomu-init.sh), its domid in
# XEN_SELFTEST_PEER (interdomain_test's other side); once dom0's are
# done it is waited for (up to refdom0.timeout) to power off, and its
# console is copied out.
#   REFDOM0: SELFTESTS begin / REFDOM0: SELFTESTS end T0-T1
#   REFDOM0: SELFTESTS domU NAME domid N   (or: domU NAME failed: why)
#   REFDOM0: SELFTESTS dmesg: LINE   a kernel warning or bug after them.
#   REFDOM0: SELFTESTS linux NAME domid N   (or: linux NAME failed: why)
#   REFDOM0-CON NAME: LINE   the Linux domU's console
#   REFDOM0: SELFTESTS linux NAME done T   (or: linux NAME still there)
#   REFDOM0: NOTE NAME: xl crashed, created again: OUTPUT
# xl create CFG (domain NAME, output in OUT), again (at most 3 times) when
# xl crashed (xl_crashed: Debian's xl now and then corrupts its heap
# here), the half-made domain destroyed first; each retry a NOTE.
selftest_create() {	# CFG NAME OUT
	local try rc

	for try in 1 2 3; do
		xl create "$1" > "$3" 2>&1
		rc=$?
		[ $rc != 0 ] && [ $try -lt 3 ] && xl_crashed $rc "$3" || return $rc
		say "NOTE $2: xl crashed, created again: $(tr '\n' ' ' < "$3")"
		xl destroy "$2" > /dev/null 2>&1
		wait_for gone "$2"
		rm -f "/var/log/xen/console/guest-$2.log"
	done
}

selftests_run() {
	local d=/domu/selftests t0 name con lname lcon

	if [ -f $d/linux.cfg ]; then
		lname=$(sed -n 's/^name *= *"\([^"]*\)".*/\1/p' $d/linux.cfg)
		lcon=/var/log/xen/console/guest-$lname.log
		if selftest_create $d/linux.cfg "$lname" /tmp/xl-linux.out; then
			export XEN_SELFTEST_PEER=$(xl domid "$lname")
			say "SELFTESTS linux $lname domid $XEN_SELFTEST_PEER"
		else
			say "SELFTESTS linux $lname failed: $(tr '\n' ' ' < /tmp/xl-linux.out)"
		fi
	fi
	if [ -f $d/guest.cfg ]; then
		name=$(sed -n 's/^name *= *"\([^"]*\)".*/\1/p' $d/guest.cfg)
		con=/var/log/xen/console/guest-$name.log
		if selftest_create $d/guest.cfg "$name" /tmp/xl-selftest.out && wait_for waiting "$con"; then
			export XEN_SELFTEST_DOMU=$(xl domid "$name") XEN_SELFTEST_DOMU_CONSOLE=$con
			say "SELFTESTS domU $name domid $XEN_SELFTEST_DOMU"
		else
			say "SELFTESTS domU $name failed: $(tr '\n' ' ' < /tmp/xl-selftest.out)"
		fi
	fi
	t0=$(cut -d' ' -f1 /proc/uptime)
	say "SELFTESTS begin"
	$d/ksft-run.sh $d 200
	say "SELFTESTS end $t0-$(cut -d' ' -f1 /proc/uptime)"
	dmesg | grep -E 'WARNING:|BUG:|Oops|general protection' | sed 's/^/REFDOM0: SELFTESTS dmesg: /'
	[ -z "${name:-}" ] || { xl destroy "$name" > /dev/null 2>&1; wait_for gone "$name"; }
	[ -n "${lname:-}" ] || return 0
	if wait_for gone "$lname"; then
		say "SELFTESTS linux $lname done $(cut -d' ' -f1 /proc/uptime)"
	else
		say "SELFTESTS linux $lname still there: $(xl list "$lname" 2>&1 | tail -n 1)"
		xl destroy "$lname" > /dev/null 2>&1
	fi
	sed "s/^/REFDOM0-CON $lname: /" "$lcon" 2>/dev/null
}

# A mode's own dom0 set-up, sourced (xen-pv-domU-blk: the guests' disk);
# it may define after_case NAME, run after each case of the plan, and
# create_flags NAME (extra flags of its xl create, e.g. -p) and
# after_create NAME (run once xl create succeeded).
[ -f /domu/setup.sh ] && . /domu/setup.sh

if [ -f /domu/selftests/list ]; then
	selftests_run
	[ -f /domu/plan ] || poweroff -f
fi

if [ -f /domu/bench ]; then
	while read -r name id; do
		bench_case "$name" "$id" < /dev/null
	done < /domu/bench
	poweroff -f
fi

if [ -f /domu/plan ]; then
	t0=$(cut -d' ' -f1 /proc/uptime)
	while read -r name action; do
		run_case "$name" "$action" < /dev/null
		type after_case > /dev/null 2>&1 && after_case "$name" < /dev/null
	done < /domu/plan
	say "PLAN done in $t0-$(cut -d' ' -f1 /proc/uptime) s"
	poweroff -f
fi

cfg=/domu/guest.cfg
name=$(sed -n 's/^name *= *"\([^"]*\)".*/\1/p' "$cfg")
say "guest console begin"
t0=$(cut -d' ' -f1 /proc/uptime)
timeout "$tmo" xl create -c "$cfg" < /dev/console
rc=$?
t1=$(cut -d' ' -f1 /proc/uptime)
say "guest console end"
# xl's daemon destroys the domain after its shutdown (on_* = destroy).
i=0
while xl domid "$name" > /dev/null 2>&1 && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
log=/var/log/xen/xl-$name.log
reason=$(sed -n 's/.*has shut down, reason code \([0-9]*\).*/\1/p' "$log" 2>/dev/null | head -n 1)
reason=${reason:-none}
if xl domid "$name" > /dev/null 2>&1; then
	say "domain $name still there: $(xl list "$name" 2>&1 | tail -n 1)"
	xl destroy "$name"
	reason=hang
fi
sed 's/^/REFDOM0-XL: /' "$log" 2>/dev/null
say "RESULT xl_rc=$rc reason=$reason xl_create_to_end=$t0-$t1"
poweroff -f
