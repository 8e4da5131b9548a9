# SPDX-License-Identifier: GPL-2.0
# xen-pv-domU-smp: xen-pv-domU with a two-vCPU guest (xl vcpus = 2) on
# two host CPUs (QEMU -smp 2; dom0 keeps one vCPU), every suite:
# smp_pv.c brings the guest's vCPU 1 up by hypercall as it does in dom0,
# and suite smp must run (not skip) its cross-CPU cases in the domU:
# every CPU runs a function and acknowledges, the TLB shootdown is
# asserted by a fault on the other CPU, each CPU reports its own state.
# Both CPUs batch page-table updates at once on their own queues
# (xen_mmu_queue), each holds its own user base pointer (xen_mmu), and
# vCPU 1's runstate area is kept by Xen (xen_time).  XEN_DOMU_VCPUS=4
# by hand gives a four-vCPU guest on the same two host CPUs; it passed
# 3 runs of 5, one failing xen_time's pvclock-against-NOW() bound (1.3%
# apart), one paravirt's count of the test child's irq ops (an event on
# CPU 0 in the case's irqs-on window), so it is not a mode of its own.
XEN_DOMU_VCPUS=${XEN_DOMU_VCPUS:-2}
XEN_HOST_CPUS=${XEN_HOST_CPUS:-2}
SMP_N=$XEN_DOMU_VCPUS
MODE_EXPECT=("xen: smp: $SMP_N vCPUs" "smpboot: $SMP_N of $SMP_N CPUs online (0 failed)"
	     "hc_good_calls: $SMP_N vCPUs, $SMP_N up"
	     "smp_cpus_as_madt_lists: $SMP_N CPUs online, Xen lists $SMP_N"
	     "mc_cpus_batch_at_once: $SMP_N CPUs x 6 rounds x 300 updates at once: 0 entries wrong"
	     "time_runstate_every_cpu: CPU $((SMP_N - 1)): area entry")
MODE_SUITES=(smp.smp_call_function_all_ack smp.smp_tlb_shootdown smp.smp_every_cpu_ticks
	     smp.smp_each_cpu_its_own_state smp.spinlock_contention_every_cpu
	     xen_mmu_queue.mc_cpus_batch_at_once xen_mmu.mmu_user_baseptr_per_vcpu)
# shellcheck source=xen-pv-domU.sh
. "$here/modes/xen-pv-domU.sh"
