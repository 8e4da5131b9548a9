/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The boot allocator: physical RAM ranges and reservations, and
 * allocations carved out before the page allocator exists.  Retired by
 * memblock_free_all(), which hands every unreserved page to the buddy
 * allocator.
 */
#ifndef _LINUX_MEMBLOCK_H
#define _LINUX_MEMBLOCK_H

#include <linux/types.h>

#define MEMBLOCK_MAX_REGIONS	128

struct memblock_region {
	phys_addr_t base, size;
};

struct memblock_type {
	unsigned int cnt;
	struct memblock_region regions[MEMBLOCK_MAX_REGIONS];
};

int memblock_add(phys_addr_t base, phys_addr_t size);
int memblock_reserve(phys_addr_t base, phys_addr_t size);
/* Zeroed memory below the current limit, top-down; 0 when none is left. */
phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align);
/* Highest address + 1 memblock_phys_alloc() may return (mapped memory). */
void memblock_set_current_limit(phys_addr_t limit);
bool memblock_is_reserved(phys_addr_t addr);
phys_addr_t memblock_end_of_ram(void);
phys_addr_t memblock_reserved_size(void);
/* Free every unreserved page into the page allocator; returns pages freed. */
unsigned long memblock_free_all(void);
void memblock_dump(void);

extern struct memblock_type memblock_memory, memblock_reserved;

#endif
