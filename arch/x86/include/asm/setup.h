/* SPDX-License-Identifier: GPL-2.0 */
/* Boot-time set-up entry points of arch/x86/kernel. */
#ifndef _ASM_X86_SETUP_H
#define _ASM_X86_SETUP_H

#include <linux/types.h>
#include <asm/e820.h>

/* The first C code, called by head_64.S with the boot protocol and info. */
void __noreturn x86_64_start_kernel(u32 protocol, u64 info_pa);
void setup_arch(void);
void __noreturn machine_halt_early(const char *why);

/* The sanitized memory map. */
extern struct e820_table e820_table;

/* Early boot stack and the boot protocol entry points (head_64.S). */
extern char boot_stack_guard[], boot_stack[], boot_stack_top[];

#endif
