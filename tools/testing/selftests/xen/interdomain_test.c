// SPDX-License-Identifier: GPL-2.0
/*
 * interdomain_test - Linux's /dev/xen/evtchn, gntalloc and gntdev between
 * two domains: dom0 and a Linux PV domU each run this program, and
 * XEN_SELFTEST_PEER names the other domain in each (without it the test
 * skips: there is no peer taking part).
 *
 * The domU offers, dom0 takes.  The domU binds an unbound port for dom0,
 * grants dom0 a page holding a text that names both domains, the grant
 * and the port, and publishes port and grant in its own xenstore home
 * (data/ksft-interdomain, which the toolstack makes guest-writable;
 * "ready" is written last).  dom0 reads them there, binds to the port,
 * maps the grant and must find that text, which it builds from the ids
 * alone; Xen's own view of the channel (EVTCHNOP_status through
 * privcmd) must name the peer and its port on both sides.  Then, each
 * step announced by an event on the channel:
 *   dom0 writes its reply into the page and notifies;
 *   the domU must see the reply, writes its ack and notifies back;
 *   dom0 must see the ack, unmaps by munmap and close alone (no unmap
 *   ioctl), says "closed" in the domU's xenstore home and notifies;
 *   the domU revokes the grant, says "revoked" and notifies;
 *   dom0 must not be able to map the grant again: had its close not
 *   unmapped, the domU's Linux could only defer the revoke, the grant
 *   would stay valid and the map succeed.
 * Then the other way, dom0 granting and the domU mapping (dom0 says
 * "dom0-gref" in the same xenstore directory): the domU must see dom0's
 * text, writes its own and unmaps by close ("unmapped"); dom0 must see
 * it, revokes ("dom0-revoked"); the domU must fail to map it again and
 * says "domU-done"; dom0 closes its end, and the domU's port must fall
 * back to unbound.
 *
 * Invariant: every wait is bounded (RENDEZVOUS_MS for the first one on
 * each side, the other domain may still be booting; STEP_MS after), so
 * a peer that is gone or wrong fails its case and the rest, never hangs.
 */
#include "xen_abi.h"
#include <time.h>
#include <xen/event_channel.h>
#include <xen/sys/evtchn.h>
#include <xen/sys/gntalloc.h>
#include <xen/sys/gntdev.h>

#define RENDEZVOUS_MS	150000
#define STEP_MS		30000
#define POLL_MS		100
#define XS_DIR		"data/ksft-interdomain"
#define REPLY_OFF	1024
#define ACK_OFF		2048

static int privcmd, evtchn, me, peer, is_dom0;
static unsigned int offer_port, local_port, gref, gref0;	/* gref0: dom0's */
static char *page;
static char xs_peer[64];	/* the domU's XS_DIR, absolute, for dom0 */

static long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000L + t.tv_nsec / 1000000;
}

static int ev_ioctl(unsigned long cmd, void *arg)
{
	int rc = ioctl(evtchn, cmd, arg);

	return rc < 0 ? -errno : rc;
}

static int notify(unsigned int port)
{
	struct ioctl_evtchn_notify n = { .port = port };

	return ev_ioctl(IOCTL_EVTCHN_NOTIFY, &n);
}

/* Xen's view of our PORT: 0 and *st filled, or -errno. */
static int port_status(unsigned int port, struct evtchn_status *st)
{
	memset(st, 0, sizeof(*st));
	st->dom = DOMID_SELF;
	st->port = port;
	return xen_hypercall(privcmd, __HYPERVISOR_event_channel_op, EVTCHNOP_status,
			     (unsigned long)st, 0);
}

/*
 * Until COND holds after at least one event on PORT, or MS run out:
 * every event read is unmasked again.  1 if it held, else 0; the events
 * of PORT seen in *n (an event dom0's bind itself raised counts too: the
 * condition is what tells the peer's step from it).
 */
static int wait_step(unsigned int port, long ms, int (*cond)(void), int *n)
{
	long end = now_ms() + ms;
	evtchn_port_t p;

	*n = 0;
	for (;;) {
		if (*n && cond())
			return 1;
		if (now_ms() >= end)
			return 0;
		if (!wait_readable(evtchn, POLL_MS))
			continue;
		if (read(evtchn, &p, sizeof(p)) != sizeof(p))
			return 0;
		*n += p == port;
		write(evtchn, &p, sizeof(p));
	}
}

