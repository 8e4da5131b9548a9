# SPDX-License-Identifier: GPL-2.0
# xen-pvh-domU-smp: xen-pvh-domU with a two-vCPU guest (xl vcpus = 2) on
# two host CPUs (QEMU -smp 2; dom0 keeps one vCPU), every suite:
# smp_pvh.c starts the guest's vCPU 1 with VCPUOP_initialise (a
# vcpu_hvm_context in long mode) and VCPUOP_up, and suite smp must run
# (not skip) its cross-CPU cases: every CPU runs a function and
# acknowledges (IPIs on event channels), the TLB shootdown is asserted by
# a fault on the other CPU, each CPU reports its own GDT, TSS and stack,
# every CPU ticks on its own VIRQ_TIMER.  The number online must be what
# libxl's MADT lists; suite xen_pvh_smp checks each vCPU against what Xen
# tells that vCPU itself (its CPUID vCPU id and APIC ID, its runstate,
# its vcpu_info), and xen_time finds each vCPU's runstate area kept by
# Xen.  XEN_DOMU_VCPUS=4 gives a four-vCPU guest on the same two host
# CPUs.
XEN_DOMU_VCPUS=${XEN_DOMU_VCPUS:-2}
XEN_HOST_CPUS=${XEN_HOST_CPUS:-2}
SMP_N=$XEN_DOMU_VCPUS
# shellcheck source=xen-pvh-domU.sh
. "$here/modes/xen-pvh-domU.sh"
MODE_EXPECT+=("xen: smp: $SMP_N vCPUs (PVH, VCPUOP_initialise in long mode)"
	      "smpboot: $SMP_N of $SMP_N CPUs online (0 failed)"
	      "smp_cpus_as_madt_lists: $SMP_N CPUs online, MADT lists $SMP_N"
	      "pvh_smp_event_on_each_cpu: an event bound to each of $((SMP_N - 1)) secondary vCPUs ran there"
	      "hc_good_calls: $SMP_N vCPUs, $SMP_N up"
	      "time_runstate_every_cpu: CPU $((SMP_N - 1)): area entry")
MODE_SUITES+=(xen_pvh_smp smp.smp_call_function_all_ack smp.smp_tlb_shootdown
	      smp.smp_every_cpu_ticks smp.smp_each_cpu_its_own_state
	      smp.spinlock_contention_every_cpu smp.smp_repatched_site_seen_by_every_cpu
	      xen_time.time_runstate_every_cpu)
