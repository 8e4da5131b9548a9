// SPDX-License-Identifier: GPL-2.0
/*
 * The Xen PVH guest: the same PVH entry QEMU -kernel uses (head_64.S,
 * XEN_ELFNOTE_PHYS32_ENTRY), and the Xen child it picks when CPUID says
 * Xen is underneath.
 *
 * Under HAP the guest owns its page tables, its IDT and its interrupt
 * flag, so the child keeps the native cpu, irq, mmu and lock groups and
 * takes Xen only for time (pvclock, the single-shot timer), events (the
 * callback vector), the PV console, xenstore and shutdown.  Hypercalls
 * are vmcall (Intel) or vmmcall (AMD): every hypercall site is rewritten
 * once, here, before the first one runs.  No hypercall page is set up.
 *
 * Invariants: xen_pvh_early_init() runs on the early page tables, with
 * interrupts off, before any hypercall and before setup_arch(); on a CPU
 * without Xen's CPUID leaves it changes nothing (native boot).
 */
#define pr_fmt(fmt) "xen: " fmt

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <asm/bootinfo.h>
#include <asm/io.h>
#include <asm/page.h>
#include <asm/paravirt.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/reboot.h>
#include <asm/sections.h>
#include <asm/setup.h>
#include <asm/text-patching.h>
#include <asm/x86_init.h>
#include <asm/xen/events.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/pvh.h>
#include <asm/acpi.h>
#include <xen/balloon.h>
#include <xen/events.h>
#include <xen/grant_table.h>
#include <xen/hvc-console.h>
#include <xen/manage.h>
#include <xen/xenbus.h>
#include "xen-ops.h"
#include <xen/interface/arch-x86/cpuid.h>
#include <xen/interface/features.h>
#include <xen/interface/hvm/hvm_op.h>
#include <xen/interface/hvm/params.h>
#include <xen/interface/memory.h>
#include <xen/interface/sched.h>
#include <xen/interface/version.h>

struct xen_pvh_info xen_pvh;

/* Replaced by shared_info when Xen maps it here (XENMAPSPACE_shared_info). */
static u8 xen_pvh_shared_page[PAGE_SIZE] __aligned(PAGE_SIZE);

/* Where Xen's leaves are: 0x40000000 or, with Viridian in front, higher. */
u32 __init xen_cpuid_base(void)
{
	struct cpuid_regs r;
	u32 base;

	cpuid_count(1, 0, &r);
	if (!(r.ecx & (1U << 31)))
		return 0;
	for (base = XEN_CPUID_FIRST_LEAF; base < XEN_CPUID_FIRST_LEAF + 0x10000;
	     base += 0x100) {
		cpuid_count(base, 0, &r);
		if (r.ebx == XEN_CPUID_SIGNATURE_EBX && r.ecx == XEN_CPUID_SIGNATURE_ECX &&
		    r.edx == XEN_CPUID_SIGNATURE_EDX && r.eax >= base + 4)
			return base;
	}
	return 0;
}

/* AMD's and Hygon's SVM take vmmcall, Intel's VMX vmcall. */
bool __init xen_cpu_is_amd(void)
{
	struct cpuid_regs r;
	char v[13];

	cpuid_count(0, 0, &r);
	memcpy(v, &r.ebx, 4);
	memcpy(v + 4, &r.edx, 4);
	memcpy(v + 8, &r.ecx, 4);
	v[12] = '\0';
	return !strcmp(v, "AuthenticAMD") || !strcmp(v, "HygonGenuine");
}

extern const s32 __xen_hypercall_sites[], __xen_hypercall_sites_end[];

const u8 xen_vmcall[XEN_HYPERCALL_INSN_LEN] = { 0x0f, 0x01, 0xc1 };
const u8 xen_vmmcall[XEN_HYPERCALL_INSN_LEN] = { 0x0f, 0x01, 0xd9 };
static const u8 xen_pv_syscall[XEN_HYPERCALL_INSN_LEN] = { 0x0f, 0x05, 0x90 };

