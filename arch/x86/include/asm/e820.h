/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The physical memory map, whatever the boot protocol delivered it as.
 * e820_sanitize() turns what firmware gave (possibly unsorted,
 * overlapping, zero-length, wrapping) into sorted, disjoint ranges where
 * the more restrictive type wins an overlap.  Pure code: it also builds on
 * the host for fuzzing.
 */
#ifndef _ASM_X86_E820_H
#define _ASM_X86_E820_H

#include <linux/types.h>

enum e820_type {
	E820_TYPE_RAM		= 1,
	E820_TYPE_RESERVED	= 2,
	E820_TYPE_ACPI		= 3,
	E820_TYPE_NVS		= 4,
	E820_TYPE_UNUSABLE	= 5,
	E820_TYPE_DISABLED	= 6,
	E820_TYPE_PMEM		= 7,
};

#define E820_MAX_ENTRIES	128

struct e820_entry {
	u64 addr;
	u64 size;
	u32 type;
};

struct e820_table {
	u32 nr_entries;
	struct e820_entry entries[E820_MAX_ENTRIES];
};

/* Why entries were dropped or clipped by e820_sanitize(). */
struct e820_sanitize_stats {
	u32 zero_length;	/* size 0 */
	u32 out_of_range;	/* beyond MAX_PHYSMEM_BITS: dropped or clipped */
	u32 bad_type;		/* unknown type: treated as reserved */
	u32 overlaps;		/* ranges that overlapped another */
};

/*
 * Sanitize @in (nr entries) into @out.  Returns the number of output
 * entries, or -E2BIG if the result would not fit in E820_MAX_ENTRIES.
 * @stats may be NULL.
 */
int e820_sanitize(const struct e820_entry *in, unsigned int nr,
		  struct e820_table *out, struct e820_sanitize_stats *stats);
/* Add an entry to a raw table (before sanitizing); -E2BIG when full. */
int e820_append(struct e820_table *t, u64 addr, u64 size, u32 type);
/* Total bytes of a given type. */
u64 e820_total(const struct e820_table *t, u32 type);
const char *e820_type_name(u32 type);
/* Highest address + 1 of RAM. */
u64 e820_end_of_ram(const struct e820_table *t);

#endif
