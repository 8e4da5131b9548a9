// SPDX-License-Identifier: GPL-2.0
/*
 * Event channels under the real Xen: an IPI to ourselves arrives once per
 * send; a masked port keeps the event pending and gets it on unmask; an
 * interdomain loopback pair (both ends ours) carries events both ways;
 * binding the same port twice is refused; a closed port cannot be sent
 * on; and a port nobody bound is masked when it fires, and counted.
 *
 * Checked against Xen's side, not the code's: deliveries by the test's
 * own handler, what a port is bound to by EVTCHNOP_status, pending and
 * mask bits straight from shared_info's bitmaps (xen.h layout).
 */
#include <linux/ktest.h>
#include <linux/irqflags.h>
#include <linux/errno.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include <xen/events.h>
#include <xen/interface/errno.h>

/* Xen's bitmaps for @port, read here from the ABI structure. */
static bool sh_bit(const xen_ulong_t *map, evtchn_port_t port)
{
	const unsigned int bits = sizeof(xen_ulong_t) * 8;

	return (READ_ONCE(map[port / bits]) >> (port % bits)) & 1;
}

static bool sh_pending(evtchn_port_t port)
{
	return sh_bit(HYPERVISOR_shared_info->evtchn_pending, port);
}

static bool sh_masked(evtchn_port_t port)
{
	return sh_bit(HYPERVISOR_shared_info->evtchn_mask, port);
}

/* Xen's word on @port: EVTCHNSTAT_*, or -1 if the query failed. */
static int xen_status(evtchn_port_t port, struct evtchn_status *st)
{
	st->dom = DOMID_SELF;
	st->port = port;
	return HYPERVISOR_event_channel_op(EVTCHNOP_status, st) ? -1 : (int)st->status;
}

static unsigned long hits[2];
static evtchn_port_t last_port[2];

static void on_event(evtchn_port_t port, void *data)
{
	unsigned long i = (unsigned long)data;

	hits[i]++;
	last_port[i] = port;
}

static int ev_init(struct ktest *t)
{
	if (!xen_domain() || !xen_events_ready())
		ktest_skip(t, "no Xen event channels");
	hits[0] = hits[1] = 0;
	return 0;
}

static void ev_ipi_to_self(struct ktest *t)
{
	int port = bind_ipi_to_handler(0, on_event, (void *)0UL, "ev_test");
	struct evtchn_status st;
	int i;

	KTEST_ASSERT_GE(t, port, 0);
	KTEST_EXPECT_EQ(t, xen_status(port, &st), EVTCHNSTAT_ipi);
	KTEST_EXPECT_EQ(t, st.vcpu, 0);
	KTEST_EXPECT_FALSE(t, sh_masked(port));
	for (i = 0; i < 3; i++)
		notify_remote_via_evtchn(port);		/* delivered on return */
	KTEST_EXPECT_EQ(t, hits[0], 3);
	KTEST_EXPECT_EQ(t, last_port[0], port);
	KTEST_EXPECT_EQ(t, xen_evtchn_count(port), hits[0]);
	KTEST_EXPECT_FALSE(t, sh_pending(port));
	unbind_from_handler(port);
	KTEST_EXPECT_EQ(t, xen_status(port, &st), EVTCHNSTAT_closed);
}

static void ev_masked_stays_pending(struct ktest *t)
{
	int port = bind_ipi_to_handler(0, on_event, (void *)0UL, "ev_test");

	KTEST_ASSERT_GE(t, port, 0);
	xen_evtchn_mask(port);
	KTEST_EXPECT_TRUE(t, sh_masked(port));
	notify_remote_via_evtchn(port);
	notify_remote_via_evtchn(port);			/* coalesces */
	KTEST_EXPECT_EQ(t, hits[0], 0);
	KTEST_EXPECT_TRUE(t, sh_pending(port));
	KTEST_EXPECT_EQ(t, xen_evtchn_is_pending(port), sh_pending(port));
	xen_evtchn_unmask(port);
	KTEST_EXPECT_FALSE(t, sh_masked(port));
	KTEST_EXPECT_EQ(t, hits[0], 1);
	KTEST_EXPECT_FALSE(t, sh_pending(port));
	/* Unmasking again with nothing pending delivers nothing. */
	xen_evtchn_unmask(port);
	KTEST_EXPECT_EQ(t, hits[0], 1);
	unbind_from_handler(port);
}

