// SPDX-License-Identifier: GPL-2.0
/*
 * The connection to xenstored: the ring page and event channel Xen named
 * in start_info, one request in flight at a time, its reply matched by
 * req_id and type, watch events queued for xenbus_xs.c to run.
 *
 * One vCPU: the rings and this file's state are touched only with events
 * masked (in the port's handler, or by a waiter that masked them), and
 * that is the lock.  A waiter blocks with safe_halt (SCHEDOP_block under
 * Xen), which unmasks and sleeps atomically, so an answer arriving
 * between its check and the block still wakes it; the tick wakes it too.
 *
 * Anything impossible the daemon writes (ring indices, a length over
 * XENSTORE_PAYLOAD_MAX, a reply to no request, a malformed watch event)
 * breaks the connection for good: the port is masked, the reason printed
 * once, and every later call fails with -EIO.  No answer in XB_TIMEOUT_S
 * breaks it too (a late reply could not be told from a stray one).
 */
#define pr_fmt(fmt) "xenbus: " fmt

#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/irqflags.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/traps.h>
#include <asm/tsc.h>
#include <xen/events.h>
#include <xen/xenstored.h>
#include "xenbus_comms.h"

#define NSEC_PER_SEC	1000000000ULL
/* Events nobody has run yet: beyond this a flood is dropped, counted. */
#define XB_MAX_EVENTS	256

static struct xenstore_domain_interface *intf;
static evtchn_port_t xb_port;
static bool connected;
static char broken[128];		/* why, once broken */
static struct xs_rx rx;			/* the message being assembled */

/* The request in flight and, once it came, its answer. */
static u32 next_req_id = 1;
static bool in_flight, answered;
static struct xs_pending pending;
static u32 reply_type;
static char *reply_body;		/* NULL: no memory for the copy */
static unsigned int reply_len;

static LIST_HEAD(events);
static unsigned int nr_events;
static unsigned long events_dropped;

/* dom0 with the in-kernel server and no ring: requests are calls. */
static bool local;

bool xb_connected(void)
{
	/* A ring attached (a test's fake daemon) wins over the local server. */
	if (connected)
		return !broken[0];
	return local;
}

bool xb_ring_attached(void)
{
	return connected;
}

static __printf(1, 2) void xb_break(const char *fmt, ...)
{
	va_list ap;

	if (broken[0])
		return;
	va_start(ap, fmt);
	vsnprintf(broken, sizeof(broken), fmt, ap);
	va_end(ap);
	if (!broken[0])
		strscpy(broken, "?", sizeof(broken));
	xen_evtchn_mask(xb_port);
	pr_err("connection broken: %s; xenstore is off\n", broken);
}

static void queue_event(const char *path, const char *token)
{
	size_t plen = strlen(path) + 1, tlen = strlen(token) + 1;
	struct xb_event *ev;

	if (nr_events >= XB_MAX_EVENTS || !(ev = kmalloc(sizeof(*ev) + plen + tlen))) {
		if (!events_dropped++)
			pr_warn("watch event for %s dropped (%u queued)\n", path, nr_events);
		return;
	}
	memcpy(ev->data, path, plen);
	memcpy(ev->data + plen, token, tlen);
	ev->path = ev->data;
	ev->token = ev->data + plen;
	list_add_tail(&ev->list, &events);
	nr_events++;
}

/* A whole message is in rx: a watch event, or the answer we wait for. */
static void dispatch(void)
{
	const struct xsd_sockmsg *h = &rx.hdr;
	const char *why, *path, *token;

	if (h->type == XS_WATCH_EVENT) {
		if (xs_parse_watch_event(rx.body, h->len, &path, &token))
			xb_break("watch event of %u bytes is not path and token", h->len);
		else
			queue_event(path, token);
		return;
	}
	if (!in_flight || answered) {
		xb_break("message type %u req_id %u with no request in flight",
			 h->type, h->req_id);
		return;
	}
	if (xs_check_reply(h, &pending, &why)) {
		xb_break("reply type %u req_id %u to request type %u req_id %u: %s",
			 h->type, h->req_id, pending.type, pending.req_id, why);
		return;
	}
	reply_body = kmalloc(h->len + 1);
	if (reply_body)
		memcpy(reply_body, rx.body, h->len + 1);
	reply_type = h->type;
	reply_len = h->len;
	answered = true;
}

