// SPDX-License-Identifier: GPL-2.0
/*
 * The P2M and M2P of a PV dom0 against what Xen says on its own: the
 * host's machine map (asked for again here, not the copy memmap.c used),
 * the page count of start_info, the highest RAM frame Xen has, and the
 * machine address of shared_info.  Every page Xen gave is still RAM
 * somewhere; every pfn outside host RAM is 1:1; host RAM we were not
 * given has no frame; a frame that is not ours never reads back as a
 * pfn; and the M2P is only read where Xen says it is.
 */
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/irqflags.h>
#include <linux/mm.h>
#include <asm/e820.h>
#include <asm/extable.h>
#include <asm/io.h>
#include <asm/nofault.h>
#include <asm/pgtable.h>
#include <asm/setup.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/start_info.h>
#include <xen/balloon.h>
#include <xen/interface/memory.h>
#include "xen-ops.h"
#include "xen_test.h"

struct bios_e820_entry {
	u64 addr, size;
	u32 type;
} __packed;

static struct bios_e820_entry host[E820_MAX_ENTRIES];
static unsigned int nr_host;

static int p2m_init(struct ktest *t)
{
	struct xen_memory_map mm = { .nr_entries = E820_MAX_ENTRIES };

	xen_pv_only(t);
	nr_host = 0;
	if (!xen_initial_domain())
		return 0;		/* the cases that need the host map skip */
	set_xen_guest_handle(mm.buffer, host);
	if (HYPERVISOR_memory_op(XENMEM_machine_memory_map, &mm))
		ktest_skip(t, "XENMEM_machine_memory_map refused");
	nr_host = mm.nr_entries;
	return 0;
}

/* Whole page @pfn inside a host RAM entry? */
static bool host_ram(unsigned long pfn)
{
	unsigned int i;

	for (i = 0; i < nr_host; i++)
		if (host[i].type == E820_TYPE_RAM && PFN_PHYS(pfn) >= host[i].addr &&
		    PFN_PHYS(pfn + 1) <= host[i].addr + host[i].size)
			return true;
	return false;
}

static u64 our_ram_pages(void)
{
	return e820_total(&e820_table, E820_TYPE_RAM) >> PAGE_SHIFT;
}

/* RAM pfns of our map that have no frame (a domU's extra pfns, ballooned). */
static u64 frameless_ram_pages(void)
{
	unsigned long pfn;
	u64 n = 0;
	unsigned int i;

	for (i = 0; i < e820_table.nr_entries; i++) {
		const struct e820_entry *e = &e820_table.entries[i];

		if (e->type != E820_TYPE_RAM)
			continue;
		for (pfn = PFN_UP(e->addr); pfn < PFN_DOWN(e->addr + e->size); pfn++)
			n += pfn_to_mfn(pfn) == XEN_INVALID_MFN;
	}
	return n;
}

/*
 * Every page is either RAM in our map or back with Xen: our RAM with
 * frames is what Xen says we hold now (XENMEM_current_reservation),
 * whatever the host had to spare for the pages moved out of its holes;
 * the RAM without is exactly the balloon's.
 */
static void p2m_every_page_kept(struct ktest *t)
{
	domid_t self = DOMID_SELF;
	long held = HYPERVISOR_memory_op(XENMEM_current_reservation, &self);
	u64 frameless = frameless_ram_pages();

	KTEST_ASSERT_GT(t, held, 0);
	ktest_info(t, "%llu RAM pages, %llu without a frame; Xen says we hold %ld, start_info gave %llu",
		   (unsigned long long)our_ram_pages(), (unsigned long long)frameless, held,
		   (unsigned long long)xen_boot.nr_pages);
	KTEST_EXPECT_EQ(t, our_ram_pages() - frameless, (u64)held);
	KTEST_EXPECT_EQ(t, frameless, (u64)xen_balloon.ballooned);
}

static unsigned long check_identity(unsigned long pfn)
{
	return pfn_to_mfn(pfn) != pfn || __pfn_to_mfn(pfn) != XEN_IDENTITY_FRAME(pfn) ||
	       mfn_to_pfn(pfn) != pfn;
}

/*
 * The first and last page of every stretch outside host RAM below 4 GiB
 * (holes between entries and non-RAM entries alike: Xen's map is sorted),
 * and one far above.
 */
