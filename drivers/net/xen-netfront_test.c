// SPDX-License-Identifier: GPL-2.0
/*
 * xen_netfront: our PV domU's interface vif 0 against Linux's netback in
 * the reference dom0 (mode xen-pv-domU-net), whose own IPv4 stack is the
 * peer: the harness names our MAC, our address and dom0's
 * (net_test.mac=, net_test.ip=, net_test.peer=) and configures dom0's
 * end of the vif with that address.  A tiny ARP/IPv4/ICMP builder and
 * parser lives here, not in the kernel.
 *
 * The cases: the MAC the driver read is the harness's; an ARP request
 * for dom0's address is answered by dom0 with its vif's MAC; ICMP echo
 * requests come back as replies with our id, sequence and payload and a
 * checksum that sums right (computed by dom0's Linux, checked by our
 * own sum); then we serve: answer dom0's ARP requests and echo requests
 * ("netfront-serving" tells dom0 to ping us; dom0's busybox ping and its
 * vif counters are the mode's other half); a tx rate of 64-byte frames,
 * which dom0's counters must show (dom0 reads them, then pings once
 * more: we wait for that); a lying producer on the live rx ring must
 * disable the interface; last, a new connection from our side brings
 * it back (dom0 answers our ARP request again).
 *
 * Every receive loop answers ARP and echo requests for our address on
 * the way, so dom0 pinging early does no harm.
 */
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/irqflags.h>
#include <linux/string.h>
#include <linux/pvbench.h>
#include <asm/processor.h>
#include <asm/tsc.h>
#include <asm/xen/hypervisor.h>
#include <xen/xen-netfront.h>
#include "xen-netfront-rsp.h"

#define ETH_P_IP	0x0800
#define ETH_P_ARP	0x0806
#define ETH_MIN		60	/* frames shorter are padded, as Ethernet does */
#define WAIT_MS		3000
/*
 * Instruction-count windows (tools/perf-icount, when the mode runs QEMU
 * with the plugin): one xen_netfront_xmit() that found a free slot, and
 * the whole rate loop until the backend answered every frame, polling
 * and blocking while the ring is full.
 */
#define NET_WIN_XMIT		40
#define NET_WIN_RATE		41
#define NET_WIN_RATE_BLOCK	42

struct net_ctx {
	struct netfront *nf;
	u8 mac[6], peer_mac[6];
	u8 ip[4], peer[4];
	bool have_peer_mac;
	unsigned int served_echo, served_arp;
	u8 buf[NETFRONT_MAX_FRAME];
};
static struct net_ctx ctx;

static const u8 bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

static bool harness_str(const char *name, char *buf, size_t size)
{
	return cmdline_get_value(name, buf, size);
}

static int parse_ip(const char *s, u8 *ip)
{
	unsigned int i;

	for (i = 0; i < 4; i++) {
		unsigned int v = 0, digits = 0;

		while (*s >= '0' && *s <= '9' && digits < 4) {
			v = v * 10 + *s++ - '0';
			digits++;
		}
		if (!digits || v > 255 || *s != (i == 3 ? '\0' : '.'))
			return -EINVAL;
		s++;
		ip[i] = v;
	}
	return 0;
}

static int parse_mac(const char *s, u8 *mac)
{
	unsigned int i;

	for (i = 0; i < 6; i++) {
		unsigned long long v;
		char part[3] = { s[0], s[1], 0 };

		if (kstrtoull(part, 16, &v) || s[2] != (i == 5 ? '\0' : ':'))
			return -EINVAL;
		mac[i] = v;
		s += 3;
	}
	return 0;
}

static u16 get16(const u8 *p)
{
	return p[0] << 8 | p[1];
}

static void put16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v;
}

