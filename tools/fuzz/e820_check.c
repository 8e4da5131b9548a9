// SPDX-License-Identifier: GPL-2.0
/* What every sanitized memory map must satisfy (shared by two targets). */
#include <asm/e820.h>
#include "fuzz_host.h"

void check_sanitized(const struct e820_table *t);
void check_sanitized(const struct e820_table *t)
{
	unsigned int i;

	FUZZ_CHECK(t->nr_entries <= E820_MAX_ENTRIES);
	for (i = 0; i < t->nr_entries; i++) {
		const struct e820_entry *e = &t->entries[i];

		FUZZ_CHECK(e->size > 0);
		FUZZ_CHECK(e->addr + e->size > e->addr);		/* no wrap */
		FUZZ_CHECK(e->type >= E820_TYPE_RAM && e->type <= E820_TYPE_PMEM);
		if (i) {
			const struct e820_entry *p = &t->entries[i - 1];

			FUZZ_CHECK(p->addr + p->size <= e->addr);	/* sorted, disjoint */
			FUZZ_CHECK(!(p->addr + p->size == e->addr && p->type == e->type));
		}
	}
}
