// SPDX-License-Identifier: GPL-2.0
/*
 * What every kind of Xen guest shares: the domain type, the shared_info
 * page, and each vCPU's vcpu_info.
 *
 * A CPU's vcpu_info lives in its per-CPU area, which never moves (the
 * boot CPU's is in .bss from the first instruction, asm/percpu.h), so
 * the address Xen writes stays ours.  Until VCPUOP_register_vcpu_info
 * (first thing on the PV entry) the CPU's xen_vcpu points at a dummy
 * with events masked: they are masked at entry, so the dummy's mask
 * changes nothing Xen sees.
 */
#define pr_fmt(fmt) "xen: " fmt

#include <linux/kernel.h>
#include <asm/page.h>
#include <asm/percpu.h>
#include <asm/xen/hypercall.h>
#include "xen-ops.h"
#include <xen/interface/vcpu.h>

enum xen_domain_type xen_domain_type = XEN_NATIVE;
bool xen_initial_domain_flag;
struct shared_info *HYPERVISOR_shared_info;

static struct vcpu_info xen_vcpu_dummy = { .evtchn_upcall_mask = 1 };
/* 64 bytes on a 64-byte boundary: never across a page, as Xen requires. */
/*
 * Masked until Xen takes it over (it copies the old one in), so that the
 * direct irq ops (xen-asm.S), which read this CPU's copy by %gs, see
 * interrupts off before registration as after.
 */
DEFINE_PER_CPU_ALIGNED(struct vcpu_info, xen_vcpu_info) = { .evtchn_upcall_mask = 1 };
DEFINE_PER_CPU(struct vcpu_info *, xen_vcpu) = &xen_vcpu_dummy;
DEFINE_PER_CPU(unsigned int, xen_vcpu_id) = XEN_VCPU_ID_NONE;

/* The boot CPU's, on Xen's initial page tables: its area is in the image. */
void xen_vcpu_register(void)
{
	struct vcpu_info *v = this_cpu_ptr(&xen_vcpu_info);
	struct vcpu_register_vcpu_info info = {
		/* Under HAP a frame is named by its guest pfn. */
		.mfn = xen_pv_domain() ? pfn_to_mfn(PFN_DOWN(__pa_symbol(v))) :
					 PFN_DOWN(__pa_symbol(v)),
		.offset = __pa_symbol(v) & ~PAGE_MASK,
	};
	long err;

	BUILD_BUG_ON(sizeof(struct vcpu_info) > 64);
	err = HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info,
				 this_cpu_read(xen_vcpu_id), &info);
	if (err)
		panic("xen: VCPUOP_register_vcpu_info: %s", xen_errname(err));
	this_cpu_write(xen_vcpu, v);
}

/*
 * A secondary vCPU's (PV or PVH), from the boot CPU while that vCPU is
 * still down (Xen maps another vCPU's vcpu_info too).  Its per-CPU area
 * is in the direct map.  Returns 0 or Xen's error.
 */
long xen_vcpu_register_cpu(unsigned int cpu)
{
	struct vcpu_info *v = per_cpu_ptr(&xen_vcpu_info, cpu);
	struct vcpu_register_vcpu_info info = {
		.mfn = xen_pv_domain() ? pfn_to_mfn(PFN_DOWN(__pa(v))) : PFN_DOWN(__pa(v)),
		.offset = __pa(v) & ~PAGE_MASK,
	};
	long err;

	v->evtchn_upcall_mask = 1;
	err = HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, per_cpu(xen_vcpu_id, cpu), &info);
	if (!err)
		per_cpu(xen_vcpu, cpu) = v;
	return err;
}

void xen_force_evtchn_callback(void)
{
	/* XENVER_version cannot fail: only its way back out matters. */
	HYPERVISOR_xen_version(0, NULL);
}
