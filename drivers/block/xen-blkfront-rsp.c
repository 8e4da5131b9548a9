// SPDX-License-Identifier: GPL-2.0
/*
 * xen-blkfront's response parser: the checks of xen-blkfront-rsp.h on
 * each response the backend writes, before any of it is believed.  No
 * state of its own; the ring and the pending slots are the caller's, and
 * the caller holds them still (events masked) while this runs.
 *
 * Invariants: ring->rsp_cons only moves forward, one good response at a
 * time, and never past the producer index read at the start (a single
 * READ_ONCE: the backend changing it meanwhile changes nothing here);
 * each response slot is read once, by RING_COPY_RESPONSE into a local,
 * and only that copy is looked at; the ring index is always masked
 * (RING_GET_RESPONSE), so nothing outside the ring is read.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include "xen-blkfront-rsp.h"

static const char *const rule_names[] = {
	[BLKIF_RULE_NONE] = "none",
	[BLKIF_RULE_PROD] = "producer index past our requests or backwards",
	[BLKIF_RULE_ID] = "response id out of range",
	[BLKIF_RULE_NOT_WAITING] = "response for no outstanding request (unknown or duplicate id)",
	[BLKIF_RULE_OP] = "response operation is not the request's",
	[BLKIF_RULE_STATUS] = "response status out of range",
};

const char *blkif_rule_name(enum blkif_rule rule)
{
	return (unsigned int)rule < ARRAY_SIZE(rule_names) ? rule_names[rule] : "?";
}

static int trip(struct blkif_fault *f, enum blkif_rule rule, const struct blkif_front_ring *ring,
		RING_IDX prod)
{
	f->rule = rule;
	f->prod = prod;
	f->cons = ring->rsp_cons;
	f->req_prod = ring->req_prod_pvt;
	return -EPROTO;
}

int blkif_take_responses(struct blkif_front_ring *ring, struct blkif_pending *pend,
			 unsigned int nr, blkif_done_t done, void *ctx,
			 struct blkif_fault *fault)
{
	struct blkif_response rsp;
	RING_IDX prod;
	int taken = 0, status;

	*fault = (struct blkif_fault){ .rule = BLKIF_RULE_NONE };
again:
	prod = READ_ONCE(ring->sring->rsp_prod);
	virt_rmb();	/* the responses no older than the index */
	/*
	 * Unsigned distances: a producer behind rsp_cons looks huge, so
	 * one comparison catches it and one beyond what we sent.
	 */
	if (prod - ring->rsp_cons > ring->req_prod_pvt - ring->rsp_cons)
		return trip(fault, BLKIF_RULE_PROD, ring, prod);
	while (ring->rsp_cons != prod) {
		RING_COPY_RESPONSE(ring, ring->rsp_cons, &rsp);
		fault->id = rsp.id;
		fault->operation = rsp.operation;
		fault->status = rsp.status;
		if (rsp.id >= nr)
			return trip(fault, BLKIF_RULE_ID, ring, prod);
		if (!pend[rsp.id].waiting)
			return trip(fault, BLKIF_RULE_NOT_WAITING, ring, prod);
		fault->expected = pend[rsp.id].operation;
		if (rsp.operation != pend[rsp.id].operation)
			return trip(fault, BLKIF_RULE_OP, ring, prod);
		switch (rsp.status) {
		case BLKIF_RSP_OKAY:
			status = 0;
			break;
		case BLKIF_RSP_ERROR:
			status = -EIO;
			break;
		case BLKIF_RSP_EOPNOTSUPP:
			status = -EOPNOTSUPP;
			break;
		default:
			return trip(fault, BLKIF_RULE_STATUS, ring, prod);
		}
		pend[rsp.id].waiting = false;
		ring->rsp_cons++;
		taken++;
		done(ctx, rsp.id, status);
	}
	/* Ask for an event at the next response, then look once more. */
	if (ring->rsp_cons != ring->req_prod_pvt) {
		int more;

		RING_FINAL_CHECK_FOR_RESPONSES(ring, more);
		if (more)
			goto again;
	} else {
		ring->sring->rsp_event = ring->rsp_cons + 1;
	}
	*fault = (struct blkif_fault){ .rule = BLKIF_RULE_NONE };
	return taken;
}
