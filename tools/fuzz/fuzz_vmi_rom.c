// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: vmi_rom_check() on arbitrary images (exactly sized,
 * so any read past the end is an ASan report).  An accepted image must
 * really be what the ABI says: a whole number of 512-byte blocks within
 * the bytes given, summing to zero, with every call/jmp implementation
 * inside it at its declared alignment and a page-aligned data area.
 */
#include <asm/vmi.h>
#include "fuzz_host.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vmi_rom_info info;
	struct vmi_rom_image img = { .phys = 0xc8000, .source = "fuzz" };
	u8 *copy = malloc(size ? size : 1);
	unsigned int i, op;
	u32 sum = 0;

	memcpy(copy, data, size);
	img.bytes = copy;
	img.size = size > 0xffffffffUL ? 0xffffffffU : (u32)size;
	if (vmi_rom_check(&img, &info) == 0) {
		FUZZ_CHECK(info.size && info.size % 512 == 0);
		FUZZ_CHECK(info.size <= img.size && info.size <= VMI_ROM_MAX);
		for (i = 0; i < info.size; i++)
			sum += copy[i];
		FUZZ_CHECK((sum & 0xff) == 0);
		FUZZ_CHECK(!(info.data_offset & 0xfff) && info.data_offset >= info.size);
		FUZZ_CHECK(info.data_size >= VMI_COUNTERS_SIZE && info.data_size <= VMI_DATA_MAX);
		for (op = 0; op < VMI_NR_OPS; op++) {
			unsigned int r = info.ops[op].reloc;

			FUZZ_CHECK(r <= VMI_RELOC_NOP);
			if (r == VMI_RELOC_CALL || r == VMI_RELOC_JMP)
				FUZZ_CHECK(info.ops[op].offset < info.size);
			FUZZ_CHECK(r != VMI_RELOC_JMP || op == VMI_OP_IRET);
		}
	}
	free(copy);
	return 0;
}
