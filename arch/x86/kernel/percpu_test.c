// SPDX-License-Identifier: GPL-2.0
/*
 * Suite percpu: the per-CPU areas (asm/percpu.h) against sources that do
 * not go through the accessors: the GS base as the CPU (or Xen's
 * emulation of rdmsr) reports it, the linker's symbols, the template's
 * initializers, and the canary GCC's own prologue compares with.  The
 * second possible CPU's area is real memory even though that CPU never
 * runs, so the cases load it as the GS base for a moment to use it.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/smp.h>
#include <linux/irqflags.h>
#include <asm/msr.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/special_insns.h>
#ifdef CONFIG_XEN
#include <asm/xen/hypervisor.h>
#endif

#define TEST_INIT	0x5eed0123cafe4567UL

static DEFINE_PER_CPU(unsigned long, percpu_test_long) = TEST_INIT;
static DEFINE_PER_CPU(u8, percpu_test_u8) = 0x7f;
static DEFINE_PER_CPU(u16, percpu_test_u16) = 0x7ffe;
static DEFINE_PER_CPU(u32, percpu_test_u32) = 0x7ffffffd;

static bool on_xen_pv(void)
{
#ifdef CONFIG_XEN
	return xen_pv_domain();
#else
	return false;
#endif
}

/* The template's copy of a per-CPU variable: at __per_cpu_load + offset. */
#define template_of(var)	\
	(*(__typeof__(var) *)(__per_cpu_load + (unsigned long)&(var)))

static unsigned long this_area(void)
{
	return __per_cpu_offset[smp_processor_id()];
}

static void percpu_gs_base_is_this_cpus_area(struct ktest *t)
{
	unsigned long gs = rdmsr(MSR_GS_BASE), cr4, v;

	/* The boot CPU's area is the linker's __per_cpu_boot. */
	KTEST_EXPECT_EQ(t, smp_processor_id(), 0);
	KTEST_EXPECT_EQ(t, gs, (unsigned long)__per_cpu_boot);
	KTEST_EXPECT_EQ(t, gs, this_area());
	KTEST_EXPECT_EQ(t, this_cpu_read(this_cpu_off), gs);
	ktest_info(t, "GS base %#lx by %s", gs,
		   on_xen_pv() ? "Xen's emulated rdmsr" : "rdmsr");
	if (on_xen_pv() || !boot_cpu_has(X86_FEATURE_FSGSBASE))
		return;
	/* A second reader: rdgsbase, with CR4.FSGSBASE on for the moment. */
	cr4 = read_cr4();
	write_cr4(cr4 | X86_CR4_FSGSBASE);
	asm volatile("rdgsbase %0" : "=r"(v));
	write_cr4(cr4);
	KTEST_EXPECT_EQ(t, v, gs);
	ktest_info(t, "rdgsbase agrees");
}

static void percpu_read_write_through_every_path(struct ktest *t)
{
	unsigned long gs = rdmsr(MSR_GS_BASE), *p;

	this_cpu_write(percpu_test_long, 0x1122334455667788UL);
	/* The offset table, the GS base plus the symbol, the accessor. */
	KTEST_EXPECT_EQ(t, per_cpu(percpu_test_long, smp_processor_id()),
			0x1122334455667788UL);
	p = (unsigned long *)(gs + (unsigned long)&percpu_test_long);
	KTEST_EXPECT_EQ(t, *p, 0x1122334455667788UL);
	KTEST_EXPECT_TRUE(t, this_cpu_ptr(&percpu_test_long) == p);
	/* A store through the pointer is what the %gs: read sees. */
	*per_cpu_ptr(&percpu_test_long, 0) = 42;
	KTEST_EXPECT_EQ(t, this_cpu_read(percpu_test_long), 42);
	this_cpu_add(percpu_test_long, 1000);
	this_cpu_inc(percpu_test_long);
	this_cpu_dec(percpu_test_long);
	this_cpu_dec(percpu_test_long);
	KTEST_EXPECT_EQ(t, *p, 1041);
	/* Nothing went to the template: it still holds the initializer. */
	KTEST_EXPECT_EQ(t, template_of(percpu_test_long), TEST_INIT);
	this_cpu_write(percpu_test_long, TEST_INIT);
}

static void percpu_every_size(struct ktest *t)
{
	u8 *b = this_cpu_ptr(&percpu_test_u8);
	u16 *w = this_cpu_ptr(&percpu_test_u16);
	u32 *l = this_cpu_ptr(&percpu_test_u32);

	KTEST_EXPECT_EQ(t, this_cpu_read(percpu_test_u8), 0x7f);
	KTEST_EXPECT_EQ(t, this_cpu_read(percpu_test_u16), 0x7ffe);
	KTEST_EXPECT_EQ(t, this_cpu_read(percpu_test_u32), 0x7ffffffd);
	/* Each wraps at its own width: the operation is that size. */
	this_cpu_add(percpu_test_u8, 0x81);
	this_cpu_add(percpu_test_u16, 0x8003);
	this_cpu_inc(percpu_test_u32);
	this_cpu_add(percpu_test_u32, 0x80000002);
	KTEST_EXPECT_EQ(t, *b, 0);
	KTEST_EXPECT_EQ(t, *w, 1);
	KTEST_EXPECT_EQ(t, *l, 0);
	/* The bytes next to each are untouched (they belong to others). */
	this_cpu_write(percpu_test_u8, 0xa5);
	KTEST_EXPECT_EQ(t, *b, 0xa5);
	KTEST_EXPECT_EQ(t, *w, 1);
	*b = 0x7f;
	*w = 0x7ffe;
	*l = 0x7ffffffd;
}

