// SPDX-License-Identifier: GPL-2.0
/*
 * pvbench_linux: the loops of arch/x86/kernel/pvbench.c, in Linux, for
 * counting Linux's guest instructions with the same QEMU plugin
 * (tools/perf-icount/icount.c): an out-of-tree module, built against
 * Debian's linux-headers of the reference dom0's kernel, that runs each
 * loop once at load between markers with pvbench's window ids, names and
 * iteration count, through Linux's own calls (so whatever pvops patching,
 * alternatives and Xen's direct asm make of them).  It prints
 *   pvbench: bench ID NAME iterations N
 * before each window (make bench checks that ids, names and counts are
 * pvbench's) and "pvbench_linux: done" at the end.  It stays loaded
 * (a failed load would make busybox's insmod try again with the other
 * syscall, and run everything twice); its exit does nothing.
 *
 * Linux keeps its tick: a loop that has interrupts on (irq_disable_enable,
 * evtchn_roundtrip) may take an interrupt that is not its own.  Each
 * window is checked against Linux's interrupt counters (irq_stat, kstat)
 * after its stop marker; if anything else came, a cancel marker tells the
 * plugin to drop that run, and the loop runs again (up to TRIES times).
 * Under Xen the 1000 round trips take about a tick (4 ms of Xen's time
 * under TCG), so the tick would land in nearly every run: with
 * timer_irq=N (the irq of Xen's timer VIRQ, "timer0" in /proc/interrupts)
 * that irq is disabled (its port masked) around the loops that have
 * interrupts on, and its event taken after.
 *
 * write_cr3: reachable (an inline pvop, pv_ops is exported); it writes
 * back the value just read, as a context switch to the same mm would.
 * flush_tlb_one_kernel() is not exported: the per-page flush here is
 * __flush_tlb_one_user(), the pvop it ends in for a kernel address
 * (without PTI's extra flush of the user copy, which a kernel mapping
 * does not have anyway).
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/irqflags.h>
#include <linux/kernel_stat.h>
#include <linux/interrupt.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/sched/clock.h>
#include <linux/spinlock.h>
#include <linux/vmalloc.h>
#include <asm/hardirq.h>
#include <asm/processor.h>
#include <asm/special_insns.h>
#include <asm/tlbflush.h>
#include <xen/xen.h>
#include <xen/events.h>
#include <xen/interface/version.h>
#include <xen/interface/sched.h>
#include <xen/interface/event_channel.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/page.h>

#define BENCH_ITERS	1000
#define TRIES		8
#define PVBENCH_YIELDS	16

/* The plugin's markers (icount.c): start, stop; cancel the last window run. */
#define MARK(code) \
	asm volatile("nopl %c0(%%rax)" : : "i"(0x4b4d0000 | (code)) : "memory")
#define START(id)	MARK(id)
#define STOP(id)	MARK((id) | 0x8000)
#define CANCEL_LAST()	MARK(0xa000)

/* pvbench.c's ids: the contract between the two. */
enum {
	B_LOOP = 0, B_IRQ_SAVE_RESTORE = 1, B_IRQ_DISABLE_ENABLE = 2, B_READ_CR3 = 3,
	B_WRITE_CR3 = 4, B_SET_PTE_FLUSH = 5, B_CPUID = 6, B_LAZY_SET_PTE = 7,
	B_SPIN_LOCK_UNLOCK = 8, B_NULL_HYPERCALL = 9, B_SCHED_CLOCK = 10,
	B_EVTCHN_SEND = 11, B_EVTCHN_ROUNDTRIP = 12,
	B_BARE_WRITE_CR3 = 13, B_BARE_SET_PTE_FLUSH = 14, B_BARE_EVTCHN_SEND = 15,
	B_BARE_LAZY_SET_PTE = 20,	/* 16-19: pvbench_smp.c's */
};

static unsigned long bench_va;
static pte_t *bench_pte;
static pteval_t bench_pteval;
static unsigned long bench_sink;
static DEFINE_SPINLOCK(bench_lock);
static evtchn_port_t bench_near, bench_far;
static unsigned long bench_events;
static int timer_irq = -1;
module_param(timer_irq, int, 0444);
MODULE_PARM_DESC(timer_irq, "Xen's timer irq, held off in loops with interrupts on");

