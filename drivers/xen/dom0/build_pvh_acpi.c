// SPDX-License-Identifier: GPL-2.0
/*
 * The ACPI tables a PVH guest gets, as libxl's (libxl_x86_acpi.c with
 * Xen's libacpi) give one: an RSDP naming an XSDT of a FADT (hardware-
 * reduced, its DSDT empty: there is no chipset to describe) and a MADT
 * with one enabled local APIC per vCPU and no I/O APIC (Xen emulates
 * only the local APIC for PVH).  A guest counts and names its CPUs from
 * the MADT: without it a PVH guest cannot match CPUs to vCPUs.
 *
 * Written byte by byte at the offsets of the ACPI specification (6.5:
 * 5.2.5 RSDP, 5.2.6 header, 5.2.8 XSDT, 5.2.9 FADT, 5.2.12 MADT), all in
 * one page the builder puts at a reserved gfn.  Invariant: every table's
 * bytes sum to zero, the RSDP's first 20 bytes and all 36 too.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include "build.h"

#define HDR		36		/* the common table header */
#define RSDP_OFF	0
#define XSDT_OFF	64
#define FADT_OFF	128
#define FADT_LEN	276		/* revision 6 */
#define DSDT_OFF	512
#define MADT_OFF	576
#define FADT_HW_REDUCED	(1U << 20)	/* FADT flags: HW_REDUCED_ACPI */
#define LAPIC_BASE	0xfee00000U
/* Xen's vlapic (vlapic_reset) and libacpi (LAPIC_ID) number APICs 2 x vCPU. */
#define APIC_ID(vcpu)	((vcpu) * 2)

static void put(u8 *p, u64 v, unsigned int n)
{
	while (n--) {
		*p++ = v & 0xff;
		v >>= 8;
	}
}

static u8 sum(const u8 *p, unsigned int len)
{
	u8 s = 0;

	while (len--)
		s += *p++;
	return s;
}

static void header(u8 *t, const char *sig, u32 len, u8 rev)
{
	memcpy(t, sig, 4);
	put(t + 4, len, 4);
	t[8] = rev;
	memcpy(t + 10, "Xen   ", 6);		/* OEM ID, as libacpi's */
	memcpy(t + 16, "dom0PVH ", 8);		/* OEM table ID */
	put(t + 24, 1, 4);			/* OEM revision */
	memcpy(t + 28, "XEN ", 4);		/* creator */
	put(t + 32, 1, 4);
}

static void seal(u8 *t, u32 len)
{
	t[9] = 0;
	t[9] = -sum(t, len);
}

int dom0_pvh_acpi(u8 *page, size_t size, u64 page_pa, unsigned int vcpus)
{
	u32 madt_len = HDR + 8 + 8 * vcpus;
	u8 *r = page + RSDP_OFF, *x = page + XSDT_OFF, *f = page + FADT_OFF;
	u8 *d = page + DSDT_OFF, *m = page + MADT_OFF;
	unsigned int i;

	if (MADT_OFF + madt_len > size || vcpus > 128) {
		pr_err("dom0: %u vCPUs do not fit a PVH guest's one page of ACPI tables\n", vcpus);
		return -E2BIG;
	}
	memset(page, 0, size);

	header(d, "DSDT", HDR, 2);
	seal(d, HDR);

	header(m, "APIC", madt_len, 4);
	put(m + 36, LAPIC_BASE, 4);
	put(m + 40, 0, 4);			/* no PC-AT 8259s */
	for (i = 0; i < vcpus; i++) {
		u8 *e = m + HDR + 8 + 8 * i;

		e[0] = 0;			/* processor local APIC */
		e[1] = 8;
		e[2] = i;			/* ACPI processor UID */
		e[3] = APIC_ID(i);
		put(e + 4, 1, 4);		/* enabled */
	}
	seal(m, madt_len);

	header(f, "FACP", FADT_LEN, 6);
	put(f + 40, page_pa + DSDT_OFF, 4);	/* DSDT */
	put(f + 112, FADT_HW_REDUCED, 4);	/* flags */
	f[131] = 0;				/* FADT minor version */
	put(f + 140, page_pa + DSDT_OFF, 8);	/* X_DSDT */
	memcpy(f + 268, "XenVMM\0\0", 8);	/* hypervisor vendor identity */
	seal(f, FADT_LEN);

	header(x, "XSDT", HDR + 2 * 8, 1);
	put(x + HDR, page_pa + FADT_OFF, 8);
	put(x + HDR + 8, page_pa + MADT_OFF, 8);
	seal(x, HDR + 2 * 8);

	memcpy(r, "RSD PTR ", 8);
	memcpy(r + 9, "Xen   ", 6);
	r[15] = 2;				/* revision: XSDT */
	put(r + 20, 36, 4);			/* length */
	put(r + 24, page_pa + XSDT_OFF, 8);
	r[8] = -sum(r, 20);
	r[32] = -sum(r, 36);
	return 0;
}
