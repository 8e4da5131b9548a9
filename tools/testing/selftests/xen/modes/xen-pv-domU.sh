# SPDX-License-Identifier: GPL-2.0
# xen-pv-domU: the default vmlinux as a PV domU, started by a reference
# dom0 (Debian's Linux and xl, lib/refdom0.sh) under Debian's Xen 4.17 in
# QEMU TCG.  Dom0 runs `xl create -c` of the config generated here (type
# pv, 256 MiB, 1 vCPU, our vmlinux ELF, every on_* destroy) and streams
# the guest's PV console to Xen's serial.  The verdict is the guest's KTAP
# (the same ktap.py rules as every mode) with the domain's shutdown reason
# as xl logged it for exit status (poweroff = pass, crash = the kernel's
# failure), xl create's own exit status, neither xl's log nor Xen's
# console complaining about the domain, and the console burst of suite
# xen_console arriving intact (consburst.py).  Dom0-only cases skip
# themselves.
# The xen-pv-domU-SIZE modes are this one at other sizes: they set
# XEN_DOMU_MEM (xl's memory, MiB), XEN_DOMU_MAXMEM (xl's maxmem, MiB;
# default memory), XEN_DOM0_MEM (Xen's dom0_mem) and XEN_HOST_MEM (QEMU's
# -m) before sourcing it; the same variables in the environment try a size
# by hand.  The guest must see the size asked for: start_info's pages, the
# P2M's and xl's memory/target and static-max, as printed, are compared
# with these numbers.  XEN_DOMU_VCPUS (xl's vcpus, default 1) and
# XEN_HOST_CPUS (QEMU's -smp, default 1) give the guest more vCPUs
# (xen-pv-domU-smp).
. "$here/lib/xen-mode.sh"
. "$here/lib/refdom0.sh"
MODE_EXPECT+=("xen: PV domU:" "paravirt: child xen" "running on our own page tables"
	      "xen: console ring" "# Subtest: xen_mmu" "# Subtest: xen_console")
# Suites that must run at least one case in a domU.
MODE_SUITES+=(xen_start_info xen_hypercall xen_cpu xen_irq xen_mmu xen_time xen_events
	      xen_mmu.mmu_pinned_l1_is_read_only
	      xen_mmu_queue xen_memsize xen_p2m xen_pv_sites xen_console xen_xenstore
	      xen_balloon.balloon_out_and_back
	      paravirt_child pgd pci)
DOMU_MEM=${XEN_DOMU_MEM:-256}
DOMU_MAXMEM=${XEN_DOMU_MAXMEM:-$DOMU_MEM}
DOMU_DOM0_MEM=${XEN_DOM0_MEM:-384M}
DOMU_HOST_MEM=${XEN_HOST_MEM:-1G}
DOMU_VCPUS=${XEN_DOMU_VCPUS:-1}
DOMU_HOST_CPUS=${XEN_HOST_CPUS:-1}
# Modes share one shell.
unset XEN_DOMU_MEM XEN_DOMU_MAXMEM XEN_DOM0_MEM XEN_HOST_MEM XEN_DOMU_VCPUS XEN_HOST_CPUS
# Bad sizes fail the mode with this reason (mode_judge), booting nothing.
DOMU_BAD=
if ! [[ $DOMU_MEM =~ ^[1-9][0-9]*$ && $DOMU_MAXMEM =~ ^[1-9][0-9]*$ ]]; then
	DOMU_BAD="XEN_DOMU_MEM=$DOMU_MEM XEN_DOMU_MAXMEM=$DOMU_MAXMEM: not sizes in MiB"
elif [ "$DOMU_MAXMEM" -lt "$DOMU_MEM" ]; then
	DOMU_BAD="XEN_DOMU_MAXMEM=$DOMU_MAXMEM is below XEN_DOMU_MEM=$DOMU_MEM"
else
	# The size asked for, in the numbers the kernel prints (4 KiB pages).
	MODE_EXPECT+=("xen: PV domU: $((DOMU_MEM * 256)) pages"
		      "memsize_p2m_covers_ram: $((DOMU_MEM * 256)) pfns below RAM's end have frames; Xen says we hold $((DOMU_MEM * 256))"
		      "memsize_domU_is_the_toolstacks: start_info $((DOMU_MEM * 256)) pages; xl memory/target $((DOMU_MEM * 1024)) KiB, static-max $((DOMU_MAXMEM * 1024)) KiB")
	MODE_SUITES+=(xen_memsize.memsize_domU_is_the_toolstacks)
