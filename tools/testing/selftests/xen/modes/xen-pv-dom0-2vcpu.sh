# SPDX-License-Identifier: GPL-2.0
# xen-pv-dom0-2vcpu: xen-pv-dom0 with two vCPUs given to dom0 (and QEMU
# -smp 2), every suite: the kernel brings vCPU 1 up by hypercall
# (arch/x86/xen/smp_pv.c), which xen_hypercall checks through
# VCPUOP_is_up against the online mask, and vCPU 1's runstate area is
# checked from CPU 0 (xen_time.time_runstate_every_cpu's line for CPU 1).
XEN_DOM0_VCPUS=2
MODE_EXPECT=("hc_good_calls: 2 vCPUs, 2 up" "smpboot: 2 of 2 CPUs online (0 failed)"
	     "time_runstate_every_cpu: CPU 1: area entry")
# shellcheck source=xen-pv-dom0.sh
. "$here/modes/xen-pv-dom0.sh"
