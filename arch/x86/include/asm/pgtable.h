/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Page tables: value constructors, entry writes and the kernel's mapping
 * API.  Entry writes go through set_pte()/set_pmd()/set_pud()/set_pgd(),
 * the only places a page-table entry is stored (paravirt can route them;
 * Xen PV needs them to become hypercalls).
 */
#ifndef _ASM_X86_PGTABLE_H
#define _ASM_X86_PGTABLE_H

#include <asm/pgtable_types.h>
#include <asm/page.h>
#include <linux/compiler.h>

static inline pte_t native_make_pte(u64 v) { return (pte_t){ v }; }
static inline u64 native_pte_val(pte_t p) { return p.pte; }
static inline pmd_t native_make_pmd(u64 v) { return (pmd_t){ v }; }
static inline u64 native_pmd_val(pmd_t p) { return p.pmd; }
static inline pud_t native_make_pud(u64 v) { return (pud_t){ v }; }
static inline u64 native_pud_val(pud_t p) { return p.pud; }
static inline pgd_t native_make_pgd(u64 v) { return (pgd_t){ v }; }
static inline u64 native_pgd_val(pgd_t p) { return p.pgd; }

/*
 * One store, in the registers of the paravirt template (entry pointer in
 * %rdi, value in %rsi), so both builds emit the same instruction.
 */
static __always_inline void native_set_entry(void *p, u64 v)
{
	asm volatile("mov %1, (%0)" : : "D"(p), "S"(v) : "memory");
}

static inline void native_set_pte(pte_t *p, pte_t v) { native_set_entry(p, v.pte); }
static inline void native_set_pmd(pmd_t *p, pmd_t v) { native_set_entry(p, v.pmd); }
static inline void native_set_pud(pud_t *p, pud_t v) { native_set_entry(p, v.pud); }
static inline void native_set_pgd(pgd_t *p, pgd_t v) { native_set_entry(p, v.pgd); }

#ifdef CONFIG_PARAVIRT
#include <asm/paravirt.h>
#else
static inline pte_t __pte(u64 v) { return native_make_pte(v); }
static inline u64 pte_val(pte_t p) { return native_pte_val(p); }
static inline pmd_t __pmd(u64 v) { return native_make_pmd(v); }
static inline u64 pmd_val(pmd_t p) { return native_pmd_val(p); }
static inline pud_t __pud(u64 v) { return native_make_pud(v); }
static inline u64 pud_val(pud_t p) { return native_pud_val(p); }
static inline pgd_t __pgd(u64 v) { return native_make_pgd(v); }
static inline u64 pgd_val(pgd_t p) { return native_pgd_val(p); }

static inline void set_pte(pte_t *p, pte_t v) { native_set_pte(p, v); }
static inline void set_pmd(pmd_t *p, pmd_t v) { native_set_pmd(p, v); }
static inline void set_pud(pud_t *p, pud_t v) { native_set_pud(p, v); }
static inline void set_pgd(pgd_t *p, pgd_t v) { native_set_pgd(p, v); }

/* Page-table page life cycle and batching: nothing to do natively. */
static inline void paravirt_alloc_pte(unsigned long pfn) { }
static inline void paravirt_alloc_pmd(unsigned long pfn) { }
static inline void paravirt_alloc_pud(unsigned long pfn) { }
static inline void paravirt_alloc_p4d(unsigned long pfn) { }
static inline void paravirt_release_pte(unsigned long pfn) { }
static inline void paravirt_release_pmd(unsigned long pfn) { }
static inline void paravirt_release_pud(unsigned long pfn) { }
static inline void paravirt_release_p4d(unsigned long pfn) { }
/*
 * 0 as the patched PARAVIRT=y site has it, xor %eax, %eax, which the
 * compiler cannot see through: both builds run it and the test of the
 * result (three instructions per address space, which a failure path
 * that PARAVIRT=y natively never takes would otherwise make PARAVIRT=y's
 * alone).
 */
static inline int paravirt_pgd_alloc(pgd_t *pgd)
{
	int ret;

	asm volatile("xor %0, %0" : "=a" (ret) : : "cc");
	return ret;
}
static inline void paravirt_pgd_free(pgd_t *pgd) { }
static inline void arch_enter_lazy_mmu_mode(void) { }
static inline void arch_leave_lazy_mmu_mode(void) { }
static inline void arch_flush_lazy_mmu_mode(void) { }
#endif

