// SPDX-License-Identifier: GPL-2.0
/*
 * The Xen PV console ring.  The protocol cases run on a ring of the
 * test's own in which the test is the backend (it moves out_cons and
 * in_prod as xenconsoled would, or as a hostile one would), so each
 * check of the backend's indices is provoked and its verdict read from
 * the page itself.  The live cases run on the domU's real ring: the
 * backend (xenconsoled in dom0) drains it, and a burst of generated
 * lines several rings long goes out in single writes; whether those
 * lines arrived intact and in order is checked by the host-side judge
 * (modes/xen-pv-domU.sh), which regenerates them, not by the kernel.
 */
#include <linux/ktest.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/irqflags.h>
#include <linux/string.h>
#include <asm/xen/hypervisor.h>
#include <xen/hvc-console.h>

/* --- a ring where the test is the backend ------------------------------ */

static struct xencons_interface fake;
static struct xencons_ring fr;
static u64 fake_clock;
static unsigned int waits, notifies;
static char drained[12288];
static size_t nr_drained;
static u32 drain_step;			/* bytes the backend takes per wait */

static void fake_notify(struct xencons_ring *r) { notifies++; }
static u64 fake_now(void) { return fake_clock; }

/* The backend's side of a wait: maybe consume, and let time pass. */
static bool fake_wait(struct xencons_ring *r, u64 deadline)
{
	u32 i, cons = fake.out_cons;

	waits++;
	fake_clock += 1000000;		/* 1 ms per wait */
	for (i = 0; i < drain_step && cons != fake.out_prod && nr_drained < sizeof(drained); i++)
		drained[nr_drained++] = fake.out[MASK_XENCONS_IDX(cons++, fake.out)];
	fake.out_cons = cons;
	return fake_clock < deadline;
}

static int fake_init(struct ktest *t)
{
	memset(&fake, 0, sizeof(fake));
	memset(&fr, 0, sizeof(fr));
	fr.notify = fake_notify;
	fr.wait = fake_wait;
	fr.now = fake_now;
	fr.stall_ns = 100ULL * 1000 * 1000;
	fake_clock = 0;
	waits = notifies = 0;
	nr_drained = 0;
	drain_step = 0;
	xencons_ring_attach(&fr, &fake);
	return 0;
}

static void fill(char *buf, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf[i] = 'a' + (i * 7 + i / 26) % 26;
}

/* A full ring with a backend that drains: every byte arrives, in order. */
static void ring_flow_control_loses_nothing(struct ktest *t)
{
	static char buf[10000];

	fill(buf, sizeof(buf));
	drain_step = 100;
	KTEST_EXPECT_EQ(t, xencons_ring_write(&fr, buf, sizeof(buf)), (ssize_t)sizeof(buf));
	/* What is still in the ring, the backend takes now. */
	drain_step = sizeof(fake.out);
	fake_wait(&fr, ~0ULL);
	KTEST_ASSERT_EQ(t, nr_drained, sizeof(buf));
	KTEST_EXPECT_EQ(t, memcmp(drained, buf, sizeof(buf)), 0);
	KTEST_EXPECT_GT(t, waits, 10);
	KTEST_EXPECT_EQ(t, fr.stalls, 0);
	KTEST_EXPECT_EQ(t, fr.dropped, 0);
	KTEST_EXPECT_EQ(t, fake.out_prod, (u32)sizeof(buf));
}

/* A backend that never drains: bounded wait, then stalled, nothing hangs. */
static void ring_dead_backend_stalls_bounded(struct ktest *t)
{
	static char buf[3000];

	fill(buf, sizeof(buf));
	KTEST_EXPECT_EQ(t, xencons_ring_write(&fr, buf, sizeof(buf)), (ssize_t)sizeof(fake.out));
	KTEST_EXPECT_EQ(t, fr.stalls, 1);
	KTEST_EXPECT_EQ(t, fr.dropped, sizeof(buf) - sizeof(fake.out));
	/* 100 ms of fake time at 1 ms per wait: about a hundred, not forever. */
	KTEST_EXPECT_GE(t, waits, 99);
	KTEST_EXPECT_LE(t, waits, 101);
	/* Stalled: the next write does not wait again. */
	waits = 0;
	KTEST_EXPECT_EQ(t, xencons_ring_write(&fr, "x", 1), 0);
	KTEST_EXPECT_EQ(t, waits, 0);
	/* The backend comes back: the loss is said in-band, then the bytes. */
	fake.out_cons = fake.out_prod;
	KTEST_EXPECT_EQ(t, xencons_ring_write(&fr, "ok\n", 3), 3);
	KTEST_EXPECT_FALSE(t, fr.stalled);
	drain_step = sizeof(fake.out);
	fake_wait(&fr, ~0ULL);
	drained[nr_drained] = 0;
	KTEST_EXPECT_STREQ(t, drained, "\n[xen console: 953 bytes dropped]\nok\n");
}

