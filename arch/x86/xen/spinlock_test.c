// SPDX-License-Identifier: GPL-2.0
/*
 * Suite xen_spinlock: the paravirt ticket locks (spinlock.c) under Xen PV
 * with more than one vCPU, checked against what they do not produce: the
 * bytes of the patched sites against the symbols' addresses, Xen's own
 * runstate of a vCPU (VCPUOP_get_runstate_info: is it blocked, and for
 * how long), and what the test's CPUs record.  With one CPU, or with
 * xen_nopvspin, every case skips, saying which.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <asm/paravirt.h>
#include <asm/msr.h>
#include <asm/processor.h>
#include <asm/tsc.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include <xen/events.h>
#include <xen/interface/sched.h>
#include <xen/interface/vcpu.h>
#include "xen-ops.h"

void xen_spin_kick(struct arch_spinlock *lock);	/* xen-asm.S */

static void need_pvspin(struct ktest *t)
{
	if (!xen_pv_domain())
		ktest_skip(t, "not a Xen PV guest");
	if (num_online_cpus() < 2)
		ktest_skip(t, "one CPU online");
	if (!xen_pvspin_enabled())
		ktest_skip(t, "pv spinlocks off (xen_nopvspin)");
}

static u64 ms_from_now(unsigned int ms)
{
	return rdtsc() + (u64)tsc_khz * ms;
}

/* Xen's view of another vCPU of ours. */
static int runstate_of(unsigned int cpu, struct vcpu_runstate_info *rs)
{
	return HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, per_cpu(xen_vcpu_id, cpu), rs);
}

/*
 * A test's own wait for another vCPU: give it the pCPU (on a host with
 * fewer pCPUs than vCPUs, spinning here would keep it waiting a slice).
 */
static void wait_a_bit(void)
{
	HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
}

/* Any other online CPU. */
static unsigned int other_cpu(void)
{
	unsigned int cpu;

	for_each_online_cpu(cpu)
		if (cpu != smp_processor_id())
			return cpu;
	return smp_processor_id();
}

/* Every kick site is a direct call of xen_spin_kick, by its bytes. */
static void xen_spinlock_kick_sites_call_xen(struct ktest *t)
{
	const struct paravirt_patch_site *s;
	unsigned int n = 0, bad = 0;

	need_pvspin(t);
	for (s = __parainstructions; s < __parainstructions_end; s++) {
		const u8 *p = pv_site_addr(s);
		s32 rel;

		if (s->type != PARAVIRT_PATCH(lock.kick))
			continue;
		n++;
		memcpy(&rel, p + 1, 4);
		if (p[0] != 0xe8 || (unsigned long)p + 5 + rel != (unsigned long)xen_spin_kick)
			bad++;
	}
	KTEST_EXPECT_GT(t, n, 0);
	KTEST_EXPECT_EQ(t, bad, 0);
	ktest_info(t, "%u kick sites call xen_spin_kick", n);
}

/* --- a waiter blocks, and the unlock wakes it --------------------------- */

static DEFINE_SPINLOCK(kick_lock);
static volatile unsigned int kick_got;
static bool kick_pending;

/*
 * Its kick port is cleared when it starts waiting and only a kick sets
 * it: still pending once it has the lock, Xen says a kick came (its
 * ticks also end a poll, so waking alone would not show one).
 */
static void kick_fn(struct work_struct *w)
{
	int port = xen_spin_kick_port(smp_processor_id());

	spin_lock(&kick_lock);
	kick_pending = port >= 0 && xen_evtchn_is_pending(port);
	kick_got = 1;
	spin_unlock(&kick_lock);
}