/* The Internet checksum (RFC 1071) of @len bytes: 0 if they sum right. */
static u16 csum(const u8 *p, unsigned int len)
{
	u32 sum = 0;
	unsigned int i;

	for (i = 0; i + 1 < len; i += 2)
		sum += get16(p + i);
	if (len & 1)
		sum += p[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ~sum & 0xffff;
}

static unsigned int eth_hdr(u8 *f, const u8 *dst, u16 type)
{
	memcpy(f, dst, 6);
	memcpy(f + 6, ctx.mac, 6);
	put16(f + 12, type);
	return 14;
}

static int send(u8 *f, unsigned int len)
{
	int err, tries = 0;

	if (len < ETH_MIN) {
		memset(f + len, 0, ETH_MIN - len);
		len = ETH_MIN;
	}
	/* Every slot in flight: let the backend answer some. */
	while ((err = xen_netfront_xmit(ctx.nf, f, len)) == -EBUSY && tries++ < 100000)
		xen_netfront_poll(ctx.nf);
	return err;
}

static int send_arp(u16 op, const u8 *dst_mac, const u8 *tha, const u8 *tpa)
{
	u8 f[ETH_MIN];
	u8 *a = f + eth_hdr(f, dst_mac, ETH_P_ARP);

	put16(a, 1);		/* Ethernet */
	put16(a + 2, ETH_P_IP);
	a[4] = 6;
	a[5] = 4;
	put16(a + 6, op);
	memcpy(a + 8, ctx.mac, 6);
	memcpy(a + 14, ctx.ip, 4);
	memcpy(a + 18, tha, 6);
	memcpy(a + 24, tpa, 4);
	return send(f, 14 + 28);
}

/* An IPv4 header of ours to @dst, protocol @proto, @plen bytes after it. */
static unsigned int ip_hdr(u8 *p, const u8 *dst, u8 proto, unsigned int plen)
{
	memset(p, 0, 20);
	p[0] = 0x45;
	put16(p + 2, 20 + plen);
	p[8] = 64;
	p[9] = proto;
	memcpy(p + 12, ctx.ip, 4);
	memcpy(p + 16, dst, 4);
	put16(p + 10, csum(p, 20));
	return 20;
}

/* An ICMP echo (type 8) or reply (type 0) with @len bytes of @data. */
static int send_icmp(u8 type, const u8 *dst_mac, const u8 *dst, u16 id, u16 seq,
		     const u8 *data, unsigned int len)
{
	u8 f[NETFRONT_MAX_FRAME];
	unsigned int off = eth_hdr(f, dst_mac, ETH_P_IP);
	u8 *icmp;

	if (len > sizeof(f) - 14 - 20 - 8)
		return -EINVAL;
	off += ip_hdr(f + off, dst, 1, 8 + len);
	icmp = f + off;
	icmp[0] = type;
	icmp[1] = 0;
	put16(icmp + 2, 0);
	put16(icmp + 4, id);
	put16(icmp + 6, seq);
	memcpy(icmp + 8, data, len);
	put16(icmp + 2, csum(icmp, 8 + len));
	return send(f, off + 8 + len);
}

/* The IPv4 packet in frame @f of @len, checked: its header length, or 0. */
static unsigned int ipv4_ok(const u8 *f, unsigned int len, unsigned int *plen)
{
	const u8 *ip = f + 14;
	unsigned int ihl, tot;

	if (len < 14 + 20 || get16(f + 12) != ETH_P_IP || (ip[0] >> 4) != 4)
		return 0;
	ihl = (ip[0] & 15) * 4;
	tot = get16(ip + 2);
	if (ihl < 20 || tot < ihl || 14 + tot > len || csum(ip, ihl))
		return 0;
	*plen = tot - ihl;
	return ihl;
}

/*
 * Answer @f if it is an ARP request or an ICMP echo request for our
 * address: true if it was one (and is used up).
 */
static bool serve(const u8 *f, unsigned int len)
{
	unsigned int ihl, plen;
	const u8 *ip, *icmp;

	if (len >= 14 + 28 && get16(f + 12) == ETH_P_ARP && get16(f + 14 + 6) == 1 &&
	    !memcmp(f + 14 + 24, ctx.ip, 4)) {
		send_arp(2, f + 6, f + 14 + 8, f + 14 + 14);
		ctx.served_arp++;
		return true;
	}
	ihl = ipv4_ok(f, len, &plen);
	if (!ihl)
		return false;
	ip = f + 14;
	icmp = ip + ihl;
	if (ip[9] != 1 || memcmp(ip + 16, ctx.ip, 4) || plen < 8 || icmp[0] != 8 ||
	    csum(icmp, plen))
		return false;
	send_icmp(0, f + 6, ip + 12, get16(icmp + 4), get16(icmp + 6), icmp + 8, plen - 8);
	ctx.served_echo++;
	return true;
}

/*
 * The next frame not served on the way, within @ms: its length, 0 when
 * none came, -errno from the driver.
 */
static int next_frame(unsigned int ms)
{
	u64 start = sched_clock();
	int n;

	do {
		n = xen_netfront_recv(ctx.nf, ctx.buf, sizeof(ctx.buf));
		if (n < 0)
			return n;
		if (n > 0 && !serve(ctx.buf, n))
			return n;
		if (!n)
			cpu_relax();
	} while (sched_clock() - start < (u64)ms * 1000000);
	return 0;
}

static int net_init(struct ktest *t)
{
	char s[32];

	if (!xen_pv_domain() || xen_initial_domain())
		ktest_skip(t, "not a Xen PV domU");
	if (!harness_str("net_test.mac", s, sizeof(s)) || parse_mac(s, ctx.mac))
		ktest_skip(t, "the harness gave no interface (net_test.mac=)");
	KTEST_ASSERT_TRUE(t, harness_str("net_test.ip", s, sizeof(s)) && !parse_ip(s, ctx.ip));
	KTEST_ASSERT_TRUE(t, harness_str("net_test.peer", s, sizeof(s)) && !parse_ip(s, ctx.peer));
	xen_netfront_init();
	ctx.nf = xen_netfront_get(0);
	KTEST_ASSERT_NOT_NULL(t, ctx.nf);
	if (xen_netfront_broken(ctx.nf, NULL) && strcmp(t->name, "net_reconnect_after_lie"))
		ktest_skip(t, "vif 0 is disabled (an earlier case played a lying backend)");
	t->priv = &ctx;
	return 0;
}

static void net_connected_with_harness_mac(struct ktest *t)
{
	KTEST_EXPECT_TRUE(t, xen_netfront_connected(ctx.nf));
	KTEST_EXPECT_EQ(t, memcmp(xen_netfront_mac(ctx.nf), ctx.mac, 6), 0);
	KTEST_EXPECT_FALSE(t, xen_netfront_broken(ctx.nf, NULL));
	/* Frames the packet interface refuses: no data lost, a clear errno. */
	KTEST_EXPECT_EQ(t, xen_netfront_xmit(ctx.nf, ctx.buf, 13), -EINVAL);
	KTEST_EXPECT_EQ(t, xen_netfront_xmit(ctx.nf, ctx.buf, NETFRONT_MAX_FRAME + 1), -EINVAL);
}

static void net_arp_reply(struct ktest *t)
{
	static const u8 zero[6];
	unsigned int tries;
	int n = 0;

	for (tries = 0; tries < 5 && !ctx.have_peer_mac; tries++) {
		KTEST_ASSERT_EQ(t, send_arp(1, bcast, zero, ctx.peer), 0);
		while ((n = next_frame(WAIT_MS)) > 0) {
			const u8 *a = ctx.buf + 14;

			if (n < 14 + 28 || get16(ctx.buf + 12) != ETH_P_ARP || get16(a + 6) != 2 ||
			    memcmp(a + 14, ctx.peer, 4))
				continue;
			KTEST_EXPECT_EQ(t, memcmp(a + 18, ctx.mac, 6), 0);
			KTEST_EXPECT_EQ(t, memcmp(a + 24, ctx.ip, 4), 0);
			KTEST_EXPECT_EQ(t, memcmp(ctx.buf, ctx.mac, 6), 0);
			/* The sender's MAC is the frame's source, not ours. */
			KTEST_EXPECT_EQ(t, memcmp(a + 8, ctx.buf + 6, 6), 0);
			KTEST_EXPECT_NE(t, memcmp(a + 8, ctx.mac, 6), 0);
			memcpy(ctx.peer_mac, a + 8, 6);
			ctx.have_peer_mac = true;
			break;
		}
		KTEST_ASSERT_GE(t, n, 0);
	}
	KTEST_ASSERT_TRUE(t, ctx.have_peer_mac);
	pr_info("netfront-arp: %u.%u.%u.%u is at %02x:%02x:%02x:%02x:%02x:%02x\n",
		ctx.peer[0], ctx.peer[1], ctx.peer[2], ctx.peer[3], ctx.peer_mac[0],
		ctx.peer_mac[1], ctx.peer_mac[2], ctx.peer_mac[3], ctx.peer_mac[4],
		ctx.peer_mac[5]);
}

static void net_icmp_echo(struct ktest *t)
{
	static const unsigned int sizes[] = { 0, 56, 1000, 1472 };
	u8 data[1472];
	unsigned int i, j, got = 0, ihl, plen;
	int n;

	if (!ctx.have_peer_mac)
		ktest_skip(t, "no ARP reply: dom0's MAC unknown");
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		for (j = 0; j < sizes[i]; j++)
			data[j] = (u8)(j * 7 + i);
		KTEST_ASSERT_EQ(t, send_icmp(8, ctx.peer_mac, ctx.peer, 0x4e46, i,
					     data, sizes[i]), 0);
		while ((n = next_frame(WAIT_MS)) > 0) {
			const u8 *ip = ctx.buf + 14, *icmp;

			ihl = ipv4_ok(ctx.buf, n, &plen);
			if (!ihl || ip[9] != 1 || memcmp(ip + 12, ctx.peer, 4))
				continue;
			icmp = ip + ihl;
			if (plen < 8 || icmp[0] != 0 || get16(icmp + 4) != 0x4e46 ||
			    get16(icmp + 6) != i)
				continue;
			KTEST_EXPECT_EQ(t, csum(icmp, plen), 0);
			KTEST_EXPECT_EQ(t, plen, 8 + sizes[i]);
			KTEST_EXPECT_EQ(t, memcmp(icmp + 8, data, sizes[i]), 0);
			KTEST_EXPECT_EQ(t, memcmp(ip + 16, ctx.ip, 4), 0);
			KTEST_EXPECT_EQ(t, memcmp(ctx.buf + 6, ctx.peer_mac, 6), 0);
			got++;
			break;
		}
		KTEST_ASSERT_GE(t, n, 0);
	}
	KTEST_EXPECT_EQ(t, got, ARRAY_SIZE(sizes));
	pr_info("netfront-echo: %u of %u echo replies from %u.%u.%u.%u (up to %u bytes)\n",
		got, (unsigned int)ARRAY_SIZE(sizes), ctx.peer[0], ctx.peer[1], ctx.peer[2],
		ctx.peer[3], sizes[ARRAY_SIZE(sizes) - 1]);
}

