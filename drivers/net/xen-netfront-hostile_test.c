// SPDX-License-Identifier: GPL-2.0
/*
 * xen_netfront_hostile: our netfront against backends that lie (mode
 * xen-pv-domU-nethostile).  With net_hostile=1 the harness gives the
 * guest, beside vif 0 on Linux's netback (dom0's own IPv4 stack the
 * peer, as in xen-pv-domU-net), fifteen interfaces vif 1..15 whose
 * backend is a program of dom0's (tools/testing/selftests/xen/
 * netback_hostile.c), one class of bad response each, in the order of
 * hostiles[] below: six on the tx ring, eight on the rx ring, and last
 * one that offers no copying receive path (feature-rx-copy=0), which
 * we must refuse before any ring is made.
 *
 * Each case: a first frame goes out and comes back as the dom0 program
 * echoes it (MACs swapped, every byte after the Ethernet header xored
 * with echo_byte(), which this file computes again); a second and a
 * third go together, and the second gets the lie (the third is the
 * request whose slot a duplicate answer takes).  The interface must then be disabled, naming the rule
 * the lie breaks (our own words for it, below, not the driver's table),
 * after exactly the good answers the class gives first; later calls
 * fail with -EIO; every interface not lied to yet must still be up, and
 * vif 0 must still get dom0's answer to an ICMP echo request.  The last
 * case answers dom0's pings on vif 0 ("nethostile-serving": dom0 pings
 * us, its busybox ping's count is the mode's check).
 */
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/processor.h>
#include <asm/xen/hypervisor.h>
#include <xen/xenbus.h>
#include <xen/xen-netfront.h>

#define ETH_P_IP	0x0800
#define ETH_P_ARP	0x0806
#define ETH_P_TEST	0x88b5	/* IEEE local experimental */
#define FRAME		60
#define WAIT_MS		3000
#define LIE_MS		10000

struct hostile {
	unsigned int vif;
	const char *cls;
	const char *rule;	/* what the fault's rule must say */
	unsigned int tx_done;	/* tx answered OKAY by then (the first frame's 1) */
	unsigned int rx_frames;	/* frames taken by then (the echo's 1) */
};

static const struct hostile hostiles[] = {
	{ 1, "tx-id", "id out of range", 1, 1 },
	{ 2, "tx-dup", "no outstanding request", 2, 1 },
	{ 3, "tx-prodjump", "producer index", 1, 1 },
	{ 4, "tx-prodback", "producer index", 1, 1 },
	{ 5, "tx-status", "tx response status out of range", 1, 1 },
	{ 6, "tx-grant", "still holds the grant", 2, 1 },
	{ 7, "rx-id", "id out of range", 2, 1 },
	{ 8, "rx-dup", "no outstanding request", 2, 2 },
	{ 9, "rx-prodjump", "producer index", 2, 1 },
	{ 10, "rx-prodback", "producer index", 2, 1 },
	{ 11, "rx-status", "neither an error nor a frame length", 2, 1 },
	{ 12, "rx-len", "past the granted page", 2, 1 },
	{ 13, "rx-flags", "flags not negotiated", 2, 1 },
	{ 14, "rx-grant", "still holds the grant", 2, 1 },
};
#define NOCOPY_VIF	15
#define NR_HOSTILE	ARRAY_SIZE(hostiles)

static struct {
	struct netfront *good;
	u8 mac[6], peer_mac[6], ip[4], peer[4];
	bool have_peer_mac;
	unsigned int seq, served;
	u8 buf[NETFRONT_MAX_FRAME];
} g;

static const u8 bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

/* netback_hostile.c's xor of vif N's echo. */
static u8 echo_byte(unsigned int vif)
{
	return (u8)(0xa5 ^ vif);
}

/* The interface device/vif/N, wherever probing put it in the list. */
static struct netfront *vif(unsigned int n)
{
	struct xenbus_device *dev;
	char name[32];
	unsigned int i;

