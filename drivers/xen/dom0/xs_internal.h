/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Between the xenstore server's core files (xs_tree.c: nodes, paths,
 * permissions; xs_txn.c: transactions; xs_watch.c: watches and events;
 * xs_core.c: connections and the requests).  Host-buildable: the
 * kernel's own headers and nothing of the kernel proper beyond kmalloc.
 *
 * Invariants:
 * - A store maps a full path ("/a/b") to at most one node; a node's
 *   children blob lists exactly the names of the nodes one level below
 *   it in the same view, each NUL-terminated; "/" always exists.
 * - In the main store node->gen is the value of the server's counter at
 *   the node's last change (its value, permissions or children); a
 *   transaction's copy keeps the main gen it was copied at (0: absent
 *   then), which is how its commit finds what changed meanwhile.
 * - Every node in the main store counts once in its owner's nr_nodes
 *   when the owner has a connection.
 */
#ifndef _DRIVERS_XEN_DOM0_XS_INTERNAL_H
#define _DRIVERS_XEN_DOM0_XS_INTERNAL_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/errno.h>
#include <xen/xenstored.h>

#define XSD_PERM_NONE	0
#define XSD_PERM_READ	1
#define XSD_PERM_WRITE	2
#define XSD_PERM_OWNER	4	/* never stored: what the owner and dom0 get */

struct xsd_perm {
	domid_t id;
	u8 perm;
};

struct xsd_node {
	struct xsd_node *hnext;		/* bucket chain */
	u64 gen;
	char *value;			/* vlen bytes, kmalloc'd or NULL */
	char *children;			/* clen bytes of NUL-terminated names */
	unsigned int vlen, clen;
	unsigned int nperms;		/* >= 1: perms[0] is the owner and default */
	struct xsd_perm perms[XSD_QUOTA_PERMS];
	bool deleted;			/* transaction copy: removed in it */
	bool dirty;			/* transaction copy: changed in it */
	char path[];
};

struct xsd_store {
	struct xsd_node **bucket;
	unsigned int nbuckets;		/* a power of two */
	unsigned int count;
};

struct xsd_txn {
	struct list_head list;		/* in conn->txns */
	u32 id;
	struct xsd_store store;		/* copies of every node it touched */
	int own_delta;			/* nodes it adds to its domain's count */
	struct list_head events;	/* struct xsd_txn_event, fired at commit */
	unsigned int nr_events;
};

struct xsd_conn {
	struct list_head list;		/* in server->conns */
	struct xsd_server *server;
	domid_t domid;
	bool priv;			/* dom0: every permission, no quota */
	void *priv_data;		/* the transport's */
	unsigned int nr_nodes, nr_watches, nr_txns;
	u32 next_tx_id;
	struct list_head watches;
	struct list_head txns;
	struct xsd_msg *out_head, **out_tail;
	unsigned int out_replies, out_event_bytes;
	unsigned long events_dropped;
};

struct xsd_server {
	struct xsd_store main;
	u64 gen;
	struct list_head conns;
	xsd_introduce_fn introduce;
	xsd_release_fn release;
	char buf[XENSTORE_PAYLOAD_MAX + 1];	/* the request, NUL-terminated */
	char path[XENSTORE_ABS_PATH_MAX + 1];	/* its path made absolute */
	char out[XENSTORE_PAYLOAD_MAX + 1];	/* a reply or event being built */
	char scratch[XENSTORE_ABS_PATH_MAX + 1];	/* xs_watch.c's */
};

/* An operation's view: the main store, or a transaction's over it. */
struct xsd_ctx {
	struct xsd_server *s;
	struct xsd_conn *conn;
	struct xsd_txn *tx;		/* NULL: outside any */
};

/* xs_tree.c */
int xsd_store_init(struct xsd_store *st, unsigned int nbuckets);
void xsd_store_destroy(struct xsd_store *st);
struct xsd_node *xsd_store_find(const struct xsd_store *st, const char *path);
void xsd_store_insert(struct xsd_store *st, struct xsd_node *n);
void xsd_store_remove(struct xsd_store *st, struct xsd_node *n);
struct xsd_node *xsd_node_alloc(const char *path);
void xsd_node_free(struct xsd_node *n);
/* A copy of @n's contents under the same path; NULL: no memory. */
struct xsd_node *xsd_node_dup(const struct xsd_node *n);

