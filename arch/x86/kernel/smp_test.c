// SPDX-License-Identifier: GPL-2.0
/*
 * Suite smp: the secondary CPUs, cross-CPU calls, TLB shootdown, the
 * per-CPU work queue and the spinlock, checked against what the code
 * under test does not produce: the MADT's CPU count (acpi.c), each CPU's
 * own registers read on that CPU (its APIC ID, MSR_GS_BASE, the GDT and
 * TR the CPU reports with sgdt/str), the generic interrupt dispatch's
 * counts, a fault through the exception table, and counts the test's own
 * functions keep.  Under Xen PV the vCPU count is Xen's (VCPUOP_is_up
 * until -ENOENT) and there is no local APIC, GDT or TSS of our own, so
 * those facts are the native ones alone; the tick is counted on the
 * event upcall's vector.  A Xen PVH guest's vCPUs are checked against
 * libxl's MADT and load their own GDT and TSS (start_secondary), but
 * their APIC is left alone (the PVH child never maps it); so are a Xen
 * HVM guest's, started by INIT-SIPI but ticking on Xen's timer, their
 * APIC left as INIT left it (smp_hvm.c).  With one CPU
 * online the cases that need two skip; the spinlock's single-CPU cases
 * run everywhere.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/mm.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/irqflags.h>
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/desc.h>
#include <asm/msr.h>
#ifdef CONFIG_PARAVIRT
#include <asm/paravirt.h>
#endif
#include <asm/nofault.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <asm/traps.h>
#include <asm/tlbflush.h>
#include <asm/tsc.h>
#include <asm/x86_init.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include <xen/interface/vcpu.h>

static void need_smp(struct ktest *t)
{
	if (num_online_cpus() < 2)
		ktest_skip(t, "one CPU online");
}

/* The CPUs are native ones (MADT, APIC, their own GDT and TSS). */
static bool native_cpus(void)
{
	return x86_platform.cpu_up == native_cpu_up;
}

static bool xen_pv(void)
{
	return IS_ENABLED(CONFIG_XEN_PV) && xen_pv_domain();
}

/* The CPU loaded its own GDT and TSS (start_secondary: natively and PVH). */
static bool own_tables(void)
{
	return !xen_pv();
}

/* The vCPUs Xen gave this domain: the first id it does not know. */
static unsigned int xen_nr_vcpus(void)
{
	unsigned int n = 1;

	while (IS_ENABLED(CONFIG_XEN_PV) && n < 4096 && HYPERVISOR_vcpu_op(VCPUOP_is_up, n, NULL) != -ENOENT)
		n++;
	return n;
}

struct cpu_facts {
	struct work_struct w;
	unsigned int cpu;
	u32 apic_id;
	unsigned long gs_base, canary, gdt_base, tss_base, sp;
	bool irqs_on, in_irq;
};

static void read_facts(struct work_struct *w)
{
	struct cpu_facts *f = (struct cpu_facts *)w;
	struct desc_ptr g;
	u16 tr;
	u64 *gdt;

	f->cpu = smp_processor_id();
	f->gs_base = rdmsr(MSR_GS_BASE);
	asm volatile("movq %%gs:40, %0" : "=r" (f->canary));
	f->sp = (unsigned long)&g;
	f->irqs_on = !irqs_disabled();
	f->in_irq = in_interrupt();
	if (native_cpus())
		f->apic_id = apic_id();
	if (!own_tables())
		return;
	asm volatile("sgdt %0" : "=m" (g));
	asm volatile("str %0" : "=r" (tr));
	f->gdt_base = g.address;
	gdt = (u64 *)g.address;
	f->tss_base = ((gdt[tr / 8] >> 16) & 0xffffff) |
		      (((gdt[tr / 8] >> 56) & 0xff) << 24) | (gdt[tr / 8 + 1] << 32);
}

