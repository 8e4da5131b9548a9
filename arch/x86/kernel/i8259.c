// SPDX-License-Identifier: GPL-2.0
/*
 * The legacy 8259A pair: remapped away from the exception vectors to
 * ISA_IRQ_VECTOR(0..15) and masked; only the PIT tick is unmasked when
 * there is no local APIC.
 */
#include <linux/kernel.h>
#include <asm/apic.h>
#include <asm/io.h>
#include <asm/traps.h>

#define PIC1_CMD	0x20
#define PIC1_DATA	0x21
#define PIC2_CMD	0xa0
#define PIC2_DATA	0xa1
#define PIC_EOI		0x20

static u16 pic_mask = 0xffff;

static void pic_write_mask(void)
{
	outb(pic_mask & 0xff, PIC1_DATA);
	outb(pic_mask >> 8, PIC2_DATA);
}

void pic_init(void)
{
	outb(0x11, PIC1_CMD);			/* ICW1: init, ICW4 follows */
	io_delay();
	outb(0x11, PIC2_CMD);
	io_delay();
	outb(ISA_IRQ_VECTOR(0), PIC1_DATA);	/* ICW2: vector bases */
	io_delay();
	outb(ISA_IRQ_VECTOR(8), PIC2_DATA);
	io_delay();
	outb(0x04, PIC1_DATA);			/* ICW3: slave on IRQ2 */
	io_delay();
	outb(0x02, PIC2_DATA);
	io_delay();
	outb(0x01, PIC1_DATA);			/* ICW4: 8086 mode */
	io_delay();
	outb(0x01, PIC2_DATA);
	io_delay();
	pic_mask_all();
}

void pic_mask_all(void)
{
	pic_mask = 0xffff;
	pic_write_mask();
}

void pic_unmask(unsigned int irq)
{
	pic_mask &= ~(1U << irq);
	if (irq >= 8)
		pic_mask &= ~(1U << 2);		/* the cascade */
	pic_write_mask();
}

void pic_eoi(unsigned int irq)
{
	if (irq >= 8)
		outb(PIC_EOI, PIC2_CMD);
	outb(PIC_EOI, PIC1_CMD);
}
