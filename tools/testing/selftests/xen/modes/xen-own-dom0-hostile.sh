# SPDX-License-Identifier: GPL-2.0
# xen-own-dom0-hostile: xen-own-dom0 with two guests side by side, the
# second one hostile (dom0_test.hostile=1, suite dom0_hostile in
# drivers/xen/dom0/hostile_guest_test.c): it floods xenstore past its
# entry and watch quotas, reaches for other domains' keys and lies in its
# block ring.  The first guest runs its store and disk suites meanwhile.
# dom0 must refuse each abuse by name, close only the liar's disk, and
# see both guests power off: every guest's KTAP passes, the hostile one
# with all its cases run.
XEN_OWN_GUESTS=2
XEN_OWN_GUEST_ARGS="ktest.filter=xen_start_info,xen_console,xen_events,xen_grant,xen_xenstore,xen_blkfront"
XEN_OWN_GUEST_ARGS+=" blk_test.sectors=65536 blk_test.seed=$((RANDOM % 1000))"
XEN_OWN_GUEST_ARGS+=" -- dom0_test.hostile=1 ktest.filter=dom0_hostile"
. "$here/modes/xen-own-dom0.sh"
OWN_SUITES_2=(dom0_hostile.hostile_store_entries_past_quota
	      dom0_hostile.hostile_store_watches_past_quota
	      dom0_hostile.hostile_store_other_domains_refused
	      dom0_hostile.hostile_block_ring_lies)
MODE_EXPECT+=("the frontend broke the blkif protocol: request producer more than a ring ahead")
