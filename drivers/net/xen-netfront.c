// SPDX-License-Identifier: GPL-2.0
/*
 * xen-netfront: a virtual network interface (device/vif/<id>) served by
 * a backend in another domain (Linux's netback in the reference dom0)
 * over a tx and an rx ring of one page each (<xen/interface/io/netif.h>),
 * as a tiny packet interface (include/xen/xen-netfront.h): send a frame,
 * poll for a received one.
 *
 * Connecting follows the backend's state: at InitWait (a backend that
 * offers feature-rx-copy=1, or we close with an error) we make both rings,
 * grant them, allocate one port for both, post every rx buffer, write
 * tx-ring-ref, rx-ring-ref, event-channel, request-rx-copy=1 (the
 * backend grant-copies into our pages; netback knows no other way now),
 * feature-rx-notify=1 (we kick it when we post rx buffers) and
 * feature-no-csum-offload=1 (every frame carries its checksums, both
 * ways), then go Connected; the backend's Connected opens the interface.
 * No multi-queue, no scatter-gather, no GSO: a frame is one slot.
 *
 * tx: each slot owns a page; the frame is copied into it and granted
 * read-only for the one request.  rx: each slot owns a page granted
 * writable while it is posted; a frame received waits in a FIFO until
 * xen_netfront_recv() copies it out, and its page is posted again.
 *
 * Responses go through xen-netfront-rsp.c, which believes nothing the
 * backend wrote until it checked it; a grant the backend still holds
 * after answering is a violation too.  A violation disables the
 * interface for good (every call fails with -EIO, the rings are never
 * read again), with one message naming the rule.  Never BUG().
 *
 * Locking: one spinlock, taken with events masked, over the rings, the
 * slots and the state; the event handler and the callers' polls both
 * complete responses under it.
 */
#define pr_fmt(fmt) "netfront: " fmt

#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <asm/page.h>
#include <asm/xen/hypervisor.h>
#include <asm/xen/page.h>
#include <xen/events.h>
#include <xen/grant_table.h>
#include <xen/xenbus.h>
#include <xen/xen-netfront.h>
#include "xen-netfront-rsp.h"

#define NETFRONT_TX_SLOTS	64	/* of the ring's 256 */
#define NETFRONT_RX_SLOTS	64
#define CONNECT_TIMEOUT_MS	10000

enum netfront_state { NETFRONT_DISCONNECTED, NETFRONT_CONNECTED, NETFRONT_BROKEN };

struct netfront_rxq {
	u16 id, offset, len;
};

struct netfront {
	struct xenbus_device *dev;
	spinlock_t lock;
	enum netfront_state state;
	u8 mac[NETFRONT_ETH_ALEN];
	struct netif_tx_sring *txs;
	struct netif_tx_front_ring tx;
	struct netif_rx_sring *rxs;
	struct netif_rx_front_ring rx;
	grant_ref_t tx_ring_ref, rx_ring_ref;
	bool rings_granted;
	evtchn_port_t port;
	bool bound;
	bool tx_waiting[NETFRONT_TX_SLOTS];
	void *tx_page[NETFRONT_TX_SLOTS];
	grant_ref_t tx_ref[NETFRONT_TX_SLOTS];
	bool rx_waiting[NETFRONT_RX_SLOTS];
	bool rx_queued[NETFRONT_RX_SLOTS];
	void *rx_page[NETFRONT_RX_SLOTS];
	grant_ref_t rx_ref[NETFRONT_RX_SLOTS];
	/* Frames received and not yet read, oldest at head. */
	struct netfront_rxq rxq[NETFRONT_RX_SLOTS];
	unsigned int rxq_head, rxq_len;
	/* The ring of a grant still held: set by a completion, acted on after the pass. */
	const char *grant_busy;
	unsigned int grant_busy_id;
	struct netif_fault fault;
	/* Responses taken since the last event, by it or by a poll. */
	unsigned int taken;
	struct netfront_stats stats;
	unsigned int connects;
};

