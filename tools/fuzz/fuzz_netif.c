// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: xen-netfront's response parser (drivers/net/
 * xen-netfront-rsp.c) against a backend that writes anything.  The
 * input is a script over a tx and an rx ring page (exactly sized heap
 * copies, so a read past a ring is an AddressSanitizer report): the
 * frontend sends tx requests and posts rx buffers into free slots, the
 * backend writes any bytes into response slots and any producer index,
 * and the parser runs on either ring.  Each rx frame it accepts is read
 * whole from an exactly sized page of its own, as the driver copies it.
 *
 * Invariants: nothing outside the pages is touched; rsp_cons moves
 * forward only, by exactly the responses completed, never past what was
 * requested; each completion names a slot that was waiting and is no
 * longer; a tx status is 0, -EIO or -ENOBUFS; an rx frame is 0 with a
 * length of at least 14 that fits its page from its offset, or -EIO /
 * -ENOBUFS with none; a violation completes nothing more, names a rule,
 * and leaves rsp_cons where it was (the frontend then stops, as the
 * disabled interface does).
 */
#include <linux/kernel.h>
#include "fuzz_host.h"
#include "../../drivers/net/xen-netfront-rsp.h"

#define PAGE	4096
#define NR	32

enum { FE_TX, FE_RX, BE_WRITE_TX, BE_WRITE_RX, BE_TX_PROD, BE_RX_PROD, BE_ANSWER_TX,
	BE_ANSWER_RX, PARSE_TX, PARSE_RX, NR_STEPS };

struct script {
	const uint8_t *p, *end;
};

static unsigned int take(struct script *s, unsigned int n)
{
	unsigned int v = 0, i;

	for (i = 0; i < n && s->p < s->end; i++)
		v |= (unsigned int)*s->p++ << (8 * i);
	return v;
}

static bool tx_wait[NR], rx_wait[NR], tx_was[NR], rx_was[NR];
static uint8_t *rx_page[NR];
static unsigned int completions;
static volatile uint8_t sink;

static void tx_done(void *ctx, unsigned int id, int status)
{
	FUZZ_CHECK(id < NR);
	FUZZ_CHECK(tx_was[id] && !tx_wait[id]);
	FUZZ_CHECK(status == 0 || status == -EIO || status == -ENOBUFS);
	tx_was[id] = false;
	completions++;
}

static void rx_done(void *ctx, unsigned int id, unsigned int off, unsigned int len,
		    unsigned int flags, int status)
{
	unsigned int i;

	FUZZ_CHECK(id < NR);
	FUZZ_CHECK(rx_was[id] && !rx_wait[id]);
	FUZZ_CHECK(!(flags & ~NETIF_RX_FLAGS_OK));
	if (status) {
		FUZZ_CHECK(status == -EIO || status == -ENOBUFS);
		FUZZ_CHECK(len == 0);
	} else {
		FUZZ_CHECK(len >= 14 && off + len <= PAGE);
		for (i = 0; i < len; i++)	/* as xen_netfront_recv copies */
			sink ^= rx_page[id][off + i];
	}
	rx_was[id] = false;
	completions++;
}

