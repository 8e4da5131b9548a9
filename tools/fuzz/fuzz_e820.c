// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: e820_sanitize() on arbitrary entries.  The result must
 * be sorted, disjoint, merged and typed; sanitizing it again must give it
 * back unchanged; and it must cover exactly the addresses the input
 * covered inside the physical limit (sampled at every input boundary).
 */
#include <linux/types.h>
#include <asm/e820.h>
#include <asm/page_types.h>
#include "fuzz_host.h"

void check_sanitized(const struct e820_table *t);

static bool covered_in(const struct e820_entry *v, unsigned int n, u64 a)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (v[i].size && a >= v[i].addr && a - v[i].addr < v[i].size)
			return true;
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct e820_entry in[E820_MAX_ENTRIES + 1];
	static struct e820_table out, again;
	unsigned int n = size / 20, i;
	int r;

	if (n > E820_MAX_ENTRIES + 1)
		n = E820_MAX_ENTRIES + 1;
	for (i = 0; i < n; i++) {
		memcpy(&in[i].addr, data + i * 20, 8);
		memcpy(&in[i].size, data + i * 20 + 8, 8);
		memcpy(&in[i].type, data + i * 20 + 16, 4);
		in[i].type %= 10;		/* mostly known types, some not */
	}
	r = e820_sanitize(in, n, &out, NULL);
	if (n > E820_MAX_ENTRIES) {
		FUZZ_CHECK(r == -E2BIG);
		return 0;
	}
	if (r < 0) {
		FUZZ_CHECK(out.nr_entries == 0);
		return 0;
	}
	FUZZ_CHECK((unsigned int)r == out.nr_entries);
	check_sanitized(&out);
	r = e820_sanitize(out.entries, out.nr_entries, &again, NULL);
	FUZZ_CHECK(r == (int)out.nr_entries);
	FUZZ_CHECK(!memcmp(out.entries, again.entries, r * sizeof(out.entries[0])));
	for (i = 0; i < n; i++) {
		u64 a = in[i].addr;

		if (!in[i].size || a >= (1ULL << MAX_PHYSMEM_BITS))
			continue;
		FUZZ_CHECK(covered_in(out.entries, out.nr_entries, a));
	}
	for (i = 0; i < out.nr_entries; i++)
		FUZZ_CHECK(covered_in(in, n, out.entries[i].addr));
	return 0;
}
