/* SPDX-License-Identifier: GPL-2.0 */
/* One guest's disk as the block backend serves it (blkback.c). */
#ifndef _DOM0_VBD_H
#define _DOM0_VBD_H

#include <linux/types.h>
#include <xen/xenbus.h>
#include "blkback.h"

struct dom0_vbd {
	domid_t fe;
	char fe_home[32], fe_path[64], be_path[64];
	u64 sectors;
	void **pages;			/* the RAM disk, a page at a time */
	unsigned long nr_pages;
	unsigned int pages_order;
	enum xenbus_state be_state;
	bool broken;			/* a protocol fault: closed for good */
	unsigned long ring_va;
	bool slots_lost;		/* an unmap failed: keep the slots */
	unsigned int ring_pages;
	grant_handle_t handles[4];
	struct blkif_back_ring ring;
	evtchn_port_t port;
	bool kicked;			/* an event since the last EOI */
	unsigned long since_eoi;	/* requests served since then */
	unsigned long reqs, bad, errors;
	unsigned int complaints;
};

/* Make the RAM disk and both halves of its xenstore entries. */
int dom0_vbd_create(struct dom0_vbd *v, domid_t fe, unsigned long disk_kb);
/* Move the handshake on and serve a bounded batch: requests served. */
unsigned int dom0_vbd_poll(struct dom0_vbd *v);
void dom0_vbd_destroy(struct dom0_vbd *v);
/* The disk's bytes as the guest left them, for tests (0 or -EINVAL). */
int dom0_vbd_read(struct dom0_vbd *v, u64 sector, void *buf, unsigned int nr);

#endif
