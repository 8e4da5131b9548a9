// SPDX-License-Identifier: GPL-2.0
/*
 * Memory set-up at the domain's size: pages at the top of RAM (above
 * 4 GiB when the domain is that large) are mapped by the direct map to a
 * machine frame that Xen's P2M list gave this domain and that Xen's M2P
 * maps back to the page, and a pattern written through the direct map is
 * read back through a fresh mapping of that machine frame made with
 * update_va_mapping.  The independent sources are Xen's tables (the list
 * start_info gave, the M2P) read raw, not pfn_to_mfn()/mfn_to_pfn(), and
 * the frame's own contents.  (dom0's pages are not in list order: some
 * moved out of the host's holes, memmap.c; so the list is searched.)
 * In a domU the size is the toolstack's: start_info's page count is the
 * memory/target xl wrote to xenstore, whatever maxmem (memory/static-max)
 * allows above it; the mode checks the printed figures against its own
 * config.
 */
#include <linux/ktest.h>
#include <linux/irqflags.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <asm/io.h>
#include <asm/pgtable.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/start_info.h>
#include <xen/interface/xen.h>
#include <xen/interface/memory.h>
#include <xen/xenbus.h>
#include "xen-ops.h"
#include "xen_test.h"

#define PFN_4G		(1UL << 20)
#define PATTERN		0x5eed0000c0ffee00ULL

/* Is @mfn one of the frames Xen's P2M list gave this domain? */
static bool xen_list_has(unsigned long mfn)
{
	const unsigned long *list = __va(xen_boot.mfn_list - __START_KERNEL_map);
	unsigned long i;

	for (i = 0; i < xen_boot.nr_pages; i++)
		if (READ_ONCE(list[i]) == mfn)
			return true;
	return false;
}

static unsigned long m2p_raw(unsigned long mfn)
{
	return READ_ONCE(((const unsigned long *)MACH2PHYS_VIRT_START)[mfn]);
}

/* The highest pfn at or below @pfn that the direct map maps writable. */
static unsigned long writable_pfn_below(unsigned long pfn)
{
	for (; pfn; pfn--) {
		u64 *e = lookup_address((unsigned long)__va(PFN_PHYS(pfn)), NULL);

		if (e && (*e & _PAGE_PRESENT) && (*e & _PAGE_RW))
			return pfn;
	}
	return 0;
}

/*
 * @pfn through the direct map and through a fresh mapping of the frame
 * the direct map's entry holds: a frame of ours that Xen's M2P maps back
 * to @pfn, and the same memory, so the pattern shows in both.  The word
 * is restored with interrupts off, so the page's owner never sees it.
 */
static void check_pfn(struct ktest *t, unsigned long pfn, unsigned long va)
{
	volatile u64 *direct = __va(PFN_PHYS(pfn)), *fresh = (volatile u64 *)va;
	u64 *e = lookup_address((unsigned long)direct, NULL), saved, seen, back;
	unsigned long mfn, flags;
	long err;

	KTEST_ASSERT_NOT_NULL(t, e);
	mfn = (*e & PTE_PFN_MASK) >> PAGE_SHIFT;
	ktest_info(t, "pfn %#lx (%llu MiB) -> mfn %#lx", pfn,
		   (unsigned long long)(PFN_PHYS(pfn) >> 20), mfn);
	KTEST_EXPECT_TRUE(t, xen_list_has(mfn));
	KTEST_ASSERT_LT(t, mfn, MACH2PHYS_NR_ENTRIES);
	KTEST_EXPECT_EQ(t, m2p_raw(mfn), pfn);

	err = HYPERVISOR_update_va_mapping(va, ((u64)mfn << PAGE_SHIFT) | _PAGE_PRESENT |
					   _PAGE_ACCESSED, UVMF_INVLPG | UVMF_LOCAL);
	KTEST_ASSERT_EQ(t, err, 0);
	local_irq_save(flags);
	saved = direct[3];
	direct[3] = PATTERN ^ pfn;
	seen = fresh[3];
	direct[3] = saved;
	back = fresh[3];
	local_irq_restore(flags);
	KTEST_EXPECT_EQ(t, seen, PATTERN ^ pfn);
	KTEST_EXPECT_EQ(t, back, saved);
}

