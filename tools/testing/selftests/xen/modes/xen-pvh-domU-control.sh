# SPDX-License-Identifier: GPL-2.0
# xen-pvh-domU-control: mode xen-pv-domU-control's toolstack ends for our
# kernel as a PVH domU (xl type "pvh", under the lab Xen as in
# xen-pvh-domU).  Its xenstore comes from HVM_PARAM_STORE_PFN/EVTCHN, and
# the control keys and the control/shutdown watch are the PV code's.  So
# the cases are the ones that exercise them: `xl shutdown` (reason 0),
# `xl reboot` (reason 1) and `xl destroy`, each guest waiting for the
# toolstack, its identity as xenstore gave it checked against `xl list`
# and its feature-poweroff and feature-reboot read back from dom0's
# xenstore.  One more (128 MiB) is ballooned by `xl mem-set` to 64 MiB
# and back to 128, each step as `xl list` shows it and the guest says.
# Xen's routine `HVM dN save:` line at each creation is no complaint.
. "$here/modes/xen-pv-domU-control.sh"
CTL_CASES=(
	"ctl-off|shutdown|ktest.off xen_wait_control=60|0|toolstack asks for poweroff: SCHEDOP_shutdown reason 0"
	"ctl-reboot|reboot|ktest.off xen_wait_control=60|1|toolstack asks for reboot: SCHEDOP_shutdown reason 1"
	"ctl-destroy|destroy|ktest.off xen_wait_control=60|none|waiting up to 60 s"
	"ctl-balloon|balloon:64:128|ktest.off xen_wait_control=60|0|toolstack asks for poweroff: SCHEDOP_shutdown reason 0"
)
CTL_GUEST_TYPE=pvh
# No pfns above memory under PVH (libxl's e820 ends there): down and back.
CTL_BALLOON_MAXMEM=128
CTL_XEN_ROUTINE='^\(XEN\) HVM d[0-9]+(v[0-9]+)? save: '
XEN_LAB_BUILD=$srctree/scripts/xen-lab/build-xen.sh
ctl_xen_elf() { "$XEN_LAB_BUILD" 2> "$1.xen-lab" || { cat "$1.xen-lab" > "$1"; return 1; }; }

mode_check() {
	xen_mode_check && refdom0_check || return 1
	[ -f /boot/xen-4.17-amd64.config ] || { echo "no /boot/xen-4.17-amd64.config (scripts/setup-deps.sh xen)"; return 1; }
	command -v bison >/dev/null && command -v flex >/dev/null ||
		{ echo "no flex/bison to build the lab Xen (scripts/setup-deps.sh xenlab)"; return 1; }
}