static inline unsigned int pgd_index(unsigned long va) { return (va >> P4D_SHIFT) & 511; }
static inline unsigned int pud_index(unsigned long va) { return (va >> PUD_SHIFT) & 511; }
static inline unsigned int pmd_index(unsigned long va) { return (va >> PMD_SHIFT) & 511; }
static inline unsigned int pte_index(unsigned long va) { return (va >> PAGE_SHIFT) & 511; }

/* The kernel's top-level table (what CR3 holds once paging_init ran). */
extern pgd_t *init_pgd;
/* PTE bits this CPU honours (no NX, no G where it lacks them). */
extern u64 __supported_pte_mask;

/*
 * Map [va, va + size) to [pa, ...) with prot, 4 KiB pages, allocating
 * intermediate tables.  Returns 0 or -ENOMEM / -EEXIST / -EINVAL.
 */
int map_kernel_range(unsigned long va, phys_addr_t pa, size_t size, pgprot_t prot);
/* The same in the address space under @pgd. */
int map_pages_in(pgd_t *pgd, unsigned long va, phys_addr_t pa, size_t size, pgprot_t prot);

/*
 * A new address space: the kernel half shared with init_pgd, the lower
 * half empty; NULL on failure (said why).  pgd_free() frees it and the
 * tables of its lower half; it must not be the one loaded.  Top-level
 * slots of the kernel half that init_pgd gains later are not copied.
 */
pgd_t *pgd_alloc(void);
void pgd_free(pgd_t *pgd);
/*
 * pgd_free() but for the page itself, which stays the caller's (a test
 * that looks at it afterwards, before another CPU can allocate it):
 * false, and nothing done, where pgd_free() would refuse.
 */
bool pgd_release(pgd_t *pgd);

/*
 * Map one 4 KiB page with an entry already in the tables' own form, for a
 * frame that has no physical address of ours (a hypervisor's page, given
 * as a machine address).  0 or -errno as above.
 */
int map_kernel_pte_raw(unsigned long va, pte_t pte);
/* Remove 4 KiB mappings in [va, va + size) and flush them from the TLB. */
void unmap_kernel_range(unsigned long va, size_t size);
/*
 * Replace the 4 KiB entry for @va in tables that exist (nothing is
 * allocated: -ENOENT without them, -EEXIST under a large page).  The
 * caller may batch (lazy MMU mode) and flushes the TLB.
 */
int set_kernel_pte(unsigned long va, pte_t pte);
/* The 4 KiB entry slot for @va if its tables exist (nothing allocated), else NULL. */
pte_t *kernel_pte_slot(unsigned long va);
/* The same, building the tables down to it if missing (NULL, *@err on failure). */
pte_t *kernel_pte_slot_alloc(unsigned long va, int *err);
/* Change the protection of mapped 4 KiB pages in [va, va + size). */
int protect_kernel_range(unsigned long va, size_t size, pgprot_t prot);
/* The leaf entry mapping va (any level), its size in *level_size; NULL if none. */
u64 *lookup_address(unsigned long va, unsigned long *level_size);
/* The same in the tables under @pgd (one not loaded yet, say). */
u64 *lookup_address_in(pgd_t *pgd, unsigned long va, unsigned long *level_size);

/*
 * Executable mappings besides kernel text must be declared (a platform
 * ROM's code): W^X checks accept exactly these.
 */
int declare_exec_range(unsigned long start, unsigned long end, const char *what);
bool in_declared_exec_range(unsigned long addr);

void paging_init(void);
/*
 * Make .data..ro_after_init read-only (once set-up is done writing it);
 * after that ro_after_init_write() is its only writer, through an alias
 * mapped for the one copy, and only in a CONFIG_KTEST kernel (the suites
 * swap pv_ops groups and put them back): otherwise a write panics.
 */
void mark_ro_after_init(void);
bool ro_after_init_sealed(void);
void ro_after_init_write(void *dst, const void *src, size_t len);
/* True until paging_init switched to the kernel's own page tables. */
bool early_page_tables(void);

/*
 * An entry of any level as the kernel thinks of it: pseudo-physical under
 * Xen PV (tables hold machine frames there), the stored value natively.
 * Walkers read entries through this, never raw.
 */
static inline u64 pt_entry(const u64 *e)
{
	return pte_val(*(const pte_t *)e);
}

/* L4 slots that are the hypervisor's, not the kernel's. */
static inline bool pgd_index_is_hypervisor(unsigned int i)
{
	return i >= ((HYPERVISOR_HOLE_START >> P4D_SHIFT) & 511) &&
	       i < ((HYPERVISOR_HOLE_END >> P4D_SHIFT) & 511);
}

#endif
