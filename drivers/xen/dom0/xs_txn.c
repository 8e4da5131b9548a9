// SPDX-License-Identifier: GPL-2.0
/*
 * Transactions of the xenstore server.  A transaction works on copies:
 * the first time it touches a path it copies the main store's node (or
 * notes its absence) with the gen it had, and every later read, write
 * and removal in it goes to that copy.  Committing checks, for every
 * path it touched, read or written, that the main store's gen is still
 * the one copied (0: still absent); one that moved means someone else
 * changed what it saw, and the commit fails with EAGAIN, nothing
 * applied.  Otherwise each changed copy replaces the main node whole
 * (value, permissions and children together, so no order matters) and
 * the watch events its requests queued fire.
 *
 * A parent's children are part of its contents, so a node created or
 * removed under a directory the transaction listed conflicts too.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "xs_internal.h"

#define TXN_BUCKETS	64

struct xsd_txn_event {
	struct list_head list;
	bool recurse;
	char path[];
};

int xsd_txn_start(struct xsd_conn *c, u32 *id)
{
	struct xsd_txn *tx;

	if (!c->priv && c->nr_txns >= XSD_QUOTA_TRANSACTIONS)
		return -ENOSPC;
	tx = kzalloc(sizeof(*tx));
	if (!tx)
		return -ENOMEM;
	if (xsd_store_init(&tx->store, TXN_BUCKETS)) {
		kfree(tx);
		return -ENOMEM;
	}
	INIT_LIST_HEAD(&tx->events);
	/* Ids are never 0 (no transaction) and never one still open. */
	do {
		tx->id = ++c->next_tx_id;
	} while (!tx->id || xsd_txn_find(c, tx->id));
	list_add_tail(&tx->list, &c->txns);
	c->nr_txns++;
	*id = tx->id;
	return 0;
}

struct xsd_txn *xsd_txn_find(struct xsd_conn *c, u32 id)
{
	struct xsd_txn *tx;

	list_for_each_entry(tx, &c->txns, list)
		if (tx->id == id)
			return tx;
	return NULL;
}

int xsd_txn_queue_event(struct xsd_txn *tx, const char *path, bool recurse)
{
	size_t len = strlen(path) + 1;
	struct xsd_txn_event *ev;

	if (tx->nr_events >= XSD_QUOTA_TXN_NODES)
		return -ENOSPC;
	ev = kmalloc(sizeof(*ev) + len);
	if (!ev)
		return -ENOMEM;
	ev->recurse = recurse;
	memcpy(ev->path, path, len);
	list_add_tail(&ev->list, &tx->events);
	tx->nr_events++;
	return 0;
}

void xsd_txn_free(struct xsd_txn *tx)
{
	struct xsd_txn_event *ev, *next;

	list_for_each_entry_safe(ev, next, &tx->events, list)
		kfree(ev);
	xsd_store_destroy(&tx->store);
	list_del(&tx->list);
	kfree(tx);
}

#define for_each_copy(st, i, n) \
	for (i = 0; i < (st)->nbuckets; i++) \
		for (n = (st)->bucket[i]; n; n = n->hnext)

/* Whether every path @tx touched is as it was when first touched. */
static bool unchanged(struct xsd_server *s, struct xsd_txn *tx)
{
	struct xsd_node *n, *m;
	unsigned int i;

	for_each_copy(&tx->store, i, n) {
		m = xsd_store_find(&s->main, n->path);
		if ((m ? m->gen : 0) != n->gen)
			return false;
	}
	return true;
}

/* What committing changes in @id's node count. */
static int own_delta(struct xsd_server *s, struct xsd_txn *tx, domid_t id)
{
	struct xsd_node *n, *m;
	unsigned int i;
	int d = 0;

	for_each_copy(&tx->store, i, n) {
		if (!n->dirty)
			continue;
		m = xsd_store_find(&s->main, n->path);
		d -= m && m->perms[0].id == id;
		d += !n->deleted && n->perms[0].id == id;
	}
	return d;
}

/*
 * A main node for every changed copy the main store lacks, chained in
 * the order for_each_copy visits them, so that applying cannot fail
 * half-way.  0 or -ENOMEM (none made).
 */
static int prealloc(struct xsd_server *s, struct xsd_txn *tx, struct xsd_node **list)
{
	struct xsd_node *n, *m, **tail = list;
	unsigned int i;

	*list = NULL;
	for_each_copy(&tx->store, i, n) {
		if (!n->dirty || n->deleted || xsd_store_find(&s->main, n->path))
			continue;
		m = xsd_node_alloc(n->path);
		if (!m) {
			while ((m = *list)) {
				*list = m->hnext;
				xsd_node_free(m);
			}
			return -ENOMEM;
		}
		*tail = m;
		tail = &m->hnext;
	}
	return 0;
}

/* @n's contents into the main store (a new node from @pre if needed). */
static void apply(struct xsd_server *s, struct xsd_node *n, struct xsd_node **pre)
{
	struct xsd_node *m = xsd_store_find(&s->main, n->path);

	if (n->deleted) {
		if (m) {
			xsd_account(s, m->perms[0].id, -1);
			xsd_store_remove(&s->main, m);
			xsd_node_free(m);
		}
		return;
	}
	if (!m) {
		m = *pre;
		*pre = m->hnext;
		xsd_store_insert(&s->main, m);
	} else {
		xsd_account(s, m->perms[0].id, -1);
		kfree(m->value);
		kfree(m->children);
	}
	/* The copy is freed with the transaction: take its buffers. */
	m->value = n->value;
	m->vlen = n->vlen;
	m->children = n->children;
	m->clen = n->clen;
	n->value = n->children = NULL;
	m->nperms = n->nperms;
	memcpy(m->perms, n->perms, sizeof(m->perms));
	m->gen = ++s->gen;
	xsd_account(s, m->perms[0].id, 1);
}

int xsd_txn_end(struct xsd_server *s, struct xsd_conn *c, struct xsd_txn *tx, bool commit)
{
	struct xsd_txn_event *ev;
	struct xsd_node *n, *pre;
	unsigned int i;
	int err = 0;

	if (!commit)
		goto out;
	if (!unchanged(s, tx)) {
		err = -EAGAIN;
		goto out;
	}
	if (!c->priv && c->nr_nodes + own_delta(s, tx, c->domid) > XSD_QUOTA_NODES) {
		err = -ENOSPC;
		goto out;
	}
	err = prealloc(s, tx, &pre);
	if (err)
		goto out;
	for_each_copy(&tx->store, i, n)
		if (n->dirty)
			apply(s, n, &pre);
	list_for_each_entry(ev, &tx->events, list)
		xsd_fire(s, ev->path, NULL, ev->recurse);
out:
	c->nr_txns--;
	xsd_txn_free(tx);
	return err;
}
