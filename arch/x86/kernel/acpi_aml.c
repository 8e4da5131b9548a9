// SPDX-License-Identifier: GPL-2.0
/*
 * The one piece of AML the kernel reads: the \_S5 sleep package, found by
 * scanning the DSDT for Name(_S5_, Package(){...}) and decoding its first
 * two integers (SLP_TYPa, SLP_TYPb).  Every length comes from the table
 * and is checked against the bytes there are.  Pure code: it builds on
 * the host for fuzzing.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <asm/acpi.h>

/* Decode a package element that is an integer; -1 if it is not. */
static int aml_int(const u8 *p, const u8 *end, const u8 **next)
{
	if (p >= end)
		return -1;
	switch (*p) {
	case 0x00: *next = p + 1; return 0;		/* ZeroOp */
	case 0x01: *next = p + 1; return 1;		/* OneOp */
	case 0x0a:					/* BytePrefix */
		if (p + 2 > end)
			return -1;
		*next = p + 2;
		return p[1];
	case 0x0b:					/* WordPrefix */
		if (p + 3 > end)
			return -1;
		*next = p + 3;
		return p[1];
	case 0x0c:					/* DWordPrefix */
		if (p + 5 > end)
			return -1;
		*next = p + 5;
		return p[1];
	default:
		return -1;
	}
}

int acpi_find_s5(const u8 *aml, size_t len, u8 *slp_typa, u8 *slp_typb)
{
	const u8 *end = aml + len, *p;
	size_t i;

	for (i = 1; i + 4 < len; i++) {
		unsigned int lead, nbytes, pkglen, k;
		int a, b;

		if (memcmp(aml + i, "_S5_", 4))
			continue;
		/* NameOp, optionally with the root prefix: 08 [5c] _S5_ */
		if (!(aml[i - 1] == 0x08 ||
		      (aml[i - 1] == 0x5c && i >= 2 && aml[i - 2] == 0x08)))
			continue;
		p = aml + i + 4;
		if (p >= end || *p++ != 0x12)		/* PackageOp */
			continue;
		if (p >= end)
			return -ENOENT;
		lead = *p;
		nbytes = lead >> 6;
		if (p + 1 + nbytes > end)
			return -ENOENT;
		pkglen = nbytes ? lead & 0x0f : lead & 0x3f;
		for (k = 0; k < nbytes; k++)
			pkglen |= (unsigned int)p[1 + k] << (4 + 8 * k);
		/* The package may not run past the AML. */
		if (pkglen < 1 || pkglen > (size_t)(end - p))
			return -ENOENT;
		end = p + pkglen;
		p += 1 + nbytes;
		if (p >= end || *p++ < 1)		/* NumElements */
			return -ENOENT;
		a = aml_int(p, end, &p);
		if (a < 0)
			return -ENOENT;
		b = aml_int(p, end, &p);
		*slp_typa = (u8)a;
		*slp_typb = b < 0 ? 0 : (u8)b;
		return 0;
	}
	return -ENOENT;
}
