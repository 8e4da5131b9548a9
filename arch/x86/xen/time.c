// SPDX-License-Identifier: GPL-2.0
/*
 * Xen time: the pvclock in our vcpu_info.  Xen publishes, per vCPU, the
 * TSC at its last update, the system time (ns since Xen booted) then, and
 * the TSC-to-ns scale; a reader extrapolates with the TSC (read ordered
 * after the copy) under a version count that is odd while Xen is writing,
 * and never returns less than it returned before.  sched_clock() is that
 * time since our boot.  Steal time comes from the runstate area: time our
 * vCPU was runnable or offline while Xen ran someone else, read again
 * while Xen flags it as being rewritten.  Every vCPU registers its own
 * area (per CPU) when it comes up, so steal_clock(cpu) reads that vCPU's.
 *
 * The tick is VIRQ_TIMER from the vCPU's single-shot timer, re-armed by
 * each tick for the next multiple of 1/CONFIG_HZ.  Xen's periodic timer
 * will not do: it stops while the vCPU is blocked, so a halted guest
 * would never wake.  Ticks missed while events were masked are counted
 * when the late one arrives, so jiffies keeps to Xen's system time.
 */
#define pr_fmt(fmt) "xen: " fmt

#include <linux/kernel.h>
#include <linux/init.h>
#include <asm/msr.h>
#include <asm/tsc.h>
#include <asm/apic.h>
#include <asm/xen/events.h>
#include <xen/events.h>
#include <asm/xen/hypercall.h>
#include "xen-ops.h"
#include <xen/interface/vcpu.h>

/* The pvclock at boot: sched_clock() counts from it (xen-asm.S reads it). */
u64 xen_clock_offset;
/* Each vCPU's runstate area, where Xen keeps it current (if it took it). */
static DEFINE_PER_CPU(struct vcpu_runstate_info, xen_runstate_info);
static DEFINE_PER_CPU(bool, xen_runstate_ok);

u64 xen_pvclock_scale(u64 delta, u32 mul, s8 shift)
{
	if (shift < 0)
		delta >>= -shift;
	else
		delta <<= shift;
	return (u64)(((unsigned __int128)delta * mul) >> 32);
}

/*
 * One consistent (tsc_timestamp, system_time, scale) triple extrapolated
 * to now.  The TSC is read ordered after the triple (rdtsc_ordered): an
 * early TSC would put "now" before the update the triple describes.
 */
static u64 pvclock_read_raw(const struct vcpu_time_info *t, u8 *flags)
{
	u32 version;
	u64 ns;

	do {
		version = READ_ONCE(t->version);
		barrier();
		ns = READ_ONCE(t->system_time) +
		     xen_pvclock_scale(rdtsc_ordered() - READ_ONCE(t->tsc_timestamp),
				       READ_ONCE(t->tsc_to_system_mul),
				       READ_ONCE(t->tsc_shift));
		*flags = READ_ONCE(t->flags);
		barrier();
	} while ((version & 1) || version != READ_ONCE(t->version));
	return ns;
}

/*
 * Xen re-bases the triple at each update from its own platform-timer
 * calibration, so a read just after an update can land slightly before
 * one just before it.  Unless Xen vouches for the TSC
 * (XEN_PVCLOCK_TSC_STABLE_BIT), never return less than the last value
 * returned: the compare-and-swap keeps that true against an interrupt
 * (the tick reads the clock too) between the read and the store.
 */
u64 xen_pvclock_last;			/* xen-ops.h: the clamp's state */

u64 xen_clocksource_read(void)
{
	u64 ns, last;
	u8 flags;

	ns = pvclock_read_raw(&this_cpu_read(xen_vcpu)->time, &flags);
	if (flags & XEN_PVCLOCK_TSC_STABLE_BIT)
		return ns;
	last = READ_ONCE(xen_pvclock_last);
	do {
		if (ns <= last)
			return last;
	} while (!__atomic_compare_exchange_n(&xen_pvclock_last, &last, ns, false,
					      __ATOMIC_RELAXED, __ATOMIC_RELAXED));
	return ns;
}

/* xen-asm.S: the pvclock read below, in the clock slot's convention. */
u64 xen_sched_clock_direct(void);

static __used u64 xen_steal_clock(int cpu)
{
	const struct vcpu_runstate_info *rs;
	u64 steal, entry;

	if (cpu < 0 || cpu >= nr_cpu_ids || !per_cpu(xen_runstate_ok, cpu))
		return 0;
	rs = per_cpu_ptr(&xen_runstate_info, cpu);
	/* Xen sets XEN_RUNSTATE_UPDATE in state_entry_time while writing. */
	do {
		entry = READ_ONCE(rs->state_entry_time);
		barrier();
		steal = READ_ONCE(rs->time[RUNSTATE_runnable]) +
			READ_ONCE(rs->time[RUNSTATE_offline]);
		barrier();
	} while ((entry & XEN_RUNSTATE_UPDATE) ||
		 entry != READ_ONCE(rs->state_entry_time));
	return steal;
}

