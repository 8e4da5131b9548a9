// SPDX-License-Identifier: GPL-2.0
/*
 * Hypercalls against the real Xen: each wrapper passes its arguments in
 * the right registers (a well-formed call succeeds and its answer makes
 * sense), bad arguments come back as Xen's own error codes, errors print
 * by name, and with CONFIG_XEN_DEBUG_STATS every call is counted by number.
 * As a PV guest (syscall) and as a PVH one (vmcall/vmmcall): the same
 * wrappers, the same answers, but for the PV-only calls (mmuext_op
 * refuses an HVM guest with -EINVAL).
 */
#include <linux/ktest.h>
#include <linux/smp.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include <xen/interface/xen.h>
#include <xen/interface/version.h>
#include <xen/interface/vcpu.h>
#include <xen/interface/memory.h>
#include <xen/interface/event_channel.h>
#include <xen/interface/errno.h>
#include "xen_test.h"

static void hc_errnames(struct ktest *t)
{
	KTEST_EXPECT_STREQ(t, xen_errname(-XEN_EINVAL), "EINVAL");
	KTEST_EXPECT_STREQ(t, xen_errname(-XEN_ENOSYS), "ENOSYS");
	KTEST_EXPECT_STREQ(t, xen_errname(-XEN_EPERM), "EPERM");
	KTEST_EXPECT_STREQ(t, xen_errname(-XEN_EAGAIN), "EAGAIN");
	KTEST_EXPECT_STREQ(t, xen_errname(-9999), "unknown error");
}

/* Arity 1..3 with results Xen computes from what we passed. */
/* The first vCPU id Xen says this domain lacks (its vCPU count). */
static unsigned int nr_vcpus(void)
{
	unsigned int n = 1;

	while (n < 4096 && HYPERVISOR_vcpu_op(VCPUOP_is_up, n, NULL) != -XEN_ENOENT)
		n++;
	return n;
}

static void hc_good_calls(struct ktest *t)
{
	xen_extraversion_t extra = { 0 };
	long ver = HYPERVISOR_xen_version(XENVER_version, NULL);
	domid_t self = DOMID_SELF;
	unsigned int v, nr_up = 0;
	long max;

	ktest_info(t, "Xen %ld.%ld", ver >> 16, ver & 0xffff);
	KTEST_EXPECT_GE(t, ver >> 16, 4);
	KTEST_EXPECT_EQ(t, HYPERVISOR_xen_version(XENVER_extraversion, extra), 0);
	KTEST_EXPECT_EQ(t, extra[0], '.');		/* ".0" or similar */
	/* Our own reservation, in pages: what start_info said, at least. */
	max = HYPERVISOR_memory_op(XENMEM_current_reservation, &self);
	KTEST_EXPECT_GT(t, max, 0);
	/*
	 * vCPU 0 runs us; the domain has as many vCPUs as Xen gave it
	 * (dom0_max_vcpus, xl's vcpus), up to the first id Xen does not
	 * know.  Xen's view of each must match ours: kernel CPU n is vCPU n
	 * (smp_pv.c), up exactly when it is online.
	 */
	KTEST_EXPECT_TRUE(t, HYPERVISOR_vcpu_op(VCPUOP_is_up, 0, NULL) == 1);
	KTEST_EXPECT_EQ(t, HYPERVISOR_vcpu_op(VCPUOP_is_up, nr_vcpus(), NULL), -XEN_ENOENT);
	for (v = 0; v < nr_vcpus(); v++) {
		long up = HYPERVISOR_vcpu_op(VCPUOP_is_up, v, NULL);

		KTEST_EXPECT_EQ(t, up, (v < NR_CPUS && cpu_online(v)) ? 1 : 0);
		nr_up += up == 1;
	}
	ktest_info(t, "%u vCPUs, %u up", nr_vcpus(), nr_up);
}

static void hc_bad_arguments(struct ktest *t)
{
	struct evtchn_send send = { .port = 4000 };
	struct mmuext_op op = { .cmd = 99 };

	KTEST_EXPECT_EQ(t, HYPERVISOR_sched_op(9999, NULL), -XEN_ENOSYS);
	KTEST_EXPECT_EQ(t, HYPERVISOR_xen_version(9999, NULL), -XEN_ENOSYS);
	/*
	 * A command Xen lacks: -ENOSYS to a PV guest.  An HVM/PVH domain
	 * owns no PV page tables, and Xen says -EINVAL before reading the
	 * command (do_mmuext_op, !is_pv_domain(pg_owner)).
	 */
	KTEST_EXPECT_EQ(t, HYPERVISOR_mmuext_op(&op, 1, NULL, DOMID_SELF),
			xen_pv_domain() ? -XEN_ENOSYS : -XEN_EINVAL);
	/* An unallocated port. */
	KTEST_EXPECT_EQ(t, HYPERVISOR_event_channel_op(EVTCHNOP_send, &send), -XEN_EINVAL);
	/* A vCPU this domain does not have. */
	KTEST_EXPECT_EQ(t, HYPERVISOR_vcpu_op(VCPUOP_up, nr_vcpus(), NULL), -XEN_ENOENT);
	/* An address Xen cannot read: a fault is -EFAULT, not a crash. */
	KTEST_EXPECT_EQ(t, HYPERVISOR_event_channel_op(EVTCHNOP_send, (void *)16), -XEN_EFAULT);
}

static void hc_counted(struct ktest *t)
{
	unsigned long before, sched, total;
	int i;

	xen_need_stats(t);
	before = xen_hypercall_count(__HYPERVISOR_xen_version);
	sched = xen_hypercall_count(__HYPERVISOR_sched_op);
	total = xen_hypercalls_total();
	for (i = 0; i < 5; i++)
		HYPERVISOR_xen_version(XENVER_version, NULL);
	KTEST_EXPECT_EQ(t, xen_hypercall_count(__HYPERVISOR_xen_version) - before, 5);
	KTEST_EXPECT_EQ(t, xen_hypercall_count(__HYPERVISOR_sched_op), sched);
	/* The total covers them (an interrupt's iret may add to it). */
	KTEST_EXPECT_GE(t, xen_hypercalls_total() - total, 5);
	/* Boot itself made some of each kind it needs. */
	if (xen_pv_domain()) {
		KTEST_EXPECT_GT(t, xen_hypercall_count(__HYPERVISOR_mmu_update), 0);
		KTEST_EXPECT_GT(t, xen_hypercall_count(__HYPERVISOR_mmuext_op), 0);
		KTEST_EXPECT_GT(t, xen_hypercall_count(__HYPERVISOR_console_io), 0);
	} else {
		/* HAP: shared_info by add_to_physmap, the rings by HVM params. */
		KTEST_EXPECT_GT(t, xen_hypercall_count(__HYPERVISOR_memory_op), 0);
		KTEST_EXPECT_GT(t, xen_hypercall_count(__HYPERVISOR_hvm_op), 0);
		KTEST_EXPECT_EQ(t, xen_hypercall_count(__HYPERVISOR_mmu_update), 0);
	}
	/* Out of range counts nothing, and reads as nothing. */
	KTEST_EXPECT_EQ(t, xen_hypercall_count(XEN_NR_HYPERCALLS), 0);
}

static const struct ktest_case hc_cases[] = {
	KTEST_CASE(hc_errnames),
	KTEST_CASE(hc_good_calls),
	KTEST_CASE(hc_bad_arguments),
	KTEST_CASE(hc_counted),
	{}
};
KTEST_SUITE_FULL(xen_hypercall, hc_cases, xen_guest_only, NULL);