static void offer_text(char *buf, size_t len)
{
	snprintf(buf, len, "offered by dom%d to dom0: grant %u, port %u",
		 is_dom0 ? peer : me, gref, offer_port);
}

static void reply_text(char *buf, size_t len)
{
	snprintf(buf, len, "dom0 wrote this into grant %u", gref);
}

static int reply_there(void)
{
	char want[128];

	reply_text(want, sizeof(want));
	return !strcmp(page + REPLY_OFF, want);
}

static void ack_text(char *buf, size_t len)
{
	char reply[128];

	reply_text(reply, sizeof(reply));
	snprintf(buf, len, "the domU read \"%s\"", reply);
}

static int ack_there(void)
{
	char want[192];

	ack_text(want, sizeof(want));
	return !strcmp(page + ACK_OFF, want);
}

static int xs_key_is(const char *key, const char *want)
{
	char path[128], val[64];

	snprintf(path, sizeof(path), "%s/%s", is_dom0 ? xs_peer : XS_DIR, key);
	return xsd_read(path, val, sizeof(val)) == 0 && !strcmp(val, want);
}

static int closed_said(void) { return xs_key_is("closed", "1"); }
static int revoked_said(void) { return xs_key_is("revoked", "0"); }
static int unmapped_said(void) { return xs_key_is("unmapped", "1"); }
static int dom0_revoked_said(void) { return xs_key_is("dom0-revoked", "0"); }
static int domu_done_said(void) { return xs_key_is("domU-done", "1"); }

/* The domU: has dom0 said its grant?  Then it is in gref0. */
static int dom0_gref_said(void)
{
	char val[16];

	if (xsd_read(XS_DIR "/dom0-gref", val, sizeof(val)) || !val[0])
		return 0;
	gref0 = strtoul(val, NULL, 0);
	return 1;
}

static void dom0_grant_text(char *buf, size_t len, int domu)
{
	snprintf(buf, len, "granted by dom0 to dom%d: grant %u", domu, gref0);
}

static void domu_reply_text(char *buf, size_t len)
{
	snprintf(buf, len, "the domU wrote this into dom0's grant %u", gref0);
}

/* Map grant REF of domain DOM through a new gntdev open: the fd, or -errno. */
static int map_grant(int dom, unsigned int ref, char **p)
{
	struct ioctl_gntdev_map_grant_ref m = { .count = 1 };
	int fd = open("/dev/xen/gntdev", O_RDWR), rc;

	if (fd < 0)
		return -errno;
	m.refs[0].domid = dom;
	m.refs[0].ref = ref;
	if (ioctl(fd, IOCTL_GNTDEV_MAP_GRANT_REF, &m) < 0)
		goto fail;
	*p = mmap(NULL, XEN_PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, m.index);
	if (*p == MAP_FAILED)
		goto fail;
	return fd;
fail:
	rc = -errno;
	close(fd);
	return rc;
}

/* Fail every case from FROM to the plan's end: an earlier step failed. */
static void __attribute__((noreturn)) rest_failed(const char *const *names, int from, int n)
{
	for (; from < n; from++)
		ksft_test_result_fail("%s # not reached: an earlier step failed\n", names[from]);
	ksft_finished();
}

