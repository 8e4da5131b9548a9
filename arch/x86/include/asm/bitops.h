/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Atomic bit operations on memory another agent also writes (a hypervisor
 * setting event-channel bits): lock-prefixed, full barriers.  @nr counts
 * from bit 0 of the first long, as the Xen shared-info bitmaps do.
 */
#ifndef _ASM_X86_BITOPS_H
#define _ASM_X86_BITOPS_H

#include <linux/types.h>
#include <linux/compiler.h>

#define BITS_PER_LONG	64
#define BIT_WORD(nr)	((nr) / BITS_PER_LONG)

static __always_inline void set_bit(unsigned long nr, volatile unsigned long *addr)
{
	asm volatile("lock btsq %1, %0" : "+m"(*addr) : "r"(nr) : "memory");
}

static __always_inline void clear_bit(unsigned long nr, volatile unsigned long *addr)
{
	asm volatile("lock btrq %1, %0" : "+m"(*addr) : "r"(nr) : "memory");
}

static __always_inline bool test_and_set_bit(unsigned long nr, volatile unsigned long *addr)
{
	bool old;

	asm volatile("lock btsq %2, %0" : "+m"(*addr), "=@ccc"(old) : "r"(nr) : "memory");
	return old;
}

static __always_inline bool test_and_clear_bit(unsigned long nr, volatile unsigned long *addr)
{
	bool old;

	asm volatile("lock btrq %2, %0" : "+m"(*addr), "=@ccc"(old) : "r"(nr) : "memory");
	return old;
}

static __always_inline bool test_bit(unsigned long nr, const volatile unsigned long *addr)
{
	return (READ_ONCE(addr[BIT_WORD(nr)]) >> (nr % BITS_PER_LONG)) & 1;
}

/* Swap in @v, return what was there: one locked instruction. */
static __always_inline unsigned long xchg_ulong(volatile unsigned long *p, unsigned long v)
{
	asm volatile("xchgq %0, %1" : "+r"(v), "+m"(*p) : : "memory");
	return v;
}

/* Index of the lowest set bit; @w must not be 0. */
static __always_inline unsigned long __ffs(unsigned long w)
{
	return __builtin_ctzl(w);
}

#endif
