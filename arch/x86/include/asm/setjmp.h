/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel setjmp/longjmp: callee-saved registers, stack and return address.
 * Used by ktest to abandon a test case after a failed assertion.
 */
#ifndef _ASM_X86_SETJMP_H
#define _ASM_X86_SETJMP_H

#include <linux/compiler.h>

struct jmp_buf {
	unsigned long rbx, rbp, r12, r13, r14, r15, rsp, rip;
};

int kernel_setjmp(struct jmp_buf *jb) __attribute__((__returns_twice__));
void __noreturn kernel_longjmp(struct jmp_buf *jb, int val);

#endif
