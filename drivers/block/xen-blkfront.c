// SPDX-License-Identifier: GPL-2.0
/*
 * xen-blkfront: a virtual disk (device/vbd/<id>) served by a backend in
 * another domain (Linux's blkback in the reference dom0) over a blkif
 * ring (<xen/interface/io/blkif.h>), as a disk of the small block layer
 * (include/linux/blkdev.h).
 *
 * Connecting follows the backend's state: at InitWait we make the ring
 * (2^order pages, as many as max-ring-page-order allows up to
 * BLKFRONT_MAX_ORDER), grant it, allocate a port, write ring-ref(s),
 * event-channel and protocol and go Initialised; at Connected we read
 * the size and features (feature-flush-cache, feature-barrier,
 * feature-max-indirect-segments) and add the disk.  The backend
 * closing, or going away, fails what is in flight with -EIO and removes
 * the disk; its InitWait again connects afresh.
 *
 * Each request takes a free slot of the shadow array (its index is the
 * request id) and a grant for each data page, read-only for writes; a
 * request of more segments than fit in the ring entry goes indirect.
 *
 * A backend we do not trust (xen_blkfront.trusted=0 on the command
 * line, or the frontend's own xenstore node "trusted" = 0, read at each
 * connect as Linux does) never gets a grant to the caller's buffer: each
 * segment is granted from a bounce page of the slot's
 * (xen-blkfront-bounce.c), written into before the request, read out
 * of only after a response that passed the parser and after its grant
 * ended.  A request then has at most BLKFRONT_BOUNCE_SEGS segments.
 * Grants are never persistent (feature-persistent is 0), trusted or not.
 *
 * Responses go through xen-blkfront-rsp.c, which believes nothing the
 * backend wrote until it checked it; a violation disables the device for
 * good (every request fails with -EIO, the ring is never read again),
 * with one message naming the rule that tripped.  Never BUG().
 *
 * Locking: one spinlock, taken with events masked, over the ring, the
 * shadow and the state; the event handler and the block layer's poll
 * both complete responses under it.
 */
#define pr_fmt(fmt) "blkfront: " fmt

#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/blkdev.h>
#include <asm/page.h>
#include <asm/xen/hypervisor.h>
#include <asm/xen/page.h>
#include <xen/events.h>
#include <xen/grant_table.h>
#include <xen/xenbus.h>
#include <xen/xen-blkfront.h>
#include <xen/interface/io/protocols.h>
#include "xen-blkfront-rsp.h"
#include "xen-blkfront-bounce.h"

#define BLKFRONT_MAX_ORDER	2	/* up to 4 ring pages */
#define BLKFRONT_MAX_INDIRECT	128	/* segments: one indirect page */
#define SEGS_PER_INDIRECT_PAGE	(PAGE_SIZE / sizeof(struct blkif_request_segment))
#define BLKFRONT_MAX_SLOTS	__CONST_RING_SIZE(blkif, PAGE_SIZE << BLKFRONT_MAX_ORDER)
#define CONNECT_TIMEOUT_MS	10000

enum blkfront_state { BLKFRONT_DISCONNECTED, BLKFRONT_CONNECTED, BLKFRONT_BROKEN };

struct blkfront_slot {
	struct blk_request *rq;
	u8 op;				/* ring op: READ, WRITE, FLUSH, BARRIER, INDIRECT */
	unsigned int nr_grants;
	grant_ref_t grants[BLKFRONT_MAX_INDIRECT];
	void *indirect;			/* the segment page, when connected with indirect */
	grant_ref_t indirect_ref;
	bool indirect_granted;
	bool bounced;			/* the grants are of bounce pages */
	struct blkfront_bounce bounce;
};

