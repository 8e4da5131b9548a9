// SPDX-License-Identifier: GPL-2.0
/*
 * pvbench: microbenchmarks of the privileged operations, for counting
 * guest instructions with the QEMU plugin in tools/perf-icount.  Each runs
 * BENCH_ITERS iterations between two marker instructions (a start and a
 * stop `nopl 0x4b4dCCCC(%rax)`); the plugin reports the instructions in
 * between.  The same source builds with and without CONFIG_PARAVIRT, so
 * `make bench` compares PARAVIRT=n, patched and unpatched (nopvpatch).
 * The tick is stopped first: no interrupt lands inside a window.  With
 * more than one CPU online the cross-CPU benchmarks follow (pvbench_smp.c).
 *
 * tools/perf-icount/linux/pvbench_linux.c runs the same loops in Linux,
 * between markers with the same ids and names and as many iterations
 * (make bench checks that they agree): an id here is part of that
 * contract, never reused for another loop.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/irqflags.h>
#include <linux/mm.h>
#include <linux/pvbench.h>
#include <linux/spinlock.h>
#include <asm/special_insns.h>
#include <asm/processor.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <asm/apic.h>
#include <asm/x86_init.h>
#include <asm/page_types.h>
#include <asm/tsc.h>
#ifdef CONFIG_XEN
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include <asm/xen/page.h>
#include <xen/events.h>
#include <xen/interface/sched.h>
#include <xen/interface/version.h>
#endif

#define BENCH_ITERS	1000
#define PVBENCH_YIELDS	16
#define BENCH_VA	(VMAP_END - 128 * PAGE_SIZE)

#define START(id)	PVBENCH_START(id)
#define STOP(id)	PVBENCH_STOP(id)

static bool requested;

static int __init pvbench_setup(const char *val)
{
	requested = true;
	return 0;
}
__setup("pvbench", pvbench_setup);

/* Marker IDs: constants, because they are encoded in the instruction. */
enum {
	B_LOOP, B_IRQ_SAVE_RESTORE, B_IRQ_DISABLE_ENABLE, B_READ_CR3,
	B_WRITE_CR3, B_SET_PTE_FLUSH, B_CPUID, B_LAZY_SET_PTE, B_SPIN_LOCK_UNLOCK,
	B_NULL_HYPERCALL,	/* under Xen only */
	B_SCHED_CLOCK,
	B_EVTCHN_SEND,		/* under Xen only */
	B_EVTCHN_ROUNDTRIP,	/* under Xen only */
	B_BARE_WRITE_CR3,	/* under Xen PV only, as the two below */
	B_BARE_SET_PTE_FLUSH,
	B_BARE_EVTCHN_SEND,
	/* 16-19 are pvbench_smp.c's windows. */
	B_BARE_LAZY_SET_PTE = 20,
};

static pte_t *bench_pte;
static u64 bench_pteval;		/* as the kernel thinks of it (pt_entry) */
static unsigned long bench_sink;

static noinline void bench_loop(void)
{
	unsigned int i;

	START(B_LOOP);
	for (i = 0; i < BENCH_ITERS; i++)
		barrier();
	STOP(B_LOOP);
}

static noinline void bench_irq_save_restore(void)
{
	unsigned long flags;
	unsigned int i;

	START(B_IRQ_SAVE_RESTORE);
	for (i = 0; i < BENCH_ITERS; i++) {
		local_irq_save(flags);
		local_irq_restore(flags);
	}
	STOP(B_IRQ_SAVE_RESTORE);
}

static noinline void bench_irq_disable_enable(void)
{
	unsigned int i;

	START(B_IRQ_DISABLE_ENABLE);
	for (i = 0; i < BENCH_ITERS; i++) {
		local_irq_disable();
		local_irq_enable();
	}
	STOP(B_IRQ_DISABLE_ENABLE);
}

static noinline void bench_read_cr3(void)
{
	unsigned long sum = 0;
	unsigned int i;

	START(B_READ_CR3);
	for (i = 0; i < BENCH_ITERS; i++)
		sum += read_cr3();
	STOP(B_READ_CR3);
	WRITE_ONCE(bench_sink, sum);
}

