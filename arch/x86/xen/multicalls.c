// SPDX-License-Identifier: GPL-2.0
/*
 * Lazy MMU mode: between arch_enter_lazy_mmu_mode() and its leave, entry
 * writes and local TLB flushes are queued here instead of trapping one by
 * one.  A flush sends the queue in one trap: mmu_update alone, mmuext_op
 * alone, or both as one multicall (updates first: a flush after an update
 * it did not need to follow is harmless; the other order is not).
 *
 * Only the ops that commute with that reordering are queued: PTE writes
 * and local TLB flushes.  Pins, base-pointer loads and everything else go
 * straight to Xen after a flush (mmu_pv.c).
 */
#define pr_fmt(fmt) "xen: " fmt

#include <linux/kernel.h>
#include <asm/xen/hypercall.h>
#include "xen-ops.h"

#define XEN_MMUEXT_BATCH	32

bool xen_lazy_mmu;
struct xen_mmu_stats xen_mmu_stats;

static struct mmu_update mmu_queue[XEN_MMU_BATCH];
static struct mmuext_op ext_queue[XEN_MMUEXT_BATCH];
static unsigned int nr_mmu, nr_ext;

static void report(const char *what, long err, unsigned int done, unsigned int n)
{
	/* A refused entry is a bug in the caller: say which, keep going. */
	pr_err("%s: %s after %u of %u entries\n", what, xen_errname(err), done, n);
	xen_mmu_stats.errors++;
}

void xen_flush_batch(void)
{
	struct multicall_entry mc[2];
	unsigned int done_mmu = 0, done_ext = 0, n = 0;
	long err;

	if (!nr_mmu && !nr_ext)
		return;
	xen_mmu_stats.flushes++;
	if (nr_mmu && nr_ext) {
		mc[n++] = (struct multicall_entry){
			.op = __HYPERVISOR_mmu_update,
			.args = { (unsigned long)mmu_queue, nr_mmu,
				  (unsigned long)&done_mmu, DOMID_SELF },
		};
		mc[n++] = (struct multicall_entry){
			.op = __HYPERVISOR_mmuext_op,
			.args = { (unsigned long)ext_queue, nr_ext,
				  (unsigned long)&done_ext, DOMID_SELF },
		};
		err = HYPERVISOR_multicall(mc, n);
		if (err)
			panic("xen: multicall of %u: %s", n, xen_errname(err));
		if ((long)mc[0].result)
			report("mmu_update", mc[0].result, done_mmu, nr_mmu);
		if ((long)mc[1].result)
			report("mmuext_op", mc[1].result, done_ext, nr_ext);
	} else if (nr_mmu) {
		err = HYPERVISOR_mmu_update(mmu_queue, nr_mmu, &done_mmu, DOMID_SELF);
		if (err)
			report("mmu_update", err, done_mmu, nr_mmu);
	} else {
		err = HYPERVISOR_mmuext_op(ext_queue, nr_ext, &done_ext, DOMID_SELF);
		if (err)
			report("mmuext_op", err, done_ext, nr_ext);
	}
	nr_mmu = nr_ext = 0;
}

void xen_queue_mmu_update(u64 ptr, u64 val)
{
	if (nr_mmu == XEN_MMU_BATCH)
		xen_flush_batch();
	mmu_queue[nr_mmu].ptr = ptr;
	mmu_queue[nr_mmu].val = val;
	nr_mmu++;
	xen_mmu_stats.queued++;
}

void xen_queue_mmuext(const struct mmuext_op *op)
{
	if (nr_ext == XEN_MMUEXT_BATCH)
		xen_flush_batch();
	ext_queue[nr_ext++] = *op;
	xen_mmu_stats.queued++;
}
