# SPDX-License-Identifier: GPL-2.0
# xen-pv-domU-nethostile: our PV domU's netfront against backends that
# lie.  The guest has vif 0 on Linux's netback (as in xen-pv-domU-net:
# dom0's own IPv4 stack at 10.0.0.1 the peer) and fifteen interfaces
# vif 1..15 whose backend is netback_hostile (this directory, a static
# program run in the reference dom0: the rings through /dev/xen/gntdev,
# the event channel through /dev/xen/evtchn, xenstore through
# /dev/xen/xenbus), one class of bad response each (NETH below;
# net/hostile-setup.sh makes the nodes with the domain paused).  Suite
# xen_netfront_hostile (drivers/net/xen-netfront-hostile_test.c) sends
# two frames on each; each interface must be disabled alone, naming the
# rule, while the rest and vif 0 keep working.  The verdict: the guest's
# KTAP (it powers off itself); each interface's "backend broke the netif
# protocol on the RING ring: RULE" line with the ring and rule this file
# expects of the class, and the numbers in it the ones dom0's program
# says it sent; exactly fourteen such lines (none of vif 0), and vif 15
# (feature-rx-copy=0) refused with our xenbus error; dom0's ping
# of the guest's vif 0 answered 3/3; no panic, BUG, Oops or WARNING;
# Xen saying nothing of the domU; xl silent.
. "$here/lib/xen-mode.sh"
. "$here/lib/refdom0.sh"
NETH_TIMEOUT=${XEN_DOMU_TIMEOUT:-300}
NETH_MODS="xen-netback"
NETH_MAC=00:16:3e:4e:46:02
NETH_IP=10.0.0.2
NETH_DOM0_IP=10.0.0.1			# net/vif-hotplug's
NETH_VIF="'mac=$NETH_MAC, ip=$NETH_IP, script=/domu/vif-hotplug'"
# VIF CLASS RING RULE (netfront's words for what the class breaks)
NETH=("1 tx-id tx response id out of range"
      "2 tx-dup tx response for no outstanding request (unknown or duplicate id)"
      "3 tx-prodjump tx producer index past our requests or backwards"
      "4 tx-prodback tx producer index past our requests or backwards"
      "5 tx-status tx tx response status out of range"
      "6 tx-grant tx backend still holds the grant of a request it answered"
      "7 rx-id rx response id out of range"
      "8 rx-dup rx response for no outstanding request (unknown or duplicate id)"
      "9 rx-prodjump rx producer index past our requests or backwards"
      "10 rx-prodback rx producer index past our requests or backwards"
      "11 rx-status rx rx response status neither an error nor a frame length"
      "12 rx-len rx rx response offset + length past the granted page"
      "13 rx-flags rx rx response flags not negotiated"
      "14 rx-grant rx backend still holds the grant of a request it answered"
      "15 rx-nocopy xenbus backend offers no copying receive path")
NETH_CASES=(all_connected tx_unknown_id tx_duplicate_id tx_producer_past_ring
	    tx_producer_backwards tx_status_out_of_range tx_grant_still_mapped
	    rx_unknown_id rx_duplicate_id rx_producer_past_ring rx_producer_backwards
	    rx_status_out_of_range rx_oversized_length rx_flags_not_negotiated
	    rx_grant_still_mapped rx_no_copy_refused good_vif_answers_dom0)

mode_kernel() { echo "$build_dir/defconfig/vmlinux"; }
mode_check() {
	xen_mode_check && refdom0_check || return 1
	[ -f /usr/lib/x86_64-linux-gnu/libc.a ] || { echo "no static libc (libc6-dev)"; return 1; }
	[ -f /usr/include/xen/io/netif.h ] || { echo "no /usr/include/xen/io (libxen-dev)"; return 1; }
}

