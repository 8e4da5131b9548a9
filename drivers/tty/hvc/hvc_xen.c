// SPDX-License-Identifier: GPL-2.0
/*
 * The Xen console as the kernel console of a PV domain.
 *
 * From the first C code of the PV entry the console is registered, but
 * where its bytes may go is not known yet: dom0 writes to Xen's console
 * with CONSOLEIO_write, a domU must use its console ring (Xen drops a
 * domU's console_io writes unless built for debugging), and the ring's
 * frame needs the P2M and M2P first.  So output is buffered until the
 * PV entry picks one (xen_console_use_*), then flushed in order; what
 * did not fit in the buffer is counted and said.
 *
 * Under PVH (and HVM) Xen also prints what the guest writes to its debug
 * port, I/O port 0xe9, as "(dN) ..." lines on its own console
 * (guest_loglvl=all shows them on a release build).  So while the boot
 * buffers before the ring is known, each write goes out there too, and
 * what is buffered while the ring is held (xen_console_hold) goes out
 * there if the domain ends before the ring is back: an early panic is
 * seen, at one VM exit per byte, paid only on those paths.
 *
 * A domU's ring (hvc_xen_ring.c) waits for the backend with
 * SCHEDOP_poll on the console's event channel, bounded by Xen's system
 * time, so a full ring slows the kernel down but never hangs it.
 */
#define pr_fmt(fmt) "xen: " fmt

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/errno.h>
#include <linux/irqflags.h>
#include <linux/string.h>
#include <asm/bitops.h>
#include <asm/io.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include <xen/events.h>
#include <xen/hvc-console.h>
#include <xen/interface/sched.h>
#include <xen/interface/xen.h>

enum xen_console_mode { XENCONS_BUFFER, XENCONS_HYPERVISOR, XENCONS_RING, XENCONS_PORT };

static enum xen_console_mode mode;
static char early_buf[16384];
static size_t early_len;
static unsigned long early_lost;
static struct xencons_ring ring;
static bool debug_port;		/* PVH: Xen's port 0xe9 is there */
static size_t port_sent;	/* of early_buf, bytes already on the port */
static bool ring_held;

/* A backend that drains nothing for this long is taken as stalled. */
#define XENCONS_STALL_NS	(5ULL * 1000 * 1000 * 1000)
#define XENCONS_POLL_NS		(10ULL * 1000 * 1000)
/*
 * Drained is not yet read: xenconsoled passes the bytes on to a pty that
 * `xl console` reads when it next runs, and a domain destroyed first
 * hangs the pty up, which discards what it still holds (seen as the
 * last lines missing under a loaded dom0).  A moment for the reader.
 */
#define XENCONS_GRACE_NS	(1000ULL * 1000 * 1000)

static void ring_notify(struct xencons_ring *r)
{
	struct evtchn_send send = { .port = r->port };

	/* The console itself: a failure has nowhere to be reported. */
	HYPERVISOR_event_channel_op(EVTCHNOP_send, &send);
}

/*
 * Block in Xen until the backend signals or a short timeout; the pending
 * bit is cleared first (once shared_info is mapped) so an old event does
 * not end the poll at once, and the ring is looked at again by the
 * caller in any case, so a lost wake-up costs one timeout.
 */
static bool ring_wait(struct xencons_ring *r, u64 deadline)
{
	evtchn_port_t port = r->port;
	struct sched_poll poll = { .nr_ports = 1 };
	u64 now = r->now();

	if (now >= deadline)
		return false;
	r->notify(r);
	if (HYPERVISOR_shared_info)
		xen_evtchn_clear_pending(port);
	set_xen_guest_handle(poll.ports, &port);
	poll.timeout = min(deadline, now + XENCONS_POLL_NS);
	HYPERVISOR_sched_op(SCHEDOP_poll, &poll);
	return true;
}

static void hyp_write(const char *s, size_t n)
{
	HYPERVISOR_console_io(CONSOLEIO_write, n, s);
}

void xen_console_debug_port_write(const char *s, size_t n)
{
	while (n--)
		outb(*s++, XEN_HVM_DEBUGCONS_IOPORT);
}

static void ring_put(const char *s, size_t n)
{
	/* A backend we cannot trust: Xen's console (a domU's: the port). */
	if (xencons_ring_write(&ring, s, n) < 0)
		mode = debug_port ? XENCONS_PORT : XENCONS_HYPERVISOR;
}

