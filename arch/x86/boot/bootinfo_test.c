// SPDX-License-Identifier: GPL-2.0
/*
 * The PVH and multiboot2 parsers against well-formed and malformed boot
 * information, built in a buffer that stands for physical memory at
 * FAKE_BASE.  Every malformed input must be refused with its own errno
 * and never read outside the buffer (the accessor refuses, the test
 * counts refusals it did not expect to see granted).
 */
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <asm/bootinfo.h>
#include <xen/interface/arch-x86/hvm/start_info.h>

#define FAKE_BASE	0x10000ULL
#define FAKE_SIZE	8192

static u8 *fake;
static struct boot_info *bi;

static const void *fake_map(const struct boot_mem *m, u64 pa, u64 len)
{
	u64 end;

	if (check_add_overflow(pa, len, &end) || pa < FAKE_BASE ||
	    end > FAKE_BASE + m->limit)
		return NULL;
	return fake + (pa - FAKE_BASE);
}

static struct boot_mem mem = { .map = fake_map, .limit = FAKE_SIZE };

static int bootinfo_init(struct ktest *t)
{
	fake = kzalloc(FAKE_SIZE);
	bi = kzalloc(sizeof(*bi));
	if (!fake || !bi)
		ktest_skip(t, "no memory");
	mem.limit = FAKE_SIZE;
	return 0;
}

static void bootinfo_exit(struct ktest *t)
{
	kfree(fake);
	kfree(bi);
}

/* --- PVH ---------------------------------------------------------------- */

static struct hvm_start_info *pvh_good(void)
{
	struct hvm_start_info *si = (void *)fake;
	struct hvm_memmap_table_entry *mm = (void *)(fake + 0x200);
	struct hvm_modlist_entry *mod = (void *)(fake + 0x400);

	si->magic = XEN_HVM_START_MAGIC_VALUE;
	si->version = 1;
	si->cmdline_paddr = FAKE_BASE + 0x100;
	strscpy((char *)fake + 0x100, "console=ttyS0 ktest.filter=x", 64);
	si->memmap_paddr = FAKE_BASE + 0x200;
	si->memmap_entries = 2;
	mm[0] = (struct hvm_memmap_table_entry){ 0, 0x9fc00, XEN_HVM_MEMMAP_TYPE_RAM, 0 };
	mm[1] = (struct hvm_memmap_table_entry){ 0x100000, 0x7f00000,
						 XEN_HVM_MEMMAP_TYPE_RAM, 0 };
	si->nr_modules = 1;
	si->modlist_paddr = FAKE_BASE + 0x400;
	mod[0].paddr = 0x800000;
	mod[0].size = 0x1000;
	mod[0].cmdline_paddr = FAKE_BASE + 0x500;
	strscpy((char *)fake + 0x500, "initrd", 16);
	si->rsdp_paddr = 0xf5a40;
	return si;
}

static void pvh_valid(struct ktest *t)
{
	pvh_good();
	KTEST_ASSERT_EQ(t, pvh_parse_start_info(&mem, FAKE_BASE, bi), 0);
	KTEST_EXPECT_STREQ(t, bi->cmdline, "console=ttyS0 ktest.filter=x");
	KTEST_EXPECT_EQ(t, bi->raw_map.nr_entries, 2);
	KTEST_EXPECT_EQ(t, bi->raw_map.entries[1].addr, 0x100000);
	KTEST_EXPECT_EQ(t, bi->raw_map.entries[1].size, 0x7f00000);
	KTEST_EXPECT_EQ(t, bi->nr_modules, 1);
	KTEST_EXPECT_EQ(t, bi->modules[0].start, 0x800000);
	KTEST_EXPECT_STREQ(t, bi->modules[0].cmdline, "initrd");
	KTEST_EXPECT_EQ(t, bi->rsdp, 0xf5a40);
	KTEST_EXPECT_GE(t, bi->nr_ranges, 3);
}

static void pvh_bad_magic(struct ktest *t)
{
	pvh_good()->magic ^= 1;
	KTEST_EXPECT_EQ(t, pvh_parse_start_info(&mem, FAKE_BASE, bi), -EINVAL);
}

static void pvh_unreadable(struct ktest *t)
{
	pvh_good();
	/* start_info straddling the end of memory, or nowhere at all. */
	KTEST_EXPECT_EQ(t, pvh_parse_start_info(&mem, FAKE_BASE + FAKE_SIZE - 20, bi),
			-EFAULT);
	KTEST_EXPECT_EQ(t, pvh_parse_start_info(&mem, ~0ULL - 8, bi), -EFAULT);
}

