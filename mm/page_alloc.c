// SPDX-License-Identifier: GPL-2.0
/*
 * The buddy page allocator.  A zone keeps free blocks of 2^order pages
 * (order 0..MAX_ORDER), each naturally aligned in pfn space.  Freeing
 * merges a block with its buddy (pfn ^ 2^order) while the buddy is free
 * in this very zone, of the same order and inside the zone: a private
 * zone's pages (tests) lie inside the normal zone's pfn range, and a
 * block free there is not the normal zone's to take.  A block's head
 * page carries PG_buddy, its order and its zone while free; nothing else
 * about a free page is meaningful.  The zone's spinlock (interrupts off too) guards the lists.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/init.h>
#include <linux/irqflags.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <asm/stacktrace.h>

struct page *mem_map;
unsigned long max_pfn;
struct zone normal_zone;
static bool allocator_ready;

void zone_init(struct zone *z, const char *name, unsigned long start_pfn,
	       unsigned long end_pfn)
{
	unsigned int o;

	z->name = name;
	z->start_pfn = start_pfn;
	z->end_pfn = end_pfn;
	z->free_pages = 0;
	z->managed_pages = 0;
	spin_lock_init(&z->lock);
	for (o = 0; o < NR_ORDERS; o++) {
		INIT_LIST_HEAD(&z->free_area[o].free_list);
		z->free_area[o].nr_free = 0;
	}
}

static bool block_in_zone(const struct zone *z, unsigned long pfn,
			  unsigned int order)
{
	return pfn >= z->start_pfn && pfn + (1UL << order) <= z->end_pfn;
}

static void add_free(struct zone *z, struct page *p, unsigned int order)
{
	p->flags |= PG_buddy;
	p->order = order;
	p->zone = z;
	list_add(&p->lru, &z->free_area[order].free_list);
	z->free_area[order].nr_free++;
}

static void del_free(struct zone *z, struct page *p, unsigned int order)
{
	list_del(&p->lru);
	p->flags &= ~PG_buddy;
	z->free_area[order].nr_free--;
}

static void __zone_free(struct zone *z, unsigned long pfn, unsigned int order)
{
	z->free_pages += 1UL << order;
	while (order < MAX_ORDER) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);
		struct page *buddy = pfn_to_page(buddy_pfn);

		if (!block_in_zone(z, buddy_pfn, order) ||
		    !(buddy->flags & PG_buddy) || buddy->order != order || buddy->zone != z)
			break;
		del_free(z, buddy, order);
		pfn &= ~(1UL << order);
		order++;
	}
	add_free(z, pfn_to_page(pfn), order);
}

void zone_free_pages(struct zone *z, struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page), flags;

	if (WARN_ON(order > MAX_ORDER || !block_in_zone(z, pfn, order) ||
		    (pfn & ((1UL << order) - 1))))
		return;
	if (page->flags & (PG_buddy | PG_reserved)) {
		pr_err("page_alloc: %s free of pfn %#lx order %u ignored\n",
		       page->flags & PG_buddy ? "double" : "reserved-page",
		       pfn, order);
		dump_stack();
		return;
	}
	spin_lock_irqsave(&z->lock, flags);
	__zone_free(z, pfn, order);
	spin_unlock_irqrestore(&z->lock, flags);
}

struct page *zone_alloc_pages(struct zone *z, unsigned int order)
{
	unsigned long flags;
	unsigned int o;
	struct page *p = NULL;

	if (order > MAX_ORDER)
		return NULL;
	spin_lock_irqsave(&z->lock, flags);
	for (o = order; o <= MAX_ORDER; o++) {
		if (list_empty(&z->free_area[o].free_list))
			continue;
		p = list_first_entry(&z->free_area[o].free_list, struct page, lru);
		del_free(z, p, o);
		/* Split: give back the upper halves, keep the lower. */
		while (o > order) {
			o--;
			add_free(z, p + (1UL << o), o);
		}
		z->free_pages -= 1UL << order;
		break;
	}
	spin_unlock_irqrestore(&z->lock, flags);
	return p;
}

/* Free [start, end) in the largest aligned blocks that fit. */
void zone_free_range(struct zone *z, unsigned long start, unsigned long end)
{
	unsigned long flags;

	unsigned long pfn;

	spin_lock_irqsave(&z->lock, flags);
	z->managed_pages += end - start;
	/* Every page, not just block heads: blocks split later. */
	for (pfn = start; pfn < end; pfn++)
		pfn_to_page(pfn)->flags &= ~(PG_reserved | PG_buddy);
	while (start < end) {
		unsigned int order = MAX_ORDER;

		while (order && ((start & ((1UL << order) - 1)) ||
				 start + (1UL << order) > end))
			order--;
		__zone_free(z, start, order);
		start += 1UL << order;
	}
	spin_unlock_irqrestore(&z->lock, flags);
}

struct page *alloc_pages(unsigned int order)
{
	return zone_alloc_pages(&normal_zone, order);
}

void __free_pages(struct page *page, unsigned int order)
{
	zone_free_pages(&normal_zone, page, order);
}

void *get_free_pages(unsigned int order)
{
	struct page *p = alloc_pages(order);

	return p ? page_address(p) : NULL;
}

void *get_zeroed_pages(unsigned int order)
{
	void *v = get_free_pages(order);

	if (v)
		memset(v, 0, PAGE_SIZE << order);
	return v;
}

void free_pages(void *addr, unsigned int order)
{
	if (addr)
		__free_pages(virt_to_page(addr), order);
}

unsigned long nr_free_pages(void)
{
	return normal_zone.free_pages;
}

bool page_allocator_ready(void)
{
	return allocator_ready;
}

/*
 * mem_map covers every pfn below the end of RAM; pages start reserved
 * and become free when memblock hands over what nobody reserved.
 */
void __init mem_init(void)
{
	unsigned long pfn, freed;
	phys_addr_t pa;
	size_t size;

	max_pfn = PFN_DOWN(memblock_end_of_ram());
	size = max_pfn * sizeof(struct page);
	pa = memblock_phys_alloc(size, PAGE_SIZE);
	if (!pa)
		panic("mem_init: no memory for %lu page structures", max_pfn);
	mem_map = __va(pa);
	for (pfn = 0; pfn < max_pfn; pfn++)
		mem_map[pfn].flags = PG_reserved;
	zone_init(&normal_zone, "Normal", 0, max_pfn);
	freed = memblock_free_all();
	allocator_ready = true;
	pr_info("Memory: %luK/%luK available (%luK kernel and boot reserved, "
		"mem_map %zuK)\n", freed << (PAGE_SHIFT - 10),
		max_pfn << (PAGE_SHIFT - 10),
		(unsigned long)(memblock_reserved_size() >> 10), size >> 10);
}
