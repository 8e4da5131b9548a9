// SPDX-License-Identifier: GPL-2.0
/*
 * evtchn_test - Linux's /dev/xen/evtchn against Xen itself.
 *
 * Two opens of the device are the two ends of one interdomain channel
 * within this domain (dom0 or a domU alike, its id from xenstore): one binds an unbound port, the other binds to it.
 * What each ioctl did is checked on the other side: Xen's own view of
 * the port (EVTCHNOP_status through privcmd) and the events the other
 * open reads.  A port that fired stays masked until its number is
 * written back to the device; a closed channel leaves the peer unbound;
 * IOCTL_EVTCHN_RESTRICT_DOMID refuses every other domain; ports this
 * open does not hold, or past the ABI's range, are refused.
 */
#include "xen_abi.h"
#include <xen/event_channel.h>
#include <xen/sys/evtchn.h>

/* A domain id that is valid but names no domain (below DOMID_FIRST_RESERVED). */
#define NO_SUCH_DOMAIN	(DOMID_FIRST_RESERVED - 1)

static int privcmd = -1;

/* Xen's view of our PORT: 0 and *st filled, or -errno. */
static int port_status(unsigned int port, struct evtchn_status *st)
{
	memset(st, 0, sizeof(*st));
	st->dom = DOMID_SELF;
	st->port = port;
	return xen_hypercall(privcmd, __HYPERVISOR_event_channel_op, EVTCHNOP_status,
			     (unsigned long)st, 0);
}

/* The next port FD reports within MS, or -1. */
static long read_port(int fd, int ms)
{
	evtchn_port_t p;

	if (!wait_readable(fd, ms))
		return -1;
	if (read(fd, &p, sizeof(p)) != sizeof(p))
		return -2;
	return p;
}

static int unmask(int fd, unsigned int port)
{
	evtchn_port_t p = port;

	return write(fd, &p, sizeof(p)) == sizeof(p) ? 0 : -errno;
}

static int ev_ioctl(int fd, unsigned long cmd, void *arg)
{
	int rc = ioctl(fd, cmd, arg);

	return rc < 0 ? -errno : rc;
}

static int notify(int fd, unsigned int port)
{
	struct ioctl_evtchn_notify n = { .port = port };

	return ev_ioctl(fd, IOCTL_EVTCHN_NOTIFY, &n);
}

static void test_restrict(void)
{
	struct ioctl_evtchn_restrict_domid r = { .domid = 0 };
	struct ioctl_evtchn_bind_unbound_port u = { .remote_domain = 0 };
	struct ioctl_evtchn_bind_interdomain i = { .remote_domain = 0, .remote_port = 1 };
	struct ioctl_evtchn_bind_virq v = { .virq = VIRQ_DEBUG };
	int fd = xen_open_or_skip("evtchn", O_RDWR);
	int r0, r1, ru, ri, rv, rother, r2;

	r0 = ev_ioctl(fd, IOCTL_EVTCHN_RESTRICT_DOMID, &r);	/* dom0 itself */
	r.domid = NO_SUCH_DOMAIN;
	r1 = ev_ioctl(fd, IOCTL_EVTCHN_RESTRICT_DOMID, &r);
	ru = ev_ioctl(fd, IOCTL_EVTCHN_BIND_UNBOUND_PORT, &u);
	ri = ev_ioctl(fd, IOCTL_EVTCHN_BIND_INTERDOMAIN, &i);
	rv = ev_ioctl(fd, IOCTL_EVTCHN_BIND_VIRQ, &v);
	/* The domain it is restricted to gets past the driver to Xen. */
	i.remote_domain = NO_SUCH_DOMAIN;
	rother = ev_ioctl(fd, IOCTL_EVTCHN_BIND_INTERDOMAIN, &i);
	r.domid = NO_SUCH_DOMAIN - 1;
	r2 = ev_ioctl(fd, IOCTL_EVTCHN_RESTRICT_DOMID, &r);
	ksft_print_msg("restrict: to 0 %d, to %u %d; then unbound %d, interdomain dom0 %d, virq %d, interdomain dom%u %d, restrict again %d\n",
		       r0, NO_SUCH_DOMAIN, r1, ru, ri, rv, NO_SUCH_DOMAIN, rother, r2);
	ksft_test_result(r0 == -EINVAL && r1 == 0,
			 "restrict_domid_takes_a_domU_not_dom0\n");
	ksft_test_result(ru == -EACCES && ri == -EACCES && rv == -EACCES,
			 "restrict_domid_refuses_other_domains\n");
	ksft_test_result(rother == -ESRCH, "restrict_domid_lets_its_domain_reach_xen\n");
	ksft_test_result(r2 == -EACCES, "restrict_domid_only_once\n");
	close(fd);
}