mode_boot() {	# LOG KERNEL
	local log=$1 ref=$build_dir/refdom0 ov xen out kver m f h args

	out=$(mkdir -p "$build_dir" && cd "$build_dir" && pwd)/xen-selftests
	make -s -C "$here" OUTPUT="$out" all > "$log.make" 2>&1 || { cat "$log.make" > "$log"; return 2; }
	refdom0_build "$ref" > "$log.refdom0" 2>&1 || { cat "$log.refdom0" > "$log"; return 2; }
	xen=$(xen_elf "$log") || return 2
	ov=$log.overlay
	rm -rf "$ov"; mkdir -p "$ov/domu/mods"
	cp "$2" "$ov/domu/vmlinux"
	kver=$(refdom0_kpkg); kver=${kver#linux-image-}
	for m in $NETH_MODS; do
		f=$(modinfo -k "$kver" -F filename "$m") || return 2
		cp "$f" "$ov/domu/mods/$m.ko"
	done
	cp "$here/net/hostile-setup.sh" "$ov/domu/setup.sh"
	cp "$here/net/vif-hotplug" "$ov/domu/vif-hotplug"
	cp "$out/netback_hostile" "$ov/domu/netback_hostile"
	args="$(refdom0_guest_args) net_test.mac=$NETH_MAC net_test.ip=$NETH_IP net_test.peer=$NETH_DOM0_IP"
	{ refdom0_guest_cfg nethostile "$args net_hostile=1 ktest.filter=xen_netfront_hostile" 128
	  echo "vif = [ $NETH_VIF ]"; } > "$ov/domu/nethostile.cfg"
	for h in "${NETH[@]}"; do
		read -r m f _ <<< "$h"
		echo "$m $f"
	done > "$ov/domu/nethostile.hostile"
	echo "nethostile self" > "$ov/domu/plan"
	refdom0_boot "$log" "$xen" "$ov" 1G 384M "$NETH_TIMEOUT" 120
}

# What the guest's fault line says (FIELD: id, status, offset, flags, rsp_prod).
neth_fault_field() {	# FAULT FIELD
	sed -n "s/.*[(; ]$2 \([-0-9a-fx]*\)[ ;)].*/\1/p" <<< "$1"
}

# Dom0's bad response against the guest's fault: the numbers it sent.
neth_cross_check() {	# CLASS SENT FAULT: "" or what differs
	local cls=$1 sent=$2 fault=$3 want got field

	case $cls in
	*-id) field=id; want=$(sed -n 's/.* id \(0x[0-9a-f]*\) for .*/\1/p' <<< "$sent"); want=$((want)) ;;
	*-grant) field=id; want=$(sed -n 's/.* for [rt]x id \([0-9]*\),.*/\1/p' <<< "$sent") ;;
	rx-nocopy) want=$(sed -n 's/.*feature-rx-copy \([0-9]*\) .*/\1/p' <<< "$sent")
		got=$(sed -n 's/.*(feature-rx-copy \([0-9]*\)).*/\1/p' <<< "$fault")
		[ -n "$want" ] && [ "$got" = "$want" ] ||
			echo "feature-rx-copy: dom0 wrote '$sent', the guest saw ${got:-nothing}"
		return ;;
	*-dup) field=id; want=$(sed -n 's/.*duplicate id \([0-9]*\) .*/\1/p' <<< "$sent") ;;
	*-prodjump|*-prodback) field=rsp_prod; want=$(sed -n 's/.*rsp_prod \([0-9]*\),.*/\1/p' <<< "$sent") ;;
	*-status) field=status; want=$(sed -n 's/.*status \(-*[0-9]*\) for .*/\1/p' <<< "$sent") ;;
	rx-len) field=offset; want=$(sed -n 's/.*offset \([0-9]*\) length.*/\1/p' <<< "$sent")
		got=$(neth_fault_field "$fault" status)
		[ "$got" = "$(sed -n 's/.* length \([0-9]*\) .*/\1/p' <<< "$sent")" ] ||
			{ echo "length: dom0 sent '$sent', the guest saw status $got"; return; } ;;
	rx-flags) field=flags; want=$(sed -n 's/.*flags \(0x[0-9a-f]*\) .*/\1/p' <<< "$sent") ;;
	esac
	got=$(neth_fault_field "$fault" "$field")
	[ -n "$want" ] && [ "$got" = "$want" ] ||
		echo "$field: dom0 sent '$sent', the guest saw ${got:-nothing}"
}

