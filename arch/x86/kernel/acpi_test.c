// SPDX-License-Identifier: GPL-2.0
/*
 * The \_S5 AML scan against hand-assembled byte strings (well-formed,
 * with the root prefix, multi-byte PkgLength, and truncated or lying
 * ones), and the live result: where the platform has ACPI (QEMU does,
 * and so does a Xen dom0, through the host's tables), acpi_init() must
 * have found the mandatory tables and a way to power off.
 */
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <asm/bootinfo.h>
#include <asm/acpi.h>
#include <asm/xen/hypervisor.h>
#include <asm/page.h>

static void s5_simple(struct ktest *t)
{
	/* Name(_S5, Package(4) { 5, 5, 0, 0 }) with BytePrefix values. */
	static const u8 aml[] = { 0x10, 0x08, '_', 'S', '5', '_', 0x12, 0x08, 0x04,
				  0x0a, 0x05, 0x0a, 0x06, 0x00, 0x00 };
	u8 a = 0xff, b = 0xff;

	KTEST_ASSERT_EQ(t, acpi_find_s5(aml, sizeof(aml), &a, &b), 0);
	KTEST_EXPECT_EQ(t, a, 5);
	KTEST_EXPECT_EQ(t, b, 6);
}

static void s5_root_prefix_and_ops(struct ktest *t)
{
	/*
	 * Name(\_S5, Package(2) { Zero, One }) with a two-byte PkgLength
	 * (0x45 0x00: one extra byte, length 5) and a DWordPrefix after.
	 */
	static const u8 aml[] = { 0x08, 0x5c, '_', 'S', '5', '_', 0x12, 0x45, 0x00,
				  0x02, 0x00, 0x01, 0x0c, 1, 2, 3, 4 };
	u8 a = 0xff, b = 0xff;

	KTEST_ASSERT_EQ(t, acpi_find_s5(aml, sizeof(aml), &a, &b), 0);
	KTEST_EXPECT_EQ(t, a, 0);
	KTEST_EXPECT_EQ(t, b, 1);
}

static void s5_malformed(struct ktest *t)
{
	/* A method named _S5_ (not a Name) is not the sleep package. */
	static const u8 not_name[] = { 0x14, '_', 'S', '5', '_', 0x12, 0x04, 0x01, 0x0a, 0x05 };
	/* No PackageOp after the name. */
	static const u8 no_pkg[] = { 0x08, '_', 'S', '5', '_', 0x0a, 0x05 };
	/* PkgLength claims more bytes than the table has. */
	static const u8 too_long[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x3f, 0x02, 0x0a, 0x05 };
	/* Ends right after the name. */
	static const u8 truncated[] = { 0x08, '_', 'S', '5', '_', 0x12 };
	/* Zero elements. */
	static const u8 empty[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x02, 0x00, 0x00 };
	/* First element is not an integer. */
	static const u8 not_int[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x04, 0x02, 0x0d, 'x', 0 };
	u8 a, b;

	KTEST_EXPECT_EQ(t, acpi_find_s5(not_name, sizeof(not_name), &a, &b), -ENOENT);
	KTEST_EXPECT_EQ(t, acpi_find_s5(no_pkg, sizeof(no_pkg), &a, &b), -ENOENT);
	KTEST_EXPECT_EQ(t, acpi_find_s5(too_long, sizeof(too_long), &a, &b), -ENOENT);
	KTEST_EXPECT_EQ(t, acpi_find_s5(truncated, sizeof(truncated), &a, &b), -ENOENT);
	KTEST_EXPECT_EQ(t, acpi_find_s5(empty, sizeof(empty), &a, &b), -ENOENT);
	KTEST_EXPECT_EQ(t, acpi_find_s5(not_int, sizeof(not_int), &a, &b), -ENOENT);
	KTEST_EXPECT_EQ(t, acpi_find_s5(NULL, 0, &a, &b), -ENOENT);
}

/*
 * A Xen PVH domU: libxl's hardware-reduced tables (enlighten_pvh.c).  An
 * HVM domU, entered by GRUB, has hvmloader's full PC tables instead.
 */
static bool xen_pvh_domu(void)
{
	return IS_ENABLED(CONFIG_XEN_PVH) && xen_hvm_domain() && !xen_initial_domain() &&
	       boot_info.protocol == BOOT_PVH;
}

static void acpi_poweroff_ready(struct ktest *t)
{
	if (!acpi_available())
		ktest_skip(t, "no ACPI tables on this platform");
	if (xen_pvh_domu())
		ktest_skip(t, "a Xen PVH domU's DSDT has no \\_S5: it powers off by SCHEDOP_shutdown");
	KTEST_EXPECT_TRUE(t, acpi_s5_ready());
}

/*
 * The tables every x86 ACPI platform has (ACPI 6.x 5.2.12, 5.2.9): a MADT
 * (APIC) and a FADT (FACP) leading to a DSDT; the MADT names at least one
 * enabled CPU and one I/O APIC, and the local APIC at its architectural
 * address (Intel SDM vol. 3 10.4.1), which QEMU's pc machine keeps.
 */
