// SPDX-License-Identifier: GPL-2.0
/*
 * xen_blkfront: our PV domU's disk xvda against Linux's blkback in the
 * reference dom0 (mode xen-pv-domU-blk).  The harness gives the guest a
 * backing file of a size it names (blk_test.sectors=N); the cases write
 * patterns, read them back through the backend, flush, and print each
 * range they wrote ("blkfront-pattern: seed S blocks A-B", 4 KiB
 * blocks; blk_test.seed=B adds B to every seed, xen-blkfront-pattern.h),
 * which dom0 rereads from the backing file after the guest is
 * gone and the host compares with the pattern it computes itself.  The
 * independent sources: the harness's size, dom0's xenstore (the
 * backend's own state), the backing file as dom0 reads it.
 *
 * blk_test.ack=1 instead runs the acknowledged-write case alone: write,
 * flush, print "blkfront-acked: seed S blocks A-B" once the flush is
 * done, and leave the guest for the toolstack to destroy (dom0 then
 * checks every acknowledged block in the file).
 *
 * blk_reconnects closes the connection from our side and makes it
 * again (blkback goes Closed, then InitWait): what the first connection
 * wrote must read back through the second.  The last case plays a lying
 * backend on the live ring (a producer index past our requests): the
 * device must disable itself, name the rule, fail later requests, and
 * come back only through a new connection.
 */
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/blkdev.h>
#include <linux/pvbench.h>
#include <asm/tsc.h>
#include <asm/xen/hypervisor.h>
#include <xen/xenbus.h>
#include <xen/xen-blkfront.h>
#include "xen-blkfront-rsp.h"
#include "xen-blkfront-pattern.h"

struct blk_ctx {
	struct gendisk *d;
	u64 sectors;		/* the harness's size */
	u64 seed_base;		/* blk_test.seed: added to every seed */
};
static struct blk_ctx ctx;

#define harness_u64 blk_harness_u64
/* Seeds as the cases name them; written and printed with the base. */
#define SEED(s)		((s) + ctx.seed_base)

static void fill(u64 *buf, u64 seed, u64 block, unsigned int blocks)
{
	pattern_fill(buf, SEED(seed), block, blocks);
}

static long check(const u64 *buf, u64 seed, u64 block, unsigned int blocks)
{
	return pattern_check(buf, SEED(seed), block, blocks);
}

static int blk_init(struct ktest *t)
{
	if (!xen_domain() || xen_initial_domain())
		ktest_skip(t, "not a Xen domU");
	ctx.sectors = harness_u64("blk_test.sectors");
	ctx.seed_base = harness_u64("blk_test.seed");
	if (!ctx.sectors)
		ktest_skip(t, "the harness gave no disk (blk_test.sectors=)");
	xen_blkfront_init();
	ctx.d = get_disk("xvda");
	KTEST_ASSERT_NOT_NULL(t, ctx.d);
	if (ctx.d->dead)
		ktest_skip(t, "xvda is disabled (an earlier case played a lying backend)");
	t->priv = &ctx;
	return 0;
}

static bool ack_mode(void)
{
	return harness_u64("blk_test.ack") == 1;
}

