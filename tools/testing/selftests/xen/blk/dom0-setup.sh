# SPDX-License-Identifier: GPL-2.0
# Sourced by the reference dom0's /init (lib/refdom0-init.sh) before its
# plan, in mode xen-pv-domU-blk: Linux's blkback and loop from /domu/mods,
# a zeroed backing file of BLK_MIB MiB in dom0's tmpfs on /dev/loop0 for
# the guests' disk, and after_case NAME, which dom0's plan runs after
# each domain is gone: for each range the guest said it wrote
# ("blkfront-pattern:" or "blkfront-acked: seed S blocks A-B", 4 KiB
# blocks), the md5 of those blocks as the backing file now holds them:
#   REFDOM0: BLK NAME KIND seed S blocks A-B md5 M
#   REFDOM0: BLK setup: LINE   what went wrong setting up
BLK_IMG=/tmp/blk.img
BLK_MIB=32
blk_say() { echo "REFDOM0: BLK $*"; }
for m in /domu/mods/*.ko; do
	insmod "$m" || blk_say "setup: insmod $m failed"
done
# Debian's xenstore is one binary named by how it is called.
for t in read write rm; do ln -sf xenstore "/usr/bin/xenstore-$t"; done
dd if=/dev/zero of=$BLK_IMG bs=1M count=$BLK_MIB 2> /dev/null || blk_say "setup: no backing file"
i=0
while [ ! -b /dev/loop0 ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
losetup /dev/loop0 $BLK_IMG || blk_say "setup: losetup failed"
blk_say "setup: $(losetup /dev/loop0 2>&1) $(stat -L -c '%t:%T' /dev/loop0)"

after_case() {	# NAME
	local con=/var/log/xen/console/guest-$1.log kind seed a b

	tr -d '\r' < "$con" 2> /dev/null |
		sed -n 's/.*blkfront-\(pattern\|acked\): seed \([0-9]*\) blocks \([0-9]*\)-\([0-9]*\).*/\1 \2 \3 \4/p' |
		while read -r kind seed a b; do
			blk_say "$1 $kind seed $seed blocks $a-$b md5" \
				"$(dd if=$BLK_IMG bs=4096 skip="$a" count=$((b - a + 1)) 2> /dev/null | md5sum | cut -d' ' -f1)"
		done
}
