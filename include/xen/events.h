/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Event channels, the interrupts of a Xen guest (drivers/xen/events/).
 * A port is bound to a source (a VIRQ, an IPI, another domain's port), a
 * handler is attached, and the upcall runs the handlers of pending,
 * unmasked ports with events masked.  Ports start masked; binding
 * unmasks once the handler is in place.
 */
#ifndef _XEN_EVENTS_H
#define _XEN_EVENTS_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/xen/hypercall.h>
#include <xen/interface/event_channel.h>

typedef void (*xen_evtchn_handler_t)(evtchn_port_t port, void *data);

/* Set up the ABI and take over the upcall; after shared_info is mapped. */
int xen_events_init(void);
/* On a secondary vCPU, before its ports are bound: its per-vCPU state. */
int xen_events_cpu_init(void);
bool xen_events_ready(void);

/* Each returns the port (>= 0) or a negative errno (Xen's, by name in the log). */
int bind_virq_to_handler(unsigned int virq, unsigned int cpu,
			 xen_evtchn_handler_t fn, void *data, const char *name);
int bind_ipi_to_handler(unsigned int cpu, xen_evtchn_handler_t fn, void *data,
			const char *name);
/* A port already allocated (an interdomain one): attach and unmask. */
int bind_evtchn_to_handler(evtchn_port_t port, xen_evtchn_handler_t fn, void *data,
			   const char *name);
/*
 * Late EOI, for a peer not trusted to be quiet (a backend): from each
 * event until the driver calls xen_evtchn_lateeoi() the port is masked,
 * so the peer cannot make the handler run again while it works.
 */
int bind_evtchn_to_handler_lateeoi(evtchn_port_t port, xen_evtchn_handler_t fn, void *data,
				   const char *name);
/*
 * @spurious: the event had nothing for the driver.  After two in a row
 * the port stays masked a while (xen_evtchn_spurious_delay()), longer
 * for each further one, until an EOI that found work.
 */
void xen_evtchn_lateeoi(evtchn_port_t port, bool spurious);
/* The unmask delay after the @n-th spurious EOI in a row, in ns. */
u64 xen_evtchn_spurious_delay(unsigned int n);
/* Mask, detach, and close the port with Xen. */
void unbind_from_handler(evtchn_port_t port);

/*
 * A physical interrupt, for a PV dom0 (drivers/xen/events/events_pirq.c):
 * GSI @gsi is mapped to a Xen pirq and bound to a port whose handler
 * runs with the port masked; the EOI after it (unmask, and
 * PHYSDEVOP_eoi when Xen says the line needs one) lets the next one in.
 * The handler must quiet the device first.  Flags: how the line is
 * wired (PHYSDEVOP_setup_gsi), and whether another domain may share it.
 */
#define XEN_PIRQ_LEVEL		0x1	/* level-triggered (else edge) */
#define XEN_PIRQ_ACTIVE_LOW	0x2	/* else active high */
#define XEN_PIRQ_SHARED		0x4	/* BIND_PIRQ__WILL_SHARE */
int bind_pirq_to_handler(unsigned int gsi, unsigned int flags, xen_evtchn_handler_t fn,
			 void *data, const char *name);
/* Detach and close the port (the GSI stays mapped for the next bind): 0 or -EINVAL. */
int unbind_pirq_from_handler(evtchn_port_t port);
/*
 * Give an unbound GSI's pirq back (PHYSDEVOP_unmap_pirq): Xen then denies
 * us the IRQ for good.  0, -ENOENT (not mapped), -EBUSY (bound) or Xen's.
 */
int xen_pirq_unmap_gsi(unsigned int gsi);
/* The pirq Xen gave @port's GSI, or -1 for a port that is not one. */
int xen_pirq_of_port(evtchn_port_t port);
/* Whether Xen wants PHYSDEVOP_eoi after @port's events (its bitmap, else irq_status_query). */
bool xen_pirq_needs_eoi(evtchn_port_t port);
/* Xen's PHYSDEVOP_pirq_eoi_gmfn_v2 bitmap, or NULL (tests read it). */
const unsigned long *xen_pirq_eoi_map(void);

/*
 * Inline, as the send is the whole op: one hypercall from the caller's
 * frame.  A refusal is reported out of line (a closed port, a bad one).
 */
void xen_evtchn_send_failed(evtchn_port_t port, long err);

static inline void notify_remote_via_evtchn(evtchn_port_t port)
{
	struct evtchn_send send = { .port = port };
	long err = HYPERVISOR_event_channel_op(EVTCHNOP_send, &send);

	if (unlikely(err))
		xen_evtchn_send_failed(port, err);
}
void xen_evtchn_mask(evtchn_port_t port);
/*
 * Have Xen notify @cpu for @port from now on (an interdomain or unbound
 * port, or a global VIRQ): 0 or Xen's error.  Its handler then runs there.
 */
int xen_evtchn_bind_vcpu(evtchn_port_t port, unsigned int cpu);
void xen_evtchn_unmask(evtchn_port_t port);
bool xen_evtchn_is_pending(evtchn_port_t port);
/* Forget a pending event (before polling on the port, say), in either ABI. */
void xen_evtchn_clear_pending(evtchn_port_t port);
/*
 * For tests that read Xen's own representation: whether the FIFO ABI is
 * in use, and a port's raw 32-bit event word there (0 outside the array).
 */
bool xen_evtchn_fifo(void);
u32 xen_evtchn_fifo_word(evtchn_port_t port);

/* Deliveries to a port's handler since it was bound. */
unsigned long xen_evtchn_count(evtchn_port_t port);

struct xen_events_stats {
	unsigned long upcalls;		/* upcall entries */
	unsigned long handled;		/* handler calls */
	unsigned long stray;		/* pending ports nobody bound (masked) */
	unsigned long spurious;		/* late EOIs with nothing done */
	unsigned long throttled;	/* of which the unmask was put off */
	unsigned long throttle_full;	/* ... would have been, list full */
	unsigned long pirq_eois;	/* PHYSDEVOP_eoi calls */
};
extern struct xen_events_stats xen_events_stats;

#endif
