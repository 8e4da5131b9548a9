/* SPDX-License-Identifier: GPL-2.0 */
/* The four CPUID result registers (shared by processor.h and paravirt.h). */
#ifndef _ASM_X86_CPUID_TYPES_H
#define _ASM_X86_CPUID_TYPES_H

#include <linux/types.h>

/* Layout relied on by PV_CPUID_THUNK: eax, ebx, ecx, edx at 0, 4, 8, 12. */
struct cpuid_regs {
	u32 eax, ebx, ecx, edx;
};

#endif