struct blkfront_info {
	struct xenbus_device *dev;
	struct gendisk disk;
	spinlock_t lock;
	enum blkfront_state state;
	unsigned int vdevice;
	unsigned int order, nr_ring_pages;
	struct blkif_sring *sring;
	struct blkif_front_ring ring;
	grant_ref_t ring_refs[1 << BLKFRONT_MAX_ORDER];
	evtchn_port_t port;
	bool bound, disk_added;
	unsigned int nr_slots;
	struct blkif_pending pend[BLKFRONT_MAX_SLOTS];
	struct blkfront_slot slot[BLKFRONT_MAX_SLOTS];
	unsigned int max_indirect;	/* segments per indirect request, 0: none */
	bool feature_flush, feature_barrier;
	bool bounce;			/* untrusted backend: bounce pages */
	bool said_mapped;		/* warned of a bounce page still mapped */
	struct blkif_fault fault;
	/* Responses taken since the last event, by it or by blkfront_poll(). */
	unsigned int taken;
	bool close_due;			/* disabled: Closing not written yet */
	unsigned int connects;
};

/* --- completion --------------------------------------------------------------- */

/*
 * End the slot's grants.  False if a bounce page was still mapped by the
 * backend: that page is the grant table's now, and what it holds is not
 * to be believed.
 */
static bool end_grants(struct blkfront_slot *s)
{
	unsigned int i;
	bool all = true;

	for (i = 0; i < s->nr_grants; i++) {
		if (!s->bounced) {
			gnttab_end_foreign_access(s->grants[i], NULL);
		} else if (gnttab_end_foreign_access_ref(s->grants[i])) {
			gnttab_end_foreign_access(s->grants[i],
						  blkfront_bounce_give_up(&s->bounce, i));
			all = false;
		}
	}
	s->nr_grants = 0;
	if (s->indirect_granted) {
		/* The page is ours to reuse only once the backend let go. */
		if (gnttab_end_foreign_access_ref(s->indirect_ref)) {
			gnttab_end_foreign_access(s->indirect_ref, virt_to_page(s->indirect));
			s->indirect = NULL;
		}
		s->indirect_granted = false;
	}
	return all;
}

/* A read's data from the bounce pages to the caller's buffer. */
static void copy_out(struct blkfront_slot *s, struct blk_request *rq)
{
	unsigned long addr = (unsigned long)rq->buf;
	unsigned long end = addr + ((unsigned long)rq->nr_sectors << SECTOR_SHIFT);
	unsigned int i = 0;

	while (addr < end) {
		unsigned long page = addr & PAGE_MASK;
		unsigned long stop = min(end, page + PAGE_SIZE);

		blkfront_bounce_copy_out(&s->bounce, i++, (void *)addr, addr - page, stop - addr);
		addr = stop;
	}
}

static void complete_slot(struct blkfront_info *info, unsigned int id, int status)
{
	struct blkfront_slot *s = &info->slot[id];
	struct blk_request *rq = s->rq;
	unsigned int granted = s->nr_grants;

	if (!end_grants(s) && !status) {
		/* Once a connection: a backend that does it keeps doing it. */
		if (!info->said_mapped)
			pr_warn("%s: backend answered but still maps a bounce page; request failed\n",
				info->disk.name);
		info->said_mapped = true;
		status = -EIO;
	}
	s->rq = NULL;
	info->pend[id].waiting = false;
	if (!rq)
		return;
	if (!status && s->bounced && rq->op == REQ_OP_READ && granted)
		copy_out(s, rq);
	if (status == -EOPNOTSUPP && rq->op == REQ_OP_FLUSH) {
		/* The backend took the feature back: its cache is its own. */
		pr_warn("%s: backend refused a flush; flushes off\n", info->disk.name);
		info->feature_flush = info->feature_barrier = false;
		info->disk.flush = info->disk.fua = false;
	}
	rq->status = status;
	rq->done = true;
}

static void rsp_done(void *ctx, unsigned int id, int status)
{
	complete_slot(ctx, id, status);
}

/* Fail every request in flight; the lock is held. */
static void fail_all(struct blkfront_info *info)
{
	unsigned int id;

	for (id = 0; id < info->nr_slots; id++)
		if (info->pend[id].waiting)
			complete_slot(info, id, -EIO);
}

