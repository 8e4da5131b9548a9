// SPDX-License-Identifier: GPL-2.0
/*
 * The PV MMU: entry values, entry writes, TLB and CR3 ops, and which pages
 * are page tables.  Page tables hold machine frames (MFNs); the kernel
 * thinks in pseudo-physical frames (PFNs): make_pte and friends translate
 * with the P2M, pte_val and friends with the M2P (p2m.c).  Page tables are
 * never mapped writable: every page that becomes one is remapped read-only
 * first (alloc_*), remembered in xen_pt_bitmap (one bit per pfn of RAM), and
 * any leaf mapping of it is made read-only by make_pte.  Every request to Xen (entry writes, TLB
 * flushes, pins, CR3 loads, remappings) goes through this CPU's queue of
 * multicalls.c, so none overtakes another.
 *
 * Address spaces: a top-level table is pinned when it becomes one
 * (pgd_alloc, or paging_init's once complete) and unpinned when it is
 * freed; write_cr3 only loads.  A 64-bit PV guest has a second L4 for
 * user mode: every address space but the kernel's own (init_pgd) gets
 * one, pinned and freed with it, holding the same user-half entries
 * (set_pgd writes both), and write_cr3 loads it as the user base pointer
 * (0 for the kernel's own).  Xen's initial L4 is pinned by Xen and
 * unpinned once we run on ours.
 */
#define pr_fmt(fmt) "xen: " fmt

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <asm/bitops.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <asm/paravirt.h>
#include <asm/pgtable.h>
#include <asm/sections.h>
#include <asm/processor.h>
#include <asm/io.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/start_info.h>
#include "xen-ops.h"

/*
 * One bit per pfn below xen_pt_bitmap_pfns: set while the page is a page
 * table.  Allocated by xen_pt_bitmap_init() once memblock knows RAM, so
 * it grows with the domain; before then nothing asks (paging_init() is
 * the first to build entries) and nothing may mark.
 */
unsigned long *xen_pt_bitmap;
unsigned long xen_pt_bitmap_pfns;
/* Per CPU: the pseudo-physical L4 it has loaded (0: none yet). */
/* This CPU's page-table base, as read_cr3 gives it (xen-asm.S reads it). */
DECLARE_PER_CPU(u64, xen_cr3);
DEFINE_PER_CPU(u64, xen_cr3);
static u64 xen_initial_l4;		/* Xen's, until unpinned (then 0) */
unsigned long xen_bad_entries;		/* translations that had no frame */

/* Pinned address spaces: the L4 and its user-mode L4 (0: none). */
#define XEN_MAX_SPACES	32
#define USER_PGD_PTRS	(PTRS_PER_TABLE / 2)
static struct xen_space {
	u64 pa, user_pa;
	/* Their machine frames: a pinned table's frame never changes. */
	unsigned long mfn, user_mfn;	/* user_mfn 0: no user L4 */
	bool used;
} spaces[XEN_MAX_SPACES];
/*
 * Taken by pgd_alloc and pgd_free for their whole run (they are rare,
 * and a slot must not be claimed twice or freed while being filled);
 * lookups of a space by its own L4 read the table without it.
 */
static DEFINE_SPINLOCK(spaces_lock);

static bool is_pagetable(unsigned long pfn)
{
	return pfn < xen_pt_bitmap_pfns && (xen_pt_bitmap[pfn / BITS_PER_LONG] &
					(1UL << (pfn % BITS_PER_LONG)));
}

void xen_mark_pagetable(unsigned long pfn, bool on)
{
	/* An untracked table would be mapped writable and fail the pin. */
	if (pfn >= xen_pt_bitmap_pfns)
		panic("xen: page table at pfn %#lx outside the tracked %#lx pfns",
		      pfn, xen_pt_bitmap_pfns);
	/* Locked: another CPU may be marking a table in the same word. */
	if (on)
		set_bit(pfn, xen_pt_bitmap);
	else
		clear_bit(pfn, xen_pt_bitmap);
}