static void emit(const char *s, size_t n)
{
	switch (mode) {
	case XENCONS_BUFFER: {
		size_t k = min(n, sizeof(early_buf) - early_len);

		memcpy(early_buf + early_len, s, k);
		early_len += k;
		early_lost += n - k;
		/* Before any ring: nowhere else to see a failure of the boot. */
		if (debug_port && !ring_held) {
			xen_console_debug_port_write(s, n);
			port_sent = early_len;
		}
		break;
	}
	case XENCONS_HYPERVISOR:
		hyp_write(s, n);
		break;
	case XENCONS_RING:
		ring_put(s, n);
		break;
	case XENCONS_PORT:
		xen_console_debug_port_write(s, n);
		break;
	}
}

static void xen_console_write(struct console *con, const char *s, size_t n)
{
	unsigned long flags;

	/* One writer at a time on the ring (printk from an interrupt). */
	local_irq_save(flags);
	emit(s, n);
	local_irq_restore(flags);
}

void xen_console_write_raw(const char *s, size_t n)
{
	xen_console_write(NULL, s, n);
}

static struct console xen_console = {
	.name = "xen",
	.write = xen_console_write,
};

void xen_early_console_init(void)
{
	register_console(&xen_console);
}

void xen_console_use_debug_port(void)
{
	debug_port = true;
	xen_console_debug_port_write(early_buf, early_len);
	port_sent = early_len;
}

static void flush_early(enum xen_console_mode to)
{
	char msg[64];
	int len;

	mode = to;
	emit(early_buf, early_len);
	if (early_lost) {
		len = snprintf(msg, sizeof(msg), "[xen console: %lu early bytes lost]\n",
			       early_lost);
		emit(msg, len);
	}
	early_len = 0;
	early_lost = 0;
	port_sent = 0;
}

void xen_console_use_hypervisor(void)
{
	flush_early(XENCONS_HYPERVISOR);
}

void xen_console_use_ring(struct xencons_interface *intf, evtchn_port_t port,
			  u64 (*now)(void))
{
	ring.port = port;
	ring.notify = ring_notify;
	ring.wait = ring_wait;
	ring.now = now;
	ring.stall_ns = XENCONS_STALL_NS;
	xencons_ring_attach(&ring, intf);
	flush_early(!ring.error ? XENCONS_RING : debug_port ? XENCONS_PORT : XENCONS_HYPERVISOR);
	if (ring.error)
		pr_err("console ring refused: %s (index %u)\n", ring.why, ring.bad);
}

/*
 * The ring is about to be unreachable for a while (PVH: the switch to
 * our own page tables, which do not map it where the early ones did):
 * buffer as at boot until xen_console_move_ring() says where it is.
 */
void xen_console_hold(void)
{
	if (mode != XENCONS_RING)
		return;
	mode = XENCONS_BUFFER;
	ring_held = true;
}

void xen_console_move_ring(struct xencons_interface *intf)
{
	ring.intf = intf;
	if (ring_held) {
		ring_held = false;
		flush_early(XENCONS_RING);
	}
}

/*
 * Before the domain ends: the backend must have taken everything, or
 * the last lines (the suites' results) die with the domain.  Bounded:
 * a backend that does not drain costs XENCONS_STALL_NS, not a hang.
 */
void xen_console_drain(void)
{
	u64 deadline;
	char msg[64];
	int len;

	/* Still buffering (PVH, the ring held or not known yet): the port. */
	if (mode == XENCONS_BUFFER && debug_port) {
		xen_console_debug_port_write(early_buf + port_sent, early_len - port_sent);
		port_sent = early_len;
		if (early_lost) {
			len = snprintf(msg, sizeof(msg), "[xen console: %lu early bytes lost]\n",
				       early_lost);
			xen_console_debug_port_write(msg, len);
		}
		return;
	}

	if (mode != XENCONS_RING || ring.error)
		return;
	deadline = ring.now() + XENCONS_STALL_NS;
	while (READ_ONCE(ring.intf->out_cons) != ring.out_prod && ring.wait(&ring, deadline))
		;
	if (READ_ONCE(ring.intf->out_cons) != ring.out_prod)
		return;		/* stalled: no reader to wait for */
	deadline = ring.now() + XENCONS_GRACE_NS;
	while (ring.wait(&ring, deadline))
		;
}

struct xencons_ring *xen_console_ring(void)
{
	return mode == XENCONS_RING || ring.intf ? &ring : NULL;
}

ssize_t xen_console_read(char *buf, size_t n)
{
	unsigned long flags;
	ssize_t r;

	if (!ring.intf)
		return -ENODEV;
	local_irq_save(flags);
	r = xencons_ring_read(&ring, buf, n);
	local_irq_restore(flags);
	return r;
}
