// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel page tables: map, read back through another alias, protect,
 * unmap, and W^X.  Every forbidden access is made through the exception
 * table (asm/nofault.h) and the recorded fault is checked: vector, error
 * code bits, address.  The last case walks every live mapping.
 */
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <asm/pgtable.h>
#include <asm/nofault.h>
#include <asm/extable.h>
#include <asm/traps.h>
#include <asm/tlbflush.h>
#include <asm/sections.h>
#include <asm/setup.h>
#include <asm/processor.h>
#include <asm/special_insns.h>

/* A stretch of the vmap area ioremap never reaches in a test run. */
#define TEST_VA		(VMAP_END - 64 * PAGE_SIZE)

static void *test_page;

static int pt_init(struct ktest *t)
{
	test_page = get_zeroed_page();
	if (!test_page)
		ktest_skip(t, "no page");
	return 0;
}

static void pt_exit(struct ktest *t)
{
	unmap_kernel_range(TEST_VA, 4 * PAGE_SIZE);
	free_page(test_page);
}

static void expect_pf(struct ktest *t, unsigned long addr, unsigned long must,
		      unsigned long must_not)
{
	KTEST_EXPECT_EQ(t, extable_last_fault.vector, X86_TRAP_PF);
	KTEST_EXPECT_EQ(t, extable_last_fault.address, addr);
	KTEST_EXPECT_EQ(t, extable_last_fault.error_code & must, must);
	KTEST_EXPECT_EQ(t, extable_last_fault.error_code & must_not, 0);
}

static void pt_map_read_back(struct ktest *t)
{
	volatile u32 *alias = (u32 *)TEST_VA, *direct = test_page;
	unsigned long size = 0;
	u64 *pte;

	KTEST_ASSERT_EQ(t, map_kernel_range(TEST_VA, __pa(test_page), PAGE_SIZE,
					    PAGE_KERNEL), 0);
	alias[5] = 0xfeedf00d;
	KTEST_EXPECT_EQ(t, direct[5], 0xfeedf00d);
	direct[6] = 0x12345678;
	KTEST_EXPECT_EQ(t, alias[6], 0x12345678);
	pte = lookup_address(TEST_VA, &size);
	KTEST_ASSERT_NOT_NULL(t, pte);
	KTEST_EXPECT_EQ(t, size, PAGE_SIZE);
	KTEST_EXPECT_EQ(t, pt_entry(pte) & PTE_PFN_MASK, __pa(test_page));
	KTEST_EXPECT_EQ(t, map_kernel_range(TEST_VA, __pa(test_page), PAGE_SIZE,
					    PAGE_KERNEL), -EEXIST);
	KTEST_EXPECT_EQ(t, map_kernel_range(TEST_VA + 1, 0, PAGE_SIZE, PAGE_KERNEL),
			-EINVAL);
}

/*
 * flush_tlb_all() drops global entries too (PAGE_KERNEL is global): an
 * entry repointed to another page with no flush may still be read
 * through the TLB, and must not be once flush_tlb_all() ran.  Printed:
 * whether the old page was still seen (the TLB's choice), and whether
 * flush_tlb_local(), a CR3 reload, kept that global entry.
 */
static void pt_flush_all_drops_global(struct ktest *t)
{
	const unsigned long va = TEST_VA + 3 * PAGE_SIZE;
	volatile u64 *alias = (u64 *)va;
	u64 *other = get_zeroed_page(), stale, local;
	unsigned long flags;

	KTEST_ASSERT_NOT_NULL(t, other);
	*(u64 *)test_page = 0xa11a11a11a11a11aULL;
	*other = 0xb22b22b22b22b22bULL;
	KTEST_ASSERT_EQ(t, map_kernel_range(va, __pa(test_page), PAGE_SIZE, PAGE_KERNEL), 0);
	local_irq_save(flags);
	KTEST_EXPECT_EQ(t, *alias, 0xa11a11a11a11a11aULL);	/* in the TLB now */
	KTEST_EXPECT_EQ(t, set_kernel_pte(va, __pte(__pa(other) |
						   (PAGE_KERNEL & __supported_pte_mask))), 0);
	stale = *alias;
	flush_tlb_local();
	local = *alias;
	flush_tlb_all();
	KTEST_EXPECT_EQ(t, *alias, 0xb22b22b22b22b22bULL);
	local_irq_restore(flags);
	unmap_kernel_range(va, PAGE_SIZE);
	free_page(other);
	ktest_info(t, "unflushed: %s page; after the CR3 reload: %s page; after flush_tlb_all: new",
		   stale == 0xa11a11a11a11a11aULL ? "old" : "new",
		   local == 0xa11a11a11a11a11aULL ? "old" : "new");
}

