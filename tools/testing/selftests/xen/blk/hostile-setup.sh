# SPDX-License-Identifier: GPL-2.0
# Sourced by the reference dom0's /init (lib/refdom0-init.sh) before its
# plan, in mode xen-pv-domU-hostile: blk/dom0-setup.sh first (blkback
# and the loop file for xvda), then, for each case with /domu/NAME.hostile
# (lines "DEVID CLASS"), the domain is created paused (create_flags) and
# after_create gives it one more disk per line whose backend is
# /domu/blkback_hostile DOMID DEVID CLASS rather than blkback: the nodes
# xl would write (frontend device/vbd/DEVID owned by the guest, our
# hostile-backend/vbd/DOMID/DEVID owned by dom0 and readable by the
# guest, both state Initialising), the program started in the
# background, then the domain unpaused.  Not under dom0's backend/:
# blkback watches backend/vbd and would take the device for its own.  After the case, each program's own log:
#   REFDOM0: HOSTILE-LOG LINE   ("HOSTILE DEVID CLASS: ..." of the program)
#   REFDOM0: HOSTILE LINE       this script's own steps and failures
. /domu/blk-setup.sh
ln -sf xenstore /usr/bin/xenstore-chmod
hostile_say() { echo "REFDOM0: HOSTILE $*"; }
HOSTILE_PIDS=

create_flags() { [ -f "/domu/$1.hostile" ] && echo -p; }

after_create() {	# NAME
	local domid dev cls fe be

	[ -f "/domu/$1.hostile" ] || return 0
	domid=$(xl domid "$1") || { hostile_say "$1: no domid"; return 1; }
	while read -r dev cls; do
		fe=/local/domain/$domid/device/vbd/$dev
		be=/local/domain/0/hostile-backend/vbd/$domid/$dev
		xenstore-write "$be/frontend" "$fe" "$be/frontend-id" "$domid" "$be/online" 1 \
			"$be/state" 1 "$be/hostile-class" "$cls" &&
		xenstore-chmod -r "$be" n0 "r$domid" &&
		xenstore-write "$fe/backend" "$be" "$fe/backend-id" 0 "$fe/virtual-device" "$dev" \
			"$fe/device-type" disk "$fe/state" 1 &&
		xenstore-chmod -r "$fe" "n$domid" r0 ||
			hostile_say "$1 vbd $dev: writing its xenstore nodes failed"
		/domu/blkback_hostile "$domid" "$dev" "$cls" > "/tmp/hostile-$dev.log" 2>&1 &
		HOSTILE_PIDS="$HOSTILE_PIDS $!"
		hostile_say "$1 vbd $dev class $cls: backend pid $! for domain $domid"
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
