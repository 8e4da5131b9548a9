// SPDX-License-Identifier: GPL-2.0
/*
 * Physical interrupts for a PV dom0: a GSI (an IO-APIC input) bound to an
 * event channel, the way Xen 4.17 has a PV hardware domain take one.
 *
 *   PHYSDEVOP_setup_gsi	how the line is wired (Xen programs the pin);
 *				-EEXIST when the pin is programmed already,
 *				which Linux's PV dom0 ignores too
 *   PHYSDEVOP_map_pirq		GSI -> a pirq of ours (DOMID_SELF; identity,
 *				as Linux's dom0 asks, Xen may keep another)
 *   EVTCHNOP_bind_pirq		pirq -> a port on vCPU 0; Xen refuses a line
 *				it owns or another domain holds unshared
 *   PHYSDEVOP_irq_status_query	whether the line needs an EOI hypercall,
 *				unless Xen keeps that in our EOI bitmap
 *				(PHYSDEVOP_pirq_eoi_gmfn_v2), read instead
 *
 * Xen's original model is that a pirq port masked by the guest means
 * "in service" (PHYSDEVOP_IRQ_UNMASK_NOTIFY, and v1's EOI that unmasks):
 * the handler runs with the port masked, and the EOI after it unmasks the
 * port and, for a line Xen holds until the guest is done (level: pin
 * masked or the LAPIC EOI deferred), sends PHYSDEVOP_eoi.  The bitmap is
 * v2, where the EOI does not unmask: we unmask ourselves, in order.
 * Unbinding closes the port (Xen unbinds the line from us); the pirq
 * stays mapped, as in Linux, since Xen takes the IRQ away from a domain
 * that unmaps it (xen_pirq_unmap_gsi() is that, on purpose).
 * Invariant: one entry per GSI, at most MAX_PIRQS; bound iff port != 0.
 */
#define pr_fmt(fmt) "xen: pirq: " fmt

#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/init.h>
#include <asm/bitops.h>
#include <asm/page.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include <asm/xen/page.h>
#include <xen/events.h>
#include <xen/interface/errno.h>
#include <xen/interface/physdev.h>
#include "events_internal.h"

#define MAX_PIRQS	16

/* A GSI we mapped; bound while @port is nonzero (port 0 is never Xen's to give). */
struct pirq_binding {
	bool used;
	unsigned int gsi;
	int pirq;
	evtchn_port_t port;
	bool status_eoi;	/* irq_status_query's XENIRQSTAT_needs_eoi */
};

static struct pirq_binding pirqs[MAX_PIRQS];
static DEFINE_SPINLOCK(pirq_lock);
static unsigned long *eoi_map;		/* Xen's: bit n set, pirq n needs an EOI */
static bool eoi_map_tried;

/* xen_pirq_eoi_map=0: irq_status_query instead, so that path runs too (a mode). */
static int __init eoi_map_setup(const char *val)
{
	eoi_map_tried = !strcmp(val, "0") || !strcmp(val, "off");
	return 0;
}
__setup("xen_pirq_eoi_map=", eoi_map_setup);

const unsigned long *xen_pirq_eoi_map(void)
{
	return eoi_map;
}

static struct pirq_binding *by_port(evtchn_port_t port)
{
	unsigned int i;

	if (!port)
		return NULL;
	for (i = 0; i < MAX_PIRQS; i++)
		if (pirqs[i].used && pirqs[i].port == port)
			return &pirqs[i];
	return NULL;
}

/*
 * Once, before the first bind_pirq: Xen fills the bitmap at bind time,
 * and only for pirqs bound after it has one.  A refusal leaves us on
 * irq_status_query, which is conservative (it says "needs EOI" for all).
 */
