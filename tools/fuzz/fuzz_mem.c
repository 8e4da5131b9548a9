// SPDX-License-Identifier: GPL-2.0
#include "fuzz_host.h"
#include "fuzz_mem.h"

static const void *fuzz_mem_map(const struct boot_mem *m, u64 addr, u64 len)
{
	const struct fuzz_mem *fm = m->priv;
	u64 end;

	if (__builtin_add_overflow(addr, len, &end) || addr < fm->base ||
	    end > fm->base + fm->size)
		return NULL;
	return fm->buf + (addr - fm->base);
}

void fuzz_mem_init(struct fuzz_mem *fm, struct boot_mem *mem, u64 base,
		   const uint8_t *data, size_t size)
{
	fm->size = size;
	fm->base = base;
	fm->buf = malloc(size ? size : 1);
	memcpy(fm->buf, data, size);
	mem->map = fuzz_mem_map;
	mem->priv = fm;
	mem->limit = base + size;
}

void fuzz_mem_free(struct fuzz_mem *fm)
{
	free(fm->buf);
	fm->buf = NULL;
}
