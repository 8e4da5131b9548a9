// SPDX-License-Identifier: GPL-2.0
/*
 * Event channels: binding ports to handlers, and the upcall that runs
 * them.  The ABI (which bits say "pending" and "masked") is behind
 * evtchn_ops; this file knows ports, handlers and Xen's EVTCHNOP calls.
 *
 * The upcall arrives on XEN_UPCALL_VECTOR like any interrupt, with events
 * masked; each pending unmasked port is cleared, then its handler runs.
 * A port that fires with no handler is masked and counted, never
 * silently, and its event is kept: marked pending again, it is delivered
 * to whoever binds the port (binding unmasks, which re-raises a pending
 * port).  No event is lost to a late binder.
 *
 * The ABI is FIFO where Xen has it (EVTCHNOP_init_control succeeds: 2^17
 * ports, priorities) and 2-level otherwise, or with xen_fifo_events=0 on
 * the command line.  Bindings live in a table of 512-entry chunks made
 * as ports need them, so the FIFO ABI's range costs nothing unused.
 */
#define pr_fmt(fmt) "xen: events: " fmt

#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/irqflags.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/init.h>
#include <linux/smp.h>
#include <asm/bitops.h>
#include <asm/tsc.h>
#include <asm/traps.h>
#include <asm/xen/events.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include <xen/events.h>
#include "events_internal.h"

#define CHUNK		512		/* bindings per chunk: a page of pointers */
#define NSEC_PER_SEC	1000000000ULL
#define TICK_NS		(NSEC_PER_SEC / CONFIG_HZ)
#define MAX_SPURIOUS_RUN 255		/* the run counter stops there */
#define MAX_PORTS	EVTCHN_FIFO_NR_CHANNELS	/* the larger ABI's */

struct evtchn_binding {
	xen_evtchn_handler_t fn;
	void *data;
	const char *name;
	unsigned long count;
	unsigned int cpu;		/* the CPU Xen notifies for it */
	bool close;			/* ours to close with Xen on unbind */
	bool lateeoi;			/* masked from its event to the driver's EOI */
	bool pirq;			/* masked from its event to xen_pirq_eoi() */
	bool delayed;			/* on the delayed-unmask list */
	unsigned int spurious;		/* spurious EOIs in a row (throttle) */
	u64 unmask_at;			/* sched_clock() of a delayed unmask */
	unsigned int unmask_cpu;	/* whose clock that is: it unmasks */
};

static const struct evtchn_ops *ops;
static struct evtchn_binding **chunks[MAX_PORTS / CHUNK];
struct xen_events_stats xen_events_stats;
static bool fifo_wanted = true;

static int __init fifo_setup(const char *val)
{
	fifo_wanted = strcmp(val, "0") && strcmp(val, "off");
	return 0;
}
__setup("xen_fifo_events=", fifo_setup);

const struct evtchn_ops *xen_evtchn_abi(void)
{
	return ops;
}

static struct evtchn_binding *binding(evtchn_port_t port)
{
	return port < MAX_PORTS && chunks[port / CHUNK] ? chunks[port / CHUNK][port % CHUNK] : NULL;
}

bool xen_events_ready(void)
{
	return ops;
}

static void dispatch(evtchn_port_t port)
{
	struct evtchn_binding *b = binding(port);
	bool pirq;

	if (!b || !b->fn) {
		/*
		 * Nobody listens: mask it so it cannot storm, and give the
		 * event back (the ABI cleared its pending bit before dispatch)
		 * for the handler that binds it later.
		 */
		ops->mask(port);
		ops->set_pending(port);
		if (!xen_events_stats.stray++)
			pr_warn("port %u fired with no handler: masked\n", port);
		return;
	}
	b->count++;
	xen_events_stats.handled++;
	/*
	 * Held off until the driver has looked at its ring
	 * (xen_evtchn_lateeoi), or a physical IRQ until its EOI.
	 */
	pirq = b->pirq;		/* @b is gone if the handler unbinds */
	if (b->lateeoi || pirq)
		ops->mask(port);
	b->fn(port, b->data);
	if (pirq)
		xen_pirq_eoi(port);
}

