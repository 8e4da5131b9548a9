/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The data pattern the xen-blkfront tests write (xen-blkfront_test.c,
 * xen-blkfront-bounce_test.c), also computed by the host
 * (modes/xen-pv-domU-blk.sh), which checks every range a guest printed
 * ("blkfront-pattern: seed S blocks A-B") in dom0's backing file.  A
 * guest given blk_test.seed=B adds B to every seed it writes (and
 * prints), so that a later guest on the same file cannot pass on an
 * earlier one's data.
 */
#ifndef _XEN_BLKFRONT_PATTERN_H
#define _XEN_BLKFRONT_PATTERN_H

#include <linux/types.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <asm/page.h>

#define BLK_PER_BLOCK	8	/* sectors in a 4 KiB block */

static inline u64 blk_harness_u64(const char *name)
{
	char buf[24];
	unsigned long long v;

	if (!cmdline_get_value(name, buf, sizeof(buf)) || kstrtoull(buf, 0, &v))
		return 0;
	return v;
}

static inline u64 pattern_word(u64 seed, u64 byte)
{
	return byte ^ (seed * 0x9e3779b97f4a7c15ULL);
}

static inline void pattern_fill(u64 *buf, u64 seed, u64 block, unsigned int blocks)
{
	u64 i, n = (u64)blocks * PAGE_SIZE / 8;

	for (i = 0; i < n; i++)
		buf[i] = pattern_word(seed, block * PAGE_SIZE + i * 8);
}

/* The first word that differs, or -1. */
static inline long pattern_check(const u64 *buf, u64 seed, u64 block, unsigned int blocks)
{
	u64 i, n = (u64)blocks * PAGE_SIZE / 8;

	for (i = 0; i < n; i++)
		if (buf[i] != pattern_word(seed, block * PAGE_SIZE + i * 8))
			return i;
	return -1;
}

#endif
