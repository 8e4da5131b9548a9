/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Xen PVH guest (arch/x86/xen/enlighten_pvh.c): what the PVH entry
 * found out about Xen, for the boot log and the tests.
 */
#ifndef _ASM_X86_XEN_PVH_H
#define _ASM_X86_XEN_PVH_H

#include <linux/errno.h>
#include <linux/types.h>

struct xen_pvh_info {
	u32 cpuid_base;			/* Xen's first CPUID leaf, 0: not Xen */
	u32 version;			/* major << 16 | minor, from CPUID */
	u32 hvm_features;		/* CPUID base + 4, EAX */
	u32 features;			/* XENVER_get_features, submap 0 */
	bool vmmcall;			/* hypercall sites are vmmcall (AMD) */
	u8 callback_vector;		/* events arrive here (0: not yet) */
	u64 console_pfn, store_pfn;	/* HVM params, 0: none */
	u32 store_evtchn;
	void *store;			/* the xenstore ring, mapped */
};
extern struct xen_pvh_info xen_pvh;

#ifdef CONFIG_XEN_PVH
/*
 * On the PVH entry, before anything else: if CPUID shows Xen, become its
 * PVH guest (hypercall sites, child, shared_info, vcpu_info, console,
 * x86_platform) and return true; else change nothing.
 */
bool xen_pvh_early_init(void);
/*
 * Before the start info is read: under Xen, the boot's lines go to Xen's
 * debug port from here on, so a start info we refuse is reported where
 * Xen's console shows it (for a dom0, the UART is Xen's).
 */
void xen_pvh_early_console(void);
/*
 * After xen_pvh_early_init(), for a start info without a memory map:
 * Xen's map of this domain (XENMEM_memory_map) into @bi; 0 or -errno.
 */
struct boot_info;
int xen_pvh_memory_map(struct boot_info *bi);
u32 xen_cpuid_base(void);
long xen_hvm_set_param(u32 index, u64 value);
#else
static inline bool xen_pvh_early_init(void) { return false; }
static inline void xen_pvh_early_console(void) { }
static inline int xen_pvh_memory_map(struct boot_info *bi) { return -ENODATA; }
#endif

#ifdef CONFIG_XEN_PVHVM
/*
 * On the multiboot2 entry, once the command line is known: if CPUID
 * shows Xen (and no xen_nopv), become its HVM guest with PVH's Xen side
 * (enlighten_hvm.c) and return true; else change nothing.
 */
bool xen_hvm_early_init(void);
extern bool xen_hvm_nopv;	/* Xen is there, xen_nopv kept us native */
#else
static inline bool xen_hvm_early_init(void) { return false; }
#endif

#endif
