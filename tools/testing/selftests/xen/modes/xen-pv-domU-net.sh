# SPDX-License-Identifier: GPL-2.0
# xen-pv-domU-net: our PV domU with a network interface, served by Linux's
# netback in the reference dom0 (lib/refdom0.sh).  No bridge: xl's hotplug
# step (the busybox script net/vif-hotplug) gives dom0's end of the vif
# the address 10.0.0.1/24, and dom0's own IPv4 stack is the guest's peer.
# One domain (dom0's plan, lib/refdom0-init.sh), suites xen_netfront and
# xen_netif_rsp; the guest powers off itself and its KTAP is its verdict:
# its ARP request answered with dom0's MAC, its ICMP echoes answered.
# dom0's side (net/dom0-setup.sh): busybox ping of the guest's address,
# which our guest must answer, and netback's vif counters, which must
# show every frame the guest said it sent.  Any xl error or warning, or
# Xen speaking of a domU, fails the mode.
. "$here/lib/xen-mode.sh"
. "$here/lib/refdom0.sh"
NET_TIMEOUT=${XEN_DOMU_TIMEOUT:-300}	# the whole QEMU run
NET_CASE_TIMEOUT=120			# each wait of dom0's
NET_MODS="xen-netback"
NET_MAC=00:16:3e:4e:46:02
NET_IP=10.0.0.2
NET_DOM0_IP=10.0.0.1			# net/vif-hotplug's
NET_VIF="'mac=$NET_MAC, ip=$NET_IP, script=/domu/vif-hotplug'"
NET_SUITES=(xen_netfront xen_netif_rsp xen_netfront.net_arp_reply xen_netfront.net_icmp_echo
	    xen_netfront.net_answers_dom0 xen_netfront.net_tx_rate
	    xen_netfront.net_dom0_counted xen_netfront.net_lying_producer_disables
	    xen_netfront.net_reconnect_after_lie)

mode_kernel() { echo "$build_dir/defconfig/vmlinux"; }
mode_check() { xen_mode_check && refdom0_check; }

