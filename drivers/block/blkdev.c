// SPDX-License-Identifier: GPL-2.0
/*
 * The small block layer of include/linux/blkdev.h: a list of disks, the
 * checks every request gets before a driver sees it, and the waits.
 *
 * Invariant: a driver sees only requests inside the disk, of a length
 * it takes (max_sectors), aligned to the device's logical block, and a
 * write only on a writable disk.  Waiting is polling: the driver's poll
 * runs with events masked, and safe_halt sleeps until the next event or
 * tick, so an answer arriving between the check and the sleep wakes it.
 */
#define pr_fmt(fmt) "blk: " fmt

#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/irqflags.h>
#include <linux/string.h>
#include <linux/blkdev.h>
#include <asm/tsc.h>

#define BLK_TIMEOUT_MS	30000

static LIST_HEAD(disks);

void add_disk(struct gendisk *d)
{
	list_add_tail(&d->list, &disks);
	pr_info("%s: %llu sectors (%llu MiB), %u-byte blocks, depth %u, %u sectors a request%s%s%s\n",
		d->name, (unsigned long long)d->capacity,
		(unsigned long long)(d->capacity >> 11), d->sector_size, d->queue_depth,
		d->max_sectors, d->ro ? ", read-only" : "", d->flush ? ", flush" : "",
		d->fua ? ", fua" : "");
}

void del_gendisk(struct gendisk *d)
{
	list_del(&d->list);
}

struct gendisk *get_disk(const char *name)
{
	struct gendisk *d;

	list_for_each_entry(d, &disks, list)
		if (!strcmp(d->name, name))
			return d;
	return NULL;
}

int blk_submit(struct gendisk *d, struct blk_request *rq)
{
	unsigned int per = d->sector_size >> SECTOR_SHIFT;

	rq->done = false;
	rq->status = 0;
	if (d->dead)
		return -EIO;
	if (rq->op == REQ_OP_FLUSH) {
		if (rq->nr_sectors)
			return -EINVAL;
	} else if (!rq->nr_sectors || rq->nr_sectors > d->max_sectors ||
		   rq->sector >= d->capacity || rq->nr_sectors > d->capacity - rq->sector ||
		   rq->sector % per || rq->nr_sectors % per ||
		   ((unsigned long)rq->buf & (SECTOR_SIZE - 1))) {
		return -EINVAL;
	}
	if (rq->op != REQ_OP_READ && d->ro)
		return -EROFS;
	return d->ops->submit(d, rq);
}

int blk_wait(struct gendisk *d, struct blk_request *rq, unsigned int ms)
{
	u64 start = sched_clock(), limit = (u64)ms * 1000000;
	unsigned long flags;

	local_irq_save(flags);
	for (;;) {
		d->ops->poll(d);
		if (rq->done)
			break;
		if (sched_clock() - start >= limit) {
			local_irq_restore(flags);
			return -ETIMEDOUT;
		}
		safe_halt();
		local_irq_disable();
	}
	local_irq_restore(flags);
	return rq->status;
}

/* Wait for the oldest of the @n in flight; the first error is kept. */
static int reap(struct gendisk *d, struct blk_request *rq, int *err)
{
	int ret = blk_wait(d, rq, BLK_TIMEOUT_MS);

	if (ret && !*err) {
		pr_err("%s: %s of %u sectors at %llu: %d\n", d->name,
		       rq->op == REQ_OP_READ ? "read" : rq->op == REQ_OP_WRITE ? "write" : "flush",
		       rq->nr_sectors, (unsigned long long)rq->sector, ret);
		*err = ret;
	}
	return ret == -ETIMEDOUT ? -ETIMEDOUT : 0;
}

#define BLK_RW_BATCH	32

int blk_rw(struct gendisk *d, enum req_op op, unsigned int flags, u64 sector,
	   unsigned int nr_sectors, void *buf)
{
	struct blk_request rq[BLK_RW_BATCH];
	unsigned int head = 0, n = 0, depth = min(d->queue_depth, (unsigned int)BLK_RW_BATCH);
	int err = 0, ret;

	if (op == REQ_OP_FLUSH || !depth)
		return -EINVAL;
	while (nr_sectors || n) {
		if (nr_sectors && n < depth && !err) {
			struct blk_request *r = &rq[(head + n) % BLK_RW_BATCH];
			unsigned int len = min(nr_sectors, d->max_sectors);

			*r = (struct blk_request){ .op = op, .flags = flags & ~REQ_FUA,
						   .sector = sector, .nr_sectors = len, .buf = buf };
			ret = blk_submit(d, r);
			if (!ret) {
				n++;
				sector += len;
				nr_sectors -= len;
				buf = (char *)buf + ((size_t)len << SECTOR_SHIFT);
				continue;
			}
			if (ret != -EBUSY || !n)
				return ret;
		}
		if (!n)
			break;
		if (reap(d, &rq[head], &err))
			return -ETIMEDOUT;	/* the driver still owns the rest */
		head = (head + 1) % BLK_RW_BATCH;
		n--;
	}
	if (!err && op == REQ_OP_WRITE && (flags & REQ_FUA))
		err = blk_flush(d);
	return err;
}

int blk_flush(struct gendisk *d)
{
	struct blk_request rq = { .op = REQ_OP_FLUSH };
	int err;

	if (!d->flush)
		return 0;	/* no cache to flush: writes are durable when done */
	err = blk_submit(d, &rq);
	return err ? err : blk_wait(d, &rq, BLK_TIMEOUT_MS);
}