/* Room for @nr_pfns bits, from memory the early direct map reaches. */
void __init xen_pt_bitmap_init(unsigned long nr_pfns)
{
	size_t len = DIV_ROUND_UP(nr_pfns, BITS_PER_LONG) * sizeof(long);
	phys_addr_t pa = memblock_phys_alloc(len, PAGE_SIZE);

	if (!pa)
		panic("xen: no memory for the page-table bitmap of %lu pfns", nr_pfns);
	xen_pt_bitmap = __va(pa);		/* zeroed by memblock */
	xen_pt_bitmap_pfns = nr_pfns;
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
		/* Extra pfns have none until ballooned in: no fault of anyone's. */
		if (!xen_pfn_is_extra(pfn))
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
/* The C make_pte, which xen_make_pte_direct must agree with (tests). */
u64 xen_make_pte_c(u64 v) { return xen_make_pte(v); }

/*
 * make_pte's slot is xen_make_pte_direct (xen-asm.S): entry_to_machine()
 * for a leaf in assembly, for a pfn in the P2M run the last lookup hit
 * and with a frame (else this C one).  What it assumes of the layouts:
 */
_Static_assert(offsetof(struct xen_p2m_run, start) == 0 &&
	       offsetof(struct xen_p2m_run, end) == 8 &&
	       offsetof(struct xen_p2m_run, slot) == 16 &&
	       sizeof(struct xen_p2m_run) == 24, "xen-asm.S indexes xen_p2m_runs so");
_Static_assert(PTE_PFN_MASK == 0x000ffffffffff000ULL && _PAGE_PRESENT == 1 && _PAGE_RW == 2,
	       "xen-asm.S takes the pfn as bits 12-51 and the flags as these");
_Static_assert(XEN_IDENTITY_FRAME_BIT + PAGE_SHIFT >= 64,
	       "xen-asm.S drops the 1:1 marker by shifting the frame into place");
void xen_make_pte_direct(void);		/* xen-asm.S */
static __used noinline u64 xen_make_table(u64 v) { return entry_to_machine(v, false); }
static __used noinline u64 xen_entry_val(u64 v) { return entry_to_pseudo(v); }

PV_CALLEE_SAVE_RSI_THUNK(xen_make_pte);
PV_CALLEE_SAVE_RSI_THUNK(xen_make_table);
PV_CALLEE_SAVE_RSI_THUNK(xen_entry_val);

/* --- address spaces ------------------------------------------------------ */

static struct xen_space *find_space(u64 pa)
{
	unsigned int i;

	for (i = 0; i < XEN_MAX_SPACES; i++)
		if (spaces[i].used && spaces[i].pa == pa)
			return &spaces[i];
	return NULL;
}

unsigned long xen_user_pgd_pfn(const void *pgd)
{
	struct xen_space *s = find_space(__pa(pgd));

	return s ? PFN_DOWN(s->user_pa) : 0;
}

/* --- entry writes ------------------------------------------------------- */

static u64 slot_machine(void *ptep)
{
	return virt_to_machine(ptep) | MMU_NORMAL_PT_UPDATE;
}

/*
 * Leaves wait in lazy mode: nothing reads a slot it just wrote.  The
 * slot is xen_set_pte_direct (xen-asm.S): in lazy mode an entry of the
 * page table the last one went to is appended in place
 * (xen_set_pte_lazy); this is the rest, and it notes the page table for
 * the next ones.
 */
static __used noinline void xen_set_pte(void *ptep, u64 v)
{
	u64 ma = slot_machine(ptep);

	xen_queue_mmu_update(ma, v, true);
	if (xen_lazy_mmu_now())
		xen_mc_note_table((unsigned long)ptep, ma);
}

/*
 * Upper levels are written at once: the walker that links a new table
 * reads the entry back to descend into it.  Queued behind any pending
 * leaves and sent with them, it costs one trap, not two.
 */
static __used noinline void xen_set_table(void *ptep, u64 v)
{
	xen_queue_mmu_update(slot_machine(ptep), v, false);
}

/* A user-half slot of an address space with a user L4 is written in both. */
static __used noinline void xen_set_top(void *ptep, u64 v)
{
	unsigned long idx = ((unsigned long)ptep & ~PAGE_MASK) / sizeof(u64);
	struct xen_space *s = NULL;
	unsigned long flags;

	if (idx < USER_PGD_PTRS)
		s = find_space(__pa(ptep) & PAGE_MASK);
	flags = xen_batch_begin();
	xen_queue_mmu_update(slot_machine(ptep), v, false);
	if (s && s->user_pa)
		xen_queue_mmu_update(slot_machine((u64 *)__va(s->user_pa) + idx), v, false);
	xen_batch_end(flags);
}

PV_VOID_CALLEE_SAVE_REGS_THUNK(xen_set_pte);
void xen_set_pte_direct(void);		/* xen-asm.S */
PV_VOID_CALLEE_SAVE_REGS_THUNK(xen_set_table);
PV_VOID_CALLEE_SAVE_REGS_THUNK(xen_set_top);

/*
 * A local flush may wait in lazy mode.  Anything else (pins, unpins) is
 * its own batch: sent now, after what was queued before it, and what it
 * returns is that request's refusal alone, for the caller to act on.
 */
static unsigned int mmuext(unsigned int cmd, u64 mfn)
{
	struct mmuext_op op = { .cmd = cmd, .arg1.mfn = mfn };
	unsigned long flags;

	flags = xen_batch_begin();
	xen_queue_mmuext(&op, false);
	return xen_batch_end(flags);
}

/*
 * Each field stored once, no array to clear; and the flushes that build
 * it carry no canary: the op is Xen's to read, not to fill.
 */
static __always_inline unsigned int local_flush(unsigned int cmd, unsigned long va)
{
	struct mmuext_op op;

	op.cmd = cmd;
	op.arg1.linear_addr = va;
	op.arg2.src_mfn = 0;
	return xen_queue_mmuext(&op, true);
}

static __used noinline __no_stack_protector unsigned long xen_flush_tlb_user(void)
{
	local_flush(MMUEXT_TLB_FLUSH_LOCAL, 0);
	return 0;
}

static __used noinline __no_stack_protector void xen_flush_tlb_kernel(void)
{
	local_flush(MMUEXT_TLB_FLUSH_LOCAL, 0);
}

static __used noinline __no_stack_protector void xen_flush_tlb_one(unsigned long addr)
{
	local_flush(MMUEXT_INVLPG_LOCAL, addr);
}

PV_CALLEE_SAVE_REGS_THUNK(xen_flush_tlb_user);
PV_VOID_CALLEE_SAVE_REGS_THUNK(xen_flush_tlb_one);
PV_VOID_CALLEE_SAVE_REGS_THUNK(xen_flush_tlb_kernel);
/* pgd_alloc's convention: the result in %rax, the rest kept. */
static int xen_pgd_alloc(pgd_t *pgd);
PV_CALLEE_SAVE_REGS_THUNK(xen_pgd_alloc);

/* --- control registers ---------------------------------------------------- */

/* xen-asm.S: one %gs-relative load each, nothing else changed. */
unsigned long xen_read_cr2_direct(void);
unsigned long xen_read_cr3_direct(void);

/*
 * A table page allocated after its own direct-map entry was written is
 * still mapped writable in the new tables, and Xen refuses to pin those:
 * make every such leaf read-only first.
 */
static void fix_table_aliases(unsigned long l4_pa)
{
	pgd_t *l4 = __va(l4_pa);
	unsigned long w, pfn, fixed = 0, flags;

	flags = xen_batch_begin();		/* one trap for all of them */
	for (w = 0; w < DIV_ROUND_UP(xen_pt_bitmap_pfns, BITS_PER_LONG); w++) {
		unsigned long bits = xen_pt_bitmap[w];

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
					xen_queue_mmu_update(slot_machine(e), *e & ~_PAGE_RW, true);
					fixed++;
				}
			}
		}
	}
	xen_batch_end(flags);
	if (fixed)
		pr_info("%lu page-table pages were mapped writable in the new tables: fixed\n",
			fixed);
}

