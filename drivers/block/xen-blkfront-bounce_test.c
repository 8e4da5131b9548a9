// SPDX-License-Identifier: GPL-2.0
/*
 * xen_blkfront_bounce: where the grants of blkfront's data point, against
 * Linux's blkback in the reference dom0 (mode xen-pv-domU-blk, disk xvda).
 *
 * The independent sources: the grant table itself (every v1 entry that
 * permits access to the backend's domain, whoever granted it: its frame
 * is what Xen would map for the backend), the caller's machine frames as
 * our own page tables hold them (a PV guest's entries are machine
 * frames: not the p2m the driver uses), the command line and xenstore
 * for which mode to expect, and dom0's rereading of every range printed
 * ("blkfront-pattern: seed S blocks A-B", xen-blkfront-pattern.h).
 *
 * Trusted (the default): while a request is in flight the backend has a
 * grant of each of the caller's pages.  Untrusted (xen_blkfront.trusted=0,
 * or our node "trusted" = 0): it has as many grants, none of any of the
 * caller's frames.  In both, none is left once the request is done, and
 * the data reads back.  Events are off while the table is read, so the
 * response cannot be taken (and the grants ended) before it is.  The
 * node case also prints read figures of both modes, one after the other.
 */
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/irqflags.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/blkdev.h>
#include <asm/pgtable.h>
#include <asm/tsc.h>
#include <asm/xen/hypervisor.h>
#include <xen/grant_table.h>
#include <xen/xenbus.h>
#include <xen/xen-blkfront.h>
#include "xen-blkfront-pattern.h"

#define BB_MAX_PAGES	160	/* more than any request spans (128 segments) */
#define BB_BLOCK	7000	/* the area of this suite: blocks 7000-7999 */

struct bb_ctx {
	struct gendisk *d;
	struct xenbus_device *dev;
	u64 seed_base;
};
static struct bb_ctx bb;

static int bb_init(struct ktest *t)
{
	if (!xen_pv_domain() || xen_initial_domain())
		ktest_skip(t, "not a Xen PV domU");
	if (!blk_harness_u64("blk_test.sectors"))
		ktest_skip(t, "the harness gave no disk (blk_test.sectors=)");
	if (blk_harness_u64("blk_test.ack") == 1)
		ktest_skip(t, "blk_test.ack: the acknowledged-write case alone");
	xen_blkfront_init();
	bb.d = get_disk("xvda");
	bb.dev = xenbus_find_device("vbd", 0);
	KTEST_ASSERT_TRUE(t, bb.d && bb.dev);
	if (bb.d->dead)
		ktest_skip(t, "xvda is disabled");
	bb.seed_base = blk_harness_u64("blk_test.seed");
	return 0;
}

static bool param_untrusted(void)
{
	char val[8];

	return cmdline_get_value("xen_blkfront.trusted", val, sizeof(val)) && !strcmp(val, "0");
}

/* Untrusted as the command line and our xenstore node say, not the driver. */
static bool expect_bounce(void)
{
	u64 v;

	return param_untrusted() ||
	       (!xenbus_read_u64(XBT_NIL, bb.dev->nodename, "trusted", &v) && v != 1);
}

/* The machine frame of @va as our page tables map it; 0 if unmapped. */
static u64 pt_mfn(const void *va)
{
	unsigned long size;
	u64 *e = lookup_address((unsigned long)va, &size);

	if (!e)
		return 0;
	return ((READ_ONCE(*e) & PTE_PFN_MASK) + ((unsigned long)va & (size - 1))) >> PAGE_SHIFT;
}

struct bb_scan {
	unsigned int live;		/* entries open to the backend */
	unsigned int hits;		/* of them, on one of the caller's frames */
	unsigned int writable_hits;
};

