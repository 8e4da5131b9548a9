// SPDX-License-Identifier: GPL-2.0
/*
 * Mappings of physical ranges outside the direct map: device registers
 * (ioremap, uncached) and firmware tables (memremap, write-back; RAM is
 * served from the direct map).  Virtual space comes from the vmap area,
 * handed out upwards and not reused (vmap_reserve, also for callers that
 * fill it themselves); each live area is remembered so unmapping knows
 * its size.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <asm/io.h>
#include <asm/pgtable.h>
#include <asm/setup.h>

#define MAX_VMAP_AREAS	64

static struct {
	unsigned long va, size;
} areas[MAX_VMAP_AREAS];
static unsigned long vmap_next = VMAP_START;

unsigned long vmap_reserve(size_t len)
{
	unsigned long va;
	unsigned int i;

	len = PAGE_ALIGN(len);
	if (!len || vmap_next + len > VMAP_END || vmap_next + len < vmap_next)
		return 0;
	for (i = 0; i < MAX_VMAP_AREAS && areas[i].size; i++)
		;
	if (i == MAX_VMAP_AREAS)
		return 0;
	va = vmap_next;
	/* One unmapped page between areas catches overruns. */
	vmap_next += len + PAGE_SIZE;
	areas[i].va = va;
	areas[i].size = len;
	return va;
}

static void unmap_area(unsigned long va);

static void *map_area(phys_addr_t pa, size_t size, pgprot_t prot)
{
	phys_addr_t base = pa & PAGE_MASK;
	unsigned long va;
	size_t len;

	if (!size || pa + size < pa)
		return NULL;
	len = PAGE_ALIGN(pa + size) - base;
	va = vmap_reserve(len);
	if (!va)
		return NULL;
	if (map_kernel_range(va, base, len, prot)) {
		unmap_area(va);
		return NULL;
	}
	return (void *)(va + (pa - base));
}

static void unmap_area(unsigned long va)
{
	unsigned int i;

	va &= PAGE_MASK;
	for (i = 0; i < MAX_VMAP_AREAS; i++) {
		if (areas[i].size && areas[i].va == va) {
			unmap_kernel_range(va, areas[i].size);
			areas[i].size = 0;
			return;
		}
	}
	WARN_ON(1);
}

static bool is_ram(phys_addr_t pa, size_t size)
{
	unsigned int i;

	for (i = 0; i < e820_table.nr_entries; i++) {
		const struct e820_entry *e = &e820_table.entries[i];

		if (e->type == E820_TYPE_RAM && pa >= e->addr &&
		    pa + size <= e->addr + e->size)
			return true;
	}
	return false;
}

void __iomem *ioremap(phys_addr_t pa, size_t size)
{
	return (void __iomem __force *)map_area(pa, size, PAGE_KERNEL_NOCACHE);
}

void iounmap(volatile void __iomem *va)
{
	if (va)
		unmap_area((unsigned long __force)va);
}

void *memremap(phys_addr_t pa, size_t size)
{
	if (is_ram(pa, size))
		return __va(pa);
	return map_area(pa, size, PAGE_KERNEL);
}

void memunmap(void *va)
{
	unsigned long v = (unsigned long)va;

	if (v >= VMAP_START && v < VMAP_END)
		unmap_area(v);
}
