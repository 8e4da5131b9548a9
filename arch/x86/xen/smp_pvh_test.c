// SPDX-License-Identifier: GPL-2.0
/*
 * Suite xen_pvh_smp: a PVH guest's secondary vCPUs (smp_pvh.c), or an
 * HVM guest's (smp_hvm.c, started by INIT-SIPI), each checked on that
 * vCPU against what Xen tells it, not what our code recorded:
 *
 *  - identity: the vCPU id in Xen's HVM CPUID leaf (base + 4, read on
 *    the CPU itself) is the one our CPU number is mapped to, Xen says
 *    VCPUOP_is_up for it, and the initial APIC ID that CPUID leaf 1
 *    reports there is one libxl's MADT lists, a different one per CPU;
 *  - vcpu_info: the copy in the CPU's own per-CPU area is the one Xen
 *    writes for that vCPU: it holds Xen's time for it, and an event sent
 *    to that vCPU while its interrupts are off sets evtchn_upcall_pending
 *    there (and runs nothing until they are on again);
 *  - events: a port bound to vCPU n is bound there in Xen's eyes
 *    (EVTCHNOP_status), and a send from CPU 0 runs its handler on CPU n,
 *    delivered on the callback vector (that CPU's count of the vector
 *    goes up);
 *  - runstate: read on each vCPU, Xen's area for it says "running".
 *
 * With one CPU online every case skips.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/irqflags.h>
#include <linux/smp.h>
#include <asm/acpi.h>
#include <asm/barrier.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <asm/traps.h>
#include <asm/tsc.h>
#include <asm/x86_init.h>
#include <asm/xen/events.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include <asm/xen/pvh.h>
#include <xen/events.h>
#include "xen-ops.h"
#include <xen/interface/arch-x86/cpuid.h>
#include <xen/interface/event_channel.h>
#include <xen/interface/vcpu.h>

static int pvh_smp_init(struct ktest *t)
{
	/* An HVM guest's vCPUs answer the same way once up (smp_hvm.c). */
	bool hvm = IS_ENABLED(CONFIG_XEN_PVHVM) && x86_platform.cpu_up == xen_hvm_cpu_up;

	if (!xen_hvm_domain() || (x86_platform.cpu_up != xen_pvh_cpu_up && !hvm))
		ktest_skip(t, "not a Xen PVH or HVM guest");
	if (num_online_cpus() < 2)
		ktest_skip(t, "one CPU online");
	return 0;
}

struct vcpu_facts {
	struct work_struct w;
	unsigned int cpu, xen_id, apic_id;
	bool id_present;
	const struct vcpu_info *vi;
	u32 version;
	u64 system_time;
	int runstate;
	int port;			/* bound to this CPU, or -1 */
	u8 pending;			/* evtchn_upcall_pending after the send */
	unsigned long hits_off, hits_on;
};

static unsigned long hits;
static unsigned int hit_cpu;
static unsigned long hit_vector_count;

static void on_cpu_event(evtchn_port_t port, void *data)
{
	hit_cpu = smp_processor_id();
	hit_vector_count = this_cpu_read(irq_count[XEN_UPCALL_VECTOR]);
	smp_store_release(&hits, hits + 1);
}

static void read_vcpu_facts(struct work_struct *w)
{
	struct vcpu_facts *f = (struct vcpu_facts *)w;
	const struct vcpu_runstate_info *rs;
	struct cpuid_regs r;

	f->cpu = smp_processor_id();
	cpuid_count(xen_pvh.cpuid_base + 4, 0, &r);
	f->id_present = r.eax & XEN_HVM_CPUID_VCPU_ID_PRESENT;
	f->xen_id = r.ebx;
	cpuid_count(1, 0, &r);
	f->apic_id = r.ebx >> 24;
	f->vi = this_cpu_read(xen_vcpu);
	f->version = READ_ONCE(f->vi->time.version);
	f->system_time = READ_ONCE(f->vi->time.system_time);
	rs = xen_runstate();
	f->runstate = rs ? (int)READ_ONCE(rs->state) : -1;
	if (f->port < 0)
		return;
	/* Interrupts off: Xen marks the event in this vCPU's vcpu_info only. */
	local_irq_disable();
	notify_remote_via_evtchn(f->port);
	f->pending = READ_ONCE(f->vi->evtchn_upcall_pending);
	f->hits_off = READ_ONCE(hits);
	local_irq_enable();
	f->hits_on = READ_ONCE(hits);
}

