// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the slim dom0's reading of a guest kernel image
 * (drivers/xen/dom0/build_elf.c).  The input is the image, in an exactly
 * sized heap copy so a read past it is an AddressSanitizer report.
 *
 * Invariants: a refusal is -EINVAL with a reason; an acceptance has no
 * reason, every loadable segment inside the image with its file part no
 * larger than its memory part, placed at or above VIRT_BASE within the
 * builder's 1 GiB, and the entry inside the page-aligned span loaded;
 * every segment's physical range inside the page-aligned physical span,
 * and a PVH entry (PHYS32_ENTRY), if any, 32-bit and inside it.
 */
#include <linux/kernel.h>
#include "fuzz_host.h"
#include "../../drivers/xen/dom0/build.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *img = malloc(size ? size : 1);
	struct dom0_elf e;
	const char *why = NULL;
	unsigned int i;
	int rc;

	memcpy(img, data, size);
	rc = dom0_elf_parse(img, size, &e, &why);
	if (rc) {
		FUZZ_CHECK(rc == -EINVAL);
		FUZZ_CHECK(why != NULL);
		free(img);
		return 0;
	}
	FUZZ_CHECK(why == NULL);
	FUZZ_CHECK(e.nr_segs >= 1 && e.nr_segs <= DOM0_ELF_MAX_SEGS);
	FUZZ_CHECK(!(e.vstart & 4095) && !(e.vend & 4095) && e.vstart < e.vend);
	FUZZ_CHECK(e.vend - e.vstart <= (1ULL << 30) + 4096);
	FUZZ_CHECK(e.entry >= e.vstart && e.entry < e.vend);
	for (i = 0; i < e.nr_segs; i++) {
		const struct dom0_elf_seg *s = &e.seg[i];

		FUZZ_CHECK(s->offset <= size && s->filesz <= size - s->offset);
		FUZZ_CHECK(s->filesz <= s->memsz);
		FUZZ_CHECK(s->vaddr >= e.virt_base && s->vaddr >= e.vstart);
		FUZZ_CHECK(s->vaddr + s->memsz <= e.vend);
		FUZZ_CHECK(s->paddr >= e.pstart && s->memsz <= e.pend - s->paddr);
	}
	FUZZ_CHECK(!(e.pstart & 4095) && !(e.pend & 4095) && e.pstart < e.pend);
	FUZZ_CHECK(e.phys_entry == ~0ULL ||
		   (e.phys_entry < (1ULL << 32) && e.phys_entry >= e.pstart && e.phys_entry < e.pend));
	free(img);
	return 0;
}
