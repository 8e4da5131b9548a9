// SPDX-License-Identifier: GPL-2.0
/*
 * The buddy allocator.  Most cases run on a private 32-page zone carved
 * out of the normal zone, so their free-list counts are exact; the
 * overlap case runs on the normal zone itself.
 */
#include <linux/ktest.h>
#include <linux/mm.h>

#define TZ_ORDER	5
#define TZ_PAGES	(1UL << TZ_ORDER)

struct buddy_fixture {
	struct zone zone;
	struct page *block;
	unsigned long base;
};

static struct buddy_fixture fx;

static int buddy_init(struct ktest *t)
{
	fx.block = alloc_pages(TZ_ORDER);
	if (!fx.block)
		ktest_skip(t, "no order-%d block for the test zone", TZ_ORDER);
	fx.base = page_to_pfn(fx.block);
	zone_init(&fx.zone, "test", fx.base, fx.base + TZ_PAGES);
	zone_free_range(&fx.zone, fx.base, fx.base + TZ_PAGES);
	t->priv = &fx;
	return 0;
}

/* Take the pages back whatever the case left allocated. */
static void buddy_exit(struct ktest *t)
{
	unsigned long i;

	for (i = 0; i < TZ_PAGES; i++)
		pfn_to_page(fx.base + i)->flags &= ~(PG_buddy | PG_reserved);
	__free_pages(fx.block, TZ_ORDER);
}

static unsigned long nr_free_at(unsigned int order)
{
	return fx.zone.free_area[order].nr_free;
}

static void buddy_split(struct ktest *t)
{
	struct page *p;
	unsigned int o;

	KTEST_ASSERT_EQ(t, nr_free_at(TZ_ORDER), 1);
	p = zone_alloc_pages(&fx.zone, 0);
	KTEST_ASSERT_NOT_NULL(t, p);
	/* The lowest page is kept; one free block remains at each lower order. */
	KTEST_EXPECT_EQ(t, page_to_pfn(p), fx.base);
	for (o = 0; o < TZ_ORDER; o++)
		KTEST_EXPECT_EQ(t, nr_free_at(o), 1);
	KTEST_EXPECT_EQ(t, nr_free_at(TZ_ORDER), 0);
	KTEST_EXPECT_EQ(t, fx.zone.free_pages, TZ_PAGES - 1);
}

static void buddy_coalesce(struct ktest *t)
{
	struct page *a = zone_alloc_pages(&fx.zone, 0);
	struct page *b = zone_alloc_pages(&fx.zone, 0);
	struct page *c = zone_alloc_pages(&fx.zone, 2);
	unsigned int o;

	KTEST_ASSERT_TRUE(t, a && b && c);
	KTEST_EXPECT_EQ(t, page_to_pfn(b), page_to_pfn(a) + 1);
	zone_free_pages(&fx.zone, b, 0);
	zone_free_pages(&fx.zone, c, 2);
	zone_free_pages(&fx.zone, a, 0);
	/* Everything merged back into the one block. */
	for (o = 0; o < TZ_ORDER; o++)
		KTEST_EXPECT_EQ(t, nr_free_at(o), 0);
	KTEST_EXPECT_EQ(t, nr_free_at(TZ_ORDER), 1);
	KTEST_EXPECT_EQ(t, fx.zone.free_pages, TZ_PAGES);
}

static void buddy_exhaustion(struct ktest *t)
{
	static struct page *pages[TZ_PAGES];
	unsigned long i, j;

	for (i = 0; i < TZ_PAGES; i++) {
		pages[i] = zone_alloc_pages(&fx.zone, 0);
		KTEST_ASSERT_NOT_NULL(t, pages[i]);
		KTEST_ASSERT_GE(t, page_to_pfn(pages[i]), fx.base);
		KTEST_ASSERT_LT(t, page_to_pfn(pages[i]), fx.base + TZ_PAGES);
		for (j = 0; j < i; j++)
			KTEST_ASSERT_NE(t, pages[j], pages[i]);
	}
	KTEST_EXPECT_NULL(t, zone_alloc_pages(&fx.zone, 0));
	KTEST_EXPECT_EQ(t, fx.zone.free_pages, 0);
	for (i = 0; i < TZ_PAGES; i++)
		zone_free_pages(&fx.zone, pages[i], 0);
	KTEST_EXPECT_EQ(t, nr_free_at(TZ_ORDER), 1);
}

static void buddy_too_large(struct ktest *t)
{
	KTEST_EXPECT_NULL(t, zone_alloc_pages(&fx.zone, TZ_ORDER + 1));
	KTEST_EXPECT_NULL(t, zone_alloc_pages(&fx.zone, MAX_ORDER + 1));
	KTEST_EXPECT_NULL(t, alloc_pages(MAX_ORDER + 1));
	KTEST_EXPECT_EQ(t, fx.zone.free_pages, TZ_PAGES);
}

static void buddy_double_free(struct ktest *t)
{
	struct page *p = zone_alloc_pages(&fx.zone, 1);

	KTEST_ASSERT_NOT_NULL(t, p);
	zone_free_pages(&fx.zone, p, 1);
	KTEST_EXPECT_EQ(t, fx.zone.free_pages, TZ_PAGES);
	zone_free_pages(&fx.zone, p, 1);	/* reported and ignored */
	KTEST_EXPECT_EQ(t, fx.zone.free_pages, TZ_PAGES);
	KTEST_EXPECT_EQ(t, nr_free_at(TZ_ORDER), 1);
}

