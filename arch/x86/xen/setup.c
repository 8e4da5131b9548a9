// SPDX-License-Identifier: GPL-2.0
/*
 * Memory set-up of a PV guest: what the kernel may use and how it gets
 * there from the tables Xen built.
 *
 * Xen maps the image and what follows it (P2M list, start_info, its
 * initial page tables, some slack) at __START_KERNEL_map.  Early on,
 * xen_early_direct_map() gives that region an alias at PAGE_OFFSET by
 * hooking one L3 page into Xen's L4 that shares Xen's L2, so __va() and
 * the boot allocator work; then the generic paging_init() builds our own
 * tables through the Xen child's MMU ops, pins them once complete
 * (paravirt_pgd_alloc), write_cr3() loads them and Xen's initial tables
 * are unpinned (mmu_pv.c).
 */
#define pr_fmt(fmt) "xen: " fmt

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <asm/bootinfo.h>
#include <asm/e820.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/sections.h>
#include <asm/setup.h>
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

void __init xen_early_direct_map(void)
{
	u64 *l4 = (u64 *)xen_boot.pt_base, *l3, *l2, entry;
	unsigned long pfn, i, j;
	struct mmu_update u;
	long err;

	xen_mmu_init(xen_boot.pt_base - __START_KERNEL_map);
	for (pfn = PFN_DOWN(xen_boot.pt_base - __START_KERNEL_map); pfn < PFN_DOWN(xen_reserved_limit()); pfn++)
		xen_mark_pagetable(pfn, true);	/* Xen's initial tables */

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
	xen_set_page_ro(PFN_DOWN(__pa_symbol(alias_l3)), true);
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

void __init xen_paging_init(void)
{
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
	/* Pseudo-physical RAM is [0, nr_pages): Xen gave no other layout. */
	boot_info.raw_map.nr_entries = 0;
	if (e820_append(&boot_info.raw_map, 0, xen_boot.nr_pages << PAGE_SHIFT,
			E820_TYPE_RAM))
		machine_halt_early("no room for the memory map");
	/* The image, P2M list, start_info and Xen's initial tables. */
	if (boot_note_range(&boot_info, 0, xen_reserved_limit()))
		machine_halt_early("cannot reserve the bootstrap region");
}