static noinline void bench_write_cr3(void)
{
	unsigned long cr3 = read_cr3();
	unsigned int i;

	START(B_WRITE_CR3);
	for (i = 0; i < BENCH_ITERS; i++)
		write_cr3(cr3);
	STOP(B_WRITE_CR3);
}

static noinline void bench_set_pte_flush(void)
{
	unsigned int i;

	START(B_SET_PTE_FLUSH);
	for (i = 0; i < BENCH_ITERS; i++) {
		set_pte(bench_pte, __pte(bench_pteval));
		flush_tlb_one_kernel(BENCH_VA);
	}
	STOP(B_SET_PTE_FLUSH);
}

static noinline void bench_cpuid(void)
{
	struct cpuid_regs r;
	unsigned int i;

	START(B_CPUID);
	for (i = 0; i < BENCH_ITERS; i++)
		cpuid_count(0, 0, &r);
	STOP(B_CPUID);
}

/*
 * Lazy MMU mode: a hypervisor may batch these (Xen: ceil(N / 256) traps);
 * natively the same stores as above, without the flushes.
 */
static noinline void bench_lazy_set_pte(void)
{
	unsigned int i;

	START(B_LAZY_SET_PTE);
	arch_enter_lazy_mmu_mode();
	for (i = 0; i < BENCH_ITERS; i++)
		set_pte(bench_pte, __pte(bench_pteval & ~((i & 1) ? _PAGE_RW : 0)));
	arch_leave_lazy_mmu_mode();
	flush_tlb_one_kernel(BENCH_VA);
	STOP(B_LAZY_SET_PTE);
}

/*
 * An uncontended lock and unlock, as every caller writes them: whatever
 * spinlock.h makes of them (inline ticket code, or a patched pv_ops
 * site), so with the native bytes patched in its non-NOP count must
 * match PARAVIRT=n's.
 */
static DEFINE_SPINLOCK(bench_lock);

static noinline void bench_spin_lock_unlock(void)
{
	unsigned int i;

	START(B_SPIN_LOCK_UNLOCK);
	for (i = 0; i < BENCH_ITERS; i++) {
		spin_lock(&bench_lock);
		spin_unlock(&bench_lock);
	}
	STOP(B_SPIN_LOCK_UNLOCK);
}

/* The clock the scheduler reads: the TSC scaled, or Xen's pvclock. */
static noinline void bench_sched_clock(void)
{
	u64 sum = 0;
	unsigned int i;

	START(B_SCHED_CLOCK);
	for (i = 0; i < BENCH_ITERS; i++)
		sum += sched_clock();
	STOP(B_SCHED_CLOCK);
	WRITE_ONCE(bench_sink, sum);
}

static const struct {
	unsigned int id;
	const char *name;
	void (*fn)(void);
} benches[] = {
	{ B_LOOP, "loop", bench_loop },
	{ B_IRQ_SAVE_RESTORE, "irq_save_restore", bench_irq_save_restore },
	{ B_IRQ_DISABLE_ENABLE, "irq_disable_enable", bench_irq_disable_enable },
	{ B_READ_CR3, "read_cr3", bench_read_cr3 },
	{ B_WRITE_CR3, "write_cr3", bench_write_cr3 },
	{ B_SET_PTE_FLUSH, "set_pte_flush_one", bench_set_pte_flush },
	{ B_CPUID, "cpuid", bench_cpuid },
	{ B_LAZY_SET_PTE, "lazy_set_pte", bench_lazy_set_pte },
	{ B_SPIN_LOCK_UNLOCK, "spin_lock_unlock", bench_spin_lock_unlock },
	{ B_SCHED_CLOCK, "sched_clock", bench_sched_clock },
};

#ifdef CONFIG_XEN
/*
 * The floor of every op that needs Xen: a hypercall that does nothing
 * (xen_version(XENVER_version) only reads a constant), entry and exit
 * through whatever this guest's hypercall path is.
 */