/* Write, read back through the backend, compare; print the range. */
static void write_verify(struct ktest *t, u64 seed, u64 block, unsigned int blocks,
			 unsigned int misalign)
{
	unsigned int order = get_order((size_t)blocks * PAGE_SIZE + PAGE_SIZE);
	char *wbuf = get_free_pages(order), *rbuf = get_zeroed_pages(order);
	u64 *w, *r;
	long bad;

	KTEST_ASSERT_TRUE(t, wbuf && rbuf);
	w = (u64 *)(wbuf + misalign);
	r = (u64 *)(rbuf + misalign);
	fill(w, seed, block, blocks);
	KTEST_EXPECT_EQ(t, blk_rw(ctx.d, REQ_OP_WRITE, 0, block * BLK_PER_BLOCK,
				  blocks * BLK_PER_BLOCK, w), 0);
	KTEST_EXPECT_EQ(t, blk_rw(ctx.d, REQ_OP_READ, 0, block * BLK_PER_BLOCK,
				  blocks * BLK_PER_BLOCK, r), 0);
	bad = check(r, seed, block, blocks);
	KTEST_EXPECT_EQ(t, bad, -1);
	if (bad < 0)
		pr_info("blkfront-pattern: seed %llu blocks %llu-%llu\n",
			(unsigned long long)SEED(seed), (unsigned long long)block,
			(unsigned long long)(block + blocks - 1));
	free_pages(wbuf, order);
	free_pages(rbuf, order);
}

static void blk_connected_as_backend_says(struct ktest *t)
{
	struct xenbus_device *dev = xenbus_find_device("vbd", 0);
	u64 be, fe;

	if (ack_mode())
		ktest_skip(t, "blk_test.ack: the acknowledged-write case alone");
	KTEST_ASSERT_NOT_NULL(t, dev);
	/* Both ends' states as xenstore holds them. */
	KTEST_ASSERT_EQ(t, xenbus_read_u64(XBT_NIL, dev->otherend, "state", &be), 0);
	KTEST_ASSERT_EQ(t, xenbus_read_u64(XBT_NIL, dev->nodename, "state", &fe), 0);
	KTEST_EXPECT_EQ(t, be, XenbusStateConnected);
	KTEST_EXPECT_EQ(t, fe, XenbusStateConnected);
	KTEST_EXPECT_EQ(t, ctx.d->capacity, ctx.sectors);
	KTEST_EXPECT_EQ(t, dev->otherend_id, 0);
	KTEST_EXPECT_GE(t, ctx.d->queue_depth, 32);
	ktest_info(t, "%s: %llu sectors, depth %u, %u sectors a request, flush %d",
		   ctx.d->name, (unsigned long long)ctx.d->capacity, ctx.d->queue_depth,
		   ctx.d->max_sectors, ctx.d->flush);
}

static void blk_write_read_patterns(struct ktest *t)
{
	if (ack_mode())
		ktest_skip(t, "blk_test.ack: the acknowledged-write case alone");
	/* One page; several pages from mid-page (segments across pages). */
	write_verify(t, 1, 1, 1, 0);
	write_verify(t, 2, 16, 16, 512);
	/* More than a request holds: split, several in flight. */
	write_verify(t, 3, 256, 300, 0);
	/* The last block of the disk. */
	write_verify(t, 4, ctx.sectors / BLK_PER_BLOCK - 1, 1, 0);
}

static void blk_indirect_when_offered(struct ktest *t)
{
	struct xenbus_device *dev = xenbus_find_device("vbd", 0);
	u64 segs;

	if (ack_mode())
		ktest_skip(t, "blk_test.ack: the acknowledged-write case alone");
	KTEST_ASSERT_NOT_NULL(t, dev);
	if (xenbus_read_u64(XBT_NIL, dev->otherend, "feature-max-indirect-segments", &segs) ||
	    segs <= BLKIF_MAX_SEGMENTS_PER_REQUEST)
		ktest_skip(t, "the backend offers no indirect descriptors");
	/* A request of more pages than a ring entry holds goes indirect. */
	KTEST_EXPECT_GT(t, ctx.d->max_sectors, BLKIF_MAX_SEGMENTS_PER_REQUEST * BLK_PER_BLOCK);
	write_verify(t, 5, 1024, ctx.d->max_sectors / BLK_PER_BLOCK, 0);
}

