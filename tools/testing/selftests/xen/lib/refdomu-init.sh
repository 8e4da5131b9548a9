#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
# /init of the Linux test domU (lib/refdom0.sh, refdom0_domu_initrd packs
# it): Debian's own Linux as a PV domU of the reference dom0, with busybox,
# Linux's Xen device modules and the static selftests.  It loads the
# modules, mounts xenfs (the tests read /proc/xen/capabilities to tell a
# domU from dom0), runs the selftests through ksft-run.sh, their KTAP on
# hvc0 (xenconsoled logs it in dom0), and powers off.  Twice: first
# privcmd_test alone with xen-privcmd as Debian loads it, restricted in
# a domU since XSA-482 (no hypercall, no other domain), which it checks;
# then, xen-privcmd reloaded with unrestricted=1 so that privcmd can be
# Xen's own witness in the other tests as it is in dom0, all of
# /selftests/list.
# Kernel argument ksft_peer=DOMID: exported as XEN_SELFTEST_PEER, the
# other domain interdomain_test meets (dom0); how xen-privcmd is loaded
# goes to privcmd_test in XEN_SELFTEST_PRIVCMD_UNRESTRICTED (0 or 1).
#   REFDOMU: SELFTESTS restricted begin / ... restricted end T0-T1
#   REFDOMU: SELFTESTS begin / REFDOMU: SELFTESTS end T0-T1
#   REFDOMU: dmesg: LINE   a kernel warning or bug after them (the console
#                          is quiet, loglevel=3, and would not show it)
KVER=@KVER@
export PATH=/bin

busybox mount -t proc proc /proc
busybox mount -t sysfs sysfs /sys
busybox mount -t devtmpfs devtmpfs /dev 2>/dev/null
busybox --install -s /bin
mkdir -p /tmp
while read -r m; do
	insmod "/lib/modules/$KVER/$m.ko" || echo "REFDOMU: insmod $m failed"
done < "/lib/modules/$KVER/order"
mount -t xenfs xenfs /proc/xen || echo "REFDOMU: mount xenfs failed"
peer=$(sed -n 's/.*ksft_peer=\([0-9]*\).*/\1/p' /proc/cmdline)
[ -z "$peer" ] || export XEN_SELFTEST_PEER=$peer
t0=$(cut -d' ' -f1 /proc/uptime)
echo "REFDOMU: SELFTESTS restricted begin"
echo privcmd_test > /tmp/restricted.list
XEN_SELFTEST_PRIVCMD_UNRESTRICTED=0 /selftests/ksft-run.sh /selftests 60 /tmp/restricted.list
echo "REFDOMU: SELFTESTS restricted end $t0-$(cut -d' ' -f1 /proc/uptime)"
# xenfs holds xen-privcmd (its /proc/xen/privcmd): out and back with it.
umount /proc/xen && rmmod xenfs && rmmod xen_privcmd &&
	insmod "/lib/modules/$KVER/xen-privcmd.ko" unrestricted=1 &&
	insmod "/lib/modules/$KVER/xenfs.ko" && mount -t xenfs xenfs /proc/xen ||
	echo "REFDOMU: insmod xen-privcmd unrestricted=1 failed"
t0=$(cut -d' ' -f1 /proc/uptime)
echo "REFDOMU: SELFTESTS begin"
XEN_SELFTEST_PRIVCMD_UNRESTRICTED=1 /selftests/ksft-run.sh /selftests 200
echo "REFDOMU: SELFTESTS end $t0-$(cut -d' ' -f1 /proc/uptime)"
dmesg | grep -E 'WARNING:|BUG:|Oops|general protection' | sed 's/^/REFDOMU: dmesg: /'
poweroff -f