static void disable(struct blkfront_info *info)
{
	struct blkif_fault *f = &info->fault;

	info->state = BLKFRONT_BROKEN;
	info->disk.dead = true;
	xen_evtchn_mask(info->port);
	pr_err("%s: backend broke the blkif protocol: %s (id %llu operation %d, sent %d, status %d; rsp_prod %u rsp_cons %u req_prod %u); device disabled\n",
	       info->disk.name, blkif_rule_name(f->rule), (unsigned long long)f->id,
	       f->operation, f->expected, f->status, f->prod, f->cons, f->req_prod);
	fail_all(info);
	info->close_due = true;
}

/*
 * A disabled device says so to the backend, Closing, so that it can let
 * go of the ring and its grants.  Not from disable(): that runs under
 * the lock, often in the event handler, and a xenstore write waits for
 * xenstored and runs watch callbacks that take the lock.  From the next
 * call in process context instead: a waiter's poll, or broken().
 */
static void close_if_disabled(struct blkfront_info *info)
{
	unsigned long flags;
	bool due;

	spin_lock_irqsave(&info->lock, flags);
	due = info->close_due;
	info->close_due = false;
	spin_unlock_irqrestore(&info->lock, flags);
	if (due)
		xenbus_switch_state(info->dev, XenbusStateClosing);
}

/*
 * The lock held: how many responses, or -1 with the device disabled (by
 * this call or before).  Not connected yet, or gone: none.
 */
static int take_responses(struct blkfront_info *info)
{
	int n;

	if (info->state != BLKFRONT_CONNECTED)
		return info->state == BLKFRONT_BROKEN ? -1 : 0;
	n = blkif_take_responses(&info->ring, info->pend, info->nr_slots, rsp_done, info,
				 &info->fault);
	if (n < 0)
		disable(info);
	else
		info->taken += n;
	return n;
}

/*
 * The port is bound late-EOI: masked from the backend's event until the
 * ring has been read, so a backend cannot keep us in here; a disabled
 * device keeps it masked.  The event is spurious (and a run of them
 * throttles the port) only if no response came since the last one: a
 * waiter's blkfront_poll() often takes them before the event is seen.
 */
static void blkfront_event(evtchn_port_t port, void *data)
{
	struct blkfront_info *info = data;
	unsigned long flags;
	bool spurious;
	int n;

	spin_lock_irqsave(&info->lock, flags);
	n = take_responses(info);
	spurious = !info->taken;
	info->taken = 0;
	spin_unlock_irqrestore(&info->lock, flags);
	if (n >= 0)
		xen_evtchn_lateeoi(port, spurious);
}

static void blkfront_poll(struct gendisk *d)
{
	struct blkfront_info *info = d->private_data;
	unsigned long flags;

	spin_lock_irqsave(&info->lock, flags);
	take_responses(info);
	spin_unlock_irqrestore(&info->lock, flags);
	close_if_disabled(info);
}

/* --- requests ----------------------------------------------------------------- */

static int free_slot(struct blkfront_info *info)
{
	unsigned int id;

	for (id = 0; id < info->nr_slots; id++)
		if (!info->pend[id].waiting)
			return id;
	return -EBUSY;
}

/* Grant each page of @rq's buffer and describe it in @seg. */
static int grant_segments(struct blkfront_info *info, struct blkfront_slot *s,
			  struct blk_request *rq, struct blkif_request_segment *seg)
{
	unsigned long addr = (unsigned long)rq->buf;
	unsigned long end = addr + ((unsigned long)rq->nr_sectors << SECTOR_SHIFT);
	bool ro = rq->op != REQ_OP_READ;
	unsigned int n = 0;

	s->bounced = info->bounce;
	while (addr < end) {
		unsigned long page = addr & PAGE_MASK;
		unsigned long stop = min(end, page + PAGE_SIZE);
		void *frame = (void *)page;
		int ref;

		if (s->bounced) {
			frame = blkfront_bounce_prepare(&s->bounce, n, (void *)addr, addr - page,
							stop - addr, ro);
			if (!frame)
				return -ENOMEM;
		}
		ref = gnttab_grant_foreign_access(info->dev->otherend_id,
						  pfn_to_mfn(PFN_DOWN(__pa(frame))), ro);
		if (ref < 0)
			return ref;
		s->grants[n] = ref;
		s->nr_grants = ++n;
		seg[n - 1] = (struct blkif_request_segment){
			.gref = ref,
			.first_sect = (addr - page) >> SECTOR_SHIFT,
			.last_sect = ((stop - page) >> SECTOR_SHIFT) - 1,
		};
		addr = stop;
	}
	return n;
}

