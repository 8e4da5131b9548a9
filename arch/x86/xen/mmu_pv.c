// SPDX-License-Identifier: GPL-2.0
/*
 * The PV MMU: entry values, entry writes, TLB and CR3 ops, and which pages
 * are page tables.  Page tables hold machine frames (MFNs); the kernel
 * thinks in pseudo-physical frames (PFNs): make_pte and friends translate
 * with the P2M, pte_val and friends with the M2P (p2m.c).  Page tables are
 * never mapped writable: every page that becomes one is remapped read-only
 * first (alloc_*), remembered in pt_bitmap (one bit per pfn of RAM), and
 * any leaf mapping of it is made read-only by make_pte.  Entries change only through mmu_update
 * (batched in lazy mode, multicalls.c); TLB flushes and CR3 loads are
 * mmuext_ops; a new top-level table is pinned before use.
 */
#define pr_fmt(fmt) "xen: " fmt

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <asm/bitops.h>
#include <asm/paravirt.h>
#include <asm/pgtable.h>
#include <asm/sections.h>
#include <asm/processor.h>
#include <asm/io.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/start_info.h>
#include "xen-ops.h"

/*
 * One bit per pfn below pt_bitmap_pfns: set while the page is a page
 * table.  Allocated by xen_pt_bitmap_init() once memblock knows RAM, so
 * it grows with the domain; before then nothing asks (paging_init() is
 * the first to build entries) and nothing may mark.
 */
static unsigned long *pt_bitmap;
static unsigned long pt_bitmap_pfns;
static u64 xen_cr3;			/* pseudo-physical L4 in use */
static u64 pinned_l4;			/* our pinned L4 (0: Xen's initial one) */
unsigned long xen_bad_entries;		/* translations that had no frame */

static bool is_pagetable(unsigned long pfn)
{
	return pfn < pt_bitmap_pfns && (pt_bitmap[pfn / BITS_PER_LONG] &
					(1UL << (pfn % BITS_PER_LONG)));
}

void xen_mark_pagetable(unsigned long pfn, bool on)
{
	/* An untracked table would be mapped writable and fail the pin. */
	if (pfn >= pt_bitmap_pfns)
		panic("xen: page table at pfn %#lx outside the tracked %#lx pfns",
		      pfn, pt_bitmap_pfns);
	if (on)
		pt_bitmap[pfn / BITS_PER_LONG] |= 1UL << (pfn % BITS_PER_LONG);
	else
		pt_bitmap[pfn / BITS_PER_LONG] &= ~(1UL << (pfn % BITS_PER_LONG));
}

/* Room for @nr_pfns bits, from memory the early direct map reaches. */
void __init xen_pt_bitmap_init(unsigned long nr_pfns)
{
	size_t len = DIV_ROUND_UP(nr_pfns, BITS_PER_LONG) * sizeof(long);
	phys_addr_t pa = memblock_phys_alloc(len, PAGE_SIZE);

	if (!pa)
		panic("xen: no memory for the page-table bitmap of %lu pfns", nr_pfns);
	pt_bitmap = __va(pa);		/* zeroed by memblock */
	pt_bitmap_pfns = nr_pfns;
}

/* --- entry values -------------------------------------------------------- */

static u64 entry_to_machine(u64 v, bool leaf)
{
	unsigned long pfn, mfn;

	if (!(v & _PAGE_PRESENT))
		return v;
	pfn = (v & PTE_PFN_MASK) >> PAGE_SHIFT;
	mfn = pfn_to_mfn(pfn);
	if (mfn == XEN_INVALID_MFN) {
		xen_bad_entries++;
		return 0;		/* no frame: leave it unmapped */
	}
	if (leaf && is_pagetable(pfn))
		v &= ~_PAGE_RW;		/* Xen would refuse it anyway */
	return (v & ~PTE_PFN_MASK) | ((u64)mfn << PAGE_SHIFT);
}

static u64 entry_to_pseudo(u64 v)
{
	unsigned long pfn;

	if (!(v & _PAGE_PRESENT))
		return v;
	pfn = mfn_to_pfn((v & PTE_PFN_MASK) >> PAGE_SHIFT);
	/*
	 * A frame neither ours nor 1:1 (shared_info, another domain's) has
	 * no pseudo-physical address: read as not present, as Linux does,
	 * so no caller takes the machine number for a pfn and remaps it.
	 */
	if (pfn == XEN_INVALID_MFN)
		return v & ~(PTE_PFN_MASK | _PAGE_PRESENT);
	return (v & ~PTE_PFN_MASK) | ((u64)pfn << PAGE_SHIFT);
}

static __used noinline u64 xen_make_pte(u64 v) { return entry_to_machine(v, true); }
static __used noinline u64 xen_make_table(u64 v) { return entry_to_machine(v, false); }
static __used noinline u64 xen_entry_val(u64 v) { return entry_to_pseudo(v); }

