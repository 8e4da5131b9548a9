// SPDX-License-Identifier: GPL-2.0
/*
 * A real device interrupt through bind_pirq_to_handler(), in a PV dom0:
 * the CMOS RTC's periodic interrupt (ISA IRQ 8, GSI 8 on QEMU's pc and
 * on PCs), programmed by this test through ports 0x70/0x71 (Xen passes
 * a PV dom0's accesses on to the chip: rtc_guest_read/write).
 *
 * Checked against sources other than the binding code: Xen's
 * EVTCHNOP_status says the port is a pirq port and which pirq; the
 * device's own flags (register C: PF, the periodic interrupt, and IRQF)
 * say each event was the RTC interrupting; the count is against the rate
 * programmed in register A over an interval of Xen's own NOW() (the sum
 * of our runstate times, VCPUOP_get_runstate_info); after unbinding Xen
 * has the port closed (EVTCHNSTAT_closed) and the GSI binds again; once
 * unmapped, Xen refuses to map it again (it revoked our access to the
 * IRQ, unmap_domain_pirq), so the pirq was really given back.
 *
 * Xen does not own IRQ 8 here: EVTCHNOP_bind_pirq of a line Xen uses
 * itself fails ("In use by ..." in pirq_guest_bind), and Xen's HPET
 * legacy-replacement broadcast, the one Xen user of IRQ 8, gives the
 * line up when dom0 sets the periodic-interrupt bit (handle_rtc_once).
 * Without the EOI after each event (xen_pirq_eoi) the port stays masked:
 * one event, then none, and rtc_rate fails.
 */
#include <linux/ktest.h>
#include <linux/spinlock.h>
#include <linux/errno.h>
#include <linux/irqflags.h>
#include <linux/smp.h>
#include <asm/bitops.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include <xen/events.h>
#include <xen/interface/errno.h>
#include <xen/interface/physdev.h>
#include <xen/interface/vcpu.h>

#define RTC_GSI		8
#define RTC_INDEX	0x70
#define RTC_DATA	0x71
#define RTC_REG_A	0x0a		/* low nibble: rate select (RS) */
#define RTC_REG_B	0x0b
#define RTC_REG_C	0x0c		/* read: flags, and the interrupt acknowledged */
#define RTC_PIE		0x40		/* B: periodic interrupt enable */
#define RTC_IRQF	0x80		/* C: an enabled interrupt is raised */
#define RTC_PF		0x40		/* C: a periodic interrupt came */
#define RTC_RS_64HZ	10		/* 32768 >> (RS - 1) = 64 Hz */
#define RTC_HZ		64
#define MS		1000000ULL

/* Index then data, with events off: the handler's own access would move the index. */
/* Index then data: one pair at a time on any CPU, the handler's too. */
static DEFINE_SPINLOCK(cmos_lock);

static u8 cmos_read(u8 reg)
{
	unsigned long flags;
	u8 v;

	spin_lock_irqsave(&cmos_lock, flags);
	outb(reg, RTC_INDEX);
	v = inb(RTC_DATA);
	spin_unlock_irqrestore(&cmos_lock, flags);
	return v;
}

static void cmos_write(u8 reg, u8 val)
{
	unsigned long flags;

	spin_lock_irqsave(&cmos_lock, flags);
	outb(reg, RTC_INDEX);
	outb(val, RTC_DATA);
	spin_unlock_irqrestore(&cmos_lock, flags);
}

/* Xen's NOW(), less our vCPU's creation time: the runstate times' sum. */
static u64 xen_now(void)
{
	struct vcpu_runstate_info r;
	u64 sum = 0;
	unsigned int i;

	if (HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, this_cpu_read(xen_vcpu_id), &r))
		return 0;
	for (i = 0; i < 4; i++)
		sum += r.time[i];
	return sum;
}

static unsigned long periodic, not_rtc;

static void on_rtc(evtchn_port_t port, void *data)
{
	u8 c = cmos_read(RTC_REG_C);	/* acknowledges: the line drops */

	if ((c & (RTC_IRQF | RTC_PF)) == (RTC_IRQF | RTC_PF))
		periodic++;
	else
		not_rtc++;
}

