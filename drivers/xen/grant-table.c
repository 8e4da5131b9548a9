// SPDX-License-Identifier: GPL-2.0
/*
 * Grant tables, v1: the table of entries through which we let another
 * domain map or copy one of our frames, and the calls a backend uses to
 * map or copy a frame another domain granted.
 *
 * The table is Xen's memory, mapped in one virtual range reserved for the
 * most frames Xen allows (GNTTABOP_query_size); it starts with 4 and
 * grows on demand.  A PV guest gets the frames' machine addresses from
 * GNTTABOP_setup_table.  Under HAP (PVH) a guest names frames by gfn, so
 * it asks Xen to put frame i at a gfn of its choosing
 * (XENMEM_add_to_physmap, XENMAPSPACE_grant_table, idx i) and maps that
 * gfn.  The gfns must be free, backed by nothing, or Xen would drop the
 * RAM page there: they are the highest free run below the CPU's physical
 * address limit, above 4 GiB and clear of every e820 range (RAM,
 * reserved, ACPI), where nothing of the guest's lives and the page
 * allocator never looks (hap_free_gfn()).  Frames take
 * hap_gfn_base + i; after them come MAP_SLOTS gfns where a grant of a
 * peer is mapped by gnttab_map_one() (under HAP host_addr is a guest
 * physical address; the kernel then maps that gfn at the caller's va).
 * A HAP domain must not map a grant of its own: Xen then takes the
 * frame out of the granting gfn (p2m_add_page() removes any other gfn of
 * a frame the domain owns), and that RAM page stays unbacked after the
 * unmap.
 * Entries 0-7 are the toolstack's (console, xenstore): never handed out.
 *
 * An entry is granted by writing frame and domid, then the flags, in
 * that order (the peer's Xen reads flags first).  It is revoked by
 * clearing the flags with a compare-and-swap that fails while Xen has
 * GTF_reading or GTF_writing set there, i.e. while the peer maps it: then
 * nothing changes, and gnttab_end_foreign_access() keeps the reference
 * and the page on a deferred list, never reusing either, retried by
 * gnttab_reap() (also at every new grant: there are no threads).  A
 * reference is in one state only (free, granted, deferred) and a call
 * on a reference in the wrong one is refused and said, so a caller's
 * double end cannot free it twice.  The lists, the states and the map
 * slots change under gnttab_lock with interrupts off, so any CPU, and
 * event handlers, may grant and end.
 */
#define pr_fmt(fmt) "xen: grant: " fmt

#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/irqflags.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/io.h>
#include <asm/pgtable.h>
#include <asm/setup.h>
#include <asm/processor.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include <xen/grant_table.h>
#include <xen/interface/memory.h>

#define ENTRIES_PER_FRAME	(PAGE_SIZE / sizeof(struct grant_entry_v1))
#define INITIAL_FRAMES		4
#define LIST_END		(~0U)

enum { REF_RESERVED, REF_FREE, REF_GRANTED, REF_DEFERRED };

struct deferred_end {
	struct list_head list;
	grant_ref_t ref;
	struct page *page;
};

static struct grant_entry_v1 *table;	/* max_frames' worth of virtual space */
static unsigned int nr_frames, max_frames;
static u32 *next_free;			/* free-list links, one per entry */
static u8 *state;
static grant_ref_t free_head = LIST_END;
static unsigned int nr_free, nr_deferred;
static LIST_HEAD(deferred);
/* Free list, states, deferred list, growth, map slots: one lock. */
static DEFINE_SPINLOCK(gnttab_lock);
static xen_pfn_t *frame_list;

/* Under HAP: the first free gfn (frames, then map slots), 0 under PV. */
static unsigned long hap_gfn_base;
#define MAP_SLOTS		16
static unsigned long slot_va[MAP_SLOTS];	/* 0: free */

static unsigned int nr_entries(void)
{
	return nr_frames * ENTRIES_PER_FRAME;
}

