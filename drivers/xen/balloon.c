// SPDX-License-Identifier: GPL-2.0
/*
 * The balloon: memory a PV or PVH domain gives back to Xen and takes
 * again, so that what it holds is the toolstack's memory/target (`xl
 * mem-set`).
 *
 * Going down, a page is taken from the page allocator, scrubbed (Xen does
 * not clear a freed frame before another domain gets it), unmapped from
 * the direct map and its P2M entry cleared, then a batch of frames goes
 * back with XENMEM_decrease_reservation: Xen's count of our pages, which
 * `xl list` shows, drops by as many.  Going up, pfns in the balloon are
 * populated with XENMEM_populate_physmap: Xen picks the frames, writes
 * them into the array and points its M2P at the pfns given; the P2M and
 * the direct map follow and the pages go to the allocator.  A domU's
 * extra pfns (maxmem above memory, asm/xen/page.h) start in the balloon,
 * so the domain can grow to maxmem; pfns it gave away are filled first.
 *
 * Under PVH (HAP) a frame is named by its gfn, our pfn, in both calls,
 * and the P2M is Xen's own.  The direct map stays as it is (large pages
 * there): a page in the balloon is simply never touched, as Linux does
 * under HVM.  Xen counts pages the guest does not see as RAM (libxl's
 * special pages, the ACPI tables), so a PVH target is taken relative to
 * the one at boot: what we held then, minus what memory/target said.
 *
 * Limits, each said when hit, leaving the domain where it got to: at
 * least XEN_BALLOON_KEEP_FREE pages stay free, so the kernel goes on;
 * there are only so many pfns; Xen's ceiling (max_pages, which libxl
 * sets to the target + 1 MiB) is read before each populate and never
 * asked past.  There are no threads:
 * the memory/target watch runs when xenbus hands out its events
 * (xenbus_xs.c) and does the whole adjustment then; one adjustment runs
 * at a time, and a target set meanwhile is taken up by it.
 */
#define pr_fmt(fmt) "xen: balloon: " fmt

#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <asm/pgtable.h>
#include <asm/smp.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include <asm/xen/page.h>
#include <xen/balloon.h>
#include <xen/xenbus.h>
#include <xen/interface/memory.h>

#define BALLOON_BATCH	256

struct xen_balloon_stats xen_balloon;
/* Pages without a frame, linked by lru; the next to fill at the head. */
static LIST_HEAD(ballooned);
static bool balloon_ready;
static struct page *batch[BALLOON_BATCH];
static xen_pfn_t frames[BALLOON_BATCH];
/* PVH: Xen's count minus memory/target's at boot (pages it has, we don't). */
static long target_offset;

/* The frame Xen knows @pfn by: its mfn under PV, itself (a gfn) under HAP. */
static unsigned long frame_of(unsigned long pfn)
{
	return xen_pv_domain() ? pfn_to_mfn(pfn) : pfn;
}

static void set_p2m(unsigned long pfn, unsigned long mfn)
{
	if (xen_pv_domain())
		xen_set_phys_to_machine(pfn, mfn);
}

static long reservation(unsigned int cmd, unsigned int n)
{
	struct xen_memory_reservation r = {
		.nr_extents = n,
		.extent_order = 0,
		.domid = DOMID_SELF,
	};

	set_xen_guest_handle(r.extent_start, frames);
	return HYPERVISOR_memory_op(cmd, &r);
}

/* The direct-map entry of @p: to its frame (the P2M's), or none. */
static int direct_map(struct page *p, bool present)
{
	unsigned long va = (unsigned long)page_address(p);
	u64 v = present ? PFN_PHYS(page_to_pfn(p)) | (PAGE_KERNEL & __supported_pte_mask) : 0;
	int err = set_kernel_pte(va, __pte(v));

	if (!err)
		flush_tlb_one_kernel(va);
	return err;
}

/* A page Xen did not take after all: ours again. */
static void keep(struct page *p, unsigned long mfn)
{
	set_p2m(page_to_pfn(p), mfn);
	if (xen_pv_domain() && direct_map(p, true)) {
		/* Its table was there a moment ago: never expected. */
		pr_err("pfn %#lx: cannot map it again: page lost\n", page_to_pfn(p));
		return;
	}
	__free_pages(p, 0);
}

