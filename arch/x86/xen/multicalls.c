// SPDX-License-Identifier: GPL-2.0
/*
 * The one queue of MMU requests to Xen: entry writes (mmu_update), TLB
 * flushes, pins and base-pointer loads (mmuext_op) and remappings of one
 * virtual address (update_va_mapping) all go through it, in program
 * order, so a request can never overtake one it must follow.  A flush
 * sends the whole queue in one trap: the one hypercall alone, or a
 * multicall whose entries are runs of consecutive requests of one kind.
 * Outside lazy mode every request is flushed at once; in lazy mode
 * (between arch_enter_lazy_mmu_mode() and its leave) only when it must be.
 *
 * Invariants:
 *  - the queue is only touched with interrupts off, so an event handler
 *    never sees it half-written nor runs between a flush's hypercall and
 *    the queue's reset;
 *  - in an interrupt handler lazy mode is off: the handler's requests go
 *    out at once, behind whatever the interrupted code had queued (which
 *    goes with them), so nothing the handler maps is read before it is
 *    flushed and no queued update is lost or reordered;
 *  - every request Xen refuses is reported (pr_err, with "refused") and
 *    counted in xen_mmu_stats.refused, and the requests after it in its
 *    run are sent again: one bad entry loses no other.
 */
#define pr_fmt(fmt) "xen: " fmt

#include <linux/kernel.h>
#include <linux/irqflags.h>
#include <asm/traps.h>
#include <asm/xen/hypercall.h>
#include "xen-ops.h"

#define XEN_MMUEXT_BATCH	32
#define XEN_MC_BATCH		16

/* Per CPU: lazy mode is entered and left by the code running on one. */
DEFINE_PER_CPU(bool, xen_lazy_mmu);
struct xen_mmu_stats xen_mmu_stats;

static struct mmu_update mmu_queue[XEN_MMU_BATCH];
static struct mmuext_op ext_queue[XEN_MMUEXT_BATCH];
static struct multicall_entry mc[XEN_MC_BATCH];
static unsigned int done[XEN_MC_BATCH];		/* Xen's count, per run */
static unsigned int nr_mmu, nr_ext, nr_mc;
static unsigned int hold;		/* xen_batch_begin() depth */
static unsigned int held_refused;	/* refusals in the open batch's flushes */

bool xen_lazy_mmu_now(void)
{
	return this_cpu_read(xen_lazy_mmu) && !in_interrupt();
}

static void refused(const char *what, long err, unsigned int i, unsigned int n,
		    u64 a, u64 b)
{
	struct xen_mmu_refusal *r = &xen_mmu_stats.last;

	*r = (struct xen_mmu_refusal){ what, err, i, n, a, b };
	if (xen_mmu_stats.expect) {
		/* A test's deliberate bad request: counted apart. */
		xen_mmu_stats.expect--;
		xen_mmu_stats.expected++;
		/* Not in the refusal format the runner fails a run on. */
		pr_info("%s request %u of %u turned down as the test meant (Xen said %s)\n",
			what, i, n, xen_errname(err));
		return;
	}
	xen_mmu_stats.refused++;
	pr_err("%s: Xen refused request %u of %u (%#llx, %#llx): %s\n",
	       what, i, n, (unsigned long long)a, (unsigned long long)b,
	       xen_errname(err));
}

/*
 * Run @e failed with @err after Xen did done[@e] of its requests: report
 * the one it stopped at and send the rest, as often as it takes.
 */
static void recover(unsigned int e, long err)
{
	unsigned long *arg = mc[e].args;
	bool mmu = mc[e].op == __HYPERVISOR_mmu_update;
	struct mmu_update *u = (void *)arg[0];
	struct mmuext_op *x = (void *)arg[0];
	unsigned int n = arg[1], start = 0, bad;

	if (mc[e].op == __HYPERVISOR_update_va_mapping) {
		refused("update_va_mapping", err, 0, 1, arg[0], arg[1]);
		return;
	}
	for (;;) {
		bad = start + done[e];
		if (bad >= n) {			/* Xen said it did them all */
			refused(mmu ? "mmu_update" : "mmuext_op", err, bad, n, 0, 0);
			return;
		}
		if (mmu)
			refused("mmu_update", err, bad, n, u[bad].ptr, u[bad].val);
		else
			refused("mmuext_op", err, bad, n, x[bad].cmd, x[bad].arg1.mfn);
		start = bad + 1;
		if (start == n)
			return;
		done[e] = 0;
		if (mmu)
			err = HYPERVISOR_mmu_update(u + start, n - start, &done[e], DOMID_SELF);
		else
			err = HYPERVISOR_mmuext_op(x + start, n - start, &done[e], DOMID_SELF);
		if (!err)
			return;
	}
}

/* Send one run as its own hypercall: Xen's result. */
static long send_one(unsigned int e)
{
	unsigned long *arg = mc[e].args;

	switch (mc[e].op) {
	case __HYPERVISOR_mmu_update:
		return HYPERVISOR_mmu_update((void *)arg[0], arg[1], &done[e], DOMID_SELF);
	case __HYPERVISOR_mmuext_op:
		return HYPERVISOR_mmuext_op((void *)arg[0], arg[1], &done[e], DOMID_SELF);
	default:
		return HYPERVISOR_update_va_mapping(arg[0], arg[1], arg[2]);
	}
}

