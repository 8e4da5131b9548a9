// SPDX-License-Identifier: GPL-2.0
/*
 * The domctl (and sysctl) hypercalls the slim dom0 uses, one wrapper each.  The
 * interface version is the installed headers' (libxen-dev): a Xen built
 * with another refuses every call with EACCES, said here by name.
 */
#define __XEN_TOOLS__ 1		/* domctl.h is for toolstacks: we are one */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <asm/xen/hypercall.h>
#include <xen/interface/domctl.h>
#include <xen/interface/sysctl.h>
#include "guest.h"

static int domctl(struct xen_domctl *op, const char *what)
{
	long rc;

	op->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
	rc = HYPERVISOR_domctl(op);
	if (rc)
		pr_err("dom0: %s of d%u: %s%s\n", what, op->domain, xen_errname(rc),
		       rc == -EACCES ? " (a Xen with another domctl interface version?)" : "");
	return rc;
}

static int create(u32 flags, u32 emulation, unsigned int max_vcpus, domid_t *domid)
{
	struct xen_domctl op = { .cmd = XEN_DOMCTL_createdomain, .domain = 0 };
	struct xen_domctl_createdomain *c = &op.u.createdomain;
	int rc;

	c->flags = flags;
	c->arch.emulation_flags = emulation;
	c->max_vcpus = max_vcpus;
	c->max_evtchn_port = 1023;		/* xl's default */
	c->max_grant_frames = -1;
	c->max_maptrack_frames = -1;
	c->grant_opts = XEN_DOMCTL_GRANT_version(2);
	rc = domctl(&op, "XEN_DOMCTL_createdomain");
	if (!rc)
		*domid = op.domain;
	return rc;
}

/* A PV domain: no flags, no emulated devices, Xen's grant defaults. */
int dom0_domctl_create(unsigned int max_vcpus, domid_t *domid)
{
	return create(0, 0, max_vcpus, domid);
}

/* A PVH domain, as libxl makes one: HVM with HAP, of the devices only the local APIC. */
int dom0_domctl_create_pvh(unsigned int max_vcpus, domid_t *domid)
{
	return create(XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap, XEN_X86_EMU_LAPIC, max_vcpus, domid);
}

/* The pool Xen keeps the guest's p2m (HAP) tables in, in bytes. */
int dom0_domctl_paging_pool(domid_t domid, u64 bytes)
{
	struct xen_domctl op = { .cmd = XEN_DOMCTL_set_paging_mempool_size, .domain = domid };

	op.u.paging_mempool.size = bytes;
	return domctl(&op, "XEN_DOMCTL_set_paging_mempool_size");
}

/*
 * An HVM domain's saved state: @set false with @buf NULL asks its size
 * (into *@size); otherwise *@size bytes at @buf are read or written.
 */
int dom0_domctl_hvmcontext(domid_t domid, bool set, void *buf, u32 *size)
{
	struct xen_domctl op = {
		.cmd = set ? XEN_DOMCTL_sethvmcontext : XEN_DOMCTL_gethvmcontext, .domain = domid,
	};
	int rc;

	op.u.hvmcontext.size = buf ? *size : 0;
	set_xen_guest_handle(op.u.hvmcontext.buffer, buf);
	rc = domctl(&op, set ? "XEN_DOMCTL_sethvmcontext" : "XEN_DOMCTL_gethvmcontext");
	if (!rc && !set)
		*size = op.u.hvmcontext.size;
	return rc;
}

int dom0_domctl_destroy(domid_t domid)
{
	struct xen_domctl op = { .cmd = XEN_DOMCTL_destroydomain, .domain = domid };
	long rc;

	/* Xen continues a long teardown itself; older ones said -EAGAIN. */
	op.interface_version = XEN_DOMCTL_INTERFACE_VERSION;
	do
		rc = HYPERVISOR_domctl(&op);
	while (rc == -EAGAIN);
	if (rc)
		pr_err("dom0: XEN_DOMCTL_destroydomain of d%u: %s\n", domid, xen_errname(rc));
	return rc;
}

/* createdomain sets the count; this makes the vCPUs (Xen 4.17). */
int dom0_domctl_max_vcpus(domid_t domid, unsigned int max)
{
	struct xen_domctl op = { .cmd = XEN_DOMCTL_max_vcpus, .domain = domid };

	op.u.max_vcpus.max = max;
	return domctl(&op, "XEN_DOMCTL_max_vcpus");
}

int dom0_domctl_max_mem(domid_t domid, u64 max_kb)
{
	struct xen_domctl op = { .cmd = XEN_DOMCTL_max_mem, .domain = domid };

	op.u.max_mem.max_memkb = max_kb;
	return domctl(&op, "XEN_DOMCTL_max_mem");
}

int dom0_domctl_unpause(domid_t domid)
{
	struct xen_domctl op = { .cmd = XEN_DOMCTL_unpausedomain, .domain = domid };

	return domctl(&op, "XEN_DOMCTL_unpausedomain");
}

int dom0_domctl_pause(domid_t domid)
{
	struct xen_domctl op = { .cmd = XEN_DOMCTL_pausedomain, .domain = domid };

	return domctl(&op, "XEN_DOMCTL_pausedomain");
}

int dom0_domctl_info(domid_t domid, u32 *flags, u64 *tot_pages, u64 *shared_info_frame)
{
	struct xen_domctl op = {
		.cmd = XEN_DOMCTL_getdomaininfo, .domain = domid,
		.interface_version = XEN_DOMCTL_INTERFACE_VERSION,
	};
	long rc = HYPERVISOR_domctl(&op);

	/* ESRCH is an answer (no such domain from @domid up), not a fault. */
	if (rc == -ESRCH)
		return rc;
	if (rc) {
		pr_err("dom0: XEN_DOMCTL_getdomaininfo of d%u: %s\n", domid, xen_errname(rc));
		return rc;
	}
	/* Xen answers for the next domain up when @domid is gone. */
	if (op.u.getdomaininfo.domain != domid)
		return -ESRCH;
	if (flags)
		*flags = op.u.getdomaininfo.flags;
	if (tot_pages)
		*tot_pages = op.u.getdomaininfo.tot_pages;
	if (shared_info_frame)
		*shared_info_frame = op.u.getdomaininfo.shared_info_frame;
	return 0;
}

int dom0_domctl_hypercall_init(domid_t domid, u64 gmfn)
{
	struct xen_domctl op = { .cmd = XEN_DOMCTL_hypercall_init, .domain = domid };

	op.u.hypercall_init.gmfn = gmfn;
	return domctl(&op, "XEN_DOMCTL_hypercall_init");
}

int dom0_domctl_vcpu_context(domid_t domid, unsigned int vcpu, struct vcpu_guest_context *ctxt)
{
	struct xen_domctl op = { .cmd = XEN_DOMCTL_setvcpucontext, .domain = domid };

	op.u.vcpucontext.vcpu = vcpu;
	set_xen_guest_handle(op.u.vcpucontext.ctxt, ctxt);
	return domctl(&op, "XEN_DOMCTL_setvcpucontext");
}

int dom0_sysctl_free_pages(u64 *free_pages)
{
	struct xen_sysctl op = {
		.cmd = XEN_SYSCTL_physinfo,
		.interface_version = XEN_SYSCTL_INTERFACE_VERSION,
	};
	long rc = HYPERVISOR_sysctl(&op);

	if (rc) {
		pr_err("dom0: XEN_SYSCTL_physinfo: %s\n", xen_errname(rc));
		return rc;
	}
	*free_pages = op.u.physinfo.free_pages + op.u.physinfo.scrub_pages;
	return 0;
}
