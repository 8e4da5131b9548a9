// SPDX-License-Identifier: GPL-2.0
/*
 * Grant tables against Xen.  The peer is this very domain (Xen lets a
 * domain map and copy its own grants), so Xen does the peer's part for
 * real: it validates the entry, sets GTF_reading/GTF_writing while the
 * grant is mapped, refuses a write mapping of a read-only grant, copies
 * by reference.  The independent sources are the entry's flags as Xen
 * wrote them, Xen's GNTTABOP_query_size, the CPU (a store through a
 * read-only grant mapping faults) and the page contents seen through the
 * grant mapping.  A second domain as the peer comes with the PV drivers.
 *
 * Under HAP (PVH) the table's frames sit at gfns we chose
 * (XENMAPSPACE_grant_table).  Xen reading the entries we wrote there (a
 * copy by reference) and its own count of frames after growth say those
 * are its frames.  The cases that map a grant skip there: Xen moves a
 * frame the domain owns out of its other gfn when the domain maps it
 * (xen/arch/x86/mm/p2m.c, p2m_add_page), so mapping our own grant would
 * unback the granted page; they need a second domain as the peer.
 */
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/nofault.h>
#include <asm/pgtable.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include <asm/xen/page.h>
#include <xen/grant_table.h>
#include <xen/xenbus.h>

#define MAGIC	0x6772616e74000000ULL	/* "grant" */

struct peer {
	domid_t self;
	unsigned long va;		/* a slot with tables, for the mapping */
	u64 *page;			/* the granted page */
	unsigned long mfn;
};

/* How Xen names a page of ours: its machine frame under PV, its pfn under HAP. */
static unsigned long gfn_of(const void *page)
{
	unsigned long pfn = PFN_DOWN(__pa(page));

	return xen_pv_domain() ? pfn_to_mfn(pfn) : pfn;
}

static domid_t our_domid(struct ktest *t)
{
	u64 id;

	if (xen_initial_domain())
		return 0;
	if (!xenbus_ready() || xenbus_read_u64(XBT_NIL, "", "domid", &id))
		ktest_skip(t, "our domid is unknown (no xenstore)");
	return id;
}

static int grant_init(struct ktest *t)
{
	struct peer *p;
	unsigned long va;
	void *scratch;

	if (!xen_pv_domain() && !xen_hvm_domain())
		ktest_skip(t, "not a Xen domain");
	if (!gnttab_ready())
		ktest_skip(t, "no grant table (see its boot line)");
	p = kmalloc(sizeof(*p));
	scratch = get_zeroed_page();
	va = vmap_reserve(PAGE_SIZE);
	KTEST_ASSERT_TRUE(t, p && scratch && va);
	/* The slot's tables made, its entry left empty for Xen to fill. */
	KTEST_ASSERT_EQ(t, map_kernel_range(va, __pa(scratch), PAGE_SIZE, PAGE_KERNEL_RO), 0);
	unmap_kernel_range(va, PAGE_SIZE);
	free_page(scratch);
	p->self = our_domid(t);
	p->va = va;
	p->page = get_zeroed_page();
	KTEST_ASSERT_NOT_NULL(t, p->page);
	p->mfn = gfn_of(p->page);
	t->priv = p;
	return 0;
}

static void grant_exit(struct ktest *t)
{
	struct peer *p = t->priv;

	if (!p)
		return;
	memunmap((void *)p->va);
	free_page(p->page);
	kfree(p);
}

/* The cases where this very domain maps its own grant. */
static void need_self_map(struct ktest *t)
{
	if (!xen_pv_domain())
		ktest_skip(t, "HAP: Xen would unback the granted gfn when we map our own grant "
			   "(p2m_add_page); needs a second domain");
}

/* Xen's view of our table is ours: the frames it says we have. */
/*
 * Entries past the toolstack's eight that the table, as Xen reads it,
 * shows granted: the drivers' (a disk's ring, say) and any deferred.
 */
static unsigned int granted_in_table(const struct gnttab_stats *st)
{
	struct grant_entry_v1 e;
	unsigned int ref, n = 0;

	for (ref = GNTTAB_NR_RESERVED_ENTRIES; ref < st->total; ref++)
		if (gnttab_read_entry(ref, &e) && (e.flags & GTF_type_mask) != GTF_invalid)
			n++;
	return n;
}

