// SPDX-License-Identifier: GPL-2.0
/*
 * Memory set-up of a PV guest: what the kernel may use and how it gets
 * there from the tables Xen built.
 *
 * Xen maps the image and what follows it (P2M list, start_info, its
 * initial page tables, some slack) at __START_KERNEL_map.  Early on,
 * xen_early_direct_map() gives that region an alias at PAGE_OFFSET by
 * hooking one L3 page into Xen's L4 that shares Xen's L2, so __va() and
 * the boot allocator work.  The generic paging_init() then builds our own
 * tables through the Xen child's MMU ops, taking its table pages (one L1
 * per 2 MiB of RAM: PV has no large pages) from what __va() reaches.
 * Xen leaves only 512 KiB to 4.5 MiB after its own tables, so first
 * xen_grow_early_map() extends the alias by as much as those tables need,
 * one L1 at a time, each taken from what the previous ones mapped (Linux
 * grows its direct map the same way, in init_mem_mapping()).  paging_init()
 * pins our tables once complete (paravirt_pgd_alloc), write_cr3() loads
 * them and Xen's initial ones, with the alias, are unpinned (mmu_pv.c).
 *
 * Invariants: every page that is a table of the alias or of Xen's initial
 * tables is mapped read-only at each address it has; xen_direct_mapped_end
 * is what __va() reaches; everything the alias maps is RAM of ours.
 */
#define pr_fmt(fmt) "xen: " fmt

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/memblock.h>
#include <asm/bootinfo.h>
#include <asm/e820.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/sections.h>
#include <asm/setup.h>
#include <asm/x86_init.h>
#include <asm/io.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/start_info.h>
#include <xen/interface/version.h>
#include "xen-ops.h"

static u64 mapped_end;			/* Xen's initial mapping, pseudo-physical */
u64 xen_direct_mapped_end;		/* what __va() reaches now */
static u64 alias_l3[512] __section(".bss..page_aligned") __aligned(4096);

/* The image-region address of a table Xen built, from its machine entry. */
static u64 *xen_table(u64 entry)
{
	unsigned long pfn = mfn_to_pfn((entry & PTE_PFN_MASK) >> PAGE_SHIFT);

	if (pfn == XEN_INVALID_MFN)
		panic("xen: initial page table entry %#llx is not ours",
		      (unsigned long long)entry);
	return (u64 *)(__START_KERNEL_map + PFN_PHYS(pfn));
}

u64 xen_mapped_limit(void)
{
	return mapped_end;
}

u64 xen_reserved_limit(void)
{
	return xen_boot.bootstrap_end - __START_KERNEL_map;
}

/*
 * A leaf for @pfn (@rw: writable), never executable; 0 if it is not RAM
 * of ours (no frame, or a 1:1 device or firmware frame).
 */
static u64 early_pte(unsigned long pfn, bool rw)
{
	unsigned long mfn = __pfn_to_mfn(pfn);
	u64 pte = _PAGE_PRESENT | _PAGE_ACCESSED;

	if (mfn == XEN_INVALID_MFN || (mfn & XEN_FRAME_MARKERS))
		return 0;
	if (rw)
		pte |= _PAGE_RW | _PAGE_DIRTY;
	if (boot_cpu_has(X86_FEATURE_NX))
		pte |= _PAGE_NX;
	return ((u64)mfn << PAGE_SHIFT) | pte;
}

/*
 * Before a page becomes a table: read-only at __va().  Below 1 GiB the
 * alias shares Xen's L2 with the image region, so the one entry covers
 * __START_KERNEL_map + @pa too; above it nothing else maps the page.
 * Marked in the page-table bitmap later (xen_mark_early_tables()).
 */
static void __init early_set_ro(u64 pa)
{
	unsigned long va = pa < xen_direct_mapped_end ? (unsigned long)__va(pa) :
			   (unsigned long)pa + __START_KERNEL_map;
	long err = HYPERVISOR_update_va_mapping(va, early_pte(PFN_DOWN(pa), false),
						UVMF_INVLPG | UVMF_LOCAL);

	if (err)
		panic("xen: cannot make early table %#llx read-only: %s",
		      (unsigned long long)pa, xen_errname(err));
}