/* This CPU's interrupts so far, but our own events: what must not move. */
struct irq_seen {
	unsigned long other, upcalls, irqs;
};

static void irq_seen(struct irq_seen *s)
{
	s->other = this_cpu_read(irq_stat.__nmi_count) +
		   this_cpu_read(irq_stat.apic_timer_irqs) +
		   this_cpu_read(irq_stat.x86_platform_ipis) +
		   this_cpu_read(irq_stat.apic_irq_work_irqs) +
		   this_cpu_read(irq_stat.irq_resched_count) +
		   this_cpu_read(irq_stat.irq_call_count) +
		   this_cpu_read(irq_stat.irq_tlb_count);
	s->upcalls = this_cpu_read(irq_stat.irq_hv_callback_count);
	s->irqs = kstat_cpu_irqs_sum(smp_processor_id());
}

/* Since @a, into @d: anything but @ours events (one upcall and one irq each)? */
static bool interfered(const struct irq_seen *a, unsigned long ours, struct irq_seen *d)
{
	irq_seen(d);
	d->other -= a->other;
	d->upcalls -= a->upcalls;
	d->irqs -= a->irqs;
	return d->other || d->irqs != ours || (xen_domain() && d->upcalls != ours);
}

static noinline void bench_loop(void)
{
	unsigned int i;

	START(B_LOOP);
	for (i = 0; i < BENCH_ITERS; i++)
		barrier();
	STOP(B_LOOP);
}

static noinline void bench_irq_save_restore(void)
{
	unsigned long flags;
	unsigned int i;

	START(B_IRQ_SAVE_RESTORE);
	for (i = 0; i < BENCH_ITERS; i++) {
		local_irq_save(flags);
		local_irq_restore(flags);
	}
	STOP(B_IRQ_SAVE_RESTORE);
}

static noinline void bench_irq_disable_enable(void)
{
	unsigned int i;

	START(B_IRQ_DISABLE_ENABLE);
	for (i = 0; i < BENCH_ITERS; i++) {
		local_irq_disable();
		local_irq_enable();
	}
	STOP(B_IRQ_DISABLE_ENABLE);
}

static noinline void bench_read_cr3(void)
{
	unsigned long sum = 0;
	unsigned int i;

	START(B_READ_CR3);
	for (i = 0; i < BENCH_ITERS; i++)
		sum += __read_cr3();
	STOP(B_READ_CR3);
	WRITE_ONCE(bench_sink, sum);
}

static noinline void bench_write_cr3(void)
{
	unsigned long cr3 = __read_cr3();
	unsigned int i;

	START(B_WRITE_CR3);
	for (i = 0; i < BENCH_ITERS; i++)
		write_cr3(cr3);
	STOP(B_WRITE_CR3);
}

static noinline void bench_set_pte_flush(void)
{
	unsigned int i;

	START(B_SET_PTE_FLUSH);
	for (i = 0; i < BENCH_ITERS; i++) {
		set_pte(bench_pte, __pte(bench_pteval));
		__flush_tlb_one_user(bench_va);
	}
	STOP(B_SET_PTE_FLUSH);
}

static noinline void bench_cpuid(void)
{
	unsigned int a, b, c, d;
	unsigned int i;

	START(B_CPUID);
	for (i = 0; i < BENCH_ITERS; i++)
		cpuid_count(0, 0, &a, &b, &c, &d);
	STOP(B_CPUID);
}

static noinline void bench_lazy_set_pte(void)
{
	unsigned int i;

	START(B_LAZY_SET_PTE);
	arch_enter_lazy_mmu_mode();
	for (i = 0; i < BENCH_ITERS; i++)
		set_pte(bench_pte, __pte(bench_pteval & ~((i & 1) ? _PAGE_RW : 0)));
	arch_leave_lazy_mmu_mode();
	__flush_tlb_one_user(bench_va);
	STOP(B_LAZY_SET_PTE);
}

static noinline void bench_spin_lock_unlock(void)
{
	unsigned int i;

	START(B_SPIN_LOCK_UNLOCK);
	for (i = 0; i < BENCH_ITERS; i++) {
		spin_lock(&bench_lock);
		spin_unlock(&bench_lock);
	}
	STOP(B_SPIN_LOCK_UNLOCK);
}

