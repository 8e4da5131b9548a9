# SPDX-License-Identifier: GPL-2.0
# Sourced by the reference dom0's /init (lib/refdom0-init.sh) before its
# plan, in mode xen-pv-domU-nethostile: Linux's netback from /domu/mods
# for vif 0 (net/vif-hotplug gives dom0's end 10.0.0.1), then, for each
# case with /domu/NAME.hostile (lines "DEVID CLASS"), the domain is
# created paused (create_flags) and after_create gives it one more
# interface per line whose backend is /domu/netback_hostile DOMID DEVID
# CLASS rather than netback: the nodes xl would write (frontend
# device/vif/DEVID owned by the guest, with mac 00:16:3e:48:00:DEVID in
# hex; our hostile-backend/vif/DOMID/DEVID owned by dom0 and readable
# by the guest; both state Initialising), the program started in the
# background, then the domain unpaused.  Not under dom0's backend/:
# netback watches backend/vif and would take the interface for its own.
# In the background, once the guest prints "nethostile-serving", dom0
# pings the guest's vif 0 address.  Lines:
#   REFDOM0: HOSTILE-LOG LINE   ("HOSTILE DEVID CLASS: ..." of a program)
#   REFDOM0: HOSTILE LINE       this script's own steps and failures
#   REFDOM0: NETH ping: LINE    busybox ping's output
#   REFDOM0: NETH note: LINE    a ping that died, run again
NETH_GUEST_IP=10.0.0.2
hostile_say() { echo "REFDOM0: HOSTILE $*"; }
for m in /domu/mods/*.ko; do
	insmod "$m" || hostile_say "setup: insmod $m failed"
done
for t in read write rm chmod; do ln -sf xenstore "/usr/bin/xenstore-$t"; done
HOSTILE_PIDS=

create_flags() { [ -f "/domu/$1.hostile" ] && echo -p; }

after_create() {	# NAME
	local domid dev cls fe be mac

	[ -f "/domu/$1.hostile" ] || return 0
	domid=$(xl domid "$1") || { hostile_say "$1: no domid"; return 1; }
	while read -r dev cls; do
		fe=/local/domain/$domid/device/vif/$dev
		be=/local/domain/0/hostile-backend/vif/$domid/$dev
		mac=$(printf '00:16:3e:48:00:%02x' "$dev")
		xenstore-write "$be/frontend" "$fe" "$be/frontend-id" "$domid" "$be/online" 1 \
			"$be/state" 1 "$be/handle" "$dev" "$be/mac" "$mac" \
			"$be/hostile-class" "$cls" &&
		xenstore-chmod -r "$be" n0 "r$domid" &&
		xenstore-write "$fe/backend" "$be" "$fe/backend-id" 0 "$fe/handle" "$dev" \
			"$fe/mac" "$mac" "$fe/state" 1 &&
		xenstore-chmod -r "$fe" "n$domid" r0 ||
			hostile_say "$1 vif $dev: writing its xenstore nodes failed"
		/domu/netback_hostile "$domid" "$dev" "$cls" > "/tmp/hostile-$dev.log" 2>&1 &
		HOSTILE_PIDS="$HOSTILE_PIDS $!"
		hostile_say "$1 vif $dev class $cls: backend pid $! for domain $domid"
	done < "/domu/$1.hostile"
	xl unpause "$1" || hostile_say "$1: xl unpause failed"
}

after_case() {	# NAME
	local pid i dev cls

	[ -f "/domu/$1.hostile" ] || return 0
	# Each ends once the frontend's directory is gone with the domain.
	for pid in $HOSTILE_PIDS; do
		i=0
		while kill -0 "$pid" 2> /dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
		kill -0 "$pid" 2> /dev/null && { hostile_say "backend pid $pid still running, killed"; kill "$pid"; }
		wait "$pid" 2> /dev/null
		hostile_say "backend pid $pid exit status $?"
	done
	HOSTILE_PIDS=
	while read -r dev cls; do
		sed 's/^/REFDOM0: HOSTILE-LOG /' "/tmp/hostile-$dev.log"
	done < "/domu/$1.hostile"
	xenstore-rm /local/domain/0/hostile-backend 2> /dev/null
}

# Once the guest serves on vif 0: busybox ping of it, run again (at
# most 3 times) if Debian's user space here dies of its heap meanwhile.
neth_ping() {
	local i=0 try rc con=/var/log/xen/console/guest-nethostile.log

	while ! grep -q nethostile-serving "$con" 2> /dev/null && [ $i -lt 3000 ]; do
		sleep 0.1; i=$((i + 1))
	done
	grep -q nethostile-serving "$con" 2> /dev/null ||
		{ hostile_say "setup: the guest never served"; return; }
	for try in 1 2 3; do
		ping -c 3 -w 30 "$NETH_GUEST_IP" > /tmp/neth-ping.out 2>&1
		rc=$?
		sed "s/^/REFDOM0: NETH ping: /" /tmp/neth-ping.out
		[ $rc != 0 ] && [ $try -lt 3 ] || break
		echo "REFDOM0: NETH note: ping failed (status $rc), run again"
		sleep 3
	done
}
neth_ping < /dev/null &
