// SPDX-License-Identifier: GPL-2.0
/*
 * Exceptions and interrupts, after entry_64.S saved the registers.
 * An exception is either declared allowed (exception table: fixed up and
 * recorded) or fatal (die(): registers, backtrace, panic).  External
 * vectors go to the handler idt_install_handler() set, or are counted as
 * spurious.
 */
#include <linux/kernel.h>
#include <asm/traps.h>
#include <asm/ptrace.h>
#include <asm/extable.h>
#include <asm/stacktrace.h>
#include <asm/special_insns.h>
#include <asm/setup.h>
#include <asm/reboot.h>

DEFINE_PER_CPU(unsigned long, irq_count[NR_VECTORS]);
DEFINE_PER_CPU(unsigned int, hardirq_depth);
static unsigned long die_counter;

static const char *const trap_names[32] = {
	[X86_TRAP_DE] = "divide error",
	[X86_TRAP_DB] = "debug",
	[X86_TRAP_NMI] = "NMI",
	[X86_TRAP_BP] = "int3",
	[X86_TRAP_OF] = "overflow",
	[X86_TRAP_BR] = "bounds",
	[X86_TRAP_UD] = "invalid opcode",
	[X86_TRAP_NM] = "device not available",
	[X86_TRAP_DF] = "double fault",
	[X86_TRAP_OLD_MF] = "coprocessor segment overrun",
	[X86_TRAP_TS] = "invalid TSS",
	[X86_TRAP_NP] = "segment not present",
	[X86_TRAP_SS] = "stack segment",
	[X86_TRAP_GP] = "general protection fault",
	[X86_TRAP_PF] = "page fault",
	[X86_TRAP_MF] = "coprocessor error",
	[X86_TRAP_AC] = "alignment check",
	[X86_TRAP_MC] = "machine check",
	[X86_TRAP_XF] = "SIMD exception",
	[X86_TRAP_VE] = "virtualization exception",
	[X86_TRAP_CP] = "control protection",
};

const char *trap_name(unsigned long vector)
{
	if (vector < 32 && trap_names[vector])
		return trap_names[vector];
	return vector < 32 ? "reserved exception" : "interrupt";
}

void die(const char *why, struct pt_regs *regs)
{
	/* A fault while a nested panic reports: printing again would recurse. */
	if (panic_in_progress > 1)
		machine_emergency_stop();
	pr_emerg("Oops: %s, error code 0x%lx [#%lu]\n", why, regs->error_code,
		 ++die_counter);
	show_regs(regs);
	panic("Fatal exception");
}

static bool on_boot_stack_guard(unsigned long sp)
{
	unsigned long g = (unsigned long)boot_stack_guard;

	return sp >= g - 64 && sp < g + 4096;
}

static void do_exception(struct pt_regs *regs)
{
	unsigned long v = regs->vector;

	switch (v) {
	case X86_TRAP_PF:
		do_page_fault(regs, read_cr2());
		return;
	case X86_TRAP_NMI:
		pr_warn("NMI received at %pS\n", (void *)regs->ip);
		return;
	case X86_TRAP_DF:
		/* Our own stacks overflow into an unmapped guard page. */
		if (on_boot_stack_guard(regs->sp))
			die("kernel stack overflow (double fault)", regs);
		die("double fault", regs);
	default:
		break;
	}
	if (fixup_exception(regs, v, regs->error_code, 0))
		return;
	die(trap_name(v), regs);
}

void x86_handle_vector(struct pt_regs *regs)
{
	unsigned long v = regs->vector;
	irq_handler_t fn;

	if (v < FIRST_EXTERNAL_VECTOR) {
		do_exception(regs);
		return;
	}
	this_cpu_inc(irq_count[v]);
	fn = READ_ONCE(vector_handlers[v]);
	if (fn) {
		this_cpu_inc(hardirq_depth);
		barrier();
		fn(regs);
		barrier();
		this_cpu_dec(hardirq_depth);
	}
}
