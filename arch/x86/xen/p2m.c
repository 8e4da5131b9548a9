// SPDX-License-Identifier: GPL-2.0
/*
 * Pseudo-physical <-> machine frame translation for a PV guest.
 *
 * The P2M is the mfn_list Xen hands over in start_info: p2m[pfn] = mfn for
 * every pfn below nr_pages.  The M2P is Xen's read-only table at
 * MACH2PHYS_VIRT_START; a machine frame translates back only if the P2M
 * agrees, so a frame that is not ours never looks like one of our pages.
 */
#define pr_fmt(fmt) "xen: " fmt

#include <linux/kernel.h>
#include <linux/init.h>
#include <asm/page.h>
#include <asm/xen/start_info.h>
#include <xen/interface/xen.h>
#include "xen-ops.h"

static const unsigned long *p2m;	/* mfn_list: p2m[pfn] = mfn */
static unsigned long nr_p2m;
#define M2P	((const unsigned long *)MACH2PHYS_VIRT_START)

unsigned long pfn_to_mfn(unsigned long pfn)
{
	return pfn < nr_p2m ? READ_ONCE(p2m[pfn]) : XEN_INVALID_MFN;
}

/* Only frames that are ours translate: M2P says, P2M must agree. */
unsigned long mfn_to_pfn(unsigned long mfn)
{
	unsigned long pfn;

	if (mfn >= MACH2PHYS_NR_ENTRIES)
		return XEN_INVALID_MFN;
	pfn = READ_ONCE(M2P[mfn]);
	return pfn_to_mfn(pfn) == mfn ? pfn : XEN_INVALID_MFN;
}

u64 virt_to_machine(const void *va)
{
	unsigned long pa = __pa(va);

	return ((u64)pfn_to_mfn(PFN_DOWN(pa)) << PAGE_SHIFT) | (pa & ~PAGE_MASK);
}

void __init xen_p2m_init(void)
{
	p2m = (const unsigned long *)xen_boot.mfn_list;
	nr_p2m = xen_boot.nr_pages;	/* the parser bounds it (XEN_MAX_PAGES) */
}

/* Once the direct map reaches it, read the list through there. */
void __init xen_p2m_use_direct_map(void)
{
	p2m = __va(xen_boot.mfn_list - __START_KERNEL_map);
}