/* --- completion --------------------------------------------------------------- */

/*
 * Take the backend's access to a page back.  It answered, so it must
 * have let go: if not, the page is left to it (freed once it does,
 * never reused meanwhile) and the interface is disabled after the pass.
 */
static bool end_grant(struct netfront *nf, grant_ref_t ref, void **page, const char *ring,
		      unsigned int id)
{
	if (!gnttab_end_foreign_access_ref(ref))
		return true;
	gnttab_end_foreign_access(ref, virt_to_page(*page));
	*page = NULL;
	if (!nf->grant_busy) {
		nf->grant_busy = ring;
		nf->grant_busy_id = id;
	}
	return false;
}

static void tx_done(void *ctx, unsigned int id, int status)
{
	struct netfront *nf = ctx;

	end_grant(nf, nf->tx_ref[id], &nf->tx_page[id], "tx", id);
	if (status)
		nf->stats.tx_errors++;
	else
		nf->stats.tx_done++;
}

static void rx_done(void *ctx, unsigned int id, unsigned int offset, unsigned int len,
		    unsigned int flags, int status)
{
	struct netfront *nf = ctx;
	struct netfront_rxq *q;

	if (!end_grant(nf, nf->rx_ref[id], &nf->rx_page[id], "rx", id))
		return;
	if (status) {
		nf->stats.rx_errors++;
		return;		/* posted again after the pass */
	}
	/* One queue entry per slot: there is always room. */
	q = &nf->rxq[(nf->rxq_head + nf->rxq_len) % NETFRONT_RX_SLOTS];
	*q = (struct netfront_rxq){ .id = id, .offset = offset, .len = len };
	nf->rxq_len++;
	nf->rx_queued[id] = true;
	nf->stats.rx_frames++;
}

/* Post every rx slot that has its page and is neither posted nor queued. */
static void post_rx(struct netfront *nf)
{
	unsigned int id;
	int ref, notify;

	for (id = 0; id < NETFRONT_RX_SLOTS; id++) {
		struct netif_rx_request *req;

		if (nf->rx_waiting[id] || nf->rx_queued[id] || !nf->rx_page[id] ||
		    RING_FULL(&nf->rx))
			continue;
		ref = gnttab_grant_foreign_access(nf->dev->otherend_id,
						  pfn_to_mfn(PFN_DOWN(__pa(nf->rx_page[id]))), false);
		if (ref < 0)
			break;		/* the grant table is full: later */
		nf->rx_ref[id] = ref;
		req = RING_GET_REQUEST(&nf->rx, nf->rx.req_prod_pvt);
		req->id = id;
		req->gref = ref;
		nf->rx_waiting[id] = true;
		nf->rx.req_prod_pvt++;
	}
	RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&nf->rx, notify);
	if (notify && nf->bound)
		notify_remote_via_evtchn(nf->port);
}

static void disable(struct netfront *nf)
{
	struct netif_fault *f = &nf->fault;

	nf->state = NETFRONT_BROKEN;
	xen_evtchn_mask(nf->port);
	pr_err("%s: backend broke the netif protocol on the %s ring: %s (id %u status %d offset %u flags %#x; rsp_prod %u rsp_cons %u req_prod %u); device disabled\n",
	       nf->dev->nodename, f->ring ?: "?", netif_rule_name(f->rule), f->id, f->status,
	       f->offset, f->flags, f->prod, f->cons, f->req_prod);
}

/*
 * The lock held: how many responses on both rings, or -1 with the device
 * disabled (by this call or before).  Not connected: none.
 */
