// SPDX-License-Identifier: GPL-2.0
/*
 * The xenstore server's connections: the server object with dom0's
 * privileged connection, one connection per introduced domain, and each
 * connection's queue of messages (replies and watch events) waiting for
 * its transport to take them.
 *
 * Introducing a domain makes its home /local/domain/N owned by it (a
 * toolstack would make it before; here dom0's kernel is the toolstack)
 * and counts the nodes it already owns against its quota.  Releasing
 * hands every node it owned to dom0, so that a later domain given the
 * same id inherits nothing.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "xs_internal.h"

#define MAIN_BUCKETS	4096

bool xsd_queue(struct xsd_conn *c, u32 type, u32 req_id, u32 tx_id,
	       const void *body, unsigned int len)
{
	struct xsd_msg *m = kmalloc(sizeof(*m) + len);

	if (!m)
		return false;
	m->next = NULL;
	m->hdr = (struct xsd_sockmsg){ .type = type, .req_id = req_id, .tx_id = tx_id,
				       .len = len };
	memcpy(m->body, body, len);
	*c->out_tail = m;
	c->out_tail = &m->next;
	if (type == XS_WATCH_EVENT)
		c->out_event_bytes += sizeof(*m) + len;
	else
		c->out_replies++;
	return true;
}

struct xsd_msg *xsd_out_peek(struct xsd_conn *c)
{
	return c->out_head;
}

void xsd_out_pop(struct xsd_conn *c)
{
	struct xsd_msg *m = c->out_head;

	if (!m)
		return;
	c->out_head = m->next;
	if (!c->out_head)
		c->out_tail = &c->out_head;
	if (m->hdr.type == XS_WATCH_EVENT)
		c->out_event_bytes -= sizeof(*m) + m->hdr.len;
	else
		c->out_replies--;
	kfree(m);
}

unsigned int xsd_out_replies(const struct xsd_conn *c)
{
	return c->out_replies;
}

struct xsd_conn *xsd_conn_of(struct xsd_server *s, domid_t domid)
{
	struct xsd_conn *c;

	list_for_each_entry(c, &s->conns, list)
		if (c->domid == domid)
			return c;
	return NULL;
}

void *xsd_conn_priv(const struct xsd_conn *c)
{
	return c->priv_data;
}

domid_t xsd_conn_domid(const struct xsd_conn *c)
{
	return c->domid;
}

void xsd_set_hooks(struct xsd_server *s, xsd_introduce_fn introduce,
		   xsd_release_fn release)
{
	s->introduce = introduce;
	s->release = release;
}

static struct xsd_conn *conn_new(struct xsd_server *s, domid_t domid, bool priv)
{
	struct xsd_conn *c = kzalloc(sizeof(*c));

	if (!c)
		return NULL;
	c->server = s;
	c->domid = domid;
	c->priv = priv;
	INIT_LIST_HEAD(&c->watches);
	INIT_LIST_HEAD(&c->txns);
	c->out_tail = &c->out_head;
	list_add_tail(&c->list, &s->conns);
	return c;
}

static void conn_free(struct xsd_conn *c)
{
	struct xsd_txn *tx, *next;

	list_for_each_entry_safe(tx, next, &c->txns, list)
		xsd_txn_free(tx);
	xsd_watches_free(c);
	while (c->out_head)
		xsd_out_pop(c);
	list_del(&c->list);
	kfree(c);
}

struct xsd_server *xsd_server_new(void)
{
	struct xsd_server *s = kzalloc(sizeof(*s));
	struct xsd_node *root;

	if (!s)
		return NULL;
	INIT_LIST_HEAD(&s->conns);
	if (xsd_store_init(&s->main, MAIN_BUCKETS))
		goto fail;
	root = xsd_node_alloc("/");
	if (!root)
		goto fail;
	/* dom0's, and nobody else may read or write it ("n0"). */
	root->nperms = 1;
	root->gen = ++s->gen;
	xsd_store_insert(&s->main, root);
	if (!conn_new(s, 0, true))
		goto fail;
	return s;
