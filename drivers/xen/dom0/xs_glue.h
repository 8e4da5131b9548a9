/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Between the xenstore server's kernel glue files: the one server
 * (made by xsd_local_init) and the lock every entry point takes, so
 * that the core only ever sees one caller.  Held in process context
 * only; no event handler takes it.
 */
#ifndef _DRIVERS_XEN_DOM0_XS_GLUE_H
#define _DRIVERS_XEN_DOM0_XS_GLUE_H

#include <linux/spinlock.h>
#include <xen/xenstored.h>

extern struct xsd_server *xsd_srv;
extern spinlock_t xsd_lock;

/* xs_ring.c: the hooks for INTRODUCE and RELEASE from dom0's client. */
int xsd_ring_introduce_hook(struct xsd_server *s, domid_t domid, u64 mfn,
			    evtchn_port_t port);
int xsd_ring_release_hook(struct xsd_server *s, domid_t domid);

#endif
