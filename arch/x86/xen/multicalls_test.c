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
 *  - every online CPU batching its own updates at the same time gets
 *    each of them into the page table it meant, read back from the
 *    table itself and through the mapping (mode xen-pv-dom0-smp);
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
#include <linux/smp.h>
#include <asm/io.h>
#include <asm/nofault.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
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
	struct xen_mmu_stats *st = this_cpu_ptr(&xen_mmu_stats);	/* this CPU's queue */
	unsigned int raw_done = 99, i, bad;
	unsigned long refused = st->refused, expected = st->expected;
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
	st->expect = 1;
	arch_enter_lazy_mmu_mode();
	for (i = 0; i < 3; i++)
		xen_queue_mmu_update(u[i].ptr, u[i].val, true);
	bad = xen_flush_batch();
	arch_leave_lazy_mmu_mode();
	st->expect = 0;
	KTEST_EXPECT_EQ(t, bad, 1);
	KTEST_EXPECT_EQ(t, st->expected - expected, 1);
	KTEST_EXPECT_EQ(t, st->refused, refused);
	KTEST_EXPECT_STREQ(t, st->last.what, "mmu_update");
	KTEST_EXPECT_EQ(t, st->last.index, raw_done);
	KTEST_EXPECT_EQ(t, st->last.n, 3);
	KTEST_EXPECT_EQ(t, st->last.err, raw_err);
	KTEST_EXPECT_EQ(t, st->last.a, u[1].ptr);
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

/*
 * Every online CPU (up to MC_CPUS) batches page-table updates at the same
 * time, through set_pte in lazy mode and once inside xen_batch_begin/end,
 * with a local invlpg queued every 8 updates so that the batches mix
 * mmu_update and mmuext_op runs and overflow both the multicall and the
 * entry queue.  Each CPU writes only its own slots, alternating between
 * its own two pages, round after round.  Afterwards every slot must hold
 * the machine frame of the page its CPU's last round put there, as read
 * back from the page table itself (and through the mapping, on that CPU
 * and here), and Xen must have refused nothing.  A queue shared between
 * CPUs loses or swaps entries here: one CPU's flush sends the other's
 * half-written requests and resets its counts under it.
 */
#define MC_CPUS		4
#define MC_SLOTS	300		/* per CPU: more than XEN_MMU_BATCH */
#define MC_ROUNDS	6
#define MC_BATCH_ROUND	3		/* this round inside xen_batch_begin/end */

struct mc_job {
	struct work_struct w;
	unsigned int cpu, ran_on, bad, reads_bad;
	unsigned long refused;		/* this CPU's refusals, before and after */
};

static unsigned long mc_va;			/* MC_CPUS * MC_SLOTS pages */
static pte_t *mc_slot[MC_CPUS][MC_SLOTS];
static u8 *mc_page[MC_CPUS][2];
static unsigned int mc_ready, mc_go;
static struct mc_job mc_jobs[MC_CPUS];

static unsigned long mc_addr(unsigned int cpu, unsigned int i)
{
	return mc_va + (cpu * MC_SLOTS + i) * PAGE_SIZE;
}

/* The page slot @i of @cpu holds after round @r, and its mark. */
static unsigned int mc_which(unsigned int i, unsigned int r)
{
	return (i + r) & 1;
}

static u8 mc_mark(unsigned int cpu, unsigned int which)
{
	return 0x40 + cpu * 2 + which;
}

static void mc_round(unsigned int cpu, unsigned int r, unsigned int *bad)
{
	struct mmuext_op op = { .cmd = MMUEXT_INVLPG_LOCAL };
	unsigned long flags = 0;
	unsigned int i;

	if (r == MC_BATCH_ROUND)
		flags = xen_batch_begin();
	else
		arch_enter_lazy_mmu_mode();
	for (i = 0; i < MC_SLOTS; i++) {
		set_pte(mc_slot[cpu][i],
			__pte(__pa(mc_page[cpu][mc_which(i, r)]) | (PAGE_KERNEL_RO & __supported_pte_mask)));
		if (i % 8 == 7) {
			op.arg1.linear_addr = mc_addr(cpu, i);
			*bad += xen_queue_mmuext(&op, true);
		}
	}
	if (r == MC_BATCH_ROUND)
		*bad += xen_batch_end(flags);
	else
		arch_leave_lazy_mmu_mode();
}

static void mc_job_fn(struct work_struct *w)
{
	struct mc_job *j = (struct mc_job *)w;
	struct mmuext_op op = { .cmd = MMUEXT_TLB_FLUSH_LOCAL };
	unsigned int r, i;
	u8 v;

	j->ran_on = smp_processor_id();
	j->refused = this_cpu_read(xen_mmu_stats.refused);
	asm volatile("lock incl %0" : "+m" (mc_ready));
	while (!READ_ONCE(mc_go))
		cpu_relax();
	for (r = 0; r < MC_ROUNDS; r++)
		mc_round(j->cpu, r, &j->bad);
	/* This CPU's own view, through its own flushed TLB. */
	j->bad += xen_queue_mmuext(&op, false);
	for (i = 0; i < MC_SLOTS; i++)
		if (read_u8_nofault(mc_addr(j->cpu, i) + 5, &v) ||
		    v != mc_mark(j->cpu, mc_which(i, MC_ROUNDS - 1)))
			j->reads_bad++;
	j->refused = this_cpu_read(xen_mmu_stats.refused) - j->refused;
}