fi
DOMU_TIMEOUT=${XEN_DOMU_TIMEOUT:-240}	# the whole QEMU run
GUEST_TIMEOUT=${XEN_DOMU_GUEST_TIMEOUT:-180}	# xl create -c
DOMU_NAME=ours
# xen-pvh-domU sets its own of these (modes share one shell): Xen lines
# that are routine, and a function judging more of the log (its line is
# added to the verdict).
DOMU_XEN_ROUTINE='^$'
DOMU_EXTRA_JUDGE=

mode_kernel() { echo "$build_dir/defconfig/vmlinux"; }
mode_check() { xen_mode_check && refdom0_check; }

mode_boot() {	# LOG KERNEL
	local log=$1 ref=$build_dir/refdom0 ov xen args

	[ -z "$DOMU_BAD" ] || { echo "$DOMU_BAD" > "$log"; return 2; }
	refdom0_build "$ref" > "$log.refdom0" 2>&1 || { cat "$log.refdom0" > "$log"; return 2; }
	xen=$(xen_elf "$log") || return 2
	args=$(refdom0_guest_args)
	# The name xl gives the domain, for xen_xenstore to find in xenstore.
	args="$args xs_test.name=$DOMU_NAME"
	ov=$log.overlay
	rm -rf "$ov"; mkdir -p "$ov/domu"
	cp "$2" "$ov/domu/vmlinux"
	refdom0_guest_cfg "$DOMU_NAME" "$args" "$DOMU_MEM" "$DOMU_MAXMEM" \
		"$DOMU_VCPUS" > "$ov/domu/guest.cfg"
	REFDOM0_HOST_CPUS=$DOMU_HOST_CPUS refdom0_boot "$log" "$xen" "$ov" "$DOMU_HOST_MEM" \
		"$DOMU_DOM0_MEM" "$DOMU_TIMEOUT" "$GUEST_TIMEOUT"
}

# The guest's console, as dom0 framed it, without Xen's interleaved lines.
domu_console() {	# LOG
	sed -n '/^REFDOM0: guest console begin/,/^REFDOM0: guest console end/p' "$1" |
		sed '1d; $d; /^(XEN)/d; /^REFDOM0/d'
}

mode_judge() {	# LOG
	local log=$1 res rc reason status bad verdict burst extra

	[ -z "$DOMU_BAD" ] || { echo "FAIL: $DOMU_BAD"; return 1; }
	res=$(grep -a '^REFDOM0: RESULT ' "$log" | tail -n 1 | tr -d '\r')
	[ -n "$res" ] || { echo "FAIL: dom0 never reported the guest's end (status $status)"; return 1; }
	rc=$(echo "$res" | sed -n 's/.* xl_rc=\([0-9]*\).*/\1/p')
	reason=$(echo "$res" | sed -n 's/.* reason=\([a-z0-9]*\).*/\1/p')
	[ "$rc" = 0 ] || { echo "FAIL: xl create exited with $rc"; return 1; }
	# xl's complaints about our domain: its log at error or warning level.
	bad=$(grep -a '^REFDOM0-XL: ' "$log" | grep -aiE 'error|warn|fail' | head -n 1)
	[ -z "$bad" ] || { echo "FAIL: xl: ${bad#REFDOM0-XL: }"; return 1; }
	# Xen speaks of a domU after its start only when it misbehaved.
	bad=$(grep -a '^(XEN)' "$log" | grep -aE '\bd[1-9][0-9]*(v[0-9]+)?\b' |
	      grep -avE "${DOMU_XEN_ROUTINE:-^$}" | head -n 1)
	[ -z "$bad" ] || { echo "FAIL: Xen: $bad"; return 1; }
	domu_console "$log" > "$log.guest"
	case $reason in
	0) status=1 ;;		# SHUTDOWN_poweroff: the kernel's "pass"
	3) status=3 ;;		# SHUTDOWN_crash: its failure
	*) echo "FAIL: the domain ended with shutdown reason $reason, not poweroff"; return 1 ;;
	esac
	verdict=$("$PYTHON" "$here/ktap.py" --exit-status "$status" "${expect[@]}" "$log.guest")
	case $verdict in PASS:*) ;; *) echo "$verdict"; return 1 ;; esac
	# The burst suite xen_console wrote, regenerated and compared here.
	burst=$("$PYTHON" "$here/consburst.py" "$log.guest") || { echo "$burst"; return 1; }
	if [ -n "$DOMU_EXTRA_JUDGE" ]; then
		extra=$("$DOMU_EXTRA_JUDGE" "$log") || { echo "$extra"; return 1; }
		burst="$burst; $extra"
	fi
	echo "$verdict; ${burst#PASS: }"
}