static void register_eoi_map(void)
{
	struct physdev_pirq_eoi_gmfn gmfn;
	unsigned long *map;
	long err;

	if (eoi_map_tried)
		return;
	eoi_map_tried = true;
	map = get_zeroed_page();
	if (!map)
		return;
	gmfn.gmfn = pfn_to_mfn(PFN_DOWN(__pa(map)));
	err = HYPERVISOR_physdev_op(PHYSDEVOP_pirq_eoi_gmfn_v2, &gmfn);
	if (err) {
		pr_info("no EOI bitmap (%s): asking irq_status_query\n", xen_errname(err));
		free_pages(map, 0);
		return;
	}
	eoi_map = map;
}

static bool needs_eoi(const struct pirq_binding *pb)
{
	return eoi_map ? test_bit(pb->pirq, eoi_map) : pb->status_eoi;
}

bool xen_pirq_needs_eoi(evtchn_port_t port)
{
	struct pirq_binding *pb = by_port(port);

	return pb && needs_eoi(pb);
}

int xen_pirq_of_port(evtchn_port_t port)
{
	struct pirq_binding *pb = by_port(port);

	return pb ? pb->pirq : -1;
}

void xen_pirq_eoi(evtchn_port_t port)
{
	struct pirq_binding *pb = by_port(port);
	struct physdev_eoi eoi;
	long err;

	/* The port first: an interrupt the EOI lets through finds it open. */
	xen_evtchn_unmask(port);
	if (!pb || !needs_eoi(pb))
		return;
	eoi.irq = pb->pirq;
	err = HYPERVISOR_physdev_op(PHYSDEVOP_eoi, &eoi);
	xen_events_stats.pirq_eois++;
	if (err)
		pr_err("EOI of pirq %d (GSI %u): %s\n", pb->pirq, pb->gsi, xen_errname(err));
}

static void close_pirq_port(evtchn_port_t port)
{
	struct evtchn_close close = { .port = port };

	HYPERVISOR_event_channel_op(EVTCHNOP_close, &close);
}

/*
 * The GSI's entry, mapped (PHYSDEVOP_setup_gsi, PHYSDEVOP_map_pirq) if
 * it was not: with pirq_lock held, returns it or NULL with *err set.
 * An entry that is mapped stays so until xen_pirq_unmap_gsi().
 */
static struct pirq_binding *mapped_gsi(unsigned int gsi, unsigned int flags, const char *name,
				       long *err)
{
	struct physdev_setup_gsi setup = {
		.gsi = gsi,
		.triggering = !!(flags & XEN_PIRQ_LEVEL),
		.polarity = !!(flags & XEN_PIRQ_ACTIVE_LOW),
	};
	struct physdev_map_pirq map = {
		.domid = DOMID_SELF, .type = MAP_PIRQ_TYPE_GSI, .index = gsi, .pirq = gsi,
	};
	struct pirq_binding *pb = NULL;
	unsigned int i;

	for (i = 0; i < MAX_PIRQS; i++) {
		if (pirqs[i].used && pirqs[i].gsi == gsi)
			return &pirqs[i];
		if (!pirqs[i].used && !pb)
			pb = &pirqs[i];
	}
	*err = -ENOSPC;
	if (!pb)
		return NULL;
	*err = HYPERVISOR_physdev_op(PHYSDEVOP_setup_gsi, &setup);
	if (*err && *err != -XEN_EEXIST) {
		pr_err("%s: setup GSI %u: %s\n", name, gsi, xen_errname(*err));
		return NULL;
	}
	*err = HYPERVISOR_physdev_op(PHYSDEVOP_map_pirq, &map);
	if (*err) {
		pr_err("%s: map GSI %u: %s\n", name, gsi, xen_errname(*err));
		return NULL;
	}
	*pb = (struct pirq_binding){ .used = true, .gsi = gsi, .pirq = map.pirq };
	return pb;
}

