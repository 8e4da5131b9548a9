// SPDX-License-Identifier: GPL-2.0
/*
 * Foreign mappings for a PV dom0: entries naming another domain's
 * machine frames, written by MMU_NORMAL_PT_UPDATE with that domain as
 * the hypercall's foreigndom, so Xen takes a reference on each frame for
 * as long as the entry exists (Linux's privcmd does the same for xl).
 *
 * Addresses come from one window of the vmap area reserved at first use
 * and handed out first-fit from a bitmap, so a guest built and destroyed
 * again and again reuses the same addresses.  The window's page tables
 * are ordinary kernel ones; the leaves are written and cleared here
 * only, by slot: a foreign frame has no pfn of ours, so pte_val() and
 * everything built on it (unmap_kernel_range) see them as not present.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <asm/bitops.h>
#include <asm/io.h>
#include <asm/pgtable.h>
#include <asm/setup.h>
#include <asm/smp.h>
#include <asm/tlbflush.h>
#include <asm/xen/hypercall.h>
#include <xen/foreign.h>
#include "xen-ops.h"

#define WINDOW_PAGES	32768		/* 128 MiB: a guest's bootstrap and then some */
#define BATCH		64

static unsigned long window;
static unsigned long used[WINDOW_PAGES / BITS_PER_LONG];
static DEFINE_SPINLOCK(window_lock);

static bool page_used(unsigned int i)
{
	return used[i / BITS_PER_LONG] & (1UL << (i % BITS_PER_LONG));
}

static void mark(unsigned int first, unsigned int n, bool on)
{
	unsigned int i;

	for (i = first; i < first + n; i++) {
		if (on)
			used[i / BITS_PER_LONG] |= 1UL << (i % BITS_PER_LONG);
		else
			used[i / BITS_PER_LONG] &= ~(1UL << (i % BITS_PER_LONG));
	}
}

/* First fit of @n pages: the page index, or -ENOMEM. */
static int window_get(unsigned int n)
{
	unsigned long flags;
	unsigned int i, run = 0;
	int got = -ENOMEM;

	spin_lock_irqsave(&window_lock, flags);
	if (!window)
		window = vmap_reserve((size_t)WINDOW_PAGES * PAGE_SIZE);
	for (i = 0; window && i < WINDOW_PAGES; i++) {
		run = page_used(i) ? 0 : run + 1;
		if (run == n) {
			got = i + 1 - n;
			mark(got, n, true);
			break;
		}
	}
	spin_unlock_irqrestore(&window_lock, flags);
	return got;
}

static void window_put(unsigned int first, unsigned int n)
{
	unsigned long flags;

	spin_lock_irqsave(&window_lock, flags);
	mark(first, n, false);
	spin_unlock_irqrestore(&window_lock, flags);
}

/*
 * Clear @n entries from @va with Xen (the slots, not pte_val(), which
 * reads a foreign frame as not present); a clear entry drops Xen's
 * reference on the frame.  Then no CPU may keep the translation.
 */
static void clear_entries(unsigned long va, unsigned int n)
{
	struct mmu_update req[BATCH];
	unsigned int i = 0, k = 0;

	arch_flush_lazy_mmu_mode();
	for (i = 0; i < n; i++) {
		pte_t *p = kernel_pte_slot(va + ((unsigned long)i << PAGE_SHIFT));

		if (!p || !(p->pte & _PAGE_PRESENT))
			continue;
		req[k].ptr = virt_to_machine(p) | MMU_NORMAL_PT_UPDATE;
		req[k].val = 0;
		if (++k == BATCH || i == n - 1) {
			long rc = HYPERVISOR_mmu_update(req, k, NULL, DOMID_SELF);

			if (rc)
				pr_err("foreign unmap at %#lx: %s\n", va, xen_errname(rc));
			k = 0;
		}
	}
	if (k) {
		long rc = HYPERVISOR_mmu_update(req, k, NULL, DOMID_SELF);

		if (rc)
			pr_err("foreign unmap at %#lx: %s\n", va, xen_errname(rc));
	}
	flush_tlb_kernel_range(va, va + ((unsigned long)n << PAGE_SHIFT));
}

void xen_unmap_foreign(void *va, unsigned int n)
{
	unsigned long start = (unsigned long)va;

	if (!n)
		return;
	if (start < window || start + (unsigned long)n * PAGE_SIZE > window +
	    (unsigned long)WINDOW_PAGES * PAGE_SIZE) {
		pr_err("foreign unmap of %u pages at %#lx: not in the window\n", n, start);
		return;
	}
	clear_entries(start, n);
	window_put((start - window) >> PAGE_SHIFT, n);
}

void *xen_map_foreign(domid_t dom, const xen_pfn_t *mfns, unsigned int n, bool writable,
		      int *err)
{
	u64 prot = _PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_NX | (writable ? _PAGE_RW | _PAGE_DIRTY : 0);
	struct mmu_update req[BATCH];
	unsigned long va;
	unsigned int i = 0;
	int first;

	*err = 0;
	if (!n || n > WINDOW_PAGES) {
		*err = -EINVAL;
		return NULL;
	}
	first = window_get(n);
	if (first < 0) {
		pr_err("foreign map of %u pages of d%u: no room in the window\n", n, dom);
		*err = -ENOMEM;
		return NULL;
	}
	va = window + ((unsigned long)first << PAGE_SHIFT);
	/* Our own queued entry updates first: the leaf tables may be new. */
	arch_flush_lazy_mmu_mode();
	while (i < n) {
		unsigned int k, count = min(n - i, (unsigned int)BATCH);
		unsigned int done = 0;
		long rc;

		for (k = 0; k < count; k++) {
			unsigned long a = va + ((unsigned long)(i + k) << PAGE_SHIFT);
			pte_t *p = kernel_pte_slot_alloc(a, err);

			if (!p)
				goto fail;
			req[k].ptr = virt_to_machine(p) | MMU_NORMAL_PT_UPDATE;
			req[k].val = ((u64)mfns[i + k] << PAGE_SHIFT) | prot;
		}
		arch_flush_lazy_mmu_mode();
		rc = HYPERVISOR_mmu_update(req, count, &done, dom);
		if (rc) {
			pr_err("foreign map of d%u frame %#llx: %s\n", dom,
			       (unsigned long long)mfns[i + done], xen_errname(rc));
			*err = rc;
			goto fail;
		}
		i += count;
	}
	return (void *)va;
fail:
	if (!*err)
		*err = -ENOMEM;
	clear_entries(va, n);		/* skips what is not mapped */
	window_put(first, n);
	return NULL;
}

unsigned long xen_foreign_slots_get(unsigned int n)
{
	unsigned long va;
	unsigned int i;
	int first, err;

	if (!n || n > WINDOW_PAGES)
		return 0;
	first = window_get(n);
	if (first < 0)
		return 0;
	va = window + ((unsigned long)first << PAGE_SHIFT);
	for (i = 0; i < n; i++)
		if (!kernel_pte_slot_alloc(va + ((unsigned long)i << PAGE_SHIFT), &err)) {
			window_put(first, n);
			return 0;
		}
	return va;
}

void xen_foreign_slots_put(unsigned long va, unsigned int n)
{
	if (va >= window && va + ((unsigned long)n << PAGE_SHIFT) <=
	    window + ((unsigned long)WINDOW_PAGES << PAGE_SHIFT))
		window_put((va - window) >> PAGE_SHIFT, n);
}
