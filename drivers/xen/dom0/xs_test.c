// SPDX-License-Identifier: GPL-2.0
/*
 * The slim dom0's xenstore server (xs_*.c), from both sides it serves:
 * dom0's own xenbus client, and fake domains whose rings are pages of
 * dom0 and whose event channels are loopback pairs (both ends dom0's),
 * introduced with domids of their own so that permissions and quotas
 * apply to them.  The test plays each fake guest: it writes requests
 * into req[] with the client's wire helpers, kicks its port, runs
 * xsd_poll() as dom0's event loop would, and reads rsp[].
 *
 * Every expectation is written out here: the bytes of each reply
 * ("OK\0", "n42\0", the error names "EACCES", "EAGAIN", "ENOSPC",
 * "EPERM", "E2BIG"), and the quota numbers of Xen's xenstored (1000
 * nodes, 128 watches, 10 transactions, 16 requests per poll pass).
 */
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/tsc.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include <asm/xen/page.h>
#include <asm/page.h>
#include <xen/events.h>
#include <xen/xenbus.h>
#include <xen/xenstored.h>
#include "../xenbus/xenbus_wire.h"

#define HDR	sizeof(struct xsd_sockmsg)

struct guest {
	domid_t id;
	struct xenstore_domain_interface *ring;
	evtchn_port_t gport, sport;	/* the guest's end, dom0's */
	unsigned int kicks;		/* events dom0 sent the guest */
	struct xs_rx rx;
	unsigned int nev;		/* watch events seen */
	char ev[256];			/* the last one, "path\0token\0" */
	u32 type;			/* the last reply */
	unsigned int len;
	char body[XENSTORE_PAYLOAD_MAX + 1];
};

static struct guest ga, gb;

static void guest_event(evtchn_port_t port, void *data)
{
	((struct guest *)data)->kicks++;
}

static int guest_up(struct ktest *t, struct guest *g, domid_t id)
{
	struct evtchn_alloc_unbound alloc = { .dom = DOMID_SELF, .remote_dom = DOMID_SELF };
	struct evtchn_bind_interdomain bind = { .remote_dom = DOMID_SELF };

	memset(g, 0, sizeof(*g));
	g->id = id;
	g->ring = get_zeroed_page();
	KTEST_ASSERT_NOT_NULL(t, g->ring);
	KTEST_ASSERT_EQ(t, HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &alloc), 0);
	bind.remote_port = alloc.port;
	KTEST_ASSERT_EQ(t, HYPERVISOR_event_channel_op(EVTCHNOP_bind_interdomain, &bind), 0);
	g->gport = alloc.port;
	g->sport = bind.local_port;
	KTEST_ASSERT_GE(t, bind_evtchn_to_handler(g->gport, guest_event, g, "fake-guest"), 0);
	return xsd_introduce(id, g->ring, g->sport);
}

static void guest_down(struct guest *g)
{
	if (!g->ring)
		return;
	xsd_release(g->id);
	unbind_from_handler(g->gport);
	free_page(g->ring);
	g->ring = NULL;
}

/* Put one request in the ring and kick dom0; 0 or -EIO (ring refused). */
static int guest_send(struct guest *g, u32 type, u32 tx, const void *p, unsigned int len)
{
	struct xsd_sockmsg h = { .type = type, .req_id = 0x5a00 + type, .tx_id = tx, .len = len };
	const char *src = (const char *)&h;
	unsigned int done = 0, total = HDR + len, tries = 0;
	int n;

	while (done < total && tries++ < 64) {
		if (done < HDR)
			n = xs_ring_write(g->ring, src + done, HDR - done);
		else
			n = xs_ring_write(g->ring, (const char *)p + done - HDR, total - done);
		if (n < 0)
			return -EIO;
		done += n;
		notify_remote_via_evtchn(g->gport);
		if (!n)
			xsd_poll();	/* full: dom0 makes room */
	}
	return done == total ? 0 : -EIO;
}

/* Take whatever events are in the ring without expecting a reply. */
static void guest_events(struct guest *g)
{
	xsd_poll();
	while (xs_rx_pull(&g->rx, g->ring) > 0) {
		if (g->rx.hdr.type == XS_WATCH_EVENT) {
			g->nev++;
			memcpy(g->ev, g->rx.body, min(g->rx.hdr.len, (u32)sizeof(g->ev)));
		}
		xs_rx_reset(&g->rx);
	}
}

