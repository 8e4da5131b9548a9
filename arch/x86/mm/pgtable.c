// SPDX-License-Identifier: GPL-2.0
/*
 * Walking and changing the kernel page tables (init_pgd).  Entries are
 * only ever written through set_pgd/set_pud/set_pmd/set_pte, and page
 * tables are only allocated and released here (pt_alloc/pt_release), so
 * a hypervisor that must validate page tables sees every change.
 * Intermediate entries are permissive (present, writable, executable):
 * the leaf decides, which keeps W^X a property of leaves alone.
 *
 * Address spaces besides init_pgd come from pgd_alloc(): the kernel half
 * is init_pgd's (the same upper-level tables, so what changes below them
 * shows in every address space), the lower half is the address space's
 * own and is freed with it by pgd_free().  The hypervisor hears of the
 * whole life cycle: paravirt_pgd_alloc() once the table is complete,
 * paravirt_pgd_free() before its pages go back.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <asm/smp.h>
#include <asm/processor.h>
#include <asm/sections.h>
#include "mm_internal.h"

extern pgd_t early_pml4[PTRS_PER_TABLE];
pgd_t *init_pgd = early_pml4;
u64 __supported_pte_mask = ~0ULL;
unsigned long nr_page_tables;

#define MAX_EXEC_RANGES	4

static struct {
	unsigned long start, end;
	const char *what;
} exec_ranges[MAX_EXEC_RANGES];

int declare_exec_range(unsigned long start, unsigned long end, const char *what)
{
	unsigned int i;

	for (i = 0; i < MAX_EXEC_RANGES; i++) {
		if (!exec_ranges[i].end) {
			exec_ranges[i].start = start;
			exec_ranges[i].end = end;
			exec_ranges[i].what = what;
			return 0;
		}
	}
	return -ENOSPC;
}

bool in_declared_exec_range(unsigned long addr)
{
	unsigned int i;

	if (addr >= (unsigned long)_text && addr < (unsigned long)__start_rodata)
		return true;
	for (i = 0; i < MAX_EXEC_RANGES; i++)
		if (addr >= exec_ranges[i].start && addr < exec_ranges[i].end)
			return true;
	return false;
}

bool early_page_tables(void)
{
	return init_pgd == early_pml4;
}

void *pt_alloc(void)
{
	phys_addr_t pa;

	if (page_allocator_ready()) {
		void *v = get_zeroed_page();

		if (v)
			nr_page_tables++;
		return v;
	}
	pa = memblock_phys_alloc(PAGE_SIZE, PAGE_SIZE);
	if (!pa)
		return NULL;
	nr_page_tables++;
	return __va(pa);
}

static inline void *entry_table(u64 e)
{
	return __va(e & PTE_PFN_MASK);
}

static inline bool is_leaf(u64 e)
{
	return e & _PAGE_PSE;
}

/*
 * A new table of @level (1 PTE .. 3 PUD) for the level above to point at.
 * The hypervisor hears of it (paravirt_alloc_*) before it is linked in.
 */
static void *alloc_table(bool alloc, int level, int *err)
{
	void *t = alloc ? pt_alloc() : NULL;
	unsigned long pfn;

	if (!t) {
		*err = alloc ? -ENOMEM : -ENOENT;
		return NULL;
	}
	pfn = PFN_DOWN(__pa(t));
	if (level == 1)
		paravirt_alloc_pte(pfn);
	else if (level == 2)
		paravirt_alloc_pmd(pfn);
	else
		paravirt_alloc_pud(pfn);
	return t;
}

/*
 * The PMD slot for @va in @pgd, allocating missing upper tables when
 * @alloc.  NULL with *err = -ENOMEM, -ENOENT (a level is missing and
 * @alloc is false) or -EEXIST (a 1 GiB page maps @va).
 */
pmd_t *pmd_lookup_alloc(pgd_t *pgd, unsigned long va, bool alloc, int *err)
{
	pgd_t *g = &pgd[pgd_index(va)];
	pud_t *u;
	void *t;

	if (!(pgd_val(*g) & _PAGE_PRESENT)) {
		if (!(t = alloc_table(alloc, 3, err)))
			return NULL;
		set_pgd(g, __pgd(__pa(t) | _KERNPG_TABLE));
	}
	u = (pud_t *)entry_table(pgd_val(*g)) + pud_index(va);
	if (!(pud_val(*u) & _PAGE_PRESENT)) {
		if (!(t = alloc_table(alloc, 2, err)))
			return NULL;
		set_pud(u, __pud(__pa(t) | _KERNPG_TABLE));
	} else if (is_leaf(pud_val(*u))) {
		*err = -EEXIST;
		return NULL;
	}
	return (pmd_t *)entry_table(pud_val(*u)) + pmd_index(va);
}

