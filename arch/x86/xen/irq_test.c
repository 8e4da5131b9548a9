// SPDX-License-Identifier: GPL-2.0
/*
 * The interrupt flag of a PV guest is vcpu_info's upcall mask: the irq
 * wrappers must read and write exactly that byte, nest, and an event that
 * arrives while masked must be delivered when the flag comes back on.
 * Each CPU reaches its vcpu_info through a per-CPU pointer: the boot
 * CPU's into its own area (where Xen writes), the others' at the masked
 * dummy until they are brought up.
 */
#include <linux/ktest.h>
#include <linux/irqflags.h>
#include <asm/processor-flags.h>
#include <linux/smp.h>
#include <asm/percpu.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include <xen/interface/vcpu.h>
#include <xen/events.h>
#include "xen-ops.h"
#include "xen_test.h"

static void irq_flag_is_the_upcall_mask(struct ktest *t)
{
	unsigned long outer, inner;

	KTEST_ASSERT_FALSE(t, irqs_disabled());
	KTEST_EXPECT_EQ(t, this_cpu_read(xen_vcpu)->evtchn_upcall_mask, 0);
	KTEST_EXPECT_TRUE(t, arch_local_save_flags() & X86_EFLAGS_IF);
	local_irq_save(outer);
	KTEST_EXPECT_EQ(t, this_cpu_read(xen_vcpu)->evtchn_upcall_mask, 1);
	KTEST_EXPECT_TRUE(t, arch_irqs_disabled_flags(arch_local_save_flags()));
	local_irq_save(inner);
	local_irq_restore(inner);
	KTEST_EXPECT_EQ(t, this_cpu_read(xen_vcpu)->evtchn_upcall_mask, 1);	/* still in outer */
	local_irq_restore(outer);
	KTEST_EXPECT_EQ(t, this_cpu_read(xen_vcpu)->evtchn_upcall_mask, 0);
	/* And the other way: the mask written by hand is what save_fl sees. */
	this_cpu_read(xen_vcpu)->evtchn_upcall_mask = 1;
	KTEST_EXPECT_TRUE(t, irqs_disabled());
	this_cpu_read(xen_vcpu)->evtchn_upcall_mask = 0;
	KTEST_EXPECT_FALSE(t, irqs_disabled());
}

static unsigned long hits;

static void count_hit(evtchn_port_t port, void *data)
{
	hits++;
}

static void irq_pending_delivered_on_enable(struct ktest *t)
{
	int port = bind_ipi_to_handler(0, count_hit, NULL, "irq_test");
	unsigned long h;

	KTEST_ASSERT_GE(t, port, 0);
	local_irq_disable();
	h = hits;
	notify_remote_via_evtchn(port);
	/* Xen flagged it; nothing ran while the mask was set. */
	KTEST_EXPECT_EQ(t, hits, h);
	KTEST_EXPECT_EQ(t, this_cpu_read(xen_vcpu)->evtchn_upcall_pending, 1);
	local_irq_enable();
	/* Enabling saw the pending upcall and had Xen deliver it at once. */
	KTEST_EXPECT_EQ(t, hits, h + 1);
	KTEST_EXPECT_EQ(t, this_cpu_read(xen_vcpu)->evtchn_upcall_pending, 0);
	unbind_from_handler(port);
}

static void irq_vcpu_info_is_per_cpu(struct ktest *t)
{
	unsigned long v = (unsigned long)this_cpu_read(xen_vcpu);
	unsigned long area = per_cpu_offset(smp_processor_id());
	unsigned int id = this_cpu_read(xen_vcpu_id);

	/* Registered inside this CPU's area, not in the template or .data. */
	KTEST_EXPECT_GE(t, v, area);
	KTEST_EXPECT_LE(t, v + sizeof(struct vcpu_info), area + (__per_cpu_end - __per_cpu_start));
	/* Xen's own word on the vCPU number: up, and the one Xen started. */
	KTEST_EXPECT_EQ(t, id, 0);
	KTEST_EXPECT_EQ(t, HYPERVISOR_vcpu_op(VCPUOP_is_up, id, NULL), 1);
	if (nr_cpu_ids < 2)
		return;
	KTEST_EXPECT_NE(t, (unsigned long)per_cpu(xen_vcpu, 1), v);
	if (!cpu_online(1)) {
		/* Never started: the masked dummy, no vCPU behind it. */
		KTEST_EXPECT_EQ(t, per_cpu(xen_vcpu, 1)->evtchn_upcall_mask, 1);
		KTEST_EXPECT_EQ(t, per_cpu(xen_vcpu_id, 1), XEN_VCPU_ID_NONE);
		return;
	}
	/* Started (smp_pv.c): its own copy in its own area, a vCPU Xen runs. */
	area = per_cpu_offset(1);
	v = (unsigned long)per_cpu(xen_vcpu, 1);
	KTEST_EXPECT_EQ(t, v, (unsigned long)per_cpu_ptr(&xen_vcpu_info, 1));
	KTEST_EXPECT_GE(t, v, area);
	KTEST_EXPECT_LE(t, v + sizeof(struct vcpu_info), area + (__per_cpu_end - __per_cpu_start));
	KTEST_EXPECT_NE(t, per_cpu(xen_vcpu_id, 1), XEN_VCPU_ID_NONE);
	KTEST_EXPECT_EQ(t, HYPERVISOR_vcpu_op(VCPUOP_is_up, per_cpu(xen_vcpu_id, 1), NULL), 1);
}

static const struct ktest_case irq_cases[] = {
	KTEST_CASE(irq_vcpu_info_is_per_cpu),
	KTEST_CASE(irq_flag_is_the_upcall_mask),
	KTEST_CASE(irq_pending_delivered_on_enable),
	{}
};
KTEST_SUITE_FULL(xen_irq, irq_cases, xen_pv_only, NULL);
