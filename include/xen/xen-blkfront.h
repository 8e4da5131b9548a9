/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xen-blkfront (drivers/block/xen-blkfront.c): the PV domU's disks
 * device/vbd/<id> as disks of include/linux/blkdev.h ("xvda", ...).
 */
#ifndef _XEN_XEN_BLKFRONT_H
#define _XEN_XEN_BLKFRONT_H

#include <linux/types.h>

struct gendisk;
struct blkif_sring;

/*
 * Bind the driver and wait (bounded) for each disk to connect: the
 * number of vbd devices found, or -ENODEV where there can be none (not a
 * PV domU, no xenstore or grant table).  Once; later calls return 0.
 */
int xen_blkfront_init(void);
/* For tests: connections made so far, whether a violation disabled the
 * device (and which rule), and the shared ring (to play a lying backend). */
unsigned int xen_blkfront_connects(struct gendisk *d);
/*
 * Close the connection from our side and make it again (blkback takes
 * a frontend back from Closed): 0 once connected anew, within @ms.
 * What was in flight fails with -EIO; a disabled device comes back.
 */
int xen_blkfront_reconnect(struct gendisk *d, unsigned int ms);
bool xen_blkfront_broken(struct gendisk *d, const char **rule);
struct blkif_sring *xen_blkfront_sring(struct gendisk *d);
/* Whether this connection grants bounce pages (an untrusted backend). */
bool xen_blkfront_bounces(struct gendisk *d);

#endif
