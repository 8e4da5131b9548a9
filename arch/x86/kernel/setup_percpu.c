// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU areas (asm/percpu.h): the offset table, the variables every
 * area has (its own offset, its CPU number, the stack canary), and the
 * areas of the CPUs after the boot CPU, copied from the template.
 *
 * Invariants: __per_cpu_offset[cpu] is the area of @cpu and, for a CPU
 * that runs, its GS base; the boot CPU's is __per_cpu_boot from the first
 * C instruction on (head64.c, xen-head.S), the others' are set once by
 * setup_per_cpu_areas() before pv_ops and this table become read-only.
 * The template is never written (nothing runs on it), so each copy
 * starts from the image's initializers, not from the boot CPU's state.
 */
#define pr_fmt(fmt) "percpu: " fmt

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <asm/msr.h>
#include <asm/page.h>
#include <asm/percpu.h>
#include <asm/stackprotector.h>

/* First in every area: offset 0, the canary at %gs:40. */
DEFINE_PER_CPU_FIRST(struct fixed_percpu_data, fixed_percpu_data);
DEFINE_PER_CPU(unsigned long, this_cpu_off) = (unsigned long)__per_cpu_boot;
DEFINE_PER_CPU(unsigned int, cpu_number);

unsigned long __per_cpu_offset[NR_CPUS] __ro_after_init = {
	[0] = (unsigned long)__per_cpu_boot,
};

/*
 * Natively MSR_GS_BASE, through the write_msr op: the Xen child turns
 * that MSR into HYPERVISOR_set_segment_base(SEGBASE_GS_KERNEL).
 */
void load_percpu_base(unsigned long base)
{
	wrmsr(MSR_GS_BASE, base);
}

/*
 * Areas for CPUs 1 .. nr_cpu_ids - 1, from memblock (mapped, zeroed):
 * the template, then what differs per CPU.  None of them runs yet; a CPU
 * brought up later loads its GS base with its __per_cpu_offset[].
 */
void __init setup_per_cpu_areas(void)
{
	size_t size = __per_cpu_end - __per_cpu_start;
	unsigned int cpu;

	BUILD_BUG_ON(offsetof(struct fixed_percpu_data, stack_canary) != STACK_CANARY_OFFSET);
	for (cpu = 1; cpu < nr_cpu_ids; cpu++) {
		phys_addr_t pa = memblock_phys_alloc(PAGE_ALIGN(size), PAGE_SIZE);
		char *area;

		if (!pa)
			panic("percpu: no memory for CPU %u's area (%zu bytes)", cpu, size);
		area = __va(pa);
		memcpy(area, __per_cpu_load, size);
		__per_cpu_offset[cpu] = (unsigned long)area - (unsigned long)__per_cpu_start;
		per_cpu(this_cpu_off, cpu) = __per_cpu_offset[cpu];
		per_cpu(cpu_number, cpu) = cpu;
		per_cpu(fixed_percpu_data.stack_canary, cpu) = stack_canary_random();
	}
	pr_info("%zu bytes per CPU, %u possible CPUs; CPU 0 at %#lx\n", size,
		nr_cpu_ids, __per_cpu_offset[0]);
}