static unsigned int nr_pages_of(const struct blk_request *rq)
{
	unsigned long addr = (unsigned long)rq->buf;
	unsigned long end = addr + ((unsigned long)rq->nr_sectors << SECTOR_SHIFT);

	return rq->nr_sectors ? PFN_DOWN(end - 1) - PFN_DOWN(addr) + 1 : 0;
}

/* The lock held; the slot is free. */
static int queue_one(struct blkfront_info *info, unsigned int id, struct blk_request *rq)
{
	struct blkfront_slot *s = &info->slot[id];
	struct blkif_request *req = RING_GET_REQUEST(&info->ring, info->ring.req_prod_pvt);
	struct blkif_request_segment direct[BLKIF_MAX_SEGMENTS_PER_REQUEST];
	unsigned int pages = nr_pages_of(rq);
	u8 op, data_op;
	int n;

	if (rq->op == REQ_OP_FLUSH || (rq->flags & REQ_PREFLUSH))
		data_op = info->feature_flush ? BLKIF_OP_FLUSH_DISKCACHE : BLKIF_OP_WRITE_BARRIER;
	else
		data_op = rq->op == REQ_OP_READ ? BLKIF_OP_READ : BLKIF_OP_WRITE;
	op = data_op;
	if (pages > BLKIF_MAX_SEGMENTS_PER_REQUEST) {
		if (pages > info->max_indirect || !s->indirect ||
		    (data_op != BLKIF_OP_READ && data_op != BLKIF_OP_WRITE))
			return -EINVAL;
		op = BLKIF_OP_INDIRECT;
	}
	s->nr_grants = 0;
	if (op == BLKIF_OP_INDIRECT) {
		struct blkif_request_indirect *ind = (void *)req;
		int ref;

		n = grant_segments(info, s, rq, s->indirect);
		if (n < 0)
			goto nogrant;
		ref = gnttab_grant_foreign_access(info->dev->otherend_id,
						  pfn_to_mfn(PFN_DOWN(__pa(s->indirect))), true);
		if (ref < 0) {
			n = ref;
			goto nogrant;
		}
		s->indirect_ref = ref;
		s->indirect_granted = true;
		*ind = (struct blkif_request_indirect){
			.operation = BLKIF_OP_INDIRECT, .indirect_op = data_op,
			.nr_segments = n, .id = id, .sector_number = rq->sector,
			.handle = info->vdevice,
		};
		ind->indirect_grefs[0] = ref;
		/* blkback answers an indirect request with its indirect_op. */
		info->pend[id].operation = data_op;
	} else {
		n = grant_segments(info, s, rq, direct);
		if (n < 0)
			goto nogrant;
		*req = (struct blkif_request){
			.operation = op, .nr_segments = n, .handle = info->vdevice,
			.id = id, .sector_number = rq->sector,
		};
		memcpy(req->seg, direct, n * sizeof(direct[0]));
		info->pend[id].operation = op;
	}
	s->op = op;
	s->rq = rq;
	info->pend[id].waiting = true;
	info->ring.req_prod_pvt++;
	return 0;

nogrant:
	end_grants(s);
	return n == -ENOSPC ? -EBUSY : n;
}

