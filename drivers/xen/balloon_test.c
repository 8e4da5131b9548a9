// SPDX-License-Identifier: GPL-2.0
/*
 * The balloon against Xen's own books.  The independent sources: Xen's
 * count of our pages (XENMEM_current_reservation, what `xl list` shows)
 * and its ceiling (XENMEM_maximum_reservation); the CPU, which faults on
 * a page given back; the raw direct-map entry and Xen's M2P table for a
 * page taken again, and that frame mapped afresh showing what was
 * written through the direct map.  Under PVH there is no M2P and a page
 * in the balloon stays in the direct map (not touched while out): the
 * page taken again is mapped afresh by its gfn, and a word written
 * through the direct map must read back there (a gfn Xen left empty
 * keeps no write).  Each case puts the target back.
 */
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/irqflags.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <asm/io.h>
#include <asm/nofault.h>
#include <asm/pgtable.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include <asm/xen/page.h>
#include <xen/balloon.h>
#include <xen/interface/memory.h>

#define STEP	300		/* more than one batch (256) */
#define MARK	0xba11000000000000ULL

static unsigned long start_pages;

static long xen_held(void)
{
	domid_t self = DOMID_SELF;

	return HYPERVISOR_memory_op(XENMEM_current_reservation, &self);
}

static long xen_ceiling(void)
{
	domid_t self = DOMID_SELF;

	return HYPERVISOR_memory_op(XENMEM_maximum_reservation, &self);
}

static int balloon_case_init(struct ktest *t)
{
	if (!xen_domain())
		ktest_skip(t, "not a Xen domain");
	if (!xen_balloon.current_pages)
		ktest_skip(t, "no balloon (see its boot line)");
	start_pages = xen_balloon.current_pages;
	return 0;
}

static void balloon_case_exit(struct ktest *t)
{
	if (xen_balloon.current_pages != start_pages)
		xen_balloon_set_target(start_pages);
}

/* The memory/target format: KiB in decimal, nothing else. */
static void balloon_target_parse(struct ktest *t)
{
	unsigned long p = 7;

	KTEST_EXPECT_EQ(t, xen_balloon_parse_target("1048576", &p), 0);
	KTEST_EXPECT_EQ(t, p, 262144);
	KTEST_EXPECT_EQ(t, xen_balloon_parse_target("1023", &p), 0);
	KTEST_EXPECT_EQ(t, p, 255);		/* partial pages round down */
	p = 7;
	KTEST_EXPECT_EQ(t, xen_balloon_parse_target("", &p), -EINVAL);
	KTEST_EXPECT_EQ(t, xen_balloon_parse_target("12k", &p), -EINVAL);
	KTEST_EXPECT_EQ(t, xen_balloon_parse_target("-4", &p), -EINVAL);
	KTEST_EXPECT_EQ(t, xen_balloon_parse_target(" 4", &p), -EINVAL);
	KTEST_EXPECT_EQ(t, xen_balloon_parse_target("99999999999999999999", &p), -ERANGE);
	KTEST_EXPECT_EQ(t, p, 7);		/* untouched on error */
}

/*
 * PVH: @pfn is backed again: the direct map (a large page there) still
 * covers it, and @pfn mapped afresh at @va shows a word written through
 * the direct map.
 */
static void expect_filled_hvm(struct ktest *t, unsigned long pfn, unsigned long va)
{
	volatile u64 *direct = __va(PFN_PHYS(pfn)), *fresh = (volatile u64 *)va;
	unsigned long size = 0;
	u64 *e = lookup_address((unsigned long)direct, &size), base;

	KTEST_ASSERT_NOT_NULL(t, e);
	KTEST_ASSERT_TRUE(t, *e & _PAGE_PRESENT);
	KTEST_ASSERT_NE(t, size, 0);
	base = *e & PTE_PFN_MASK & ~((u64)size - 1);
	KTEST_EXPECT_EQ(t, base + (PFN_PHYS(pfn) & (size - 1)), PFN_PHYS(pfn));
	KTEST_ASSERT_EQ(t, map_kernel_range(va, PFN_PHYS(pfn), PAGE_SIZE, PAGE_KERNEL), 0);
	direct[5] = MARK ^ pfn;
	KTEST_EXPECT_EQ(t, fresh[5], MARK ^ pfn);
	unmap_kernel_range(va, PAGE_SIZE);
}

