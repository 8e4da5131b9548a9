/* SPDX-License-Identifier: GPL-2.0 */
/* The console backend (console_back.c), private to drivers/xen/dom0/. */
#ifndef _DOM0_CONSOLE_H
#define _DOM0_CONSOLE_H

#include <linux/types.h>
#include <xen/interface/event_channel.h>
#include <xen/interface/io/console.h>

struct dom0_guest;

struct dom0_console {
	domid_t domid;
	struct xencons_interface *ring;	/* the guest's page, mapped */
	evtchn_port_t port;		/* our end of its console channel */
	bool kicked;			/* an event since the last EOI */
	unsigned long since_eoi;	/* bytes taken since then */
	bool broken;			/* a bad index seen: no more reads */
	XENCONS_RING_IDX cons;		/* ours: the guest may rewrite out_cons */
	unsigned long bytes;		/* copied out so far */
	unsigned int len;
	char line[160];
	/* Each whole line, as printed, for whoever judges the guest. */
	void (*on_line)(struct dom0_console *c, const char *line);
	void *priv;
};

int dom0_console_attach(struct dom0_console *c, const struct dom0_guest *g);
/*
 * Copy out at most @budget bytes and 32 lines; how many bytes it took
 * (0: nothing there).
 */
unsigned int dom0_console_poll(struct dom0_console *c, unsigned int budget);
/* Print what is left (a last line without its newline), unbind, unmap. */
void dom0_console_detach(struct dom0_console *c);

#endif
