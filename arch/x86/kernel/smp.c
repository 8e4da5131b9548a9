// SPDX-License-Identifier: GPL-2.0
/*
 * Requests between CPUs: function calls through each CPU's call queue
 * (the caller's entry is on its stack; the target runs it from its
 * CALL_FUNCTION_VECTOR handler and marks it done), TLB shootdown of
 * kernel ranges on top of that, and a per-CPU work queue that a
 * secondary CPU's idle loop drains, halting when it is empty.
 *
 * The native ops (smp_ops) send one fixed IPI through the local APIC
 * (x2APIC MSR or xAPIC ICR, apic.c); a platform may replace them before
 * the secondaries start.  The idle loop halts through the irq op
 * safe_halt (natively sti;hlt, which cannot miss an interrupt that
 * arrives between the emptiness check and the halt; a hypervisor's child
 * can block the vCPU there instead).
 *
 * Invariants: a queue entry is enqueued before the IPI is sent and
 * marked done (release) only after its function returned, and the
 * target never touches it after that; a waiter runs its own queue while
 * it spins, so crossing calls with interrupts off make progress.
 */
#define pr_fmt(fmt) "smp: " fmt

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/errno.h>
#include <linux/irqflags.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <asm/apic.h>
#include <asm/barrier.h>
#include <asm/processor.h>
#include <asm/page.h>
#include <asm/special_insns.h>
#include <asm/smp.h>
#include <asm/tlbflush.h>
#include <asm/traps.h>

struct call_single_data {
	struct call_single_data *next;
	smp_call_func_t func;
	void *info;
	unsigned int done;
};

struct call_queue {
	spinlock_t lock;
	struct call_single_data *head, **tail;
	struct work_struct *work_head, **work_tail;
};
static DEFINE_PER_CPU(struct call_queue, call_queue);

static void native_send_call_func_ipi(unsigned int cpu)
{
	apic_icr_write(APIC_DM_FIXED | CALL_FUNCTION_VECTOR, cpu_apic_id[cpu]);
}

struct flush_range {
	unsigned long start, end;
};

/* Whole-TLB flush past this many pages (Linux's default ceiling, 33). */
#define FLUSH_ONE_BY_ONE_MAX	33

static void flush_range_local(const struct flush_range *r)
{
	unsigned long a;

	if ((r->end - r->start) >> PAGE_SHIFT > FLUSH_ONE_BY_ONE_MAX) {
		flush_tlb_all();
		return;
	}
	for (a = r->start; a < r->end; a += PAGE_SIZE)
		flush_tlb_one_kernel(a);
}

static void flush_range_ipi(void *info)
{
	flush_range_local(info);
}

static void native_flush_tlb_multi(unsigned long mask, unsigned long start, unsigned long end)
{
	struct flush_range r = { start, end };

	smp_call_function_many(mask, flush_range_ipi, &r);
}

struct smp_ops smp_ops = {
	.send_call_func_ipi = native_send_call_func_ipi,
	.flush_tlb_multi = native_flush_tlb_multi,
};

void smp_call_process_queue(void)
{
	struct call_queue *q = this_cpu_ptr(&call_queue);
	struct call_single_data *c, *next;
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	c = q->head;
	q->head = NULL;
	q->tail = &q->head;
	spin_unlock_irqrestore(&q->lock, flags);
	for (; c; c = next) {
		next = READ_ONCE(c->next);
		c->func(c->info);
		smp_store_release(&c->done, 1);	/* c may be gone after this */
	}
}

static void call_function_interrupt(struct pt_regs *regs)
{
	apic_eoi();
	smp_call_process_queue();
}

static void call_queue_init(unsigned int cpu)
{
	struct call_queue *q = per_cpu_ptr(&call_queue, cpu);

	spin_lock_init(&q->lock);
	q->head = NULL;
	q->tail = &q->head;
	q->work_head = NULL;
	q->work_tail = &q->work_head;
}

void __init smp_ipi_init(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		call_queue_init(cpu);
	idt_install_handler(CALL_FUNCTION_VECTOR, call_function_interrupt);
}

static void enqueue_call(unsigned int cpu, struct call_single_data *c)
{
	struct call_queue *q = per_cpu_ptr(&call_queue, cpu);
	unsigned long flags;

	c->next = NULL;
	c->done = 0;
	spin_lock_irqsave(&q->lock, flags);
	*q->tail = c;
	q->tail = &c->next;
	spin_unlock_irqrestore(&q->lock, flags);
	smp_ops.send_call_func_ipi(cpu);
}

/* Spin until *@done; meanwhile answer what others ask of this CPU. */
static void wait_done(const unsigned int *done)
{
	while (!smp_load_acquire(done)) {
		if (irqs_disabled())
			smp_call_process_queue();
		cpu_relax();
	}
}

