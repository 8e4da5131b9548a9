// SPDX-License-Identifier: GPL-2.0
/*
 * Secondary vCPUs of a Xen PVH guest, behind x86_platform.smp_prepare,
 * cpu_up and ap_init.
 *
 * A PVH vCPU could be started two ways: INIT-SIPI-SIPI against Xen's
 * emulated local APIC into the real-mode trampoline (what Linux does,
 * reusing its native path), or VCPUOP_initialise with a
 * vcpu_hvm_context (xen/include/public/hvm/hvm_vcpu.h; what FreeBSD and
 * Xen's own tests do).  This takes the second, VCPU_HVM_MODE_64B:
 *
 *  - The PVH child never sets up the local APIC: Xen owns the tick
 *    (VIRQ_TIMER) and injects events straight on the callback vector,
 *    with no APIC EOI.  INIT-SIPI would need the APIC up on every CPU
 *    just to boot them; this needs nothing of it.
 *  - The vCPU starts in long mode on the kernel's own page tables, at
 *    secondary_startup_64 (the native path's 64-bit half, unchanged), so
 *    no real-mode trampoline and no page below 1 MiB are needed, and
 *    there is no 10 ms INIT wait per CPU.
 *  - A refusal comes back as Xen's error (-EINVAL for a context Xen
 *    finds wrong, -EEXIST for a vCPU already initialised), not as a
 *    timeout.
 *
 * The context is what the native trampoline hands secondary_startup_64:
 * CR0 = PG|PE, CR4 = PAE, EFER = LME (and NX where the kernel's entries
 * carry it), %rdi = the CPU, %rsi = the kernel's CR3, %rsp = its stack;
 * Xen sets flat 64-bit segments.  From there start_secondary() loads the
 * CPU's GS base, GDT, TSS and IDT as natively, then x86_platform.ap_init
 * = xen_pvh_ap_init() on the new vCPU: its FIFO control block, runstate
 * area, VIRQ_TIMER single-shot tick and call-function IPI port.  Its
 * vcpu_info was registered by the boot CPU before VCPUOP_up.  Events
 * reach every vCPU on the one callback vector (HVM_PARAM_CALLBACK_IRQ,
 * type vector, is domain-wide in Xen: it injects the vector into
 * whichever vCPU has evtchn_upcall_pending set).
 *
 * IPIs are event channels (smp.c, shared with PV); TLB shootdown is the
 * native one over those IPIs (under HAP each CPU flushes its own TLB).
 * The lock group stays native: no paravirt spinlocks.
 *
 * Invariants: one vCPU in flight at a time (the context is a single
 * static); a vCPU publishes itself online only after its ports are bound.
 */
#define pr_fmt(fmt) "xen: smp: " fmt

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/errno.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <asm/msr.h>
#include <asm/processor.h>
#include <asm/processor-flags.h>
#include <asm/smp.h>
#include <asm/special_insns.h>
#include <asm/tsc.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include <xen/events.h>
#include "xen-ops.h"
#include <xen/interface/vcpu.h>
#include <xen/interface/sched.h>
#include <xen/interface/hvm/hvm_vcpu.h>


static struct vcpu_hvm_context ctxt __initdata;

int __init xen_pvh_smp_prepare(unsigned int max_cpus)
{
	int n = xen_smp_find_vcpus(max_cpus);

	if (n < 0)
		return n;
	if (n > 1) {
		xen_smp_ipi_init();
		pr_info("%u vCPUs (PVH, VCPUOP_initialise in long mode)\n", n);
	}
	return 0;
}

static void __init build_context(unsigned int cpu)
{
	struct vcpu_hvm_x86_64 *r = &ctxt.cpu_regs.x86_64;

	memset(&ctxt, 0, sizeof(ctxt));
	ctxt.mode = VCPU_HVM_MODE_64B;
	r->rip = (unsigned long)secondary_startup_64;
	r->rsp = per_cpu(cpu_stack_top, cpu);
	r->rdi = cpu;
	r->rsi = read_cr3();
	r->rflags = 0x2UL;	/* bit 1 reads as one */
	r->cr0 = X86_CR0_PG | X86_CR0_PE;
	r->cr3 = read_cr3();
	r->cr4 = X86_CR4_PAE;
	r->efer = EFER_LME | (boot_cpu_has(X86_FEATURE_NX) ? EFER_NX : 0);
}

int __init xen_pvh_cpu_up(unsigned int cpu)
{
	return xen_vcpu_bring_up(cpu, build_context, &ctxt, "vcpu_hvm_context");
}

/* On the new vCPU, from start_secondary(), interrupts off. */
void xen_pvh_ap_init(unsigned int cpu)
{
	int ret;

	ret = xen_events_cpu_init();
	if (ret)
		panic("xen: CPU %u: no event channels: %d", cpu, ret);
	/* HVM delivery looks at IF, not at this mask; clear it as on CPU 0. */
	WRITE_ONCE(this_cpu_read(xen_vcpu)->evtchn_upcall_mask, 0);
	/* Its steal time: Xen keeps the area from now on (a warning if not). */
	xen_runstate_register();
	ret = xen_timer_secondary_init(cpu);
	if (ret < 0)
		panic("xen: CPU %u: cannot bind VIRQ_TIMER: %d", cpu, ret);
	ret = xen_bind_call_func_ipi(cpu);
	if (ret < 0)
		panic("xen: CPU %u: cannot bind its IPI: %d", cpu, ret);
}
