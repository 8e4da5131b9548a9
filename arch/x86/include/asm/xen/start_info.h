/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a PV guest learns from Xen's start_info, checked (start_info.c):
 * the pointers lie in the bootstrap region Xen mapped (the image at
 * VIRT_BASE up to the end of its initial page tables), counts are sane,
 * strings are terminated.  Pure code: also built on the host (fuzzing).
 */
#ifndef _ASM_X86_XEN_START_INFO_H
#define _ASM_X86_XEN_START_INFO_H

#include <linux/types.h>
#include <asm/bootinfo.h>

/*
 * 512 GiB, in pages: the P2M list (8 bytes a page) lies in the bootstrap
 * region, which the kernel reads only in the GiB after VIRT_BASE
 * (xen_early_map, setup.c); a larger domain's list cannot fit there.
 * Xen itself clips dom0 below this (dom0_compute_nr_pages).  The pfn
 * space a domU may balloon into is bounded by it too (memmap.c).
 */
#define XEN_MAX_PAGES	(1ULL << 27)

struct xen_boot {
	u64 nr_pages;			/* pseudo-physical pages */
	u64 shared_info_maddr;		/* machine address */
	u32 flags;			/* SIF_* */
	u64 store_mfn;
	u32 store_evtchn;
	u64 console_mfn;		/* domU */
	u32 console_evtchn;
	u64 pt_base;			/* virtual, initial L4 */
	u64 nr_pt_frames;
	u64 mfn_list;			/* virtual: mfn_list[pfn] = mfn */
	u64 mod_start, mod_len;		/* as given (virtual or pfn), or 0 */
	u64 mod_pa;			/* the module, pseudo-physical */
	u64 bootstrap_end;		/* end of the initial page tables (virtual) */
	char cmdline[1024];
};

/*
 * Parse the start_info at virtual address @va of a guest loaded at
 * @virt_base: 0, or a negative errno after printing why.
 */
int xen_parse_start_info(const struct boot_mem *m, u64 va, u64 virt_base,
			 struct xen_boot *xb);

/* What this PV domain's start_info said (enlighten_pv.c). */
extern struct xen_boot xen_boot;

#endif