static void grant_table_set_up(struct ktest *t)
{
	struct gnttab_query_size q = { .dom = DOMID_SELF };
	struct gnttab_stats st;

	gnttab_get_stats(&st);
	KTEST_ASSERT_EQ(t, HYPERVISOR_grant_table_op(GNTTABOP_query_size, &q, 1), 0);
	KTEST_ASSERT_EQ(t, q.status, GNTST_okay);
	ktest_info(t, "%u of %u frames, %u references free, %u deferred", st.frames,
		   st.max_frames, st.free, st.deferred);
	KTEST_EXPECT_EQ(t, q.nr_frames, st.frames);
	KTEST_EXPECT_EQ(t, q.max_nr_frames, st.max_frames);
	KTEST_EXPECT_EQ(t, st.total, st.frames * (PAGE_SIZE / 8));
	/* The toolstack's eight are never handed out; the rest free or granted. */
	KTEST_EXPECT_EQ(t, st.free + granted_in_table(&st), st.total - GNTTAB_NR_RESERVED_ENTRIES);
}

/*
 * Mapped by the peer: Xen marks the entry in use, both sides see one
 * page, and access cannot be taken back until the peer unmaps.
 */
static void grant_map_shares_the_page(struct ktest *t)
{
	struct peer *p = t->priv;
	volatile u64 *seen = (volatile u64 *)p->va;
	grant_handle_t h;
	struct gnttab_stats before, after;
	int ref;

	need_self_map(t);

	gnttab_get_stats(&before);
	p->page[7] = MAGIC | 1;
	ref = gnttab_grant_foreign_access(p->self, p->mfn, false);
	KTEST_ASSERT_GE(t, ref, GNTTAB_NR_RESERVED_ENTRIES);
	KTEST_EXPECT_EQ(t, gnttab_entry_flags(ref) & (GTF_reading | GTF_writing), 0);
	KTEST_ASSERT_EQ(t, gnttab_map_one(p->self, ref, p->va, false, &h, NULL), 0);
	KTEST_EXPECT_EQ(t, gnttab_entry_flags(ref) & (GTF_reading | GTF_writing),
			GTF_reading | GTF_writing);
	KTEST_EXPECT_EQ(t, seen[7], MAGIC | 1);
	seen[8] = MAGIC | 2;
	KTEST_EXPECT_EQ(t, p->page[8], MAGIC | 2);
	KTEST_EXPECT_EQ(t, gnttab_end_foreign_access_ref(ref), -EBUSY);
	KTEST_EXPECT_TRUE(t, gnttab_entry_flags(ref) & GTF_permit_access);
	KTEST_ASSERT_EQ(t, gnttab_unmap_one(p->va, h), 0);
	KTEST_EXPECT_EQ(t, gnttab_entry_flags(ref) & (GTF_reading | GTF_writing), 0);
	KTEST_EXPECT_EQ(t, gnttab_end_foreign_access_ref(ref), 0);
	KTEST_EXPECT_EQ(t, gnttab_entry_flags(ref), 0);
	gnttab_get_stats(&after);
	KTEST_EXPECT_EQ(t, after.free, before.free);
	/* Ended twice: refused, nothing freed twice. */
	KTEST_EXPECT_EQ(t, gnttab_end_foreign_access_ref(ref), -EINVAL);
	gnttab_get_stats(&after);
	KTEST_EXPECT_EQ(t, after.free, before.free);
}

/* A read-only grant: Xen refuses a writable mapping; the CPU a store. */
static void grant_readonly_stays_readonly(struct ktest *t)
{
	struct peer *p = t->priv;
	grant_handle_t h;
	s16 status = GNTST_okay;
	u64 v = 0;
	int ref;

	need_self_map(t);

	p->page[3] = MAGIC | 3;
	ref = gnttab_grant_foreign_access(p->self, p->mfn, true);
	KTEST_ASSERT_GE(t, ref, 0);
	KTEST_EXPECT_EQ(t, gnttab_map_one(p->self, ref, p->va, false, &h, &status), -EIO);
	KTEST_EXPECT_NE(t, status, GNTST_okay);
	KTEST_ASSERT_EQ(t, gnttab_map_one(p->self, ref, p->va, true, &h, NULL), 0);
	KTEST_EXPECT_EQ(t, gnttab_entry_flags(ref) & (GTF_reading | GTF_writing), GTF_reading);
	KTEST_EXPECT_EQ(t, read_u64_nofault(p->va + 3 * 8, &v), 0);
	KTEST_EXPECT_EQ(t, v, MAGIC | 3);
	KTEST_EXPECT_EQ(t, write_u8_nofault(p->va, 1), -EFAULT);
	KTEST_ASSERT_EQ(t, gnttab_unmap_one(p->va, h), 0);
	KTEST_EXPECT_EQ(t, gnttab_end_foreign_access_ref(ref), 0);
}

