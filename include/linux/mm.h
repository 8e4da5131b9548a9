/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Physical pages.  Every page frame up to max_pfn has a struct page in
 * mem_map.  Free pages belong to a zone's buddy allocator (orders
 * 0..MAX_ORDER); a zone covers a pfn range and owns the struct pages of
 * that range while they are free.
 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <asm/page.h>

#define MAX_ORDER	10		/* largest block: 2^10 pages = 4 MiB */
#define NR_ORDERS	(MAX_ORDER + 1)

/* page->flags */
#define PG_reserved	(1UL << 0)	/* never handed to the allocator */
#define PG_buddy	(1UL << 1)	/* head of a free block; order valid */
#define PG_slab		(1UL << 2)	/* a kmalloc slab */
#define PG_large	(1UL << 3)	/* head of a large kmalloc; order valid */

struct kmem_cache;

struct page {
	unsigned long flags;
	struct list_head lru;		/* free list, or a cache's slab list */
	unsigned int order;		/* PG_buddy, PG_large */
	unsigned short inuse, objects;	/* PG_slab */
	void *freelist;			/* PG_slab */
	union {
		struct kmem_cache *slab_cache;	/* PG_slab */
		struct zone *zone;		/* PG_buddy: whose free block */
	};
};

struct free_area {
	struct list_head free_list;
	unsigned long nr_free;
};

struct zone {
	const char *name;
	unsigned long start_pfn, end_pfn;	/* [start, end) */
	unsigned long free_pages;
	unsigned long managed_pages;
	struct free_area free_area[NR_ORDERS];
	spinlock_t lock;	/* the free lists and counts (interrupts off too) */
};

extern struct page *mem_map;
extern unsigned long max_pfn;
extern struct zone normal_zone;

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return mem_map + pfn;
}

static inline unsigned long page_to_pfn(const struct page *p)
{
	return p - mem_map;
}

static inline void *page_address(const struct page *p)
{
	return __va(PFN_PHYS(page_to_pfn(p)));
}

static inline struct page *virt_to_page(const void *v)
{
	return pfn_to_page(PFN_DOWN(__pa(v)));
}

static inline unsigned int get_order(size_t size)
{
	unsigned int order = 0;

	size = (size - 1) >> PAGE_SHIFT;
	while (size) {
		order++;
		size >>= 1;
	}
	return order;
}

/* Zones: the kernel's normal_zone, or a private one (tests). */
void zone_init(struct zone *z, const char *name, unsigned long start_pfn,
	       unsigned long end_pfn);
struct page *zone_alloc_pages(struct zone *z, unsigned int order);
void zone_free_pages(struct zone *z, struct page *page, unsigned int order);
/* Hand a range of pages (owned by the caller) to the zone's free lists. */
void zone_free_range(struct zone *z, unsigned long start_pfn, unsigned long end_pfn);

struct page *alloc_pages(unsigned int order);
void __free_pages(struct page *page, unsigned int order);
/* Direct-map address of 2^order zeroed pages, or NULL. */
void *get_zeroed_pages(unsigned int order);
void *get_free_pages(unsigned int order);
void free_pages(void *addr, unsigned int order);
#define get_zeroed_page()	get_zeroed_pages(0)
#define free_page(addr)		free_pages(addr, 0)

void mem_init(void);
bool page_allocator_ready(void);
unsigned long nr_free_pages(void);

#endif