static void memsize_top_of_ram(struct ktest *t)
{
	/* The last pfn with a frame: a domU's extra pfns come after it. */
	unsigned long top = (xen_extra_pages ? xen_extra_start : PFN_DOWN(memblock_end_of_ram())) - 1;
	unsigned long pfn, va;
	u8 *page = get_zeroed_page();

	KTEST_ASSERT_NOT_NULL(t, page);
	/* A slot with its tables: map a page, then repoint it raw. */
	va = vmap_reserve(PAGE_SIZE);
	KTEST_ASSERT_NE(t, va, 0);
	KTEST_ASSERT_EQ(t, map_kernel_range(va, __pa(page), PAGE_SIZE, PAGE_KERNEL_RO), 0);

	pfn = writable_pfn_below(top);
	KTEST_EXPECT_GT(t, pfn, top - 64);
	check_pfn(t, pfn, va);
	/* The first page above 4 GiB, where a 32-bit frame would wrap. */
	if (top > PFN_4G)
		check_pfn(t, writable_pfn_below(PFN_4G + 1), va);
	else
		ktest_info(t, "RAM ends below 4 GiB (%llu MiB)",
			   (unsigned long long)(PFN_PHYS(top + 1) >> 20));

	unmap_kernel_range(va, PAGE_SIZE);
	memunmap((void *)va);
	free_page(page);
}

/*
 * Every pfn of RAM has a frame (but a domU's extra pfns in the balloon),
 * and Xen's M2P maps that frame back: the P2M has no hole at any size.  Pfns that are 1:1 (the host's holes,
 * dom0) are no RAM of ours and are skipped; there must be as many of
 * the rest below RAM's end as Xen says we hold (none lost, none twice).
 */
static void memsize_p2m_covers_ram(struct ktest *t)
{
	unsigned long nr = PFN_DOWN(memblock_end_of_ram()), pfn, m, bad = 0, ours = 0;
	domid_t self = DOMID_SELF;
	long held;

	for (pfn = 0; pfn < nr; pfn++) {
		m = __pfn_to_mfn(pfn);
		if (m & XEN_FRAME_MARKERS)
			continue;		/* 1:1: not RAM */
		if (m == XEN_INVALID_MFN && xen_pfn_is_extra(pfn))
			continue;		/* room to balloon into */
		if (m == XEN_INVALID_MFN || m >= MACH2PHYS_NR_ENTRIES || m2p_raw(m) != pfn) {
			bad++;
			continue;
		}
		ours++;
	}
	held = HYPERVISOR_memory_op(XENMEM_current_reservation, &self);
	ktest_info(t, "%lu pfns below RAM's end have frames; Xen says we hold %ld",
		   ours, held);
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT_EQ(t, ours, held);
	KTEST_EXPECT_EQ(t, xen_bad_entries, 0);
}

/*
 * A domU holds what xl asked for: start_info's nr_pages (from Xen) is xl's
 * memory/target (KiB, from xenstore) and what Xen says we hold now.
 * maxmem is xl's memory/static-max, the ceiling a balloon may grow to:
 * never below the target.  (libxl sets Xen's maximum reservation to the
 * target plus a MiB of slack, not to maxmem: `xl mem-set` raises it.)
 */
static void memsize_domU_is_the_toolstacks(struct ktest *t)
{
	domid_t self = DOMID_SELF;
	u64 target, static_max;
	long held, ceiling;

	if (xen_initial_domain() || !xenbus_ready())
		ktest_skip(t, "no toolstack: not a domU with xenstore");
	KTEST_ASSERT_EQ(t, xenbus_read_u64(XBT_NIL, "memory", "target", &target), 0);
	KTEST_ASSERT_EQ(t, xenbus_read_u64(XBT_NIL, "memory", "static-max", &static_max), 0);
	held = HYPERVISOR_memory_op(XENMEM_current_reservation, &self);
	ceiling = HYPERVISOR_memory_op(XENMEM_maximum_reservation, &self);
	ktest_info(t, "start_info %llu pages; xl memory/target %llu KiB, static-max %llu KiB",
		   (unsigned long long)xen_boot.nr_pages, (unsigned long long)target,
		   (unsigned long long)static_max);
	ktest_info(t, "Xen: we hold %ld pages, may hold %ld", held, ceiling);
	KTEST_EXPECT_EQ(t, xen_boot.nr_pages * (PAGE_SIZE / 1024), target);
	KTEST_EXPECT_EQ(t, (u64)held, xen_boot.nr_pages);
	KTEST_EXPECT_GE(t, ceiling, held);
	KTEST_EXPECT_GE(t, static_max, target);
}

static const struct ktest_case memsize_cases[] = {
	KTEST_CASE(memsize_top_of_ram),
	KTEST_CASE(memsize_p2m_covers_ram),
	KTEST_CASE(memsize_domU_is_the_toolstacks),
	{}
};
KTEST_SUITE_FULL(xen_memsize, memsize_cases, xen_pv_only, NULL);
