// SPDX-License-Identifier: GPL-2.0
/*
 * xen_netif_rsp: the netif response parser (xen-netfront-rsp.c) against
 * a backend that lies, on rings in local memory where this test writes
 * the backend's side by hand.  Each class of bad response (unknown id, a
 * second answer to one request, a tx status the protocol lacks, an rx
 * frame past its page or shorter than an Ethernet header, rx flags not
 * negotiated, a producer past the requests or going backwards) must
 * stop the parser at that response, name its rule, leave rsp_cons there
 * and complete nothing more; good responses before it are taken.  The
 * expected outcomes are the protocol's (netif.h: tx status 0 OKAY, -1
 * ERROR, -2 DROPPED, 1 NULL; rx status a length or -1/-2; flag bits 2
 * more_data, 3 extra_info, 4 gso_prefix), written out here as numbers.
 * Runs anywhere: no Xen needed.
 */
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "xen-netfront-rsp.h"

#define NR	8

struct fake {
	struct netif_tx_sring *ts;
	struct netif_rx_sring *rs;
	struct netif_tx_front_ring tx;
	struct netif_rx_front_ring rx;
	bool tx_wait[NR], rx_wait[NR];
	unsigned int ids[NR * 2], off[NR * 2], len[NR * 2], nr_done;
	int status[NR * 2];
	struct netif_fault fault;
};
static struct fake f;

static void record(unsigned int id, unsigned int off, unsigned int len, int status)
{
	if (f.nr_done < ARRAY_SIZE(f.ids)) {
		f.ids[f.nr_done] = id;
		f.off[f.nr_done] = off;
		f.len[f.nr_done] = len;
		f.status[f.nr_done] = status;
	}
	f.nr_done++;
}

static void tx_done(void *ctx, unsigned int id, int status)
{
	record(id, 0, 0, status);
}

static void rx_done(void *ctx, unsigned int id, unsigned int off, unsigned int len,
		    unsigned int flags, int status)
{
	record(id, off, len, status);
}

/* Both rings starting at @start (indices wrap at 2^32), four requests out. */
static void rings_at(RING_IDX start)
{
	unsigned int i;

	SHARED_RING_INIT(f.ts);
	FRONT_RING_INIT(&f.tx, f.ts, PAGE_SIZE);
	SHARED_RING_INIT(f.rs);
	FRONT_RING_INIT(&f.rx, f.rs, PAGE_SIZE);
	f.tx.req_prod_pvt = f.tx.rsp_cons = f.ts->req_prod = f.ts->rsp_prod = start;
	f.rx.req_prod_pvt = f.rx.rsp_cons = f.rs->req_prod = f.rs->rsp_prod = start;
	memset(f.tx_wait, 0, sizeof(f.tx_wait));
	memset(f.rx_wait, 0, sizeof(f.rx_wait));
	for (i = 0; i < 4; i++) {
		f.tx_wait[i] = f.rx_wait[i] = true;
		f.tx.req_prod_pvt++;
		f.rx.req_prod_pvt++;
	}
	f.nr_done = 0;
}

static int rsp_init(struct ktest *t)
{
	memset(&f, 0, sizeof(f));
	f.ts = get_zeroed_page();
	f.rs = get_zeroed_page();
	KTEST_ASSERT_TRUE(t, f.ts && f.rs);
	rings_at(0);
	return 0;
}

static void rsp_exit(struct ktest *t)
{
	free_page(f.ts);
	free_page(f.rs);
}

static void tx_answer(RING_IDX idx, u16 id, s16 status)
{
	struct netif_tx_response *r = RING_GET_RESPONSE(&f.tx, idx);

	r->id = id;
	r->status = status;
}

static void rx_answer(RING_IDX idx, u16 id, u16 off, u16 flags, s16 status)
{
	struct netif_rx_response *r = RING_GET_RESPONSE(&f.rx, idx);

	r->id = id;
	r->offset = off;
	r->flags = flags;
	r->status = status;
}

static int take_tx(void)
{
	return netif_take_tx(&f.tx, f.tx_wait, NR, tx_done, &f, &f.fault);
}

static int take_rx(void)
{
	return netif_take_rx(&f.rx, f.rx_wait, NR, rx_done, &f, &f.fault);
}