/*
 * dom0 pings us (it waits for "netfront-serving"): answer 3 echo
 * requests, and go on answering until dom0 has been quiet for 2.5 s
 * (busybox pings once a second; dom0 runs a ping again that died).
 */
static void net_answers_dom0(struct ktest *t)
{
	unsigned int before = ctx.served_echo, last = before;
	u64 start = sched_clock(), quiet = start;

	pr_info("netfront-serving: answering echo requests to %u.%u.%u.%u\n",
		ctx.ip[0], ctx.ip[1], ctx.ip[2], ctx.ip[3]);
	while (sched_clock() - start < 60ULL * 1000000000) {
		KTEST_ASSERT_GE(t, next_frame(100), 0);
		if (ctx.served_echo != last) {
			last = ctx.served_echo;
			quiet = sched_clock();
		}
		if (last - before >= 3 && sched_clock() - quiet > 2500000000ULL)
			break;
	}
	KTEST_EXPECT_GE(t, ctx.served_echo - before, 3);
	pr_info("netfront-served: %u echo requests, %u ARP requests\n",
		ctx.served_echo - before, ctx.served_arp);
}

/*
 * @n frames of @f until the backend answered every one: how long, in ns.
 * A full ring is waited out by polling, or with @block by sleeping until
 * an event (netback's answer, asked for by rsp_event; or the tick).
 */