int bind_pirq_to_handler(unsigned int gsi, unsigned int flags, xen_evtchn_handler_t fn,
			 void *data, const char *name)
{
	struct physdev_irq_status_query query;
	struct evtchn_bind_pirq bind = { 0 };
	struct pirq_binding *pb;
	unsigned long irqf;
	long err;
	int ret;

	if (!xen_pv_domain() || !xen_initial_domain())
		return -ENODEV;
	register_eoi_map();
	/* The hypercalls under the lock: binding is rare, and never in an upcall. */
	spin_lock_irqsave(&pirq_lock, irqf);
	pb = mapped_gsi(gsi, flags, name, &err);
	if (!pb) {
		ret = err;
		goto out;
	}
	ret = -EBUSY;
	if (pb->port) {
		pr_err("%s: GSI %u already bound\n", name, gsi);
		goto out;
	}
	bind.pirq = pb->pirq;
	bind.flags = flags & XEN_PIRQ_SHARED ? BIND_PIRQ__WILL_SHARE : 0;
	err = HYPERVISOR_event_channel_op(EVTCHNOP_bind_pirq, &bind);
	if (err) {
		pr_err("%s: bind pirq %d (GSI %u): %s\n", name, pb->pirq, gsi, xen_errname(err));
		ret = err;
		goto out;
	}
	query.irq = pb->pirq;
	err = HYPERVISOR_physdev_op(PHYSDEVOP_irq_status_query, &query);
	pb->status_eoi = err || (query.flags & XENIRQSTAT_needs_eoi);
	pb->port = bind.port;
	spin_unlock_irqrestore(&pirq_lock, irqf);
	/* Unmasked here: from now on its events run fn and then the EOI. */
	ret = xen_evtchn_attach_pirq(bind.port, fn, data, name);
	if (ret < 0) {
		close_pirq_port(bind.port);
		pb->port = 0;
		return ret;
	}
	pr_info("%s: GSI %u is pirq %d on port %u%s%s\n", name, gsi, pb->pirq, bind.port,
		needs_eoi(pb) ? ", EOI after each" : "",
		!err && (query.flags & XENIRQSTAT_shared) ? ", shared" : "");
	return ret;
out:
	spin_unlock_irqrestore(&pirq_lock, irqf);
	return ret;
}

/*
 * Only the port: Xen's EVTCHNOP_close unbinds the line from us, and the
 * mapping stays for the next bind.  Xen revokes a domain's access to an
 * IRQ when its pirq is unmapped (unmap_domain_pirq: irq_deny_access), so
 * a dom0 that unmapped a GSI could never map it again; Linux's PV dom0
 * does not unmap GSIs either (only MSIs, in xen_destroy_irq).
 */
int unbind_pirq_from_handler(evtchn_port_t port)
{
	struct pirq_binding *pb;
	unsigned long irqf;

	spin_lock_irqsave(&pirq_lock, irqf);
	pb = by_port(port);
	spin_unlock_irqrestore(&pirq_lock, irqf);
	if (!pb)
		return -EINVAL;
	unbind_from_handler(port);	/* masks and closes */
	pb->port = 0;
	return 0;
}

int xen_pirq_unmap_gsi(unsigned int gsi)
{
	struct physdev_unmap_pirq unmap = { .domid = DOMID_SELF };
	unsigned long irqf;
	unsigned int i;
	long err = -ENOENT;

	spin_lock_irqsave(&pirq_lock, irqf);
	for (i = 0; i < MAX_PIRQS; i++) {
		if (!pirqs[i].used || pirqs[i].gsi != gsi)
			continue;
		err = -EBUSY;
		if (pirqs[i].port)
			break;
		unmap.pirq = pirqs[i].pirq;
		err = HYPERVISOR_physdev_op(PHYSDEVOP_unmap_pirq, &unmap);
		if (err)
			pr_err("unmap pirq %d (GSI %u): %s\n", unmap.pirq, gsi, xen_errname(err));
		else
			pirqs[i].used = false;
		break;
	}
	spin_unlock_irqrestore(&pirq_lock, irqf);
	return err;
}
