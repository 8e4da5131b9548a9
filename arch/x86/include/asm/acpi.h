/* SPDX-License-Identifier: GPL-2.0 */
/* Just enough ACPI: RSDP -> (X|R)SDT -> MADT, FADT -> \_S5. */
#ifndef _ASM_X86_ACPI_H
#define _ASM_X86_ACPI_H

#include <linux/types.h>

int acpi_init(u64 rsdp_hint);
/* Enter S5.  Returns only if that failed, with a negative errno. */
int acpi_power_off(void);
/* An RSDP was found (the platform has ACPI at all). */
bool acpi_available(void);
/* Everything acpi_power_off() needs was found. */
bool acpi_s5_ready(void);
/* PM timer port (0 if none) for calibration. */
extern u32 acpi_pm_tmr_port;

/* What acpi_init() found, for the boot log and the tests. */
#define ACPI_MAX_LISTED		32
struct acpi_info {
	char root[4];			/* "RSDT" or "XSDT" */
	unsigned int nr_tables;
	char tables[ACPI_MAX_LISTED][4];	/* signatures the root lists */
	bool madt, dsdt;
	u64 lapic_addr;
	unsigned int nr_cpus, nr_ioapics;
	u32 ioapic_addr[8];
	/* APIC IDs of the first enabled CPUs, MADT order (local and x2APIC entries). */
	u32 apic_ids[64];
};
const struct acpi_info *acpi_get_info(void);
/* The root table lists a table with signature @sig (4 characters). */
bool acpi_has_table(const char *sig);
/* The table @sig through the root table of @rsdp (tests build their own). */
const void *acpi_find_table_from(const void *rsdp, const char *sig);

/* Parse the \_S5 package out of AML; 0 and SLP_TYPa/b, or -ENOENT. */
int acpi_find_s5(const u8 *aml, size_t len, u8 *slp_typa, u8 *slp_typb);

#endif