/*
 * @pfn has a frame again: its raw direct-map entry names a frame Xen's
 * M2P maps back to @pfn, and that frame mapped afresh at @va shows a
 * word written through the direct map.
 */
static void expect_filled(struct ktest *t, unsigned long pfn, unsigned long va)
{
	volatile u64 *direct = __va(PFN_PHYS(pfn)), *fresh = (volatile u64 *)va;
	u64 *e = lookup_address((unsigned long)direct, NULL), m2p = ~0ULL;
	unsigned long mfn;

	if (xen_hvm_domain()) {
		expect_filled_hvm(t, pfn, va);
		return;
	}
	KTEST_ASSERT_NOT_NULL(t, e);
	KTEST_ASSERT_TRUE(t, *e & _PAGE_PRESENT);
	mfn = (*e & PTE_PFN_MASK) >> PAGE_SHIFT;
	KTEST_ASSERT_LT(t, mfn, MACH2PHYS_NR_ENTRIES);
	KTEST_EXPECT_EQ(t, read_u64_nofault(MACH2PHYS_VIRT_START + mfn * 8, &m2p), 0);
	KTEST_EXPECT_EQ(t, m2p, pfn);
	KTEST_ASSERT_EQ(t, HYPERVISOR_update_va_mapping(va, ((u64)mfn << PAGE_SHIFT) |
							 _PAGE_PRESENT | _PAGE_ACCESSED,
							 UVMF_INVLPG | UVMF_LOCAL), 0);
	direct[5] = MARK ^ pfn;		/* a free page: nobody else's word */
	KTEST_EXPECT_EQ(t, fresh[5], MARK ^ pfn);
	KTEST_ASSERT_EQ(t, HYPERVISOR_update_va_mapping(va, 0, UVMF_INVLPG | UVMF_LOCAL), 0);
}

/* A scratch page of virtual space for expect_filled(). */
static unsigned long scratch_va(struct ktest *t)
{
	unsigned long va = vmap_reserve(PAGE_SIZE);
	void *page = get_zeroed_page();

	KTEST_ASSERT_NE(t, va, 0);
	KTEST_ASSERT_NOT_NULL(t, page);
	/* Its tables built through the usual path, then the slot emptied. */
	KTEST_ASSERT_EQ(t, map_kernel_range(va, __pa(page), PAGE_SIZE, PAGE_KERNEL_RO), 0);
	unmap_kernel_range(va, PAGE_SIZE);
	free_page(page);
	return va;
}

static unsigned long *pfn_buf(struct ktest *t, unsigned int n)
{
	unsigned long *p = kmalloc(n * sizeof(*p));

	KTEST_ASSERT_NOT_NULL(t, p);
	return p;
}

/*
 * STEP pages out: Xen holds that many fewer for us, the allocator has
 * that many fewer free, and each page's direct-map address faults.  Back
 * in: Xen's count and the allocator's are what they were, and the same
 * pfns have working frames.
 */
static void balloon_out_and_back(struct ktest *t)
{
	unsigned long *pfns = pfn_buf(t, STEP), free0, va = scratch_va(t);
	long held0 = xen_held();
	unsigned int i, n;
	u64 v;

	KTEST_ASSERT_EQ(t, held0, (long)start_pages);
	free0 = nr_free_pages();
	KTEST_ASSERT_EQ(t, xen_balloon_set_target(start_pages - STEP), 0);
	KTEST_EXPECT_EQ(t, xen_held(), held0 - STEP);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free0 - STEP);
	n = xen_balloon_list(pfns, STEP);
	KTEST_ASSERT_EQ(t, n, STEP);
	/* PV only: under HAP the direct map keeps them (never touched). */
	for (i = 0; xen_pv_domain() && i < n; i++) {
		KTEST_EXPECT_EQ(t, pfn_to_mfn(pfns[i]), XEN_INVALID_MFN);
		KTEST_EXPECT_EQ(t, read_u64_nofault((unsigned long)__va(PFN_PHYS(pfns[i])), &v),
				-EFAULT);
	}

	KTEST_ASSERT_EQ(t, xen_balloon_set_target(start_pages), 0);
	KTEST_EXPECT_EQ(t, xen_held(), held0);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free0);
	for (i = 0; i < n; i += 37)
		expect_filled(t, pfns[i], va);
	expect_filled(t, pfns[n - 1], va);
	memunmap((void *)va);
	kfree(pfns);
}