static void netif_tx_good_ones_taken(struct ktest *t)
{
	tx_answer(0, 2, 0);
	tx_answer(1, 0, -1);
	tx_answer(2, 3, -2);
	f.ts->rsp_prod = 3;
	KTEST_EXPECT_EQ(t, take_tx(), 3);
	KTEST_EXPECT_EQ(t, f.nr_done, 3);
	KTEST_EXPECT_EQ(t, f.ids[0], 2);
	KTEST_EXPECT_EQ(t, f.status[0], 0);
	KTEST_EXPECT_EQ(t, f.ids[1], 0);
	KTEST_EXPECT_EQ(t, f.status[1], -EIO);
	KTEST_EXPECT_EQ(t, f.status[2], -ENOBUFS);
	KTEST_EXPECT_EQ(t, f.tx.rsp_cons, 3);
	KTEST_EXPECT_FALSE(t, f.tx_wait[2]);
	KTEST_EXPECT_TRUE(t, f.tx_wait[1]);
	/* One left out: an event is asked for at the next response. */
	KTEST_EXPECT_EQ(t, f.ts->rsp_event, 4);
}

/* A bad tx response at slot 1 after a good one at slot 0. */
static void expect_tx_trip(struct ktest *t, enum netif_rule rule)
{
	KTEST_EXPECT_EQ(t, take_tx(), -EPROTO);
	KTEST_EXPECT_EQ(t, f.fault.rule, rule);
	KTEST_EXPECT_EQ(t, f.nr_done, 1);
	KTEST_EXPECT_EQ(t, f.tx.rsp_cons, 1);
	KTEST_EXPECT_EQ(t, f.fault.cons, 1);
	KTEST_EXPECT_TRUE(t, f.fault.ring && !strcmp(f.fault.ring, "tx"));
	/* And again: it stays stuck there, completing nothing more. */
	KTEST_EXPECT_EQ(t, take_tx(), -EPROTO);
	KTEST_EXPECT_EQ(t, f.nr_done, 1);
}

static void netif_tx_unknown_id(struct ktest *t)
{
	tx_answer(0, 0, 0);
	tx_answer(1, NR, 0);
	f.ts->rsp_prod = 2;
	expect_tx_trip(t, NETIF_RULE_ID);
	KTEST_EXPECT_EQ(t, f.fault.id, 8);
}

static void netif_tx_duplicate(struct ktest *t)
{
	tx_answer(0, 1, 0);
	tx_answer(1, 1, 0);
	f.ts->rsp_prod = 2;
	expect_tx_trip(t, NETIF_RULE_NOT_WAITING);
}

static void netif_tx_never_sent(struct ktest *t)
{
	tx_answer(0, 1, 0);
	tx_answer(1, 6, 0);	/* < NR, but no request went out on it */
	f.ts->rsp_prod = 2;
	expect_tx_trip(t, NETIF_RULE_NOT_WAITING);
}

static void netif_tx_bad_status(struct ktest *t)
{
	static const s16 bad[] = { 1 /* NULL: no extra slot was sent */, 2, -3, 0x7fff, -32768 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		rings_at(0);
		tx_answer(0, 0, 0);
		tx_answer(1, 1, bad[i]);
		f.ts->rsp_prod = 2;
		expect_tx_trip(t, NETIF_RULE_TX_STATUS);
		KTEST_EXPECT_EQ(t, f.fault.status, bad[i]);
	}
}

static void netif_tx_producer_past_requests(struct ktest *t)
{
	tx_answer(0, 0, 0);
	f.ts->rsp_prod = 5;	/* four requests out */
	KTEST_EXPECT_EQ(t, take_tx(), -EPROTO);
	KTEST_EXPECT_EQ(t, f.fault.rule, NETIF_RULE_PROD);
	KTEST_EXPECT_EQ(t, f.nr_done, 0);
	KTEST_EXPECT_EQ(t, f.tx.rsp_cons, 0);
	/* A whole ring ahead: the index itself, masked, would look fine. */
	f.ts->rsp_prod = 256 + 1;
	KTEST_EXPECT_EQ(t, take_tx(), -EPROTO);
	KTEST_EXPECT_EQ(t, f.nr_done, 0);
}

