# SPDX-License-Identifier: GPL-2.0
# xen-pv-dom0-2vcpu: xen-pv-dom0 with two vCPUs given to dom0 (and QEMU
# -smp 2), every suite: the kernel runs on vCPU 0 and leaves vCPU 1 down
# (no SMP bring-up yet), which xen_hypercall checks through VCPUOP_is_up.
XEN_DOM0_VCPUS=2
MODE_EXPECT=("hc_good_calls: 2 vCPUs, vCPU 0 up")
# shellcheck source=xen-pv-dom0.sh
. "$here/modes/xen-pv-dom0.sh"