/* Every entry of the table: which open to the backend, which on @mfn[]. */
static void scan(const u64 *mfn, unsigned int n, struct bb_scan *out)
{
	struct grant_entry_v1 e;
	struct gnttab_stats st;
	grant_ref_t ref;
	unsigned int i;

	gnttab_get_stats(&st);
	*out = (struct bb_scan){ 0 };
	for (ref = 0; ref < st.total && gnttab_read_entry(ref, &e); ref++) {
		if (!(e.flags & GTF_permit_access) || e.domid != bb.dev->otherend_id)
			continue;
		out->live++;
		for (i = 0; i < n; i++) {
			if (e.frame != mfn[i])
				continue;
			out->hits++;
			if (!(e.flags & GTF_readonly))
				out->writable_hits++;
		}
	}
}

/*
 * One request of @sectors from @buf, the table scanned before, while in
 * flight and after; checks by @bounce.  0, or the request's error.
 */
static int scanned_rw(struct ktest *t, enum req_op op, u64 block, unsigned int sectors,
		      char *buf, bool bounce)
{
	unsigned long a = (unsigned long)buf, end = a + ((unsigned long)sectors << SECTOR_SHIFT);
	struct blk_request rq = { .op = op, .sector = block * BLK_PER_BLOCK,
				  .nr_sectors = sectors, .buf = buf };
	struct bb_scan before, during, after;
	u64 mfn[BB_MAX_PAGES];
	unsigned int n = 0;
	unsigned long flags;
	int err;

	for (a &= PAGE_MASK; a < end && n < BB_MAX_PAGES; a += PAGE_SIZE)
		mfn[n++] = pt_mfn((void *)a);
	KTEST_ASSERT_TRUE(t, a >= end);
	for (a = 0; a < n; a++)
		KTEST_ASSERT_NE(t, mfn[a], 0);
	scan(mfn, n, &before);
	KTEST_EXPECT_EQ(t, before.hits, 0);
	/* No event while we look: the grants stay until blk_wait takes the answer. */
	local_irq_save(flags);
	err = blk_submit(bb.d, &rq);
	if (!err)
		scan(mfn, n, &during);
	local_irq_restore(flags);
	KTEST_ASSERT_EQ(t, err, 0);
	err = blk_wait(bb.d, &rq, 30000);
	scan(mfn, n, &after);
	ktest_info(t, "%s of %u pages: %u grants open to the backend before, %u in flight (%u on the caller's frames), %u after (%u)",
		   op == REQ_OP_READ ? "read" : "write", n, before.live, during.live,
		   during.hits, after.live, after.hits);
	KTEST_EXPECT_GE(t, during.live, before.live + n);
	if (bounce) {
		KTEST_EXPECT_EQ(t, during.hits, 0);
	} else {
		KTEST_EXPECT_EQ(t, during.hits, n);
		/* A write's pages are the backend's to read only. */
		if (op == REQ_OP_WRITE)
			KTEST_EXPECT_EQ(t, during.writable_hits, 0);
	}
	KTEST_EXPECT_EQ(t, after.hits, 0);
	return err;
}

/* Write the pattern from @buf + @off, read it back into zeroes, both scanned. */
static void scanned_write_read(struct ktest *t, u64 seed, u64 block, unsigned int blocks,
			       unsigned int off, bool bounce)
{
	unsigned int order = get_order((size_t)blocks * PAGE_SIZE + PAGE_SIZE);
	char *w = get_free_pages(order), *r = get_zeroed_pages(order);
	long bad;

	KTEST_ASSERT_TRUE(t, w && r);
	pattern_fill((u64 *)(w + off), seed, block, blocks);
	KTEST_EXPECT_EQ(t, scanned_rw(t, REQ_OP_WRITE, block, blocks * BLK_PER_BLOCK, w + off,
				      bounce), 0);
	KTEST_EXPECT_EQ(t, scanned_rw(t, REQ_OP_READ, block, blocks * BLK_PER_BLOCK, r + off,
				      bounce), 0);
	bad = pattern_check((u64 *)(r + off), seed, block, blocks);
	KTEST_EXPECT_EQ(t, bad, -1);
	/* The copy out wrote the segments only: the bytes around are untouched. */
	KTEST_EXPECT_EQ(t, memchr_inv(r, 0, off), NULL);
	KTEST_EXPECT_EQ(t, memchr_inv(r + off + (size_t)blocks * PAGE_SIZE, 0, PAGE_SIZE - off),
			NULL);
	if (bad < 0)
		pr_info("blkfront-pattern: seed %llu blocks %llu-%llu\n", (unsigned long long)seed,
			(unsigned long long)block, (unsigned long long)(block + blocks - 1));
	free_pages(w, order);
	free_pages(r, order);
}