/*
 * Ports unbound while Xen still had them on a FIFO queue.  Closing such
 * a port would let Xen hand the number out again still LINKED, and its
 * first event could then go to the old queue (the wrong vCPU or
 * priority: Xen warns "already on a queue").  The owning vCPU's next
 * upcall unlinks it (the upcall is pending, since Xen linked it), so the
 * close waits for that: closed by the first upcall that finds it
 * unlinked.  Its binding is gone meanwhile and its pending bit clear, so
 * no handler runs for it.
 */
#define MAX_CLOSING	64
static evtchn_port_t closing[MAX_CLOSING];
static unsigned int nr_closing;
static DEFINE_SPINLOCK(closing_lock);

static void close_port(evtchn_port_t port);

static void close_unlinked(void)
{
	unsigned long flags;
	unsigned int i = 0;

	spin_lock_irqsave(&closing_lock, flags);
	while (i < nr_closing) {
		if (ops->is_linked(closing[i])) {
			i++;
			continue;
		}
		close_port(closing[i]);
		closing[i] = closing[--nr_closing];
	}
	spin_unlock_irqrestore(&closing_lock, flags);
}

/* Closed now, or once Xen has unlinked it: true if it had to wait. */
static bool close_when_unlinked(evtchn_port_t port)
{
	unsigned long flags;
	bool deferred = false;

	if (ops->is_linked && ops->is_linked(port)) {
		spin_lock_irqsave(&closing_lock, flags);
		if (nr_closing < MAX_CLOSING) {
			closing[nr_closing++] = port;
			deferred = true;
		}
		spin_unlock_irqrestore(&closing_lock, flags);
		if (!deferred)
			pr_warn("port %u closed while still on a queue (%u waiting already)\n",
				port, MAX_CLOSING);
	}
	if (!deferred)
		close_port(port);
	return deferred;
}

/*
 * Late-EOI ports whose unmask a run of spurious events put off: a peer
 * that keeps notifying with nothing to do is heard from at most once per
 * delay.  This kernel has no timers or workqueues, so the unmask is left
 * to a later pass of the upcall on the CPU that put it off: every CPU
 * takes its tick (VIRQ_TIMER, HZ) through it, so a due port is unmasked
 * within one tick of its time,
 * and when nothing waits the cost is one read of nr_delayed.
 */
#define MAX_DELAYED	64
static evtchn_port_t delayed[MAX_DELAYED];
static unsigned int nr_delayed;
static DEFINE_SPINLOCK(delayed_lock);

/* Off the list (its caller unmasks, or the port is going away). */
static void undelay(struct evtchn_binding *b, evtchn_port_t port)
{
	unsigned int i;

	if (!b->delayed)
		return;
	for (i = 0; i < nr_delayed; i++) {
		if (delayed[i] == port) {
			delayed[i] = delayed[--nr_delayed];
			break;
		}
	}
	b->delayed = false;
}

static void unmask_due(void)
{
	u64 now = sched_clock();
	struct evtchn_binding *b;
	unsigned long flags;
	unsigned int i = 0;

	spin_lock_irqsave(&delayed_lock, flags);
	while (i < nr_delayed) {
		b = binding(delayed[i]);
		/*
		 * Only the CPU that set the time: the CPUs' clocks need not
		 * agree to a tick, and another's could unmask early.
		 */
		if (b && (b->unmask_cpu != smp_processor_id() || (s64)(now - b->unmask_at) < 0)) {
			i++;
			continue;
		}
		if (b) {
			b->delayed = false;
			ops->unmask(delayed[i]);
		}
		delayed[i] = delayed[--nr_delayed];
	}
	spin_unlock_irqrestore(&delayed_lock, flags);
}

static void xen_evtchn_upcall(struct pt_regs *regs)
{
	xen_events_stats.upcalls++;
	ops->handle_events(dispatch);
	if (READ_ONCE(nr_closing))
		close_unlinked();
	if (READ_ONCE(nr_delayed))
		unmask_due();
}