/*
 * What Xen holds as this vCPU's user base pointer (~0: not known yet).
 * Per CPU as Xen's is per vCPU: a load on one vCPU leaves the others'.
 */
static DEFINE_PER_CPU(unsigned long, xen_user_baseptr) = ~0UL;

/* Load an address space pinned before: its L4 and its user-mode L4. */

/* The op of @cmd on @mfn: built in the caller's frame, no array to clear. */
static __always_inline struct mmuext_op baseptr_op(unsigned int cmd, unsigned long mfn)
{
	struct mmuext_op op;

	op.cmd = cmd;
	op.arg1.mfn = mfn;
	return op;
}

/* No canary: the ops on the stack are Xen's to read, not to fill. */
static __used noinline __no_stack_protector void xen_write_cr3(unsigned long pa)
{
	struct xen_space *s = find_space(pa);
	struct mmuext_op op, user;
	unsigned long flags;
	unsigned int bad;

	if (!s) {
		pr_err("write_cr3(%#lx): not a pinned address space: not loaded\n", pa);
		return;
	}
	op = baseptr_op(MMUEXT_NEW_BASEPTR, s->mfn);
	/*
	 * Xen keeps the user base pointer until we change it: only then,
	 * in one batch with the kernel's; alone, the kernel's is one request.
	 */
	if (s->user_mfn == this_cpu_read(xen_user_baseptr)) {
		bad = xen_queue_mmuext(&op, false);
	} else {
		user = baseptr_op(MMUEXT_NEW_USER_BASEPTR, s->user_mfn);
		flags = xen_batch_begin();
		xen_queue_mmuext(&op, false);
		xen_queue_mmuext(&user, false);
		bad = xen_batch_end(flags);
	}
	if (!bad) {
		this_cpu_write(xen_cr3, pa);
		this_cpu_write(xen_user_baseptr, s->user_mfn);
	}
}