/*
 * Ended while mapped: the reference and the page wait (the page is not
 * back in the allocator), and go once the peer unmaps.
 */
static void grant_end_waits_for_the_peer(struct ktest *t)
{
	struct peer *p = t->priv;
	struct gnttab_stats st0, st;
	unsigned long free0;
	grant_handle_t h;
	u64 *page;
	int ref;

	need_self_map(t);
	page = get_zeroed_page();

	KTEST_ASSERT_NOT_NULL(t, page);
	gnttab_get_stats(&st0);
	ref = gnttab_grant_foreign_access(p->self, gfn_of(page), false);
	KTEST_ASSERT_GE(t, ref, 0);
	KTEST_ASSERT_EQ(t, gnttab_map_one(p->self, ref, p->va, false, &h, NULL), 0);
	free0 = nr_free_pages();
	gnttab_end_foreign_access(ref, virt_to_page(page));
	gnttab_get_stats(&st);
	KTEST_EXPECT_EQ(t, st.deferred, st0.deferred + 1);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free0);
	KTEST_EXPECT_EQ(t, gnttab_reap(), st0.deferred + 1);
	/* Still the peer's to write: the page was not handed to anyone. */
	*(volatile u64 *)p->va = MAGIC | 4;
	KTEST_EXPECT_EQ(t, page[0], MAGIC | 4);
	KTEST_ASSERT_EQ(t, gnttab_unmap_one(p->va, h), 0);
	KTEST_EXPECT_EQ(t, gnttab_reap(), st0.deferred);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free0 + 1);
	gnttab_get_stats(&st);
	KTEST_EXPECT_EQ(t, st.free, st0.free);
}

/* Xen copies from a grant reference into a frame of ours, and refuses a bad one. */
static void grant_copy_by_reference(struct ktest *t)
{
	struct peer *p = t->priv;
	u64 *dst = get_zeroed_page();
	struct gnttab_copy op = {};
	int ref, i;

	KTEST_ASSERT_NOT_NULL(t, dst);
	for (i = 0; i < 16; i++)
		p->page[i] = MAGIC | (0x100 + i);
	ref = gnttab_grant_foreign_access(p->self, p->mfn, true);
	KTEST_ASSERT_GE(t, ref, 0);
	op.source.u.ref = ref;
	op.source.domid = p->self;
	op.source.offset = 8;
	op.dest.u.gmfn = gfn_of(dst);
	op.dest.domid = DOMID_SELF;
	op.dest.offset = 64;
	op.len = 15 * 8;
	op.flags = GNTCOPY_source_gref;
	KTEST_EXPECT_EQ(t, gnttab_copy(&op, 1), 0);
	KTEST_EXPECT_EQ(t, op.status, GNTST_okay);
	for (i = 0; i < 15; i++)
		KTEST_EXPECT_EQ(t, dst[8 + i], MAGIC | (0x101 + i));
	KTEST_EXPECT_EQ(t, dst[7], 0);
	KTEST_EXPECT_EQ(t, dst[23], 0);
	/* A reference past the table: Xen says so, we say -EIO. */
	op.source.u.ref = 0x7fffffff;
	KTEST_EXPECT_EQ(t, gnttab_copy(&op, 1), -EIO);
	KTEST_EXPECT_EQ(t, op.status, GNTST_bad_gntref);
	KTEST_EXPECT_EQ(t, gnttab_end_foreign_access_ref(ref), 0);
	free_page(dst);
}

/*
 * Every reference handed out: the table grows to Xen's limit (Xen's
 * own query says so) and then says -ENOSPC; all come back.
 */
static void grant_table_grows_then_fills(struct ktest *t)
{
	struct peer *p = t->priv;
	struct gnttab_query_size q = { .dom = DOMID_SELF };
	struct gnttab_stats st0, st;
	unsigned int n = 0, i, max_refs;
	int *refs, ref;

	gnttab_get_stats(&st0);
	max_refs = st0.max_frames * (PAGE_SIZE / 8);
	refs = get_free_pages(get_order(max_refs * sizeof(*refs)));
	KTEST_ASSERT_NOT_NULL(t, refs);
	while ((ref = gnttab_grant_foreign_access(p->self, p->mfn, true)) >= 0 && n < max_refs)
		refs[n++] = ref;
	KTEST_EXPECT_EQ(t, ref, -ENOSPC);
	gnttab_get_stats(&st);
	KTEST_EXPECT_EQ(t, HYPERVISOR_grant_table_op(GNTTABOP_query_size, &q, 1), 0);
	ktest_info(t, "%u references granted, table %u -> %u frames (Xen: %u)", n,
		   st0.frames, st.frames, q.nr_frames);
	KTEST_EXPECT_EQ(t, q.nr_frames, st0.max_frames);
	KTEST_EXPECT_EQ(t, n, st0.free + (st.total - st0.total));
	KTEST_EXPECT_EQ(t, st.free, 0);
	for (i = 0; i < n; i++)
		KTEST_EXPECT_EQ(t, gnttab_end_foreign_access_ref(refs[i]), 0);
	gnttab_get_stats(&st);
	KTEST_EXPECT_EQ(t, st.free + granted_in_table(&st), st.total - GNTTAB_NR_RESERVED_ENTRIES);
	free_pages(refs, get_order(max_refs * sizeof(*refs)));
}

