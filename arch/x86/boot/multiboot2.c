// SPDX-License-Identifier: GPL-2.0
/*
 * Multiboot2 boot information (the MBI GRUB passes in %ebx) into struct
 * boot_info.  The MBI is mapped once with the size it declares (bounded),
 * then walked tag by tag: every tag must lie inside it, be at least its
 * header, and the list must end with the end tag.  Strings must be
 * terminated inside their tag; memory-map entries must be whole.
 */
#define pr_fmt(fmt) "multiboot2: " fmt

#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <asm/bootinfo.h>


#define MB2_TAG_END		0
#define MB2_TAG_CMDLINE		1
#define MB2_TAG_LOADER		2
#define MB2_TAG_MODULE		3
#define MB2_TAG_MMAP		6
#define MB2_TAG_ACPI_OLD	14
#define MB2_TAG_ACPI_NEW	15

/* Far more than GRUB ever passes; bounds a corrupt total_size. */
#define MB2_MAX_INFO_SIZE	(1U << 20)

struct mb2_tag {
	u32 type;
	u32 size;
};

struct mb2_mmap_entry {
	u64 addr;
	u64 len;
	u32 type;
	u32 reserved;
};

/* Copy a string that must end inside the tag's payload. */
static int tag_string(const u8 *payload, u32 len, char *dst, size_t max,
		      const char *what)
{
	const u8 *nul = memchr(payload, '\0', len);

	if (!nul) {
		pr_err("%s not terminated inside its tag\n", what);
		return -EINVAL;
	}
	if ((size_t)(nul - payload) >= max) {
		pr_err("%s too long (%u bytes, at most %u)\n", what,
		       (unsigned int)(nul - payload), (unsigned int)max - 1);
		return -E2BIG;
	}
	memcpy(dst, payload, nul - payload + 1);
	return 0;
}

static int parse_mmap(const u8 *payload, u32 len, struct boot_info *bi)
{
	u32 entry_size, n, i;
	struct mb2_mmap_entry e;

	if (len < 8) {
		pr_err("memory map tag too short (%u)\n", len);
		return -EINVAL;
	}
	memcpy(&entry_size, payload, 4);
	if (entry_size < sizeof(e) || entry_size % 8) {
		pr_err("memory map entry size %u invalid\n", entry_size);
		return -EINVAL;
	}
	n = (len - 8) / entry_size;
	if ((len - 8) % entry_size) {
		pr_err("memory map tag holds a partial entry\n");
		return -EINVAL;
	}
	if (n > E820_MAX_ENTRIES) {
		pr_err("memory map has %u entries, at most %u supported\n", n,
		       E820_MAX_ENTRIES);
		return -E2BIG;
	}
	bi->raw_map.nr_entries = 0;
	for (i = 0; i < n; i++) {
		memcpy(&e, payload + 8 + (size_t)i * entry_size, sizeof(e));
		e820_append(&bi->raw_map, e.addr, e.len, e.type);
	}
	return 0;
}

static int parse_module(const u8 *payload, u32 len, struct boot_info *bi)
{
	struct boot_module *mod;
	u32 start, end;
	int err;

	if (len < 9) {		/* two u32 and at least the NUL */
		pr_err("module tag too short (%u)\n", len);
		return -EINVAL;
	}
	if (bi->nr_modules >= BOOT_MAX_MODULES) {
		pr_err("more than %u modules\n", BOOT_MAX_MODULES);
		return -E2BIG;
	}
	memcpy(&start, payload, 4);
	memcpy(&end, payload + 4, 4);
	if (end < start) {
		pr_err("module ends (%#x) before it starts (%#x)\n", end, start);
		return -EINVAL;
	}
	mod = &bi->modules[bi->nr_modules];
	err = tag_string(payload + 8, len - 8, mod->cmdline,
			 sizeof(mod->cmdline), "module command line");
	if (err)
		return err;
	mod->start = start;
	mod->size = end - start;
	bi->nr_modules++;
	return boot_note_range(bi, start, end - start);
}

int mb2_parse_info(const struct boot_mem *m, u64 pa, struct boot_info *bi)
{
	const u8 *info;
	u32 total, off;
	bool have_mmap = false, have_end = false;
	int err = 0;

	if (pa & 7) {
		pr_err("boot information at %#llx not 8-byte aligned\n",
		       (unsigned long long)pa);
		return -EINVAL;
	}
	info = m->map(m, pa, 8);
	if (!info) {
		pr_err("boot information at %#llx unreadable\n",
		       (unsigned long long)pa);
		return -EFAULT;
	}
	memcpy(&total, info, 4);
	if (total < 16 || total > MB2_MAX_INFO_SIZE) {
		pr_err("boot information size %u out of range\n", total);
		return -EINVAL;
	}
	info = m->map(m, pa, total);
	if (!info) {
		pr_err("boot information (%u bytes at %#llx) unreadable\n",
		       total, (unsigned long long)pa);
		return -EFAULT;
	}
	boot_note_range(bi, pa, total);
	bi->cmdline[0] = '\0';
	bi->nr_modules = 0;
	memcpy(bi->loader, "multiboot2", 11);

	for (off = 8; off + sizeof(struct mb2_tag) <= total && !have_end;) {
		struct mb2_tag tag;
		const u8 *payload;
		u32 len;

		memcpy(&tag, info + off, sizeof(tag));
		if (tag.size < sizeof(tag) || tag.size > total - off) {
			pr_err("tag %u at offset %u: size %u outside the %u bytes\n",
			       tag.type, off, tag.size, total);
			return -EINVAL;
		}
		payload = info + off + sizeof(tag);
		len = tag.size - sizeof(tag);

		switch (tag.type) {
		case MB2_TAG_END:
			have_end = true;
			break;
		case MB2_TAG_CMDLINE:
			err = tag_string(payload, len, bi->cmdline,
					 sizeof(bi->cmdline), "command line");
			break;
		case MB2_TAG_LOADER:
			err = tag_string(payload, len, bi->loader,
					 sizeof(bi->loader), "loader name");
			break;
		case MB2_TAG_MODULE:
			err = parse_module(payload, len, bi);
			break;
		case MB2_TAG_MMAP:
			err = parse_mmap(payload, len, bi);
			have_mmap = !err;
			break;
		case MB2_TAG_ACPI_OLD:
		case MB2_TAG_ACPI_NEW:
			/* The new (v2) RSDP wins over the old one. */
			if (len < 20 || (tag.type == MB2_TAG_ACPI_OLD &&
					 bi->rsdp_copy_len > 20))
				break;
			bi->rsdp_copy_len = min(len, (u32)sizeof(bi->rsdp_copy));
			memcpy(bi->rsdp_copy, payload, bi->rsdp_copy_len);
			break;
		default:
			break;		/* tags we do not use */
		}
		if (err)
			return err;
		/* Tags are 8-byte aligned; the last may end the buffer. */
		off += (tag.size + 7) & ~7U;
	}
	if (!have_end) {
		pr_err("no end tag within %u bytes\n", total);
		return -EINVAL;
	}
	if (!have_mmap) {
		pr_err("no memory map tag\n");
		return -ENODATA;
	}
	return 0;
}