/* Up to @n pages back to Xen: how many went, or -errno if none. */
static long balloon_out(unsigned long n)
{
	unsigned long lo = ~0UL, hi = 0;
	unsigned int got = 0, i;
	long done;

	n = min(n, (unsigned long)BALLOON_BATCH);
	while (got < n && nr_free_pages() > XEN_BALLOON_KEEP_FREE) {
		struct page *p = alloc_pages(0);

		if (!p)
			break;
		memset(page_address(p), 0, PAGE_SIZE);
		batch[got++] = p;
	}
	if (!got)
		return -ENOMEM;
	arch_enter_lazy_mmu_mode();
	for (i = 0; i < got; i++) {
		unsigned long va = (unsigned long)page_address(batch[i]);

		lo = min(lo, va);
		hi = max(hi, va);
		frames[i] = frame_of(page_to_pfn(batch[i]));
		if (xen_pv_domain() && direct_map(batch[i], false))
			break;
		set_p2m(page_to_pfn(batch[i]), XEN_INVALID_MFN);
	}
	arch_leave_lazy_mmu_mode();
	if (i < got) {
		pr_err("pfn %#lx: no direct-map entry to clear\n", page_to_pfn(batch[i]));
		for (n = i; n < got; n++)
			__free_pages(batch[n], 0);
		got = i;
	}
	/*
	 * direct_map() flushed only this CPU.  Another vCPU may still hold a
	 * translation of a page about to go, and would write through it into
	 * a frame that is no longer ours: flush them all before Xen takes
	 * the frames (one call over the batch's span), as Linux does.  (Xen
	 * 4.17 under QEMU was seen to leave no such entry even without this:
	 * a vCPU spinning on one of the batch's pages faulted on it before
	 * the decrease.  That is Xen's doing, not its ABI.)
	 */
	if (xen_pv_domain() && got)
		flush_tlb_kernel_range(lo, hi + PAGE_SIZE);
	done = got ? reservation(XENMEM_decrease_reservation, got) : 0;
	if (done < 0 || done > got) {
		pr_err("XENMEM_decrease_reservation of %u frames: %s\n", got,
		       done < 0 ? xen_errname(done) : "more than asked");
		done = 0;
	} else if (done < got) {
		pr_err("XENMEM_decrease_reservation took %ld of %u frames\n", done, got);
	}
	for (i = done; i < got; i++)
		keep(batch[i], frames[i]);
	for (i = 0; i < done; i++)
		list_add(&batch[i]->lru, &ballooned);
	xen_balloon.current_pages -= done;
	xen_balloon.ballooned += done;
	return done ? done : -EIO;
}

/* Up to @n pfns filled again: how many, or -errno if none. */
static long balloon_in(unsigned long n)
{
	domid_t self = DOMID_SELF;
	struct page *p;
	unsigned int k = 0, i;
	long done, ceiling;

	/* Never more than Xen allows: asking past it is a fault Xen logs. */
	ceiling = HYPERVISOR_memory_op(XENMEM_maximum_reservation, &self);
	if (ceiling < 0)
		return -EIO;
	if ((unsigned long)ceiling <= xen_balloon.current_pages)
		return -EDQUOT;
	n = min(n, ceiling - xen_balloon.current_pages);
	n = min(n, (unsigned long)BALLOON_BATCH);
	list_for_each_entry(p, &ballooned, lru) {
		if (k == n)
			break;
		batch[k] = p;
		frames[k++] = page_to_pfn(p);
	}
	if (!k)
		return -ENOSPC;
	done = reservation(XENMEM_populate_physmap, k);
	if (done < 0 || done > k) {
		pr_err("XENMEM_populate_physmap of %u pfns: %s\n", k,
		       done < 0 ? xen_errname(done) : "more than asked");
		return -EIO;
	}
	if (!done)
		return -EDQUOT;		/* Xen's ceiling, lowered meanwhile */
	arch_enter_lazy_mmu_mode();
	for (i = 0; i < done; i++) {
		list_del(&batch[i]->lru);
		/* PV: Xen wrote the mfns it chose; HAP: the gfns stay. */
		set_p2m(page_to_pfn(batch[i]), frames[i]);
		if (xen_pv_domain() && direct_map(batch[i], true)) {
			pr_err("pfn %#lx: no direct-map entry to set: page lost\n",
			       page_to_pfn(batch[i]));
			batch[i] = NULL;
		}
	}
	arch_leave_lazy_mmu_mode();
	for (i = 0; i < done; i++)
		if (batch[i])
			__free_pages(batch[i], 0);
	xen_balloon.current_pages += done;
	xen_balloon.ballooned -= done;
	return done;
}

