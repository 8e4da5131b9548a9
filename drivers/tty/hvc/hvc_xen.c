// SPDX-License-Identifier: GPL-2.0
/*
 * The Xen console as a kernel console.  Today: the hypervisor's own
 * console (CONSOLEIO_write), which only the initial domain's writes
 * reach by default; a domU's console ring comes with the domU mode.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <asm/xen/hypercall.h>
#include <xen/hvc-console.h>
#include <xen/interface/xen.h>

static void xen_console_write(struct console *con, const char *s, size_t n)
{
	/* The console itself: a failure here has nowhere to be reported. */
	HYPERVISOR_console_io(CONSOLEIO_write, n, s);
}

static struct console xen_console = {
	.name = "xen",
	.write = xen_console_write,
};

void xen_early_console_init(void)
{
	register_console(&xen_console);
}
