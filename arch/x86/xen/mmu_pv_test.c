// SPDX-License-Identifier: GPL-2.0
/*
 * The PV MMU under the real Xen: kernel mappings made, protected and
 * removed through pv_ops read back right, the tables hold machine frames
 * that translate back, page tables cannot be written directly (Xen maps
 * them read-only and the write is caught by the exception table), lazy
 * mode sends N entry updates in ceil(N / XEN_MMU_BATCH) traps (counted
 * with CONFIG_XEN_DEBUG_STATS), and an
 * address space is pinned from pgd_alloc() to pgd_free() with its user
 * L4 loaded as the user base pointer while it is in use, on each vCPU
 * for itself (each checked by what Xen itself accepts or refuses).
 */
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/smp.h>
#include <asm/e820.h>
#include <asm/io.h>
#include <asm/setup.h>
#include <asm/nofault.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/special_insns.h>
#include <asm/tlbflush.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/start_info.h>
#include "xen-ops.h"
#include "xen_test.h"

#define NR_LAZY		1000

/* Traps to Xen's MMU so far (CONFIG_XEN_DEBUG_STATS only). */
static unsigned long mmu_traps(void)
{
	return xen_hypercall_count(__HYPERVISOR_mmu_update) +
	       xen_hypercall_count(__HYPERVISOR_mmuext_op) +
	       xen_hypercall_count(__HYPERVISOR_multicall);
}

static void mmu_p2m_m2p_agree(struct ktest *t)
{
	unsigned long pfn, bad = 0, n = 0;
	unsigned int i;

	/*
	 * Every RAM page, where Xen put it or where dom0 moved it (memmap.c),
	 * but a domU's extra pfns still in the balloon: no frame yet.
	 */
	for (i = 0; i < e820_table.nr_entries; i++) {
		const struct e820_entry *e = &e820_table.entries[i];

		if (e->type != E820_TYPE_RAM)
			continue;
		for (pfn = PFN_UP(e->addr); pfn < PFN_DOWN(e->addr + e->size); pfn += 97) {
			if (xen_pfn_is_extra(pfn) && pfn_to_mfn(pfn) == XEN_INVALID_MFN)
				continue;
			bad += mfn_to_pfn(pfn_to_mfn(pfn)) != pfn;
			n++;
		}
	}
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT_GT(t, n, 100);
	KTEST_EXPECT_EQ(t, xen_bad_entries, 0);
}

/*
 * make_pte's slot (xen_make_pte_direct, assembly) gives what the C
 * entry_to_machine() gives, for RAM pfns across the whole map (in turn,
 * so that the P2M hint moves between runs), each with and without RW
 * and NX and not present, and for page tables (RW dropped): and each
 * translated frame is the one Xen's M2P names for the pfn.
 */
static void mmu_make_pte_paths_agree(struct ktest *t)
{
	static const u64 flags[] = {
		_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY,
		_PAGE_PRESENT | _PAGE_ACCESSED, _PAGE_PRESENT | _PAGE_RW | _PAGE_NX, 0,
	};
	unsigned long pfn, n = 0, bad = 0, m2p_bad = 0, tables = 0;
	unsigned int i, f;
	u64 v, fast, slow;

	for (i = 0; i < e820_table.nr_entries; i++) {
		const struct e820_entry *e = &e820_table.entries[i];

		if (e->type != E820_TYPE_RAM)
			continue;
		for (pfn = PFN_UP(e->addr); pfn < PFN_DOWN(e->addr + e->size); pfn += 89) {
			if (xen_pfn_is_extra(pfn) && pfn_to_mfn(pfn) == XEN_INVALID_MFN)
				continue;
			for (f = 0; f < ARRAY_SIZE(flags); f++) {
				v = ((u64)pfn << PAGE_SHIFT) | flags[f];
				fast = __pte(v).pte;
				slow = xen_make_pte_c(v);
				bad += fast != slow;
				if (flags[f] & _PAGE_PRESENT)
					m2p_bad += mfn_to_pfn((fast & PTE_PFN_MASK) >> PAGE_SHIFT) != pfn;
				n++;
			}
		}
	}
	/* The page tables in use: the top level and the one mapping a page. */
	for (f = 0; f < 2; f++) {
		pfn = f ? PFN_DOWN(__pa(lookup_address((unsigned long)init_pgd, NULL))) :
			  PFN_DOWN(__pa(init_pgd));
		v = ((u64)pfn << PAGE_SHIFT) | _PAGE_PRESENT | _PAGE_RW;
		fast = __pte(v).pte;
		KTEST_EXPECT_EQ(t, fast, xen_make_pte_c(v));
		tables += !(fast & _PAGE_RW);
	}
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT_EQ(t, m2p_bad, 0);
	KTEST_EXPECT_EQ(t, tables, 2);
	KTEST_EXPECT_GT(t, n, 400);
	ktest_info(t, "%lu entries, the asm and C paths agree on %lu", n, n - bad);
}