static void smp_cpus_as_madt_lists(struct ktest *t)
{
	const struct acpi_info *ai = acpi_get_info();
	unsigned int want, cpu;
	char v[16];

	if (xen_pv())
		want = min(xen_nr_vcpus(), (unsigned int)NR_CPUS);
	else if (!ai->madt)
		ktest_skip(t, "no MADT");
	else
		want = min(ai->nr_cpus, (unsigned int)NR_CPUS);
	if (cmdline_has("nosmp"))
		want = 1;
	if (cmdline_get_value("maxcpus", v, sizeof(v))) {
		unsigned long long n;

		if (!kstrtoull(v, 10, &n) && n < want)
			want = n ? n : 1;
	}
	if (!x86_platform.smp_prepare || (native_cpus() && !apic_present()))
		want = 1;
	KTEST_EXPECT_EQ(t, num_online_cpus(), want);
	KTEST_EXPECT_EQ(t, smp_cpus_failed, 0);
	/* Numbers are dense: 0 .. n-1. */
	KTEST_EXPECT_EQ(t, cpu_online_mask, (1UL << num_online_cpus()) - 1);
	for_each_online_cpu(cpu)
		KTEST_EXPECT_EQ(t, per_cpu(cpu_number, cpu), cpu);
	ktest_info(t, "%u CPUs online, %s lists %u", num_online_cpus(),
		   xen_pv() ? "Xen" : "MADT", xen_pv() ? xen_nr_vcpus() : ai->nr_cpus);
}

/* Each CPU, asked through its work queue, reports its own identity. */
static void smp_each_cpu_its_own_state(struct ktest *t)
{
	static struct cpu_facts f[NR_CPUS];
	unsigned int cpu, other;

	need_smp(t);
	for_each_online_cpu(cpu) {
		f[cpu].w.fn = read_facts;
		KTEST_ASSERT_EQ(t, run_on_cpu(cpu, &f[cpu].w), 0);
	}
	for_each_online_cpu(cpu) {
		KTEST_EXPECT_EQ(t, f[cpu].cpu, cpu);
		KTEST_EXPECT_EQ(t, f[cpu].gs_base, __per_cpu_offset[cpu]);
		KTEST_EXPECT_EQ(t, f[cpu].canary, per_cpu(fixed_percpu_data.stack_canary, cpu));
		if (cpu) {
			/* On its own stack, in its idle loop, interrupts on. */
			KTEST_EXPECT_LT(t, f[cpu].sp, per_cpu(cpu_stack_top, cpu));
			KTEST_EXPECT_GE(t, f[cpu].sp, per_cpu(cpu_stack_top, cpu) - THREAD_SIZE);
			KTEST_EXPECT_TRUE(t, f[cpu].irqs_on);
			KTEST_EXPECT_FALSE(t, f[cpu].in_irq);
		}
		for (other = 0; other < cpu; other++)
			KTEST_EXPECT_NE(t, f[cpu].canary, f[other].canary);
		if (!own_tables())
			continue;
		/* Its GDT and TSS are in its own area. */
		KTEST_EXPECT_GE(t, f[cpu].gdt_base, __per_cpu_offset[cpu]);
		KTEST_EXPECT_LT(t, f[cpu].gdt_base, __per_cpu_offset[cpu] +
				(unsigned long)(__per_cpu_end - __per_cpu_start));
		KTEST_EXPECT_GE(t, f[cpu].tss_base, __per_cpu_offset[cpu]);
		KTEST_EXPECT_LT(t, f[cpu].tss_base, __per_cpu_offset[cpu] +
				(unsigned long)(__per_cpu_end - __per_cpu_start));
		if (!native_cpus())
			continue;
		KTEST_EXPECT_EQ(t, f[cpu].apic_id, cpu_apic_id[cpu]);
		for (other = 0; other < cpu; other++)
			KTEST_EXPECT_NE(t, f[cpu].apic_id, f[other].apic_id);
	}
}

/*
 * Every CPU's timer ticks: the generic dispatch counts its vector (the
 * APIC timer's, or under Xen the event upcall's, which only the tick
 * uses on an idle vCPU while this waits).
 */
static void smp_every_cpu_ticks(struct ktest *t)
{
	unsigned int vec = native_cpus() ? LOCAL_TIMER_VECTOR : timer_vector;
	unsigned long before[NR_CPUS];
	unsigned int cpu;

	need_smp(t);
	for_each_online_cpu(cpu)
		before[cpu] = per_cpu(irq_count[vec], cpu);
	mdelay(100);	/* 10 ticks at 100 Hz */
	for_each_online_cpu(cpu) {
		unsigned long n = READ_ONCE(per_cpu(irq_count[vec], cpu)) - before[cpu];

		KTEST_EXPECT_GE(t, n, 3);
		KTEST_EXPECT_LE(t, n, 30);
	}
}