/* Every `syscall; nop` site becomes the HVM trap; a stranger stops us. */
unsigned int __init xen_patch_hypercalls(const u8 *insn)
{
	const s32 *s;
	unsigned int n = 0;

	for (s = __xen_hypercall_sites; s < __xen_hypercall_sites_end; s++, n++) {
		u8 *site = (u8 *)s + *s;

		if (memcmp(site, xen_pv_syscall, sizeof(xen_pv_syscall)))
			machine_halt_early("xen: a hypercall site is not syscall; nop");
		text_poke(site, insn, XEN_HYPERCALL_INSN_LEN);
	}
	return n;
}

static long xen_hvm_get_param(u32 index, u64 *value)
{
	struct xen_hvm_param p = { .domid = DOMID_SELF, .index = index };
	long err = _hypercall2(__HYPERVISOR_hvm_op, HVMOP_get_param, (unsigned long)&p);

	*value = p.value;
	return err;
}

long xen_hvm_set_param(u32 index, u64 value)
{
	struct xen_hvm_param p = { .domid = DOMID_SELF, .index = index, .value = value };

	return _hypercall2(__HYPERVISOR_hvm_op, HVMOP_set_param, (unsigned long)&p);
}

void __init xen_pvh_map_shared_info(void)
{
	struct xen_add_to_physmap xatp = {
		.domid = DOMID_SELF,
		.space = XENMAPSPACE_shared_info,
		.idx = 0,
		.gpfn = PFN_DOWN(__pa_symbol(xen_pvh_shared_page)),
	};
	long err = HYPERVISOR_memory_op(XENMEM_add_to_physmap, &xatp);

	if (err)
		machine_halt_early("xen: XENMEM_add_to_physmap(shared_info) refused");
	HYPERVISOR_shared_info = (struct shared_info *)xen_pvh_shared_page;
}

/*
 * The console ring and the xenstore ring are special pages above RAM:
 * the early tables reach them, our own do not.  Mapped again after
 * paging_init, through the same alias mechanism as any MMIO.
 */
static void *__init xen_pvh_map_special(u64 pfn)
{
	unsigned long va = vmap_reserve(PAGE_SIZE);

	if (!va || map_kernel_range(va, PFN_PHYS(pfn), PAGE_SIZE, PAGE_KERNEL))
		return NULL;
	return (void *)va;
}

void __init xen_pvh_paging_init(void)
{
	void *p;

	if (xen_pvh.console_pfn)
		xen_console_hold();
	paging_init();
	if (xen_pvh.console_pfn) {
		p = xen_pvh_map_special(xen_pvh.console_pfn);
		if (!p)
			panic("xen: cannot map the console ring at pfn %#llx",
			      (unsigned long long)xen_pvh.console_pfn);
		xen_console_move_ring(p);
	}
	if (xen_pvh.store_pfn) {
		xen_pvh.store = xen_pvh_map_special(xen_pvh.store_pfn);
		if (!xen_pvh.store)
			pr_err("cannot map the xenstore ring at pfn %#llx\n",
			       (unsigned long long)xen_pvh.store_pfn);
	}
}

/*
 * Events arrive as XEN_UPCALL_VECTOR through our own IDT: Xen injects the
 * vector itself (HVM_PARAM_CALLBACK_IRQ, type vector), no local APIC in
 * between, so nothing acknowledges it but the event code's own bits.
 */
void __init xen_pvh_timer_init(void)
{
	long err;

	xen_timer_init();
	err = xen_hvm_set_param(HVM_PARAM_CALLBACK_IRQ,
				((u64)HVM_PARAM_CALLBACK_TYPE_VECTOR << 56) | XEN_UPCALL_VECTOR);
	if (err)
		panic("xen: HVM_PARAM_CALLBACK_IRQ (vector %#x): %s", XEN_UPCALL_VECTOR,
		      xen_errname(err));
	/* HVM delivery looks at IF, not at this mask; clear it all the same. */
	WRITE_ONCE(this_cpu_read(xen_vcpu)->evtchn_upcall_mask, 0);
	xen_pvh.callback_vector = XEN_UPCALL_VECTOR;
	pr_info("events: callback vector %#x (HVM_PARAM_CALLBACK_IRQ)\n", XEN_UPCALL_VECTOR);
}

