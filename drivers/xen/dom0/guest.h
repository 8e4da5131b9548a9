/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A guest of the slim dom0, as the builder leaves it and the services
 * (console, xenstore, lifecycle) use it.  Private to drivers/xen/dom0/.
 */
#ifndef _DOM0_GUEST_H
#define _DOM0_GUEST_H

#include <linux/types.h>
#include <xen/interface/xen.h>
#include <xen/interface/event_channel.h>

struct dom0_guest_cfg {
	unsigned long mem_kb;		/* its memory, all populated at build */
	unsigned int vcpus;
	const char *cmdline;
};

struct dom0_guest {
	domid_t domid;			/* 0: not built */
	unsigned long nr_pages;
	xen_pfn_t *p2m;			/* each pfn's machine frame */
	unsigned int p2m_order;		/* of its allocation */
	/* The rings the builder put in its memory (PVH: gfns), and the guest's ports. */
	xen_pfn_t store_mfn, console_mfn;
	evtchn_port_t store_port, console_port;
};

/* Build a PV guest from @image, left paused; 0, or an errno with nothing left. */
int dom0_build_pv(const void *image, size_t len, const struct dom0_guest_cfg *cfg,
		  struct dom0_guest *g);
/*
 * The same for a PVH guest: its store_mfn and console_mfn are then the
 * special pages' gfns, which a foreign mapping translates (Xen's p2m).
 */
int dom0_build_pvh(const void *image, size_t len, const struct dom0_guest_cfg *cfg,
		   struct dom0_guest *g);
/* Destroy the domain and free what the builder allocated for it. */
void dom0_guest_destroy(struct dom0_guest *g);

/*
 * From any event handler of the services: there is work for the loop.
 * It looks at everything on its next pass, and does not sleep before.
 */
void dom0_wake(void);

/* domctl.c: each reports Xen's refusal by name and returns it. */
int dom0_domctl_create(unsigned int max_vcpus, domid_t *domid);
int dom0_domctl_create_pvh(unsigned int max_vcpus, domid_t *domid);
int dom0_domctl_paging_pool(domid_t domid, u64 bytes);
int dom0_domctl_hvmcontext(domid_t domid, bool set, void *buf, u32 *size);
int dom0_domctl_destroy(domid_t domid);
int dom0_domctl_max_vcpus(domid_t domid, unsigned int max);
int dom0_domctl_max_mem(domid_t domid, u64 max_kb);
int dom0_domctl_unpause(domid_t domid);
int dom0_domctl_pause(domid_t domid);
int dom0_domctl_info(domid_t domid, u32 *flags, u64 *tot_pages, u64 *shared_info_frame);
int dom0_domctl_hypercall_init(domid_t domid, u64 gmfn);
/* Xen's free memory, pages waiting to be scrubbed included. */
int dom0_sysctl_free_pages(u64 *free_pages);
struct vcpu_guest_context;
int dom0_domctl_vcpu_context(domid_t domid, unsigned int vcpu, struct vcpu_guest_context *ctxt);

#endif