static int blkfront_submit(struct gendisk *d, struct blk_request *rq)
{
	struct blkfront_info *info = d->private_data;
	unsigned long flags;
	int id, err, notify;

	if (rq->op == REQ_OP_FLUSH && !info->feature_flush && !info->feature_barrier)
		return -EOPNOTSUPP;
	spin_lock_irqsave(&info->lock, flags);
	err = -EIO;
	if (info->state != BLKFRONT_CONNECTED)
		goto out;
	take_responses(info);
	/* What it just read may have been a lie that disabled the device. */
	if (info->state != BLKFRONT_CONNECTED)
		goto out;
	err = -EBUSY;
	id = free_slot(info);
	if (id < 0 || RING_FULL(&info->ring))
		goto out;
	err = queue_one(info, id, rq);
	if (err)
		goto out;
	RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&info->ring, notify);
	if (notify)
		notify_remote_via_evtchn(info->port);
out:
	spin_unlock_irqrestore(&info->lock, flags);
	return err;
}

static const struct block_device_operations blkfront_ops = {
	.submit = blkfront_submit,
	.poll = blkfront_poll,
};

/* --- the connection ------------------------------------------------------------ */

static u64 read_or(struct xenbus_device *dev, const char *node, u64 dflt)
{
	u64 v;

	return xenbus_read_u64(XBT_NIL, dev->otherend, node, &v) ? dflt : v;
}

/* Undo what setup_ring did; the lock not held, the port not in use. */
static void free_ring(struct blkfront_info *info)
{
	unsigned int i;

	if (info->bound)
		unbind_from_handler(info->port);
	else if (info->port)
		xenbus_free_evtchn(info->dev, info->port);
	info->bound = false;
	info->port = 0;
	for (i = 0; i < info->nr_slots; i++) {
		if (info->slot[i].indirect && !info->slot[i].indirect_granted)
			free_page(info->slot[i].indirect);
		info->slot[i].indirect = NULL;
		blkfront_bounce_free(&info->slot[i].bounce);
	}
	if (info->sring) {
		bool held = false;

		/*
		 * A page the backend still maps is never ours again: its
		 * grant ends later (gnttab_reap) and the ring is left.
		 */
		for (i = 0; i < info->nr_ring_pages; i++) {
			if (!gnttab_end_foreign_access_ref(info->ring_refs[i]))
				continue;
			gnttab_end_foreign_access(info->ring_refs[i], NULL);
			held = true;
		}
		if (held)
			pr_warn("%s: backend still maps the ring: %u page(s) left to it\n",
				info->dev->nodename, info->nr_ring_pages);
		else
			free_pages(info->sring, info->order);
		info->sring = NULL;
	}
	info->nr_slots = 0;
}

/*
 * No more I/O: what is in flight fails, the disk goes.  The ring stays
 * until the backend has unmapped it (@free_it: it is Closed or gone).
 */
static void disconnect(struct blkfront_info *info, const char *why, bool free_it)
{
	unsigned long flags;

	spin_lock_irqsave(&info->lock, flags);
	if (info->state == BLKFRONT_CONNECTED)
		info->state = BLKFRONT_DISCONNECTED;
	fail_all(info);
	spin_unlock_irqrestore(&info->lock, flags);
	if (info->disk_added) {
		pr_info("%s: disconnected: %s\n", info->disk.name, why);
		info->disk.dead = true;
		del_gendisk(&info->disk);
		info->disk_added = false;
	}
	if (free_it)
		free_ring(info);
}

static int write_keys(struct xenbus_transaction t, void *data)
{
	struct blkfront_info *info = data;
	const char *node = info->dev->nodename;
	unsigned int i;
	int err;

	if (info->order) {
		err = xenbus_printf(t, node, "ring-page-order", "%u", info->order);
		for (i = 0; !err && i < info->nr_ring_pages; i++) {
			char key[16];

			snprintf(key, sizeof(key), "ring-ref%u", i);
			err = xenbus_printf(t, node, key, "%u", info->ring_refs[i]);
		}
	} else {
		err = xenbus_printf(t, node, "ring-ref", "%u", info->ring_refs[0]);
	}
	err = err ?: xenbus_printf(t, node, "event-channel", "%u", info->port);
	err = err ?: xenbus_write(t, node, "protocol", XEN_IO_PROTO_ABI_NATIVE);
	err = err ?: xenbus_write(t, node, "feature-persistent", "0");
	return err;
}