static void p2m_host_holes_are_identity(struct ktest *t)
{
	unsigned long next = 0, s, e, checked = 0, bad = 0;
	unsigned int i;

	if (!xen_initial_domain())
		ktest_skip(t, "a domU has no host map");

	for (i = 0; i <= nr_host; i++) {
		if (i < nr_host && host[i].type != E820_TYPE_RAM)
			continue;
		/* The stretch [next, start of this RAM) is not RAM. */
		s = next;
		e = i < nr_host ? PFN_UP(host[i].addr) : PFN_DOWN(4ULL << 30);
		if (i < nr_host)
			KTEST_ASSERT_GE(t, PFN_DOWN(host[i].addr + host[i].size), next);
		if (s < e && s < PFN_DOWN(4ULL << 30)) {
			bad += check_identity(s) + check_identity(e - 1);
			checked += 2;
		}
		if (i < nr_host)
			next = PFN_DOWN(host[i].addr + host[i].size);
	}
	s = PFN_DOWN(0xfd00000000ULL) + 5;	/* an arbitrary high address */
	if (!host_ram(s)) {
		bad += check_identity(s);
		checked++;
	}
	KTEST_EXPECT_EQ(t, bad, 0);
	/* QEMU pc: the ISA hole, the ACPI area and PCI hole, and above. */
	KTEST_EXPECT_GE(t, checked, 5);
}

/* Host RAM above ours is not ours: no frame, not RAM in our map. */
static void p2m_host_ram_not_given_has_no_frame(struct ktest *t)
{
	unsigned long pfn = PFN_UP(e820_end_of_ram(&e820_table));
	unsigned long mfn = PFN_DOWN(xen_boot.shared_info_maddr);

	if (!xen_initial_domain())
		ktest_skip(t, "a domU has no host map");

	if (!host_ram(pfn))
		ktest_skip(t, "no host RAM above ours");
	KTEST_EXPECT_EQ(t, pfn_to_mfn(pfn), XEN_INVALID_MFN);
	/* shared_info is Xen's page: not a pfn of ours, and not 1:1. */
	KTEST_EXPECT_EQ(t, mfn_to_pfn(mfn), XEN_INVALID_MFN);
}

/*
 * Its mapping (machine frame, no pfn) reads back not present, so no
 * walker takes the machine number for a pfn; the page stays mapped.
 */
static void p2m_foreign_entry_reads_not_present(struct ktest *t)
{
	u64 v;

	KTEST_EXPECT_NULL(t, lookup_address((unsigned long)HYPERVISOR_shared_info, NULL));
	KTEST_EXPECT_EQ(t, read_u64_nofault((unsigned long)HYPERVISOR_shared_info, &v), 0);
}

static void p2m_m2p_bounded_and_fault_safe(struct ktest *t)
{
	long max_ram = HYPERVISOR_memory_op(XENMEM_maximum_ram_page, NULL);
	unsigned long faults = extable_last_fault.count, va = vmap_reserve(PAGE_SIZE);
	unsigned long bad_hole = 0, probed = 0;
	u64 v;

	if (!xen_initial_domain())
		ktest_skip(t, "a domU has no 1:1 frames (no host map)");

	KTEST_ASSERT_GT(t, max_ram, 0);
	/* The M2P covers every RAM frame (max_ram: one past the last). */
	KTEST_EXPECT_GE(t, xen_m2p_frames(), (unsigned long)max_ram);
	KTEST_EXPECT_LT(t, xen_m2p_frames(), MACH2PHYS_NR_ENTRIES);
	/* Beyond it nothing is read: no fault, and such frames are 1:1. */
	KTEST_EXPECT_EQ(t, mfn_to_pfn(xen_m2p_frames()), xen_m2p_frames());
	KTEST_EXPECT_EQ(t, mfn_to_pfn(MACH2PHYS_NR_ENTRIES - 1), MACH2PHYS_NR_ENTRIES - 1);
	KTEST_EXPECT_EQ(t, extable_last_fault.count, faults);
	/* The read it uses survives an unmapped page (a hole in the M2P). */
	KTEST_ASSERT_NE(t, va, 0);
	KTEST_EXPECT_EQ(t, read_u64_nofault(va, &v), -EFAULT);
	KTEST_EXPECT_EQ(t, extable_last_fault.count, faults + 1);
	/*
	 * Frames in the host's holes below the M2P's end (the PCI hole, the
	 * space between RAM and it): Xen maps the M2P only where there is
	 * memory, so such reads may fault; each must come back 1:1
	 * (a device frame), never as a page of ours.
	 */
	faults = extable_last_fault.count;
	for (v = 0; v < xen_m2p_frames(); v += 1024)	/* every 4 MiB */
		if (!host_ram(v)) {
			bad_hole += mfn_to_pfn(v) != v;
			probed++;
		}
	ktest_info(t, "%lu frames in host holes, all 1:1; %lu M2P reads there faulted",
		   probed, extable_last_fault.count - faults);
	KTEST_EXPECT_EQ(t, bad_hole, 0);
}

