// SPDX-License-Identifier: GPL-2.0
/*
 * paging_init: the kernel's own page tables replace the early ones.
 *
 *  - direct map at PAGE_OFFSET of all RAM, never executable; 2 MiB pages
 *    where a whole aligned chunk has one protection.  The alias of kernel
 *    text and rodata is read-only there too, so no mapping of the image
 *    is both writable and executable; so is that of ro_after_init, which
 *    set-up writes through the image address only.
 *  - the image at __START_KERNEL_map in 4 KiB pages: text RX, rodata R,
 *    ro_after_init RW until mark_ro_after_init(), then R; data and bss
 *    RW; the page under the boot stack is left unmapped.
 *  - no identity map: a stray low pointer faults.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/string.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <asm/processor.h>
#include <asm/sections.h>
#include <asm/setup.h>
#include <asm/x86_init.h>
#include <asm/io.h>
#include <linux/irqflags.h>
#include "mm_internal.h"

/* Text, rodata and ro_after_init (which follows rodata: vmlinux.lds.S). */
static pgprot_t direct_map_prot(phys_addr_t pa)
{
	if (pa >= __pa_symbol(_text) && pa < __pa_symbol(__end_ro_after_init))
		return PAGE_KERNEL_RO;
	return PAGE_KERNEL;
}

/* True if every page of [pa, pa + PMD_SIZE) has the same protection. */
static bool uniform_2m(phys_addr_t pa)
{
	phys_addr_t lo = __pa_symbol(_text), hi = __pa_symbol(__end_ro_after_init);

	return pa + PMD_SIZE <= lo || pa >= hi;
}

/*
 * 2 MiB pages where the CPU has them (a PV guest's does not) and a whole
 * aligned chunk has one protection; the rest in runs of 4 KiB pages, one
 * map_kernel_range() call per run so a hypervisor can batch its updates.
 */
static void __init map_direct(phys_addr_t start, phys_addr_t end)
{
	bool pse = boot_cpu_has(X86_FEATURE_PSE);
	phys_addr_t pa = PAGE_ALIGN(start), run;
	int err = 0;

	end &= PAGE_MASK;
	while (pa < end) {
		unsigned long va = (unsigned long)__va(pa);

		if (pse && IS_ALIGNED(pa, PMD_SIZE) && pa + PMD_SIZE <= end &&
		    uniform_2m(pa)) {
			pmd_t *m = pmd_lookup_alloc(init_pgd, va, true, &err);

			if (!m)
				goto fail;
			set_pmd(m, __pmd(pa | ((direct_map_prot(pa) | _PAGE_PSE) &
					       __supported_pte_mask)));
			pa += PMD_SIZE;
			continue;
		}
		/* Up to the next 2 MiB page or protection change. */
		run = pa + PAGE_SIZE;
		while (run < end && direct_map_prot(run) == direct_map_prot(pa) &&
		       !(pse && IS_ALIGNED(run, PMD_SIZE)))
			run += PAGE_SIZE;
		err = map_kernel_range(va, pa, run - pa, direct_map_prot(pa));
		if (err)
			goto fail;
		pa = run;
	}
	return;
fail:
	panic("paging_init: cannot map %#llx in the direct map: %d",
	      (unsigned long long)pa, err);
}

static size_t ro_span(void)
{
	return __end_ro_after_init - __start_ro_after_init;
}

static void __init map_image(void *start, void *end, pgprot_t prot)
{
	unsigned long va = (unsigned long)start;
	int err;

	err = map_kernel_range(va, __pa_symbol(va), PAGE_ALIGN((unsigned long)end) - va, prot);
	if (err)
		panic("paging_init: cannot map the kernel image at %p: %d", start, err);
}