static void netif_tx_producer_backwards(struct ktest *t)
{
	tx_answer(0, 0, 0);
	tx_answer(1, 1, 0);
	f.ts->rsp_prod = 2;
	KTEST_EXPECT_EQ(t, take_tx(), 2);
	f.ts->rsp_prod = 1;
	KTEST_EXPECT_EQ(t, take_tx(), -EPROTO);
	KTEST_EXPECT_EQ(t, f.fault.rule, NETIF_RULE_PROD);
	KTEST_EXPECT_EQ(t, f.fault.prod, 1);
	KTEST_EXPECT_EQ(t, f.tx.rsp_cons, 2);
	KTEST_EXPECT_EQ(t, f.nr_done, 2);
}

static void netif_tx_wraps(struct ktest *t)
{
	/* Requests 0xfffffffe..0x1: the index wraps, the distances do not. */
	rings_at(0xfffffffe);
	tx_answer(0xfffffffe, 0, 0);
	tx_answer(0xffffffff, 1, 0);
	tx_answer(0, 2, 0);
	f.ts->rsp_prod = 1;
	KTEST_EXPECT_EQ(t, take_tx(), 3);
	KTEST_EXPECT_EQ(t, f.tx.rsp_cons, 1);
	f.ts->rsp_prod = 3;	/* one more than the fourth request */
	KTEST_EXPECT_EQ(t, take_tx(), -EPROTO);
	KTEST_EXPECT_EQ(t, f.fault.rule, NETIF_RULE_PROD);
}

static void netif_rx_good_ones_taken(struct ktest *t)
{
	rx_answer(0, 3, 0, 0, 60);
	rx_answer(1, 1, 4096 - 14, 1 /* data_validated */, 14);	/* ends at the page's end */
	rx_answer(2, 0, 0, 0, -1);
	rx_answer(3, 2, 2, 0, 1514);
	f.rs->rsp_prod = 4;
	KTEST_EXPECT_EQ(t, take_rx(), 4);
	KTEST_EXPECT_EQ(t, f.nr_done, 4);
	KTEST_EXPECT_EQ(t, f.ids[0], 3);
	KTEST_EXPECT_EQ(t, f.len[0], 60);
	KTEST_EXPECT_EQ(t, f.status[0], 0);
	KTEST_EXPECT_EQ(t, f.off[1], 4082);
	KTEST_EXPECT_EQ(t, f.len[1], 14);
	KTEST_EXPECT_EQ(t, f.status[2], -EIO);
	KTEST_EXPECT_EQ(t, f.len[2], 0);
	KTEST_EXPECT_EQ(t, f.off[3], 2);
	KTEST_EXPECT_EQ(t, f.len[3], 1514);
	KTEST_EXPECT_EQ(t, f.rx.rsp_cons, 4);
	KTEST_EXPECT_FALSE(t, f.rx_wait[0] || f.rx_wait[1] || f.rx_wait[2] || f.rx_wait[3]);
	KTEST_EXPECT_EQ(t, f.rs->rsp_event, 5);
}

static void expect_rx_trip(struct ktest *t, enum netif_rule rule)
{
	KTEST_EXPECT_EQ(t, take_rx(), -EPROTO);
	KTEST_EXPECT_EQ(t, f.fault.rule, rule);
	KTEST_EXPECT_EQ(t, f.nr_done, 1);
	KTEST_EXPECT_EQ(t, f.rx.rsp_cons, 1);
	KTEST_EXPECT_TRUE(t, f.fault.ring && !strcmp(f.fault.ring, "rx"));
	KTEST_EXPECT_EQ(t, take_rx(), -EPROTO);
	KTEST_EXPECT_EQ(t, f.nr_done, 1);
}

/* One bad rx response after a good one, on fresh rings. */
static void rx_case(struct ktest *t, u16 id, u16 off, u16 flags, s16 status, enum netif_rule rule)
{
	rings_at(0);
	rx_answer(0, 0, 0, 0, 42);
	rx_answer(1, id, off, flags, status);
	f.rs->rsp_prod = 2;
	expect_rx_trip(t, rule);
}