static void percpu_canary_at_gs_40(struct ktest *t)
{
	unsigned long at40, mine = per_cpu(fixed_percpu_data, 0).stack_canary;

	asm volatile("movq %%gs:40, %0" : "=r"(at40));
	KTEST_EXPECT_EQ(t, at40, mine);
	KTEST_EXPECT_EQ(t, at40, *(unsigned long *)(rdmsr(MSR_GS_BASE) + 40));
	KTEST_EXPECT_NE(t, at40, 0);
	KTEST_EXPECT_EQ(t, at40 & 0xff, 0);
	/* The template's stays the image's zero: no CPU seeded it. */
	KTEST_EXPECT_EQ(t, template_of(fixed_percpu_data).stack_canary, 0);
	if (nr_cpu_ids < 2)
		return;
	/* Its own draw, not a copy of the boot CPU's. */
	KTEST_EXPECT_NE(t, per_cpu(fixed_percpu_data, 1).stack_canary, 0);
	KTEST_EXPECT_NE(t, per_cpu(fixed_percpu_data, 1).stack_canary, mine);
}

static void percpu_areas_disjoint(struct ktest *t)
{
	unsigned long size = __per_cpu_end - __per_cpu_start;
	unsigned long tmpl = (unsigned long)__per_cpu_load;
	unsigned int a, b;

	if (nr_cpu_ids < 2)
		ktest_skip(t, "NR_CPUS is 1: one area");
	for_each_possible_cpu(a) {
		unsigned long oa = per_cpu_offset(a);

		KTEST_ASSERT_NE(t, oa, 0);
		KTEST_EXPECT_TRUE(t, oa + size <= tmpl || tmpl + size <= oa);
		/* Each area starts as the template: its initializers. */
		KTEST_EXPECT_EQ(t, per_cpu(percpu_test_u32, a), 0x7ffffffd);
		KTEST_EXPECT_EQ(t, per_cpu(cpu_number, a), a);
		KTEST_EXPECT_EQ(t, per_cpu(this_cpu_off, a), oa);
		for (b = a + 1; b < nr_cpu_ids; b++) {
			unsigned long ob = per_cpu_offset(b);

			KTEST_EXPECT_TRUE(t, oa + size <= ob || ob + size <= oa);
		}
	}
	/* A write to one CPU's copy leaves the other's alone, both ways. */
	per_cpu(percpu_test_long, 1) = 1;
	KTEST_EXPECT_EQ(t, this_cpu_read(percpu_test_long), TEST_INIT);
	this_cpu_write(percpu_test_long, 2);
	KTEST_EXPECT_EQ(t, per_cpu(percpu_test_long, 1), 1);
	this_cpu_write(percpu_test_long, TEST_INIT);
	per_cpu(percpu_test_long, 1) = TEST_INIT;
}

/*
 * CPU 1's area as this CPU's GS base for a moment, through the same
 * load_percpu_base() a CPU coming up would use: natively MSR_GS_BASE,
 * under Xen set_segment_base.  Interrupts stay off (under Xen their
 * flag lives behind a per-CPU pointer) and nothing in between may
 * assert: every check waits until CPU 0's area is back.
 */
static void percpu_second_area_as_gs_base(struct ktest *t)
{
	unsigned long flags, gs0 = rdmsr(MSR_GS_BASE), gs1 = 0, at40;
	unsigned int cpu;

	if (nr_cpu_ids < 2)
		ktest_skip(t, "NR_CPUS is 1: no second area");
	per_cpu(percpu_test_long, 1) = 0xc0ffee;
	local_irq_save(flags);
	load_percpu_base(per_cpu_offset(1));
	gs1 = rdmsr(MSR_GS_BASE);
	cpu = smp_processor_id();
	this_cpu_inc(percpu_test_long);
	asm volatile("movq %%gs:40, %0" : "=r"(at40));
	load_percpu_base(gs0);
	local_irq_restore(flags);

	KTEST_EXPECT_EQ(t, rdmsr(MSR_GS_BASE), gs0);
	KTEST_EXPECT_EQ(t, gs1, per_cpu_offset(1));
	KTEST_EXPECT_EQ(t, cpu, 1);
	KTEST_EXPECT_EQ(t, at40, per_cpu(fixed_percpu_data, 1).stack_canary);
	KTEST_EXPECT_EQ(t, per_cpu(percpu_test_long, 1), 0xc0ffee + 1);
	KTEST_EXPECT_EQ(t, this_cpu_read(percpu_test_long), TEST_INIT);
	KTEST_EXPECT_EQ(t, smp_processor_id(), 0);
	per_cpu(percpu_test_long, 1) = TEST_INIT;
}

static const struct ktest_case percpu_cases[] = {
	KTEST_CASE(percpu_gs_base_is_this_cpus_area),
	KTEST_CASE(percpu_read_write_through_every_path),
	KTEST_CASE(percpu_every_size),
	KTEST_CASE(percpu_canary_at_gs_40),
	KTEST_CASE(percpu_areas_disjoint),
	KTEST_CASE(percpu_second_area_as_gs_base),
	{}
};
KTEST_SUITE(percpu, percpu_cases);
