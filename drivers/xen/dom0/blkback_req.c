// SPDX-License-Identifier: GPL-2.0
/*
 * One blkif request, checked the way Linux's blkback does before it
 * touches a byte: a known operation the disk offers, a segment count the
 * operation allows, every segment's sectors inside its page and in order,
 * and the whole transfer inside the disk without wrapping.  Builds on the
 * host too (tools/fuzz/fuzz_blkback.c).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include "blkback.h"

int blkback_check_req(const struct blkif_request *r, u64 sectors, bool flush,
		      struct blkback_req *out, const char **why)
{
	unsigned int i;
	u64 total = 0;

	memset(out, 0, sizeof(*out));
	out->id = r->id;
	out->operation = r->operation;
	switch (r->operation) {
	case BLKIF_OP_READ:
	case BLKIF_OP_WRITE:
		if (!r->nr_segments) {
			*why = "a read or write with no segments";
			return BLKIF_RSP_ERROR;
		}
		break;
	case BLKIF_OP_FLUSH_DISKCACHE:
		if (!flush) {
			*why = "flush asked of a disk that does not offer it";
			return BLKIF_RSP_EOPNOTSUPP;
		}
		break;		/* with segments: a write after the flush */
	default:
		*why = "an operation this backend does not offer";
		return BLKIF_RSP_EOPNOTSUPP;
	}
	if (r->nr_segments > BLKIF_MAX_SEGMENTS_PER_REQUEST) {
		*why = "more segments than a request holds";
		return BLKIF_RSP_ERROR;
	}
	out->write = r->operation != BLKIF_OP_READ;
	out->nr_segs = r->nr_segments;
	out->sector = r->sector_number;
	for (i = 0; i < r->nr_segments; i++) {
		u8 first = r->seg[i].first_sect, last = r->seg[i].last_sect;

		if (first > last || last >= BLKBACK_SECTORS_PER_PAGE) {
			*why = "a segment's sectors are not inside its page";
			return BLKIF_RSP_ERROR;
		}
		out->seg[i].gref = r->seg[i].gref;
		out->seg[i].first = first;
		out->seg[i].count = last - first + 1;
		total += out->seg[i].count;
	}
	out->nr_sectors = total;
	if (total && (r->sector_number >= sectors || total > sectors - r->sector_number)) {
		*why = "the transfer runs past the end of the disk";
		return BLKIF_RSP_ERROR;
	}
	return 0;
}