static int take_responses(struct netfront *nf)
{
	int tx, rx;

	if (nf->state != NETFRONT_CONNECTED)
		return nf->state == NETFRONT_BROKEN ? -1 : 0;
	nf->grant_busy = NULL;
	tx = netif_take_tx(&nf->tx, nf->tx_waiting, NETFRONT_TX_SLOTS, tx_done, nf, &nf->fault);
	rx = tx < 0 ? -1 : netif_take_rx(&nf->rx, nf->rx_waiting, NETFRONT_RX_SLOTS, rx_done,
					 nf, &nf->fault);
	if (tx < 0 || rx < 0) {
		disable(nf);
		return -1;
	}
	if (nf->grant_busy) {
		bool tx_ring = !strcmp(nf->grant_busy, "tx");

		nf->fault = (struct netif_fault){
			.rule = NETIF_RULE_GRANT_BUSY, .ring = nf->grant_busy,
			.id = nf->grant_busy_id,
			.prod = tx_ring ? nf->tx.sring->rsp_prod : nf->rx.sring->rsp_prod,
			.cons = tx_ring ? nf->tx.rsp_cons : nf->rx.rsp_cons,
			.req_prod = tx_ring ? nf->tx.req_prod_pvt : nf->rx.req_prod_pvt };
		disable(nf);
		return -1;
	}
	post_rx(nf);
	nf->taken += tx + rx;
	return tx + rx;
}

/*
 * Bound late-EOI: masked from the backend's event until both rings have
 * been read, so a backend cannot keep us in here; a disabled interface
 * keeps it masked.  Spurious (a run of them throttles the port) only if
 * no response came since the last event: a poll may have taken them.
 */
static void netfront_event(evtchn_port_t port, void *data)
{
	struct netfront *nf = data;
	unsigned long flags;
	bool spurious;
	int n;

	spin_lock_irqsave(&nf->lock, flags);
	n = take_responses(nf);
	spurious = !nf->taken;
	nf->taken = 0;
	spin_unlock_irqrestore(&nf->lock, flags);
	if (n >= 0)
		xen_evtchn_lateeoi(port, spurious);
}

/* --- the packet interface ------------------------------------------------------ */

void xen_netfront_poll(struct netfront *nf)
{
	unsigned long flags;

	spin_lock_irqsave(&nf->lock, flags);
	take_responses(nf);
	spin_unlock_irqrestore(&nf->lock, flags);
}

int xen_netfront_xmit(struct netfront *nf, const void *frame, unsigned int len)
{
	struct netif_tx_request *req;
	unsigned long flags;
	int id, ref, err, notify;

	if (len < 2 * NETFRONT_ETH_ALEN + 2 || len > NETFRONT_MAX_FRAME)
		return -EINVAL;
	spin_lock_irqsave(&nf->lock, flags);
	take_responses(nf);
	/* What it just read may have been a lie that disabled the device. */
	err = -EIO;
	if (nf->state != NETFRONT_CONNECTED)
		goto out;
	err = -EBUSY;
	for (id = 0; id < NETFRONT_TX_SLOTS; id++)
		if (!nf->tx_waiting[id] && nf->tx_page[id])
			break;
	if (id == NETFRONT_TX_SLOTS || RING_FULL(&nf->tx))
		goto out;
	memcpy(nf->tx_page[id], frame, len);
	ref = gnttab_grant_foreign_access(nf->dev->otherend_id,
					  pfn_to_mfn(PFN_DOWN(__pa(nf->tx_page[id]))), true);
	if (ref < 0)
		goto out;
	nf->tx_ref[id] = ref;
	req = RING_GET_REQUEST(&nf->tx, nf->tx.req_prod_pvt);
	/* flags 0: the checksums are in the frame already. */
	*req = (struct netif_tx_request){ .gref = ref, .offset = 0, .flags = 0,
					  .id = id, .size = len };
	nf->tx_waiting[id] = true;
	nf->tx.req_prod_pvt++;
	nf->stats.tx_sent++;
	RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&nf->tx, notify);
	if (notify)
		notify_remote_via_evtchn(nf->port);
	err = 0;
out:
	spin_unlock_irqrestore(&nf->lock, flags);
	return err;
}