static noinline void bench_sched_clock(void)
{
	u64 sum = 0;
	unsigned int i;

	START(B_SCHED_CLOCK);
	for (i = 0; i < BENCH_ITERS; i++)
		sum += sched_clock();
	STOP(B_SCHED_CLOCK);
	WRITE_ONCE(bench_sink, sum);
}

static noinline void bench_null_hypercall(void)
{
	unsigned int i;

	START(B_NULL_HYPERCALL);
	for (i = 0; i < BENCH_ITERS; i++)
		HYPERVISOR_xen_version(XENVER_version, NULL);
	STOP(B_NULL_HYPERCALL);
}

static noinline void bench_evtchn_send(void)
{
	unsigned int i;

	START(B_EVTCHN_SEND);
	for (i = 0; i < BENCH_ITERS; i++)
		notify_remote_via_evtchn(bench_far);
	STOP(B_EVTCHN_SEND);
}

static noinline void bench_evtchn_roundtrip(void)
{
	unsigned long seen;
	unsigned int i;

	START(B_EVTCHN_ROUNDTRIP);
	for (i = 0; i < BENCH_ITERS; i++) {
		seen = READ_ONCE(bench_events);
		notify_remote_via_evtchn(bench_far);
		while (READ_ONCE(bench_events) == seen)
			cpu_relax();
	}
	STOP(B_EVTCHN_ROUNDTRIP);
}

/*
 * Each hypercall-bound op's own floor, as pvbench.c has it: the requests
 * it cannot do without, issued bare from the loop, each made once first
 * and required to succeed (bare_prepare).  Xen PV only.
 */
static struct mmuext_op bare_cr3, bare_invlpg;
static struct mmu_update bare_pte;

static noinline void bench_bare_write_cr3(void)
{
	unsigned int i;

	START(B_BARE_WRITE_CR3);
	for (i = 0; i < BENCH_ITERS; i++)
		HYPERVISOR_mmuext_op(&bare_cr3, 1, NULL, DOMID_SELF);
	STOP(B_BARE_WRITE_CR3);
}

static noinline void bench_bare_set_pte_flush(void)
{
	unsigned int i;

	START(B_BARE_SET_PTE_FLUSH);
	for (i = 0; i < BENCH_ITERS; i++) {
		HYPERVISOR_mmu_update(&bare_pte, 1, NULL, DOMID_SELF);
		HYPERVISOR_mmuext_op(&bare_invlpg, 1, NULL, DOMID_SELF);
	}
	STOP(B_BARE_SET_PTE_FLUSH);
}

/* lazy_set_pte's 1000 entries bare, in runs of 256, and the flush. */
#define BARE_RUN	256
static struct mmu_update bare_lazy[BARE_RUN];

static noinline void bench_bare_lazy_set_pte(void)
{
	unsigned int i, n;

	START(B_BARE_LAZY_SET_PTE);
	for (i = 0; i < BENCH_ITERS; i += n) {
		n = BENCH_ITERS - i < BARE_RUN ? BENCH_ITERS - i : BARE_RUN;
		HYPERVISOR_mmu_update(bare_lazy, n, NULL, DOMID_SELF);
	}
	HYPERVISOR_mmuext_op(&bare_invlpg, 1, NULL, DOMID_SELF);
	STOP(B_BARE_LAZY_SET_PTE);
}

static noinline void bench_bare_evtchn_send(void)
{
	struct evtchn_send send = { .port = bench_far };
	unsigned int i;

	START(B_BARE_EVTCHN_SEND);
	for (i = 0; i < BENCH_ITERS; i++)
		HYPERVISOR_event_channel_op(EVTCHNOP_send, &send);
	STOP(B_BARE_EVTCHN_SEND);
}