static void mmu_map_protect_unmap(struct ktest *t)
{
	u8 *page = get_zeroed_page(), v;
	unsigned long va = vmap_reserve(PAGE_SIZE);
	u64 *e;

	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_ASSERT_NE(t, va, 0);
	KTEST_ASSERT_EQ(t, map_kernel_range(va, __pa(page), PAGE_SIZE, PAGE_KERNEL), 0);
	/* Written through one mapping, read through the other. */
	((volatile u8 *)va)[10] = 0xa5;
	KTEST_EXPECT_EQ(t, page[10], 0xa5);
	page[11] = 0x5a;
	KTEST_EXPECT_EQ(t, ((volatile u8 *)va)[11], 0x5a);
	/* The table holds the machine frame; pte_val gives ours back. */
	e = lookup_address(va, NULL);
	KTEST_ASSERT_NOT_NULL(t, e);
	KTEST_EXPECT_EQ(t, (*e & PTE_PFN_MASK) >> PAGE_SHIFT, pfn_to_mfn(PFN_DOWN(__pa(page))));
	KTEST_EXPECT_EQ(t, pt_entry(e) & PTE_PFN_MASK, __pa(page));

	KTEST_ASSERT_EQ(t, protect_kernel_range(va, PAGE_SIZE, PAGE_KERNEL_RO), 0);
	KTEST_EXPECT_EQ(t, write_u8_nofault(va + 12, 1), -EFAULT);
	KTEST_EXPECT_EQ(t, read_u8_nofault(va + 10, &v), 0);
	KTEST_EXPECT_EQ(t, v, 0xa5);
	KTEST_EXPECT_EQ(t, page[12], 0);

	unmap_kernel_range(va, PAGE_SIZE);
	KTEST_EXPECT_NULL(t, lookup_address(va, NULL));
	KTEST_EXPECT_EQ(t, read_u8_nofault(va + 10, &v), -EFAULT);
	memunmap((void *)va);
	free_page(page);
}

/*
 * The table one level below @table on the walk to @va (@shift: the
 * level's index shift), with the entry that points to it in @slot.
 */
static u64 *table_below(u64 *table, unsigned long va, unsigned int shift, u64 **slot)
{
	*slot = table + ((va >> shift) & 511);
	return __va(pt_entry(*slot) & PTE_PFN_MASK);
}

/*
 * Xen maps every page-table page read-only: a direct store to an upper
 * level faults and the exception table catches it.  The stores write the
 * byte that is there, so nothing changes if one got through.
 */
static void mmu_pinned_tables_are_read_only(struct ktest *t)
{
	u64 *table = __va(read_cr3() & PTE_PFN_MASK), *slot;
	static const unsigned int shifts[] = { P4D_SHIFT, PUD_SHIFT, PMD_SHIFT };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(shifts); i++) {
		u64 *e = lookup_address((unsigned long)table, NULL);
		u64 *below = table_below(table, (unsigned long)__va(0), shifts[i], &slot);

		KTEST_ASSERT_NOT_NULL(t, e);
		KTEST_EXPECT_FALSE(t, *e & _PAGE_RW);
		KTEST_EXPECT_EQ(t, write_u8_nofault((unsigned long)slot, *(u8 *)slot), -EFAULT);
		table = below;
	}
}

/*
 * The same for the L1 that maps __va(0), in a domU only: Xen emulates and
 * validates a dom0 store to an L1 (its read-only-MMIO fault path takes
 * any dom0 write fault there as a page-table update, writable page tables
 * or not), so under dom0 a stray store cannot be told from an update.
 * A domU without writable page tables (enlighten_pv.c turns them off)
 * gets the fault.
 */
