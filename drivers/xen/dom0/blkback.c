// SPDX-License-Identifier: GPL-2.0
/*
 * Block backend: one RAM disk per guest, served to its blkfront as
 * xvda (virtual-device 51712) over the blkif protocol (xen/include/
 * public/io/blkif.h), the job Linux's blkback and libxl do for xl.
 *
 * dom0 writes both halves of the device's xenstore entries before the
 * guest runs (the toolstack's part), goes to InitWait, and once the
 * frontend is Initialised maps its ring pages by grant, binds its event
 * channel and says Connected.  Data moves by grant copy between the
 * frontend's granted pages and the disk's, so dom0 never maps a guest
 * buffer.  Everything runs from the service loop, never in the event
 * handler.
 *
 * The frontend is not trusted.  Each request is copied out of the ring
 * once and checked (blkback_req.c); a bad one is answered with an error
 * and costs the frontend nothing else.  A producer index more than a
 * ring ahead breaks the device for good: it goes to Closing with the
 * rule named, and nothing more is read from that ring.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <asm/barrier.h>
#include <asm/io.h>
#include <asm/page.h>
#include <asm/xen/page.h>
#include <asm/xen/hypercall.h>
#include <xen/events.h>
#include <xen/foreign.h>
#include <xen/grant_table.h>
#include <xen/xenbus.h>
#include <xen/interface/io/protocols.h>
#include "blkback.h"
#include "guest.h"
#include "vbd.h"

#define VBD_DEVID		51712		/* xvda: major 202, minor 0 */
#define VBD_MAX_RING_ORDER	2
#define VBD_BUDGET		32		/* requests per pass */

/* A guest that sends bad requests by the million gets a few lines. */
#define VBD_COMPLAINTS	8
#define vbd_complain(v, fmt, ...) do {						\
	if ((v)->complaints < VBD_COMPLAINTS)					\
		pr_err("dom0: vbd d%u: " fmt "%s\n", (v)->fe, ##__VA_ARGS__,	\
		       ++(v)->complaints == VBD_COMPLAINTS ? " (no more of these)" : ""); \
} while (0)

/*
 * Late EOI (XSA-332): the port stays masked from this event until the
 * loop has served the ring, so a frontend cannot make dom0 take events
 * faster than it serves them.
 */
static void vbd_event(evtchn_port_t port, void *data)
{
	struct dom0_vbd *v = data;

	WRITE_ONCE(v->kicked, true);
	dom0_wake();
}

static int write_nodes(struct xenbus_transaction t, void *data)
{
	struct dom0_vbd *v = data;
	const char *fe_perms[2];
	const char *be_perms[2];
	char p0[16], p1[16];
	int err;

	/* The frontend's directory is the guest's; ours it may read. */
	snprintf(p0, sizeof(p0), "n%u", v->fe);
	snprintf(p1, sizeof(p1), "r0");
	fe_perms[0] = p0;
	fe_perms[1] = p1;
	snprintf(p1, sizeof(p1), "r%u", v->fe);
	be_perms[0] = "n0";
	be_perms[1] = p1;

	/* libxl makes the guest's device directories its own, readable. */
	err = xenbus_mkdir(t, v->fe_home, "device");
	err = err ?: xenbus_set_perms(t, v->fe_home, "device", fe_perms, 2);
	err = err ?: xenbus_mkdir(t, v->fe_home, "device/vbd");
	err = err ?: xenbus_set_perms(t, v->fe_home, "device/vbd", fe_perms, 2);
	err = err ?: xenbus_mkdir(t, v->fe_path, "");
	err = err ?: xenbus_set_perms(t, v->fe_path, "", fe_perms, 2);
	err = err ?: xenbus_write(t, v->fe_path, "backend", v->be_path);
	err = err ?: xenbus_write(t, v->fe_path, "backend-id", "0");
	err = err ?: xenbus_printf(t, v->fe_path, "virtual-device", "%u", VBD_DEVID);
	err = err ?: xenbus_write(t, v->fe_path, "device-type", "disk");
	err = err ?: xenbus_printf(t, v->fe_path, "state", "%u", XenbusStateInitialising);

	/* Made and opened to the guest first: children take their parent's. */
	err = err ?: xenbus_mkdir(t, v->be_path, "");
	err = err ?: xenbus_set_perms(t, v->be_path, "", be_perms, 2);
	err = err ?: xenbus_write(t, v->be_path, "frontend", v->fe_path);
	err = err ?: xenbus_printf(t, v->be_path, "frontend-id", "%u", v->fe);
	err = err ?: xenbus_write(t, v->be_path, "online", "1");
	err = err ?: xenbus_write(t, v->be_path, "mode", "w");
	err = err ?: xenbus_printf(t, v->be_path, "sectors", "%llu", v->sectors);
	err = err ?: xenbus_printf(t, v->be_path, "sector-size", "%u", BLKBACK_SECTOR);
	err = err ?: xenbus_write(t, v->be_path, "info", "0");
	err = err ?: xenbus_write(t, v->be_path, "feature-flush-cache", "1");
	err = err ?: xenbus_printf(t, v->be_path, "max-ring-page-order", "%u", VBD_MAX_RING_ORDER);
	err = err ?: xenbus_printf(t, v->be_path, "state", "%u", XenbusStateInitWait);
	return err;
}

