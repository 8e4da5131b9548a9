/* SPDX-License-Identifier: GPL-2.0 */
/* The 16550 console (drivers/tty/serial/8250_console.c). */
#ifndef _LINUX_SERIAL_8250_H
#define _LINUX_SERIAL_8250_H

#if IS_ENABLED(CONFIG_SERIAL_8250_CONSOLE)
void serial8250_early_init(void);
#else
static inline void serial8250_early_init(void) { }
#endif

#endif
