/* SPDX-License-Identifier: GPL-2.0 */
/* The TSC as the clock: calibrated once, read by sched_clock(). */
#ifndef _ASM_X86_TSC_H
#define _ASM_X86_TSC_H

#include <linux/types.h>

extern u64 tsc_khz;
/* ns = cycles * tsc_ns_mult >> 32 (0 until tsc_init ran). */
extern u64 tsc_ns_mult;
void tsc_init(void);

/*
 * Nanoseconds since the TSC was reset (0 until tsc_init ran): the TSC in
 * %rdx:%rax, made one 64-bit value, times the 32.32 multiplier, the
 * middle 64 bits of the product.  In the registers of the pv_ops site
 * (result %rax, %rdx clobbered), with the multiplier addressed absolutely
 * (the kernel is linked in the top 2 GiB), so that the native template
 * (pv_native_sched_clock) is these very bytes wherever it is copied and
 * PARAVIRT=n runs the same instructions as a patched PARAVIRT=y site.
 */
static __always_inline u64 native_sched_clock(void)
{
	u64 ns, dx;

	asm volatile("rdtsc\n\t"
		     "shl $32, %%rdx\n\t"
		     "or %%rdx, %%rax\n\t"
		     "mulq %c[mult]\n\t"
		     "shrd $32, %%rdx, %%rax"
		     : "=a" (ns), "=d" (dx)
		     : [mult] "i" (&tsc_ns_mult), "m" (tsc_ns_mult)
		     : "memory", "cc");
	return ns;
}

#ifdef CONFIG_PARAVIRT
#include <asm/paravirt.h>
#else
static inline u64 sched_clock(void) { return native_sched_clock(); }
#endif
void udelay(unsigned long us);
void mdelay(unsigned long ms);

#endif
