// SPDX-License-Identifier: GPL-2.0
/*
 * Run-time writes to kernel text that keep W^X: the physical page(s)
 * under the target are mapped writable (never executable) at
 * TEXT_POKE_VA, written, unmapped, and the CPU is serialized before the
 * new bytes can execute.  While the early page tables are live (text
 * still writable there) the write goes directly.
 *
 * A batch (text_poke_batch_begin/end, the patcher's pass over every
 * site) maps all of the text once at an alias of its own instead: two
 * page-table updates per page rather than two per site, which under Xen
 * is the difference between a handful of hypercalls and hundreds.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/text-patching.h>
#include <asm/pgtable.h>
#include <asm/special_insns.h>
#include <linux/irqflags.h>
#include <asm/io.h>
#include <asm/sections.h>

static unsigned long batch_va;		/* the whole-text alias, once reserved */
static bool batching;

static unsigned long text_start(void) { return (unsigned long)_text & PAGE_MASK; }
static size_t text_span(void) { return PAGE_ALIGN((unsigned long)_etext) - text_start(); }

unsigned long text_poke_batch_va(void)
{
	return batch_va;
}

void text_poke_batch_begin(void)
{
	int err;

	BUG_ON(batching || !irqs_disabled());
	if (early_page_tables())
		return;			/* text is writable in place */
	if (!batch_va)
		batch_va = vmap_reserve(text_span());
	if (!batch_va)
		return;			/* no room: one page at a time */
	err = map_kernel_range(batch_va, __pa_symbol(text_start()), text_span(), PAGE_KERNEL);
	if (err) {
		unmap_kernel_range(batch_va, text_span());
		return;
	}
	batching = true;
}

void text_poke_batch_end(void)
{
	if (!batching)
		return;
	unmap_kernel_range(batch_va, text_span());
	batching = false;
	sync_core();
}

/* Long NOPs, as the optimization manuals recommend (one instruction each). */
static const u8 nops[9][9] = {
	{ },
	{ 0x90 },
	{ 0x66, 0x90 },
	{ 0x0f, 0x1f, 0x00 },
	{ 0x0f, 0x1f, 0x40, 0x00 },
	{ 0x0f, 0x1f, 0x44, 0x00, 0x00 },
	{ 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00 },
	{ 0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00 },
	{ 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
};

void add_nops(void *buf, unsigned int len)
{
	u8 *p = buf;

	while (len) {
		unsigned int n = min(len, 8U);

		memcpy(p, nops[n], n);
		p += n;
		len -= n;
	}
}

void text_poke(void *addr, const void *src, size_t len)
{
	unsigned long a = (unsigned long)addr, first = a & PAGE_MASK;
	size_t span = PAGE_ALIGN(a + len) - first;
	int err;

	BUG_ON(!len || len > MAX_PATCH_LEN || !irqs_disabled());
	if (batching && a >= text_start() && a + len <= text_start() + text_span()) {
		/* Nothing runs these bytes before the batch ends and serializes. */
		memcpy((void *)(batch_va + (a - text_start())), src, len);
		return;
	}
	if (early_page_tables()) {
		memcpy(addr, src, len);
		sync_core();
		return;
	}
	/* Text is mapped from its physical copy: alias those pages. */
	err = map_kernel_range(TEXT_POKE_VA, __pa_symbol(first), span, PAGE_KERNEL);
	if (err)
		panic("text_poke: cannot map an alias of %p: %d", addr, err);
	memcpy((void *)(TEXT_POKE_VA + (a - first)), src, len);
	sync_core();
	unmap_kernel_range(TEXT_POKE_VA, span);
}
