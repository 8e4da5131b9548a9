/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Control registers, cache and halt instructions.  The native_*() inlines
 * are the only place these instructions are written; everything else calls
 * the unprefixed wrappers, which the paravirt layer can route.
 */
#ifndef _ASM_X86_SPECIAL_INSNS_H
#define _ASM_X86_SPECIAL_INSNS_H

#include <linux/types.h>
#include <linux/compiler.h>

static __always_inline unsigned long native_read_cr0(void)
{
	unsigned long v;

	asm volatile("mov %%cr0, %0" : "=r"(v));
	return v;
}

static __always_inline void native_write_cr0(unsigned long v)
{
	asm volatile("mov %0, %%cr0" : : "r"(v) : "memory");
}

static __always_inline unsigned long native_read_cr2(void)
{
	unsigned long v;

	asm volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

static __always_inline unsigned long native_read_cr3(void)
{
	unsigned long v;

	asm volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}

/* A CR3 write flushes non-global TLB entries: "memory" orders it. */
static __always_inline void native_write_cr3(unsigned long v)
{
	asm volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}

static __always_inline unsigned long native_read_cr4(void)
{
	unsigned long v;

	asm volatile("mov %%cr4, %0" : "=r"(v));
	return v;
}

static __always_inline void native_write_cr4(unsigned long v)
{
	asm volatile("mov %0, %%cr4" : : "r"(v) : "memory");
}

static __always_inline void native_wbinvd(void)
{
	asm volatile("wbinvd" : : : "memory");
}

static __always_inline void native_halt(void)
{
	asm volatile("hlt" : : : "memory");
}

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
