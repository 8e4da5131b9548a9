// SPDX-License-Identifier: GPL-2.0
/* The bare-metal platform: the defaults of asm/x86_init.h. */
#include <linux/kernel.h>
#include <asm/x86_init.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <asm/pgtable.h>
#include <asm/acpi.h>
#include <asm/tsc.h>
#include <asm/apic.h>
#include <asm/reboot.h>
#include <asm/smp.h>

struct x86_platform_ops x86_platform = {
	.name = "bare metal",
	.cpu_init = cpu_init,
	.trap_init = idt_setup,
	.early_mapped_limit = 4ULL << 30,	/* head_64.S maps the first 4 GiB */
	.paging_init = paging_init,
	.acpi_init = acpi_init,
	.clock_init = tsc_init,
	.timer_init = timer_init,
	.timer_stop = timer_stop,
	.smp_prepare = native_smp_prepare,
	.cpu_up = native_cpu_up,
	.ap_init = native_ap_init,
	.power_off = native_machine_power_off,
};