static void pvh_cmdline_unterminated(struct ktest *t)
{
	struct hvm_start_info *si = pvh_good();

	/* The command line runs to the end of memory without a NUL. */
	memset(fake + FAKE_SIZE - 64, 'A', 64);
	si->cmdline_paddr = FAKE_BASE + FAKE_SIZE - 64;
	KTEST_EXPECT_EQ(t, pvh_parse_start_info(&mem, FAKE_BASE, bi), -EFAULT);
	/* Longer than the kernel keeps: refused, not truncated silently. */
	memset(fake + 0x1000, 'B', 3000);
	fake[0x1000 + 3000] = 0;
	si->cmdline_paddr = FAKE_BASE + 0x1000;
	KTEST_EXPECT_EQ(t, pvh_parse_start_info(&mem, FAKE_BASE, bi), -E2BIG);
}

static void pvh_memmap_bad(struct ktest *t)
{
	struct hvm_start_info *si = pvh_good();

	si->memmap_entries = 0xffffffff;
	KTEST_EXPECT_EQ(t, pvh_parse_start_info(&mem, FAKE_BASE, bi), -E2BIG);
	si->memmap_entries = 100;	/* fits the limit, not the memory */
	si->memmap_paddr = FAKE_BASE + FAKE_SIZE - 24;
	KTEST_EXPECT_EQ(t, pvh_parse_start_info(&mem, FAKE_BASE, bi), -EFAULT);
	si->memmap_entries = 0;
	KTEST_EXPECT_EQ(t, pvh_parse_start_info(&mem, FAKE_BASE, bi), -ENODATA);
	si->memmap_entries = 2;
	si->version = 0;		/* version 0 has no memory map */
	KTEST_EXPECT_EQ(t, pvh_parse_start_info(&mem, FAKE_BASE, bi), -ENODATA);
}

static void pvh_modules_bad(struct ktest *t)
{
	struct hvm_start_info *si = pvh_good();
	struct hvm_modlist_entry *mod = (void *)(fake + 0x400);

	si->nr_modules = BOOT_MAX_MODULES + 1;
	KTEST_EXPECT_EQ(t, pvh_parse_start_info(&mem, FAKE_BASE, bi), -E2BIG);
	si->nr_modules = 1;
	mod[0].size = ~0ULL;		/* paddr + size wraps */
	KTEST_EXPECT_EQ(t, pvh_parse_start_info(&mem, FAKE_BASE, bi), -EINVAL);
	mod[0].size = 0x1000;
	si->modlist_paddr = 0x20;	/* outside memory */
	KTEST_EXPECT_EQ(t, pvh_parse_start_info(&mem, FAKE_BASE, bi), -EFAULT);
}

/* --- multiboot2 -------------------------------------------------------- */

static unsigned int mb2_off;

static void *mb2_tag(u32 type, u32 payload_len)
{
	u32 *tag = (u32 *)(fake + mb2_off);

	tag[0] = type;
	tag[1] = 8 + payload_len;
	mb2_off += (8 + payload_len + 7) & ~7U;
	return tag + 2;
}

static void mb2_finish(void)
{
	mb2_tag(0, 0);
	((u32 *)fake)[0] = mb2_off;
}

/* A complete MBI without the end tag; returns the mmap payload. */
static u8 *mb2_build(void)
{
	u8 *mm;
	u32 *mod;
	u64 e[3];

	memset(fake, 0, FAKE_SIZE);
	mb2_off = 8;
	strscpy(mb2_tag(1, 12), "ktest.off a", 12);
	strscpy(mb2_tag(2, 9), "GRUB 2.x", 9);
	mm = mb2_tag(6, 8 + 2 * 24);
	((u32 *)mm)[0] = 24;		/* entry size */
	((u32 *)mm)[1] = 0;		/* entry version */
	e[0] = 0; e[1] = 0x9fc00; e[2] = 1;
	memcpy(mm + 8, e, 20);
	e[0] = 0x100000; e[1] = 0x3ff00000; e[2] = 1;
	memcpy(mm + 32, e, 20);
	mod = mb2_tag(3, 8 + 7);
	mod[0] = 0x1000000;
	mod[1] = 0x1200000;
	strscpy((char *)&mod[2], "initrd", 7);
	memcpy(mb2_tag(14, 20), "RSD PTR \0\0\0\0\0\0\0\0\0\0\0\0", 20);
	return mm;
}

