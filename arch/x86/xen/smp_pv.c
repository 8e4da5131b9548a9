// SPDX-License-Identifier: GPL-2.0
/*
 * Secondary vCPUs of a Xen PV guest, behind x86_platform.smp_prepare and
 * cpu_up, and the two smp_ops that go through Xen: the call-function IPI
 * (an EVTCHNOP_bind_ipi port per vCPU, smp.c) and the remote TLB flush
 * (MMUEXT_TLB_FLUSH_MULTI / INVLPG_MULTI on a vCPU mask).
 *
 * Xen's vCPU count and the IPI ports are smp.c's, shared with PVH.  For
 * each vCPU the boot CPU registers the vCPU's vcpu_info (its per-CPU
 * copy, so the direct irq ops on %gs:xen_vcpu_info work on it), builds
 * a vcpu_guest_context and asks
 * VCPUOP_initialise then VCPUOP_up.  The context is this CPU's, as far as
 * the kernel is concerned: the same L4 pair, Xen's flat segments (the
 * boot CPU never loads a GDT of its own under PV, so gdt_ents is 0 and
 * Xen's reserved entries serve), the same virtual IDT, the event and
 * failsafe callbacks, and gs_base_kernel = the new CPU's per-CPU area so
 * that %gs (and the stack canary at %gs:40) are right from its first
 * instruction.  It enters xen_start_secondary() on its own stack, with
 * events masked; there it sets up its event channel state (the FIFO
 * control block), registers its runstate area, binds and arms its
 * VIRQ_TIMER and binds its IPI port, marks itself online and idles
 * (safe_halt is SCHEDOP_block).
 *
 * Invariants: one vCPU in flight at a time (the context is a single
 * static); the binding table changes only on the CPU coming up while the
 * boot CPU waits for it, or on the boot CPU.
 */
#define pr_fmt(fmt) "xen: smp: " fmt

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/irqflags.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/processor-flags.h>
#include <asm/smp.h>
#include <asm/msr.h>
#include <asm/tsc.h>
#include <asm/xen/events.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include <xen/events.h>
#include "xen-ops.h"
#include <xen/interface/xen.h>
#include <xen/interface/vcpu.h>
#include <xen/interface/physdev.h>
#include <xen/interface/sched.h>


void xen_hypervisor_callback(void);
void xen_failsafe_callback(void);

static struct vcpu_guest_context ctxt __initdata;

/* @mask: our CPU numbers; Xen wants its vCPU ids. */
static void xen_flush_tlb_multi(unsigned long mask, unsigned long start, unsigned long end)
{
	unsigned long vcpus = 0;
	unsigned int cpu;

	for_each_online_cpu(cpu)
		if (mask & (1UL << cpu))
			vcpus |= 1UL << per_cpu(xen_vcpu_id, cpu);
	if (vcpus)
		xen_flush_tlb_others(vcpus, start, end);
}

int __init xen_pv_smp_prepare(unsigned int max_cpus)
{
	int n = xen_smp_find_vcpus(max_cpus);

	if (n < 0)
		return n;
	if (n > 1) {
		xen_smp_ipi_init();
		smp_ops.flush_tlb_multi = xen_flush_tlb_multi;
		xen_spin_init();
		pr_info("%u vCPUs\n", n);
	}
	return 0;
}

/* The new vCPU's first C code, on its own stack, its GS base set by Xen. */
static __no_stack_protector void __noreturn xen_start_secondary(unsigned int cpu)
{
	struct physdev_set_iopl iopl = { .iopl = 1 };
	int ret;

	/* I/O privilege is per vCPU in Xen. */
	HYPERVISOR_physdev_op(PHYSDEVOP_set_iopl, &iopl);
	ret = xen_events_cpu_init();
	if (ret)
		panic("xen: CPU %u: no event channels: %d", cpu, ret);
	/* Its steal time: Xen keeps the area from now on (a warning if not). */
	xen_runstate_register();
	ret = xen_timer_secondary_init(cpu);
	if (ret < 0)
		panic("xen: CPU %u: cannot bind VIRQ_TIMER: %d", cpu, ret);
	ret = xen_bind_call_func_ipi(cpu);
	if (ret < 0)
		panic("xen: CPU %u: cannot bind its IPI: %d", cpu, ret);
	ret = xen_spin_cpu_init(cpu);
	if (ret < 0)
		pr_err("CPU %u: no spinlock kick port (%d): its lock waits spin\n", cpu, ret);
	/* Published last: the boot CPU reads everything above once it sees this. */
	asm volatile("lock orq %1, %0" : "+m" (cpu_online_mask) : "r" (1UL << cpu) : "memory");
	local_irq_enable();
	cpu_idle_loop();
}

static void __init build_context(unsigned int cpu)
{
	unsigned long sp = per_cpu(cpu_stack_top, cpu);
	u64 l4, user_l4;

	memset(&ctxt, 0, sizeof(ctxt));
	ctxt.flags = VGCF_in_kernel | VGCF_failsafe_disables_events;
	/* As if called: the return-address slot keeps the ABI's alignment. */
	ctxt.user_regs.rip = (unsigned long)xen_start_secondary;
	ctxt.user_regs.rsp = sp - 8;
	ctxt.user_regs.rdi = cpu;
	ctxt.user_regs.cs = FLAT_KERNEL_CS;
	ctxt.user_regs.ss = FLAT_KERNEL_SS;
	ctxt.user_regs.rflags = 0x2UL /* bit 1 reads as one */;
	xen_fill_traps(ctxt.trap_ctxt);
	ctxt.gdt_ents = 0;		/* Xen's reserved flat entries */
	ctxt.kernel_ss = FLAT_KERNEL_SS;
	ctxt.kernel_sp = sp;
	xen_cpu_inherit_cr3(cpu, &l4, &user_l4);
	ctxt.ctrlreg[3] = xen_pfn_to_cr3(l4);
	ctxt.ctrlreg[1] = user_l4 ? xen_pfn_to_cr3(user_l4) : 0;
	ctxt.event_callback_eip = (unsigned long)xen_hypervisor_callback;
	ctxt.failsafe_callback_eip = (unsigned long)xen_failsafe_callback;
	ctxt.gs_base_kernel = __per_cpu_offset[cpu];
}

int __init xen_pv_cpu_up(unsigned int cpu)
{
	return xen_vcpu_bring_up(cpu, build_context, &ctxt, "vcpu_guest_context");
}
