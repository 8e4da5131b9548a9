/* SPDX-License-Identifier: GPL-2.0 */
/* Symbols the linker script defines around the image's sections. */
#ifndef _ASM_X86_SECTIONS_H
#define _ASM_X86_SECTIONS_H

extern char _text[], _stext[], _etext[];
extern char __start_rodata[], __end_rodata[];
extern char __start_ro_after_init[], __end_ro_after_init[];
extern char _sdata[], _edata[];
extern char __bss_start[], __bss_stop[];
extern char _end[];
extern char __fixup_start[], __fixup_end[];

static inline bool is_kernel_text(unsigned long a)
{
	return a >= (unsigned long)_text && a < (unsigned long)_etext;
}

#endif
