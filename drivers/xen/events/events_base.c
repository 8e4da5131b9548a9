// SPDX-License-Identifier: GPL-2.0
/*
 * Event channels: binding ports to handlers, and the upcall that runs
 * them.  The ABI (which bits say "pending" and "masked") is behind
 * evtchn_ops; this file knows ports, handlers and Xen's EVTCHNOP calls.
 *
 * The upcall arrives on XEN_UPCALL_VECTOR like any interrupt, with events
 * masked; each pending unmasked port is cleared, then its handler runs.
 * A port that fires with no handler is masked and counted, never lost
 * silently: it stays pending for whoever binds it.
 */
#define pr_fmt(fmt) "xen: events: " fmt

#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/irqflags.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/traps.h>
#include <asm/xen/events.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include <xen/events.h>
#include "events_internal.h"

#define MAX_PORTS	4096		/* the 2-level ABI's limit on x86-64 */

struct evtchn_binding {
	xen_evtchn_handler_t fn;
	void *data;
	const char *name;
	unsigned long count;
	bool close;			/* ours to close with Xen on unbind */
};

static const struct evtchn_ops *ops;
static struct evtchn_binding *bindings[MAX_PORTS];
struct xen_events_stats xen_events_stats;

bool xen_events_ready(void)
{
	return ops;
}

static void dispatch(evtchn_port_t port)
{
	struct evtchn_binding *b = port < MAX_PORTS ? bindings[port] : NULL;

	if (!b || !b->fn) {
		/*
		 * Nobody listens: mask it so it cannot storm.  The event is
		 * dropped (the ABI cleared its pending bit before dispatch).
		 */
		ops->mask(port);
		if (!xen_events_stats.stray++)
			pr_warn("port %u fired with no handler: masked\n", port);
		return;
	}
	b->count++;
	xen_events_stats.handled++;
	b->fn(port, b->data);
}

static void xen_evtchn_upcall(struct pt_regs *regs)
{
	xen_events_stats.upcalls++;
	ops->handle_events(dispatch);
}

int xen_events_init(void)
{
	if (!HYPERVISOR_shared_info)
		return -ENODEV;
	ops = &evtchn_ops_2l;
	ops->init();
	idt_install_handler(XEN_UPCALL_VECTOR, xen_evtchn_upcall);
	pr_info("%s ABI, %u ports\n", ops->name, ops->max_channels());
	return 0;
}

static int attach(evtchn_port_t port, xen_evtchn_handler_t fn, void *data,
		  const char *name, bool close)
{
	struct evtchn_binding *b;
	unsigned long flags;

	if (port >= MAX_PORTS || port >= ops->max_channels()) {
		pr_err("%s: port %u beyond the ABI's %u\n", name, port, ops->max_channels());
		return -EINVAL;
	}
	if (bindings[port]) {
		pr_err("%s: port %u already bound to %s\n", name, port, bindings[port]->name);
		return -EBUSY;
	}
	b = kzalloc(sizeof(*b));
	if (!b)
		return -ENOMEM;
	b->fn = fn;
	b->data = data;
	b->name = name;
	b->close = close;
	local_irq_save(flags);
	bindings[port] = b;
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

int bind_evtchn_to_handler(evtchn_port_t port, xen_evtchn_handler_t fn, void *data,
			   const char *name)
{
	if (!ops)
		return -ENODEV;
	return attach(port, fn, data, name, true);
}

/* A port Xen just allocated for us: attach, or give it back. */
static int attach_new(long err, evtchn_port_t port, xen_evtchn_handler_t fn, void *data,
		      const char *name, const char *what)
{
	int ret;

	if (err) {
		pr_err("%s: bind %s: %s\n", name, what, xen_errname(err));
		return err;
	}
	ret = attach(port, fn, data, name, true);
	if (ret < 0)
		close_port(port);
	return ret;
}

int bind_virq_to_handler(unsigned int virq, unsigned int cpu, xen_evtchn_handler_t fn,
			 void *data, const char *name)
{
	struct evtchn_bind_virq bind = { .virq = virq, .vcpu = cpu };
	long err;

	if (!ops)
		return -ENODEV;
	err = HYPERVISOR_event_channel_op(EVTCHNOP_bind_virq, &bind);
	return attach_new(err, bind.port, fn, data, name, "VIRQ");
}

int bind_ipi_to_handler(unsigned int cpu, xen_evtchn_handler_t fn, void *data,
			const char *name)
{
	struct evtchn_bind_ipi bind = { .vcpu = cpu };
	long err;

	if (!ops)
		return -ENODEV;
	err = HYPERVISOR_event_channel_op(EVTCHNOP_bind_ipi, &bind);
	return attach_new(err, bind.port, fn, data, name, "IPI");
}

void unbind_from_handler(evtchn_port_t port)
{
	struct evtchn_binding *b;
	unsigned long flags;

	if (!ops || port >= MAX_PORTS || !bindings[port])
		return;
	local_irq_save(flags);
	ops->mask(port);
	b = bindings[port];
	bindings[port] = NULL;
	ops->clear_pending(port);
	local_irq_restore(flags);
	if (b->close)
		close_port(port);
	kfree(b);
}

void notify_remote_via_evtchn(evtchn_port_t port)
{
	struct evtchn_send send = { .port = port };
	long err = HYPERVISOR_event_channel_op(EVTCHNOP_send, &send);

	if (err)
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

unsigned long xen_evtchn_count(evtchn_port_t port)
{
	return port < MAX_PORTS && bindings[port] ? bindings[port]->count : 0;
}
