# SPDX-License-Identifier: GPL-2.0
# xen-pvh-domU: the default vmlinux as a PVH domU (xl type "pvh"), started
# by the reference dom0 (lib/refdom0.sh, Debian's Linux and xl as PV
# dom0) under the lab Xen: Debian's Xen 4.17 source rebuilt with the CR2
# fix by scripts/xen-lab/build-xen.sh (QEMU TCG's SVM emulation needs it;
# cached outside the tree, built on first use), booted with
# cpuid=no-rdtscp like every mode.  The kernel enters through its PVH
# note, finds Xen by CPUID and must pick the xen-pvh child with only the
# time group Xen's.  Judged as mode xen-pv-domU judges: the guest's KTAP,
# the shutdown reason as xl logged it (poweroff = pass), xl's and Xen's
# complaints.
. "$here/modes/xen-pv-domU.sh"
MODE_EXPECT=("xen: PVH domU: Xen 4.17" "paravirt: child xen-pvh (from the boot entry"
	     "paravirt: groups: init native cpu native irq native mmu native time xen-pvh lock native"
	     "xen: events: callback vector 0xf3 (HVM_PARAM_CALLBACK_IRQ)"
	     "xenbus: xenstore ring at gfn " "xen: domU identity: domid ")
MODE_SUITES=(xen_pvh xen_events xen_console xen_xenstore acpi xen_grant xen_hypercall xen_time
	     xen_balloon.balloon_out_and_back)
# Xen logs every HVM domain's context save at creation: routine, not a
# complaint.  (The guest's debug-port lines are "(dN) ...", not "(XEN)".)
DOMU_XEN_ROUTINE='^\(XEN\) HVM d[0-9]+(v[0-9]+)? save: '
DOMU_EXTRA_JUDGE=pvh_judge_debug_port

# Case pvh_held_console_reaches_debug_port's line, with its stamp, on
# Xen's console (from port 0xe9: "(dN) ...", anywhere in a line, as the
# serial interleaves it with the guest's console) and on the ring.
pvh_judge_debug_port() {	# LOG
	local stamp

	stamp=$(grep -a "held line [0-9]*: Xen's console must show it" "$1.guest" | tr -d '\r' |
		sed -n 's/.*held line \([0-9]*\):.*/\1/p' | head -n 1)
	[ -n "$stamp" ] || { echo "FAIL: xen_pvh printed no held line"; return 1; }
	tr -d '\r' < "$1" | grep -aqE "\(d[0-9]+\) .*xen_pvh: held line $stamp\$" ||
		{ echo "FAIL: Xen's console shows no held line $stamp from port 0xe9"; return 1; }
	tr -d '\r' < "$1.guest" | grep -aqE "xen_pvh: held line $stamp\$" ||
		{ echo "FAIL: the ring lost the held line $stamp"; return 1; }
	echo "held line $stamp on Xen's console (port 0xe9) and on the ring"
}
XEN_LAB_BUILD=$srctree/scripts/xen-lab/build-xen.sh

mode_check() {
	xen_mode_check && refdom0_check || return 1
	[ -f /boot/xen-4.17-amd64.config ] || { echo "no /boot/xen-4.17-amd64.config (scripts/setup-deps.sh xen)"; return 1; }
	command -v bison >/dev/null && command -v flex >/dev/null ||
		{ echo "no flex/bison to build the lab Xen (scripts/setup-deps.sh xenlab)"; return 1; }
}

mode_boot() {	# LOG KERNEL
	local log=$1 ref=$build_dir/refdom0 ov xen args

	refdom0_build "$ref" > "$log.refdom0" 2>&1 || { cat "$log.refdom0" > "$log"; return 2; }
	xen=$("$XEN_LAB_BUILD" 2> "$log.xen-lab") || { cat "$log.xen-lab" > "$log"; return 2; }
	args="$(refdom0_guest_args) xs_test.name=$DOMU_NAME"
	ov=$log.overlay
	rm -rf "$ov"; mkdir -p "$ov/domu"
	cp "$2" "$ov/domu/vmlinux"
	REFDOM0_GUEST_TYPE=pvh refdom0_guest_cfg "$DOMU_NAME" "$args" "$DOMU_MEM" "$DOMU_MAXMEM" \
		"$DOMU_VCPUS" > "$ov/domu/guest.cfg"
	REFDOM0_HOST_CPUS=$DOMU_HOST_CPUS refdom0_boot "$log" "$xen" "$ov" "$DOMU_HOST_MEM" \
		"$DOMU_DOM0_MEM" "$DOMU_TIMEOUT" "$GUEST_TIMEOUT"
}
