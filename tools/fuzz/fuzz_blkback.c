// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the slim dom0's check of one blkif request from a
 * frontend that writes anything (drivers/xen/dom0/blkback_req.c).  The
 * input is the disk's size (8 bytes), whether it offers flush (1 byte)
 * and the request slot's bytes.
 *
 * Invariants: a refusal is BLKIF_RSP_ERROR or _EOPNOTSUPP with a reason;
 * an acceptance is a read, write or flush, at most 11 segments (at least
 * one for a read or write), each inside its page, counted exactly, and a
 * transfer inside the disk.
 */
#include <linux/kernel.h>
#include "fuzz_host.h"
#include "../../drivers/xen/dom0/blkback.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct blkif_request *r = malloc(sizeof(*r));
	struct blkback_req q;
	const char *why = NULL;
	u64 sectors = 0, total = 0;
	unsigned int i;
	bool flush;
	int st;

	if (size < 9 + sizeof(*r)) {
		free(r);
		return 0;
	}
	memcpy(&sectors, data, 8);
	flush = data[8] & 1;
	memcpy(r, data + 9, sizeof(*r));
	st = blkback_check_req(r, sectors, flush, &q, &why);
	if (st) {
		FUZZ_CHECK(st == BLKIF_RSP_ERROR || st == BLKIF_RSP_EOPNOTSUPP);
		FUZZ_CHECK(why != NULL);
		free(r);
		return 0;
	}
	FUZZ_CHECK(q.operation == BLKIF_OP_READ || q.operation == BLKIF_OP_WRITE ||
		   (q.operation == BLKIF_OP_FLUSH_DISKCACHE && flush));
	FUZZ_CHECK(q.nr_segs <= BLKIF_MAX_SEGMENTS_PER_REQUEST);
	FUZZ_CHECK(q.operation == BLKIF_OP_FLUSH_DISKCACHE || q.nr_segs >= 1);
	FUZZ_CHECK(q.id == r->id && q.write == (r->operation != BLKIF_OP_READ));
	for (i = 0; i < q.nr_segs; i++) {
		FUZZ_CHECK(q.seg[i].count >= 1);
		FUZZ_CHECK(q.seg[i].first + q.seg[i].count <= BLKBACK_SECTORS_PER_PAGE);
		FUZZ_CHECK(q.seg[i].gref == r->seg[i].gref);
		total += q.seg[i].count;
	}
	FUZZ_CHECK(total == q.nr_sectors);
	FUZZ_CHECK(!total || (q.sector < sectors && total <= sectors - q.sector));
	free(r);
	return 0;
}
