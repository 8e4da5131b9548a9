/* SPDX-License-Identifier: GPL-2.0 */
/* Just enough ACPI to power off: RSDP -> (X|R)SDT -> FADT -> \_S5. */
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

/* Parse the \_S5 package out of AML; 0 and SLP_TYPa/b, or -ENOENT. */
int acpi_find_s5(const u8 *aml, size_t len, u8 *slp_typa, u8 *slp_typb);

#endif
