/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What brings CPUs up and carries requests between them, as a table a
 * platform can replace (like pv_ops, but called at boot and on IPIs, so
 * plain indirect calls).  Natively (smpboot.c, smp.c): CPUs from the
 * MADT, INIT-SIPI-SIPI, IPIs through the local APIC.  A platform with no
 * way to start CPUs leaves x86_platform.smp_prepare NULL and runs on the
 * boot CPU alone.  Xen PV (arch/x86/xen/smp_pv.c) starts its vCPUs by
 * hypercall and carries IPIs and shootdowns through Xen; Xen PVH
 * (smp_pvh.c) starts them by hypercall straight into
 * secondary_startup_64 and carries IPIs through event channels.
 *
 * Invariants: smp_ops is written only before the first secondary CPU
 * starts; CALL_FUNCTION_VECTOR is the one vector the native ops use, for
 * calls and for waking an idle CPU alike.
 */
#ifndef _ASM_X86_SMP_H
#define _ASM_X86_SMP_H

#include <linux/types.h>
#include <linux/smp.h>

#define CALL_FUNCTION_VECTOR	0xfb

struct smp_ops {
	/* Make @cpu look at its call queue (and leave hlt). */
	void (*send_call_func_ipi)(unsigned int cpu);
	/*
	 * Flush [start, end) of the kernel's address space from the TLBs of
	 * the CPUs in @mask (never this one) and wait until they have.
	 */
	void (*flush_tlb_multi)(unsigned long mask, unsigned long start, unsigned long end);
};
extern struct smp_ops smp_ops;

/* The APIC ID of each online CPU (natively). */
extern u32 cpu_apic_id[NR_CPUS];
/* How many CPUs the firmware listed and how many were started and failed. */
extern unsigned int smp_cpus_listed, smp_cpus_failed;
/* Top of each CPU's kernel stack (the boot CPU's: boot_stack_top). */
DECLARE_PER_CPU(unsigned long, cpu_stack_top);

/* How many CPUs smp_prepare found (numbers 0 .. cpus_wanted - 1). */
extern unsigned int cpus_wanted;
/* A CPU's stack and IST stacks (cpu_stack_top, ist_top): 0 or -ENOMEM. */
int smp_alloc_cpu_stacks(unsigned int cpu);

/* Native: find the CPUs, place the trampoline (0 or -errno). */
int native_smp_prepare(unsigned int max_cpus);
/* Native: start @cpu and wait for it (0, or -errno with the CPU reported). */
int native_cpu_up(unsigned int cpu);
/* Native: a secondary CPU's local APIC and tick (x86_platform.ap_init). */
void native_ap_init(unsigned int cpu);
/* A secondary CPU's loop: its work queue, else halt (smp.c). */
void __noreturn cpu_idle_loop(void);
/*
 * An AP's way into the kernel in long mode (trampoline_64.S): %edi = its
 * CPU number, %rsi = the kernel's CR3, %rsp = cpu_stack_top; it loads
 * CR3, a GDT, flat segments and calls start_secondary().
 */
extern const char secondary_startup_64[];
/* The AP's first C function (from secondary_startup_64). */
void __noreturn start_secondary(unsigned int cpu);
/* The call queue of this CPU, from its IPI handler or a waiting caller. */
void smp_call_process_queue(void);
void smp_ipi_init(void);

/*
 * Hold every other online CPU outside all patchable text, interrupts
 * off, until the matching unpark (nests; one parking CPU at a time).
 */
void smp_park_others(void);
void smp_unpark_others(void);

/* Flush [start, end) of the kernel mappings on every online CPU. */
void flush_tlb_kernel_range(unsigned long start, unsigned long end);

#endif
