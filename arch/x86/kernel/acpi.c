// SPDX-License-Identifier: GPL-2.0
/*
 * Just enough ACPI to know the machine and turn it off: find the RSDP
 * (given by the loader, or searched for in the EBDA and BIOS area), its
 * RSDT/XSDT and the tables it lists, the MADT's interrupt controllers,
 * the FADT, and the \_S5 sleep type in the DSDT.  Every table's
 * signature, length and checksum are checked before a field is read;
 * everything acpi_power_off() needs is worked out here, so it can run
 * from panic().
 */
#define pr_fmt(fmt) "ACPI: " fmt

#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <asm/acpi.h>
#include <asm/io.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/bootinfo.h>
#include <asm/tsc.h>


struct acpi_table_header {
	char signature[4];
	u32 length;
	u8 revision;
	u8 checksum;
	char oem_id[6];
	char oem_table_id[8];
	u32 oem_revision;
	u32 creator_id;
	u32 creator_revision;
} __packed;

struct acpi_rsdp {
	char signature[8];
	u8 checksum;
	char oem_id[6];
	u8 revision;
	u32 rsdt;
	u32 length;
	u64 xsdt;
	u8 ext_checksum;
	u8 reserved[3];
} __packed;

struct acpi_gas {
	u8 space_id;		/* 0 memory, 1 I/O port */
	u8 bit_width, bit_offset, access_size;
	u64 address;
} __packed;

/* FADT field offsets (ACPI 6.x, table 5.9). */
#define FADT_DSDT		40
#define FADT_SMI_CMD		48
#define FADT_ACPI_ENABLE	52
#define FADT_PM1A_CNT		64
#define FADT_PM1B_CNT		68
#define FADT_PM_TMR		76
#define FADT_FLAGS		112
#define FADT_X_DSDT		140
#define FADT_X_PM1A_CNT		172
#define FADT_X_PM1B_CNT		184
#define FADT_SLEEP_CONTROL	244
#define FADT_HW_REDUCED		(1U << 20)

#define ACPI_SCI_EN		(1U << 0)
#define ACPI_SLP_EN		(1U << 13)
#define ACPI_SLP_TYP_SHIFT	10
#define ACPI_HWR_SLP_EN		(1U << 5)
#define ACPI_HWR_SLP_TYP_SHIFT	2

#define ACPI_MAX_TABLE		(1U << 20)

u32 acpi_pm_tmr_port;
static bool rsdp_found;
static struct acpi_info info;
static struct {
	bool ready, hw_reduced;
	u16 pm1a_cnt, pm1b_cnt;
	u8 slp_typa, slp_typb;
	struct acpi_gas sleep_control;
	void __iomem *sleep_control_mmio;
} s5;

static u8 checksum(const void *p, size_t len)
{
	const u8 *b = p;
	u8 sum = 0;

	while (len--)
		sum += *b++;
	return sum;
}

/* Map firmware memory: the early direct map before paging_init. */
static const void *acpi_map(u64 pa, u64 len)
{
	if (!pa || pa + len < pa)
		return NULL;
	if (early_page_tables())
		return pa + len <= (4ULL << 30) ? __va(pa) : NULL;
	return memremap(pa, len);
}

static bool rsdp_valid(const struct acpi_rsdp *r, size_t avail)
{
	if (memcmp(r->signature, "RSD PTR ", 8) || checksum(r, 20))
		return false;
	if (r->revision >= 2)
		return avail >= sizeof(*r) && r->length >= sizeof(*r) &&
		       !checksum(r, sizeof(*r));
	return true;
}

static const struct acpi_rsdp *scan_rsdp(u64 start, u64 len)
{
	const u8 *p = acpi_map(start, len);
	u64 off;

	if (!p)
		return NULL;
	for (off = 0; off + 20 <= len; off += 16) {
		const struct acpi_rsdp *r = (const void *)(p + off);

		if (rsdp_valid(r, len - off))
			return r;
	}
	return NULL;
}

