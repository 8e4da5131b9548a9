// SPDX-License-Identifier: GPL-2.0
/*
 * The first C code: called by head_64.S on the boot stack, on the early
 * page tables (first 4 GiB identity-, direct- and image-mapped).  Gives
 * the boot CPU its per-CPU area and GS base (the canary is %gs:40, so
 * before any function with a canary runs), seeds the canary, brings up the serial console, turns the loader's
 * structure into boot_info, and starts the kernel.  Nothing here may
 * return: this frame has no canary and nothing to return to.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/serial_8250.h>
#include <asm/bootinfo.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/msr.h>
#include <asm/percpu.h>
#include <asm/setup.h>
#include <asm/stackprotector.h>
#include <asm/xen/pvh.h>
#include <linux/errno.h>
#include <linux/pvbench.h>

struct boot_info boot_info;

/* What the early page tables map: physical 0 .. 4 GiB. */
#define EARLY_MAPPED_LIMIT	(4ULL << 30)

static const void *early_boot_map(const struct boot_mem *m, u64 pa, u64 len)
{
	u64 end;

	if (check_add_overflow(pa, len, &end) || end > m->limit || !pa)
		return NULL;
	return __va(pa);
}

__no_stack_protector void __noreturn x86_64_start_kernel(u32 protocol, u64 info_pa)
{
	struct boot_mem mem = { .map = early_boot_map, .limit = EARLY_MAPPED_LIMIT };
	int err;

	PVBENCH_START(PVBENCH_BOOT);
	percpu_boot_copy();
	load_percpu_base((unsigned long)__per_cpu_boot);
	boot_init_stack_canary();
	serial8250_early_init();

	boot_info.protocol = protocol;
	switch (protocol) {
	case BOOT_PVH:
		xen_pvh_early_console();
		err = pvh_parse_start_info(&mem, info_pa, &boot_info);
		/*
		 * Xen's PVH guest or bare QEMU: CPUID tells (enlighten_pvh.c).
		 * Xen's PVH dom0 gets no map in the start info: Xen has it.
		 */
		if ((!err || err == -ENODATA) && xen_pvh_early_init() && err)
			err = xen_pvh_memory_map(&boot_info);
		break;
	case BOOT_MULTIBOOT2:
		err = mb2_parse_info(&mem, info_pa, &boot_info);
		break;
	default:
		err = -EINVAL;
		break;
	}
	if (err)
		machine_halt_early("malformed boot information (see above)");
	cmdline_init(boot_info.cmdline);
	/* An HVM domain's loader (xen_nopv read): CPUID tells (enlighten_hvm.c). */
	if (protocol == BOOT_MULTIBOOT2)
		xen_hvm_early_init();
	start_kernel();
}