/* Three pages, then as many as a request holds from mid-page. */
static void grants_as_the_mode_says(struct ktest *t, u64 seed, u64 block)
{
	bool bounce = expect_bounce();
	unsigned int most = bb.d->max_sectors / BLK_PER_BLOCK;

	KTEST_EXPECT_EQ(t, xen_blkfront_bounces(bb.d), bounce);
	ktest_info(t, "expecting %s; %u sectors a request",
		   bounce ? "bounce pages" : "grants of the caller's pages", bb.d->max_sectors);
	scanned_write_read(t, bb.seed_base + seed, block, 3, 0, bounce);
	KTEST_ASSERT_LE(t, most + 1, BB_MAX_PAGES);
	scanned_write_read(t, bb.seed_base + seed + 1, block + 8, most, 512, bounce);
}

#define FIG_BLOCK	7800	/* 1 MiB for the figures */
#define FIG_BLOCKS	256
#define FIG_DEPTH	32
#define FIG_READS	512

static unsigned int mb_per_s(u64 bytes, u64 ns)
{
	return ns ? bytes * 1000 / ns : 0;
}

/*
 * Figures, not limits, of the connection as it is: 1 MiB read four
 * times, then 4 KiB random reads FIG_DEPTH at a time, the data checked.
 * The case prints them for both modes in one guest, a few seconds
 * apart: under TCG that is the least noisy comparison there is.
 */
static void figures(struct ktest *t, u64 seed)
{
	unsigned int order = get_order(FIG_BLOCKS * PAGE_SIZE), sorder = get_order(FIG_DEPTH * PAGE_SIZE);
	char *buf = get_free_pages(order), *small = get_free_pages(sorder);
	struct blk_request rq[FIG_DEPTH];
	u64 t0, seq, rnd, x = seed;
	unsigned int i, j, wrong = 0;
	long bad = -1;

	KTEST_ASSERT_TRUE(t, buf && small);
	pattern_fill((u64 *)buf, seed, FIG_BLOCK, FIG_BLOCKS);
	KTEST_ASSERT_EQ(t, blk_rw(bb.d, REQ_OP_WRITE, 0, FIG_BLOCK * BLK_PER_BLOCK,
				  FIG_BLOCKS * BLK_PER_BLOCK, buf), 0);
	t0 = sched_clock();
	for (i = 0; i < 4; i++) {
		memset(buf, 0, FIG_BLOCKS * PAGE_SIZE);
		KTEST_ASSERT_EQ(t, blk_rw(bb.d, REQ_OP_READ, 0, FIG_BLOCK * BLK_PER_BLOCK,
					  FIG_BLOCKS * BLK_PER_BLOCK, buf), 0);
		if (bad < 0)
			bad = pattern_check((u64 *)buf, seed, FIG_BLOCK, FIG_BLOCKS);
	}
	seq = sched_clock() - t0;
	KTEST_EXPECT_EQ(t, bad, -1);
	t0 = sched_clock();
	for (i = 0; i < FIG_READS; i += FIG_DEPTH) {
		for (j = 0; j < FIG_DEPTH; j++) {
			x = x * 6364136223846793005ULL + 1442695040888963407ULL;
			rq[j] = (struct blk_request){
				.op = REQ_OP_READ, .nr_sectors = BLK_PER_BLOCK,
				.sector = (FIG_BLOCK + (x >> 33) % FIG_BLOCKS) * BLK_PER_BLOCK,
				.buf = small + j * PAGE_SIZE };
			KTEST_ASSERT_EQ(t, blk_submit(bb.d, &rq[j]), 0);
		}
		for (j = 0; j < FIG_DEPTH; j++) {
			KTEST_ASSERT_EQ(t, blk_wait(bb.d, &rq[j], 30000), 0);
			if (pattern_check((u64 *)(small + j * PAGE_SIZE), seed,
					  rq[j].sector / BLK_PER_BLOCK, 1) >= 0)
				wrong++;
		}
	}
	rnd = sched_clock() - t0;
	KTEST_EXPECT_EQ(t, wrong, 0);
	ktest_info(t, "figures, %s: 1 MiB reads %u MB/s; 4 KiB random reads at depth %u: %llu IOPS",
		   xen_blkfront_bounces(bb.d) ? "bounce pages" : "grants of the caller's pages",
		   mb_per_s(4 * FIG_BLOCKS * PAGE_SIZE, seq), FIG_DEPTH,
		   (unsigned long long)(rnd ? FIG_READS * 1000000000ULL / rnd : 0));
	if (bad < 0)
		pr_info("blkfront-pattern: seed %llu blocks %u-%u\n", (unsigned long long)seed,
			FIG_BLOCK, FIG_BLOCK + FIG_BLOCKS - 1);
	free_pages(buf, order);
	free_pages(small, sorder);
}

