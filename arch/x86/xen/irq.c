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
 * The fast paths are in xen-asm.S: one %gs-relative access to this
 * CPU's vcpu_info, which is registered in its per-CPU area (Linux's
 * direct ops; a pointer load and the byte before).  Enabling with an
 * event pending calls xen_force_evtchn_callback() through this thunk.
 */
void xen_irq_disable_direct(void);
void xen_irq_enable_direct(void);
void xen_save_fl_direct(void);
PV_VOID_CALLEE_SAVE_REGS_THUNK(xen_force_evtchn_callback);

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

PV_VOID_CALLEE_SAVE_REGS_THUNK(xen_safe_halt);
PV_VOID_CALLEE_SAVE_REGS_THUNK(xen_halt);

const struct pv_irq_ops xen_irq_ops = {
	.save_fl = { .func = xen_save_fl_direct },
	.irq_disable = { .func = xen_irq_disable_direct },
	.irq_enable = { .func = xen_irq_enable_direct },
	.safe_halt = PV_CALLEE_SAVE(xen_safe_halt),
	.halt = PV_CALLEE_SAVE(xen_halt),
};