/* Pages moved out of host holes are RAM that works like any other. */
static void p2m_moved_pages_usable(struct ktest *t)
{
	unsigned long pfn = xen_boot.nr_pages, n = 0;
	u64 v;

	if (!xen_initial_domain())
		ktest_skip(t, "a domU has no host map (no pages moved)");

	for (; pfn < PFN_DOWN(e820_end_of_ram(&e820_table)); pfn++, n++) {
		KTEST_ASSERT_NE(t, pfn_to_mfn(pfn), XEN_INVALID_MFN);
		KTEST_ASSERT_EQ(t, mfn_to_pfn(pfn_to_mfn(pfn)), pfn);
	}
	if (!n)
		ktest_skip(t, "no pages moved (no host holes below nr_pages)");
	/* Mapped in the direct map (read only: it may be a page table now). */
	KTEST_EXPECT_EQ(t, read_u64_nofault((unsigned long)__va(PFN_PHYS(pfn - 1)), &v), 0);
	ktest_info(t, "%lu pages moved above pfn %#llx", n, xen_boot.nr_pages);
}

/*
 * The P2M changes at run time and entry conversions follow it: page P's
 * pfn is pointed at page Q's frame (read raw from the direct map's entry
 * of Q), a PTE made for P's pfn before and after holds P's frame, then
 * Q's (were __pte() a pure asm, the compiler could reuse the first
 * value), and a mapping made from it reads Q's contents; then P's frame
 * is put back.  Interrupts stay off: nothing else uses P meanwhile.
 */
static void p2m_changes_at_run_time(struct ktest *t)
{
	u8 *p = get_zeroed_page(), *q = get_zeroed_page();
	unsigned long pfn, mfn_p, mfn_q, va, flags;
	u64 before, after;
	u64 *eq;
	u8 seen = 0;
	int err, err_back;

	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_ASSERT_NOT_NULL(t, q);
	p[5] = 0x11;
	q[5] = 0x22;
	eq = lookup_address((unsigned long)q, NULL);
	KTEST_ASSERT_NOT_NULL(t, eq);
	mfn_q = (*eq & PTE_PFN_MASK) >> PAGE_SHIFT;
	pfn = PFN_DOWN(__pa(p));
	mfn_p = pfn_to_mfn(pfn);
	va = vmap_reserve(PAGE_SIZE);
	KTEST_ASSERT_NE(t, va, 0);

	local_irq_save(flags);
	before = __pte(PFN_PHYS(pfn) | (PAGE_KERNEL_RO & __supported_pte_mask)).pte;
	err = xen_set_phys_to_machine(pfn, mfn_q);
	after = __pte(PFN_PHYS(pfn) | (PAGE_KERNEL_RO & __supported_pte_mask)).pte;
	if (!map_kernel_range(va, PFN_PHYS(pfn), PAGE_SIZE, PAGE_KERNEL_RO)) {
		read_u8_nofault(va + 5, &seen);
		unmap_kernel_range(va, PAGE_SIZE);
	}
	err_back = xen_set_phys_to_machine(pfn, mfn_p);
	local_irq_restore(flags);

	KTEST_EXPECT_EQ(t, err, 0);
	KTEST_EXPECT_EQ(t, err_back, 0);
	KTEST_EXPECT_EQ(t, (before & PTE_PFN_MASK) >> PAGE_SHIFT, mfn_p);
	KTEST_EXPECT_EQ(t, (after & PTE_PFN_MASK) >> PAGE_SHIFT, mfn_q);
	KTEST_EXPECT_EQ(t, seen, 0x22);
	KTEST_EXPECT_EQ(t, pfn_to_mfn(pfn), mfn_p);
	/* Not RAM of ours: no entry to change. */
	KTEST_EXPECT_EQ(t, xen_set_phys_to_machine(PFN_DOWN(0xfee00000), 0), -ENOENT);
	memunmap((void *)va);
	free_page(p);
	free_page(q);
}

static const struct ktest_case p2m_cases[] = {
	KTEST_CASE(p2m_every_page_kept),
	KTEST_CASE(p2m_host_holes_are_identity),
	KTEST_CASE(p2m_host_ram_not_given_has_no_frame),
	KTEST_CASE(p2m_foreign_entry_reads_not_present),
	KTEST_CASE(p2m_m2p_bounded_and_fault_safe),
	KTEST_CASE(p2m_moved_pages_usable),
	KTEST_CASE(p2m_changes_at_run_time),
	{}
};
KTEST_SUITE_FULL(xen_p2m, p2m_cases, p2m_init, NULL);
