/* SPDX-License-Identifier: GPL-2.0 */
/* Address conversions between the direct map, the image and physical. */
#ifndef _ASM_X86_PAGE_H
#define _ASM_X86_PAGE_H

#include <asm/page_types.h>

#ifndef __ASSEMBLY__
#include <linux/types.h>

/* Physical address of a direct-map or kernel-image virtual address. */
static inline phys_addr_t __pa(const volatile void *v)
{
	unsigned long x = (unsigned long)v;

	if (x >= __START_KERNEL_map)
		return x - __START_KERNEL_map;
	return x - PAGE_OFFSET;
}

#define __pa_symbol(x)	((phys_addr_t)((unsigned long)(x) - __START_KERNEL_map))
#define __va(pa)	((void *)((unsigned long)(pa) + PAGE_OFFSET))

#define PFN_DOWN(x)	((x) >> PAGE_SHIFT)
#define PFN_UP(x)	(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_PHYS(pfn)	((phys_addr_t)(pfn) << PAGE_SHIFT)
#define PAGE_ALIGN(x)	(((x) + PAGE_SIZE - 1) & PAGE_MASK)
#endif

#endif
