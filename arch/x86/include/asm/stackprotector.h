/* SPDX-License-Identifier: GPL-2.0 */
/*
 * -fstack-protector-strong with the canary per CPU at %gs:40, in
 * fixed_percpu_data (asm/percpu.h).  The boot CPU's is seeded by the
 * first C function (which has no canary of its own and never returns),
 * the others' by setup_per_cpu_areas(), each from its own draw.
 */
#ifndef _ASM_X86_STACKPROTECTOR_H
#define _ASM_X86_STACKPROTECTOR_H

#include <linux/types.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/msr.h>

static __always_inline bool rdrand_long(unsigned long *v)
{
	bool ok;

	asm volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok));
	return ok;
}

static __always_inline unsigned long stack_canary_random(void)
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
	return v & ~0xffUL;
}

/* Only from a function without a canary that never returns. */
static __always_inline void boot_init_stack_canary(void)
{
	this_cpu_write(fixed_percpu_data.stack_canary, stack_canary_random());
}

#endif
