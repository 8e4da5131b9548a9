/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel_setjmp(jb): save callee-saved registers, the caller's stack
 * pointer and return address; return 0.  kernel_longjmp(jb, val): restore
 * them and return val (1 if val is 0) from that kernel_setjmp.
 */
#include <asm/linkage.h>

	.text
SYM_FUNC_START(kernel_setjmp)
	mov	%rbx, 0(%rdi)
	mov	%rbp, 8(%rdi)
	mov	%r12, 16(%rdi)
	mov	%r13, 24(%rdi)
	mov	%r14, 32(%rdi)
	mov	%r15, 40(%rdi)
	lea	8(%rsp), %rax		/* caller's %rsp after our return */
	mov	%rax, 48(%rdi)
	mov	(%rsp), %rax		/* return address */
	mov	%rax, 56(%rdi)
	xor	%eax, %eax
	ret
SYM_FUNC_END(kernel_setjmp)

SYM_FUNC_START(kernel_longjmp)
	mov	%esi, %eax
	test	%eax, %eax
	jnz	1f
	inc	%eax			/* longjmp(jb, 0) returns 1 */
1:	mov	0(%rdi), %rbx
	mov	8(%rdi), %rbp
	mov	16(%rdi), %r12
	mov	24(%rdi), %r13
	mov	32(%rdi), %r14
	mov	40(%rdi), %r15
	mov	48(%rdi), %rsp
	jmp	*56(%rdi)
SYM_FUNC_END(kernel_longjmp)