static noinline void bench_null_hypercall(void)
{
	unsigned int i;

	START(B_NULL_HYPERCALL);
	for (i = 0; i < BENCH_ITERS; i++)
		HYPERVISOR_xen_version(XENVER_version, NULL);
	STOP(B_NULL_HYPERCALL);
}

/*
 * An event channel to ourselves: a port left unbound for this domain
 * (@near, where the events land, our handler on it) and the port bound
 * to it (@far, the one to send on), as Linux's module makes it with
 * Linux's calls, so that Xen does the same work for both.
 */
static evtchn_port_t bench_near, bench_far;
static unsigned long bench_events;

static void bench_on_event(evtchn_port_t port, void *data)
{
	WRITE_ONCE(bench_events, bench_events + 1);
}

static int bench_evtchn_open(void)
{
	struct evtchn_alloc_unbound au = { .dom = DOMID_SELF, .remote_dom = DOMID_SELF };
	struct evtchn_bind_interdomain bi = { .remote_dom = DOMID_SELF };
	struct evtchn_close close;
	long err;
	int ret;

	err = HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &au);
	if (err)
		return err;
	bi.remote_port = au.port;
	err = HYPERVISOR_event_channel_op(EVTCHNOP_bind_interdomain, &bi);
	if (err) {
		close.port = au.port;
		HYPERVISOR_event_channel_op(EVTCHNOP_close, &close);
		return err;
	}
	ret = bind_evtchn_to_handler(au.port, bench_on_event, NULL, "pvbench");
	if (ret < 0) {
		close.port = au.port;
		HYPERVISOR_event_channel_op(EVTCHNOP_close, &close);
		close.port = bi.local_port;
		HYPERVISOR_event_channel_op(EVTCHNOP_close, &close);
		return ret;
	}
	bench_near = au.port;
	bench_far = bi.local_port;
	return 0;
}

static void bench_evtchn_close(void)
{
	struct evtchn_close close = { .port = bench_far };

	unbind_from_handler(bench_near);
	HYPERVISOR_event_channel_op(EVTCHNOP_close, &close);
}

/*
 * The notify alone, with events masked (interrupts off): Xen marks the
 * near port pending once and finds it pending the other 999 times.  The
 * one event is taken after the window.
 */
static noinline void bench_evtchn_send(void)
{
	unsigned int i;

	START(B_EVTCHN_SEND);
	for (i = 0; i < BENCH_ITERS; i++)
		notify_remote_via_evtchn(bench_far);
	STOP(B_EVTCHN_SEND);
}

/*
 * The null event round trip: with interrupts on, notify and wait until
 * the handler has run: Xen delivers the upcall as the send returns, so
 * the wait finds it done; every iteration is one send, one upcall with
 * its dispatch and return.
 */
static noinline void bench_evtchn_roundtrip(void)
{
	unsigned long seen;
	unsigned int i;

	START(B_EVTCHN_ROUNDTRIP);
	for (i = 0; i < BENCH_ITERS; i++) {
		seen = READ_ONCE(bench_events);
		notify_remote_via_evtchn(bench_far);
		while (READ_ONCE(bench_events) == seen)
			cpu_relax();
	}
	STOP(B_EVTCHN_ROUNDTRIP);
}

static void run_one(unsigned int id, const char *name, void (*fn)(void));

/*
 * Each hypercall-bound op's own floor: the requests it cannot do
 * without, issued bare from the loop (no queue, no thunk, no count of
 * Xen's), so that what an op costs above its bare form is the kernel's.
 * Each request is made once before its window and must succeed: a
 * window of refusals would time Xen's error path.  PV only: under HAP
 * the MMU ops never reach Xen.
 */
static struct mmuext_op bare_cr3, bare_invlpg;
static struct mmu_update bare_pte;

static noinline void bench_bare_write_cr3(void)
{
	unsigned int i;

	START(B_BARE_WRITE_CR3);
	for (i = 0; i < BENCH_ITERS; i++)
		HYPERVISOR_mmuext_op(&bare_cr3, 1, NULL, DOMID_SELF);
	STOP(B_BARE_WRITE_CR3);
}

