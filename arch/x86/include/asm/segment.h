/* SPDX-License-Identifier: GPL-2.0 */
/* GDT layout: the boot GDT and the runtime GDT share these selectors. */
#ifndef _ASM_X86_SEGMENT_H
#define _ASM_X86_SEGMENT_H

#define GDT_ENTRY_KERNEL32_CS	1
#define GDT_ENTRY_KERNEL_CS	2
#define GDT_ENTRY_KERNEL_DS	3
#define GDT_ENTRY_TSS		4	/* 16 bytes: entries 4 and 5 */
#define GDT_ENTRIES		6

#define __KERNEL32_CS		(GDT_ENTRY_KERNEL32_CS * 8)
#define __KERNEL_CS		(GDT_ENTRY_KERNEL_CS * 8)
#define __KERNEL_DS		(GDT_ENTRY_KERNEL_DS * 8)
#define __TSS_SEL		(GDT_ENTRY_TSS * 8)

/*
 * Descriptors: flat, 4 GiB limit, accessed bit already set so that loading
 * a selector never makes the CPU write the (read-only) boot GDT.
 */
#define GDT_KERNEL32_CS_DESC	0x00cf9b000000ffff
#define GDT_KERNEL_CS_DESC	0x00af9b000000ffff
#define GDT_KERNEL_DS_DESC	0x00cf93000000ffff

#endif