unsigned int xen_evtchn_closing(void)
{
	return READ_ONCE(nr_closing);
}

int xen_events_init(void)
{
	int err = -ENOSYS;

	if (!HYPERVISOR_shared_info)
		return -ENODEV;
	/* Only -ENOSYS comes back: past init_control there is no way back. */
	if (fifo_wanted)
		err = evtchn_fifo_cpu_init();
	ops = err ? &evtchn_ops_2l : &evtchn_ops_fifo;
	ops->init();
	idt_install_handler(XEN_UPCALL_VECTOR, xen_evtchn_upcall);
	pr_info("%s ABI, %u ports\n", ops->name, ops->max_channels());
	return 0;
}

/*
 * A secondary vCPU's share, on that vCPU before anything is bound to it:
 * its FIFO control block (the 2-level ABI has nothing per vCPU to set up).
 */
int xen_events_cpu_init(void)
{
	if (!ops)
		return -ENODEV;
	return ops == &evtchn_ops_fifo ? evtchn_fifo_cpu_init() : 0;
}

/* Our CPU for Xen's vCPU id @vcpu (0 if none has it). */
static unsigned int cpu_of_vcpu(u32 vcpu)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		if (per_cpu(xen_vcpu_id, cpu) == vcpu)
			return cpu;
	return 0;
}

#define ATTACH_LATEEOI	0x1
#define ATTACH_PIRQ	0x2

static int attach(evtchn_port_t port, xen_evtchn_handler_t fn, void *data,
		  const char *name, bool close, unsigned int cpu, unsigned int how)
{
	struct evtchn_binding *b, ***chunk;
	unsigned long flags;
	int err;

	if (port >= MAX_PORTS || port >= ops->max_channels()) {
		pr_err("%s: port %u beyond the ABI's %u\n", name, port, ops->max_channels());
		return -EINVAL;
	}
	if (binding(port)) {
		pr_err("%s: port %u already bound to %s\n", name, port, binding(port)->name);
		return -EBUSY;
	}
	chunk = &chunks[port / CHUNK];
	if (!*chunk && !(*chunk = kzalloc(CHUNK * sizeof(**chunk))))
		return -ENOMEM;
	err = ops->setup ? ops->setup(port) : 0;
	if (err) {
		pr_err("%s: port %u: the %s ABI cannot take it: %d\n", name, port, ops->name, err);
		return err;
	}
	b = kzalloc(sizeof(*b));
	if (!b)
		return -ENOMEM;
	b->fn = fn;
	b->data = data;
	b->name = name;
	b->close = close;
	b->cpu = cpu;
	b->lateeoi = how & ATTACH_LATEEOI;
	b->pirq = how & ATTACH_PIRQ;
	local_irq_save(flags);
	(*chunk)[port % CHUNK] = b;
	if (ops->bind_to_cpu)
		ops->bind_to_cpu(port, cpu);
	ops->unmask(port);
	local_irq_restore(flags);
	return port;
}

static void close_port(evtchn_port_t port)
{
	struct evtchn_close close = { .port = port };

	long err = HYPERVISOR_event_channel_op(EVTCHNOP_close, &close);

	if (err)
		pr_err("close port %u: %s\n", port, xen_errname(err));
}

static int bind_evtchn(evtchn_port_t port, xen_evtchn_handler_t fn, void *data,
		       const char *name, bool lateeoi)
{
	struct evtchn_status st = { .dom = DOMID_SELF, .port = port };

	if (!ops)
		return -ENODEV;
	/* Only a port Xen gave us: a stranger must not grow the FIFO array. */
	if (port >= ops->max_channels() ||
	    HYPERVISOR_event_channel_op(EVTCHNOP_status, &st) || st.status == EVTCHNSTAT_closed) {
		pr_err("%s: port %u is not one of ours\n", name, port);
		return -EINVAL;
	}
	return attach(port, fn, data, name, true, cpu_of_vcpu(st.vcpu),
		      lateeoi ? ATTACH_LATEEOI : 0);
}

