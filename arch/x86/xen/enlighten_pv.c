// SPDX-License-Identifier: GPL-2.0
/*
 * The Xen PV boot path and the CPU half of the Xen child of pv_ops.
 *
 * xen_pv_start (xen-head.S) lands in xen_start_kernel on our boot stack,
 * on Xen's initial page tables, in ring 3 with events masked.  Every
 * privileged instruction faults from here on, so the Xen child goes into
 * pv_ops before anything else runs; then start_info is checked, vcpu_info
 * moves into the boot CPU's per-CPU area, the region Xen mapped gets its direct-map alias,
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
#include "xen-cpu.h"
#include <asm/msr.h>
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
#include <xen/balloon.h>
#include <xen/grant_table.h>
#include <xen/hvc-console.h>
#include <xen/xenbus.h>
#include "xen-ops.h"
#include <xen/interface/xen.h>
#include <xen/interface/sched.h>
#include <xen/interface/callback.h>
#include <xen/interface/physdev.h>
#include <xen/interface/vcpu.h>
#include <xen/interface/version.h>
#include <xen/interface/arch-x86/cpufeatureset.h>
#include <xen/xen-blkfront.h>
#include <xen/xen-netfront.h>

struct xen_boot xen_boot;

void __noreturn xen_start_kernel(struct start_info *si);

/* --- CPU operations ------------------------------------------------------- */

/*
 * CPUID through Xen's forced-emulation prefix (XEN_CPUID: ud2; "xen"): Xen
 * answers from this domain's policy even where the CPU cannot fault
 * CPUID.  Xen's PV policy already leaves out most of what a PV kernel
 * cannot use (SMEP, SMAP, PKU, INVPCID, UMIP, PGE, PSE: its "S" and "H"
 * features), but the kernel must not depend on that, so the child hides,
 * on top of the policy:
 *
 *  - every feature that needs a CR4 bit Xen does not let this domain
 *    hold, found by asking Xen (xen_probe_cr4) rather than listing them;
 *    with OSXSAVE refused go the XSAVE-managed features and leaf 0xd;
 *  - what PV cannot have whatever CR4 says: MONITOR/MWAIT (halting is
 *    SCHEDOP_block), the local APIC, x2APIC and TSC deadline (events
 *    replace them), SVM (no virtualization inside PV), 1 GiB pages (Xen
 *    refuses PV L3 superpages), INVPCID (privileged, no PCID under PV),
 *    XSAVES (needs IA32_XSS, which PV cannot write).
 */
void xen_cpuid_policy(u32 leaf, u32 subleaf, struct cpuid_regs *r)
{
	asm volatile(XEN_CPUID
		     : "=a"(r->eax), "=b"(r->ebx), "=c"(r->ecx), "=d"(r->edx)
		     : "a"(leaf), "c"(subleaf));
}

/* Xen's featureset words (cpufeatureset.h) as CPUID leaf, sub-leaf, register. */
static const struct {
	u32 leaf, subleaf;
	u8 reg;				/* 0..3: eax, ebx, ecx, edx */
} xen_feature_words[] = {
	[0] = { 1, 0, 3 }, [1] = { 1, 0, 2 },
	[2] = { 0x80000001, 0, 3 }, [3] = { 0x80000001, 0, 2 },
	[4] = { 0xd, 1, 0 }, [5] = { 7, 0, 1 }, [6] = { 7, 0, 2 },
	[9] = { 7, 0, 3 },
};

/* LA57 (7.0:ECX bit 16, SDM vol. 2): Xen never offers it, its header lacks it. */
#define XEN_FEAT_LA57		(6 * 32 + 16)
#define F(name)			XEN_X86_FEATURE_##name