static int __init xen_pvh_acpi_init(u64 rsdp)
{
	return acpi_init(rsdp);
}

void __noreturn xen_pvh_power_off(int status)
{
	/* xen_wait_control: the toolstack ends a passing run, not we. */
	if (status == POWEROFF_SUCCESS && !xen_manage_wait())
		status = POWEROFF_FAILURE;
	xen_print_hypercall_counts("run");
	xen_console_drain();
	xen_shutdown(status == POWEROFF_SUCCESS ? SHUTDOWN_poweroff : SHUTDOWN_crash);
}

/*
 * The grant table (its frames by XENMAPSPACE_grant_table at free gfns),
 * xenstore, the balloon and the control keys, as for PV.
 */
static void xen_pvh_late_init(void)
{
	gnttab_init();
	xenbus_init();
	xen_balloon_init();
	xen_manage_init();
}

void __noreturn xen_pvh_emergency_stop(void)
{
	struct sched_shutdown arg = { .reason = SHUTDOWN_crash };

	for (;;)
		HYPERVISOR_sched_op(SCHEDOP_shutdown, &arg);
}

/* Native but for time: under HAP the rest is the guest's own. */
static const struct pv_child xen_pvh_child = {
	.name = "xen-pvh",
	.init = &pv_native_ops.init,
	.cpu = &pv_native_ops.cpu,
	.irq = &pv_native_ops.irq,
	.mmu = &pv_native_ops.mmu,
	.time = &xen_time_ops,
	.lock = &pv_native_ops.lock,
};

static void __init xen_pvh_console_init(void)
{
	u64 pfn = 0, port = 0;

	if (xen_hvm_get_param(HVM_PARAM_CONSOLE_PFN, &pfn) || !pfn ||
	    xen_hvm_get_param(HVM_PARAM_CONSOLE_EVTCHN, &port) || !port) {
		/* dom0: Xen's own console. */
		xen_console_use_hypervisor();
		return;
	}
	xen_pvh.console_pfn = pfn;
	xen_console_use_ring(__va(PFN_PHYS(pfn)), port, xen_clocksource_read);
	pr_info("console ring at pfn %#llx, event channel %llu\n",
		(unsigned long long)pfn, (unsigned long long)port);
}

void __init xen_pvh_store_init(void)
{
	u64 pfn = 0, port = 0;

	if (xen_hvm_get_param(HVM_PARAM_STORE_PFN, &pfn) || !pfn ||
	    xen_hvm_get_param(HVM_PARAM_STORE_EVTCHN, &port) || !port)
		return;
	xen_pvh.store_pfn = pfn;
	xen_pvh.store_evtchn = port;
}

/* XENMEM_memory_map's entries: the BIOS INT 15h E820 format. */
struct xen_e820_entry {
	u64 addr, size;
	u32 type;
} __packed;

static struct xen_e820_entry xen_map_raw[E820_MAX_ENTRIES] __initdata;

int __init xen_pvh_memory_map(struct boot_info *bi)
{
	struct xen_memory_map mm = { .nr_entries = E820_MAX_ENTRIES };
	unsigned int i;
	long err;

	set_xen_guest_handle(mm.buffer, xen_map_raw);
	err = HYPERVISOR_memory_op(XENMEM_memory_map, &mm);
	if (err) {
		pr_err("no memory map in the start info, and XENMEM_memory_map: %s\n",
		       xen_errname(err));
		return -ENODATA;
	}
	if (!mm.nr_entries || mm.nr_entries > E820_MAX_ENTRIES) {
		pr_err("XENMEM_memory_map: %u entries (1 to %u expected)\n", mm.nr_entries,
		       E820_MAX_ENTRIES);
		return -EINVAL;
	}
	bi->raw_map.nr_entries = 0;
	for (i = 0; i < mm.nr_entries; i++)
		e820_append(&bi->raw_map, xen_map_raw[i].addr, xen_map_raw[i].size,
			    xen_map_raw[i].type);
	snprintf(bi->loader, sizeof(bi->loader), "PVH, map from XENMEM_memory_map");
	pr_info("memory map: %u entries from XENMEM_memory_map (start info v0)\n",
		mm.nr_entries);
	return 0;
}