static void netif_rx_past_the_page(struct ktest *t)
{
	rx_case(t, 1, 100, 0, 3997, NETIF_RULE_RX_BOUNDS);	/* ends at 4097 */
	KTEST_EXPECT_EQ(t, f.fault.offset, 100);
	KTEST_EXPECT_EQ(t, f.fault.status, 3997);
	rx_case(t, 1, 0, 0, 4097, NETIF_RULE_RX_BOUNDS);
	rx_case(t, 1, 0xffff, 0, 14, NETIF_RULE_RX_BOUNDS);
	rx_case(t, 1, 4096, 0, 0x7fff, NETIF_RULE_RX_BOUNDS);
}

static void netif_rx_bad_status(struct ktest *t)
{
	rx_case(t, 1, 0, 0, 0, NETIF_RULE_RX_STATUS);		/* empty */
	rx_case(t, 1, 0, 0, 13, NETIF_RULE_RX_STATUS);		/* shorter than a header */
	rx_case(t, 1, 0, 0, -3, NETIF_RULE_RX_STATUS);
	rx_case(t, 1, 0, 0, -32768, NETIF_RULE_RX_STATUS);
}

static void netif_rx_flags_not_negotiated(struct ktest *t)
{
	rx_case(t, 1, 0, 1 << 2, 60, NETIF_RULE_RX_FLAGS);	/* more_data: no sg */
	rx_case(t, 1, 0, 1 << 3, 60, NETIF_RULE_RX_FLAGS);	/* extra_info: no gso */
	rx_case(t, 1, 0, 1 << 4, 60, NETIF_RULE_RX_FLAGS);	/* gso_prefix */
	rx_case(t, 1, 0, 0x8000, 60, NETIF_RULE_RX_FLAGS);
	KTEST_EXPECT_EQ(t, f.fault.flags, 0x8000);
}

static void netif_rx_bad_ids(struct ktest *t)
{
	rx_case(t, NR, 0, 0, 60, NETIF_RULE_ID);
	rx_case(t, 0xffff, 0, 0, 60, NETIF_RULE_ID);
	rx_case(t, 0, 0, 0, 60, NETIF_RULE_NOT_WAITING);	/* slot 0 answered already */
	rx_case(t, 5, 0, 0, 60, NETIF_RULE_NOT_WAITING);
}

static void netif_rx_producer_jumps(struct ktest *t)
{
	/* More than the ring's size ahead: never read, whatever it holds. */
	f.rs->rsp_prod = 300;
	KTEST_EXPECT_EQ(t, take_rx(), -EPROTO);
	KTEST_EXPECT_EQ(t, f.fault.rule, NETIF_RULE_PROD);
	KTEST_EXPECT_EQ(t, f.fault.prod, 300);
	KTEST_EXPECT_EQ(t, f.fault.req_prod, 4);
	KTEST_EXPECT_EQ(t, f.nr_done, 0);
	KTEST_EXPECT_EQ(t, f.rx.rsp_cons, 0);
	f.rs->rsp_prod = 0xffffffff;	/* behind */
	KTEST_EXPECT_EQ(t, take_rx(), -EPROTO);
	KTEST_EXPECT_EQ(t, f.nr_done, 0);
}

static void netif_rule_names(struct ktest *t)
{
	KTEST_EXPECT_STREQ(t, netif_rule_name(NETIF_RULE_RX_BOUNDS),
			   "rx response offset + length past the granted page");
	KTEST_EXPECT_STREQ(t, netif_rule_name(99), "?");
}

static const struct ktest_case netif_rsp_cases[] = {
	KTEST_CASE(netif_tx_good_ones_taken),
	KTEST_CASE(netif_tx_unknown_id),
	KTEST_CASE(netif_tx_duplicate),
	KTEST_CASE(netif_tx_never_sent),
	KTEST_CASE(netif_tx_bad_status),
	KTEST_CASE(netif_tx_producer_past_requests),
	KTEST_CASE(netif_tx_producer_backwards),
	KTEST_CASE(netif_tx_wraps),
	KTEST_CASE(netif_rx_good_ones_taken),
	KTEST_CASE(netif_rx_past_the_page),
	KTEST_CASE(netif_rx_bad_status),
	KTEST_CASE(netif_rx_flags_not_negotiated),
	KTEST_CASE(netif_rx_bad_ids),
	KTEST_CASE(netif_rx_producer_jumps),
	KTEST_CASE(netif_rule_names),
	{}
};
KTEST_SUITE_FULL(xen_netif_rsp, netif_rsp_cases, rsp_init, rsp_exit);
