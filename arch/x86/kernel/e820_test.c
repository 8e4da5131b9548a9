// SPDX-License-Identifier: GPL-2.0
/*
 * The memory-map sanitizer against what firmware gets wrong: unsorted
 * entries, overlaps of every shape, zero lengths, ranges past the
 * physical address limit or wrapping, unknown types, and inputs whose
 * result would not fit.
 */
#include <linux/ktest.h>
#include <linux/errno.h>
#include <asm/e820.h>
#include <asm/page_types.h>

#define MiB (1ULL << 20)

static struct e820_table out;
static struct e820_sanitize_stats st;

static void expect_entry(struct ktest *t, unsigned int i, u64 addr, u64 size,
			 u32 type)
{
	KTEST_ASSERT_LT(t, i, out.nr_entries);
	KTEST_EXPECT_EQ(t, out.entries[i].addr, addr);
	KTEST_EXPECT_EQ(t, out.entries[i].size, size);
	KTEST_EXPECT_EQ(t, out.entries[i].type, type);
}

static void e820_unsorted(struct ktest *t)
{
	static const struct e820_entry in[] = {
		{ 16 * MiB, 16 * MiB, E820_TYPE_RAM },
		{ 0, 640 * 1024, E820_TYPE_RAM },
		{ 1 * MiB, 15 * MiB, E820_TYPE_RESERVED },
	};

	KTEST_ASSERT_EQ(t, e820_sanitize(in, 3, &out, &st), 3);
	expect_entry(t, 0, 0, 640 * 1024, E820_TYPE_RAM);
	expect_entry(t, 1, 1 * MiB, 15 * MiB, E820_TYPE_RESERVED);
	expect_entry(t, 2, 16 * MiB, 16 * MiB, E820_TYPE_RAM);
	KTEST_EXPECT_EQ(t, st.overlaps, 0);
}

static void e820_overlaps(struct ktest *t)
{
	static const struct e820_entry in[] = {
		{ 0, 10 * MiB, E820_TYPE_RAM },
		{ 4 * MiB, 1 * MiB, E820_TYPE_RESERVED },	/* inside */
		{ 9 * MiB, 2 * MiB, E820_TYPE_ACPI },		/* across the end */
		{ 2 * MiB, 1 * MiB, E820_TYPE_RAM },		/* duplicate RAM */
	};

	KTEST_ASSERT_EQ(t, e820_sanitize(in, 4, &out, &st), 4);
	/* The more restrictive type owns the overlap; RAM re-merges. */
	expect_entry(t, 0, 0, 4 * MiB, E820_TYPE_RAM);
	expect_entry(t, 1, 4 * MiB, 1 * MiB, E820_TYPE_RESERVED);
	expect_entry(t, 2, 5 * MiB, 4 * MiB, E820_TYPE_RAM);
	expect_entry(t, 3, 9 * MiB, 2 * MiB, E820_TYPE_ACPI);
	KTEST_EXPECT_EQ(t, st.overlaps, 4);
	KTEST_EXPECT_EQ(t, e820_total(&out, E820_TYPE_RAM), 8 * MiB);
}

static void e820_zero_length_and_adjacent(struct ktest *t)
{
	static const struct e820_entry in[] = {
		{ 0, 1 * MiB, E820_TYPE_RAM },
		{ 5 * MiB, 0, E820_TYPE_RESERVED },
		{ 1 * MiB, 1 * MiB, E820_TYPE_RAM },	/* adjacent: merged */
	};

	KTEST_ASSERT_EQ(t, e820_sanitize(in, 3, &out, &st), 1);
	expect_entry(t, 0, 0, 2 * MiB, E820_TYPE_RAM);
	KTEST_EXPECT_EQ(t, st.zero_length, 1);
}

static void e820_out_of_range(struct ktest *t)
{
	const u64 limit = 1ULL << MAX_PHYSMEM_BITS;
	const struct e820_entry in[] = {
		{ limit + 4096, 4096, E820_TYPE_RAM },		/* beyond: dropped */
		{ limit - 4096, 3 * 4096, E820_TYPE_RAM },	/* clipped */
		{ ~0ULL - 100, 4096, E820_TYPE_RAM },		/* wraps: dropped */
		{ 0, 4096, E820_TYPE_RAM },
	};

	KTEST_ASSERT_EQ(t, e820_sanitize(in, 4, &out, &st), 2);
	expect_entry(t, 0, 0, 4096, E820_TYPE_RAM);
	expect_entry(t, 1, limit - 4096, 4096, E820_TYPE_RAM);
	KTEST_EXPECT_EQ(t, st.out_of_range, 3);
	KTEST_EXPECT_EQ(t, e820_end_of_ram(&out), limit);
}

static void e820_unknown_type(struct ktest *t)
{
	static const struct e820_entry in[] = {
		{ 0, 2 * MiB, E820_TYPE_RAM },
		{ 1 * MiB, 4096, 0x1234 },
		{ 3 * MiB, 4096, 0 },
	};

	KTEST_ASSERT_EQ(t, e820_sanitize(in, 3, &out, &st), 4);
	expect_entry(t, 1, 1 * MiB, 4096, E820_TYPE_RESERVED);
	expect_entry(t, 3, 3 * MiB, 4096, E820_TYPE_RESERVED);
	KTEST_EXPECT_EQ(t, st.bad_type, 2);
	KTEST_EXPECT_STREQ(t, e820_type_name(E820_TYPE_ACPI), "ACPI data");
}

static void e820_too_many(struct ktest *t)
{
	static struct e820_entry in[E820_MAX_ENTRIES + 1];
	unsigned int i;

	/* One RAM range punched by 127 reserved holes: 255 pieces. */
	in[0].addr = 0;
	in[0].size = 2 * E820_MAX_ENTRIES * 4096ULL;
	in[0].type = E820_TYPE_RAM;
	for (i = 1; i < E820_MAX_ENTRIES; i++) {
		in[i].addr = 2 * i * 4096ULL;
		in[i].size = 4096;
		in[i].type = E820_TYPE_RESERVED;
	}
	KTEST_EXPECT_EQ(t, e820_sanitize(in, E820_MAX_ENTRIES, &out, &st), -E2BIG);
	KTEST_EXPECT_EQ(t, out.nr_entries, 0);
	KTEST_EXPECT_EQ(t, e820_sanitize(in, E820_MAX_ENTRIES + 1, &out, &st), -E2BIG);
	/* An empty input is an empty, valid map. */
	KTEST_EXPECT_EQ(t, e820_sanitize(in, 0, &out, &st), 0);
}

static const struct ktest_case e820_cases[] = {
	KTEST_CASE(e820_unsorted),
	KTEST_CASE(e820_overlaps),
	KTEST_CASE(e820_zero_length_and_adjacent),
	KTEST_CASE(e820_out_of_range),
	KTEST_CASE(e820_unknown_type),
	KTEST_CASE(e820_too_many),
	{}
};
KTEST_SUITE(e820, e820_cases);
