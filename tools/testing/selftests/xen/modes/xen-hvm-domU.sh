# SPDX-License-Identifier: GPL-2.0
# xen-hvm-domU: the default vmlinux as an HVM domU (xl type "hvm",
# PV-on-HVM), booted the way xl boots any HVM guest: hvmloader, SeaBIOS
# and Debian's qemu-system-xen as the device model in the reference dom0
# (lib/refdom0.sh with lib/refdom0-hvm.sh), from a GRUB CD image that
# multiboot2-loads the kernel, under the lab Xen (as xen-pvh-domU: QEMU
# TCG's SVM emulation needs it; booted with cpuid=no-rdtscp).  The guest's
# console is the device model's COM1 (serial = "pty"), which `xl create
# -c` streams to dom0's console.  On the multiboot2 entry the kernel finds
# Xen by CPUID and switches on the Xen enlightenments as under PVH; the
# emulated devices (COM1, PIT, local APIC, ACPI) stay.
# xen-hvm-domU-nopv sets HVM_NOPV=1 first: `xen_nopv` on the command line
# keeps the kernel a plain HVM guest (native child, every group native).
# Judged on the guest's KTAP, the "Power down (status N)" line (ACPI S5
# tells Xen nothing but "poweroff") or, PV-on-HVM, the shutdown reason as
# xl logged it, and xl's and Xen's complaints.
. "$here/lib/xen-mode.sh"
. "$here/lib/refdom0.sh"
. "$here/lib/refdom0-hvm.sh"
HVM_NAME=ourshvm
HVM_MEM=256
HVM_TIMEOUT=${XEN_HVM_TIMEOUT:-420}		# the whole QEMU run
HVM_GUEST_TIMEOUT=${XEN_HVM_GUEST_TIMEOUT:-360}	# xl create -c
HVM_NOPV=${HVM_NOPV:-0}
HVM_VCPUS=${HVM_VCPUS:-1}			# xl vcpus (xen-hvm-domU-smp: 2)
HVM_HOST_CPUS=${HVM_HOST_CPUS:-1}		# QEMU -smp, for Xen
unset XEN_HVM_TIMEOUT XEN_HVM_GUEST_TIMEOUT
HVM_ARGS_EXTRA=
if [ "$HVM_NOPV" = 1 ]; then
	HVM_ARGS_EXTRA=" xen_nopv"
	MODE_EXPECT=("physical RAM map (GRUB"
		     "paravirt: child native (CPUID hypervisor: XenVMMXenVMM)")
	MODE_SUITES=(xen_hvm_nopv bootinfo paravirt paravirt_child traps timer buddy acpi pci)
else
	MODE_EXPECT=("physical RAM map (GRUB" "xen: HVM domU: Xen 4.17"
		     "paravirt: child xen-hvm (from the boot entry"
		     "paravirt: groups: init native cpu native irq native mmu native time xen-hvm lock native"
		     "xen: events: callback vector 0xf3 (HVM_PARAM_CALLBACK_IRQ)"
		     "xenbus: xenstore ring at gfn " "xen: domU identity: domid ")
	MODE_SUITES=(xen_hvm bootinfo paravirt_child traps buddy acpi pci xen_events
		     xen_xenstore xen_balloon.balloon_out_and_back xen_grant xen_time)
fi
unset HVM_NOPV
XEN_LAB_BUILD=$srctree/scripts/xen-lab/build-xen.sh
# The PCI functions of the device model's machine (QEMU's xenfv: i440fx,
# hw/i386/pc_piix.c) as refdom0_hvm_cfg leaves it: the i440FX host
# bridge 8086:1237, the PIIX3 ISA bridge 8086:7000 and IDE 8086:7010, the
# PIIX4 ACPI/PM function 8086:7113 (acpi defaults to on), and Xen's
# platform device 5853:0001 (hw/i386/xen/xen_platform.c); vga = "none"
# and vif = [] leave no display and no NIC.
HVM_PCI_EXPECT=8086:1237,8086:7000,8086:7010,8086:7113,5853:0001

mode_kernel() { echo "$build_dir/defconfig/vmlinux"; }
mode_check() {
	xen_mode_check && refdom0_check && refdom0_hvm_check || return 1
	[ -f /boot/xen-4.17-amd64.config ] || { echo "no /boot/xen-4.17-amd64.config (scripts/setup-deps.sh xen)"; return 1; }
	command -v bison >/dev/null && command -v flex >/dev/null ||
		{ echo "no flex/bison to build the lab Xen (scripts/setup-deps.sh xenlab)"; return 1; }
}