PV_CALLEE_SAVE_RSI_THUNK(xen_make_pte);
PV_CALLEE_SAVE_RSI_THUNK(xen_make_table);
PV_CALLEE_SAVE_RSI_THUNK(xen_entry_val);

/* --- entry writes ------------------------------------------------------- */

static void set_entry_now(void *ptep, u64 v)
{
	struct mmu_update u = {
		.ptr = virt_to_machine(ptep) | MMU_NORMAL_PT_UPDATE,
		.val = v,
	};
	long err = HYPERVISOR_mmu_update(&u, 1, NULL, DOMID_SELF);

	if (err)
		pr_err("mmu_update of %p to %#llx: %s\n", ptep, v, xen_errname(err));
}

/* Leaves are queued in lazy mode: nothing reads a slot it just wrote. */
static __used noinline void xen_set_pte(void *ptep, u64 v)
{
	if (xen_lazy_mmu)
		xen_queue_mmu_update(virt_to_machine(ptep) | MMU_NORMAL_PT_UPDATE, v);
	else
		set_entry_now(ptep, v);
}

/*
 * Upper levels are written at once: the walker that links a new table
 * reads the entry back to descend into it.  Queued behind any pending
 * leaves and sent with them, it costs one trap, not two.
 */
static __used noinline void xen_set_table(void *ptep, u64 v)
{
	xen_queue_mmu_update(virt_to_machine(ptep) | MMU_NORMAL_PT_UPDATE, v);
	xen_flush_batch();
}

PV_VOID_CALLEE_SAVE_REGS_THUNK(xen_set_pte);
PV_VOID_CALLEE_SAVE_REGS_THUNK(xen_set_table);

static void mmuext(unsigned int cmd, u64 arg)
{
	struct mmuext_op op = { .cmd = cmd };
	long err;

	if (cmd == MMUEXT_INVLPG_LOCAL)
		op.arg1.linear_addr = arg;
	else
		op.arg1.mfn = arg;
	if (xen_lazy_mmu && (cmd == MMUEXT_INVLPG_LOCAL || cmd == MMUEXT_TLB_FLUSH_LOCAL)) {
		xen_queue_mmuext(&op);
		return;
	}
	err = HYPERVISOR_mmuext_op(&op, 1, NULL, DOMID_SELF);
	if (err)
		panic("xen: mmuext_op %u (%#llx): %s", cmd, (unsigned long long)arg,
		      xen_errname(err));
}

static __used noinline unsigned long xen_flush_tlb_user(void)
{
	mmuext(MMUEXT_TLB_FLUSH_LOCAL, 0);
	return 0;
}

static void xen_flush_tlb_kernel(void)
{
	mmuext(MMUEXT_TLB_FLUSH_LOCAL, 0);
}

static __used noinline void xen_flush_tlb_one(unsigned long addr)
{
	mmuext(MMUEXT_INVLPG_LOCAL, addr);
}

PV_CALLEE_SAVE_REGS_THUNK(xen_flush_tlb_user);
PV_VOID_CALLEE_SAVE_REGS_THUNK(xen_flush_tlb_one);

/* --- control registers ---------------------------------------------------- */

static __used noinline unsigned long xen_read_cr2(void)
{
	return READ_ONCE(xen_vcpu->arch.cr2);
}

static __used noinline unsigned long xen_read_cr3(void)
{
	return xen_cr3;
}

/*
 * A table page allocated after its own direct-map entry was written is
 * still mapped writable in the new tables, and Xen refuses to pin those:
 * make every such leaf read-only first.
 */
static void fix_table_aliases(unsigned long l4_pa)
{
	pgd_t *l4 = __va(l4_pa);
	unsigned long w, pfn, fixed = 0;

	for (w = 0; w < DIV_ROUND_UP(pt_bitmap_pfns, BITS_PER_LONG); w++) {
		unsigned long bits = pt_bitmap[w];

		while (bits) {
			unsigned long va[2], n = 0, i;

			pfn = w * BITS_PER_LONG + __builtin_ctzl(bits);
			bits &= bits - 1;
			va[n++] = (unsigned long)__va(PFN_PHYS(pfn));
			if (PFN_PHYS(pfn) >= __pa_symbol(_sdata) && PFN_PHYS(pfn) < __pa_symbol(_end))
				va[n++] = PFN_PHYS(pfn) + __START_KERNEL_map;
			for (i = 0; i < n; i++) {
				u64 *e = lookup_address_in(l4, va[i], NULL);

				if (e && (*e & _PAGE_RW)) {
					xen_queue_mmu_update(virt_to_machine(e) |
							     MMU_NORMAL_PT_UPDATE,
							     *e & ~_PAGE_RW);
					fixed++;
				}
			}
		}
	}
	xen_flush_batch();		/* one trap for all of them */
	if (fixed)
		pr_info("%lu page-table pages were mapped writable in the new tables: fixed\n",
			fixed);
}

