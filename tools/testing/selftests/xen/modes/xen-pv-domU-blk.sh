# SPDX-License-Identifier: GPL-2.0
# xen-pv-domU-blk: our PV domU with a disk, served by Linux's blkback in
# the reference dom0 (lib/refdom0.sh) from a 32 MiB file in dom0's tmpfs
# on /dev/loop0 (blk/dom0-setup.sh; xl's hotplug step done by the busybox
# script blk/blk-hotplug, Debian's needing bash).  Two domains in turn
# (dom0's plan, lib/refdom0-init.sh):
#   blk      suites xen_blkfront, xen_blkfront_bounce, xen_blkif_rsp,
#            xen_xenbus_frontend; the guest powers off itself and its KTAP
#            is the verdict;
#   blk-untrusted  xen_blkfront.trusted=0 (bounce pages, never a grant of
#            the caller's buffer): suites xen_blkfront and
#            xen_blkfront_bounce again, every seed + BLK_UNTRUSTED_SEED
#            (blk_test.seed) so that blk's data in the file cannot pass
#            for its own;
#   blk-ack  blk_test.ack=1: the guest writes, flushes, prints each range
#            once its flush is done, and waits; dom0 `xl destroy`s it as
#            soon as it waits.
# After each, dom0 reads back from the backing file every range the guest
# said it wrote (md5 per range), and the judge here compares each with
# the pattern it computes itself (the guest's pattern_word(), written
# again in Python): for blk-ack that is "no acknowledged write lost".
# Any xl error or warning, or Xen speaking of a domU, fails the mode.
. "$here/lib/xen-mode.sh"
. "$here/lib/refdom0.sh"
BLK_TIMEOUT=${XEN_DOMU_TIMEOUT:-300}	# the whole QEMU run
BLK_CASE_TIMEOUT=120			# each wait of dom0's
BLK_SECTORS=$((32 * 2048))		# blk/dom0-setup.sh's BLK_MIB
BLK_MODS="xen-blkback loop"
BLK_DISK="'format=raw, vdev=xvda, access=rw, backendtype=phy, script=/domu/blk-hotplug, target=/dev/loop0'"
BLK_SUITES=(xen_blkfront xen_blkif_rsp xen_xenbus_frontend
	    xen_blkfront.blk_write_read_patterns xen_blkfront.blk_queue_depth
	    xen_blkfront.blk_lying_producer_disables xen_xenbus_frontend.xbft_walks_the_states
	    xen_blkfront_bounce.bb_grants_where_the_mode_says
	    xen_blkfront_bounce.bb_trusted_node_read_at_connect)
BLK_UNTRUSTED_SUITES=(xen_blkfront xen_blkfront_bounce
	    xen_blkfront.blk_write_read_patterns xen_blkfront.blk_indirect_when_offered
	    xen_blkfront.blk_reconnects xen_blkfront_bounce.bb_grants_where_the_mode_says)
BLK_UNTRUSTED_SEED=1000

mode_kernel() { echo "$build_dir/defconfig/vmlinux"; }
mode_check() { xen_mode_check && refdom0_check; }