/* What every parse must keep, on either ring; false: it tripped. */
static bool check(int ret, RING_IDX cons0, RING_IDX cons, RING_IDX req, unsigned int done0,
		  const struct netif_fault *fault)
{
	FUZZ_CHECK(cons - cons0 == completions - done0);
	FUZZ_CHECK(cons - cons0 <= req - cons0);
	if (ret < 0) {
		FUZZ_CHECK(ret == -EPROTO);
		FUZZ_CHECK(fault->rule != NETIF_RULE_NONE);
		FUZZ_CHECK(netif_rule_name(fault->rule)[0] != '?');
		FUZZ_CHECK(fault->cons == cons);
		return false;
	}
	FUZZ_CHECK(ret == (int)(completions - done0));
	FUZZ_CHECK(fault->rule == NETIF_RULE_NONE);
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct script s = { data, data + size };
	struct netif_tx_sring *ts = malloc(PAGE);
	struct netif_rx_sring *rs = malloc(PAGE);
	struct netif_tx_front_ring tx;
	struct netif_rx_front_ring rx;
	struct netif_fault fault;
	RING_IDX start;
	int steps = 0;
	unsigned int i;

	memset(tx_wait, 0, sizeof(tx_wait));
	memset(rx_wait, 0, sizeof(rx_wait));
	memset(tx_was, 0, sizeof(tx_was));
	memset(rx_was, 0, sizeof(rx_was));
	for (i = 0; i < NR; i++)
		rx_page[i] = malloc(PAGE);
	completions = 0;
	SHARED_RING_INIT(ts);
	FRONT_RING_INIT(&tx, ts, PAGE);
	SHARED_RING_INIT(rs);
	FRONT_RING_INIT(&rx, rs, PAGE);
	/* Where the rings start (indices wrap at 2^32). */
	start = take(&s, 4);
	tx.req_prod_pvt = tx.rsp_cons = ts->req_prod = ts->rsp_prod = start;
	rx.req_prod_pvt = rx.rsp_cons = rs->req_prod = rs->rsp_prod = start ^ 0x80000000;

	while (s.p < s.end && steps++ < 512) {
		unsigned int op = take(&s, 1) % NR_STEPS, id, done0;
		struct netif_tx_response *tr;
		struct netif_rx_response *rr;
		RING_IDX cons;
		int ret;

		switch (op) {
		case FE_TX:
			id = take(&s, 1) % NR;
			if (tx_wait[id] || RING_FULL(&tx))
				break;
			tx_wait[id] = tx_was[id] = true;
			RING_GET_REQUEST(&tx, tx.req_prod_pvt)->id = id;
			tx.req_prod_pvt++;
			break;
		case FE_RX:
			id = take(&s, 1) % NR;
			if (rx_wait[id] || RING_FULL(&rx))
				break;
			rx_wait[id] = rx_was[id] = true;
			RING_GET_REQUEST(&rx, rx.req_prod_pvt)->id = id;
			rx.req_prod_pvt++;
			break;
		case BE_WRITE_TX:
			tr = RING_GET_RESPONSE(&tx, take(&s, 2));
			for (i = 0; i < sizeof(*tr); i++)
				((uint8_t *)tr)[i] = take(&s, 1);
			break;
		case BE_WRITE_RX:
			rr = RING_GET_RESPONSE(&rx, take(&s, 2));
			for (i = 0; i < sizeof(*rr); i++)
				((uint8_t *)rr)[i] = take(&s, 1);
			break;
		case BE_TX_PROD:
			ts->rsp_prod = take(&s, 4);
			break;
		case BE_RX_PROD:
			rs->rsp_prod = take(&s, 4);
			break;
		case BE_ANSWER_TX:
			/* A well-formed answer at the producer, for depth. */
			tr = RING_GET_RESPONSE(&tx, ts->rsp_prod);
			tr->id = take(&s, 1) % NR;
			tr->status = (int)(take(&s, 1) % 4) - 2;
			ts->rsp_prod++;
			break;
		case BE_ANSWER_RX:
			rr = RING_GET_RESPONSE(&rx, rs->rsp_prod);
			rr->id = take(&s, 1) % NR;
			rr->offset = take(&s, 2) % PAGE;
			/* Every flag netif.h defines, allowed or not. */
			rr->flags = take(&s, 1) & 0x1f;
			/* DROPPED, ERROR, or a length up to the page. */
			rr->status = (int)(take(&s, 2) % (PAGE + 3)) - 2;
			rs->rsp_prod++;
			break;
		case PARSE_TX:
			cons = tx.rsp_cons;
			done0 = completions;
			ret = netif_take_tx(&tx, tx_wait, NR, tx_done, NULL, &fault);
			if (!check(ret, cons, tx.rsp_cons, tx.req_prod_pvt, done0, &fault))
				goto out;	/* the interface is disabled */
			break;
		case PARSE_RX:
			cons = rx.rsp_cons;
			done0 = completions;
			ret = netif_take_rx(&rx, rx_wait, NR, rx_done, NULL, &fault);
			if (!check(ret, cons, rx.rsp_cons, rx.req_prod_pvt, done0, &fault))
				goto out;
			break;
		}
	}
out:
	for (i = 0; i < NR; i++)
		free(rx_page[i]);
	free(ts);
	free(rs);
	return 0;
}
