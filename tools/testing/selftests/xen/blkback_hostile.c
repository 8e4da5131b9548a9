// SPDX-License-Identifier: GPL-2.0
/*
 * blkback_hostile - a blkif backend in the reference dom0 that lies, one
 * class of bad response per device (mode xen-pv-domU-hostile).
 *
 *   blkback_hostile DOMID DEVID CLASS
 *
 * The harness (blk/hostile-setup.sh) has made the frontend's
 * device/vbd/DEVID and our hostile-backend/vbd/DOMID/DEVID (not under
 * backend/, which blkback watches) with their
 * permissions, the domain still paused.  We then play blkback: the
 * disk's size and InitWait, the frontend's ring and event channel mapped
 * and bound once it is Initialised (gntdev, evtchn), Connected.  A
 * request alone on the ring (no second within PAIR_WAIT_MS) is answered
 * as blkback would (a read gets every sector filled with hostile_byte()
 * of its number, which the guest's test computes itself); the first of
 * two that wait together gets the one bad answer of CLASS:
 *   id        an id no request of the guest's can carry;
 *   dup       the first request answered, then once more (same id);
 *   op        a read answered as a write;
 *   prodjump  rsp_prod moved past the whole ring;
 *   prodback  rsp_prod moved behind what we produced already;
 *   status    a status blkif does not define.
 * After it, nothing more is answered: a guest that survives disables the
 * device and says Closing; we then let the ring and port go and say
 * Closed, as blkback would ("frontend Closing ..." on stdout).  Every step is one line on stdout, "HOSTILE DEVID CLASS: ...",
 * the last "sent bad response ..." (the mode's judge reads them).
 * blkif responses have no length field: "oversized length" has no form
 * here (netif's has one).
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
#include <xen/io/blkif.h>
#include <xen/io/xenbus.h>

#define PAIR_WAIT_MS	100
#define STEP_MS		20
#define CONNECT_MS	120000
#define SECTORS		2048

static const char *const classes[] = { "id", "dup", "op", "prodjump", "prodback", "status" };

static unsigned int domid, devid, cls;
static char be[128], fe[128];
static int gnt_fd, ev_fd;
static struct blkif_back_ring ring;
static evtchn_port_t port;
static uint64_t ring_index;		/* gntdev's, for the unmap */

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