mode_boot() {	# LOG KERNEL
	local log=$1 ref=$build_dir/refdom0 ov xen base kver m f

	refdom0_build "$ref" > "$log.refdom0" 2>&1 || { cat "$log.refdom0" > "$log"; return 2; }
	xen=$(xen_elf "$log") || return 2
	base="$(refdom0_guest_args) blk_test.sectors=$BLK_SECTORS"
	ov=$log.overlay
	rm -rf "$ov"; mkdir -p "$ov/domu/mods"
	cp "$2" "$ov/domu/vmlinux"
	kver=$(refdom0_kpkg); kver=${kver#linux-image-}
	for m in $BLK_MODS; do
		f=$(modinfo -k "$kver" -F filename "$m") || return 2
		cp "$f" "$ov/domu/mods/$m.ko"
	done
	cp "$here/blk/dom0-setup.sh" "$ov/domu/setup.sh"
	cp "$here/blk/blk-hotplug" "$ov/domu/blk-hotplug"
	{ refdom0_guest_cfg blk "$base ktest.filter=xen_blkfront,xen_blkfront_bounce,xen_blkif_rsp,xen_xenbus_frontend" 128
	  echo "disk = [ $BLK_DISK ]"; } > "$ov/domu/blk.cfg"
	{ refdom0_guest_cfg blk-untrusted "$base ktest.filter=xen_blkfront,xen_blkfront_bounce xen_blkfront.trusted=0 blk_test.seed=$BLK_UNTRUSTED_SEED" 128
	  echo "disk = [ $BLK_DISK ]"; } > "$ov/domu/blk-untrusted.cfg"
	{ refdom0_guest_cfg blk-ack "$base ktest.filter=xen_blkfront blk_test.ack=1 xen_wait_control=60" 128
	  echo "disk = [ $BLK_DISK ]"; } > "$ov/domu/blk-ack.cfg"
	printf 'blk self\nblk-untrusted self\nblk-ack destroy\n' > "$ov/domu/plan"
	refdom0_boot "$log" "$xen" "$ov" 1G 384M "$BLK_TIMEOUT" "$BLK_CASE_TIMEOUT"
}

# The md5 of blocks A..B of the pattern of seed S (xen-blkfront_test.c).
blk_pattern_md5() {	# SEED A B
	"$PYTHON" - "$@" <<-'PY'
	import hashlib, struct, sys
	seed, a, b = (int(x) for x in sys.argv[1:])
	k = (seed * 0x9e3779b97f4a7c15) & (2**64 - 1)
	h = hashlib.md5()
	for blk in range(a, b + 1):
	    base = blk * 4096
	    h.update(struct.pack("<512Q", *((base + 8 * i) ^ k for i in range(512))))
	print(h.hexdigest())
	PY
}

# Every range the guest of case NAME printed as KIND, reread by dom0,
# must hold the pattern.  Prints how many ranges; fails on the first bad.
blk_judge_ranges() {	# LOG NAME KIND
	local log=$1 name=$2 kind=$3 n=0 seed a b got want line

	while read -r seed a b; do
		line=$(grep -a "^REFDOM0: BLK $name $kind seed $seed blocks $a-$b md5 " "$log" | tr -d '\r' | tail -n 1)
		[ -n "$line" ] || { echo "FAIL: $name: dom0 never reread blocks $a-$b"; return 1; }
		got=${line##* }
		want=$(blk_pattern_md5 "$seed" "$a" "$b")
		[ "$got" = "$want" ] ||
			{ echo "FAIL: $name: blocks $a-$b (seed $seed) in the backing file: md5 $got, the pattern's $want"; return 1; }
		n=$((n + 1))
	done < <(grep -a "^REFDOM0-CON $name: " "$log" | tr -d '\r' |
		 sed -n "s/.*blkfront-$kind: seed \([0-9]*\) blocks \([0-9]*\)-\([0-9]*\).*/\1 \2 \3/p")
	echo "$n"
}

blk_case_result() {	# LOG NAME: "xl_rc action_rc reason"
	grep -a "^REFDOM0: CASE $2 RESULT " "$1" | tail -n 1 | tr -d '\r' |
		sed -n 's/.* xl_rc=\([0-9]*\) action_rc=\([0-9]*\) reason=\([a-z0-9]*\).*/\1 \2 \3/p'
}

# A case whose guest powers off itself: its KTAP passes with SUITE...
# (ktap.py), it connected with HOW (the driver's word: "bounce pages" or
# "grants of the caller's pages"), and six or more ranges it wrote, each
# of seed BASE or more, read back from dom0's file with the pattern.
# Prints "VERDICT;N" (N ranges).
blk_judge_self() {	# LOG NAME HOW BASE SUITE...
	local log=$1 name=$2 how=$3 base=$4 rc arc reason status verdict n low e args=()

	shift 4
	read -r rc arc reason <<< "$(blk_case_result "$log" "$name")"
	[ "$rc" = 0 ] || { echo "FAIL: $name: xl create exited with ${rc:-nothing}"; return 1; }
	grep -a "^REFDOM0-CON $name: " "$log" | sed "s/^REFDOM0-CON $name: //" | tr -d '\r' > "$log.$name"
	case $reason in
	0) status=1 ;; 3) status=3 ;;
	*) echo "FAIL: $name: the domain ended with shutdown reason $reason, not poweroff"; return 1 ;;
	esac
	for e in "$@"; do args+=(--expect-suite "$e"); done
	verdict=$("$PYTHON" "$here/ktap.py" --exit-status "$status" "${args[@]}" \
		--expect-line "blkfront: device/vbd/51712: xvda connected" \
		--expect-line "ring page(s), $how" "$log.$name")
	case $verdict in PASS:*) ;; *) echo "$name: $verdict"; return 1 ;; esac
	n=$(blk_judge_ranges "$log" "$name" pattern) || { echo "$n"; return 1; }
	[ "$n" -ge 6 ] || { echo "FAIL: $name: $n ranges written and reread, not 6 or more"; return 1; }
	low=$(sed -n 's/.*blkfront-pattern: seed \([0-9]*\) blocks.*/\1/p' "$log.$name" | sort -n | head -n 1)
	[ "${low:-0}" -ge "$base" ] ||
		{ echo "FAIL: $name: a range of seed $low, below this guest's $base"; return 1; }
	echo "$verdict;$n"
}