mode_judge() {	# LOG
	local log=$1 bad rc reason status verdict h dev cls ring rule fault diff n c nf=0
	local args=() sent=()

	grep -aq '^REFDOM0: PLAN done' "$log" || { echo "FAIL: dom0 never finished its plan"; return 1; }
	bad=$(grep -a '^REFDOM0: HOSTILE .*fail\|^REFDOM0: HOSTILE setup: ' "$log" | head -n 1)
	[ -z "$bad" ] || { echo "FAIL: dom0: ${bad#REFDOM0: }"; return 1; }
	bad=$(grep -a '^(XEN)' "$log" | grep -aE '\bd[1-9][0-9]*(v[0-9]+)?\b' | head -n 1)
	[ -z "$bad" ] || { echo "FAIL: Xen: $bad"; return 1; }
	bad=$(grep -a "^REFDOM0-XL nethostile" "$log" | grep -aiE 'error|warn|fail' | head -n 1)
	[ -z "$bad" ] || { echo "FAIL: xl: ${bad#REFDOM0-XL }"; return 1; }
	read -r rc reason <<< "$(grep -a "^REFDOM0: CASE nethostile RESULT " "$log" | tail -n 1 | tr -d '\r' |
		sed -n 's/.* xl_rc=\([0-9]*\) action_rc=[0-9]* reason=\([a-z0-9]*\).*/\1 \2/p')"
	[ "$rc" = 0 ] || { echo "FAIL: xl create exited with ${rc:-nothing}"; return 1; }
	case $reason in
	0) status=1 ;; 3) status=3 ;;
	*) echo "FAIL: the domain ended with shutdown reason $reason, not poweroff"; return 1 ;;
	esac
	grep -a "^REFDOM0-CON nethostile: " "$log" | sed "s/^REFDOM0-CON nethostile: //" | tr -d '\r' > "$log.guest"
	bad=$(grep -aE 'Kernel panic|BUG|Oops|WARNING|general protection' "$log.guest" | head -n 1)
	[ -z "$bad" ] || { echo "FAIL: guest: $bad"; return 1; }
	for h in "${NETH[@]}"; do
		read -r dev cls ring rule <<< "$h"
		args+=(--expect-line "netfront-hostile: vif $dev $cls disabled: $rule")
		# The dom0 program's own word: connected (but the refused
		# one), and what it sent.
		[ "$ring" = xenbus ] || grep -aq "^REFDOM0: HOSTILE-LOG HOSTILE $dev $cls: connected: " "$log" ||
			{ echo "FAIL: dom0's backend of vif $dev ($cls) never connected"; return 1; }
		bad=$(grep -a "^REFDOM0: HOSTILE-LOG HOSTILE $dev $cls: sent bad response: " "$log" | tr -d '\r' | head -n 1)
		[ -n "$bad" ] || { echo "FAIL: dom0's backend of vif $dev ($cls) never sent its bad response"; return 1; }
		bad=${bad#*sent bad response: }
		[ "${bad%% *}" = "$ring" ] ||
			{ echo "FAIL: dom0's backend of vif $dev ($cls) lied on '${bad%% *}', not $ring"; return 1; }
		if [ "$ring" = xenbus ]; then
			# Refused at its InitWait: our xenbus error, no ring.
			fault=$(grep -a "device/vif/$dev: [0-9]* $rule (" "$log.guest" | head -n 1)
			[ -n "$fault" ] || { echo "FAIL: vif $dev ($cls): no '$rule' error in the guest"; return 1; }
			grep -aq "^REFDOM0: HOSTILE-LOG HOSTILE $dev $cls: frontend state [56], its error '[0-9]* $rule" "$log" ||
				{ echo "FAIL: dom0's backend of vif $dev ($cls) never saw the frontend close with '$rule'"; return 1; }
		else
			args+=(--expect-line "device/vif/$dev: backend broke the netif protocol on the $ring ring: $rule (")
			fault=$(grep -a "device/vif/$dev: backend broke the netif protocol" "$log.guest" | head -n 1)
			nf=$((nf + 1))
		fi
		diff=$(neth_cross_check "$cls" "$bad" "$fault")
		[ -z "$diff" ] || { echo "FAIL: vif $dev ($cls): $diff"; return 1; }
		sent+=("$dev $cls: $bad")
	done
	# One fault a hostile interface, none of vif 0's (real netback).
	n=$(grep -ac "backend broke the netif protocol" "$log.guest")
	[ "$n" = "$nf" ] ||
		{ echo "FAIL: $n protocol faults in the guest, not $nf (one a hostile vif's ring)"; return 1; }
	grep -aq "^REFDOM0: NETH ping: 3 packets transmitted, 3 packets received" "$log" ||
		{ echo "FAIL: dom0's ping of $NETH_IP: $(grep -a '^REFDOM0: NETH ping: .*transmitted' "$log" | tr -d '\r')"; return 1; }
	for c in "${NETH_CASES[@]}"; do args+=(--expect-suite "xen_netfront_hostile.hostile_$c"); done
	verdict=$("$PYTHON" "$here/ktap.py" --exit-status "$status" --expect-suite xen_netfront_hostile \
		--expect-line "netfront: device/vif/0: connected, mac $NETH_MAC" "${args[@]}" "$log.guest")
	case $verdict in PASS:*) ;; *) echo "$verdict"; return 1 ;; esac
	# Debian's user space in dom0 dies of its heap now and then
	# (Documentation/testing.md): said, not judged, unless it was ours
	# (each program's log above is whole, and each exit status is
	# printed by net/hostile-setup.sh).
	bad=$(grep -a '^REFDOM0: HOSTILE backend pid .* exit status' "$log" | tr -d '\r' |
		grep -avc 'exit status 0$')
	[ "$bad" = 0 ] || { echo "FAIL: $bad of dom0's hostile backends did not exit 0"; return 1; }
	n=$(grep -ac 'Segmentation fault\|malloc()' "$log")
	[ "$n" = 0 ] && n= || n="; $n crash(es) of dom0's own user space noted"
	echo "$verdict; ${#NETH[@]} interfaces disabled alone ($nf on a ring), vif 0 answered dom0's ping 3/3; dom0 sent: $(IFS=';'; echo "${sent[*]}")$n"
}
