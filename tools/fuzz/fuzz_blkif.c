// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: xen-blkfront's response parser (drivers/block/
 * xen-blkfront-rsp.c) against a backend that writes anything.  The
 * input is a script over one shared ring page (an exactly sized heap
 * copy, so a read past the ring is an AddressSanitizer report): the
 * frontend sends requests into free slots, the backend writes any bytes
 * into response slots and any producer index, and the parser runs.
 *
 * Invariants: nothing outside the page is touched; rsp_cons moves
 * forward only, by exactly the responses completed, never past what was
 * requested; each completion names a slot that was waiting, is no longer
 * waiting after, and carries 0, -EIO or -EOPNOTSUPP; a violation
 * completes nothing more, names a rule, and leaves rsp_cons where it
 * was (the frontend then stops, as the disabled device does).
 */
#include <linux/kernel.h>
#include "fuzz_host.h"
#include "../../drivers/block/xen-blkfront-rsp.h"

#define PAGE	4096
#define NR	32

enum { FE_SEND, BE_WRITE_RSP, BE_PROD, BE_ANSWER, PARSE, NR_STEPS };

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

static struct blkif_pending pend[NR];
static bool was_waiting[NR];
static unsigned int completions;

static void done(void *ctx, unsigned int id, int status)
{
	FUZZ_CHECK(id < NR);
	FUZZ_CHECK(was_waiting[id]);
	FUZZ_CHECK(!pend[id].waiting);
	FUZZ_CHECK(status == 0 || status == -EIO || status == -EOPNOTSUPP);
	was_waiting[id] = false;
	completions++;
}

static const u8 ops[] = { BLKIF_OP_READ, BLKIF_OP_WRITE, BLKIF_OP_FLUSH_DISKCACHE,
			  BLKIF_OP_WRITE_BARRIER };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct script s = { data, data + size };
	struct blkif_sring *sring = malloc(PAGE);
	struct blkif_front_ring ring;
	struct blkif_fault fault;
	int steps = 0;

	memset(pend, 0, sizeof(pend));
	memset(was_waiting, 0, sizeof(was_waiting));
	completions = 0;
	SHARED_RING_INIT(sring);
	FRONT_RING_INIT(&ring, sring, PAGE);
	/* Where the ring starts (indices wrap at 2^32). */
	ring.req_prod_pvt = ring.rsp_cons = sring->req_prod = sring->rsp_prod = take(&s, 4);

	while (s.p < s.end && steps++ < 512) {
		unsigned int op = take(&s, 1) % NR_STEPS, i, id;
		struct blkif_response *r;
		RING_IDX cons;
		int ret;

		switch (op) {
		case FE_SEND:
			/* Into a free slot, while the ring has room. */
			id = take(&s, 1) % NR;
			if (pend[id].waiting || RING_FULL(&ring))
				break;
			pend[id].waiting = was_waiting[id] = true;
			pend[id].operation = ops[take(&s, 1) % ARRAY_SIZE(ops)];
			RING_GET_REQUEST(&ring, ring.req_prod_pvt)->id = id;
			ring.req_prod_pvt++;
			break;
		case BE_WRITE_RSP:
			/* Any bytes into any response slot. */
			r = RING_GET_RESPONSE(&ring, take(&s, 2));
			for (i = 0; i < sizeof(*r); i++)
				((uint8_t *)r)[i] = take(&s, 1);
			break;
		case BE_PROD:
			sring->rsp_prod = take(&s, 4);
			break;
		case BE_ANSWER:
			/* A well-formed answer at the producer, for depth. */
			id = take(&s, 1) % NR;
			r = RING_GET_RESPONSE(&ring, sring->rsp_prod);
			r->id = id;
			r->operation = pend[id].operation;
			r->status = (int)(take(&s, 1) % 4) - 2;
			sring->rsp_prod++;
			break;
		case PARSE:
			cons = ring.rsp_cons;
			i = completions;
			ret = blkif_take_responses(&ring, pend, NR, done, NULL, &fault);
			FUZZ_CHECK(ring.rsp_cons - cons == completions - i);
			FUZZ_CHECK(ring.rsp_cons - cons <= ring.req_prod_pvt - cons);
			if (ret < 0) {
				FUZZ_CHECK(ret == -EPROTO);
				FUZZ_CHECK(fault.rule != BLKIF_RULE_NONE);
				FUZZ_CHECK(blkif_rule_name(fault.rule)[0] != '?');
				FUZZ_CHECK(fault.cons == ring.rsp_cons);
				goto out;	/* the device is disabled */
			}
			FUZZ_CHECK(ret == (int)(completions - i));
			FUZZ_CHECK(fault.rule == BLKIF_RULE_NONE);
			break;
		}
	}
out:
	free(sring);
	return 0;
}