/* Features usable only with a CR4 bit set (SDM vol. 3, 2.5). */
static const struct {
	u16 feature;
	u32 cr4;
} xen_cr4_features[] = {
	{ F(DE), X86_CR4_DE }, { F(PSE), X86_CR4_PSE }, { F(MCE), X86_CR4_MCE },
	{ F(PGE), X86_CR4_PGE }, { F(VMX), X86_CR4_VMXE }, { F(SMX), X86_CR4_SMXE },
	{ F(PCID), X86_CR4_PCIDE }, { F(XSAVE), X86_CR4_OSXSAVE },
	{ F(FSGSBASE), X86_CR4_FSGSBASE }, { F(SMEP), X86_CR4_SMEP },
	{ F(SMAP), X86_CR4_SMAP }, { F(UMIP), X86_CR4_UMIP }, { F(PKU), X86_CR4_PKE },
	{ F(OSPKE), X86_CR4_PKE }, { XEN_FEAT_LA57, X86_CR4_LA57 },
	{ F(CET_SS), X86_CR4_CET }, { F(CET_IBT), X86_CR4_CET },
};

static const u16 xen_pv_never[] = {
	F(MONITOR), F(APIC), F(X2APIC), F(TSC_DEADLINE), F(SVM), F(PAGE1GB),
	F(INVPCID), F(XSAVES),
};

/* State XSAVE manages: useless without CR4.OSXSAVE. */
static const u16 xen_xsave_features[] = {
	F(OSXSAVE), F(AVX), F(FMA), F(F16C), F(AVX2), F(AVX512F), F(XSAVEOPT),
	F(XSAVEC), F(XGETBV1),
};

/* Hidden bits per featureset word (0: none), filled by xen_init_cpuid. */
static u32 xen_cpuid_hidden[ARRAY_SIZE(xen_feature_words)];
static bool xen_hide_xsave_leaf;

static void __init xen_hide_feature(unsigned int f)
{
	if (f / 32 < ARRAY_SIZE(xen_cpuid_hidden) && xen_feature_words[f / 32].leaf)
		xen_cpuid_hidden[f / 32] |= 1U << (f % 32);
}

static __used noinline void xen_cpuid(u32 leaf, u32 subleaf, struct cpuid_regs *r)
{
	u32 *regs[4] = { &r->eax, &r->ebx, &r->ecx, &r->edx };
	unsigned int w;

	xen_cpuid_policy(leaf, subleaf, r);
	/*
	 * Only these leaves hold bits the child hides (xen_feature_words);
	 * xen_cpuid_direct (xen-asm.S) sends no other here.
	 */
	if (leaf != 1 && leaf != 7 && leaf != 0xd && leaf != 0x80000001)
		return;
	if (leaf == 0xd && xen_hide_xsave_leaf) {
		r->eax = r->ebx = r->ecx = r->edx = 0;
		return;
	}
	for (w = 0; w < ARRAY_SIZE(xen_feature_words); w++)
		if (xen_feature_words[w].leaf == leaf &&
		    xen_feature_words[w].subleaf == subleaf)
			*regs[xen_feature_words[w].reg] &= ~xen_cpuid_hidden[w];
	if (leaf == 1)
		r->ecx |= 1U << (F(HYPERVISOR) % 32);
}
PV_CPUID_THUNK(xen_cpuid);
void xen_cpuid_direct(void);

/*
 * Xen owns CR0 and CR4.  Of CR4 a PV guest holds TSD, DE, FSGSBASE and
 * OSXSAVE (as its policy allows) and sees PAE, MCE, OSFXSR, OSXMMEXCPT as
 * Xen set them; a write of anything else is dropped without a word
 * (Xen's pv_fixup_guest_cr4).  So a write goes to Xen (mov to CR4 traps
 * and is emulated), the result is read back the same way and kept as the
 * shadow that reads return, and what Xen did not take is reported.
 * CR0's one bit with meaning is TS, which Xen implements (fpu_taskswitch).
 */
static unsigned long xen_cr0 = X86_CR0_PE | X86_CR0_MP | X86_CR0_ET |
			       X86_CR0_NE | X86_CR0_WP | X86_CR0_AM | X86_CR0_PG;
static unsigned long xen_cr4;

static __used noinline unsigned long xen_read_cr0(void) { return xen_cr0; }
static __used noinline unsigned long xen_read_cr4(void) { return xen_cr4; }

static __used noinline void xen_write_cr4(unsigned long v)
{
	xen_trap_write_cr4(v);
	xen_cr4 = xen_trap_read_cr4();
	if (xen_cr4 != v)
		pr_warn("CR4 %#lx: Xen PV holds %#lx (%#lx not honoured)\n",
			v, xen_cr4, xen_cr4 ^ v);
}

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