/* Link the table at @pa into the live @slot: Xen validates it. */
static void __init early_link(u64 *slot, u64 pa)
{
	struct mmu_update u = {
		.ptr = virt_to_machine(slot) | MMU_NORMAL_PT_UPDATE,
		.val = ((u64)pfn_to_mfn(PFN_DOWN(pa)) << PAGE_SHIFT) | _KERNPG_TABLE,
	};
	long err = HYPERVISOR_mmu_update(&u, 1, NULL, DOMID_SELF);

	if (err)
		panic("xen: cannot link early table %#llx: %s", (unsigned long long)pa,
		      xen_errname(err));
}

/* The table a present entry of the alias points at, through the alias. */
static u64 *alias_table(u64 entry)
{
	unsigned long pfn = mfn_to_pfn((entry & PTE_PFN_MASK) >> PAGE_SHIFT);

	if (pfn == XEN_INVALID_MFN || PFN_PHYS(pfn) >= xen_direct_mapped_end)
		panic("xen: early table entry %#llx is not in the early direct map",
		      (unsigned long long)entry);
	return __va(PFN_PHYS(pfn));
}

void __init xen_early_direct_map(void)
{
	u64 *l4 = (u64 *)xen_boot.pt_base, *l3, *l2, entry;
	unsigned long i, j;
	struct mmu_update u;
	long err;

	xen_mmu_init(xen_boot.pt_base - __START_KERNEL_map);
	/* How far Xen's mapping of the image region reaches, contiguously. */
	l3 = xen_table(l4[pgd_index(__START_KERNEL_map)]);
	entry = l3[pud_index(__START_KERNEL_map)];
	l2 = xen_table(entry);
	for (i = 0; i < 512 && (l2[i] & _PAGE_PRESENT); i++) {
		u64 *l1 = xen_table(l2[i]);

		for (j = 0; j < 512 && (l1[j] & _PAGE_PRESENT); j++)
			;
		mapped_end = PFN_PHYS(i * 512 + j);
		if (j < 512)
			break;
	}
	if (mapped_end <= xen_reserved_limit())
		panic("xen: initial mapping ends at %#llx, before its page tables end",
		      (unsigned long long)mapped_end);

	/* An L3 for PAGE_OFFSET whose first GiB is Xen's L2 for the image. */
	alias_l3[pud_index(PAGE_OFFSET)] = entry;
	early_set_ro(__pa_symbol(alias_l3));
	u.ptr = virt_to_machine(&l4[pgd_index(PAGE_OFFSET)]) | MMU_NORMAL_PT_UPDATE;
	u.val = virt_to_machine(alias_l3) | _KERNPG_TABLE;
	err = HYPERVISOR_mmu_update(&u, 1, NULL, DOMID_SELF);
	if (err)
		panic("xen: cannot hook the early direct map into Xen's L4: %s",
		      xen_errname(err));
	xen_direct_mapped_end = mapped_end;
	/* From here on the P2M list is read through the direct map. */
	xen_p2m_use_direct_map();
	pr_info("early direct map of %llu KiB (Xen mapped the image region to %#llx)\n",
		(unsigned long long)(mapped_end >> 10), (unsigned long long)mapped_end);
}

/* shared_info is Xen's page: map its machine frame in the vmap area. */
static void __init xen_map_shared_info(void)
{
	unsigned long va = vmap_reserve(PAGE_SIZE);
	u64 pte = (xen_boot.shared_info_maddr & PAGE_MASK) |
		  (PAGE_KERNEL & __supported_pte_mask);
	int err;

	if (!va)
		panic("xen: no virtual space for shared_info");
	err = map_kernel_pte_raw(va, (pte_t){ .pte = pte });
	if (err)
		panic("xen: cannot map shared_info: %d", err);
	HYPERVISOR_shared_info = (struct shared_info *)va;
}

