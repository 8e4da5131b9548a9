// SPDX-License-Identifier: GPL-2.0
/*
 * The start_info parser against a well-formed bootstrap region built in a
 * buffer (standing for Xen's mapping at VIRT_BASE) and against one
 * corruption at a time: each must be refused with -EINVAL or -EFAULT and
 * must leave the output untouched.  Pure code: runs on any platform.
 */
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <asm/xen/start_info.h>
#include <xen/interface/xen.h>

#define FAKE_VIRT	0xffffffff80000000ULL
#define FAKE_SIZE	(16 * 4096)
#define SI_OFF		0x8000			/* start_info */
#define P2M_OFF		0x4000			/* mfn_list, 1024 entries */
#define PT_OFF		0xa000			/* 4 frames of page tables */

static u8 *fake;
static struct xen_boot *xb;

static const void *fake_map(const struct boot_mem *m, u64 va, u64 len)
{
	u64 end;

	if (check_add_overflow(va, len, &end) || va < FAKE_VIRT ||
	    end > FAKE_VIRT + FAKE_SIZE)
		return NULL;
	return fake + (va - FAKE_VIRT);
}

static const struct boot_mem mem = { .map = fake_map };

static int si_init(struct ktest *t)
{
	fake = kzalloc(FAKE_SIZE);
	xb = kzalloc(sizeof(*xb));
	if (!fake || !xb)
		ktest_skip(t, "no memory");
	return 0;
}

static void si_exit(struct ktest *t)
{
	kfree(fake);
	kfree(xb);
}

static struct start_info *si_good(void)
{
	struct start_info *si = (void *)(fake + SI_OFF);

	memset(fake, 0, FAKE_SIZE);
	strscpy(si->magic, "xen-3.0-x86_64", sizeof(si->magic));
	si->nr_pages = 1024;
	si->shared_info = 0x3fd6b000;
	si->flags = SIF_INITDOMAIN | SIF_PRIVILEGED;
	si->pt_base = FAKE_VIRT + PT_OFF;
	si->nr_pt_frames = 4;
	si->mfn_list = FAKE_VIRT + P2M_OFF;
	strscpy((char *)si->cmd_line, "console=hvc0 ktest.filter=x", sizeof(si->cmd_line));
	return si;
}

static int parse(void)
{
	memset(xb, 0x5a, sizeof(*xb));
	return xen_parse_start_info(&mem, FAKE_VIRT + SI_OFF, FAKE_VIRT, xb);
}

/* Refused, and nothing written to the output. */
#define EXPECT_REFUSED(t, err) do {					\
	KTEST_EXPECT_EQ(t, parse(), err);				\
	KTEST_EXPECT_EQ(t, xb->nr_pages, 0x5a5a5a5a5a5a5a5aULL);	\
} while (0)

static void si_valid(struct ktest *t)
{
	si_good();
	KTEST_ASSERT_EQ(t, parse(), 0);
	KTEST_EXPECT_EQ(t, xb->nr_pages, 1024);
	KTEST_EXPECT_EQ(t, xb->flags, SIF_INITDOMAIN | SIF_PRIVILEGED);
	KTEST_EXPECT_EQ(t, xb->pt_base, FAKE_VIRT + PT_OFF);
	KTEST_EXPECT_EQ(t, xb->bootstrap_end, FAKE_VIRT + PT_OFF + 4 * 4096);
	KTEST_EXPECT_EQ(t, xb->mfn_list, FAKE_VIRT + P2M_OFF);
	KTEST_EXPECT_EQ(t, xb->mod_start, 0);
	KTEST_EXPECT_STREQ(t, xb->cmdline, "console=hvc0 ktest.filter=x");
	/* dom0 has no console ring page: those fields stay 0. */
	KTEST_EXPECT_EQ(t, xb->console_mfn, 0);
}

static void si_domu_console(struct ktest *t)
{
	struct start_info *si = si_good();

	si->flags = 0;
	si->console.domU.mfn = 0x1234;
	si->console.domU.evtchn = 3;
	KTEST_ASSERT_EQ(t, parse(), 0);
	KTEST_EXPECT_EQ(t, xb->console_mfn, 0x1234);
	KTEST_EXPECT_EQ(t, xb->console_evtchn, 3);
}

static void si_bad_magic(struct ktest *t)
{
	struct start_info *si = si_good();

	si->magic[7] = '4';			/* "xen-3.0-x86_32"-like */
	EXPECT_REFUSED(t, -EINVAL);
	si_good();
	memset(si->magic, 'x', sizeof(si->magic));	/* unterminated */
	EXPECT_REFUSED(t, -EINVAL);
}

static void si_bad_pages(struct ktest *t)
{
	struct start_info *si = si_good();

	si->nr_pages = 0;
	EXPECT_REFUSED(t, -EINVAL);
	si->nr_pages = 1ULL << 40;		/* 4 PiB */
	EXPECT_REFUSED(t, -EINVAL);
	/* A P2M list for that many pages would run past the region. */
	si->nr_pages = 0x2000;
	EXPECT_REFUSED(t, -EINVAL);
}