int xen_netfront_recv(struct netfront *nf, void *buf, unsigned int size)
{
	struct netfront_rxq q;
	unsigned long flags;
	int ret;

	spin_lock_irqsave(&nf->lock, flags);
	take_responses(nf);
	ret = -EIO;
	if (nf->state != NETFRONT_CONNECTED)
		goto out;
	ret = 0;
	if (!nf->rxq_len)
		goto out;
	q = nf->rxq[nf->rxq_head];
	nf->rxq_head = (nf->rxq_head + 1) % NETFRONT_RX_SLOTS;
	nf->rxq_len--;
	ret = min((unsigned int)q.len, size);
	/* The parser kept offset + len inside the page. */
	memcpy(buf, (u8 *)nf->rx_page[q.id] + q.offset, ret);
	nf->rx_queued[q.id] = false;
	post_rx(nf);
out:
	spin_unlock_irqrestore(&nf->lock, flags);
	return ret;
}

/* --- the connection ------------------------------------------------------------ */

static void free_pages_of(void **pages, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (pages[i])
			free_page(pages[i]);
		pages[i] = NULL;
	}
}

/* End the grant of a page we may have posted; the page goes with it. */
static void end_slot(grant_ref_t ref, void **page)
{
	if (!*page)
		return;
	if (gnttab_end_foreign_access_ref(ref)) {
		gnttab_end_foreign_access(ref, virt_to_page(*page));
		*page = NULL;
	}
}

/* Undo what setup_rings did; the lock not held, the port not in use. */
static void free_rings(struct netfront *nf)
{
	unsigned int i;
	bool held = false;

	if (nf->bound)
		unbind_from_handler(nf->port);
	else if (nf->port)
		xenbus_free_evtchn(nf->dev, nf->port);
	nf->bound = false;
	nf->port = 0;
	for (i = 0; i < NETFRONT_TX_SLOTS; i++)
		if (nf->tx_waiting[i])
			end_slot(nf->tx_ref[i], &nf->tx_page[i]);
	for (i = 0; i < NETFRONT_RX_SLOTS; i++)
		if (nf->rx_waiting[i])
			end_slot(nf->rx_ref[i], &nf->rx_page[i]);
	free_pages_of(nf->tx_page, NETFRONT_TX_SLOTS);
	free_pages_of(nf->rx_page, NETFRONT_RX_SLOTS);
	if (nf->rings_granted) {
		/* A ring the backend still maps is never ours again. */
		if (gnttab_end_foreign_access_ref(nf->tx_ring_ref)) {
			gnttab_end_foreign_access(nf->tx_ring_ref, virt_to_page(nf->txs));
			nf->txs = NULL;
			held = true;
		}
		if (gnttab_end_foreign_access_ref(nf->rx_ring_ref)) {
			gnttab_end_foreign_access(nf->rx_ring_ref, virt_to_page(nf->rxs));
			nf->rxs = NULL;
			held = true;
		}
		if (held)
			pr_warn("%s: backend still maps a ring: left to it\n", nf->dev->nodename);
		nf->rings_granted = false;
	}
	if (nf->txs)
		free_page(nf->txs);
	if (nf->rxs)
		free_page(nf->rxs);
	nf->txs = NULL;
	nf->rxs = NULL;
	memset(nf->tx_waiting, 0, sizeof(nf->tx_waiting));
	memset(nf->rx_waiting, 0, sizeof(nf->rx_waiting));
	memset(nf->rx_queued, 0, sizeof(nf->rx_queued));
	nf->rxq_head = nf->rxq_len = 0;
}

static void disconnect(struct netfront *nf, const char *why, bool free_it)
{
	unsigned long flags;

	spin_lock_irqsave(&nf->lock, flags);
	if (nf->state == NETFRONT_CONNECTED)
		pr_info("%s: disconnected: %s\n", nf->dev->nodename, why);
	if (nf->state != NETFRONT_BROKEN)
		nf->state = NETFRONT_DISCONNECTED;
	spin_unlock_irqrestore(&nf->lock, flags);
	if (free_it)
		free_rings(nf);
}