/* Events masked: take every whole message the response ring holds. */
static void xb_poll(void)
{
	unsigned int got = rx.got;
	bool moved = false;
	int ret;

	if (!xb_connected())
		return;
	while ((ret = xs_rx_pull(&rx, intf)) > 0) {
		dispatch();
		xs_rx_reset(&rx);
		moved = true;
		if (broken[0])
			return;
	}
	if (ret == -E2BIG) {
		xb_break("message type %u announces %u bytes, over XENSTORE_PAYLOAD_MAX",
			 rx.hdr.type, rx.hdr.len);
		return;
	}
	if (ret < 0) {
		xb_break("response ring indices impossible (cons %u, prod %u)",
			 READ_ONCE(intf->rsp_cons), READ_ONCE(intf->rsp_prod));
		return;
	}
	/* The daemon may be waiting for the room we made. */
	if (moved || rx.got != got)
		notify_remote_via_evtchn(xb_port);
}

static void xb_event(evtchn_port_t port, void *data)
{
	xb_poll();
}

/*
 * Events masked: poll until @done() or @ns have passed.  0, -EIO if the
 * connection broke meanwhile, -ETIMEDOUT.
 */
static int xb_wait(bool (*done)(void), u64 ns)
{
	u64 start = sched_clock();

	for (;;) {
		xb_poll();
		if (broken[0])
			return -EIO;
		if (done())
			return 0;
		if (sched_clock() - start >= ns)
			return -ETIMEDOUT;
		safe_halt();
		local_irq_disable();
	}
}

static bool req_ring_has_room(void)
{
	/* Impossible indices count as room: the write then reports them. */
	return READ_ONCE(intf->req_prod) - READ_ONCE(intf->req_cons) != XENSTORE_RING_SIZE;
}

static bool is_answered(void)
{
	return answered;
}

static bool has_events(void)
{
	return !list_empty(&events);
}

static int xb_send(const void *data, unsigned int len)
{
	int n, err;

	while (len) {
		n = xs_ring_write(intf, data, len);
		if (n < 0) {
			xb_break("request ring indices impossible (cons %u, prod %u)",
				 READ_ONCE(intf->req_cons), READ_ONCE(intf->req_prod));
			return -EIO;
		}
		if (n)
			notify_remote_via_evtchn(xb_port);
		data = (const char *)data + n;
		len -= n;
		if (len) {
			err = xb_wait(req_ring_has_room, XB_TIMEOUT_S * NSEC_PER_SEC);
			if (err == -ETIMEDOUT)
				xb_break("request ring full for %u s", XB_TIMEOUT_S);
			if (err)
				return err;
		}
	}
	return 0;
}

/* Events masked: send, wait for the answer, take it. */
static int talk_locked(u32 type, u32 tx_id, const struct xs_iov *iov, unsigned int n,
		       unsigned int total)
{
	struct xsd_sockmsg h = { .type = type, .tx_id = tx_id, .len = total };
	unsigned int i;
	int err;

	if (broken[0])
		return -EIO;
	if (in_flight)
		return -EBUSY;
	h.req_id = next_req_id++;
	pending = (struct xs_pending){ .type = type, .req_id = h.req_id };
	in_flight = true;
	answered = false;
	err = xb_send(&h, sizeof(h));
	for (i = 0; !err && i < n; i++)
		err = xb_send(iov[i].base, iov[i].len);
	if (!err) {
		err = xb_wait(is_answered, XB_TIMEOUT_S * NSEC_PER_SEC);
		if (err == -ETIMEDOUT)
			xb_break("no answer to request type %u in %u s", type, XB_TIMEOUT_S);
	}
	in_flight = false;
	return err;
}

static void local_deliver(const char *path, const char *token)
{
	unsigned long flags;

	local_irq_save(flags);
	queue_event(path, token);
	local_irq_restore(flags);
}

/* The request as one payload, to the in-kernel server and back. */
static int local_talk(u32 type, u32 tx_id, const struct xs_iov *iov, unsigned int n,
		      unsigned int total, u32 *rtype, char **body, unsigned int *rlen)
{
	char *buf = kmalloc(total ? total : 1);
	unsigned int i, off = 0;
	int err;

	if (!buf)
		return -ENOMEM;
	for (i = 0; i < n; off += iov[i].len, i++)
		memcpy(buf + off, iov[i].base, iov[i].len);
	err = xsd_local_talk(type, tx_id, buf, total, rtype, body, rlen, local_deliver);
	kfree(buf);
	return err;
}

