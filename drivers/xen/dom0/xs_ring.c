// SPDX-License-Identifier: GPL-2.0
/*
 * The xenstore server's rings: each introduced domain's page (struct
 * xenstore_domain_interface) served from dom0, requests taken from req[]
 * and replies and watch events written to rsp[].
 *
 * The page is the guest's to write: the indices it owns (req_prod,
 * rsp_cons) are read once per pass and checked against our own copies
 * of the ones we own (req_cons, rsp_prod, never read back), so no byte
 * outside the ring is ever touched and a bad index (more than a ring's
 * worth between the two) or a header announcing more than
 * XENSTORE_PAYLOAD_MAX drops the connection for good, printed once,
 * with XENSTORE_ERROR_RINGIDX or _PROTO in the page's error field.
 *
 * Fairness: xsd_poll() serves each connection at most XSD_POLL_BUDGET
 * requests, and none while XSD_QUOTA_OUTSTANDING of its replies wait
 * for room, so a domain that floods or never reads cannot starve the
 * others or grow dom0's queues.  The port is bound with late EOI: it
 * stays masked from an event until the pass that served it.
 */
#define pr_fmt(fmt) "xenstored: " fmt

#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/barrier.h>
#include <asm/traps.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include <xen/events.h>
#include "xs_glue.h"

struct xsd_ring {
	struct list_head list;
	domid_t domid;
	struct xenstore_domain_interface *intf;
	evtchn_port_t port;
	struct xsd_conn *conn;
	XENSTORE_RING_IDX req_cons, rsp_prod;	/* ours: written, never read */
	bool work;				/* the handler saw an event */
	bool dead;
	unsigned int got;			/* of the message being read */
	unsigned int out_off;			/* of the message being written */
	struct xsd_sockmsg hdr;
	char body[XENSTORE_PAYLOAD_MAX];
};

static LIST_HEAD(rings);
static bool work_flagged;

bool xsd_work_pending(void)
{
	return READ_ONCE(work_flagged);
}

/* The port's handler: only note the work; xsd_poll does it. */
static void ring_event(evtchn_port_t port, void *data)
{
	struct xsd_ring *r = data;

	WRITE_ONCE(r->work, true);
	WRITE_ONCE(work_flagged, true);
}

static struct xsd_ring *find_ring(domid_t domid)
{
	struct xsd_ring *r;

	list_for_each_entry(r, &rings, list)
		if (r->domid == domid)
			return r;
	return NULL;
}

static void drop(struct xsd_ring *r, u32 error, const char *why, u32 a, u32 b)
{
	r->dead = true;
	WRITE_ONCE(r->intf->error, error);
	pr_err("domain %u: %s (%u, %u): connection dropped\n", r->domid, why, a, b);
}

/* Copy queued messages into rsp[] while it has room; whether any moved. */
static bool flush(struct xsd_ring *r)
{
	XENSTORE_RING_IDX cons = READ_ONCE(r->intf->rsp_cons);
	struct xsd_msg *m;
	bool moved = false;
	unsigned int total;
	const u8 *src;

	if (r->rsp_prod - cons > XENSTORE_RING_SIZE) {
		drop(r, XENSTORE_ERROR_RINGIDX, "response ring indices impossible",
		     cons, r->rsp_prod);
		return false;
	}
	virt_mb();	/* the guest is done with what it consumed */
	while ((m = xsd_out_peek(r->conn)) && r->rsp_prod - cons < XENSTORE_RING_SIZE) {
		total = sizeof(m->hdr) + m->hdr.len;
		while (r->out_off < total && r->rsp_prod - cons < XENSTORE_RING_SIZE) {
			src = r->out_off < sizeof(m->hdr) ? (const u8 *)&m->hdr + r->out_off :
				(const u8 *)m->body + r->out_off - sizeof(m->hdr);
			r->intf->rsp[MASK_XENSTORE_IDX(r->rsp_prod)] = *src;
			r->rsp_prod++;
			r->out_off++;
			moved = true;
		}
		if (r->out_off < total)
			break;
		r->out_off = 0;
		xsd_out_pop(r->conn);
	}
	if (moved) {
		virt_wmb();	/* the bytes before the index that shows them */
		WRITE_ONCE(r->intf->rsp_prod, r->rsp_prod);
	}
	return moved;
}

