// SPDX-License-Identifier: GPL-2.0
/*
 * kmalloc: every size class and large sizes, alignment, poisoning of
 * freed objects, and the corruption it must notice (write after free,
 * double free, a free of a non-object) without corrupting itself.
 */
#include <linux/ktest.h>
#include <linux/slab.h>
#include <linux/mm.h>

static void kmalloc_sizes(struct ktest *t)
{
	static const size_t sizes[] = { 1, 7, 8, 9, 24, 64, 65, 96, 100, 192,
					200, 512, 1000, 2048, 2049, 4096, 5000,
					16384, 100000 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		u8 *p = kmalloc(sizes[i]);

		KTEST_ASSERT_NOT_NULL(t, p);
		KTEST_EXPECT_GE(t, ksize(p), sizes[i]);
		memset(p, 0xa5, ksize(p));	/* the whole object is usable */
		KTEST_EXPECT_EQ(t, p[ksize(p) - 1], 0xa5);
		kfree(p);
	}
}

static void kmalloc_alignment(struct ktest *t)
{
	size_t s;

	for (s = 8; s <= 16384; s <<= 1) {
		void *a = kmalloc(s), *b = kmalloc(s);

		KTEST_ASSERT_TRUE(t, a && b);
		/* Power-of-two sizes are naturally aligned (pages beyond). */
		KTEST_EXPECT_EQ(t, (unsigned long)a & (min(s, PAGE_SIZE) - 1), 0);
		KTEST_EXPECT_EQ(t, (unsigned long)b & (min(s, PAGE_SIZE) - 1), 0);
		kfree(a);
		kfree(b);
	}
	for (s = 1; s < 300; s += 13) {
		void *a = kmalloc(s);

		KTEST_ASSERT_NOT_NULL(t, a);
		KTEST_EXPECT_EQ(t, (unsigned long)a % KMALLOC_MIN_ALIGN, 0);
		kfree(a);
	}
}

static void kmalloc_zero_and_kzalloc(struct ktest *t)
{
	u8 *p;
	unsigned int i;

	KTEST_EXPECT_TRUE(t, kmalloc(0) == ZERO_SIZE_PTR);
	kfree(ZERO_SIZE_PTR);
	kfree(NULL);
	p = kmalloc(256);
	KTEST_ASSERT_NOT_NULL(t, p);
	memset(p, 0xff, 256);
	kfree(p);
	p = kzalloc(256);	/* likely the same object: must come back zeroed */
	KTEST_ASSERT_NOT_NULL(t, p);
	for (i = 0; i < 256; i++)
		if (p[i])
			KTEST_FAIL(t, "kzalloc byte %u is %#x", i, p[i]);
	kfree(p);
}

static void kmalloc_poison_on_free(struct ktest *t)
{
	u8 *p;
	unsigned int i;

	if (!IS_ENABLED(CONFIG_SLAB_POISON))
		ktest_skip(t, "CONFIG_SLAB_POISON is off");
	p = kmalloc(64);
	KTEST_ASSERT_NOT_NULL(t, p);
	memset(p, 0x11, 64);
	kfree(p);
	/* Deliberately reading freed memory: past the chain word, poison. */
	for (i = sizeof(void *); i < 64; i++)
		if (p[i] != POISON_FREE)
			KTEST_FAIL(t, "byte %u of a freed object is %#x", i, p[i]);
}

static void kmalloc_write_after_free(struct ktest *t)
{
	unsigned long before = slab_errors.poison;
	u8 *p, *q;

	if (!IS_ENABLED(CONFIG_SLAB_POISON))
		ktest_skip(t, "CONFIG_SLAB_POISON is off");
	p = kmalloc(128);
	KTEST_ASSERT_NOT_NULL(t, p);
	kfree(p);
	p[100] = 0x42;			/* the bug being caught */
	q = kmalloc(128);		/* LIFO: the same object comes back */
	KTEST_EXPECT_TRUE(t, q == p);
	KTEST_EXPECT_EQ(t, slab_errors.poison, before + 1);
	kfree(q);
}

static void kmalloc_double_free(struct ktest *t)
{
	unsigned long before = slab_errors.double_free;
	void *p = kmalloc(32), *a, *b;

	KTEST_ASSERT_NOT_NULL(t, p);
	kfree(p);
	kfree(p);			/* reported, ignored */
	KTEST_EXPECT_EQ(t, slab_errors.double_free, before + 1);
	/* The free list was not corrupted: two allocations, two objects. */
	a = kmalloc(32);
	b = kmalloc(32);
	KTEST_ASSERT_TRUE(t, a && b);
	KTEST_EXPECT_TRUE(t, a != b);
	kfree(a);
	kfree(b);
}

static void kmalloc_bad_free(struct ktest *t)
{
	unsigned long before = slab_errors.bad_free;
	u8 *p = kmalloc(64), *big = kmalloc(3 * PAGE_SIZE);
	static u8 not_heap[16];

	KTEST_ASSERT_TRUE(t, p && big);
	kfree(p + 1);
	kfree(big + 8);
	kfree(not_heap + 0);
	KTEST_EXPECT_EQ(t, slab_errors.bad_free, before + 3);
	kfree(p);
	kfree(big);
	KTEST_EXPECT_EQ(t, slab_errors.bad_free, before + 3);
}

/* Many objects: distinct, disjoint, and the pages come back. */
static void kmalloc_many(struct ktest *t)
{
	enum { N = 1000, SZ = 48 };
	static unsigned long *objs[N];
	unsigned long before = nr_free_pages();
	unsigned int i, k;

	for (i = 0; i < N; i++) {
		objs[i] = kmalloc(SZ);
		KTEST_ASSERT_NOT_NULL(t, objs[i]);
		for (k = 0; k < SZ / 8; k++)
			objs[i][k] = i;
	}
	for (i = 0; i < N; i++)
		for (k = 0; k < SZ / 8; k++)
			if (objs[i][k] != i)
				KTEST_FAIL(t, "object %u overwritten", i);
	for (i = 0; i < N; i++)
		kfree(objs[i]);
	/* Empty slabs are returned, except one kept per cache. */
	KTEST_EXPECT_GE(t, nr_free_pages() + 1, before);
}

static const struct ktest_case kmalloc_cases[] = {
	KTEST_CASE(kmalloc_sizes),
	KTEST_CASE(kmalloc_alignment),
	KTEST_CASE(kmalloc_zero_and_kzalloc),
	KTEST_CASE(kmalloc_poison_on_free),
	KTEST_CASE(kmalloc_write_after_free),
	KTEST_CASE(kmalloc_double_free),
	KTEST_CASE(kmalloc_bad_free),
	KTEST_CASE(kmalloc_many),
	{}
};
KTEST_SUITE(kmalloc, kmalloc_cases);
