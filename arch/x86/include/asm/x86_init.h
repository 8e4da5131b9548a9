/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What differs between platforms during set-up and at the end: bare
 * metal (the defaults, arch/x86/kernel/x86_init.c) or a Xen PV domain,
 * whose entry path installs its own.  setup_arch() calls these, never a
 * platform's functions by name.
 */
#ifndef _ASM_X86_X86_INIT_H
#define _ASM_X86_X86_INIT_H

#include <linux/types.h>
#include <linux/compiler.h>

struct x86_platform_ops {
	const char *name;
	/* Descriptor tables, control registers, the trap entry points. */
	void (*cpu_init)(void);
	void (*trap_init)(void);
	/* Highest physical address the boot allocator may use before paging_init. */
	u64 early_mapped_limit;
	void (*paging_init)(void);
	/* Firmware tables (0 or -errno), clock, periodic tick. */
	int (*acpi_init)(u64 rsdp);
	/* No PCI configuration space to scan (a Xen PV domU has no ports). */
	bool no_pci;
	void (*clock_init)(void);
	void (*timer_init)(void);
	void (*timer_stop)(void);	/* no more ticks (benchmarks) */
	/*
	 * Interrupts on, the tick running: the platform's own devices that
	 * talk to a peer and wait for answers (Xen: the xenstore client).
	 * NULL: none.
	 */
	void (*late_init)(void);
	/*
	 * Secondary CPUs: smp_prepare finds them and readies what starts
	 * them (0, or -errno: run on the boot CPU alone), cpu_up starts one
	 * and waits for it.  NULL smp_prepare: one CPU.
	 */
	int (*smp_prepare)(unsigned int max_cpus);
	int (*cpu_up)(unsigned int cpu);
	/*
	 * On a secondary CPU that start_secondary() runs (natively, PVH),
	 * after its descriptor tables, interrupts off: its interrupt
	 * sources and tick (natively its local APIC and APIC timer).
	 */
	void (*ap_init)(unsigned int cpu);
	/* Traps to the hypervisor so far (NULL: there is none). */
	unsigned long (*hypercalls)(void);
	/* Never returns; status: POWEROFF_SUCCESS or POWEROFF_FAILURE. */
	void (*power_off)(int status) __noreturn;
	/*
	 * A panic in the panic path: end the machine as a failure without
	 * printing or anything else that may have been what failed.  NULL:
	 * halt with interrupts off.
	 */
	void (*emergency_stop)(void) __noreturn;
};

extern struct x86_platform_ops x86_platform;

#endif