/* Run dom0's loop until a reply comes (events kept aside): 0 or -ETIMEDOUT. */
static int guest_recv(struct guest *g)
{
	unsigned int tries;
	int ret;

	for (tries = 0; tries < 32; tries++) {
		while ((ret = xs_rx_pull(&g->rx, g->ring)) > 0) {
			if (g->rx.hdr.type == XS_WATCH_EVENT) {
				g->nev++;
				memcpy(g->ev, g->rx.body, min(g->rx.hdr.len, (u32)sizeof(g->ev)));
				xs_rx_reset(&g->rx);
				continue;
			}
			g->type = g->rx.hdr.type;
			g->len = g->rx.hdr.len;
			memcpy(g->body, g->rx.body, g->len + 1);
			xs_rx_reset(&g->rx);
			/* Events sent right after it (a new watch's first firing). */
			guest_events(g);
			return 0;
		}
		if (ret < 0)
			return ret;
		xsd_poll();
	}
	return -ETIMEDOUT;
}

/* A request whose reply must be @type with exactly @len bytes @want. */
static void expect(struct ktest *t, struct guest *g, u32 type, u32 tx, const void *p,
		   unsigned int plen, u32 want_type, const void *want, unsigned int wlen)
{
	KTEST_ASSERT_EQ(t, guest_send(g, type, tx, p, plen), 0);
	KTEST_ASSERT_EQ(t, guest_recv(g), 0);
	if (g->type != want_type || g->len != wlen || memcmp(g->body, want, wlen)) {
		KTEST_FAIL(t, "request type %u \"%s\": reply type %u \"%.40s\" (%u bytes), want type %u \"%.40s\" (%u bytes)",
			   type, (const char *)p, g->type, g->body, g->len, want_type,
			   (const char *)want, wlen);
	}
}

/* Literal payloads: the sizeof counts the final NUL, as the wire wants. */
#define REQ(t, g, type, lit, wtype, wlit) \
	expect(t, g, type, 0, lit, sizeof(lit) - 1 + 1, wtype, wlit, sizeof(wlit) - 1 + 1)
/* A WRITE: "path\0value", no NUL after the value. */
#define WRITE(t, g, tx, lit, wtype, wlit) \
	expect(t, g, XS_WRITE, tx, lit, sizeof(lit) - 1, wtype, wlit, sizeof(wlit))
#define ERR(t, g, type, lit, name) REQ(t, g, type, lit, XS_ERROR, name)

static int xsd_test_init(struct ktest *t)
{
	if (!xen_initial_domain() || !xen_events_ready())
		ktest_skip(t, "not Xen's initial domain");
	if (!xsd_local_ready())
		ktest_skip(t, "the in-kernel xenstore server is not running");
	KTEST_ASSERT_EQ(t, guest_up(t, &ga, 42), 0);
	return 0;
}

static void xsd_test_exit(struct ktest *t)
{
	guest_down(&ga);
	guest_down(&gb);
	xenbus_rm(XBT_NIL, "", "/local/domain/42");
	xenbus_rm(XBT_NIL, "", "/local/domain/43");
	xenbus_rm(XBT_NIL, "", "/local/domain/44");
}

/* Introduced: a home of its own, a domid key it may only read. */
static void xsd_introduce_makes_home(struct ktest *t)
{
	char **p;
	unsigned int n;

	REQ(t, &ga, XS_GET_DOMAIN_PATH, "42", XS_GET_DOMAIN_PATH, "/local/domain/42");
	expect(t, &ga, XS_READ, 0, "domid", 6, XS_READ, "42", 2);
	REQ(t, &ga, XS_GET_PERMS, "/local/domain/42", XS_GET_PERMS, "n42");
	expect(t, &ga, XS_GET_PERMS, 0, "domid", 6, XS_GET_PERMS, "n0\0r42", 7);
	WRITE(t, &ga, 0, "domid\0" "7", XS_ERROR, "EACCES");
	/* dom0's client sees the same node, owned by 42. */
	KTEST_ASSERT_EQ(t, xenbus_get_perms(XBT_NIL, "/local/domain/42", "", &p, &n), 0);
	KTEST_EXPECT_EQ(t, n, 1);
	KTEST_EXPECT_STREQ(t, p[0], "n42");
	kfree(p);
	/* A second introduction of the same id is refused. */
	KTEST_EXPECT_EQ(t, xsd_introduce(42, ga.ring, ga.sport), -EEXIST);
	/* Only dom0 introduces. */
	ERR(t, &ga, XS_INTRODUCE, "43\0" "1\0" "1", "EACCES");
	ERR(t, &ga, XS_RELEASE, "42", "EACCES");
}

