// SPDX-License-Identifier: GPL-2.0
/*
 * pvbench_smp: the cross-CPU benchmarks of pvbench, run by pvbench_run()
 * after the per-op ones when more than one CPU is online.  The boot CPU
 * runs them with interrupts on (as a cross call's caller has them) and
 * every CPU's tick stopped (each stops its own first), so the only
 * interrupts are the benchmarks' own and an idle CPU halts, executing
 * nothing.
 *
 * The window: each benchmark runs between all-vCPU markers
 * (PVBENCH_START_ALL): the plugin counts every vCPU's instructions from
 * the start marker to the stop marker, so the remote CPUs' handlers
 * count, and under Xen every instruction Xen ran meanwhile on any host
 * CPU (dom0's other vCPUs, Xen's scheduler and idle loops).  It also
 * reports the starting vCPU's own share ("sender") and its PAUSEs: a
 * sender's wait for the acknowledgement is a loop with one PAUSE a turn,
 * whose length depends on how fast the host runs the other vCPU's
 * thread, so make bench subtracts turns x wait_turn to give the work.
 *
 *  wait_turn:  one turn of that loop (wait_done(), here through
 *	flush_work()): the boot CPU waits for a work item on CPU 1 that
 *	spins WAIT_DELAY PAUSEs; its own instructions per own PAUSE.
 *  ipi_roundtrip:  smp_call_function_single() of an empty function on
 *	CPU 1, SMP_ITERS times: the sender's enqueue, its IPI (ICR write,
 *	or EVTCHNOP_send) and wait, the target's wake from its idle halt
 *	(hlt, or SCHEDOP_block and Xen scheduling it), interrupt or event
 *	upcall, queue, handler, acknowledgement and return to its halt.
 *  shootdown_one_page:  flush_tlb_kernel_range() of one page with every
 *	CPU online, SMP_ITERS times: the local invlpg and the remote flush
 *	(natively a call-function IPI to each other CPU and the wait for
 *	all; under Xen one MMUEXT_INVLPG_MULTI and Xen's IPIs and flushes).
 *  contend:  every online CPU takes one spinlock CONTEND_N times (its
 *	own work item on the others, queue_work_on()), the total checked
 *	against a plain counter that only the lock protects.  The boot CPU
 *	takes the lock first (its first acquisition) and holds it until
 *	every other CPU has arrived at its first spin_lock(), so all of
 *	them queue on the lock from the start even when the vCPUs take
 *	turns on one host CPU; the window opens as it lets go and closes
 *	when the last CPU is done (on that CPU).  CPUs that finish early
 *	halt, so a CPU burns time only in the lock.  In an overcommitted
 *	Xen dom0 (more vCPUs than host CPUs) this is what pv spinlocks are
 *	for: a ticket lock hands the lock to the next waiter in line even
 *	when Xen has descheduled it, and the others spin out their slices.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/irqflags.h>
#include <linux/mm.h>
#include <linux/pvbench.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <asm/barrier.h>
#include <asm/processor.h>
#include <asm/msr.h>
#include <asm/smp.h>
#include <asm/tlbflush.h>
#include <asm/tsc.h>
#include <asm/x86_init.h>

#define SMP_ITERS	1000
#define WAIT_DELAY	20000
/*
 * Per CPU.  Overcommitted, a ticket handed to a descheduled vCPU costs it
 * a time slice (~2 ms of host time under credit2 here): 4 x 1000 keep a
 * run with plain ticket spinning to seconds.
 */
#define CONTEND_N	1000

/* After pvbench.c's ids (0-12), below PVBENCH_BOOT. */
enum { B_WAIT_TURN = 16, B_IPI_ROUNDTRIP, B_SHOOTDOWN_ONE_PAGE, B_CONTEND };

static unsigned int fetch_add(unsigned int *p, int v)
{
	asm volatile("lock xaddl %0, %1" : "+r" (v), "+m" (*p) : : "memory");
	return v;
}