/* The PTE slot for @va; as above, and -EEXIST if a 2 MiB page maps it. */
pte_t *pte_lookup_alloc(pgd_t *pgd, unsigned long va, bool alloc, int *err)
{
	pmd_t *m = pmd_lookup_alloc(pgd, va, alloc, err);
	void *t;

	if (!m)
		return NULL;
	if (!(pmd_val(*m) & _PAGE_PRESENT)) {
		if (!(t = alloc_table(alloc, 1, err)))
			return NULL;
		set_pmd(m, __pmd(__pa(t) | _KERNPG_TABLE));
	} else if (is_leaf(pmd_val(*m))) {
		*err = -EEXIST;
		return NULL;
	}
	return (pte_t *)entry_table(pmd_val(*m)) + pte_index(va);
}

/* The first top-level slot of the kernel half (the upper canonical half). */
#define KERNEL_PGD_FIRST	(PTRS_PER_TABLE / 2)

pgd_t *pgd_alloc(void)
{
	pgd_t *pgd;
	unsigned int i;
	int err;

	if (!page_allocator_ready()) {
		pr_err("pgd_alloc: no page allocator yet\n");
		return NULL;
	}
	pgd = get_zeroed_page();
	if (!pgd)
		return NULL;
	/*
	 * Not a page table yet: plain stores, in the tables' own form (a
	 * hypervisor validates them when the table becomes one).  The
	 * hypervisor's slots are its own to fill.
	 */
	for (i = KERNEL_PGD_FIRST; i < PTRS_PER_TABLE; i++)
		if (!pgd_index_is_hypervisor(i))
			pgd[i] = init_pgd[i];
	paravirt_alloc_p4d(PFN_DOWN(__pa(pgd)));
	err = paravirt_pgd_alloc(pgd);
	if (err) {
		pr_err("pgd_alloc: the hypervisor refused the new address space: %d\n", err);
		paravirt_release_p4d(PFN_DOWN(__pa(pgd)));
		free_page(pgd);
		return NULL;
	}
	nr_page_tables++;
	return pgd;
}

/* Release and free the tables under entry @e of a table of @level (3 = PGD). */
static void free_subtree(u64 e, int level)
{
	u64 *t = entry_table(e);
	unsigned long pfn = PFN_DOWN(__pa(t));
	unsigned int i;

	if (level > 1) {
		for (i = 0; i < PTRS_PER_TABLE; i++) {
			u64 v = pt_entry(&t[i]);

			if ((v & _PAGE_PRESENT) && !is_leaf(v))
				free_subtree(v, level - 1);
		}
	}
	if (level == 3)
		paravirt_release_pud(pfn);
	else if (level == 2)
		paravirt_release_pmd(pfn);
	else
		paravirt_release_pte(pfn);
	free_page(t);
	nr_page_tables--;
}

bool pgd_release(pgd_t *pgd)
{
	unsigned int i;

	if (!pgd || pgd == init_pgd)
		return false;
	if (__pa(pgd) == (read_cr3() & PTE_PFN_MASK)) {
		pr_err("pgd_free: %p is the address space in use: not freed\n", pgd);
		return false;
	}
	/* First it stops being an address space, then its tables go. */
	paravirt_pgd_free(pgd);
	for (i = 0; i < KERNEL_PGD_FIRST; i++) {
		u64 v = pgd_val(pgd[i]);

		if (v & _PAGE_PRESENT)
			free_subtree(v, 3);
	}
	paravirt_release_p4d(PFN_DOWN(__pa(pgd)));
	nr_page_tables--;
	return true;
}

void pgd_free(pgd_t *pgd)
{
	if (pgd_release(pgd))
		free_page(pgd);
}

