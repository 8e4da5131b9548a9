// SPDX-License-Identifier: GPL-2.0
/*
 * The slim dom0's entry point: after the boot suites, dom0.guests=N asks
 * for N PV guests built from the boot module.  Nothing runs without it,
 * so a dom0 boot that does not ask behaves as before.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <xen/dom0.h>
#include <asm/xen/hypervisor.h>

static unsigned int wanted_guests(void)
{
	char buf[8];
	unsigned long n = 0;
	char *end;

	if (!cmdline_get_value("dom0.guests", buf, sizeof(buf)))
		return 0;
	n = simple_strtoul(buf, &end, 10);
	if (*end || n > 8) {
		pr_err("dom0: dom0.guests=%s: want a count from 0 to 8\n", buf);
		return 0;
	}
	return n;
}

int dom0_services_run(void)
{
	unsigned int n;

	if (!xen_initial_domain())
		return 0;
	n = wanted_guests();
	if (!n)
		return 0;
	pr_err("dom0: dom0.guests=%u asked for, but this kernel cannot build domains yet\n", n);
	return 1;
}