static void xsd_write_read_directory(struct ktest *t)
{
	char *v;
	unsigned int len;

	WRITE(t, &ga, 0, "data/k\0" "hello", XS_WRITE, "OK");
	expect(t, &ga, XS_READ, 0, "data/k", 7, XS_READ, "hello", 5);
	expect(t, &ga, XS_READ, 0, "/local/domain/42/data/k", 24, XS_READ, "hello", 5);
	WRITE(t, &ga, 0, "data/j\0", XS_WRITE, "OK");
	expect(t, &ga, XS_READ, 0, "data/j", 7, XS_READ, "", 0);
	expect(t, &ga, XS_DIRECTORY, 0, "data", 5, XS_DIRECTORY, "k\0j", 4);
	REQ(t, &ga, XS_MKDIR, "data/d/e", XS_MKDIR, "OK");
	REQ(t, &ga, XS_MKDIR, "data/d/e", XS_MKDIR, "OK");	/* there already: fine */
	REQ(t, &ga, XS_RM, "data/d", XS_RM, "OK");
	ERR(t, &ga, XS_READ, "data/d/e", "ENOENT");
	REQ(t, &ga, XS_RM, "data/d", XS_RM, "OK");		/* gone, parent there */
	ERR(t, &ga, XS_RM, "data/none/deeper", "ENOENT");
	/* Paths xenstored refuses. */
	ERR(t, &ga, XS_READ, "data//k", "EINVAL");
	ERR(t, &ga, XS_READ, "data/k/", "EINVAL");
	ERR(t, &ga, XS_READ, "data/k\x01", "EINVAL");
	expect(t, &ga, XS_READ, 0, "data/k", 6, XS_ERROR, "EINVAL", 7);	/* unterminated */
	ERR(t, &ga, XS_RM, "/", "EINVAL");
	ERR(t, &ga, XS_DEBUG, "print", "ENOSYS");
	/* dom0 reads what the guest wrote. */
	KTEST_ASSERT_EQ(t, xenbus_read(XBT_NIL, "/local/domain/42/data", "k", &v, &len), 0);
	KTEST_EXPECT_EQ(t, len, 5);
	KTEST_EXPECT_STREQ(t, v, "hello");
	kfree(v);
}

static void xsd_permissions(struct ktest *t)
{
	static const char *const secret[] = { "n43" };
	static const char *const shared[] = { "n43", "r42" };

	/* dom0's keys: neither readable nor writable, absent or not. */
	ERR(t, &ga, XS_READ, "/local/domain/0/name", "EACCES");
	ERR(t, &ga, XS_READ, "/local/domain/0/never/written", "EACCES");
	WRITE(t, &ga, 0, "/local/domain/0/x\0v", XS_ERROR, "EACCES");
	WRITE(t, &ga, 0, "/tool/x\0v", XS_ERROR, "EACCES");
	ERR(t, &ga, XS_DIRECTORY, "/local/domain", "EACCES");
	ERR(t, &ga, XS_RM, "/local/domain/0", "EACCES");
	/* Another domain's key, as the toolstack makes it: owned by 43. */
	KTEST_ASSERT_EQ(t, xenbus_write(XBT_NIL, "/local/domain/43", "secret", "s"), 0);
	KTEST_ASSERT_EQ(t, xenbus_set_perms(XBT_NIL, "/local/domain/43", "secret", secret, 1), 0);
	ERR(t, &ga, XS_READ, "/local/domain/43/secret", "EACCES");
	WRITE(t, &ga, 0, "/local/domain/43/secret\0mine", XS_ERROR, "EACCES");
	ERR(t, &ga, XS_GET_PERMS, "/local/domain/43/secret", "EACCES");
	/* Shared for reading: read, still not write nor re-permission. */
	KTEST_ASSERT_EQ(t, xenbus_set_perms(XBT_NIL, "/local/domain/43", "secret", shared, 2), 0);
	expect(t, &ga, XS_READ, 0, "/local/domain/43/secret", 24, XS_READ, "s", 1);
	WRITE(t, &ga, 0, "/local/domain/43/secret\0mine", XS_ERROR, "EACCES");
	ERR(t, &ga, XS_SET_PERMS, "/local/domain/43/secret\0b42", "EACCES");
	/* Its own node: it may share it, not give it away. */
	WRITE(t, &ga, 0, "data/own\0x", XS_WRITE, "OK");
	REQ(t, &ga, XS_GET_PERMS, "data/own", XS_GET_PERMS, "n42");
	REQ(t, &ga, XS_SET_PERMS, "data/own\0n42\0r43", XS_SET_PERMS, "OK");
	expect(t, &ga, XS_GET_PERMS, 0, "data/own", 9, XS_GET_PERMS, "n42\0r43", 8);
	ERR(t, &ga, XS_SET_PERMS, "data/own\0n0", "EPERM");
	ERR(t, &ga, XS_SET_PERMS, "data/own\0x42", "EINVAL");
	ERR(t, &ga, XS_SET_PERMS, "data/own\0n42\0r1\0r2\0r3\0r4\0r5", "ENOSPC");
	/* dom0 may do everything. */
	KTEST_EXPECT_EQ(t, xenbus_write(XBT_NIL, "/local/domain/42/data", "own", "dom0"), 0);
}