/*
 * What paging_init() and the bitmap take from the early map: an L1 per
 * 2 MiB of RAM, an L2 per GiB, an L3 per 512 GiB, the L4 and the image's
 * tables; a bit per pfn; the growth's own L1s (one per 2 MiB of it).
 * Rounded up with 2 MiB to spare for what memblock fragments.
 */
static u64 __init early_map_need(unsigned long nr_pfns)
{
	u64 tables = DIV_ROUND_UP(nr_pfns, PTRS_PER_TABLE) +
		     DIV_ROUND_UP(nr_pfns, PTRS_PER_TABLE * PTRS_PER_TABLE) +
		     DIV_ROUND_UP(nr_pfns, 1UL << 27) + 1 + 16;
	u64 need = tables * PAGE_SIZE + DIV_ROUND_UP(nr_pfns, 8);

	need += DIV_ROUND_UP(need, PMD_SIZE) * PAGE_SIZE;
	return ALIGN(need, PMD_SIZE) + PMD_SIZE;
}

/* A zeroed page for the alias from what it maps already. */
static u64 __init early_alloc_table(void)
{
	phys_addr_t pa;

	memblock_set_current_limit(xen_direct_mapped_end);
	pa = memblock_phys_alloc(PAGE_SIZE, PAGE_SIZE);
	if (!pa)
		panic("xen: no memory below %#llx to grow the early direct map",
		      (unsigned long long)xen_direct_mapped_end);
	return pa;
}

/*
 * Extend the alias at PAGE_OFFSET to @target (2 MiB aligned, inside RAM).
 * A new L1 is filled while it is still plain memory, made read-only and
 * then linked, one mmu_update each; the rest of a last L1 Xen filled only
 * partly is written in place, in one batch.
 */
static void __init xen_grow_early_map(u64 target)
{
	u64 end = xen_direct_mapped_end, *l1, *l2, pa;
	unsigned long pfn, j;

	if (end < target && !IS_ALIGNED(end, PMD_SIZE)) {
		unsigned long flags = xen_batch_begin();

		l2 = alias_table(alias_l3[pud_index(PAGE_OFFSET)]);
		l1 = alias_table(l2[pmd_index((unsigned long)__va(end))]);
		for (pfn = PFN_DOWN(end); pfn & (PTRS_PER_TABLE - 1); pfn++)
			xen_queue_mmu_update(virt_to_machine(&l1[pfn % PTRS_PER_TABLE]) |
					     MMU_NORMAL_PT_UPDATE, early_pte(pfn, true), false);
		if (xen_batch_end(flags))
			panic("xen: Xen refused to extend the early direct map");
		xen_direct_mapped_end = end = ALIGN(end, PMD_SIZE);
	}
	while (end < target) {
		unsigned long va = (unsigned long)__va(end);
		u64 *slot = &alias_l3[pud_index(va)];

		if (pgd_index(va) != pgd_index(PAGE_OFFSET))
			panic("xen: early direct map cannot grow past %#llx",
			      (unsigned long long)end);
		if (!(*slot & _PAGE_PRESENT)) {
			pa = early_alloc_table();
			early_set_ro(pa);
			early_link(slot, pa);
		}
		l2 = alias_table(*slot);
		pa = early_alloc_table();
		l1 = __va(pa);
		for (j = 0, pfn = PFN_DOWN(end); j < PTRS_PER_TABLE; j++, pfn++)
			l1[j] = early_pte(pfn, true);
		early_set_ro(pa);
		early_link(&l2[pmd_index(va)], pa);
		xen_direct_mapped_end = end += PMD_SIZE;
	}
}

/*
 * Every table the alias reaches is one until Xen's initial L4 is
 * unpinned: Xen's own frames, alias_l3 and the alias's L2s and L1s.
 */