static void bb_grants_where_the_mode_says(struct ktest *t)
{
	grants_as_the_mode_says(t, 20, BB_BLOCK);
}

/*
 * Our node "trusted", as a toolstack writes it, read at the next connect:
 * 0 makes a trusted connection bounce, 1 an untrusted one trust, but
 * not against xen_blkfront.trusted=0.  Put back as it was (or removed),
 * the first mode comes back.
 */
static void bb_trusted_node_read_at_connect(struct ktest *t)
{
	const char *node = bb.dev->nodename;
	bool was = expect_bounce();
	char *old = NULL;
	unsigned int len;

	/* What the toolstack wrote, if anything: put back at the end. */
	if (xenbus_read(XBT_NIL, node, "trusted", &old, &len))
		old = NULL;
	ktest_info(t, "%s/trusted: %s", node, old ?: "absent");
	KTEST_ASSERT_EQ(t, xenbus_write(XBT_NIL, node, "trusted", was ? "1" : "0"), 0);
	KTEST_ASSERT_EQ(t, xen_blkfront_reconnect(bb.d, 10000), 0);
	KTEST_EXPECT_EQ(t, expect_bounce(), param_untrusted() || !was);
	grants_as_the_mode_says(t, 30, BB_BLOCK + 300);
	figures(t, bb.seed_base + 50);
	if (old)
		KTEST_ASSERT_EQ(t, xenbus_write(XBT_NIL, node, "trusted", old), 0);
	else
		KTEST_ASSERT_EQ(t, xenbus_rm(XBT_NIL, node, "trusted"), 0);
	kfree(old);
	KTEST_ASSERT_EQ(t, xen_blkfront_reconnect(bb.d, 10000), 0);
	KTEST_EXPECT_EQ(t, expect_bounce(), was);
	grants_as_the_mode_says(t, 40, BB_BLOCK + 600);
	figures(t, bb.seed_base + 50);	/* the same blocks: the same seed */
}

static const struct ktest_case bb_cases[] = {
	KTEST_CASE(bb_grants_where_the_mode_says),
	KTEST_CASE(bb_trusted_node_read_at_connect),
	{}
};
KTEST_SUITE_FULL(xen_blkfront_bounce, bb_cases, bb_init, NULL);
