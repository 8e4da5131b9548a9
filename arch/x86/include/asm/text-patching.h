/* SPDX-License-Identifier: GPL-2.0 */
/* Writing kernel text at run time (arch/x86/kernel/text_poke.c). */
#ifndef _ASM_X86_TEXT_PATCHING_H
#define _ASM_X86_TEXT_PATCHING_H

#include <linux/types.h>
#include <asm/page_types.h>

/* Two pages at the top of the vmap area: the writable alias of text. */
#define TEXT_POKE_VA	(VMAP_END - 2 * PAGE_SIZE)
#define MAX_PATCH_LEN	32

/*
 * Write @len bytes at kernel text @addr through a temporary writable
 * alias (the text mapping itself stays read-only), then serialize.  The
 * caller keeps interrupts off and no other CPU may run the bytes.
 */
void text_poke(void *addr, const void *src, size_t len);
/*
 * Many pokes in a row (interrupts off throughout): the text is mapped
 * once at an alias of its own, written there, unmapped at the end, and
 * the CPU serialized then.  text_poke_batch_va() is that alias's address
 * (0 before the first batch), for tests that it is gone afterwards.
 */
void text_poke_batch_begin(void);
void text_poke_batch_end(void);
unsigned long text_poke_batch_va(void);
/* Fill @buf with @len bytes of the fewest, longest NOP instructions. */
void add_nops(void *buf, unsigned int len);

#endif