static void ev_interdomain_loopback(struct ktest *t)
{
	struct evtchn_alloc_unbound alloc = { .dom = DOMID_SELF, .remote_dom = DOMID_SELF };
	struct evtchn_bind_interdomain bind = { .remote_dom = DOMID_SELF };
	int a, b;

	KTEST_ASSERT_EQ(t, HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &alloc), 0);
	bind.remote_port = alloc.port;
	KTEST_ASSERT_EQ(t, HYPERVISOR_event_channel_op(EVTCHNOP_bind_interdomain, &bind), 0);
	a = bind_evtchn_to_handler(alloc.port, on_event, (void *)0UL, "ev_a");
	b = bind_evtchn_to_handler(bind.local_port, on_event, (void *)1UL, "ev_b");
	struct evtchn_status st;

	KTEST_ASSERT_GE(t, a, 0);
	KTEST_ASSERT_GE(t, b, 0);
	/* Xen: each end is connected to the other, within this domain. */
	KTEST_EXPECT_EQ(t, xen_status(a, &st), EVTCHNSTAT_interdomain);
	KTEST_EXPECT_EQ(t, st.u.interdomain.port, b);
	KTEST_EXPECT_EQ(t, xen_status(b, &st), EVTCHNSTAT_interdomain);
	KTEST_EXPECT_EQ(t, st.u.interdomain.port, a);
	/* Binding to a fresh port may have seen the bind itself as an event. */
	hits[0] = hits[1] = 0;
	notify_remote_via_evtchn(b);
	KTEST_EXPECT_EQ(t, hits[0], 1);
	KTEST_EXPECT_EQ(t, hits[1], 0);
	KTEST_EXPECT_EQ(t, last_port[0], a);
	notify_remote_via_evtchn(a);
	notify_remote_via_evtchn(a);
	KTEST_EXPECT_EQ(t, hits[1], 2);
	KTEST_EXPECT_EQ(t, last_port[1], b);
	KTEST_EXPECT_EQ(t, bind_evtchn_to_handler(a, on_event, NULL, "dup"), -EBUSY);
	unbind_from_handler(a);
	unbind_from_handler(b);
}

static void ev_closed_port_refused(struct ktest *t)
{
	struct evtchn_send send;
	int port = bind_ipi_to_handler(0, on_event, (void *)0UL, "ev_test");

	KTEST_ASSERT_GE(t, port, 0);
	unbind_from_handler(port);		/* closes it with Xen */
	send.port = port;
	KTEST_EXPECT_EQ(t, HYPERVISOR_event_channel_op(EVTCHNOP_send, &send), -XEN_EINVAL);
	KTEST_EXPECT_EQ(t, hits[0], 0);
	KTEST_EXPECT_EQ(t, bind_evtchn_to_handler(5000, on_event, NULL, "big"), -EINVAL);
}

/*
 * Nothing fired unbound during boot; then one stray made on purpose: a
 * port bound with Xen (EVTCHNOP_bind_ipi) but not here.  It must be
 * counted once and left masked in shared_info, its pending bit consumed.
 */
static void ev_stray_masked(struct ktest *t)
{
	struct evtchn_bind_ipi ipi = { .vcpu = 0 };
	struct evtchn_close close;
	unsigned long stray = xen_events_stats.stray;

	ktest_info(t, "%lu upcalls, %lu handler calls so far",
		   xen_events_stats.upcalls, xen_events_stats.handled);
	KTEST_EXPECT_EQ(t, stray, 0);
	KTEST_ASSERT_EQ(t, HYPERVISOR_event_channel_op(EVTCHNOP_bind_ipi, &ipi), 0);
	xen_evtchn_unmask(ipi.port);
	notify_remote_via_evtchn(ipi.port);		/* delivered on return */
	KTEST_EXPECT_EQ(t, xen_events_stats.stray, stray + 1);
	KTEST_EXPECT_TRUE(t, sh_masked(ipi.port));
	KTEST_EXPECT_FALSE(t, sh_pending(ipi.port));
	/* Masked for good: a second send stays pending, nothing is counted. */
	notify_remote_via_evtchn(ipi.port);
	KTEST_EXPECT_EQ(t, xen_events_stats.stray, stray + 1);
	KTEST_EXPECT_TRUE(t, sh_pending(ipi.port));
	close.port = ipi.port;
	KTEST_EXPECT_EQ(t, HYPERVISOR_event_channel_op(EVTCHNOP_close, &close), 0);
	xen_events_stats.stray = stray;		/* the boot's count, for later suites */
}

static const struct ktest_case ev_cases[] = {
	KTEST_CASE(ev_ipi_to_self),
	KTEST_CASE(ev_masked_stays_pending),
	KTEST_CASE(ev_interdomain_loopback),
	KTEST_CASE(ev_closed_port_refused),
	KTEST_CASE(ev_stray_masked),
	{}
};
KTEST_SUITE_FULL(xen_events, ev_cases, ev_init, NULL);
