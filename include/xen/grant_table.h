/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Grant tables, v1 (drivers/xen/grant-table.c): letting another domain
 * map or copy one of our pages, and, for backends, mapping and copying a
 * page another domain granted us.
 */
#ifndef _XEN_GRANT_TABLE_H
#define _XEN_GRANT_TABLE_H

#include <linux/types.h>
#include <xen/interface/xen.h>
#include <xen/interface/grant_table.h>

struct page;

/* At boot (any PV domain): the table set up and mapped; 0 or -errno. */
int gnttab_init(void);
bool gnttab_ready(void);

/*
 * Let @domid access machine frame @gfn (read-only if @readonly): the
 * reference to hand it, or -ENOSPC when the table is full and cannot
 * grow, -ENODEV without a table.
 */
int gnttab_grant_foreign_access(domid_t domid, unsigned long gfn, bool readonly);

/*
 * Take access back: 0 once the entry is invalid (the reference is free
 * again), -EBUSY while the peer still maps it (nothing changed; ask
 * again later).
 */
int gnttab_end_foreign_access_ref(grant_ref_t ref);

/*
 * Take access back and free @ref and, if given, @page once the peer has
 * let go: at once, or later (gnttab_reap()) if it still maps the page,
 * which is never reused meanwhile.
 */
void gnttab_end_foreign_access(grant_ref_t ref, struct page *page);

/* Retry the deferred ends; how many are still waiting. */
unsigned int gnttab_reap(void);

/* True while the peer maps or copies through @ref (GTF_reading/writing). */
bool gnttab_in_use(grant_ref_t ref);

/* References free now and in all (the table may still grow), deferred ends. */
struct gnttab_stats {
	unsigned int free, total, deferred, frames, max_frames;
};
void gnttab_get_stats(struct gnttab_stats *st);

/* The entry's raw flags (tests read what Xen wrote there). */
u16 gnttab_entry_flags(grant_ref_t ref);

/*
 * Entry @ref as the shared table holds it, the frame Xen would hand the
 * peer (tests scan every entry, whoever granted it); false past the end.
 */
bool gnttab_read_entry(grant_ref_t ref, struct grant_entry_v1 *e);

/*
 * Backend side: map @ref of domain @dom at @va (an unused 4 KiB slot
 * whose page tables exist) and unmap it.  The caller owns the slot
 * (vmap_reserve) and leaves it alone while mapped: the kernel's own
 * page-table code reads a foreign frame's entry as not present and
 * would take the slot for free.  0 or -errno; *handle for the
 * unmap.  Xen's GNTST_* status is in *status if not NULL.  Under HAP
 * the frame goes to one of 16 spare gfns (-ENOSPC when all are in use),
 * and @dom must be another domain: Xen unbacks the granting gfn when a
 * HAP domain maps its own grant.
 */
int gnttab_map_one(domid_t dom, grant_ref_t ref, unsigned long va, bool readonly,
		   grant_handle_t *handle, s16 *status);
int gnttab_unmap_one(unsigned long va, grant_handle_t handle);

/* Xen copies @n segments; 0, or the first failing op's GNTST_* as -EIO. */
int gnttab_copy(struct gnttab_copy *ops, unsigned int n);

#endif