static unsigned long hits[NR_CPUS];
static unsigned long total_hits;

static void count_hit(void *info)
{
	unsigned int me = smp_processor_id();

	WRITE_ONCE(hits[me], hits[me] + 1);
	asm volatile("lock incq %0" : "+m" (total_hits));
	*(unsigned long *)info |= 0;	/* the caller's data is reachable */
}

static void smp_call_function_all_ack(struct ktest *t)
{
	unsigned long token = 0;
	unsigned int cpu, i, rounds = 200;

	need_smp(t);
	memset(hits, 0, sizeof(hits));
	total_hits = 0;
	for (i = 0; i < rounds; i++)
		smp_call_function(count_hit, &token);
	KTEST_EXPECT_EQ(t, total_hits, (unsigned long)rounds * (num_online_cpus() - 1));
	KTEST_EXPECT_EQ(t, hits[smp_processor_id()], 0);
	for_each_online_cpu(cpu)
		if (cpu != smp_processor_id())
			KTEST_EXPECT_EQ(t, hits[cpu], rounds);
}

static void where_am_i(void *info)
{
	*(unsigned long *)info = rdmsr(MSR_GS_BASE);
}

static void smp_call_function_single_runs_there(struct ktest *t)
{
	unsigned int cpu;

	need_smp(t);
	for_each_online_cpu(cpu) {
		unsigned long gs = 0;

		KTEST_EXPECT_EQ(t, smp_call_function_single(cpu, where_am_i, &gs), 0);
		KTEST_EXPECT_EQ(t, gs, __per_cpu_offset[cpu]);
	}
	KTEST_EXPECT_EQ(t, smp_call_function_single(NR_CPUS, where_am_i, NULL), -ENXIO);
}

/* A secondary calls the boot CPU: its IPI (Xen: its event port) works too. */
struct call_back {
	struct work_struct w;
	int ret;
	unsigned long gs;
};

static void call_back_fn(struct work_struct *w)
{
	struct call_back *c = (struct call_back *)w;

	c->ret = smp_call_function_single(0, where_am_i, &c->gs);
}

static void smp_call_function_single_to_boot_cpu(struct ktest *t)
{
	static struct call_back c[NR_CPUS];
	unsigned int cpu;

	need_smp(t);
	for_each_online_cpu(cpu) {
		if (!cpu)
			continue;
		c[cpu].w.fn = call_back_fn;
		c[cpu].ret = -1;
		c[cpu].gs = 0;
		KTEST_ASSERT_EQ(t, run_on_cpu(cpu, &c[cpu].w), 0);
		KTEST_EXPECT_EQ(t, c[cpu].ret, 0);
		KTEST_EXPECT_EQ(t, c[cpu].gs, __per_cpu_offset[0]);
	}
}

#define SHOOT_VA	(VMAP_END - 96 * PAGE_SIZE)
#define SHOOT_PATTERN	0x5407d0a11ab1e5ebUL

struct remote_read {
	struct work_struct w;
	int err;
	u64 val;
};

static void remote_read_fn(struct work_struct *w)
{
	struct remote_read *r = (struct remote_read *)w;

	r->err = read_u64_nofault(SHOOT_VA, &r->val);
}

static int read_on(unsigned int cpu, struct remote_read *r)
{
	r->w.fn = remote_read_fn;
	r->val = 0;
	return run_on_cpu(cpu, &r->w);
}

