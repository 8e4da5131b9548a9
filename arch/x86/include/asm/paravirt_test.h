/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by the paravirt, vmi and Xen suites (CONFIG_KTEST only). */
#ifndef _ASM_X86_PARAVIRT_TEST_H
#define _ASM_X86_PARAVIRT_TEST_H

#include <asm/paravirt_types.h>

/* The longest site (MAX_PATCH_LEN): a want[] buffer's size. */
#define PV_TEST_SITE_MAX	32

/* The bytes @s must hold under native ops (at most PV_TEST_SITE_MAX). */
void pv_test_native_site(const struct paravirt_patch_site *s, u8 *want);
/*
 * The bytes @s must hold for what its slot holds now, under any child:
 * native's template (from the SDM, by hand) where the slot is native's,
 * NOPs for a no-op, else a direct call (jmp) to the slot's target.
 */
void pv_test_expected_site(const struct paravirt_patch_site *s, u8 *want);
/* The one-instruction NOP of each length 0..8. */
extern const u8 pv_test_nop_bytes[9][8];
/* @len bytes of padding: 8-byte NOPs, then one NOP for the rest. */
void pv_test_nops(u8 *buf, unsigned int len);

#endif
