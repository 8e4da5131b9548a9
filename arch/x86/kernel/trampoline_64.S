/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The way in for a secondary CPU.  An AP leaves INIT-SIPI-SIPI in real
 * mode at CS:IP = (vector << 8):0, so [trampoline_start, trampoline_end)
 * is copied to a page below 1 MiB (smpboot.c) and runs there: real mode
 * -> 32-bit protected mode -> long mode on the trampoline's own page
 * tables (identity-maps the first 2 MiB, shares the kernel half), then a
 * jump to secondary_startup_64 on the kernel's high mapping, which loads
 * the kernel's page tables and a GDT it can keep, and calls
 * start_secondary(cpu) on the stack the boot CPU gave it.
 *
 * The blob is position-independent: the real-mode part addresses its data
 * through %ds = %cs, the rest through %ebx = its physical base (CS << 4).
 * The boot CPU fills the tr_* fields of the copy before each SIPI (one AP
 * at a time, so one set of fields): the far pointers and GDT base (base
 * plus an offset), the page-table root, EFER (LME, and NXE because the
 * kernel's entries carry NX), the entry, the stack, the CPU number.
 */
#include <asm/linkage.h>
#include <asm/segment.h>
#include <asm/processor-flags.h>

#define TR(x)	((x) - trampoline_start)

	.section .rodata, "a"
	.balign 16
	.code16
SYM_DATA_START(trampoline_start)
	cli
	cld
	mov	%cs, %ax
	mov	%ax, %ds
	mov	%ax, %ss
	movzwl	%ax, %ebx
	shll	$4, %ebx			/* the copy's physical base */
	lidtl	TR(tr_idt_desc)			/* no IDT: a fault here is a shutdown */
	lgdtl	TR(tr_gdt_desc)
	movl	$X86_CR0_PE, %eax
	movl	%eax, %cr0
	ljmpl	*TR(tr_pm_ptr)

	.code32
tr_pm:
	movl	$__KERNEL_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	$X86_CR4_PAE, %eax
	movl	%eax, %cr4
	movl	TR(tr_cr3)(%ebx), %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	movl	TR(tr_efer)(%ebx), %eax
	xorl	%edx, %edx
	wrmsr
	movl	$(X86_CR0_PG | X86_CR0_PE), %eax	/* caches on: CD, NW clear */
	movl	%eax, %cr0
	ljmpl	*TR(tr_lm_ptr)(%ebx)

	.code64
tr_lm:
	movl	%ebx, %ebx			/* upper half undefined after the switch */
	movq	TR(tr_stack)(%rbx), %rsp
	movl	TR(tr_cpu)(%rbx), %edi
	movq	TR(tr_kernel_cr3)(%rbx), %rsi
	movq	TR(tr_entry)(%rbx), %rax
	jmpq	*%rax

	.balign 8
tr_gdt:
	.quad	0
	.quad	GDT_KERNEL32_CS_DESC
	.quad	GDT_KERNEL_CS_DESC
	.quad	GDT_KERNEL_DS_DESC
tr_gdt_end:
tr_idt_desc:
	.word	0
	.long	0
	.balign 4
SYM_DATA_START(tr_gdt_desc)
	.word	tr_gdt_end - tr_gdt - 1
	.long	0				/* base + TR(tr_gdt) */
	.balign 4
SYM_DATA_START(tr_pm_ptr)
	.long	0				/* base + TR(tr_pm) */
	.word	__KERNEL32_CS
	.balign 4
SYM_DATA_START(tr_lm_ptr)
	.long	0				/* base + TR(tr_lm) */
	.word	__KERNEL_CS
	.balign 8
SYM_DATA_START(tr_cr3)
	.long	0
SYM_DATA_START(tr_efer)
	.long	0
SYM_DATA_START(tr_cpu)
	.long	0
	.long	0
SYM_DATA_START(tr_stack)
	.quad	0
SYM_DATA_START(tr_kernel_cr3)
	.quad	0
SYM_DATA_START(tr_entry)
	.quad	0
SYM_DATA_START(trampoline_end)

/* Offsets of the code the far pointers name, for smpboot.c. */
	.balign 4
SYM_DATA_START(tr_offsets)
	.long	TR(tr_gdt), TR(tr_pm), TR(tr_lm)

/* A 64-bit descriptor of head_64.S's boot GDT, at its kernel address. */
	.balign 8
smp_gdt_desc:
	.word	4 * 8 - 1
	.quad	boot_gdt

/*
 * On the kernel's high mapping, still on the trampoline's page tables
 * (whose kernel half is the kernel's): %edi = CPU number, %rsi = the
 * kernel's CR3, %rsp = this CPU's stack.
 */
	.text
SYM_CODE_START(secondary_startup_64)
	movq	%rsi, %cr3
	lgdt	smp_gdt_desc(%rip)		/* the trampoline's is not mapped now */
	pushq	$__KERNEL_CS
	leaq	1f(%rip), %rax
	pushq	%rax
	lretq
1:	xorl	%eax, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs			/* the GS base comes next, in C */
	xorl	%ebp, %ebp
	call	start_secondary
	ud2
SYM_CODE_END(secondary_startup_64)
