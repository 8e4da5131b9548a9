/* SPDX-License-Identifier: GPL-2.0 */
/* The TSC as the clock: calibrated once, read by sched_clock(). */
#ifndef _ASM_X86_TSC_H
#define _ASM_X86_TSC_H

#include <linux/types.h>

extern u64 tsc_khz;
void tsc_init(void);
/* Nanoseconds since the TSC was reset (0 until tsc_init ran). */
u64 native_sched_clock(void);
u64 native_steal_clock(int cpu);

#ifdef CONFIG_PARAVIRT
#include <asm/paravirt.h>
#else
static inline u64 sched_clock(void) { return native_sched_clock(); }
#endif
void udelay(unsigned long us);
void mdelay(unsigned long ms);

#endif
