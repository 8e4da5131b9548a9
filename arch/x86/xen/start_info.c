// SPDX-License-Identifier: GPL-2.0
/*
 * Xen's start_info for a PV guest, read once into a local copy and
 * checked before anything is followed: the magic ("xen-3.0-x86_64"), a
 * page count that fits the address space, the initial page tables inside
 * the region Xen mapped and that region ending where they end, the P2M
 * list, module and start_info itself inside it, the command line
 * terminated.  A module given by frame (SIF_MOD_START_PFN) lies inside
 * the domain's pages; machine frames (shared_info, xenstore, console)
 * fit the machine address width and event channels the 2-level ABI.  A
 * violation is reported by field and value.  Nothing the caller later
 * follows is left unchecked: the output holds checked values only.
 */
#define pr_fmt(fmt) "xen: " fmt

#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <asm/xen/start_info.h>
#include <asm/page_types.h>
#include <xen/interface/xen.h>

/* Tables for a 1 GiB bootstrap region take 512 + 3; 16 MiB is ample. */
#define XEN_MAX_PT_FRAMES	4096
/* x86-64 machine addresses are at most 52 bits (SDM vol. 3, 4.1.4). */
#define XEN_MAX_MFN		((1ULL << (52 - 12)) - 1)
/* 2-level event channels: 64 words of 64 bits (xen.h, shared_info). */
#define XEN_NR_EVTCHN		(64 * 64)

/* [start, start + len) inside [lo, hi), without wrapping. */
static bool inside(u64 start, u64 len, u64 lo, u64 hi)
{
	u64 end;

	return !check_add_overflow(start, len, &end) && start >= lo && end <= hi;
}

int xen_parse_start_info(const struct boot_mem *m, u64 va, u64 virt_base,
			 struct xen_boot *xb)
{
	struct start_info si;
	const void *p = m->map(m, va, sizeof(si));
	u64 pt_end, region_end;

	if (!p) {
		pr_err("start_info at %#llx unreadable\n", (unsigned long long)va);
		return -EFAULT;
	}
	memcpy(&si, p, sizeof(si));
	if (strncmp(si.magic, "xen-3.0-x86_64", 14)) {
		si.magic[sizeof(si.magic) - 1] = '\0';
		pr_err("start_info magic '%.31s' is not xen-3.0-x86_64\n", si.magic);
		return -EINVAL;
	}
	if (!si.nr_pages || si.nr_pages > XEN_MAX_PAGES) {
		pr_err("start_info: %lu pages outside 1..%llu\n", si.nr_pages,
		       (unsigned long long)XEN_MAX_PAGES);
		return -EINVAL;
	}
	if (!si.nr_pt_frames || si.nr_pt_frames > XEN_MAX_PT_FRAMES ||
	    si.pt_base & 0xfff ||
	    check_add_overflow((u64)si.pt_base, (u64)si.nr_pt_frames * 4096, &pt_end) ||
	    si.pt_base < virt_base) {
		pr_err("start_info: initial page tables %#lx (%lu frames) invalid\n",
		       si.pt_base, si.nr_pt_frames);
		return -EINVAL;
	}
	/* Xen maps the bootstrap region from VIRT_BASE through its page tables. */
	region_end = pt_end;
	if (!inside(va, sizeof(si), virt_base, region_end)) {
		pr_err("start_info at %#llx outside the bootstrap region %#llx-%#llx\n",
		       (unsigned long long)va, (unsigned long long)virt_base,
		       (unsigned long long)region_end);
		return -EINVAL;
	}
	if (si.mfn_list & 7 || !inside(si.mfn_list, si.nr_pages * 8, virt_base, region_end)) {
		pr_err("start_info: P2M list %#lx (%lu entries) outside the bootstrap region\n",
		       si.mfn_list, si.nr_pages);
		return -EINVAL;
	}
	if (si.mod_len && !(si.flags & SIF_MOD_START_PFN) &&
	    !inside(si.mod_start, si.mod_len, virt_base, region_end)) {
		pr_err("start_info: module %#lx+%#lx outside the bootstrap region\n",
		       si.mod_start, si.mod_len);
		return -EINVAL;
	}
	/* By frame: anywhere in our pseudo-physical pages, whole. */
	if (si.mod_len && (si.flags & SIF_MOD_START_PFN) &&
	    (si.mod_start >= si.nr_pages ||
	     !inside((u64)si.mod_start << 12, si.mod_len, 0, (u64)si.nr_pages << 12))) {
		pr_err("start_info: module at pfn %#lx (%#lx bytes) outside %lu pages\n",
		       si.mod_start, si.mod_len, si.nr_pages);
		return -EINVAL;
	}
	if (si.shared_info & 0xfff || si.shared_info >> 12 > XEN_MAX_MFN) {
		pr_err("start_info: shared_info at %#lx not a machine page\n", si.shared_info);
		return -EINVAL;
	}
	if (si.store_mfn > XEN_MAX_MFN || si.store_evtchn >= XEN_NR_EVTCHN) {
		pr_err("start_info: xenstore mfn %#llx / event channel %u out of range\n",
		       (unsigned long long)si.store_mfn, si.store_evtchn);
		return -EINVAL;
	}
	if (!(si.flags & SIF_INITDOMAIN) &&
	    (si.console.domU.mfn > XEN_MAX_MFN || si.console.domU.evtchn >= XEN_NR_EVTCHN)) {
		pr_err("start_info: console mfn %#llx / event channel %u out of range\n",
		       (unsigned long long)si.console.domU.mfn, si.console.domU.evtchn);
		return -EINVAL;
	}
	if (!memchr(si.cmd_line, 0, sizeof(si.cmd_line))) {
		pr_err("start_info: command line not terminated\n");
		return -EINVAL;
	}

	memset(xb, 0, sizeof(*xb));
	xb->nr_pages = si.nr_pages;
	xb->shared_info_maddr = si.shared_info;
	xb->flags = si.flags;
	xb->store_mfn = si.store_mfn;
	xb->store_evtchn = si.store_evtchn;
	if (!(si.flags & SIF_INITDOMAIN)) {
		xb->console_mfn = si.console.domU.mfn;
		xb->console_evtchn = si.console.domU.evtchn;
	}
	xb->pt_base = si.pt_base;
	xb->nr_pt_frames = si.nr_pt_frames;
	xb->mfn_list = si.mfn_list;
	xb->mod_start = si.mod_len ? si.mod_start : 0;
	xb->mod_len = si.mod_len;
	/* Where the module is pseudo-physically, for reserving it. */
	if (si.mod_len)
		xb->mod_pa = (si.flags & SIF_MOD_START_PFN) ? (u64)si.mod_start << 12 :
			     si.mod_start - virt_base;
	xb->bootstrap_end = region_end;
	memcpy(xb->cmdline, si.cmd_line, sizeof(xb->cmdline));
	return 0;
}
