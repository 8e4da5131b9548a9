/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmalloc: objects up to KMALLOC_MAX_CACHE_SIZE come from size-class
 * caches of one-page slabs; larger ones are whole pages.  Power-of-two
 * sizes are naturally aligned; every object is at least 8-byte aligned.
 * With CONFIG_SLAB_POISON freed objects are filled with POISON_FREE and
 * checked when handed out again.
 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/types.h>

#define KMALLOC_MIN_ALIGN	8
#define KMALLOC_MAX_CACHE_SIZE	2048
#define POISON_FREE		0x6b

/* kmalloc(0) returns this: not NULL, never dereferenceable. */
#define ZERO_SIZE_PTR		((void *)16)
#define ZERO_OR_NULL_PTR(x)	((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

void *kmalloc(size_t size);
void *kzalloc(size_t size);
void kfree(const void *p);
/* Usable size of an object kmalloc returned. */
size_t ksize(const void *p);
void kmalloc_init(void);

/* Corruption the allocator noticed since boot (tests read these). */
struct slab_errors {
	unsigned long poison;		/* write after free */
	unsigned long double_free;
	unsigned long bad_free;		/* not an object start */
};
extern struct slab_errors slab_errors;

#endif
