# SPDX-License-Identifier: GPL-2.0
# xen-pvh-dom0: the default vmlinux as Xen's PVH dom0 (dom0=pvh) under the
# lab Xen (scripts/xen-lab/build-xen.sh: Debian's 4.17 with the CR2 fix,
# as for every HVM-type guest here), on QEMU's q35 with an emulated
# Intel IOMMU: Xen 4.17 refuses a PVH hardware domain without one
# ("Presently, iommu must be enabled for PVH hardware domain").  Xen's
# start info for a PVH dom0 is version 0, without a memory map: the kernel
# takes it from XENMEM_memory_map.  The kernel enters through its PVH
# note, finds Xen by CPUID, and must pick the xen-pvh child as a domU
# does, with the ACPI tables Xen rebuilt for it (an XSDT named after
# address 0 on SeaBIOS's RSDT-only firmware: acpi.c takes it by its
# checksum), the host's PCI through Xen's vPCI (q35's six functions,
# pci_expect), and Xen's console for its
# output.  Two vCPUs (dom0_max_vcpus=2 on QEMU -smp 2; one costs about
# 1.5 s less of the ~10 s, Documentation/xen-pvh.md): Xen's PVH dom0
# builder lists both in the MADT it writes, smp_pvh.c starts vCPU 1 with
# VCPUOP_initialise as in a PVH domU, suite smp runs its cross-CPU cases
# (IPIs on event channels, TLB shootdown, each CPU's own state, every CPU
# ticks), xen_pvh_smp checks each vCPU against what Xen tells it, and
# xen_time each vCPU's runstate area.  XEN_DOM0_VCPUS=1 gives the one-vCPU
# dom0 by hand.  Judged as the PV dom0 modes: KTAP, and Xen's complaints
# about d0.
PVH_DOM0_VCPUS=${XEN_DOM0_VCPUS:-2}
PVH_HOST_CPUS=${XEN_HOST_CPUS:-2}
. "$here/lib/xen-mode.sh"
MODE_EXPECT=("xen: PVH dom0: Xen 4.17" "paravirt: child xen-pvh (from the boot entry"
	     "paravirt: groups: init native cpu native irq native mmu native time xen-pvh lock native"
	     "xen: memory map: " "entries from XENMEM_memory_map (start info v0)"
	     "xen: events: callback vector 0xf3 (HVM_PARAM_CALLBACK_IRQ)"
	     "Platform: Xen PVH dom0" "ACPI: RSDP rev 2, XSDT rev 1 with 3 tables: APIC FACP MCFG"
	     "xenbus: dom0: talking to the in-kernel xenstore server")
MODE_SUITES=(xen_pvh xen_events acpi acpi.acpi_tables_found acpi.acpi_poweroff_ready pci
	     xen_hypercall xen_time xen_grant xen_console xen_xenstore xen_xenstored)
if [ "$PVH_DOM0_VCPUS" -gt 1 ]; then
	MODE_EXPECT+=("xen: smp: $PVH_DOM0_VCPUS vCPUs (PVH, VCPUOP_initialise in long mode)"
		      "smpboot: $PVH_DOM0_VCPUS of $PVH_DOM0_VCPUS CPUs online (0 failed)"
		      "smp_cpus_as_madt_lists: $PVH_DOM0_VCPUS CPUs online, MADT lists $PVH_DOM0_VCPUS"
		      "pvh_smp_event_on_each_cpu: an event bound to each of $((PVH_DOM0_VCPUS - 1)) secondary vCPUs ran there"
		      "time_runstate_every_cpu: CPU $((PVH_DOM0_VCPUS - 1)): area entry")
	MODE_SUITES+=(xen_pvh_smp smp.smp_call_function_all_ack smp.smp_tlb_shootdown
		      smp.smp_every_cpu_ticks smp.smp_each_cpu_its_own_state
		      smp.spinlock_contention_every_cpu smp.smp_repatched_site_seen_by_every_cpu
		      xen_time.time_runstate_every_cpu)
fi
XEN_LAB_BUILD=$srctree/scripts/xen-lab/build-xen.sh

mode_kernel() { echo "$build_dir/defconfig/vmlinux"; }
mode_check() {
	xen_mode_check || return 1
	[ -f /boot/xen-4.17-amd64.config ] || { echo "no /boot/xen-4.17-amd64.config (scripts/setup-deps.sh xen)"; return 1; }
	command -v bison >/dev/null && command -v flex >/dev/null ||
		{ echo "no flex/bison to build the lab Xen (scripts/setup-deps.sh xenlab)"; return 1; }
}
# QEMU's q35 functions (hw/i386/pc_q35.c and its defaults): the MCH host
# bridge 8086:29c0, std VGA 1234:1111, e1000e 8086:10d3, the ICH9 LPC
# 8086:2918, AHCI 8086:2922 and SMBus 8086:2930; the emulated IOMMU is
# not a PCI function.  What dom0 must find through Xen's vPCI.
Q35_PCI_EXPECT=8086:29c0,1234:1111,8086:10d3,8086:2918,8086:2922,8086:2930

mode_boot() {	# LOG KERNEL
	local xen args

	args=$(printf '%s' "$KERNEL_ARGS" | sed "s/pci_expect=[^ ]*/pci_expect=$Q35_PCI_EXPECT/")
	xen=$("$XEN_LAB_BUILD" 2> "$1.xen-lab") || { cat "$1.xen-lab" > "$1"; return 2; }
	# In -initrd a comma separates modules: a literal one is doubled.
	timeout "$timeout" "$QEMU" -M q35 -accel tcg -cpu max -m 1G -smp "$PVH_HOST_CPUS" \
		-nographic -no-reboot -device intel-iommu,intremap=off \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-kernel "$xen" -append "$(xen_args 256M "$PVH_DOM0_VCPUS") dom0=pvh" \
		-initrd "$2 ${args//,/,,}" > "$1" 2>&1
}
mode_judge() { xen_judge "$1"; }