static void pvh_smp_vcpu_identity(struct ktest *t)
{
	static struct vcpu_facts f[NR_CPUS];
	const struct acpi_info *ai = acpi_get_info();
	unsigned int cpu, other, i;
	bool listed;

	for_each_online_cpu(cpu) {
		f[cpu].w.fn = read_vcpu_facts;
		f[cpu].port = -1;
		KTEST_ASSERT_EQ(t, run_on_cpu(cpu, &f[cpu].w), 0);
	}
	for_each_online_cpu(cpu) {
		KTEST_EXPECT_EQ(t, f[cpu].cpu, cpu);
		KTEST_EXPECT_TRUE(t, f[cpu].id_present);
		KTEST_EXPECT_EQ(t, f[cpu].xen_id, per_cpu(xen_vcpu_id, cpu));
		KTEST_EXPECT_EQ(t, HYPERVISOR_vcpu_op(VCPUOP_is_up, f[cpu].xen_id, NULL), 1);
		listed = false;
		for (i = 0; ai->madt && i < min(ai->nr_cpus, (unsigned int)ARRAY_SIZE(ai->apic_ids)); i++)
			listed |= ai->apic_ids[i] == f[cpu].apic_id;
		KTEST_EXPECT_TRUE(t, listed);
		for (other = 0; other < cpu; other++) {
			KTEST_EXPECT_NE(t, f[cpu].apic_id, f[other].apic_id);
			KTEST_EXPECT_NE(t, f[cpu].xen_id, f[other].xen_id);
		}
		ktest_info(t, "CPU %u: Xen vCPU %u, APIC ID %u", cpu, f[cpu].xen_id,
			   f[cpu].apic_id);
	}
}

static void pvh_smp_vcpu_info_is_xens(struct ktest *t)
{
	static struct vcpu_facts f[NR_CPUS];
	unsigned int cpu, other;
	unsigned long n;

	for_each_online_cpu(cpu) {
		f[cpu].w.fn = read_vcpu_facts;
		f[cpu].port = bind_ipi_to_handler(cpu, on_cpu_event, NULL, "pvh-smp-test");
		KTEST_ASSERT_GE(t, f[cpu].port, 0);
		n = READ_ONCE(hits);
		KTEST_EXPECT_EQ(t, run_on_cpu(cpu, &f[cpu].w), 0);
		unbind_from_handler(f[cpu].port);
		/* Pending in its vcpu_info while off; run there, once, when on. */
		KTEST_EXPECT_EQ(t, f[cpu].pending, 1);
		KTEST_EXPECT_EQ(t, f[cpu].hits_off, n);
		KTEST_EXPECT_EQ(t, f[cpu].hits_on, n + 1);
		KTEST_EXPECT_EQ(t, hit_cpu, cpu);
	}
	for_each_online_cpu(cpu) {
		/* The registered copy, in that CPU's own area. */
		KTEST_EXPECT_EQ(t, (unsigned long)f[cpu].vi,
				(unsigned long)per_cpu_ptr(&xen_vcpu_info, cpu));
		/* Xen wrote its time there (a zeroed area has none). */
		KTEST_EXPECT_NE(t, f[cpu].version, 0);
		KTEST_EXPECT_GT(t, f[cpu].system_time, 0);
		/* Read there, Xen's runstate for the vCPU says it runs. */
		KTEST_EXPECT_EQ(t, f[cpu].runstate, RUNSTATE_running);
		for (other = 0; other < cpu; other++)
			KTEST_EXPECT_NE(t, (unsigned long)f[cpu].vi, (unsigned long)f[other].vi);
	}
}

static void pvh_smp_event_on_each_cpu(struct ktest *t)
{
	struct evtchn_status st;
	unsigned long before, n;
	unsigned int cpu;
	u64 deadline;
	int port;

	for_each_online_cpu(cpu) {
		if (!cpu)
			continue;
		port = bind_ipi_to_handler(cpu, on_cpu_event, NULL, "pvh-smp-test");
		KTEST_ASSERT_GE(t, port, 0);
		st.dom = DOMID_SELF;
		st.port = port;
		KTEST_EXPECT_EQ(t, HYPERVISOR_event_channel_op(EVTCHNOP_status, &st), 0);
		KTEST_EXPECT_EQ(t, st.status, EVTCHNSTAT_ipi);
		KTEST_EXPECT_EQ(t, st.vcpu, per_cpu(xen_vcpu_id, cpu));
		n = READ_ONCE(hits);
		before = READ_ONCE(per_cpu(irq_count[XEN_UPCALL_VECTOR], cpu));
		notify_remote_via_evtchn(port);
		deadline = xen_clocksource_read() + 100000000ULL;
		while (smp_load_acquire(&hits) == n && xen_clocksource_read() < deadline)
			cpu_relax();
		KTEST_EXPECT_EQ(t, READ_ONCE(hits), n + 1);
		KTEST_EXPECT_EQ(t, hit_cpu, cpu);
		/* The handler ran inside that CPU's upcall: its count was up. */
		KTEST_EXPECT_GT(t, hit_vector_count, before);
		unbind_from_handler(port);
	}
	ktest_info(t, "an event bound to each of %u secondary vCPUs ran there",
		   num_online_cpus() - 1);
}

static const struct ktest_case pvh_smp_cases[] = {
	KTEST_CASE(pvh_smp_vcpu_identity),
	KTEST_CASE(pvh_smp_vcpu_info_is_xens),
	KTEST_CASE(pvh_smp_event_on_each_cpu),
	{}
};
KTEST_SUITE_FULL(xen_pvh_smp, pvh_smp_cases, pvh_smp_init, NULL);
