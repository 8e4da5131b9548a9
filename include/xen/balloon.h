/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The balloon (drivers/xen/balloon.c): memory a PV domain gives back to
 * Xen and takes again, so that what it holds is the toolstack's
 * memory/target (`xl mem-set`).
 */
#ifndef _XEN_BALLOON_H
#define _XEN_BALLOON_H

#include <linux/types.h>

/* The kernel keeps this many pages free whatever the target (4 MiB). */
#define XEN_BALLOON_KEEP_FREE	1024

struct xen_balloon_stats {
	unsigned long current_pages;	/* what we hold, as Xen counts it */
	unsigned long target_pages;	/* the last target asked for */
	unsigned long ballooned;	/* pfns without a frame, ours to fill */
};
extern struct xen_balloon_stats xen_balloon;

/* At boot, after xenbus_init(): take the extra pfns, watch memory/target. */
void xen_balloon_init(void);

/*
 * Give pages back or take them until we hold @pages; 0 once there, else
 * where it stopped and why is said, and: -ENOMEM (the kernel's own
 * floor), -EDQUOT (Xen's ceiling), -ENOSPC (no pfns left to fill), -EIO
 * (Xen refused), -EBUSY (an adjustment under way on another
 * CPU, or a newer target set meanwhile, takes over from this one).
 */
int xen_balloon_set_target(unsigned long pages);

/* memory/target's value (KiB, decimal) in pages: 0 or -EINVAL/-ERANGE. */
int xen_balloon_parse_target(const char *s, unsigned long *pages);

/* The pfns in the balloon, the next to be filled first (tests). */
unsigned int xen_balloon_list(unsigned long *pfns, unsigned int max);


#endif
