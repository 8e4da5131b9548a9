// SPDX-License-Identifier: GPL-2.0
/*
 * setup_arch: from boot_info to a running machine, in dependency order:
 * CPU identity and tables, memory map, boot allocator, page tables, page
 * per-CPU areas, page and object allocators, ACPI, PCI scan, clock, timer interrupt.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/irqflags.h>
#include <asm/setup.h>
#include <asm/bootinfo.h>
#include <asm/processor.h>
#include <asm/pgtable.h>
#include <asm/sections.h>
#include <asm/traps.h>
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/tsc.h>
#include <asm/reboot.h>
#include <asm/special_insns.h>
#include <asm/paravirt.h>
#include <asm/percpu.h>
#include <asm/pci_direct.h>
#include <asm/x86_init.h>
#include <linux/smp.h>

struct e820_table e820_table;

void __noreturn machine_halt_early(const char *why)
{
	pr_emerg("Cannot boot: %s\n", why);
	x86_platform.power_off(POWEROFF_FAILURE);
}

static void __init setup_memory_map(void)
{
	struct e820_sanitize_stats st;
	unsigned int i;
	int n;

	n = e820_sanitize(boot_info.raw_map.entries, boot_info.raw_map.nr_entries,
			  &e820_table, &st);
	if (n <= 0)
		machine_halt_early("memory map unusable");
	if (st.zero_length || st.out_of_range || st.bad_type || st.overlaps)
		pr_warn("e820: firmware map fixed up: %u zero-length, %u out of range, "
			"%u unknown type, %u overlapping\n", st.zero_length,
			st.out_of_range, st.bad_type, st.overlaps);
	pr_info("BIOS-provided physical RAM map (%s):\n", boot_info.loader);
	for (i = 0; i < e820_table.nr_entries; i++) {
		const struct e820_entry *e = &e820_table.entries[i];

		pr_info("  [mem %#018llx-%#018llx] %s\n", (unsigned long long)e->addr,
			(unsigned long long)(e->addr + e->size - 1),
			e820_type_name(e->type));
	}
	if (!e820_total(&e820_table, E820_TYPE_RAM))
		machine_halt_early("no RAM in the memory map");
}

static void __init setup_memblock(void)
{
	unsigned int i;

	for (i = 0; i < e820_table.nr_entries; i++) {
		const struct e820_entry *e = &e820_table.entries[i];

		/*
		 * Whole pages only: the rest of a page that RAM only begins
		 * or ends in is someone else's (Xen puts a PVH dom0's RSDP
		 * and XSDT right after its last RAM byte, in that page).
		 */
		u64 start = PAGE_ALIGN(e->addr), end = (e->addr + e->size) & PAGE_MASK;

		if (e->type == E820_TYPE_RAM && end > start)
			memblock_add(start, end - start);
	}
	/* The first MiB: real-mode IVT, BDA, EBDA, option ROMs, firmware. */
	memblock_reserve(0, 0x100000);
	memblock_reserve(__pa_symbol(_text), __pa_symbol(_end) - __pa_symbol(_text));
	for (i = 0; i < boot_info.nr_ranges; i++)
		memblock_reserve(boot_info.ranges[i].start,
				 boot_info.ranges[i].end - boot_info.ranges[i].start);
}

void __init setup_arch(void)
{
	paravirt_init();
	cpu_detect();
	x86_platform.cpu_init();
	x86_platform.trap_init();
	pr_info("Platform: %s\n", x86_platform.name);
	pr_info("CPU: %s %s (family %u model %u stepping %u), %u/%u address bits\n",
		boot_cpu.vendor, boot_cpu.model_name, boot_cpu.family,
		boot_cpu.model, boot_cpu.stepping, boot_cpu.phys_bits,
		boot_cpu.virt_bits);

	setup_memory_map();
	setup_memblock();
	x86_platform.paging_init();
	/* From memblock, before the offset table becomes read-only. */
	setup_per_cpu_areas();
	mem_init();
	kmalloc_init();
	/* Interrupts are still off: every site is rewritten before one runs. */
	paravirt_activate_child();
	if (paravirt_patch_all())
		panic("paravirt: call sites could not be patched (see above)");
	/* pv_ops among it: nothing may redirect a slot from here on. */
	mark_ro_after_init();

	if (x86_platform.acpi_init(boot_info.rsdp))
		pr_warn("ACPI: not available\n");
	if (x86_platform.no_pci)
		pr_info("pci: no configuration space on %s\n", x86_platform.name);
	else
		pci_scan();
	x86_platform.clock_init();
	x86_platform.timer_init();
	local_irq_enable();
	smp_init();
	if (x86_platform.late_init)
		x86_platform.late_init();
}
