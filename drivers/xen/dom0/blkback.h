/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The block backend of the slim dom0 (blkback*.c), private to
 * drivers/xen/dom0/.  blkback_req.c checks one request as the frontend
 * wrote it; blkback.c serves rings from a RAM disk.
 */
#ifndef _DOM0_BLKBACK_H
#define _DOM0_BLKBACK_H

#include <linux/types.h>
#include <asm/barrier.h>
#include <xen/interface/grant_table.h>
/* ring.h's barriers are the guest's to give: ours, for Xen's peers. */
#ifndef xen_mb
#define xen_mb()	virt_mb()
#define xen_rmb()	virt_rmb()
#define xen_wmb()	virt_wmb()
#endif
#include <xen/interface/io/ring.h>
#include <xen/interface/io/blkif.h>

#define BLKBACK_SECTOR		512
#define BLKBACK_SECTORS_PER_PAGE	(4096 / BLKBACK_SECTOR)

/* A request as checked: what to move, where, and which grants. */
struct blkback_req {
	u64 id;
	u8 operation;
	bool write;			/* data flows frontend -> disk */
	unsigned int nr_segs;
	u64 sector;			/* first disk sector */
	u64 nr_sectors;
	struct {
		grant_ref_t gref;
		unsigned int first, count;	/* sectors within the granted page */
	} seg[BLKIF_MAX_SEGMENTS_PER_REQUEST];
};

/*
 * Check @r (already copied out of the ring) against a disk of @sectors
 * sectors that offers flush (@flush): 0 and *@out filled, or the
 * BLKIF_RSP_* status to answer with and *@why naming the rule broken.
 * The frontend is not trusted: nothing in @r is believed unchecked.
 */
int blkback_check_req(const struct blkif_request *r, u64 sectors, bool flush,
		      struct blkback_req *out, const char **why);

#endif
