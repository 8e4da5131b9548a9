// SPDX-License-Identifier: GPL-2.0
/*
 * The MMU request queue under the real Xen:
 *  - a bad entry sent through it is turned down where Xen itself turns
 *    it down when sent raw (Xen's done count), is reported with that
 *    index, and the good entries after it still land (read through the
 *    mappings);
 *  - an event that arrives in lazy mode, with updates queued, runs a
 *    handler whose set_pte is visible at once, and which already sees
 *    the updates queued before it; the interrupted code stays lazy, and
 *    all its updates land;
 *  - at the end, Xen refused nothing but what the tests meant.
 * What is mapped is checked by reading through the mapping.  (That no
 * handler runs inside a flush follows from interrupts being off around
 * it; a case for it could not fail: Xen delivers an event only on the
 * way back from the hypercall, after the batch is done, either way.)
 */
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/irqflags.h>
#include <linux/mm.h>
#include <asm/io.h>
#include <asm/nofault.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <asm/xen/hypercall.h>
#include <xen/events.h>
#include "xen-ops.h"
#include "xen_test.h"

#define NR_VA		8
#define MARK_P		0x11
#define MARK_Q		0x22

static u8 *page_p, *page_q;
static unsigned long va_base;		/* NR_VA + 1 pages, slots allocated */
static pte_t *slot[NR_VA + 1];		/* the last one is the handler's */

/* What the event handler saw. */
static struct {
	unsigned int runs;
	int rd_own, rd_queued;
	u8 own, queued;
	bool lazy;			/* lazy mode applied in the handler */
} seen;

static unsigned long va(unsigned int i)
{
	return va_base + i * PAGE_SIZE;
}

static void on_event(evtchn_port_t port, void *data)
{
	seen.runs++;
	seen.lazy = xen_lazy_mmu_now();
	set_pte(slot[NR_VA], __pte(__pa(page_q) | (PAGE_KERNEL & __supported_pte_mask)));
	seen.rd_own = read_u8_nofault(va(NR_VA) + 3, &seen.own);
	seen.rd_queued = read_u8_nofault(va(0) + 3, &seen.queued);
}

static int mc_init(struct ktest *t)
{
	unsigned int i;
	u64 *e;

	xen_pv_only(t);
	if (!xen_events_ready())
		ktest_skip(t, "no event channels");
	page_p = get_zeroed_page();
	page_q = get_zeroed_page();
	va_base = vmap_reserve((NR_VA + 1) * PAGE_SIZE);
	if (!page_p || !page_q || !va_base)
		ktest_skip(t, "no memory");
	page_p[3] = MARK_P;
	page_q[3] = MARK_Q;
	/*
	 * Map (page_p at every address: its neighbours need not be RAM),
	 * note the slots, unmap: the tables stay, the slots are empty.
	 */
	for (i = 0; i <= NR_VA; i++)
		if (map_kernel_range(va(i), __pa(page_p), PAGE_SIZE, PAGE_KERNEL))
			ktest_skip(t, "cannot map");
	for (i = 0; i <= NR_VA; i++) {
		e = lookup_address(va(i), NULL);
		if (!e)
			ktest_skip(t, "no slot");
		slot[i] = (pte_t *)e;
	}
	unmap_kernel_range(va_base, (NR_VA + 1) * PAGE_SIZE);
	return 0;
}

static void mc_exit(struct ktest *t)
{
	if (va_base) {
		unmap_kernel_range(va_base, (NR_VA + 1) * PAGE_SIZE);
		memunmap((void *)va_base);
	}
	free_page(page_p);
	free_page(page_q);
}

static void clear_slots(void)
{
	unmap_kernel_range(va_base, (NR_VA + 1) * PAGE_SIZE);
	seen = (typeof(seen)){ .rd_own = 1, .rd_queued = 1 };
}

/* A writable mapping of our pinned L4: Xen never allows one. */
static u64 bad_entry(void)
{
	return PFN_PHYS(pfn_to_mfn(PFN_DOWN(__pa(init_pgd)))) | _PAGE_PRESENT | _PAGE_RW |
	       _PAGE_ACCESSED;
}

static u64 good_entry(void)
{
	return PFN_PHYS(pfn_to_mfn(PFN_DOWN(__pa(page_q)))) |
	       (PAGE_KERNEL_RO & __supported_pte_mask);
}

