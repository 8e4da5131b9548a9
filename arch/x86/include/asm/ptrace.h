/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Registers saved on entry to an exception or interrupt, in the order the
 * entry code pushes them (entry_64.S): general registers, the vector and
 * error code, then the frame the CPU pushed.
 */
#ifndef _ASM_X86_PTRACE_H
#define _ASM_X86_PTRACE_H

#define PTREGS_R15	0
#define PTREGS_VECTOR	120
#define PTREGS_ERROR	128
#define PTREGS_IP	136
#define PTREGS_SIZE	176

#ifndef __ASSEMBLY__
#include <linux/types.h>

struct pt_regs {
	unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8;
	unsigned long ax, cx, dx, si, di;
	unsigned long vector;
	unsigned long error_code;
	/* pushed by the CPU */
	unsigned long ip, cs, flags, sp, ss;
};

_Static_assert(__builtin_offsetof(struct pt_regs, vector) == PTREGS_VECTOR, "");
_Static_assert(__builtin_offsetof(struct pt_regs, error_code) == PTREGS_ERROR, "");
_Static_assert(__builtin_offsetof(struct pt_regs, ip) == PTREGS_IP, "");
_Static_assert(sizeof(struct pt_regs) == PTREGS_SIZE, "");
#endif

#endif