static unsigned int fired;
static char fired_path[48];

static void on_watch(struct xenbus_watch *w, const char *path)
{
	fired++;
	strscpy(fired_path, path, sizeof(fired_path));
}

static void xsd_watches(struct ktest *t)
{
	struct xenbus_watch w = { .node = "@introduceDomain", .callback = on_watch };
	struct xenbus_watch r = { .node = "@releaseDomain", .callback = on_watch };
	unsigned int before;

	/* The first firing comes with the reply, the path as given. */
	REQ(t, &ga, XS_WATCH, "data\0tokA", XS_WATCH, "OK");
	KTEST_EXPECT_EQ(t, ga.nev, 1);
	KTEST_EXPECT_EQ(t, memcmp(ga.ev, "data\0tokA", 10), 0);
	ERR(t, &ga, XS_WATCH, "data\0tokA", "EEXIST");
	/* dom0 writes below it: the guest hears, relative to its home. */
	KTEST_ASSERT_EQ(t, xenbus_write(XBT_NIL, "/local/domain/42/data", "z", "1"), 0);
	guest_events(&ga);
	KTEST_EXPECT_EQ(t, ga.nev, 2);
	KTEST_EXPECT_EQ(t, memcmp(ga.ev, "data/z\0tokA", 12), 0);
	/* A watch on dom0's keys: its first firing, then nothing it may not read. */
	REQ(t, &ga, XS_WATCH, "/local/domain/0\0tok0", XS_WATCH, "OK");
	KTEST_EXPECT_EQ(t, ga.nev, 3);
	KTEST_ASSERT_EQ(t, xenbus_write(XBT_NIL, "/local/domain/0", "ktest-xsd", "1"), 0);
	guest_events(&ga);
	KTEST_EXPECT_EQ(t, ga.nev, 3);
	xenbus_rm(XBT_NIL, "/local/domain/0", "ktest-xsd");
	/* Removal: a watch below the removed node fires with its own path. */
	REQ(t, &ga, XS_WATCH, "data/z/deep\0tokB", XS_WATCH, "OK");
	KTEST_EXPECT_EQ(t, ga.nev, 4);
	REQ(t, &ga, XS_RM, "data/z", XS_RM, "OK");
	KTEST_EXPECT_EQ(t, ga.nev, 6);			/* tokA for data/z, tokB */
	REQ(t, &ga, XS_UNWATCH, "data\0tokA", XS_UNWATCH, "OK");
	ERR(t, &ga, XS_UNWATCH, "data\0tokA", "ENOENT");
	WRITE(t, &ga, 0, "data/z\0" "2", XS_WRITE, "OK");
	KTEST_EXPECT_EQ(t, ga.nev, 6);
	/* Special watches are dom0's: a domain's never fire after the first. */
	REQ(t, &ga, XS_WATCH, "@introduceDomain\0tokI", XS_WATCH, "OK");
	KTEST_EXPECT_EQ(t, ga.nev, 7);
	/* dom0 hears a domain come and go. */
	KTEST_ASSERT_EQ(t, register_xenbus_watch(&w), 0);
	KTEST_ASSERT_EQ(t, register_xenbus_watch(&r), 0);
	xenbus_run_watches();
	before = fired;
	fired_path[0] = 0;
	KTEST_ASSERT_EQ(t, guest_up(t, &gb, 43), 0);
	xenbus_run_watches();
	KTEST_EXPECT_EQ(t, fired, before + 1);
	KTEST_EXPECT_STREQ(t, fired_path, "@introduceDomain");
	guest_events(&ga);
	KTEST_EXPECT_EQ(t, ga.nev, 7);
	guest_down(&gb);
	xenbus_run_watches();
	KTEST_EXPECT_EQ(t, fired, before + 2);
	KTEST_EXPECT_STREQ(t, fired_path, "@releaseDomain");
	unregister_xenbus_watch(&w);
	unregister_xenbus_watch(&r);
}

/* A watcher that loses read access hears of that change, then nothing. */
static void xsd_watch_access_revoked(struct ktest *t)
{
	static const char *const shared[] = { "n43", "r42" };
	static const char *const revoked[] = { "n43" };

	KTEST_ASSERT_EQ(t, xenbus_write(XBT_NIL, "/local/domain/43", "shared", "s"), 0);
	KTEST_ASSERT_EQ(t, xenbus_set_perms(XBT_NIL, "/local/domain/43", "shared", shared, 2), 0);
	REQ(t, &ga, XS_WATCH, "/local/domain/43/shared\0tokS", XS_WATCH, "OK");
	KTEST_EXPECT_EQ(t, ga.nev, 1);
	KTEST_ASSERT_EQ(t, xenbus_write(XBT_NIL, "/local/domain/43", "shared", "t"), 0);
	guest_events(&ga);
	KTEST_EXPECT_EQ(t, ga.nev, 2);
	KTEST_ASSERT_EQ(t, xenbus_set_perms(XBT_NIL, "/local/domain/43", "shared", revoked, 1), 0);
	guest_events(&ga);
	KTEST_EXPECT_EQ(t, ga.nev, 3);
	KTEST_EXPECT_EQ(t, memcmp(ga.ev, "/local/domain/43/shared\0tokS", 29), 0);
	KTEST_ASSERT_EQ(t, xenbus_write(XBT_NIL, "/local/domain/43", "shared", "u"), 0);
	guest_events(&ga);
	KTEST_EXPECT_EQ(t, ga.nev, 3);
}