static void blk_queue_depth(struct ktest *t)
{
	struct blk_request *rq;
	char *bufs;
	unsigned int n = 0, i, depth;
	long bad = -1;
	int err = 0;

	if (ack_mode())
		ktest_skip(t, "blk_test.ack: the acknowledged-write case alone");
	depth = ctx.d->queue_depth;
	rq = kzalloc(sizeof(*rq) * (depth + 1));
	bufs = get_free_pages(get_order((size_t)(depth + 1) * PAGE_SIZE));
	KTEST_ASSERT_TRUE(t, rq && bufs);
	/* Every slot at once, each a block of its own. */
	for (i = 0; i <= depth; i++) {
		fill((u64 *)(bufs + i * PAGE_SIZE), 6, 2048 + i, 1);
		rq[i] = (struct blk_request){ .op = REQ_OP_WRITE, .sector = (2048 + i) * BLK_PER_BLOCK,
					      .nr_sectors = BLK_PER_BLOCK, .buf = bufs + i * PAGE_SIZE };
		err = blk_submit(ctx.d, &rq[i]);
		if (err)
			break;
		n++;
	}
	ktest_info(t, "%u requests in flight before %d (depth %u)", n, err, depth);
	/* The backend may answer some meanwhile, never fewer fit. */
	KTEST_EXPECT_GE(t, n, depth);
	for (i = 0; i < n; i++)
		KTEST_EXPECT_EQ(t, blk_wait(ctx.d, &rq[i], 30000), 0);
	memset(bufs, 0, (size_t)n * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, blk_rw(ctx.d, REQ_OP_READ, 0, 2048 * BLK_PER_BLOCK, n * BLK_PER_BLOCK,
				  bufs), 0);
	for (i = 0; i < n && bad < 0; i++)
		bad = check((u64 *)(bufs + i * PAGE_SIZE), 6, 2048 + i, 1);
	KTEST_EXPECT_EQ(t, bad, -1);
	if (bad < 0 && n)
		pr_info("blkfront-pattern: seed %llu blocks 2048-%u\n",
			(unsigned long long)SEED(6), 2048 + n - 1);
	free_pages(bufs, get_order((size_t)(depth + 1) * PAGE_SIZE));
	kfree(rq);
}

static void blk_flush_and_fua(struct ktest *t)
{
	struct xenbus_device *dev = xenbus_find_device("vbd", 0);
	u64 fc = 0, ba = 0;

	if (ack_mode())
		ktest_skip(t, "blk_test.ack: the acknowledged-write case alone");
	KTEST_ASSERT_NOT_NULL(t, dev);
	xenbus_read_u64(XBT_NIL, dev->otherend, "feature-flush-cache", &fc);
	xenbus_read_u64(XBT_NIL, dev->otherend, "feature-barrier", &ba);
	KTEST_EXPECT_EQ(t, ctx.d->flush, fc == 1 || ba == 1);
	if (!ctx.d->flush)
		ktest_skip(t, "the backend offers neither feature-flush-cache nor feature-barrier");
	KTEST_EXPECT_EQ(t, blk_flush(ctx.d), 0);
	/* A FUA write: the data, then the flush it needs. */
	{
		u64 *buf = get_free_pages(0);

		KTEST_ASSERT_NOT_NULL(t, buf);
		fill(buf, 7, 3000, 1);
		KTEST_EXPECT_EQ(t, blk_rw(ctx.d, REQ_OP_WRITE, REQ_FUA, 3000 * BLK_PER_BLOCK,
					  BLK_PER_BLOCK, buf), 0);
		pr_info("blkfront-pattern: seed %llu blocks 3000-3000\n",
			(unsigned long long)SEED(7));
		free_page(buf);
	}
}