mode_judge() {	# LOG
	local log=$1 bad rc arc reason verdict vu n nu nack

	grep -aq '^REFDOM0: PLAN done' "$log" || { echo "FAIL: dom0 never finished its plan"; return 1; }
	bad=$(grep -a '^REFDOM0: BLK setup: .*failed\|^REFDOM0: BLK setup: no ' "$log" | head -n 1)
	[ -z "$bad" ] || { echo "FAIL: dom0: ${bad#REFDOM0: BLK }"; return 1; }
	bad=$(grep -a '^(XEN)' "$log" | grep -aE '\bd[1-9][0-9]*(v[0-9]+)?\b' | head -n 1)
	[ -z "$bad" ] || { echo "FAIL: Xen: $bad"; return 1; }
	bad=$(grep -a "^REFDOM0-XL blk" "$log" | grep -aiE 'error|warn|fail' | head -n 1)
	[ -z "$bad" ] || { echo "FAIL: xl: ${bad#REFDOM0-XL }"; return 1; }

	verdict=$(blk_judge_self "$log" blk "grants of the caller's pages" 0 "${BLK_SUITES[@]}") ||
		{ echo "$verdict"; return 1; }
	n=${verdict##*;}
	verdict=${verdict%;*}
	vu=$(blk_judge_self "$log" blk-untrusted "bounce pages" "$BLK_UNTRUSTED_SEED" \
		"${BLK_UNTRUSTED_SUITES[@]}") || { echo "$vu"; return 1; }
	nu=${vu##*;}
	! grep -aq "ring page(s), grants of the caller's pages" "$log.blk-untrusted" ||
		{ echo "FAIL: blk-untrusted: a connection granted the caller's pages"; return 1; }

	read -r rc arc reason <<< "$(blk_case_result "$log" blk-ack)"
	[ "$rc" = 0 ] && [ "$arc" = 0 ] ||
		{ echo "FAIL: blk-ack: xl create/destroy exited with ${rc:-?}/${arc:-?}"; return 1; }
	[ "$reason" = none ] || { echo "FAIL: blk-ack: ended with reason $reason, not destroyed"; return 1; }
	grep -a "^REFDOM0-CON blk-ack: " "$log" | grep -qa "waiting up to .* for the toolstack" ||
		{ echo "FAIL: blk-ack: the guest never waited to be destroyed"; return 1; }
	nack=$(blk_judge_ranges "$log" blk-ack acked) || { echo "$nack"; return 1; }
	[ "$nack" = 8 ] || { echo "FAIL: blk-ack: $nack acknowledged ranges, not 8"; return 1; }
	echo "${verdict}; blk-untrusted ${vu%;*}; $n ranges reread from dom0's file (blk), $nu (blk-untrusted, bounce pages); $nack acknowledged ranges found after xl destroy"
}
