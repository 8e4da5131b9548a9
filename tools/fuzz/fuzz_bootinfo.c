// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the PVH and multiboot2 boot-info parsers, then the
 * memory-map sanitizer on what they produced.  The input is "physical
 * memory" at FAKE_BASE, copied into an exactly-sized heap buffer so that
 * any read past it is an AddressSanitizer report.  Byte 0 picks the
 * protocol, bytes 1-2 the offset of the structure.
 */
#include <linux/types.h>
#include <asm/bootinfo.h>
#include <asm/e820.h>
#include "fuzz_host.h"
#include "fuzz_mem.h"

#define FAKE_BASE 0x100000ULL

void check_sanitized(const struct e820_table *t);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct boot_info bi;
	static struct e820_table out;
	struct fuzz_mem fm;
	struct boot_mem mem;
	u64 off;
	int err, n;
	unsigned int i;

	if (size < 3)
		return 0;
	fuzz_mem_init(&fm, &mem, FAKE_BASE, data + 3, size - 3);
	off = (u64)data[1] | (u64)data[2] << 8;

	memset(&bi, 0, sizeof(bi));
	if (data[0] & 1)
		err = mb2_parse_info(&mem, FAKE_BASE + off, &bi);
	else
		err = pvh_parse_start_info(&mem, FAKE_BASE + off, &bi);

	if (!err) {
		FUZZ_CHECK(memchr(bi.cmdline, 0, sizeof(bi.cmdline)));
		FUZZ_CHECK(memchr(bi.loader, 0, sizeof(bi.loader)));
		FUZZ_CHECK(bi.nr_modules <= BOOT_MAX_MODULES);
		FUZZ_CHECK(bi.nr_ranges <= BOOT_MAX_RANGES);
		FUZZ_CHECK(bi.raw_map.nr_entries <= E820_MAX_ENTRIES);
		FUZZ_CHECK(bi.rsdp_copy_len <= sizeof(bi.rsdp_copy));
		for (i = 0; i < bi.nr_modules; i++)
			FUZZ_CHECK(memchr(bi.modules[i].cmdline, 0,
					  sizeof(bi.modules[i].cmdline)));
		n = e820_sanitize(bi.raw_map.entries, bi.raw_map.nr_entries, &out, NULL);
		if (n >= 0)
			check_sanitized(&out);
	}
	fuzz_mem_free(&fm);
	return 0;
}
