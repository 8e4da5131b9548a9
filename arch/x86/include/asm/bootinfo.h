/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the boot loader told us, in one protocol-independent structure.
 * The parsers for each protocol (PVH hvm_start_info, multiboot2; Xen PV
 * start_info later) fill it from memory they reach only through a
 * bounds-checked accessor, so that a malformed structure is reported and
 * never followed outside what the loader could have given us.
 */
#ifndef _ASM_X86_BOOTINFO_H
#define _ASM_X86_BOOTINFO_H

/* Boot protocols: head_64.S passes one of these to the first C code. */
#define BOOT_NONE		0
#define BOOT_PVH		1	/* XEN_ELFNOTE_PHYS32_ENTRY: QEMU -kernel, Xen PVH */
#define BOOT_MULTIBOOT2		2	/* GRUB */
#define BOOT_XEN_PV		3	/* Xen PV start_info (arch/x86/xen) */

#define MB2_HEADER_MAGIC	0xe85250d6
#define MB2_BOOTLOADER_MAGIC	0x36d76289

#ifndef __ASSEMBLY__
#include <linux/types.h>
#include <asm/e820.h>

#define BOOT_MAX_MODULES	16
#define BOOT_MAX_RANGES		(BOOT_MAX_MODULES + 8)
#define BOOT_CMDLINE_SIZE	2048

struct boot_module {
	u64 start, size;
	char cmdline[128];
};

struct boot_info {
	unsigned int protocol;		/* BOOT_* */
	char cmdline[BOOT_CMDLINE_SIZE];
	char loader[64];
	u64 rsdp;			/* 0: not given; search for it */
	u32 pvh_flags;			/* PVH: hvm_start_info's SIF_* flags */
	struct e820_table raw_map;	/* as given, before sanitizing */
	unsigned int nr_modules;
	struct boot_module modules[BOOT_MAX_MODULES];
	/* The RSDP as copied into the boot information (multiboot2). */
	u8 rsdp_copy[36];
	unsigned int rsdp_copy_len;
	/* Physical ranges the loader's data occupies (to reserve). */
	unsigned int nr_ranges;
	struct {
		u64 start, end;
	} ranges[BOOT_MAX_RANGES];
};

/*
 * Physical memory as the parser may read it: returns a pointer to @len
 * bytes at physical @pa, or NULL if that range is not readable (out of
 * what is mapped, or wrapping).  The kernel backs it with its early
 * identity map; the fuzzer with a buffer.
 */
struct boot_mem {
	const void *(*map)(const struct boot_mem *m, u64 pa, u64 len);
	void *priv;
	u64 limit;
};

/* Return 0, or a negative errno after printing why (pr_err). */
int pvh_parse_start_info(const struct boot_mem *m, u64 pa, struct boot_info *bi);
int mb2_parse_info(const struct boot_mem *m, u64 pa, struct boot_info *bi);

/*
 * Copy the NUL-terminated string at @pa (at most @max bytes with the NUL):
 * 0, -EFAULT if unreadable, -E2BIG if longer (dst then holds a prefix).
 */
int boot_copy_string(const struct boot_mem *m, u64 pa, char *dst, size_t max);
/* Remember [start, start + size) as used by the loader: 0 or -errno. */
int boot_note_range(struct boot_info *bi, u64 start, u64 size);

extern struct boot_info boot_info;
#endif /* !__ASSEMBLY__ */

#endif