static void blk_bad_request_refused(struct ktest *t)
{
	struct blkif_sring *s = xen_blkfront_sring(ctx.d);
	RING_IDX before = s->req_prod;
	u64 *buf = get_zeroed_page();

	if (ack_mode())
		ktest_skip(t, "blk_test.ack: the acknowledged-write case alone");
	KTEST_ASSERT_NOT_NULL(t, buf);
	/* Past the end, and across it: refused here, nothing sent. */
	KTEST_EXPECT_EQ(t, blk_rw(ctx.d, REQ_OP_READ, 0, ctx.d->capacity, 8, buf), -EINVAL);
	KTEST_EXPECT_EQ(t, blk_rw(ctx.d, REQ_OP_READ, 0, ctx.d->capacity - 4, 8, buf), -EINVAL);
	KTEST_EXPECT_EQ(t, blk_rw(ctx.d, REQ_OP_READ, 0, 0, 8, (char *)buf + 1), -EINVAL);
	KTEST_EXPECT_EQ(t, s->req_prod, before);
	free_page(buf);
}

static void blk_acked_writes(struct ktest *t)
{
	unsigned int order = get_order(64 * PAGE_SIZE), i;
	u64 seed = 0xac4ed, *buf;

	if (!ack_mode())
		ktest_skip(t, "only with blk_test.ack=1 (the guest is then destroyed)");
	buf = get_free_pages(order);
	KTEST_ASSERT_NOT_NULL(t, buf);
	/* Eight ranges, each acknowledged after its own flush. */
	for (i = 0; i < 8; i++) {
		u64 block = 4096 + i * 64;

		fill(buf, seed + i, block, 64);
		KTEST_ASSERT_EQ(t, blk_rw(ctx.d, REQ_OP_WRITE, 0, block * BLK_PER_BLOCK,
					  64 * BLK_PER_BLOCK, buf), 0);
		KTEST_ASSERT_EQ(t, blk_flush(ctx.d), 0);
		pr_info("blkfront-acked: seed %llu blocks %llu-%llu\n",
			(unsigned long long)SEED(seed + i), (unsigned long long)block,
			(unsigned long long)(block + 63));
	}
	free_pages(buf, order);
}

#define TP_BLOCK	4608	/* 8 MiB from here: the throughput area */
#define TP_CHUNK	256	/* blocks a buffer (1 MiB) */
#define TP_CHUNKS	8
/*
 * Plugin windows (tools/perf-icount) around the I/O alone, not the
 * pattern's fill and check: scripts/bench-pvdrv.sh's instructions per KiB.
 * Above PVBENCH_BOOT, so not a section's; each runs once a call.
 */
#define TP_WIN_WRITE	43	/* the 1 MiB writes and the flush */
#define TP_WIN_READ	44	/* the 1 MiB reads */
#define TP_WIN_RAND	45	/* the random reads at depth 1, checks included */

static unsigned int mb_per_s(u64 bytes, u64 ns)
{
	return ns ? bytes * 1000 / ns : 0;	/* bytes/ns * 1000 = MB/s */
}

/*
 * Figures, not limits (TCG): sequential 8 MiB written and read in 1 MiB
 * calls (split into requests of max_sectors, the queue kept full), then
 * 4 KiB random reads one at a time and 32 at a time.  The data is
 * checked, and its range printed for dom0 to check as well.
 */
