// SPDX-License-Identifier: GPL-2.0
/*
 * netback_hostile - a netif backend in the reference dom0 that lies, one
 * class of bad response per interface (mode xen-pv-domU-nethostile).
 *
 *   netback_hostile DOMID DEVID CLASS
 *
 * The harness (net/hostile-setup.sh) has made the frontend's
 * device/vif/DEVID and our hostile-backend/vif/DOMID/DEVID (not under
 * backend/, which netback watches) with their permissions, the domain
 * still paused.  We then play netback: feature-rx-copy and InitWait; the
 * frontend's two rings and its event channel mapped and bound once it
 * has written them (gntdev, evtchn); Connected.  The guest's first frame
 * on the tx ring is answered as netback would, and echoed back on the rx
 * ring: its two MACs swapped, every byte after the Ethernet header
 * xored with echo_byte() (which the guest's test computes itself), at
 * offset ECHO_OFFSET of the posted page.  Its second frame gets the one
 * bad answer of CLASS, on the ring the class names:
 *   tx-id        a tx response id no slot of the guest's can carry;
 *   tx-dup       the frame answered, then once more (same id) in the
 *                slot of the third frame, which the guest sends with it
 *                (one answer more than the requests is a producer past
 *                them, another rule);
 *   tx-prodjump  tx rsp_prod moved past the whole ring;
 *   tx-prodback  tx rsp_prod moved behind what we produced already;
 *   tx-status    a tx status netif does not define;
 *   tx-grant     answered OKAY while we still map the frame's page;
 * and, the tx answered well first:
 *   rx-id        an rx response id out of range;
 *   rx-dup       the echo given twice for one posted buffer (same id);
 *   rx-prodjump  rx rsp_prod past the ring;
 *   rx-prodback  rx rsp_prod backwards;
 *   rx-status    an rx status neither an error nor a frame length;
 *   rx-len       offset + length past the posted page;
 *   rx-flags     the echo flagged extra_info, which was not negotiated;
 *   rx-grant     the echo answered while we still map its rx page;
 * and, before any ring:
 *   rx-nocopy    feature-rx-copy=0 at InitWait: the frontend, whose rx
 *                buffers only a copying backend can fill, must close.
 * After it, nothing more is answered.  Every step is one line on stdout,
 * "HOSTILE DEVID CLASS: ...", one of them "sent bad response: ..." (the
 * mode's judge reads them).
 */
#include "xen_abi.h"
#include <time.h>
#include <xen/sys/gntdev.h>
#include <xen/sys/evtchn.h>
#include <xen/event_channel.h>

/* ring.h's barriers, for a peer on another CPU. */
#define xen_mb()	__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define xen_rmb()	__atomic_thread_fence(__ATOMIC_ACQUIRE)
#define xen_wmb()	__atomic_thread_fence(__ATOMIC_RELEASE)
#include <xen/io/ring.h>
#include <xen/io/netif.h>
#include <xen/io/xenbus.h>

#define STEP_MS		20
#define CONNECT_MS	120000
#define ETH_HLEN	14
#define ECHO_OFFSET	64	/* legal, and not 0: the guest must use it */
#define BAD_ID		0x7ff0
#define RX_LEN_OFFSET	4000
#define RX_LEN_STATUS	200

static const char *const classes[] = {
	"tx-id", "tx-dup", "tx-prodjump", "tx-prodback", "tx-status", "tx-grant",
	"rx-id", "rx-dup", "rx-prodjump", "rx-prodback", "rx-status", "rx-len", "rx-flags",
	"rx-grant", "rx-nocopy",
};
#define NR_CLASSES	(sizeof(classes) / sizeof(classes[0]))
#define FIRST_RX	6
#define RX_NOCOPY	14

static unsigned int domid, devid, cls;
static char be[128], fe[128];
static int gnt_fd, ev_fd;
static struct netif_tx_back_ring tx;
static struct netif_rx_back_ring rx;
static evtchn_port_t port;