void __init paging_init(void)
{
	pgd_t *pgd;
	unsigned int i;

	if (!boot_cpu_has(X86_FEATURE_NX))
		__supported_pte_mask &= ~_PAGE_NX;
	if (!boot_cpu_has(X86_FEATURE_PGE))
		__supported_pte_mask &= ~_PAGE_GLOBAL;

	/* Table pages must be reachable through the early direct map. */
	memblock_set_current_limit(x86_platform.early_mapped_limit);
	pgd = pt_alloc();
	if (!pgd)
		panic("paging_init: no memory for the page directory");
	paravirt_alloc_p4d(PFN_DOWN(__pa(pgd)));
	init_pgd = pgd;

	for (i = 0; i < e820_table.nr_entries; i++) {
		const struct e820_entry *e = &e820_table.entries[i];

		if (e->type == E820_TYPE_RAM)
			map_direct(e->addr, e->addr + e->size);
	}

	map_image(_text, __start_rodata, PAGE_KERNEL_RX);
	map_image(__start_rodata, __end_rodata, PAGE_KERNEL_RO);
	if (ro_span())
		map_image(__start_ro_after_init, __end_ro_after_init, PAGE_KERNEL);
	map_image(_sdata, boot_stack_guard, PAGE_KERNEL);
	map_image(boot_stack, _end, PAGE_KERNEL);

	/* Complete: it becomes an address space (Xen pins it), then is loaded. */
	if (paravirt_pgd_alloc(pgd))
		panic("paging_init: the hypervisor refused the kernel's page tables");
	write_cr3(__pa(pgd));
	memblock_set_current_limit(memblock_end_of_ram());
	pr_info("paging: direct map of %llu MiB at %#lx, %lu page-table pages, NX %s\n",
		(unsigned long long)(e820_total(&e820_table, E820_TYPE_RAM) >> 20),
		PAGE_OFFSET, nr_page_tables,
		(__supported_pte_mask & _PAGE_NX) ? "on" : "off");
}

/* --- ro_after_init ---------------------------------------------------- */

static unsigned long ro_alias;	/* where ro_after_init_write() maps it */
static bool ro_sealed;

/*
 * Through set_pte() and the TLB flush ops like any other change, so a
 * hypervisor's child hears of it (Xen PV cannot be written around).
 */
void __init mark_ro_after_init(void)
{
	int err;

	if (!ro_span() || ro_sealed)
		return;
	ro_alias = vmap_reserve(ro_span());
	if (!ro_alias)
		panic("ro_after_init: no virtual space for its write alias");
	if (IS_ENABLED(CONFIG_KTEST)) {
		/*
		 * Build the alias's page tables now, while allocating may
		 * fail loudly at boot, so a later write never allocates
		 * with interrupts off.
		 */
		err = map_kernel_range(ro_alias, __pa_symbol(__start_ro_after_init),
				       ro_span(), PAGE_KERNEL);
		if (err)
			panic("ro_after_init: cannot map its write alias: %d", err);
		unmap_kernel_range(ro_alias, ro_span());
	}
	err = protect_kernel_range((unsigned long)__start_ro_after_init, ro_span(),
				   PAGE_KERNEL_RO);
	if (err)
		panic("ro_after_init: cannot make %p read-only: %d",
		      __start_ro_after_init, err);
	ro_sealed = true;
	pr_info("ro_after_init: %zu KiB at %p read-only\n", ro_span() >> 10,
		__start_ro_after_init);
}

bool ro_after_init_sealed(void)
{
	return ro_sealed;
}

void ro_after_init_write(void *dst, const void *src, size_t len)
{
	unsigned long d = (unsigned long)dst, start = (unsigned long)__start_ro_after_init;
	unsigned long flags;
	int err;

	BUG_ON(d < start || len > ro_span() || d - start > ro_span() - len);
	if (!ro_sealed) {
		memcpy(dst, src, len);
		return;
	}
	/*
	 * Once sealed, only the test suites may write (they swap pv_ops
	 * groups and put them back); a production kernel has no writer.
	 */
	if (!IS_ENABLED(CONFIG_KTEST))
		panic("ro_after_init: write to %p after the seal", dst);
	local_irq_save(flags);
	err = map_kernel_range(ro_alias, __pa_symbol(start), ro_span(), PAGE_KERNEL);
	if (err)
		panic("ro_after_init: cannot map its write alias: %d", err);
	memcpy((void *)(ro_alias + (d - start)), src, len);
	unmap_kernel_range(ro_alias, ro_span());
	local_irq_restore(flags);
}
