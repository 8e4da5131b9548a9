// SPDX-License-Identifier: GPL-2.0
/*
 * Paravirt ticket locks under Xen PV: the pv_ops "lock" group for a
 * guest with more than one vCPU (the design of Linux 3.12 .. 4.1's pv
 * ticket locks; nesting as 2.6.27 .. 3.10 handled it).
 *
 * Why: with more vCPUs than Xen has pCPUs for them, a ticket lock hands
 * the lock to the next ticket in line even when Xen has descheduled that
 * vCPU, and every other waiter then spins out its whole time slice.  So a
 * waiter that has spun spin_threshold rounds (kernel/spinlock.c) calls
 * xen_lock_wait(), which blocks its vCPU in SCHEDOP_poll on a per-vCPU
 * "kick" event channel; after its release the unlocker (xen_spin_kick in
 * xen-asm.S) sees that someone blocked and kicks the vCPU whose ticket
 * is now served.
 *
 * The protocol, for no lost wake-up:
 *   waiter: clear its kick port; publish {lock, ticket} in its per-CPU
 *           xen_lock_waiting; set its bit in xen_lock_waiters (a locked
 *           op: a full barrier); re-read head; poll only if still not
 *           served, with events on again if the caller had them on;
 *           clear the bit and the record.
 *   unlock: head += 1 (the native incb), then a locked op (a full
 *           barrier); if any bit is set in xen_lock_waiters, kick the CPU
 *           whose record names this lock and the head now served.
 * Both sides store, then load what the other stored, each with a full
 * barrier between (Dekker): either the unlocker sees the waiter's bit or
 * the waiter sees the new head.  A kick that lands between the re-read
 * and the poll leaves the port pending, and SCHEDOP_poll returns at once
 * for a pending port.  Spurious wake-ups (an event while polling with
 * events on, a kick meant for an earlier wait) only send the waiter round
 * its loop.
 *
 * Invariants: the kick ports stay masked, so their handler never runs
 * (they are only polled); events are off while the record is written and
 * cleared, and on during the poll if the caller had them on (a waiter
 * keeps taking its ticks and IPIs, as a spinning one does); a CPU without
 * a kick port yet just spins; NR_CPUS <= 64 (one word of waiter bits).
 */
#define pr_fmt(fmt) "xen: spinlock: " fmt

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/irqflags.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <asm/msr.h>
#include <asm/nofault.h>
#include <asm/processor.h>
#include <asm/tsc.h>
#include <asm/paravirt.h>
#include <asm/xen/hypercall.h>
#include <xen/events.h>
#include <xen/interface/sched.h>
#include "xen-ops.h"

struct xen_lock_waiting {
	struct arch_spinlock *lock;
	u8 want;
};

static DEFINE_PER_CPU(struct xen_lock_waiting, xen_lock_waiting);
static DEFINE_PER_CPU(int, xen_kick_port) = -1;
DEFINE_PER_CPU(struct xen_spin_stats, xen_spin_stats);
/* Bit n: CPU n is between publishing its wait and clearing it. */
unsigned long xen_lock_waiters;
static bool pvspin = true;

static int __init xen_nopvspin_setup(const char *val)
{
	pvspin = false;
	return 0;
}
__setup("xen_nopvspin", xen_nopvspin_setup);

void xen_spin_kick(struct arch_spinlock *lock);	/* xen-asm.S */

static void publish(struct xen_lock_waiting *w, struct arch_spinlock *lock, u8 want)
{
	/* The unlocker reads lock, then want: a record is whole once lock is set. */
	WRITE_ONCE(w->lock, NULL);
	barrier();
	WRITE_ONCE(w->want, want);
	barrier();
	WRITE_ONCE(w->lock, lock);
}

/*
 * A wait may interrupt another one on this CPU (a handler's lock, while
 * the interrupted context polls with events on): the inner one keeps the
 * outer record and puts it back when it is done, then kicks its own port,
 * so that the outer poll returns at once and looks at its lock again (a
 * kick meant for it while the inner record stood went nowhere).
 */
static void xen_lock_wait(struct arch_spinlock *lock, u8 want)
{
	struct xen_lock_waiting *w = this_cpu_ptr(&xen_lock_waiting);
	int port = this_cpu_read(xen_kick_port);
	unsigned long bit = 1UL << smp_processor_id();
	struct sched_poll poll = { .nr_ports = 1 };
	struct arch_spinlock *outer;
	evtchn_port_t p = port;
	unsigned long flags;
	u8 outer_want;

	if (port < 0)
		return;
	local_irq_save(flags);
	outer = READ_ONCE(w->lock);
	outer_want = READ_ONCE(w->want);
	/* Before the record: no kick for this wait can come earlier. */
	xen_evtchn_clear_pending(port);
	publish(w, lock, want);
	asm volatile("lock orq %1, %0" : "+m" (xen_lock_waiters) : "r" (bit) : "memory");
	if (READ_ONCE(lock->head) != want) {
		this_cpu_inc(xen_spin_stats.blocked);
		set_xen_guest_handle(poll.ports, &p);
		/* Events as the caller had them: its ticks and IPIs go on. */
		if (!arch_irqs_disabled_flags(flags))
			local_irq_enable();
		HYPERVISOR_sched_op(SCHEDOP_poll, &poll);
		local_irq_disable();
		if (READ_ONCE(lock->head) != want)
			this_cpu_inc(xen_spin_stats.spurious);
	}
	if (outer) {
		publish(w, outer, outer_want);
		notify_remote_via_evtchn(port);
	} else {
		asm volatile("lock andq %1, %0" : "+m" (xen_lock_waiters) : "r" (~bit) : "memory");
		WRITE_ONCE(w->lock, NULL);
	}
	local_irq_restore(flags);
}

