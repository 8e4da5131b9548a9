// SPDX-License-Identifier: GPL-2.0
/*
 * Memory set-up at the domain's size: pages at the top of RAM (above
 * 4 GiB when the domain is that large) are mapped by the direct map to
 * the machine frame Xen's own P2M list gives, which Xen's M2P maps back,
 * and a pattern written through the direct map is read back through a
 * fresh mapping of that machine frame made with update_va_mapping.  The
 * independent sources are Xen's tables (P2M list, M2P) read raw, not
 * pfn_to_mfn()/mfn_to_pfn(), and the frame's own contents.
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
#include "xen-ops.h"
#include "xen_test.h"

#define PFN_4G		(1UL << 20)
#define PATTERN		0x5eed0000c0ffee00ULL

/* Xen's P2M list, read raw through the direct map. */
static unsigned long xen_list_mfn(unsigned long pfn)
{
	const unsigned long *list = __va(xen_boot.mfn_list - __START_KERNEL_map);

	return READ_ONCE(list[pfn]);
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
 * Xen's list names: same frame, so the pattern shows in both.  The word
 * is restored with interrupts off, so the page's owner never sees it.
 */
static void check_pfn(struct ktest *t, unsigned long pfn, unsigned long va)
{
	unsigned long mfn = xen_list_mfn(pfn), flags;
	volatile u64 *direct = __va(PFN_PHYS(pfn)), *fresh = (volatile u64 *)va;
	u64 *e = lookup_address((unsigned long)direct, NULL), saved, seen, back;
	long err;

	ktest_info(t, "pfn %#lx (%llu MiB) -> mfn %#lx", pfn,
		   (unsigned long long)(PFN_PHYS(pfn) >> 20), mfn);
	KTEST_ASSERT_NOT_NULL(t, e);
	/* The direct map's entry holds Xen's frame, which maps back. */
	KTEST_EXPECT_EQ(t, (*e & PTE_PFN_MASK) >> PAGE_SHIFT, mfn);
	KTEST_ASSERT_LT(t, mfn, MACH2PHYS_NR_ENTRIES);
	KTEST_EXPECT_EQ(t, ((const unsigned long *)MACH2PHYS_VIRT_START)[mfn], pfn);

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
	unsigned long top = PFN_DOWN(memblock_end_of_ram()) - 1, pfn, va;
	u8 *page = get_zeroed_page();

	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_ASSERT_LT(t, top, xen_boot.nr_pages);
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

/* Every pfn of RAM has a frame: the list has no hole at any size. */
static void memsize_p2m_covers_ram(struct ktest *t)
{
	unsigned long nr = PFN_DOWN(memblock_end_of_ram()), pfn, bad = 0;

	for (pfn = 0; pfn < nr; pfn += 61)
		bad += pfn_to_mfn(pfn) != xen_list_mfn(pfn) ||
		       ((const unsigned long *)MACH2PHYS_VIRT_START)[xen_list_mfn(pfn)] != pfn;
	bad += pfn_to_mfn(nr - 1) != xen_list_mfn(nr - 1);
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT_EQ(t, xen_bad_entries, 0);
}

static const struct ktest_case memsize_cases[] = {
	KTEST_CASE(memsize_top_of_ram),
	KTEST_CASE(memsize_p2m_covers_ram),
	{}
};
KTEST_SUITE_FULL(xen_memsize, memsize_cases, xen_pv_only, NULL);