/* This vCPU's runstate area as Xen keeps it, or NULL if none was taken. */
const struct vcpu_runstate_info *xen_runstate(void)
{
	return this_cpu_read(xen_runstate_ok) ? this_cpu_ptr(&xen_runstate_info) : NULL;
}

/* @cpu's runstate area, or NULL (no such CPU, or Xen did not take it). */
const struct vcpu_runstate_info *xen_runstate_cpu(unsigned int cpu)
{
	if (cpu >= nr_cpu_ids || !per_cpu(xen_runstate_ok, cpu))
		return NULL;
	return per_cpu_ptr(&xen_runstate_info, cpu);
}

/*
 * This vCPU's area, given to Xen by the vCPU itself (the boot CPU's in
 * xen_clock_init(), each secondary's as it comes up): Xen writes it on
 * every state change of that vCPU, at the address given, which stays
 * put (a per-CPU area never moves).  The flag is set once Xen took it,
 * so the steal clock never reads an area Xen does not keep.
 */
long xen_runstate_register(void)
{
	struct vcpu_register_runstate_memory_area area = {
		.addr.v = this_cpu_ptr(&xen_runstate_info),
	};
	long err;

	err = HYPERVISOR_vcpu_op(VCPUOP_register_runstate_memory_area,
				 this_cpu_read(xen_vcpu_id), &area);
	if (err)
		pr_warn("CPU %u: no runstate area (%s): its steal time reads 0\n",
			smp_processor_id(), xen_errname(err));
	this_cpu_write(xen_runstate_ok, !err);
	return err;
}

/* The slots' conventions (result in %rax, the rest kept) from C. */
PV_CALLEE_SAVE_REGS_THUNK(xen_steal_clock);

const struct pv_time_ops xen_time_ops = {
	.sched_clock = __PV_IS_CALLEE_SAVE(xen_sched_clock_direct),
	.steal_clock = PV_CALLEE_SAVE(xen_steal_clock),
};

/* kHz = 10^6 * 2^32 / mul, undone by the shift. */
u64 xen_tsc_khz(void)
{
	const struct vcpu_time_info *t = &this_cpu_read(xen_vcpu)->time;
	u64 khz = (1000000ULL << 32) / READ_ONCE(t->tsc_to_system_mul);
	s8 shift = READ_ONCE(t->tsc_shift);

	return shift < 0 ? khz << -shift : khz >> shift;
}

/* Boot time is 0 from the first use on (printk timestamps). */
void __init xen_time_early_init(void)
{
	xen_clock_offset = xen_clocksource_read();
}

/*
 * The steal clock's retry on XEN_RUNSTATE_UPDATE only means something if
 * Xen sets that flag while it rewrites the area: ask for it first (the
 * VM assist exists since Xen 4.5).  Without it the reader still retries
 * on a changed state_entry_time, which Xen writes first and last.
 */
void __init xen_clock_init(void)
{
	long err;

	tsc_khz = xen_tsc_khz();
	/* For the whole domain: Xen keeps VM assists per domain. */
	err = HYPERVISOR_vm_assist(VMASST_CMD_enable, VMASST_TYPE_runstate_update_flag);
	if (err)
		pr_warn("no runstate update flag (%s): steal time reads may tear\n",
			xen_errname(err));
	xen_runstate_register();
	pr_info("clock: pvclock, TSC %llu.%03llu MHz, Xen system time %llu ms\n",
		tsc_khz / 1000, tsc_khz % 1000, xen_clock_offset / 1000000);
}

#define TICK_NS		(1000000000ULL / CONFIG_HZ)

static int timer_port = -1;
static u64 next_tick;			/* Xen system time of the boot CPU's next tick */
static bool timer_stopped;
struct xen_timer_stats xen_timer_stats;	/* the boot CPU's tick alone */
/* A secondary vCPU's next tick (Xen system time) and its port. */
static DEFINE_PER_CPU(u64, xen_ap_next_tick);
static DEFINE_PER_CPU(int, xen_ap_timer_port) = -1;

int xen_timer_port(unsigned int cpu)
{
	if (!cpu)
		return timer_port;
	return cpu < nr_cpu_ids ? per_cpu(xen_ap_timer_port, cpu) : -1;
}

/* Xen arms the single-shot timer of the calling vCPU only. */
static void arm_this_timer(u64 deadline)
{
	struct vcpu_set_singleshot_timer t = { .timeout_abs_ns = deadline };
	long err = HYPERVISOR_vcpu_op(VCPUOP_set_singleshot_timer,
				      this_cpu_read(xen_vcpu_id), &t);

	if (err)
		pr_err("set_singleshot_timer(%llu): %s\n", deadline, xen_errname(err));
}