static int write_keys(struct xenbus_transaction t, void *data)
{
	struct netfront *nf = data;
	const char *node = nf->dev->nodename;
	int err;

	err = xenbus_printf(t, node, "tx-ring-ref", "%u", nf->tx_ring_ref);
	err = err ?: xenbus_printf(t, node, "rx-ring-ref", "%u", nf->rx_ring_ref);
	err = err ?: xenbus_printf(t, node, "event-channel", "%u", nf->port);
	err = err ?: xenbus_write(t, node, "request-rx-copy", "1");
	err = err ?: xenbus_write(t, node, "feature-rx-notify", "1");
	err = err ?: xenbus_write(t, node, "feature-sg", "0");
	err = err ?: xenbus_write(t, node, "feature-gso-tcpv4", "0");
	err = err ?: xenbus_write(t, node, "feature-no-csum-offload", "1");
	return err;
}

static int alloc_slots(void **pages, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		pages[i] = get_zeroed_page();
		if (!pages[i])
			return -ENOMEM;
	}
	return 0;
}

/* At the backend's InitWait: rings, grants, port and rx buffers. */
static int setup_rings(struct netfront *nf)
{
	struct xenbus_device *dev = nf->dev;
	unsigned long flags;
	int err;

	/* A fresh connection: a device an earlier one disabled comes back. */
	nf->state = NETFRONT_DISCONNECTED;
	nf->fault = (struct netif_fault){ .rule = NETIF_RULE_NONE };
	nf->txs = get_zeroed_page();
	nf->rxs = get_zeroed_page();
	err = -ENOMEM;
	if (!nf->txs || !nf->rxs)
		goto fail;
	err = alloc_slots(nf->tx_page, NETFRONT_TX_SLOTS) ?:
	      alloc_slots(nf->rx_page, NETFRONT_RX_SLOTS);
	if (err)
		goto fail;
	SHARED_RING_INIT(nf->txs);
	FRONT_RING_INIT(&nf->tx, nf->txs, PAGE_SIZE);
	SHARED_RING_INIT(nf->rxs);
	FRONT_RING_INIT(&nf->rx, nf->rxs, PAGE_SIZE);
	err = xenbus_grant_ring(dev, nf->txs, 1, &nf->tx_ring_ref);
	if (err)
		goto fail;
	err = xenbus_grant_ring(dev, nf->rxs, 1, &nf->rx_ring_ref);
	if (err) {
		gnttab_end_foreign_access_ref(nf->tx_ring_ref);
		goto fail;
	}
	nf->rings_granted = true;
	err = xenbus_alloc_evtchn(dev, &nf->port);
	if (err)
		goto fail;
	err = bind_evtchn_to_handler_lateeoi(nf->port, netfront_event, nf, "netfront");
	if (err < 0)
		goto fail;
	nf->bound = true;
	spin_lock_irqsave(&nf->lock, flags);
	post_rx(nf);
	spin_unlock_irqrestore(&nf->lock, flags);
	err = xenbus_transaction_run(write_keys, nf);
	if (err)
		goto fail;
	pr_info("%s: tx and rx rings of %u slots, %u and %u in use, port %u\n", dev->nodename,
		(unsigned int)RING_SIZE(&nf->tx), NETFRONT_TX_SLOTS, NETFRONT_RX_SLOTS, nf->port);
	return xenbus_switch_state(dev, XenbusStateConnected);
fail:
	free_rings(nf);
	return err;
}

