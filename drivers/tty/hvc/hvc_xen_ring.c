// SPDX-License-Identifier: GPL-2.0
/*
 * The Xen PV console ring protocol (io/console.h): one shared page, an
 * output ring we produce into and the backend (xenconsoled in dom0)
 * consumes, an input ring the other way round, and an event channel to
 * tell each other.  No hypercall here: the caller supplies notify, wait
 * and a clock, so a test can play the backend on a ring of its own.
 *
 * Invariants:
 *  - only our own indices are trusted (out_prod, in_cons: kept here and
 *    written to the page); the backend's (out_cons, in_prod) are read
 *    once per step and checked: out_cons must lie between the last value
 *    seen and our out_prod, in_prod at most a ring ahead of in_cons and
 *    never behind the last value seen.  A failed check is reported
 *    (r->error, r->why, r->bad) and the ring is not used again;
 *  - output is never dropped while the backend consumes: a full ring
 *    means notify and wait.  A backend that does not move for
 *    r->stall_ns marks the ring stalled: from then on writes put what
 *    fits and count the rest as dropped, without waiting, until the
 *    backend moves again (then the count is written in-band);
 *  - x86 keeps stores in order with stores and loads with loads, so the
 *    data before an index and an index before the data it covers need
 *    only a compiler barrier.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <xen/hvc-console.h>

static void ring_fail(struct xencons_ring *r, const char *why, u32 bad)
{
	r->error = -EIO;
	r->why = why;
	r->bad = bad;
}

/* Free space in the output ring, or -EIO if out_cons is not believable. */
static int out_space(struct xencons_ring *r)
{
	u32 cons = READ_ONCE(r->intf->out_cons);

	barrier();
	/* In [seen, prod]: u32 differences, so wrap-around is fine. */
	if (cons - r->out_cons_seen > r->out_prod - r->out_cons_seen) {
		ring_fail(r, "out_cons outside [last seen, out_prod]", cons);
		return -EIO;
	}
	if (cons != r->out_cons_seen)
		r->progress = true;
	r->out_cons_seen = cons;
	return sizeof(r->intf->out) - (r->out_prod - cons);
}

/* Put up to @n bytes that fit; how many. */
static size_t out_put(struct xencons_ring *r, const char *s, size_t n, size_t space)
{
	size_t i, k = min(n, space);

	for (i = 0; i < k; i++)
		r->intf->out[MASK_XENCONS_IDX(r->out_prod + i, r->intf->out)] = s[i];
	barrier();			/* the bytes before the index covering them */
	r->out_prod += k;
	WRITE_ONCE(r->intf->out_prod, r->out_prod);
	return k;
}

static int put_all(struct xencons_ring *r, const char *s, size_t n, bool may_wait);

/* The backend moved after a stall: say how much was lost meanwhile. */
static void report_dropped(struct xencons_ring *r)
{
	char msg[64];
	int len;

	r->stalled = false;
	if (!r->dropped)
		return;
	len = snprintf(msg, sizeof(msg), "\n[xen console: %lu bytes dropped]\n", r->dropped);
	r->dropped = 0;
	put_all(r, msg, len, false);
}

static int put_all(struct xencons_ring *r, const char *s, size_t n, bool may_wait)
{
	u64 deadline = 0;
	size_t done = 0, k;
	int space;

	while (done < n) {
		space = out_space(r);
		if (space < 0)
			return space;
		k = out_put(r, s + done, n - done, space);
		done += k;
		if (k) {
			deadline = 0;
			r->notify(r);
			continue;
		}
		/* Full. */
		if (!may_wait || r->stalled) {
			r->dropped += n - done;
			return done;
		}
		if (!deadline)
			deadline = r->now() + r->stall_ns;
		if (r->wait(r, deadline))
			continue;
		/* The deadline passed: stalled unless it moved just now. */
		space = out_space(r);
		if (space < 0)
			return space;
		if (!space) {
			r->stalled = true;
			r->stalls++;
			r->dropped += n - done;
			return done;
		}
	}
	return done;
}

ssize_t xencons_ring_write(struct xencons_ring *r, const char *s, size_t n)
{
	int space;

	if (r->error)
		return r->error;
	if (r->stalled) {
		/* Has the backend moved since?  Then it may wait again. */
		r->progress = false;
		space = out_space(r);
		if (space < 0)
			return space;
		if (r->progress)
			report_dropped(r);
	}
	return put_all(r, s, n, true);
}

ssize_t xencons_ring_read(struct xencons_ring *r, char *buf, size_t n)
{
	u32 prod, avail;
	size_t i, k;

	if (r->error)
		return r->error;
	prod = READ_ONCE(r->intf->in_prod);
	barrier();			/* the index before the bytes it covers */
	avail = prod - r->in_cons;
	if (avail > sizeof(r->intf->in) || prod - r->in_prod_seen > sizeof(r->intf->in)) {
		ring_fail(r, avail > sizeof(r->intf->in) ?
			  "in_prod more than a ring ahead of in_cons" :
			  "in_prod moved backwards", prod);
		return -EIO;
	}
	r->in_prod_seen = prod;
	k = min(n, (size_t)avail);
	for (i = 0; i < k; i++)
		buf[i] = r->intf->in[MASK_XENCONS_IDX(r->in_cons + i, r->intf->in)];
	barrier();			/* the bytes read before the slots are given back */
	r->in_cons += k;
	WRITE_ONCE(r->intf->in_cons, r->in_cons);
	if (k)
		r->notify(r);
	return k;
}

void xencons_ring_attach(struct xencons_ring *r, struct xencons_interface *intf)
{
	r->intf = intf;
	/* Where the domain builder left them (zero for a fresh page). */
	r->out_prod = READ_ONCE(intf->out_prod);
	r->out_cons_seen = READ_ONCE(intf->out_cons);
	r->in_cons = READ_ONCE(intf->in_cons);
	r->in_prod_seen = r->in_cons;
	r->error = 0;
	r->why = NULL;
	if (r->out_prod - r->out_cons_seen > sizeof(intf->out))
		ring_fail(r, "out_cons not within a ring of out_prod at attach", r->out_cons_seen);
}