static void xsd_transaction_conflict(struct ktest *t)
{
	char id[12], *v;
	u32 tx;

	WRITE(t, &ga, 0, "data/t\0base", XS_WRITE, "OK");
	KTEST_ASSERT_EQ(t, guest_send(&ga, XS_TRANSACTION_START, 0, "", 1), 0);
	KTEST_ASSERT_EQ(t, guest_recv(&ga), 0);
	KTEST_ASSERT_EQ(t, ga.type, XS_TRANSACTION_START);
	strscpy(id, ga.body, sizeof(id));
	tx = simple_strtoul(id, NULL, 10);
	KTEST_ASSERT_NE(t, tx, 0);
	expect(t, &ga, XS_READ, tx, "data/t", 7, XS_READ, "base", 4);
	/* dom0 changes what the transaction read. */
	KTEST_ASSERT_EQ(t, xenbus_write(XBT_NIL, "/local/domain/42/data", "t", "dom0"), 0);
	WRITE(t, &ga, tx, "data/t\0guest", XS_WRITE, "OK");
	WRITE(t, &ga, tx, "data/new\0n", XS_WRITE, "OK");
	expect(t, &ga, XS_READ, tx, "data/t", 7, XS_READ, "guest", 5);
	expect(t, &ga, XS_READ, 0, "data/t", 7, XS_READ, "dom0", 4);
	expect(t, &ga, XS_TRANSACTION_END, tx, "T", 2, XS_ERROR, "EAGAIN", 7);
	/* Nothing of it applied, and it is gone. */
	expect(t, &ga, XS_READ, 0, "data/t", 7, XS_READ, "dom0", 4);
	ERR(t, &ga, XS_READ, "data/new", "ENOENT");
	expect(t, &ga, XS_READ, tx, "data/t", 7, XS_ERROR, "ENOENT", 7);

	/* Undisturbed, the same commits, and a listing conflicts too. */
	KTEST_ASSERT_EQ(t, guest_send(&ga, XS_TRANSACTION_START, 0, "", 1), 0);
	KTEST_ASSERT_EQ(t, guest_recv(&ga), 0);
	tx = simple_strtoul(ga.body, NULL, 10);
	WRITE(t, &ga, tx, "data/t\0guest", XS_WRITE, "OK");
	WRITE(t, &ga, tx, "data/new\0n", XS_WRITE, "OK");
	expect(t, &ga, XS_TRANSACTION_END, tx, "T", 2, XS_TRANSACTION_END, "OK", 3);
	KTEST_ASSERT_EQ(t, xenbus_read(XBT_NIL, "/local/domain/42/data", "t", &v, NULL), 0);
	KTEST_EXPECT_STREQ(t, v, "guest");
	kfree(v);

	KTEST_ASSERT_EQ(t, guest_send(&ga, XS_TRANSACTION_START, 0, "", 1), 0);
	KTEST_ASSERT_EQ(t, guest_recv(&ga), 0);
	tx = simple_strtoul(ga.body, NULL, 10);
	KTEST_ASSERT_EQ(t, guest_send(&ga, XS_DIRECTORY, tx, "data", 5), 0);
	KTEST_ASSERT_EQ(t, guest_recv(&ga), 0);
	KTEST_ASSERT_EQ(t, xenbus_write(XBT_NIL, "/local/domain/42/data", "sibling", "1"), 0);
	WRITE(t, &ga, tx, "data/t\0again", XS_WRITE, "OK");
	expect(t, &ga, XS_TRANSACTION_END, tx, "T", 2, XS_ERROR, "EAGAIN", 7);
	/* Aborting applies nothing and says OK. */
	KTEST_ASSERT_EQ(t, guest_send(&ga, XS_TRANSACTION_START, 0, "", 1), 0);
	KTEST_ASSERT_EQ(t, guest_recv(&ga), 0);
	tx = simple_strtoul(ga.body, NULL, 10);
	WRITE(t, &ga, tx, "data/t\0aborted", XS_WRITE, "OK");
	expect(t, &ga, XS_TRANSACTION_END, tx, "X", 2, XS_ERROR, "EINVAL", 7);
	expect(t, &ga, XS_TRANSACTION_END, tx, "F", 2, XS_TRANSACTION_END, "OK", 3);
	expect(t, &ga, XS_READ, 0, "data/t", 7, XS_READ, "guest", 5);
	ERR(t, &ga, XS_TRANSACTION_END, "T", "ENOENT");
}