static void mb2_valid(struct ktest *t)
{
	mb2_build();
	mb2_finish();
	KTEST_ASSERT_EQ(t, mb2_parse_info(&mem, FAKE_BASE, bi), 0);
	KTEST_EXPECT_STREQ(t, bi->cmdline, "ktest.off a");
	KTEST_EXPECT_STREQ(t, bi->loader, "GRUB 2.x");
	KTEST_EXPECT_EQ(t, bi->raw_map.nr_entries, 2);
	KTEST_EXPECT_EQ(t, bi->raw_map.entries[1].size, 0x3ff00000);
	KTEST_EXPECT_EQ(t, bi->nr_modules, 1);
	KTEST_EXPECT_EQ(t, bi->modules[0].size, 0x200000);
	KTEST_EXPECT_EQ(t, bi->rsdp_copy_len, 20);
}

static void mb2_no_end_tag(struct ktest *t)
{
	mb2_build();
	((u32 *)fake)[0] = mb2_off;	/* total size, but no end tag */
	KTEST_EXPECT_EQ(t, mb2_parse_info(&mem, FAKE_BASE, bi), -EINVAL);
}

static void mb2_bad_sizes(struct ktest *t)
{
	mb2_build();
	mb2_finish();
	((u32 *)fake)[0] = 8;			/* too small for any tag */
	KTEST_EXPECT_EQ(t, mb2_parse_info(&mem, FAKE_BASE, bi), -EINVAL);
	((u32 *)fake)[0] = 0xfffffff0;		/* absurd total */
	KTEST_EXPECT_EQ(t, mb2_parse_info(&mem, FAKE_BASE, bi), -EINVAL);
	((u32 *)fake)[0] = FAKE_SIZE + 8;	/* plausible, unreadable */
	KTEST_EXPECT_EQ(t, mb2_parse_info(&mem, FAKE_BASE, bi), -EFAULT);
	((u32 *)fake)[0] = mb2_off;
	((u32 *)fake)[3] = 0x7fffffff;		/* first tag runs past the end */
	KTEST_EXPECT_EQ(t, mb2_parse_info(&mem, FAKE_BASE, bi), -EINVAL);
	((u32 *)fake)[3] = 4;			/* shorter than a tag header */
	KTEST_EXPECT_EQ(t, mb2_parse_info(&mem, FAKE_BASE, bi), -EINVAL);
	KTEST_EXPECT_EQ(t, mb2_parse_info(&mem, FAKE_BASE + 4, bi), -EINVAL);
}

static void mb2_bad_strings_and_mmap(struct ktest *t)
{
	u8 *mm = mb2_build();

	mb2_finish();
	((u32 *)mm)[0] = 20;			/* entry size below 24 */
	KTEST_EXPECT_EQ(t, mb2_parse_info(&mem, FAKE_BASE, bi), -EINVAL);
	((u32 *)mm)[0] = 32;			/* 48 bytes: a partial entry */
	KTEST_EXPECT_EQ(t, mb2_parse_info(&mem, FAKE_BASE, bi), -EINVAL);
	((u32 *)mm)[0] = 24;
	memset(fake + 16, 'x', 12);		/* command line loses its NUL */
	KTEST_EXPECT_EQ(t, mb2_parse_info(&mem, FAKE_BASE, bi), -EINVAL);
}

static void mb2_no_mmap(struct ktest *t)
{
	memset(fake, 0, FAKE_SIZE);
	mb2_off = 8;
	strscpy(mb2_tag(1, 4), "abc", 4);
	mb2_finish();
	KTEST_EXPECT_EQ(t, mb2_parse_info(&mem, FAKE_BASE, bi), -ENODATA);
}

static const struct ktest_case bootinfo_cases[] = {
	KTEST_CASE(pvh_valid),
	KTEST_CASE(pvh_bad_magic),
	KTEST_CASE(pvh_unreadable),
	KTEST_CASE(pvh_cmdline_unterminated),
	KTEST_CASE(pvh_memmap_bad),
	KTEST_CASE(pvh_modules_bad),
	KTEST_CASE(mb2_valid),
	KTEST_CASE(mb2_no_end_tag),
	KTEST_CASE(mb2_bad_sizes),
	KTEST_CASE(mb2_bad_strings_and_mmap),
	KTEST_CASE(mb2_no_mmap),
	{}
};
KTEST_SUITE_FULL(bootinfo, bootinfo_cases, bootinfo_init, bootinfo_exit);