static void mmu_pinned_l1_is_read_only(struct ktest *t)
{
	u64 *table = __va(read_cr3() & PTE_PFN_MASK), *slot, *e;
	unsigned long va = (unsigned long)__va(0);

	if (xen_initial_domain())
		ktest_skip(t, "dom0: Xen emulates its stores to an L1 table");
	table = table_below(table, va, P4D_SHIFT, &slot);
	table = table_below(table, va, PUD_SHIFT, &slot);
	table = table_below(table, va, PMD_SHIFT, &slot);
	/* PV tables have no large pages: the L2 entry names an L1. */
	KTEST_ASSERT_TRUE(t, pt_entry(slot) & _PAGE_PRESENT);
	KTEST_ASSERT_FALSE(t, pt_entry(slot) & _PAGE_PSE);
	e = lookup_address((unsigned long)table, NULL);
	KTEST_ASSERT_NOT_NULL(t, e);
	KTEST_EXPECT_FALSE(t, *e & _PAGE_RW);
	/* The L1 really is the one in use: its entry maps pfn 0's frame. */
	slot = table + ((va >> PAGE_SHIFT) & 511);
	KTEST_EXPECT_EQ(t, (*slot & PTE_PFN_MASK) >> PAGE_SHIFT, pfn_to_mfn(0));
	KTEST_EXPECT_EQ(t, write_u8_nofault((unsigned long)slot, *(u8 *)slot), -EFAULT);
}

/* Map NR_LAZY pages at @va, all on @page's frame; their PTEs in @ptes. */
static void lazy_map(struct ktest *t, unsigned long va, u8 *page, pte_t **ptes)
{
	unsigned long i;
	u64 *e;

	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_ASSERT_NE(t, va, 0);
	/* Every page of the range on one frame, tables allocated now. */
	for (i = 0; i < NR_LAZY; i++) {
		KTEST_ASSERT_EQ(t, map_kernel_range(va + i * PAGE_SIZE, __pa(page),
						    PAGE_SIZE, PAGE_KERNEL), 0);
		e = lookup_address(va + i * PAGE_SIZE, NULL);
		KTEST_ASSERT_NOT_NULL(t, e);
		ptes[i] = (pte_t *)e;
	}
}

static void lazy_unmap(unsigned long va, u8 *page)
{
	unmap_kernel_range(va, NR_LAZY * PAGE_SIZE);
	memunmap((void *)va);
	free_page(page);
}

/* Updates queued in lazy mode all take effect when it ends. */
static void mmu_lazy_batches(struct ktest *t)
{
	unsigned long va = vmap_reserve(NR_LAZY * PAGE_SIZE), queued, i;
	u8 *page = get_zeroed_page(), v;
	pte_t *ptes[NR_LAZY];

	lazy_map(t, va, page, ptes);
	page[7] = 0x77;
	queued = this_cpu_read(xen_mmu_stats.queued);
	arch_enter_lazy_mmu_mode();
	for (i = 0; i < NR_LAZY; i++)
		set_pte(ptes[i], __pte(__pa(page) | PAGE_KERNEL_RO));
	arch_leave_lazy_mmu_mode();
	KTEST_EXPECT_EQ(t, this_cpu_read(xen_mmu_stats.queued) - queued, NR_LAZY);
	KTEST_EXPECT_EQ(t, this_cpu_read(xen_mmu_stats.refused), 0);
	/* All of them took effect: readable, no longer writable. */
	flush_tlb_all();
	for (i = 0; i < NR_LAZY; i += 111) {
		KTEST_EXPECT_EQ(t, read_u8_nofault(va + i * PAGE_SIZE + 7, &v), 0);
		KTEST_EXPECT_EQ(t, v, 0x77);
		KTEST_EXPECT_EQ(t, write_u8_nofault(va + i * PAGE_SIZE + 7, 0), -EFAULT);
	}
	KTEST_EXPECT_FALSE(t, pt_entry((u64 *)ptes[NR_LAZY - 1]) & _PAGE_RW);
	lazy_unmap(va, page);
}

