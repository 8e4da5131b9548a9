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

/* Reloading CR3 drops every non-global entry. */
static inline void native_flush_tlb_local(void)
{
	native_write_cr3(native_read_cr3());
}

/* Toggling CR4.PGE drops global entries too. */
static inline void native_flush_tlb_global(void)
{
	unsigned long cr4 = native_read_cr4();

	if (cr4 & X86_CR4_PGE) {
		native_write_cr4(cr4 & ~X86_CR4_PGE);
		native_write_cr4(cr4);
	} else {
		native_flush_tlb_local();
	}
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
