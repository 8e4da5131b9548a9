// SPDX-License-Identifier: GPL-2.0
/*
 * The FIFO event channel ABI (Xen 4.4 and later): one 32-bit event word
 * per port (PENDING, MASKED, LINKED, BUSY and a 17-bit link), in pages
 * of ours that Xen maps (EVTCHNOP_expand_array, one more page of 1024
 * ports whenever a bound port needs it), and per vCPU a control block
 * (EVTCHNOP_init_control) with a ready bit and a head port for each of
 * 16 priority queues.  Xen links a port that becomes pending and
 * unmasked onto its queue and sets the queue's ready bit; we consume the
 * queues from the highest priority (0) down, one port at a time, so a
 * busy low-priority port cannot starve a high one.
 *
 * Unmasking a pending port is Xen's to relink (EVTCHNOP_unmask).  Words
 * change under Xen's feet, so every change is one atomic operation on the
 * 32-bit word.  Xen writes the heads and links: a port beyond the array
 * is reported and the queue dropped rather than followed.  Ports up to
 * 2^17, so more than the 2-level ABI's 4096.
 */
#define pr_fmt(fmt) "xen: events: " fmt

#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <asm/percpu.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include <asm/xen/page.h>
#include "events_internal.h"

#define WORDS_PER_PAGE		(PAGE_SIZE / sizeof(event_word_t))
#define MAX_ARRAY_PAGES		(EVTCHN_FIFO_NR_CHANNELS / WORDS_PER_PAGE)
#define BIT32(b)		(1U << (b))

static event_word_t *event_array[MAX_ARRAY_PAGES];
static unsigned int array_pages;

struct fifo_queues {
	u32 head[EVTCHN_FIFO_MAX_QUEUES];	/* where we are in each queue */
};
static DEFINE_PER_CPU(struct evtchn_fifo_control_block *, fifo_control);
static DEFINE_PER_CPU(struct fifo_queues, fifo_queues);

struct evtchn_fifo_stats evtchn_fifo_stats;

static event_word_t *word(evtchn_port_t port)
{
	return event_array[port / WORDS_PER_PAGE] + port % WORDS_PER_PAGE;
}

static bool in_array(evtchn_port_t port)
{
	return port < array_pages * WORDS_PER_PAGE;
}

/* What Xen calls a frame of ours: the machine frame in PV, else the pfn. */
static u64 gfn_of(const void *p)
{
	unsigned long pfn = PFN_DOWN(__pa(p));

	return xen_pv_domain() ? pfn_to_mfn(pfn) : pfn;
}

static unsigned int evtchn_fifo_max_channels(void)
{
	return EVTCHN_FIFO_NR_CHANNELS;
}

/* Every port of the array must exist before it is bound: grow to it. */
static int evtchn_fifo_setup(evtchn_port_t port)
{
	struct evtchn_expand_array expand;
	event_word_t *page;
	unsigned int i;
	long err;

	while (!in_array(port)) {
		if (array_pages == MAX_ARRAY_PAGES)
			return -ENOSPC;
		page = get_zeroed_page();
		if (!page)
			return -ENOMEM;
		/* A port starts masked, as it does in the 2-level ABI. */
		for (i = 0; i < WORDS_PER_PAGE; i++)
			page[i] = BIT32(EVTCHN_FIFO_MASKED);
		expand.array_gfn = gfn_of(page);
		err = HYPERVISOR_event_channel_op(EVTCHNOP_expand_array, &expand);
		if (err) {
			pr_err("EVTCHNOP_expand_array (page %u): %s\n", array_pages,
			       xen_errname(err));
			free_page(page);
			return -EIO;
		}
		event_array[array_pages++] = page;
	}
	return 0;
}

static void evtchn_fifo_init(void)
{
}

static bool evtchn_fifo_is_pending(evtchn_port_t port)
{
	return in_array(port) && (READ_ONCE(*word(port)) & BIT32(EVTCHN_FIFO_PENDING));
}

