// SPDX-License-Identifier: GPL-2.0
/*
 * What every kind of Xen guest shares: the domain type, the shared_info
 * page, and this vCPU's vcpu_info.
 *
 * Until VCPUOP_register_vcpu_info moves vcpu_info into our own .data
 * (first thing on the PV entry), xen_vcpu points at a local copy: events
 * are masked at entry, so that copy's mask changes nothing Xen sees.
 */
#define pr_fmt(fmt) "xen: " fmt

#include <linux/kernel.h>
#include <asm/page.h>
#include <asm/xen/hypercall.h>
#include "xen-ops.h"
#include <xen/interface/vcpu.h>

enum xen_domain_type xen_domain_type = XEN_NATIVE;
bool xen_initial_domain_flag;
struct shared_info *HYPERVISOR_shared_info;

static struct vcpu_info xen_vcpu_dummy = { .evtchn_upcall_mask = 1 };
/* Registered with Xen: in .data, so the same address on every page table. */
static struct vcpu_info xen_vcpu_info __aligned(64);
struct vcpu_info *xen_vcpu = &xen_vcpu_dummy;

void xen_vcpu_register(void)
{
	struct vcpu_register_vcpu_info info = {
		/* Under HAP a frame is named by its guest pfn. */
		.mfn = xen_pv_domain() ? pfn_to_mfn(PFN_DOWN(__pa_symbol(&xen_vcpu_info))) :
					 PFN_DOWN(__pa_symbol(&xen_vcpu_info)),
		.offset = __pa_symbol(&xen_vcpu_info) & ~PAGE_MASK,
	};
	long err = HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, 0, &info);

	if (err)
		panic("xen: VCPUOP_register_vcpu_info: %s", xen_errname(err));
	xen_vcpu = &xen_vcpu_info;
}

void xen_force_evtchn_callback(void)
{
	/* XENVER_version cannot fail: only its way back out matters. */
	HYPERVISOR_xen_version(0, NULL);
}
