/* SPDX-License-Identifier: GPL-2.0 */
/* Between the generic event code and an ABI: 2-level or FIFO. */
#ifndef _DRIVERS_XEN_EVENTS_INTERNAL_H
#define _DRIVERS_XEN_EVENTS_INTERNAL_H

#include <xen/events.h>
#include <xen/interface/event_channel.h>

struct evtchn_ops {
	const char *name;
	unsigned int (*max_channels)(void);
	void (*init)(void);			/* every port masked */
	/* Optional: make @port usable before it is bound (0 or -errno). */
	int (*setup)(evtchn_port_t port);
	bool (*is_pending)(evtchn_port_t port);
	void (*clear_pending)(evtchn_port_t port);
	/* Mark @port pending again, as Xen would (on a masked port: kept). */
	void (*set_pending)(evtchn_port_t port);
	void (*mask)(evtchn_port_t port);
	bool (*is_masked)(evtchn_port_t port);
	void (*unmask)(evtchn_port_t port);	/* re-raises a pending port */
	/*
	 * Optional: @port now notifies @cpu (2-level: which CPU's upcall
	 * handles it; FIFO has a queue per vCPU and needs nothing).
	 */
	void (*bind_to_cpu)(evtchn_port_t port, unsigned int cpu);
	/* Optional: Xen still has @port on a queue (FIFO's LINKED). */
	bool (*is_linked)(evtchn_port_t port);
	/* Run @fn for each pending unmasked port, clearing it first. */
	void (*handle_events)(void (*fn)(evtchn_port_t port));
};

extern const struct evtchn_ops evtchn_ops_2l;
extern const struct evtchn_ops evtchn_ops_fifo;

/* This CPU's FIFO control block and the first array page (events_fifo.c). */
int evtchn_fifo_cpu_init(void);

struct evtchn_fifo_stats {
	unsigned long bad_links;	/* a head or link beyond our array */
};
extern struct evtchn_fifo_stats evtchn_fifo_stats;

/* For tests: a port's raw event word, and how many array pages Xen maps. */
event_word_t evtchn_fifo_word(evtchn_port_t port);
unsigned int evtchn_fifo_array_pages(void);
/* Unbound ports whose close waits for Xen to unlink them (tests). */
unsigned int xen_evtchn_closing(void);
/* The CPU a port is bound to (0 for one bound to nothing here). */
unsigned int xen_evtchn_cpu(evtchn_port_t port);
/* The ABI in use, or NULL before xen_events_init(). */
const struct evtchn_ops *xen_evtchn_abi(void);

/*
 * events_pirq.c's way in: attach a port Xen just bound (EVTCHNOP_bind_pirq)
 * with its handler run masked and xen_pirq_eoi() after it; the port or
 * -errno (the port is not closed on failure: the caller's to undo).
 */
int xen_evtchn_attach_pirq(evtchn_port_t port, xen_evtchn_handler_t fn, void *data,
			   const char *name);
/* After a pirq port's handler: unmask it, and PHYSDEVOP_eoi if Xen wants one. */
void xen_pirq_eoi(evtchn_port_t port);

#endif