static void blk_throughput(struct ktest *t)
{
	unsigned int order = get_order(TP_CHUNK * PAGE_SIZE), i, n = 512, qd;
	struct blk_request rq[32];
	char *buf, *small;
	u64 t0, wns = 0, rns = 0, x = 12345, ns[2];
	long bad = -1;

	if (ack_mode())
		ktest_skip(t, "blk_test.ack: the acknowledged-write case alone");
	buf = get_free_pages(order);
	small = get_free_pages(get_order(32 * PAGE_SIZE));
	KTEST_ASSERT_TRUE(t, buf && small);
	for (i = 0; i < TP_CHUNKS; i++) {
		u64 block = TP_BLOCK + i * TP_CHUNK;

		fill((u64 *)buf, 9, block, TP_CHUNK);
		t0 = sched_clock();
		PVBENCH_START(TP_WIN_WRITE);
		KTEST_ASSERT_EQ(t, blk_rw(ctx.d, REQ_OP_WRITE, 0, block * BLK_PER_BLOCK,
					  TP_CHUNK * BLK_PER_BLOCK, buf), 0);
		PVBENCH_STOP(TP_WIN_WRITE);
		wns += sched_clock() - t0;
	}
	PVBENCH_START(TP_WIN_WRITE);
	KTEST_ASSERT_EQ(t, blk_flush(ctx.d), 0);
	PVBENCH_STOP(TP_WIN_WRITE);
	for (i = 0; i < TP_CHUNKS; i++) {
		u64 block = TP_BLOCK + i * TP_CHUNK;

		t0 = sched_clock();
		PVBENCH_START(TP_WIN_READ);
		KTEST_ASSERT_EQ(t, blk_rw(ctx.d, REQ_OP_READ, 0, block * BLK_PER_BLOCK,
					  TP_CHUNK * BLK_PER_BLOCK, buf), 0);
		PVBENCH_STOP(TP_WIN_READ);
		rns += sched_clock() - t0;
		if (bad < 0)
			bad = check((u64 *)buf, 9, block, TP_CHUNK);
	}
	KTEST_EXPECT_EQ(t, bad, -1);
	if (bad < 0)
		pr_info("blkfront-pattern: seed %llu blocks %u-%u\n", (unsigned long long)SEED(9), TP_BLOCK,
			TP_BLOCK + TP_CHUNK * TP_CHUNKS - 1);
	/* Random 4 KiB reads inside the area: queue depth 1, then 32. */
	for (qd = 1; qd <= 32; qd += 31) {
		t0 = sched_clock();
		if (qd == 1)
			PVBENCH_START(TP_WIN_RAND);
		for (i = 0; i < n; i += qd) {
			unsigned int j;

			for (j = 0; j < qd; j++) {
				x = x * 6364136223846793005ULL + 1442695040888963407ULL;
				rq[j] = (struct blk_request){
					.op = REQ_OP_READ, .nr_sectors = BLK_PER_BLOCK,
					.sector = (TP_BLOCK + (x >> 33) % (TP_CHUNK * TP_CHUNKS)) *
						  BLK_PER_BLOCK,
					.buf = small + j * PAGE_SIZE };
				KTEST_ASSERT_EQ(t, blk_submit(ctx.d, &rq[j]), 0);
			}
			for (j = 0; j < qd; j++) {
				KTEST_ASSERT_EQ(t, blk_wait(ctx.d, &rq[j], 30000), 0);
				KTEST_EXPECT_EQ(t, check((u64 *)(small + j * PAGE_SIZE), 9,
							 rq[j].sector / BLK_PER_BLOCK, 1), -1);
			}
		}
		if (qd == 1)
			PVBENCH_STOP(TP_WIN_RAND);
		ns[qd > 1] = sched_clock() - t0;
	}
	ktest_info(t, "sequential 8 MiB: write %u MB/s, read %u MB/s; 4 KiB random reads: %llu IOPS at depth 1, %llu at depth 32",
		   mb_per_s(8 << 20, wns), mb_per_s(8 << 20, rns),
		   (unsigned long long)(ns[0] ? n * 1000000000ULL / ns[0] : 0),
		   (unsigned long long)(ns[1] ? n * 1000000000ULL / ns[1] : 0));
	free_pages(buf, order);
	free_pages(small, get_order(32 * PAGE_SIZE));
}

