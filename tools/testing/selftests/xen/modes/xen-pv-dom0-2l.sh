# SPDX-License-Identifier: GPL-2.0
# xen-pv-dom0-2l: xen-pv-dom0 on the 2-level event channel ABI
# (xen_fifo_events=0), so that every event suite runs on both ABIs: the
# default modes get Xen's FIFO ABI.  Two vCPUs, so that the 2-level
# ABI's per-CPU side runs too (each upcall takes only its CPU's ports; a
# port on another vCPU is unmasked by EVTCHNOP_unmask):
# ev_bind_vcpu_moves_delivery must run.  xen_pirq_eoi_map=0: physical
# IRQs without Xen's EOI bitmap, asking irq_status_query, so that
# PHYSDEVOP_eoi is made (xen_pirq.rtc_rate).  Everything else as
# xen-pv-dom0.
XEN_DOM0_ARGS="xen_fifo_events=0 xen_pirq_eoi_map=0"
XEN_DOM0_VCPUS=2
XEN_HOST_CPUS=2
MODE_EXPECT=("xen: events: 2-level ABI, 4096 ports")
MODE_SUITES=(xen_events.ev_abi_is_xens xen_events.ev_interdomain_loopback
	     xen_events.ev_bind_vcpu_moves_delivery)
# shellcheck source=xen-pv-dom0.sh
. "$here/modes/xen-pv-dom0.sh"
