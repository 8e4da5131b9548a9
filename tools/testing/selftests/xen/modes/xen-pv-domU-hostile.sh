# SPDX-License-Identifier: GPL-2.0
# xen-pv-domU-hostile: our PV domU's blkfront against backends that lie.
# The guest has xvda on Linux's blkback (as in xen-pv-domU-blk) and six
# disks xvdb..xvdg whose backend is blkback_hostile (this directory, a
# static program run in the reference dom0: the ring through
# /dev/xen/gntdev, the event channel through /dev/xen/evtchn, xenstore
# through /dev/xen/xenbus), one class of bad response each (HOSTILE
# below; blk/hostile-setup.sh makes the nodes with the domain paused).
# Suite xen_blkfront_hostile (drivers/block/xen-blkfront-hostile_test.c)
# reads each, and each must be disabled alone, naming the rule, while
# the rest and xvda keep working.  The verdict: the guest's KTAP (it
# powers off itself), each disk's "backend broke the blkif protocol:
# RULE" line in its console with the rule this file expects of the
# class, no panic, BUG or Oops, Xen saying nothing of the domU, xl
# silent, and every dom0 program's own log saying it connected, which
# bad response it sent, and that the disabled frontend then said Closing.
. "$here/lib/xen-mode.sh"
. "$here/lib/refdom0.sh"
HOSTILE_TIMEOUT=${XEN_DOMU_TIMEOUT:-300}
HOSTILE_SECTORS=$((32 * 2048))		# blk/dom0-setup.sh's BLK_MIB
HOSTILE_MODS="xen-blkback loop"
HOSTILE_DISK="'format=raw, vdev=xvda, access=rw, backendtype=phy, script=/domu/blk-hotplug, target=/dev/loop0'"
# DISK VDEV CLASS RULE (blkfront's words for what the class breaks)
HOSTILE=("xvdb 51728 id response id out of range"
	 "xvdc 51744 dup response for no outstanding request (unknown or duplicate id)"
	 "xvdd 51760 op response operation is not the request's"
	 "xvde 51776 prodjump producer index past our requests or backwards"
	 "xvdf 51792 prodback producer index past our requests or backwards"
	 "xvdg 51808 status response status out of range")

mode_kernel() { echo "$build_dir/defconfig/vmlinux"; }
mode_check() {
	xen_mode_check && refdom0_check || return 1
	[ -f /usr/lib/x86_64-linux-gnu/libc.a ] || { echo "no static libc (libc6-dev)"; return 1; }
	[ -f /usr/include/xen/io/blkif.h ] || { echo "no /usr/include/xen/io (libxen-dev)"; return 1; }
}