static const struct acpi_rsdp *find_rsdp(u64 hint)
{
	const struct acpi_rsdp *r;
	const u16 *ebda_seg;

	if (hint) {
		r = acpi_map(hint, sizeof(*r));
		if (r && rsdp_valid(r, sizeof(*r)))
			return r;
		pr_warn("RSDP at %#llx given by the loader is invalid\n",
			(unsigned long long)hint);
	}
	if (boot_info.rsdp_copy_len >= 20) {
		r = (const void *)boot_info.rsdp_copy;
		if (rsdp_valid(r, boot_info.rsdp_copy_len))
			return r;
		pr_warn("RSDP copy given by the loader is invalid\n");
	}
	ebda_seg = acpi_map(0x40e, 2);
	if (ebda_seg && *ebda_seg) {
		r = scan_rsdp((u64)*ebda_seg << 4, 1024);
		if (r)
			return r;
	}
	return scan_rsdp(0xe0000, 0x20000);
}

/* Map a whole table after checking its header and checksum. */
static const struct acpi_table_header *map_table(u64 pa, const char *sig)
{
	const struct acpi_table_header *h = acpi_map(pa, sizeof(*h));
	u32 len;

	if (!h) {
		if (sig)
			pr_warn("table %.4s at %#llx: cannot be mapped\n", sig,
				(unsigned long long)pa);
		return NULL;
	}
	len = h->length;
	if ((sig && memcmp(h->signature, sig, 4)) || len < sizeof(*h) ||
	    len > ACPI_MAX_TABLE) {
		if (sig)
			pr_warn("table %.4s at %#llx: signature %.4s, length %u\n", sig,
				(unsigned long long)pa, h->signature, len);
		return NULL;
	}
	h = acpi_map(pa, len);
	if (!h || checksum(h, len)) {
		pr_warn("table %.4s at %#llx: bad checksum\n", sig ? sig : "?",
			(unsigned long long)pa);
		return NULL;
	}
	return h;
}

/*
 * The root table the RSDP names, by its checksum and length, as Linux
 * takes it: its signature is only compared.  Xen 4.17 builds a PVH
 * dom0's XSDT with the header of the firmware's XSDT, and on firmware
 * with only an RSDT (SeaBIOS) that header comes from physical address 0:
 * the table is sound but named after the real-mode IVT.
 */
static const struct acpi_table_header *map_root(const struct acpi_rsdp *r, bool x)
{
	const char *sig = x ? "XSDT" : "RSDT";
	const struct acpi_table_header *root = map_table(x ? r->xsdt : r->rsdt, NULL);
	static bool said;

	if (root && memcmp(root->signature, sig, 4) && !said) {
		pr_warn("%s at %#llx is named %02x %02x %02x %02x: taken by its checksum\n",
			sig, (unsigned long long)(x ? r->xsdt : r->rsdt),
			(u8)root->signature[0], (u8)root->signature[1],
			(u8)root->signature[2], (u8)root->signature[3]);
		said = true;
	}
	return root;
}

static const struct acpi_table_header *find_table(const struct acpi_rsdp *r,
						  const char *sig)
{
	const struct acpi_table_header *root;
	bool x = r->revision >= 2 && r->xsdt;
	unsigned int i, n, esz = x ? 8 : 4;

	root = map_root(r, x);
	if (!root)
		return NULL;
	n = (root->length - sizeof(*root)) / esz;
	for (i = 0; i < n; i++) {
		const u8 *e = (const u8 *)(root + 1) + i * esz;
		u64 pa = 0;
		const struct acpi_table_header *t;

		memcpy(&pa, e, esz);
		t = map_table(pa, NULL);
		if (t && !memcmp(t->signature, sig, 4))
			return t;
	}
	return NULL;
}

/*
 * find_table() from an RSDP the caller holds (the suite builds one with
 * an XSDT, which QEMU's firmware does not provide): the table, or NULL.
 */
const void *acpi_find_table_from(const void *rsdp, const char *sig)
{
	const struct acpi_rsdp *r = rsdp;

	return rsdp_valid(r, sizeof(*r)) ? find_table(r, sig) : NULL;
}

/* The root table's entries, signatures noted, as one line. */
static void list_tables(const struct acpi_rsdp *r)
{
	const struct acpi_table_header *root, *t;
	bool x = r->revision >= 2 && r->xsdt;
	unsigned int i, n, esz = x ? 8 : 4;
	char line[ACPI_MAX_LISTED * 5 + 1];

	root = map_root(r, x);
	if (!root)
		return;
	memcpy(info.root, x ? "XSDT" : "RSDT", 4);	/* what the RSDP names */
	n = (root->length - sizeof(*root)) / esz;
	line[0] = 0;
	for (i = 0; i < n && info.nr_tables < ACPI_MAX_LISTED; i++) {
		u64 pa = 0;

		memcpy(&pa, (const u8 *)(root + 1) + i * esz, esz);
		t = map_table(pa, NULL);
		if (!t)
			continue;
		memcpy(info.tables[info.nr_tables], t->signature, 4);
		snprintf(line + 5 * info.nr_tables, 6, " %.4s", t->signature);
		info.nr_tables++;
	}
	pr_info("RSDP rev %u, %.4s rev %u with %u tables:%s\n", r->revision,
		info.root, root->revision, n, line);
}

