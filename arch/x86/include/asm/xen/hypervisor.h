/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What drivers/xen needs from the x86 Xen code: which kind of domain
 * this is, the shared_info page, this vCPU's vcpu_info, and a way to have
 * Xen deliver an event that became pending while we looked away.
 */
#ifndef _ASM_X86_XEN_HYPERVISOR_H
#define _ASM_X86_XEN_HYPERVISOR_H

#include <linux/types.h>
#include <asm/percpu.h>
#include <xen/interface/xen.h>

/* XEN_HVM_DOMAIN: PVH or HVM, hardware-assisted paging (enlighten_pvh.c). */
enum xen_domain_type { XEN_NATIVE, XEN_PV_DOMAIN, XEN_HVM_DOMAIN };

extern enum xen_domain_type xen_domain_type;
extern bool xen_initial_domain_flag;

static inline bool xen_domain(void) { return xen_domain_type != XEN_NATIVE; }
static inline bool xen_pv_domain(void) { return xen_domain_type == XEN_PV_DOMAIN; }
static inline bool xen_hvm_domain(void) { return xen_domain_type == XEN_HVM_DOMAIN; }
static inline bool xen_initial_domain(void) { return xen_initial_domain_flag; }

/* Mapped by the platform code before xen_events_init(); NULL until then. */
extern struct shared_info *HYPERVISOR_shared_info;
/*
 * Per CPU: its vcpu_info (registered in its per-CPU area; a dummy with
 * events masked until then) and the number Xen knows its vCPU by, for
 * the VCPUOP_* calls about it (XEN_VCPU_ID_NONE until it is brought up;
 * the boot CPU is vCPU 0, where Xen starts a PV guest).
 */
DECLARE_PER_CPU(struct vcpu_info *, xen_vcpu);
DECLARE_PER_CPU(unsigned int, xen_vcpu_id);
#define XEN_VCPU_ID_NONE	(~0U)

/* Any hypercall returns through Xen's check for a pending upcall. */
void xen_force_evtchn_callback(void);

/*
 * Where the kernel sees machine frame @mfn, if it is one of this domain's
 * RAM frames (a PV domU's xenstore and console pages are): its direct-map
 * address, or NULL for a frame that is not ours or not RAM.
 */
void *xen_mfn_to_virt(unsigned long mfn);

#endif
