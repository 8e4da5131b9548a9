/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The netif response parser of xen-netfront (xen-netfront-rsp.c), apart
 * so that it builds on the host for fuzzing (tools/fuzz/fuzz_netif.c).
 *
 * The backend is not trusted: everything it wrote on a shared ring is
 * read once, into a local copy, and checked against what we asked.  A
 * response on either ring is taken only if
 *   - the producer index has moved forward by no more than the requests
 *     still outstanding on that ring (never backwards, never past our
 *     req_prod, so never more than the ring's size ahead of rsp_cons);
 *   - its id names a slot of ours (id < nr) that waits for an answer
 *     (a second answer to one request is a violation);
 * and, on the tx ring, its status is OKAY, ERROR or DROPPED (we send no
 * extra-info slots, so NULL has nothing to answer); on the rx ring, its
 * status is ERROR, DROPPED or a length of at least an Ethernet header
 * that, from its offset, stays inside the one page we granted, and its
 * flags are only those a frontend without scatter-gather and GSO can be
 * sent (no more_data, extra_info, gso_prefix).
 * Anything else is a violation: nothing more is taken, the fault says
 * which rule tripped, and the caller disables the device.
 */
#ifndef _XEN_NETFRONT_RSP_H
#define _XEN_NETFRONT_RSP_H

#include <linux/types.h>
#include <asm/barrier.h>

/* ring.h's barriers: the kernel's, for a peer on another CPU. */
#define xen_mb()	virt_mb()
#define xen_rmb()	virt_rmb()
#define xen_wmb()	virt_wmb()
#include <xen/interface/io/ring.h>
#include <xen/interface/io/netif.h>

/* The page an rx buffer is: what offset + length must stay inside. */
#define NETIF_RX_BUF_SIZE	4096
#define NETIF_ETH_HLEN		14
/* The rx flags a frontend that offered no sg/gso may be sent. */
#define NETIF_RX_FLAGS_OK	(NETRXF_data_validated | NETRXF_csum_blank)

enum netif_rule {
	NETIF_RULE_NONE,
	NETIF_RULE_PROD,	/* producer past req_prod, or backwards */
	NETIF_RULE_ID,		/* id out of range */
	NETIF_RULE_NOT_WAITING,	/* no request waits on that id (duplicate) */
	NETIF_RULE_TX_STATUS,	/* tx status not OKAY, ERROR or DROPPED */
	NETIF_RULE_RX_STATUS,	/* rx status neither an error nor a frame length */
	NETIF_RULE_RX_BOUNDS,	/* offset + length past the granted page */
	NETIF_RULE_RX_FLAGS,	/* a flag we did not negotiate */
	NETIF_RULE_GRANT_BUSY,	/* the driver's: a grant still held after its answer */
};

struct netif_fault {
	enum netif_rule rule;
	const char *ring;		/* "tx" or "rx" */
	u32 prod, cons, req_prod;	/* the indices when it tripped */
	u32 id;
	int status;
	u32 offset, flags;
};

/* A good tx response: status 0, -EIO (ERROR) or -ENOBUFS (DROPPED). */
typedef void (*netif_tx_done_t)(void *ctx, unsigned int id, int status);
/*
 * A good rx response: @len bytes at @offset of slot @id's page with
 * @status 0, or -EIO / -ENOBUFS (no frame, @len 0).
 */
typedef void (*netif_rx_done_t)(void *ctx, unsigned int id, unsigned int offset,
				unsigned int len, unsigned int flags, int status);

/*
 * Take every response the backend has produced on the ring, calling
 * @done for each good one in ring order, clearing waiting[id] and moving
 * rsp_cons past it.  Returns how many were taken, or -EPROTO on a
 * violation with @fault filled in (rsp_cons left at the bad one).
 * @waiting has @nr entries, one per id.
 */
int netif_take_tx(struct netif_tx_front_ring *ring, bool *waiting, unsigned int nr,
		  netif_tx_done_t done, void *ctx, struct netif_fault *fault);
int netif_take_rx(struct netif_rx_front_ring *ring, bool *waiting, unsigned int nr,
		  netif_rx_done_t done, void *ctx, struct netif_fault *fault);

/* The rule's name, for the message. */
const char *netif_rule_name(enum netif_rule rule);

#endif
