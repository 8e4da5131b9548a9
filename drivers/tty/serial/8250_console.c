// SPDX-License-Identifier: GPL-2.0
/*
 * 16550 UART console on COM1 (I/O 0x3f8), 115200 8n1, polled.  Registered
 * as the first console so every line from the first C instruction on is
 * seen.  Transmit only: the kernel reads nothing from the console yet.
 *
 * With the 16550A's FIFO on (IIR bits 7:6 read 11), THRE means the whole
 * 16-byte transmit FIFO is empty, so one LSR read covers 16 bytes; an
 * older UART takes one byte per THRE.  Under emulation every port access
 * is an exit (an HVM guest's goes to the device model in dom0): this
 * halves them.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <asm/io.h>
#include <linux/serial_8250.h>

#define UART_BASE	0x3f8
#define UART_TX		0	/* transmit holding (DLAB=0) */
#define UART_DLL	0	/* divisor latch low (DLAB=1) */
#define UART_IER	1
#define UART_DLM	1
#define UART_FCR	2
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define UART_LSR_THRE	0x20
#define UART_IIR	2	/* interrupt identification (read) */
#define UART_IIR_FIFO	0xc0	/* both bits: 16550A FIFOs enabled */
#define UART_FIFO_SIZE	16
#define UART_LCR_DLAB	0x80
#define UART_LCR_8N1	0x03
#define UART_BAUD_BASE	115200

static unsigned int uart_fifo = 1;	/* bytes one THRE lets us write */
static unsigned int uart_room;		/* left of them */

static void uart_putc(char c)
{
	unsigned int spins = 100000;

	if (!uart_room) {
		/* Bounded: a missing or stuck UART must not hang printk. */
		while (!(inb(UART_BASE + UART_LSR) & UART_LSR_THRE) && --spins)
			;
		uart_room = uart_fifo;
	}
	uart_room--;
	outb(c, UART_BASE + UART_TX);
}

static void serial8250_write(struct console *con, const char *s, size_t n)
{
	while (n--) {
		if (*s == '\n')
			uart_putc('\r');
		uart_putc(*s++);
	}
}

static struct console serial8250_console = {
	.name = "ttyS0",
	.write = serial8250_write,
};

void __init serial8250_early_init(void)
{
	unsigned int divisor = UART_BAUD_BASE / 115200;

	/* No UART decodes 0x3f8 when LSR reads all ones. */
	if (inb(UART_BASE + UART_LSR) == 0xff)
		return;
	outb(0x00, UART_BASE + UART_IER);		/* no interrupts */
	outb(UART_LCR_DLAB, UART_BASE + UART_LCR);
	outb(divisor & 0xff, UART_BASE + UART_DLL);
	outb(divisor >> 8, UART_BASE + UART_DLM);
	outb(UART_LCR_8N1, UART_BASE + UART_LCR);
	outb(0x07, UART_BASE + UART_FCR);		/* FIFO on, cleared */
	if ((inb(UART_BASE + UART_IIR) & UART_IIR_FIFO) == UART_IIR_FIFO)
		uart_fifo = UART_FIFO_SIZE;
	outb(0x03, UART_BASE + UART_MCR);		/* DTR, RTS */
	register_console(&serial8250_console);
}