/*
 * What the batching is for, counted at the trap: N updates in lazy mode
 * cost ceil(N / XEN_MMU_BATCH) hypercalls, outside it one each.
 */
static void mmu_lazy_traps(struct ktest *t)
{
	unsigned long va, traps, i;
	pte_t *ptes[NR_LAZY];
	u8 *page;

	xen_need_stats(t);
	va = vmap_reserve(NR_LAZY * PAGE_SIZE);
	page = get_zeroed_page();
	lazy_map(t, va, page, ptes);
	traps = mmu_traps();
	arch_enter_lazy_mmu_mode();
	for (i = 0; i < NR_LAZY; i++)
		set_pte(ptes[i], __pte(__pa(page) | PAGE_KERNEL_RO));
	arch_leave_lazy_mmu_mode();
	traps = mmu_traps() - traps;
	ktest_info(t, "%d PTE updates in %lu traps", NR_LAZY, traps);
	/*
	 * Batched as the previous issue set the bar: at least 64 updates a
	 * trap (Linux sends 32), whatever batch size the queue uses.
	 */
	KTEST_EXPECT_GE(t, traps, 1);
	KTEST_EXPECT_LE(t, traps, DIV_ROUND_UP(NR_LAZY, 64));

	/* Outside lazy mode, each update is its own trap. */
	traps = mmu_traps();
	for (i = 0; i < 10; i++)
		set_pte(ptes[i], __pte(__pa(page) | PAGE_KERNEL));
	KTEST_EXPECT_EQ(t, mmu_traps() - traps, 10);
	lazy_unmap(va, page);
}

static long raw_mmuext(unsigned int cmd, unsigned long mfn)
{
	struct mmuext_op op = { .cmd = cmd, .arg1.mfn = mfn };

	return HYPERVISOR_mmuext_op(&op, 1, NULL, DOMID_SELF);
}

/*
 * Pinned from pgd_alloc() on: Xen turns down a second pin.  While B is
 * loaded its user L4 is Xen's user base pointer: unpinned, Xen still
 * will not map it writable (the base pointer holds it as an L4).  After
 * the switch back and pgd_free() both pages are plain pages again:
 * Xen lets them be written.  The raw calls bypass the queue, so
 * this CPU's xen_mmu_stats.refused is untouched by them.
 */
static void mmu_address_space_pinned_by_life_cycle(struct ktest *t)
{
	unsigned long a = read_cr3() & PTE_PFN_MASK, refused = this_cpu_read(xen_mmu_stats.refused);
	pgd_t *b = pgd_alloc();
	unsigned long user, user_va, b_mfn, user_mfn;
	long pin_again, rw_loaded, repin, i;
	u8 v;

	KTEST_ASSERT_NOT_NULL(t, b);
	user = xen_user_pgd_pfn(b);
	KTEST_ASSERT_NE(t, user, 0);
	KTEST_EXPECT_EQ(t, xen_user_pgd_pfn(init_pgd), 0);	/* kernel's own: none */
	user_va = (unsigned long)__va(PFN_PHYS(user));
	b_mfn = pfn_to_mfn(PFN_DOWN(__pa(b)));
	user_mfn = pfn_to_mfn(user);
	KTEST_EXPECT_NE(t, raw_mmuext(MMUEXT_PIN_L4_TABLE, b_mfn), 0);
	KTEST_EXPECT_NE(t, raw_mmuext(MMUEXT_PIN_L4_TABLE, user_mfn), 0);
	KTEST_EXPECT_EQ(t, write_u8_nofault((unsigned long)b, *(u8 *)b), -EFAULT);
	KTEST_EXPECT_EQ(t, write_u8_nofault(user_va, *(u8 *)user_va), -EFAULT);

	/* A -> B -> A -> B -> A: loads only, no pin twice. */
	for (i = 0; i < 2; i++) {
		write_cr3(__pa(b));
		KTEST_EXPECT_EQ(t, read_cr3(), __pa(b));
		write_cr3(a);
	}
	write_cr3(__pa(b));
	KTEST_EXPECT_EQ(t, raw_mmuext(MMUEXT_UNPIN_TABLE, user_mfn), 0);
	rw_loaded = HYPERVISOR_update_va_mapping(user_va, PFN_PHYS(user_mfn) | _PAGE_PRESENT |
						 _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY |
						 _PAGE_NX, UVMF_INVLPG | UVMF_LOCAL);
	repin = raw_mmuext(MMUEXT_PIN_L4_TABLE, user_mfn);
	write_cr3(a);
	KTEST_EXPECT_NE(t, rw_loaded, 0);
	KTEST_EXPECT_EQ(t, repin, 0);
	pin_again = raw_mmuext(MMUEXT_PIN_L4_TABLE, b_mfn);
	KTEST_EXPECT_NE(t, pin_again, 0);

	pgd_free(b);
	KTEST_EXPECT_EQ(t, write_u8_nofault((unsigned long)b, *(u8 *)b), 0);
	KTEST_EXPECT_EQ(t, write_u8_nofault(user_va, *(u8 *)user_va), 0);
	KTEST_EXPECT_EQ(t, read_u8_nofault(user_va, &v), 0);
	KTEST_EXPECT_EQ(t, read_cr3(), a);
	KTEST_EXPECT_EQ(t, this_cpu_read(xen_mmu_stats.refused), refused);
}