/* A zone whose edges are not block-aligned never merges across them. */
static void buddy_zone_edges(struct ktest *t)
{
	struct zone z;
	struct page *a, *b;

	/* Empty the test zone, then lend pfns base+1 .. base+3 to z. */
	KTEST_ASSERT_NOT_NULL(t, zone_alloc_pages(&fx.zone, TZ_ORDER));
	zone_init(&z, "edges", fx.base + 1, fx.base + 4);
	zone_free_range(&z, fx.base + 1, fx.base + 4);
	KTEST_EXPECT_EQ(t, z.free_area[0].nr_free, 1);	/* base+1 */
	KTEST_EXPECT_EQ(t, z.free_area[1].nr_free, 1);	/* base+2, base+3 */
	a = zone_alloc_pages(&z, 1);
	b = zone_alloc_pages(&z, 0);
	KTEST_ASSERT_TRUE(t, a && b);
	KTEST_EXPECT_EQ(t, page_to_pfn(a), fx.base + 2);
	KTEST_EXPECT_EQ(t, page_to_pfn(b), fx.base + 1);
	KTEST_EXPECT_NULL(t, zone_alloc_pages(&z, 0));
	zone_free_pages(&z, b, 0);
	zone_free_pages(&z, a, 1);
	/* base+1 would merge with base, which is outside z. */
	KTEST_EXPECT_EQ(t, z.free_area[0].nr_free, 1);
	KTEST_EXPECT_EQ(t, z.free_area[1].nr_free, 1);
	KTEST_EXPECT_EQ(t, z.free_area[2].nr_free, 0);
}

/* Blocks from the normal zone: aligned, disjoint, and all given back. */
static void buddy_no_overlap(struct ktest *t)
{
	enum { N = 48 };
	static struct page *blk[N];
	static unsigned int ord[N];
	unsigned long before = nr_free_pages(), taken = 0, i, j, k;

	for (i = 0; i < N; i++) {
		ord[i] = (i * 7) % 5;
		taken += 1UL << ord[i];
		blk[i] = alloc_pages(ord[i]);
		KTEST_ASSERT_NOT_NULL(t, blk[i]);
		KTEST_EXPECT_EQ(t, page_to_pfn(blk[i]) & ((1UL << ord[i]) - 1), 0);
		/* Stamp every word with the block's index. */
		for (k = 0; k < (PAGE_SIZE << ord[i]) / 8; k++)
			((unsigned long *)page_address(blk[i]))[k] = i;
	}
	for (i = 0; i < N; i++) {
		unsigned long s = page_to_pfn(blk[i]), e = s + (1UL << ord[i]);

		for (j = i + 1; j < N; j++) {
			unsigned long s2 = page_to_pfn(blk[j]);

			KTEST_EXPECT_TRUE(t, s2 + (1UL << ord[j]) <= s || s2 >= e);
		}
		for (k = 0; k < (PAGE_SIZE << ord[i]) / 8; k++)
			if (((unsigned long *)page_address(blk[i]))[k] != i)
				KTEST_FAIL(t, "block %lu word %lu overwritten", i, k);
	}
	KTEST_EXPECT_EQ(t, nr_free_pages(), before - taken);
	for (i = 0; i < N; i++)
		__free_pages(blk[i], ord[i]);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

/*
 * A private zone's free block is not the normal zone's to merge: free a
 * normal-zone block whose buddy is a free block of a private zone, and
 * the private zone must still hand that block out (before the check of
 * the buddy's zone, the normal zone took it off the private list).
 */
static void buddy_zones_keep_their_blocks(struct ktest *t)
{
	struct page *big = alloc_pages(TZ_ORDER + 1), *got;
	unsigned long lo, hi;
	struct zone z;

	KTEST_ASSERT_NOT_NULL(t, big);
	lo = page_to_pfn(big);
	hi = lo + TZ_PAGES;
	zone_init(&z, "upper", hi, hi + TZ_PAGES);
	zone_free_range(&z, hi, hi + TZ_PAGES);
	__free_pages(big, TZ_ORDER);		/* the lower half, to the normal zone */
	got = zone_alloc_pages(&z, TZ_ORDER);
	KTEST_EXPECT_EQ(t, got ? page_to_pfn(got) : 0, hi);
	KTEST_EXPECT_EQ(t, z.free_pages, 0);
	if (got)
		__free_pages(got, TZ_ORDER);	/* the upper half back too */
}

static const struct ktest_case buddy_cases[] = {
	KTEST_CASE(buddy_split),
	KTEST_CASE(buddy_coalesce),
	KTEST_CASE(buddy_exhaustion),
	KTEST_CASE(buddy_too_large),
	KTEST_CASE(buddy_double_free),
	KTEST_CASE(buddy_zone_edges),
	KTEST_CASE(buddy_no_overlap),
	KTEST_CASE(buddy_zones_keep_their_blocks),
	{}
};
KTEST_SUITE_FULL(buddy, buddy_cases, buddy_init, buddy_exit);
