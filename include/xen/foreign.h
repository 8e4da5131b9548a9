/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Another domain's frames in our kernel address space (PV dom0 only):
 * what a domain builder or a backend needs to reach a guest's memory
 * without a grant.  Xen checks our privilege over @dom on every entry.
 */
#ifndef _XEN_FOREIGN_H
#define _XEN_FOREIGN_H

#include <linux/types.h>
#include <xen/interface/xen.h>

/*
 * Map @n machine frames of @dom at consecutive fresh kernel addresses,
 * read-only unless @writable; NULL and *@err (Xen's refusal or -ENOMEM)
 * on failure, with nothing left mapped.
 */
void *xen_map_foreign(domid_t dom, const xen_pfn_t *mfns, unsigned int n, bool writable,
		      int *err);
/* Undo one xen_map_foreign() (the same @va and @n). */
void xen_unmap_foreign(void *va, unsigned int n);

/*
 * @n empty slots of the same window, their page tables made, for a
 * backend's grant maps (gnttab_map_one); 0 when none are left.  The
 * entries must be empty again (unmapped) when they are put back.
 */
unsigned long xen_foreign_slots_get(unsigned int n);
void xen_foreign_slots_put(unsigned long va, unsigned int n);

#endif
