// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of the slim dom0's builder and console backend (suite dom0_build):
 * the image checks on images written here byte by byte (the PVH entry
 * note too), a build (PV and PVH) that Xen refuses half-way leaving no
 * domain and no memory behind (asked of Xen:
 * XEN_DOMCTL_getdomaininfo, XEN_SYSCTL_physinfo), and a console ring
 * whose indexes lie.
 */
#define __XEN_TOOLS__ 1
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <asm/page.h>
#include <asm/tsc.h>
#include <asm/xen/hypervisor.h>
#include <asm/xen/start_info.h>
#include <xen/interface/elfnote.h>
#include "build.h"
#include "console.h"
#include "guest.h"

/* A small PV image: ELF header, one PT_LOAD, one PT_NOTE of Xen notes. */
#define IMG_VBASE	0xffffffff80000000ULL
#define IMG_PADDR	0x200000ULL
#define IMG_ENTRY	(IMG_VBASE + IMG_PADDR + 0x40)

static u8 img[1024];

struct note_spec {
	u32 type;
	const void *desc;
	u32 size;
};

static size_t put_note(u8 *p, u32 type, const void *desc, u32 size)
{
	u32 namesz = 4;

	memcpy(p, &namesz, 4);
	memcpy(p + 4, &size, 4);
	memcpy(p + 8, &type, 4);
	memcpy(p + 12, "Xen", 4);
	memcpy(p + 16, desc, size);
	return 16 + ALIGN(size, 4);
}

/*
 * Builds img, with a PHYS32_ENTRY note of @phys32 unless 0; returns its
 * length.  Offsets as the ELF64 gABI has them.
 */
static size_t make_image_pvh(u32 phys32)
{
	u64 vbase = IMG_VBASE, entry = IMG_ENTRY, zero = 0;
	u64 phoff = 64, notes = 64 + 2 * 56, v;
	u8 *n = img + notes;
	u16 h16;
	u32 h32;
	size_t nlen = 0;

	memset(img, 0, sizeof(img));
	memcpy(img, "\177ELF\2\1\1", 7);
	h16 = 2;  memcpy(img + 16, &h16, 2);		/* ET_EXEC */
	h16 = 62; memcpy(img + 18, &h16, 2);		/* EM_X86_64 */
	h32 = 1;  memcpy(img + 20, &h32, 4);
	memcpy(img + 24, &entry, 8);
	memcpy(img + 32, &phoff, 8);
	h16 = 64; memcpy(img + 52, &h16, 2);
	h16 = 56; memcpy(img + 54, &h16, 2);
	h16 = 2;  memcpy(img + 56, &h16, 2);

	nlen += put_note(n + nlen, XEN_ELFNOTE_XEN_VERSION, "xen-3.0", 8);
	nlen += put_note(n + nlen, XEN_ELFNOTE_LOADER, "generic", 8);
	nlen += put_note(n + nlen, XEN_ELFNOTE_GUEST_OS, "test", 5);
	nlen += put_note(n + nlen, XEN_ELFNOTE_VIRT_BASE, &vbase, 8);
	nlen += put_note(n + nlen, XEN_ELFNOTE_PADDR_OFFSET, &zero, 8);
	nlen += put_note(n + nlen, XEN_ELFNOTE_ENTRY, &entry, 8);
	if (phys32)
		nlen += put_note(n + nlen, XEN_ELFNOTE_PHYS32_ENTRY, &phys32, 4);

	/* PT_LOAD: 256 bytes of the image at paddr 2 MiB, 8 KiB in memory. */
	h32 = 1; memcpy(img + phoff, &h32, 4);
	v = 0; memcpy(img + phoff + 8, &v, 8);
	v = IMG_VBASE + IMG_PADDR; memcpy(img + phoff + 16, &v, 8);
	v = IMG_PADDR; memcpy(img + phoff + 24, &v, 8);
	v = 256; memcpy(img + phoff + 32, &v, 8);
	v = 8192; memcpy(img + phoff + 40, &v, 8);
	/* PT_NOTE */
	h32 = 4; memcpy(img + phoff + 56, &h32, 4);
	memcpy(img + phoff + 56 + 8, &notes, 8);
	v = nlen; memcpy(img + phoff + 56 + 32, &v, 8);
	memcpy(img + phoff + 56 + 40, &v, 8);
	return notes + nlen;
}

static size_t make_image(void)
{
	return make_image_pvh(0);
}

