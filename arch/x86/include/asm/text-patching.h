/* SPDX-License-Identifier: GPL-2.0 */
/* Writing kernel text at run time (arch/x86/kernel/text_poke.c). */
#ifndef _ASM_X86_TEXT_PATCHING_H
#define _ASM_X86_TEXT_PATCHING_H

#include <linux/types.h>
#include <asm/page_types.h>

/* Two pages at the top of the vmap area: the writable alias of text. */
#define TEXT_POKE_VA	(VMAP_END - 2 * PAGE_SIZE)
#define MAX_PATCH_LEN	16

/*
 * Write @len bytes at kernel text @addr through a temporary writable
 * alias (the text mapping itself stays read-only), then serialize.  The
 * caller keeps interrupts off and no other CPU may run the bytes.
 */
void text_poke(void *addr, const void *src, size_t len);
/* Fill @buf with @len bytes of the fewest, longest NOP instructions. */
void add_nops(void *buf, unsigned int len);

#endif