/*
 * A secondary vCPU starts on the address space this CPU runs on (Xen
 * takes both L4s from its VCPUOP_initialise context, already pinned):
 * its tracked CR3 is this one's.  Returns the two machine frames.
 */
void xen_cpu_inherit_cr3(unsigned int cpu, u64 *l4_mfn, u64 *user_l4_mfn)
{
	u64 pa = this_cpu_read(xen_cr3);
	struct xen_space *s = find_space(pa);

	per_cpu(xen_cr3, cpu) = pa;
	*l4_mfn = pfn_to_mfn(PFN_DOWN(pa));
	*user_l4_mfn = s ? s->user_mfn : 0;
	/* Xen takes ctrlreg[1] as the new vCPU's user base pointer. */
	per_cpu(xen_user_baseptr, cpu) = *user_l4_mfn;
}

/*
 * Remote shootdown: Xen flushes the vCPUs in @vcpus (Xen's vCPU ids, not
 * ours) and returns once they have, so nothing waits for an answer.  A
 * few pages one by one, more as a whole flush.  Its own request, never
 * queued behind a lazy batch (it must be done when we return).
 */
#define XEN_INVLPG_MAX	8
void xen_flush_tlb_others(unsigned long vcpus, unsigned long start, unsigned long end)
{
	struct mmuext_op op = { .cmd = MMUEXT_TLB_FLUSH_MULTI };
	unsigned long va, flags;
	unsigned int err = 0;

	op.arg2.vcpumask.p = &vcpus;
	flags = xen_batch_begin();
	if ((end - start) >> PAGE_SHIFT <= XEN_INVLPG_MAX) {
		op.cmd = MMUEXT_INVLPG_MULTI;
		for (va = start; va < end; va += PAGE_SIZE) {
			op.arg1.linear_addr = va;
			xen_queue_mmuext(&op, false);
		}
	} else {
		xen_queue_mmuext(&op, false);
	}
	err = xen_batch_end(flags);
	if (err)
		pr_err("remote TLB flush of %#lx..%#lx on vCPUs %#lx refused\n", start, end, vcpus);
}

