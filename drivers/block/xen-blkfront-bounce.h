/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Bounce pages of xen-blkfront (xen-blkfront-bounce.c) for a backend we
 * do not trust (xen_blkfront.trusted=0, or the frontend's xenstore node
 * "trusted" = 0): every data segment is granted from a page of the
 * request slot's own, never from the caller's buffer, so the backend
 * never holds a grant to a page of other kernel data.
 *
 * Invariants: a slot's bounce page only ever holds zeroes or data of
 * this disk that went through this slot (a write's, or a read's the
 * backend wrote); everything outside the segment being granted is zero
 * when it is granted.  A page the backend still maps after answering is
 * handed to the grant table (freed once the backend lets go) and the
 * slot takes a fresh one next time: it is never ours again.
 */
#ifndef _XEN_BLKFRONT_BOUNCE_H
#define _XEN_BLKFRONT_BOUNCE_H

#include <linux/types.h>

/* Segments a request may have in untrusted mode (Linux's default too). */
#define BLKFRONT_BOUNCE_SEGS	32

struct page;
struct xenbus_device;

/*
 * Whether @dev's backend is to get bounce pages only: xen_blkfront.trusted=0
 * on the command line, or @dev's node "trusted" not 1 (absent: trusted).
 */
bool blkfront_untrusted(struct xenbus_device *dev);

struct blkfront_bounce {
	void *page[BLKFRONT_BOUNCE_SEGS];	/* allocated at first use; NULL: none */
};

/*
 * The page for segment @i, [@off, @off + @len) of it, ready to grant:
 * for a write (@write) the caller's @src copied there, the rest zero; for
 * a read all zero.  NULL if there is no memory (the request fails).
 */
void *blkfront_bounce_prepare(struct blkfront_bounce *b, unsigned int i,
			      const void *src, unsigned int off, unsigned int len, bool write);

/* A read answered and its grant ended: segment @i's data to @dst. */
void blkfront_bounce_copy_out(const struct blkfront_bounce *b, unsigned int i,
			      void *dst, unsigned int off, unsigned int len);

/*
 * The backend still maps page @i: the page is the grant's now (pass it to
 * gnttab_end_foreign_access), the slot takes another next time.
 */
struct page *blkfront_bounce_give_up(struct blkfront_bounce *b, unsigned int i);

/* Free every page (no grant of any of them may be live). */
void blkfront_bounce_free(struct blkfront_bounce *b);

#endif