static void xsd_quotas(struct ktest *t)
{
	char path[40];
	unsigned int i, ok = 0, len;
	u32 ids[11];

	/* A fresh domain owns its home: 998 more, "q" and 997 below it... */
	KTEST_ASSERT_EQ(t, guest_up(t, &gb, 44), 0);
	for (i = 0; i < 1000; i++) {
		len = snprintf(path, sizeof(path), "q/%u", i) + 1;
		KTEST_ASSERT_EQ(t, guest_send(&gb, XS_WRITE, 0, path, len), 0);
		KTEST_ASSERT_EQ(t, guest_recv(&gb), 0);
		if (gb.type != XS_WRITE)
			break;
		ok++;
	}
	/* ...of xenstored's 1000: the home, "q" and 998 under it. */
	KTEST_EXPECT_EQ(t, ok, 998);
	KTEST_EXPECT_EQ(t, gb.type, XS_ERROR);
	KTEST_EXPECT_STREQ(t, gb.body, "ENOSPC");
	/* Removing makes room again. */
	REQ(t, &gb, XS_RM, "q/5", XS_RM, "OK");
	WRITE(t, &gb, 0, "q/x\0", XS_WRITE, "OK");
	REQ(t, &gb, XS_RM, "q", XS_RM, "OK");

	/* 128 watches, then ENOSPC. */
	for (i = 0, ok = 0; i < 129; i++) {
		len = snprintf(path, sizeof(path), "w%u", i);
		path[len++] = '\0';
		memcpy(path + len, "t", 2);
		KTEST_ASSERT_EQ(t, guest_send(&gb, XS_WATCH, 0, path, len + 2), 0);
		KTEST_ASSERT_EQ(t, guest_recv(&gb), 0);
		ok += gb.type == XS_WATCH;
	}
	KTEST_EXPECT_EQ(t, ok, 128);
	KTEST_EXPECT_STREQ(t, gb.body, "ENOSPC");
	REQ(t, &gb, XS_RESET_WATCHES, "", XS_RESET_WATCHES, "OK");

	/* 10 transactions open at once, then ENOSPC. */
	for (i = 0, ok = 0; i < 11; i++) {
		KTEST_ASSERT_EQ(t, guest_send(&gb, XS_TRANSACTION_START, 0, "", 1), 0);
		KTEST_ASSERT_EQ(t, guest_recv(&gb), 0);
		ids[i] = gb.type == XS_TRANSACTION_START ? simple_strtoul(gb.body, NULL, 10) : 0;
		ok += gb.type == XS_TRANSACTION_START;
	}
	KTEST_EXPECT_EQ(t, ok, 10);
	KTEST_EXPECT_STREQ(t, gb.body, "ENOSPC");
	for (i = 0; i < 10; i++)
		expect(t, &gb, XS_TRANSACTION_END, ids[i], "F", 2, XS_TRANSACTION_END, "OK", 3);
}

/* A reply over XENSTORE_PAYLOAD_MAX is E2BIG; so are 4097 bytes sent. */
static void xsd_too_big(struct ktest *t)
{
	char name[64];
	unsigned int i;

	memset(name, 'n', 56);
	for (i = 0; i < 80; i++) {
		snprintf(name + 56, 8, "%u", i);
		KTEST_ASSERT_EQ(t, xenbus_write(XBT_NIL, "/local/domain/42/big", name, ""), 0);
	}
	ERR(t, &ga, XS_DIRECTORY, "big", "E2BIG");
	REQ(t, &ga, XS_RM, "big", XS_RM, "OK");
}

/* A header announcing 4097 bytes: dropped, the page says why. */
static void xsd_oversized_drops(struct ktest *t)
{
	struct xsd_sockmsg h = { .type = XS_READ, .req_id = 1, .len = XENSTORE_PAYLOAD_MAX + 1 };

	KTEST_ASSERT_EQ(t, guest_up(t, &gb, 43), 0);
	KTEST_ASSERT_EQ(t, xs_ring_write(gb.ring, &h, HDR), (int)HDR);
	notify_remote_via_evtchn(gb.gport);
	KTEST_EXPECT_TRUE(t, xsd_work_pending());
	xsd_poll();
	KTEST_EXPECT_EQ(t, READ_ONCE(gb.ring->error), XENSTORE_ERROR_PROTO);
	/* Nothing more is served for it; the other domain still is. */
	KTEST_EXPECT_EQ(t, guest_send(&gb, XS_READ, 0, "domid", 6), 0);
	KTEST_EXPECT_EQ(t, guest_recv(&gb), -ETIMEDOUT);
	expect(t, &ga, XS_READ, 0, "domid", 6, XS_READ, "42", 2);
}