/* The requests as Xen takes them: machine frames, the entry read raw. */
static int bare_prepare(void)
{
	void *pgd = __va(__read_cr3() & CR3_ADDR_MASK);
	unsigned int i;
	int e1, e2, e3;

	bare_cr3.cmd = MMUEXT_NEW_BASEPTR;
	bare_cr3.arg1.mfn = arbitrary_virt_to_machine(pgd).maddr >> PAGE_SHIFT;
	bare_pte.ptr = arbitrary_virt_to_machine(bench_pte).maddr | MMU_NORMAL_PT_UPDATE;
	bare_pte.val = bench_pte->pte;		/* raw: the machine frame */
	bare_invlpg.cmd = MMUEXT_INVLPG_LOCAL;
	bare_invlpg.arg1.linear_addr = bench_va;
	e1 = HYPERVISOR_mmuext_op(&bare_cr3, 1, NULL, DOMID_SELF);
	e2 = HYPERVISOR_mmu_update(&bare_pte, 1, NULL, DOMID_SELF);
	e3 = HYPERVISOR_mmuext_op(&bare_invlpg, 1, NULL, DOMID_SELF);
	if (e1 || e2 || e3) {
		pr_err("pvbench: bare requests refused (%d, %d, %d)\n", e1, e2, e3);
		return -EIO;
	}
	/* Even entries as they are, odd ones read-only: as lazy_set_pte. */
	for (i = 0; i < BARE_RUN; i++) {
		bare_lazy[i].ptr = bare_pte.ptr;
		bare_lazy[i].val = bare_pte.val & ~((i & 1) ? (u64)_PAGE_RW : 0);
	}
	return 0;
}

static irqreturn_t bench_on_event(int irq, void *data)
{
	WRITE_ONCE(bench_events, bench_events + 1);
	return IRQ_HANDLED;
}

/* A port left unbound for ourselves (@near, our handler) and its peer. */
static int bench_evtchn_open(void)
{
	struct evtchn_alloc_unbound au = { .dom = DOMID_SELF, .remote_dom = DOMID_SELF };
	struct evtchn_bind_interdomain bi = { .remote_dom = DOMID_SELF };
	struct evtchn_close close;
	int err;

	err = HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &au);
	if (err)
		return err;
	bi.remote_port = au.port;
	err = HYPERVISOR_event_channel_op(EVTCHNOP_bind_interdomain, &bi);
	if (err)
		goto close_near;
	err = bind_evtchn_to_irqhandler(au.port, bench_on_event, 0, "pvbench", NULL);
	if (err < 0)
		goto close_far;
	bench_near = au.port;
	bench_far = bi.local_port;
	return err;		/* the irq */
close_far:
	close.port = bi.local_port;
	HYPERVISOR_event_channel_op(EVTCHNOP_close, &close);
close_near:
	close.port = au.port;
	HYPERVISOR_event_channel_op(EVTCHNOP_close, &close);
	return err;
}

static const struct bench {
	unsigned int id;
	const char *name;
	void (*fn)(void);
	bool xen;		/* under Xen only */
	bool irqs_on;		/* run with interrupts on */
	bool pv;		/* under Xen PV only */
	unsigned int events;	/* of ours, per run */
} benches[] = {
	{ B_LOOP, "loop", bench_loop },
	{ B_IRQ_SAVE_RESTORE, "irq_save_restore", bench_irq_save_restore },
	{ B_IRQ_DISABLE_ENABLE, "irq_disable_enable", bench_irq_disable_enable },
	{ B_READ_CR3, "read_cr3", bench_read_cr3 },
	{ B_WRITE_CR3, "write_cr3", bench_write_cr3 },
	{ B_SET_PTE_FLUSH, "set_pte_flush_one", bench_set_pte_flush },
	{ B_CPUID, "cpuid", bench_cpuid },
	{ B_LAZY_SET_PTE, "lazy_set_pte", bench_lazy_set_pte },
	{ B_SPIN_LOCK_UNLOCK, "spin_lock_unlock", bench_spin_lock_unlock },
	{ B_SCHED_CLOCK, "sched_clock", bench_sched_clock },
	{ B_NULL_HYPERCALL, "null_hypercall", bench_null_hypercall, true },
	{ B_EVTCHN_SEND, "evtchn_send", bench_evtchn_send, true },
	{ B_EVTCHN_ROUNDTRIP, "evtchn_roundtrip", bench_evtchn_roundtrip, true, true,
	  BENCH_ITERS },
	{ B_BARE_WRITE_CR3, "bare_write_cr3", bench_bare_write_cr3, true, .pv = true },
	{ B_BARE_SET_PTE_FLUSH, "bare_set_pte_flush", bench_bare_set_pte_flush, true, .pv = true },
	{ B_BARE_EVTCHN_SEND, "bare_evtchn_send", bench_bare_evtchn_send, true, .pv = true },
	{ B_BARE_LAZY_SET_PTE, "bare_lazy_set_pte", bench_bare_lazy_set_pte, true, .pv = true },
};

