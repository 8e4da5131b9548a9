/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Between the connection (xenbus_comms.c: the ring, one request in
 * flight, queued watch events) and the operations (xenbus_xs.c).
 */
#ifndef _DRIVERS_XEN_XENBUS_COMMS_H
#define _DRIVERS_XEN_XENBUS_COMMS_H

#include <linux/types.h>
#include <linux/list.h>
#include <xen/interface/event_channel.h>
#include "xenbus_wire.h"

/* Without an answer in this long the daemon is taken for gone. */
#define XB_TIMEOUT_S	30

struct xs_iov {
	const void *base;
	unsigned int len;
};

int xb_comms_init(struct xenstore_domain_interface *intf, evtchn_port_t port);
/*
 * dom0 with the in-kernel server (drivers/xen/dom0/xs_local.c): every
 * request is a call into it while no ring is attached.
 */
void xb_comms_init_local(void);
bool xb_connected(void);
/* A ring (Xen's, or a test's fake daemon) is attached. */
bool xb_ring_attached(void);
/*
 * Tests only (a fake daemon on a loopback port): forget the connection,
 * broken or not, so xb_comms_init() can make a new one.
 */
void xb_comms_detach(void);

/*
 * Send one request of type @type in transaction @tx_id (0: none) with
 * the payload @iov[0..n), and wait for its answer.  0 with *body the
 * reply (kmalloc'd, NUL-terminated after *len bytes), or the daemon's
 * error (XS_ERROR by name), -ETIMEDOUT, -EIO (broken), -ENODEV, -E2BIG
 * (payload over XENSTORE_PAYLOAD_MAX: nothing sent).
 */
int xb_talk(u32 type, u32 tx_id, const struct xs_iov *iov, unsigned int n,
	    char **body, unsigned int *len);

/* An answer of the wrong shape for @type: the connection is broken. */
void xb_bad_reply(u32 type, const char *what, unsigned int len);

/* A watch event, as the daemon sent it. */
struct xb_event {
	struct list_head list;
	const char *path;
	const char *token;
	char data[];
};

/* The oldest queued event (the caller kfrees it), or NULL. */
struct xb_event *xb_next_event(void);
/* Forget the queued events of @token (its watch is going). */
void xb_drop_events(const char *token);
/* Wait up to @ms for an event to be queued: whether one is. */
bool xb_wait_event(unsigned int ms);

#endif
