// SPDX-License-Identifier: GPL-2.0
/*
 * xen-blkfront's bounce pages for an untrusted backend: whether a
 * connection bounces (blkfront_untrusted, at each connect), the pages a
 * request slot grants instead of the caller's buffer, the copy in before
 * a write and out after a read.  The invariants are in
 * xen-blkfront-bounce.h; the locking is the caller's (blkfront's lock).
 *
 * Pages are allocated the first time a slot needs them and kept for the
 * slot's later requests (one allocation per segment per connection, not
 * per request); the segment is laid out at the caller's page offset so
 * that the request's first_sect/last_sect are what they would be
 * without bouncing.
 */
#define pr_fmt(fmt) "blkfront: " fmt

#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/blkdev.h>
#include <linux/string.h>
#include <asm/page.h>
#include <xen/xenbus.h>
#include "xen-blkfront-bounce.h"

/* xen_blkfront.trusted=0: every backend untrusted, whatever xenstore says. */
static bool param_trusted = true;

static int __init trusted_setup(const char *val)
{
	if (!strcmp(val, "0"))
		param_trusted = false;
	else if (!strcmp(val, "1"))
		param_trusted = true;
	else
		return -1;
	return 0;
}
__setup("xen_blkfront.trusted=", trusted_setup);

/*
 * The parameter, then our own node "trusted" (the toolstack's word, as
 * Linux reads it; absent means trusted).  A value that is neither 0 nor
 * 1 is taken as untrusted, and said: the safe side of a doubt.
 */
bool blkfront_untrusted(struct xenbus_device *dev)
{
	u64 v;
	int err;

	if (!param_trusted)
		return true;
	err = xenbus_read_u64(XBT_NIL, dev->nodename, "trusted", &v);
	if (err == -ENOENT)
		return false;
	if (!err && v <= 1)
		return !v;
	pr_warn("%s: unreadable \"trusted\" node (%d): backend taken as untrusted\n",
		dev->nodename, err);
	return true;
}

/*
 * Copies and zeroing a word at a time: lib/string.c's are byte loops,
 * and under TCG those were most of what bouncing cost (WRITE_ONCE keeps
 * GCC from turning the loops back into calls to them).  Offsets and
 * lengths are whole sectors (blkdev.c refuses a buffer not on one).
 */
static void zero_words(void *p, unsigned int len)
{
	u64 *w = p;
	unsigned int i;

	for (i = 0; i < len / 8; i++)
		WRITE_ONCE(w[i], 0);
}

static void copy_words(void *dst, const void *src, unsigned int len)
{
	const u64 *s = src;
	u64 *d = dst;
	unsigned int i;

	for (i = 0; i < len / 8; i++)
		WRITE_ONCE(d[i], s[i]);
}

void *blkfront_bounce_prepare(struct blkfront_bounce *b, unsigned int i,
			      const void *src, unsigned int off, unsigned int len, bool write)
{
	char *p;

	if (i >= BLKFRONT_BOUNCE_SEGS || off + len > PAGE_SIZE || (off | len) % SECTOR_SIZE)
		return NULL;
	if (!b->page[i]) {
		b->page[i] = get_zeroed_page();
		if (!b->page[i])
			return NULL;
	}
	p = b->page[i];
	/*
	 * Zero what this request does not carry: the backend sees the whole
	 * page, and what an earlier request left there is not this one's.
	 */
	if (!write) {
		zero_words(p, PAGE_SIZE);
		return p;
	}
	zero_words(p, off);
	copy_words(p + off, src, len);
	zero_words(p + off + len, PAGE_SIZE - off - len);
	return p;
}

void blkfront_bounce_copy_out(const struct blkfront_bounce *b, unsigned int i,
			      void *dst, unsigned int off, unsigned int len)
{
	if (i < BLKFRONT_BOUNCE_SEGS && b->page[i] && off + len <= PAGE_SIZE &&
	    !((off | len) % SECTOR_SIZE))
		copy_words(dst, (char *)b->page[i] + off, len);
}

struct page *blkfront_bounce_give_up(struct blkfront_bounce *b, unsigned int i)
{
	void *p = i < BLKFRONT_BOUNCE_SEGS ? b->page[i] : NULL;

	if (!p)
		return NULL;
	b->page[i] = NULL;
	return virt_to_page(p);
}

void blkfront_bounce_free(struct blkfront_bounce *b)
{
	unsigned int i;

	for (i = 0; i < BLKFRONT_BOUNCE_SEGS; i++) {
		if (b->page[i])
			free_page(b->page[i]);
		b->page[i] = NULL;
	}
}
