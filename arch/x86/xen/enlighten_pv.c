// SPDX-License-Identifier: GPL-2.0
/*
 * The Xen PV boot path and the CPU half of the Xen child of pv_ops.
 *
 * xen_pv_start (xen-head.S) lands in xen_start_kernel on our boot stack,
 * on Xen's initial page tables, in ring 3 with events masked.  Every
 * privileged instruction faults from here on, so the Xen child goes into
 * pv_ops before anything else runs; then start_info is checked, vcpu_info
 * moves into our .data, the region Xen mapped gets its direct-map alias,
 * boot_info is filled in like any other loader's, and the generic
 * start_kernel() runs with x86_platform pointing at the Xen set-up steps.
 */
#define pr_fmt(fmt) "xen: " fmt

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/pvbench.h>
#include <asm/acpi.h>
#include <asm/bootinfo.h>
#include <asm/page.h>
#include <asm/paravirt.h>
#include <asm/processor.h>
#include <asm/processor-flags.h>
#include <asm/ptrace.h>
#include <asm/setup.h>
#include <asm/e820.h>
#include <asm/reboot.h>
#include <asm/stackprotector.h>
#include <asm/traps.h>
#include <asm/x86_init.h>
#include <asm/xen/events.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/start_info.h>
#include <xen/hvc-console.h>
#include "xen-ops.h"
#include <xen/interface/xen.h>
#include <xen/interface/sched.h>
#include <xen/interface/callback.h>
#include <xen/interface/physdev.h>
#include <xen/interface/version.h>

struct xen_boot xen_boot;

void __noreturn xen_start_kernel(struct start_info *si);

/* --- CPU operations ------------------------------------------------------- */

/*
 * CPUID through Xen's forced-emulation prefix (XEN_CPUID: ud2; "xen"): Xen
 * answers from this domain's policy even where the CPU cannot fault
 * CPUID.  On top of that policy, hide what a PV kernel must not use:
 * superpages and 1 GiB pages (PV page tables are 4 KiB), global pages
 * (Xen owns CR4), the local APIC and x2APIC (events replace them),
 * MWAIT (halting is SCHEDOP_block) and virtualization extensions.
 */
void xen_cpuid_policy(u32 leaf, u32 subleaf, struct cpuid_regs *r)
{
	asm volatile(XEN_CPUID
		     : "=a"(r->eax), "=b"(r->ebx), "=c"(r->ecx), "=d"(r->edx)
		     : "a"(leaf), "c"(subleaf));
}

static __used noinline void xen_cpuid(u32 leaf, u32 subleaf, struct cpuid_regs *r)
{
	xen_cpuid_policy(leaf, subleaf, r);
	if (leaf == 1) {
		r->ecx = (r->ecx & ~XEN_CPUID1_ECX_HIDDEN) | XEN_CPUID1_ECX_HYPERVISOR;
		r->edx &= ~XEN_CPUID1_EDX_HIDDEN;
	} else if (leaf == 0x80000001) {
		r->ecx &= ~XEN_CPUID81_ECX_HIDDEN;
		r->edx &= ~XEN_CPUID81_EDX_HIDDEN;
	}
}
PV_CPUID_THUNK(xen_cpuid);

/*
 * Xen owns CR0 and CR4: a PV kernel sees what it asked for.  The one bit
 * with meaning is CR0.TS, which Xen implements (fpu_taskswitch).
 */
static unsigned long xen_cr0 = X86_CR0_PE | X86_CR0_MP | X86_CR0_ET |
			       X86_CR0_NE | X86_CR0_WP | X86_CR0_AM | X86_CR0_PG;
static unsigned long xen_cr4;

static __used noinline unsigned long xen_read_cr0(void) { return xen_cr0; }
static __used noinline unsigned long xen_read_cr4(void) { return xen_cr4; }
static __used noinline void xen_write_cr4(unsigned long v) { xen_cr4 = v; }

static __used noinline void xen_write_cr0(unsigned long v)
{
	long err;

	if ((v ^ xen_cr0) & X86_CR0_TS) {
		err = _hypercall1(__HYPERVISOR_fpu_taskswitch, !!(v & X86_CR0_TS));
		if (err)
			pr_err("fpu_taskswitch: %s\n", xen_errname(err));
	}
	xen_cr0 = v;
}

PV_CALLEE_SAVE_REGS_THUNK(xen_read_cr0);
PV_CALLEE_SAVE_REGS_THUNK(xen_read_cr4);
PV_VOID_CALLEE_SAVE_REGS_THUNK(xen_write_cr0);
PV_VOID_CALLEE_SAVE_REGS_THUNK(xen_write_cr4);

/*
 * Descriptor tables are Xen's: trap_init registers a trap table instead,
 * so a caller of these is a bug; say so and go on.
 */