/* The connection closed and made again: the data still there, I/O works. */
static void blk_reconnects(struct ktest *t)
{
	struct xenbus_device *dev = xenbus_find_device("vbd", 0);
	unsigned int before = xen_blkfront_connects(ctx.d);
	u64 *buf = get_free_pages(0), be, ref0_before = 0, ref0_after = 0;

	if (ack_mode())
		ktest_skip(t, "blk_test.ack: the acknowledged-write case alone");
	KTEST_ASSERT_TRUE(t, dev && buf);
	xenbus_read_u64(XBT_NIL, dev->nodename, "ring-ref0", &ref0_before);
	KTEST_ASSERT_EQ(t, xen_blkfront_reconnect(ctx.d, 10000), 0);
	KTEST_EXPECT_EQ(t, xen_blkfront_connects(ctx.d), before + 1);
	KTEST_ASSERT_EQ(t, xenbus_read_u64(XBT_NIL, dev->otherend, "state", &be), 0);
	KTEST_EXPECT_EQ(t, be, XenbusStateConnected);
	xenbus_read_u64(XBT_NIL, dev->nodename, "ring-ref0", &ref0_after);
	ktest_info(t, "ring-ref0 %llu before, %llu after", (unsigned long long)ref0_before,
		   (unsigned long long)ref0_after);
	KTEST_EXPECT_FALSE(t, ctx.d->dead);
	/* What the first connection wrote reads back through the second. */
	KTEST_EXPECT_EQ(t, blk_rw(ctx.d, REQ_OP_READ, 0, BLK_PER_BLOCK, BLK_PER_BLOCK, buf), 0);
	KTEST_EXPECT_EQ(t, check(buf, 1, 1, 1), -1);
	free_pages(buf, 0);
	write_verify(t, 8, 3500, 40, 0);
}

/* Last: a producer index past every request we made. */
static void blk_lying_producer_disables(struct ktest *t)
{
	struct blkif_sring *s = xen_blkfront_sring(ctx.d);
	const char *rule = NULL;
	u64 *buf = get_zeroed_page();

	if (ack_mode())
		ktest_skip(t, "blk_test.ack: the acknowledged-write case alone");
	KTEST_ASSERT_NOT_NULL(t, buf);
	KTEST_ASSERT_FALSE(t, xen_blkfront_broken(ctx.d, NULL));
	/* Nothing in flight: the backend writes nothing now. */
	WRITE_ONCE(s->rsp_prod, s->rsp_prod + 5);
	KTEST_EXPECT_EQ(t, blk_rw(ctx.d, REQ_OP_READ, 0, 0, 8, buf), -EIO);
	KTEST_EXPECT_TRUE(t, xen_blkfront_broken(ctx.d, &rule));
	KTEST_EXPECT_TRUE(t, rule && !strncmp(rule, "producer index", 14));
	KTEST_EXPECT_TRUE(t, ctx.d->dead);
	KTEST_EXPECT_EQ(t, blk_rw(ctx.d, REQ_OP_READ, 0, 0, 8, buf), -EIO);
	/* Only a new connection (a fresh ring) brings it back. */
	KTEST_EXPECT_EQ(t, xen_blkfront_reconnect(ctx.d, 10000), 0);
	KTEST_EXPECT_FALSE(t, xen_blkfront_broken(ctx.d, NULL));
	KTEST_EXPECT_EQ(t, blk_rw(ctx.d, REQ_OP_READ, 0, 16 * BLK_PER_BLOCK, BLK_PER_BLOCK, buf), 0);
	KTEST_EXPECT_EQ(t, check(buf, 2, 16, 1), -1);
	free_page(buf);
}

static const struct ktest_case blk_cases[] = {
	KTEST_CASE(blk_connected_as_backend_says),
	KTEST_CASE(blk_write_read_patterns),
	KTEST_CASE(blk_indirect_when_offered),
	KTEST_CASE(blk_queue_depth),
	KTEST_CASE(blk_flush_and_fua),
	KTEST_CASE(blk_bad_request_refused),
	KTEST_CASE(blk_acked_writes),
	KTEST_CASE(blk_throughput),
	KTEST_CASE(blk_reconnects),
	KTEST_CASE(blk_lying_producer_disables),
	{}
};
KTEST_SUITE_FULL(xen_blkfront, blk_cases, blk_init, NULL);
