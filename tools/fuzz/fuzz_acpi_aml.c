// SPDX-License-Identifier: GPL-2.0
/* libFuzzer target: the \_S5 scan over arbitrary AML bytes. */
#include <linux/types.h>
#include <asm/acpi.h>
#include "fuzz_host.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Exactly sized, so a read past the AML is an ASan report. */
	uint8_t *aml = malloc(size ? size : 1);
	u8 a = 0xaa, b = 0xbb;
	int r;

	memcpy(aml, data, size);
	r = acpi_find_s5(aml, size, &a, &b);
	FUZZ_CHECK(r == 0 || r == -ENOENT);
	if (r)
		FUZZ_CHECK(a == 0xaa && b == 0xbb);	/* outputs untouched on failure */
	free(aml);
	return 0;
}