/*
 * Take request bytes until one message is whole: 1 then, 0 if the ring
 * ran dry first, -1 if the connection was dropped.
 */
static int pull(struct xsd_ring *r)
{
	XENSTORE_RING_IDX prod = READ_ONCE(r->intf->req_prod);
	unsigned int want;
	u8 *dst;

	if (prod - r->req_cons > XENSTORE_RING_SIZE) {
		drop(r, XENSTORE_ERROR_RINGIDX, "request ring indices impossible",
		     r->req_cons, prod);
		return -1;
	}
	virt_rmb();	/* the index before the bytes it shows */
	for (;;) {
		want = r->got < sizeof(r->hdr) ? sizeof(r->hdr) : sizeof(r->hdr) + r->hdr.len;
		if (r->got == want && r->got >= sizeof(r->hdr))
			return 1;
		if (r->req_cons == prod)
			return 0;
		dst = r->got < sizeof(r->hdr) ? (u8 *)&r->hdr + r->got :
			(u8 *)r->body + r->got - sizeof(r->hdr);
		*dst = r->intf->req[MASK_XENSTORE_IDX(r->req_cons)];
		r->req_cons++;
		r->got++;
		if (r->got == sizeof(r->hdr) && r->hdr.len > XENSTORE_PAYLOAD_MAX) {
			drop(r, XENSTORE_ERROR_PROTO, "message over XENSTORE_PAYLOAD_MAX (type, len)",
			     r->hdr.type, r->hdr.len);
			return -1;
		}
	}
}

/* Lock held: up to XSD_POLL_BUDGET requests; whether more are waiting. */
static bool serve(struct xsd_ring *r)
{
	unsigned int budget = XSD_POLL_BUDGET;
	XENSTORE_RING_IDX cons0 = r->req_cons;
	bool moved = flush(r), more = false;
	int ret;

	while (!r->dead && xsd_out_replies(r->conn) < XSD_QUOTA_OUTSTANDING) {
		if (!budget--) {
			more = true;
			break;
		}
		ret = pull(r);
		if (ret <= 0)
			break;
		xsd_request(xsd_srv, r->conn, &r->hdr, r->body);
		r->got = 0;
		moved |= flush(r);
	}
	if (r->dead)
		return false;
	if (r->req_cons != cons0) {
		virt_mb();	/* done reading before the guest may overwrite */
		WRITE_ONCE(r->intf->req_cons, r->req_cons);
	}
	if (moved || r->req_cons != cons0)
		notify_remote_via_evtchn(r->port);
	/* Events queued by other domains' requests may still wait for room. */
	return more || (xsd_out_peek(r->conn) &&
			r->rsp_prod - READ_ONCE(r->intf->rsp_cons) < XENSTORE_RING_SIZE);
}

bool xsd_poll(void)
{
	struct xsd_ring *r;
	bool more = false, again;

	if (!xsd_srv)
		return false;
	WRITE_ONCE(work_flagged, false);
	spin_lock(&xsd_lock);
	list_for_each_entry(r, &rings, list) {
		bool had = READ_ONCE(r->work);

		if (r->dead)
			continue;
		WRITE_ONCE(r->work, false);
		again = serve(r);
		more |= again;
		if (had)
			xen_evtchn_lateeoi(r->port, false);
	}
	spin_unlock(&xsd_lock);
	return more;
}