static void set_state(struct dom0_vbd *v, enum xenbus_state s)
{
	int err = xenbus_printf(XBT_NIL, v->be_path, "state", "%u", s);

	if (err)
		pr_err("dom0: vbd d%u: cannot say %s: %d\n", v->fe, xenbus_strstate(s), err);
	v->be_state = s;
}

static void fail(struct dom0_vbd *v, const char *rule)
{
	pr_err("dom0: vbd d%u: the frontend broke the blkif protocol: %s; device closed\n",
	       v->fe, rule);
	v->broken = true;
	set_state(v, XenbusStateClosing);
}

int dom0_vbd_create(struct dom0_vbd *v, domid_t fe, unsigned long disk_kb)
{
	unsigned long i;
	int err;

	memset(v, 0, sizeof(*v));
	v->fe = fe;
	/* Whole pages only: every sector in range has its page. */
	v->nr_pages = disk_kb / 4;
	v->sectors = (u64)v->nr_pages * BLKBACK_SECTORS_PER_PAGE;
	if (!v->nr_pages)
		return -EINVAL;
	v->pages_order = get_order(v->nr_pages * sizeof(void *));
	v->pages = get_zeroed_pages(v->pages_order);
	if (!v->pages)
		return -ENOMEM;
	for (i = 0; i < v->nr_pages; i++) {
		v->pages[i] = get_zeroed_pages(0);
		if (!v->pages[i]) {
			dom0_vbd_destroy(v);
			return -ENOMEM;
		}
	}
	snprintf(v->fe_home, sizeof(v->fe_home), "/local/domain/%u", fe);
	snprintf(v->fe_path, sizeof(v->fe_path), "/local/domain/%u/device/vbd/%u", fe, VBD_DEVID);
	snprintf(v->be_path, sizeof(v->be_path), "/local/domain/0/backend/vbd/%u/%u", fe,
		 VBD_DEVID);
	err = xenbus_transaction_run(write_nodes, v);
	if (err) {
		pr_err("dom0: vbd d%u: cannot write its xenstore entries: %d\n", fe, err);
		dom0_vbd_destroy(v);
		return err;
	}
	v->be_state = XenbusStateInitWait;
	v->ring_va = xen_foreign_slots_get(1U << VBD_MAX_RING_ORDER);
	if (!v->ring_va) {
		dom0_vbd_destroy(v);
		return -ENOMEM;
	}
	pr_info("dom0: vbd d%u: xvda, a RAM disk of %lu KiB\n", fe, v->nr_pages * 4);
	return 0;
}

static void disconnect(struct dom0_vbd *v)
{
	unsigned int i;

	if (v->port) {
		unbind_from_handler(v->port);
		v->port = 0;
	}
	for (i = 0; i < v->ring_pages; i++)
		if (gnttab_unmap_one(v->ring_va + i * PAGE_SIZE, v->handles[i]))
			v->slots_lost = true;	/* Xen may still map there */
	v->ring_pages = 0;
}