static void xen_spinlock_kicked_waiter_wakes(struct ktest *t)
{
	static struct work_struct w = { .fn = kick_fn };
	struct vcpu_runstate_info rs, rs2;
	unsigned int cpu, saved = spin_threshold;
	u64 deadline;
	bool blocked = false;

	need_pvspin(t);
	cpu = other_cpu();
	kick_got = 0;
	kick_pending = false;
	spin_threshold = 64;
	spin_lock(&kick_lock);
	KTEST_ASSERT_EQ(t, queue_work_on(cpu, &w), 0);
	/* Its ticket out, then Xen must see the vCPU blocked: in the poll. */
	deadline = ms_from_now(2000);
	while (READ_ONCE(kick_lock.raw.tail) == 1 && rdtsc() < deadline)
		cpu_relax();
	KTEST_ASSERT_EQ(t, READ_ONCE(kick_lock.raw.tail), 2);
	while (!blocked && rdtsc() < deadline) {
		KTEST_ASSERT_EQ(t, runstate_of(cpu, &rs), 0);
		blocked = rs.state == RUNSTATE_blocked;
	}
	KTEST_EXPECT_TRUE(t, blocked);
	/*
	 * Over the next 50 ms it is mostly blocked, not running: its ticks
	 * wake it from the poll now and then (spuriously: it polls again),
	 * but a spinning vCPU would be running all along.
	 */
	deadline = ms_from_now(50);
	while (rdtsc() < deadline)
		cpu_relax();
	KTEST_ASSERT_EQ(t, runstate_of(cpu, &rs2), 0);
	KTEST_EXPECT_GE(t, rs2.time[RUNSTATE_blocked] - rs.time[RUNSTATE_blocked], 25000000ULL);
	KTEST_EXPECT_LT(t, rs2.time[RUNSTATE_running] - rs.time[RUNSTATE_running], 25000000ULL);
	ktest_info(t, "CPU %u blocked %llu us, ran %llu us of 50 ms", cpu,
		   (unsigned long long)(rs2.time[RUNSTATE_blocked] - rs.time[RUNSTATE_blocked]) / 1000,
		   (unsigned long long)(rs2.time[RUNSTATE_running] - rs.time[RUNSTATE_running]) / 1000);
	KTEST_EXPECT_EQ(t, kick_got, 0);
	spin_unlock(&kick_lock);
	deadline = ms_from_now(1000);
	while (!kick_got && rdtsc() < deadline)
		cpu_relax();
	KTEST_EXPECT_EQ(t, kick_got, 1);
	flush_work(&w);
	KTEST_EXPECT_TRUE(t, kick_pending);
	spin_threshold = saved;
	KTEST_EXPECT_FALSE(t, spin_is_locked(&kick_lock));
}

/* --- kick against poll: no wake-up lost ---------------------------------- */

#define RACE_ROUNDS	2000
static DEFINE_SPINLOCK(race_lock);
static volatile unsigned int race_round, race_done, race_stop;

static void race_fn(struct work_struct *w)
{
	unsigned int r;

	for (r = 1; r <= RACE_ROUNDS && !race_stop; r++) {
		while (READ_ONCE(race_round) != r && !race_stop)
			wait_a_bit();
		spin_lock(&race_lock);
		WRITE_ONCE(race_done, r);
		spin_unlock(&race_lock);
	}
}

/*
 * spin_threshold 1: every wait goes straight to the poll.  This CPU holds
 * the lock, lets the other ask for it, and releases it after a delay
 * that sweeps 0 .. 96 pauses, so the release lands before, during and
 * after the other's publish-check-poll.  A lost wake-up leaves the other
 * blocked until something else ends its poll: its next tick (up to 10
 * ms), or never.  So a round must complete within a second, and rounds
 * slower than 5 ms (host noise; a lost kick would make most of the ~2000
 * polls that slow) must stay under 1 in 20.
 */
