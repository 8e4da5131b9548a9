/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Control registers, cache and halt instructions.  The native_*() inlines
 * are the only place these instructions are written; everything else calls
 * the unprefixed wrappers, which paravirt routes (asm/paravirt.h).
 *
 * Operands sit in the registers of the paravirt patch templates (%rax
 * for results, %rdi for arguments), so a patched CONFIG_PARAVIRT site and
 * a CONFIG_PARAVIRT=n build hold the same instruction bytes.
 */
#ifndef _ASM_X86_SPECIAL_INSNS_H
#define _ASM_X86_SPECIAL_INSNS_H

#include <linux/types.h>
#include <linux/compiler.h>

static __always_inline unsigned long native_read_cr0(void)
{
	unsigned long v;

	asm volatile("mov %%cr0, %0" : "=a"(v));
	return v;
}

static __always_inline void native_write_cr0(unsigned long v)
{
	asm volatile("mov %0, %%cr0" : : "D"(v) : "memory");
}

static __always_inline unsigned long native_read_cr2(void)
{
	unsigned long v;

	asm volatile("mov %%cr2, %0" : "=a"(v));
	return v;
}

static __always_inline unsigned long native_read_cr3(void)
{
	unsigned long v;

	asm volatile("mov %%cr3, %0" : "=a"(v));
	return v;
}

/* A CR3 write flushes non-global TLB entries: "memory" orders it. */
static __always_inline void native_write_cr3(unsigned long v)
{
	asm volatile("mov %0, %%cr3" : : "D"(v) : "memory");
}

static __always_inline unsigned long native_read_cr4(void)
{
	unsigned long v;

	asm volatile("mov %%cr4, %0" : "=a"(v));
	return v;
}

static __always_inline void native_write_cr4(unsigned long v)
{
	asm volatile("mov %0, %%cr4" : : "D"(v) : "memory");
}

static __always_inline void native_wbinvd(void)
{
	asm volatile("wbinvd" : : : "memory");
}

static __always_inline void native_halt(void)
{
	asm volatile("hlt" : : : "memory");
}

/*
 * Make instruction fetch see code written through another mapping: IRET
 * to the next instruction is serializing on every x86-64 CPU (and is
 * allowed to a PV guest), unlike CPUID which a hypervisor may trap.
 */
static inline void sync_core(void)
{
	unsigned long tmp;

	asm volatile("mov %%ss, %0\n\t"
		     "pushq %q0\n\t"
		     "pushq %%rsp\n\t"
		     "addq $8, (%%rsp)\n\t"
		     "pushfq\n\t"
		     "mov %%cs, %0\n\t"
		     "pushq %q0\n\t"
		     "pushq $1f\n\t"
		     "iretq\n"
		     "1:"
		     : "=&r"(tmp) : : "cc", "memory");
}

#ifdef CONFIG_PARAVIRT
#include <asm/paravirt.h>
#else
static inline unsigned long read_cr0(void) { return native_read_cr0(); }
static inline void write_cr0(unsigned long v) { native_write_cr0(v); }
static inline unsigned long read_cr2(void) { return native_read_cr2(); }
static inline unsigned long read_cr3(void) { return native_read_cr3(); }
static inline void write_cr3(unsigned long v) { native_write_cr3(v); }
static inline unsigned long read_cr4(void) { return native_read_cr4(); }
static inline void write_cr4(unsigned long v) { native_write_cr4(v); }
static inline void wbinvd(void) { native_wbinvd(); }
static inline void halt(void) { native_halt(); }
#endif

#endif
