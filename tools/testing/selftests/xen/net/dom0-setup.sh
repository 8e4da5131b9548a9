# SPDX-License-Identifier: GPL-2.0
# Sourced by the reference dom0's /init (lib/refdom0-init.sh) before its
# plan, in mode xen-pv-domU-net: Linux's netback from /domu/mods, and in
# the background dom0's side of the test, following the guest's console:
#   once the guest prints "netfront-serving", busybox ping of the guest's
#   address from dom0's end of the vif (net/vif-hotplug gave it one);
#   once it prints "netfront-tx-total", netback's vif counters (frames
#   dom0 received from the guest and sent to it), then one more ping,
#   which the guest waits for before it goes on.
#   REFDOM0: NET ping: LINE        busybox ping's output
#   REFDOM0: NET stat vifN.0 NAME VALUE
#   REFDOM0: NET ping2: LINE
#   REFDOM0: NET setup: LINE       what went wrong setting up
#   REFDOM0: NET note: LINE        a ping that failed, run again
# Debian's user space here now and then dies of a corrupted heap
# (Documentation/testing.md): the counters are read by the shell itself
# (no process to crash), and a ping killed by a signal runs again, at
# most 3 times (the guest keeps answering until dom0 has been quiet for
# a while).
NET_GUEST_IP=10.0.0.2
net_say() { echo "REFDOM0: NET $*"; }
for m in /domu/mods/*.ko; do
	insmod "$m" || net_say "setup: insmod $m failed"
done
for t in read write rm; do ln -sf xenstore "/usr/bin/xenstore-$t"; done

# Wait up to 120 s for the guest's console to say WORD.
net_wait_con() {	# WORD
	local i=0 con=/var/log/xen/console/guest-net.log

	while ! grep -q "$1" "$con" 2> /dev/null && [ $i -lt 1200 ]; do sleep 0.1; i=$((i + 1)); done
	grep -q "$1" "$con" 2> /dev/null
}

# busybox ping of the guest, COUNT requests, its output tagged TAG.
net_ping() {	# TAG COUNT
	local try rc

	for try in 1 2 3; do
		ping -c "$2" -w 30 "$NET_GUEST_IP" > "/tmp/net-$1.out" 2>&1
		rc=$?
		sed "s/^/REFDOM0: NET $1: /" "/tmp/net-$1.out"
		[ $rc != 0 ] && [ $try -lt 3 ] || break
		# Killed, or no vif yet: a case xl restarted after its own
		# crash pings a guest that is still coming up.
		net_say "note: $1 failed (status $rc), run again"
		sleep 3
	done
}

net_dom0_side() {
	local vif c v

	net_wait_con netfront-serving || { net_say "setup: the guest never served"; return; }
	net_ping ping 3
	net_wait_con netfront-tx-total || { net_say "setup: the guest never sent its frames"; return; }
	for vif in /sys/class/net/vif*; do
		for c in rx_packets tx_packets rx_bytes rx_dropped tx_dropped; do
			read -r v < "$vif/statistics/$c"
			net_say "stat ${vif##*/} $c $v"
		done
	done
	net_ping ping2 1
}
net_dom0_side < /dev/null &
