// SPDX-License-Identifier: GPL-2.0
/*
 * Checking a VMI-like ROM image against ABI 1.0 (asm/vmi.h) before the
 * kernel trusts a byte of it: option-ROM signature and size, checksum,
 * VMI signature, ABI major, entry size and count, the table inside the
 * image, the data area, and for every entry a known op (once), a known
 * relocation type that suits the op, and an implementation inside the
 * image at the alignment it declares.  Any failure is refused with the
 * reason; nothing is half-accepted.  Pure code: fuzzed on the host.
 */
#define pr_fmt(fmt) "vmi: " fmt

#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <asm/vmi.h>

static u16 get16(const u8 *p)
{
	return p[0] | (u16)p[1] << 8;
}

static u32 get32(const u8 *p)
{
	return get16(p) | (u32)get16(p + 2) << 16;
}

/* Void ops may be NOPs; IRET is a jump (or native) and nothing else is. */
static bool reloc_suits(unsigned int op, unsigned int reloc)
{
	switch (reloc) {
	case VMI_RELOC_NONE:
	case VMI_RELOC_NATIVE:
		return true;
	case VMI_RELOC_JMP:
		return op == VMI_OP_IRET;
	case VMI_RELOC_CALL:
		return op != VMI_OP_IRET;
	case VMI_RELOC_NOP:
		switch (op) {
		case VMI_OP_IRQ_DISABLE: case VMI_OP_IRQ_ENABLE:
		case VMI_OP_SAFE_HALT: case VMI_OP_HALT: case VMI_OP_WRITE_CR0:
		case VMI_OP_WRITE_CR3: case VMI_OP_WRITE_CR4: case VMI_OP_WBINVD:
		case VMI_OP_IO_DELAY: case VMI_OP_FLUSH_TLB_ONE: case VMI_OP_SET_PTE:
		case VMI_OP_SET_PMD: case VMI_OP_SET_PUD: case VMI_OP_SET_P4D:
			return true;
		default:
			return false;
		}
	default:
		return false;
	}
}

#define refuse(img, err, fmt, ...) ({					\
	pr_err("ROM at %#llx (%s) refused: " fmt "\n",			\
	       (unsigned long long)(img)->phys, (img)->source, ##__VA_ARGS__); \
	err;								\
})

int vmi_rom_check(const struct vmi_rom_image *img, struct vmi_rom_info *info)
{
	const u8 *rom = img->bytes, *hdr, *ent;
	u32 size, table, entry_size, nr, i, sum = 0;
	u16 major;

	memset(info, 0, sizeof(*info));
	if (img->size < VMI_HEADER_OFFSET + VMI_HDR_SIZE || rom[0] != 0x55 ||
	    rom[1] != 0xaa)
		return -ENODEV;		/* not a ROM at all: not worth a message */
	hdr = rom + VMI_HEADER_OFFSET;
	if (memcmp(hdr + VMI_HDR_SIGNATURE, VMI_SIGNATURE, 8))
		return -ENODEV;		/* someone else's ROM */

	size = rom[2] * 512;
	if (!size || size > VMI_ROM_MAX)
		return refuse(img, -EINVAL, "size %u outside 512..%u", size, VMI_ROM_MAX);
	if (size > img->size)
		return refuse(img, -EINVAL, "declares %u bytes, %u are there", size, img->size);
	for (i = 0; i < size; i++)
		sum += rom[i];
	if (sum & 0xff)
		return refuse(img, -EBADMSG, "bad checksum (bytes sum to %#x mod 256)",
			      sum & 0xff);

	major = get16(hdr + VMI_HDR_ABI_MAJOR);
	info->abi_minor = get16(hdr + VMI_HDR_ABI_MINOR);
	if (major != VMI_ABI_MAJOR)
		return refuse(img, -EPROTO, "unknown ABI major version %u (this kernel: %u)",
			      major, VMI_ABI_MAJOR);
	nr = get16(hdr + VMI_HDR_NR_ENTRIES);
	entry_size = get16(hdr + VMI_HDR_ENTRY_SIZE);
	table = get32(hdr + VMI_HDR_TABLE);
	/* A later minor version may grow entries; never shrink them. */
	if (entry_size < VMI_ENTRY_SIZE)
		return refuse(img, -EINVAL, "entry size %u below %u", entry_size,
			      VMI_ENTRY_SIZE);
	if (nr > VMI_MAX_ENTRIES)
		return refuse(img, -EINVAL, "%u entries, at most %u", nr, VMI_MAX_ENTRIES);
	if (table < VMI_HEADER_OFFSET + VMI_HDR_SIZE || table > size ||
	    (u64)nr * entry_size > size - table)
		return refuse(img, -EINVAL, "entry table (%u x %u bytes at %#x) truncated "
			      "by the %u-byte image", nr, entry_size, table, size);

	info->size = size;
	info->data_offset = get32(hdr + VMI_HDR_DATA_OFFSET);
	info->data_size = get32(hdr + VMI_HDR_DATA_SIZE);
	if (info->data_offset & 0xfff || info->data_offset < size ||
	    info->data_offset > VMI_ROM_MAX + VMI_DATA_MAX)
		return refuse(img, -EINVAL, "data area at %#x not page-aligned after the image",
			      info->data_offset);
	if (info->data_size < VMI_COUNTERS_SIZE || info->data_size > VMI_DATA_MAX)
		return refuse(img, -EINVAL, "data area of %u bytes outside %u..%u",
			      info->data_size, VMI_COUNTERS_SIZE, VMI_DATA_MAX);

	for (i = 0, ent = rom + table; i < nr; i++, ent += entry_size) {
		unsigned int op = get16(ent + VMI_ENT_OP), reloc = ent[VMI_ENT_RELOC];
		unsigned int align = ent[VMI_ENT_ALIGN];
		u32 off = get32(ent + VMI_ENT_OFFSET);

		if (!op || op >= VMI_NR_OPS) {
			/* An op of a later minor version: not ours to route. */
			pr_warn("ROM entry %u: unknown op %u ignored\n", i, op);
			continue;
		}
		if (info->ops[op].reloc != VMI_RELOC_NONE)
			return refuse(img, -EINVAL, "entry %u: op %u listed twice", i, op);
		if (!reloc_suits(op, reloc))
			return refuse(img, -EINVAL, "entry %u: relocation type %u does not "
				      "suit op %u", i, reloc, op);
		if (reloc == VMI_RELOC_CALL || reloc == VMI_RELOC_JMP) {
			if (off < table + (u64)nr * entry_size || off >= size)
				return refuse(img, -EINVAL, "entry %u: op %u at %#x outside "
					      "the code of the %u-byte image", i, op, off, size);
			if (align > VMI_MAX_ALIGN || off & ((1U << align) - 1))
				return refuse(img, -EINVAL, "entry %u: op %u at %#x not aligned "
					      "to the %u bytes it declares", i, op, off,
					      align > VMI_MAX_ALIGN ? 0 : 1U << align);
		}
		info->ops[op].reloc = reloc;
		info->ops[op].offset = off;
	}
	return 0;
}