static void put_free(grant_ref_t ref)
{
	state[ref] = REF_FREE;
	next_free[ref] = free_head;
	free_head = ref;
	nr_free++;
}

/* Frames [nr_frames, n) at their gfns (HAP): how many there are now. */
static unsigned int hap_map_frames(unsigned int n)
{
	struct xen_add_to_physmap xatp = { .domid = DOMID_SELF, .space = XENMAPSPACE_grant_table };
	unsigned long va, gfn;
	unsigned int i;
	long rc;

	for (i = nr_frames; i < n; i++) {
		gfn = hap_gfn_base + i;
		xatp.idx = i;
		xatp.gpfn = gfn;
		rc = HYPERVISOR_memory_op(XENMEM_add_to_physmap, &xatp);
		if (rc) {
			pr_err("XENMEM_add_to_physmap(grant frame %u at gfn %#lx): %s\n", i, gfn,
			       xen_errname(rc));
			return i;
		}
		va = (unsigned long)table + i * PAGE_SIZE;
		if (map_kernel_range(va, PFN_PHYS(gfn), PAGE_SIZE, PAGE_KERNEL)) {
			pr_err("cannot map frame %u (gfn %#lx)\n", i, gfn);
			return i;
		}
	}
	return n;
}

/* Frames [nr_frames, n) from Xen, mapped, their entries made free. */
static int grow_to(unsigned int n)
{
	struct gnttab_setup_table st = { .dom = DOMID_SELF, .nr_frames = n };
	unsigned int i, first = nr_entries();
	unsigned long va;
	long rc;
	int err;

	if (hap_gfn_base) {
		n = hap_map_frames(n);
		goto made;
	}
	set_xen_guest_handle(st.frame_list, frame_list);
	rc = HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &st, 1);
	if (rc || st.status != GNTST_okay) {
		pr_err("GNTTABOP_setup_table(%u frames): %s, status %d\n", n,
		       rc ? xen_errname(rc) : "done", st.status);
		return -EIO;
	}
	for (i = nr_frames; i < n; i++) {
		va = (unsigned long)table + i * PAGE_SIZE;
		/* A machine frame of Xen's: the entry as is, not through make_pte. */
		err = map_kernel_pte_raw(va, (pte_t){ .pte = ((u64)frame_list[i] << PAGE_SHIFT) |
							  (PAGE_KERNEL & __supported_pte_mask) });
		if (err) {
			pr_err("cannot map frame %u (mfn %#llx): %d\n", i,
			       (unsigned long long)frame_list[i], err);
			n = i;
			break;
		}
	}
made:
	nr_frames = n;
	/* Handed out low first: the free list pops its head. */
	for (i = nr_entries(); i-- > max(first, (unsigned int)GNTTAB_NR_RESERVED_ENTRIES);)
		put_free(i);
	return nr_frames > first / ENTRIES_PER_FRAME ? 0 : -EIO;
}

static int get_free(void)
{
	grant_ref_t ref;

	if (free_head == LIST_END && (nr_frames == max_frames ||
				      grow_to(min(nr_frames * 2, max_frames))))
		return -ENOSPC;
	ref = free_head;
	free_head = next_free[ref];
	nr_free--;
	state[ref] = REF_GRANTED;
	return ref;
}

int gnttab_grant_foreign_access(domid_t domid, unsigned long gfn, bool readonly)
{
	struct grant_entry_v1 *e;
	unsigned long flags;
	int ref;

	if (!table)
		return -ENODEV;
	if (gfn != (u32)gfn)
		return -E2BIG;		/* v1 entries hold 32-bit frames */
	if (!list_empty(&deferred))
		gnttab_reap();
	spin_lock_irqsave(&gnttab_lock, flags);
	ref = get_free();
	spin_unlock_irqrestore(&gnttab_lock, flags);
	if (ref < 0)
		return ref;
	e = &table[ref];
	WRITE_ONCE(e->frame, gfn);
	WRITE_ONCE(e->domid, domid);
	/* x86 keeps stores in order; the compiler must too. */
	barrier();
	WRITE_ONCE(e->flags, GTF_permit_access | (readonly ? GTF_readonly : 0));
	return ref;
}

