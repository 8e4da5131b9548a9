// SPDX-License-Identifier: GPL-2.0
/*
 * The physical memory map.  e820_sanitize() makes firmware's list safe to
 * build on: entries are clipped to MAX_PHYSMEM_BITS, zero-length ones
 * dropped, unknown types treated as reserved, and overlaps resolved so the
 * most restrictive type (the highest type number, as Linux decides) owns
 * each byte.  The result is sorted, disjoint, and adjacent ranges of one
 * type are merged.  Pure code: it builds on the host for fuzzing.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <asm/e820.h>
#include <asm/page_types.h>

#define PHYS_LIMIT	(1ULL << MAX_PHYSMEM_BITS)

int e820_append(struct e820_table *t, u64 addr, u64 size, u32 type)
{
	if (t->nr_entries >= E820_MAX_ENTRIES)
		return -E2BIG;
	t->entries[t->nr_entries].addr = addr;
	t->entries[t->nr_entries].size = size;
	t->entries[t->nr_entries].type = type;
	t->nr_entries++;
	return 0;
}

static bool known_type(u32 type)
{
	return type >= E820_TYPE_RAM && type <= E820_TYPE_PMEM;
}

/* Insertion sort: at most 2 * E820_MAX_ENTRIES points. */
static void sort_u64(u64 *v, unsigned int n)
{
	unsigned int i, j;

	for (i = 1; i < n; i++) {
		u64 x = v[i];

		for (j = i; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

int e820_sanitize(const struct e820_entry *in, unsigned int nr,
		  struct e820_table *out, struct e820_sanitize_stats *stats)
{
	struct e820_entry clean[E820_MAX_ENTRIES];
	u64 points[2 * E820_MAX_ENTRIES];
	struct e820_sanitize_stats st = { 0 };
	unsigned int n = 0, np = 0, i, j;

	out->nr_entries = 0;
	if (nr > E820_MAX_ENTRIES)
		return -E2BIG;

	/* 1. Normalize each entry on its own. */
	for (i = 0; i < nr; i++) {
		u64 start = in[i].addr, end;
		u32 type = in[i].type;

		if (!in[i].size) {
			st.zero_length++;
			continue;
		}
		if (check_add_overflow(start, in[i].size, &end) || end > PHYS_LIMIT) {
			st.out_of_range++;
			end = PHYS_LIMIT;
		}
		if (start >= PHYS_LIMIT)
			continue;	/* counted above: wholly out of range */
		if (!known_type(type)) {
			st.bad_type++;
			type = E820_TYPE_RESERVED;
		}
		clean[n].addr = start;
		clean[n].size = end - start;
		clean[n].type = type;
		n++;
	}

	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			if (i != j && clean[i].addr < clean[j].addr + clean[j].size &&
			    clean[j].addr < clean[i].addr + clean[i].size) {
				st.overlaps++;
				break;
			}

	/* 2. Every boundary, sorted and unique. */
	for (i = 0; i < n; i++) {
		points[np++] = clean[i].addr;
		points[np++] = clean[i].addr + clean[i].size;
	}
	sort_u64(points, np);

	/* 3. Each elementary interval gets the highest covering type. */
	for (i = 0; i + 1 < np; i++) {
		u64 lo = points[i], hi = points[i + 1];
		u32 type = 0;

		if (lo == hi)
			continue;
		for (j = 0; j < n; j++)
			if (clean[j].addr <= lo && clean[j].addr + clean[j].size >= hi &&
			    clean[j].type > type)
				type = clean[j].type;
		if (!type)
			continue;	/* a hole */
		if (out->nr_entries) {
			struct e820_entry *last = &out->entries[out->nr_entries - 1];

			if (last->type == type && last->addr + last->size == lo) {
				last->size += hi - lo;
				continue;
			}
		}
		if (e820_append(out, lo, hi - lo, type)) {
			out->nr_entries = 0;
			return -E2BIG;
		}
	}
	if (stats)
		*stats = st;
	return out->nr_entries;
}

u64 e820_total(const struct e820_table *t, u32 type)
{
	u64 sum = 0;
	unsigned int i;

	for (i = 0; i < t->nr_entries; i++)
		if (t->entries[i].type == type)
			sum += t->entries[i].size;
	return sum;
}

u64 e820_end_of_ram(const struct e820_table *t)
{
	u64 end = 0;
	unsigned int i;

	for (i = 0; i < t->nr_entries; i++)
		if (t->entries[i].type == E820_TYPE_RAM)
			end = max(end, t->entries[i].addr + t->entries[i].size);
	return end;
}

const char *e820_type_name(u32 type)
{
	switch (type) {
	case E820_TYPE_RAM:		return "usable";
	case E820_TYPE_RESERVED:	return "reserved";
	case E820_TYPE_ACPI:		return "ACPI data";
	case E820_TYPE_NVS:		return "ACPI NVS";
	case E820_TYPE_UNUSABLE:	return "unusable";
	case E820_TYPE_DISABLED:	return "disabled";
	case E820_TYPE_PMEM:		return "persistent";
	default:			return "unknown";
	}
}