int map_pages_in(pgd_t *pgd, unsigned long va, phys_addr_t pa, size_t size, pgprot_t prot)
{
	unsigned long end = va + size;
	int err = 0;

	if ((va | pa | size) & ~PAGE_MASK || end < va)
		return -EINVAL;
	prot &= __supported_pte_mask;
	/* Updates in between may be batched (one hypercall for many). */
	arch_enter_lazy_mmu_mode();
	for (; va < end; va += PAGE_SIZE, pa += PAGE_SIZE) {
		pte_t *p = pte_lookup_alloc(pgd, va, true, &err);

		if (!p)
			break;
		if (pte_val(*p) & _PAGE_PRESENT) {
			err = -EEXIST;
			break;
		}
		set_pte(p, __pte(pa | prot));
	}
	arch_leave_lazy_mmu_mode();
	return err;
}

int map_kernel_range(unsigned long va, phys_addr_t pa, size_t size, pgprot_t prot)
{
	return map_pages_in(init_pgd, va, pa, size, prot);
}

int map_kernel_pte_raw(unsigned long va, pte_t pte)
{
	pte_t *p;
	int err = 0;

	if (va & ~PAGE_MASK)
		return -EINVAL;
	p = pte_lookup_alloc(init_pgd, va, true, &err);
	if (!p)
		return err;
	if (pte_val(*p) & _PAGE_PRESENT)
		return -EEXIST;
	set_pte(p, pte);
	return 0;
}

pte_t *kernel_pte_slot(unsigned long va)
{
	int err;

	return pte_lookup_alloc(init_pgd, va & PAGE_MASK, false, &err);
}

pte_t *kernel_pte_slot_alloc(unsigned long va, int *err)
{
	return pte_lookup_alloc(init_pgd, va & PAGE_MASK, true, err);
}

int set_kernel_pte(unsigned long va, pte_t pte)
{
	pte_t *p;
	int err = -ENOENT;

	if (va & ~PAGE_MASK)
		return -EINVAL;
	p = pte_lookup_alloc(init_pgd, va, false, &err);
	if (!p)
		return err;
	set_pte(p, pte);
	return 0;
}

void unmap_kernel_range(unsigned long va, size_t size)
{
	unsigned long start = va, end = va + size;
	int err;

	arch_enter_lazy_mmu_mode();
	for (va &= PAGE_MASK; va < end; va += PAGE_SIZE) {
		pte_t *p = pte_lookup_alloc(init_pgd, va, false, &err);

		if (!p || !(pte_val(*p) & _PAGE_PRESENT))
			continue;
		set_pte(p, __pte(0));
		flush_tlb_one_kernel(va);
	}
	arch_leave_lazy_mmu_mode();
	/* The other CPUs may hold the entries too (smp.c: shootdown). */
	if (num_online_cpus() > 1)
		flush_tlb_kernel_range(start, end);
}

int protect_kernel_range(unsigned long va, size_t size, pgprot_t prot)
{
	unsigned long start = va, end = va + size;
	int err = 0;

	prot &= __supported_pte_mask;
	for (va &= PAGE_MASK; va < end; va += PAGE_SIZE) {
		pte_t *p = pte_lookup_alloc(init_pgd, va, false, &err);

		if (!p)
			return err;
		if (!(pte_val(*p) & _PAGE_PRESENT))
			return -ENOENT;
		set_pte(p, __pte((pte_val(*p) & PTE_PFN_MASK) | prot));
		flush_tlb_one_kernel(va);
	}
	if (num_online_cpus() > 1)
		flush_tlb_kernel_range(start, end);
	return 0;
}

u64 *lookup_address(unsigned long va, unsigned long *level_size)
{
	return lookup_address_in(__va(read_cr3() & PTE_PFN_MASK), va, level_size);
}

u64 *lookup_address_in(pgd_t *pgd, unsigned long va, unsigned long *level_size)
{
	u64 *t = (u64 *)pgd;
	static const unsigned int shifts[] = { P4D_SHIFT, PUD_SHIFT, PMD_SHIFT, PAGE_SHIFT };
	unsigned int i;

	if (pgd_index_is_hypervisor(pgd_index(va)))
		return NULL;
	for (i = 0; i < ARRAY_SIZE(shifts); i++) {
		u64 *e = &t[(va >> shifts[i]) & 511], v = pt_entry(e);

		if (!(v & _PAGE_PRESENT))
			return NULL;
		if (i == 3 || (i > 0 && is_leaf(v))) {
			if (level_size)
				*level_size = 1UL << shifts[i];
			return e;
		}
		t = entry_table(v);
	}
	return NULL;
}