static bool ref_is(grant_ref_t ref, u8 want, const char *caller)
{
	if (table && ref < nr_entries() && state[ref] == want)
		return true;
	pr_err("%s: reference %u is not a granted one of ours\n", caller, ref);
	return false;
}

/* Clear the flags unless Xen says the peer reads or writes the frame. */
static int revoke(grant_ref_t ref)
{
	u16 *flags = &table[ref].flags, old = READ_ONCE(*flags), seen;

	for (;;) {
		if (old & (GTF_reading | GTF_writing))
			return -EBUSY;
		seen = __sync_val_compare_and_swap(flags, old, 0);
		if (seen == old)
			return 0;
		old = seen;
	}
}

int gnttab_end_foreign_access_ref(grant_ref_t ref)
{
	unsigned long flags;
	int err = -EINVAL;

	spin_lock_irqsave(&gnttab_lock, flags);
	if (ref_is(ref, REF_GRANTED, __func__)) {
		err = revoke(ref);
		if (!err)
			put_free(ref);
	}
	spin_unlock_irqrestore(&gnttab_lock, flags);
	return err;
}

void gnttab_end_foreign_access(grant_ref_t ref, struct page *page)
{
	struct deferred_end *d = kmalloc(sizeof(*d));
	unsigned long flags;

	spin_lock_irqsave(&gnttab_lock, flags);
	if (!ref_is(ref, REF_GRANTED, __func__))
		goto out;
	if (!revoke(ref)) {
		put_free(ref);
		if (page)
			__free_pages(page, 0);
		goto out;
	}
	state[ref] = REF_DEFERRED;
	nr_deferred++;
	if (!d) {
		/* Never reused: leaked rather than handed out while mapped. */
		pr_err("reference %u still mapped and no memory to remember it: leaked\n", ref);
		goto out;
	}
	d->ref = ref;
	d->page = page;
	list_add_tail(&d->list, &deferred);
	d = NULL;
out:
	spin_unlock_irqrestore(&gnttab_lock, flags);
	kfree(d);
}

unsigned int gnttab_reap(void)
{
	struct deferred_end *d, *tmp;
	unsigned long flags;
	unsigned int left;

	spin_lock_irqsave(&gnttab_lock, flags);
	list_for_each_entry_safe(d, tmp, &deferred, list) {
		if (revoke(d->ref))
			continue;
		put_free(d->ref);
		nr_deferred--;
		if (d->page)
			__free_pages(d->page, 0);
		list_del(&d->list);
		kfree(d);
	}
	left = nr_deferred;
	spin_unlock_irqrestore(&gnttab_lock, flags);
	return left;
}

bool gnttab_in_use(grant_ref_t ref)
{
	return table && ref < nr_entries() &&
	       (READ_ONCE(table[ref].flags) & (GTF_reading | GTF_writing));
}

u16 gnttab_entry_flags(grant_ref_t ref)
{
	return table && ref < nr_entries() ? READ_ONCE(table[ref].flags) : 0;
}

bool gnttab_read_entry(grant_ref_t ref, struct grant_entry_v1 *out)
{
	const struct grant_entry_v1 *e;

	if (!table || ref >= nr_entries())
		return false;
	e = &table[ref];
	out->flags = READ_ONCE(e->flags);
	out->domid = READ_ONCE(e->domid);
	out->frame = READ_ONCE(e->frame);
	return true;
}

void gnttab_get_stats(struct gnttab_stats *st)
{
	*st = (struct gnttab_stats){
		.free = nr_free,
		.total = nr_entries(),
		.deferred = nr_deferred,
		.frames = nr_frames,
		.max_frames = max_frames,
	};
}

bool gnttab_ready(void)
{
	return table;
}

/* --- the backend side ----------------------------------------------------- */