static u64 rate_run(struct ktest *t, const u8 *f, unsigned int len, unsigned int n,
		    bool block)
{
	struct netfront_stats a, b;
	unsigned int i;
	u64 t0;
	int err = 0;

	xen_netfront_get_stats(ctx.nf, &a);
	t0 = sched_clock();
	if (block)
		PVBENCH_START(NET_WIN_RATE_BLOCK);
	else
		PVBENCH_START(NET_WIN_RATE);
	for (i = 0; i < n && !err; i++) {
		for (;;) {
			PVBENCH_START(NET_WIN_XMIT);
			err = xen_netfront_xmit(ctx.nf, f, len);
			PVBENCH_STOP(NET_WIN_XMIT);
			if (err != -EBUSY)
				break;
			PVBENCH_MARK(0xa000);	/* that run did not send: not counted */
			if (block)
				safe_halt();
			else
				xen_netfront_poll(ctx.nf);
		}
	}
	for (;;) {
		xen_netfront_poll(ctx.nf);
		xen_netfront_get_stats(ctx.nf, &b);
		if (b.tx_done + b.tx_errors >= a.tx_done + a.tx_errors + i ||
		    sched_clock() - t0 > 30ULL * 1000000000)
			break;
		if (block)
			safe_halt();
	}
	if (block)
		PVBENCH_STOP(NET_WIN_RATE_BLOCK);
	else
		PVBENCH_STOP(NET_WIN_RATE);
	t0 = sched_clock() - t0;
	KTEST_EXPECT_EQ(t, err, 0);
	KTEST_EXPECT_EQ(t, b.tx_done - a.tx_done, n);
	KTEST_EXPECT_EQ(t, b.tx_errors - a.tx_errors, 0);
	return t0;
}