static int pirq_init(struct ktest *t)
{
	if (!xen_pv_domain() || !xen_initial_domain())
		ktest_skip(t, "not a Xen PV dom0: no physical IRQs of ours");
	return 0;
}

static int xen_status(evtchn_port_t port, struct evtchn_status *st)
{
	st->dom = DOMID_SELF;
	st->port = port;
	return HYPERVISOR_event_channel_op(EVTCHNOP_status, st) ? -1 : (int)st->status;
}

/* Spin with events on until Xen's clock says @ns passed; returns the time it took. */
static u64 wait_xen(u64 ns)
{
	u64 t0 = xen_now(), now;

	do {
		cpu_relax();
		now = xen_now();
	} while (now - t0 < ns);
	return now - t0;
}

static void rtc_rate(struct ktest *t)
{
	u8 a = cmos_read(RTC_REG_A), b = cmos_read(RTC_REG_B);
	struct evtchn_status st;
	u64 ns, expect;
	unsigned long n, after, eois;
	int port, pirq, again;
	struct physdev_unmap_pirq unmap = { .domid = DOMID_SELF };
	struct physdev_map_pirq map = {
		.domid = DOMID_SELF, .type = MAP_PIRQ_TYPE_GSI, .index = RTC_GSI,
	};

	cmos_write(RTC_REG_B, b & ~RTC_PIE);
	cmos_read(RTC_REG_C);
	periodic = not_rtc = 0;
	port = bind_pirq_to_handler(RTC_GSI, 0, on_rtc, NULL, "rtc-test");
	KTEST_ASSERT_GE(t, port, 0);
	pirq = xen_pirq_of_port(port);
	KTEST_EXPECT_EQ(t, xen_status(port, &st), EVTCHNSTAT_pirq);
	KTEST_EXPECT_EQ(t, st.u.pirq, pirq);
	KTEST_EXPECT_EQ(t, st.vcpu, 0);
	ktest_info(t, "GSI %d: pirq %d, port %d; Xen %s an EOI (%s)", RTC_GSI, pirq, port,
		   xen_pirq_needs_eoi(port) ? "wants" : "does not want",
		   xen_pirq_eoi_map() ? "its bitmap" : "irq_status_query");

	/*
	 * An edge line: Xen acks it itself (ACKTYPE_NONE), and its bitmap,
	 * where Xen keeps it, says no EOI hypercall: none is made.
	 */
	if (xen_pirq_eoi_map())
		KTEST_EXPECT_FALSE(t, test_bit(pirq, xen_pirq_eoi_map()));
	eois = xen_events_stats.pirq_eois;
	cmos_write(RTC_REG_A, (a & 0xf0) | RTC_RS_64HZ);
	cmos_write(RTC_REG_B, b | RTC_PIE);
	ns = wait_xen(500 * MS);
	cmos_write(RTC_REG_B, b & ~RTC_PIE);
	/*
	 * An interrupt raised just before PIE went off may still be on its
	 * way: its handler must read its flags, not a register C cleared
	 * here first.  Two periods settle it.
	 */
	wait_xen(2 * 1000 * MS / RTC_HZ);
	n = READ_ONCE(periodic);
	cmos_read(RTC_REG_C);
	expect = RTC_HZ * ns / 1000000000ULL;
	ktest_info(t, "%lu periodic interrupts in %llu ms of Xen time (%llu at %d Hz)",
		   n, ns / MS, expect, RTC_HZ);
	/* Wide bounds: TCG's clocks jitter; an EOI left out gives 1. */
	KTEST_EXPECT_GE(t, n, expect / 2);
	KTEST_EXPECT_LE(t, n, expect * 3 / 2 + 2);
	/*
	 * An event whose register C has no flag: a second delivery of an
	 * edge already taken (seen now and then with 2 vCPUs, never more
	 * than one a run).  Tolerated as Linux's IRQ_NONE is; a storm is not.
	 */
	if (not_rtc)
		ktest_info(t, "%lu events without the RTC's flags", not_rtc);
	KTEST_EXPECT_LE(t, not_rtc, 2);
	/*
	 * Without the bitmap (mode xen-pv-dom0-2l) irq_status_query says
	 * "needs EOI" of every line: one PHYSDEVOP_eoi an event, each
	 * accepted by Xen (a refusal is logged, and fails the mode).
	 */
	if (xen_pirq_eoi_map()) {
		KTEST_EXPECT_EQ(t, xen_events_stats.pirq_eois, eois);
	} else {
		KTEST_EXPECT_TRUE(t, xen_pirq_needs_eoi(port));
		KTEST_EXPECT_GE(t, xen_events_stats.pirq_eois - eois, n);
		KTEST_EXPECT_LE(t, xen_events_stats.pirq_eois - eois, n + 1);
	}
	/* Disabled at the device: nothing more comes. */
	after = READ_ONCE(periodic);
	wait_xen(50 * MS);
	KTEST_EXPECT_EQ(t, READ_ONCE(periodic), after);

	KTEST_EXPECT_EQ(t, unbind_pirq_from_handler(port), 0);
	KTEST_EXPECT_EQ(t, xen_status(port, &st), EVTCHNSTAT_closed);
	KTEST_EXPECT_EQ(t, xen_pirq_of_port(port), -1);
	/* Xen let go of the line: bound again, it still delivers. */
	again = bind_pirq_to_handler(RTC_GSI, 0, on_rtc, NULL, "rtc-again");
	KTEST_ASSERT_GE(t, again, 0);
	KTEST_EXPECT_EQ(t, bind_pirq_to_handler(RTC_GSI, 0, on_rtc, NULL, "rtc-dup"), -EBUSY);
	periodic = 0;
	cmos_write(RTC_REG_B, b | RTC_PIE);
	wait_xen(100 * MS);
	cmos_write(RTC_REG_B, b & ~RTC_PIE);
	cmos_read(RTC_REG_C);
	KTEST_EXPECT_GE(t, READ_ONCE(periodic), 2);
	KTEST_EXPECT_EQ(t, xen_pirq_unmap_gsi(RTC_GSI), -EBUSY);
	KTEST_EXPECT_EQ(t, unbind_pirq_from_handler(again), 0);
	cmos_write(RTC_REG_A, a);
	cmos_write(RTC_REG_B, b);
	cmos_read(RTC_REG_C);
	/* Given back: Xen has the pirq unmapped, and IRQ 8 is no longer ours. */
	KTEST_EXPECT_EQ(t, xen_pirq_unmap_gsi(RTC_GSI), 0);
	unmap.pirq = pirq;
	KTEST_EXPECT_NE(t, HYPERVISOR_physdev_op(PHYSDEVOP_unmap_pirq, &unmap), 0);
	/* Asked directly: through bind_pirq_to_handler the refusal would be logged. */
	map.pirq = RTC_GSI;
	KTEST_EXPECT_EQ(t, HYPERVISOR_physdev_op(PHYSDEVOP_map_pirq, &map), -XEN_EPERM);
	KTEST_EXPECT_EQ(t, xen_pirq_unmap_gsi(RTC_GSI), -ENOENT);
}

/* Bad input: a port that is not a pirq's, a GSI never mapped. */
static void pirq_refusals(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, unbind_pirq_from_handler(12345), -EINVAL);
	KTEST_EXPECT_EQ(t, unbind_pirq_from_handler(0), -EINVAL);
	KTEST_EXPECT_EQ(t, xen_pirq_unmap_gsi(3), -ENOENT);
	KTEST_EXPECT_FALSE(t, xen_pirq_needs_eoi(12345));
}

static const struct ktest_case pirq_cases[] = {
	KTEST_CASE(rtc_rate),
	KTEST_CASE(pirq_refusals),
	{}
};
KTEST_SUITE_FULL(xen_pirq, pirq_cases, pirq_init, NULL);