/* HAP: a free map slot's index, taken for @va, or -ENOSPC. */
static int slot_get(unsigned long va)
{
	unsigned long flags;
	int i, got = -ENOSPC;

	spin_lock_irqsave(&gnttab_lock, flags);
	for (i = 0; i < MAP_SLOTS && got < 0; i++)
		if (!slot_va[i]) {
			slot_va[i] = va;
			got = i;
		}
	spin_unlock_irqrestore(&gnttab_lock, flags);
	return got;
}

static int slot_of(unsigned long va)
{
	int i;

	for (i = 0; i < MAP_SLOTS; i++)
		if (slot_va[i] == va)
			return i;
	return -ENOENT;
}

static unsigned long slot_gfn(int slot)
{
	return hap_gfn_base + max_frames + slot;
}

int gnttab_map_one(domid_t dom, grant_ref_t ref, unsigned long va, bool readonly,
		   grant_handle_t *handle, s16 *status)
{
	struct gnttab_map_grant_ref op = {
		.host_addr = va,
		.flags = GNTMAP_host_map | (readonly ? GNTMAP_readonly : 0),
		.ref = ref,
		.dom = dom,
	};
	int slot = -1;
	long rc;

	if (hap_gfn_base) {
		/* Xen puts the frame at a gfn of ours; we map the gfn at @va. */
		slot = slot_get(va);
		if (slot < 0) {
			pr_err("map of reference %u: all %u map slots in use\n", ref, MAP_SLOTS);
			if (status)
				*status = GNTST_no_space;
			return -ENOSPC;
		}
		op.host_addr = PFN_PHYS(slot_gfn(slot));
	}

	/* Queued entry updates first: Xen writes this very slot. */
	arch_flush_lazy_mmu_mode();
	rc = HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, &op, 1);
	if (status)
		*status = rc ? GNTST_general_error : op.status;
	if (rc)
		pr_err("GNTTABOP_map_grant_ref: %s\n", xen_errname(rc));
	if (rc || op.status != GNTST_okay)
		goto fail;
	*handle = op.handle;
	if (slot >= 0 && map_kernel_range(va, op.host_addr, PAGE_SIZE,
					  readonly ? PAGE_KERNEL_RO : PAGE_KERNEL)) {
		pr_err("reference %u mapped at gfn %#lx, but not at %#lx\n", ref,
		       slot_gfn(slot), va);
		gnttab_unmap_one(va, op.handle);
		return -ENOMEM;
	}
	return 0;
fail:
	if (slot >= 0)
		WRITE_ONCE(slot_va[slot], 0);
	return -EIO;
}

int gnttab_unmap_one(unsigned long va, grant_handle_t handle)
{
	struct gnttab_unmap_grant_ref op = { .host_addr = va, .handle = handle };
	int slot = -1;
	long rc;

	if (hap_gfn_base) {
		slot = slot_of(va);
		if (slot < 0) {
			pr_err("unmap at %#lx: no grant mapped there\n", va);
			return -EINVAL;
		}
		/* Our entry goes first: nothing reaches the gfn once Xen empties it. */
		unmap_kernel_range(va, PAGE_SIZE);
		op.host_addr = PFN_PHYS(slot_gfn(slot));
	}
	arch_flush_lazy_mmu_mode();
	rc = HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, &op, 1);

	if (rc || op.status != GNTST_okay) {
		pr_err("GNTTABOP_unmap_grant_ref at %#lx: %s, status %d\n", va,
		       rc ? xen_errname(rc) : "done", op.status);
		/* The slot stays taken: its gfn may still hold the frame. */
		return -EIO;
	}
	if (slot >= 0)
		WRITE_ONCE(slot_va[slot], 0);
	else
		flush_tlb_one_kernel(va);
	return 0;
}