int xb_talk(u32 type, u32 tx_id, const struct xs_iov *iov, unsigned int n,
	    char **body, unsigned int *len)
{
	unsigned long flags;
	unsigned int i, rlen, total = 0;
	u32 rtype;
	char *rbody;
	int err;

	if (!connected && !local)
		return -ENODEV;
	if (in_interrupt()) {
		pr_err("request type %u from an event handler refused\n", type);
		return -EBUSY;
	}
	for (i = 0; i < n; i++) {
		if (iov[i].len > XENSTORE_PAYLOAD_MAX - total)
			return -E2BIG;
		total += iov[i].len;
	}
	if (!connected) {
		err = local_talk(type, tx_id, iov, n, total, &rtype, &rbody, &rlen);
		if (err)
			return err;
		goto answered;
	}
	local_irq_save(flags);
	err = talk_locked(type, tx_id, iov, n, total);
	rbody = reply_body;
	rtype = reply_type;
	rlen = reply_len;
	reply_body = NULL;
	local_irq_restore(flags);
answered:
	if (err) {
		kfree(rbody);		/* answered, then the connection broke */
		return err;
	}
	if (!rbody)
		return -ENOMEM;
	if (rtype == XS_ERROR) {
		err = xs_error_to_errno(rbody, rlen);
		if (err == -EPROTO) {
			local_irq_save(flags);
			xb_break("XS_ERROR of %u bytes is not one string", rlen);
			local_irq_restore(flags);
			err = -EIO;
		} else if (err == -EIO) {
			pr_err("request type %u: unknown error \"%s\"\n", type, rbody);
		}
		kfree(rbody);
		return err;
	}
	*body = rbody;
	*len = rlen;
	return 0;
}

void xb_bad_reply(u32 type, const char *what, unsigned int len)
{
	unsigned long flags;

	local_irq_save(flags);
	xb_break("reply to request type %u (%u bytes) is not %s", type, len, what);
	local_irq_restore(flags);
}

struct xb_event *xb_next_event(void)
{
	struct xb_event *ev = NULL;
	unsigned long flags;

	if (local && !connected && !in_interrupt())
		xsd_local_drain(local_deliver);
	local_irq_save(flags);
	if (!list_empty(&events)) {
		ev = list_first_entry(&events, struct xb_event, list);
		list_del(&ev->list);
		nr_events--;
	}
	local_irq_restore(flags);
	return ev;
}

void xb_drop_events(const char *token)
{
	struct xb_event *ev, *next;
	unsigned long flags;

	local_irq_save(flags);
	list_for_each_entry_safe(ev, next, &events, list) {
		if (strcmp(ev->token, token))
			continue;
		list_del(&ev->list);
		nr_events--;
		kfree(ev);
	}
	local_irq_restore(flags);
}

/*
 * Local: serve the domains meanwhile (their writes are what fires dom0's
 * watches), and sleep until an event or the tick between passes.
 */
static bool local_wait_event(unsigned int ms)
{
	u64 start = sched_clock(), ns = (u64)ms * 1000000;
	unsigned long flags;
	bool any;

	for (;;) {
		xsd_poll();
		xsd_local_drain(local_deliver);
		local_irq_save(flags);
		any = has_events();
		if (!any && sched_clock() - start < ns && !xsd_work_pending())
			safe_halt();
		local_irq_restore(flags);
		if (any || sched_clock() - start >= ns)
			return any;
	}
}

bool xb_wait_event(unsigned int ms)
{
	unsigned long flags;
	bool any;

	if (in_interrupt())
		return false;
	if (!connected)
		return local && local_wait_event(ms);
	local_irq_save(flags);
	xb_wait(has_events, (u64)ms * 1000000);
	any = has_events();
	local_irq_restore(flags);
	return any;
}

void xb_comms_detach(void)
{
	struct xb_event *ev;
	unsigned long flags;

	if (!connected)
		return;
	unbind_from_handler(xb_port);
	while ((ev = xb_next_event()))
		kfree(ev);
	local_irq_save(flags);
	connected = in_flight = answered = false;
	broken[0] = '\0';
	intf = NULL;
	local_irq_restore(flags);
}

void xb_comms_init_local(void)
{
	local = true;
}

int xb_comms_init(struct xenstore_domain_interface *page, evtchn_port_t port)
{
	XENSTORE_RING_IDX qc = READ_ONCE(page->req_cons), qp = READ_ONCE(page->req_prod);
	XENSTORE_RING_IDX rc = READ_ONCE(page->rsp_cons), rp = READ_ONCE(page->rsp_prod);
	int err;

	if (qp - qc > XENSTORE_RING_SIZE || rp - rc > XENSTORE_RING_SIZE) {
		pr_err("ring indices impossible at connect (req %u/%u, rsp %u/%u)\n",
		       qc, qp, rc, rp);
		return -EIO;
	}
	intf = page;
	xb_port = port;
	xs_rx_reset(&rx);
	err = bind_evtchn_to_handler(port, xb_event, NULL, "xenstore");
	if (err < 0)
		return err;
	connected = true;
	return 0;
}