/* A new L4 is pinned (validated) once; the first switch unpins Xen's. */
static __used noinline void xen_write_cr3(unsigned long pa)
{
	unsigned long mfn = pfn_to_mfn(PFN_DOWN(pa));
	u64 old = xen_cr3;

	xen_flush_batch();
	if (pa != pinned_l4 && pa != old) {
		fix_table_aliases(pa);
		mmuext(MMUEXT_PIN_L4_TABLE, mfn);
		pr_info("pinned L4 at %#lx (mfn %#lx)\n", pa, mfn);
	}
	mmuext(MMUEXT_NEW_BASEPTR, mfn);
	xen_cr3 = pa;
	if (pa != old && !pinned_l4) {
		mmuext(MMUEXT_UNPIN_TABLE, pfn_to_mfn(PFN_DOWN(old)));
		pr_info("running on our own page tables; Xen's initial ones unpinned\n");
	}
	if (pa != old)
		pinned_l4 = pa;
}

PV_CALLEE_SAVE_REGS_THUNK(xen_read_cr2);
PV_CALLEE_SAVE_REGS_THUNK(xen_read_cr3);
PV_VOID_CALLEE_SAVE_REGS_THUNK(xen_write_cr3);

/* --- page-table life cycle -------------------------------------------------- */

/* Map @pfn read-only (or back to writable) wherever the kernel maps it. */
void xen_set_page_ro(unsigned long pfn, bool ro)
{
	u64 pa = PFN_PHYS(pfn), pte;
	unsigned long va[2];
	unsigned int n = 0, i;
	long err;

	xen_mark_pagetable(pfn, ro);
	pte = ((u64)pfn_to_mfn(pfn) << PAGE_SHIFT) | _PAGE_PRESENT | _PAGE_ACCESSED |
	      (ro ? 0 : _PAGE_RW | _PAGE_DIRTY);
	if (boot_cpu_has(X86_FEATURE_NX))
		pte |= _PAGE_NX;
	if (pa < xen_direct_mapped_end)
		va[n++] = (unsigned long)__va(pa);
	if (pa >= __pa_symbol(_sdata) && pa < __pa_symbol(_end))
		va[n++] = (unsigned long)pa + __START_KERNEL_map;
	for (i = 0; i < n; i++) {
		err = HYPERVISOR_update_va_mapping(va[i], pte, UVMF_INVLPG | UVMF_LOCAL);
		if (err)
			panic("xen: cannot make pfn %#lx %s at %#lx: %s", pfn,
			      ro ? "read-only" : "writable", va[i], xen_errname(err));
	}
}

static void xen_alloc_table(unsigned long pfn) { xen_set_page_ro(pfn, true); }
static void xen_release_table(unsigned long pfn) { xen_set_page_ro(pfn, false); }

static void xen_lazy_enter(void) { xen_lazy_mmu = true; }
static void xen_lazy_leave(void) { xen_flush_batch(); xen_lazy_mmu = false; }
static void xen_lazy_flush(void) { xen_flush_batch(); }

const struct pv_mmu_ops xen_mmu_ops = {
	.read_cr2 = PV_CALLEE_SAVE(xen_read_cr2),
	.read_cr3 = PV_CALLEE_SAVE(xen_read_cr3),
	.write_cr3 = PV_CALLEE_SAVE(xen_write_cr3),
	.flush_tlb_user = PV_CALLEE_SAVE(xen_flush_tlb_user),
	.flush_tlb_kernel = xen_flush_tlb_kernel,
	.flush_tlb_one_user = PV_CALLEE_SAVE(xen_flush_tlb_one),
	.alloc_pte = xen_alloc_table,
	.alloc_pmd = xen_alloc_table,
	.alloc_pud = xen_alloc_table,
	.alloc_p4d = xen_alloc_table,
	.release_pte = xen_release_table,
	.release_pmd = xen_release_table,
	.release_pud = xen_release_table,
	.release_p4d = xen_release_table,
	.set_pte = PV_CALLEE_SAVE(xen_set_pte),
	.set_pmd = PV_CALLEE_SAVE(xen_set_table),
	.set_pud = PV_CALLEE_SAVE(xen_set_table),
	.set_p4d = PV_CALLEE_SAVE(xen_set_table),
	.pte_val = PV_CALLEE_SAVE(xen_entry_val),
	.make_pte = PV_CALLEE_SAVE(xen_make_pte),
	.pmd_val = PV_CALLEE_SAVE(xen_entry_val),
	.make_pmd = PV_CALLEE_SAVE(xen_make_table),
	.pud_val = PV_CALLEE_SAVE(xen_entry_val),
	.make_pud = PV_CALLEE_SAVE(xen_make_table),
	.p4d_val = PV_CALLEE_SAVE(xen_entry_val),
	.make_p4d = PV_CALLEE_SAVE(xen_make_table),
	.lazy_enter = xen_lazy_enter,
	.lazy_leave = xen_lazy_leave,
	.lazy_flush = xen_lazy_flush,
};

/* Boot: Xen's initial L4 is the one loaded, already pinned by Xen. */
void __init xen_mmu_init(u64 pt_base_pa)
{
	xen_cr3 = pt_base_pa;
}
