// SPDX-License-Identifier: GPL-2.0
/*
 * Each CPU's queue of MMU requests to Xen: entry writes (mmu_update), TLB
 * flushes, pins and base-pointer loads (mmuext_op) and remappings of one
 * virtual address (update_va_mapping) all go through it, in program
 * order, so a request can never overtake one it must follow.  A flush
 * sends the whole queue in one trap: the one hypercall alone, or a
 * multicall whose entries are runs of consecutive requests of one kind.
 * Outside lazy mode every request is flushed at once (one that would go
 * alone goes straight from its caller's stack: xen_mc_alone() in
 * xen-ops.h); in lazy mode (between arch_enter_lazy_mmu_mode() and its
 * leave) only when it must be.
 *
 * The queue is per CPU (struct xen_mc_queue), as Xen's state that the
 * requests act on is per vCPU (TLB, base pointers): a CPU's requests are
 * sent by that CPU alone, with its own counts, refusals, lazy mode and
 * open batch, and two CPUs batching at once never see each other's.  A queue's requests and the
 * multicall entries naming them live in that CPU's area, whose address
 * Xen reads them at (the boot CPU's in .bss, the others' in the direct
 * map: both mapped in every address space).
 *
 * Invariants:
 *  - a queue is only touched by its own CPU, with interrupts off, so an
 *    event handler never sees it half-written nor runs between a flush's
 *    hypercall and the queue's reset, and no other CPU ever does;
 *  - in an interrupt handler lazy mode is off: the handler's requests go
 *    out at once, behind whatever the interrupted code had queued (which
 *    goes with them), so nothing the handler maps is read before it is
 *    flushed and no queued update is lost or reordered;
 *  - every request Xen refuses is reported (pr_err, with "refused") and
 *    counted in this CPU's xen_mmu_stats.refused, and the requests after
 *    it in its run are sent again: one bad entry loses no other.
 */
#define pr_fmt(fmt) "xen: " fmt

#include <linux/kernel.h>
#include <linux/irqflags.h>
#include <asm/traps.h>
#include <asm/xen/hypercall.h>
#include "xen-ops.h"

/* Per CPU: lazy mode is entered and left by the code running on one. */
DEFINE_PER_CPU(bool, xen_lazy_mmu);
DEFINE_PER_CPU(struct xen_mmu_stats, xen_mmu_stats);
DEFINE_PER_CPU_ALIGNED(struct xen_mc_queue, xen_mc_queue);

/* This CPU's queue: interrupts are off, so the CPU stays this one. */
static struct xen_mc_queue *this_queue(void)
{
	return this_cpu_ptr(&xen_mc_queue);
}

static void refused(const char *what, long err, unsigned int i, unsigned int n,
		    u64 a, u64 b)
{
	struct xen_mmu_stats *st = this_cpu_ptr(&xen_mmu_stats);

	st->last = (struct xen_mmu_refusal){ what, err, i, n, a, b };
	if (st->expect) {
		/* A test's deliberate bad request: counted apart. */
		st->expect--;
		st->expected++;
		/* Not in the refusal format the runner fails a run on. */
		pr_info("%s request %u of %u turned down as the test meant (Xen said %s)\n",
			what, i, n, xen_errname(err));
		return;
	}
	st->refused++;
	pr_err("%s: Xen refused request %u of %u (%#llx, %#llx): %s\n",
	       what, i, n, (unsigned long long)a, (unsigned long long)b,
	       xen_errname(err));
}

/*
 * Run @e failed with @err after Xen did done[@e] of its requests: report
 * the one it stopped at and send the rest, as often as it takes.
 */
