# SPDX-License-Identifier: GPL-2.0
# xen-hvm-domU-smp: xen-hvm-domU with a two-vCPU guest (xl vcpus = 2) on
# two host CPUs (QEMU -smp 2; dom0 keeps one vCPU).  hvmloader's MADT
# lists both vCPUs and the kernel starts vCPU 1 the native way
# (INIT-SIPI-SIPI on the emulated local APIC, the boot CPU's APIC mapped
# for IPIs only); smp_hvm.c registers its vcpu_info first and, on the
# vCPU, its event control block, runstate area, VIRQ_TIMER tick and IPI
# port.  Suite xen_hvm_smp checks the CPUs against Xen's vCPUs
# (VCPUOP_is_up) and each vCPU's tick against Xen: its timer port bound
# to it (EVTCHNOP_status), and Xen's runstate accounting for it
# (VCPUOP_get_runstate_info) showing it blocked, woken and run while the
# callback vector was counted there; suite xen_pvh_smp checks each
# vCPU's identity (Xen's CPUID vCPU id and APIC ID there), vcpu_info
# and an event bound to it; suite smp runs its cross-CPU cases (IPIs on
# event channels, TLB shootdown, each CPU's own state, every CPU ticks).
# XEN_DOMU_VCPUS=N tries another count by hand.
HVM_VCPUS=${XEN_DOMU_VCPUS:-2}
HVM_HOST_CPUS=${XEN_HOST_CPUS:-2}
SMP_N=$HVM_VCPUS
# shellcheck source=xen-hvm-domU.sh
. "$here/modes/xen-hvm-domU.sh"
MODE_EXPECT+=("xen: smp: $SMP_N vCPUs (HVM, INIT-SIPI from the MADT, IPIs on event channels)"
	      "for IPIs only, no APIC timer"
	      "smpboot: $SMP_N of $SMP_N CPUs online (0 failed)"
	      "smp_cpus_as_madt_lists: $SMP_N CPUs online, MADT lists $SMP_N"
	      "hvm_smp_cpus_are_xens_vcpus: $SMP_N CPUs online, Xen has $SMP_N vCPUs"
	      "pvh_smp_event_on_each_cpu: an event bound to each of $((SMP_N - 1)) secondary vCPUs ran there"
	      "time_runstate_every_cpu: CPU $((SMP_N - 1)): area entry")
MODE_SUITES+=(xen_hvm_smp xen_pvh_smp smp.smp_call_function_all_ack smp.smp_tlb_shootdown
	      smp.smp_every_cpu_ticks smp.smp_each_cpu_its_own_state
	      smp.spinlock_contention_every_cpu smp.smp_repatched_site_seen_by_every_cpu
	      xen_time.time_runstate_every_cpu)