/*
 * pvbench_spin_threshold=N: the rounds a lock waiter spins before the pv
 * wait op (spin_threshold, kernel/spinlock.c) for these benchmarks, to
 * weigh Linux's 1 << 15 against the cost of a PAUSE under TCG.
 */
static unsigned int bench_spin_threshold;

static int __init pvbench_spin_threshold_setup(const char *val)
{
	unsigned long long v;

	if (kstrtoull(val, 0, &v) || !v || v > 0xffffffffULL)
		return -EINVAL;
	bench_spin_threshold = v;
	return 0;
}
__setup("pvbench_spin_threshold=", pvbench_spin_threshold_setup);

static void stop_tick(void *unused)
{
	x86_platform.timer_stop();
}

/* --- one turn of the wait ------------------------------------------------- */

static void delay_fn(struct work_struct *w)
{
	unsigned int i;

	for (i = 0; i < WAIT_DELAY; i++)
		cpu_relax();
}

static noinline void bench_wait_turn(void)
{
	static struct work_struct w = { .fn = delay_fn };

	if (queue_work_on(1, &w)) {
		pr_err("pvbench: wait_turn: CPU 1 takes no work\n");
		return;
	}
	PVBENCH_START_ALL(B_WAIT_TURN);
	flush_work(&w);
	PVBENCH_STOP_ALL(B_WAIT_TURN);
}

/* --- IPI round trip ------------------------------------------------------- */

static unsigned long ipi_hits;		/* written on CPU 1 alone */

static void ipi_fn(void *unused)
{
	WRITE_ONCE(ipi_hits, ipi_hits + 1);
}

static noinline void bench_ipi_roundtrip(void)
{
	unsigned int i;

	PVBENCH_START_ALL(B_IPI_ROUNDTRIP);
	for (i = 0; i < SMP_ITERS; i++)
		smp_call_function_single(1, ipi_fn, NULL);
	PVBENCH_STOP_ALL(B_IPI_ROUNDTRIP);
}

/* --- shootdown ------------------------------------------------------------ */

static noinline void bench_shootdown_one_page(void)
{
	unsigned long va = (unsigned long)&ipi_hits & PAGE_MASK;
	unsigned int i;

	PVBENCH_START_ALL(B_SHOOTDOWN_ONE_PAGE);
	for (i = 0; i < SMP_ITERS; i++)
		flush_tlb_kernel_range(va, va + PAGE_SIZE);
	PVBENCH_STOP_ALL(B_SHOOTDOWN_ONE_PAGE);
}

/* --- lock contention ------------------------------------------------------ */

static DEFINE_SPINLOCK(contend_lock);
static unsigned long contend_total;	/* only the lock keeps CPUs apart here */
static unsigned int contend_ready, contend_left;
static u64 contend_t1;

struct contend_work {
	struct work_struct w;
	unsigned long mine;
};
static struct contend_work contend[NR_CPUS];

static void wake_fn(void *unused)
{
}

/* @from: the first acquisition's number (the boot CPU made its first). */
static void contend_share(struct contend_work *c, unsigned int from)
{
	unsigned int i;

	for (i = from; i < CONTEND_N; i++) {
		spin_lock(&contend_lock);
		WRITE_ONCE(contend_total, READ_ONCE(contend_total) + 1);
		spin_unlock(&contend_lock);
		c->mine++;
	}
	if (fetch_add(&contend_left, -1) != 1)
		return;
	/* The last one: close the window here, then wake the boot CPU. */
	PVBENCH_STOP_ALL(B_CONTEND);
	contend_t1 = rdtsc();
	if (smp_processor_id())
		smp_call_function_single(0, wake_fn, NULL);
}

static void contend_fn(struct work_struct *w)
{
	/* Arrived: the next thing this CPU does is queue on the lock. */
	fetch_add(&contend_ready, 1);
	contend_share((struct contend_work *)w, 0);
}

