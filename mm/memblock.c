// SPDX-License-Identifier: GPL-2.0
/*
 * Boot-time physical memory: RAM ranges (from the sanitized memory map)
 * and reservations (the kernel image, loader data, firmware areas, early
 * allocations).  Both lists stay sorted and merged.  Allocation is
 * top-down below current_limit, which paging code keeps at what is
 * mapped; after memblock_free_all() the page allocator owns memory and
 * memblock only answers questions.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/mm.h>

struct memblock_type memblock_memory, memblock_reserved;
static phys_addr_t current_limit = ~(phys_addr_t)0;
static bool retired;

/* Lowest address we ever allocate: keep the first MiB for firmware. */
#define MEMBLOCK_LOW_LIMIT	0x100000

static int region_add(struct memblock_type *t, phys_addr_t base, phys_addr_t size)
{
	phys_addr_t end;
	unsigned int i, j;

	if (!size)
		return 0;
	if (check_add_overflow(base, size, &end))
		return -EINVAL;
	/* Find the first region that ends at or after base. */
	for (i = 0; i < t->cnt; i++)
		if (t->regions[i].base + t->regions[i].size >= base)
			break;
	/* Merge with every region it touches. */
	j = i;
	while (j < t->cnt && t->regions[j].base <= end) {
		base = min(base, t->regions[j].base);
		end = max(end, t->regions[j].base + t->regions[j].size);
		j++;
	}
	if (j == i) {
		if (t->cnt >= MEMBLOCK_MAX_REGIONS)
			return -ENOSPC;
		memmove(&t->regions[i + 1], &t->regions[i],
			(t->cnt - i) * sizeof(t->regions[0]));
		t->cnt++;
	} else if (j > i + 1) {
		memmove(&t->regions[i + 1], &t->regions[j],
			(t->cnt - j) * sizeof(t->regions[0]));
		t->cnt -= j - i - 1;
	}
	t->regions[i].base = base;
	t->regions[i].size = end - base;
	return 0;
}

int __init memblock_add(phys_addr_t base, phys_addr_t size)
{
	return region_add(&memblock_memory, base, size);
}

int memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	int err = region_add(&memblock_reserved, base, size);

	if (err)
		pr_err("memblock: cannot reserve %#llx+%#llx: %d\n",
		       (unsigned long long)base, (unsigned long long)size, err);
	return err;
}

bool memblock_is_reserved(phys_addr_t addr)
{
	unsigned int i;

	for (i = 0; i < memblock_reserved.cnt; i++) {
		const struct memblock_region *r = &memblock_reserved.regions[i];

		if (addr >= r->base && addr < r->base + r->size)
			return true;
	}
	return false;
}

/* First reserved region overlapping [base, end), or NULL. */
static const struct memblock_region *overlap(phys_addr_t base, phys_addr_t end)
{
	unsigned int i;

	for (i = 0; i < memblock_reserved.cnt; i++) {
		const struct memblock_region *r = &memblock_reserved.regions[i];

		if (r->base < end && base < r->base + r->size)
			return r;
	}
	return NULL;
}

void memblock_set_current_limit(phys_addr_t limit)
{
	current_limit = limit;
}

phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align)
{
	int i;

	if (retired) {
		WARN_ON(retired);
		return 0;
	}
	size = ALIGN(size, PAGE_SIZE);
	for (i = memblock_memory.cnt - 1; i >= 0; i--) {
		const struct memblock_region *m = &memblock_memory.regions[i];
		phys_addr_t lo = max(m->base, (phys_addr_t)MEMBLOCK_LOW_LIMIT);
		phys_addr_t hi = min(m->base + m->size, current_limit);
		phys_addr_t cand;

		if (hi <= lo || hi - lo < size)
			continue;
		cand = ALIGN_DOWN(hi - size, align);
		while (cand >= lo) {
			const struct memblock_region *r = overlap(cand, cand + size);

			if (!r) {
				if (memblock_reserve(cand, size))
					return 0;
				memset(__va(cand), 0, size);
				return cand;
			}
			/* Skip below the reservation in the way. */
			if (r->base < size + lo)
				break;
			cand = ALIGN_DOWN(r->base - size, align);
		}
	}
	return 0;
}

phys_addr_t memblock_end_of_ram(void)
{
	const struct memblock_region *r;

	if (!memblock_memory.cnt)
		return 0;
	r = &memblock_memory.regions[memblock_memory.cnt - 1];
	return r->base + r->size;
}

phys_addr_t memblock_reserved_size(void)
{
	phys_addr_t sum = 0;
	unsigned int i;

	for (i = 0; i < memblock_reserved.cnt; i++)
		sum += memblock_reserved.regions[i].size;
	return sum;
}

static unsigned long free_phys_range(phys_addr_t start, phys_addr_t end)
{
	unsigned long spfn = PFN_UP(start), epfn = PFN_DOWN(end);

	if (spfn >= epfn)
		return 0;
	zone_free_range(&normal_zone, spfn, epfn);
	return epfn - spfn;
}

unsigned long __init memblock_free_all(void)
{
	unsigned long freed = 0;
	unsigned int i, j;

	/* RAM minus reservations; both lists are sorted and merged. */
	for (i = 0; i < memblock_memory.cnt; i++) {
		const struct memblock_region *m = &memblock_memory.regions[i];
		phys_addr_t cur = m->base, end = m->base + m->size;

		for (j = 0; j < memblock_reserved.cnt && cur < end; j++) {
			const struct memblock_region *r = &memblock_reserved.regions[j];

			if (r->base + r->size <= cur)
				continue;
			if (r->base >= end)
				break;
			if (r->base > cur)
				freed += free_phys_range(cur, r->base);
			cur = r->base + r->size;
		}
		if (cur < end)
			freed += free_phys_range(cur, end);
	}
	retired = true;
	return freed;
}

void __init memblock_dump(void)
{
	unsigned int i;

	for (i = 0; i < memblock_memory.cnt; i++)
		pr_info("memblock: memory  [%#014llx-%#014llx]\n",
			(unsigned long long)memblock_memory.regions[i].base,
			(unsigned long long)(memblock_memory.regions[i].base +
					     memblock_memory.regions[i].size - 1));
	for (i = 0; i < memblock_reserved.cnt; i++)
		pr_info("memblock: reserve [%#014llx-%#014llx]\n",
			(unsigned long long)memblock_reserved.regions[i].base,
			(unsigned long long)(memblock_reserved.regions[i].base +
					     memblock_reserved.regions[i].size - 1));
}