/* At the backend's InitWait: the ring, its grants and port, for it to map. */
static int setup_ring(struct blkfront_info *info)
{
	struct xenbus_device *dev = info->dev;
	u64 max_order = read_or(dev, "max-ring-page-order", 0);
	int err;

	info->bounce = blkfront_untrusted(dev);
	info->said_mapped = false;

	info->order = (unsigned int)min(max_order, (u64)BLKFRONT_MAX_ORDER);
	info->nr_ring_pages = 1u << info->order;
	info->sring = get_zeroed_pages(info->order);
	if (!info->sring)
		return -ENOMEM;
	SHARED_RING_INIT(info->sring);
	FRONT_RING_INIT(&info->ring, info->sring, PAGE_SIZE << info->order);
	info->nr_slots = min((unsigned int)RING_SIZE(&info->ring), (unsigned int)BLKFRONT_MAX_SLOTS);
	memset(info->pend, 0, sizeof(info->pend));
	memset(info->slot, 0, sizeof(info->slot));
	err = xenbus_grant_ring(dev, info->sring, info->nr_ring_pages, info->ring_refs);
	if (err) {
		free_pages(info->sring, info->order);
		info->sring = NULL;
		return err;
	}
	err = xenbus_alloc_evtchn(dev, &info->port);
	if (err)
		goto fail;
	err = bind_evtchn_to_handler_lateeoi(info->port, blkfront_event, info, "blkfront");
	if (err < 0)
		goto fail;
	info->bound = true;
	err = xenbus_transaction_run(write_keys, info);
	if (err)
		goto fail;
	pr_info("%s: ring of %u page(s), %u slots, port %u%s\n", dev->nodename,
		info->nr_ring_pages, info->nr_slots, info->port,
		info->bounce ? ", untrusted backend: bounce pages" : "");
	return xenbus_switch_state(dev, XenbusStateInitialised);
fail:
	free_ring(info);
	return err;
}

static void name_disk(struct blkfront_info *info)
{
	unsigned int major = info->vdevice >> 8, minor = info->vdevice & 0xff;

	/* 202: the xvd major; 16 minors a disk (Xen's vbd-interface.txt). */
	if (major == 202 && minor < 16 * 26 && !(minor % 16))
		snprintf(info->disk.name, sizeof(info->disk.name), "xvd%c", 'a' + minor / 16);
	else
		snprintf(info->disk.name, sizeof(info->disk.name), "vbd%u", info->vdevice);
}