static void smp_tlb_shootdown(struct ktest *t)
{
	unsigned long *page;
	struct remote_read r;
	unsigned int cpu = 1, stale = 0;

	need_smp(t);
	page = get_zeroed_page();
	KTEST_ASSERT_NOT_NULL(t, page);
	*page = SHOOT_PATTERN;
	for (cpu = 1; cpu < num_online_cpus(); cpu++) {
		KTEST_ASSERT_EQ(t, map_kernel_range(SHOOT_VA, __pa(page), PAGE_SIZE, PAGE_KERNEL), 0);
		/* The remote CPU reads it: its TLB now holds the entry. */
		KTEST_ASSERT_EQ(t, read_on(cpu, &r), 0);
		KTEST_EXPECT_EQ(t, r.err, 0);
		KTEST_EXPECT_EQ(t, r.val, SHOOT_PATTERN);
		/* Cleared here with a local flush only: the remote may still read it. */
		KTEST_ASSERT_EQ(t, set_kernel_pte(SHOOT_VA, __pte(0)), 0);
		flush_tlb_one_kernel(SHOOT_VA);
		KTEST_ASSERT_EQ(t, read_on(cpu, &r), 0);
		if (!r.err && r.val == SHOOT_PATTERN)
			stale++;
		/* Mapped again, read remotely, then unmapped with the shootdown. */
		KTEST_ASSERT_EQ(t, map_kernel_range(SHOOT_VA, __pa(page), PAGE_SIZE, PAGE_KERNEL), 0);
		KTEST_ASSERT_EQ(t, read_on(cpu, &r), 0);
		KTEST_EXPECT_EQ(t, r.val, SHOOT_PATTERN);
		unmap_kernel_range(SHOOT_VA, PAGE_SIZE);
		KTEST_ASSERT_EQ(t, read_on(cpu, &r), 0);
		KTEST_EXPECT_EQ(t, r.err, -EFAULT);
	}
	free_page(page);
	ktest_info(t, "without the shootdown %u of %u remote CPUs still read the page",
		   stale, num_online_cpus() - 1);
}

/* The queue runs items in order, in thread context, on the CPU asked. */
struct seq_work {
	struct work_struct w;
	unsigned int cpu, seq;
};
static unsigned int seq_next[NR_CPUS];

static void seq_fn(struct work_struct *w)
{
	struct seq_work *s = (struct seq_work *)w;
	unsigned int me = smp_processor_id();

	s->cpu = me;
	s->seq = seq_next[me]++;
}

static void smp_work_queue_order(struct ktest *t)
{
	static struct seq_work s[NR_CPUS][8];
	unsigned int cpu, i;

	need_smp(t);
	memset(seq_next, 0, sizeof(seq_next));
	for_each_online_cpu(cpu) {
		if (!cpu)
			continue;
		for (i = 0; i < 8; i++) {
			s[cpu][i].w.fn = seq_fn;
			KTEST_ASSERT_EQ(t, queue_work_on(cpu, &s[cpu][i].w), 0);
		}
	}
	for_each_online_cpu(cpu) {
		if (!cpu)
			continue;
		for (i = 0; i < 8; i++) {
			flush_work(&s[cpu][i].w);
			KTEST_EXPECT_EQ(t, s[cpu][i].cpu, cpu);
			KTEST_EXPECT_EQ(t, s[cpu][i].seq, i);
		}
	}
	KTEST_EXPECT_EQ(t, queue_work_on(smp_processor_id(), &s[1][0].w), -ENXIO);
}

/* --- the spinlock -------------------------------------------------------- */

static void spinlock_single_cpu(struct ktest *t)
{
	DEFINE_SPINLOCK(l);
	unsigned long flags;

	KTEST_EXPECT_EQ(t, l.raw.val, 0);
	KTEST_EXPECT_FALSE(t, spin_is_locked(&l));
	spin_lock(&l);
	KTEST_EXPECT_TRUE(t, spin_is_locked(&l));
	KTEST_EXPECT_EQ(t, l.raw.tail, 1);	/* one ticket handed out */
	KTEST_EXPECT_EQ(t, l.raw.head, 0);
	KTEST_EXPECT_FALSE(t, spin_trylock(&l));
	spin_unlock(&l);
	KTEST_EXPECT_FALSE(t, spin_is_locked(&l));
	KTEST_EXPECT_TRUE(t, spin_trylock(&l));
	spin_unlock(&l);
	/* 8-bit tickets wrap without touching the other counter. */
	l.raw.head = l.raw.tail = 255;
	spin_lock(&l);
	KTEST_EXPECT_EQ(t, l.raw.tail, 0);
	spin_unlock(&l);
	KTEST_EXPECT_EQ(t, l.raw.head, 0);
	spin_lock_irqsave(&l, flags);
	KTEST_EXPECT_TRUE(t, irqs_disabled());
	spin_unlock_irqrestore(&l, flags);
	KTEST_EXPECT_FALSE(t, irqs_disabled());
}

