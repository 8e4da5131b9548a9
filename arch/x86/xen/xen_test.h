/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by the Xen PV suites of arch/x86/xen (tests only). */
#ifndef _ARCH_X86_XEN_XEN_TEST_H
#define _ARCH_X86_XEN_XEN_TEST_H

#include <linux/ktest.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include <asm/x86_init.h>
#include "xen-ops.h"

/* Suite init: these cases need the real Xen under a PV domain. */
static inline int xen_pv_only(struct ktest *t)
{
	if (!xen_pv_domain())
		ktest_skip(t, "not a Xen PV domain");
	return 0;
}

/* Suite init: hypercalls to the real Xen, as a PV or a PVH/HVM guest. */
static inline int xen_guest_only(struct ktest *t)
{
	if (!xen_pv_domain() && !xen_hvm_domain())
		ktest_skip(t, "not a Xen guest");
	return 0;
}

/* Suite init: Xen's clock and tick (time.c) run this kernel (PV, PVH). */
static inline int xen_clock_only(struct ktest *t)
{
	if (x86_platform.timer_stop != xen_timer_stop)
		ktest_skip(t, "not on Xen's clock and tick");
	return 0;
}

/* Cases that read the hypercall counts: only CONFIG_XEN_DEBUG_STATS has them. */
static inline void xen_need_stats(struct ktest *t)
{
	if (!IS_ENABLED(CONFIG_XEN_DEBUG_STATS))
		ktest_skip(t, "no hypercall counts: CONFIG_XEN_DEBUG_STATS=n (mode xen-pv-dom0-stats)");
}

/* Hypercalls of number @op so far, where counted (0 without the option). */
static inline unsigned long xen_test_hypercalls(unsigned int op)
{
	return IS_ENABLED(CONFIG_XEN_DEBUG_STATS) ? xen_hypercall_count(op) : 0;
}

#endif