/* With interrupts off.  Returns how many requests Xen refused. */
static unsigned int flush_locked(void)
{
	unsigned long before = xen_mmu_stats.refused + xen_mmu_stats.expected;
	unsigned int e, bad;
	long err;

	if (!nr_mc)
		return 0;
	xen_mmu_stats.flushes++;
	for (e = 0; e < nr_mc; e++)
		done[e] = 0;
	if (nr_mc == 1) {
		err = send_one(0);
		if (err)
			recover(0, err);
	} else {
		err = HYPERVISOR_multicall(mc, nr_mc);
		if (err)
			panic("xen: multicall of %u: %s", nr_mc, xen_errname(err));
		for (e = 0; e < nr_mc; e++)
			if ((long)mc[e].result)
				recover(e, mc[e].result);
	}
	nr_mmu = nr_ext = nr_mc = 0;
	bad = xen_mmu_stats.refused + xen_mmu_stats.expected - before;
	if (hold)
		held_refused += bad;	/* a full queue flushed inside a batch */
	return bad;
}

/* The run of @op that the queue ends with, or a new one. */
static struct multicall_entry *run_for(unsigned int op, void *first)
{
	struct multicall_entry *m = nr_mc ? &mc[nr_mc - 1] : NULL;

	/* Consecutive requests of one kind are consecutive in their array. */
	if (m && m->op == op && op != __HYPERVISOR_update_va_mapping)
		return m;
	m = &mc[nr_mc++];
	*m = (struct multicall_entry){ .op = op };
	m->args[0] = (unsigned long)first;
	m->args[2] = (unsigned long)&done[m - mc];
	m->args[3] = DOMID_SELF;
	return m;
}

static bool full(void)
{
	return nr_mc == XEN_MC_BATCH || nr_mmu == XEN_MMU_BATCH || nr_ext == XEN_MMUEXT_BATCH;
}

/* After queuing: send now unless a batch or lazy mode may keep it. */
static unsigned int queued(bool defer)
{
	xen_mmu_stats.queued++;
	if (hold || (defer && xen_lazy_mmu_now()))
		return 0;
	return flush_locked();
}

/*
 * Requests queued between these go to Xen together at the end (or
 * earlier, with everything before them, if the queue fills).  Interrupts
 * are off in between: no handler's request can be held back.  What lazy
 * mode had queued before goes first, on its own, so that what
 * xen_batch_end() returns counts the batch's own refusals and no other:
 * a caller decides on it (a pin refused, a CR3 not loaded).
 */
unsigned long xen_batch_begin(void)
{
	unsigned long flags;

	local_irq_save(flags);
	if (!hold) {
		flush_locked();		/* not held: not the batch's */
		held_refused = 0;
	}
	hold++;
	return flags;
}

unsigned int xen_batch_end(unsigned long flags)
{
	unsigned int bad = 0;

	if (hold == 1) {
		flush_locked();		/* still held: counted in held_refused */
		bad = held_refused;
		held_refused = 0;
	}
	hold--;
	local_irq_restore(flags);
	return bad;
}

unsigned int xen_queue_mmu_update(u64 ptr, u64 val, bool defer)
{
	unsigned long flags;
	unsigned int bad = 0;

	local_irq_save(flags);
	if (full())
		bad = flush_locked();
	run_for(__HYPERVISOR_mmu_update, &mmu_queue[nr_mmu])->args[1]++;
	mmu_queue[nr_mmu].ptr = ptr;
	mmu_queue[nr_mmu].val = val;
	nr_mmu++;
	bad += queued(defer);
	local_irq_restore(flags);
	return bad;
}

unsigned int xen_queue_mmuext(const struct mmuext_op *op, bool defer)
{
	unsigned long flags;
	unsigned int bad = 0;

	local_irq_save(flags);
	if (full())
		bad = flush_locked();
	run_for(__HYPERVISOR_mmuext_op, &ext_queue[nr_ext])->args[1]++;
	ext_queue[nr_ext++] = *op;
	bad += queued(defer);
	local_irq_restore(flags);
	return bad;
}

unsigned int xen_queue_va_mapping(unsigned long va, u64 pte, unsigned long flags_uvmf,
				  bool defer)
{
	struct multicall_entry *m;
	unsigned long flags;
	unsigned int bad = 0;

	local_irq_save(flags);
	if (full())
		bad = flush_locked();
	m = run_for(__HYPERVISOR_update_va_mapping, NULL);
	m->args[0] = va;
	m->args[1] = pte;
	m->args[2] = flags_uvmf;
	m->args[3] = 0;
	bad += queued(defer);
	local_irq_restore(flags);
	return bad;
}

unsigned int xen_flush_batch(void)
{
	unsigned long flags;
	unsigned int bad;

	local_irq_save(flags);
	bad = flush_locked();
	local_irq_restore(flags);
	return bad;
}

/*
 * Lazy mode belongs to the code that entered it: an interrupt handler's
 * enter and leave leave it alone (its own requests are never deferred),
 * but its leave still flushes, as a leave promises.
 */
void xen_lazy_enter(void)
{
	if (!in_interrupt())
		this_cpu_write(xen_lazy_mmu, true);
}

void xen_lazy_leave(void)
{
	xen_flush_batch();
	if (!in_interrupt())
		this_cpu_write(xen_lazy_mmu, false);
}