static void xen_spinlock_kick_poll_race(struct ktest *t)
{
	static struct work_struct w = { .fn = race_fn };
	unsigned int cpu, r, i, saved = spin_threshold, lost = 0, slow = 0;
	unsigned long blocked0, polled;
	u64 deadline, t0;

	need_pvspin(t);
	cpu = other_cpu();
	race_round = race_done = race_stop = 0;
	blocked0 = per_cpu(xen_spin_stats, cpu).blocked;
	spin_threshold = 1;
	KTEST_ASSERT_EQ(t, queue_work_on(cpu, &w), 0);
	for (r = 1; r <= RACE_ROUNDS; r++) {
		spin_lock(&race_lock);
		WRITE_ONCE(race_round, r);
		for (i = (r * 7) % 97; i; i--)
			cpu_relax();
		spin_unlock(&race_lock);
		t0 = rdtsc();
		deadline = ms_from_now(1000);
		while (READ_ONCE(race_done) != r && rdtsc() < deadline)
			wait_a_bit();
		if (READ_ONCE(race_done) != r) {
			lost++;
			break;
		}
		slow += rdtsc() - t0 > (u64)tsc_khz * 5;
	}
	if (lost) {
		/* Let the stuck CPU go, so that the rest of the suites run. */
		race_stop = 1;
		xen_spin_unlock_kick(&race_lock.raw);
	}
	flush_work(&w);
	spin_threshold = saved;
	KTEST_EXPECT_EQ(t, lost, 0);
	KTEST_EXPECT_EQ(t, race_done, RACE_ROUNDS);
	KTEST_EXPECT_LT(t, slow, RACE_ROUNDS / 20);
	polled = per_cpu(xen_spin_stats, cpu).blocked - blocked0;
	ktest_info(t, "%u rounds, CPU %u polled %lu times, %u rounds over 5 ms", RACE_ROUNDS,
		   cpu, polled, slow);
	/* One pCPU for both: the two never ran at once, no race was tried. */
	if (!polled)
		ktest_skip(t, "no round polled: the two vCPUs never ran at once");
}

/* --- exclusion with every wait blocking ----------------------------------- */

#define BLOCK_N	300
static DEFINE_SPINLOCK(block_lock);
static unsigned long block_counter;
static volatile unsigned int block_go;

struct block_work {
	struct work_struct w;
	unsigned long mine;
};

static void block_fn(struct work_struct *w)
{
	struct block_work *b = (struct block_work *)w;
	unsigned int i;

	while (!block_go)
		cpu_relax();
	for (i = 0; i < BLOCK_N; i++) {
		spin_lock(&block_lock);
		WRITE_ONCE(block_counter, READ_ONCE(block_counter) + 1);
		spin_unlock(&block_lock);
		b->mine++;
	}
}

static void xen_spinlock_exclusion_when_blocking(struct ktest *t)
{
	static struct block_work b[NR_CPUS];
	unsigned int cpu, me = smp_processor_id(), saved = spin_threshold;
	unsigned long polls = 0;

	need_pvspin(t);
	block_counter = 0;
	block_go = 0;
	for_each_online_cpu(cpu)
		polls -= per_cpu(xen_spin_stats, cpu).blocked;
	spin_threshold = 1;
	for_each_online_cpu(cpu) {
		b[cpu].w.fn = block_fn;
		b[cpu].mine = 0;
		if (cpu != me)
			KTEST_ASSERT_EQ(t, queue_work_on(cpu, &b[cpu].w), 0);
	}
	block_go = 1;
	block_fn(&b[me].w);
	for_each_online_cpu(cpu)
		if (cpu != me)
			flush_work(&b[cpu].w);
	spin_threshold = saved;
	for_each_online_cpu(cpu) {
		KTEST_EXPECT_EQ(t, b[cpu].mine, BLOCK_N);
		polls += per_cpu(xen_spin_stats, cpu).blocked;
	}
	KTEST_EXPECT_EQ(t, block_counter, (unsigned long)BLOCK_N * num_online_cpus());
	KTEST_EXPECT_FALSE(t, spin_is_locked(&block_lock));
	ktest_info(t, "%u CPUs x %u acquisitions, %lu polls", num_online_cpus(), BLOCK_N, polls);
}

/* --- a wait inside an interrupt, while the interrupted CPU waits ----------- */

static DEFINE_SPINLOCK(outer_lock);
static DEFINE_SPINLOCK(inner_lock);
static volatile unsigned int outer_got, inner_got, inner_go;
static struct arch_spinlock *inner_saw;

static void outer_fn(struct work_struct *w)
{
	spin_lock(&outer_lock);		/* interrupts on: it polls with events on */
	outer_got = 1;
	spin_unlock(&outer_lock);
}