static bool early_console_on;

void __init xen_pvh_early_console(void)
{
	if (early_console_on || !xen_cpuid_base())
		return;
	xen_early_console_init();
	xen_console_use_debug_port();
	early_console_on = true;
}

bool __init xen_pvh_early_init(void)
{
	struct xen_feature_info fi = { .submap_idx = 0 };
	struct cpuid_regs r;
	unsigned int sites;
	u32 base;

	base = xen_cpuid_base();
	if (!base)
		return false;
	/*
	 * Until the ring is known, Xen's debug port shows what the boot
	 * says, a failure included.  (The UART console never registered:
	 * no device model decodes 0x3f8, its LSR reads all ones.)
	 */
	xen_pvh_early_console();
	xen_pvh.cpuid_base = base;
	xen_pvh.vmmcall = xen_cpu_is_amd();
	sites = xen_patch_hypercalls(xen_pvh.vmmcall ? xen_vmmcall : xen_vmcall);
	xen_domain_type = XEN_HVM_DOMAIN;
	xen_initial_domain_flag = boot_info.pvh_flags & SIF_INITDOMAIN;
	paravirt_set_entry_child(&xen_pvh_child);

	cpuid_count(base + 1, 0, &r);
	xen_pvh.version = r.eax;
	cpuid_count(base + 4, 0, &r);
	xen_pvh.hvm_features = r.eax;
	/* The boot CPU is vCPU 0 unless Xen's HVM leaf names another. */
	this_cpu_write(xen_vcpu_id, (r.eax & XEN_HVM_CPUID_VCPU_ID_PRESENT) ? r.ebx : 0);
	if (HYPERVISOR_xen_version(XENVER_get_features, &fi))
		fi.submap = 0;
	xen_pvh.features = fi.submap;

	xen_pvh_map_shared_info();
	xen_vcpu_register();
	xen_time_early_init();
	xen_pvh_console_init();
	xen_pvh_store_init();
	pr_info("PVH %s: Xen %u.%u at CPUID %#x (HVM features %#x), %u hypercall sites "
		"use %s, shared_info at pfn %#lx\n",
		xen_initial_domain() ? "dom0" : "domU", xen_pvh.version >> 16,
		xen_pvh.version & 0xffff, base, xen_pvh.hvm_features, sites,
		xen_pvh.vmmcall ? "vmmcall" : "vmcall",
		(unsigned long)PFN_DOWN(__pa_symbol(xen_pvh_shared_page)));
	if (!(xen_pvh.features & (1U << XENFEAT_hvm_callback_vector)))
		machine_halt_early("xen: no XENFEAT_hvm_callback_vector: no way to take events");

	x86_platform.name = xen_initial_domain() ? "Xen PVH dom0" : "Xen PVH";
	x86_platform.paging_init = xen_pvh_paging_init;
	x86_platform.acpi_init = xen_pvh_acpi_init;
	/*
	 * A PVH domU has no PCI: no emulated host bridge, 0xcf8 reads ones.
	 * dom0 sees the host's, through Xen's vPCI.
	 */
	x86_platform.no_pci = !xen_initial_domain();
	x86_platform.clock_init = xen_clock_init;
	x86_platform.timer_init = xen_pvh_timer_init;
	x86_platform.timer_stop = xen_timer_stop;
	/* vCPUs come up by VCPUOP_initialise in long mode (smp_pvh.c). */
	x86_platform.smp_prepare = xen_pvh_smp_prepare;
	x86_platform.cpu_up = xen_pvh_cpu_up;
	x86_platform.ap_init = xen_pvh_ap_init;
	x86_platform.hypercalls = IS_ENABLED(CONFIG_XEN_DEBUG_STATS) ?
				  xen_hypercalls_total : NULL;
	x86_platform.late_init = xen_pvh_late_init;
	x86_platform.power_off = xen_pvh_power_off;
	x86_platform.emergency_stop = xen_pvh_emergency_stop;
	return true;
}
