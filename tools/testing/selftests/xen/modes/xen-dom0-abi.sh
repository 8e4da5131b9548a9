# SPDX-License-Identifier: GPL-2.0
# xen-dom0-abi: the user-space selftests of Linux's Xen device ABI
# (evtchn_test, privcmd_test, gntdev_test, xenbus_test: this directory's
# Makefile, static binaries) run as root in the reference dom0, Debian's
# own Linux under Debian's Xen 4.17 (lib/refdom0.sh, its /init's
# selftests block), with our vmlinux as a PV domU left waiting for the
# toolstack meanwhile, the foreign domain privcmd_test maps a page of.
# The verdict is their KTAP (ktap.py, the same rules as every mode): each
# program a case, its own cases nested, and each suite must pass a case;
# the cases named in ABI_CASES must run (not skip).  A kernel warning in
# dom0's dmesg, the domU not starting, or Xen reporting a crash fails it.
. "$here/lib/xen-mode.sh"
. "$here/lib/refdom0.sh"
ABI_PROGS=(evtchn_test privcmd_test gntdev_test xenbus_test)
ABI_SUITES=(xen_evtchn xen_privcmd xen_gntdev xen_xenbus)
# Cases that must run here: the foreign map needs the domU up.
ABI_CASES=(xen_privcmd.mmapbatch_v2_foreign_console_ring
	   xen_privcmd.mmapbatch_v2_bad_frame_own_error
	   xen_gntdev.gntalloc_exhaustion_refused
	   xen_evtchn.restrict_domid_refuses_other_domains
	   xen_xenbus.transaction_conflict_eagain)
ABI_TIMEOUT=${XEN_DOMU_TIMEOUT:-240}	# the whole QEMU run
ABI_DOMU=abi-peer

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
	for p in "${ABI_PROGS[@]}"; do
		cp "$out/$p" "$ov/domu/selftests/" && echo "$p" >> "$ov/domu/selftests/list"
	done
	refdom0_guest_cfg "$ABI_DOMU" "$(refdom0_guest_args) ktest.off xen_wait_control=120" 128 \
		> "$ov/domu/selftests/guest.cfg"
	refdom0_boot "$log" "$xen" "$ov" 1G 384M "$ABI_TIMEOUT" 60
}

mode_judge() {	# LOG
	local log=$1 bad s c args=() t

	grep -aq '^REFDOM0: SELFTESTS end' "$log" || { echo "FAIL: dom0 never finished the selftests"; return 1; }
	bad=$(grep -a '^REFDOM0: SELFTESTS domU .* failed' "$log" | head -n 1 | tr -d '\r')
	[ -z "$bad" ] || { echo "FAIL: ${bad#REFDOM0: SELFTESTS }"; return 1; }
	bad=$(grep -a '^REFDOM0: SELFTESTS dmesg: ' "$log" | head -n 1 | tr -d '\r')
	[ -z "$bad" ] || { echo "FAIL: dom0 ${bad#REFDOM0: SELFTESTS }"; return 1; }
	bad=$(grep -a '^(XEN)' "$log" | grep -aiE 'crash|Assertion|FATAL|panic|BUG' | head -n 1)
	[ -z "$bad" ] || { echo "FAIL: Xen: $bad"; return 1; }
	sed -n '/^REFDOM0: SELFTESTS begin/,/^REFDOM0: SELFTESTS end/p' "$log" |
		sed '1d; $d; /^(XEN)/d' | tr -d '\r' > "$log.ktap"
	for s in "${ABI_SUITES[@]}"; do args+=(--expect-suite "$s"); done
	for c in "${ABI_CASES[@]}"; do args+=(--expect-suite "$c"); done
	verdict=$("$PYTHON" "$here/ktap.py" "${args[@]}" "$log.ktap")
	case $verdict in PASS:*) ;; *) echo "$verdict"; return 1 ;; esac
	t=$(grep -a '^REFDOM0: SELFTESTS end ' "$log" | tr -d '\r' | sed 's/.* end //')
	echo "$verdict; run in dom0 uptime $t s"
}
