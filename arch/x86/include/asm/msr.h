/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MSR access.  native_read_msr_safe()/native_write_msr_safe() catch the #GP
 * of an absent MSR through the exception table and return -EIO.
 */
#ifndef _ASM_X86_MSR_H
#define _ASM_X86_MSR_H

#include <asm/msr-index.h>
#include <asm/extable.h>
#include <linux/types.h>
#include <linux/errno.h>

static __always_inline u64 native_read_msr(u32 msr)
{
	u32 lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static __always_inline void native_write_msr(u32 msr, u64 val)
{
	asm volatile("wrmsr" : : "c"(msr), "a"((u32)val), "d"((u32)(val >> 32))
		     : "memory");
}

static inline int native_read_msr_safe(u32 msr, u64 *val)
{
	u32 lo = 0, hi = 0;
	int err = 0;

	asm volatile("1: rdmsr\n"
		     "2:\n"
		     ".pushsection .fixup, \"ax\"\n"
		     "3: mov %4, %0\n"
		     "   jmp 2b\n"
		     ".popsection\n"
		     _ASM_EXTABLE(1b, 3b)
		     : "+r"(err), "=a"(lo), "=d"(hi)
		     : "c"(msr), "i"(-EIO));
	*val = ((u64)hi << 32) | lo;
	return err;
}

static inline int native_write_msr_safe(u32 msr, u64 val)
{
	int err = 0;

	asm volatile("1: wrmsr\n"
		     "2:\n"
		     ".pushsection .fixup, \"ax\"\n"
		     "3: mov %4, %0\n"
		     "   jmp 2b\n"
		     ".popsection\n"
		     _ASM_EXTABLE(1b, 3b)
		     : "+r"(err)
		     : "c"(msr), "a"((u32)val), "d"((u32)(val >> 32)), "i"(-EIO)
		     : "memory");
	return err;
}

#ifdef CONFIG_PARAVIRT
#include <asm/paravirt.h>
#else
static inline u64 rdmsr(u32 msr) { return native_read_msr(msr); }
static inline void wrmsr(u32 msr, u64 val) { native_write_msr(msr, val); }
static inline int rdmsr_safe(u32 msr, u64 *val)
{
	return native_read_msr_safe(msr, val);
}
static inline int wrmsr_safe(u32 msr, u64 val)
{
	return native_write_msr_safe(msr, val);
}
#endif

static __always_inline u64 rdtsc(void)
{
	u32 lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

/*
 * rdtsc is not ordered against earlier loads: a clock reader that loads
 * a (tsc, time) pair and then reads the TSC could see a TSC older than
 * the pair.  lfence waits for the earlier loads (SDM vol. 2, RDTSC);
 * rdtscp would do too, but Xen may hide it (cpuid=no-rdtscp).
 */
static __always_inline u64 rdtsc_ordered(void)
{
	u32 lo, hi;

	asm volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return ((u64)hi << 32) | lo;
}

#endif
