// SPDX-License-Identifier: GPL-2.0
/*
 * Pseudo-physical <-> machine frame translation for a PV guest.
 *
 * Storage is the mfn_list Xen hands over in start_info: one slot per page
 * it populated, slot i holding the machine frame of what Xen called pfn i.
 * Which pfn reads which slot is a short list of runs (xen_p2m_set_layout):
 * at boot one run [0, nr_pages) -> slot 0; for dom0, memmap.c lays the
 * pseudo-physical space over the host's machine map, so the slots of pfns
 * that fall in host holes are read by RAM pfns above instead.  A pfn
 * outside every run is either host RAM we were not given (no frame:
 * XEN_INVALID_MFN) or not RAM at all: a device, firmware or a hole, which
 * the P2M maps 1:1 (XEN_IDENTITY_FRAME), so ioremap(phys) reaches that
 * very machine address.  A domU's extra pfns (room to balloon up to
 * maxmem, memmap.c) read their own slots, XEN_INVALID_MFN until the
 * balloon populates them.
 *
 * The M2P is Xen's read-only table at the address XENMEM_machphys_mapping
 * gives, only as long as the machine frames it covers, with holes where
 * no RAM is: reads are bounded by its real size and fault-safe.  A
 * machine frame translates back only if the P2M agrees (ours) or the P2M
 * maps its own number 1:1 (a device frame): a frame that is neither comes
 * back as XEN_INVALID_MFN, never as a pfn some caller would map.
 */
#define pr_fmt(fmt) "xen: " fmt

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/mm.h>
#include <asm/nofault.h>
#include <asm/xen/hypervisor.h>
#include <asm/page.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/start_info.h>
#include <xen/interface/xen.h>
#include <xen/interface/memory.h>
#include "xen-ops.h"

unsigned long *xen_p2m_list;		/* mfn_list: slot -> mfn */
static unsigned long nr_p2m;		/* slots */

struct xen_p2m_run xen_p2m_runs[XEN_P2M_MAX_RUNS];
static unsigned int nr_runs;
/* Host RAM in whole pages (sorted): outside it, pfns are 1:1. */
static struct xen_pfn_range host_ram[XEN_P2M_MAX_RUNS];
static unsigned int nr_host_ram;

static const unsigned long *m2p = (const unsigned long *)MACH2PHYS_VIRT_START;
static unsigned long m2p_nr;		/* frames the M2P covers */

/* Slots of the extra pfns [xen_extra_start, + xen_extra_pages). */
static unsigned long *extra_p2m;

/* The run the last lookup hit: most lookups hit it again (make_pte). */
unsigned int xen_p2m_hint;

static noinline unsigned long pfn_to_mfn_slow(unsigned long pfn);

/*
 * The P2M value: a machine frame, IDENTITY_FRAME(pfn) or INVALID.  The
 * hint's run, inline (one compare for [start, end): below start wraps to
 * a huge offset); the rest out of line, so a hit costs no frame.
 */
static __always_inline unsigned long p2m_lookup(unsigned long pfn)
{
	unsigned long v;

	if (likely(xen_p2m_hint_lookup(pfn, &v)))
		return v;
	return pfn_to_mfn_slow(pfn);
}

unsigned long __pfn_to_mfn(unsigned long pfn)
{
	return p2m_lookup(pfn);
}

static noinline unsigned long pfn_to_mfn_slow(unsigned long pfn)
{
	const struct xen_p2m_run *r;
	unsigned int i;

	for (i = 0, r = xen_p2m_runs; i < nr_runs; i++, r++)
		if (pfn - r->start < r->end - r->start) {
			WRITE_ONCE(xen_p2m_hint, i);
			return READ_ONCE(xen_p2m_list[r->slot + (pfn - r->start)]);
		}
	if (extra_p2m && xen_pfn_is_extra(pfn))
		return READ_ONCE(extra_p2m[pfn - xen_extra_start]);
	for (i = 0; i < nr_host_ram; i++)
		if (pfn >= host_ram[i].start && pfn < host_ram[i].end)
			return XEN_INVALID_MFN;		/* RAM, not ours */
	return XEN_IDENTITY_FRAME(pfn);
}