static void arm_timer(u64 deadline)
{
	arm_this_timer(deadline);
	xen_timer_stats.armed++;
}

/*
 * Xen runs the single-shot timer once its own clock, NOW(), passes the
 * deadline.  Our pvclock extrapolates that clock from the copy Xen last
 * wrote into vcpu_info, and the two drift apart a little between Xen's
 * recalibrations, so a tick can look slightly early.  Such a tick is
 * due: re-arming the same deadline would make Xen, for which it has
 * passed, fire again at once, a loop of hypercalls until our clock
 * catches up.  "Slightly" is Xen's own timer_slop (xen/common/timer.c,
 * default 50 us), the coarseness Xen allows itself with timers.
 */
bool xen_tick_due(u64 now, u64 deadline)
{
	return now + XEN_TIMER_SLOP_NS >= deadline;
}

static void xen_timer_interrupt(evtchn_port_t port, void *data)
{
	u64 now = xen_clocksource_read();
	s64 late = now - next_tick;

	if (timer_stopped)
		return;
	/* How far from its deadline the single-shot fired (Xen's slop: early). */
	xen_timer_stats.fired++;
	if (late < xen_timer_stats.min_late_ns || xen_timer_stats.fired == 1)
		xen_timer_stats.min_late_ns = late;
	if (late > xen_timer_stats.max_late_ns || xen_timer_stats.fired == 1)
		xen_timer_stats.max_late_ns = late;
	if (late > (s64)TICK_NS)
		xen_timer_stats.late_ticks++;
	/* Early beyond the slop: the same deadline again, Xen fires it later. */
	while (xen_tick_due(now, next_tick)) {
		jiffies++;
		next_tick += TICK_NS;
	}
	arm_timer(next_tick);
}

void __init xen_timer_init(void)
{
	struct xen_mmu_stats mmu;
	long err;
	int ret;

	ret = xen_events_init();
	if (ret)
		panic("xen: no event channels (%d): no tick", ret);
	/* Xen starts PV vCPUs with a 100 Hz periodic timer: ours replaces it. */
	err = HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, this_cpu_read(xen_vcpu_id), NULL);
	if (err)
		pr_warn("stop periodic timer: %s\n", xen_errname(err));
	ret = bind_virq_to_handler(VIRQ_TIMER, 0, xen_timer_interrupt, NULL, "timer");
	if (ret < 0)
		panic("xen: cannot bind VIRQ_TIMER: %d", ret);
	timer_port = ret;
	timer_source = "Xen VIRQ_TIMER";
	timer_vector = XEN_UPCALL_VECTOR;
	next_tick = xen_clocksource_read() + TICK_NS;
	arm_timer(next_tick);
	pr_info("timer: VIRQ_TIMER on port %d, single-shot at %d Hz\n", ret, CONFIG_HZ);
	/* The last set-up step: what booting cost in traps to Xen. */
	xen_print_hypercall_counts("set-up");
	xen_mmu_stats_sum(&mmu);
	pr_info("lazy MMU: %lu updates queued, sent in %lu traps\n", mmu.queued, mmu.flushes);
}

/*
 * A secondary vCPU's tick: the same single-shot timer on its own VIRQ_TIMER
 * port, bound and armed from that vCPU (Xen arms the caller's timer
 * only).  It keeps the CPU's idle loop waking and its per-CPU work going;
 * jiffies and the statistics stay the boot CPU's.
 */
static void xen_ap_timer_interrupt(evtchn_port_t port, void *data)
{
	u64 now = xen_clocksource_read(), t = this_cpu_read(xen_ap_next_tick);

	if (READ_ONCE(timer_stopped))
		return;
	while (xen_tick_due(now, t))
		t += TICK_NS;
	this_cpu_write(xen_ap_next_tick, t);
	arm_this_timer(t);
}

int xen_timer_secondary_init(unsigned int cpu)
{
	int ret;

	HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, this_cpu_read(xen_vcpu_id), NULL);
	ret = bind_virq_to_handler(VIRQ_TIMER, cpu, xen_ap_timer_interrupt, NULL, "timer");
	if (ret < 0)
		return ret;
	this_cpu_write(xen_ap_timer_port, ret);
	this_cpu_write(xen_ap_next_tick, xen_clocksource_read() + TICK_NS);
	arm_this_timer(this_cpu_read(xen_ap_next_tick));
	return 0;
}

void xen_timer_stop(void)
{
	long err;

	WRITE_ONCE(timer_stopped, true);
	err = HYPERVISOR_vcpu_op(VCPUOP_stop_singleshot_timer, this_cpu_read(xen_vcpu_id), NULL);
	if (err)
		pr_err("stop_singleshot_timer: %s\n", xen_errname(err));
	if (timer_port >= 0)
		xen_evtchn_mask(timer_port);
}