static void xen_load_idt(const struct desc_ptr *p) { WARN_ON("lidt under Xen PV"); }
static void xen_load_gdt(const struct desc_ptr *p) { WARN_ON("lgdt under Xen PV"); }
static void xen_load_tr(unsigned int sel) { WARN_ON("ltr under Xen PV"); }

/* The stack Xen switches to on entry from user mode (the TSS's sp0). */
static void xen_load_sp0(unsigned long sp0)
{
	long err = HYPERVISOR_stack_switch(FLAT_KERNEL_SS, sp0);

	if (err)
		pr_err("stack_switch to %#lx: %s\n", sp0, xen_errname(err));
}

void xen_iret(void);

/* The native table, but for what Xen does differently (xen_start_kernel). */
static struct pv_cpu_ops xen_cpu_ops;

static void __init xen_init_cpu_ops(void)
{
	/* Xen emulates the MSRs a PV guest may touch, and WBINVD for dom0. */
	xen_cpu_ops = pv_native_ops.cpu;
	xen_cpu_ops.cpuid = PV_CALLEE_SAVE(xen_cpuid);
	xen_cpu_ops.read_cr0 = PV_CALLEE_SAVE(xen_read_cr0);
	xen_cpu_ops.write_cr0 = PV_CALLEE_SAVE(xen_write_cr0);
	xen_cpu_ops.read_cr4 = PV_CALLEE_SAVE(xen_read_cr4);
	xen_cpu_ops.write_cr4 = PV_CALLEE_SAVE(xen_write_cr4);
	/* Port 0x80 timing is meaningless to a guest. */
	xen_cpu_ops.io_delay = __PV_IS_CALLEE_SAVE(paravirt_nop);
	xen_cpu_ops.load_idt = xen_load_idt;
	xen_cpu_ops.load_gdt = xen_load_gdt;
	xen_cpu_ops.load_tr = xen_load_tr;
	xen_cpu_ops.load_sp0 = xen_load_sp0;
	xen_cpu_ops.iret = __PV_IS_CALLEE_SAVE(xen_iret);
}

static const struct pv_child xen_child = {
	.name = "xen",
	.cpu = &xen_cpu_ops,
	.irq = &xen_irq_ops,
	.mmu = &xen_mmu_ops,
	.time = &xen_time_ops,
};

/* --- platform set-up steps ---------------------------------------------- */

static void __init xen_cpu_init(void)
{
	struct physdev_set_iopl iopl = { .iopl = 1 };
	long err;

	xen_load_sp0((unsigned long)boot_stack_top);
	/* Ports for the kernel (Xen checks each against what dom0 may use). */
	err = HYPERVISOR_physdev_op(PHYSDEVOP_set_iopl, &iopl);
	if (err)
		pr_warn("no I/O privilege (%s): port I/O will fault\n", xen_errname(err));
}

static void xen_upcall_stray(struct pt_regs *regs)
{
	/* Nothing is bound yet: acknowledge and go on. */
	WRITE_ONCE(xen_vcpu->evtchn_upcall_pending, 0);
}

static void xen_failsafe(struct pt_regs *regs)
{
	die("Xen could not restore the segment registers (failsafe callback)", regs);
}

static void __init xen_register_callback(u16 type, void (*fn)(void))
{
	struct callback_register cb = {
		.type = type,
		.flags = CALLBACKF_mask_events,
		.address = (unsigned long)fn,
	};
	long err = HYPERVISOR_callback_op(CALLBACKOP_register, &cb);

	if (err)
		panic("xen: cannot register callback %u: %s", type, xen_errname(err));
}

void xen_hypervisor_callback(void);
void xen_failsafe_callback(void);
extern const unsigned long xen_trap_entries[32];

/*
 * The virtual IDT: every exception vector, events masked on entry (as an
 * interrupt gate masks IF).  The kernel runs in ring 3, so the vectors it
 * raises itself with int3 / into need DPL 3.
 */
static void __init xen_trap_init(void)
{
	static struct trap_info traps[33];
	unsigned int v, n = 0;
	long err;

	for (v = 0; v < 32; v++) {
		traps[n].vector = v;
		traps[n].flags = 4 | ((v == X86_TRAP_BP || v == X86_TRAP_OF) ? 3 : 0);
		traps[n].cs = FLAT_KERNEL_CS;
		traps[n].address = xen_trap_entries[v];
		n++;
	}
	traps[n].address = 0;		/* terminator */
	err = HYPERVISOR_set_trap_table(traps);
	if (err)
		panic("xen: set_trap_table: %s", xen_errname(err));
	idt_install_handler(XEN_UPCALL_VECTOR, xen_upcall_stray);
	idt_install_handler(XEN_FAILSAFE_VECTOR, xen_failsafe);
	xen_register_callback(CALLBACKTYPE_event, xen_hypervisor_callback);
	xen_register_callback(CALLBACKTYPE_failsafe, xen_failsafe_callback);
}