static void recover(struct xen_mc_queue *q, unsigned int e, long err)
{
	unsigned long *arg = q->mc[e].args;
	unsigned int *done = q->done;
	bool mmu = q->mc[e].op == __HYPERVISOR_mmu_update;
	struct mmu_update *u = (void *)arg[0];
	struct mmuext_op *x = (void *)arg[0];
	unsigned int n = arg[1], start = 0, bad;

	if (q->mc[e].op == __HYPERVISOR_update_va_mapping) {
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
static long send_one(struct xen_mc_queue *q, unsigned int e)
{
	unsigned long *arg = q->mc[e].args;

	switch (q->mc[e].op) {
	case __HYPERVISOR_mmu_update:
		return HYPERVISOR_mmu_update((void *)arg[0], arg[1], &q->done[e], DOMID_SELF);
	case __HYPERVISOR_mmuext_op:
		return HYPERVISOR_mmuext_op((void *)arg[0], arg[1], &q->done[e], DOMID_SELF);
	default:
		return HYPERVISOR_update_va_mapping(arg[0], arg[1], arg[2]);
	}
}

/* A queue that holds a run, interrupts off: how many requests Xen refused. */
static noinline unsigned int flush_runs(struct xen_mc_queue *q)
{
	unsigned long before;
	unsigned int e, bad, n = q->nr_mc;
	long err;

	before = this_cpu_read(xen_mmu_stats.refused) + this_cpu_read(xen_mmu_stats.expected);
	this_cpu_inc(xen_mmu_stats.flushes);
	for (e = 0; e < n; e++)
		q->done[e] = 0;
	if (n == 1) {
		err = send_one(q, 0);
		if (err)
			recover(q, 0, err);
	} else {
		err = HYPERVISOR_multicall(q->mc, n);
		if (err)
			panic("xen: multicall of %u: %s", n, xen_errname(err));
		for (e = 0; e < n; e++)
			if ((long)q->mc[e].result)
				recover(q, e, q->mc[e].result);
	}
	q->nr_mmu = q->nr_ext = q->nr_mc = 0;
	q->pt_va = 0;
	bad = this_cpu_read(xen_mmu_stats.refused) + this_cpu_read(xen_mmu_stats.expected) -
	      before;
	if (q->hold)
		q->held_refused += bad;	/* a full queue flushed inside a batch */
	return bad;
}

/* With interrupts off.  An empty queue costs a test, not a call. */
static __always_inline unsigned int flush_locked(struct xen_mc_queue *q)
{
	return q->nr_mc ? flush_runs(q) : 0;
}

/* The run of @op that the queue ends with, or a new one. */
static __always_inline struct multicall_entry *run_for(struct xen_mc_queue *q, unsigned int op,
							void *first)
{
	unsigned int e = q->nr_mc;
	struct multicall_entry *m = e ? &q->mc[e - 1] : NULL;

	/* Consecutive requests of one kind are consecutive in their array. */
	if (m && m->op == op && op != __HYPERVISOR_update_va_mapping)
		return m;
	q->nr_mc = e + 1;
	m = &q->mc[e];
	*m = (struct multicall_entry){ .op = op };
	m->args[0] = (unsigned long)first;
	m->args[2] = (unsigned long)&q->done[e];
	m->args[3] = DOMID_SELF;
	return m;
}

static bool full(const struct xen_mc_queue *q)
{
	return q->nr_mc == XEN_MC_BATCH || q->nr_mmu == XEN_MMU_BATCH ||
	       q->nr_ext == XEN_MMUEXT_BATCH;
}

/* After queuing: send now unless a batch or lazy mode may keep it. */
static unsigned int queued(struct xen_mc_queue *q, bool defer)
{
	this_cpu_inc(xen_mmu_stats.queued);
	if (q->hold || (defer && xen_lazy_mmu_now()))
		return 0;
	return flush_locked(q);
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
	struct xen_mc_queue *q;
	unsigned long flags;

	local_irq_save(flags);
	q = this_queue();
	if (!q->hold) {
		flush_locked(q);	/* not held: not the batch's */
		q->held_refused = 0;
	}
	q->hold++;
	return flags;
}

unsigned int xen_batch_end(unsigned long flags)
{
	struct xen_mc_queue *q = this_queue();	/* interrupts still off */
	unsigned int bad = 0;

	if (q->hold == 1) {
		flush_locked(q);	/* still held: counted in held_refused */
		bad = q->held_refused;
		q->held_refused = 0;
	}
	q->hold--;
	local_irq_restore(flags);
	return bad;
}

/*
 * A lone request's result.  It never went through the queue, so the
 * queue's counts leave it out; a refusal is reported and counted as any.
 */
static unsigned int sent_alone(const char *what, long err, u64 a, u64 b)
{
	unsigned long flags;

	if (likely(!err))
		return 0;
	local_irq_save(flags);		/* the stats are a handler's too */
	refused(what, err, 0, 1, a, b);
	local_irq_restore(flags);
	return 1;
}

bool __attribute__((no_caller_saved_registers)) xen_set_pte_lazy(void *ptep, u64 val)
{
	unsigned long va = (unsigned long)ptep;
	struct multicall_entry *m;
	struct xen_mc_queue *q;
	struct mmu_update *u;
	bool done = false;
	u8 mask;

	if (!this_cpu_read(xen_lazy_mmu) || in_interrupt())
		return false;
	/* Events off, as the queue is touched: a handler may flush it. */
	mask = this_cpu_read(xen_vcpu_info.evtchn_upcall_mask);
	this_cpu_write(xen_vcpu_info.evtchn_upcall_mask, 1);
	barrier();
	q = this_cpu_ptr(&xen_mc_queue);
	/* The open run is the last one: its entries end the array. */
	m = q->nr_mc ? &q->mc[q->nr_mc - 1] : NULL;
	if (m && m->op == __HYPERVISOR_mmu_update && (va & PAGE_MASK) == q->pt_va &&
	    q->nr_mmu < XEN_MMU_BATCH) {
		u = &q->mmu[q->nr_mmu++];
		u->ptr = q->pt_ma | (va & ~PAGE_MASK) | MMU_NORMAL_PT_UPDATE;
		u->val = val;
		m->args[1]++;
		this_cpu_inc(xen_mmu_stats.queued);
		done = true;
	}
	barrier();
	/* An event that came meanwhile: xen_set_pte_direct has it delivered. */
	this_cpu_write(xen_vcpu_info.evtchn_upcall_mask, mask);
	return done;
}

/* After a lazy entry write the C way: the next ones may take the short one. */
void xen_mc_note_table(unsigned long va, u64 ma)
{
	unsigned long flags;
	struct xen_mc_queue *q;

	local_irq_save(flags);
	q = this_queue();
	if (q->nr_mc && xen_lazy_mmu_now()) {
		q->pt_va = va & PAGE_MASK;
		q->pt_ma = ma & PAGE_MASK;
	}
	local_irq_restore(flags);
}

/* No canary: the one buffer on the stack is Xen's to read, not to fill. */
__no_stack_protector unsigned int xen_mmu_update_alone(u64 ptr, u64 val)
{
	struct mmu_update one = { .ptr = ptr, .val = val };

	long err = HYPERVISOR_mmu_update(&one, 1, NULL, DOMID_SELF);

	/* The request reread, not kept in registers across the call. */
	return sent_alone("mmu_update", err, one.ptr, one.val);
}

unsigned int xen_mmu_update_queued(u64 ptr, u64 val, bool defer)
{
	struct xen_mc_queue *q;
	struct mmu_update *u;
	unsigned long flags;
	unsigned int bad = 0;

	local_irq_save(flags);
	q = this_queue();
	if (full(q))
		bad = flush_locked(q);
	u = &q->mmu[q->nr_mmu++];
	run_for(q, __HYPERVISOR_mmu_update, u)->args[1]++;
	u->ptr = ptr;
	u->val = val;
	bad += queued(q, defer);
	local_irq_restore(flags);
	return bad;
}

/* Xen only reads the ops it is given: the caller's own will do. */
unsigned int xen_mmuext_alone(const struct mmuext_op *op)
{
	long err = HYPERVISOR_mmuext_op((struct mmuext_op *)op, 1, NULL, DOMID_SELF);

	return sent_alone("mmuext_op", err, op->cmd, op->arg1.mfn);
}

unsigned int xen_mmuext_queued(const struct mmuext_op *op, bool defer)
{
	struct xen_mc_queue *q;
	struct mmuext_op *x;
	unsigned long flags;
	unsigned int bad = 0;

	local_irq_save(flags);
	q = this_queue();
	if (full(q))
		bad = flush_locked(q);
	x = &q->ext[q->nr_ext++];
	run_for(q, __HYPERVISOR_mmuext_op, x)->args[1]++;
	*x = *op;
	bad += queued(q, defer);
	local_irq_restore(flags);
	return bad;
}

unsigned int xen_queue_va_mapping(unsigned long va, u64 pte, unsigned long flags_uvmf,
				  bool defer)
{
	struct multicall_entry *m;
	struct xen_mc_queue *q;
	unsigned long flags;
	unsigned int bad = 0;

	local_irq_save(flags);
	q = this_queue();
	if (full(q))
		bad = flush_locked(q);
	m = run_for(q, __HYPERVISOR_update_va_mapping, NULL);
	m->args[0] = va;
	m->args[1] = pte;
	m->args[2] = flags_uvmf;
	m->args[3] = 0;
	bad += queued(q, defer);
	local_irq_restore(flags);
	return bad;
}

unsigned int xen_flush_batch(void)
{
	unsigned long flags;
	unsigned int bad;

	local_irq_save(flags);
	bad = flush_locked(this_queue());
	local_irq_restore(flags);
	return bad;
}

/* Every CPU's counts added up (each CPU's own are this_cpu/per_cpu's). */
void xen_mmu_stats_sum(struct xen_mmu_stats *sum)
{
	unsigned int cpu;

	*sum = (struct xen_mmu_stats){};
	for_each_possible_cpu(cpu) {
		const struct xen_mmu_stats *st = per_cpu_ptr(&xen_mmu_stats, cpu);

		sum->queued += READ_ONCE(st->queued);
		sum->flushes += READ_ONCE(st->flushes);
		sum->refused += READ_ONCE(st->refused);
		sum->expect += READ_ONCE(st->expect);
		sum->expected += READ_ONCE(st->expected);
	}
}

/*
 * Lazy mode belongs to the code that entered it: an interrupt handler's
 * enter and leave leave it alone (its own requests are never deferred),
 * but its leave still flushes, as a leave promises.
 */
void xen_lazy_enter(void)
{
	this_queue()->pt_va = 0;
	if (!in_interrupt())
		this_cpu_write(xen_lazy_mmu, true);
}

void xen_lazy_leave(void)
{
	xen_flush_batch();
	if (!in_interrupt())
		this_cpu_write(xen_lazy_mmu, false);
}
