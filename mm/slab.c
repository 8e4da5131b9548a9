// SPDX-License-Identifier: GPL-2.0
/*
 * kmalloc over size-class caches.  A slab is one page cut into equal
 * objects; free objects are chained through their first word.  A cache
 * keeps its slabs with free objects on a list; a slab that becomes empty
 * goes back to the page allocator unless it is the cache's last.
 *
 * With CONFIG_SLAB_POISON a free object (past the chain word) is filled
 * with POISON_FREE and checked when allocated again: a write after free
 * is reported with the object and offset.  A free of something that is
 * not an allocated object start is reported and ignored, never followed.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/init.h>
#include <linux/irqflags.h>
#include <linux/spinlock.h>
#include <linux/mm.h>
#include <linux/slab.h>

struct kmem_cache {
	const char *name;
	unsigned int size;
	struct list_head partial;	/* slabs with at least one free object */
	unsigned long nr_slabs;
	spinlock_t lock;		/* partial, nr_slabs, every slab's freelist */
};

static struct kmem_cache kmalloc_caches[] = {
	{ "kmalloc-8", 8 },	{ "kmalloc-16", 16 },	{ "kmalloc-32", 32 },
	{ "kmalloc-64", 64 },	{ "kmalloc-96", 96 },	{ "kmalloc-128", 128 },
	{ "kmalloc-192", 192 },	{ "kmalloc-256", 256 },	{ "kmalloc-512", 512 },
	{ "kmalloc-1k", 1024 },	{ "kmalloc-2k", 2048 },
};

struct slab_errors slab_errors;

static struct kmem_cache *cache_for(size_t size)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kmalloc_caches); i++)
		if (size <= kmalloc_caches[i].size)
			return &kmalloc_caches[i];
	return NULL;
}

static void poison_object(struct kmem_cache *c, void *obj)
{
	if (IS_ENABLED(CONFIG_SLAB_POISON) && c->size > sizeof(void *))
		memset((char *)obj + sizeof(void *), POISON_FREE,
		       c->size - sizeof(void *));
}

static void check_poison(struct kmem_cache *c, void *obj)
{
	const u8 *bad;

	if (!IS_ENABLED(CONFIG_SLAB_POISON) || c->size <= sizeof(void *))
		return;
	bad = memchr_inv((char *)obj + sizeof(void *), POISON_FREE,
			 c->size - sizeof(void *));
	if (bad) {
		slab_errors.poison++;
		pr_err("slab: %s object %p written after free (offset %ld: %#x)\n",
		       c->name, obj, (long)(bad - (const u8 *)obj), *bad);
	}
}

static struct page *new_slab(struct kmem_cache *c)
{
	struct page *page = alloc_pages(0);
	char *base;
	unsigned int i, n;

	if (!page)
		return NULL;
	base = page_address(page);
	n = PAGE_SIZE / c->size;
	page->flags |= PG_slab;
	page->slab_cache = c;
	page->objects = n;
	page->inuse = 0;
	page->freelist = NULL;
	for (i = n; i-- > 0;) {
		void *obj = base + i * c->size;

		poison_object(c, obj);
		*(void **)obj = page->freelist;
		page->freelist = obj;
	}
	list_add(&page->lru, &c->partial);
	c->nr_slabs++;
	return page;
}

void *kmalloc(size_t size)
{
	struct kmem_cache *c;
	struct page *page;
	unsigned long flags;
	void *obj;

	if (!size)
		return ZERO_SIZE_PTR;
	c = cache_for(size);
	if (!c) {
		unsigned int order = get_order(size);

		page = alloc_pages(order);
		if (!page)
			return NULL;
		page->flags |= PG_large;
		page->order = order;
		return page_address(page);
	}

	spin_lock_irqsave(&c->lock, flags);
	if (list_empty(&c->partial) && !new_slab(c)) {
		spin_unlock_irqrestore(&c->lock, flags);
		return NULL;
	}
	page = list_first_entry(&c->partial, struct page, lru);
	obj = page->freelist;
	page->freelist = *(void **)obj;
	page->inuse++;
	if (!page->freelist)
		list_del(&page->lru);
	check_poison(c, obj);
	spin_unlock_irqrestore(&c->lock, flags);
	return obj;
}

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);

	if (!ZERO_OR_NULL_PTR(p))
		memset(p, 0, ksize(p));
	return p;
}

size_t ksize(const void *p)
{
	struct page *page;

	if (ZERO_OR_NULL_PTR(p))
		return 0;
	page = virt_to_page(p);
	if (page->flags & PG_large)
		return PAGE_SIZE << page->order;
	return page->slab_cache->size;
}

void kfree(const void *p)
{
	struct kmem_cache *c;
	struct page *page;
	unsigned long flags, off;
	void *obj = (void *)p, *f;

	if (ZERO_OR_NULL_PTR(p))
		return;
	page = virt_to_page(p);
	if (page->flags & PG_large) {
		if ((unsigned long)p & ~PAGE_MASK) {
			slab_errors.bad_free++;
			pr_err("slab: kfree(%p) inside a large allocation ignored\n", p);
			return;
		}
		page->flags &= ~PG_large;
		__free_pages(page, page->order);
		return;
	}
	if (!(page->flags & PG_slab)) {
		slab_errors.bad_free++;
		pr_err("slab: kfree(%p) of memory kmalloc did not allocate\n", p);
		return;
	}
	c = page->slab_cache;
	off = (unsigned long)p & ~PAGE_MASK;
	if (off % c->size || off / c->size >= page->objects) {
		slab_errors.bad_free++;
		pr_err("slab: kfree(%p) not at a %s object start\n", p, c->name);
		return;
	}

	spin_lock_irqsave(&c->lock, flags);
	for (f = page->freelist; f; f = *(void **)f) {
		if (f == obj) {
			slab_errors.double_free++;
			pr_err("slab: double free of %s object %p\n", c->name, p);
			spin_unlock_irqrestore(&c->lock, flags);
			return;
		}
	}
	poison_object(c, obj);
	*(void **)obj = page->freelist;
	if (!page->freelist)
		list_add(&page->lru, &c->partial);
	page->freelist = obj;
	page->inuse--;
	/* An empty slab goes back, unless it is the cache's only one. */
	if (!page->inuse && c->nr_slabs > 1) {
		list_del(&page->lru);
		c->nr_slabs--;
		page->flags &= ~PG_slab;
		__free_pages(page, 0);
	}
	spin_unlock_irqrestore(&c->lock, flags);
}

void __init kmalloc_init(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kmalloc_caches); i++)
		INIT_LIST_HEAD(&kmalloc_caches[i].partial);
}
