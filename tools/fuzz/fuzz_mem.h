/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fuzz input as the memory a parser reads through struct boot_mem: the
 * bytes are copied into an exactly sized heap buffer standing at @base,
 * so a read past them is an AddressSanitizer report, and the accessor
 * refuses what lies outside.
 */
#ifndef _FUZZ_MEM_H
#define _FUZZ_MEM_H

#include <linux/types.h>
#include <asm/bootinfo.h>

struct fuzz_mem {
	uint8_t *buf;
	size_t size;
	u64 base;
};

/* Copy @size bytes of @data to stand at @base; set @mem up to read them. */
void fuzz_mem_init(struct fuzz_mem *fm, struct boot_mem *mem, u64 base,
		   const uint8_t *data, size_t size);
void fuzz_mem_free(struct fuzz_mem *fm);

#endif
