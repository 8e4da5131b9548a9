// SPDX-License-Identifier: GPL-2.0
/*
 * What a frontend driver asks of the bus while it connects: its state
 * written for the backend to watch, an unbound event channel, grants of
 * its ring pages, an error the toolstack can show, and a bounded wait for
 * the backend's state (include/xen/xenbus.h).
 *
 * Invariant: dev->state is what we last wrote to <nodename>/state (set
 * before the write, which may run callbacks that write it again); a
 * failed write puts it back.  Nothing here blocks without a
 * bound.
 */
#define pr_fmt(fmt) "xenbus: " fmt

#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <asm/page.h>
#include <asm/tsc.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/page.h>
#include <xen/grant_table.h>
#include <xen/xenbus.h>

int xenbus_switch_state(struct xenbus_device *dev, enum xenbus_state state)
{
	int err;

	enum xenbus_state old = dev->state;

	if (state == old)
		return 0;
	/*
	 * Ours before the write: the write runs the queued watch callbacks
	 * on its way out, and the driver's may move the state on again.
	 */
	dev->state = state;
	err = xenbus_printf(XBT_NIL, dev->nodename, "state", "%d", state);
	if (err) {
		pr_err("%s: cannot write state %s: %d\n", dev->nodename,
		       xenbus_strstate(state), err);
		if (dev->state == state)
			dev->state = old;
		return err;
	}
	return 0;
}

void xenbus_dev_fatal(struct xenbus_device *dev, int err, const char *fmt, ...)
{
	char msg[160];
	va_list ap;
	int n;

	n = snprintf(msg, sizeof(msg), "%d ", -err);
	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof(msg) - n, fmt, ap);
	va_end(ap);
	pr_err("%s: %s\n", dev->nodename, msg);
	xenbus_write(XBT_NIL, dev->nodename, "error", msg);
	xenbus_switch_state(dev, XenbusStateClosing);
}

int xenbus_alloc_evtchn(struct xenbus_device *dev, evtchn_port_t *port)
{
	struct evtchn_alloc_unbound au = { .dom = DOMID_SELF, .remote_dom = dev->otherend_id };
	int err = HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &au);

	if (err) {
		pr_err("%s: EVTCHNOP_alloc_unbound for domain %u: %d\n", dev->nodename,
		       dev->otherend_id, err);
		return err;
	}
	*port = au.port;
	return 0;
}

void xenbus_free_evtchn(struct xenbus_device *dev, evtchn_port_t port)
{
	struct evtchn_close close = { .port = port };

	if (HYPERVISOR_event_channel_op(EVTCHNOP_close, &close))
		pr_err("%s: cannot close port %u\n", dev->nodename, port);
}

int xenbus_grant_ring(struct xenbus_device *dev, void *vaddr, unsigned int nr,
		      grant_ref_t *refs)
{
	unsigned int i;
	int ref;

	for (i = 0; i < nr; i++) {
		unsigned long pfn = PFN_DOWN(__pa((char *)vaddr + i * PAGE_SIZE));

		ref = gnttab_grant_foreign_access(dev->otherend_id, pfn_to_mfn(pfn), false);
		if (ref < 0) {
			pr_err("%s: cannot grant ring page %u: %d\n", dev->nodename, i, ref);
			while (i--)
				gnttab_end_foreign_access(refs[i], NULL);
			return ref;
		}
		refs[i] = ref;
	}
	return 0;
}

int xenbus_wait_otherend(struct xenbus_device *dev, enum xenbus_state state,
			 unsigned int ms)
{
	u64 start = sched_clock(), limit = (u64)ms * 1000000;

	xenbus_run_watches();
	while (dev->otherend_state != state) {
		u64 spent = sched_clock() - start;

		if (spent >= limit)
			return -ETIMEDOUT;
		xenbus_wait_for_watches((limit - spent) / 1000000 + 1);
	}
	return 0;
}