/* The domU's side. */
static void offer(void)
{
	static const char *const names[] = {
		"offer_published", "notified_by_dom0_sees_its_write", "xen_connects_dom0_to_our_port",
		"notify_dom0_back", "revoke_after_dom0_closed", "map_dom0_grant_sees_its_text",
		"dom0_revoked_grant_not_mappable", "dom0_close_leaves_port_unbound",
	};
	struct ioctl_evtchn_bind_unbound_port ub = { .remote_domain = peer };
	struct ioctl_gntalloc_alloc_gref a = {
		.domid = peer, .flags = GNTALLOC_FLAG_WRITABLE, .count = 1,
	};
	struct ioctl_gntalloc_dealloc_gref d;
	struct evtchn_status st;
	char buf[192], *p = NULL;
	int ga, rc = -1, rs = -1, ok, n = 0, gd;
	long t;

	ksft_set_plan(8);
	offer_port = ev_ioctl(IOCTL_EVTCHN_BIND_UNBOUND_PORT, &ub);
	ga = open("/dev/xen/gntalloc", O_RDWR);
	if ((int)offer_port > 0 && ga >= 0 && ioctl(ga, IOCTL_GNTALLOC_ALLOC_GREF, &a) == 0) {
		gref = a.gref_ids[0];
		page = mmap(NULL, XEN_PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, ga, a.index);
		if (page != MAP_FAILED) {
			offer_text(page, REPLY_OFF);
			snprintf(buf, sizeof(buf), "%u", offer_port);
			rc = xsd_write(XS_DIR "/port", buf);
			snprintf(buf, sizeof(buf), "%u", gref);
			rc = rc ? rc : xsd_write(XS_DIR "/gref", buf);
			rc = rc ? rc : xsd_write(XS_DIR "/ready", "1");
		}
	}
	rs = (int)offer_port > 0 ? port_status(offer_port, &st) : -1;
	ksft_print_msg("port %d for dom%d (Xen: rc %d status %u dom %u), grant %u, xenstore %d\n",
		       (int)offer_port, peer, rs, st.status, st.u.unbound.dom, gref, rc);
	ok = rc == 0 && rs == 0 && st.status == EVTCHNSTAT_unbound && st.u.unbound.dom == peer;
	ksft_test_result(ok, "%s\n", names[0]);
	if (!ok)
		rest_failed(names, 1, 8);

	t = now_ms();
	ok = wait_step(offer_port, RENDEZVOUS_MS, reply_there, &n);
	ksft_print_msg("after %ld ms: %d event(s); the page at %d says \"%.80s\"\n",
		       now_ms() - t, n, REPLY_OFF, page + REPLY_OFF);
	ksft_test_result(ok, "%s\n", names[1]);
	if (!ok)
		rest_failed(names, 2, 8);

	rs = port_status(offer_port, &st);
	ksft_print_msg("Xen: port %u status %u, to dom%u:%u\n", offer_port, st.status,
		       st.u.interdomain.dom, st.u.interdomain.port);
	ksft_test_result(rs == 0 && st.status == EVTCHNSTAT_interdomain &&
			 st.u.interdomain.dom == peer, "%s\n", names[2]);

	ack_text(page + ACK_OFF, REPLY_OFF);
	rc = notify(offer_port);
	ksft_test_result(rc == 0, "%s\n", names[3]);

	ok = wait_step(offer_port, STEP_MS, closed_said, &n);
	munmap(page, XEN_PAGE_SIZE);
	d.index = a.index;
	d.count = 1;
	rc = ioctl(ga, IOCTL_GNTALLOC_DEALLOC_GREF, &d) < 0 ? -errno : 0;
	close(ga);
	snprintf(buf, sizeof(buf), "%d", rc);
	rs = xsd_write(XS_DIR "/revoked", buf);
	rs = rs ? rs : notify(offer_port);
	ksft_print_msg("dom0 closed: %s (%d event(s)); revoke %d, said so and notified %d\n",
		       ok ? "yes" : "no", n, rc, rs);
	ksft_test_result(ok && rc == 0 && rs == 0, "%s\n", names[4]);

	/* The other way: dom0's grant, mapped here. */
	ok = wait_step(offer_port, STEP_MS, dom0_gref_said, &n);
	gd = ok ? map_grant(0, gref0, &p) : -1;
	dom0_grant_text(buf, sizeof(buf), me);
	ksft_print_msg("dom0's grant said: %s; map %u: %d; it says \"%.80s\"\n", ok ? "yes" : "no",
		       gref0, gd < 0 ? gd : 0, gd < 0 ? "" : p);
	ok = gd >= 0 && !strcmp(p, buf);
	ksft_test_result(ok, "%s\n", names[5]);
	if (gd >= 0) {
		/* No IOCTL_GNTDEV_UNMAP_GRANT_REF: the close alone must unmap. */
		domu_reply_text(p + REPLY_OFF, ACK_OFF - REPLY_OFF);
		munmap(p, XEN_PAGE_SIZE);
		close(gd);
	}
	rc = ok ? xsd_write(XS_DIR "/unmapped", "1") : -1;
	rc = rc ? rc : notify(offer_port);
	ok = rc == 0 && wait_step(offer_port, STEP_MS, dom0_revoked_said, &n);
	gd = map_grant(0, gref0, &p);
	ksft_print_msg("wrote, unmapped, said so: %d; dom0 revoked: %s; map again: %d%s\n", rc,
		       ok ? "yes" : "no", gd < 0 ? gd : 0, gd < 0 ? "" : " (mapped!)");
	ksft_test_result(ok && gd < 0, "%s\n", names[6]);
	if (gd >= 0) {
		munmap(p, XEN_PAGE_SIZE);
		close(gd);
	}
	rc = xsd_write(XS_DIR "/domU-done", "1");
	rc = rc ? rc : notify(offer_port);

	for (t = now_ms(); now_ms() - t < STEP_MS; usleep(POLL_MS * 1000)) {
		rs = port_status(offer_port, &st);
		if (rs || st.status != EVTCHNSTAT_interdomain)
			break;
	}
	ksft_print_msg("after %ld ms: Xen: rc %d status %u dom %u\n", now_ms() - t, rs,
		       st.status, st.u.unbound.dom);
	ksft_test_result(rs == 0 && st.status == EVTCHNSTAT_unbound && st.u.unbound.dom == peer,
			 "%s\n", names[7]);
	ksft_finished();
}