/*
 * The CR4 bits Xen lets this domain hold: those that follow our writes
 * on and off.  A bit that reads 1 either way is Xen's own (its CR4 shows
 * through the emulated read, e.g. SMEP), not one the domain holds.
 */
static unsigned long __init xen_probe_cr4(void)
{
	unsigned long want = 0, on, off;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(xen_cr4_features); i++)
		want |= xen_cr4_features[i].cr4;
	xen_trap_write_cr4(xen_cr4 | want);
	on = xen_trap_read_cr4();
	xen_trap_write_cr4(xen_cr4 & ~want);
	off = xen_trap_read_cr4();
	xen_trap_write_cr4(xen_cr4);
	return on & ~off;
}

static void __init xen_init_cpuid(void)
{
	unsigned long held;
	unsigned int i;

	xen_cr4 = xen_trap_read_cr4();
	held = xen_probe_cr4();
	for (i = 0; i < ARRAY_SIZE(xen_cr4_features); i++)
		if (!(held & xen_cr4_features[i].cr4))
			xen_hide_feature(xen_cr4_features[i].feature);
	for (i = 0; i < ARRAY_SIZE(xen_pv_never); i++)
		xen_hide_feature(xen_pv_never[i]);
	if (!(held & X86_CR4_OSXSAVE)) {
		for (i = 0; i < ARRAY_SIZE(xen_xsave_features); i++)
			xen_hide_feature(xen_xsave_features[i]);
		xen_hide_xsave_leaf = true;
	}
}

PV_CALLEE_SAVE_REGS_THUNK(xen_read_cr0);
PV_CALLEE_SAVE_REGS_THUNK(xen_read_cr4);
PV_VOID_CALLEE_SAVE_REGS_THUNK(xen_write_cr0);
PV_VOID_CALLEE_SAVE_REGS_THUNK(xen_write_cr4);

/*
 * Descriptor tables are Xen's: trap_init registers a trap table instead,
 * so a caller of these is a bug; say so and go on.
 */
static __used void xen_load_idt(const struct desc_ptr *p) { WARN_ON("lidt under Xen PV"); }
static __used void xen_load_gdt(const struct desc_ptr *p) { WARN_ON("lgdt under Xen PV"); }
static __used void xen_load_tr(unsigned int sel) { WARN_ON("ltr under Xen PV"); }
PV_VOID_CALLEE_SAVE_REGS_THUNK(xen_load_idt);
PV_VOID_CALLEE_SAVE_REGS_THUNK(xen_load_gdt);
PV_VOID_CALLEE_SAVE_REGS_THUNK(xen_load_tr);

/* The stack Xen switches to on entry from user mode (the TSS's sp0). */
static __used void xen_load_sp0(unsigned long sp0)
{
	long err = HYPERVISOR_stack_switch(FLAT_KERNEL_SS, sp0);

	if (err)
		pr_err("stack_switch to %#lx: %s\n", sp0, xen_errname(err));
}
PV_VOID_CALLEE_SAVE_REGS_THUNK(xen_load_sp0);

void xen_iret(void);

/*
 * Segment bases are the one MSR write a PV guest has a hypercall for
 * (set_segment_base, as Linux's xen_write_msr_safe uses); Xen emulates
 * the rest of what a PV guest may write, so those go to native's op,
 * whose wrmsr traps to that emulation.  Reads stay native: Xen's
 * emulated rdmsr of the bases returns what was set (the percpu suite
 * compares the two).
 */
static bool xen_segbase_msr(u32 msr, int *which)
{
	switch (msr) {
	case MSR_FS_BASE:
		*which = SEGBASE_FS;
		return true;
	case MSR_GS_BASE:
		*which = SEGBASE_GS_KERNEL;
		return true;
	case MSR_KERNEL_GS_BASE:
		*which = SEGBASE_GS_USER;
		return true;
	}
	return false;
}

