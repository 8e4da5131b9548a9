// SPDX-License-Identifier: GPL-2.0
/*
 * The local APIC and the periodic tick.  With a local APIC: the 8259s are
 * remapped and masked, the APIC is put in x2APIC mode where the CPU has
 * it (registers as MSRs 0x800 + reg/16, a 32-bit ID, one 64-bit ICR
 * write per IPI) and used through its MMIO page otherwise, the APIC timer
 * is calibrated against the TSC once and runs periodic at CONFIG_HZ on
 * LOCAL_TIMER_VECTOR on every CPU.  Without one: PIT channel 0 through
 * the 8259 on ISA_IRQ_VECTOR(0), and one CPU.
 *
 * Invariants: jiffies counts the boot CPU's ticks only (each CPU counts
 * its own in apic_ticks); every CPU's APIC is in the same mode as the
 * boot CPU's (x2APIC is chosen once, before any AP starts); an xAPIC ICR
 * write (two registers) runs with interrupts off, so a handler's IPI
 * cannot land between them.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/irqflags.h>
#include <linux/smp.h>
#include <asm/apic.h>
#include <asm/io.h>
#include <asm/msr.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <asm/tsc.h>
#include <asm/page.h>

volatile unsigned long jiffies;
const char *timer_source = "none";
unsigned int timer_vector;
static void __iomem *apic_base;
bool x2apic_mode;		/* set once, before any AP starts */
static u32 apic_timer_count;	/* initial count for one tick (/16) */
DEFINE_PER_CPU(unsigned long, apic_ticks);

static bool nox2apic;
static int __init nox2apic_setup(const char *val)
{
	nox2apic = true;
	return 0;
}
__setup("nox2apic", nox2apic_setup);

u32 apic_read(u32 reg)
{
	if (x2apic_mode)
		return rdmsr(APIC_BASE_MSR + (reg >> 4));
	return readl((u8 __iomem *)apic_base + reg);
}

void apic_write(u32 reg, u32 v)
{
	if (x2apic_mode)
		wrmsr(APIC_BASE_MSR + (reg >> 4), v);
	else
		writel(v, (u8 __iomem *)apic_base + reg);
}

bool apic_present(void)
{
	return apic_base || x2apic_mode;
}

u32 apic_id(void)
{
	if (x2apic_mode)
		return apic_read(APIC_ID);	/* all 32 bits */
	return apic_read(APIC_ID) >> 24;
}

/*
 * One IPI: @low is the ICR's low word (vector, delivery mode, level,
 * shorthand), @dest the target's APIC ID.  Stores before it are visible
 * to the target's handler: an x2APIC ICR write is not serializing, so a
 * fence goes first (SDM 10.12.3); an MMIO write is uncached, ordered.
 */
void apic_icr_write(u32 low, u32 dest)
{
	unsigned long flags;

	local_irq_save(flags);
	if (x2apic_mode) {
		asm volatile("mfence" : : : "memory");
		wrmsr(MSR_X2APIC_ICR, ((u64)dest << 32) | low);
	} else {
		unsigned int n = 0;

		apic_write(APIC_ICR2, dest << 24);
		apic_write(APIC_ICR, low);
		while (apic_read(APIC_ICR) & APIC_ICR_BUSY) {
			cpu_relax();
			if (++n == 1000000) {
				pr_err("apic: IPI %#x to %u not delivered\n", low, dest);
				break;
			}
		}
	}
	local_irq_restore(flags);
}

void apic_eoi(void)
{
	apic_write(APIC_EOI, 0);
}

static void apic_timer_interrupt(struct pt_regs *regs)
{
	if (!smp_processor_id())
		jiffies++;
	this_cpu_inc(apic_ticks);
	apic_eoi();
}

static void pit_timer_interrupt(struct pt_regs *regs)
{
	jiffies++;
	pic_eoi(0);
}

static void spurious_interrupt(struct pt_regs *regs)
{
	/* No EOI for the spurious vector (SDM 10.9). */
}

/* Enabled, in the chosen mode, accepting every priority, errors masked. */
static void apic_enable_this_cpu(void)
{
	u64 base = rdmsr(MSR_IA32_APICBASE);

	if (!(base & MSR_IA32_APICBASE_ENABLE)) {
		base |= MSR_IA32_APICBASE_ENABLE;
		wrmsr(MSR_IA32_APICBASE, base);
	}
	/* xAPIC -> x2APIC is the one legal direction (SDM 10.12.5). */
	if (x2apic_mode && !(base & MSR_IA32_APICBASE_EXTD))
		wrmsr(MSR_IA32_APICBASE, base | MSR_IA32_APICBASE_EXTD);
	apic_write(APIC_TASKPRI, 0);
	apic_write(APIC_SPIV, APIC_SPIV_ENABLE | SPURIOUS_APIC_VECTOR);
	apic_write(APIC_LVTERR, APIC_LVT_MASKED);
}