/* MADT (ACPI 6.x 5.2.12): where the local APICs and I/O APICs are. */
#define MADT_LAPIC		0
#define MADT_IOAPIC		1
#define MADT_LAPIC_OVERRIDE	5
#define MADT_X2APIC		9
#define MADT_ENABLED		(1 << 0)

/* An enabled CPU: counted, and its APIC ID kept while there is room. */
static void madt_add_cpu(u32 apic_id, u32 flags)
{
	if (!(flags & MADT_ENABLED))
		return;
	if (info.nr_cpus < ARRAY_SIZE(info.apic_ids))
		info.apic_ids[info.nr_cpus] = apic_id;
	info.nr_cpus++;
}

static void parse_madt(const struct acpi_table_header *m)
{
	const u8 *p = (const u8 *)(m + 1) + 8, *end = (const u8 *)m + m->length;
	u32 lapic;

	if (m->length < sizeof(*m) + 8)
		return;
	memcpy(&lapic, m + 1, 4);
	info.lapic_addr = lapic;
	for (; p + 2 <= end && p[1] >= 2 && p + p[1] <= end; p += p[1]) {
		if (p[0] == MADT_LAPIC && p[1] >= 8) {
			u32 flags;

			/* UID (1), APIC ID (1), flags (4) */
			memcpy(&flags, p + 4, 4);
			madt_add_cpu(p[3], flags);
		} else if (p[0] == MADT_X2APIC && p[1] >= 16) {
			u32 id, flags;

			/* reserved (2), x2APIC ID (4), flags (4), UID (4) */
			memcpy(&id, p + 4, 4);
			memcpy(&flags, p + 8, 4);
			madt_add_cpu(id, flags);
		} else if (p[0] == MADT_IOAPIC && p[1] >= 12 &&
			   info.nr_ioapics < ARRAY_SIZE(info.ioapic_addr)) {
			memcpy(&info.ioapic_addr[info.nr_ioapics], p + 4, 4);
			info.nr_ioapics++;
		} else if (p[0] == MADT_LAPIC_OVERRIDE && p[1] >= 12) {
			memcpy(&info.lapic_addr, p + 4, 8);
		}
	}
	info.madt = true;
	pr_info("MADT: local APIC at %#llx, %u CPUs enabled, %u I/O APICs (first at %#x)\n",
		(unsigned long long)info.lapic_addr, info.nr_cpus, info.nr_ioapics,
		info.nr_ioapics ? info.ioapic_addr[0] : 0);
}

const struct acpi_info *acpi_get_info(void)
{
	return &info;
}

bool acpi_has_table(const char *sig)
{
	unsigned int i;

	for (i = 0; i < info.nr_tables; i++)
		if (!memcmp(info.tables[i], sig, 4))
			return true;
	return false;
}

static bool fadt_field(const struct acpi_table_header *f, u32 off, void *v, u32 len)
{
	if (off + len > f->length)
		return false;
	memcpy(v, (const u8 *)f + off, len);
	return true;
}

/* Switch the chipset from legacy (SMI) to ACPI mode if firmware did not. */
static void acpi_enable_mode(const struct acpi_table_header *fadt)
{
	u32 smi_cmd = 0;
	u8 enable = 0;
	unsigned int i;

	if (!s5.pm1a_cnt || (inw(s5.pm1a_cnt) & ACPI_SCI_EN))
		return;
	if (!fadt_field(fadt, FADT_SMI_CMD, &smi_cmd, 4) ||
	    !fadt_field(fadt, FADT_ACPI_ENABLE, &enable, 1) || !smi_cmd || !enable)
		return;
	outb(enable, (u16)smi_cmd);
	for (i = 0; i < 300 && !(inw(s5.pm1a_cnt) & ACPI_SCI_EN); i++)
		mdelay(1);
}