PV_VOID_CALLEE_SAVE_REGS_THUNK(xen_write_cr3);

/* --- page-table life cycle -------------------------------------------------- */

/*
 * Map @pfn read-only (or back to writable) wherever the kernel maps it,
 * through the queue: ordered after the writes queued before it.  Read-
 * only may wait in lazy mode (the link that makes it a table is sent
 * after it); writable is sent at once, the page is about to be reused.
 */
void xen_set_page_ro(unsigned long pfn, bool ro)
{
	u64 pa = PFN_PHYS(pfn), pte;

	xen_mark_pagetable(pfn, ro);
	pte = ((u64)pfn_to_mfn(pfn) << PAGE_SHIFT) | _PAGE_PRESENT | _PAGE_ACCESSED |
	      (ro ? 0 : _PAGE_RW | _PAGE_DIRTY);
	if (boot_cpu_has(X86_FEATURE_NX))
		pte |= _PAGE_NX;
	if (pa < xen_direct_mapped_end)
		xen_queue_va_mapping((unsigned long)__va(pa), pte, UVMF_INVLPG | UVMF_LOCAL, ro);
	if (pa >= __pa_symbol(_sdata) && pa < __pa_symbol(_end))
		xen_queue_va_mapping((unsigned long)pa + __START_KERNEL_map, pte,
				     UVMF_INVLPG | UVMF_LOCAL, ro);
}

static void xen_alloc_table(unsigned long pfn) { xen_set_page_ro(pfn, true); }
static void xen_release_table(unsigned long pfn) { xen_set_page_ro(pfn, false); }

static void give_back_user_l4(u64 pa)
{
	xen_set_page_ro(PFN_DOWN(pa), false);
	free_page(__va(pa));
}

/*
 * A complete L4 becomes an address space: pinned (with its user L4),
 * which makes Xen validate the whole tree once.  The kernel's own
 * (paging_init's) has no user mode and is checked for writable aliases
 * of its tables first.
 */
static int xen_pgd_alloc_locked(pgd_t *pgd)
{
	u64 pa = __pa(pgd), user_pa = 0;
	struct xen_space *s = NULL;
	unsigned int i;

	for (i = 0; i < XEN_MAX_SPACES && !s; i++)
		if (!spaces[i].used)
			s = &spaces[i];
	if (!s) {
		pr_err("pgd_alloc: all %d address spaces in use\n", XEN_MAX_SPACES);
		return -ENOSPC;
	}
	if (pgd == init_pgd) {
		fix_table_aliases(pa);
	} else {
		void *user = get_zeroed_page();

		if (!user)
			return -ENOMEM;
		user_pa = __pa(user);
		xen_set_page_ro(PFN_DOWN(user_pa), true);
	}
	if (!is_pagetable(PFN_DOWN(pa)))
		xen_set_page_ro(PFN_DOWN(pa), true);
	if (mmuext(MMUEXT_PIN_L4_TABLE, pfn_to_mfn(PFN_DOWN(pa))))
		goto refused;
	if (user_pa && mmuext(MMUEXT_PIN_L4_TABLE, pfn_to_mfn(PFN_DOWN(user_pa)))) {
		mmuext(MMUEXT_UNPIN_TABLE, pfn_to_mfn(PFN_DOWN(pa)));
		goto refused;
	}
	*s = (struct xen_space){ .pa = pa, .user_pa = user_pa, .used = true,
				 .mfn = pfn_to_mfn(PFN_DOWN(pa)),
				 .user_mfn = user_pa ? pfn_to_mfn(PFN_DOWN(user_pa)) : 0 };
	if (pgd == init_pgd)
		pr_info("pinned our L4 at %#llx (mfn %#lx)\n", (unsigned long long)pa,
			pfn_to_mfn(PFN_DOWN(pa)));
	return 0;
refused:
	if (user_pa)
		give_back_user_l4(user_pa);
	return -EINVAL;
}