static void __init xen_mark_early_tables(void)
{
	unsigned long pfn, i, j;

	for (pfn = PFN_DOWN(xen_boot.pt_base - __START_KERNEL_map);
	     pfn < PFN_DOWN(xen_reserved_limit()); pfn++)
		xen_mark_pagetable(pfn, true);
	xen_mark_pagetable(PFN_DOWN(__pa_symbol(alias_l3)), true);
	for (i = 0; i < PTRS_PER_TABLE; i++) {
		u64 *l2;

		if (!(alias_l3[i] & _PAGE_PRESENT))
			continue;
		l2 = alias_table(alias_l3[i]);
		xen_mark_pagetable(PFN_DOWN(__pa(l2)), true);
		for (j = 0; j < PTRS_PER_TABLE; j++)
			if (l2[j] & _PAGE_PRESENT)
				xen_mark_pagetable(PFN_DOWN(__pa(alias_table(l2[j]))), true);
	}
}

void __init xen_paging_init(void)
{
	u64 ram_end = memblock_end_of_ram();
	unsigned long nr_pfns = PFN_DOWN(ram_end), last = nr_pfns - xen_extra_pages;
	size_t extra_p2m = PAGE_ALIGN(xen_extra_pages * sizeof(unsigned long));
	phys_addr_t pa;

	/*
	 * RAM may end above nr_pages (dom0: pages moved out of the host's
	 * holes, memmap.c; a domU's extra pfns), but its last page before
	 * the extra ones must have a frame.
	 */
	if (!last || pfn_to_mfn(last - 1) == XEN_INVALID_MFN)
		panic("xen: RAM reaches pfn %#lx, which has no machine frame", last);
	xen_grow_early_map(min(ALIGN_DOWN(PFN_PHYS(last), PMD_SIZE),
			       mapped_end + early_map_need(nr_pfns) + extra_p2m));
	/* The bitmap is zeroed through __va(): from what the alias maps. */
	memblock_set_current_limit(xen_direct_mapped_end);
	xen_pt_bitmap_init(nr_pfns);
	if (xen_extra_pages) {
		pa = memblock_phys_alloc(extra_p2m, PAGE_SIZE);
		if (!pa)
			panic("xen: no memory for the P2M of %lu extra pfns", xen_extra_pages);
		xen_p2m_extra_init(__va(pa));
	}
	xen_mark_early_tables();
	x86_platform.early_mapped_limit = xen_direct_mapped_end;
	pr_info("early direct map grown to %llu MiB for the tables of %llu MiB of RAM\n",
		(unsigned long long)(xen_direct_mapped_end >> 20),
		(unsigned long long)(ram_end >> 20));
	paging_init();
	xen_unpin_initial_tables();
	xen_direct_mapped_end = ~0ULL;
	xen_map_shared_info();
	if (xen_bad_entries)
		pr_warn("%lu page-table entries had no machine frame\n", xen_bad_entries);
}

void __init xen_fill_boot_info(void)
{
	long ver = HYPERVISOR_xen_version(XENVER_version, NULL);
	bool dom0 = xen_boot.flags & SIF_INITDOMAIN;

	boot_info.protocol = BOOT_XEN_PV;
	snprintf(boot_info.loader, sizeof(boot_info.loader), "Xen %ld.%ld PV %s",
		 ver >> 16, ver & 0xffff, dom0 ? "dom0" : "domU");
	strscpy(boot_info.cmdline, xen_boot.cmdline, sizeof(boot_info.cmdline));
	/*
	 * dom0: the host's map, non-RAM 1:1 (memmap.c); domU: [0, nr_pages)
	 * and the extra pfns up to maxmem.
	 */
	xen_memory_layout(&boot_info.raw_map);
	/* The image, P2M list, start_info and Xen's initial tables. */
	if (boot_note_range(&boot_info, 0, xen_reserved_limit()))
		machine_halt_early("cannot reserve the bootstrap region");
	/* A module Xen placed by frame (SIF_MOD_START_PFN) may lie beyond it. */
	if (boot_note_range(&boot_info, xen_boot.mod_pa, xen_boot.mod_len))
		machine_halt_early("cannot reserve the boot module");
	/* The balloon's until it populates them (drivers/xen/balloon.c). */
	if (xen_extra_pages &&
	    boot_note_range(&boot_info, PFN_PHYS(xen_extra_start), PFN_PHYS(xen_extra_pages)))
		machine_halt_early("cannot reserve the pfns without frames");
}