/*
 * @in made absolute into @out (XENSTORE_ABS_PATH_MAX + 1 bytes): 0, or
 * -EINVAL for a path xenstored refuses (empty, a character outside
 * [A-Za-z0-9/_@-], "//", a trailing '/', too long).  @special allows
 * "@introduceDomain" and "@releaseDomain" (watches).
 */
int xsd_canonical_path(const struct xsd_conn *c, const char *in, char *out, bool special);
/* Whether @path is @top or below it. */
bool xsd_path_within(const char *path, const char *top);
/* What @c may do with @n (XSD_PERM_*, OWNER included). */
unsigned int xsd_perm_for(const struct xsd_conn *c, const struct xsd_node *n);
/* "r5" into @p: 0 or -EINVAL. */
int xsd_parse_perm(const char *s, struct xsd_perm *p);
/* A strict unsigned decimal no larger than @max: 0 or -EINVAL. */
int xsd_parse_uint(const char *s, unsigned long long max, unsigned long long *v);

/*
 * The node at @path in @ctx's view, NULL if absent (a transaction
 * copies it, or its absence, on first touch).  0, -ENOMEM, -ENOSPC (the
 * transaction touched XSD_QUOTA_TXN_NODES nodes).
 */
int xsd_get(struct xsd_ctx *ctx, const char *path, struct xsd_node **out);
/* @n (from xsd_get) changed: a new gen, or dirty in a transaction. */
void xsd_touch(struct xsd_ctx *ctx, struct xsd_node *n);
/*
 * @path looked up for @perm as xenstored does: -EACCES if present but
 * not permitted, and for an absent node, -EACCES unless its nearest
 * present ancestor grants @perm (else -ENOENT): a domain learns
 * nothing of what it may not see.
 */
int xsd_lookup(struct xsd_ctx *ctx, const char *path, unsigned int perm,
	       struct xsd_node **out);
/*
 * Create @path and its missing ancestors (each inheriting its parent's
 * permissions, a domU becoming the owner), checked against WRITE on the
 * nearest present ancestor and the node quota.  The node is returned.
 */
int xsd_create(struct xsd_ctx *ctx, const char *path, struct xsd_node **out);
/* Remove @n and everything below it. */
int xsd_delete(struct xsd_ctx *ctx, struct xsd_node *n);
/* The owner count of @id changes by @delta (no-op without a conn). */
void xsd_account(struct xsd_server *s, domid_t id, int delta);

/* xs_txn.c */
int xsd_txn_start(struct xsd_conn *c, u32 *id);
struct xsd_txn *xsd_txn_find(struct xsd_conn *c, u32 id);
/* Commit (@commit) or abort, and free: 0, -EAGAIN, -ENOSPC. */
int xsd_txn_end(struct xsd_server *s, struct xsd_conn *c, struct xsd_txn *tx, bool commit);
void xsd_txn_free(struct xsd_txn *tx);
/* Remember an event to fire at commit; -ENOMEM/-ENOSPC. */
int xsd_txn_queue_event(struct xsd_txn *tx, const char *path, bool recurse);

/* xs_watch.c */
int xsd_watch_add(struct xsd_conn *c, const char *abs, const char *given,
		  const char *token);
int xsd_watch_del(struct xsd_conn *c, const char *abs, const char *token);
void xsd_watches_free(struct xsd_conn *c);
/*
 * @path changed (its perms @perms, NULL to look them up): an event for
 * every watch on it or above it, and with @recurse (a removal) for
 * every watch below it, each to a connection that may read it.
 */
void xsd_fire(struct xsd_server *s, const char *path, const struct xsd_node *n,
	      bool recurse);
/* Outside a transaction, new permissions: @old's readers hear too. */
void xsd_fire_perms(struct xsd_ctx *ctx, const char *path, const struct xsd_node *n,
		    const struct xsd_node *old);
/* In @ctx: fired now, or queued in its transaction. */
int xsd_fire_ctx(struct xsd_ctx *ctx, const char *path, const struct xsd_node *n,
		 bool recurse);
/* One event to @c alone (a new watch's first firing). */
void xsd_send_event(struct xsd_conn *c, const char *path, const char *token);

/* xs_core.c */
/* Queue one message for @c's peer; false: no memory (dropped). */
bool xsd_queue(struct xsd_conn *c, u32 type, u32 req_id, u32 tx_id,
	       const void *body, unsigned int len);

#endif