/* At the backend's Connected: its size and features, then the disk. */
static int connect(struct blkfront_info *info)
{
	struct xenbus_device *dev = info->dev;
	struct gendisk *d = &info->disk;
	u64 sectors, ssize, vinfo, indirect;
	unsigned int i, segs;
	unsigned long flags;

	if (xenbus_read_u64(XBT_NIL, dev->otherend, "sectors", &sectors) ||
	    xenbus_read_u64(XBT_NIL, dev->otherend, "sector-size", &ssize)) {
		xenbus_dev_fatal(dev, -EINVAL, "backend %s gives no sectors/sector-size",
				 dev->otherend);
		return -EINVAL;
	}
	if (ssize < SECTOR_SIZE || ssize > PAGE_SIZE || (ssize & (ssize - 1))) {
		xenbus_dev_fatal(dev, -EINVAL, "backend sector-size %llu", (unsigned long long)ssize);
		return -EINVAL;
	}
	vinfo = read_or(dev, "info", 0);
	info->feature_flush = read_or(dev, "feature-flush-cache", 0) == 1;
	info->feature_barrier = read_or(dev, "feature-barrier", 0) == 1;
	indirect = read_or(dev, "feature-max-indirect-segments", 0);
	info->max_indirect = indirect > BLKIF_MAX_SEGMENTS_PER_REQUEST ?
		(unsigned int)min(indirect, (u64)BLKFRONT_MAX_INDIRECT) : 0;
	/* A bounce page per segment per slot: fewer segments, less memory. */
	if (info->bounce)
		info->max_indirect = min(info->max_indirect, (unsigned int)BLKFRONT_BOUNCE_SEGS);
	for (i = 0; info->max_indirect && i < info->nr_slots; i++) {
		info->slot[i].indirect = get_zeroed_page();
		if (!info->slot[i].indirect)
			info->max_indirect = 0;		/* direct requests only */
	}
	segs = info->max_indirect ?: BLKIF_MAX_SEGMENTS_PER_REQUEST;

	memset(d, 0, sizeof(*d));
	name_disk(info);
	/* Sectors are 512 bytes in blkif whatever the device's block. */
	d->capacity = sectors;
	d->sector_size = ssize;
	d->queue_depth = info->nr_slots;
	/* A page per segment; the buffer may start anywhere in its first. */
	d->max_sectors = (segs - 1) * (PAGE_SIZE >> SECTOR_SHIFT);
	d->ro = vinfo & VDISK_READONLY;
	d->flush = info->feature_flush || info->feature_barrier;
	d->fua = false;		/* blkif has none: a flush follows FUA writes */
	d->ops = &blkfront_ops;
	d->private_data = info;
	spin_lock_irqsave(&info->lock, flags);
	info->state = BLKFRONT_CONNECTED;
	spin_unlock_irqrestore(&info->lock, flags);
	info->connects++;
	pr_info("%s: %s connected: flush-cache %d barrier %d indirect %u segments, %u ring page(s), %s\n",
		dev->nodename, d->name, info->feature_flush, info->feature_barrier,
		info->max_indirect, info->nr_ring_pages,
		info->bounce ? "bounce pages" : "grants of the caller's pages");
	add_disk(d);
	info->disk_added = true;
	return xenbus_switch_state(dev, XenbusStateConnected);
}

static void backend_changed(struct xenbus_device *dev, enum xenbus_state be)
{
	struct blkfront_info *info = dev->priv;
	int err;

	switch (be) {
	case XenbusStateInitWait:
		if (dev->state != XenbusStateInitialising && dev->state != XenbusStateClosed)
			break;
		/* A backend that came back: start again from scratch. */
		if (dev->state == XenbusStateClosed)
			xenbus_switch_state(dev, XenbusStateInitialising);
		free_ring(info);	/* one the backend never said Closed to */
		err = setup_ring(info);
		if (err)
			xenbus_dev_fatal(dev, err, "setting up the ring");
		break;
	case XenbusStateConnected:
		if (dev->state == XenbusStateInitialised)
			connect(info);
		break;
	case XenbusStateClosing:
		if (dev->state == XenbusStateClosed)
			break;		/* done already */
		disconnect(info, "backend closing", false);
		xenbus_switch_state(dev, XenbusStateClosing);
		xenbus_switch_state(dev, XenbusStateClosed);
		break;
	case XenbusStateClosed:
	case XenbusStateUnknown:
		/* Gone, or never there: ready for it to come back. */
		disconnect(info, be == XenbusStateClosed ? "backend closed" : "backend gone", true);
		if (dev->state != XenbusStateInitialising)
			xenbus_switch_state(dev, XenbusStateClosed);
		break;
	default:
		break;
	}
}

static int blkfront_probe(struct xenbus_device *dev)
{
	struct blkfront_info *info;
	u64 vdev;

	if (!gnttab_ready())
		return -ENODEV;
	if (xenbus_read_u64(XBT_NIL, dev->nodename, "virtual-device", &vdev) || vdev > 0xffff)
		return -EINVAL;		/* extended ids are not for this kernel yet */
	info = kzalloc(sizeof(*info));
	if (!info)
		return -ENOMEM;
	info->dev = dev;
	info->vdevice = vdev;
	spin_lock_init(&info->lock);
	dev->priv = info;
	return xenbus_switch_state(dev, XenbusStateInitialising);
}

static void blkfront_remove(struct xenbus_device *dev)
{
	struct blkfront_info *info = dev->priv;

	if (!info)
		return;
	disconnect(info, "removed", true);
	kfree(info);
	dev->priv = NULL;
}

