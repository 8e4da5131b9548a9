# SPDX-License-Identifier: GPL-2.0
# xen-pv-dom0: Debian's Xen 4.17 booted by QEMU's multiboot loader with
# the default vmlinux as its dom0 module (1 vCPU, 128 MiB): the kernel
# must come up on the Xen child of pv_ops and pass every suite, the xen_*
# ones included, and Xen must say nothing about d0 once it handed over.
# The xen-pv-dom0-SIZE modes are this one at other sizes: they set
# XEN_DOM0_MEM (Xen's dom0_mem), XEN_HOST_MEM (QEMU's -m) and extra
# MODE_EXPECT lines before sourcing it; xen-pv-dom0-2vcpu sets
# XEN_DOM0_VCPUS (dom0_max_vcpus, and QEMU's -smp unless XEN_HOST_CPUS
# sets it), xen-pv-dom0-2l
# XEN_DOM0_ARGS (more kernel arguments).  The same variables in the
# environment try a size or count by hand.  Without XEN_DOM0_ARGS the
# event channels must be Xen's FIFO ABI, its own cases run.
. "$here/lib/xen-mode.sh"
MODE_EXPECT+=("xen: PV dom0:" "paravirt: child xen" "running on our own page tables"
	      "xen: early direct map grown to" "# Subtest: xen_mmu"
	      "# Subtest: xen_events" "# Subtest: xen_memsize")
# Suites that must run at least one case here (not skip them all).
MODE_SUITES+=(xen_start_info xen_hypercall xen_cpu xen_irq xen_mmu xen_time xen_events
	      xen_mmu_queue xen_memsize xen_p2m xen_pv_sites paravirt_child acpi pci pgd
	      xen_balloon.balloon_out_and_back xen_pirq.rtc_rate xen_xenstore xen_xenstored)
DOM0_MEM=${XEN_DOM0_MEM:-128M}
HOST_MEM=${XEN_HOST_MEM:-512M}
DOM0_VCPUS=${XEN_DOM0_VCPUS:-1}
HOST_CPUS=${XEN_HOST_CPUS:-$DOM0_VCPUS}
DOM0_ARGS=${XEN_DOM0_ARGS:-}
unset XEN_DOM0_MEM XEN_HOST_MEM XEN_DOM0_VCPUS XEN_HOST_CPUS XEN_DOM0_ARGS	# modes share one shell
[ -n "$DOM0_ARGS" ] || {
	MODE_EXPECT+=("xen: events: FIFO ABI")
	MODE_SUITES+=(xen_events.ev_fifo_priority_order xen_events.ev_fifo_port_past_first_page)
}

mode_kernel() { echo "$build_dir/defconfig/vmlinux"; }
mode_check() { xen_mode_check; }
mode_boot() {	# LOG KERNEL
	xen_boot "$1" "$2" "$HOST_MEM" "$(xen_args "$DOM0_MEM" "$DOM0_VCPUS")" \
		"$KERNEL_ARGS${DOM0_ARGS:+ $DOM0_ARGS}" "$HOST_CPUS"
}
mode_judge() { xen_judge "$1"; }
