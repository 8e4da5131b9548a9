// SPDX-License-Identifier: GPL-2.0
/*
 * The interrupt flag of a PV guest is its vcpu_info's evtchn_upcall_mask:
 * 1 is "interrupts off".  Enabling checks for an event that arrived while
 * masked and makes Xen deliver it (any hypercall does, on return).  Halt
 * with events on is SCHEDOP_block, which unmasks and sleeps atomically;
 * halt with them off takes the vCPU down.
 */
#define pr_fmt(fmt) "xen: " fmt

#include <linux/kernel.h>
#include <asm/paravirt.h>
#include <asm/processor-flags.h>
#include <asm/page.h>
#include <asm/xen/hypercall.h>
#include "xen-ops.h"
#include <xen/interface/sched.h>
#include <xen/interface/vcpu.h>

/*
 * The fast paths are two loads, as in Linux: this CPU's vcpu_info
 * pointer (%gs:xen_vcpu), then the byte.  Nothing moves a CPU between
 * the two (there is no preemption, and a CPU's vcpu_info never moves).
 */
static __used noinline unsigned long xen_save_fl(void)
{
	return READ_ONCE(this_cpu_read(xen_vcpu)->evtchn_upcall_mask) ? 0 : X86_EFLAGS_IF;
}

static __used noinline void xen_irq_disable(void)
{
	WRITE_ONCE(this_cpu_read(xen_vcpu)->evtchn_upcall_mask, 1);
	barrier();
}

static __used noinline void xen_irq_enable(void)
{
	struct vcpu_info *v = this_cpu_read(xen_vcpu);

	WRITE_ONCE(v->evtchn_upcall_mask, 0);
	/* Unmask, then look: an event set before the unmask is not lost. */
	barrier();
	if (READ_ONCE(v->evtchn_upcall_pending))
		xen_force_evtchn_callback();	/* delivers it on return */
}

static __used noinline void xen_safe_halt(void)
{
	/* Unmasks and blocks until an event is pending, atomically. */
	long err = HYPERVISOR_sched_op(SCHEDOP_block, NULL);

	if (err)
		pr_err("SCHEDOP_block: %s\n", xen_errname(err));
}

static __used noinline void xen_halt(void)
{
	long err;

	if (READ_ONCE(this_cpu_read(xen_vcpu)->evtchn_upcall_mask)) {
		/* For good. */
		err = HYPERVISOR_vcpu_op(VCPUOP_down, this_cpu_read(xen_vcpu_id), NULL);
		pr_err("VCPUOP_down returned: %s\n", xen_errname(err));
	} else
		xen_safe_halt();
}

PV_CALLEE_SAVE_REGS_THUNK(xen_save_fl);
PV_VOID_CALLEE_SAVE_REGS_THUNK(xen_irq_disable);
PV_VOID_CALLEE_SAVE_REGS_THUNK(xen_irq_enable);
PV_VOID_CALLEE_SAVE_REGS_THUNK(xen_safe_halt);
PV_VOID_CALLEE_SAVE_REGS_THUNK(xen_halt);

const struct pv_irq_ops xen_irq_ops = {
	.save_fl = PV_CALLEE_SAVE(xen_save_fl),
	.irq_disable = PV_CALLEE_SAVE(xen_irq_disable),
	.irq_enable = PV_CALLEE_SAVE(xen_irq_enable),
	.safe_halt = PV_CALLEE_SAVE(xen_safe_halt),
	.halt = PV_CALLEE_SAVE(xen_halt),
};
