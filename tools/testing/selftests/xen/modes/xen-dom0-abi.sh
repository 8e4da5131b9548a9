# SPDX-License-Identifier: GPL-2.0
# xen-dom0-abi: the user-space selftests of Linux's Xen device ABI
# (evtchn_test, privcmd_test, gntdev_test, xenbus_test, interdomain_test:
# this directory's Makefile, static binaries) run as root in the
# reference dom0, Debian's own Linux under Debian's Xen 4.17
# (lib/refdom0.sh, its /init's selftests block), and the same programs in
# Debian's Linux as a PV domU (lib/refdomu-init.sh) started beside it.
# Our vmlinux is a PV domU left waiting for the toolstack meanwhile, the
# foreign domain privcmd_test maps a page of; interdomain_test meets the
# Linux domU from both sides (an event channel, a granted page).
# The verdict is their KTAP (ktap.py, the same rules as every mode), one
# document per domain: each program a case, its own cases nested, and
# each suite must pass a case; the cases named in ABI_CASES (dom0) and
# ABI_DOMU_CASES (the Linux domU) must run (not skip).  The domU's first
# document is privcmd_test alone, xen-privcmd as Debian loads it: Linux
# restricts it in a domU (XSA-482), and ABI_RESTRICTED_CASES must run.  A kernel warning
# in either's dmesg, a domU not starting or not powering off, or Xen
# reporting a crash fails it.
. "$here/lib/xen-mode.sh"
. "$here/lib/refdom0.sh"
ABI_PROGS=(evtchn_test privcmd_test gntdev_test xenbus_test interdomain_test)
ABI_SUITES=(xen_evtchn xen_privcmd xen_gntdev xen_xenbus xen_interdomain)
# Cases that must run here: the foreign map needs the domU up.
ABI_CASES=(xen_privcmd.mmapbatch_v2_foreign_console_ring
	   xen_privcmd.mmapbatch_v2_bad_frame_own_error
	   xen_gntdev.gntalloc_exhaustion_refused
	   xen_evtchn.restrict_domid_refuses_other_domains
	   xen_xenbus.transaction_conflict_eagain
	   xen_interdomain.map_domU_grant_sees_its_text
	   xen_interdomain.revoked_grant_not_mappable
	   xen_interdomain.domU_mapped_our_grant_and_wrote)
# In the Linux domU: xenbus_test skips itself (its independent side is
# dom0's), so it is not among the suites that must pass a case.
ABI_DOMU_SUITES=(xen_evtchn xen_privcmd xen_gntdev xen_interdomain)
ABI_DOMU_CASES=(xen_privcmd.mmapbatch_v2_domU_refused_dom0_pages
		xen_gntdev.closed_map_released_then_revoked_grant_refused
		xen_interdomain.notified_by_dom0_sees_its_write
		xen_interdomain.map_dom0_grant_sees_its_text
		xen_interdomain.dom0_revoked_grant_not_mappable
		xen_interdomain.dom0_close_leaves_port_unbound)
ABI_RESTRICTED_CASES=(xen_privcmd.domU_open_restricted_to_its_target)
ABI_TIMEOUT=${XEN_DOMU_TIMEOUT:-360}	# the whole QEMU run
ABI_DOMU=abi-peer
ABI_LINUX=abi-linux

mode_kernel() { echo "$build_dir/defconfig/vmlinux"; }
mode_check() {
	xen_mode_check && refdom0_check || return 1
	[ -f /usr/lib/x86_64-linux-gnu/libc.a ] || { echo "no static libc (libc6-dev)"; return 1; }
	[ -f /usr/include/xen/sys/evtchn.h ] || { echo "no /usr/include/xen/sys (libxen-dev)"; return 1; }
}

mode_boot() {	# LOG KERNEL
	local log=$1 ref=$build_dir/refdom0 ov xen out p

	out=$(mkdir -p "$build_dir" && cd "$build_dir" && pwd)/xen-selftests

	make -s -C "$here" OUTPUT="$out" all > "$log.make" 2>&1 || { cat "$log.make" > "$log"; return 2; }
	refdom0_build "$ref" > "$log.refdom0" 2>&1 || { cat "$log.refdom0" > "$log"; return 2; }
	xen=$(xen_elf "$log") || return 2
	ov=$log.overlay
	rm -rf "$ov"; mkdir -p "$ov/domu/selftests"
	cp "$2" "$ov/domu/vmlinux"
	cp "$ref/vmlinux" "$ov/domu/linux"
	refdom0_domu_initrd "$ov/domu/linux.cpio.gz" "$out" "${ABI_PROGS[@]}" >> "$log.refdom0" 2>&1 ||
		{ cat "$log.refdom0" > "$log"; return 2; }
	cp "$here/lib/ksft-run.sh" "$ov/domu/selftests/"
	for p in "${ABI_PROGS[@]}"; do
		cp "$out/$p" "$ov/domu/selftests/" && echo "$p" >> "$ov/domu/selftests/list"
	done
	refdom0_guest_cfg "$ABI_DOMU" "$(refdom0_guest_args) ktest.off xen_wait_control=120" 128 \
		> "$ov/domu/selftests/guest.cfg"
	refdom0_guest_cfg "$ABI_LINUX" "console=hvc0 quiet loglevel=3 ksft_peer=0" 160 160 1 \
		/domu/linux /domu/linux.cpio.gz > "$ov/domu/selftests/linux.cfg"
	refdom0_boot "$log" "$xen" "$ov" 1G 384M "$ABI_TIMEOUT" 150
}

