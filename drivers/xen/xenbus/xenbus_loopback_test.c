// SPDX-License-Identifier: GPL-2.0
/*
 * The xenstore client against a fake daemon of the test's own, on a page
 * of ours and an interdomain event channel pair whose both ends are ours
 * (so it runs under our dom0, which has no xenstored).  The daemon is
 * the handler of the far port: it reads each request off the ring and
 * answers as the case says: correctly (a one-key store), with an error
 * name, or as a hostile peer would (a wrong req_id or type, a length
 * over XENSTORE_PAYLOAD_MAX, an impossible producer index, an
 * unterminated string, a malformed watch event).
 *
 * What is checked is what the daemon saw and sent (its own counters and
 * buffers): values cross the ring intact both ways even when larger than
 * it; an error comes back as its errno; hostile replies break the
 * connection (-EIO then, for every call) and never crash.
 */
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include <xen/events.h>
#include <xen/xenbus.h>
#include "xenbus_comms.h"

#define HDR sizeof(struct xsd_sockmsg)

enum fake_mode {
	FAKE_OK, FAKE_ERROR, FAKE_ERROR_UNTERMINATED, FAKE_BAD_REQID, FAKE_BAD_TYPE,
	FAKE_HUGE_LEN, FAKE_BAD_INDEX, FAKE_WATCH, FAKE_BAD_WATCH,
};

static struct xenstore_domain_interface *ring;
static evtchn_port_t cport, sport;		/* the client's end, the daemon's */
static enum fake_mode mode;
static const char *watch_token;
static unsigned int requests;
static u8 in[HDR + XENSTORE_PAYLOAD_MAX];
static unsigned int in_got;
static u8 out[3 * (HDR + XENSTORE_PAYLOAD_MAX)];
static unsigned int out_len, out_sent;
static char value[XENSTORE_PAYLOAD_MAX];
static unsigned int value_len;

/* What the daemon has to send, as far as the ring has room. */
static void fake_push(void)
{
	u32 cons = READ_ONCE(ring->rsp_cons), prod = ring->rsp_prod;
	bool sent = false;

	while (out_sent < out_len && prod - cons < XENSTORE_RING_SIZE) {
		ring->rsp[MASK_XENSTORE_IDX(prod)] = out[out_sent++];
		prod++;
		sent = true;
	}
	barrier();
	WRITE_ONCE(ring->rsp_prod, prod);
	if (sent)
		notify_remote_via_evtchn(sport);
}

static void fake_queue(u32 type, u32 req_id, u32 len, const void *p, unsigned int n)
{
	struct xsd_sockmsg h = { .type = type, .req_id = req_id, .len = len };

	memcpy(out + out_len, &h, HDR);
	memcpy(out + out_len + HDR, p, n);
	out_len += HDR + n;
}

static void fake_answer(const struct xsd_sockmsg *h, const char *payload)
{
	unsigned int plen;

	requests++;
	switch (mode) {
	case FAKE_OK:
		if (h->type == XS_READ) {
			fake_queue(XS_READ, h->req_id, value_len, value, value_len);
			break;
		}
		if (h->type == XS_WRITE) {
			plen = strnlen(payload, h->len) + 1;
			value_len = h->len - plen;
			memcpy(value, payload + plen, value_len);
		}
		fake_queue(h->type, h->req_id, 3, "OK", 3);
		break;
	case FAKE_ERROR:
		fake_queue(XS_ERROR, h->req_id, 7, "EACCES", 7);
		break;
	case FAKE_ERROR_UNTERMINATED:
		fake_queue(XS_ERROR, h->req_id, 6, "EACCES", 6);
		break;
	case FAKE_BAD_REQID:
		fake_queue(h->type, h->req_id + 1, 3, "OK", 3);
		break;
	case FAKE_BAD_TYPE:
		fake_queue(h->type == XS_RM ? XS_MKDIR : XS_RM, h->req_id, 3, "OK", 3);
		break;
	case FAKE_HUGE_LEN:
		fake_queue(h->type, h->req_id, XENSTORE_PAYLOAD_MAX + 1, "", 0);
		break;
	case FAKE_BAD_INDEX:
		WRITE_ONCE(ring->rsp_prod, ring->rsp_cons + XENSTORE_RING_SIZE + 1);
		notify_remote_via_evtchn(sport);
		break;
	case FAKE_WATCH: {
		char ev[48];
		int n = snprintf(ev, sizeof(ev), "data/w%c%s", 0, watch_token) + 1;

		/* One for the watch, one for a token nobody has; then the answer. */
		fake_queue(XS_WATCH_EVENT, 0, n, ev, n);
		fake_queue(XS_WATCH_EVENT, 0, 10, "data/w\0zz", 10);
		fake_queue(h->type, h->req_id, 3, "OK", 3);
		break;
	}
	case FAKE_BAD_WATCH:
		fake_queue(XS_WATCH_EVENT, 0, 9, "onlypath", 9);
		fake_queue(h->type, h->req_id, 3, "OK", 3);
		break;
	}
}