	snprintf(name, sizeof(name), "device/vif/%u", n);
	for (i = 0; (dev = xenbus_find_device("vif", i)); i++)
		if (!strcmp(dev->nodename, name))
			return dev->priv;
	return NULL;
}

static bool up(struct netfront *nf)
{
	return nf && xen_netfront_connected(nf) && !xen_netfront_broken(nf, NULL);
}

static int parse(const char *name, u8 *out, unsigned int n, unsigned int base, char sep)
{
	char s[32], part[4];
	unsigned long long v;
	unsigned int i, j;
	const char *p = s;

	if (!cmdline_get_value(name, s, sizeof(s)))
		return -ENOENT;
	for (i = 0; i < n; i++) {
		for (j = 0; j < 3 && *p && *p != sep; j++)
			part[j] = *p++;
		part[j] = 0;
		if (!j || kstrtoull(part, base, &v) || v > 255 || *p != (i == n - 1 ? 0 : sep))
			return -EINVAL;
		p++;
		out[i] = v;
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

/* RFC 1071: 0 when @len bytes sum right. */
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

static int send(struct netfront *nf, const u8 *f, unsigned int len)
{
	int err, tries = 0;

	while ((err = xen_netfront_xmit(nf, f, len)) == -EBUSY && tries++ < 100000)
		xen_netfront_poll(nf);
	return err;
}

/* vif 0: an ARP request (op 1) or reply (op 2) from us. */
static int send_arp(u16 op, const u8 *dst, const u8 *tha, const u8 *tpa)
{
	u8 f[FRAME] = {};
	u8 *a = f + 14;

	memcpy(f, dst, 6);
	memcpy(f + 6, g.mac, 6);
	put16(f + 12, ETH_P_ARP);
	put16(a, 1);
	put16(a + 2, ETH_P_IP);
	a[4] = 6;
	a[5] = 4;
	put16(a + 6, op);
	memcpy(a + 8, g.mac, 6);
	memcpy(a + 14, g.ip, 4);
	memcpy(a + 18, tha, 6);
	memcpy(a + 24, tpa, 4);
	return send(g.good, f, sizeof(f));
}

/* vif 0: an ICMP echo request (8) or reply (0), @len bytes of @data. */
static int send_icmp(u8 type, const u8 *dst_mac, const u8 *dst, u16 id, u16 seq,
		     const u8 *data, unsigned int len)
{
	u8 f[FRAME + 64] = {};
	u8 *ip = f + 14, *icmp = ip + 20;

	if (len > sizeof(f) - 14 - 20 - 8)
		return -EINVAL;
	memcpy(f, dst_mac, 6);
	memcpy(f + 6, g.mac, 6);
	put16(f + 12, ETH_P_IP);
	ip[0] = 0x45;
	put16(ip + 2, 20 + 8 + len);
	ip[8] = 64;
	ip[9] = 1;
	memcpy(ip + 12, g.ip, 4);
	memcpy(ip + 16, dst, 4);
	put16(ip + 10, csum(ip, 20));
	icmp[0] = type;
	put16(icmp + 4, id);
	put16(icmp + 6, seq);
	memcpy(icmp + 8, data, len);
	put16(icmp + 2, csum(icmp, 8 + len));
	return send(g.good, f, max(14u + 20 + 8 + len, (unsigned int)FRAME));
}

/* An ICMP packet for us in @f: its ICMP header, *plen its length; or NULL. */
static const u8 *icmp_of(const u8 *f, unsigned int len, unsigned int *plen)
{
	const u8 *ip = f + 14;
	unsigned int ihl, tot;

	if (len < 14 + 20 || get16(f + 12) != ETH_P_IP || (ip[0] >> 4) != 4 || ip[9] != 1)
		return NULL;
	ihl = (ip[0] & 15) * 4;
	tot = get16(ip + 2);
	if (ihl < 20 || tot < ihl + 8 || 14 + tot > len || csum(ip, ihl) ||
	    memcmp(ip + 16, g.ip, 4))
		return NULL;
	*plen = tot - ihl;
	return csum(ip + ihl, *plen) ? NULL : ip + ihl;
}

/* Answer dom0's ARP and echo requests for our address: true if it was one. */
static bool serve(const u8 *f, unsigned int len)
{
	const u8 *icmp;
	unsigned int plen;

	if (len >= 14 + 28 && get16(f + 12) == ETH_P_ARP && get16(f + 14 + 6) == 1 &&
	    !memcmp(f + 14 + 24, g.ip, 4)) {
		send_arp(2, f + 6, f + 14 + 8, f + 14 + 14);
		return true;
	}
	icmp = icmp_of(f, len, &plen);
	if (!icmp || icmp[0] != 8 || plen - 8 > 64)
		return false;
	send_icmp(0, f + 6, f + 14 + 12, get16(icmp + 4), get16(icmp + 6), icmp + 8, plen - 8);
	g.served++;
	return true;
}

/* vif 0's next frame not served on the way, within @ms: length, 0, -errno. */
static int next_frame(unsigned int ms)
{
	u64 start = sched_clock();
	int n;

	do {
		n = xen_netfront_recv(g.good, g.buf, sizeof(g.buf));
		if (n < 0 || (n > 0 && !serve(g.buf, n)))
			return n;
		if (!n)
			cpu_relax();
	} while (sched_clock() - start < (u64)ms * 1000000);
	return 0;
}

/* vif 0 gets dom0's echo reply to one request of ours (5 tries). */
static bool good_echo(void)
{
	u8 data[32];
	unsigned int j, tries, plen;
	const u8 *icmp;
	int n;

	g.seq++;
	for (j = 0; j < sizeof(data); j++)
		data[j] = (u8)(j * 11 + g.seq);
	for (tries = 0; tries < 5; tries++) {
		if (send_icmp(8, g.peer_mac, g.peer, 0x4e48, g.seq, data, sizeof(data)))
			return false;
		while ((n = next_frame(WAIT_MS)) > 0) {
			icmp = icmp_of(g.buf, n, &plen);
			if (icmp && icmp[0] == 0 && get16(icmp + 4) == 0x4e48 &&
			    get16(icmp + 6) == g.seq && plen == 8 + sizeof(data) &&
			    !memcmp(icmp + 8, data, sizeof(data)) &&
			    !memcmp(g.buf + 14 + 12, g.peer, 4))
				return true;
		}
		if (n < 0)
			return false;
	}
	return false;
}

static int hostile_init(struct ktest *t)
{
	char s[8];

	if (!xen_pv_domain() || xen_initial_domain())
		ktest_skip(t, "not a Xen PV domU");
	if (!cmdline_get_value("net_hostile", s, sizeof(s)) || strcmp(s, "1"))
		ktest_skip(t, "the harness gave no hostile backends (net_hostile=1)");
	KTEST_ASSERT_EQ(t, parse("net_test.mac", g.mac, 6, 16, ':'), 0);
	KTEST_ASSERT_EQ(t, parse("net_test.ip", g.ip, 4, 10, '.'), 0);
	KTEST_ASSERT_EQ(t, parse("net_test.peer", g.peer, 4, 10, '.'), 0);
	xen_netfront_init();
	g.good = vif(0);
	KTEST_ASSERT_NOT_NULL(t, g.good);
	return 0;
}

/* Every interface connected with the harness's MAC; dom0's MAC learned. */
static void hostile_all_connected(struct ktest *t)
{
	static const u8 zero[6];
	unsigned int k, tries;
	int n = 0;

	KTEST_ASSERT_TRUE(t, up(g.good));
	KTEST_EXPECT_EQ(t, memcmp(xen_netfront_mac(g.good), g.mac, 6), 0);
	for (k = 0; k < NR_HOSTILE; k++) {
		/* net/hostile-setup.sh's: 00:16:3e:48:00:<vif> */
		const u8 want[6] = { 0x00, 0x16, 0x3e, 0x48, 0x00, hostiles[k].vif };
		struct netfront *nf = vif(hostiles[k].vif);

		KTEST_EXPECT_TRUE(t, up(nf));
		KTEST_EXPECT_TRUE(t, nf && !memcmp(xen_netfront_mac(nf), want, 6));
	}
	for (tries = 0; tries < 5 && !g.have_peer_mac; tries++) {
		KTEST_ASSERT_EQ(t, send_arp(1, bcast, zero, g.peer), 0);
		while ((n = next_frame(WAIT_MS)) > 0) {
			const u8 *a = g.buf + 14;

			if (n >= 14 + 28 && get16(g.buf + 12) == ETH_P_ARP && get16(a + 6) == 2 &&
			    !memcmp(a + 14, g.peer, 4) && !memcmp(a + 24, g.ip, 4)) {
				memcpy(g.peer_mac, a + 8, 6);
				g.have_peer_mac = true;
				break;
			}
		}
		KTEST_ASSERT_GE(t, n, 0);
	}
	KTEST_ASSERT_TRUE(t, g.have_peer_mac);
	KTEST_EXPECT_TRUE(t, good_echo());
}

/* @f: a frame of vif @n to the dom0 program, its @nth. */
static void test_frame(u8 *f, const u8 *mac, unsigned int n, unsigned int nth)
{
	unsigned int j;

	f[0] = 0x02;	/* locally administered: nobody's */
	f[1] = 'H';
	f[2] = 'O';
	f[3] = 'S';
	f[4] = nth;
	f[5] = n;
	memcpy(f + 6, mac, 6);
	put16(f + 12, ETH_P_TEST);
	for (j = 14; j < FRAME; j++)
		f[j] = (u8)(j * 7 + n + nth);
}

static void hostile_case(struct ktest *t, unsigned int k)
{
	const struct hostile *h = &hostiles[k];
	struct netfront *nf = vif(h->vif);
	struct netfront_stats st;
	const char *rule = NULL;
	u8 f[FRAME], e[NETFRONT_MAX_FRAME];
	unsigned int j;
	u64 start;
	int n;

	KTEST_ASSERT_TRUE(t, up(nf));
	/* The first frame: answered, and its echo as the dom0 program makes it. */
	test_frame(f, xen_netfront_mac(nf), h->vif, 1);
	KTEST_ASSERT_EQ(t, xen_netfront_xmit(nf, f, sizeof(f)), 0);
	start = sched_clock();
	while (!(n = xen_netfront_recv(nf, e, sizeof(e))) &&
	       sched_clock() - start < (u64)WAIT_MS * 1000000)
		cpu_relax();
	KTEST_ASSERT_EQ(t, n, FRAME);
	KTEST_EXPECT_EQ(t, memcmp(e, f + 6, 6), 0);
	KTEST_EXPECT_EQ(t, memcmp(e + 6, f, 6), 0);
	KTEST_EXPECT_EQ(t, get16(e + 12), ETH_P_TEST);
	for (j = 14; j < FRAME && e[j] == (f[j] ^ echo_byte(h->vif)); j++)
		;
	KTEST_EXPECT_EQ(t, j, FRAME);
	xen_netfront_get_stats(nf, &st);
	KTEST_EXPECT_EQ(t, st.tx_done, 1);
	/* The second: the backend lies, on the ring of its class. */
	test_frame(f, xen_netfront_mac(nf), h->vif, 2);
	KTEST_ASSERT_EQ(t, xen_netfront_xmit(nf, f, sizeof(f)), 0);
	test_frame(f, xen_netfront_mac(nf), h->vif, 3);
	KTEST_ASSERT_EQ(t, xen_netfront_xmit(nf, f, sizeof(f)), 0);
	start = sched_clock();
	while (!xen_netfront_broken(nf, NULL) && sched_clock() - start < (u64)LIE_MS * 1000000)
		xen_netfront_poll(nf);
	KTEST_EXPECT_TRUE(t, xen_netfront_broken(nf, &rule));
	ktest_info(t, "vif %u (%s): rule: %s", h->vif, h->cls, rule ?: "(none)");
	KTEST_EXPECT_TRUE(t, rule && strstr(rule, h->rule));
	/* What was good before the lie was taken, nothing after. */
	xen_netfront_get_stats(nf, &st);
	KTEST_EXPECT_EQ(t, st.tx_done, h->tx_done);
	KTEST_EXPECT_EQ(t, st.rx_frames, h->rx_frames);
	KTEST_EXPECT_EQ(t, st.tx_errors + st.rx_errors, 0);
	/* Disabled for good: every call fails at once. */
	KTEST_EXPECT_FALSE(t, xen_netfront_connected(nf));
	KTEST_EXPECT_EQ(t, xen_netfront_xmit(nf, f, sizeof(f)), -EIO);
	KTEST_EXPECT_EQ(t, xen_netfront_recv(nf, e, sizeof(e)), -EIO);
	/* The rest still up, and vif 0 still talks to dom0. */
	for (j = k + 1; j < NR_HOSTILE; j++)
		KTEST_EXPECT_TRUE(t, up(vif(hostiles[j].vif)));
	KTEST_EXPECT_TRUE(t, up(g.good));
	KTEST_EXPECT_TRUE(t, g.have_peer_mac && good_echo());
	if (rule)
		pr_info("netfront-hostile: vif %u %s disabled: %s\n", h->vif, h->cls, rule);
}

static void hostile_tx_unknown_id(struct ktest *t) { hostile_case(t, 0); }
static void hostile_tx_duplicate_id(struct ktest *t) { hostile_case(t, 1); }
static void hostile_tx_producer_past_ring(struct ktest *t) { hostile_case(t, 2); }
static void hostile_tx_producer_backwards(struct ktest *t) { hostile_case(t, 3); }
static void hostile_tx_status_out_of_range(struct ktest *t) { hostile_case(t, 4); }
static void hostile_tx_grant_still_mapped(struct ktest *t) { hostile_case(t, 5); }
static void hostile_rx_unknown_id(struct ktest *t) { hostile_case(t, 6); }
static void hostile_rx_duplicate_id(struct ktest *t) { hostile_case(t, 7); }
static void hostile_rx_producer_past_ring(struct ktest *t) { hostile_case(t, 8); }
static void hostile_rx_producer_backwards(struct ktest *t) { hostile_case(t, 9); }
static void hostile_rx_status_out_of_range(struct ktest *t) { hostile_case(t, 10); }
static void hostile_rx_oversized_length(struct ktest *t) { hostile_case(t, 11); }
static void hostile_rx_flags_not_negotiated(struct ktest *t) { hostile_case(t, 12); }
static void hostile_rx_grant_still_mapped(struct ktest *t) { hostile_case(t, 13); }

/*
 * vif 15's backend says feature-rx-copy=0: we must have closed it at its
 * InitWait, saying why in our error node, with no ring made.
 */
static void hostile_rx_no_copy_refused(struct ktest *t)
{
	struct xenbus_device *dev;
	char name[32], *err = NULL;
	const char *why;
	unsigned int i, len;
	struct netfront *nf;
	u8 f[FRAME];

	snprintf(name, sizeof(name), "device/vif/%u", NOCOPY_VIF);
	for (i = 0; (dev = xenbus_find_device("vif", i)); i++)
		if (!strcmp(dev->nodename, name))
			break;
	KTEST_ASSERT_NOT_NULL(t, dev);
	nf = dev->priv;
	KTEST_ASSERT_NOT_NULL(t, nf);
	KTEST_EXPECT_FALSE(t, xen_netfront_connected(nf));
	KTEST_EXPECT_FALSE(t, xen_netfront_broken(nf, NULL));
	KTEST_EXPECT_GE(t, dev->state, XenbusStateClosing);
	KTEST_EXPECT_NULL(t, xen_netfront_tx_sring(nf));
	KTEST_ASSERT_EQ(t, xenbus_read(XBT_NIL, dev->nodename, "error", &err, &len), 0);
	ktest_info(t, "vif %u: error node: %s", NOCOPY_VIF, err);
	why = strchr(err, ' ');		/* after the errno */
	KTEST_EXPECT_TRUE(t, why && strstr(why, "no copying receive path"));
	test_frame(f, xen_netfront_mac(nf), NOCOPY_VIF, 1);
	KTEST_EXPECT_EQ(t, xen_netfront_xmit(nf, f, sizeof(f)), -EIO);
	KTEST_EXPECT_TRUE(t, up(g.good));
	if (why)
		pr_info("netfront-hostile: vif %u rx-nocopy disabled:%s\n", NOCOPY_VIF, why);
	kfree(err);
}

/*
 * After all fifteen: every hostile interface disabled, and vif 0
 * answers dom0's pings (dom0 starts at "nethostile-serving"; we go on
 * until dom0 has been quiet for 2.5 s after 3 answers).
 */
static void hostile_good_vif_answers_dom0(struct ktest *t)
{
	unsigned int k, last = 0;
	u64 start = sched_clock(), quiet = start;

	for (k = 0; k < NR_HOSTILE; k++)
		KTEST_EXPECT_TRUE(t, xen_netfront_broken(vif(hostiles[k].vif), NULL));
	KTEST_ASSERT_TRUE(t, up(g.good));
	g.served = 0;
	pr_info("nethostile-serving: answering echo requests to %u.%u.%u.%u\n",
		g.ip[0], g.ip[1], g.ip[2], g.ip[3]);
	while (sched_clock() - start < 60ULL * 1000000000) {
		KTEST_ASSERT_GE(t, next_frame(100), 0);
		if (g.served != last) {
			last = g.served;
			quiet = sched_clock();
		}
		if (last >= 3 && sched_clock() - quiet > 2500000000ULL)
			break;
	}
	KTEST_EXPECT_GE(t, g.served, 3);
	KTEST_EXPECT_TRUE(t, up(g.good));
	pr_info("nethostile-served: %u echo requests\n", g.served);
}

static const struct ktest_case hostile_cases[] = {
	KTEST_CASE(hostile_all_connected),
	KTEST_CASE(hostile_tx_unknown_id),
	KTEST_CASE(hostile_tx_duplicate_id),
	KTEST_CASE(hostile_tx_producer_past_ring),
	KTEST_CASE(hostile_tx_producer_backwards),
	KTEST_CASE(hostile_tx_status_out_of_range),
	KTEST_CASE(hostile_tx_grant_still_mapped),
	KTEST_CASE(hostile_rx_unknown_id),
	KTEST_CASE(hostile_rx_duplicate_id),
	KTEST_CASE(hostile_rx_producer_past_ring),
	KTEST_CASE(hostile_rx_producer_backwards),
	KTEST_CASE(hostile_rx_status_out_of_range),
	KTEST_CASE(hostile_rx_oversized_length),
	KTEST_CASE(hostile_rx_flags_not_negotiated),
	KTEST_CASE(hostile_rx_grant_still_mapped),
	KTEST_CASE(hostile_rx_no_copy_refused),
	KTEST_CASE(hostile_good_vif_answers_dom0),
	{}
};
KTEST_SUITE_FULL(xen_netfront_hostile, hostile_cases, hostile_init, NULL);
