// SPDX-License-Identifier: GPL-2.0
/*
 * Symbol lookup in the table scripts/kallsyms linked into the image
 * (sorted text offsets from _text, names).  Read-only after link.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/kallsyms.h>
#include <asm/sections.h>

extern const u64 kallsyms_num_syms;
extern const u32 kallsyms_offsets[];
extern const u32 kallsyms_name_off[];
extern const char kallsyms_names[];

unsigned long kallsyms_count(void)
{
	return kallsyms_num_syms;
}

bool kallsyms_lookup(unsigned long addr, const char **name,
		     unsigned long *size, unsigned long *offset)
{
	unsigned long lo = 0, hi = kallsyms_num_syms, mid, off, end;

	if (!hi || addr < (unsigned long)_text || addr >= (unsigned long)_etext)
		return false;
	off = addr - (unsigned long)_text;
	if (off < kallsyms_offsets[0])
		return false;
	/* Last entry whose offset <= off. */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (kallsyms_offsets[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	/* The symbol ends where the next distinct address starts. */
	for (hi = lo + 1; hi < kallsyms_num_syms; hi++)
		if (kallsyms_offsets[hi] > kallsyms_offsets[lo])
			break;
	end = hi < kallsyms_num_syms ? kallsyms_offsets[hi]
				     : (unsigned long)(_etext - _text);
	if (name)
		*name = kallsyms_names + kallsyms_name_off[lo];
	if (size)
		*size = end - kallsyms_offsets[lo];
	if (offset)
		*offset = off - kallsyms_offsets[lo];
	return true;
}

unsigned long kallsyms_lookup_name(const char *name)
{
	unsigned long i;

	for (i = 0; i < kallsyms_num_syms; i++)
		if (!strcmp(kallsyms_names + kallsyms_name_off[i], name))
			return (unsigned long)_text + kallsyms_offsets[i];
	return 0;
}

int sprint_symbol(char *buf, size_t len, unsigned long addr, bool with_offset)
{
	unsigned long size, offset;
	const char *name;

	if (!kallsyms_lookup(addr, &name, &size, &offset))
		return snprintf(buf, len, "0x%016lx", addr);
	if (!with_offset)
		return snprintf(buf, len, "%s", name);
	return snprintf(buf, len, "%s+0x%lx/0x%lx", name, offset, size);
}
