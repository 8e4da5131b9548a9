/* SPDX-License-Identifier: GPL-2.0 */
/* TLB maintenance. */
#ifndef _ASM_X86_TLBFLUSH_H
#define _ASM_X86_TLBFLUSH_H

#include <asm/special_insns.h>
#include <asm/processor-flags.h>

static __always_inline void native_flush_tlb_one(unsigned long addr)
{
	asm volatile("invlpg (%0)" : : "D"(addr) : "memory");
}

/*
 * Reloading CR3 drops every non-global entry.  Through %rax, as the
 * native template (pv_native_flush_tlb_user) has it, so that PARAVIRT=n
 * runs the same two instructions and no move into %rdi between them.
 */
static __always_inline void native_flush_tlb_local(void)
{
	unsigned long ax;

	asm volatile("mov %%cr3, %0\n\t"
		     "mov %0, %%cr3"
		     : "=a" (ax) : : "memory");
}

/*
 * Any change of CR4.PGE flushes every TLB entry, global ones too (SDM
 * vol. 3, 4.10.4.1): toggle it and back, through %rax, in the registers
 * of the pv_ops site so that the native template
 * (pv_native_flush_tlb_global) is these bytes and PARAVIRT=n runs the
 * same instructions.  Unconditional, as every x86-64 CPU has PGE (the
 * bit is set in cpu_init_this(); with it clear the toggle sets and
 * clears it, a full flush all the same).  Under Xen PV, whose CR4 is
 * not ours, the slot is Xen's.
 */
static __always_inline void native_flush_tlb_global(void)
{
	unsigned long ax;

	asm volatile("mov %%cr4, %0\n\t"
		     "xor %1, %b0\n\t"
		     "mov %0, %%cr4\n\t"
		     "xor %1, %b0\n\t"
		     "mov %0, %%cr4"
		     : "=a" (ax) : "i" (X86_CR4_PGE) : "memory", "cc");
}

#ifndef CONFIG_PARAVIRT
static inline void flush_tlb_one_kernel(unsigned long addr)
{
	native_flush_tlb_one(addr);
}

static inline void flush_tlb_local(void) { native_flush_tlb_local(); }
static inline void flush_tlb_all(void) { native_flush_tlb_global(); }
#endif

#endif
