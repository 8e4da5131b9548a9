# SPDX-License-Identifier: GPL-2.0
# xen-pv-dom0-smp: xen-pv-dom0 with four vCPUs (dom0_max_vcpus=4) on two
# host CPUs (QEMU -smp 2: on -smp 4 TCG's four vCPU threads on a shared
# 2-core machine left xen_time's pvclock-against-NOW() check 4% apart in
# one run of four), every suite: smp_pv.c brings vCPUs 1-3 up by hypercall, and
# suite smp must run (not skip) its cross-CPU cases on them: every CPU
# runs a function and acknowledges (and calls the boot CPU back through
# its event port), the TLB shootdown is asserted by a
# fault on the remote CPUs.  xen_hypercall checks Xen's VCPUOP_is_up
# against the online mask.  The four CPUs batch page-table updates at
# once, each on its own queue (xen_mmu_queue), a CPU's user base pointer
# is its own (xen_mmu), and every vCPU's runstate area is kept by Xen
# (xen_time.time_runstate_every_cpu, whose line for CPU 3 must appear).
# The pv spinlocks (arch/x86/xen/spinlock.c) are on, and suite
# xen_spinlock must run every case.
XEN_DOM0_VCPUS=4
XEN_HOST_CPUS=2
MODE_EXPECT=("hc_good_calls: 4 vCPUs, 4 up" "smpboot: 4 of 4 CPUs online (0 failed)"
	     "xen: smp: 4 vCPUs" "smp_cpus_as_madt_lists: 4 CPUs online, Xen lists 4"
	     "mc_cpus_batch_at_once: 4 CPUs x 6 rounds x 300 updates at once: 0 entries wrong"
	     "time_runstate_every_cpu: CPU 3: area entry"
	     "xen: spinlock: pv ticket locks: block after")
# shellcheck source=xen-pv-dom0.sh
. "$here/modes/xen-pv-dom0.sh"
MODE_SUITES+=(smp.smp_call_function_all_ack smp.smp_call_function_single_to_boot_cpu
	      smp.smp_tlb_shootdown smp.smp_every_cpu_ticks
	      smp.smp_each_cpu_its_own_state smp.spinlock_contention_every_cpu
	      smp.spinlock_fifo_no_barging smp.smp_repatched_site_seen_by_every_cpu
	      xen_spinlock.xen_spinlock_kick_sites_call_xen
	      xen_spinlock.xen_spinlock_kicked_waiter_wakes xen_spinlock.xen_spinlock_kick_poll_race
	      xen_spinlock.xen_spinlock_exclusion_when_blocking
	      xen_spinlock.xen_spinlock_nested_wait_in_handler
	      xen_mmu_queue.mc_cpus_batch_at_once xen_mmu.mmu_user_baseptr_per_vcpu
	      xen_mmu.mmu_spaces_from_every_cpu)
