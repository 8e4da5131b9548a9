// SPDX-License-Identifier: GPL-2.0
/*
 * The xenstore server's tree: nodes kept by full path in a hash table
 * (as xenstored keeps them in its database), each with its value, its
 * children's names and Xen's permissions (an owner, a default for
 * everyone else, then per-domain entries; "n", "r", "w", "b").  Paths
 * are checked and made absolute here; lookups, creation and removal
 * work through a context, so a transaction's copies are used the same
 * way as the main store (invariants in xs_internal.h).
 *
 * No recursion: a path may be 1500 components deep, so creation and
 * removal walk iteratively.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "xs_internal.h"

static unsigned int hash_path(const char *p)
{
	u32 h = 2166136261u;

	while (*p)
		h = (h ^ (u8)*p++) * 16777619u;
	return h;
}

int xsd_store_init(struct xsd_store *st, unsigned int nbuckets)
{
	st->bucket = kzalloc(nbuckets * sizeof(*st->bucket));
	st->nbuckets = nbuckets;
	st->count = 0;
	return st->bucket ? 0 : -ENOMEM;
}

void xsd_store_destroy(struct xsd_store *st)
{
	struct xsd_node *n, *next;
	unsigned int i;

	if (!st->bucket)
		return;
	for (i = 0; i < st->nbuckets; i++) {
		for (n = st->bucket[i]; n; n = next) {
			next = n->hnext;
			xsd_node_free(n);
		}
	}
	kfree(st->bucket);
	st->bucket = NULL;
	st->count = 0;
}

struct xsd_node *xsd_store_find(const struct xsd_store *st, const char *path)
{
	struct xsd_node *n = st->bucket[hash_path(path) & (st->nbuckets - 1)];

	while (n && strcmp(n->path, path))
		n = n->hnext;
	return n;
}

void xsd_store_insert(struct xsd_store *st, struct xsd_node *n)
{
	struct xsd_node **b = &st->bucket[hash_path(n->path) & (st->nbuckets - 1)];

	n->hnext = *b;
	*b = n;
	st->count++;
}

void xsd_store_remove(struct xsd_store *st, struct xsd_node *n)
{
	struct xsd_node **p = &st->bucket[hash_path(n->path) & (st->nbuckets - 1)];

	while (*p && *p != n)
		p = &(*p)->hnext;
	if (*p) {
		*p = n->hnext;
		st->count--;
	}
}

struct xsd_node *xsd_node_alloc(const char *path)
{
	size_t len = strlen(path) + 1;
	struct xsd_node *n = kzalloc(sizeof(*n) + len);

	if (n)
		memcpy(n->path, path, len);
	return n;
}

void xsd_node_free(struct xsd_node *n)
{
	kfree(n->value);
	kfree(n->children);
	kfree(n);
}

static char *dup_bytes(const char *p, unsigned int len, bool *fail)
{
	char *d;

	if (!len)
		return NULL;
	d = kmalloc(len);
	if (d)
		memcpy(d, p, len);
	else
		*fail = true;
	return d;
}

struct xsd_node *xsd_node_dup(const struct xsd_node *m)
{
	struct xsd_node *n = xsd_node_alloc(m->path);
	bool fail = false;

	if (!n)
		return NULL;
	n->gen = m->gen;
	n->vlen = m->vlen;
	n->clen = m->clen;
	n->nperms = m->nperms;
	memcpy(n->perms, m->perms, sizeof(n->perms));
	n->value = dup_bytes(m->value, m->vlen, &fail);
	n->children = dup_bytes(m->children, m->clen, &fail);
	if (fail) {
		xsd_node_free(n);
		return NULL;
	}
	return n;
}

/* --- paths and permissions ----------------------------------------------- */

static bool valid_chars(const char *p)
{
	for (; *p; p++) {
		char c = *p;

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '/' || c == '_' || c == '@' || c == '-'))
			return false;
		if (c == '/' && p[1] == '/')
			return false;
	}
	return true;
}