/* The far end's handler: take request bytes, answer whole requests. */
static void fake_daemon(evtchn_port_t port, void *data)
{
	u32 cons = ring->req_cons, prod = READ_ONCE(ring->req_prod);
	const struct xsd_sockmsg *h = (const void *)in;

	while (cons != prod && in_got < sizeof(in))
		in[in_got++] = ring->req[MASK_XENSTORE_IDX(cons++)];
	WRITE_ONCE(ring->req_cons, cons);
	if (in_got >= HDR && in_got >= HDR + h->len) {
		fake_answer(h, (const char *)in + HDR);
		in_got = 0;
	}
	fake_push();
}

static int lb_init(struct ktest *t)
{
	struct evtchn_alloc_unbound alloc = { .dom = DOMID_SELF, .remote_dom = DOMID_SELF };
	struct evtchn_bind_interdomain bind = { .remote_dom = DOMID_SELF };

	if (!xen_domain() || !xen_events_ready())
		ktest_skip(t, "no Xen event channels");
	/* Our dom0's in-kernel server stays; the fake's ring wins while attached. */
	if (xb_ring_attached())
		ktest_skip(t, "a real xenstore ring is connected; the fake would replace it");
	ring = get_zeroed_page();
	KTEST_ASSERT_NOT_NULL(t, ring);
	KTEST_ASSERT_EQ(t, HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &alloc), 0);
	bind.remote_port = alloc.port;
	KTEST_ASSERT_EQ(t, HYPERVISOR_event_channel_op(EVTCHNOP_bind_interdomain, &bind), 0);
	cport = alloc.port;
	sport = bind.local_port;
	mode = FAKE_OK;
	requests = in_got = out_len = out_sent = value_len = 0;
	KTEST_ASSERT_GE(t, bind_evtchn_to_handler(sport, fake_daemon, NULL, "fake-xenstored"), 0);
	KTEST_ASSERT_EQ(t, xb_comms_init(ring, cport), 0);
	return 0;
}

static void lb_exit(struct ktest *t)
{
	struct evtchn_close close;

	xb_comms_detach();
	unbind_from_handler(sport);
	close.port = cport;
	HYPERVISOR_event_channel_op(EVTCHNOP_close, &close);
	close.port = sport;
	HYPERVISOR_event_channel_op(EVTCHNOP_close, &close);
	free_page(ring);
}

/* Larger than the ring both ways: the client waits for room, then for bytes. */
static void lb_round_trip(struct ktest *t)
{
	static char big[4000];
	unsigned int len, i;
	char *v;

	for (i = 0; i < sizeof(big) - 1; i++)
		big[i] = 'a' + i % 23;
	big[sizeof(big) - 1] = '\0';
	KTEST_ASSERT_EQ(t, xenbus_write(XBT_NIL, "data", "k", big), 0);
	KTEST_EXPECT_EQ(t, value_len, sizeof(big) - 1);
	KTEST_EXPECT_EQ(t, memcmp(value, big, value_len), 0);
	KTEST_ASSERT_EQ(t, xenbus_read(XBT_NIL, "data", "k", &v, &len), 0);
	KTEST_EXPECT_EQ(t, len, sizeof(big) - 1);
	KTEST_EXPECT_EQ(t, memcmp(v, big, len), 0);
	KTEST_EXPECT_EQ(t, v[len], 0);
	kfree(v);
	KTEST_EXPECT_EQ(t, requests, 2);
	KTEST_EXPECT_TRUE(t, xenbus_ready());
}