static void backend_connected(struct netfront *nf)
{
	unsigned long flags;

	spin_lock_irqsave(&nf->lock, flags);
	nf->state = NETFRONT_CONNECTED;
	nf->connects++;
	/* Whatever it missed while it was connecting. */
	notify_remote_via_evtchn(nf->port);
	spin_unlock_irqrestore(&nf->lock, flags);
	pr_info("%s: connected, mac %02x:%02x:%02x:%02x:%02x:%02x\n", nf->dev->nodename,
		nf->mac[0], nf->mac[1], nf->mac[2], nf->mac[3], nf->mac[4], nf->mac[5]);
}

/*
 * Our rx buffers are pages granted for the backend to copy into: a
 * backend that does not say feature-rx-copy=1 (netback has since Linux
 * 2.6.26) cannot fill them, and the interface would only be silent.
 */
static int backend_copies(struct netfront *nf)
{
	u64 copy = 0;

	/* Absent reads as 0, as in Linux's netfront. */
	xenbus_read_u64(XBT_NIL, nf->dev->otherend, "feature-rx-copy", &copy);
	if (copy == 1)
		return 0;
	xenbus_dev_fatal(nf->dev, -ENODEV,
			 "backend offers no copying receive path (feature-rx-copy %llu)", copy);
	return -ENODEV;
}

static void backend_changed(struct xenbus_device *dev, enum xenbus_state be)
{
	struct netfront *nf = dev->priv;
	int err;

	switch (be) {
	case XenbusStateInitWait:
		if (dev->state != XenbusStateInitialising && dev->state != XenbusStateClosed)
			break;
		if (dev->state == XenbusStateClosed)
			xenbus_switch_state(dev, XenbusStateInitialising);
		free_rings(nf);
		if (backend_copies(nf))
			break;
		err = setup_rings(nf);
		if (err)
			xenbus_dev_fatal(dev, err, "setting up the rings");
		break;
	case XenbusStateConnected:
		if (dev->state == XenbusStateConnected && nf->state == NETFRONT_DISCONNECTED &&
		    nf->bound)
			backend_connected(nf);
		break;
	case XenbusStateClosing:
		if (dev->state == XenbusStateClosed)
			break;
		disconnect(nf, "backend closing", false);
		xenbus_switch_state(dev, XenbusStateClosing);
		xenbus_switch_state(dev, XenbusStateClosed);
		break;
	case XenbusStateClosed:
	case XenbusStateUnknown:
		disconnect(nf, be == XenbusStateClosed ? "backend closed" : "backend gone", true);
		if (dev->state != XenbusStateInitialising)
			xenbus_switch_state(dev, XenbusStateClosed);
		break;
	default:
		break;
	}
}

/* "aa:bb:cc:dd:ee:ff" into six bytes; -EINVAL for anything else. */
static int parse_mac(const char *s, u8 *mac)
{
	unsigned int i, j;

	for (i = 0; i < NETFRONT_ETH_ALEN; i++) {
		unsigned int v = 0;

		for (j = 0; j < 2; j++, s++) {
			char c = *s;

			if (c >= '0' && c <= '9')
				v = v * 16 + c - '0';
			else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
				v = v * 16 + (c | 0x20) - 'a' + 10;
			else
				return -EINVAL;
		}
		if (*s != (i == NETFRONT_ETH_ALEN - 1 ? '\0' : ':'))
			return -EINVAL;
		s++;
		mac[i] = v;
	}
	return 0;
}

static int netfront_probe(struct xenbus_device *dev)
{
	struct netfront *nf;
	char *mac;
	unsigned int len;
	int err;

	if (!gnttab_ready())
		return -ENODEV;
	nf = kzalloc(sizeof(*nf));
	if (!nf)
		return -ENOMEM;
	err = xenbus_read(XBT_NIL, dev->nodename, "mac", &mac, &len);
	if (!err) {
		err = parse_mac(mac, nf->mac);
		kfree(mac);
	}
	if (err) {
		pr_err("%s: no usable mac node (%d)\n", dev->nodename, err);
		kfree(nf);
		return err;
	}
	nf->dev = dev;
	spin_lock_init(&nf->lock);
	dev->priv = nf;
	return xenbus_switch_state(dev, XenbusStateInitialising);
}

