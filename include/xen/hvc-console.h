/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Xen console (drivers/tty/hvc/): the kernel console of a PV domain.
 * dom0 writes to Xen's own console (CONSOLEIO_write); a domU, which Xen
 * does not let write there, uses the console ring from its start_info.
 * Until the PV entry says which, output is kept in a buffer.
 */
#ifndef _XEN_HVC_CONSOLE_H
#define _XEN_HVC_CONSOLE_H

#include <linux/types.h>
#include <xen/interface/xen.h>
#include <xen/interface/event_channel.h>
#include <xen/interface/io/console.h>

/* One console ring (hvc_xen_ring.c); hooks so a test can be the backend. */
struct xencons_ring {
	struct xencons_interface *intf;
	u32 out_prod;			/* ours */
	u32 out_cons_seen;		/* the backend's, as last read */
	u32 in_cons;			/* ours */
	u32 in_prod_seen;
	int error;			/* -EIO once an index failed its check */
	const char *why;		/* which check */
	u32 bad;			/* the index that failed it */
	bool progress;			/* out_cons moved at the last read */
	bool stalled;
	unsigned long stalls;		/* times the backend did not drain in time */
	unsigned long dropped;		/* bytes not written while stalled */
	u64 stall_ns;
	void (*notify)(struct xencons_ring *r);
	/* Wait for the backend until @deadline: false once it has passed. */
	bool (*wait)(struct xencons_ring *r, u64 deadline);
	u64 (*now)(void);
	evtchn_port_t port;
};

void xencons_ring_attach(struct xencons_ring *r, struct xencons_interface *intf);
/* Bytes written (all unless stalled), or -EIO (r->why says why). */
ssize_t xencons_ring_write(struct xencons_ring *r, const char *s, size_t n);
/* Bytes read (0: nothing there), or -EIO. */
ssize_t xencons_ring_read(struct xencons_ring *r, char *buf, size_t n);

/* Register the console: it buffers until one of the two below. */
void xen_early_console_init(void);
/*
 * PVH: while buffering, also write to Xen's debug port 0xe9 (what was
 * buffered so far goes out now).
 */
void xen_console_use_debug_port(void);
void xen_console_debug_port_write(const char *s, size_t n);
/* dom0 (or a domain without a ring): Xen's console, buffer flushed. */
void xen_console_use_hypervisor(void);
/*
 * A domU: the ring at @intf (mapped), event channel @port, Xen's system
 * time from @now (the bound on waits), buffer flushed.
 */
void xen_console_use_ring(struct xencons_interface *intf, evtchn_port_t port,
			  u64 (*now)(void));
/* The same ring seen at another address (the direct map, once there). */
void xen_console_hold(void);
void xen_console_move_ring(struct xencons_interface *intf);
/*
 * Wait (bounded) until the backend has taken all output: before shutdown.
 * Still buffering under PVH: the buffer goes out on the debug port.
 */
void xen_console_drain(void);
/* The domU's ring, or NULL (dom0, or not set up). */
struct xencons_ring *xen_console_ring(void);
/* Console input: bytes read, 0 if none, -errno. */
ssize_t xen_console_read(char *buf, size_t n);
/* Straight to the console, as one write (the tests' bursts). */
void xen_console_write_raw(const char *s, size_t n);

#endif