/*
 * dom0 reads the host's ACPI tables: the BIOS area and the tables' ranges
 * are 1:1 in its P2M (memmap.c), so the generic search finds them.
 * Power-off stays a hypercall (xen_power_off).  A domU has none.
 */
static int __init xen_acpi_init(u64 rsdp)
{
	if (!xen_initial_domain()) {
		pr_info("ACPI: none in a PV domU (power-off is a hypercall)\n");
		return -ENODEV;
	}
	return acpi_init(rsdp);
}

/*
 * Success powers the domain off; failure (a panic, a failed suite) is a
 * crash, which Xen reports as one.  xen_reboot on the command line asks
 * for SHUTDOWN_reboot instead, for checking that reason end to end.
 */
static bool xen_reboot_requested;

static int __init xen_reboot_setup(const char *val)
{
	xen_reboot_requested = true;
	return 0;
}
__setup("xen_reboot", xen_reboot_setup);

static void __noreturn xen_power_off(int status)
{
	xen_print_hypercall_counts("run");
	if (xen_reboot_requested)
		xen_shutdown(SHUTDOWN_reboot);
	xen_shutdown(status == POWEROFF_SUCCESS ? SHUTDOWN_poweroff : SHUTDOWN_crash);
}

void xen_shutdown(unsigned int reason)
{
	struct sched_shutdown arg = { .reason = reason };
	long err;

	for (;;) {
		err = HYPERVISOR_sched_op(SCHEDOP_shutdown, &arg);
		pr_emerg("SCHEDOP_shutdown(%u) failed: %s\n", reason, xen_errname(err));
	}
}

/* --- entry ---------------------------------------------------------------- */

/* Xen maps the image and what follows it at VIRT_BASE, up to 1 GiB. */
static const void *xen_early_map(const struct boot_mem *m, u64 va, u64 len)
{
	u64 end;

	if (check_add_overflow(va, len, &end) || va < __START_KERNEL_map ||
	    end > __START_KERNEL_map + (1ULL << 30))
		return NULL;
	return (const void *)va;
}

__no_stack_protector void xen_start_kernel(struct start_info *si)
{
	struct boot_mem mem = { .map = xen_early_map };
	int err;

	PVBENCH_START(PVBENCH_BOOT);
	/* CPUID here is the raw instruction: unprivileged, so it works. */
	boot_init_stack_canary();
	xen_init_cpu_ops();
	paravirt_set_entry_child(&xen_child);
	xen_early_console_init();

	err = xen_parse_start_info(&mem, (u64)si, __START_KERNEL_map, &xen_boot);
	if (err) {
		pr_emerg("Cannot boot: malformed start_info (see above)\n");
		xen_shutdown(SHUTDOWN_crash);
	}
	pr_info("PV %s: %llu pages, initial page tables at %#llx (%llu frames), "
		"P2M at %#llx\n", (xen_boot.flags & SIF_INITDOMAIN) ? "dom0" : "domU",
		xen_boot.nr_pages, xen_boot.pt_base, xen_boot.nr_pt_frames,
		xen_boot.mfn_list);
	/*
	 * Xen may have turned on writable page tables for us (it does for
	 * dom0): it would then emulate a stray store to a page table instead
	 * of faulting.  Every update here is a hypercall; make Xen refuse
	 * the rest.
	 */
	err = HYPERVISOR_vm_assist(VMASST_CMD_disable, VMASST_TYPE_writable_pagetables);
	if (err)
		pr_warn("cannot turn off writable page tables: %s\n", xen_errname(err));
	xen_domain_type = XEN_PV_DOMAIN;
	xen_initial_domain_flag = xen_boot.flags & SIF_INITDOMAIN;
	xen_p2m_init();
	xen_vcpu_register();
	xen_time_early_init();
	xen_early_direct_map();

	x86_platform = (struct x86_platform_ops){
		.name = "Xen PV",
		.cpu_init = xen_cpu_init,
		.trap_init = xen_trap_init,
		.early_mapped_limit = xen_mapped_limit(),
		.paging_init = xen_paging_init,
		.acpi_init = xen_acpi_init,
		.clock_init = xen_clock_init,
		.timer_init = xen_timer_init,
		.timer_stop = xen_timer_stop,
		.hypercalls = xen_hypercalls_total,
		.power_off = xen_power_off,
	};
	xen_fill_boot_info();
	cmdline_init(boot_info.cmdline);
	start_kernel();
}
