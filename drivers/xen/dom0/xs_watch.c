// SPDX-License-Identifier: GPL-2.0
/*
 * Watches of the xenstore server: a connection's (path, token) pairs,
 * and the XS_WATCH_EVENT messages a change sends them.  As xenstored
 * does (docs/misc/xenstore.txt): a watch fires for its path and
 * everything below it; a removal also fires the watches below the
 * removed node, each with its own path; a watch set by a relative path
 * gets relative paths.  "@introduceDomain" and "@releaseDomain" fire
 * when dom0 introduces or releases a domain, to dom0 only (they are
 * dom0's nodes in xenstored, readable by nobody else by default).
 *
 * An event goes only to a connection that may read the node or its
 * parent, so a watch on another domain's keys tells nothing.  Events a
 * peer does not take pile up to XSD_EVENT_BYTES_MAX, then are dropped
 * and counted: a domain that never reads cannot exhaust dom0's memory.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "xs_internal.h"

struct xsd_watch {
	struct list_head list;		/* in conn->watches */
	const char *token;
	size_t prefix_len;		/* of the home, for a relative watch */
	char path[];			/* absolute, then the token */
};

static struct xsd_watch *find(struct xsd_conn *c, const char *abs, const char *token)
{
	struct xsd_watch *w;

	list_for_each_entry(w, &c->watches, list)
		if (!strcmp(w->path, abs) && !strcmp(w->token, token))
			return w;
	return NULL;
}

int xsd_watch_add(struct xsd_conn *c, const char *abs, const char *given,
		  const char *token)
{
	size_t plen = strlen(abs) + 1, tlen = strlen(token) + 1;
	struct xsd_watch *w;

	if (find(c, abs, token))
		return -EEXIST;
	if (!c->priv && c->nr_watches >= XSD_QUOTA_WATCHES)
		return -ENOSPC;
	w = kmalloc(sizeof(*w) + plen + tlen);
	if (!w)
		return -ENOMEM;
	memcpy(w->path, abs, plen);
	memcpy(w->path + plen, token, tlen);
	w->token = w->path + plen;
	w->prefix_len = given[0] == '/' || given[0] == '@' ? 0 : plen - 1 - strlen(given);
	list_add_tail(&w->list, &c->watches);
	c->nr_watches++;
	return 0;
}

int xsd_watch_del(struct xsd_conn *c, const char *abs, const char *token)
{
	struct xsd_watch *w = find(c, abs, token);

	if (!w)
		return -ENOENT;
	list_del(&w->list);
	kfree(w);
	c->nr_watches--;
	return 0;
}

void xsd_watches_free(struct xsd_conn *c)
{
	struct xsd_watch *w, *next;

	list_for_each_entry_safe(w, next, &c->watches, list) {
		list_del(&w->list);
		kfree(w);
	}
	c->nr_watches = 0;
}

void xsd_send_event(struct xsd_conn *c, const char *path, const char *token)
{
	size_t plen = strlen(path) + 1, tlen = strlen(token) + 1;
	char *body = c->server->out;

	if (plen + tlen > XENSTORE_PAYLOAD_MAX ||
	    c->out_event_bytes + sizeof(struct xsd_msg) + plen + tlen > XSD_EVENT_BYTES_MAX)
		goto dropped;
	memcpy(body, path, plen);
	memcpy(body + plen, token, tlen);
	if (!xsd_queue(c, XS_WATCH_EVENT, 0, 0, body, plen + tlen))
		goto dropped;
	return;
dropped:
	if (!c->events_dropped++)
		pr_warn("xenstored: domain %u takes no watch events: dropping them (%s)\n",
			c->domid, path);
}

/* Whether @c may hear of a change to @path (node @n, NULL: look it up). */
static bool permitted(struct xsd_conn *c, const char *path, const struct xsd_node *n)
{
	const struct xsd_node *parent;
	char *slash;

	if (c->priv)
		return true;
	if (path[0] == '@')
		return false;
	if (!n)
		n = xsd_store_find(&c->server->main, path);
	if (n && (xsd_perm_for(c, n) & XSD_PERM_READ))
		return true;
	/* The parent's path, in the scratch buffer (not the request's). */
	slash = strrchr(path, '/');
	if (!slash || slash == path)
		parent = xsd_store_find(&c->server->main, "/");
	else {
		memcpy(c->server->scratch, path, slash - path);
		c->server->scratch[slash - path] = '\0';
		parent = xsd_store_find(&c->server->main, c->server->scratch);
	}
	return parent && (xsd_perm_for(c, parent) & XSD_PERM_READ);
}

/* As xsd_fire; @old, if any, holds permissions the node had until now. */
static void fire(struct xsd_server *s, const char *path, const struct xsd_node *n,
		 const struct xsd_node *old, bool recurse)
{
	struct xsd_watch *w;
	struct xsd_conn *c;
	const char *report;

	list_for_each_entry(c, &s->conns, list) {
		if (list_empty(&c->watches))
			continue;
		/* One who just lost access hears of it too (xenstored). */
		if (!permitted(c, path, n) &&
		    !(old && (xsd_perm_for(c, old) & XSD_PERM_READ)))
			continue;
		list_for_each_entry(w, &c->watches, list) {
			if (xsd_path_within(path, w->path))
				report = path;
			else if (recurse && xsd_path_within(w->path, path))
				report = w->path;
			else
				continue;
			xsd_send_event(c, report + w->prefix_len, w->token);
		}
	}
}

void xsd_fire(struct xsd_server *s, const char *path, const struct xsd_node *n,
	      bool recurse)
{
	fire(s, path, n, NULL, recurse);
}

void xsd_fire_perms(struct xsd_ctx *ctx, const char *path, const struct xsd_node *n,
		    const struct xsd_node *old)
{
	fire(ctx->s, path, n, old, false);
}

int xsd_fire_ctx(struct xsd_ctx *ctx, const char *path, const struct xsd_node *n,
		 bool recurse)
{
	if (ctx->tx)
		return xsd_txn_queue_event(ctx->tx, path, recurse);
	xsd_fire(ctx->s, path, n, recurse);
	return 0;
}
