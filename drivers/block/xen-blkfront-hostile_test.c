// SPDX-License-Identifier: GPL-2.0
/*
 * xen_blkfront_hostile: our blkfront against backends that lie (mode
 * xen-pv-domU-hostile).  With blk_hostile=1 the harness gives the guest,
 * beside xvda on Linux's blkback, six disks xvdb..xvdg whose backend is
 * a program of dom0's (tools/testing/selftests/xen/blkback_hostile.c),
 * one class of bad response each, in this order: an unknown id, a
 * duplicate id, a wrong operation, a producer past the ring, a producer
 * going backwards, a status out of range.
 *
 * Each case: the disk answers a first read correctly (every byte of
 * sector S is hostile_byte(), which the dom0 program writes and this file
 * computes again), then two reads go at once and the backend lies about
 * the first.  The disk must then be disabled, naming the rule the lie
 * breaks (our own words for it, below, not the driver's table), fail
 * what waits and what comes later, and say Closing in its xenstore state
 * (the dom0 program then closes too, and so does blkfront); and every
 * disk not lied to yet, and xvda, must still be up.  The last case writes and reads xvda back.
 */
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/blkdev.h>
#include <linux/slab.h>
#include <linux/kernel.h>
#include <xen/xenbus.h>
#include <asm/xen/hypervisor.h>
#include <xen/xen-blkfront.h>
#include "xen-blkfront-pattern.h"

struct hostile {
	const char *disk, *cls;
	unsigned int vdev;	/* Xen's vbd number: 202 << 8 | 16 * disk */
	const char *rule;	/* what the fault's message must say */
	bool first_answered;	/* the lie came after a good answer to it */
};

static const struct hostile hostiles[] = {
	{ "xvdb", "id", 51728, "id out of range", false },
	{ "xvdc", "dup", 51744, "no outstanding request", true },
	{ "xvdd", "op", 51760, "operation is not the request's", false },
	{ "xvde", "prodjump", 51776, "producer index", false },
	{ "xvdf", "prodback", 51792, "producer index", false },
	{ "xvdg", "status", 51808, "status out of range", false },
};
#define NR_HOSTILE	ARRAY_SIZE(hostiles)

/* blkback_hostile.c's fill of sector S of disk VDEV. */
static u8 hostile_byte(unsigned int vdev, u64 s)
{
	return (u8)(0x5a ^ s ^ (s >> 8) ^ (vdev & 0xff));
}

/* The first byte of sectors FROM.. (N of them) not the backend's, or -1. */
static long bad_byte(const u8 *buf, unsigned int vdev, u64 from, unsigned int n)
{
	unsigned long i;

	for (i = 0; i < (unsigned long)n * SECTOR_SIZE; i++)
		if (buf[i] != hostile_byte(vdev, from + i / SECTOR_SIZE))
			return i;
	return -1;
}

static int hostile_init(struct ktest *t)
{
	if (!xen_pv_domain() || xen_initial_domain())
		ktest_skip(t, "not a Xen PV domU");
	if (blk_harness_u64("blk_hostile") != 1)
		ktest_skip(t, "the harness gave no hostile backends (blk_hostile=1)");
	xen_blkfront_init();
	return 0;
}

/* Every disk after K, and xvda, still up. */
static void others_up(struct ktest *t, unsigned int k)
{
	struct gendisk *d = get_disk("xvda");
	unsigned int j;

	KTEST_EXPECT_TRUE(t, d && !d->dead && !xen_blkfront_broken(d, NULL));
	for (j = k + 1; j < NR_HOSTILE; j++) {
		d = get_disk(hostiles[j].disk);
		KTEST_EXPECT_TRUE(t, d && !d->dead && !xen_blkfront_broken(d, NULL));
	}
}

/* A xenstore number at DIR/NODE, or -1. */
static long xs_num(const char *dir, const char *node)
{
	u64 v;

	return xenbus_read_u64(XBT_NIL, dir, node, &v) ? -1 : (long)v;
}

/*
 * Disabled, the frontend says Closing in its own state node, read back
 * here from xenstore; the dom0 program, seeing it, lets the ring go and
 * says Closed in its state node (it logs that too, for the judge), and
 * blkfront answers with Closed.
 */
static void closed_with_backend(struct ktest *t, const struct hostile *h)
{
	char fe[32], *be = NULL;
	long st, bst = -1;
	unsigned int i;

	snprintf(fe, sizeof(fe), "device/vbd/%u", h->vdev);
	st = xs_num(fe, "state");
	ktest_info(t, "%s: own state %ld after the fault", h->disk, st);
	KTEST_EXPECT_GE(t, st, XenbusStateClosing);
	KTEST_ASSERT_EQ(t, xenbus_read(XBT_NIL, fe, "backend", &be, NULL), 0);
	for (i = 0; i < 100 && (bst = xs_num(be, "state")) != XenbusStateClosed; i++)
		xenbus_wait_for_watches(50);	/* our watch on it runs meanwhile */
	xenbus_wait_for_watches(50);
	st = xs_num(fe, "state");
	ktest_info(t, "%s: backend state %ld, then own state %ld", h->disk, bst, st);
	KTEST_EXPECT_EQ(t, bst, XenbusStateClosed);
	KTEST_EXPECT_EQ(t, st, XenbusStateClosed);
	kfree(be);
}