/*
 * Xen keeps a user base pointer per vCPU, and so must we: CPU 1 loads B
 * (its user L4 becomes CPU 1's), then this CPU loads B too, then CPU 1
 * goes back to A.  This CPU must still hold B's user L4 as its own user
 * base pointer, which Xen shows by refusing a writable mapping of it
 * once unpinned.  Had this CPU taken CPU 1's load for its own, it would
 * not have sent its own, and Xen would allow the mapping.
 */
struct cr3_job {
	struct work_struct w;
	unsigned long pa, now;
};

static void cr3_job_fn(struct work_struct *w)
{
	struct cr3_job *j = (struct cr3_job *)w;

	write_cr3(j->pa);
	j->now = read_cr3();
}

static void mmu_user_baseptr_per_vcpu(struct ktest *t)
{
	unsigned long a = read_cr3() & PTE_PFN_MASK, user, user_va, user_mfn;
	struct cr3_job j = { .w.fn = cr3_job_fn };
	pgd_t *b;
	long rw_loaded, repin;

	if (num_online_cpus() < 2)
		ktest_skip(t, "one CPU online");
	b = pgd_alloc();
	KTEST_ASSERT_NOT_NULL(t, b);
	user = xen_user_pgd_pfn(b);
	user_va = (unsigned long)__va(PFN_PHYS(user));
	user_mfn = pfn_to_mfn(user);
	j.pa = __pa(b);
	KTEST_ASSERT_EQ(t, run_on_cpu(1, &j.w), 0);
	KTEST_EXPECT_EQ(t, j.now, __pa(b));
	write_cr3(__pa(b));
	KTEST_EXPECT_EQ(t, read_cr3(), __pa(b));
	j.pa = a;
	KTEST_ASSERT_EQ(t, run_on_cpu(1, &j.w), 0);
	KTEST_EXPECT_EQ(t, j.now, a);
	KTEST_EXPECT_EQ(t, raw_mmuext(MMUEXT_UNPIN_TABLE, user_mfn), 0);
	rw_loaded = HYPERVISOR_update_va_mapping(user_va, PFN_PHYS(user_mfn) | _PAGE_PRESENT |
						 _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY |
						 _PAGE_NX, UVMF_INVLPG | UVMF_LOCAL);
	if (!rw_loaded)		/* undo it, or the pin below cannot work */
		HYPERVISOR_update_va_mapping(user_va, PFN_PHYS(user_mfn) | _PAGE_PRESENT |
					     _PAGE_ACCESSED | _PAGE_NX, UVMF_INVLPG | UVMF_LOCAL);
	repin = raw_mmuext(MMUEXT_PIN_L4_TABLE, user_mfn);
	write_cr3(a);
	KTEST_EXPECT_NE(t, rw_loaded, 0);
	KTEST_EXPECT_EQ(t, repin, 0);
	pgd_free(b);
	KTEST_EXPECT_EQ(t, read_cr3(), a);
}