static bool evtchn_fifo_is_masked(evtchn_port_t port)
{
	return !in_array(port) || (READ_ONCE(*word(port)) & BIT32(EVTCHN_FIFO_MASKED));
}

static bool evtchn_fifo_is_linked(evtchn_port_t port)
{
	return in_array(port) && (READ_ONCE(*word(port)) & BIT32(EVTCHN_FIFO_LINKED));
}

static void evtchn_fifo_clear_pending(evtchn_port_t port)
{
	if (in_array(port))
		__atomic_fetch_and(word(port), ~BIT32(EVTCHN_FIFO_PENDING), __ATOMIC_SEQ_CST);
}

/* PENDING only: a masked port is not linked, Xen links it on unmask. */
static void evtchn_fifo_set_pending(evtchn_port_t port)
{
	if (in_array(port))
		__atomic_fetch_or(word(port), BIT32(EVTCHN_FIFO_PENDING), __ATOMIC_SEQ_CST);
}

static void evtchn_fifo_mask(evtchn_port_t port)
{
	if (in_array(port))
		__atomic_fetch_or(word(port), BIT32(EVTCHN_FIFO_MASKED), __ATOMIC_SEQ_CST);
}

/*
 * Clear MASKED unless the port is pending (then false: Xen must unmask
 * and link it) or Xen holds BUSY on it: Xen sets BUSY while it links a
 * new port behind this one and relies on MASKED not changing meanwhile
 * (xen/common/event_fifo.c, evtchn_fifo_set_link), so the swap expects
 * BUSY clear and waits it out.  Linux does the same since XSA-332.
 */
static bool clear_masked_unless_pending(event_word_t *w)
{
	event_word_t old = READ_ONCE(*w), new;

	do {
		if (!(old & BIT32(EVTCHN_FIFO_MASKED)))
			return true;
		if (old & BIT32(EVTCHN_FIFO_PENDING))
			return false;
		old &= ~BIT32(EVTCHN_FIFO_BUSY);
		new = old & ~BIT32(EVTCHN_FIFO_MASKED);
	} while (!__atomic_compare_exchange_n(w, &old, new, false, __ATOMIC_SEQ_CST,
					      __ATOMIC_SEQ_CST));
	return true;
}

/* Pending: EVTCHNOP_unmask, so Xen clears MASKED and links it itself. */
static void evtchn_fifo_unmask(evtchn_port_t port)
{
	struct evtchn_unmask unmask = { .port = port };

	if (in_array(port) && !clear_masked_unless_pending(word(port)))
		HYPERVISOR_event_channel_op(EVTCHNOP_unmask, &unmask);
}

/* Clear LINKED and the link; the link it had is the next port. */
static u32 clear_linked(event_word_t *w)
{
	event_word_t old = READ_ONCE(*w), new;

	do {
		new = old & ~(BIT32(EVTCHN_FIFO_LINKED) | EVTCHN_FIFO_LINK_MASK);
	} while (!__atomic_compare_exchange_n(w, &old, new, false, __ATOMIC_SEQ_CST,
					      __ATOMIC_SEQ_CST));
	return old & EVTCHN_FIFO_LINK_MASK;
}