static void elf_accepts_a_pv_image(struct ktest *t)
{
	size_t len = make_image();
	struct dom0_elf e;
	const char *why;

	KTEST_ASSERT_EQ(t, dom0_elf_parse(img, len, &e, &why), 0);
	KTEST_EXPECT_EQ(t, e.virt_base, IMG_VBASE);
	KTEST_EXPECT_EQ(t, e.entry, IMG_ENTRY);
	KTEST_EXPECT_EQ(t, e.nr_segs, 1);
	KTEST_EXPECT_EQ(t, e.seg[0].vaddr, IMG_VBASE + IMG_PADDR);
	KTEST_EXPECT_EQ(t, e.vstart, IMG_VBASE + IMG_PADDR);
	KTEST_EXPECT_EQ(t, e.vend, IMG_VBASE + IMG_PADDR + 8192);
	KTEST_EXPECT_EQ(t, e.hypercall_page, ~0ULL);
	KTEST_EXPECT_STREQ(t, e.guest_os, "test");
}

/* The PVH entry as written, the segment at its p_paddr; none without it. */
static void elf_reads_the_pvh_entry(struct ktest *t)
{
	size_t len = make_image_pvh(IMG_PADDR + 0x30);
	struct dom0_elf e;
	const char *why;

	KTEST_ASSERT_EQ(t, dom0_elf_parse(img, len, &e, &why), 0);
	KTEST_EXPECT_EQ(t, e.phys_entry, IMG_PADDR + 0x30);
	KTEST_EXPECT_EQ(t, e.seg[0].paddr, IMG_PADDR);
	KTEST_EXPECT_EQ(t, e.pstart, IMG_PADDR);
	KTEST_EXPECT_EQ(t, e.pend, IMG_PADDR + 8192);
	len = make_image();
	KTEST_ASSERT_EQ(t, dom0_elf_parse(img, len, &e, &why), 0);
	KTEST_EXPECT_EQ(t, e.phys_entry, ~0ULL);
	/* One past the segment's 8 KiB in memory. */
	len = make_image_pvh(IMG_PADDR + 8192);
	KTEST_EXPECT_EQ(t, dom0_elf_parse(img, len, &e, &why), -EINVAL);
	if (!why || !strstr(why, "PVH entry point"))
		KTEST_FAIL(t, "refusal \"%s\" does not name the PVH entry", why ? why : "(none)");
}

/* Each corruption is refused, and the reason names it. */
static void expect_refused(struct ktest *t, size_t len, const char *words)
{
	struct dom0_elf e;
	const char *why = NULL;

	KTEST_EXPECT_EQ(t, dom0_elf_parse(img, len, &e, &why), -EINVAL);
	if (!why || !strstr(why, words))
		KTEST_FAIL(t, "refusal \"%s\" does not say \"%s\"", why ? why : "(none)", words);
}

static void elf_refuses_bad_images(struct ktest *t)
{
	size_t len = make_image();
	u64 v;
	u32 w;

	expect_refused(t, 40, "shorter than an ELF header");
	img[4] = 1;				/* ELFCLASS32 */
	expect_refused(t, len, "ELF64");
	make_image();
	v = 4000; memcpy(img + 32, &v, 8);	/* e_phoff past the end */
	expect_refused(t, len, "program headers");
	make_image();
	v = len + 1; memcpy(img + 64 + 32, &v, 8);	/* PT_LOAD filesz past the end */
	expect_refused(t, len, "segment's bytes");
	make_image();
	v = 16; memcpy(img + 64 + 40, &v, 8);	/* memsz < filesz */
	expect_refused(t, len, "sizes do not add up");
	make_image();
	w = 4000; memcpy(img + 64 + 112 + 4, &w, 4);	/* first note's descsz */
	expect_refused(t, len, "runs past its segment");
	make_image();
	memcpy(img + 64 + 112 + 16, "xen-2.0", 8);
	expect_refused(t, len, "xen-3.0");
	make_image();
	v = 0; memcpy(img + 64 + 56, &v, 8);	/* PT_NOTE -> PT_NULL: no notes */
	expect_refused(t, len, "no Xen ELF notes");
	make_image();
	v = IMG_VBASE; memcpy(img + 64 + 112 + 5 * 24 + 16, &v, 8);	/* ENTRY below */
	expect_refused(t, len, "entry point");
}

typedef int build_fn(const void *image, size_t len, const struct dom0_guest_cfg *cfg,
		     struct dom0_guest *g);