static void lb_too_big_not_sent(struct ktest *t)
{
	static char huge[XENSTORE_PAYLOAD_MAX + 1];

	memset(huge, 'x', sizeof(huge) - 1);
	KTEST_EXPECT_EQ(t, xenbus_write(XBT_NIL, "", "k", huge), -E2BIG);
	KTEST_EXPECT_EQ(t, requests, 0);
	KTEST_EXPECT_TRUE(t, xenbus_ready());
}

static void lb_error_by_name(struct ktest *t)
{
	mode = FAKE_ERROR;
	KTEST_EXPECT_EQ(t, xenbus_mkdir(XBT_NIL, "", "d"), -EACCES);
	KTEST_EXPECT_TRUE(t, xenbus_ready());
}

/* Each hostile answer breaks the connection; the next call is -EIO at once. */
static void expect_broken(struct ktest *t, enum fake_mode m)
{
	mode = m;
	KTEST_EXPECT_EQ(t, xenbus_rm(XBT_NIL, "", "k"), -EIO);
	KTEST_EXPECT_FALSE(t, xenbus_ready());
	KTEST_EXPECT_EQ(t, xenbus_rm(XBT_NIL, "", "k"), -EIO);
	KTEST_EXPECT_EQ(t, requests, 1);		/* the second never went out */
}

static void lb_error_unterminated(struct ktest *t) { expect_broken(t, FAKE_ERROR_UNTERMINATED); }
static void lb_wrong_req_id(struct ktest *t) { expect_broken(t, FAKE_BAD_REQID); }
static void lb_wrong_type(struct ktest *t) { expect_broken(t, FAKE_BAD_TYPE); }
static void lb_len_over_max(struct ktest *t) { expect_broken(t, FAKE_HUGE_LEN); }
static void lb_impossible_index(struct ktest *t) { expect_broken(t, FAKE_BAD_INDEX); }
static void lb_malformed_watch(struct ktest *t) { expect_broken(t, FAKE_BAD_WATCH); }

static unsigned int lb_fired;
static char lb_path[16];

static void lb_on_watch(struct xenbus_watch *w, const char *path)
{
	lb_fired++;
	strscpy(lb_path, path, sizeof(lb_path));
}

/* The daemon fires our token and one nobody has: one callback runs. */
static void lb_watch_delivery(struct ktest *t)
{
	struct xenbus_watch w = { .node = "data/w", .callback = lb_on_watch };

	lb_fired = 0;
	/* Registered in FAKE_OK; the token is then known for the events. */
	KTEST_ASSERT_EQ(t, register_xenbus_watch(&w), 0);
	watch_token = w.token;
	mode = FAKE_WATCH;
	KTEST_EXPECT_EQ(t, xenbus_mkdir(XBT_NIL, "", "x"), 0);
	KTEST_EXPECT_EQ(t, lb_fired, 1);
	KTEST_EXPECT_STREQ(t, lb_path, "data/w");
	mode = FAKE_OK;
	unregister_xenbus_watch(&w);
	KTEST_EXPECT_TRUE(t, xenbus_ready());
}

static const struct ktest_case lb_cases[] = {
	KTEST_CASE(lb_round_trip),
	KTEST_CASE(lb_too_big_not_sent),
	KTEST_CASE(lb_error_by_name),
	KTEST_CASE(lb_error_unterminated),
	KTEST_CASE(lb_wrong_req_id),
	KTEST_CASE(lb_wrong_type),
	KTEST_CASE(lb_len_over_max),
	KTEST_CASE(lb_impossible_index),
	KTEST_CASE(lb_malformed_watch),
	KTEST_CASE(lb_watch_delivery),
	{}
};
KTEST_SUITE_FULL(xen_xenstore_fake, lb_cases, lb_init, lb_exit);