fail:
	xsd_server_free(s);
	return NULL;
}

void xsd_server_free(struct xsd_server *s)
{
	struct xsd_conn *c, *next;

	if (!s)
		return;
	list_for_each_entry_safe(c, next, &s->conns, list)
		conn_free(c);
	xsd_store_destroy(&s->main);
	kfree(s);
}

/* As dom0: @path exists, and its permissions are @perms[0..n). */
static int make_node(struct xsd_server *s, const char *path, const struct xsd_perm *perms,
		     unsigned int n, const char *value)
{
	struct xsd_ctx ctx = { .s = s, .conn = xsd_conn_of(s, 0) };
	struct xsd_node *node = xsd_store_find(&s->main, path);
	size_t vlen = value ? strlen(value) : 0;
	char *v = NULL;
	int err;

	if (!node) {
		err = xsd_create(&ctx, path, &node);
		if (err)
			return err;
	}
	if (vlen) {
		v = kmalloc(vlen);
		if (!v)
			return -ENOMEM;
		memcpy(v, value, vlen);
		kfree(node->value);
		node->value = v;
		node->vlen = vlen;
	}
	xsd_account(s, node->perms[0].id, -1);
	memset(node->perms, 0, sizeof(node->perms));
	memcpy(node->perms, perms, n * sizeof(*perms));
	node->nperms = n;
	xsd_account(s, node->perms[0].id, 1);
	xsd_touch(&ctx, node);
	return 0;
}

static unsigned int count_owned(struct xsd_server *s, domid_t id)
{
	struct xsd_node *n;
	unsigned int i, count = 0;

	for (i = 0; i < s->main.nbuckets; i++)
		for (n = s->main.bucket[i]; n; n = n->hnext)
			count += n->perms[0].id == id;
	return count;
}

int xsd_domain_add(struct xsd_server *s, domid_t domid, void *priv,
		   struct xsd_conn **out)
{
	struct xsd_perm home = { .id = domid, .perm = XSD_PERM_NONE };
	struct xsd_perm key[2] = { { 0, XSD_PERM_NONE }, { domid, XSD_PERM_READ } };
	char path[40], id[8];
	struct xsd_conn *c;
	int err;

	if (!domid || domid >= DOMID_FIRST_RESERVED)
		return -EINVAL;
	if (xsd_conn_of(s, domid))
		return -EEXIST;
	c = conn_new(s, domid, false);
	if (!c)
		return -ENOMEM;
	c->priv_data = priv;
	snprintf(path, sizeof(path), "/local/domain/%u", domid);
	err = make_node(s, path, &home, 1, NULL);
	if (!err) {
		snprintf(path, sizeof(path), "/local/domain/%u/domid", domid);
		snprintf(id, sizeof(id), "%u", domid);
		err = make_node(s, path, key, 2, id);
	}
	if (err) {
		conn_free(c);
		return err;
	}
	c->nr_nodes = count_owned(s, domid);
	xsd_fire(s, "@introduceDomain", NULL, false);
	if (out)
		*out = c;
	return 0;
}

int xsd_domain_remove(struct xsd_server *s, domid_t domid)
{
	struct xsd_conn *c = xsd_conn_of(s, domid);
	struct xsd_node *n;
	unsigned int i;

	if (!c || c->priv)
		return c ? -EINVAL : -ENOENT;
	conn_free(c);
	for (i = 0; i < s->main.nbuckets; i++) {
		for (n = s->main.bucket[i]; n; n = n->hnext) {
			if (n->perms[0].id != domid)
				continue;
			n->perms[0].id = 0;
			n->gen = ++s->gen;
		}
	}
	xsd_fire(s, "@releaseDomain", NULL, false);
	return 0;
}
