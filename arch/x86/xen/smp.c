// SPDX-License-Identifier: GPL-2.0
/*
 * What the PV (smp_pv.c) and PVH (smp_pvh.c) secondary vCPUs share: how
 * many vCPUs Xen gave the domain, and the call-function IPI carried by
 * an event channel (EVTCHNOP_bind_ipi, one port per vCPU) instead of the
 * local APIC.
 *
 * Xen says which vCPUs the domain has: VCPUOP_is_up answers for ids
 * 0 .. N-1 and -ENOENT past them.  Kernel CPU n is Xen vCPU n
 * (xen_vcpu_id), so the numbers stay dense.
 *
 * Invariants: runs before any secondary vCPU is up (only vCPU 0 may be
 * running then); a CPU's IPI port is bound on that CPU, before it is
 * marked online, so a sender never sees an online CPU without a port.
 * Either event ABI serves any number of vCPUs (2-level: each upcall
 * takes only its own CPU's ports, events_2l.c).
 */
#define pr_fmt(fmt) "xen: smp: " fmt

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/errno.h>
#include <linux/smp.h>
#include <asm/msr.h>
#include <asm/smp.h>
#include <asm/tsc.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include <xen/events.h>
#include "xen-ops.h"
#include <xen/interface/sched.h>
#include <xen/interface/vcpu.h>

static DEFINE_PER_CPU(int, xen_ipi_port) = -1;

int __init xen_smp_find_vcpus(unsigned int max_cpus)
{
	unsigned int id, n;
	long up;

	for (id = 0; id < NR_CPUS * 4; id++) {
		up = HYPERVISOR_vcpu_op(VCPUOP_is_up, id, NULL);
		if (up == -ENOENT)
			break;
		if (up < 0) {
			pr_err("VCPUOP_is_up(%u): %s: one CPU\n", id, xen_errname(up));
			return -EIO;
		}
		/* Only vCPU 0 runs yet: another one up is not ours to start. */
		if (id && up) {
			pr_err("vCPU %u is already up: one CPU\n", id);
			return -EBUSY;
		}
	}
	smp_cpus_listed = id;
	n = min(min(id, max_cpus), (unsigned int)NR_CPUS);
	if (id > n)
		pr_info("%u vCPUs, using %u (NR_CPUS %u, maxcpus %u)\n", id, n, NR_CPUS, max_cpus);
	for (id = 1; id < n; id++)
		per_cpu(xen_vcpu_id, id) = id;
	cpus_wanted = n;
	return n;
}

static void xen_call_func_ipi(evtchn_port_t port, void *data)
{
	smp_call_process_queue();
}

static void xen_send_call_func_ipi(unsigned int cpu)
{
	int port = per_cpu(xen_ipi_port, cpu);

	if (WARN_ON(port < 0))
		return;
	notify_remote_via_evtchn(port);
}

int xen_bind_call_func_ipi(unsigned int cpu)
{
	int ret = bind_ipi_to_handler(cpu, xen_call_func_ipi, NULL, "call-func");

	if (ret < 0)
		return ret;
	this_cpu_write(xen_ipi_port, ret);
	return 0;
}

int xen_call_func_ipi_port(unsigned int cpu)
{
	return per_cpu(xen_ipi_port, cpu);
}

void __init xen_smp_ipi_init(void)
{
	smp_ipi_init();		/* the call queues (its vector stays unused) */
	smp_ops.send_call_func_ipi = xen_send_call_func_ipi;
	/* The boot CPU is a target too: a secondary may call it. */
	if (xen_bind_call_func_ipi(0))
		panic("xen: CPU 0: cannot bind its IPI");
}

#define XEN_CPU_UP_TIMEOUT_MS	1000

/*
 * Bring @cpu up with the context the caller built in @ctxt (PV's
 * vcpu_guest_context or PVH's vcpu_hvm_context, @what naming it in
 * errors): its stacks, its vcpu_info, VCPUOP_initialise and VCPUOP_up,
 * then wait until it says it is online, yielding so that Xen runs it.
 */
int __init xen_vcpu_bring_up(unsigned int cpu, void (*build)(unsigned int cpu), void *ctxt,
			     const char *what)
{
	unsigned int id = per_cpu(xen_vcpu_id, cpu);
	u64 deadline;
	long err;

	if (smp_alloc_cpu_stacks(cpu)) {
		pr_err("CPU %u: no memory for its stacks\n", cpu);
		return -ENOMEM;
	}
	err = xen_vcpu_register_cpu(cpu);
	if (err) {
		pr_err("CPU %u: VCPUOP_register_vcpu_info: %s\n", cpu, xen_errname(err));
		return -EIO;
	}
	build(cpu);
	err = HYPERVISOR_vcpu_op(VCPUOP_initialise, id, ctxt);
	if (err) {
		pr_err("CPU %u: VCPUOP_initialise (%s): %s\n", cpu, what, xen_errname(err));
		return -EIO;
	}
	err = HYPERVISOR_vcpu_op(VCPUOP_up, id, NULL);
	if (err) {
		pr_err("CPU %u: VCPUOP_up: %s\n", cpu, xen_errname(err));
		return -EIO;
	}
	deadline = rdtsc() + (u64)tsc_khz * XEN_CPU_UP_TIMEOUT_MS;
	while (!cpu_online(cpu)) {
		if (rdtsc() > deadline) {
			pr_err("CPU %u (vCPU %u) did not come up within %u ms\n",
			       cpu, id, XEN_CPU_UP_TIMEOUT_MS);
			return -ETIMEDOUT;
		}
		/* Let Xen run the new vCPU rather than spin on a shared pCPU. */
		HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
	}
	return 0;
}