mode_boot() {	# LOG KERNEL
	local log=$1 ref=$build_dir/refdom0 ov xen args kver m f

	refdom0_build "$ref" > "$log.refdom0" 2>&1 || { cat "$log.refdom0" > "$log"; return 2; }
	xen=$(xen_elf "$log") || return 2
	args="$(refdom0_guest_args) net_test.mac=$NET_MAC net_test.ip=$NET_IP net_test.peer=$NET_DOM0_IP"
	ov=$log.overlay
	rm -rf "$ov"; mkdir -p "$ov/domu/mods"
	cp "$2" "$ov/domu/vmlinux"
	kver=$(refdom0_kpkg); kver=${kver#linux-image-}
	for m in $NET_MODS; do
		f=$(modinfo -k "$kver" -F filename "$m") || return 2
		cp "$f" "$ov/domu/mods/$m.ko"
	done
	cp "$here/net/dom0-setup.sh" "$ov/domu/setup.sh"
	cp "$here/net/vif-hotplug" "$ov/domu/vif-hotplug"
	{ refdom0_guest_cfg net "$args ktest.filter=xen_netfront,xen_netif_rsp" 128
	  echo "vif = [ $NET_VIF ]"; } > "$ov/domu/net.cfg"
	echo 'net self' > "$ov/domu/plan"
	# NET_ICOUNT=libicount.so (tools/perf-icount): count instructions
	# too, the plugin's lines in LOG.icount (Documentation/netfront.md).
	refdom0_boot "$log" "$xen" "$ov" 1G 384M "$NET_TIMEOUT" "$NET_CASE_TIMEOUT" \
		${NET_ICOUNT:+-plugin "$NET_ICOUNT" -d plugin -D "$log.icount"}
}

net_case_result() {	# LOG NAME: "xl_rc action_rc reason"
	grep -a "^REFDOM0: CASE $2 RESULT " "$1" | tail -n 1 | tr -d '\r' |
		sed -n 's/.* xl_rc=\([0-9]*\) action_rc=\([0-9]*\) reason=\([a-z0-9]*\).*/\1 \2 \3/p'
}

# dom0's counter NAME of the guest's vif (the one the guest had).
net_stat() {	# LOG NAME
	grep -a "^REFDOM0: NET stat vif[0-9]*\.0 $2 " "$1" | tr -d '\r' | tail -n 1 | sed 's/.* //'
}

mode_judge() {	# LOG
	local log=$1 bad rc arc reason status verdict e args=() rx sent rate got tx n

	grep -aq '^REFDOM0: PLAN done' "$log" || { echo "FAIL: dom0 never finished its plan"; return 1; }
	bad=$(grep -a '^REFDOM0: NET setup: ' "$log" | head -n 1 | tr -d '\r')
	[ -z "$bad" ] || { echo "FAIL: dom0: ${bad#REFDOM0: NET }"; return 1; }
	bad=$(grep -a '^(XEN)' "$log" | grep -aE '\bd[1-9][0-9]*(v[0-9]+)?\b' | head -n 1)
	[ -z "$bad" ] || { echo "FAIL: Xen: $bad"; return 1; }
	bad=$(grep -a "^REFDOM0-XL net" "$log" | grep -aiE 'error|warn|fail' | head -n 1)
	[ -z "$bad" ] || { echo "FAIL: xl: ${bad#REFDOM0-XL }"; return 1; }

	read -r rc arc reason <<< "$(net_case_result "$log" net)"
	[ "$rc" = 0 ] || { echo "FAIL: net: xl create exited with ${rc:-nothing}"; return 1; }
	grep -a "^REFDOM0-CON net: " "$log" | sed 's/^REFDOM0-CON net: //' | tr -d '\r' > "$log.guest"
	case $reason in
	0) status=1 ;; 3) status=3 ;;
	*) echo "FAIL: net: the domain ended with shutdown reason $reason, not poweroff"; return 1 ;;
	esac
	for e in "${NET_SUITES[@]}"; do args+=(--expect-suite "$e"); done
	verdict=$("$PYTHON" "$here/ktap.py" --exit-status "$status" "${args[@]}" \
		--expect-line "netfront: device/vif/0: connected, mac $NET_MAC" "$log.guest")
	case $verdict in PASS:*) ;; *) echo "net: $verdict"; return 1 ;; esac

	# dom0's side: its ping answered by our guest, and its counters.
	grep -aq "^REFDOM0: NET ping: 3 packets transmitted, 3 packets received" "$log" ||
		{ echo "FAIL: dom0's ping of $NET_IP: $(grep -a '^REFDOM0: NET ping: .*transmitted' "$log" | tr -d '\r')"; return 1; }
	grep -aq "^REFDOM0: NET ping2: 1 packets transmitted, 1 packets received" "$log" ||
		{ echo "FAIL: dom0's second ping of $NET_IP was not answered"; return 1; }
	sent=$(sed -n 's/.*netfront-tx-total: \([0-9]*\) frames sent.*/\1/p' "$log.guest" | tail -n 1)
	rx=$(net_stat "$log" rx_packets)
	[ -n "$sent" ] && [ -n "$rx" ] || { echo "FAIL: no frame count from the guest (${sent:-none}) or dom0 (${rx:-none})"; return 1; }
	# Every frame the guest sent reached dom0's stack; at most a few
	# answers to dom0's ARP requests since the guest counted.
	[ "$rx" -ge "$sent" ] && [ "$rx" -le $((sent + 4)) ] ||
		{ echo "FAIL: dom0's vif received $rx frames, the guest sent $sent"; return 1; }
	[ "$rx" -ge 8000 ] || { echo "FAIL: dom0's vif received $rx frames, not the 8000 of the rate case"; return 1; }
	# Nothing received twice or made up: dom0 sent at least as many.
	got=$(sed -n 's/.*netfront-rx-total: \([0-9]*\) frames received.*/\1/p' "$log.guest" | tail -n 1)
	tx=$(net_stat "$log" tx_packets)
	[ -n "$got" ] && [ -n "$tx" ] && [ "$got" -ge 8 ] && [ "$tx" -ge "$got" ] ||
		{ echo "FAIL: the guest received ${got:-?} frames (8 or more expected), dom0's vif sent ${tx:-?}"; return 1; }
	rate=$(sed -n 's/.*netfront-tx-rate\(-block\)*: .* \([0-9]* frames\/s (.*)\).*/\2/p' "$log.guest" | tr '\n' ' ')
	n=$(grep -ac '^REFDOM0: NET note: ' "$log")
	[ "$n" = 0 ] || rate="$rate; $n dom0 ping(s) died and ran again"
	echo "${verdict}; dom0 pinged the guest (3/3, 1/1); dom0's vif received $rx frames (the guest sent $sent) and sent $tx (the guest received $got); tx of 64-byte frames: ${rate% }"
}
