// SPDX-License-Identifier: GPL-2.0
/*
 * The interrupt flag and the tick: save/restore nest, a masked CPU takes
 * no tick and gets the pending one as soon as it unmasks, ticks arrive
 * at CONFIG_HZ measured against the TSC (wide bounds: TCG time jitters),
 * and sched_clock() follows real time.
 */
#include <linux/ktest.h>
#include <linux/string.h>
#include <linux/irqflags.h>
#include <asm/apic.h>
#include <asm/tsc.h>
#include <asm/traps.h>

static void irqflags_nesting(struct ktest *t)
{
	unsigned long outer, inner;

	KTEST_ASSERT_FALSE(t, irqs_disabled());
	local_irq_save(outer);
	KTEST_EXPECT_TRUE(t, irqs_disabled());
	local_irq_save(inner);
	KTEST_EXPECT_TRUE(t, irqs_disabled());
	local_irq_restore(inner);
	KTEST_EXPECT_TRUE(t, irqs_disabled());	/* still inside outer */
	local_irq_restore(outer);
	KTEST_EXPECT_FALSE(t, irqs_disabled());
	KTEST_EXPECT_FALSE(t, arch_irqs_disabled_flags(outer));
	KTEST_EXPECT_TRUE(t, arch_irqs_disabled_flags(inner));
}

/* Wait up to @ms for jiffies to pass @target, halting between ticks. */
static bool wait_jiffies(unsigned long target, unsigned long ms)
{
	u64 end = sched_clock() + ms * 1000000ULL;

	while ((long)(jiffies - target) < 0) {
		if (sched_clock() > end)
			return false;
		safe_halt();
	}
	return true;
}

static void timer_ticks_arrive(struct ktest *t)
{
	unsigned long j0 = jiffies, c0;
	unsigned int vec = timer_vector;

	KTEST_ASSERT_NE(t, vec, 0);
	c0 = this_cpu_read(irq_count[vec]);
	KTEST_ASSERT_TRUE(t, wait_jiffies(j0 + 10, 2000));
	/* One per tick, or fewer where a late tick counts the ones it missed. */
	KTEST_EXPECT_GE(t, this_cpu_read(irq_count[vec]) - c0, 5);
	KTEST_EXPECT_LE(t, this_cpu_read(irq_count[vec]) - c0, 11 + 2);
	ktest_info(t, "source %s, %lu interrupts on vector %#x", timer_source,
		   this_cpu_read(irq_count[vec]) - c0, vec);
}

static void timer_rate(struct ktest *t)
{
	unsigned long j0, n;
	u64 start;

	j0 = jiffies;
	start = sched_clock();
	while (sched_clock() - start < 500000000ULL)	/* 500 ms */
		safe_halt();
	n = jiffies - j0;
	ktest_info(t, "%lu ticks in 500 ms (HZ=%d)", n, CONFIG_HZ);
	KTEST_EXPECT_GE(t, n, CONFIG_HZ / 2 / 2);
	KTEST_EXPECT_LE(t, n, CONFIG_HZ / 2 * 2);
}

static void timer_masked_then_pending(struct ktest *t)
{
	unsigned long j0, flags;

	local_irq_save(flags);
	j0 = jiffies;
	mdelay(50);			/* five ticks' worth with interrupts off */
	KTEST_EXPECT_EQ(t, jiffies, j0);
	local_irq_restore(flags);
	/* The tick that became pending is taken at once. */
	KTEST_EXPECT_TRUE(t, wait_jiffies(j0 + 1, 20));
}

static void sched_clock_follows_tsc(struct ktest *t)
{
	u64 a, b;

	a = sched_clock();
	mdelay(10);
	b = sched_clock();
	KTEST_EXPECT_GT(t, tsc_khz, 0);
	KTEST_EXPECT_GE(t, b - a, 9000000);
	KTEST_EXPECT_LT(t, b - a, 100000000);
}

static const struct ktest_case timer_cases[] = {
	KTEST_CASE(irqflags_nesting),
	KTEST_CASE(timer_ticks_arrive),
	KTEST_CASE(timer_rate),
	KTEST_CASE(timer_masked_then_pending),
	KTEST_CASE(sched_clock_follows_tsc),
	{}
};
KTEST_SUITE(timer, timer_cases);