static void say(const char *fmt, ...)
{
	va_list ap;

	printf("HOSTILE %u %s: ", devid, classes[cls]);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

/* What every byte after the Ethernet header is xored with: the test's too. */
static uint8_t echo_byte(void)
{
	return (uint8_t)(0xa5 ^ devid);
}

static int xs_printf(const char *dir, const char *key, const char *fmt, ...)
{
	char path[192], val[64];
	va_list ap;

	snprintf(path, sizeof(path), "%s/%s", dir, key);
	va_start(ap, fmt);
	vsnprintf(val, sizeof(val), fmt, ap);
	va_end(ap);
	return xsd_write(path, val);
}

static long xs_num(const char *dir, const char *key)
{
	char path[192], val[64];

	snprintf(path, sizeof(path), "%s/%s", dir, key);
	if (xsd_read(path, val, sizeof(val)) || val[0] < '0' || val[0] > '9')
		return -1;
	return strtol(val, NULL, 10);
}

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Map the guest's grant REF (writable or not): the address, or NULL. */
static void *map_grant(uint32_t ref, int writable, uint64_t *index)
{
	struct ioctl_gntdev_map_grant_ref m = { .count = 1 };
	void *p;

	m.refs[0].domid = domid;
	m.refs[0].ref = ref;
	if (ioctl(gnt_fd, IOCTL_GNTDEV_MAP_GRANT_REF, &m) < 0)
		return NULL;
	*index = m.index;
	/* gntdev maps read-only when the vma is: the tx grants are. */
	p = mmap(NULL, XEN_PAGE_SIZE, PROT_READ | (writable ? PROT_WRITE : 0), MAP_SHARED,
		 gnt_fd, m.index);
	if (p == MAP_FAILED) {
		struct ioctl_gntdev_unmap_grant_ref u = { .index = m.index, .count = 1 };

		ioctl(gnt_fd, IOCTL_GNTDEV_UNMAP_GRANT_REF, &u);
		return NULL;
	}
	return p;
}

static void unmap_grant(void *p, uint64_t index)
{
	struct ioctl_gntdev_unmap_grant_ref u = { .index = index, .count = 1 };

	munmap(p, XEN_PAGE_SIZE);
	ioctl(gnt_fd, IOCTL_GNTDEV_UNMAP_GRANT_REF, &u);
}

static void notify(void)
{
	struct ioctl_evtchn_notify n = { .port = port };

	ioctl(ev_fd, IOCTL_EVTCHN_NOTIFY, &n);
}

/* Wait for the guest's event up to MS; unmask it again. */
static void wait_event(unsigned int ms)
{
	struct pollfd p = { .fd = ev_fd, .events = POLLIN };
	evtchn_port_t got;

	if (poll(&p, 1, ms) > 0 && read(ev_fd, &got, sizeof(got)) == sizeof(got))
		if (write(ev_fd, &got, sizeof(got)) != sizeof(got))
			say("cannot unmask port %u", got);
}

static void push_tx(uint16_t id, int16_t status)
{
	struct netif_tx_response *r = RING_GET_RESPONSE(&tx, tx.rsp_prod_pvt);

	r->id = id;
	r->status = status;
	tx.rsp_prod_pvt++;
}

static void push_rx(uint16_t id, uint16_t offset, uint16_t flags, int16_t status)
{
	struct netif_rx_response *r = RING_GET_RESPONSE(&rx, rx.rsp_prod_pvt);

	r->id = id;
	r->offset = offset;
	r->flags = flags;
	r->status = status;
	rx.rsp_prod_pvt++;
}

/* Publish what we pushed on both rings and tell the guest. */
static void publish(void)
{
	int n;

	RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(&tx, n);
	RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(&rx, n);
	(void)n;
	notify();	/* always: a lie must be looked at */
}

/*
 * The frame of tx request RQ read into F (its length), keeping the page
 * mapped in *KEEP when KEEP is given; -1 and a reason said if it cannot.
 */
static int read_frame(const struct netif_tx_request *rq, uint8_t *f, void **keep,
		      uint64_t *index)
{
	uint64_t i;
	uint8_t *page;

	if (rq->flags || rq->size < ETH_HLEN || rq->offset + rq->size > XEN_PAGE_SIZE)
		return say("tx request id %u: flags %#x offset %u size %u, not one plain frame",
			   rq->id, rq->flags, rq->offset, rq->size), -1;
	page = map_grant(rq->gref, 0, &i);
	if (!page)
		return say("cannot map tx gref %u: %s", rq->gref, strerror(errno)), -1;
	memcpy(f, page + rq->offset, rq->size);
	if (keep) {
		*keep = page;
		*index = i;
	} else {
		unmap_grant(page, i);
	}
	return rq->size;
}

/* The next rx buffer the guest posted, waiting for it a while; 0 if none. */
static int next_rx(struct netif_rx_request *rq)
{
	unsigned int w;

	for (w = 0; w < 5000 && !RING_HAS_UNCONSUMED_REQUESTS(&rx); w += STEP_MS)
		wait_event(STEP_MS);
	if (!RING_HAS_UNCONSUMED_REQUESTS(&rx))
		return say("the guest posted no rx buffer"), 0;
	RING_COPY_REQUEST(&rx, rx.req_cons, rq);
	rx.req_cons++;
	return 1;
}

/* The next frame the guest sent, waiting for it a while; 0 if none. */
static int next_tx(struct netif_tx_request *rq)
{
	unsigned int w;

	for (w = 0; w < 5000 && !RING_HAS_UNCONSUMED_REQUESTS(&tx); w += STEP_MS)
		wait_event(STEP_MS);
	if (!RING_HAS_UNCONSUMED_REQUESTS(&tx))
		return say("the guest sent no third frame"), 0;
	RING_COPY_REQUEST(&tx, tx.req_cons, rq);
	tx.req_cons++;
	return 1;
}

/*
 * Write the echo of frame F (LEN bytes) into the rx buffer RQ: 0 or -1.
 * KEEP: the page stays mapped (never to be unmapped).
 */
static int write_echo(const struct netif_rx_request *rq, const uint8_t *f, int len, int keep)
{
	uint64_t index;
	uint8_t *page, *e;
	int j;

	if (len > XEN_PAGE_SIZE - ECHO_OFFSET)
		return say("a frame of %d bytes has no echo", len), -1;
	page = map_grant(rq->gref, 1, &index);
	if (!page)
		return say("cannot map rx gref %u: %s", rq->gref, strerror(errno)), -1;
	e = page + ECHO_OFFSET;
	memcpy(e, f + 6, 6);
	memcpy(e + 6, f, 6);
	for (j = 12; j < len; j++)
		e[j] = f[j] ^ (j >= ETH_HLEN ? echo_byte() : 0);
	if (!keep)
		unmap_grant(page, index);
	return 0;
}

/* The first frame: answered and echoed as netback with a peer would. */
static int serve(const struct netif_tx_request *rq)
{
	struct netif_rx_request rr;
	uint8_t f[XEN_PAGE_SIZE];
	int len = read_frame(rq, f, NULL, NULL);

	push_tx(rq->id, len < 0 ? NETIF_RSP_ERROR : NETIF_RSP_OKAY);
	if (len < 0 || !next_rx(&rr) || write_echo(&rr, f, len, 0)) {
		publish();
		return -1;
	}
	push_rx(rr.id, ECHO_OFFSET, 0, len);
	publish();
	say("answered tx id %u (%d bytes) and echoed it in rx id %u", rq->id, len, rr.id);
	return 0;
}

/* The bad answer of our class to tx request RQ, the second frame. */
static int lie(const struct netif_tx_request *rq)
{
	struct netif_tx_request third;
	struct netif_rx_request rr;
	uint8_t f[XEN_PAGE_SIZE];
	uint64_t index;
	void *kept;
	int len;

	len = read_frame(rq, f, cls == 5 ? &kept : NULL, &index);
	if (len < 0)
		return -1;
	if (cls >= FIRST_RX) {
		push_tx(rq->id, NETIF_RSP_OKAY);
		if (!next_rx(&rr))
			return -1;
	}
	switch (cls) {
	case 0:
		push_tx(BAD_ID, NETIF_RSP_OKAY);
		publish();
		return say("sent bad response: tx id %#x for tx request id %u", BAD_ID, rq->id), 0;
	case 1:
		if (!next_tx(&third))
			return -1;
		push_tx(rq->id, NETIF_RSP_OKAY);
		push_tx(rq->id, NETIF_RSP_OKAY);
		publish();
		return say("sent bad response: tx duplicate id %u (answered twice, not tx id %u)",
			   rq->id, third.id), 0;
	case 2:
	case 8:
		if (cls == 2) {
			tx.sring->rsp_prod = tx.rsp_prod_pvt + RING_SIZE(&tx) + 5;
		} else {
			publish();	/* the good tx answer first */
			rx.sring->rsp_prod = rx.rsp_prod_pvt + RING_SIZE(&rx) + 5;
		}
		notify();
		return say("sent bad response: %s rsp_prod %u, past the ring (%u slots, %u produced)",
			   cls == 2 ? "tx" : "rx", cls == 2 ? tx.sring->rsp_prod : rx.sring->rsp_prod,
			   RING_SIZE(&tx), cls == 2 ? tx.rsp_prod_pvt : rx.rsp_prod_pvt), 0;
	case 3:
	case 9:
		if (cls == 3) {
			tx.sring->rsp_prod = tx.rsp_prod_pvt - 1;
		} else {
			publish();
			rx.sring->rsp_prod = rx.rsp_prod_pvt - 1;
		}
		notify();
		return say("sent bad response: %s rsp_prod %u, behind the %u produced",
			   cls == 3 ? "tx" : "rx", cls == 3 ? tx.sring->rsp_prod : rx.sring->rsp_prod,
			   cls == 3 ? tx.rsp_prod_pvt : rx.rsp_prod_pvt), 0;
	case 4:
		push_tx(rq->id, 7);
		publish();
		return say("sent bad response: tx status 7 for tx request id %u", rq->id), 0;
	case 5:
		push_tx(rq->id, NETIF_RSP_OKAY);
		publish();
		(void)index;	/* never unmapped: the guest must not take it back */
		return say("sent bad response: tx OKAY for tx id %u, its gref %u still mapped",
			   rq->id, rq->gref), 0;
	case 6:
		push_rx(BAD_ID, ECHO_OFFSET, 0, len);
		publish();
		return say("sent bad response: rx id %#x for rx request id %u", BAD_ID, rr.id), 0;
	case 7:
		if (write_echo(&rr, f, len, 0))
			return -1;
		push_rx(rr.id, ECHO_OFFSET, 0, len);
		push_rx(rr.id, ECHO_OFFSET, 0, len);
		publish();
		return say("sent bad response: rx duplicate id %u (the echo twice)", rr.id), 0;
	case 10:
		push_rx(rr.id, 0, 0, -7);
		publish();
		return say("sent bad response: rx status -7 for rx request id %u", rr.id), 0;
	case 11:
		push_rx(rr.id, RX_LEN_OFFSET, 0, RX_LEN_STATUS);
		publish();
		return say("sent bad response: rx offset %u length %u (past the %u-byte page) for rx request id %u",
			   RX_LEN_OFFSET, RX_LEN_STATUS, XEN_PAGE_SIZE, rr.id), 0;
	case 13:
		if (write_echo(&rr, f, len, 1))
			return -1;
		push_rx(rr.id, ECHO_OFFSET, 0, len);
		publish();
		return say("sent bad response: rx OKAY for rx id %u, its gref %u still mapped",
			   rr.id, rr.gref), 0;
	default:
		if (write_echo(&rr, f, len, 0))
			return -1;
		push_rx(rr.id, ECHO_OFFSET, NETRXF_extra_info, len);
		publish();
		return say("sent bad response: rx flags %#x (extra_info) for rx request id %u",
			   NETRXF_extra_info, rr.id), 0;
	}
}

/* rx-nocopy: the frontend must close, saying why; we close too. */
static int refused(void)
{
	char path[192], err[128] = "";
	unsigned int waited;
	long state = -1;

	say("sent bad response: xenbus feature-rx-copy 0 (no copying receive path)");
	for (waited = 0; waited < CONNECT_MS; waited += STEP_MS) {
		state = xs_num(fe, "state");
		if (state < 0 || state >= XenbusStateClosing)
			break;
		sleep_ms(STEP_MS);
	}
	snprintf(path, sizeof(path), "%s/error", fe);
	if (xsd_read(path, err, sizeof(err)))
		err[0] = 0;
	xs_printf(be, "state", "%d", XenbusStateClosed);
	say("frontend state %ld, its error '%s'", state, err);
	return 1;
}

static int connect_rings(void)
{
	struct ioctl_evtchn_bind_interdomain b = { .remote_domain = domid };
	long txref, rxref, evt, copy, state = -1;
	unsigned int waited;
	uint64_t index;
	void *s;
	int rc;

	xs_printf(be, "feature-rx-copy", "%d", cls != RX_NOCOPY);
	xs_printf(be, "feature-rx-flip", "0");
	xs_printf(be, "state", "%d", XenbusStateInitWait);
	if (cls == RX_NOCOPY)
		return refused();
	/* netfront writes its keys and goes Connected at our InitWait. */
	for (waited = 0; waited < CONNECT_MS; waited += STEP_MS) {
		state = xs_num(fe, "state");
		if (state == XenbusStateInitialised || state == XenbusStateConnected)
			break;
		sleep_ms(STEP_MS);
	}
	if (state != XenbusStateInitialised && state != XenbusStateConnected)
		return say("frontend never wrote its rings (state %ld)", state), -1;
	txref = xs_num(fe, "tx-ring-ref");
	rxref = xs_num(fe, "rx-ring-ref");
	evt = xs_num(fe, "event-channel");
	copy = xs_num(fe, "request-rx-copy");
	if (txref < 0 || rxref < 0 || evt < 0 || copy != 1)
		return say("frontend gave tx-ring-ref %ld rx-ring-ref %ld event-channel %ld request-rx-copy %ld",
			   txref, rxref, evt, copy), -1;
	s = map_grant(txref, 1, &index);
	if (!s)
		return say("cannot map tx-ring-ref %ld: %s", txref, strerror(errno)), -1;
	BACK_RING_INIT(&tx, (struct netif_tx_sring *)s, XEN_PAGE_SIZE);
	s = map_grant(rxref, 1, &index);
	if (!s)
		return say("cannot map rx-ring-ref %ld: %s", rxref, strerror(errno)), -1;
	BACK_RING_INIT(&rx, (struct netif_rx_sring *)s, XEN_PAGE_SIZE);
	b.remote_port = evt;
	rc = ioctl(ev_fd, IOCTL_EVTCHN_BIND_INTERDOMAIN, &b);	/* our port */
	if (rc <= 0)
		return say("cannot bind port %ld: %s", evt, strerror(errno)), -1;
	port = rc;
	xs_printf(be, "state", "%d", XenbusStateConnected);
	say("connected: tx-ring-ref %ld rx-ring-ref %ld port %ld (ours %u), %u slots each",
	    txref, rxref, evt, port, RING_SIZE(&tx));
	return 0;
}

int main(int argc, char **argv)
{
	struct netif_tx_request rq;
	unsigned int idle = 0, frames = 0;

	if (argc != 4)
		return fprintf(stderr, "usage: %s DOMID DEVID CLASS\n", argv[0]), 2;
	domid = strtoul(argv[1], NULL, 10);
	devid = strtoul(argv[2], NULL, 10);
	for (cls = 0; cls < NR_CLASSES; cls++)
		if (!strcmp(argv[3], classes[cls]))
			break;
	if (cls == NR_CLASSES)
		return fprintf(stderr, "unknown class %s\n", argv[3]), 2;
	snprintf(be, sizeof(be), "/local/domain/0/hostile-backend/vif/%u/%u", domid, devid);
	snprintf(fe, sizeof(fe), "/local/domain/%u/device/vif/%u", domid, devid);
	gnt_fd = open("/dev/xen/gntdev", O_RDWR);
	ev_fd = open("/dev/xen/evtchn", O_RDWR);
	if (gnt_fd < 0 || ev_fd < 0)
		return say("no /dev/xen/gntdev or evtchn: %s", strerror(errno)), 1;
	switch (connect_rings()) {
	case 0:
		break;
	case 1:		/* refused, as it should */
		return 0;
	default:
		return 1;
	}
	/* The first frame answered well, the second lied about, then silence. */
	while (frames < 2) {
		int more;

		RING_FINAL_CHECK_FOR_REQUESTS(&tx, more);
		if (!more) {
			if ((idle += STEP_MS) >= CONNECT_MS)
				return say("the guest sent %u frames, not 2", frames), 1;
			wait_event(STEP_MS);
			continue;
		}
		idle = 0;
		RING_COPY_REQUEST(&tx, tx.req_cons, &rq);
		tx.req_cons++;
		if (frames++ == 0 ? serve(&rq) : lie(&rq))
			return say("failed at frame %u", frames), 1;
	}
	/* Stay (the rings mapped) until the guest is gone or closes. */
	for (idle = 0; idle < CONNECT_MS; idle += 200) {
		long st = xs_num(fe, "state");

		if (st < 0 || st >= XenbusStateClosing)
			break;
		wait_event(200);
	}
	say("done (frontend state %ld)", xs_num(fe, "state"));
	return 0;
}