int smp_call_function_single(unsigned int cpu, smp_call_func_t func, void *info)
{
	struct call_single_data c = { .func = func, .info = info };
	unsigned long flags;

	if (cpu >= nr_cpu_ids || !cpu_online(cpu))
		return -ENXIO;
	if (cpu == smp_processor_id()) {
		local_irq_save(flags);
		func(info);
		local_irq_restore(flags);
		return 0;
	}
	enqueue_call(cpu, &c);
	wait_done(&c.done);
	return 0;
}

void smp_call_function_many(unsigned long mask, smp_call_func_t func, void *info)
{
	struct call_single_data c[NR_CPUS];
	unsigned int cpu, me = smp_processor_id();

	mask &= READ_ONCE(cpu_online_mask) & ~(1UL << me);
	for_each_possible_cpu(cpu) {
		if (!(mask & (1UL << cpu)))
			continue;
		c[cpu].func = func;
		c[cpu].info = info;
		enqueue_call(cpu, &c[cpu]);
	}
	for_each_possible_cpu(cpu)
		if (mask & (1UL << cpu))
			wait_done(&c[cpu].done);
}

void smp_call_function(smp_call_func_t func, void *info)
{
	smp_call_function_many(~0UL, func, info);
}

/*
 * Parking: the other CPUs wait in a work item, interrupts off, outside
 * every patchable site (their idle loop called it between items, so no
 * interrupted frame of theirs points into a site), while this CPU
 * rewrites text.  On release each serializes (the SDM's rule for
 * cross-modified code) and flushes its whole TLB, which is why a
 * shootdown while they are parked is left to that flush.  Only one CPU
 * parks the others at a time; the depth lets a caller hold them across
 * several repatches (a test that counts the calls its child receives).
 */
static unsigned int park_depth, parked, park_release;
static struct work_struct park_work[NR_CPUS];

static void park_fn(struct work_struct *w)
{
	unsigned long flags;

	local_irq_save(flags);
	asm volatile("lock incl %0" : "+m" (parked) : : "memory");
	while (!READ_ONCE(park_release))
		cpu_relax();
	sync_core();
	flush_tlb_all();
	local_irq_restore(flags);
}

void smp_park_others(void)
{
	unsigned int cpu, n = 0, me = smp_processor_id();

	if (park_depth++)
		return;
	WRITE_ONCE(parked, 0);
	WRITE_ONCE(park_release, 0);
	for_each_online_cpu(cpu) {
		if (cpu == me)
			continue;
		park_work[cpu].fn = park_fn;
		if (!queue_work_on(cpu, &park_work[cpu]))
			n++;
	}
	while (READ_ONCE(parked) != n)
		cpu_relax();
}

void smp_unpark_others(void)
{
	unsigned int cpu, me = smp_processor_id();

	if (WARN_ON(!park_depth) || --park_depth)
		return;
	smp_store_release(&park_release, 1);
	for_each_online_cpu(cpu)
		if (cpu != me && cpu)
			flush_work(&park_work[cpu]);
}

void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	struct flush_range r = { start & PAGE_MASK, PAGE_ALIGN(end) };
	unsigned long others = READ_ONCE(cpu_online_mask) & ~(1UL << smp_processor_id());

	flush_range_local(&r);
	if (others && !READ_ONCE(park_depth))
		smp_ops.flush_tlb_multi(others, r.start, r.end);
}

int queue_work_on(unsigned int cpu, struct work_struct *w)
{
	struct call_queue *q;
	unsigned long flags;

	if (cpu >= nr_cpu_ids || !cpu_online(cpu) || cpu == smp_processor_id() || !cpu)
		return -ENXIO;
	q = per_cpu_ptr(&call_queue, cpu);
	w->next = NULL;
	w->done = 0;
	spin_lock_irqsave(&q->lock, flags);
	*q->work_tail = w;
	q->work_tail = &w->next;
	spin_unlock_irqrestore(&q->lock, flags);
	smp_ops.send_call_func_ipi(cpu);	/* out of hlt */
	return 0;
}

void flush_work(struct work_struct *w)
{
	wait_done(&w->done);
}

int run_on_cpu(unsigned int cpu, struct work_struct *w)
{
	int err;

	if (cpu < nr_cpu_ids && cpu == smp_processor_id()) {
		w->fn(w);
		return 0;
	}
	err = queue_work_on(cpu, w);
	if (!err)
		flush_work(w);
	return err;
}

/* The first queued work item of this CPU, or NULL (interrupts off). */
static struct work_struct *dequeue_work(struct call_queue *q)
{
	struct work_struct *w;

	spin_lock(&q->lock);
	w = q->work_head;
	if (w) {
		q->work_head = w->next;
		if (!q->work_head)
			q->work_tail = &q->work_head;
	}
	spin_unlock(&q->lock);
	return w;
}

void __noreturn cpu_idle_loop(void)
{
	struct call_queue *q = this_cpu_ptr(&call_queue);
	struct work_struct *w;

	for (;;) {
		local_irq_disable();
		w = dequeue_work(q);
		if (!w) {
			safe_halt();	/* interrupts on again, atomically */
			continue;
		}
		local_irq_enable();
		w->fn(w);
		smp_store_release(&w->done, 1);
	}
}
