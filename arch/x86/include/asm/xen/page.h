/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What drivers/xen needs of a PV guest's frame bookkeeping: the P2M (our
 * pfn -> machine frame, arch/x86/xen/p2m.c) and the pfns that have room
 * for memory Xen has not given yet (arch/x86/xen/memmap.c).
 */
#ifndef _ASM_X86_XEN_PAGE_H
#define _ASM_X86_XEN_PAGE_H

#include <linux/types.h>

#define XEN_INVALID_MFN	(~0UL)

/* The machine frame behind @pfn (1:1 ones included), or XEN_INVALID_MFN. */
unsigned long pfn_to_mfn(unsigned long pfn);
/* Our pfn, the same number for a 1:1 frame, or XEN_INVALID_MFN. */
unsigned long mfn_to_pfn(unsigned long mfn);
/*
 * @pfn, RAM of ours, is now backed by @mfn (or XEN_INVALID_MFN: by
 * nothing).  0, or -ENOENT for a pfn the P2M has no slot for.  Xen's M2P
 * is the caller's business (populate_physmap sets it for a PV guest).
 */
int xen_set_phys_to_machine(unsigned long pfn, unsigned long mfn);

/*
 * pfns [xen_extra_start, xen_extra_start + xen_extra_pages): RAM in the
 * memory map that Xen did not populate at boot (a domU's maxmem above
 * its memory); their struct pages and direct-map tables exist, their
 * P2M entries are XEN_INVALID_MFN and memblock keeps them reserved until
 * the balloon takes them over.
 */
extern unsigned long xen_extra_start, xen_extra_pages;

static inline bool xen_pfn_is_extra(unsigned long pfn)
{
	return pfn - xen_extra_start < xen_extra_pages;
}

#endif