int bind_evtchn_to_handler(evtchn_port_t port, xen_evtchn_handler_t fn, void *data,
			   const char *name)
{
	return bind_evtchn(port, fn, data, name, false);
}

int bind_evtchn_to_handler_lateeoi(evtchn_port_t port, xen_evtchn_handler_t fn, void *data,
				   const char *name)
{
	return bind_evtchn(port, fn, data, name, true);
}

/*
 * How long the unmask waits after the @n-th spurious EOI in a row: not
 * at all for the first (one stray event is normal), then one tick,
 * doubling each time up to a second, as Linux does (events_base.c's
 * spurious_cnt, jiffies there, nanoseconds here).
 */
u64 xen_evtchn_spurious_delay(unsigned int n)
{
	if (n < 2)
		return 0;
	if (n - 2 >= 7 || (TICK_NS << (n - 2)) > NSEC_PER_SEC)
		return NSEC_PER_SEC;
	return TICK_NS << (n - 2);
}

/*
 * The driver is done with what the event announced: the port takes
 * events again, and one that came meanwhile is delivered now (unmasking
 * re-raises it).  @spurious: there was nothing to do.  Counted, and a
 * run of them throttles the peer: the unmask is put off, longer each
 * time (xen_evtchn_spurious_delay); a real event ends the run.
 */
void xen_evtchn_lateeoi(evtchn_port_t port, bool spurious)
{
	struct evtchn_binding *b = binding(port);
	unsigned long flags;
	u64 delay = 0;

	if (!b || !b->lateeoi) {
		pr_err("EOI on port %u, which is not bound for it\n", port);
		return;
	}
	spin_lock_irqsave(&delayed_lock, flags);
	if (spurious) {
		if (b->spurious < MAX_SPURIOUS_RUN)
			b->spurious++;
		if (!xen_events_stats.spurious++)
			pr_info("%s: port %u: an event with nothing to do\n", b->name, port);
		delay = xen_evtchn_spurious_delay(b->spurious);
	} else {
		b->spurious = 0;
	}
	if (delay && (b->delayed || nr_delayed < MAX_DELAYED)) {
		/* Masked since its event: it stays so until the upcall's pass. */
		b->unmask_at = sched_clock() + delay;
		b->unmask_cpu = smp_processor_id();
		if (!b->delayed)
			delayed[nr_delayed++] = port;
		b->delayed = true;
		xen_events_stats.throttled++;
		spin_unlock_irqrestore(&delayed_lock, flags);
		return;
	}
	if (delay && !xen_events_stats.throttle_full++)
		pr_warn("%s: port %u: %u delayed unmasks already: unmasked now\n",
			b->name, port, MAX_DELAYED);
	undelay(b, port);
	ops->unmask(port);
	spin_unlock_irqrestore(&delayed_lock, flags);
}

/* A port Xen just allocated for us: attach, or give it back. */
static int attach_new(long err, evtchn_port_t port, unsigned int cpu, xen_evtchn_handler_t fn,
		      void *data, const char *name, const char *what)
{
	int ret;

	if (err) {
		pr_err("%s: bind %s: %s\n", name, what, xen_errname(err));
		return err;
	}
	ret = attach(port, fn, data, name, true, cpu, 0);
	if (ret < 0)
		close_port(port);
	return ret;
}

/* Xen binds a pirq's port to vCPU 0 (evtchn_bind_pirq). */
int xen_evtchn_attach_pirq(evtchn_port_t port, xen_evtchn_handler_t fn, void *data,
			   const char *name)
{
	if (!ops)
		return -ENODEV;
	return attach(port, fn, data, name, true, cpu_of_vcpu(0), ATTACH_PIRQ);
}

int bind_virq_to_handler(unsigned int virq, unsigned int cpu, xen_evtchn_handler_t fn,
			 void *data, const char *name)
{
	/* Xen names the vCPU by its own id, which need not be our CPU number. */
	struct evtchn_bind_virq bind = { .virq = virq, .vcpu = per_cpu(xen_vcpu_id, cpu) };
	long err;

	if (!ops)
		return -ENODEV;
	err = HYPERVISOR_event_channel_op(EVTCHNOP_bind_virq, &bind);
	return attach_new(err, bind.port, cpu, fn, data, name, "VIRQ");
}