static void mc_smp_free(unsigned int n)
{
	unsigned int c;

	if (mc_va) {
		unmap_kernel_range(mc_va, (unsigned long)n * MC_SLOTS * PAGE_SIZE);
		memunmap((void *)mc_va);
		mc_va = 0;
	}
	for (c = 0; c < MC_CPUS; c++) {
		free_page(mc_page[c][0]);
		free_page(mc_page[c][1]);
		mc_page[c][0] = mc_page[c][1] = NULL;
	}
}

static void mc_cpus_batch_at_once(struct ktest *t)
{
	unsigned int n = min(num_online_cpus(), (unsigned int)MC_CPUS);
	unsigned int c, i, wrong = 0, unread = 0;
	u8 v;

	if (n < 2)
		ktest_skip(t, "one CPU online");
	mc_va = vmap_reserve((unsigned long)n * MC_SLOTS * PAGE_SIZE);
	KTEST_ASSERT_NE(t, mc_va, 0);
	for (c = 0; c < n; c++) {
		mc_page[c][0] = get_zeroed_page();
		mc_page[c][1] = get_zeroed_page();
		KTEST_ASSERT_NOT_NULL(t, mc_page[c][0]);
		KTEST_ASSERT_NOT_NULL(t, mc_page[c][1]);
		mc_page[c][0][5] = mc_mark(c, 0);
		mc_page[c][1][5] = mc_mark(c, 1);
		/* The tables are built here, on one CPU; the jobs only write leaves. */
		for (i = 0; i < MC_SLOTS; i++) {
			KTEST_ASSERT_EQ(t, map_kernel_range(mc_addr(c, i), __pa(mc_page[c][0]),
							    PAGE_SIZE, PAGE_KERNEL), 0);
			mc_slot[c][i] = (pte_t *)lookup_address(mc_addr(c, i), NULL);
			KTEST_ASSERT_NOT_NULL(t, mc_slot[c][i]);
		}
	}
	mc_ready = 0;
	mc_go = 0;
	for (c = 0; c < n; c++) {
		mc_jobs[c] = (struct mc_job){ .w.fn = mc_job_fn, .cpu = c };
		if (c)
			KTEST_ASSERT_EQ(t, queue_work_on(c, &mc_jobs[c].w), 0);
	}
	while (READ_ONCE(mc_ready) < n - 1)
		cpu_relax();
	WRITE_ONCE(mc_go, 1);
	mc_job_fn(&mc_jobs[0].w);		/* this CPU takes part too */
	for (c = 1; c < n; c++)
		flush_work(&mc_jobs[c].w);

	/* The page tables as they are now: each CPU's last round, every slot. */
	flush_tlb_all();
	for (c = 0; c < n; c++) {
		KTEST_EXPECT_EQ(t, mc_jobs[c].ran_on, c);
		KTEST_EXPECT_EQ(t, mc_jobs[c].bad, 0);
		KTEST_EXPECT_EQ(t, mc_jobs[c].refused, 0);
		KTEST_EXPECT_EQ(t, mc_jobs[c].reads_bad, 0);
		for (i = 0; i < MC_SLOTS; i++) {
			u8 *want = mc_page[c][mc_which(i, MC_ROUNDS - 1)];
			u64 e = READ_ONCE(*(u64 *)mc_slot[c][i]);

			if ((e & PTE_PFN_MASK) != PFN_PHYS(pfn_to_mfn(PFN_DOWN(__pa(want)))) ||
			    !(e & _PAGE_PRESENT) || (e & _PAGE_RW))
				wrong++;
			if (read_u8_nofault(mc_addr(c, i) + 5, &v) || v != want[5])
				unread++;
		}
	}
	ktest_info(t, "%u CPUs x %u rounds x %u updates at once: %u entries wrong, %u reads wrong",
		   n, MC_ROUNDS, MC_SLOTS, wrong, unread);
	KTEST_EXPECT_EQ(t, wrong, 0);
	KTEST_EXPECT_EQ(t, unread, 0);
	mc_smp_free(n);
}

/* Last: every refusal in the run so far was one a test asked for. */
static void mc_all_requests_accepted(struct ktest *t)
{
	struct xen_mmu_stats sum;

	xen_mmu_stats_sum(&sum);
	ktest_info(t, "%lu requests in %lu flushes; %lu turned down, %lu of them meant by tests",
		   sum.queued, sum.flushes, sum.refused + sum.expected, sum.expected);
	KTEST_EXPECT_EQ(t, sum.refused, 0);
	KTEST_EXPECT_EQ(t, sum.expected, 1);
	KTEST_EXPECT_EQ(t, sum.expect, 0);
}

static const struct ktest_case mc_cases[] = {
	KTEST_CASE(mc_bad_entry_reported_rest_lands),
	KTEST_CASE(mc_event_during_lazy_mode),
	KTEST_CASE(mc_cpus_batch_at_once),
	KTEST_CASE(mc_all_requests_accepted),
	{}
};
KTEST_SUITE_FULL(xen_mmu_queue, mc_cases, mc_init, mc_exit);