static int xen_write_msr_safe(u32 msr, u64 val)
{
	long err;
	int which;

	if (!xen_segbase_msr(msr, &which))
		return pv_native_ops.cpu.write_msr_safe(msr, val);
	err = HYPERVISOR_set_segment_base(which, val);
	if (err) {
		pr_err("set_segment_base(%d, %#llx): %s\n", which,
		       (unsigned long long)val, xen_errname(err));
		return -EIO;
	}
	return 0;
}

/* Xen emulates the rest (it traps): the instruction itself. */
static __used void xen_write_msr(u32 msr, u64 val)
{
	int which;

	if (!xen_segbase_msr(msr, &which))
		xen_trap_write_msr(msr, val);
	else if (xen_write_msr_safe(msr, val))
		WARN_ON("segment base not set");
}
PV_WRMSR_THUNK(xen_write_msr);

/* The native table, but for what Xen does differently (xen_start_kernel). */
static struct pv_cpu_ops xen_cpu_ops;

static void __init xen_init_cpu_ops(void)
{
	/* Xen emulates the MSRs a PV guest may touch, and WBINVD for dom0. */
	xen_cpu_ops = pv_native_ops.cpu;
	xen_init_cpuid();
	xen_cpu_ops.cpuid = __PV_IS_CALLEE_SAVE(xen_cpuid_direct);
	xen_cpu_ops.read_cr0 = PV_CALLEE_SAVE(xen_read_cr0);
	xen_cpu_ops.write_cr0 = PV_CALLEE_SAVE(xen_write_cr0);
	xen_cpu_ops.read_cr4 = PV_CALLEE_SAVE(xen_read_cr4);
	xen_cpu_ops.write_cr4 = PV_CALLEE_SAVE(xen_write_cr4);
	/* Port 0x80 timing is meaningless to a guest. */
	xen_cpu_ops.io_delay = __PV_IS_CALLEE_SAVE(paravirt_nop);
	xen_cpu_ops.load_idt = PV_CALLEE_SAVE(xen_load_idt);
	xen_cpu_ops.load_gdt = PV_CALLEE_SAVE(xen_load_gdt);
	xen_cpu_ops.load_tr = PV_CALLEE_SAVE(xen_load_tr);
	xen_cpu_ops.load_sp0 = PV_CALLEE_SAVE(xen_load_sp0);
	xen_cpu_ops.write_msr = PV_CALLEE_SAVE(xen_write_msr);
	xen_cpu_ops.write_msr_safe = xen_write_msr_safe;
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
	WRITE_ONCE(this_cpu_read(xen_vcpu)->evtchn_upcall_pending, 0);
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
void xen_fill_traps(struct trap_info *traps)
{
	unsigned int v;

	for (v = 0; v < 32; v++) {
		traps[v].vector = v;
		traps[v].flags = 4 | ((v == X86_TRAP_BP || v == X86_TRAP_OF) ? 3 : 0);
		traps[v].cs = FLAT_KERNEL_CS;
		traps[v].address = xen_trap_entries[v];
	}
}

static void __init xen_trap_init(void)
{
	static struct trap_info traps[33];	/* the last: terminator */
	long err;

	xen_fill_traps(traps);
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
	/* xen_wait_control: the toolstack ends a passing run, not we. */
	if (status == POWEROFF_SUCCESS && !xen_manage_wait())
		status = POWEROFF_FAILURE;
	xen_print_hypercall_counts("run");
	xen_console_drain();
	if (xen_reboot_requested)
		xen_shutdown(SHUTDOWN_reboot);
	xen_shutdown(status == POWEROFF_SUCCESS ? SHUTDOWN_poweroff : SHUTDOWN_crash);
}

/*
 * After a nested panic: crash the domain, so Xen reports it and its
 * on_crash action runs, with nothing in between that could fault (no
 * printing, no statistics).  Should Xen refuse, take the vCPU down for
 * good rather than spin.
 */
static void __noreturn xen_emergency_stop(void)
{
	struct sched_shutdown arg = { .reason = SHUTDOWN_crash };

	for (;;) {
		HYPERVISOR_sched_op(SCHEDOP_shutdown, &arg);
		HYPERVISOR_vcpu_op(VCPUOP_down, this_cpu_read(xen_vcpu_id), NULL);
	}
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

/*
 * A PV domU's xenstore connection, then the balloon and the grant table
 * (any PV domain) and the control keys on it.
 */
static void xen_late_init(void)
{
	xenbus_init();
	xen_balloon_init();
	gnttab_init();
	xen_manage_init();
	xen_blkfront_init();
	xen_netfront_init();
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

/*
 * dom0 keeps Xen's console.  A domU's ring is the page start_info names
 * (console.domU.mfn), which the domain builder allocates in the
 * bootstrap region: reachable at VIRT_BASE now, in the direct map later.
 * Returns its pfn (0: none, output goes to Xen's console, where a domU's
 * is dropped but does no harm).
 */
static unsigned long __init xen_console_setup(void)
{
	unsigned long pfn;

	if (xen_initial_domain()) {
		xen_console_use_hypervisor();
		return 0;
	}
	pfn = mfn_to_pfn(xen_boot.console_mfn);
	if (pfn == XEN_INVALID_MFN || !pfn || PFN_PHYS(pfn) >= xen_reserved_limit()) {
		xen_console_use_hypervisor();
		pr_err("console mfn %#llx is not in the bootstrap region: no console ring\n",
		       (unsigned long long)xen_boot.console_mfn);
		return 0;
	}
	xen_console_use_ring((void *)(__START_KERNEL_map + PFN_PHYS(pfn)),
			     xen_boot.console_evtchn, xen_clocksource_read);
	pr_info("console ring at pfn %#lx (mfn %#llx), event channel %u\n", pfn,
		(unsigned long long)xen_boot.console_mfn, xen_boot.console_evtchn);
	return pfn;
}

__no_stack_protector void xen_start_kernel(struct start_info *si)
{
	struct boot_mem mem = { .map = xen_early_map };
	unsigned long console_pfn;
	int err;

	PVBENCH_START(PVBENCH_BOOT);
	/* CPUID here is the raw instruction: unprivileged, so it works. */
	boot_init_stack_canary();
	/* Xen starts a PV guest on vCPU 0: this CPU, for every VCPUOP from here. */
	this_cpu_write(xen_vcpu_id, 0);
	xen_init_cpu_ops();
	paravirt_set_entry_child(&xen_child);
	xen_early_console_init();

	err = xen_parse_start_info(&mem, (u64)si, __START_KERNEL_map, &xen_boot);
	if (err) {
		/* No ring to trust: Xen's console, where dom0's output goes. */
		xen_console_use_hypervisor();
		pr_emerg("Cannot boot: malformed start_info (see above)\n");
		xen_shutdown(SHUTDOWN_crash);
	}
	if ((xen_boot.flags & SIF_INITDOMAIN) && !IS_ENABLED(CONFIG_XEN_DOM0)) {
		pr_emerg("Cannot boot: started as dom0, built without CONFIG_XEN_DOM0\n");
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
	console_pfn = xen_console_setup();
	xen_early_direct_map();
	if (console_pfn)
		xen_console_move_ring(__va(PFN_PHYS(console_pfn)));

	x86_platform = (struct x86_platform_ops){
		.name = "Xen PV",
		.cpu_init = xen_cpu_init,
		.trap_init = xen_trap_init,
		.early_mapped_limit = xen_mapped_limit(),
		.paging_init = xen_paging_init,
		.acpi_init = xen_acpi_init,
		/* Xen gives a domU no I/O ports: 0xcf8 reads all ones. */
		.no_pci = !xen_initial_domain(),
		.clock_init = xen_clock_init,
		.timer_init = xen_timer_init,
		.timer_stop = xen_timer_stop,
		.late_init = xen_late_init,
		.smp_prepare = xen_pv_smp_prepare,
		.cpu_up = xen_pv_cpu_up,
		.hypercalls = IS_ENABLED(CONFIG_XEN_DEBUG_STATS) ? xen_hypercalls_total : NULL,
		.power_off = xen_power_off,
		.emergency_stop = xen_emergency_stop,
	};
	xen_fill_boot_info();
	cmdline_init(boot_info.cmdline);
	start_kernel();
}
