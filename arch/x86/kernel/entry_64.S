/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interrupt and exception entry.  One 16-byte-aligned stub per vector
 * pushes a zero error code where the CPU did not push one, then the
 * vector, and jumps to common_entry, which saves the rest of struct
 * pt_regs (asm/ptrace.h), calls x86_handle_vector(regs) and returns with
 * iretq.  The stubs' addresses are in vector_entries[] for idt.c.
 */
#include <asm/linkage.h>
#include <asm/traps.h>
#include <asm/ptrace.h>
#include <asm/paravirt_types.h>
#include <asm-offsets.h>

/*
 * Back to the interrupted code; paravirt can route it (a hypervisor's
 * iret).  Every register already holds the interrupted context's value,
 * live until the iretq: the site lets its target clobber none (the
 * flags come back from the frame).
 */
#ifdef CONFIG_PARAVIRT
#define INTERRUPT_RETURN \
	PARA_SITE(PV_SLOT_cpu_iret, CLBR_NONE | CLBR_SITE_JMP, jmp *pv_ops+PV_OFF_cpu_iret(%rip))
#else
#define INTERRUPT_RETURN	iretq
#endif

	.section .text, "ax"
	.code64

SYM_CODE_START_LOCAL(common_entry)
	cld				/* the C ABI wants DF clear */
	pushq	%rdi
	pushq	%rsi
	pushq	%rdx
	pushq	%rcx
	pushq	%rax
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	mov	%rsp, %rdi		/* arg: struct pt_regs * */
	/*
	 * A frame record for the interrupted code (its rip, its rbp), so
	 * backtraces from the handler walk through the point of interrupt.
	 * 176 bytes of pt_regs plus these 16 keep %rsp 16-byte aligned.
	 */
	pushq	PTREGS_IP(%rdi)
	pushq	%rbp
	mov	%rsp, %rbp
	call	x86_handle_vector
	add	$16, %rsp		/* drop the frame record */
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rax
	popq	%rcx
	popq	%rdx
	popq	%rsi
	popq	%rdi
	add	$16, %rsp		/* vector and error code */
	INTERRUPT_RETURN
SYM_CODE_END(common_entry)

	.p2align 4
SYM_CODE_START(vector_stubs)
	vector = 0
	.rept NR_VECTORS
	.p2align 4
	.if vector < 32
	.if ((X86_TRAP_HAS_ERROR >> vector) & 1) == 0
	pushq	$0			/* no error code from the CPU */
	.endif
	.else
	pushq	$0			/* interrupts have none either */
	.endif
	pushq	$vector
	jmp	common_entry
	vector = vector + 1
	.endr
SYM_CODE_END(vector_stubs)

/* Each stub is at most 16 bytes (push imm32 + push imm32 + jmp rel32). */
	.section .rodata, "a"
	.balign 8
SYM_DATA_START(vector_entries)
	vector = 0
	.rept NR_VECTORS
	.quad	vector_stubs + vector * 16
	vector = vector + 1
	.endr
SYM_DATA_END(vector_entries)
