/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CPU numbers.  Only the boot CPU (0) runs; every CPU up to NR_CPUS is
 * "possible" and has a per-CPU area (setup_per_cpu_areas()), so code
 * indexed by CPU already meets the areas bringing up more will use.
 * smp_processor_id() is the running CPU's, read from its per-CPU area.
 */
#ifndef _LINUX_SMP_H
#define _LINUX_SMP_H

#include <asm/percpu.h>

#define NR_CPUS		CONFIG_NR_CPUS
#define nr_cpu_ids	((unsigned int)NR_CPUS)
#define for_each_possible_cpu(cpu)	for ((cpu) = 0; (cpu) < nr_cpu_ids; (cpu)++)

#ifndef __ASSEMBLY__
DECLARE_PER_CPU(unsigned int, cpu_number);

static __always_inline unsigned int smp_processor_id(void)
{
	return this_cpu_read(cpu_number);
}
#endif

#endif
