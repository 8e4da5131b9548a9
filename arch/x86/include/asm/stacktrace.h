/* SPDX-License-Identifier: GPL-2.0 */
/* Frame-pointer backtraces and register dumps. */
#ifndef _ASM_X86_STACKTRACE_H
#define _ASM_X86_STACKTRACE_H

#include <linux/types.h>

struct pt_regs;

/* Walk frames from @bp; store up to @max return addresses; return count. */
unsigned int stack_trace_save_bp(unsigned long bp, unsigned long *out,
				 unsigned int max);
void show_stack(unsigned long bp, unsigned long ip);
void show_regs(const struct pt_regs *regs);
void dump_stack(void);

#endif
