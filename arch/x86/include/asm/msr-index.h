/* SPDX-License-Identifier: GPL-2.0 */
/* Model-specific register numbers we use. */
#ifndef _ASM_X86_MSR_INDEX_H
#define _ASM_X86_MSR_INDEX_H

#include <asm/processor-flags.h>	/* MSR_EFER */

#define MSR_IA32_APICBASE		0x0000001b
#define MSR_IA32_APICBASE_ENABLE	(1 << 11)
#define MSR_IA32_APICBASE_EXTD		(1 << 10)	/* x2APIC mode */
#define MSR_IA32_APICBASE_BSP		(1 << 8)
#define APIC_BASE_MSR			0x800		/* x2APIC register 0 */
#define MSR_X2APIC_ICR			0x830
#define MSR_IA32_APICBASE_BASE		(0xfffffULL << 12)
#define MSR_IA32_TSC_DEADLINE		0x000006e0
#define MSR_IA32_MISC_ENABLE		0x000001a0
#define MSR_FS_BASE			0xc0000100
#define MSR_GS_BASE			0xc0000101
#define MSR_KERNEL_GS_BASE		0xc0000102

#endif
