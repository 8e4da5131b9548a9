# SPDX-License-Identifier: GPL-2.0
# xen-pv-dom0-nopvspin: xen-pv-dom0 with two vCPUs and xen_nopvspin: the
# lock group stays native (plain ticket spinning, the kick sites NOPs),
# suite xen_spinlock skips saying so, and the spinlock
# cases of suite smp (exact total under contention, FIFO order) must
# still run and pass.
XEN_DOM0_VCPUS=2
XEN_DOM0_ARGS=xen_nopvspin
MODE_EXPECT=("smpboot: 2 of 2 CPUs online (0 failed)"
	     "xen: spinlock: native ticket spinning (xen_nopvspin)"
	     "xen_spinlock_kicked_waiter_wakes # SKIP pv spinlocks off (xen_nopvspin)")
# shellcheck source=xen-pv-dom0.sh
. "$here/modes/xen-pv-dom0.sh"
MODE_SUITES+=(smp.spinlock_contention_every_cpu smp.spinlock_fifo_no_barging)