static const char *why(long err)
{
	switch (err) {
	case -ENOMEM:
		return "the kernel keeps 4 MiB free";
	case -EDQUOT:
		return "Xen's ceiling";
	case -ENOSPC:
		return "no pfns left to fill";
	default:
		return "Xen refused";
	}
}

/*
 * One adjustment at a time (batch[] and frames[] are shared): a caller
 * that finds one under way (the memory/target watch on another CPU, or
 * in an event handler over a test) leaves its target for that one, which
 * reads the target again after each batch and goes on to the newest.
 */
static DEFINE_SPINLOCK(balloon_lock);

int xen_balloon_set_target(unsigned long pages)
{
	unsigned long from, want;
	long r = 0;

	if (!balloon_ready)
		return -ENODEV;
	WRITE_ONCE(xen_balloon.target_pages, pages);
	if (!spin_trylock(&balloon_lock)) {
		pr_info("target %ld KiB left to the adjustment under way\n",
			((long)pages - target_offset) << (PAGE_SHIFT - 10));
		return -EBUSY;
	}
	from = xen_balloon.current_pages;
	while ((want = READ_ONCE(xen_balloon.target_pages)) != xen_balloon.current_pages) {
		if (xen_balloon.current_pages > want)
			r = balloon_out(xen_balloon.current_pages - want);
		else
			r = balloon_in(want - xen_balloon.current_pages);
		if (r < 0)
			break;
	}
	spin_unlock(&balloon_lock);
	/* The target in memory/target's terms (PVH: without Xen's extras). */
	if (xen_balloon.current_pages == want) {
		pr_info("target %ld KiB reached: %lu -> %lu pages, %lu in the balloon\n",
			((long)want - target_offset) << (PAGE_SHIFT - 10), from, want,
			xen_balloon.ballooned);
		return want == pages ? 0 : -EBUSY;
	}
	pr_notice("target %ld KiB not reached (%s): %lu -> %lu pages, %lu in the balloon\n",
		  ((long)want - target_offset) << (PAGE_SHIFT - 10), why(r), from,
		  xen_balloon.current_pages, xen_balloon.ballooned);
	return r;
}

int xen_balloon_parse_target(const char *s, unsigned long *pages)
{
	unsigned long long kib;
	const char *c;

	if (!*s)
		return -EINVAL;
	for (c = s; *c; c++)
		if (*c < '0' || *c > '9')
			return -EINVAL;
	if (kstrtoull(s, 10, &kib))
		return -ERANGE;
	if (kib > (~0UL >> (PAGE_SHIFT - 10)))
		return -ERANGE;
	*pages = kib >> (PAGE_SHIFT - 10);
	return 0;
}

unsigned int xen_balloon_list(unsigned long *pfns, unsigned int max)
{
	struct page *p;
	unsigned int n = 0;

	list_for_each_entry(p, &ballooned, lru) {
		if (n == max)
			break;
		pfns[n++] = page_to_pfn(p);
	}
	return n;
}

/* --- the toolstack's key ------------------------------------------------- */