/* The machine frame behind @pfn (1:1 ones included), or XEN_INVALID_MFN. */
unsigned long pfn_to_mfn(unsigned long pfn)
{
	unsigned long mfn = p2m_lookup(pfn);

	return mfn == XEN_INVALID_MFN ? mfn : mfn & ~XEN_FRAME_MARKERS;
}

/*
 * The M2P's word for @mfn, or XEN_INVALID_MFN where it has none: beyond
 * the frames it covers, or in a hole of it that is not mapped.
 */
static unsigned long m2p_lookup(unsigned long mfn)
{
	u64 pfn;

	if (mfn >= m2p_nr || read_u64_nofault((unsigned long)&m2p[mfn], &pfn))
		return XEN_INVALID_MFN;
	return pfn;
}

unsigned long mfn_to_pfn(unsigned long mfn)
{
	unsigned long pfn = m2p_lookup(mfn);

	/* Ours: the P2M names this very frame (and not as a marker). */
	if (pfn != XEN_INVALID_MFN && __pfn_to_mfn(pfn) == mfn)
		return pfn;
	/* A device or firmware frame: pseudo-physical address = machine. */
	if (__pfn_to_mfn(mfn) == XEN_IDENTITY_FRAME(mfn))
		return mfn;
	return XEN_INVALID_MFN;
}

void *xen_mfn_to_virt(unsigned long mfn)
{
	unsigned long pfn = mfn_to_pfn(mfn);

	/* A 1:1 frame has no direct-map alias; max_pfn bounds the map. */
	if (pfn == XEN_INVALID_MFN || __pfn_to_mfn(pfn) != mfn || pfn >= max_pfn)
		return NULL;
	return __va(PFN_PHYS(pfn));
}

u64 virt_to_machine(const void *va)
{
	unsigned long pa = __pa(va);

	return ((u64)pfn_to_mfn(PFN_DOWN(pa)) << PAGE_SHIFT) | (pa & ~PAGE_MASK);
}

unsigned long xen_m2p_frames(void)
{
	return m2p_nr;
}

/*
 * Before memmap.c lays out dom0 (and for a domU, for good): the pfns Xen
 * populated, nothing 1:1 (every other pfn counts as RAM we lack).
 */
void __init xen_p2m_init(void)
{
	struct xen_machphys_mapping mm;
	long err;

	xen_p2m_list = (unsigned long *)xen_boot.mfn_list;
	nr_p2m = xen_boot.nr_pages;	/* the parser bounds it (XEN_MAX_PAGES) */
	xen_p2m_runs[0] = (struct xen_p2m_run){ .start = 0, .end = nr_p2m, .slot = 0 };
	nr_runs = 1;
	host_ram[0] = (struct xen_pfn_range){ .start = 0, .end = ~0UL };
	nr_host_ram = 1;

	/* MACH2PHYS_NR_ENTRIES is the ABI's ceiling; Xen says what is there. */
	err = HYPERVISOR_memory_op(XENMEM_machphys_mapping, &mm);
	if (err || mm.v_end <= mm.v_start) {
		pr_warn("XENMEM_machphys_mapping: %s; M2P read at its ABI address\n",
			err ? xen_errname(err) : "empty range");
		m2p_nr = MACH2PHYS_NR_ENTRIES;
		return;
	}
	m2p = (const unsigned long *)mm.v_start;
	m2p_nr = min((unsigned long)mm.max_mfn + 1,
		     (unsigned long)(mm.v_end - mm.v_start) / sizeof(unsigned long));
	m2p_nr = min(m2p_nr, (unsigned long)MACH2PHYS_NR_ENTRIES);
}