/*
 * From xen_spin_kick, lock released, with someone blocked or about to:
 * the head read now is the ticket to wake (if the lock has been passed on
 * again since, that owner has it and the one now served is the one to
 * wake).  At most one CPU holds a given ticket of a given lock.  The read
 * may not fault: once released, the lock's memory may be the next owner's
 * to free (and a freed page may be ballooned out).  If it is gone, the
 * next owner had the lock, so nobody waits for this release.
 */
void xen_spin_unlock_kick(struct arch_spinlock *lock)
{
	unsigned long mask = READ_ONCE(xen_lock_waiters);
	unsigned int cpu;
	u8 head;

	if (read_u8_nofault((unsigned long)&lock->head, &head))
		return;
	for (cpu = 0; mask; cpu++, mask >>= 1) {
		const struct xen_lock_waiting *w = per_cpu_ptr(&xen_lock_waiting, cpu);

		if (!(mask & 1) || READ_ONCE(w->lock) != lock || READ_ONCE(w->want) != head)
			continue;
		this_cpu_inc(xen_spin_stats.kicks);
		notify_remote_via_evtchn(per_cpu(xen_kick_port, cpu));
		return;
	}
}
PV_VOID_CALLEE_SAVE_REGS_THUNK(xen_spin_unlock_kick);

static void xen_kick_handler(evtchn_port_t port, void *data)
{
	/* Masked for good: only SCHEDOP_poll ever sees it. */
	pr_err("kick port %u delivered as an event\n", port);
}

bool xen_pvspin_enabled(void)
{
	return pv_ops.lock.wait == xen_lock_wait;
}

struct arch_spinlock *xen_spin_waiting_on(unsigned int cpu)
{
	return READ_ONCE(per_cpu(xen_lock_waiting, cpu).lock);
}

int xen_spin_kick_port(unsigned int cpu)
{
	return per_cpu(xen_kick_port, cpu);
}

/* @cpu's kick port (on @cpu): before it exists, its waits are plain spinning. */
int xen_spin_cpu_init(unsigned int cpu)
{
	int port;

	if (!xen_pvspin_enabled())
		return 0;
	port = bind_ipi_to_handler(cpu, xen_kick_handler, NULL, "spinlock-kick");
	if (port < 0)
		return port;
	xen_evtchn_mask(port);
	xen_evtchn_clear_pending(port);
	per_cpu(xen_kick_port, cpu) = port;
	return 0;
}

/* vcpu_is_preempted stays native's (nobody asks it yet). */
static struct pv_lock_ops xen_lock_ops = {
	.wait = xen_lock_wait,
	.kick = __PV_IS_CALLEE_SAVE(xen_spin_kick),
};

static const struct pv_child xen_lock_child = {
	.name = "xen",
	.lock = &xen_lock_ops,
};

/*
 * How long a waiter spins before it blocks: about XEN_SPIN_US of rounds
 * of arch_spin_wait()'s loop, timed here.  Linux counts 1 << 15 rounds,
 * which is 0.1 to 1.5 ms on real CPUs (a pause takes 3 to 45 ns) but
 * 4 ms under QEMU TCG, longer than a Xen time slice there: waiters would
 * spin out their slices and hardly ever block.  50 us is some ten times
 * what a poll, a kick and the wake-up cost on real hardware.
 */
#define XEN_SPIN_US	50
#define TIMED_ROUNDS	4096

static unsigned int __init spin_rounds_for_us(unsigned int us)
{
	static u8 head;		/* never served: read like a lock's head */
	u64 t0, cycles, rounds;
	unsigned int i;

	t0 = rdtsc();
	for (i = 0; i < TIMED_ROUNDS; i++) {
		if (READ_ONCE(head) == 1)
			break;
		cpu_relax();
	}
	cycles = rdtsc() - t0;
	if (!tsc_khz || !cycles)
		return spin_threshold;
	rounds = (u64)us * tsc_khz / 1000 * TIMED_ROUNDS / cycles;
	return rounds < 64 ? 64 : rounds > (1U << 15) ? 1U << 15 : (unsigned int)rounds;
}

/*
 * From smp_prepare, with more than one CPU to start and only this one
 * running: the lock group is swapped and its sites rewritten before any
 * other CPU can be inside one (none can be waiting for a kick yet).
 */
void __init xen_spin_init(void)
{
	int err;

	if (!pvspin) {
		pr_info("native ticket spinning (xen_nopvspin)\n");
		return;
	}
	xen_lock_ops.vcpu_is_preempted = pv_native_ops.lock.vcpu_is_preempted;
	paravirt_install_child(&xen_lock_child);
	err = paravirt_repatch_range(PARAVIRT_PATCH(lock),
				     PARAVIRT_PATCH(lock) + sizeof(pv_ops.lock) / sizeof(void *) - 1);
	if (err)
		panic("xen: spinlock sites could not be patched");
	err = xen_spin_cpu_init(smp_processor_id());
	if (err)
		pr_err("CPU %u: no kick port (%d): it spins\n", smp_processor_id(), err);
	spin_threshold = spin_rounds_for_us(XEN_SPIN_US);
	pr_info("pv ticket locks: block after %u spins (about %u us), kicked by event channel\n",
		spin_threshold, XEN_SPIN_US);
}