/* Lock held. */
static int ring_add(domid_t domid, struct xenstore_domain_interface *intf,
		    evtchn_port_t port)
{
	XENSTORE_RING_IDX qc = READ_ONCE(intf->req_cons), qp = READ_ONCE(intf->req_prod);
	XENSTORE_RING_IDX rc = READ_ONCE(intf->rsp_cons), rp = READ_ONCE(intf->rsp_prod);
	struct xsd_ring *r;
	int err;

	if (qp - qc > XENSTORE_RING_SIZE || rp - rc > XENSTORE_RING_SIZE) {
		pr_err("domain %u: ring indices impossible at introduce (req %u/%u, rsp %u/%u)\n",
		       domid, qc, qp, rc, rp);
		return -EINVAL;
	}
	r = kzalloc(sizeof(*r));
	if (!r)
		return -ENOMEM;
	r->domid = domid;
	r->intf = intf;
	r->port = port;
	/* Whatever the guest already sent is served, from where it is. */
	r->req_cons = qc;
	r->rsp_prod = rp;
	err = xsd_domain_add(xsd_srv, domid, r, &r->conn);
	if (err) {
		kfree(r);
		return err;
	}
	WRITE_ONCE(intf->server_features, 0);
	WRITE_ONCE(intf->connection, XENSTORE_CONNECTED);
	err = bind_evtchn_to_handler_lateeoi(port, ring_event, r, "xenstored");
	if (err < 0) {
		xsd_domain_remove(xsd_srv, domid);
		kfree(r);
		return err;
	}
	list_add_tail(&r->list, &rings);
	r->work = true;			/* serve what came before the binding */
	WRITE_ONCE(work_flagged, true);
	return 0;
}

int xsd_introduce(domid_t domid, struct xenstore_domain_interface *ring_va,
		  evtchn_port_t dom0_port)
{
	int err;

	if (!xsd_srv)
		return -ENODEV;
	if (in_interrupt())
		return -EBUSY;
	spin_lock(&xsd_lock);
	err = ring_add(domid, ring_va, dom0_port);
	spin_unlock(&xsd_lock);
	if (!err)
		pr_info("domain %u introduced (port %u)\n", domid, dom0_port);
	return err;
}

/* Lock held. */
static int ring_remove(domid_t domid)
{
	struct xsd_ring *r = find_ring(domid);
	int err;

	if (!r)
		return xsd_conn_of(xsd_srv, domid) ? xsd_domain_remove(xsd_srv, domid) : -ENOENT;
	unbind_from_handler(r->port);
	list_del(&r->list);
	err = xsd_domain_remove(xsd_srv, domid);
	kfree(r);
	return err;
}

void xsd_release(domid_t domid)
{
	int err;

	if (!xsd_srv)
		return;
	spin_lock(&xsd_lock);
	err = ring_remove(domid);
	spin_unlock(&xsd_lock);
	if (err)
		pr_warn("release of domain %u: %d\n", domid, err);
}

/*
 * INTRODUCE on the wire names the guest's page by mfn and its port by
 * the guest's number.  Only a page of dom0's own can be used here (the
 * domain builder maps a guest's and calls xsd_introduce()).
 */
int xsd_ring_introduce_hook(struct xsd_server *s, domid_t domid, u64 mfn,
			    evtchn_port_t port)
{
	struct evtchn_bind_interdomain bind = { .remote_dom = domid, .remote_port = port };
	void *va = xen_mfn_to_virt(mfn);
	struct evtchn_close close;
	int err;

	if (!va || !domid || domid >= DOMID_FIRST_RESERVED)
		return -EINVAL;
	if (find_ring(domid) || xsd_conn_of(s, domid))
		return -EEXIST;
	err = HYPERVISOR_event_channel_op(EVTCHNOP_bind_interdomain, &bind);
	if (err)
		return -EINVAL;
	err = ring_add(domid, va, bind.local_port);
	if (err) {
		close.port = bind.local_port;
		HYPERVISOR_event_channel_op(EVTCHNOP_close, &close);
	}
	return err;
}

int xsd_ring_release_hook(struct xsd_server *s, domid_t domid)
{
	return ring_remove(domid);
}