/* Indices wrap at 2^32 like any others. */
static void ring_indices_wrap(struct ktest *t)
{
	static char buf[100];

	fake.out_prod = fake.out_cons = 0xffffffc0;
	xencons_ring_attach(&fr, &fake);
	fill(buf, sizeof(buf));
	drain_step = sizeof(buf);
	KTEST_EXPECT_EQ(t, xencons_ring_write(&fr, buf, sizeof(buf)), (ssize_t)sizeof(buf));
	KTEST_EXPECT_EQ(t, fake.out_prod, 0xffffffc0U + 100);
	KTEST_EXPECT_EQ(t, fr.error, 0);
	fake_wait(&fr, ~0ULL);
	KTEST_EXPECT_EQ(t, memcmp(drained, buf, sizeof(buf)), 0);
}

/* out_cons beyond our out_prod: refused, reported, ring left alone. */
static void ring_out_cons_past_prod(struct ktest *t)
{
	KTEST_ASSERT_EQ(t, xencons_ring_write(&fr, "hello", 5), 5);
	fake.out_cons = 5 + 1;
	KTEST_EXPECT_EQ(t, xencons_ring_write(&fr, "more", 4), -EIO);
	KTEST_EXPECT_EQ(t, fr.bad, 6);
	KTEST_EXPECT_NOT_NULL(t, fr.why);
	KTEST_EXPECT_EQ(t, fake.out_prod, 5);
	/* And it stays refused. */
	fake.out_cons = 5;
	KTEST_EXPECT_EQ(t, xencons_ring_write(&fr, "x", 1), -EIO);
}

/* out_cons moving backwards is as bad (it would overwrite unread bytes). */
static void ring_out_cons_backwards(struct ktest *t)
{
	KTEST_ASSERT_EQ(t, xencons_ring_write(&fr, "hello", 5), 5);
	fake.out_cons = 4;
	KTEST_ASSERT_EQ(t, xencons_ring_write(&fr, "!", 1), 1);
	fake.out_cons = 2;
	KTEST_EXPECT_EQ(t, xencons_ring_write(&fr, "!", 1), -EIO);
	KTEST_EXPECT_EQ(t, fr.bad, 2);
	KTEST_EXPECT_EQ(t, fake.out_prod, 6);
}

/* Input: what the backend produced is read once, and the slots given back. */
static void ring_input_read(struct ktest *t)
{
	char buf[16] = {};

	memcpy(fake.in, "hello", 5);
	fake.in_prod = 5;
	KTEST_EXPECT_EQ(t, xencons_ring_read(&fr, buf, sizeof(buf) - 1), 5);
	KTEST_EXPECT_STREQ(t, buf, "hello");
	KTEST_EXPECT_EQ(t, fake.in_cons, 5);
	KTEST_EXPECT_GE(t, notifies, 1);
	KTEST_EXPECT_EQ(t, xencons_ring_read(&fr, buf, sizeof(buf)), 0);
}

/* in_prod more than a ring ahead, or moving backwards: refused. */
static void ring_in_prod_hostile(struct ktest *t)
{
	char buf[8];

	fake.in_prod = sizeof(fake.in) + 1;
	KTEST_EXPECT_EQ(t, xencons_ring_read(&fr, buf, sizeof(buf)), -EIO);
	KTEST_EXPECT_EQ(t, fr.bad, (u32)sizeof(fake.in) + 1);
	KTEST_EXPECT_EQ(t, fake.in_cons, 0);

	fake_init(t);
	fake.in_prod = 4;
	KTEST_ASSERT_EQ(t, xencons_ring_read(&fr, buf, 2), 2);
	fake.in_prod = 1;			/* behind what it said before */
	KTEST_EXPECT_EQ(t, xencons_ring_read(&fr, buf, sizeof(buf)), -EIO);
	KTEST_EXPECT_EQ(t, fake.in_cons, 2);
}