mode_boot() {	# LOG KERNEL
	local log=$1 ref=$build_dir/refdom0 hvm=$build_dir/refdom0-hvm ov xen args

	refdom0_build "$ref" > "$log.refdom0" 2>&1 || { cat "$log.refdom0" > "$log"; return 2; }
	refdom0_hvm_build "$hvm" >> "$log.refdom0" 2>&1 || { cat "$log.refdom0" > "$log"; return 2; }
	xen=$("$XEN_LAB_BUILD" 2> "$log.xen-lab") || { cat "$log.xen-lab" > "$log"; return 2; }
	args="$(refdom0_guest_args | sed "s/pci_expect=[^ ]*/pci_expect=$HVM_PCI_EXPECT/")"
	args="$args xs_test.name=$HVM_NAME$HVM_ARGS_EXTRA"
	ov=$log.overlay
	rm -rf "$ov"; mkdir -p "$ov/domu"
	refdom0_hvm_iso "$ov/domu/disk.iso" "$2" "$args" > "$log.iso" 2>&1 ||
		{ cat "$log.iso" > "$log"; return 2; }
	refdom0_hvm_cfg "$HVM_NAME" /domu/disk.iso "$HVM_MEM" "$HVM_VCPUS" > "$ov/domu/guest.cfg"
	REFDOM0_HOST_CPUS=$HVM_HOST_CPUS REFDOM0_EXTRA_CPIO=$hvm/dm.cpio.gz \
		refdom0_boot "$log" "$xen" "$ov" 1G 384M \
		"$HVM_TIMEOUT" "$HVM_GUEST_TIMEOUT"
}

# The guest's console between dom0's markers, without Xen's lines.
hvm_console() {	# LOG
	sed -n '/^REFDOM0: guest console begin/,/^REFDOM0: guest console end/p' "$1" |
		tr -d '\r' | sed '1d; $d; /^(XEN)/d; /^REFDOM0/d'
}

mode_judge() {	# LOG
	local log=$1 res rc reason st status bad verdict

	res=$(grep -a '^REFDOM0: RESULT ' "$log" | tail -n 1 | tr -d '\r')
	[ -n "$res" ] || { echo "FAIL: dom0 never reported the guest's end"; return 1; }
	rc=$(echo "$res" | sed -n 's/.* xl_rc=\([0-9]*\).*/\1/p')
	reason=$(echo "$res" | sed -n 's/.* reason=\([a-z0-9]*\).*/\1/p')
	[ "$rc" = 0 ] || { echo "FAIL: xl create exited with $rc"; return 1; }
	bad=$(grep -a '^REFDOM0-XL: ' "$log" | grep -aiE 'error|warn|fail' | head -n 1)
	[ -z "$bad" ] || { echo "FAIL: xl: ${bad#REFDOM0-XL: }"; return 1; }
	# Xen speaks of a domU only when it misbehaved, but for the routine
	# context save at creation and the guest's own debug-port lines.
	bad=$(grep -a '^(XEN)' "$log" | grep -aE '\bd[1-9][0-9]*(v[0-9]+)?\b' |
	      grep -avE '^\(XEN\) HVM d[0-9]+(v[0-9]+)? save: ' | head -n 1)
	[ -z "$bad" ] || { echo "FAIL: Xen: $bad"; return 1; }
	hvm_console "$log" > "$log.guest"
	# The kernel's own word on its status (0 pass): under ACPI S5 Xen
	# learns only "poweroff", under PV-on-HVM the reason must agree.
	st=$(grep -a 'reboot: Power down (status' "$log.guest" | tail -n 1 |
	     sed -n 's/.*(status \([0-9]*\)).*/\1/p')
	case $st in
	0) status=1 ;;
	'') echo "FAIL: the guest never said it powered down (reason $reason)"; return 1 ;;
	*) status=3 ;;
	esac
	case $reason in
	0) ;;
	3) [ "$status" = 3 ] ||
		{ echo "FAIL: the guest passed yet crashed (shutdown reason 3)"; return 1; } ;;
	*) echo "FAIL: the domain ended with shutdown reason $reason, not poweroff"; return 1 ;;
	esac
	verdict=$("$PYTHON" "$here/ktap.py" --exit-status "$status" "${expect[@]}" "$log.guest")
	case $verdict in PASS:*) ;; *) echo "$verdict"; return 1 ;; esac
	echo "$verdict; shutdown reason $reason as xl logged it"
}