static void target_changed(struct xenbus_watch *w, const char *path)
{
	unsigned long pages, most;
	char *val = NULL;
	int err;

	err = xenbus_read(XBT_NIL, "memory", "target", &val, NULL);
	if (err) {
		if (err != -ENOENT)
			pr_err("cannot read memory/target: %d\n", err);
		return;
	}
	err = xen_balloon_parse_target(val, &pages);
	if (err) {
		pr_err("memory/target \"%.40s\" is not a size in KiB: ignored\n", val);
		goto out;
	}
	if (target_offset < 0 && pages < (unsigned long)-target_offset) {
		pr_err("memory/target %s KiB is below what Xen counts besides our RAM: ignored\n",
		       val);
		goto out;
	}
	pages += target_offset;
	/*
	 * The watch's first firing, or no change: nothing to do if we are
	 * there.  A target not reached (a limit hit) is tried again when the
	 * toolstack writes it again; nothing retries by itself (no threads).
	 */
	if (pages == xen_balloon.target_pages && pages == xen_balloon.current_pages)
		goto out;
	most = xen_balloon.current_pages + xen_balloon.ballooned;
	if (pages > most) {
		pr_notice("memory/target %s KiB is more than our %lu pfns: aiming at those\n",
			  val, most);
		pages = most;
	}
	xen_balloon_set_target(pages);
out:
	kfree(val);
}

static struct xenbus_watch target_watch = {
	.node = "memory/target",
	.callback = target_changed,
};

/*
 * The extra pfns: reserved since boot, no frame, and an empty direct-map
 * entry in a table that exists, for balloon_in() to fill.  Read, not
 * written: no hypercall per pfn at boot.
 */
static unsigned long __init take_extra(void)
{
	unsigned long pfn, n = 0;

	for (pfn = xen_extra_start; pfn < xen_extra_start + xen_extra_pages; pfn++) {
		struct page *p = pfn_to_page(pfn);
		pte_t *slot = kernel_pte_slot((unsigned long)page_address(p));

		if (!(p->flags & PG_reserved) || pfn_to_mfn(pfn) != XEN_INVALID_MFN ||
		    !slot || (*(u64 *)slot & _PAGE_PRESENT)) {
			pr_err("extra pfn %#lx is not as boot left it (flags %#lx, %s): not used\n",
			       pfn, p->flags, slot ? "mapped" : "no table");
			continue;
		}
		p->flags &= ~PG_reserved;
		list_add_tail(&p->lru, &ballooned);
		n++;
	}
	return n;
}

/* PVH: where memory/target stands against Xen's count; nonzero: no balloon. */
static int __init hvm_target_offset(long held)
{
	unsigned long pages;
	char *val = NULL;
	int err;

	if (!xenbus_ready()) {
		pr_err("no xenstore: no memory/target to follow, no balloon\n");
		return -ENODEV;
	}
	err = xenbus_read(XBT_NIL, "memory", "target", &val, NULL);
	if (!err)
		err = xen_balloon_parse_target(val, &pages);
	if (err) {
		pr_err("memory/target unreadable (%d): no balloon\n", err);
		kfree(val);
		return err;
	}
	target_offset = held - (long)pages;
	pr_info("PVH: Xen counts %ld pages besides memory/target's %s KiB\n", target_offset, val);
	kfree(val);
	return 0;
}

void __init xen_balloon_init(void)
{
	domid_t self = DOMID_SELF;
	long held;
	int err;

	if (!xen_domain())
		return;
	held = HYPERVISOR_memory_op(XENMEM_current_reservation, &self);
	if (held <= 0) {
		pr_err("XENMEM_current_reservation: %s: no balloon\n",
		       held ? xen_errname(held) : "none");
		return;
	}
	if (xen_hvm_domain() && hvm_target_offset(held))
		return;
	xen_balloon.current_pages = held;
	xen_balloon.target_pages = held;
	xen_balloon.ballooned = xen_pv_domain() ? take_extra() : 0;
	balloon_ready = true;
	pr_info("holding %ld pages (%ld MiB), %lu more pfns to grow into\n", held,
		held >> (20 - PAGE_SHIFT), xen_balloon.ballooned);
	if (!xenbus_ready())
		return;			/* dom0 before xenstored: no target */
	err = register_xenbus_watch(&target_watch);
	if (err)
		pr_err("cannot watch memory/target: %d\n", err);
}