static struct xenbus_driver blkfront_driver = {
	.type = "vbd",
	.probe = blkfront_probe,
	.otherend_changed = backend_changed,
	.remove = blkfront_remove,
};

static bool registered;

int xen_blkfront_init(void)
{
	struct xenbus_device *dev;
	unsigned int i;
	int n;

	if (registered)
		return 0;
	/*
	 * A PV or a PVH domU: what we grant is pfn_to_mfn()'s frame, which
	 * for a PVH guest (no P2M runs: every pfn 1:1, p2m.c) is the gfn
	 * Xen's grant table wants of a translated guest.
	 */
	if (!xen_domain() || xen_initial_domain() || !xenbus_ready() || !gnttab_ready())
		return -ENODEV;
	n = xenbus_register_frontend(&blkfront_driver, NULL);
	if (n < 0)
		return n;
	registered = true;
	/* Wait for each disk the toolstack gave us, bounded. */
	for (i = 0; (dev = xenbus_find_device("vbd", i)); i++) {
		struct blkfront_info *info = dev->priv;
		u64 start = sched_clock();

		while (!info->disk_added && dev->state != XenbusStateClosed &&
		       sched_clock() - start < (u64)CONNECT_TIMEOUT_MS * 1000000)
			xenbus_wait_for_watches(100);
		if (!info->disk_added)
			pr_err("%s: not connected after %u ms (ours %s, backend %s)\n",
			       dev->nodename, CONNECT_TIMEOUT_MS, xenbus_strstate(dev->state),
			       xenbus_strstate(dev->otherend_state));
	}
	return n;
}

/*
 * Close and connect again from our side, as after a resume: Closing
 * (blkback closes too and goes Closed), then Initialising, which blkback
 * takes as a reconnect (InitWait again); the rest is backend_changed's
 * usual path, with a fresh ring and fresh grants.
 */
int xen_blkfront_reconnect(struct gendisk *d, unsigned int ms)
{
	struct blkfront_info *info = d->private_data;
	struct xenbus_device *dev = info->dev;
	unsigned int before = info->connects;
	u64 start = sched_clock(), limit = (u64)ms * 1000000;
	int err;

	/*
	 * Closing, then Closed once the backend closes too, then Closed on
	 * both ends; a disabled device may be half way there already (it
	 * said Closing itself), and a backend left in Closing waits for our
	 * Closed, so each end's state is looked at, not assumed.
	 */
	if (dev->state != XenbusStateClosed || dev->otherend_state != XenbusStateClosed) {
		err = xenbus_switch_state(dev, XenbusStateClosing);
		while (!err && dev->otherend_state != XenbusStateClosing &&
		       dev->otherend_state != XenbusStateClosed) {
			if (sched_clock() - start >= limit)
				return -ETIMEDOUT;
			xenbus_wait_for_watches(10);
		}
		err = err ?: xenbus_switch_state(dev, XenbusStateClosed);
		err = err ?: xenbus_wait_otherend(dev, XenbusStateClosed, ms);
		if (err)
			return err;
	}
	err = xenbus_switch_state(dev, XenbusStateInitialising);
	if (err)
		return err;
	while (info->connects == before || dev->state != XenbusStateConnected) {
		u64 spent = sched_clock() - start;

		if (spent >= limit)
			return -ETIMEDOUT;
		xenbus_wait_for_watches((limit - spent) / 1000000 + 1);
	}
	return 0;
}

unsigned int xen_blkfront_connects(struct gendisk *d)
{
	return ((struct blkfront_info *)d->private_data)->connects;
}

bool xen_blkfront_broken(struct gendisk *d, const char **rule)
{
	struct blkfront_info *info = d->private_data;

	close_if_disabled(info);
	if (rule)
		*rule = blkif_rule_name(info->fault.rule);
	return info->state == BLKFRONT_BROKEN;
}

struct blkif_sring *xen_blkfront_sring(struct gendisk *d)
{
	return ((struct blkfront_info *)d->private_data)->sring;
}

bool xen_blkfront_bounces(struct gendisk *d)
{
	return ((struct blkfront_info *)d->private_data)->bounce;
}
