#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
# /init of the reference dom0 (lib/refdom0.sh packs it): start the
# toolstack, run /domu/guest.cfg with `xl create -c` so the guest's PV
# console streams to dom0's console (hvc0 -> Xen -> QEMU's serial), then
# report what xl saw and power the machine off.
#
# What the host-side judge reads (each line starts with the tag):
#   REFDOM0: guest console begin / REFDOM0: guest console end
#       around the guest's console, as xl's console client copied it;
#   REFDOM0-XL: LINE   xl's own log of the domain (its daemon's view);
#   REFDOM0: RESULT xl_rc=N reason=R
#       xl create's exit status and the shutdown reason xl logged
#       (SHUTDOWN_* code, "none" if the domain never shut down, "hang"
#       if it had to be destroyed).
# Kernel argument refdom0.timeout=S bounds the guest (default 120 s).
KVER=@KVER@
export PATH=/usr/lib/xen-@XENVER@/bin:/usr/sbin:/usr/bin
export LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /dev/pts && mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /run
mkdir -p /run/xen /run/xenstored /run/lock /var/log/xen/console /var/lib/xen
ln -s /run/lock /var/lock

say() { echo "REFDOM0: $*"; }
tmo=$(sed -n 's/.*refdom0\.timeout=\([0-9]*\).*/\1/p' /proc/cmdline)
tmo=${tmo:-120}

while read -r m; do
	insmod "/lib/modules/$KVER/$m.ko" || say "insmod $m failed"
done < "/lib/modules/$KVER/order"
mount -t xenfs xenfs /proc/xen || say "mount xenfs failed"
xenstored --pid-file=/run/xenstored.pid
i=0
while [ ! -S /run/xenstored/socket ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
xen-init-dom0 > /dev/null || say "xen-init-dom0 failed"
xenconsoled --log=guest --log-dir=/var/log/xen/console --pid-file=/run/xen/xenconsoled.pid
say "toolstack up at $(cut -d' ' -f1 /proc/uptime) s"

cfg=/domu/guest.cfg
name=$(sed -n 's/^name *= *"\([^"]*\)".*/\1/p' "$cfg")
say "guest console begin"
t0=$(cut -d' ' -f1 /proc/uptime)
timeout "$tmo" xl create -c "$cfg" < /dev/console
rc=$?
t1=$(cut -d' ' -f1 /proc/uptime)
say "guest console end"
# xl's daemon destroys the domain after its shutdown (on_* = destroy).
i=0
while xl domid "$name" > /dev/null 2>&1 && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
log=/var/log/xen/xl-$name.log
reason=$(sed -n 's/.*has shut down, reason code \([0-9]*\).*/\1/p' "$log" 2>/dev/null | head -n 1)
reason=${reason:-none}
if xl domid "$name" > /dev/null 2>&1; then
	say "domain $name still there: $(xl list "$name" 2>&1 | tail -n 1)"
	xl destroy "$name"
	reason=hang
fi
sed 's/^/REFDOM0-XL: /' "$log" 2>/dev/null
say "RESULT xl_rc=$rc reason=$reason xl_create_to_end=$t0-$t1"
poweroff -f
