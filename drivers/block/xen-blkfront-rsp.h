/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The blkif response parser of xen-blkfront (xen-blkfront-rsp.c), apart
 * so that it builds on the host for fuzzing (tools/fuzz/fuzz_blkif.c).
 *
 * The backend is not trusted: everything it wrote on the shared ring is
 * read once, into a local copy, and checked against what we asked.  A
 * response is taken only if
 *   - the producer index has moved forward by no more than the requests
 *     still outstanding (never backwards, never past our req_prod);
 *   - its id names a slot of ours (id < nr) that waits for an answer
 *     (a second answer to one request is a violation);
 *   - its operation is the one that slot sent (an indirect request is
 *     answered with its indirect_op, as blkback does);
 *   - its status is one the protocol defines (OKAY, ERROR, EOPNOTSUPP).
 * Anything else is a violation: nothing more is taken, the fault says
 * which rule tripped, and the caller disables the device.
 */
#ifndef _XEN_BLKFRONT_RSP_H
#define _XEN_BLKFRONT_RSP_H

#include <linux/types.h>
#include <asm/barrier.h>

/* ring.h's barriers: the kernel's, for a peer on another CPU. */
#define xen_mb()	virt_mb()
#define xen_rmb()	virt_rmb()
#define xen_wmb()	virt_wmb()
#include <xen/interface/io/ring.h>
#include <xen/interface/io/blkif.h>

/* What the parser knows of one request slot. */
struct blkif_pending {
	u8 operation;		/* expected in the answer (BLKIF_OP_*) */
	bool waiting;		/* sent and not yet answered */
};

enum blkif_rule {
	BLKIF_RULE_NONE,
	BLKIF_RULE_PROD,	/* producer past req_prod, or backwards */
	BLKIF_RULE_ID,		/* id out of range */
	BLKIF_RULE_NOT_WAITING,	/* no request waits on that id (duplicate) */
	BLKIF_RULE_OP,		/* operation not the one sent */
	BLKIF_RULE_STATUS,	/* status not a BLKIF_RSP_* */
};

struct blkif_fault {
	enum blkif_rule rule;
	u32 prod, cons, req_prod;	/* the indices when it tripped */
	u64 id;
	int operation, expected, status;
};

/* Called for each good response: the slot is no longer waiting. */
typedef void (*blkif_done_t)(void *ctx, unsigned int id, int status);

/*
 * Take every response the backend has produced, calling @done for each
 * good one in ring order (status 0, -EIO or -EOPNOTSUPP) and moving
 * ring->rsp_cons past it.  Returns how many were taken, or -EPROTO on
 * a violation with @fault filled in (rsp_cons left at the bad one).
 */
int blkif_take_responses(struct blkif_front_ring *ring, struct blkif_pending *pend,
			 unsigned int nr, blkif_done_t done, void *ctx,
			 struct blkif_fault *fault);

/* The rule's name, for the message. */
const char *blkif_rule_name(enum blkif_rule rule);

#endif