int xsd_canonical_path(const struct xsd_conn *c, const char *in, char *out, bool special)
{
	size_t len = strlen(in);
	int n;

	if (!len)
		return -EINVAL;
	if (in[0] == '@') {
		if (!special || (strcmp(in, "@introduceDomain") && strcmp(in, "@releaseDomain")))
			return -EINVAL;
		memcpy(out, in, len + 1);
		return 0;
	}
	if (!valid_chars(in) || (len > 1 && in[len - 1] == '/'))
		return -EINVAL;
	if (in[0] == '/') {
		if (len > XENSTORE_ABS_PATH_MAX)
			return -EINVAL;
		memcpy(out, in, len + 1);
		return 0;
	}
	if (len > XENSTORE_REL_PATH_MAX)
		return -EINVAL;
	n = snprintf(out, XENSTORE_ABS_PATH_MAX + 1, "/local/domain/%u/%s", c->domid, in);
	return n > XENSTORE_ABS_PATH_MAX ? -EINVAL : 0;
}

bool xsd_path_within(const char *path, const char *top)
{
	size_t tl = strlen(top);

	if (!strcmp(top, "/"))
		return path[0] == '/';
	return !strncmp(path, top, tl) && (path[tl] == '\0' || path[tl] == '/');
}

unsigned int xsd_perm_for(const struct xsd_conn *c, const struct xsd_node *n)
{
	unsigned int i;

	if (c->priv || n->perms[0].id == c->domid)
		return XSD_PERM_READ | XSD_PERM_WRITE | XSD_PERM_OWNER;
	for (i = 1; i < n->nperms; i++)
		if (n->perms[i].id == c->domid)
			return n->perms[i].perm;
	return n->perms[0].perm;
}

int xsd_parse_uint(const char *s, unsigned long long max, unsigned long long *v)
{
	unsigned long long x = 0;

	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -EINVAL;
		x = x * 10 + (*s - '0');
		if (x > max)
			return -EINVAL;
	}
	*v = x;
	return 0;
}

int xsd_parse_perm(const char *s, struct xsd_perm *p)
{
	unsigned long long id;

	switch (s[0]) {
	case 'n':
		p->perm = XSD_PERM_NONE;
		break;
	case 'r':
		p->perm = XSD_PERM_READ;
		break;
	case 'w':
		p->perm = XSD_PERM_WRITE;
		break;
	case 'b':
		p->perm = XSD_PERM_READ | XSD_PERM_WRITE;
		break;
	default:
		return -EINVAL;
	}
	if (xsd_parse_uint(s + 1, DOMID_FIRST_RESERVED - 1, &id))
		return -EINVAL;
	p->id = id;
	return 0;
}

/* --- views ---------------------------------------------------------------- */

int xsd_get(struct xsd_ctx *ctx, const char *path, struct xsd_node **out)
{
	struct xsd_txn *tx = ctx->tx;
	struct xsd_node *n, *m;

	if (!tx) {
		*out = xsd_store_find(&ctx->s->main, path);
		return 0;
	}
	n = xsd_store_find(&tx->store, path);
	if (!n) {
		if (!ctx->conn->priv && tx->store.count >= XSD_QUOTA_TXN_NODES)
			return -ENOSPC;
		m = xsd_store_find(&ctx->s->main, path);
		n = m ? xsd_node_dup(m) : xsd_node_alloc(path);
		if (!n)
			return -ENOMEM;
		n->deleted = !m;
		xsd_store_insert(&tx->store, n);
	}
	*out = n->deleted ? NULL : n;
	return 0;
}

void xsd_touch(struct xsd_ctx *ctx, struct xsd_node *n)
{
	if (ctx->tx)
		n->dirty = true;
	else
		n->gen = ++ctx->s->gen;
}