static void apic_timer_start(void)
{
	apic_write(APIC_TDCR, APIC_TDR_DIV_16);
	apic_write(APIC_LVTT, APIC_LVT_TIMER_PERIODIC | LOCAL_TIMER_VECTOR);
	apic_write(APIC_TMICT, apic_timer_count);
}

/* A secondary CPU's APIC and tick, as the boot CPU's (smpboot.c). */
void apic_setup_secondary(void)
{
	apic_enable_this_cpu();
	apic_write(APIC_LVT0, APIC_LVT_MASKED);
	apic_write(APIC_LVT1, APIC_LVT_MASKED);
	apic_timer_start();
}

/* The boot CPU's APIC: its mode chosen, mapped, enabled, its timer untouched. */
static bool __init apic_map(void)
{
	u64 base;

	if (!boot_cpu_has(X86_FEATURE_APIC) || !boot_cpu_has(X86_FEATURE_MSR))
		return false;
	base = rdmsr(MSR_IA32_APICBASE);
	if (boot_cpu_has(X86_FEATURE_X2APIC) && !nox2apic) {
		x2apic_mode = true;
	} else if (base & MSR_IA32_APICBASE_EXTD) {
		pr_warn("apic: firmware left x2APIC on; using it\n");
		x2apic_mode = true;
	} else {
		apic_base = ioremap(base & MSR_IA32_APICBASE_BASE, PAGE_SIZE);
		if (!apic_base)
			return false;
	}

	idt_install_handler(SPURIOUS_APIC_VECTOR, spurious_interrupt);
	apic_enable_this_cpu();
	return true;
}

/*
 * For a platform whose tick is not the APIC's (a Xen HVM guest) but
 * which starts its CPUs with INIT-SIPI-SIPI: the APIC is usable for
 * IPIs, its timer stays masked and no CPU gets apic_setup_secondary().
 */
bool __init apic_setup_ipi_only(void)
{
	if (!apic_map())
		return false;
	apic_write(APIC_LVTT, APIC_LVT_MASKED);
	apic_write(APIC_TMICT, 0);
	pr_info("apic: local APIC id %u (%s) for IPIs only, no APIC timer\n", apic_id(),
		x2apic_mode ? "x2APIC" : "xAPIC");
	return true;
}

static bool __init apic_setup(void)
{
	u32 count;

	if (!apic_map())
		return false;
	idt_install_handler(LOCAL_TIMER_VECTOR, apic_timer_interrupt);

	/* Count APIC timer ticks over 10 ms of TSC. */
	apic_write(APIC_TDCR, APIC_TDR_DIV_16);
	apic_write(APIC_LVTT, APIC_LVT_MASKED);
	apic_write(APIC_TMICT, 0xffffffff);
	mdelay(10);
	count = 0xffffffff - apic_read(APIC_TMCCT);
	if (!count) {
		pr_warn("apic: timer does not count\n");
		return false;
	}
	apic_timer_count = max(count * 100 / CONFIG_HZ, 1U);
	apic_timer_start();
	pr_info("apic: local APIC id %u (%s) at %#llx, timer %u kHz (/16), %d Hz\n",
		apic_id(), x2apic_mode ? "x2APIC" : "xAPIC",
		rdmsr(MSR_IA32_APICBASE) & MSR_IA32_APICBASE_BASE, count / 10, CONFIG_HZ);
	return true;
}

void timer_stop(void)
{
	if (apic_present()) {
		apic_write(APIC_LVTT, APIC_LVT_MASKED);
		apic_write(APIC_TMICT, 0);
	} else {
		pic_mask_all();
		pit_stop();
	}
}

void __init timer_init(void)
{
	pic_init();		/* remapped and masked either way */
	if (apic_setup()) {
		timer_source = "local APIC";
		timer_vector = LOCAL_TIMER_VECTOR;
		return;
	}
	idt_install_handler(ISA_IRQ_VECTOR(0), pit_timer_interrupt);
	pit_start_periodic(CONFIG_HZ);
	pic_unmask(0);
	timer_source = "PIT";
	timer_vector = ISA_IRQ_VECTOR(0);
	pr_info("timer: PIT at %d Hz through the 8259\n", CONFIG_HZ);
}
