// SPDX-License-Identifier: GPL-2.0
/*
 * xen-netfront's response parser: the checks of xen-netfront-rsp.h on
 * each response the backend writes on the tx and rx rings, before any of
 * it is believed.  No state of its own; the rings and the waiting flags
 * are the caller's, and the caller holds them still (its lock, events
 * masked) while this runs.
 *
 * Invariants: rsp_cons only moves forward, one good response at a time,
 * and never past the producer index read at the start of a pass (one
 * READ_ONCE: the backend changing it meanwhile changes nothing here);
 * each response slot is read once, by RING_COPY_RESPONSE into a local,
 * and only that copy is looked at; the ring index is always masked
 * (RING_GET_RESPONSE), so nothing outside the ring is read.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include "xen-netfront-rsp.h"

static const char *const rule_names[] = {
	[NETIF_RULE_NONE] = "none",
	[NETIF_RULE_PROD] = "producer index past our requests or backwards",
	[NETIF_RULE_ID] = "response id out of range",
	[NETIF_RULE_NOT_WAITING] = "response for no outstanding request (unknown or duplicate id)",
	[NETIF_RULE_TX_STATUS] = "tx response status out of range",
	[NETIF_RULE_RX_STATUS] = "rx response status neither an error nor a frame length",
	[NETIF_RULE_RX_BOUNDS] = "rx response offset + length past the granted page",
	[NETIF_RULE_RX_FLAGS] = "rx response flags not negotiated",
	[NETIF_RULE_GRANT_BUSY] = "backend still holds the grant of a request it answered",
};

const char *netif_rule_name(enum netif_rule rule)
{
	return (unsigned int)rule < ARRAY_SIZE(rule_names) ? rule_names[rule] : "?";
}

static int trip(struct netif_fault *f, enum netif_rule rule, RING_IDX prod, RING_IDX cons,
		RING_IDX req_prod)
{
	f->rule = rule;
	f->prod = prod;
	f->cons = cons;
	f->req_prod = req_prod;
	return -EPROTO;
}

/*
 * Unsigned distances: a producer behind rsp_cons looks huge, so one
 * comparison catches it and one beyond what we sent.
 */
static bool prod_ok(RING_IDX prod, RING_IDX cons, RING_IDX req_prod)
{
	return prod - cons <= req_prod - cons;
}

/* The id is ours and waits; the fault's id filled in either way. */
static enum netif_rule check_id(u16 id, const bool *waiting, unsigned int nr,
				struct netif_fault *f)
{
	f->id = id;
	if (id >= nr)
		return NETIF_RULE_ID;
	if (!waiting[id])
		return NETIF_RULE_NOT_WAITING;
	return NETIF_RULE_NONE;
}

int netif_take_tx(struct netif_tx_front_ring *ring, bool *waiting, unsigned int nr,
		  netif_tx_done_t done, void *ctx, struct netif_fault *fault)
{
	struct netif_tx_response rsp;
	enum netif_rule rule;
	RING_IDX prod;
	int taken = 0, status, more;

	*fault = (struct netif_fault){ .rule = NETIF_RULE_NONE, .ring = "tx" };
again:
	prod = READ_ONCE(ring->sring->rsp_prod);
	virt_rmb();	/* the responses no older than the index */
	if (!prod_ok(prod, ring->rsp_cons, ring->req_prod_pvt))
		return trip(fault, NETIF_RULE_PROD, prod, ring->rsp_cons, ring->req_prod_pvt);
	while (ring->rsp_cons != prod) {
		RING_COPY_RESPONSE(ring, ring->rsp_cons, &rsp);
		fault->status = rsp.status;
		rule = check_id(rsp.id, waiting, nr, fault);
		if (rule)
			return trip(fault, rule, prod, ring->rsp_cons, ring->req_prod_pvt);
		switch (rsp.status) {
		case NETIF_RSP_OKAY:
			status = 0;
			break;
		case NETIF_RSP_ERROR:
			status = -EIO;
			break;
		case NETIF_RSP_DROPPED:
			status = -ENOBUFS;
			break;
		default:	/* NULL included: we send no extra-info slot */
			return trip(fault, NETIF_RULE_TX_STATUS, prod, ring->rsp_cons,
				    ring->req_prod_pvt);
		}
		waiting[rsp.id] = false;
		ring->rsp_cons++;
		taken++;
		done(ctx, rsp.id, status);
	}
	/* Ask for an event at the next response, then look once more. */
	if (ring->rsp_cons != ring->req_prod_pvt) {
		RING_FINAL_CHECK_FOR_RESPONSES(ring, more);
		if (more)
			goto again;
	} else {
		ring->sring->rsp_event = ring->rsp_cons + 1;
	}
	*fault = (struct netif_fault){ .rule = NETIF_RULE_NONE, .ring = "tx" };
	return taken;
}

int netif_take_rx(struct netif_rx_front_ring *ring, bool *waiting, unsigned int nr,
		  netif_rx_done_t done, void *ctx, struct netif_fault *fault)
{
	struct netif_rx_response rsp;
	enum netif_rule rule;
	RING_IDX prod;
	int taken = 0, status, more;
	unsigned int len;

	*fault = (struct netif_fault){ .rule = NETIF_RULE_NONE, .ring = "rx" };
again:
	prod = READ_ONCE(ring->sring->rsp_prod);
	virt_rmb();
	if (!prod_ok(prod, ring->rsp_cons, ring->req_prod_pvt))
		return trip(fault, NETIF_RULE_PROD, prod, ring->rsp_cons, ring->req_prod_pvt);
	while (ring->rsp_cons != prod) {
		RING_COPY_RESPONSE(ring, ring->rsp_cons, &rsp);
		fault->status = rsp.status;
		fault->offset = rsp.offset;
		fault->flags = rsp.flags;
		rule = check_id(rsp.id, waiting, nr, fault);
		if (rule)
			return trip(fault, rule, prod, ring->rsp_cons, ring->req_prod_pvt);
		if (rsp.flags & ~NETIF_RX_FLAGS_OK)
			return trip(fault, NETIF_RULE_RX_FLAGS, prod, ring->rsp_cons,
				    ring->req_prod_pvt);
		len = 0;
		if (rsp.status == NETIF_RSP_ERROR) {
			status = -EIO;
		} else if (rsp.status == NETIF_RSP_DROPPED) {
			status = -ENOBUFS;
		} else if (rsp.status >= NETIF_ETH_HLEN) {
			/* Both at most 0xffff: the sum cannot wrap. */
			if ((unsigned int)rsp.offset + (unsigned int)rsp.status > NETIF_RX_BUF_SIZE)
				return trip(fault, NETIF_RULE_RX_BOUNDS, prod, ring->rsp_cons,
					    ring->req_prod_pvt);
			status = 0;
			len = rsp.status;
		} else {
			return trip(fault, NETIF_RULE_RX_STATUS, prod, ring->rsp_cons,
				    ring->req_prod_pvt);
		}
		waiting[rsp.id] = false;
		ring->rsp_cons++;
		taken++;
		done(ctx, rsp.id, len ? rsp.offset : 0, len, rsp.flags, status);
	}
	if (ring->rsp_cons != ring->req_prod_pvt) {
		RING_FINAL_CHECK_FOR_RESPONSES(ring, more);
		if (more)
			goto again;
	} else {
		ring->sring->rsp_event = ring->rsp_cons + 1;
	}
	*fault = (struct netif_fault){ .rule = NETIF_RULE_NONE, .ring = "rx" };
	return taken;
}
