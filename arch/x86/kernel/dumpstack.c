// SPDX-License-Identifier: GPL-2.0
/*
 * Register dumps and frame-pointer backtraces.  The kernel is built with
 * -fno-omit-frame-pointer, so each frame is [saved rbp][return address];
 * the walk only follows a frame pointer that lies inside a kernel stack
 * and moves up it, so a corrupt chain ends the trace instead of faulting.
 */
#include <linux/kernel.h>
#include <asm/stacktrace.h>
#include <asm/ptrace.h>
#include <asm/special_insns.h>
#include <asm/setup.h>
#include <asm/desc.h>
#include <asm/page.h>

#define MAX_FRAMES	32

/* The stack holding @p: its [lo, hi) bounds; false if none. */
static bool stack_bounds(unsigned long p, unsigned long *lo, unsigned long *hi)
{
	unsigned int i;

	if (p >= (unsigned long)boot_stack && p < (unsigned long)boot_stack_top) {
		*lo = (unsigned long)boot_stack;
		*hi = (unsigned long)boot_stack_top;
		return true;
	}
	for (i = 1; i <= N_IST; i++) {
		unsigned long top = ist_stack_top(i);

		if (p >= top - IST_STACK_SIZE && p < top) {
			*lo = top - IST_STACK_SIZE;
			*hi = top;
			return true;
		}
	}
	return false;
}

unsigned int stack_trace_save_bp(unsigned long bp, unsigned long *out,
				 unsigned int max)
{
	unsigned long lo, hi, next, *frame;
	unsigned int n = 0;

	while (n < max) {
		if (!bp || (bp & 7) || !stack_bounds(bp, &lo, &hi) || bp + 16 > hi)
			break;
		frame = (unsigned long *)bp;
		if (!frame[1])
			break;
		out[n++] = frame[1];
		next = frame[0];
		/*
		 * Within one stack, frames only move up; a move to another
		 * stack (from an IST stack to the interrupted one) is fine.
		 */
		if (next >= lo && next < hi && next <= bp)
			break;
		bp = next;
	}
	return n;
}

void show_stack(unsigned long bp, unsigned long ip)
{
	unsigned long trace[MAX_FRAMES];
	unsigned int i, n;

	pr_emerg("Call Trace:\n");
	if (ip)
		pr_emerg(" [<%016lx>] %pS\n", ip, (void *)ip);
	n = stack_trace_save_bp(bp, trace, MAX_FRAMES);
	for (i = 0; i < n; i++)
		pr_emerg(" [<%016lx>] %pS\n", trace[i], (void *)trace[i]);
}

void show_regs(const struct pt_regs *regs)
{
	pr_emerg("RIP: %04lx:[<%016lx>] %pS\n", regs->cs, regs->ip, (void *)regs->ip);
	pr_emerg("RSP: %04lx:%016lx EFLAGS: %08lx\n", regs->ss, regs->sp, regs->flags);
	pr_emerg("RAX: %016lx RBX: %016lx RCX: %016lx\n", regs->ax, regs->bx, regs->cx);
	pr_emerg("RDX: %016lx RSI: %016lx RDI: %016lx\n", regs->dx, regs->si, regs->di);
	pr_emerg("RBP: %016lx R08: %016lx R09: %016lx\n", regs->bp, regs->r8, regs->r9);
	pr_emerg("R10: %016lx R11: %016lx R12: %016lx\n", regs->r10, regs->r11, regs->r12);
	pr_emerg("R13: %016lx R14: %016lx R15: %016lx\n", regs->r13, regs->r14, regs->r15);
	pr_emerg("CR0: %016lx CR2: %016lx CR3: %016lx CR4: %016lx\n",
		 read_cr0(), read_cr2(), read_cr3(), read_cr4());
	/* The interrupted function is regs->ip; its callers follow regs->bp. */
	show_stack(regs->bp, regs->ip);
}

void dump_stack(void)
{
	show_stack((unsigned long)__builtin_frame_address(0), 0);
}