/* Small: under TCG a ticket handed to a descheduled vCPU waits a time slice. */
#define CONTEND_N	500
static DEFINE_SPINLOCK(contend_lock);
static unsigned long contend_counter;
static volatile unsigned int contend_go;

struct contend_work {
	struct work_struct w;
	unsigned long mine;
};

static void contend_fn(struct work_struct *w)
{
	struct contend_work *c = (struct contend_work *)w;
	unsigned int i;

	while (!READ_ONCE(contend_go))
		cpu_relax();
	for (i = 0; i < CONTEND_N; i++) {
		spin_lock(&contend_lock);
		/* Not atomic: only the lock keeps two CPUs apart here. */
		WRITE_ONCE(contend_counter, READ_ONCE(contend_counter) + 1);
		spin_unlock(&contend_lock);
		c->mine++;
	}
}

static void spinlock_contention_every_cpu(struct ktest *t)
{
	static struct contend_work c[NR_CPUS];
	unsigned int cpu, n = num_online_cpus();
	u64 t0;

	need_smp(t);
	contend_counter = 0;
	contend_go = 0;
	for_each_online_cpu(cpu) {
		c[cpu].w.fn = contend_fn;
		c[cpu].mine = 0;
		if (cpu != smp_processor_id())
			KTEST_ASSERT_EQ(t, queue_work_on(cpu, &c[cpu].w), 0);
	}
	t0 = rdtsc();
	WRITE_ONCE(contend_go, 1);
	contend_fn(&c[smp_processor_id()].w);
	for_each_online_cpu(cpu)
		if (cpu != smp_processor_id())
			flush_work(&c[cpu].w);
	KTEST_EXPECT_EQ(t, contend_counter, (unsigned long)CONTEND_N * n);
	for_each_online_cpu(cpu)
		KTEST_EXPECT_EQ(t, c[cpu].mine, CONTEND_N);
	KTEST_EXPECT_FALSE(t, spin_is_locked(&contend_lock));
	ktest_info(t, "%u CPUs x %u acquisitions in %llu us", n, CONTEND_N,
		   (rdtsc() - t0) * 1000 / tsc_khz);
}

/*
 * Fairness, exactly: with the lock held here, CPUs 1 .. n-1 ask for it one
 * at a time (each only once the previous one's ticket is out, seen in the
 * lock word's tail), then this CPU releases it and asks again at once.
 * A fair (FIFO) lock serves them in the order they asked, and this CPU
 * last: it cannot barge in ahead of CPUs already waiting.  The order is
 * what the CPUs themselves record.
 */
static DEFINE_SPINLOCK(fifo_lock);
static unsigned int fifo_order[NR_CPUS], fifo_asked[NR_CPUS], fifo_pos;

static void fifo_fn(struct work_struct *w)
{
	spin_lock(&fifo_lock);
	fifo_order[fifo_pos++] = smp_processor_id();
	spin_unlock(&fifo_lock);
}

static void spinlock_fifo_no_barging(struct ktest *t)
{
	static struct work_struct w[NR_CPUS];
	unsigned int cpu, me = smp_processor_id(), n = 0, i;
	u8 tail;
	u64 deadline;

	need_smp(t);
	fifo_pos = 0;
	spin_lock(&fifo_lock);
	for_each_online_cpu(cpu) {
		if (cpu == me)
			continue;
		tail = READ_ONCE(fifo_lock.raw.tail);
		w[cpu].fn = fifo_fn;
		KTEST_ASSERT_EQ(t, queue_work_on(cpu, &w[cpu]), 0);
		deadline = rdtsc() + (u64)tsc_khz * 2000;
		while (READ_ONCE(fifo_lock.raw.tail) == tail && rdtsc() < deadline)
			cpu_relax();
		KTEST_EXPECT_NE(t, READ_ONCE(fifo_lock.raw.tail), tail);
		fifo_asked[n++] = cpu;
	}
	spin_unlock(&fifo_lock);
	spin_lock(&fifo_lock);
	fifo_order[fifo_pos++] = me;
	spin_unlock(&fifo_lock);
	for_each_online_cpu(cpu)
		if (cpu != me)
			flush_work(&w[cpu]);
	KTEST_ASSERT_EQ(t, fifo_pos, n + 1);
	for (i = 0; i < n; i++)
		KTEST_EXPECT_EQ(t, fifo_order[i], fifo_asked[i]);
	KTEST_EXPECT_EQ(t, fifo_order[n], me);
	KTEST_EXPECT_FALSE(t, spin_is_locked(&fifo_lock));
}