/* dom0's side. */
static void take(void)
{
	static const char *const names[] = {
		"domU_offer_found_in_xenstore", "bind_interdomain_xen_connects_both",
		"map_domU_grant_sees_its_text", "domU_saw_our_write_and_answered",
		"unmap_by_close_then_domU_revoked", "revoked_grant_not_mappable",
		"grant_to_domU_said", "domU_mapped_our_grant_and_wrote", "revoke_after_domU_closed",
	};
	struct ioctl_gntalloc_alloc_gref a = {
		.domid = peer, .flags = GNTALLOC_FLAG_WRITABLE, .count = 1,
	};
	struct ioctl_gntalloc_dealloc_gref d;
	char *mine = MAP_FAILED;
	int ga;
	struct ioctl_evtchn_bind_interdomain id = { .remote_domain = peer };
	struct evtchn_status st;
	char path[128], val[32], want[128], got[128];
	int ok, rc, n, gd;
	long t;
	char *p = NULL;

	ksft_set_plan(9);
	snprintf(xs_peer, sizeof(xs_peer), "/local/domain/%d/" XS_DIR, peer);
	t = now_ms();
	while (!xs_key_is("ready", "1") && now_ms() - t < RENDEZVOUS_MS)
		usleep(POLL_MS * 1000);
	snprintf(path, sizeof(path), "%s/port", xs_peer);
	rc = xsd_read(path, val, sizeof(val));
	offer_port = rc ? 0 : strtoul(val, NULL, 0);
	snprintf(path, sizeof(path), "%s/gref", xs_peer);
	rc = rc ? rc : xsd_read(path, val, sizeof(val));
	gref = rc ? 0 : strtoul(val, NULL, 0);
	ksft_print_msg("after %ld ms: %s: port %u grant %u (rc %d)\n", now_ms() - t, xs_peer,
		       offer_port, gref, rc);
	ok = rc == 0 && offer_port > 0;
	ksft_test_result(ok, "%s\n", names[0]);
	if (!ok)
		rest_failed(names, 1, 8);

	id.remote_port = offer_port;
	rc = ev_ioctl(IOCTL_EVTCHN_BIND_INTERDOMAIN, &id);
	local_port = rc > 0 ? rc : 0;
	rc = rc > 0 ? port_status(local_port, &st) : rc;
	ksft_print_msg("bound dom%d:%u as port %u; Xen: rc %d status %u to dom%u:%u\n",
		       peer, offer_port, local_port, rc, st.status, st.u.interdomain.dom,
		       st.u.interdomain.port);
	ok = rc == 0 && st.status == EVTCHNSTAT_interdomain && st.u.interdomain.dom == peer &&
	     st.u.interdomain.port == offer_port;
	ksft_test_result(ok, "%s\n", names[1]);
	if (!ok)
		rest_failed(names, 2, 9);

	gd = map_grant(peer, gref, &p);
	offer_text(want, sizeof(want));
	ksft_print_msg("map dom%d's grant %u: %d; it says \"%.80s\"\n", peer, gref,
		       gd < 0 ? gd : 0, gd < 0 ? "" : p);
	ok = gd >= 0 && !strcmp(p, want);
	ksft_test_result(ok, "%s\n", names[2]);
	if (!ok)
		rest_failed(names, 3, 9);

	page = p;
	reply_text(page + REPLY_OFF, ACK_OFF - REPLY_OFF);
	rc = notify(local_port);
	t = now_ms();
	ok = wait_step(local_port, STEP_MS, ack_there, &n);
	ksft_print_msg("notify %d; after %ld ms %d event(s), the page at %d says \"%.80s\"\n",
		       rc, now_ms() - t, n, ACK_OFF, page + ACK_OFF);
	ksft_test_result(rc == 0 && ok, "%s\n", names[3]);

	/* No IOCTL_GNTDEV_UNMAP_GRANT_REF: the close alone must unmap. */
	munmap(page, XEN_PAGE_SIZE);
	close(gd);
	snprintf(path, sizeof(path), "%s/closed", xs_peer);
	rc = xsd_write(path, "1");
	rc = rc ? rc : notify(local_port);
	ok = rc == 0 && wait_step(local_port, STEP_MS, revoked_said, &n);
	ksft_print_msg("closed, said so and notified: %d; domU revoked: %s\n", rc, ok ? "yes" : "no");
	ksft_test_result(ok, "%s\n", names[4]);

	gd = map_grant(peer, gref, &p);
	ksft_print_msg("map of revoked grant %u: %d%s\n", gref, gd < 0 ? gd : 0,
		       gd < 0 ? "" : " (mapped!)");
	ksft_test_result(ok && gd < 0, "%s\n", names[5]);
	if (gd >= 0) {
		munmap(p, XEN_PAGE_SIZE);
		close(gd);
	}

	/* The other way: a page of dom0's granted to the domU. */
	ga = open("/dev/xen/gntalloc", O_RDWR);
	rc = ga < 0 || ioctl(ga, IOCTL_GNTALLOC_ALLOC_GREF, &a) < 0 ? -errno : 0;
	if (!rc) {
		gref0 = a.gref_ids[0];
		mine = mmap(NULL, XEN_PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, ga, a.index);
		rc = mine == MAP_FAILED ? -errno : 0;
	}
	if (!rc) {
		dom0_grant_text(mine, REPLY_OFF, peer);
		snprintf(path, sizeof(path), "%s/dom0-gref", xs_peer);
		snprintf(val, sizeof(val), "%u", gref0);
		rc = xsd_write(path, val);
		rc = rc ? rc : notify(local_port);
	}
	ksft_print_msg("granted dom%d grant %u, said so and notified: %d\n", peer, gref0, rc);
	ksft_test_result(rc == 0, "%s\n", names[6]);
	if (rc)
		rest_failed(names, 7, 9);

	ok = wait_step(local_port, STEP_MS, unmapped_said, &n);
	domu_reply_text(want, sizeof(want));
	snprintf(got, sizeof(got), "%s", mine + REPLY_OFF);
	ksft_print_msg("domU unmapped: %s; our page at %d says \"%.80s\"\n", ok ? "yes" : "no",
		       REPLY_OFF, got);
	ksft_test_result(ok && !strcmp(got, want), "%s\n", names[7]);

	munmap(mine, XEN_PAGE_SIZE);
	d.index = a.index;
	d.count = 1;
	rc = ioctl(ga, IOCTL_GNTALLOC_DEALLOC_GREF, &d) < 0 ? -errno : 0;
	close(ga);
	snprintf(path, sizeof(path), "%s/dom0-revoked", xs_peer);
	snprintf(val, sizeof(val), "%d", rc);
	n = xsd_write(path, val);
	n = n ? n : notify(local_port);
	ok = rc == 0 && n == 0 && wait_step(local_port, STEP_MS, domu_done_said, &n);
	ksft_print_msg("revoke %d; domU done: %s\n", rc, ok ? "yes" : "no");
	ksft_test_result(ok, "%s\n", names[8]);
	close(evtchn);	/* the domU's port falls back to unbound */
	ksft_finished();
}

int main(void)
{
	const char *env = getenv("XEN_SELFTEST_PEER");

	ksft_print_header("xen_interdomain");
	xen_require_xen();
	if (!env || !*env)
		ksft_exit_skip("no peer domain taking part (XEN_SELFTEST_PEER unset)\n");
	peer = atoi(env);
	evtchn = xen_open_or_skip("evtchn", O_RDWR);
	privcmd = xen_open_or_skip("privcmd", O_RDWR);
	close(xen_open_or_skip(xen_is_dom0() ? "gntdev" : "gntalloc", O_RDWR));
	me = xen_self_domid();
	if (me < 0)
		ksft_exit_skip("no domid in this domain's xenstore home (/dev/xen/xenbus)\n");
	is_dom0 = xen_is_dom0();
	ksft_print_msg("this is dom%d, the peer dom%d\n", me, peer);
	if (is_dom0 == (peer == 0))
		ksft_exit_skip("dom%d and dom%d: one of the two must be dom0, the other a domU\n",
			       me, peer);
	if (is_dom0)
		take();
	offer();
}