static void si_bad_page_tables(struct ktest *t)
{
	struct start_info *si = si_good();

	si->pt_base += 8;			/* misaligned */
	EXPECT_REFUSED(t, -EINVAL);
	si = si_good();
	si->nr_pt_frames = 0;
	EXPECT_REFUSED(t, -EINVAL);
	si->nr_pt_frames = 1 << 20;
	EXPECT_REFUSED(t, -EINVAL);
	si = si_good();
	si->pt_base = FAKE_VIRT - 4096;		/* below VIRT_BASE */
	EXPECT_REFUSED(t, -EINVAL);
	si->pt_base = ~0xfffUL;			/* wraps */
	EXPECT_REFUSED(t, -EINVAL);
}

static void si_bad_pointers(struct ktest *t)
{
	struct start_info *si = si_good();

	si->mfn_list += 4;			/* misaligned */
	EXPECT_REFUSED(t, -EINVAL);
	si = si_good();
	si->mfn_list = FAKE_VIRT + PT_OFF + 4 * 4096;	/* past the tables */
	EXPECT_REFUSED(t, -EINVAL);
	si = si_good();
	si->mod_start = FAKE_VIRT + 0x100;
	si->mod_len = 1ULL << 32;		/* runs out of the region */
	EXPECT_REFUSED(t, -EINVAL);
	/* start_info past the end of the tables (Xen puts it before them). */
	si = si_good();
	si->nr_pt_frames = 1;
	si->pt_base = FAKE_VIRT + 0x1000;
	EXPECT_REFUSED(t, -EINVAL);
}

/* A module by frame: inside the 1024 pages, whole; its address is the pfn's. */
static void si_module_by_pfn(struct ktest *t)
{
	struct start_info *si = si_good();

	si->flags |= SIF_MOD_START_PFN;
	si->mod_start = 1000;			/* pfn: beyond the bootstrap region */
	si->mod_len = 24 * 4096;		/* pages 1000..1023 */
	KTEST_ASSERT_EQ(t, parse(), 0);
	KTEST_EXPECT_EQ(t, xb->mod_pa, 1000ULL * 4096);
	KTEST_EXPECT_EQ(t, xb->mod_len, 24 * 4096);
	si->mod_len = 24 * 4096 + 1;		/* one byte into page 1024 */
	EXPECT_REFUSED(t, -EINVAL);
	si->mod_start = 1024;
	si->mod_len = 1;
	EXPECT_REFUSED(t, -EINVAL);
	si->mod_start = ~0UL >> 4;		/* pfn whose address wraps */
	EXPECT_REFUSED(t, -EINVAL);
	/* A mapped module: its pseudo-physical address is its offset from VIRT_BASE. */
	si = si_good();
	si->mod_start = FAKE_VIRT + 0x2000;
	si->mod_len = 0x100;
	KTEST_ASSERT_EQ(t, parse(), 0);
	KTEST_EXPECT_EQ(t, xb->mod_pa, 0x2000);
}

/* Machine frames within 52 address bits, event channels within 4096. */
static void si_bad_frames_and_channels(struct ktest *t)
{
	struct start_info *si = si_good();

	si->shared_info += 8;			/* not a page */
	EXPECT_REFUSED(t, -EINVAL);
	si = si_good();
	si->shared_info = 1ULL << 52;
	EXPECT_REFUSED(t, -EINVAL);
	si = si_good();
	si->store_mfn = 1ULL << 40;
	EXPECT_REFUSED(t, -EINVAL);
	si = si_good();
	si->store_evtchn = 4096;
	EXPECT_REFUSED(t, -EINVAL);
	si = si_good();
	si->flags = 0;				/* domU: the console fields count */
	si->console.domU.evtchn = 4096;
	EXPECT_REFUSED(t, -EINVAL);
	si->console.domU.evtchn = 4095;
	si->console.domU.mfn = 1ULL << 40;
	EXPECT_REFUSED(t, -EINVAL);
	/* dom0: the same bytes are console_info's offset and size, unused. */
	si->flags = SIF_INITDOMAIN;
	KTEST_EXPECT_EQ(t, parse(), 0);
}

static void si_bad_cmdline_and_address(struct ktest *t)
{
	struct start_info *si = si_good();

	memset(si->cmd_line, 'a', sizeof(si->cmd_line));
	EXPECT_REFUSED(t, -EINVAL);
	memset(xb, 0x5a, sizeof(*xb));
	KTEST_EXPECT_EQ(t, xen_parse_start_info(&mem, FAKE_VIRT + FAKE_SIZE - 8, FAKE_VIRT, xb),
			-EFAULT);
	KTEST_EXPECT_EQ(t, xen_parse_start_info(&mem, ~0ULL - 4, FAKE_VIRT, xb), -EFAULT);
	KTEST_EXPECT_EQ(t, xb->nr_pages, 0x5a5a5a5a5a5a5a5aULL);
}

static const struct ktest_case si_cases[] = {
	KTEST_CASE(si_valid),
	KTEST_CASE(si_domu_console),
	KTEST_CASE(si_bad_magic),
	KTEST_CASE(si_bad_pages),
	KTEST_CASE(si_bad_page_tables),
	KTEST_CASE(si_bad_pointers),
	KTEST_CASE(si_module_by_pfn),
	KTEST_CASE(si_bad_frames_and_channels),
	KTEST_CASE(si_bad_cmdline_and_address),
	{}
};
KTEST_SUITE_FULL(xen_start_info, si_cases, si_init, si_exit);