/* Loading a table that is not a pinned address space is refused, not done. */
static void mmu_write_cr3_needs_a_pinned_table(struct ktest *t)
{
	unsigned long a = read_cr3();
	void *page = get_zeroed_page();

	KTEST_ASSERT_NOT_NULL(t, page);
	write_cr3(__pa(page));		/* says why not */
	KTEST_EXPECT_EQ(t, read_cr3(), a);
	/* Still writable: Xen never made it a table. */
	KTEST_EXPECT_EQ(t, write_u8_nofault((unsigned long)page, 0), 0);
	free_page(page);
}

/*
 * Address spaces made and freed on every CPU at once (up to 4 CPUs, 12
 * rounds each): a slot of the pinned-space table claimed twice, or a
 * page-table bit lost to another CPU's update of the same bitmap word,
 * would leave a space unpinned or its pages still read-only after the
 * free.  Xen says which: a pinned L4 cannot be pinned again and is not
 * writable; after pgd_free it is writable again.
 */
#define SPACE_ROUNDS	12

struct space_job {
	struct work_struct w;
	unsigned int made, pinned, freed_writable;
};

static volatile unsigned int space_go;

static void space_job_fn(struct work_struct *w)
{
	struct space_job *j = (struct space_job *)w;
	unsigned int i;

	while (!space_go)
		cpu_relax();
	for (i = 0; i < SPACE_ROUNDS; i++) {
		pgd_t *b = pgd_alloc();

		if (!b)
			continue;
		j->made++;
		j->pinned += raw_mmuext(MMUEXT_PIN_L4_TABLE, pfn_to_mfn(PFN_DOWN(__pa(b)))) != 0 &&
			     write_u8_nofault((unsigned long)b, *(u8 *)b) == -EFAULT;
		/* Looked at before its page is free: no other CPU has it yet. */
		if (pgd_release(b)) {
			j->freed_writable += write_u8_nofault((unsigned long)b, *(u8 *)b) == 0;
			free_page(b);
		}
	}
}

static void mmu_spaces_from_every_cpu(struct ktest *t)
{
	static struct space_job j[4];
	unsigned int cpu, n = 0, me = smp_processor_id(), mine = 0, i;
	struct xen_mmu_stats before, after;

	if (num_online_cpus() < 2)
		ktest_skip(t, "one CPU online");
	xen_mmu_stats_sum(&before);
	space_go = 0;
	for_each_online_cpu(cpu) {
		if (n == ARRAY_SIZE(j))
			break;
		j[n] = (struct space_job){ .w.fn = space_job_fn };
		if (cpu == me)
			mine = n;
		else
			KTEST_ASSERT_EQ(t, queue_work_on(cpu, &j[n].w), 0);
		n++;
	}
	space_go = 1;
	space_job_fn(&j[mine].w);
	for (i = 0; i < n; i++)
		if (i != mine)
			flush_work(&j[i].w);
	for (i = 0; i < n; i++) {
		KTEST_EXPECT_EQ(t, j[i].made, SPACE_ROUNDS);
		KTEST_EXPECT_EQ(t, j[i].pinned, SPACE_ROUNDS);
		KTEST_EXPECT_EQ(t, j[i].freed_writable, SPACE_ROUNDS);
	}
	xen_mmu_stats_sum(&after);
	KTEST_EXPECT_EQ(t, after.refused, before.refused);
	ktest_info(t, "%u CPUs x %u address spaces made and freed at once", n, SPACE_ROUNDS);
}

static const struct ktest_case mmu_cases[] = {
	KTEST_CASE(mmu_p2m_m2p_agree),
	KTEST_CASE(mmu_make_pte_paths_agree),
	KTEST_CASE(mmu_map_protect_unmap),
	KTEST_CASE(mmu_pinned_tables_are_read_only),
	KTEST_CASE(mmu_pinned_l1_is_read_only),
	KTEST_CASE(mmu_lazy_batches),
	KTEST_CASE(mmu_lazy_traps),
	KTEST_CASE(mmu_address_space_pinned_by_life_cycle),
	KTEST_CASE(mmu_write_cr3_needs_a_pinned_table),
	KTEST_CASE(mmu_user_baseptr_per_vcpu),
	KTEST_CASE(mmu_spaces_from_every_cpu),
	{}
};
KTEST_SUITE_FULL(xen_mmu, mmu_cases, xen_pv_only, NULL);