/* 64-byte frames to dom0's MAC with an unused EtherType: dom0 counts, drops. */
static void net_tx_rate(struct ktest *t)
{
	struct netfront_stats b;
	unsigned int n = 4000;
	u8 f[64];
	u64 ns;

	if (!ctx.have_peer_mac)
		ktest_skip(t, "no ARP reply: dom0's MAC unknown");
	eth_hdr(f, ctx.peer_mac, 0x88b5);	/* IEEE local experimental */
	memset(f + 14, 0x5a, sizeof(f) - 14);
	ns = rate_run(t, f, sizeof(f), n, false);
	pr_info("netfront-tx-rate: %u frames of 64 bytes in %llu us: %llu frames/s (polling)\n",
		n, ns / 1000, ns ? (u64)n * 1000000000 / ns : 0);
	ns = rate_run(t, f, sizeof(f), n, true);
	pr_info("netfront-tx-rate-block: %u frames of 64 bytes in %llu us: %llu frames/s (blocking)\n",
		n, ns / 1000, ns ? (u64)n * 1000000000 / ns : 0);
	xen_netfront_get_stats(ctx.nf, &b);
	/* dom0 reads its counters on the second line: both are final. */
	pr_info("netfront-rx-total: %lu frames received\n", b.rx_frames);
	pr_info("netfront-tx-total: %lu frames sent\n", b.tx_sent);
}