static void hostile_case(struct ktest *t, unsigned int k)
{
	const struct hostile *h = &hostiles[k];
	struct gendisk *d = get_disk(h->disk);
	struct blk_request a, b;
	const char *rule = NULL;
	u8 *buf = get_zeroed_page(), *buf2 = get_zeroed_page();
	int ra, rb;

	KTEST_ASSERT_TRUE(t, buf && buf2);
	KTEST_ASSERT_NOT_NULL(t, d);
	KTEST_ASSERT_FALSE(t, xen_blkfront_broken(d, NULL));
	/* Answered as blkback would: the data is the dom0 program's. */
	KTEST_ASSERT_EQ(t, blk_rw(d, REQ_OP_READ, 0, 8, 8, buf), 0);
	KTEST_EXPECT_EQ(t, bad_byte(buf, h->vdev, 8, 8), -1);
	/* Two at once: the backend lies about the first. */
	memset(buf, 0, PAGE_SIZE);
	a = (struct blk_request){ .op = REQ_OP_READ, .sector = 16, .nr_sectors = 8, .buf = buf };
	b = (struct blk_request){ .op = REQ_OP_READ, .sector = 24, .nr_sectors = 8, .buf = buf2 };
	KTEST_ASSERT_EQ(t, blk_submit(d, &a), 0);
	KTEST_ASSERT_EQ(t, blk_submit(d, &b), 0);
	ra = blk_wait(d, &a, 30000);
	rb = blk_wait(d, &b, 30000);
	KTEST_EXPECT_TRUE(t, xen_blkfront_broken(d, &rule));
	ktest_info(t, "%s (%s): requests %d and %d, rule: %s", h->disk, h->cls, ra, rb,
		   rule ?: "(none)");
	KTEST_EXPECT_TRUE(t, rule && strstr(rule, h->rule));
	KTEST_EXPECT_TRUE(t, d->dead);
	if (h->first_answered) {
		KTEST_EXPECT_EQ(t, ra, 0);
		KTEST_EXPECT_EQ(t, bad_byte(buf, h->vdev, 16, 8), -1);
	} else {
		KTEST_EXPECT_EQ(t, ra, -EIO);
	}
	KTEST_EXPECT_EQ(t, rb, -EIO);
	/* Disabled for good: later requests fail at once. */
	KTEST_EXPECT_EQ(t, blk_rw(d, REQ_OP_READ, 0, 0, 8, buf), -EIO);
	closed_with_backend(t, h);
	others_up(t, k);
	if (rule)
		pr_info("blkfront-hostile: %s %s disabled: %s\n", h->disk, h->cls, rule);
	free_page(buf);
	free_page(buf2);
}

static void hostile_unknown_id(struct ktest *t) { hostile_case(t, 0); }
static void hostile_duplicate_id(struct ktest *t) { hostile_case(t, 1); }
static void hostile_wrong_operation(struct ktest *t) { hostile_case(t, 2); }
static void hostile_producer_past_ring(struct ktest *t) { hostile_case(t, 3); }
static void hostile_producer_backwards(struct ktest *t) { hostile_case(t, 4); }
static void hostile_status_out_of_range(struct ktest *t) { hostile_case(t, 5); }

/* After all six: xvda on blkback writes and reads back as before. */
static void hostile_good_disk_still_reads(struct ktest *t)
{
	struct gendisk *d = get_disk("xvda");
	u64 *w = get_zeroed_page(), *r = get_zeroed_page();
	unsigned int j;

	KTEST_ASSERT_TRUE(t, w && r);
	KTEST_ASSERT_NOT_NULL(t, d);
	/* Dead, or gone once their backend closed (blkfront's disconnect). */
	for (j = 0; j < NR_HOSTILE; j++) {
		struct gendisk *h = get_disk(hostiles[j].disk);

		KTEST_EXPECT_TRUE(t, !h || h->dead);
	}
	pattern_fill(w, 77, 100, 1);
	KTEST_EXPECT_EQ(t, blk_rw(d, REQ_OP_WRITE, 0, 100 * BLK_PER_BLOCK, BLK_PER_BLOCK, w), 0);
	KTEST_EXPECT_EQ(t, blk_rw(d, REQ_OP_READ, 0, 100 * BLK_PER_BLOCK, BLK_PER_BLOCK, r), 0);
	KTEST_EXPECT_EQ(t, pattern_check(r, 77, 100, 1), -1);
	KTEST_EXPECT_FALSE(t, xen_blkfront_broken(d, NULL));
	free_page(w);
	free_page(r);
}

static const struct ktest_case hostile_cases[] = {
	KTEST_CASE(hostile_unknown_id),
	KTEST_CASE(hostile_duplicate_id),
	KTEST_CASE(hostile_wrong_operation),
	KTEST_CASE(hostile_producer_past_ring),
	KTEST_CASE(hostile_producer_backwards),
	KTEST_CASE(hostile_status_out_of_range),
	KTEST_CASE(hostile_good_disk_still_reads),
	{}
};
KTEST_SUITE_FULL(xen_blkfront_hostile, hostile_cases, hostile_init, NULL);
