// SPDX-License-Identifier: GPL-2.0
/*
 * Bringing up the secondary CPUs natively.  The MADT lists the CPUs
 * (acpi.c: local APIC and x2APIC entries); CPU 0 is the one running, the
 * others are numbered in MADT order up to NR_CPUS and maxcpus=.  Each is
 * started in turn with INIT, 10 ms, SIPI, 200 us, SIPI (the MP spec's
 * universal algorithm, as Linux does it) at a real-mode trampoline copied
 * to TRAMPOLINE_PA (trampoline_64.S), and comes out in start_secondary()
 * on its own stack with its GS base, GDT, TSS and IST stacks, the shared
 * IDT, its local APIC and tick; then it marks itself online and idles.
 * A CPU that is not online within CPU_UP_TIMEOUT_MS is reported, its
 * number stays offline, and the next one is tried.
 *
 * Invariants: one AP is in flight at a time (the trampoline's fields are
 * a single set); an AP touches nothing shared until its GS base is set;
 * pv_ops is patched and read-only before any AP runs (setup_arch order),
 * so every CPU runs the same patched text.
 */
#define pr_fmt(fmt) "smpboot: " fmt

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/irqflags.h>
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/barrier.h>
#include <asm/bootinfo.h>
#include <asm/desc.h>
#include <asm/e820.h>
#include <asm/msr.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/smp.h>
#include <asm/special_insns.h>
#include <asm/traps.h>
#include <asm/tsc.h>
#include <asm/x86_init.h>

/* Four pages in the reserved first MiB: code+data, PML4, PDPT, PD. */
#define TRAMPOLINE_PA		0x8000UL
#define TRAMPOLINE_PAGES	4
#define CPU_UP_TIMEOUT_MS	1000

extern const char trampoline_start[], trampoline_end[], tr_gdt_desc[],
	tr_pm_ptr[], tr_lm_ptr[], tr_cr3[], tr_efer[], tr_cpu[], tr_stack[],
	tr_kernel_cr3[], tr_entry[];
extern const u32 tr_offsets[3];

unsigned long cpu_online_mask = 1;
u32 cpu_apic_id[NR_CPUS];
unsigned int smp_cpus_listed, smp_cpus_failed;
DEFINE_PER_CPU(unsigned long, cpu_stack_top);
unsigned int cpus_wanted = 1;	/* numbers 1 .. cpus_wanted - 1 */
static unsigned int setup_max_cpus = NR_CPUS;
static void *tr;			/* the copy, through the direct map */

static int __init maxcpus_setup(const char *val)
{
	unsigned long long n;

	if (kstrtoull(val, 10, &n))
		return -EINVAL;
	setup_max_cpus = n ? (unsigned int)min(n, (unsigned long long)NR_CPUS) : 1;
	return 0;
}
__setup("maxcpus=", maxcpus_setup);

static int __init nosmp_setup(const char *val)
{
	setup_max_cpus = 1;
	return 0;
}
__setup("nosmp", nosmp_setup);

#define TR_FIELD(type, sym)	((type *)(tr + ((sym) - trampoline_start)))

static bool __init low_range_is_ram(u64 start, u64 end)
{
	unsigned int i;

	for (i = 0; i < boot_info.nr_ranges; i++)
		if (boot_info.ranges[i].start < end && boot_info.ranges[i].end > start)
			return false;
	for (i = 0; i < e820_table.nr_entries; i++) {
		const struct e820_entry *e = &e820_table.entries[i];

		if (e->type == E820_TYPE_RAM && e->addr <= start && e->addr + e->size >= end)
			return true;
	}
	return false;
}

/* The trampoline and its page tables at TRAMPOLINE_PA (memblock keeps the first MiB). */
static int __init trampoline_setup(void)
{
	u64 base = TRAMPOLINE_PA;
	u64 *pml4, *pdpt, *pd;
	size_t len = trampoline_end - trampoline_start;
	unsigned int i;

	BUILD_BUG_ON(TRAMPOLINE_PA & (PAGE_SIZE - 1));
	if (len > PAGE_SIZE || !low_range_is_ram(base, base + TRAMPOLINE_PAGES * PAGE_SIZE)) {
		pr_err("no room for the trampoline at %#lx (%zu bytes)\n", TRAMPOLINE_PA, len);
		return -ENOMEM;
	}
	tr = __va(base);
	memset(tr, 0, TRAMPOLINE_PAGES * PAGE_SIZE);
	memcpy(tr, trampoline_start, len);
	pml4 = tr + PAGE_SIZE;
	pdpt = tr + 2 * PAGE_SIZE;
	pd = tr + 3 * PAGE_SIZE;
	/* Identity: the first 2 MiB, one large page, executable. */
	pd[0] = _PAGE_PRESENT | _PAGE_RW | _PAGE_PSE;
	pdpt[0] = (base + 3 * PAGE_SIZE) | _PAGE_PRESENT | _PAGE_RW;
	pml4[0] = (base + 2 * PAGE_SIZE) | _PAGE_PRESENT | _PAGE_RW;
	/* The kernel half is the kernel's (direct map, image). */
	for (i = PTRS_PER_TABLE / 2; i < PTRS_PER_TABLE; i++)
		pml4[i] = pgd_val(init_pgd[i]);

	*TR_FIELD(u32, tr_gdt_desc + 2) = base + tr_offsets[0];
	*TR_FIELD(u32, tr_pm_ptr) = base + tr_offsets[1];
	*TR_FIELD(u32, tr_lm_ptr) = base + tr_offsets[2];
	*TR_FIELD(u32, tr_cr3) = base + PAGE_SIZE;
	*TR_FIELD(u32, tr_efer) = EFER_LME | (boot_cpu_has(X86_FEATURE_NX) ? EFER_NX : 0);
	*TR_FIELD(u64, tr_kernel_cr3) = read_cr3();
	*TR_FIELD(u64, tr_entry) = (unsigned long)secondary_startup_64;
	return 0;
}

