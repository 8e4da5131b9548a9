/* SPDX-License-Identifier: GPL-2.0 */
/* Between the generic event code and an ABI (2-level now; FIFO later). */
#ifndef _DRIVERS_XEN_EVENTS_INTERNAL_H
#define _DRIVERS_XEN_EVENTS_INTERNAL_H

#include <xen/events.h>

struct evtchn_ops {
	const char *name;
	unsigned int (*max_channels)(void);
	void (*init)(void);			/* every port masked */
	bool (*is_pending)(evtchn_port_t port);
	void (*clear_pending)(evtchn_port_t port);
	void (*mask)(evtchn_port_t port);
	void (*unmask)(evtchn_port_t port);	/* re-raises a pending port */
	/* Run @fn for each pending unmasked port, clearing it first. */
	void (*handle_events)(void (*fn)(evtchn_port_t port));
};

extern const struct evtchn_ops evtchn_ops_2l;

#endif
