/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmlinux layout.  Three page-aligned PT_LOAD segments with the
 * permissions paging_init() enforces (W^X): text RX, rodata R, data+bss
 * RW.  The data segment starts with .data..ro_after_init (__ro_after_init:
 * pv_ops), pages of their own that mark_ro_after_init() makes read-only
 * once set-up has written them.  Linked at __START_KERNEL_map + CONFIG_PHYSICAL_START and loaded at
 * CONFIG_PHYSICAL_START (AT()), so loaders that use physical addresses
 * (QEMU's PVH loader, GRUB) put it where the high mapping expects it.
 *
 * .kallsyms is the last table in rodata and lists text symbols only, so
 * linking the table cannot move what it describes (see the Makefile).
 *
 * .data..percpu is the per-CPU template (asm/percpu.h): linked at 0, so a
 * per-CPU symbol is its offset in a CPU's area, and loaded at the end of
 * rodata (__per_cpu_load, its own PT_LOAD: loaders place segments by
 * physical address), read-only once paging_init maps it: every CPU runs
 * on a copy, the boot CPU's at __per_cpu_boot in .bss.
 */
#include <asm/page_types.h>

#define LOAD_OFFSET __START_KERNEL_map

OUTPUT_FORMAT("elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)
ENTRY(mb2_entry)

PHDRS {
	text PT_LOAD FLAGS(5);		/* R E */
	rodata PT_LOAD FLAGS(4);	/* R */
	percpu PT_LOAD FLAGS(4);	/* R: the template, linked at 0 */
	data PT_LOAD FLAGS(6);		/* R W */
	note PT_NOTE FLAGS(4);
}

SECTIONS
{
	. = __START_KERNEL_map + CONFIG_PHYSICAL_START;
	_text = .;

	.text : AT(ADDR(.text) - LOAD_OFFSET) {
		KEEP(*(.head.multiboot2))
		*(.head.text)
		_stext = .;
		*(.text .text.*)
		*(.init.text)
		. = ALIGN(16);
		__fixup_start = .;
		*(.fixup)
		__fixup_end = .;
	} :text
	_etext = .;

	. = ALIGN(PAGE_SIZE);
	__start_rodata = .;
	.rodata : AT(ADDR(.rodata) - LOAD_OFFSET) {
		*(.rodata .rodata.*)
		*(.init.rodata)
	} :rodata

	__ex_table : AT(ADDR(__ex_table) - LOAD_OFFSET) {
		. = ALIGN(4);
		__start___ex_table = .;
		KEEP(*(__ex_table))
		__stop___ex_table = .;
	} :rodata

#ifdef CONFIG_PARAVIRT
	.parainstructions : AT(ADDR(.parainstructions) - LOAD_OFFSET) {
		. = ALIGN(4);
		__parainstructions = .;
		KEEP(*(.parainstructions))
		__parainstructions_end = .;
	} :rodata
	.parainstructions.arg : AT(ADDR(.parainstructions.arg) - LOAD_OFFSET) {
		. = ALIGN(4);
		__parainstructions_arg = .;
		KEEP(*(.parainstructions.arg))
		__parainstructions_arg_end = .;
	} :rodata
#endif

#ifdef CONFIG_XEN
	/* Hypercall sites, for the PVH entry to rewrite (asm/xen/hypercall.h). */
	.xen_hypercall_sites : AT(ADDR(.xen_hypercall_sites) - LOAD_OFFSET) {
		. = ALIGN(4);
		__xen_hypercall_sites = .;
		KEEP(*(.xen_hypercall_sites))
		__xen_hypercall_sites_end = .;
	} :rodata
#endif

	.init.setup : AT(ADDR(.init.setup) - LOAD_OFFSET) {
		. = ALIGN(8);
		__setup_start = .;
		KEEP(*(.init.setup))
		__setup_end = .;
	} :rodata

	.ktest : AT(ADDR(.ktest) - LOAD_OFFSET) {
		. = ALIGN(8);
		__ktest_suites_start = .;
		KEEP(*(.ktest_suites))
		__ktest_suites_end = .;
	} :rodata

	.notes : AT(ADDR(.notes) - LOAD_OFFSET) {
		__start_notes = .;
		KEEP(*(.note.Xen))
		__stop_notes = .;
	} :rodata :note

	.kallsyms : AT(ADDR(.kallsyms) - LOAD_OFFSET) {
		. = ALIGN(8);
		*(.kallsyms)
	} :rodata

	. = ALIGN(PAGE_SIZE);
	__per_cpu_load = .;
	.data..percpu 0 : AT(__per_cpu_load - LOAD_OFFSET) {
		__per_cpu_start = .;
		KEEP(*(.data..percpu..first))
		*(.data..percpu)
		. = ALIGN(64);
		__per_cpu_end = .;
	} :percpu
	. = __per_cpu_load + SIZEOF(.data..percpu);

	. = ALIGN(PAGE_SIZE);
	__end_rodata = .;

	.data..ro_after_init : AT(ADDR(.data..ro_after_init) - LOAD_OFFSET) {
		__start_ro_after_init = .;
		*(.data..ro_after_init)
		. = ALIGN(PAGE_SIZE);
		__end_ro_after_init = .;
	} :data

	.data : AT(ADDR(.data) - LOAD_OFFSET) {
		_sdata = .;
		*(.data..page_aligned)
		*(.data .data.*)
		*(.init.data)
		_edata = .;
	} :data

	.bss : AT(ADDR(.bss) - LOAD_OFFSET) {
		. = ALIGN(PAGE_SIZE);
		__bss_start = .;
		*(.bss..page_aligned)
		*(.bss .bss.*)
		*(COMMON)
		. = ALIGN(PAGE_SIZE);
		__per_cpu_boot = .;		/* the boot CPU's per-CPU area */
		. += __per_cpu_end - __per_cpu_start;
		. = ALIGN(PAGE_SIZE);
		__bss_stop = .;
	} :data

	_end = .;

	/DISCARD/ : {
		*(.eh_frame) *(.comment) *(.note.GNU-stack)
		*(.note.gnu.property) *(.note.gnu.build-id)
	}
}

ASSERT(_end - _text <= 512 * 1024 * 1024, "kernel image larger than 512 MiB")
ASSERT(__start_ro_after_init == __end_rodata,
       "ro_after_init must follow rodata (paging_init maps its direct-map alias with it)")
ASSERT(__per_cpu_start == 0, "the per-CPU template must be linked at 0")
ASSERT(fixed_percpu_data == 0, "fixed_percpu_data must open every per-CPU area (canary at %gs:40)")
ASSERT(CONFIG_PHYSICAL_START % 0x200000 == 0, "PHYSICAL_START must be 2 MiB aligned")