int __init native_smp_prepare(unsigned int max_cpus)
{
	const struct acpi_info *ai = acpi_get_info();
	unsigned int i, n = 1, listed;
	u32 me;

	if (!apic_present()) {
		pr_info("no local APIC: one CPU\n");
		return -ENODEV;
	}
	me = apic_id();
	cpu_apic_id[0] = me;
	if (!ai->madt) {
		pr_info("no MADT: one CPU\n");
		return -ENODEV;
	}
	listed = min(ai->nr_cpus, (unsigned int)ARRAY_SIZE(ai->apic_ids));
	smp_cpus_listed = ai->nr_cpus;
	for (i = 0; i < listed && n < max_cpus; i++)
		if (ai->apic_ids[i] != me)
			cpu_apic_id[n++] = ai->apic_ids[i];
	if (ai->nr_cpus > n)
		pr_info("%u CPUs listed, using %u (NR_CPUS %u, maxcpus %u)\n",
			ai->nr_cpus, n, NR_CPUS, max_cpus);
	cpus_wanted = n;
	if (n == 1)
		return 0;
	smp_ipi_init();
	return trampoline_setup();
}

static int __init wakeup_cpu_via_init(u32 apicid)
{
	u8 vector = TRAMPOLINE_PA >> PAGE_SHIFT;

	apic_icr_write(APIC_INT_LEVELTRIG | APIC_INT_ASSERT | APIC_DM_INIT, apicid);
	mdelay(10);
	/* The INIT de-assert only matters to pre-xAPIC parts; x2APIC has none. */
	if (!x2apic_mode)
		apic_icr_write(APIC_INT_LEVELTRIG | APIC_DM_INIT, apicid);
	apic_icr_write(APIC_DM_STARTUP | vector, apicid);
	udelay(200);
	apic_icr_write(APIC_DM_STARTUP | vector, apicid);
	udelay(200);
	return 0;
}

/* What an AP needs beyond its per-CPU area: a stack and its IST stacks. */
int __init smp_alloc_cpu_stacks(unsigned int cpu)
{
	void *stack = get_zeroed_pages(get_order(THREAD_SIZE));
	unsigned int i;

	if (!stack)
		return -ENOMEM;
	per_cpu(cpu_stack_top, cpu) = (unsigned long)stack + THREAD_SIZE;
	for (i = 0; i < N_IST; i++) {
		void *ist = get_zeroed_pages(get_order(IST_STACK_SIZE));

		if (!ist)
			return -ENOMEM;
		per_cpu(ist_top[i], cpu) = (unsigned long)ist + IST_STACK_SIZE;
	}
	return 0;
}

int __init native_cpu_up(unsigned int cpu)
{
	u32 apicid = cpu_apic_id[cpu];
	u64 t0, deadline;
	int err;

	err = smp_alloc_cpu_stacks(cpu);
	if (err) {
		pr_err("CPU %u (APIC %u): no memory for its stacks\n", cpu, apicid);
		return err;
	}
	*TR_FIELD(u32, tr_cpu) = cpu;
	*TR_FIELD(u64, tr_stack) = per_cpu(cpu_stack_top, cpu);
	smp_mb();
	t0 = rdtsc();
	wakeup_cpu_via_init(apicid);
	deadline = t0 + (u64)tsc_khz * CPU_UP_TIMEOUT_MS;
	while (!cpu_online(cpu)) {
		if (rdtsc() > deadline) {
			pr_err("CPU %u (APIC %u) did not come up within %u ms\n",
			       cpu, apicid, CPU_UP_TIMEOUT_MS);
			return -ETIMEDOUT;
		}
		cpu_relax();
	}
	return 0;
}

void native_ap_init(unsigned int cpu)
{
	apic_setup_secondary();
}

/*
 * The AP's first C code, from secondary_startup_64 on its own stack
 * (natively from the trampoline; a Xen PVH vCPU starts there directly).
 * Nothing with a canary may run before the GS base is this CPU's (the
 * canary is %gs:40), and this frame has none and does not return.
 */
__no_stack_protector void __noreturn start_secondary(unsigned int cpu)
{
	load_percpu_base(__per_cpu_offset[cpu]);
	cpu_init_this(this_cpu_read(cpu_stack_top));
	idt_load_this_cpu();
	x86_platform.ap_init(cpu);
	/* Published last: the boot CPU reads everything above once it sees this. */
	asm volatile("lock orq %1, %0" : "+m" (cpu_online_mask) : "r" (1UL << cpu) : "memory");
	local_irq_enable();
	cpu_idle_loop();
}

void __init smp_init(void)
{
	unsigned int cpu, up = 1;
	u64 t0;

	if (!x86_platform.smp_prepare) {
		pr_info("%s: one CPU\n", x86_platform.name);
		return;
	}
	if (x86_platform.smp_prepare(setup_max_cpus) || cpus_wanted == 1) {
		pr_info("one CPU\n");
		return;
	}
	t0 = rdtsc();
	for (cpu = 1; cpu < cpus_wanted; cpu++) {
		if (x86_platform.cpu_up(cpu)) {
			smp_cpus_failed++;
			continue;
		}
		up++;
	}
	pr_info("%u of %u CPUs online (%u failed), in %llu us\n", up, cpus_wanted,
		smp_cpus_failed, (rdtsc() - t0) * 1000 / tsc_khz);
}
