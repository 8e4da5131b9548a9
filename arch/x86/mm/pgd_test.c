// SPDX-License-Identifier: GPL-2.0
/*
 * Address spaces: a second one is created, gets a mapping of its own in
 * the lower half, is switched to and back (A -> B -> A -> B -> A), and
 * is destroyed.  What each address space maps is checked by reading
 * through it (the exception table catches the fault where it must not
 * map), so the checks do not rest on the tables the code wrote.  Runs
 * wherever the kernel does: native, VMI, Xen PV.
 */
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <asm/nofault.h>
#include <asm/pgtable.h>
#include <asm/special_insns.h>
#include "mm_internal.h"

/* In the lower half (top-level slot 32), which only B maps. */
#define OWN_VA		0x0000100000000000UL
#define MARK		0xc3
/* Not global: a CR3 load drops it from the TLB, as a process's would. */
#define OWN_PROT	(PAGE_KERNEL & ~_PAGE_GLOBAL)

static void pgd_create_switch_destroy(struct ktest *t)
{
	unsigned long a = read_cr3() & PTE_PFN_MASK, tables = nr_page_tables;
	u8 *page = get_zeroed_page(), v = 0;
	static u8 kernel_data = 0x3c;
	pgd_t *b = pgd_alloc();
	int i, rd_b[2], rd_a[2], rd_k = -1;
	u8 v_b[2] = { 0, 0 }, v_k = 0;

	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_ASSERT_NOT_NULL(t, b);
	page[5] = MARK;
	KTEST_ASSERT_EQ(t, map_pages_in(b, OWN_VA, __pa(page), PAGE_SIZE, OWN_PROT), 0);
	KTEST_EXPECT_NOT_NULL(t, lookup_address_in(b, OWN_VA, NULL));
	KTEST_EXPECT_NULL(t, lookup_address_in(init_pgd, OWN_VA, NULL));
	/* The kernel half is shared: this very code is mapped in B. */
	KTEST_EXPECT_NOT_NULL(t, lookup_address_in(b, (unsigned long)pgd_create_switch_destroy,
						   NULL));

	for (i = 0; i < 2; i++) {
		write_cr3(__pa(b));
		rd_b[i] = read_u8_nofault(OWN_VA + 5, &v_b[i]);
		if (!i)
			rd_k = read_u8_nofault((unsigned long)&kernel_data, &v_k);
		if (i)
			KTEST_EXPECT_EQ(t, read_cr3() & PTE_PFN_MASK, __pa(b));
		write_cr3(a);
		rd_a[i] = read_u8_nofault(OWN_VA + 5, &v);
	}
	for (i = 0; i < 2; i++) {
		KTEST_EXPECT_EQ(t, rd_b[i], 0);
		KTEST_EXPECT_EQ(t, v_b[i], MARK);
		KTEST_EXPECT_EQ(t, rd_a[i], -EFAULT);
	}
	KTEST_EXPECT_EQ(t, rd_k, 0);
	KTEST_EXPECT_EQ(t, v_k, 0x3c);
	KTEST_EXPECT_EQ(t, read_cr3() & PTE_PFN_MASK, a);

	pgd_free(b);
	/* Its table and the three under OWN_VA went back. */
	KTEST_EXPECT_EQ(t, nr_page_tables, tables);
	free_page(page);
}

/* The address space in use is not freed; it stays usable. */
static void pgd_free_loaded_kept(struct ktest *t)
{
	unsigned long a = read_cr3() & PTE_PFN_MASK;
	u8 *page = get_zeroed_page(), v = 0;
	pgd_t *b = pgd_alloc();
	int rd;

	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_ASSERT_NOT_NULL(t, b);
	page[0] = MARK;
	KTEST_ASSERT_EQ(t, map_pages_in(b, OWN_VA, __pa(page), PAGE_SIZE, OWN_PROT), 0);
	write_cr3(__pa(b));
	pgd_free(b);			/* says why not, and keeps it */
	rd = read_u8_nofault(OWN_VA, &v);
	write_cr3(a);
	KTEST_EXPECT_EQ(t, rd, 0);
	KTEST_EXPECT_EQ(t, v, MARK);
	pgd_free(b);
	free_page(page);
}

static const struct ktest_case pgd_cases[] = {
	KTEST_CASE(pgd_create_switch_destroy),
	KTEST_CASE(pgd_free_loaded_kept),
	{}
};
KTEST_SUITE(pgd, pgd_cases);