int acpi_init(u64 rsdp_hint)
{
	const struct acpi_rsdp *rsdp = find_rsdp(rsdp_hint);
	const struct acpi_table_header *fadt, *madt, *dsdt = NULL;
	u32 flags = 0, v32 = 0;
	u64 x_dsdt = 0;
	struct acpi_gas gas;

	if (!rsdp) {
		pr_warn("no RSDP found\n");
		return -ENODEV;
	}
	rsdp_found = true;
	list_tables(rsdp);
	madt = find_table(rsdp, "APIC");
	if (madt)
		parse_madt(madt);
	fadt = find_table(rsdp, "FACP");
	if (!fadt) {
		pr_warn("no FADT\n");
		return -ENODEV;
	}
	fadt_field(fadt, FADT_FLAGS, &flags, 4);
	s5.hw_reduced = flags & FADT_HW_REDUCED;
	if (fadt_field(fadt, FADT_PM1A_CNT, &v32, 4))
		s5.pm1a_cnt = (u16)v32;
	if (!s5.pm1a_cnt && fadt_field(fadt, FADT_X_PM1A_CNT, &gas, sizeof(gas)) &&
	    gas.space_id == 1)
		s5.pm1a_cnt = (u16)gas.address;
	v32 = 0;
	if (fadt_field(fadt, FADT_PM1B_CNT, &v32, 4))
		s5.pm1b_cnt = (u16)v32;
	v32 = 0;
	if (fadt_field(fadt, FADT_PM_TMR, &v32, 4))
		acpi_pm_tmr_port = v32;

	if (fadt_field(fadt, FADT_X_DSDT, &x_dsdt, 8) && x_dsdt)
		dsdt = map_table(x_dsdt, "DSDT");
	if (!dsdt && fadt_field(fadt, FADT_DSDT, &v32, 4))
		dsdt = map_table(v32, "DSDT");
	if (!dsdt) {
		pr_warn("no DSDT\n");
		return -ENODEV;
	}
	info.dsdt = true;
	if (acpi_find_s5((const u8 *)(dsdt + 1), dsdt->length - sizeof(*dsdt),
			 &s5.slp_typa, &s5.slp_typb)) {
		pr_warn("no \\_S5 in the DSDT\n");
		return -ENOENT;
	}
	if (s5.hw_reduced) {
		if (!fadt_field(fadt, FADT_SLEEP_CONTROL, &s5.sleep_control,
				sizeof(s5.sleep_control)) || !s5.sleep_control.address) {
			pr_warn("hardware-reduced ACPI without a sleep control register\n");
			return -ENODEV;
		}
		if (s5.sleep_control.space_id == 0 && !early_page_tables())
			s5.sleep_control_mmio = ioremap(s5.sleep_control.address, 1);
	} else {
		if (!s5.pm1a_cnt) {
			pr_warn("no PM1a control block\n");
			return -ENODEV;
		}
		acpi_enable_mode(fadt);
	}
	s5.ready = true;
	pr_info("FADT rev %u%s, S5 sleep type %u/%u, PM1a_CNT %#x, PM timer %#x\n",
		fadt->revision, s5.hw_reduced ? " (hardware-reduced)" : "",
		s5.slp_typa, s5.slp_typb, s5.pm1a_cnt, acpi_pm_tmr_port);
	return 0;
}

bool acpi_available(void)
{
	return rsdp_found;
}

bool acpi_s5_ready(void)
{
	return s5.ready;
}

int acpi_power_off(void)
{
	if (!s5.ready)
		return -ENODEV;
	if (s5.hw_reduced) {
		u8 v = (u8)((s5.slp_typa << ACPI_HWR_SLP_TYP_SHIFT) | ACPI_HWR_SLP_EN);

		if (s5.sleep_control.space_id == 1)
			outb(v, (u16)s5.sleep_control.address);
		else if (s5.sleep_control_mmio)
			*(volatile u8 __force *)s5.sleep_control_mmio = v;
	} else {
		outw((u16)((s5.slp_typa << ACPI_SLP_TYP_SHIFT) | ACPI_SLP_EN), s5.pm1a_cnt);
		if (s5.pm1b_cnt)
			outw((u16)((s5.slp_typb << ACPI_SLP_TYP_SHIFT) | ACPI_SLP_EN),
			     s5.pm1b_cnt);
	}
	/* Give the chipset a moment before reporting failure. */
	mdelay(100);
	return -EIO;
}
