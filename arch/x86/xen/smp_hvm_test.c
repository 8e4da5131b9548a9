// SPDX-License-Identifier: GPL-2.0
/*
 * Suite xen_hvm_smp: an HVM guest's secondary vCPUs (smp_hvm.c), checked
 * against what Xen says of each, not what our code counted:
 *
 *  - the CPUs online are Xen's vCPUs: as many as VCPUOP_is_up knows
 *    (capped by NR_CPUS), each up in Xen's eyes, the CPUs started by
 *    INIT-SIPI (native_cpu_up under xen_hvm_cpu_up) and none failed;
 *  - each vCPU has its own tick: its VIRQ_TIMER port is bound to that
 *    vCPU (EVTCHNOP_status), and over 200 ms of CPU 0 busy-waiting, with
 *    no IPI sent, each secondary vCPU, idle in hlt, is seen by Xen
 *    (VCPUOP_get_runstate_info, asked from CPU 0) to have blocked, woken
 *    and run, while the generic dispatch counted the callback vector on
 *    that CPU about once per tick.
 *
 * Suite xen_pvh_smp runs here too (identity, vcpu_info, events on each
 * vCPU).  With one CPU online every case skips.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/ktest.h>
#include <linux/smp.h>
#include <asm/apic.h>
#include <asm/smp.h>
#include <asm/traps.h>
#include <asm/tsc.h>
#include <asm/x86_init.h>
#include <asm/xen/events.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include "xen-ops.h"
#include <xen/interface/event_channel.h>
#include <xen/interface/vcpu.h>

static int hvm_smp_init(struct ktest *t)
{
	if (!xen_hvm_domain() || x86_platform.cpu_up != xen_hvm_cpu_up)
		ktest_skip(t, "not a Xen HVM guest");
	if (num_online_cpus() < 2)
		ktest_skip(t, "one CPU online");
	return 0;
}

static void hvm_smp_cpus_are_xens_vcpus(struct ktest *t)
{
	unsigned int n, cpu;

	for (n = 0; n < NR_CPUS * 4; n++)
		if (HYPERVISOR_vcpu_op(VCPUOP_is_up, n, NULL) == -ENOENT)
			break;
	KTEST_EXPECT_EQ(t, num_online_cpus(), min(n, (unsigned int)NR_CPUS));
	KTEST_EXPECT_EQ(t, smp_cpus_failed, 0);
	for_each_online_cpu(cpu)
		KTEST_EXPECT_EQ(t, HYPERVISOR_vcpu_op(VCPUOP_is_up, per_cpu(xen_vcpu_id, cpu),
						      NULL), 1);
	ktest_info(t, "%u CPUs online, Xen has %u vCPUs", num_online_cpus(), n);
}

#define WINDOW_MS	200

static void hvm_smp_each_vcpu_ticks(struct ktest *t)
{
	static struct vcpu_runstate_info a[NR_CPUS], b[NR_CPUS];
	unsigned long before[NR_CPUS], after[NR_CPUS], n, ticks;
	struct evtchn_status st;
	unsigned int cpu, id;
	u64 t0, t1;
	int port;

	for_each_online_cpu(cpu) {
		port = xen_timer_port(cpu);
		KTEST_ASSERT_GE(t, port, 0);
		st.dom = DOMID_SELF;
		st.port = port;
		KTEST_ASSERT_EQ(t, HYPERVISOR_event_channel_op(EVTCHNOP_status, &st), 0);
		KTEST_EXPECT_EQ(t, st.status, EVTCHNSTAT_virq);
		KTEST_EXPECT_EQ(t, st.u.virq, VIRQ_TIMER);
		KTEST_EXPECT_EQ(t, st.vcpu, per_cpu(xen_vcpu_id, cpu));
	}
	/* Sampled back to back, printed after: the console is slow under TCG. */
	t0 = xen_clocksource_read();
	for_each_online_cpu(cpu) {
		id = per_cpu(xen_vcpu_id, cpu);
		KTEST_ASSERT_EQ(t, HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, id, &a[cpu]), 0);
		before[cpu] = READ_ONCE(per_cpu(irq_count[XEN_UPCALL_VECTOR], cpu));
	}
	mdelay(WINDOW_MS);
	for_each_online_cpu(cpu) {
		id = per_cpu(xen_vcpu_id, cpu);
		after[cpu] = READ_ONCE(per_cpu(irq_count[XEN_UPCALL_VECTOR], cpu));
		KTEST_ASSERT_EQ(t, HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, id, &b[cpu]), 0);
	}
	t1 = xen_clocksource_read();
	/* The window in Xen's time, in ticks of 1/HZ. */
	ticks = (t1 - t0) / (1000000000ULL / CONFIG_HZ);
	for_each_online_cpu(cpu) {
		n = after[cpu] - before[cpu];
		ktest_info(t, "CPU %u (vCPU %u): %lu upcalls in %lu ticks' time; Xen: running "
			   "+%llu us, blocked +%llu us", cpu, per_cpu(xen_vcpu_id, cpu), n, ticks,
			   (unsigned long long)(b[cpu].time[RUNSTATE_running] -
						a[cpu].time[RUNSTATE_running]) / 1000,
			   (unsigned long long)(b[cpu].time[RUNSTATE_blocked] -
						a[cpu].time[RUNSTATE_blocked]) / 1000);
		/* About one per tick: TCG and Xen's slop leave room. */
		KTEST_EXPECT_GE(t, n, ticks / 4);
		KTEST_EXPECT_LE(t, n, ticks * 3 + 3);
		if (!cpu)
			continue;
		/* Idle between ticks: blocked in hlt, woken, run again. */
		KTEST_EXPECT_GT(t, b[cpu].time[RUNSTATE_blocked], a[cpu].time[RUNSTATE_blocked]);
		KTEST_EXPECT_GT(t, b[cpu].time[RUNSTATE_running], a[cpu].time[RUNSTATE_running]);
		KTEST_EXPECT_NE(t, b[cpu].state_entry_time, a[cpu].state_entry_time);
		/* Within the window, by Xen's clock. */
		KTEST_EXPECT_LE(t, b[cpu].time[RUNSTATE_blocked] - a[cpu].time[RUNSTATE_blocked],
				t1 - t0);
	}
}

static const struct ktest_case hvm_smp_cases[] = {
	KTEST_CASE(hvm_smp_cpus_are_xens_vcpus),
	KTEST_CASE(hvm_smp_each_vcpu_ticks),
	{}
};
KTEST_SUITE_FULL(xen_hvm_smp, hvm_smp_cases, hvm_smp_init, NULL);