static void mc_bad_entry_reported_rest_lands(struct ktest *t)
{
	struct mmu_update u[3];
	unsigned int raw_done = 99, i, bad;
	unsigned long refused = xen_mmu_stats.refused, expected = xen_mmu_stats.expected;
	long raw_err;
	u8 v;

	clear_slots();
	for (i = 0; i < 3; i++) {
		u[i].ptr = virt_to_machine(slot[i]) | MMU_NORMAL_PT_UPDATE;
		u[i].val = i == 1 ? bad_entry() : good_entry();
	}
	/* Xen's own answer, raw: it stops at the bad one. */
	raw_err = HYPERVISOR_mmu_update(u, 3, &raw_done, DOMID_SELF);
	KTEST_EXPECT_NE(t, raw_err, 0);
	KTEST_EXPECT_EQ(t, raw_done, 1);
	clear_slots();

	/* Through the queue, in lazy mode, as one batch. */
	xen_mmu_stats.expect = 1;
	arch_enter_lazy_mmu_mode();
	for (i = 0; i < 3; i++)
		xen_queue_mmu_update(u[i].ptr, u[i].val, true);
	bad = xen_flush_batch();
	arch_leave_lazy_mmu_mode();
	xen_mmu_stats.expect = 0;
	KTEST_EXPECT_EQ(t, bad, 1);
	KTEST_EXPECT_EQ(t, xen_mmu_stats.expected - expected, 1);
	KTEST_EXPECT_EQ(t, xen_mmu_stats.refused, refused);
	KTEST_EXPECT_STREQ(t, xen_mmu_stats.last.what, "mmu_update");
	KTEST_EXPECT_EQ(t, xen_mmu_stats.last.index, raw_done);
	KTEST_EXPECT_EQ(t, xen_mmu_stats.last.n, 3);
	KTEST_EXPECT_EQ(t, xen_mmu_stats.last.err, raw_err);
	KTEST_EXPECT_EQ(t, xen_mmu_stats.last.a, u[1].ptr);
	/* The good ones on both sides of it landed; the bad one did not. */
	KTEST_EXPECT_EQ(t, read_u8_nofault(va(0) + 3, &v), 0);
	KTEST_EXPECT_EQ(t, v, MARK_Q);
	KTEST_EXPECT_EQ(t, read_u8_nofault(va(2) + 3, &v), 0);
	KTEST_EXPECT_EQ(t, v, MARK_Q);
	KTEST_EXPECT_EQ(t, read_u8_nofault(va(1) + 3, &v), -EFAULT);
	clear_slots();
}

static void mc_event_during_lazy_mode(struct ktest *t)
{
	int port = bind_ipi_to_handler(0, on_event, NULL, "mc_test");
	unsigned long traps;
	unsigned int i;
	bool lazy_after;
	u8 v;

	KTEST_ASSERT_GE(t, port, 0);
	clear_slots();
	arch_enter_lazy_mmu_mode();
	for (i = 0; i < NR_VA / 2; i++)
		set_pte(slot[i], __pte(__pa(page_q) | (PAGE_KERNEL & __supported_pte_mask)));
	notify_remote_via_evtchn(port);		/* taken on the way back */
	lazy_after = xen_lazy_mmu_now();
	traps = xen_test_hypercalls(__HYPERVISOR_mmu_update);
	for (; i < NR_VA; i++)
		set_pte(slot[i], __pte(__pa(page_q) | (PAGE_KERNEL & __supported_pte_mask)));
	traps = xen_test_hypercalls(__HYPERVISOR_mmu_update) - traps;
	arch_leave_lazy_mmu_mode();
	unbind_from_handler(port);

	KTEST_EXPECT_EQ(t, seen.runs, 1);
	KTEST_EXPECT_FALSE(t, seen.lazy);
	KTEST_EXPECT_EQ(t, seen.rd_own, 0);
	KTEST_EXPECT_EQ(t, seen.own, MARK_Q);
	KTEST_EXPECT_EQ(t, seen.rd_queued, 0);
	KTEST_EXPECT_EQ(t, seen.queued, MARK_Q);
	/* The interrupted code was still lazy: its later updates waited. */
	KTEST_EXPECT_TRUE(t, lazy_after);
	if (IS_ENABLED(CONFIG_XEN_DEBUG_STATS))	/* mode xen-pv-dom0-stats */
		KTEST_EXPECT_EQ(t, traps, 0);
	for (i = 0; i < NR_VA; i++) {
		KTEST_EXPECT_EQ(t, read_u8_nofault(va(i) + 3, &v), 0);
		KTEST_EXPECT_EQ(t, v, MARK_Q);
	}
	clear_slots();
}

/* Last: every refusal in the run so far was one a test asked for. */
static void mc_all_requests_accepted(struct ktest *t)
{
	ktest_info(t, "%lu requests in %lu flushes; %lu turned down, %lu of them meant by tests",
		   xen_mmu_stats.queued, xen_mmu_stats.flushes,
		   xen_mmu_stats.refused + xen_mmu_stats.expected,
		   xen_mmu_stats.expected);
	KTEST_EXPECT_EQ(t, xen_mmu_stats.refused, 0);
	KTEST_EXPECT_EQ(t, xen_mmu_stats.expected, 1);
	KTEST_EXPECT_EQ(t, xen_mmu_stats.expect, 0);
}

static const struct ktest_case mc_cases[] = {
	KTEST_CASE(mc_bad_entry_reported_rest_lands),
	KTEST_CASE(mc_event_during_lazy_mode),
	KTEST_CASE(mc_all_requests_accepted),
	{}
};
KTEST_SUITE_FULL(xen_mmu_queue, mc_cases, mc_init, mc_exit);