static noinline void bench_bare_set_pte_flush(void)
{
	unsigned int i;

	START(B_BARE_SET_PTE_FLUSH);
	for (i = 0; i < BENCH_ITERS; i++) {
		HYPERVISOR_mmu_update(&bare_pte, 1, NULL, DOMID_SELF);
		HYPERVISOR_mmuext_op(&bare_invlpg, 1, NULL, DOMID_SELF);
	}
	STOP(B_BARE_SET_PTE_FLUSH);
}

/*
 * lazy_set_pte's requests bare: the same 1000 alternating entries, in
 * runs of 256 (our queue's XEN_MMU_BATCH), and the flush.
 */
#define BARE_RUN	256
static struct mmu_update bare_lazy[BARE_RUN];

static noinline void bench_bare_lazy_set_pte(void)
{
	unsigned int i, n;

	START(B_BARE_LAZY_SET_PTE);
	for (i = 0; i < BENCH_ITERS; i += n) {
		n = BENCH_ITERS - i < BARE_RUN ? BENCH_ITERS - i : BARE_RUN;
		HYPERVISOR_mmu_update(bare_lazy, n, NULL, DOMID_SELF);
	}
	HYPERVISOR_mmuext_op(&bare_invlpg, 1, NULL, DOMID_SELF);
	STOP(B_BARE_LAZY_SET_PTE);
}

static noinline void bench_bare_mmu(void)
{
	unsigned int i;
	long e1, e2, e3;

	bare_cr3.cmd = MMUEXT_NEW_BASEPTR;
	bare_cr3.arg1.mfn = pfn_to_mfn(PFN_DOWN(read_cr3()));
	/*
	 * The entry as Xen holds it: machine frames, read raw, writable as
	 * bench_pteval is (lazy_set_pte left it read-only).
	 */
	bare_pte.ptr = ((u64)pfn_to_mfn(PFN_DOWN(__pa(bench_pte))) << PAGE_SHIFT |
			((unsigned long)bench_pte & ~PAGE_MASK)) | MMU_NORMAL_PT_UPDATE;
	bare_pte.val = READ_ONCE(*(u64 *)bench_pte) | (bench_pteval & _PAGE_RW);
	bare_invlpg.cmd = MMUEXT_INVLPG_LOCAL;
	bare_invlpg.arg1.linear_addr = BENCH_VA;
	e1 = HYPERVISOR_mmuext_op(&bare_cr3, 1, NULL, DOMID_SELF);
	e2 = HYPERVISOR_mmu_update(&bare_pte, 1, NULL, DOMID_SELF);
	e3 = HYPERVISOR_mmuext_op(&bare_invlpg, 1, NULL, DOMID_SELF);
	if (e1 || e2 || e3) {
		pr_err("pvbench: bare requests refused (%ld, %ld, %ld): not run\n", e1, e2, e3);
		return;
	}
	run_one(B_BARE_WRITE_CR3, "bare_write_cr3", bench_bare_write_cr3);
	run_one(B_BARE_SET_PTE_FLUSH, "bare_set_pte_flush", bench_bare_set_pte_flush);
	/* Even entries as they are, odd ones read-only: as lazy_set_pte. */
	for (i = 0; i < BARE_RUN; i++)
		bare_lazy[i] = (struct mmu_update){
			.ptr = bare_pte.ptr, .val = bare_pte.val & ~((i & 1) ? (u64)_PAGE_RW : 0) };
	e1 = HYPERVISOR_mmu_update(bare_lazy, BARE_RUN, NULL, DOMID_SELF);
	if (e1) {
		pr_err("pvbench: bare run of %u entries refused: %ld: not run\n", BARE_RUN, e1);
		return;
	}
	run_one(B_BARE_LAZY_SET_PTE, "bare_lazy_set_pte", bench_bare_lazy_set_pte);
	/* The last written was read-only (232 is even: entry 231 is odd). */
	HYPERVISOR_mmu_update(&bare_pte, 1, NULL, DOMID_SELF);
	HYPERVISOR_mmuext_op(&bare_invlpg, 1, NULL, DOMID_SELF);
}

