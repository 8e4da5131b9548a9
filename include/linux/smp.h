/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CPU numbers.  Only the boot CPU runs (CONFIG_NR_CPUS is 1), so the
 * current CPU is always 0; per-CPU arrays are sized NR_CPUS and indexed
 * by smp_processor_id() so that they need no change when more come up.
 */
#ifndef _LINUX_SMP_H
#define _LINUX_SMP_H

#define NR_CPUS		CONFIG_NR_CPUS

static inline unsigned int smp_processor_id(void)
{
	return 0;
}

#endif