static __used int xen_pgd_alloc(pgd_t *pgd)
{
	int err;

	spin_lock(&spaces_lock);
	err = xen_pgd_alloc_locked(pgd);
	spin_unlock(&spaces_lock);
	return err;
}

/* It stops being an address space: unpinned, its user L4 freed. */
static void xen_pgd_free_locked(pgd_t *pgd)
{
	struct xen_space *s = find_space(__pa(pgd));
	unsigned int cpu;

	if (!s) {
		pr_err("pgd_free(%p): not a pinned address space\n", pgd);
		return;
	}
	for_each_possible_cpu(cpu) {
		if (s->pa == per_cpu(xen_cr3, cpu)) {
			pr_err("pgd_free(%p): loaded on CPU %u: kept pinned\n", pgd, cpu);
			return;
		}
	}
	mmuext(MMUEXT_UNPIN_TABLE, pfn_to_mfn(PFN_DOWN(s->pa)));
	if (s->user_pa) {
		mmuext(MMUEXT_UNPIN_TABLE, pfn_to_mfn(PFN_DOWN(s->user_pa)));
		give_back_user_l4(s->user_pa);
	}
	s->used = false;
}

static void xen_pgd_free(pgd_t *pgd)
{
	spin_lock(&spaces_lock);
	xen_pgd_free_locked(pgd);
	spin_unlock(&spaces_lock);
}

void __init xen_unpin_initial_tables(void)
{
	struct xen_space *s = find_space(xen_initial_l4);

	if (!s || this_cpu_read(xen_cr3) == xen_initial_l4)
		panic("xen: still on Xen's initial page tables after paging_init");
	if (!mmuext(MMUEXT_UNPIN_TABLE, pfn_to_mfn(PFN_DOWN(xen_initial_l4)))) {
		s->used = false;
		xen_initial_l4 = 0;
		pr_info("running on our own page tables; Xen's initial ones unpinned\n");
	}
}

static void xen_lazy_flush(void) { xen_flush_batch(); }

const struct pv_mmu_ops xen_mmu_ops = {
	.read_cr2 = __PV_IS_CALLEE_SAVE(xen_read_cr2_direct),
	.read_cr3 = __PV_IS_CALLEE_SAVE(xen_read_cr3_direct),
	.write_cr3 = PV_CALLEE_SAVE(xen_write_cr3),
	.flush_tlb_user = PV_CALLEE_SAVE(xen_flush_tlb_user),
	.flush_tlb_kernel = PV_CALLEE_SAVE(xen_flush_tlb_kernel),
	.flush_tlb_one_user = PV_CALLEE_SAVE(xen_flush_tlb_one),
	.alloc_pte = xen_alloc_table,
	.alloc_pmd = xen_alloc_table,
	.alloc_pud = xen_alloc_table,
	.alloc_p4d = xen_alloc_table,
	.release_pte = xen_release_table,
	.release_pmd = xen_release_table,
	.release_pud = xen_release_table,
	.release_p4d = xen_release_table,
	.pgd_alloc = PV_CALLEE_SAVE(xen_pgd_alloc),
	.pgd_free = xen_pgd_free,
	.set_pte = __PV_IS_CALLEE_SAVE(xen_set_pte_direct),
	.set_pmd = PV_CALLEE_SAVE(xen_set_table),
	.set_pud = PV_CALLEE_SAVE(xen_set_table),
	.set_p4d = PV_CALLEE_SAVE(xen_set_top),
	.pte_val = PV_CALLEE_SAVE(xen_entry_val),
	.make_pte = __PV_IS_CALLEE_SAVE(xen_make_pte_direct),
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

/* Boot: Xen's initial L4 is the one loaded, pinned by Xen, no user L4. */
void __init xen_mmu_init(u64 pt_base_pa)
{
	this_cpu_write(xen_cr3, pt_base_pa);
	xen_initial_l4 = pt_base_pa;
	spaces[0] = (struct xen_space){ .pa = pt_base_pa, .used = true,
					.mfn = pfn_to_mfn(PFN_DOWN(pt_base_pa)) };
}
