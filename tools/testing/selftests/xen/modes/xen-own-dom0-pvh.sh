# SPDX-License-Identifier: GPL-2.0
# xen-own-dom0-pvh: mode xen-own-dom0 with the guest built as PVH by our
# dom0 (dom0.guest_type=pvh, drivers/xen/dom0/build_pvh.c): an HVM domain
# with HAP and no device model, entered at the image's PHYS32_ENTRY with
# a struct hvm_start_info, its console and xenstore rings found through
# HVM params.  HVM needs the lab Xen (Debian's 4.17 rebuilt with the CR2
# fix, scripts/xen-lab/build-xen.sh, as mode xen-pvh-domU): QEMU TCG's
# SVM emulation.  The guest must take the PVH paths (its start_info
# suite, console, xenstore and blkfront against our backends) and power
# off; judged as xen-own-dom0 judges.
. "$here/modes/xen-own-dom0.sh"
OWN_DOM0_ARGS="dom0.guest_type=pvh"
OWN_XEN=own_lab_xen
# Xen logs every HVM domain's context load and save: routine.
OWN_XEN_ROUTINE='^\(XEN\) HVM d[0-9]+(v[0-9]+)? (save|restore): '
MODE_EXPECT+=("dom0: building $OWN_GUESTS PVH guest"
	     "dom0: building the PVH guest failed (-12): its domain is destroyed")
# An HVM domain past createdomain that Xen then refuses memory: nothing left.
MODE_SUITES+=(dom0_build.pvh_build_refused_by_xen_leaves_nothing)
OWN_GUEST_SUITES=(xen_pvh acpi.acpi_tables_found xen_start_info xen_console xen_events xen_grant xen_xenstore xen_blkfront)
# The guest took the PVH entry and found what build_pvh.c laid out: all
# of its RAM in the memory map, the rings on the two pages right above
# it (the layout build_pvh.c's header states), its command line, ACPI
# tables as libxl's (a FADT, a MADT of one local APIC per vCPU).
OWN_GUEST_EXPECT=("xen: PVH domU: Xen 4.17" "paravirt: child xen-pvh (from the boot entry"
		  "K/$((OWN_GUEST_MEM * 1024))K available"
		  "xenbus: xenstore ring at gfn $(printf '%#x' $((OWN_GUEST_MEM * 256))), port "
		  "xen: console ring at pfn $(printf '%#x' $((OWN_GUEST_MEM * 256 + 1))), event channel "
		  "Command line: $OWN_GUEST_ARGS"
		  "ACPI: RSDP rev 2, XSDT rev 1 with 2 tables: FACP APIC"
		  "ACPI: MADT: local APIC at 0xfee00000, $OWN_GUEST_VCPUS CPUs enabled, 0 I/O APICs")
# More than one vCPU: each brought up, and its APIC ID the MADT's.
[ "$OWN_GUEST_VCPUS" = 1 ] || OWN_GUEST_SUITES+=(xen_pvh_smp)
XEN_LAB_BUILD=$srctree/scripts/xen-lab/build-xen.sh

own_lab_xen() {	# LOG
	"$XEN_LAB_BUILD" 2> "${1%.log}.xen-lab" || { cat "${1%.log}.xen-lab" >&2; return 1; }
}

mode_check() {
	xen_mode_check || return 1
	[ -f /boot/xen-4.17-amd64.config ] || { echo "no /boot/xen-4.17-amd64.config (scripts/setup-deps.sh xen)"; return 1; }
	command -v bison >/dev/null && command -v flex >/dev/null ||
		{ echo "no flex/bison to build the lab Xen (scripts/setup-deps.sh xenlab)"; return 1; }
}