/* Once the direct map reaches it, read the list through there. */
void __init xen_p2m_use_direct_map(void)
{
	xen_p2m_list = __va(xen_boot.mfn_list - __START_KERNEL_map);
}

/*
 * Replace the layout: @r are the pfn runs backed by slots (each slot read
 * by at most one pfn), @ram the host's RAM in whole pages.  Checked
 * first, so a bad layout leaves the old one in place.
 */
int __init xen_p2m_set_layout(const struct xen_p2m_run *r, unsigned int nr,
			      const struct xen_pfn_range *ram, unsigned int nr_ram)
{
	unsigned int i;

	if (!nr || nr > XEN_P2M_MAX_RUNS || nr_ram > XEN_P2M_MAX_RUNS)
		return -E2BIG;
	for (i = 0; i < nr; i++) {
		unsigned int j;

		if (r[i].start >= r[i].end || r[i].slot > nr_p2m ||
		    r[i].end - r[i].start > nr_p2m - r[i].slot)
			return -EINVAL;
		/* No pfn in two runs, no slot read by two pfns. */
		for (j = 0; j < i; j++)
			if ((r[i].start < r[j].end && r[j].start < r[i].end) ||
			    (r[i].slot < r[j].slot + (r[j].end - r[j].start) &&
			     r[j].slot < r[i].slot + (r[i].end - r[i].start)))
				return -EINVAL;
	}
	memcpy(xen_p2m_runs, r, nr * sizeof(*r));
	nr_runs = nr;
	xen_p2m_hint = 0;
	memcpy(host_ram, ram, nr_ram * sizeof(*ram));
	nr_host_ram = nr_ram;
	return 0;
}

/*
 * At run time: @pfn, RAM of ours, is now backed by @mfn (a machine frame,
 * XEN_IDENTITY_FRAME() or XEN_INVALID_MFN), as grant maps, ballooning
 * and foreign mappings will need.  The caller tells Xen's M2P if the
 * frame is ours.  A pfn outside the P2M's runs and the extra pfns is
 * -ENOENT.  Entry conversions read the
 * P2M anew each time (PVOP_CALLEE_VAL1 is volatile), so later make_pte()
 * calls see the change.
 */
int xen_set_phys_to_machine(unsigned long pfn, unsigned long mfn)
{
	const struct xen_p2m_run *r;
	unsigned int i;

	for (i = 0, r = xen_p2m_runs; i < nr_runs; i++, r++)
		if (pfn - r->start < r->end - r->start) {
			WRITE_ONCE(xen_p2m_list[r->slot + (pfn - r->start)], mfn);
			return 0;
		}
	if (extra_p2m && xen_pfn_is_extra(pfn)) {
		WRITE_ONCE(extra_p2m[pfn - xen_extra_start], mfn);
		return 0;
	}
	return -ENOENT;
}

/* @store: xen_extra_pages slots, in memory the direct map reaches. */
void __init xen_p2m_extra_init(unsigned long *store)
{
	unsigned long i;

	for (i = 0; i < xen_extra_pages; i++)
		store[i] = XEN_INVALID_MFN;
	extra_p2m = store;
}

/*
 * Slot @slot now belongs to pfn @pfn: tell Xen's M2P (queued: batched
 * when the caller holds a batch, xen_batch_begin()).
 */
void __init xen_m2p_set(unsigned long slot, unsigned long pfn)
{
	xen_queue_mmu_update(((u64)xen_p2m_list[slot] << PAGE_SHIFT) | MMU_MACHPHYS_UPDATE, pfn,
			     false);
}

/* Give the frames of slots [slot, slot + n) back to Xen. */
long __init xen_p2m_release(unsigned long slot, unsigned long n)
{
	struct xen_memory_reservation res = {
		.nr_extents = n,
		.extent_order = 0,
		.domid = DOMID_SELF,
	};

	set_xen_guest_handle(res.extent_start, (xen_pfn_t *)&xen_p2m_list[slot]);
	return HYPERVISOR_memory_op(XENMEM_decrease_reservation, &res);
}
