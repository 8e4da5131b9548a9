// SPDX-License-Identifier: GPL-2.0
/*
 * The periodic tick.  With a local APIC (xAPIC, MMIO): the 8259s are
 * remapped and masked, the APIC timer is calibrated against the TSC and
 * runs periodic at CONFIG_HZ on LOCAL_TIMER_VECTOR.  Without one: PIT
 * channel 0 through the 8259 on ISA_IRQ_VECTOR(0).  Either way each tick
 * increments jiffies.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/irqflags.h>
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

static u32 apic_read(u32 reg)
{
	return readl((u8 __iomem *)apic_base + reg);
}

static void apic_write(u32 reg, u32 v)
{
	writel(v, (u8 __iomem *)apic_base + reg);
}

void apic_eoi(void)
{
	apic_write(APIC_EOI, 0);
}

static void apic_timer_interrupt(struct pt_regs *regs)
{
	jiffies++;
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

static bool __init apic_setup(void)
{
	u64 base;
	u32 count;

	if (!boot_cpu_has(X86_FEATURE_APIC) || !boot_cpu_has(X86_FEATURE_MSR))
		return false;
	base = rdmsr(MSR_IA32_APICBASE);
	if (!(base & MSR_IA32_APICBASE_ENABLE))
		wrmsr(MSR_IA32_APICBASE, base | MSR_IA32_APICBASE_ENABLE);
	apic_base = ioremap(base & MSR_IA32_APICBASE_BASE, PAGE_SIZE);
	if (!apic_base)
		return false;

	idt_install_handler(SPURIOUS_APIC_VECTOR, spurious_interrupt);
	idt_install_handler(LOCAL_TIMER_VECTOR, apic_timer_interrupt);
	apic_write(APIC_TASKPRI, 0);
	apic_write(APIC_SPIV, APIC_SPIV_ENABLE | SPURIOUS_APIC_VECTOR);
	apic_write(APIC_LVTERR, APIC_LVT_MASKED);

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
	apic_write(APIC_LVTT, APIC_LVT_TIMER_PERIODIC | LOCAL_TIMER_VECTOR);
	apic_write(APIC_TMICT, max(count * 100 / CONFIG_HZ, 1U));
	pr_info("apic: local APIC id %u at %#llx, timer %u kHz (/16), %d Hz\n",
		apic_read(APIC_ID) >> 24, base & MSR_IA32_APICBASE_BASE,
		count / 10, CONFIG_HZ);
	return true;
}

void timer_stop(void)
{
	if (apic_base) {
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