/* The next port of queue @q, handled if pending and unmasked. */
static void consume_one(struct evtchn_fifo_control_block *cb, struct fifo_queues *qs,
			unsigned int q, u32 *ready, void (*fn)(evtchn_port_t port))
{
	u32 head = qs->head[q], port;
	event_word_t *w;

	if (!head) {
		barrier();		/* Xen wrote the head before the ready bit */
		head = READ_ONCE(cb->head[q]);
	}
	port = head;
	if (!port || !in_array(port)) {
		if (!evtchn_fifo_stats.bad_links++)
			pr_err("queue %u names port %u, beyond our %u: queue dropped\n", q,
			       port, array_pages * (unsigned int)WORDS_PER_PAGE);
		qs->head[q] = 0;
		*ready &= ~BIT32(q);
		return;
	}
	w = word(port);
	head = clear_linked(w);
	if (!head)
		*ready &= ~BIT32(q);
	qs->head[q] = head;
	/* Cleared before the handler: a new event re-raises it. */
	if (!evtchn_fifo_is_masked(port) &&
	    (__atomic_fetch_and(w, ~BIT32(EVTCHN_FIFO_PENDING), __ATOMIC_SEQ_CST) &
	     BIT32(EVTCHN_FIFO_PENDING)))
		fn(port);
}

static void evtchn_fifo_handle_events(void (*fn)(evtchn_port_t port))
{
	struct evtchn_fifo_control_block *cb = this_cpu_read(fifo_control);
	struct fifo_queues *qs = this_cpu_ptr(&fifo_queues);
	struct vcpu_info *v = this_cpu_read(xen_vcpu);
	u32 ready;

	WRITE_ONCE(v->evtchn_upcall_pending, 0);
	ready = __atomic_exchange_n(&cb->ready, 0, __ATOMIC_SEQ_CST);
	while (ready) {
		consume_one(cb, qs, __builtin_ctz(ready), &ready, fn);
		ready |= __atomic_exchange_n(&cb->ready, 0, __ATOMIC_SEQ_CST);
	}
}

const struct evtchn_ops evtchn_ops_fifo = {
	.name = "FIFO",
	.max_channels = evtchn_fifo_max_channels,
	.init = evtchn_fifo_init,
	.setup = evtchn_fifo_setup,
	.is_pending = evtchn_fifo_is_pending,
	.clear_pending = evtchn_fifo_clear_pending,
	.set_pending = evtchn_fifo_set_pending,
	.mask = evtchn_fifo_mask,
	.is_masked = evtchn_fifo_is_masked,
	.unmask = evtchn_fifo_unmask,
	.is_linked = evtchn_fifo_is_linked,
	.handle_events = evtchn_fifo_handle_events,
};

/*
 * This CPU's control block, then the first array page: 0, or -ENOSYS
 * from a Xen without FIFO (the 2-level ABI stays).  Once Xen has a
 * control block it has switched the domain to FIFO for good (only
 * EVTCHNOP_reset goes back): any later failure, or a refusal that is not
 * -ENOSYS (a control block left by a previous kernel), leaves no working
 * ABI, so it panics rather than fall back to bits Xen no longer writes.
 */
int evtchn_fifo_cpu_init(void)
{
	struct evtchn_fifo_control_block *cb = get_zeroed_page();
	struct evtchn_init_control init = {
		.control_gfn = cb ? gfn_of(cb) : 0,
		.offset = 0,
		.vcpu = this_cpu_read(xen_vcpu_id),
	};
	long err;

	if (!cb)
		return -ENOMEM;
	err = HYPERVISOR_event_channel_op(EVTCHNOP_init_control, &init);
	if (err == -ENOSYS) {
		free_page(cb);
		return -ENOSYS;
	}
	if (err)
		panic("xen: EVTCHNOP_init_control: %s", xen_errname(err));
	this_cpu_write(fifo_control, cb);
	err = evtchn_fifo_setup(0);
	if (err)
		panic("xen: FIFO events on, but no event array page: %ld", err);
	return 0;
}

event_word_t evtchn_fifo_word(evtchn_port_t port)
{
	return in_array(port) ? READ_ONCE(*word(port)) : 0;
}

u32 xen_evtchn_fifo_word(evtchn_port_t port)
{
	return evtchn_fifo_word(port);
}

bool xen_evtchn_fifo(void)
{
	return xen_evtchn_abi() == &evtchn_ops_fifo;
}

unsigned int evtchn_fifo_array_pages(void)
{
	return array_pages;
}
