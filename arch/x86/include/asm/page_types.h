/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's virtual memory layout, usable from C, assembly and the
 * linker script.
 *
 *   0xffff800000000000  hypervisor hole: a Xen PV guest's L4 slots 256-271
 *                       belong to Xen (M2P table, Xen itself); never ours
 *   0xffff888000000000  direct map of all RAM (PAGE_OFFSET), NX
 *   0xffffc90000000000  ioremap / vmap area (VMAP_START..VMAP_END)
 *   0xffffffff80000000  kernel image (__START_KERNEL_map + physical)
 *   0xffffffffa0000000  platform ROM code and its data (ROM_MAP_VA)
 */
#ifndef _ASM_X86_PAGE_TYPES_H
#define _ASM_X86_PAGE_TYPES_H

#ifdef __ASSEMBLY__
#define _AC(x, y)	x
#else
#define __AC(x, y)	(x##y)
#define _AC(x, y)	__AC(x, y)
#endif

#define PAGE_SHIFT		12
#define PAGE_SIZE		(_AC(1, UL) << PAGE_SHIFT)
#define PAGE_MASK		(~(PAGE_SIZE - 1))
#define PMD_SHIFT		21
#define PMD_SIZE		(_AC(1, UL) << PMD_SHIFT)
#define PUD_SHIFT		30
#define PUD_SIZE		(_AC(1, UL) << PUD_SHIFT)
#define P4D_SHIFT		39
#define PTRS_PER_TABLE		512

#define __START_KERNEL_map	_AC(0xffffffff80000000, UL)
#define HYPERVISOR_HOLE_START	_AC(0xffff800000000000, UL)
#define HYPERVISOR_HOLE_END	_AC(0xffff880000000000, UL)
#define PAGE_OFFSET		_AC(0xffff888000000000, UL)
#define VMAP_START		_AC(0xffffc90000000000, UL)
#define VMAP_END		_AC(0xffffe90000000000, UL)
/* Platform code (a VMI-like ROM): within rel32 reach of kernel text. */
#define ROM_MAP_VA		_AC(0xffffffffa0000000, UL)

/* Physical address bits we accept from firmware (MAXPHYADDR ceiling). */
#define MAX_PHYSMEM_BITS	46

#define THREAD_SIZE		(_AC(4, UL) * PAGE_SIZE)
#define IST_STACK_SIZE		(_AC(2, UL) * PAGE_SIZE)

#endif