#ifdef CONFIG_PARAVIRT
/*
 * Text patched while other CPUs are online is what each of them runs
 * next.  Slot lock.vcpu_is_preempted has no user but this test: its
 * sites are redirected to a test function that answers true and counts
 * the CPU it ran on, then put back.  Each CPU runs the test's own site
 * after each rewrite (through its work queue): the answer it gets, and
 * the count in the test function, say which bytes it executed.
 */
static unsigned long seen_calls[NR_CPUS];

static __used noinline unsigned long test_vcpu_is_preempted(long cpu)
{
	seen_calls[smp_processor_id()]++;
	return 1;
}
PV_CALLEE_SAVE_REGS_THUNK(test_vcpu_is_preempted);

struct seen_work {
	struct work_struct w;
	bool answer;
};

static void seen_fn(struct work_struct *w)
{
	((struct seen_work *)w)->answer = vcpu_is_preempted(smp_processor_id());
}

/* What @cpu's run of the site answers (this CPU runs it inline). */
static bool site_answer_on(unsigned int cpu)
{
	struct seen_work sw = { .w.fn = seen_fn };

	if (run_on_cpu(cpu, &sw.w))
		return false;
	return sw.answer;
}

static void smp_repatched_site_seen_by_every_cpu(struct ktest *t)
{
	const unsigned int type = PARAVIRT_PATCH(lock.vcpu_is_preempted);
	struct pv_lock_ops saved = pv_ops.lock, test = pv_ops.lock;
	const char *name = pv_child_name;
	struct pv_child test_child = { .name = "ktest", .lock = &test };
	struct pv_child back = { .name = name, .lock = &saved };
	unsigned int cpu, n = 0, new_ok = 0, old_ok = 0;

	need_smp(t);
	if (pv_patching_disabled)
		ktest_skip(t, "nopvpatch: sites are not patched");
	memset(seen_calls, 0, sizeof(seen_calls));
	test.vcpu_is_preempted = PV_CALLEE_SAVE(test_vcpu_is_preempted);
	paravirt_install_child(&test_child);
	KTEST_EXPECT_EQ(t, paravirt_repatch_range(type, type), 0);
	for_each_online_cpu(cpu) {
		n++;
		new_ok += site_answer_on(cpu) && seen_calls[cpu] == 1;
	}
	paravirt_install_child(&back);
	KTEST_EXPECT_EQ(t, paravirt_repatch_range(type, type), 0);
	for_each_online_cpu(cpu)
		old_ok += !site_answer_on(cpu) && seen_calls[cpu] == 1;
	KTEST_EXPECT_EQ(t, new_ok, n);
	KTEST_EXPECT_EQ(t, old_ok, n);
	KTEST_EXPECT_STREQ(t, pv_child_name, name);
	ktest_info(t, "%u CPUs ran the redirected site, then the restored one", n);
}
#else
static void smp_repatched_site_seen_by_every_cpu(struct ktest *t)
{
	ktest_skip(t, "no pv_ops sites (CONFIG_PARAVIRT=n)");
}
#endif

static const struct ktest_case smp_cases[] = {
	KTEST_CASE(smp_cpus_as_madt_lists),
	KTEST_CASE(smp_each_cpu_its_own_state),
	KTEST_CASE(smp_every_cpu_ticks),
	KTEST_CASE(smp_call_function_all_ack),
	KTEST_CASE(smp_call_function_single_runs_there),
	KTEST_CASE(smp_call_function_single_to_boot_cpu),
	KTEST_CASE(smp_tlb_shootdown),
	KTEST_CASE(smp_work_queue_order),
	KTEST_CASE(spinlock_single_cpu),
	KTEST_CASE(spinlock_contention_every_cpu),
	KTEST_CASE(spinlock_fifo_no_barging),
	KTEST_CASE(smp_repatched_site_seen_by_every_cpu),
	{}
};
KTEST_SUITE(smp, smp_cases);
