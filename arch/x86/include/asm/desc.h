/* SPDX-License-Identifier: GPL-2.0 */
/* Descriptor tables: GDT, IDT, TSS. */
#ifndef _ASM_X86_DESC_H
#define _ASM_X86_DESC_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/segment.h>
#include <asm/traps.h>

struct desc_ptr {
	u16 size;
	u64 address;
} __packed;

struct gate_desc {
	u16 offset_low;
	u16 segment;
	u8 ist;
	u8 type_attr;		/* P, DPL, type */
	u16 offset_middle;
	u32 offset_high;
	u32 reserved;
} __packed;

#define GATE_INTERRUPT		0x8e	/* present, DPL 0, 64-bit interrupt gate */

struct tss_struct {
	u32 reserved0;
	u64 sp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 io_bitmap_base;
} __packed;

/* Top of interrupt stack @index (1-based, as in a gate's IST field). */
unsigned long ist_stack_top(unsigned int index);
#include <asm/percpu.h>
/* This CPU's IST stack tops (0 in a slot: the boot CPU's static stacks). */
DECLARE_PER_CPU(unsigned long, ist_top[N_IST]);
/* Each CPU's TSS (cpu.c); its sp[0] is written by load_sp0() only. */
DECLARE_PER_CPU(struct tss_struct, cpu_tss);
/* Where sp[0] is in it: pv_native_load_sp0 stores at %gs:cpu_tss+4. */
#define TSS_SP0_OFFSET	4

/*
 * In the pv_ops site's registers (%rdi), so that PARAVIRT=n runs the very
 * instruction a patched PARAVIRT=y site does (these run a few times per
 * CPU: the move into %rdi costs nothing that matters).
 */
static __always_inline void native_load_idt(const struct desc_ptr *p)
{
	asm volatile("lidt (%0)" : : "D"(p), "m"(*p));
}

static __always_inline void native_load_gdt(const struct desc_ptr *p)
{
	asm volatile("lgdt (%0)" : : "D"(p), "m"(*p));
}

static __always_inline void native_load_tr(unsigned int sel)
{
	asm volatile("ltr %w0" : : "D"(sel));
}

static __always_inline void native_store_idt(struct desc_ptr *p)
{
	asm volatile("sidt %0" : "=m"(*p));
}

/*
 * The kernel stack the CPU switches to on entry from user mode: one store
 * into this CPU's TSS through %gs, with @sp0 in %rdi and the per-CPU
 * offset addressed absolutely, as the pv_ops site has it (so the native
 * template, pv_native_load_sp0, is this instruction wherever it is copied,
 * and PARAVIRT=n runs the same one).
 */
static __always_inline void native_load_sp0(unsigned long sp0)
{
	asm volatile("movq %0, %%gs:%c1"
		     : : "D" (sp0), "i" ((char *)&cpu_tss + TSS_SP0_OFFSET)
		     : "memory");
}

static inline void store_idt(struct desc_ptr *p) { native_store_idt(p); }

#ifdef CONFIG_PARAVIRT
#include <asm/paravirt.h>
#else
static inline void load_idt(const struct desc_ptr *p) { native_load_idt(p); }
static inline void load_gdt(const struct desc_ptr *p) { native_load_gdt(p); }
static inline void load_tr(unsigned int sel) { native_load_tr(sel); }
static inline void load_sp0(unsigned long sp0) { native_load_sp0(sp0); }
#endif

#endif