/*
 * As pvbench.c: in a domU, let dom0 (woken by the line just printed) have
 * the CPU before a window, which would count what it runs meanwhile.
 */
static void let_dom0_run(void)
{
	unsigned int i;

	if (xen_domain() && !xen_initial_domain())
		for (i = 0; i < PVBENCH_YIELDS; i++)
			HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
}

/*
 * Each attempt with interrupts off around it (on inside for irqs_on),
 * checked after its stop marker.  evtchn_send leaves one event pending:
 * it is taken, and counted, after the check.
 */
static int run_one(const struct bench *b)
{
	unsigned long flags, before;
	struct irq_seen seen, d;
	unsigned int try;
	bool bad;

	pr_info("pvbench: bench %u %s iterations %u\n", b->id, b->name, BENCH_ITERS);
	for (try = 1; try <= TRIES; try++) {
		let_dom0_run();
		if (b->irqs_on && timer_irq >= 0)
			disable_irq(timer_irq);
		local_irq_save(flags);
		before = bench_events;
		irq_seen(&seen);
		if (b->irqs_on)
			local_irq_enable();
		b->fn();
		bad = interfered(&seen, bench_events - before, &d);
		if (bad)
			CANCEL_LAST();
		local_irq_disable();
		local_irq_restore(flags);
		if (b->irqs_on && timer_irq >= 0)
			enable_irq(timer_irq);
		if (b->events && bench_events - before != b->events) {
			pr_err("pvbench: %s: %lu events, not %u\n", b->name,
			       bench_events - before, b->events);
			return -EIO;
		}
		if (!bad)
			return 0;
		pr_info("pvbench: bench %u interrupted (try %u: %lu events, %lu irqs, %lu upcalls, %lu other), again\n",
			b->id, try, bench_events - before, d.irqs, d.upcalls, d.other);
	}
	pr_err("pvbench: bench %u interrupted %u times: no figure\n", b->id, TRIES);
	return -EBUSY;
}

static int __init pvbench_linux_init(void)
{
	unsigned int level, i;
	int irq = -1, err = 0;
	void *page;

	page = vmalloc(PAGE_SIZE);
	if (!page)
		return -ENOMEM;
	bench_va = (unsigned long)page;
	bench_pte = lookup_address(bench_va, &level);
	if (!bench_pte || level != PG_LEVEL_4K) {
		pr_err("pvbench: no 4K PTE for the scratch page\n");
		vfree(page);
		return -EFAULT;
	}
	bench_pteval = pte_val(*bench_pte);
	if (xen_domain()) {
		irq = bench_evtchn_open();
		if (irq < 0) {
			pr_err("pvbench: no event channel to ourselves: %d\n", irq);
			err = irq;
		}
	}
	if (!err && xen_pv_domain())
		err = bare_prepare();
	for (i = 0; i < ARRAY_SIZE(benches) && !err; i++) {
		if ((benches[i].xen && !xen_domain()) || (benches[i].pv && !xen_pv_domain()))
			continue;
		err = run_one(&benches[i]);
	}
	if (spin_is_locked(&bench_lock))
		pr_err("pvbench: bench_lock still locked\n");
	set_pte(bench_pte, __pte(bench_pteval));
	__flush_tlb_one_user(bench_va);
	if (irq >= 0) {
		struct evtchn_close close = { .port = bench_far };

		unbind_from_irqhandler(irq, NULL);
		HYPERVISOR_event_channel_op(EVTCHNOP_close, &close);
	}
	vfree(page);
	if (err)
		pr_err("pvbench_linux: failed: %d\n", err);
	else
		pr_info("pvbench_linux: done (%s)\n", xen_pv_domain() ? "Xen PV" :
			xen_domain() ? "Xen HVM" : "native");
	return 0;
}
module_init(pvbench_linux_init);

static void __exit pvbench_linux_exit(void)
{
}
module_exit(pvbench_linux_exit);

MODULE_DESCRIPTION("pvbench's loops in Linux, for the instruction-count plugin");
MODULE_LICENSE("GPL");
