// SPDX-License-Identifier: GPL-2.0
/*
 * Console backend: each guest's console ring (xen/include/public/io/
 * console.h, the page the builder gave it) copied to dom0's console a
 * line at a time as "[dN] text", the job xenconsoled does for xl.
 *
 * The ring's indexes are the guest's to write and so are not believed:
 * we keep our own consumer index (the ring's out_cons is only told), and
 * a producer more than a ring ahead of it is a lie: the console is then
 * left alone for good with one message saying so.  Each pass takes at
 * most a budget of bytes and of lines, so a guest that writes without
 * end cannot keep dom0 from its other guests nor flood dom0's console.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <asm/barrier.h>
#include <asm/xen/hypercall.h>
#include <xen/events.h>
#include <xen/foreign.h>
#include "console.h"
#include "guest.h"

static void flush_line(struct dom0_console *c)
{
	c->line[c->len] = '\0';
	pr_info("[d%u] %s\n", c->domid, c->line);
	if (c->on_line)
		c->on_line(c, c->line);
	c->len = 0;
}

#define LINES_PER_PASS	32

/* Late EOI, as the block backend: masked until the loop has read. */
static void kick(evtchn_port_t port, void *data)
{
	struct dom0_console *c = data;

	WRITE_ONCE(c->kicked, true);
	dom0_wake();
}

int dom0_console_attach(struct dom0_console *c, const struct dom0_guest *g)
{
	struct evtchn_bind_interdomain bind = {
		.remote_dom = g->domid, .remote_port = g->console_port,
	};
	xen_pfn_t mfn = g->console_mfn;
	long rc;
	int err;

	memset(c, 0, sizeof(*c));
	c->domid = g->domid;
	c->ring = xen_map_foreign(g->domid, &mfn, 1, true, &err);
	if (!c->ring)
		return err;
	c->cons = 0;		/* the builder gave the guest a zeroed ring */
	rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_interdomain, &bind);
	if (rc) {
		pr_err("dom0: binding d%u's console port %u: %s\n", g->domid, g->console_port,
		       xen_errname(rc));
		goto fail;
	}
	c->port = bind.local_port;
	rc = bind_evtchn_to_handler_lateeoi(c->port, kick, c, "dom0-console");
	if (rc < 0) {
		struct evtchn_close close = { .port = c->port };

		HYPERVISOR_event_channel_op(EVTCHNOP_close, &close);
		goto fail;
	}
	return 0;
fail:
	xen_unmap_foreign(c->ring, 1);
	c->ring = NULL;
	c->port = 0;
	return rc;
}

static unsigned int read_ring(struct dom0_console *c, unsigned int budget);

unsigned int dom0_console_poll(struct dom0_console *c, unsigned int budget)
{
	bool kicked = READ_ONCE(c->kicked);
	unsigned int taken;

	WRITE_ONCE(c->kicked, false);
	taken = read_ring(c, budget);
	c->since_eoi += taken;
	/* Spurious only if nothing came since the last EOI (see blkback.c). */
	if (kicked && c->port) {
		xen_evtchn_lateeoi(c->port, !c->since_eoi);
		c->since_eoi = 0;
	}
	return taken;
}

static unsigned int read_ring(struct dom0_console *c, unsigned int budget)
{
	struct xencons_interface *r = c->ring;
	XENCONS_RING_IDX cons = c->cons, prod;
	unsigned int taken = 0, lines = 0;

	if (!r || c->broken)
		return 0;
	prod = READ_ONCE(r->out_prod);
	virt_rmb();		/* the bytes after the index that covers them */
	if (prod - cons > sizeof(r->out)) {
		pr_err("dom0: d%u's console ring is corrupt (out_cons %u, out_prod %u, ring of %zu): no longer read\n",
		       c->domid, cons, prod, sizeof(r->out));
		c->broken = true;
		return 0;
	}
	while (cons != prod && taken < budget && lines < LINES_PER_PASS) {
		char ch = READ_ONCE(r->out[MASK_XENCONS_IDX(cons, r->out)]);

		cons++;
		taken++;
		if (ch == '\n') {
			flush_line(c);
			lines++;
			continue;
		}
		if (ch == '\r')
			continue;
		/* Only printable bytes reach our console. */
		c->line[c->len++] = (ch >= 0x20 && ch < 0x7f) || ch == '\t' ? ch : '?';
		if (c->len == sizeof(c->line) - 1) {
			flush_line(c);
			lines++;
		}
	}
	if (taken) {
		virt_mb();	/* our reads are done before the slots are freed */
		c->cons = cons;
		WRITE_ONCE(r->out_cons, cons);
		c->bytes += taken;
		if (c->port)	/* 0 is never a bound port (Xen reserves it) */
			notify_remote_via_evtchn(c->port);
	}
	return taken;
}

void dom0_console_detach(struct dom0_console *c)
{
	if (c->len)
		flush_line(c);
	if (c->port)
		unbind_from_handler(c->port);
	if (c->ring)
		xen_unmap_foreign(c->ring, 1);
	c->ring = NULL;
	c->port = 0;
}
