# SPDX-License-Identifier: GPL-2.0
# Sourced by the reference dom0's /init (lib/refdom0-init.sh) before its
# bench plan, for scripts/bench-pvdrv.sh: the backends from /domu/mods,
# and what /domu/pvdrv says the part needs:
#   blk  a zeroed 32 MiB file in dom0's tmpfs on /dev/loop0, the one
#        backing file every guest of the plan gets as xvda;
#   net  in the background, for each guest of the plan in turn (its name
#        in /domu/pvdrv-net, "NAME ping|noping" a line): once its console
#        says it has sent its frames ("netfront-tx-total" or "pvdrv-net:
#        sent"), netback's counters of its vif, then with "ping" (ours
#        waits for it before it goes on) one ping of the guest.
#   REFDOM0: PVDRV stat NAME VIF COUNTER VALUE
#   REFDOM0: PVDRV setup: LINE   what went wrong setting up
pvdrv_say() { echo "REFDOM0: PVDRV $*"; }
for m in /domu/mods/*.ko; do
	insmod "$m" || pvdrv_say "setup: insmod $m failed"
done
for t in read write rm; do ln -sf xenstore "/usr/bin/xenstore-$t"; done
pvdrv_part=$(cat /domu/pvdrv)

if [ "$pvdrv_part" = blk ]; then
	dd if=/dev/zero of=/tmp/blk.img bs=1M count=32 2> /dev/null || pvdrv_say "setup: no backing file"
	i=0
	while [ ! -b /dev/loop0 ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	losetup /dev/loop0 /tmp/blk.img || pvdrv_say "setup: losetup failed"
fi

pvdrv_wait_con() {	# NAME: until its console says it sent its frames
	local i=0 con=/var/log/xen/console/guest-$1.log

	while ! grep -q 'netfront-tx-total\|pvdrv-net: sent' "$con" 2> /dev/null &&
	      [ $i -lt 3000 ]; do
		sleep 0.1; i=$((i + 1))
	done
	grep -q 'netfront-tx-total\|pvdrv-net: sent' "$con" 2> /dev/null
}

pvdrv_net_side() {
	local name ping vif c v

	while read -r name ping; do
		pvdrv_wait_con "$name" || { pvdrv_say "setup: $name never said it sent"; continue; }
		for vif in /sys/class/net/vif*; do
			for c in rx_packets rx_bytes rx_dropped; do
				read -r v < "$vif/statistics/$c"
				pvdrv_say "stat $name ${vif##*/} $c $v"
			done
		done
		[ "$ping" != ping ] || ping -c 1 -w 30 10.0.0.2 > /dev/null 2>&1
	done < /domu/pvdrv-net
}
[ "$pvdrv_part" != net ] || pvdrv_net_side < /dev/null &