static void netfront_remove(struct xenbus_device *dev)
{
	struct netfront *nf = dev->priv;

	if (!nf)
		return;
	disconnect(nf, "removed", true);
	kfree(nf);
	dev->priv = NULL;
}

static struct xenbus_driver netfront_driver = {
	.type = "vif",
	.probe = netfront_probe,
	.otherend_changed = backend_changed,
	.remove = netfront_remove,
};

static bool registered;

int xen_netfront_init(void)
{
	struct xenbus_device *dev;
	unsigned int i;
	int n;

	if (registered)
		return 0;
	if (!xen_pv_domain() || xen_initial_domain() || !xenbus_ready() || !gnttab_ready())
		return -ENODEV;
	n = xenbus_register_frontend(&netfront_driver, NULL);
	if (n < 0)
		return n;
	registered = true;
	for (i = 0; (dev = xenbus_find_device("vif", i)); i++) {
		struct netfront *nf = dev->priv;
		u64 start = sched_clock();

		/* Not for one we are closing: a refused backend. */
		while (nf && nf->state == NETFRONT_DISCONNECTED && dev->state < XenbusStateClosing &&
		       sched_clock() - start < (u64)CONNECT_TIMEOUT_MS * 1000000)
			xenbus_wait_for_watches(100);
		if (nf && nf->state != NETFRONT_CONNECTED)
			pr_err("%s: not connected (ours %s, backend %s)\n", dev->nodename,
			       xenbus_strstate(dev->state), xenbus_strstate(dev->otherend_state));
	}
	return n;
}

/*
 * Close and connect again from our side: Closing (netback closes too and
 * goes Closed, keeping the device while the toolstack has it online),
 * then Initialising, which netback answers with InitWait; the rest is
 * backend_changed's usual path, with fresh rings, grants and port.
 */
int xen_netfront_reconnect(struct netfront *nf, unsigned int ms)
{
	struct xenbus_device *dev = nf->dev;
	unsigned int before = nf->connects;
	u64 start = sched_clock(), limit = (u64)ms * 1000000;
	int err;

	err = xenbus_switch_state(dev, XenbusStateClosing);
	if (err)
		return err;
	err = xenbus_wait_otherend(dev, XenbusStateClosed, ms);
	if (err)
		return err;
	err = xenbus_switch_state(dev, XenbusStateInitialising);
	if (err)
		return err;
	while (nf->connects == before || nf->state != NETFRONT_CONNECTED) {
		u64 spent = sched_clock() - start;

		if (spent >= limit)
			return -ETIMEDOUT;
		xenbus_wait_for_watches((limit - spent) / 1000000 + 1);
	}
	return 0;
}

unsigned int xen_netfront_connects(struct netfront *nf)
{
	return nf->connects;
}

struct netfront *xen_netfront_get(unsigned int n)
{
	struct xenbus_device *dev = xenbus_find_device("vif", n);

	return dev ? dev->priv : NULL;
}

const u8 *xen_netfront_mac(struct netfront *nf)
{
	return nf->mac;
}

bool xen_netfront_connected(struct netfront *nf)
{
	return nf->state == NETFRONT_CONNECTED;
}

void xen_netfront_get_stats(struct netfront *nf, struct netfront_stats *st)
{
	unsigned long flags;

	spin_lock_irqsave(&nf->lock, flags);
	*st = nf->stats;
	spin_unlock_irqrestore(&nf->lock, flags);
}

bool xen_netfront_broken(struct netfront *nf, const char **rule)
{
	if (rule)
		*rule = netif_rule_name(nf->fault.rule);
	return nf->state == NETFRONT_BROKEN;
}

struct netif_tx_sring *xen_netfront_tx_sring(struct netfront *nf)
{
	return nf->txs;
}

struct netif_rx_sring *xen_netfront_rx_sring(struct netfront *nf)
{
	return nf->rxs;
}