# KTAP of one domain: ktap.py's verdict for LOG.ktap, expecting SUITES
# then (after --) CASES.
abi_verdict() {	# KTAP SUITE... -- CASE...
	local k=$1 args=() s

	shift
	for s in "$@"; do [ "$s" = -- ] || args+=(--expect-suite "$s"); done
	"$PYTHON" "$here/ktap.py" "${args[@]}" "$k"
}

# Debian's busybox in the Linux domU has been seen to take a general
# protection fault under TCG (seen in two sessions): Linux's own report of a
# user-space fault in busybox, in that domain's console, is not ours.
mode_flake() {	# LOG
	local line

	refdom0_xl_crashed "$1" && return 0
	line=$(grep -a "^REFDOM0-CON $ABI_LINUX: " "$1" |
	       grep -aE 'traps: .*(general protection|segfault).* in busybox' | head -n 1)
	[ -n "$line" ] || return 1
	echo "the Linux domU's busybox faulted (${line#REFDOM0-CON })" | tr -d '\r'
}

mode_judge() {	# LOG
	local log=$1 bad v0 vr vu t tu retries

	grep -aq '^REFDOM0: SELFTESTS end' "$log" || { echo "FAIL: dom0 never finished the selftests"; return 1; }
	bad=$(grep -a '^REFDOM0: SELFTESTS \(domU\|linux\) .* \(failed\|still there\)' "$log" | head -n 1 | tr -d '\r')
	[ -z "$bad" ] || { echo "FAIL: ${bad#REFDOM0: SELFTESTS }"; return 1; }
	bad=$(grep -a '^REFDOM0: SELFTESTS dmesg: ' "$log" | head -n 1 | tr -d '\r')
	[ -z "$bad" ] || { echo "FAIL: dom0 ${bad#REFDOM0: SELFTESTS }"; return 1; }
	bad=$(grep -a '^(XEN)' "$log" | grep -aiE 'crash|Assertion|FATAL|panic|BUG' | head -n 1)
	[ -z "$bad" ] || { echo "FAIL: Xen: $bad"; return 1; }
	sed -n '/^REFDOM0: SELFTESTS begin/,/^REFDOM0: SELFTESTS end/p' "$log" |
		sed '1d; $d; /^(XEN)/d' | tr -d '\r' > "$log.ktap"
	# The Linux domU's console, as dom0 copied it out of xenconsoled's log.
	grep -a "^REFDOM0-CON $ABI_LINUX: " "$log" | tr -d '\r' |
		sed "s/^REFDOM0-CON $ABI_LINUX: //" > "$log.domu"
	bad=$(grep -a '^REFDOMU: \(dmesg\|insmod\|mount\)' "$log.domu" | head -n 1)
	[ -z "$bad" ] || { echo "FAIL: Linux domU ${bad#REFDOMU: }"; return 1; }
	grep -q '^REFDOMU: SELFTESTS end' "$log.domu" ||
		{ echo "FAIL: the Linux domU never finished the selftests (see $log.domu)"; return 1; }
	sed -n '/^REFDOMU: SELFTESTS restricted begin/,/^REFDOMU: SELFTESTS restricted end/p' \
		"$log.domu" | sed '1d; $d' > "$log.domu-restricted.ktap"
	sed -n '/^REFDOMU: SELFTESTS begin/,/^REFDOMU: SELFTESTS end/p' "$log.domu" |
		sed '1d; $d' > "$log.domu.ktap"
	v0=$(abi_verdict "$log.ktap" "${ABI_SUITES[@]}" -- "${ABI_CASES[@]}")
	case $v0 in PASS:*) ;; *) echo "dom0: $v0"; return 1 ;; esac
	vr=$(abi_verdict "$log.domu-restricted.ktap" xen_privcmd -- "${ABI_RESTRICTED_CASES[@]}")
	case $vr in PASS:*) ;; *) echo "Linux domU, privcmd restricted: $vr"; return 1 ;; esac
	vu=$(abi_verdict "$log.domu.ktap" "${ABI_DOMU_SUITES[@]}" -- "${ABI_DOMU_CASES[@]}")
	case $vu in PASS:*) ;; *) echo "Linux domU: $vu"; return 1 ;; esac
	t=$(grep -a '^REFDOM0: SELFTESTS end ' "$log" | tr -d '\r' | sed 's/.* end //')
	tu=$(sed -n 's/^REFDOMU: SELFTESTS end //p' "$log.domu")
	retries=$(grep -ac '^REFDOM0: NOTE ' "$log")
	echo "PASS: dom0 ${v0#PASS: } (uptime $t s); Linux domU ${vu#PASS: } (uptime $tu s), restricted privcmd ${vr#PASS: }; $retries xl retries"
}
