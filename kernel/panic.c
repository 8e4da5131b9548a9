// SPDX-License-Identifier: GPL-2.0
/*
 * panic(): say why, show where (registers of the caller, backtrace),
 * power off with a failure status.  A panic while panicking (a fault in
 * the report, in the power-off path) says so in one line of constant text
 * and has the platform stop the machine as a failure; a third level
 * stops without a word.  Either way the machine ends, it never hangs.
 */
#include <linux/kernel.h>
#include <linux/irqflags.h>
#include <asm/stacktrace.h>
#include <asm/reboot.h>
#include <asm/special_insns.h>

int panic_in_progress;

void panic(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	local_irq_disable();
	if (panic_in_progress++) {
		/* Nested: fmt unformatted, vsnprintf may be what faulted. */
		if (panic_in_progress == 2)
			pr_emerg("Kernel panic while panicking: %s\n", fmt);
		machine_emergency_stop();
	}
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	pr_emerg("Kernel panic - not syncing: %s\n", buf);
	dump_stack();
	pr_emerg("---[ end Kernel panic - not syncing: %s ]---\n", buf);
	machine_power_off(POWEROFF_FAILURE);
}

void __warn(const char *file, int line, const char *cond)
{
	pr_warn("------------[ cut here ]------------\n");
	pr_warn("WARNING: %s at %s:%d\n", cond, file, line);
	dump_stack();
	pr_warn("---[ end trace ]---\n");
}

/* -fstack-protector: the canary below a return address was overwritten. */
void __noreturn __stack_chk_fail(void);
void __stack_chk_fail(void)
{
	panic("stack-protector: kernel stack is corrupted in: %pS",
	      __builtin_return_address(0));
}