static void xsd_bad_index_drops(struct ktest *t)
{
	KTEST_ASSERT_EQ(t, guest_up(t, &gb, 43), 0);
	WRITE_ONCE(gb.ring->req_prod, XENSTORE_RING_SIZE + 1);
	notify_remote_via_evtchn(gb.gport);
	xsd_poll();
	KTEST_EXPECT_EQ(t, READ_ONCE(gb.ring->error), XENSTORE_ERROR_RINGIDX);
	KTEST_EXPECT_EQ(t, READ_ONCE(gb.ring->req_cons), 0);
	expect(t, &ga, XS_READ, 0, "domid", 6, XS_READ, "42", 2);
}

/* One flooding domain gets 16 requests a pass; the other its one. */
static void xsd_fair_passes(struct ktest *t)
{
	struct xsd_sockmsg h = { .type = XS_READ, .len = 2 };
	unsigned int i, replies = 0;

	KTEST_ASSERT_EQ(t, guest_up(t, &gb, 43), 0);
	for (i = 0; i < 40; i++) {
		h.req_id = i;
		KTEST_ASSERT_EQ(t, xs_ring_write(ga.ring, &h, HDR), (int)HDR);
		KTEST_ASSERT_EQ(t, xs_ring_write(ga.ring, "x", 2), 2);
	}
	notify_remote_via_evtchn(ga.gport);
	KTEST_ASSERT_EQ(t, guest_send(&gb, XS_READ, 0, "domid", 6), 0);
	KTEST_EXPECT_TRUE(t, xsd_poll());		/* more to do */
	while (xs_rx_pull(&ga.rx, ga.ring) > 0) {
		replies += ga.rx.hdr.type == XS_ERROR;
		xs_rx_reset(&ga.rx);
	}
	KTEST_EXPECT_EQ(t, replies, 16);
	KTEST_ASSERT_EQ(t, xs_rx_pull(&gb.rx, gb.ring), 1);
	KTEST_EXPECT_EQ(t, gb.rx.hdr.type, XS_READ);
	xs_rx_reset(&gb.rx);
	/* The rest in later passes, nothing lost. */
	for (i = 0; i < 8 && replies < 40; i++) {
		xsd_poll();
		while (xs_rx_pull(&ga.rx, ga.ring) > 0) {
			replies += ga.rx.hdr.type == XS_ERROR;
			xs_rx_reset(&ga.rx);
		}
	}
	KTEST_EXPECT_EQ(t, replies, 40);
	KTEST_EXPECT_GT(t, ga.kicks, 0);
}

/* Released: its nodes are dom0's, so a new domain 42 inherits nothing. */
static void xsd_release_hands_nodes_to_dom0(struct ktest *t)
{
	char **p;
	unsigned int n;

	WRITE(t, &ga, 0, "data/left\0x", XS_WRITE, "OK");
	guest_down(&ga);
	KTEST_ASSERT_EQ(t, xenbus_get_perms(XBT_NIL, "/local/domain/42/data", "left", &p, &n), 0);
	KTEST_EXPECT_STREQ(t, p[0], "n0");
	kfree(p);
	KTEST_ASSERT_EQ(t, guest_up(t, &ga, 42), 0);
	ERR(t, &ga, XS_READ, "data/left", "EACCES");
	REQ(t, &ga, XS_GET_PERMS, "/local/domain/42", XS_GET_PERMS, "n42");
}

/* dom0's raw request through its own client; the reply's type and bytes. */
static void dom0_req(struct ktest *t, u32 type, const char *p, unsigned int len,
		     u32 want_type, const char *want, unsigned int wlen)
{
	unsigned int rlen;
	char *body;
	u32 rtype;

	KTEST_ASSERT_EQ(t, xsd_local_talk(type, 0, p, len, &rtype, &body, &rlen, NULL), 0);
	if (rtype != want_type || rlen != wlen || memcmp(body, want, wlen))
		KTEST_FAIL(t, "dom0 request type %u \"%s\": reply type %u \"%.40s\", want %u \"%s\"",
			   type, p, rtype, body, want_type, want);
	kfree(body);
}

/*
 * INTRODUCE and RELEASE on the wire, as a toolstack would send them:
 * refused for a domain Xen does not have (the port cannot be bound) and
 * for a frame that is not dom0's; RELEASE takes a ring down.
 */
