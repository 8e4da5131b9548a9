/* SPDX-License-Identifier: GPL-2.0 */
/* Private to arch/x86/mm. */
#ifndef _X86_MM_INTERNAL_H
#define _X86_MM_INTERNAL_H

#include <asm/pgtable.h>

extern unsigned long nr_page_tables;

void *pt_alloc(void);
pte_t *pte_lookup_alloc(pgd_t *pgd, unsigned long va, bool alloc, int *err);
pmd_t *pmd_lookup_alloc(pgd_t *pgd, unsigned long va, bool alloc, int *err);

#endif
