// SPDX-License-Identifier: GPL-2.0
/*
 * The Xen HVM guest (PV-on-HVM): the kernel entered by a loader on an
 * HVM domain's firmware (GRUB's multiboot2 after hvmloader and SeaBIOS),
 * with an emulated PC around it, finds Xen by CPUID and switches on the
 * same enlightenments as under PVH.
 *
 * HVM and PVH are one kind of guest to Xen (HAP, hypercalls by
 * vmcall/vmmcall, HVM params): what differs is the loader and the
 * device model.  So the Xen side is PVH's (enlighten_pvh.c, its helpers
 * shared through xen-ops.h): hypercall sites patched, shared_info by
 * XENMEM_add_to_physmap, vcpu_info, pvclock and the single-shot timer,
 * events on the callback vector, xenstore from HVM_PARAM_STORE_PFN/
 * EVTCHN, shutdown by SCHEDOP_shutdown.  What stays native is what the
 * device model emulates: COM1 remains the console (the Xen console is
 * not registered), ACPI comes from the firmware's tables (hvmloader's,
 * with \_S5), PCI is the emulated i440FX, and the PIT and local APIC
 * are left to the native code that owns them.
 *
 * `xen_nopv` on the command line keeps the kernel a plain HVM guest:
 * nothing here runs, every group stays native, power-off is ACPI S5.
 *
 * Invariants: xen_hvm_early_init() runs once on the boot CPU, on the
 * early page tables with interrupts off, after the command line is
 * known and before start_kernel(); without Xen's CPUID leaves, or with
 * xen_nopv, it changes nothing.
 */
#define pr_fmt(fmt) "xen: " fmt

#include <linux/kernel.h>
#include <linux/init.h>
#include <asm/apic.h>
#include <asm/paravirt.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/x86_init.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/pvh.h>
#include <xen/balloon.h>
#include <xen/grant_table.h>
#include <xen/manage.h>
#include <xen/xenbus.h>
#include "xen-ops.h"
#include <xen/interface/arch-x86/cpuid.h>
#include <xen/interface/features.h>
#include <xen/interface/version.h>

/* As PVH's child, under its own name: native but for time (HAP). */
static const struct pv_child xen_hvm_child = {
	.name = "xen-hvm",
	.init = &pv_native_ops.init,
	.cpu = &pv_native_ops.cpu,
	.irq = &pv_native_ops.irq,
	.mmu = &pv_native_ops.mmu,
	.time = &xen_time_ops,
	.lock = &pv_native_ops.lock,
};

bool xen_hvm_nopv;

/*
 * Firmware leaves the emulated 8259 at the BIOS's vector base 8, the
 * PIT ticking on IRQ0: remapped and masked as native does (i8259.c),
 * or the first sti takes the tick as a double fault.  Then Xen's timer.
 */
static void __init xen_hvm_timer_init(void)
{
	pic_init();
	xen_pvh_timer_init();
}

/*
 * The grant table (frames at free gfns, as under PVH), xenstore and the
 * control keys; the balloon follows memory/target.
 */
static void xen_hvm_late_init(void)
{
	gnttab_init();
	xenbus_init();
	xen_balloon_init();
	xen_manage_init();
}

bool __init xen_hvm_early_init(void)
{
	struct xen_feature_info fi = { .submap_idx = 0 };
	struct cpuid_regs r;
	unsigned int sites;
	u32 base;

	base = xen_cpuid_base();
	if (!base)
		return false;
	if (cmdline_has("xen_nopv")) {
		xen_hvm_nopv = true;
		pr_info("xen_nopv: a plain HVM guest of Xen, no enlightenments\n");
		return false;
	}
	xen_pvh.cpuid_base = base;
	xen_pvh.vmmcall = xen_cpu_is_amd();
	sites = xen_patch_hypercalls(xen_pvh.vmmcall ? xen_vmmcall : xen_vmcall);
	xen_domain_type = XEN_HVM_DOMAIN;
	paravirt_set_entry_child(&xen_hvm_child);

	cpuid_count(base + 1, 0, &r);
	xen_pvh.version = r.eax;
	cpuid_count(base + 4, 0, &r);
	xen_pvh.hvm_features = r.eax;
	this_cpu_write(xen_vcpu_id, (r.eax & XEN_HVM_CPUID_VCPU_ID_PRESENT) ? r.ebx : 0);
	if (HYPERVISOR_xen_version(XENVER_get_features, &fi))
		fi.submap = 0;
	xen_pvh.features = fi.submap;
	if (!(xen_pvh.features & (1U << XENFEAT_hvm_callback_vector)))
		machine_halt_early("xen: no XENFEAT_hvm_callback_vector: no way to take events");

	xen_pvh_map_shared_info();
	xen_vcpu_register();
	xen_time_early_init();
	xen_pvh_store_init();
	pr_info("HVM domU: Xen %u.%u at CPUID %#x (HVM features %#x), %u hypercall sites "
		"use %s\n", xen_pvh.version >> 16, xen_pvh.version & 0xffff, base,
		xen_pvh.hvm_features, sites, xen_pvh.vmmcall ? "vmmcall" : "vmcall");

	x86_platform.name = "Xen HVM";
	/* Maps the xenstore ring after paging_init (no console ring here). */
	x86_platform.paging_init = xen_pvh_paging_init;
	x86_platform.clock_init = xen_clock_init;
	x86_platform.timer_init = xen_hvm_timer_init;
	x86_platform.timer_stop = xen_timer_stop;
	/* vCPUs come up by INIT-SIPI, then take their Xen side (smp_hvm.c). */
	x86_platform.smp_prepare = xen_hvm_smp_prepare;
	x86_platform.cpu_up = xen_hvm_cpu_up;
	x86_platform.ap_init = xen_hvm_ap_init;
	x86_platform.hypercalls = IS_ENABLED(CONFIG_XEN_DEBUG_STATS) ?
				  xen_hypercalls_total : NULL;
	x86_platform.late_init = xen_hvm_late_init;
	/* SCHEDOP_shutdown: Xen learns pass (poweroff) from fail (crash). */
	x86_platform.power_off = xen_pvh_power_off;
	x86_platform.emergency_stop = xen_pvh_emergency_stop;
	return true;
}
