# SPDX-License-Identifier: GPL-2.0
# The reference dom0's side of scripts/bench-dom0.sh, sourced by its /init
# (tools/testing/selftests/xen/lib/refdom0-init.sh: /domu/setup.sh) once
# xenstored and xenconsoled run; it does its whole job here and powers
# off, so /init's own plans never start.
#
# Domain dom0bench (/domu/dom0bench.cfg: our vmlinux, one vCPU) is
# created paused and unpaused, `xl create -p` then `xl unpause`, inside
# window 62 of the instruction-count plugin (/domu/marker), the create
# alone inside window 63, with a line in the kernel's log (/dev/kmsg,
# dom0's clock to the microsecond) before, between and after; then it
# runs to its end.  Before them, `xl list` alone inside window 59: what
# any xl command costs.  Then, outside any window, domain
# dom0bench-st the same way under strace, to count the ioctls xl makes
# on Xen's devices.  Prints:
#   DOM0BENCH xl_list_rc=N
#   DOM0BENCH create_rc=N unpause_rc=N
#   DOM0BENCH kmsg: [T] dom0bench: window start|paused|running
#   DOM0BENCH gone NAME yes|no     (the guest ended by itself)
#   DOM0BENCH strace: LINE          (strace's ioctl lines of xl's)
#   DOM0BENCH strace_rc=N,N
#   REFDOM0-CON NAME: LINE          each guest's console
DOM0BENCH_XL_LIST=59
DOM0BENCH_RUNNING=62
DOM0BENCH_PAUSED=63

dom0bench_end() {	# NAME: wait for the guest to end, print its console
	if wait_for gone "$1"; then
		say "DOM0BENCH gone $1 yes"
	else
		say "DOM0BENCH gone $1 no: $(xl list "$1" 2>&1 | tail -n 1)"
		xl destroy "$1"
	fi
	sed "s/^/REFDOM0-CON $1: /" "/var/log/xen/console/guest-$1.log" 2>/dev/null
}

# The floor of any xl command (its start, libxl's set-up, one query).
/domu/marker $DOM0BENCH_XL_LIST
xl list > /dev/null 2>&1
lrc=$?
/domu/marker $((DOM0BENCH_XL_LIST | 0x8000))
say "DOM0BENCH xl_list_rc=$lrc"

echo "dom0bench: window start" > /dev/kmsg
/domu/marker $DOM0BENCH_RUNNING
/domu/marker $DOM0BENCH_PAUSED
xl create -p /domu/dom0bench.cfg > /tmp/xl-create.out 2>&1
crc=$?
/domu/marker $((DOM0BENCH_PAUSED | 0x8000))
echo "dom0bench: window paused" > /dev/kmsg
xl unpause dom0bench > /tmp/xl-unpause.out 2>&1
urc=$?
/domu/marker $((DOM0BENCH_RUNNING | 0x8000))
echo "dom0bench: window running" > /dev/kmsg
say "DOM0BENCH create_rc=$crc unpause_rc=$urc"
sed 's/^/REFDOM0-XL dom0bench: /' /tmp/xl-create.out /tmp/xl-unpause.out
dmesg | grep 'dom0bench: window' | sed 's/^/REFDOM0: DOM0BENCH kmsg: /'
dom0bench_end dom0bench

if [ -x /usr/bin/strace ]; then
	strace -y -e trace=ioctl -o /tmp/st-create xl create -p /domu/dom0bench-st.cfg > /tmp/xl-st.out 2>&1
	src=$?
	strace -y -e trace=ioctl -o /tmp/st-unpause xl unpause dom0bench-st >> /tmp/xl-st.out 2>&1
	say "DOM0BENCH strace_rc=$src,$?"
	sed 's/^/REFDOM0-XL dom0bench-st: /' /tmp/xl-st.out
	cat /tmp/st-create /tmp/st-unpause | sed 's/^/REFDOM0: DOM0BENCH strace: /'
	dom0bench_end dom0bench-st
fi
poweroff -f