static int connect(struct dom0_vbd *v)
{
	struct evtchn_bind_interdomain bind = { .remote_dom = v->fe };
	u64 order = 0, ref, port;
	char *proto = NULL;
	unsigned int i, len;
	long rc;

	if (!xenbus_read(XBT_NIL, v->fe_path, "protocol", &proto, &len)) {
		bool native = !strcmp(proto, XEN_IO_PROTO_ABI_NATIVE);

		kfree(proto);
		if (!native) {
			fail(v, "a ring protocol other than the native one");
			return -EINVAL;
		}
	}
	if (xenbus_read_u64(XBT_NIL, v->fe_path, "ring-page-order", &order))
		order = 0;
	if (order > VBD_MAX_RING_ORDER) {
		fail(v, "a ring larger than max-ring-page-order");
		return -EINVAL;
	}
	if (xenbus_read_u64(XBT_NIL, v->fe_path, "event-channel", &port) || port > 0xffffffffULL) {
		fail(v, "no event-channel");
		return -EINVAL;
	}
	for (i = 0; i < (1U << order); i++) {
		char key[16];
		s16 st;

		if (order)
			snprintf(key, sizeof(key), "ring-ref%u", i);
		else
			strscpy(key, "ring-ref", sizeof(key));
		if (xenbus_read_u64(XBT_NIL, v->fe_path, key, &ref) || ref > 0xffffffffULL) {
			fail(v, "a ring-ref missing");
			goto undo;
		}
		if (gnttab_map_one(v->fe, ref, v->ring_va + i * PAGE_SIZE, false, &v->handles[i],
				   &st)) {
			pr_err("dom0: vbd d%u: ring-ref %llu did not map (status %d)\n", v->fe, ref,
			       st);
			fail(v, "a ring-ref that does not map");
			goto undo;
		}
		v->ring_pages++;
	}
	bind.remote_port = port;
	rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_interdomain, &bind);
	if (rc) {
		pr_err("dom0: vbd d%u: event channel %llu: %s\n", v->fe, port, xen_errname(rc));
		fail(v, "an event-channel that does not bind");
		goto undo;
	}
	if (bind_evtchn_to_handler_lateeoi(bind.local_port, vbd_event, v, "dom0-vbd") < 0) {
		struct evtchn_close close = { .port = bind.local_port };

		HYPERVISOR_event_channel_op(EVTCHNOP_close, &close);
		fail(v, "dom0 could not take its event channel");
		goto undo;
	}
	v->port = bind.local_port;
	BACK_RING_INIT(&v->ring, (struct blkif_sring *)v->ring_va, PAGE_SIZE << order);
	set_state(v, XenbusStateConnected);
	pr_info("dom0: vbd d%u: connected, ring of %u page%s, event channel %u\n", v->fe,
		v->ring_pages, v->ring_pages == 1 ? "" : "s", v->port);
	return 0;
undo:
	disconnect(v);
	return -EIO;
}

/* The copy ops of one checked request, split at the disk's pages. */
static int do_io(struct dom0_vbd *v, const struct blkback_req *q)
{
	struct gnttab_copy ops[2 * BLKIF_MAX_SEGMENTS_PER_REQUEST];
	u64 at = q->sector * BLKBACK_SECTOR;
	unsigned int i, n = 0;

	for (i = 0; i < q->nr_segs; i++) {
		unsigned int off = q->seg[i].first * BLKBACK_SECTOR;
		unsigned int left = q->seg[i].count * BLKBACK_SECTOR;

		while (left) {
			unsigned long page = at >> PAGE_SHIFT;
			unsigned int poff = at & ~PAGE_MASK;
			unsigned int chunk = min(left, (unsigned int)PAGE_SIZE - poff);
			struct gnttab_copy *op = &ops[n++];
			xen_pfn_t mfn = pfn_to_mfn(PFN_DOWN(__pa(v->pages[page])));

			memset(op, 0, sizeof(*op));
			op->len = chunk;
			if (q->write) {
				op->source.u.ref = q->seg[i].gref;
				op->source.domid = v->fe;
				op->source.offset = off;
				op->dest.u.gmfn = mfn;
				op->dest.domid = DOMID_SELF;
				op->dest.offset = poff;
				op->flags = GNTCOPY_source_gref;
			} else {
				op->source.u.gmfn = mfn;
				op->source.domid = DOMID_SELF;
				op->source.offset = poff;
				op->dest.u.ref = q->seg[i].gref;
				op->dest.domid = v->fe;
				op->dest.offset = off;
				op->flags = GNTCOPY_dest_gref;
			}
			off += chunk;
			at += chunk;
			left -= chunk;
		}
	}
	if (!n)
		return 0;
	if (gnttab_copy(ops, n))
		return -EIO;
	for (i = 0; i < n; i++)
		if (ops[i].status != GNTST_okay) {
			v->errors++;
			vbd_complain(v, "grant copy of ref %u: status %d",
				     q->write ? ops[i].source.u.ref : ops[i].dest.u.ref,
				     ops[i].status);
			return -EIO;
		}
	return 0;
}

static void respond(struct dom0_vbd *v, u64 id, u8 op, s16 status)
{
	struct blkif_response *rsp = RING_GET_RESPONSE(&v->ring, v->ring.rsp_prod_pvt);

	rsp->id = id;
	rsp->operation = op;
	rsp->status = status;
	v->ring.rsp_prod_pvt++;
}