mode_boot() {	# LOG KERNEL
	local log=$1 ref=$build_dir/refdom0 ov xen out kver m f h disk vdev cls

	out=$(mkdir -p "$build_dir" && cd "$build_dir" && pwd)/xen-selftests
	make -s -C "$here" OUTPUT="$out" all > "$log.make" 2>&1 || { cat "$log.make" > "$log"; return 2; }
	refdom0_build "$ref" > "$log.refdom0" 2>&1 || { cat "$log.refdom0" > "$log"; return 2; }
	xen=$(xen_elf "$log") || return 2
	ov=$log.overlay
	rm -rf "$ov"; mkdir -p "$ov/domu/mods"
	cp "$2" "$ov/domu/vmlinux"
	kver=$(refdom0_kpkg); kver=${kver#linux-image-}
	for m in $HOSTILE_MODS; do
		f=$(modinfo -k "$kver" -F filename "$m") || return 2
		cp "$f" "$ov/domu/mods/$m.ko"
	done
	cp "$here/blk/dom0-setup.sh" "$ov/domu/blk-setup.sh"
	cp "$here/blk/hostile-setup.sh" "$ov/domu/setup.sh"
	cp "$here/blk/blk-hotplug" "$ov/domu/blk-hotplug"
	cp "$out/blkback_hostile" "$ov/domu/blkback_hostile"
	{ refdom0_guest_cfg hostile "$(refdom0_guest_args) blk_test.sectors=$HOSTILE_SECTORS blk_hostile=1 ktest.filter=xen_blkfront_hostile" 128
	  echo "disk = [ $HOSTILE_DISK ]"; } > "$ov/domu/hostile.cfg"
	for h in "${HOSTILE[@]}"; do
		read -r disk vdev cls _ <<< "$h"
		echo "$vdev $cls"
	done > "$ov/domu/hostile.hostile"
	echo "hostile self" > "$ov/domu/plan"
	refdom0_boot "$log" "$xen" "$ov" 1G 384M "$HOSTILE_TIMEOUT" 120
}

mode_judge() {	# LOG
	local log=$1 bad rc reason status verdict h disk vdev cls rule n args=() sent=()

	grep -aq '^REFDOM0: PLAN done' "$log" || { echo "FAIL: dom0 never finished its plan"; return 1; }
	bad=$(grep -a '^REFDOM0: BLK setup: .*failed\|^REFDOM0: BLK setup: no \|^REFDOM0: HOSTILE .*fail' "$log" | head -n 1)
	[ -z "$bad" ] || { echo "FAIL: dom0: ${bad#REFDOM0: }"; return 1; }
	bad=$(grep -a '^(XEN)' "$log" | grep -aE '\bd[1-9][0-9]*(v[0-9]+)?\b' | head -n 1)
	[ -z "$bad" ] || { echo "FAIL: Xen: $bad"; return 1; }
	bad=$(grep -a "^REFDOM0-XL hostile" "$log" | grep -aiE 'error|warn|fail' | head -n 1)
	[ -z "$bad" ] || { echo "FAIL: xl: ${bad#REFDOM0-XL }"; return 1; }
	read -r rc reason <<< "$(grep -a "^REFDOM0: CASE hostile RESULT " "$log" | tail -n 1 | tr -d '\r' |
		sed -n 's/.* xl_rc=\([0-9]*\) action_rc=[0-9]* reason=\([a-z0-9]*\).*/\1 \2/p')"
	[ "$rc" = 0 ] || { echo "FAIL: xl create exited with ${rc:-nothing}"; return 1; }
	case $reason in
	0) status=1 ;; 3) status=3 ;;
	*) echo "FAIL: the domain ended with shutdown reason $reason, not poweroff"; return 1 ;;
	esac
	grep -a "^REFDOM0-CON hostile: " "$log" | sed "s/^REFDOM0-CON hostile: //" | tr -d '\r' > "$log.hostile"
	bad=$(grep -aE 'Kernel panic|BUG|Oops|general protection' "$log.hostile" | head -n 1)
	[ -z "$bad" ] || { echo "FAIL: guest: $bad"; return 1; }
	for h in "${HOSTILE[@]}"; do
		read -r disk vdev cls rule <<< "$h"
		args+=(--expect-line "$disk: backend broke the blkif protocol: $rule ("
		       --expect-line "blkfront-hostile: $disk $cls disabled: $rule")
		# The dom0 program's own word: connected, and what it sent.
		grep -aq "^REFDOM0: HOSTILE-LOG HOSTILE $vdev $cls: connected: " "$log" ||
			{ echo "FAIL: dom0's backend of $disk ($cls) never connected"; return 1; }
		bad=$(grep -a "^REFDOM0: HOSTILE-LOG HOSTILE $vdev $cls: sent bad response: " "$log" | tr -d '\r' | head -n 1)
		[ -n "$bad" ] || { echo "FAIL: dom0's backend of $disk ($cls) never sent its bad response"; return 1; }
		sent+=("$cls: ${bad#*sent bad response: }")
		# ... and saw the disabled frontend say Closing (then closed too).
		grep -aq "^REFDOM0: HOSTILE-LOG HOSTILE $vdev $cls: frontend Closing (state 5)" "$log" ||
			{ echo "FAIL: dom0's backend of $disk ($cls) never saw the frontend Closing"; return 1; }
	done
	# One fault a hostile disk, none of xvda's (real blkback).
	n=$(grep -ac "backend broke the blkif protocol" "$log.hostile")
	[ "$n" = "${#HOSTILE[@]}" ] ||
		{ echo "FAIL: $n protocol faults in the guest, not ${#HOSTILE[@]} (one a hostile disk)"; return 1; }
	verdict=$("$PYTHON" "$here/ktap.py" --exit-status "$status" --expect-suite xen_blkfront_hostile \
		--expect-suite xen_blkfront_hostile.hostile_good_disk_still_reads \
		--expect-line "blkfront: device/vbd/51712: xvda connected" "${args[@]}" "$log.hostile")
	case $verdict in PASS:*) ;; *) echo "$verdict"; return 1 ;; esac
	echo "$verdict; ${#HOSTILE[@]} disks disabled alone, dom0 sent: $(IFS=';'; echo "${sent[*]}")"
}