static void pt_unmap_faults(struct ktest *t)
{
	u8 v;

	KTEST_ASSERT_EQ(t, map_kernel_range(TEST_VA, __pa(test_page), PAGE_SIZE,
					    PAGE_KERNEL), 0);
	KTEST_EXPECT_EQ(t, read_u8_nofault(TEST_VA + 3, &v), 0);
	unmap_kernel_range(TEST_VA, PAGE_SIZE);
	KTEST_EXPECT_NULL(t, lookup_address(TEST_VA, NULL));
	/* The TLB entry went with the mapping: the read faults now. */
	KTEST_EXPECT_EQ(t, read_u8_nofault(TEST_VA + 3, &v), -EFAULT);
	expect_pf(t, TEST_VA + 3, 0, X86_PF_PROT | X86_PF_WRITE);
}

static void pt_read_only(struct ktest *t)
{
	u8 v = 0;

	((u8 *)test_page)[9] = 0x5a;
	KTEST_ASSERT_EQ(t, map_kernel_range(TEST_VA, __pa(test_page), PAGE_SIZE,
					    PAGE_KERNEL_RO), 0);
	KTEST_EXPECT_EQ(t, read_u8_nofault(TEST_VA + 9, &v), 0);
	KTEST_EXPECT_EQ(t, v, 0x5a);
	KTEST_EXPECT_EQ(t, write_u8_nofault(TEST_VA + 9, 1), -EFAULT);
	expect_pf(t, TEST_VA + 9, X86_PF_PROT | X86_PF_WRITE, 0);
	KTEST_EXPECT_EQ(t, ((u8 *)test_page)[9], 0x5a);
	/* Made writable, the same write lands. */
	KTEST_EXPECT_EQ(t, protect_kernel_range(TEST_VA, PAGE_SIZE, PAGE_KERNEL), 0);
	KTEST_EXPECT_EQ(t, write_u8_nofault(TEST_VA + 9, 1), 0);
	KTEST_EXPECT_EQ(t, ((u8 *)test_page)[9], 1);
}

static void pt_wx_text_not_writable(struct ktest *t)
{
	unsigned long text = (unsigned long)pt_wx_text_not_writable;
	u8 before = *(u8 *)text;

	KTEST_EXPECT_EQ(t, write_u8_nofault(text, 0xcc), -EFAULT);
	expect_pf(t, text, X86_PF_PROT | X86_PF_WRITE, 0);
	/* Nor through the direct-map alias of the same page. */
	KTEST_EXPECT_EQ(t, write_u8_nofault((unsigned long)__va(__pa_symbol(text)),
					    0xcc), -EFAULT);
	KTEST_EXPECT_EQ(t, *(u8 *)text, before);
}

static noinline void pt_text_ret(void)
{
	barrier();
}

static const u8 rodata_ret[] = { 0xc3 };	/* ret */
static u8 data_ret[16] = { 0xc3 };

static void pt_wx_data_not_executable(struct ktest *t)
{
	if (!boot_cpu_has(X86_FEATURE_NX))
		ktest_skip(t, "CPU without NX");
	KTEST_EXPECT_EQ(t, exec_nofault((unsigned long)data_ret), -EFAULT);
	expect_pf(t, (unsigned long)data_ret, X86_PF_INSTR | X86_PF_PROT, 0);
	KTEST_EXPECT_EQ(t, exec_nofault((unsigned long)rodata_ret), -EFAULT);
	expect_pf(t, (unsigned long)rodata_ret, X86_PF_INSTR, 0);
	KTEST_EXPECT_EQ(t, write_u8_nofault((unsigned long)rodata_ret, 0x90), -EFAULT);
	/* A function in text runs through the same probe. */
	KTEST_EXPECT_EQ(t, exec_nofault((unsigned long)pt_text_ret), 0);
}