/* --- the domU's live ring ------------------------------------------------ */

static struct xencons_ring *live(struct ktest *t)
{
	struct xencons_ring *r = xen_console_ring();

	if (!xen_domain() || xen_initial_domain() || !r)
		ktest_skip(t, "no console ring (not a Xen domU: dom0 writes to Xen's console)");
	return r;
}

/* The backend reads this very page: it drains what we write. */
static void console_backend_drains(struct ktest *t)
{
	struct xencons_ring *r = live(t);
	u64 i;

	xen_console_write_raw("xen_console: draining\n", 22);
	for (i = 0; i < 100000 && READ_ONCE(r->intf->out_cons) != READ_ONCE(r->intf->out_prod); i++)
		r->wait(r, r->now() + 10000000);
	KTEST_EXPECT_EQ(t, READ_ONCE(r->intf->out_cons), READ_ONCE(r->intf->out_prod));
	KTEST_EXPECT_EQ(t, r->error, 0);
}

/*
 * Bursts of 1, 3 and 8 rings of 64-byte lines, each in one write: the
 * judge regenerates every line (same generator, modes/xen-pv-domU.sh)
 * and checks they all arrived, intact and in order.
 */
#define BURST_LINE	64
static const unsigned int burst_rings[] = { 1, 3, 8 };

static void burst_line(char *p, unsigned int b, unsigned int i)
{
	static const char hex[] = "0123456789abcdef";
	u32 x = (b * 7919 + i) * 2654435761U;
	int n, k;

	n = snprintf(p, BURST_LINE, "xencons-burst %u %04u ", b, i);
	for (k = n; k < BURST_LINE - 1; k++) {
		p[k] = hex[x >> 28];
		x = x * 1103515245U + 12345;
	}
	p[BURST_LINE - 1] = '\n';
}

static void console_burst(struct ktest *t)
{
	static char buf[8 * sizeof(((struct xencons_interface *)0)->out)];
	struct xencons_ring *r = live(t);
	unsigned long stalls = r->stalls;
	unsigned int b, i, lines;

	for (b = 0; b < ARRAY_SIZE(burst_rings); b++) {
		lines = burst_rings[b] * sizeof(r->intf->out) / BURST_LINE;
		for (i = 0; i < lines; i++)
			burst_line(buf + i * BURST_LINE, b, i);
		xen_console_write_raw(buf, lines * BURST_LINE);
	}
	KTEST_EXPECT_EQ(t, r->stalls, stalls);
	KTEST_EXPECT_EQ(t, r->dropped, 0);
	KTEST_EXPECT_EQ(t, r->error, 0);
}

/*
 * The real ring's in_prod corrupted as a hostile backend would: the read
 * refuses it.  The ring's state is put back before anything is printed.
 */
static void console_live_in_prod_hostile(struct ktest *t)
{
	struct xencons_ring *r = live(t), saved;
	unsigned long flags;
	u32 prod;
	ssize_t got;
	char c;

	local_irq_save(flags);
	saved = *r;
	prod = READ_ONCE(r->intf->in_prod);
	WRITE_ONCE(r->intf->in_prod, r->in_cons + sizeof(r->intf->in) + 7);
	got = xen_console_read(&c, 1);
	WRITE_ONCE(r->intf->in_prod, prod);
	*r = saved;
	local_irq_restore(flags);
	KTEST_EXPECT_EQ(t, got, -EIO);
}

static const struct ktest_case xen_console_cases[] = {
	KTEST_CASE(ring_flow_control_loses_nothing),
	KTEST_CASE(ring_dead_backend_stalls_bounded),
	KTEST_CASE(ring_indices_wrap),
	KTEST_CASE(ring_out_cons_past_prod),
	KTEST_CASE(ring_out_cons_backwards),
	KTEST_CASE(ring_input_read),
	KTEST_CASE(ring_in_prod_hostile),
	KTEST_CASE(console_backend_drains),
	KTEST_CASE(console_burst),
	KTEST_CASE(console_live_in_prod_hostile),
	{}
};
KTEST_SUITE_FULL(xen_console, xen_console_cases, fake_init, NULL);