int bind_ipi_to_handler(unsigned int cpu, xen_evtchn_handler_t fn, void *data,
			const char *name)
{
	struct evtchn_bind_ipi bind = { .vcpu = per_cpu(xen_vcpu_id, cpu) };
	long err;

	if (!ops)
		return -ENODEV;
	err = HYPERVISOR_event_channel_op(EVTCHNOP_bind_ipi, &bind);
	return attach_new(err, bind.port, cpu, fn, data, name, "IPI");
}

void unbind_from_handler(evtchn_port_t port)
{
	struct evtchn_binding *b;
	unsigned long flags;

	if (!ops || !binding(port))
		return;
	local_irq_save(flags);
	ops->mask(port);
	b = binding(port);
	spin_lock(&delayed_lock);
	undelay(b, port);
	spin_unlock(&delayed_lock);
	chunks[port / CHUNK][port % CHUNK] = NULL;
	ops->clear_pending(port);
	if (ops->bind_to_cpu)
		ops->bind_to_cpu(port, 0);	/* where Xen puts a new port */
	local_irq_restore(flags);
	if (b->close)
		close_when_unlinked(port);
	kfree(b);
}

void xen_evtchn_send_failed(evtchn_port_t port, long err)
{
	pr_err("send on port %u: %s\n", port, xen_errname(err));
}

void xen_evtchn_mask(evtchn_port_t port)
{
	if (ops && port < ops->max_channels())
		ops->mask(port);
}

void xen_evtchn_unmask(evtchn_port_t port)
{
	if (ops && port < ops->max_channels())
		ops->unmask(port);
}

bool xen_evtchn_is_pending(evtchn_port_t port)
{
	return ops && port < ops->max_channels() && ops->is_pending(port);
}

/* Before xen_events_init() the ABI is 2-level: Xen's bit in shared_info. */
void xen_evtchn_clear_pending(evtchn_port_t port)
{
	if (ops)
		ops->clear_pending(port);
	else if (HYPERVISOR_shared_info && port < EVTCHN_2L_NR_CHANNELS)
		clear_bit(port, (unsigned long *)HYPERVISOR_shared_info->evtchn_pending);
}

unsigned int xen_evtchn_cpu(evtchn_port_t port)
{
	struct evtchn_binding *b = binding(port);

	return b ? READ_ONCE(b->cpu) : 0;
}

/*
 * Move a bound port's events to @cpu (interdomain and unbound ports, and
 * global VIRQs: Xen refuses per-vCPU VIRQs and IPIs).  Masked across the
 * move so that no event is handled on the old CPU after it; unmasking
 * again, from here, re-raises one that came meanwhile on the new CPU.
 */
int xen_evtchn_bind_vcpu(evtchn_port_t port, unsigned int cpu)
{
	struct evtchn_bind_vcpu bv = { .port = port };
	struct evtchn_binding *b = binding(port);
	unsigned long flags;
	bool masked;
	long err;

	if (!ops || !b)
		return -EINVAL;
	if (cpu >= NR_CPUS || !cpu_online(cpu))
		return -EINVAL;
	bv.vcpu = per_cpu(xen_vcpu_id, cpu);
	local_irq_save(flags);
	masked = ops->is_masked(port);
	ops->mask(port);
	err = HYPERVISOR_event_channel_op(EVTCHNOP_bind_vcpu, &bv);
	if (!err) {
		WRITE_ONCE(b->cpu, cpu);
		if (ops->bind_to_cpu)
			ops->bind_to_cpu(port, cpu);
	}
	if (!masked)
		ops->unmask(port);
	local_irq_restore(flags);
	if (err)
		pr_err("%s: port %u to CPU %u: %s\n", b->name, port, cpu, xen_errname(err));
	return err;
}

unsigned long xen_evtchn_count(evtchn_port_t port)
{
	return binding(port) ? binding(port)->count : 0;
}
