/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A block layer small enough for tests (drivers/block/blkdev.c): disks
 * by name, requests by 512-byte sector into kernel memory, as many in
 * flight as the disk's queue depth, completion by polling with events on.
 *
 * A request's buffer is directly mapped kernel memory, 512-byte aligned;
 * it is the caller's until the request is done.  A disk marked dead (its
 * driver found its backend lying, or lost it) fails every request with
 * -EIO and keeps nothing queued.
 */
#ifndef _LINUX_BLKDEV_H
#define _LINUX_BLKDEV_H

#include <linux/types.h>
#include <linux/list.h>

#define SECTOR_SHIFT	9
#define SECTOR_SIZE	(1u << SECTOR_SHIFT)

enum req_op { REQ_OP_READ, REQ_OP_WRITE, REQ_OP_FLUSH };
#define REQ_PREFLUSH	0x1u	/* write: the cache flushed before it */
#define REQ_FUA		0x2u	/* write: on stable storage when done */

struct blk_request {
	enum req_op op;
	unsigned int flags;
	u64 sector;
	unsigned int nr_sectors;	/* 0 for a flush */
	void *buf;
	/* Set by the driver. */
	int status;			/* 0 or -errno, once done */
	bool done;
};

struct gendisk;
struct block_device_operations {
	/* Queue @rq: 0, -EBUSY when the queue is full, else -errno. */
	int (*submit)(struct gendisk *d, struct blk_request *rq);
	/* With events masked: complete what has come back. */
	void (*poll)(struct gendisk *d);
};

struct gendisk {
	char name[16];
	u64 capacity;			/* in 512-byte sectors */
	unsigned int sector_size;	/* the device's logical block */
	unsigned int queue_depth;	/* requests in flight at most */
	unsigned int max_sectors;	/* per request */
	bool ro, flush, fua;		/* what the device offers */
	bool dead;
	const struct block_device_operations *ops;
	void *private_data;
	/* Private. */
	struct list_head list;
};

void add_disk(struct gendisk *d);
void del_gendisk(struct gendisk *d);
struct gendisk *get_disk(const char *name);

/* Check and queue @rq (see the ops); -EINVAL out of range, -EROFS. */
int blk_submit(struct gendisk *d, struct blk_request *rq);
/* Wait up to @ms for @rq: its status, or -ETIMEDOUT (still the driver's). */
int blk_wait(struct gendisk *d, struct blk_request *rq, unsigned int ms);
/*
 * Synchronous I/O of any length, split at max_sectors and kept up to
 * the queue depth in flight; a FUA write is followed by a flush where
 * the device has no FUA of its own.  0 or the first error.
 */
int blk_rw(struct gendisk *d, enum req_op op, unsigned int flags, u64 sector,
	   unsigned int nr_sectors, void *buf);
int blk_flush(struct gendisk *d);

#endif