/* Holds inner_lock, on a third CPU, until 20 ms after it is told to go. */
static void holder_fn(struct work_struct *w)
{
	u64 until;

	spin_lock(&inner_lock);
	inner_got = 1;
	while (!inner_go)
		wait_a_bit();
	until = ms_from_now(20);
	while (rdtsc() < until)
		wait_a_bit();
	spin_unlock(&inner_lock);
}

/* The IPI's handler on the waiting CPU: a wait of its own, nested. */
static void inner_fn(void *info)
{
	inner_saw = xen_spin_waiting_on(smp_processor_id());
	spin_lock(&inner_lock);
	spin_unlock(&inner_lock);
}

/*
 * CPU a waits for outer_lock (held here) with events on; an IPI makes it
 * wait in its handler for inner_lock (held on CPU b, let go 20 ms after
 * the IPI is sent).  The handler must see the outer record standing,
 * get inner_lock, and the outer wait must still end when outer_lock is
 * released: its record was put back and its poll sent round again.
 */
static void xen_spinlock_nested_wait_in_handler(struct ktest *t)
{
	static struct work_struct wo = { .fn = outer_fn }, wh = { .fn = holder_fn };
	unsigned int cpu, a = NR_CPUS, b = NR_CPUS, saved = spin_threshold;
	u64 deadline;

	need_pvspin(t);
	for_each_online_cpu(cpu) {
		if (cpu == smp_processor_id())
			continue;
		if (a == NR_CPUS)
			a = cpu;
		else if (b == NR_CPUS)
			b = cpu;
	}
	if (b == NR_CPUS)
		ktest_skip(t, "needs three CPUs");
	outer_got = inner_got = inner_go = 0;
	inner_saw = NULL;
	spin_threshold = 64;
	spin_lock(&outer_lock);
	KTEST_ASSERT_EQ(t, queue_work_on(b, &wh), 0);
	deadline = ms_from_now(2000);
	while (!inner_got && rdtsc() < deadline)
		wait_a_bit();
	KTEST_ASSERT_TRUE(t, inner_got);
	KTEST_ASSERT_EQ(t, queue_work_on(a, &wo), 0);
	while (xen_spin_waiting_on(a) != &outer_lock.raw && rdtsc() < deadline)
		wait_a_bit();
	KTEST_ASSERT_TRUE(t, xen_spin_waiting_on(a) == &outer_lock.raw);
	inner_go = 1;
	/* Returns once the handler had inner_lock, i.e. after the release. */
	KTEST_ASSERT_EQ(t, smp_call_function_single(a, inner_fn, NULL), 0);
	KTEST_EXPECT_TRUE(t, inner_saw == &outer_lock.raw);
	/* The outer wait goes on (its poll was sent round: it publishes again). */
	deadline = ms_from_now(1000);
	while (xen_spin_waiting_on(a) != &outer_lock.raw && rdtsc() < deadline)
		wait_a_bit();
	KTEST_EXPECT_TRUE(t, xen_spin_waiting_on(a) == &outer_lock.raw);
	KTEST_EXPECT_EQ(t, outer_got, 0);
	spin_unlock(&outer_lock);
	deadline = ms_from_now(1000);
	while (!outer_got && rdtsc() < deadline)
		wait_a_bit();
	KTEST_EXPECT_EQ(t, outer_got, 1);
	flush_work(&wo);
	flush_work(&wh);
	spin_threshold = saved;
	KTEST_EXPECT_TRUE(t, xen_spin_waiting_on(a) == NULL);
}

static const struct ktest_case xen_spinlock_cases[] = {
	KTEST_CASE(xen_spinlock_kick_sites_call_xen),
	KTEST_CASE(xen_spinlock_kicked_waiter_wakes),
	KTEST_CASE(xen_spinlock_kick_poll_race),
	KTEST_CASE(xen_spinlock_exclusion_when_blocking),
	KTEST_CASE(xen_spinlock_nested_wait_in_handler),
	{}
};
KTEST_SUITE(xen_spinlock, xen_spinlock_cases);
