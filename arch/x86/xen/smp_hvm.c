// SPDX-License-Identifier: GPL-2.0
/*
 * Secondary vCPUs of a Xen HVM (PV-on-HVM) guest, behind
 * x86_platform.smp_prepare, cpu_up and ap_init.
 *
 * An HVM guest's vCPUs are started the native way: hvmloader's MADT
 * lists them (vCPU n is the MADT's n-th local APIC), and INIT-SIPI-SIPI
 * through the emulated local APIC sends each into the real-mode
 * trampoline (smpboot.c, unchanged).  As in Linux's
 * xen_cpu_up_prepare_hvm(), what Xen needs per vCPU is done around it:
 *
 *  - before the SIPI, from the boot CPU while the vCPU is still down (Xen
 *    maps a down vCPU's vcpu_info for another vCPU): its vcpu_info, in
 *    its per-CPU area, so the pvclock (sched_clock) reads that vCPU's
 *    own time from its first instruction on;
 *  - on the new vCPU, from start_secondary() (ap_init), what Xen does
 *    for the caller only: its FIFO event control block, runstate area,
 *    VIRQ_TIMER single-shot tick (its periodic timer stopped) and
 *    call-function IPI port, as under PVH (xen_pvh_ap_init()).
 *
 * Events reach every vCPU on the one callback vector set by the boot
 * CPU (HVM_PARAM_CALLBACK_IRQ, type vector): Xen injects it into
 * whichever vCPU has evtchn_upcall_pending, ahead of and apart from the
 * emulated local APIC (hvm_vcpu_has_pending_irq()), with no EOI.  Linux
 * takes a per-vCPU vector (HVMOP_set_evtchn_upcall_vector) only where
 * the global one is missing; it is not here (XENFEAT_hvm_callback_vector
 * is required on entry).
 *
 * IPIs are event channels (smp.c, shared with PV and PVH), as Linux's
 * xen_hvm_smp_init() does with a vector callback: a secondary's local
 * APIC is then never needed, so it stays as INIT left it (software
 * disabled, its timer masked) and no APIC vector needs an EOI.  The boot
 * CPU's APIC is mapped and enabled for the INIT and SIPI IPIs alone
 * (apic_setup_ipi_only()), its timer masked: the tick is Xen's on every
 * vCPU.  TLB shootdown is the native one over those IPIs (under HAP
 * each CPU flushes its own TLB); the lock group stays native.
 *
 * Invariants: kernel CPU n is Xen vCPU n (the MADT's order, the boot
 * CPU vCPU 0), which each vCPU checks against Xen's HVM CPUID leaf on
 * itself before it touches anything of Xen's; a vCPU publishes itself
 * online only after its ports are bound.
 */
#define pr_fmt(fmt) "xen: smp: " fmt

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/errno.h>
#include <linux/smp.h>
#include <asm/apic.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include <asm/xen/pvh.h>
#include <xen/events.h>
#include "xen-ops.h"
#include <xen/interface/arch-x86/cpuid.h>
#include <xen/interface/vcpu.h>

/* The vCPUs Xen gave the domain: VCPUOP_is_up answers up to N - 1. */
static unsigned int __init xen_hvm_nr_vcpus(void)
{
	unsigned int id;

	for (id = 0; id < NR_CPUS * 4; id++)
		if (HYPERVISOR_vcpu_op(VCPUOP_is_up, id, NULL) == -ENOENT)
			break;
	return id;
}

int __init xen_hvm_smp_prepare(unsigned int max_cpus)
{
	unsigned int xen_n, cpu;
	int err;

	/* Without it a vCPU cannot tell which one it is (Xen before 4.6). */
	if (!(xen_pvh.hvm_features & XEN_HVM_CPUID_VCPU_ID_PRESENT)) {
		pr_info("no vCPU id in Xen's CPUID leaf (HVM features %#x): one CPU\n",
			xen_pvh.hvm_features);
		return -ENODEV;
	}
	if (this_cpu_read(xen_vcpu_id)) {
		pr_info("the boot CPU is vCPU %u, not 0: one CPU\n", this_cpu_read(xen_vcpu_id));
		return -ENODEV;
	}
	/* One vCPU: the APIC stays as the firmware left it. */
	xen_n = xen_hvm_nr_vcpus();
	if (xen_n < 2 || max_cpus < 2)
		return 0;
	if (!apic_setup_ipi_only()) {
		pr_info("no local APIC to send INIT and SIPI: one CPU\n");
		return -ENODEV;
	}
	err = native_smp_prepare(max_cpus);
	if (err || cpus_wanted == 1)
		return err;
	/* The MADT is the toolstack's word; Xen's vCPUs are what can run. */
	if (smp_cpus_listed != xen_n) {
		pr_err("the MADT lists %u CPUs, Xen has %u vCPUs: one CPU\n",
		       smp_cpus_listed, xen_n);
		cpus_wanted = 1;
		return -EINVAL;
	}
	for (cpu = 1; cpu < cpus_wanted; cpu++)
		per_cpu(xen_vcpu_id, cpu) = cpu;
	xen_smp_ipi_init();
	pr_info("%u vCPUs (HVM, INIT-SIPI from the MADT, IPIs on event channels)\n",
		cpus_wanted);
	return 0;
}

int __init xen_hvm_cpu_up(unsigned int cpu)
{
	long err = xen_vcpu_register_cpu(cpu);

	if (err) {
		pr_err("CPU %u: VCPUOP_register_vcpu_info: %s\n", cpu, xen_errname(err));
		return -EIO;
	}
	return native_cpu_up(cpu);
}

/* On the new vCPU, from start_secondary(), interrupts off. */
void xen_hvm_ap_init(unsigned int cpu)
{
	struct cpuid_regs r;

	cpuid_count(xen_pvh.cpuid_base + 4, 0, &r);
	if (r.ebx != this_cpu_read(xen_vcpu_id))
		panic("xen: CPU %u is vCPU %u by Xen's CPUID, not the vCPU %u its vcpu_info "
		      "was registered for", cpu, r.ebx, this_cpu_read(xen_vcpu_id));
	xen_pvh_ap_init(cpu);
}
