/* SPDX-License-Identifier: GPL-2.0 */
/*
 * -fstack-protector-strong with -mstack-protector-guard=global: one
 * canary for the whole kernel, __stack_chk_guard, seeded once by the first
 * C function (which has no canary of its own and never returns).
 */
#ifndef _ASM_X86_STACKPROTECTOR_H
#define _ASM_X86_STACKPROTECTOR_H

#include <linux/types.h>
#include <asm/processor.h>
#include <asm/msr.h>

extern unsigned long __stack_chk_guard;

static __always_inline bool rdrand_long(unsigned long *v)
{
	bool ok;

	asm volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok));
	return ok;
}

static __always_inline void boot_init_stack_canary(void)
{
	struct cpuid_regs r;
	unsigned long v = 0;
	int i;

	cpuid_count(1, 0, &r);
	if (r.ecx & (1U << 30)) {		/* RDRAND */
		for (i = 0; i < 10 && !rdrand_long(&v); i++)
			;
	}
	v ^= rdtsc() * 0x9e3779b97f4a7c15ULL;
	/* A zero low byte stops string overflows from copying past it. */
	__stack_chk_guard = v & ~0xffUL;
}

#endif