static noinline void bench_bare_evtchn_send(void)
{
	struct evtchn_send send = { .port = bench_far };
	unsigned int i;

	START(B_BARE_EVTCHN_SEND);
	for (i = 0; i < BENCH_ITERS; i++)
		HYPERVISOR_event_channel_op(EVTCHNOP_send, &send);
	STOP(B_BARE_EVTCHN_SEND);
}

/* The event benchmarks, each with its events checked against the handler's. */
static noinline void bench_evtchn(void)
{
	unsigned long before;
	int err = bench_evtchn_open();

	if (err) {
		pr_err("pvbench: no event channel to ourselves: %d\n", err);
		return;
	}
	/* irq_disable_enable left them on (the tick is off: nothing came). */
	local_irq_disable();
	before = bench_events;
	run_one(B_EVTCHN_SEND, "evtchn_send", bench_evtchn_send);
	if (xen_pv_domain())		/* the same port, still pending */
		run_one(B_BARE_EVTCHN_SEND, "bare_evtchn_send", bench_bare_evtchn_send);
	local_irq_enable();		/* the pending event, outside the window */
	local_irq_disable();
	if (bench_events != before + 1)
		pr_err("pvbench: sends with events masked gave %lu events, not 1\n",
		       bench_events - before);
	before = bench_events;
	local_irq_enable();
	run_one(B_EVTCHN_ROUNDTRIP, "evtchn_roundtrip", bench_evtchn_roundtrip);
	local_irq_disable();
	if (bench_events != before + BENCH_ITERS)
		pr_err("pvbench: %u round trips gave %lu events\n", BENCH_ITERS,
		       bench_events - before);
	bench_evtchn_close();
}
#endif

/*
 * A domU's window also counts what dom0 runs meanwhile on the CPU, and
 * the line just printed wakes dom0's console daemon: let dom0 have the
 * CPU first (a yield with nothing else runnable returns at once).
 */
static void let_dom0_run(void)
{
#ifdef CONFIG_XEN
	unsigned int i;

	if (xen_domain() && !xen_initial_domain())
		for (i = 0; i < PVBENCH_YIELDS; i++)
			HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
#endif
}

static void run_one(unsigned int id, const char *name, void (*fn)(void))
{
	unsigned long calls;

	pr_info("pvbench: bench %u %s iterations %u\n", id, name, BENCH_ITERS);
	let_dom0_run();
	calls = x86_platform.hypercalls ? x86_platform.hypercalls() : 0;
	fn();
	if (x86_platform.hypercalls)
		pr_info("pvbench: bench %u hypercalls %lu\n", id, x86_platform.hypercalls() - calls);
}

bool pvbench_run(void)
{
	void *page;
	unsigned int i;
	u64 *e;

	if (!requested)
		return false;
	page = get_zeroed_page();
	if (!page || map_kernel_range(BENCH_VA, __pa(page), PAGE_SIZE, PAGE_KERNEL)) {
		pr_err("pvbench: no page to map\n");
		return true;
	}
	e = lookup_address(BENCH_VA, NULL);
	bench_pte = (pte_t *)e;
	bench_pteval = pt_entry(e);

	x86_platform.timer_stop();
	local_irq_disable();
	for (i = 0; i < ARRAY_SIZE(benches); i++)
		run_one(benches[i].id, benches[i].name, benches[i].fn);
#ifdef CONFIG_XEN
	if (xen_domain()) {
		run_one(B_NULL_HYPERCALL, "null_hypercall", bench_null_hypercall);
		if (xen_pv_domain())
			bench_bare_mmu();
		bench_evtchn();
	}
#endif
	if (spin_is_locked(&bench_lock))
		pr_err("pvbench: bench_lock still locked after %u pairs\n", BENCH_ITERS);
	pvbench_smp_run();
	local_irq_enable();
	pr_info("pvbench: done\n");
	return true;
}