static void xsd_wire_introduce_release(struct ktest *t)
{
	char msg[48];
	int n;

	dom0_req(t, XS_IS_DOMAIN_INTRODUCED, "42", 3, XS_IS_DOMAIN_INTRODUCED, "T", 2);
	dom0_req(t, XS_IS_DOMAIN_INTRODUCED, "45", 3, XS_IS_DOMAIN_INTRODUCED, "F", 2);
	/* Domain 45 does not exist: Xen refuses to bind to its port. */
	n = snprintf(msg, sizeof(msg), "45%c%lu%c1", 0,
		     pfn_to_mfn(__pa(ga.ring) >> PAGE_SHIFT), 0) + 1;
	dom0_req(t, XS_INTRODUCE, msg, n, XS_ERROR, "EINVAL", 7);
	dom0_req(t, XS_INTRODUCE, "45\0" "zz\0" "1", 8, XS_ERROR, "EINVAL", 7);
	dom0_req(t, XS_INTRODUCE, "0\0" "1\0" "1", 7, XS_ERROR, "EINVAL", 7);
	dom0_req(t, XS_IS_DOMAIN_INTRODUCED, "45", 3, XS_IS_DOMAIN_INTRODUCED, "F", 2);
	dom0_req(t, XS_RELEASE, "45", 3, XS_ERROR, "ENOENT", 7);
	dom0_req(t, XS_RELEASE, "42", 3, XS_RELEASE, "OK", 3);
	dom0_req(t, XS_IS_DOMAIN_INTRODUCED, "42", 3, XS_IS_DOMAIN_INTRODUCED, "F", 2);
	/* Its ring is no longer served. */
	KTEST_EXPECT_EQ(t, guest_send(&ga, XS_READ, 0, "domid", 6), 0);
	KTEST_EXPECT_EQ(t, guest_recv(&ga), -ETIMEDOUT);
	/* The port went with it: bring the guest's side down by hand. */
	unbind_from_handler(ga.gport);
	free_page(ga.ring);
	ga.ring = NULL;
}

/*
 * Not a check but a figure: WRITE and READ pairs from a fake domain
 * (its guest side is this test, in dom0 too) and from dom0's client.
 * Each reply is still checked, so only served requests count.
 */
#define ROUNDS	500
static void xsd_requests_per_second(struct ktest *t)
{
	char buf[32], want[12], *v;
	unsigned int i, plen, len;
	u64 t0, ns;

	t0 = sched_clock();
	for (i = 0; i < ROUNDS; i++) {
		plen = snprintf(buf, sizeof(buf), "data/p") + 1;
		len = snprintf(want, sizeof(want), "%u", i);
		memcpy(buf + plen, want, len);
		expect(t, &ga, XS_WRITE, 0, buf, plen + len, XS_WRITE, "OK", 3);
		expect(t, &ga, XS_READ, 0, buf, plen, XS_READ, want, len);
	}
	ns = sched_clock() - t0;
	ktest_info(t, "fake domain over its ring: %u requests in %llu us, %llu requests/s",
		   2 * ROUNDS, ns / 1000, 2ULL * ROUNDS * 1000000000ULL / (ns ? ns : 1));
	t0 = sched_clock();
	for (i = 0; i < ROUNDS; i++) {
		snprintf(want, sizeof(want), "%u", i);
		KTEST_ASSERT_EQ(t, xenbus_write(XBT_NIL, "/local/domain/42/data", "q", want), 0);
		KTEST_ASSERT_EQ(t, xenbus_read(XBT_NIL, "/local/domain/42/data", "q", &v, NULL), 0);
		KTEST_EXPECT_STREQ(t, v, want);
		kfree(v);
	}
	ns = sched_clock() - t0;
	ktest_info(t, "dom0's client, function calls: %u requests in %llu us, %llu requests/s",
		   2 * ROUNDS, ns / 1000, 2ULL * ROUNDS * 1000000000ULL / (ns ? ns : 1));
}

static const struct ktest_case xsd_cases[] = {
	KTEST_CASE(xsd_introduce_makes_home),
	KTEST_CASE(xsd_write_read_directory),
	KTEST_CASE(xsd_permissions),
	KTEST_CASE(xsd_watches),
	KTEST_CASE(xsd_watch_access_revoked),
	KTEST_CASE(xsd_transaction_conflict),
	KTEST_CASE(xsd_quotas),
	KTEST_CASE(xsd_too_big),
	KTEST_CASE(xsd_oversized_drops),
	KTEST_CASE(xsd_bad_index_drops),
	KTEST_CASE(xsd_fair_passes),
	KTEST_CASE(xsd_release_hands_nodes_to_dom0),
	KTEST_CASE(xsd_wire_introduce_release),
	KTEST_CASE(xsd_requests_per_second),
	{}
};
KTEST_SUITE_FULL(xen_xenstored, xsd_cases, xsd_test_init, xsd_test_exit);