/* The byte every byte of sector S holds on this device: the test's too. */
static uint8_t hostile_byte(uint64_t s)
{
	return (uint8_t)(0x5a ^ s ^ (s >> 8) ^ (devid & 0xff));
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

/* Map the guest's grant REF: the address (its gntdev INDEX) or NULL. */
static void *map_grant(uint32_t ref, uint64_t *index)
{
	struct ioctl_gntdev_map_grant_ref m = { .count = 1 };
	void *p;

	m.refs[0].domid = domid;
	m.refs[0].ref = ref;
	if (ioctl(gnt_fd, IOCTL_GNTDEV_MAP_GRANT_REF, &m) < 0)
		return NULL;
	p = mmap(NULL, XEN_PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, gnt_fd, m.index);
	*index = m.index;
	return p == MAP_FAILED ? NULL : p;
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

/* The answer blkback gives; a read's segments filled first. */
static int serve(const struct blkif_request *rq)
{
	unsigned int i, s;

	if (rq->operation == BLKIF_OP_READ || rq->operation == BLKIF_OP_WRITE) {
		if (rq->nr_segments > BLKIF_MAX_SEGMENTS_PER_REQUEST)
			return BLKIF_RSP_ERROR;
		for (i = 0; i < rq->nr_segments; i++) {
			const struct blkif_request_segment *seg = &rq->seg[i];
			uint64_t index, sector = rq->sector_number;
			uint8_t *page;

			if (seg->first_sect > seg->last_sect || seg->last_sect > 7)
				return BLKIF_RSP_ERROR;
			if (rq->operation == BLKIF_OP_WRITE)
				continue;	/* nothing kept */
			page = map_grant(seg->gref, &index);
			if (!page)
				return BLKIF_RSP_ERROR;
			for (s = 0; s < i; s++)
				sector += rq->seg[s].last_sect - rq->seg[s].first_sect + 1;
			for (s = seg->first_sect; s <= seg->last_sect; s++, sector++)
				memset(page + s * 512, hostile_byte(sector), 512);
			unmap_grant(page, index);
		}
		return BLKIF_RSP_OKAY;
	}
	return rq->operation == BLKIF_OP_FLUSH_DISKCACHE ? BLKIF_RSP_OKAY : BLKIF_RSP_EOPNOTSUPP;
}

static void push(uint64_t id, uint8_t op, int16_t status)
{
	struct blkif_response *r = RING_GET_RESPONSE(&ring, ring.rsp_prod_pvt);

	r->id = id;
	r->operation = op;
	r->status = status;
	ring.rsp_prod_pvt++;
}

/* Publish what we pushed and tell the guest. */
static void publish(void)
{
	int n;

	RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(&ring, n);
	(void)n;
	notify();	/* always: a lie must be looked at */
}

/* The bad answer of our class to RQ (and a second waiting request, if any). */
static void lie(const struct blkif_request *rq)
{
	switch (cls) {
	case 0:
		push(0x7ffffff0u, rq->operation, BLKIF_RSP_OKAY);
		publish();
		say("sent bad response: unknown id 0x7ffffff0 for request id %llu", (unsigned long long)rq->id);
		break;
	case 1:
		push(rq->id, rq->operation, serve(rq));
		push(rq->id, rq->operation, BLKIF_RSP_OKAY);
		publish();
		say("sent bad response: duplicate id %llu (answered twice)", (unsigned long long)rq->id);
		break;
	case 2:
		push(rq->id, rq->operation == BLKIF_OP_READ ? BLKIF_OP_WRITE : BLKIF_OP_READ, BLKIF_RSP_OKAY);
		publish();
		say("sent bad response: operation %d for request id %llu of operation %d",
		    rq->operation == BLKIF_OP_READ ? BLKIF_OP_WRITE : BLKIF_OP_READ,
		    (unsigned long long)rq->id, rq->operation);
		break;
	case 3:
		ring.sring->rsp_prod = ring.rsp_prod_pvt + RING_SIZE(&ring) + 5;
		notify();
		say("sent bad response: rsp_prod %u, past the ring (%u slots, %u produced)",
		    ring.sring->rsp_prod, RING_SIZE(&ring), ring.rsp_prod_pvt);
		break;
	case 4:
		ring.sring->rsp_prod = ring.rsp_prod_pvt - 1;
		notify();
		say("sent bad response: rsp_prod %u, behind the %u produced", ring.sring->rsp_prod,
		    ring.rsp_prod_pvt);
		break;
	default:
		push(rq->id, rq->operation, 7);
		publish();
		say("sent bad response: status 7 for request id %llu", (unsigned long long)rq->id);
		break;
	}
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

static int connect_ring(void)
{
	struct ioctl_evtchn_bind_interdomain b = { .remote_domain = domid };
	struct blkif_sring *s;
	long ref, evt, state = -1;
	unsigned int waited;
	int rc;

	xs_printf(be, "sectors", "%u", SECTORS);
	xs_printf(be, "sector-size", "512");
	xs_printf(be, "info", "0");
	xs_printf(be, "feature-flush-cache", "1");
	xs_printf(be, "state", "%d", XenbusStateInitWait);
	for (waited = 0; waited < CONNECT_MS; waited += STEP_MS) {
		state = xs_num(fe, "state");
		if (state == XenbusStateInitialised)
			break;
		sleep_ms(STEP_MS);
	}
	if (state != XenbusStateInitialised)
		return say("frontend never Initialised (state %ld)", state), -1;
	ref = xs_num(fe, "ring-ref");
	evt = xs_num(fe, "event-channel");
	if (ref < 0 || evt < 0)
		return say("frontend gave no ring-ref/event-channel"), -1;
	s = map_grant(ref, &ring_index);
	if (!s)
		return say("cannot map ring-ref %ld: %s", ref, strerror(errno)), -1;
	BACK_RING_INIT(&ring, s, XEN_PAGE_SIZE);
	b.remote_port = evt;
	rc = ioctl(ev_fd, IOCTL_EVTCHN_BIND_INTERDOMAIN, &b);	/* our port */
	if (rc <= 0)
		return say("cannot bind port %ld: %s", evt, strerror(errno)), -1;
	port = rc;
	xs_printf(be, "state", "%d", XenbusStateConnected);
	say("connected: ring-ref %ld port %ld (ours %u), %u slots", ref, evt, port, RING_SIZE(&ring));
	return 0;
}

int main(int argc, char **argv)
{
	struct blkif_request rq;
	unsigned int idle = 0, w;

	if (argc != 4)
		return fprintf(stderr, "usage: %s DOMID DEVID CLASS\n", argv[0]), 2;
	domid = strtoul(argv[1], NULL, 10);
	devid = strtoul(argv[2], NULL, 10);
	for (cls = 0; cls < sizeof(classes) / sizeof(classes[0]); cls++)
		if (!strcmp(argv[3], classes[cls]))
			break;
	if (cls == sizeof(classes) / sizeof(classes[0]))
		return fprintf(stderr, "unknown class %s\n", argv[3]), 2;
	snprintf(be, sizeof(be), "/local/domain/0/hostile-backend/vbd/%u/%u", domid, devid);
	snprintf(fe, sizeof(fe), "/local/domain/%u/device/vbd/%u", domid, devid);
	gnt_fd = open("/dev/xen/gntdev", O_RDWR);
	ev_fd = open("/dev/xen/evtchn", O_RDWR);
	if (gnt_fd < 0 || ev_fd < 0)
		return say("no /dev/xen/gntdev or evtchn: %s", strerror(errno)), 1;
	if (connect_ring())
		return 1;
	/*
	 * One request at a time is answered well; the first of two that
	 * wait together gets the lie.  Then silence.
	 */
	for (;;) {
		int more;

		RING_FINAL_CHECK_FOR_REQUESTS(&ring, more);
		if (!more) {
			if ((idle += STEP_MS) >= CONNECT_MS)
				return say("the guest sent no two requests at once"), 1;
			wait_event(STEP_MS);
			continue;
		}
		idle = 0;
		RING_COPY_REQUEST(&ring, ring.req_cons, &rq);
		ring.req_cons++;
		for (w = 0; w < PAIR_WAIT_MS && !RING_HAS_UNCONSUMED_REQUESTS(&ring); w += STEP_MS)
			wait_event(STEP_MS);
		if (RING_HAS_UNCONSUMED_REQUESTS(&ring))
			break;
		push(rq.id, rq.operation, serve(&rq));
		publish();
		say("answered request id %llu operation %d sector %llu correctly",
		    (unsigned long long)rq.id, rq.operation, (unsigned long long)rq.sector_number);
	}
	say("two requests wait (the first id %llu)", (unsigned long long)rq.id);
	lie(&rq);
	/* Stay (the ring mapped) until the guest is gone or closes. */
	for (idle = 0; idle < CONNECT_MS; idle += 200) {
		long st = xs_num(fe, "state");

		if (st == XenbusStateClosing) {
			unmap_grant(ring.sring, ring_index);
			close(ev_fd);
			xs_printf(be, "state", "%d", XenbusStateClosed);
			say("frontend Closing (state %ld) after %u ms: ring and port let go, Closed",
			    st, idle);
			break;
		}
		if (st < 0 || st > XenbusStateClosing)
			break;
		wait_event(200);
	}
	say("done (frontend state %ld)", xs_num(fe, "state"));
	return 0;
}