static void refused_leaves_nothing(struct ktest *t, build_fn *build)
{
	struct dom0_guest_cfg cfg = { .vcpus = 1, .cmdline = "" };
	struct dom0_guest g;
	u64 before, after = 0;
	u32 flags;
	int rc, i;

	if (!xen_initial_domain())
		ktest_skip(t, "not the initial domain");
	if (!xen_boot.mod_len)
		ktest_skip(t, "no boot module to build from (mode xen-own-dom0 gives one)");
	KTEST_ASSERT_EQ(t, dom0_sysctl_free_pages(&before), 0);
	if (dom0_domctl_info(1, &flags, NULL, NULL) != -ESRCH)
		ktest_skip(t, "another domain exists already");
	/* More than Xen has: populate_physmap fails after the domain exists. */
	cfg.mem_kb = (before + 16384) * 4;
	rc = build(__va(xen_boot.mod_pa), xen_boot.mod_len, &cfg, &g);
	KTEST_EXPECT_TRUE(t, rc != 0);
	KTEST_EXPECT_EQ(t, g.domid, 0);
	/* Xen frees a killed domain once the last reference goes: soon. */
	for (i = 0; i < 200 && dom0_domctl_info(1, &flags, NULL, NULL) != -ESRCH; i++)
		mdelay(10);
	KTEST_EXPECT_EQ(t, dom0_domctl_info(1, &flags, NULL, NULL), -ESRCH);
	for (i = 0; i < 200; i++) {
		KTEST_ASSERT_EQ(t, dom0_sysctl_free_pages(&after), 0);
		if (after + 8 >= before)
			break;
		mdelay(10);
	}
	ktest_info(t, "Xen's free pages: %llu before, %llu after", before, after);
	KTEST_EXPECT_TRUE(t, after + 8 >= before);
}

static void build_refused_by_xen_leaves_nothing(struct ktest *t)
{
	refused_leaves_nothing(t, dom0_build_pv);
}

/* The same of the PVH builder: its domain is HVM, its memory gfns. */
static void pvh_build_refused_by_xen_leaves_nothing(struct ktest *t)
{
	refused_leaves_nothing(t, dom0_build_pvh);
}

/* A page standing for a guest's console ring (no port: no notify). */
static void console_ring_lies(struct ktest *t)
{
	struct xencons_interface *r = get_zeroed_pages(0);
	struct dom0_console c = { .domid = 99 };
	unsigned int i;

	KTEST_ASSERT_TRUE(t, r);
	c.ring = r;
	/* A chatty guest: a full ring, taken 100 bytes a pass. */
	for (i = 0; i < sizeof(r->out); i++)
		r->out[i] = (i % 64 == 63) ? '\n' : 'a' + i % 26;
	c.cons = r->out_cons = 5000;
	r->out_prod = 5000 + sizeof(r->out);
	KTEST_EXPECT_EQ(t, dom0_console_poll(&c, 100), 100);
	KTEST_EXPECT_EQ(t, r->out_cons, 5100);
	KTEST_EXPECT_FALSE(t, c.broken);
	/* The guest rewriting out_cons changes nothing of what we read. */
	r->out_cons = 1;
	KTEST_EXPECT_EQ(t, dom0_console_poll(&c, 100), 100);
	KTEST_EXPECT_EQ(t, r->out_cons, 5200);
	while (dom0_console_poll(&c, 100))
		;
	KTEST_EXPECT_EQ(t, r->out_cons, 5000 + sizeof(r->out));
	KTEST_EXPECT_EQ(t, c.bytes, sizeof(r->out));
	/* A producer more than a ring ahead: nothing read, never again. */
	r->out_prod = r->out_cons + sizeof(r->out) + 1;
	KTEST_EXPECT_EQ(t, dom0_console_poll(&c, 100), 0);
	KTEST_EXPECT_TRUE(t, c.broken);
	KTEST_EXPECT_EQ(t, r->out_cons, 5000 + sizeof(r->out));
	r->out_prod = r->out_cons + 1;
	KTEST_EXPECT_EQ(t, dom0_console_poll(&c, 100), 0);

	/* A ring of empty lines: 32 lines a pass, whatever the byte budget. */
	memset(r, 0, PAGE_SIZE);
	memset(&c, 0, sizeof(c));
	c.domid = 99;
	c.ring = r;
	memset(r->out, '\n', sizeof(r->out));
	r->out_prod = sizeof(r->out);
	KTEST_EXPECT_EQ(t, dom0_console_poll(&c, ~0U), 32);
	KTEST_EXPECT_EQ(t, r->out_cons, 32);
	free_pages(r, 0);
}

static const struct ktest_case dom0_build_cases[] = {
	KTEST_CASE(elf_accepts_a_pv_image),
	KTEST_CASE(elf_refuses_bad_images),
	KTEST_CASE(elf_reads_the_pvh_entry),
	KTEST_CASE(build_refused_by_xen_leaves_nothing),
	KTEST_CASE(pvh_build_refused_by_xen_leaves_nothing),
	KTEST_CASE(console_ring_lies),
	{}
};
KTEST_SUITE(dom0_build, dom0_build_cases);