/* A domU with maxmem above memory grows into its extra pfns. */
static void balloon_grows_into_extra_pfns(struct ktest *t)
{
	unsigned long *pfns, va, n;
	long held0 = xen_held(), room = xen_ceiling() - held0;
	unsigned int i;

	if (xen_hvm_domain())
		ktest_skip(t, "PVH: no pfns above memory to grow into (libxl's e820 ends there)");
	if (!xen_extra_pages)
		ktest_skip(t, "no extra pfns (maxmem = memory, or dom0)");
	if (room < 16)
		ktest_skip(t, "Xen lets us grow by %ld pages only", room);
	n = min(min((unsigned long)room, xen_balloon.ballooned), 128UL);
	pfns = pfn_buf(t, n);
	va = scratch_va(t);
	KTEST_ASSERT_EQ(t, xen_balloon_list(pfns, n), n);
	KTEST_ASSERT_EQ(t, xen_balloon_set_target(start_pages + n), 0);
	KTEST_EXPECT_EQ(t, xen_held(), held0 + (long)n);
	for (i = 0; i < n; i++)
		KTEST_EXPECT_TRUE(t, xen_pfn_is_extra(pfns[i]));
	expect_filled(t, pfns[0], va);
	expect_filled(t, pfns[n - 1], va);
	KTEST_ASSERT_EQ(t, xen_balloon_set_target(start_pages), 0);
	KTEST_EXPECT_EQ(t, xen_held(), held0);
	memunmap((void *)va);
	kfree(pfns);
}

/* Asked for more than Xen allows: it stops at Xen's ceiling, exactly. */
static void balloon_stops_at_xens_ceiling(struct ktest *t)
{
	long ceiling = xen_ceiling(), over;

	KTEST_ASSERT_GT(t, ceiling, 0);
	over = ceiling - (long)start_pages + 16;
	if (over <= 16 || (unsigned long)over > xen_balloon.ballooned)
		ktest_skip(t, "%lu pfns to grow into, Xen allows %ld more pages: no case",
			   xen_balloon.ballooned, over - 16);
	KTEST_EXPECT_EQ(t, xen_balloon_set_target(start_pages + over), -EDQUOT);
	KTEST_EXPECT_EQ(t, xen_held(), ceiling);
	KTEST_EXPECT_EQ(t, xen_balloon.current_pages, (unsigned long)ceiling);
}

/*
 * A target of 0 leaves the kernel XEN_BALLOON_KEEP_FREE free pages and
 * gives Xen the rest; then everything comes back.  Only with up to
 * 96 MiB free (modes xen-pv-dom0-64m, xen-pv-domU-64m): a page costs
 * some 12 000 guest instructions each way (scrub, unmap, Xen's own
 * work), so at 256 MiB the round trip would be most of a boot's.
 */
static void balloon_keeps_the_kernel_floor(struct ktest *t)
{
	unsigned long free0 = nr_free_pages();
	long held0 = xen_held();

	if (free0 > (96UL << (20 - PAGE_SHIFT)))
		ktest_skip(t, "%lu MiB free: the floor case runs with 96 MiB free or less",
			   free0 >> (20 - PAGE_SHIFT));
	KTEST_EXPECT_EQ(t, xen_balloon_set_target(0), -ENOMEM);
	KTEST_EXPECT_EQ(t, nr_free_pages(), (unsigned long)XEN_BALLOON_KEEP_FREE);
	KTEST_EXPECT_EQ(t, xen_held(), held0 - (long)(free0 - XEN_BALLOON_KEEP_FREE));
	KTEST_ASSERT_EQ(t, xen_balloon_set_target(start_pages), 0);
	KTEST_EXPECT_EQ(t, xen_held(), held0);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free0);
}

static const struct ktest_case balloon_cases[] = {
	KTEST_CASE(balloon_target_parse),
	KTEST_CASE(balloon_out_and_back),
	KTEST_CASE(balloon_grows_into_extra_pfns),
	KTEST_CASE(balloon_stops_at_xens_ceiling),
	KTEST_CASE(balloon_keeps_the_kernel_floor),
	{}
};
KTEST_SUITE_FULL(xen_balloon, balloon_cases, balloon_case_init, balloon_case_exit);
