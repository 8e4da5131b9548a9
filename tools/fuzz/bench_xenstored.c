// SPDX-License-Identifier: GPL-2.0
/*
 * Requests per second of the xenstore server's core on the host
 * (make -C tools/fuzz bench-xenstored): a domU connection alternating
 * WRITE and READ of keys in its home, the way a guest's driver setup
 * talks, over a tree that also holds 1000 other nodes.  Each reply is
 * checked (the value read is the one written), so the loop measures
 * work that was done.  Built -O2 without sanitizers.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <xen/interface/io/xs_wire.h>
#include "fuzz_host.h"
#include "../../drivers/xen/dom0/xs_internal.h"

struct timespec_host {
	long tv_sec, tv_nsec;
};
int clock_gettime(int clk, struct timespec_host *ts);
int printf(const char *fmt, ...);
void exit(int code);

#define ROUNDS	1000000

static double now(void)
{
	struct timespec_host ts;

	clock_gettime(1 /* CLOCK_MONOTONIC */, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static struct xsd_msg *ask(struct xsd_server *s, struct xsd_conn *c, u32 type,
			   const char *payload, unsigned int len)
{
	struct xsd_sockmsg hdr = { .type = type, .req_id = 1, .len = len };

	xsd_request(s, c, &hdr, payload);
	return xsd_out_peek(c);
}

static void fail(const char *what)
{
	printf("bench_xenstored: %s\n", what);
	exit(1);
}

int main(void)
{
	struct xsd_server *s = xsd_server_new();
	char buf[128], want[32];
	struct xsd_conn *c;
	struct xsd_msg *m;
	unsigned int i, len, plen;
	double t0, t;

	if (!s || xsd_domain_add(s, 5, NULL, &c))
		fail("no server");
	/* Other domains' nodes: the hash must not be a list. */
	for (i = 0; i < 1000; i++) {
		len = snprintf(buf, sizeof(buf), "/local/domain/0/bench/n%u", i) + 1;
		m = ask(s, xsd_conn_of(s, 0), XS_WRITE, buf, len);
		if (!m || m->hdr.type != XS_WRITE)
			fail("setup write");
		xsd_out_pop(xsd_conn_of(s, 0));
	}
	t0 = now();
	for (i = 0; i < ROUNDS; i++) {
		plen = snprintf(buf, sizeof(buf), "device/vif/0/key%u", i % 16) + 1;
		len = snprintf(want, sizeof(want), "%u", i);
		memcpy(buf + plen, want, len);
		m = ask(s, c, XS_WRITE, buf, plen + len);
		if (!m || m->hdr.type != XS_WRITE)
			fail("write refused");
		xsd_out_pop(c);
		m = ask(s, c, XS_READ, buf, plen);
		if (!m || m->hdr.type != XS_READ || m->hdr.len != len ||
		    memcmp(m->body, want, len))
			fail("read back something else");
		xsd_out_pop(c);
	}
	t = now() - t0;
	printf("bench_xenstored: %u requests (WRITE+READ pairs) in %.3f s: %.0f requests/s\n",
	       2 * ROUNDS, t, 2 * ROUNDS / t);
	xsd_server_free(s);
	return 0;
}