/* Requests up to the producer, at most the budget: false on a broken ring. */
static bool serve_batch(struct dom0_vbd *v, unsigned int *done)
{
	RING_IDX rc = v->ring.req_cons, rp;

	rp = READ_ONCE(v->ring.sring->req_prod);
	virt_rmb();		/* the requests after the index that covers them */
	if (rp - rc > RING_SIZE(&v->ring)) {
		fail(v, "request producer more than a ring ahead");
		return false;
	}
	while (rc != rp && *done < VBD_BUDGET) {
		struct blkif_request req;
		struct blkback_req q;
		const char *why = NULL;
		int st;

		/* One copy: the frontend may rewrite the slot under us. */
		memcpy(&req, RING_GET_REQUEST(&v->ring, rc), sizeof(req));
		barrier();
		v->ring.req_cons = ++rc;
		st = blkback_check_req(&req, v->sectors, true, &q, &why);
		if (st) {
			v->bad++;
			vbd_complain(v, "request id %llu refused: %s",
				     (unsigned long long)req.id, why);
		} else {
			st = do_io(v, &q) ? BLKIF_RSP_ERROR : BLKIF_RSP_OKAY;
		}
		respond(v, req.id, req.operation, st);
		v->reqs++;
		(*done)++;
	}
	return true;
}

/*
 * A budget's worth of requests.  With budget left and the ring empty,
 * req_event asks the frontend for an event on its next request (the
 * final check of ring.h), so none waits for the loop's next tick.
 */
static unsigned int serve(struct dom0_vbd *v)
{
	unsigned int done = 0;
	int notify, more;

	for (;;) {
		if (!serve_batch(v, &done))
			break;
		if (done >= VBD_BUDGET)
			break;
		RING_FINAL_CHECK_FOR_REQUESTS(&v->ring, more);
		if (!more)
			break;
	}
	if (done) {
		RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(&v->ring, notify);
		if (notify)
			notify_remote_via_evtchn(v->port);
	}
	return done;
}

unsigned int dom0_vbd_poll(struct dom0_vbd *v)
{
	u64 fe_state = XenbusStateUnknown;
	unsigned int done = 0;

	if (!v->be_path[0] || (v->broken && v->be_state == XenbusStateClosed))
		return 0;
	if (v->be_state == XenbusStateConnected && !v->broken) {
		bool kicked = READ_ONCE(v->kicked);

		WRITE_ONCE(v->kicked, false);
		done = serve(v);
		v->since_eoi += done;
		/*
		 * Spurious only if nothing came since the last EOI: a pass may
		 * serve requests before their event is even handled.
		 */
		if (kicked) {
			xen_evtchn_lateeoi(v->port, !v->since_eoi);
			v->since_eoi = 0;
		}
		if (done)
			return done;
	}
	if (xenbus_read_u64(XBT_NIL, v->fe_path, "state", &fe_state))
		fe_state = XenbusStateUnknown;
	if (v->broken || fe_state == XenbusStateClosing || fe_state == XenbusStateClosed) {
		if (v->be_state != XenbusStateClosed && (v->broken || v->ring_pages ||
							 fe_state == XenbusStateClosed)) {
			disconnect(v);
			set_state(v, XenbusStateClosed);
		}
		return 0;
	}
	/* A frontend starting over after a close: as Linux's blkback, again. */
	if (v->be_state == XenbusStateClosed && fe_state == XenbusStateInitialising) {
		pr_info("dom0: vbd d%u: the frontend starts over: InitWait\n", v->fe);
		set_state(v, XenbusStateInitWait);
	}
	if (v->be_state == XenbusStateInitWait &&
	    (fe_state == XenbusStateInitialised || fe_state == XenbusStateConnected))
		connect(v);
	return 0;
}

void dom0_vbd_destroy(struct dom0_vbd *v)
{
	unsigned long i;

	disconnect(v);
	if (v->be_path[0]) {
		xenbus_rm(XBT_NIL, v->be_path, "");
		xenbus_rm(XBT_NIL, v->fe_path, "");
		v->be_path[0] = '\0';
	}
	if (v->pages) {
		for (i = 0; i < v->nr_pages; i++)
			if (v->pages[i])
				free_pages(v->pages[i], 0);
		free_pages(v->pages, v->pages_order);
		v->pages = NULL;
	}
	if (v->ring_va && !v->slots_lost)
		xen_foreign_slots_put(v->ring_va, 1U << VBD_MAX_RING_ORDER);
	else if (v->ring_va)
		pr_err("dom0: vbd d%u: a ring page did not unmap: its slots stay out of use\n",
		       v->fe);
	v->ring_va = 0;
}

int dom0_vbd_read(struct dom0_vbd *v, u64 sector, void *buf, unsigned int nr)
{
	u64 at = sector * BLKBACK_SECTOR, end;

	if (sector >= v->sectors || nr > v->sectors - sector)
		return -EINVAL;
	end = at + (u64)nr * BLKBACK_SECTOR;
	while (at < end) {
		unsigned int poff = at & ~PAGE_MASK;
		unsigned int chunk = min(end - at, (u64)(PAGE_SIZE - poff));

		memcpy(buf, v->pages[at >> PAGE_SHIFT] + poff, chunk);
		buf += chunk;
		at += chunk;
	}
	return 0;
}