static void pt_guard_and_low_memory(struct ktest *t)
{
	u8 v;

	KTEST_EXPECT_NULL(t, lookup_address((unsigned long)boot_stack_guard, NULL));
	KTEST_EXPECT_EQ(t, read_u8_nofault((unsigned long)boot_stack_guard, &v), -EFAULT);
	/* No identity map is left behind. */
	KTEST_EXPECT_EQ(t, read_u8_nofault(0x1000, &v), -EFAULT);
	KTEST_EXPECT_EQ(t, read_u8_nofault(0x200000, &v), -EFAULT);
}

/* Walk every present leaf of the live page tables. */
static void pt_wx_walk(struct ktest *t)
{
	u64 *pgd = __va(read_cr3() & PTE_PFN_MASK);
	unsigned long wx = 0, x_outside_text = 0, leaves = 0;
	unsigned int i, j, k, l;

	if (!boot_cpu_has(X86_FEATURE_NX))
		ktest_skip(t, "CPU without NX");
	for (i = 0; i < 512; i++) {
		u64 *pud;

		if (pgd_index_is_hypervisor(i) || !(pt_entry(&pgd[i]) & _PAGE_PRESENT))
			continue;
		pud = __va(pt_entry(&pgd[i]) & PTE_PFN_MASK);
		for (j = 0; j < 512; j++) {
			u64 *pmd, ue = pt_entry(&pud[j]);

			if (!(ue & _PAGE_PRESENT))
				continue;
			KTEST_ASSERT_FALSE(t, ue & _PAGE_PSE);	/* no 1G pages */
			pmd = __va(ue & PTE_PFN_MASK);
			for (k = 0; k < 512; k++) {
				u64 *pte, e = pt_entry(&pmd[k]);
				unsigned long va = ((unsigned long)i << 39) |
						   ((unsigned long)j << 30) |
						   ((unsigned long)k << 21);

				if (i >= 256)
					va |= 0xffff000000000000UL;
				if (!(e & _PAGE_PRESENT))
					continue;
				if (e & _PAGE_PSE) {
					leaves++;
					wx += (e & _PAGE_RW) && !(e & _PAGE_NX);
					x_outside_text += !(e & _PAGE_NX) &&
							  !in_declared_exec_range(va);
					continue;
				}
				pte = __va(e & PTE_PFN_MASK);
				for (l = 0; l < 512; l++) {
					unsigned long a = va | ((unsigned long)l << 12);

					e = pt_entry(&pte[l]);
					if (!(e & _PAGE_PRESENT))
						continue;
					leaves++;
					if ((e & _PAGE_RW) && !(e & _PAGE_NX)) {
						wx++;
						ktest_info(t, "W+X at %#lx", a);
					}
					if (!(e & _PAGE_NX) && !in_declared_exec_range(a)) {
						x_outside_text++;
						ktest_info(t, "X outside text at %#lx", a);
					}
				}
			}
		}
	}
	ktest_info(t, "%lu leaf mappings checked", leaves);
	KTEST_EXPECT_GT(t, leaves, 0);
	KTEST_EXPECT_EQ(t, wx, 0);
	KTEST_EXPECT_EQ(t, x_outside_text, 0);
}

static const struct ktest_case pgtable_cases[] = {
	KTEST_CASE(pt_map_read_back),
	KTEST_CASE(pt_unmap_faults),
	KTEST_CASE(pt_flush_all_drops_global),
	KTEST_CASE(pt_read_only),
	KTEST_CASE(pt_wx_text_not_writable),
	KTEST_CASE(pt_wx_data_not_executable),
	KTEST_CASE(pt_guard_and_low_memory),
	KTEST_CASE(pt_wx_walk),
	{}
};
KTEST_SUITE_FULL(pgtable, pgtable_cases, pt_init, pt_exit);