int gnttab_copy(struct gnttab_copy *ops, unsigned int n)
{
	long rc = HYPERVISOR_grant_table_op(GNTTABOP_copy, ops, n);
	unsigned int i;

	if (rc) {
		pr_err("GNTTABOP_copy: %s\n", xen_errname(rc));
		return -EIO;
	}
	for (i = 0; i < n; i++)
		if (ops[i].status != GNTST_okay)
			return -EIO;
	return 0;
}

/* --- set-up ---------------------------------------------------------------- */

static void *zalloc(size_t size)
{
	return get_zeroed_pages(get_order(size));
}

/* Under HAP: the first 1 GiB boundary above 4 GiB and every e820 range. */
/*
 * The highest 1 GiB-aligned run of @pages gfns at or above 4 GiB that no
 * e820 range touches and the CPU can address (MAXPHYADDR): the top of
 * the physical space, farthest from RAM and from where firmware puts
 * 64-bit BARs (bottom-up from 4 GiB).  A dom0's map runs to the CPU's
 * limit in places (AMD's reserved HyperTransport range below 1 TiB):
 * such a range only lowers the ceiling.  0 if there is no such run.
 */
static unsigned long __init hap_free_gfn(unsigned long pages)
{
	u64 limit = 1ULL << (boot_cpu.phys_bits ? boot_cpu.phys_bits : 36);
	u64 len = ALIGN((u64)pages << PAGE_SHIFT, 1ULL << 30), top = limit;
	bool moved = true;
	unsigned int i;

	/* Lower the candidate below every range it overlaps, until none. */
	while (moved && top >= (4ULL << 30) + len) {
		moved = false;
		for (i = 0; i < e820_table.nr_entries; i++) {
			const struct e820_entry *e = &e820_table.entries[i];

			if (e->addr < top && e->addr + e->size > top - len) {
				top = ALIGN_DOWN(e->addr, 1ULL << 30);
				moved = true;
			}
		}
	}
	return top >= (4ULL << 30) + len ? PFN_DOWN(top - len) : 0;
}

int __init gnttab_init(void)
{
	struct gnttab_query_size q = { .dom = DOMID_SELF };
	unsigned int entries;
	long rc;

	if (!xen_pv_domain() && !xen_hvm_domain())
		return -ENODEV;
	rc = HYPERVISOR_grant_table_op(GNTTABOP_query_size, &q, 1);
	if (rc || q.status != GNTST_okay || !q.max_nr_frames) {
		pr_err("GNTTABOP_query_size: %s, status %d, %u frames at most: no grant table\n",
		       rc ? xen_errname(rc) : "done", q.status, q.max_nr_frames);
		return -EIO;
	}
	max_frames = q.max_nr_frames;
	entries = max_frames * ENTRIES_PER_FRAME;
	table = (struct grant_entry_v1 *)vmap_reserve(max_frames * PAGE_SIZE);
	next_free = zalloc(entries * sizeof(*next_free));
	state = zalloc(entries);
	frame_list = zalloc(max_frames * sizeof(*frame_list));
	if (!table || !next_free || !state || !frame_list) {
		pr_err("no memory for a table of %u frames\n", max_frames);
		table = NULL;
		return -ENOMEM;
	}
	if (xen_hvm_domain()) {
		hap_gfn_base = hap_free_gfn(max_frames + MAP_SLOTS);
		if (!hap_gfn_base) {
			pr_err("no free gfns for %u frames below the %u-bit physical limit\n",
			       max_frames, boot_cpu.phys_bits);
			table = NULL;
			return -ENOSPC;
		}
	}
	if (grow_to(min(max(q.nr_frames, (u32)INITIAL_FRAMES), max_frames))) {
		table = NULL;
		return -EIO;
	}
	if (hap_gfn_base)
		pr_info("v1 table: %u of at most %u frames at gfn %#lx (XENMAPSPACE_grant_table), "
			"%u references free\n", nr_frames, max_frames, hap_gfn_base, nr_free);
	else
		pr_info("v1 table: %u of at most %u frames, %u references free\n", nr_frames,
			max_frames, nr_free);
	return 0;
}
