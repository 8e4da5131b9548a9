// SPDX-License-Identifier: GPL-2.0
/*
 * The TSC as the kernel clock.  Its rate comes from CPUID leaf 0x15 when
 * the CPU states it, else from counting it over a PIT channel 2 interval
 * (best of three), else over the ACPI PM timer.  sched_clock() converts
 * cycles to nanoseconds with a 32.32 fixed-point multiplier, tsc_ns_mult
 * (asm/tsc.h: inline, in PARAVIRT=n and natively patched alike).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <asm/tsc.h>
#include <asm/msr.h>
#include <asm/io.h>
#include <asm/apic.h>
#include <asm/acpi.h>
#include <asm/processor.h>

#define PMTMR_HZ	3579545ULL

u64 tsc_khz;
/* Read by native_sched_clock() (asm/tsc.h); 0, so time 0, until tsc_init. */
u64 tsc_ns_mult;

void udelay(unsigned long us)
{
	u64 start, cycles;

	if (!tsc_khz) {
		/* Before calibration: port 0x80 writes take about 1 us. */
		while (us--)
			io_delay();
		return;
	}
	cycles = tsc_khz * us / 1000;
	start = rdtsc();
	while (rdtsc() - start < cycles)
		cpu_relax();
}

void mdelay(unsigned long ms)
{
	while (ms--)
		udelay(1000);
}

static u64 __init cpuid_tsc_khz(void)
{
	struct cpuid_regs r;

	if (boot_cpu.max_leaf < 0x15)
		return 0;
	cpuid_count(0x15, 0, &r);
	if (!r.eax || !r.ebx || !r.ecx)
		return 0;
	return (u64)r.ecx * r.ebx / r.eax / 1000;
}

static u64 __init pmtmr_tsc_khz(void)
{
	u32 port = acpi_pm_tmr_port, p0, p1;
	u64 t0, t1;

	if (!port)
		return 0;
	p0 = inl(port) & 0xffffff;
	t0 = rdtsc();
	do {
		p1 = inl(port) & 0xffffff;
	} while (((p1 - p0) & 0xffffff) < PMTMR_HZ / 50);	/* 20 ms */
	t1 = rdtsc();
	return (t1 - t0) * PMTMR_HZ / ((p1 - p0) & 0xffffff) / 1000;
}

void __init tsc_init(void)
{
	const char *src = "CPUID";
	u64 best = 0, c;
	unsigned int i;

	tsc_khz = cpuid_tsc_khz();
	if (!tsc_khz) {
		src = "PIT";
		for (i = 0; i < 3; i++) {
			c = pit_calibrate_tsc_ms(20);
			if (c && (!best || c < best))
				best = c;
		}
		tsc_khz = best / 20;
	}
	if (!tsc_khz) {
		src = "ACPI PM timer";
		tsc_khz = pmtmr_tsc_khz();
	}
	if (!tsc_khz) {
		src = "a guess";
		tsc_khz = 1000000;
	}
	/* Time counts from CPU reset, so early messages get a real stamp too. */
	tsc_ns_mult = (1000000ULL << 32) / tsc_khz;
	pr_info("tsc: %llu.%03llu MHz (from %s)\n", tsc_khz / 1000, tsc_khz % 1000, src);
}