void xsd_account(struct xsd_server *s, domid_t id, int delta)
{
	struct xsd_conn *c = xsd_conn_of(s, id);

	if (c && !c->priv)
		c->nr_nodes += delta;
}

/* @path's parent into @buf ("/" for a top-level node); false for "/". */
static bool parent_of(const char *path, char *buf)
{
	const char *slash = strrchr(path, '/');
	size_t len;

	if (!slash || !strcmp(path, "/"))
		return false;
	len = slash == path ? 1 : slash - path;
	memcpy(buf, path, len);
	buf[len] = '\0';
	return true;
}

/* The nearest present ancestor of @path (NULL only if "/" were gone). */
static int nearest_ancestor(struct xsd_ctx *ctx, const char *path, char *buf,
			    struct xsd_node **out)
{
	struct xsd_node *n = NULL;
	int err;

	/* Canonical paths fit (xsd_canonical_path); memcpy builds on the host. */
	memcpy(buf, path, strlen(path) + 1);
	while (parent_of(buf, buf)) {
		err = xsd_get(ctx, buf, &n);
		if (err)
			return err;
		if (n)
			break;
	}
	*out = n;
	return 0;
}

int xsd_lookup(struct xsd_ctx *ctx, const char *path, unsigned int perm,
	       struct xsd_node **out)
{
	struct xsd_node *n, *a;
	char *buf;
	int err = xsd_get(ctx, path, &n);

	if (err)
		return err;
	if (n) {
		*out = n;
		return (xsd_perm_for(ctx->conn, n) & perm) == perm ? 0 : -EACCES;
	}
	buf = kmalloc(XENSTORE_ABS_PATH_MAX + 1);
	if (!buf)
		return -ENOMEM;
	err = nearest_ancestor(ctx, path, buf, &a);
	kfree(buf);
	if (err)
		return err;
	*out = NULL;
	return a && (xsd_perm_for(ctx->conn, a) & perm) == perm ? -ENOENT : -EACCES;
}

static int blob_add(struct xsd_node *n, const char *name)
{
	size_t len = strlen(name) + 1;
	char *b = kmalloc(n->clen + len);

	if (!b)
		return -ENOMEM;
	if (n->clen)
		memcpy(b, n->children, n->clen);
	memcpy(b + n->clen, name, len);
	kfree(n->children);
	n->children = b;
	n->clen += len;
	return 0;
}

static void blob_del(struct xsd_node *n, const char *name)
{
	unsigned int off = 0, len;

	while (off < n->clen) {
		len = strlen(n->children + off) + 1;
		if (!strcmp(n->children + off, name)) {
			memmove(n->children + off, n->children + off + len,
				n->clen - off - len);
			n->clen -= len;
			return;
		}
		off += len;
	}
}

/* A node at @path (absent in the view) with @parent's perms, owned right. */
static int add_node(struct xsd_ctx *ctx, struct xsd_node *parent, const char *path,
		    struct xsd_node **out)
{
	const char *name = strrchr(path, '/') + 1;
	struct xsd_node *n = NULL;
	int err;

	if (ctx->tx)
		n = xsd_store_find(&ctx->tx->store, path);
	if (!n) {
		n = xsd_node_alloc(path);
		if (!n)
			return -ENOMEM;
		n->deleted = ctx->tx != NULL;	/* absent from main as far as we know */
		if (ctx->tx) {
			/* Absent when first touched: the commit checks that still holds. */
			xsd_store_insert(&ctx->tx->store, n);
		}
	}
	err = blob_add(parent, name);
	if (err) {
		if (!ctx->tx)
			xsd_node_free(n);
		return err;
	}
	xsd_touch(ctx, parent);
	n->nperms = parent->nperms;
	memcpy(n->perms, parent->perms, sizeof(n->perms));
	if (!ctx->conn->priv)
		n->perms[0].id = ctx->conn->domid;
	n->deleted = false;
	kfree(n->value);
	kfree(n->children);
	n->value = n->children = NULL;
	n->vlen = n->clen = 0;
	xsd_touch(ctx, n);
	if (ctx->tx) {
		if (n->perms[0].id == ctx->conn->domid)
			ctx->tx->own_delta++;
	} else {
		xsd_store_insert(&ctx->s->main, n);
		xsd_account(ctx->s, n->perms[0].id, 1);
	}
	*out = n;
	return 0;
}

