// SPDX-License-Identifier: GPL-2.0
/*
 * 16550 UART console on COM1 (I/O 0x3f8), 115200 8n1, polled.  Registered
 * as the first console so every line from the first C instruction on is
 * seen.  Transmit only: the kernel reads nothing from the console yet.
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
#define UART_LCR_DLAB	0x80
#define UART_LCR_8N1	0x03
#define UART_BAUD_BASE	115200

static void uart_putc(char c)
{
	unsigned int spins = 100000;

	/* Bounded: a missing or stuck UART must not hang printk. */
	while (!(inb(UART_BASE + UART_LSR) & UART_LSR_THRE) && --spins)
		;
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
	outb(0x03, UART_BASE + UART_MCR);		/* DTR, RTS */
	register_console(&serial8250_console);
}
