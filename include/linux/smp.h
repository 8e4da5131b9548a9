/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CPU numbers and what one CPU asks of others.  Every CPU up to NR_CPUS
 * is "possible" and has a per-CPU area (setup_per_cpu_areas()); the boot
 * CPU (0) is online from the start, the others once smp_init() brought
 * them up (natively from the MADT; under Xen PV none yet).
 * smp_processor_id() is the running CPU's, read from its per-CPU area.
 *
 * Cross-CPU calls (kernel/smp.c) wait for the target to have run the
 * function, so the function and its data may live on the caller's
 * stack.  A caller that waits with interrupts off still runs the calls
 * aimed at it while it waits, so two CPUs calling each other do not
 * deadlock.
 */
#ifndef _LINUX_SMP_H
#define _LINUX_SMP_H

#include <asm/percpu.h>

#define NR_CPUS		CONFIG_NR_CPUS
#define nr_cpu_ids	((unsigned int)NR_CPUS)
#define for_each_possible_cpu(cpu)	for ((cpu) = 0; (cpu) < nr_cpu_ids; (cpu)++)

#ifndef __ASSEMBLY__
#include <linux/types.h>
#include <linux/compiler.h>

DECLARE_PER_CPU(unsigned int, cpu_number);

static __always_inline unsigned int smp_processor_id(void)
{
	return this_cpu_read(cpu_number);
}

/* Bit n: CPU n runs (NR_CPUS <= 64: one word; Kconfig's range). */
extern unsigned long cpu_online_mask;
#define cpu_online(cpu)		((READ_ONCE(cpu_online_mask) >> (cpu)) & 1)
static inline unsigned int num_online_cpus(void)
{
	unsigned long m = READ_ONCE(cpu_online_mask);
	unsigned int n = 0;

	for (; m; m &= m - 1)
		n++;
	return n;
}
#define for_each_online_cpu(cpu)					\
	for ((cpu) = 0; (cpu) < nr_cpu_ids; (cpu)++)			\
		if (cpu_online(cpu))

/* Bring up the other CPUs (after the boot CPU's tick runs). */
void smp_init(void);

typedef void (*smp_call_func_t)(void *info);
/* Run @func(@info) on @cpu (in its interrupt context) and wait: 0, or -ENXIO if not online. */
int smp_call_function_single(unsigned int cpu, smp_call_func_t func, void *info);
/* On every online CPU in @mask except this one, and wait for all. */
void smp_call_function_many(unsigned long mask, smp_call_func_t func, void *info);
/* On every other online CPU, and wait for all. */
void smp_call_function(smp_call_func_t func, void *info);

/*
 * A work item for one CPU's work queue: @fn runs in that CPU's idle loop
 * (interrupts on, not an interrupt handler), once per queue_work_on().
 */
struct work_struct {
	struct work_struct *next;
	void (*fn)(struct work_struct *w);
	unsigned int done;		/* set (release) when fn returned */
};
/* Queue @w on @cpu and wake it: 0, or -ENXIO (not online, or this CPU). */
int queue_work_on(unsigned int cpu, struct work_struct *w);
/* Wait until @w has run. */
void flush_work(struct work_struct *w);
/* Run @fn(@w) on @cpu and wait; this CPU's runs it at once. */
int run_on_cpu(unsigned int cpu, struct work_struct *w);
#endif

#endif