static void acpi_tables_found(struct ktest *t)
{
	const struct acpi_info *i = acpi_get_info();

	if (!acpi_available())
		ktest_skip(t, "no ACPI tables on this platform");
	KTEST_EXPECT_TRUE(t, acpi_has_table("FACP"));
	KTEST_EXPECT_TRUE(t, acpi_has_table("APIC"));
	KTEST_EXPECT_FALSE(t, acpi_has_table("NONE"));
	KTEST_EXPECT_TRUE(t, i->dsdt);
	KTEST_ASSERT_TRUE(t, i->madt);
	KTEST_EXPECT_GE(t, i->nr_cpus, 1);
	/* libxl gives a PVH domU a MADT without I/O APIC: it has none. */
	if (xen_pvh_domu())
		KTEST_EXPECT_EQ(t, i->nr_ioapics, 0);
	else
		KTEST_EXPECT_GE(t, i->nr_ioapics, 1);
	KTEST_EXPECT_EQ(t, i->lapic_addr, 0xfee00000ULL);
}

/*
 * The XSDT path, on tables built here by the ACPI spec's byte layout
 * (ACPI 6.5, 5.2.5 RSDP, 5.2.6 header, 5.2.7 RSDT, 5.2.8 XSDT; written
 * out by offset, not with the parser's structs): a revision-2 RSDP names
 * both an RSDT and an XSDT that list different tables, and the XSDT's
 * must be the ones found; with the RSDP made revision 0 the RSDT's are.
 */
static void put_le(u8 *p, u64 v, unsigned int n)
{
	while (n--) {
		*p++ = v & 0xff;
		v >>= 8;
	}
}

static void fix_sum(u8 *p, unsigned int len, u8 *sum)
{
	u8 s = 0;
	unsigned int i;

	*sum = 0;
	for (i = 0; i < len; i++)
		s += p[i];
	*sum = -s;
}

static void table(u8 *p, const char *sig, unsigned int len)
{
	memcpy(p, sig, 4);
	put_le(p + 4, len, 4);			/* Length */
	p[8] = 1;				/* Revision */
	memcpy(p + 16, "KTEST   ", 8);		/* OEM Table ID */
	fix_sum(p, len, p + 9);			/* Checksum */
}

/*
 * A zeroed page below 4 GiB, which a 4-byte RSDT entry can name (a large
 * dom0 has RAM above, and the allocator may hand that out first): the
 * pages above are held, chained through their first word, until one
 * below comes, then freed.
 */
static u8 *page_below_4g(void)
{
	void *held = NULL, *pg;
	unsigned int i;

	for (i = 0; i < 4096; i++) {
		pg = get_zeroed_page();
		if (!pg || __pa(pg) + PAGE_SIZE <= (1ULL << 32))
			break;
		*(void **)pg = held;
		held = pg;
		pg = NULL;
	}
	while (held) {
		void *next = *(void **)held;

		free_page(held);
		held = next;
	}
	return pg;
}

static void acpi_xsdt_preferred(struct ktest *t)
{
	u8 *pg = page_below_4g(), *rsdp;
	u64 pa;
	const u8 *found;

	KTEST_ASSERT_NOT_NULL(t, pg);
	pa = __pa(pg);
	rsdp = pg;
	table(pg + 0x200, "TSTX", 36);		/* only in the XSDT */
	table(pg + 0x300, "TSTR", 36);		/* only in the RSDT */
	put_le(pg + 0x100 + 36, pa + 0x200, 8);	/* XSDT: one 8-byte entry */
	table(pg + 0x100, "XSDT", 44);
	put_le(pg + 0x80 + 36, pa + 0x300, 4);	/* RSDT: one 4-byte entry */
	table(pg + 0x80, "RSDT", 40);
	memcpy(rsdp, "RSD PTR ", 8);
	memcpy(rsdp + 9, "KTEST ", 6);
	rsdp[15] = 2;				/* Revision */
	put_le(rsdp + 16, pa + 0x80, 4);	/* RsdtAddress */
	put_le(rsdp + 20, 36, 4);		/* Length */
	put_le(rsdp + 24, pa + 0x100, 8);	/* XsdtAddress */
	fix_sum(rsdp, 20, rsdp + 8);
	fix_sum(rsdp, 36, rsdp + 32);

	found = acpi_find_table_from(rsdp, "TSTX");
	KTEST_ASSERT_NOT_NULL(t, found);
	KTEST_EXPECT_EQ(t, memcmp(found, "TSTX", 4), 0);
	KTEST_EXPECT_EQ(t, memcmp(found + 16, "KTEST   ", 8), 0);
	KTEST_EXPECT_NULL(t, acpi_find_table_from(rsdp, "TSTR"));
	/*
	 * An XSDT named after what lies at address 0 (Xen 4.17's PVH dom0
	 * builder on RSDT-only firmware), its checksum right: still the root.
	 */
	table(pg + 0x100, "S\xff\x00\xf0", 44);
	KTEST_EXPECT_NOT_NULL(t, acpi_find_table_from(rsdp, "TSTX"));

	rsdp[15] = 0;				/* ACPI 1.0: the RSDT only */
	fix_sum(rsdp, 20, rsdp + 8);
	KTEST_EXPECT_NULL(t, acpi_find_table_from(rsdp, "TSTX"));
	KTEST_EXPECT_NOT_NULL(t, acpi_find_table_from(rsdp, "TSTR"));
	/* A table whose checksum is off is not found. */
	pg[0x300 + 20] ^= 1;
	KTEST_EXPECT_NULL(t, acpi_find_table_from(rsdp, "TSTR"));
	free_page(pg);
}

static const struct ktest_case acpi_cases[] = {
	KTEST_CASE(s5_simple),
	KTEST_CASE(s5_root_prefix_and_ops),
	KTEST_CASE(s5_malformed),
	KTEST_CASE(acpi_poweroff_ready),
	KTEST_CASE(acpi_tables_found),
	KTEST_CASE(acpi_xsdt_preferred),
	{}
};
KTEST_SUITE(acpi, acpi_cases);
