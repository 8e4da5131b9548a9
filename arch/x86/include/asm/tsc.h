/* SPDX-License-Identifier: GPL-2.0 */
/* The TSC as the clock: calibrated once, read by sched_clock(). */
#ifndef _ASM_X86_TSC_H
#define _ASM_X86_TSC_H

#include <linux/types.h>

extern u64 tsc_khz;
void tsc_init(void);
/* Nanoseconds since boot (0 until tsc_init ran). */
u64 sched_clock(void);
void udelay(unsigned long us);
void mdelay(unsigned long ms);

#endif