/*
 * Halt until an interrupt unless every CPU is done: true if they are.
 * One pass, no loop of its own, so that the compiler lays out its irq
 * sites the same with and without PARAVIRT (scripts/pvcompare.py).
 */
static noinline bool halt_unless_done(void)
{
	local_irq_disable();
	if (!READ_ONCE(contend_left)) {
		local_irq_enable();
		return true;
	}
	safe_halt();	/* interrupts on again, atomically */
	return false;
}

static noinline void bench_contend(void)
{
	unsigned int cpu, n = num_online_cpus(), bad = 0;
	u64 t0;

	contend_total = 0;
	contend_ready = 0;
	contend_left = n;
	spin_lock(&contend_lock);
	contend_total++;
	contend[0].mine = 1;
	for_each_online_cpu(cpu) {
		contend[cpu].w.fn = contend_fn;
		if (!cpu)
			continue;
		contend[cpu].mine = 0;
		if (queue_work_on(cpu, &contend[cpu].w))
			bad++;
	}
	if (bad) {
		pr_err("pvbench: contend: %u work items not queued\n", bad);
		spin_unlock(&contend_lock);
		return;
	}
	while (READ_ONCE(contend_ready) != n - 1)
		cpu_relax();
	t0 = rdtsc();
	PVBENCH_START_ALL(B_CONTEND);
	spin_unlock(&contend_lock);
	contend_share(&contend[0], 1);
	/* Halt, not spin, until the last one is done (it calls this CPU). */
	while (!halt_unless_done())
		;
	for_each_online_cpu(cpu)
		if (cpu)
			flush_work(&contend[cpu].w);
	for_each_online_cpu(cpu)
		if (contend[cpu].mine != CONTEND_N)
			bad++;
	pr_info("pvbench: smp contend cpus %u each %u total %lu expected %lu %s tsc_us %llu\n",
		n, CONTEND_N, contend_total, (unsigned long)CONTEND_N * n,
		contend_total == (unsigned long)CONTEND_N * n && !bad &&
		!spin_is_locked(&contend_lock) ? "ok" : "WRONG",
		(contend_t1 - t0) * 1000 / tsc_khz);
}

static const struct {
	unsigned int id;
	const char *name;
	unsigned int iters;
	void (*fn)(void);
} smp_benches[] = {
	{ B_WAIT_TURN, "wait_turn", 1, bench_wait_turn },
	{ B_IPI_ROUNDTRIP, "ipi_roundtrip", SMP_ITERS, bench_ipi_roundtrip },
	{ B_SHOOTDOWN_ONE_PAGE, "shootdown_one_page", SMP_ITERS, bench_shootdown_one_page },
	{ B_CONTEND, "contend", CONTEND_N, bench_contend },
};

void pvbench_smp_run(void)
{
	unsigned int i, n = num_online_cpus();

	if (n < 2) {
		pr_info("pvbench: smp skipped: one CPU online\n");
		return;
	}
	/*
	 * Interrupts on, as a caller of smp_call_function_single() has them
	 * (Linux warns otherwise): with every tick stopped the only ones are
	 * the benchmarks' own.
	 */
	local_irq_enable();
	smp_call_function(stop_tick, NULL);
	if (bench_spin_threshold) {
		WRITE_ONCE(spin_threshold, bench_spin_threshold);
		pr_info("pvbench: spin_threshold %u\n", bench_spin_threshold);
	}
	for (i = 0; i < ARRAY_SIZE(smp_benches); i++) {
		pr_info("pvbench: smp bench %u %s iterations %u cpus %u\n", smp_benches[i].id,
			smp_benches[i].name, smp_benches[i].iters, n);
		smp_benches[i].fn();
	}
	local_irq_disable();
	if (READ_ONCE(ipi_hits) != SMP_ITERS)
		pr_err("pvbench: ipi_roundtrip: %lu calls ran, %u sent\n", ipi_hits, SMP_ITERS);
}
