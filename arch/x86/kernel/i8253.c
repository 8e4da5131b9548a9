// SPDX-License-Identifier: GPL-2.0
/*
 * The 8253/8254 PIT: channel 2 (gated through port 0x61, no interrupt) as
 * a reference to calibrate the TSC, channel 0 as the periodic tick when
 * there is no local APIC.
 */
#include <linux/kernel.h>
#include <linux/irqflags.h>
#include <asm/apic.h>
#include <asm/io.h>
#include <asm/msr.h>

#define PIT_CH0		0x40
#define PIT_CH2		0x42
#define PIT_MODE	0x43
#define PIT_PORT_B	0x61	/* bit 0 gate 2, bit 1 speaker, bit 5 OUT2 */

u64 pit_calibrate_tsc_ms(unsigned int ms)
{
	u32 latch = (u32)(PIT_TICK_RATE * ms / 1000);
	unsigned long flags, spins = 0;
	u64 t0, t1;

	if (!ms || latch > 0xffff)
		return 0;
	local_irq_save(flags);
	outb((inb(PIT_PORT_B) & ~0x02) | 0x01, PIT_PORT_B);	/* gate on, speaker off */
	outb(0xb0, PIT_MODE);			/* ch2, lo/hi byte, mode 0, binary */
	outb(latch & 0xff, PIT_CH2);
	outb(latch >> 8, PIT_CH2);
	t0 = rdtsc();
	/* OUT2 goes high at terminal count; bounded in case there is no PIT. */
	while (!(inb(PIT_PORT_B) & 0x20)) {
		if (++spins > 50000000UL) {
			local_irq_restore(flags);
			return 0;
		}
	}
	t1 = rdtsc();
	local_irq_restore(flags);
	/* A count that ended at once means the gate or OUT2 are not there. */
	return spins < 10 ? 0 : t1 - t0;
}

void pit_start_periodic(unsigned int hz)
{
	u32 latch = (u32)DIV_ROUND_UP(PIT_TICK_RATE, hz);

	outb(0x34, PIT_MODE);			/* ch0, lo/hi byte, mode 2 */
	outb(latch & 0xff, PIT_CH0);
	outb(latch >> 8, PIT_CH0);
}

void pit_stop(void)
{
	outb(0x30, PIT_MODE);			/* ch0, mode 0, no reload */
	outb(0, PIT_CH0);
	outb(0, PIT_CH0);
}