/*
 * Every CPU at once: each grants GRANT_RACE references as fast as it can
 * while the others do, then ends them.  The references gathered from all
 * CPUs must be distinct (one handed out twice would be a free list torn
 * by two CPUs), each entry as its grantor made it in the shared table
 * (GTF_permit_access | GTF_readonly), and all come back.
 */
#define GRANT_RACE	200
#define GRANT_CPUS	4
static volatile unsigned int race_go;
static struct race_job {
	struct work_struct w;
	domid_t dom;
	unsigned int n;
	int refs[GRANT_RACE];
} race_jobs[GRANT_CPUS];

static void race_job_fn(struct work_struct *w)
{
	struct race_job *j = (struct race_job *)w;
	int ref;

	while (!race_go)
		cpu_relax();
	for (j->n = 0; j->n < GRANT_RACE; j->n++) {
		/* A frame of nobody's: never mapped, only granted and ended. */
		ref = gnttab_grant_foreign_access(j->dom, 0x7f000 + j->n, true);
		if (ref < 0)
			break;
		j->refs[j->n] = ref;
	}
}

static void grant_every_cpu_at_once(struct ktest *t)
{
	struct peer *p = t->priv;
	unsigned int cpu, n = 0, me = smp_processor_id(), mine = 0, i, k, total = 0, dup = 0;
	struct gnttab_stats st0, st;
	u8 *seen;

	if (num_online_cpus() < 2)
		ktest_skip(t, "one CPU online");
	gnttab_get_stats(&st0);
	seen = kzalloc(st0.max_frames * (PAGE_SIZE / 8));
	KTEST_ASSERT_NOT_NULL(t, seen);
	race_go = 0;
	for_each_online_cpu(cpu) {
		if (n == GRANT_CPUS)
			break;
		race_jobs[n] = (struct race_job){ .w.fn = race_job_fn, .dom = p->self };
		if (cpu == me)
			mine = n;
		else
			KTEST_ASSERT_EQ(t, queue_work_on(cpu, &race_jobs[n].w), 0);
		n++;
	}
	race_go = 1;
	race_job_fn(&race_jobs[mine].w);
	for (i = 0; i < n; i++)
		if (i != mine)
			flush_work(&race_jobs[i].w);
	for (i = 0; i < n; i++) {
		KTEST_EXPECT_EQ(t, race_jobs[i].n, GRANT_RACE);
		for (k = 0; k < race_jobs[i].n; k++) {
			int ref = race_jobs[i].refs[k];

			dup += seen[ref]++ != 0;
			KTEST_EXPECT_EQ(t, gnttab_entry_flags(ref), GTF_permit_access | GTF_readonly);
			total++;
		}
	}
	KTEST_EXPECT_EQ(t, dup, 0);
	for (i = 0; i < n; i++)
		for (k = 0; k < race_jobs[i].n; k++)
			if (seen[race_jobs[i].refs[k]]-- == 1)
				KTEST_EXPECT_EQ(t, gnttab_end_foreign_access_ref(race_jobs[i].refs[k]), 0);
	gnttab_get_stats(&st);
	KTEST_EXPECT_EQ(t, st.free + granted_in_table(&st), st.total - GNTTAB_NR_RESERVED_ENTRIES);
	ktest_info(t, "%u CPUs x %u references at once: %u granted, %u twice", n, GRANT_RACE,
		   total, dup);
	kfree(seen);
}

static const struct ktest_case grant_cases[] = {
	KTEST_CASE(grant_table_set_up),
	KTEST_CASE(grant_map_shares_the_page),
	KTEST_CASE(grant_readonly_stays_readonly),
	KTEST_CASE(grant_end_waits_for_the_peer),
	KTEST_CASE(grant_copy_by_reference),
	KTEST_CASE(grant_table_grows_then_fills),
	KTEST_CASE(grant_every_cpu_at_once),
	{}
};
KTEST_SUITE_FULL(xen_grant, grant_cases, grant_init, grant_exit);
