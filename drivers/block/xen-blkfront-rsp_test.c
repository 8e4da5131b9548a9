// SPDX-License-Identifier: GPL-2.0
/*
 * xen_blkif_rsp: the response parser (xen-blkfront-rsp.c) against a
 * backend that lies, on a ring in local memory where this test writes
 * the backend's side by hand.  Each class of bad response (unknown id,
 * a second answer to one request, the wrong operation, a producer past
 * the requests or going backwards, a status the protocol lacks) must
 * stop the parser at that response, name its rule, leave rsp_cons there
 * and complete nothing more; good responses before it are taken.  The
 * expected outcomes are the protocol's (blkif.h), written out here.
 * Runs anywhere: no Xen needed.
 */
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "xen-blkfront-rsp.h"

#define NR	8

struct fake {
	struct blkif_sring *s;
	struct blkif_front_ring ring;
	struct blkif_pending pend[NR];
	unsigned int done_ids[NR * 2], nr_done;
	int status[NR * 2];
	struct blkif_fault fault;
};
static struct fake f;

static void done(void *ctx, unsigned int id, int status)
{
	struct fake *p = ctx;

	if (p->nr_done < ARRAY_SIZE(p->done_ids)) {
		p->done_ids[p->nr_done] = id;
		p->status[p->nr_done] = status;
	}
	p->nr_done++;
}

static int rsp_init(struct ktest *t)
{
	unsigned int i;

	memset(&f, 0, sizeof(f));
	f.s = get_zeroed_page();
	KTEST_ASSERT_NOT_NULL(t, f.s);
	SHARED_RING_INIT(f.s);
	FRONT_RING_INIT(&f.ring, f.s, PAGE_SIZE);
	/* Four requests out: ids 0..3, a read, a write, a flush, an indirect read. */
	for (i = 0; i < 4; i++) {
		f.pend[i].waiting = true;
		f.ring.req_prod_pvt++;
	}
	f.pend[0].operation = BLKIF_OP_READ;
	f.pend[1].operation = BLKIF_OP_WRITE;
	f.pend[2].operation = BLKIF_OP_FLUSH_DISKCACHE;
	f.pend[3].operation = BLKIF_OP_READ;
	t->priv = &f;
	return 0;
}

static void rsp_exit(struct ktest *t)
{
	free_page(f.s);
}

/* The backend answers: slot @idx of the ring, then the producer. */
static void answer(unsigned int idx, u64 id, u8 op, s16 status)
{
	struct blkif_response *r = RING_GET_RESPONSE(&f.ring, idx);

	r->id = id;
	r->operation = op;
	r->status = status;
}

static int take(void)
{
	return blkif_take_responses(&f.ring, f.pend, NR, done, &f, &f.fault);
}

static void rsp_good_ones_taken(struct ktest *t)
{
	answer(0, 1, BLKIF_OP_WRITE, BLKIF_RSP_OKAY);
	answer(1, 0, BLKIF_OP_READ, BLKIF_RSP_ERROR);
	answer(2, 2, BLKIF_OP_FLUSH_DISKCACHE, BLKIF_RSP_EOPNOTSUPP);
	f.s->rsp_prod = 3;
	KTEST_EXPECT_EQ(t, take(), 3);
	KTEST_EXPECT_EQ(t, f.nr_done, 3);
	KTEST_EXPECT_EQ(t, f.done_ids[0], 1);
	KTEST_EXPECT_EQ(t, f.status[0], 0);
	KTEST_EXPECT_EQ(t, f.status[1], -EIO);
	KTEST_EXPECT_EQ(t, f.status[2], -EOPNOTSUPP);
	KTEST_EXPECT_EQ(t, f.ring.rsp_cons, 3);
	KTEST_EXPECT_FALSE(t, f.pend[1].waiting);
	KTEST_EXPECT_TRUE(t, f.pend[3].waiting);
	/* One left out: an event is asked for at the next response. */
	KTEST_EXPECT_EQ(t, f.s->rsp_event, 4);
}

/* A bad response at slot 1 after a good one at slot 0. */
static void expect_trip(struct ktest *t, enum blkif_rule rule)
{
	KTEST_EXPECT_EQ(t, take(), -EPROTO);
	KTEST_EXPECT_EQ(t, f.fault.rule, rule);
	KTEST_EXPECT_EQ(t, f.nr_done, 1);
	KTEST_EXPECT_EQ(t, f.ring.rsp_cons, 1);
	/* And again: it stays stuck there, completing nothing more. */
	KTEST_EXPECT_EQ(t, take(), -EPROTO);
	KTEST_EXPECT_EQ(t, f.nr_done, 1);
}

