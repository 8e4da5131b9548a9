// SPDX-License-Identifier: GPL-2.0
/*
 * Power-off with a status.  A test harness learns the status through
 * QEMU's isa-debug-exit device, at the port the command line names
 * (debug_exit=0xf4): QEMU then exits with (status << 1) | 1.  Without it,
 * ACPI S5 turns the machine off (QEMU exits 0).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/irqflags.h>
#include <asm/reboot.h>
#include <asm/acpi.h>
#include <asm/io.h>
#include <asm/special_insns.h>
#include <asm/x86_init.h>
#include <linux/irqflags.h>

static u16 debug_exit_port;

static int __init debug_exit_setup(const char *val)
{
	unsigned long long port;

	if (kstrtoull(val, 0, &port) || !port || port > 0xffff)
		return -1;
	debug_exit_port = (u16)port;
	return 0;
}
__setup("debug_exit=", debug_exit_setup);

void machine_power_off(int status)
{
	local_irq_disable();
	pr_info("reboot: Power down (status %d)\n", status);
	if (debug_exit_port)
		outb((u8)status, debug_exit_port);
	x86_platform.power_off(status);
}

/*
 * The failure status reaches the harness before anything that could fault
 * again; then the platform ends the machine its way (a Xen domain must
 * tell Xen, or Xen would keep a hung domain), or the CPU just stops.
 */
void machine_emergency_stop(void)
{
	local_irq_disable();
	if (debug_exit_port)
		outb(POWEROFF_FAILURE, debug_exit_port);
	if (x86_platform.emergency_stop)
		x86_platform.emergency_stop();
	for (;;) {
		local_irq_disable();
		halt();
	}
}

/* Bare metal: ACPI S5 (with a PC search for the RSDP if none was set up). */
void native_machine_power_off(int status)
{
	if (!acpi_s5_ready() && acpi_init(0))
		pr_emerg("reboot: no ACPI to power off with\n");
	acpi_power_off();
	pr_emerg("reboot: power-off failed; halting\n");
	for (;;) {
		local_irq_disable();
		halt();
	}
}
