// SPDX-License-Identifier: GPL-2.0
/*
 * The Xen PV boot path: xen_pv_start (xen-head.S) lands here on the boot
 * stack, on Xen's initial page tables, with events masked.  For now it
 * checks start_info, brings up the console (console_io for dom0) and
 * shuts the domain down; the Xen child of pv_ops grows here.
 */
#define pr_fmt(fmt) "xen: " fmt

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <asm/bootinfo.h>
#include <asm/page.h>
#include <asm/stackprotector.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/start_info.h>
#include <xen/interface/xen.h>
#include <xen/interface/sched.h>

struct xen_boot xen_boot;

void __noreturn xen_start_kernel(struct start_info *si);
void __noreturn xen_shutdown(unsigned int reason);

static void xen_console_write(struct console *con, const char *s, size_t n)
{
	HYPERVISOR_console_io(CONSOLEIO_write, n, s);
}

static struct console xen_console = {
	.name = "xen",
	.write = xen_console_write,
};

void xen_shutdown(unsigned int reason)
{
	struct sched_shutdown arg = { .reason = reason };
	long err;

	for (;;) {
		err = HYPERVISOR_sched_op(SCHEDOP_shutdown, &arg);
		pr_emerg("SCHEDOP_shutdown(%u) failed: %s\n", reason, xen_errname(err));
	}
}

/* Xen maps the image and what follows it at VIRT_BASE, up to 1 GiB. */
static const void *xen_early_map(const struct boot_mem *m, u64 va, u64 len)
{
	u64 end;

	if (check_add_overflow(va, len, &end) || va < __START_KERNEL_map ||
	    end > __START_KERNEL_map + (1ULL << 30))
		return NULL;
	return (const void *)va;
}

__no_stack_protector void xen_start_kernel(struct start_info *si)
{
	struct boot_mem mem = { .map = xen_early_map };
	int err;

	boot_init_stack_canary();
	register_console(&xen_console);
	err = xen_parse_start_info(&mem, (u64)si, __START_KERNEL_map, &xen_boot);
	if (err) {
		pr_emerg("Cannot boot: malformed start_info (see above)\n");
		xen_shutdown(SHUTDOWN_crash);
	}
	pr_info("PV %s: %llu pages, initial page tables at %#llx (%llu frames), "
		"P2M at %#llx, command line '%s'\n",
		(xen_boot.flags & SIF_INITDOMAIN) ? "dom0" : "domU",
		xen_boot.nr_pages, xen_boot.pt_base, xen_boot.nr_pt_frames,
		xen_boot.mfn_list, xen_boot.cmdline);
	xen_shutdown(SHUTDOWN_poweroff);
}