static void rsp_unknown_id(struct ktest *t)
{
	answer(0, 0, BLKIF_OP_READ, 0);
	answer(1, NR, BLKIF_OP_READ, 0);
	f.s->rsp_prod = 2;
	expect_trip(t, BLKIF_RULE_ID);
	KTEST_EXPECT_EQ(t, f.fault.id, NR);
}

static void rsp_huge_id(struct ktest *t)
{
	answer(0, 0, BLKIF_OP_READ, 0);
	answer(1, 1ULL << 63, BLKIF_OP_WRITE, 0);
	f.s->rsp_prod = 2;
	expect_trip(t, BLKIF_RULE_ID);
}

static void rsp_idle_id(struct ktest *t)
{
	answer(0, 0, BLKIF_OP_READ, 0);
	answer(1, 5, BLKIF_OP_READ, 0);		/* in range, never sent */
	f.s->rsp_prod = 2;
	expect_trip(t, BLKIF_RULE_NOT_WAITING);
}

static void rsp_duplicate_id(struct ktest *t)
{
	answer(0, 0, BLKIF_OP_READ, 0);
	answer(1, 0, BLKIF_OP_READ, 0);
	f.s->rsp_prod = 2;
	expect_trip(t, BLKIF_RULE_NOT_WAITING);
}

static void rsp_wrong_operation(struct ktest *t)
{
	answer(0, 0, BLKIF_OP_READ, 0);
	answer(1, 1, BLKIF_OP_READ, 0);		/* 1 was a write */
	f.s->rsp_prod = 2;
	expect_trip(t, BLKIF_RULE_OP);
	KTEST_EXPECT_EQ(t, f.fault.expected, BLKIF_OP_WRITE);
	/* An indirect request is answered with its indirect_op, not INDIRECT. */
	rsp_exit(t);
	rsp_init(t);
	answer(0, 0, BLKIF_OP_READ, 0);
	answer(1, 3, BLKIF_OP_INDIRECT, 0);
	f.s->rsp_prod = 2;
	expect_trip(t, BLKIF_RULE_OP);
}

static void rsp_status_out_of_range(struct ktest *t)
{
	answer(0, 0, BLKIF_OP_READ, 0);
	answer(1, 1, BLKIF_OP_WRITE, 1);
	f.s->rsp_prod = 2;
	expect_trip(t, BLKIF_RULE_STATUS);
	KTEST_EXPECT_EQ(t, f.fault.status, 1);
	KTEST_EXPECT_TRUE(t, f.pend[1].waiting);
}

static void rsp_producer_jump(struct ktest *t)
{
	/* Past the 4 requests (and past the whole ring): nothing read. */
	f.s->rsp_prod = 5;
	KTEST_EXPECT_EQ(t, take(), -EPROTO);
	KTEST_EXPECT_EQ(t, f.fault.rule, BLKIF_RULE_PROD);
	f.s->rsp_prod = 0x10000;
	KTEST_EXPECT_EQ(t, take(), -EPROTO);
	KTEST_EXPECT_EQ(t, f.nr_done, 0);
	KTEST_EXPECT_EQ(t, f.ring.rsp_cons, 0);
}

static void rsp_producer_backwards(struct ktest *t)
{
	answer(0, 0, BLKIF_OP_READ, 0);
	answer(1, 1, BLKIF_OP_WRITE, 0);
	f.s->rsp_prod = 2;
	KTEST_EXPECT_EQ(t, take(), 2);
	f.s->rsp_prod = 1;
	KTEST_EXPECT_EQ(t, take(), -EPROTO);
	KTEST_EXPECT_EQ(t, f.fault.rule, BLKIF_RULE_PROD);
	KTEST_EXPECT_EQ(t, f.ring.rsp_cons, 2);
	KTEST_EXPECT_EQ(t, f.nr_done, 2);
}

static const struct ktest_case rsp_cases[] = {
	KTEST_CASE(rsp_good_ones_taken),
	KTEST_CASE(rsp_unknown_id),
	KTEST_CASE(rsp_huge_id),
	KTEST_CASE(rsp_idle_id),
	KTEST_CASE(rsp_duplicate_id),
	KTEST_CASE(rsp_wrong_operation),
	KTEST_CASE(rsp_status_out_of_range),
	KTEST_CASE(rsp_producer_jump),
	KTEST_CASE(rsp_producer_backwards),
	{}
};
KTEST_SUITE_FULL(xen_blkif_rsp, rsp_cases, rsp_init, rsp_exit);
