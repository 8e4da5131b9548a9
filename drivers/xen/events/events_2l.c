// SPDX-License-Identifier: GPL-2.0
/*
 * The 2-level event channel ABI: one pending and one mask bit per port in
 * shared_info (64 x 64 ports on x86-64), and a selector word in each
 * vcpu_info saying which pending words to look at.  Xen sets pending,
 * then the selector bit, then evtchn_upcall_pending; we clear them in the
 * opposite order so that nothing set in between is lost.
 */
#include <linux/kernel.h>
#include <asm/bitops.h>
#include <asm/xen/hypervisor.h>
#include <linux/irqflags.h>
#include <linux/smp.h>
#include <asm/xen/hypercall.h>
#include "events_internal.h"

/*
 * Which CPU handles each port: Xen notifies one vCPU per port, but the
 * pending bits are shared, so an upcall handles only its own CPU's ports
 * (as Xen would deliver them) and leaves the others to theirs.  Every
 * port starts on CPU 0, where Xen binds a new one.
 */
static u8 port_cpu[EVTCHN_2L_NR_CHANNELS];
_Static_assert(NR_CPUS <= 256, "port_cpu holds a CPU number in a byte");

static void evtchn_2l_bind_to_cpu(evtchn_port_t port, unsigned int cpu)
{
	WRITE_ONCE(port_cpu[port], cpu);
}

static unsigned long *pending_bm(void)
{
	return (unsigned long *)HYPERVISOR_shared_info->evtchn_pending;
}

static unsigned long *mask_bm(void)
{
	return (unsigned long *)HYPERVISOR_shared_info->evtchn_mask;
}

static unsigned int evtchn_2l_max_channels(void)
{
	return EVTCHN_2L_NR_CHANNELS;
}

static void evtchn_2l_init(void)
{
	unsigned int i;

	for (i = 0; i < BITS_PER_LONG; i++)
		WRITE_ONCE(mask_bm()[i], ~0UL);
}

static bool evtchn_2l_is_pending(evtchn_port_t port)
{
	return test_bit(port, pending_bm());
}

static void evtchn_2l_clear_pending(evtchn_port_t port)
{
	clear_bit(port, pending_bm());
}

static void evtchn_2l_set_pending(evtchn_port_t port)
{
	set_bit(port, pending_bm());
}

static void evtchn_2l_mask(evtchn_port_t port)
{
	set_bit(port, mask_bm());
}

static bool evtchn_2l_is_masked(evtchn_port_t port)
{
	return test_bit(port, mask_bm());
}

/*
 * Xen does not look at a port again when it is unmasked: if it is still
 * pending, do Xen's part (selector, upcall_pending) and have it delivered.
 */
static void evtchn_2l_unmask(evtchn_port_t port)
{
	struct vcpu_info *v = this_cpu_read(xen_vcpu);

	/* Another vCPU's selector is not ours to set: Xen does it. */
	if (READ_ONCE(port_cpu[port]) != smp_processor_id()) {
		struct evtchn_unmask unmask = { .port = port };

		HYPERVISOR_event_channel_op(EVTCHNOP_unmask, &unmask);
		return;
	}
	clear_bit(port, mask_bm());
	if (!test_bit(port, pending_bm()))
		return;
	if (!test_and_set_bit(BIT_WORD(port), &v->evtchn_pending_sel))
		WRITE_ONCE(v->evtchn_upcall_pending, 1);
	if (!irqs_disabled())
		xen_force_evtchn_callback();
}

static void evtchn_2l_handle_events(void (*fn)(evtchn_port_t port))
{
	struct vcpu_info *v = this_cpu_read(xen_vcpu);
	unsigned int w, b, cpu = smp_processor_id();
	unsigned long sel, pending;

	do {
		WRITE_ONCE(v->evtchn_upcall_pending, 0);
		sel = xchg_ulong(&v->evtchn_pending_sel, 0);
		while (sel) {
			w = __ffs(sel);
			sel &= sel - 1;
			pending = READ_ONCE(pending_bm()[w]) & ~READ_ONCE(mask_bm()[w]);
			while (pending) {
				b = __ffs(pending);
				pending &= pending - 1;
				if (READ_ONCE(port_cpu[w * BITS_PER_LONG + b]) != cpu)
					continue;	/* another CPU's */
				/* Cleared before the handler: a new event re-raises it. */
				if (test_and_clear_bit(w * BITS_PER_LONG + b, pending_bm()))
					fn(w * BITS_PER_LONG + b);
			}
		}
	} while (READ_ONCE(v->evtchn_upcall_pending));
}

const struct evtchn_ops evtchn_ops_2l = {
	.name = "2-level",
	.max_channels = evtchn_2l_max_channels,
	.init = evtchn_2l_init,
	.is_pending = evtchn_2l_is_pending,
	.clear_pending = evtchn_2l_clear_pending,
	.set_pending = evtchn_2l_set_pending,
	.mask = evtchn_2l_mask,
	.is_masked = evtchn_2l_is_masked,
	.unmask = evtchn_2l_unmask,
	.bind_to_cpu = evtchn_2l_bind_to_cpu,
	.handle_events = evtchn_2l_handle_events,
};