int main(void)
{
	struct ioctl_evtchn_bind_unbound_port ub;
	struct ioctl_evtchn_bind_interdomain id;
	struct ioctl_evtchn_unbind unb;
	struct evtchn_status sa, sb;
	int a, b, pa, pb, rc, rc2, me;
	long got, got2;

	ksft_print_header("xen_evtchn");
	xen_require_xen();
	a = xen_open_or_skip("evtchn", O_RDWR);
	b = xen_open_or_skip("evtchn", O_RDWR);
	privcmd = xen_open_or_skip("privcmd", O_RDWR);
	me = xen_self_domid();
	if (me < 0)
		ksft_exit_skip("no domid in this domain's xenstore home (/dev/xen/xenbus)\n");
	ksft_print_msg("this is dom%d (%s)\n", me, xen_is_dom0() ? "dom0" : "a domU");
	ub.remote_domain = me;
	id.remote_domain = me;
	ksft_set_plan(17);

	pa = ev_ioctl(a, IOCTL_EVTCHN_BIND_UNBOUND_PORT, &ub);
	rc = pa > 0 ? port_status(pa, &sa) : -1;
	ksft_print_msg("bind unbound: port %d; Xen: rc %d status %u remote dom %u\n",
		       pa, rc, sa.status, sa.u.unbound.dom);
	ksft_test_result(pa > 0 && rc == 0 && sa.status == EVTCHNSTAT_unbound &&
			 sa.u.unbound.dom == me, "bind_unbound_port_xen_sees_it\n");

	id.remote_port = pa;
	pb = pa > 0 ? ev_ioctl(b, IOCTL_EVTCHN_BIND_INTERDOMAIN, &id) : -1;
	rc = port_status(pa, &sa);
	rc2 = pb > 0 ? port_status(pb, &sb) : -1;
	ksft_print_msg("bind interdomain to dom%d:%d: port %d; Xen: %d -> dom%u:%u, %d -> dom%u:%u\n",
		       me, pa, pb, pa, sa.u.interdomain.dom, sa.u.interdomain.port,
		       pb, sb.u.interdomain.dom, sb.u.interdomain.port);
	ksft_test_result(pb > 0 && pb != pa && rc == 0 && rc2 == 0 &&
			 sa.status == EVTCHNSTAT_interdomain && sb.status == EVTCHNSTAT_interdomain &&
			 sa.u.interdomain.port == (evtchn_port_t)pb &&
			 sb.u.interdomain.port == (evtchn_port_t)pa &&
			 sa.u.interdomain.dom == me && sb.u.interdomain.dom == me,
			 "bind_interdomain_loop_xen_connects_both\n");
	if (pa <= 0 || pb <= 0) {
		ksft_print_msg("no channel to test further (ports %d %d)\n", pa, pb);
		ksft_finished();	/* short of the plan: a failure */
	}

	rc = notify(b, pb);
	got = read_port(a, 2000);
	ksft_print_msg("notify %d: rc %d, the other end read %ld\n", pb, rc, got);
	ksft_test_result(rc == 0 && got == pa, "notify_read_by_the_other_end\n");

	/* Fired once: masked until written back, the event kept pending. */
	rc = notify(b, pb);
	got = read_port(a, 300);
	rc2 = unmask(a, pa);
	got2 = read_port(a, 2000);
	ksft_print_msg("notify while masked: rc %d read %ld; unmask %d, then read %ld\n",
		       rc, got, rc2, got2);
	ksft_test_result(rc == 0 && got == -1, "fired_port_stays_masked\n");
	ksft_test_result(rc2 == 0 && got2 == pa, "unmask_delivers_the_pending_event\n");
	unmask(a, pa);

	rc = notify(a, pa);
	got = read_port(b, 2000);
	ksft_test_result(rc == 0 && got == pb, "notify_other_direction\n");
	unmask(b, pb);

	/* Ports this open does not hold, and past the ABI's range. */
	rc = notify(a, pb);
	rc2 = notify(a, 0xffffffffu);
	ksft_print_msg("notify a port of the other open %d, port 0xffffffff %d\n", rc, rc2);
	/* Linux 6.1 range-checks UNBIND's port (EINVAL), not NOTIFY's: ENOTCONN. */
	ksft_test_result(rc == -ENOTCONN && (rc2 == -ENOTCONN || rc2 == -EINVAL),
			 "notify_bad_port_refused\n");
	unb.port = pb;
	rc = ev_ioctl(a, IOCTL_EVTCHN_UNBIND, &unb);
	unb.port = 0xffffffffu;
	rc2 = ev_ioctl(a, IOCTL_EVTCHN_UNBIND, &unb);
	ksft_print_msg("unbind a port of the other open %d, port 0xffffffff %d\n", rc, rc2);
	ksft_test_result(rc == -ENOTCONN && rc2 == -EINVAL, "unbind_bad_port_refused\n");
	id.remote_port = 0x7fffffff;
	rc = ev_ioctl(b, IOCTL_EVTCHN_BIND_INTERDOMAIN, &id);
	ksft_print_msg("bind interdomain to dom%d:0x7fffffff %d\n", me, rc);
	ksft_test_result(rc == -EINVAL, "bind_interdomain_bad_remote_port_refused\n");
	/* Our own writes of a port we do not hold change nothing. */
	rc = unmask(a, pb);
	rc2 = port_status(pb, &sb);
	ksft_test_result(rc == 0 && rc2 == 0 && sb.status == EVTCHNSTAT_interdomain,
			 "write_of_a_port_not_held_is_ignored\n");

	unb.port = pa;
	rc = ev_ioctl(a, IOCTL_EVTCHN_UNBIND, &unb);
	rc2 = port_status(pb, &sb);
	port_status(pa, &sa);
	ksft_print_msg("unbind %d: rc %d; Xen: %d status %u, %d status %u\n",
		       pa, rc, pa, sa.status, pb, sb.status);
	ksft_test_result(rc == 0 && sa.status == EVTCHNSTAT_closed && rc2 == 0 &&
			 sb.status == EVTCHNSTAT_unbound, "unbind_closes_and_peer_unbound\n");
	rc = notify(a, pa);
	ksft_test_result(rc == -ENOTCONN, "notify_after_unbind_refused\n");
	close(b);
	rc = port_status(pb, &sb);
	ksft_test_result(rc == 0 && sb.status == EVTCHNSTAT_closed, "close_unbinds_its_ports\n");

	test_restrict();
	close(a);
	ksft_finished();
}
