/* SPDX-License-Identifier: GPL-2.0 */
/* Port and memory-mapped I/O. */
#ifndef _ASM_X86_IO_H
#define _ASM_X86_IO_H

#include <linux/types.h>
#include <linux/compiler.h>

static inline void outb(u8 v, u16 port)
{
	asm volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outw(u16 v, u16 port)
{
	asm volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outl(u32 v, u16 port)
{
	asm volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

static inline u8 inb(u16 port)
{
	u8 v;

	asm volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline u16 inw(u16 port)
{
	u16 v;

	asm volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline u32 inl(u16 port)
{
	u32 v;

	asm volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

/* Port 0x80 write: the classic ~1 us delay for slow ISA devices. */
static inline void native_io_delay(void)
{
	asm volatile("outb %%al, $0x80" : : : "memory");
}

#ifdef CONFIG_PARAVIRT
#include <asm/paravirt.h>
#else
static inline void io_delay(void)
{
	native_io_delay();
}
#endif

static inline u32 readl(const volatile void __iomem *a)
{
	return *(const volatile u32 __force *)a;
}

static inline void writel(u32 v, volatile void __iomem *a)
{
	*(volatile u32 __force *)a = v;
}

/*
 * Map physical ranges into the vmap area: ioremap() uncached for device
 * registers, memremap() write-back for firmware tables in RAM-like memory.
 * Both return NULL on failure; unmap with iounmap()/memunmap().
 */
void __iomem *ioremap(phys_addr_t pa, size_t size);
void iounmap(volatile void __iomem *va);
void *memremap(phys_addr_t pa, size_t size);
void memunmap(void *va);
/*
 * @len bytes of unused vmap space (page-aligned, with a guard page after),
 * for a caller that maps it itself; 0 if none is left.  memunmap() frees.
 */
unsigned long vmap_reserve(size_t len);

#endif