int xsd_create(struct xsd_ctx *ctx, const char *path, struct xsd_node **out)
{
	struct xsd_conn *c = ctx->conn;
	struct xsd_node *a, *n;
	unsigned int missing = 0, i;
	const char *p;
	char *buf;
	size_t alen;
	int err;

	buf = kmalloc(XENSTORE_ABS_PATH_MAX + 1);
	if (!buf)
		return -ENOMEM;
	err = nearest_ancestor(ctx, path, buf, &a);
	if (err)
		goto out;
	err = -EACCES;
	if (!a || !(xsd_perm_for(c, a) & XSD_PERM_WRITE))
		goto out;
	alen = strlen(a->path);
	/* The components of @path below @a, each one node to make. */
	for (p = path + (alen == 1 ? 0 : alen); *p; p++)
		missing += *p == '/';
	err = -ENOSPC;
	if (!c->priv && c->nr_nodes + (ctx->tx ? ctx->tx->own_delta : 0) + missing >
	    XSD_QUOTA_NODES)
		goto out;
	for (i = 0; i < missing; i++) {
		/* The next component down: @path cut at its next '/'. */
		p = strchr(path + strlen(a->path) + 1, '/');
		alen = p ? (size_t)(p - path) : strlen(path);
		memcpy(buf, path, alen);
		buf[alen] = '\0';
		err = add_node(ctx, a, buf, &n);
		if (err)
			goto out;
		a = n;
	}
	*out = a;
	err = 0;
out:
	kfree(buf);
	return err;
}

/* Take the leaf @n out of the view and its parent's children. */
static int remove_leaf(struct xsd_ctx *ctx, struct xsd_node *n, char *buf)
{
	struct xsd_node *parent;
	int err;

	if (!parent_of(n->path, buf))
		return -EINVAL;
	err = xsd_get(ctx, buf, &parent);
	if (err)
		return err;
	if (parent) {
		blob_del(parent, strrchr(n->path, '/') + 1);
		xsd_touch(ctx, parent);
	}
	if (!ctx->tx) {
		xsd_account(ctx->s, n->perms[0].id, -1);
		xsd_store_remove(&ctx->s->main, n);
		xsd_node_free(n);
		return 0;
	}
	if (n->perms[0].id == ctx->conn->domid)
		ctx->tx->own_delta--;
	kfree(n->value);
	kfree(n->children);
	n->value = n->children = NULL;
	n->vlen = n->clen = 0;
	n->deleted = n->dirty = true;
	return 0;
}

int xsd_delete(struct xsd_ctx *ctx, struct xsd_node *top)
{
	struct xsd_node *cur, *child;
	char *buf;
	int n, err = 0;

	buf = kmalloc(XENSTORE_ABS_PATH_MAX + 2);
	if (!buf)
		return -ENOMEM;
	for (;;) {
		/* Down the first children to a leaf, then remove it. */
		cur = top;
		while (cur->clen) {
			n = snprintf(buf, XENSTORE_ABS_PATH_MAX + 2, "%s/%s",
				     strcmp(cur->path, "/") ? cur->path : "", cur->children);
			err = n > XENSTORE_ABS_PATH_MAX ? -EINVAL : xsd_get(ctx, buf, &child);
			if (err)
				goto out;
			if (!child) {
				/* A transaction's stale copy: its commit will conflict. */
				blob_del(cur, cur->children);
				continue;
			}
			cur = child;
		}
		err = remove_leaf(ctx, cur, buf);
		if (err || cur == top)
			break;
	}
out:
	kfree(buf);
	return err;
}