/*
 * dom0 reads its vif counters after "netfront-tx-total" and then pings
 * once: we wait for that echo request, so the counters were read while
 * the interface was still there.  Then a second of serving whatever
 * comes: our reply is on its way through netback, and the next cases
 * take the interface down (a reply lost there leaves dom0's ping waiting
 * past the guest's end, with nothing printed).
 */
static void net_dom0_counted(struct ktest *t)
{
	unsigned int before = ctx.served_echo;
	u64 start = sched_clock();

	while (ctx.served_echo == before && sched_clock() - start < 60ULL * 1000000000)
		KTEST_ASSERT_GE(t, next_frame(100), 0);
	KTEST_EXPECT_EQ(t, ctx.served_echo - before, 1);
	start = sched_clock();
	while (sched_clock() - start < 1000000000ULL)
		KTEST_ASSERT_GE(t, next_frame(100), 0);
}

static void net_lying_producer_disables(struct ktest *t)
{
	struct netif_rx_sring *s = xen_netfront_rx_sring(ctx.nf);
	const char *rule;

	KTEST_ASSERT_NOT_NULL(t, s);
	/* More than a ring ahead: the parser must not read one of them. */
	WRITE_ONCE(s->rsp_prod, s->rsp_prod + 1000);
	KTEST_EXPECT_EQ(t, xen_netfront_recv(ctx.nf, ctx.buf, sizeof(ctx.buf)), -EIO);
	KTEST_EXPECT_TRUE(t, xen_netfront_broken(ctx.nf, &rule));
	KTEST_EXPECT_TRUE(t, rule && !strncmp(rule, "producer index", 14));
	KTEST_EXPECT_EQ(t, xen_netfront_xmit(ctx.nf, ctx.buf, 60), -EIO);
	KTEST_EXPECT_FALSE(t, xen_netfront_connected(ctx.nf));
}

/* Only a new connection brings it back: fresh rings, and dom0 answers again. */
static void net_reconnect_after_lie(struct ktest *t)
{
	static const u8 zero[6];
	unsigned int before = xen_netfront_connects(ctx.nf), tries;
	bool answered = false;
	int n = 0;

	KTEST_ASSERT_TRUE(t, xen_netfront_broken(ctx.nf, NULL));
	KTEST_ASSERT_EQ(t, xen_netfront_reconnect(ctx.nf, 10000), 0);
	KTEST_EXPECT_EQ(t, xen_netfront_connects(ctx.nf), before + 1);
	KTEST_EXPECT_FALSE(t, xen_netfront_broken(ctx.nf, NULL));
	KTEST_EXPECT_TRUE(t, xen_netfront_connected(ctx.nf));
	for (tries = 0; tries < 5 && !answered; tries++) {
		KTEST_ASSERT_EQ(t, send_arp(1, bcast, zero, ctx.peer), 0);
		while (!answered && (n = next_frame(WAIT_MS)) > 0) {
			const u8 *a = ctx.buf + 14;

			answered = n >= 14 + 28 && get16(ctx.buf + 12) == ETH_P_ARP &&
				   get16(a + 6) == 2 && !memcmp(a + 14, ctx.peer, 4) &&
				   !memcmp(a + 8, ctx.peer_mac, 6);
		}
		KTEST_ASSERT_GE(t, n, 0);
	}
	KTEST_EXPECT_TRUE(t, answered);
	pr_info("netfront-reconnected: connection %u, dom0 answers ARP again\n",
		xen_netfront_connects(ctx.nf));
}

static const struct ktest_case net_cases[] = {
	KTEST_CASE(net_connected_with_harness_mac),
	KTEST_CASE(net_arp_reply),
	KTEST_CASE(net_icmp_echo),
	KTEST_CASE(net_answers_dom0),
	KTEST_CASE(net_tx_rate),
	KTEST_CASE(net_dom0_counted),
	KTEST_CASE(net_lying_producer_disables),
	KTEST_CASE(net_reconnect_after_lie),
	{}
};
KTEST_SUITE_FULL(xen_netfront, net_cases, net_init, NULL);
