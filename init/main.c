// SPDX-License-Identifier: GPL-2.0
/*
 * start_kernel: the generic half of boot.  There is no user space yet, so
 * after set-up the kernel runs its test suites (CONFIG_KTEST) and powers
 * off with their verdict.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/ktest.h>
#include <linux/crashtest.h>
#include <linux/pvbench.h>
#include <linux/mm.h>
#include <xen/dom0.h>
#include <asm/setup.h>
#include <asm/bootinfo.h>
#include <asm/reboot.h>
#include <asm/apic.h>

void __init start_kernel(void)
{
	int failed = 0;

	pr_notice("Booting kernel%s%s, PARAVIRT=%s\n", CONFIG_LOCALVERSION[0] ? " " : "",
		  CONFIG_LOCALVERSION, IS_ENABLED(CONFIG_PARAVIRT) ? "y" : "n");
	pr_notice("Command line: %s\n", boot_command_line);
	parse_early_params();
	setup_arch();
	pr_info("Boot done: %lu free pages, timer %s\n", nr_free_pages(), timer_source);

	crashtest_run();
	if (pvbench_run())
		;	/* benchmarks instead of tests */
	else if (IS_ENABLED(CONFIG_KTEST) && !cmdline_has("ktest.off"))
		failed = ktest_run_all();
	else if (!cmdline_has("dom0.guests"))
		pr_notice("No init to run: powering off.\n");
	/* The slim dom0 serves its guests after its own suites passed. */
	if (!failed)
		failed = dom0_services_run();
	PVBENCH_STOP(PVBENCH_BOOT);
	machine_power_off(failed ? POWEROFF_FAILURE : POWEROFF_SUCCESS);
}
