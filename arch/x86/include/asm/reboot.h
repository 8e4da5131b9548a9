/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Ending the machine.  The status is what a test harness sees: through
 * QEMU's isa-debug-exit device when the command line names its port
 * (debug_exit=0xf4: QEMU exits with (status << 1) | 1), then ACPI S5.
 */
#ifndef _ASM_X86_REBOOT_H
#define _ASM_X86_REBOOT_H

#include <linux/compiler.h>

#define POWEROFF_SUCCESS	0
#define POWEROFF_FAILURE	1

void __noreturn machine_power_off(int status);
/* After a nested panic: the failure status, then the platform's stop. */
void __noreturn machine_emergency_stop(void);
void __noreturn native_machine_power_off(int status);

#endif
