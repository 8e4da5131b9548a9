// SPDX-License-Identifier: GPL-2.0
/*
 * The xenstore server's requests: one message in (header and payload as
 * a peer sent them, untrusted), its reply out on the connection's queue,
 * with the semantics of Xen's xenstored (docs/misc/xenstore.txt,
 * tools/xenstored/core.c):
 *
 * - A payload that is not the strings the type wants is EINVAL; a path
 *   relative to the domain's home is made absolute first.
 * - Failures are XS_ERROR carrying the errno's name, from xs_wire.h's
 *   xsd_errors table.  Quotas give ENOSPC as xenstored does (EQUOTA is
 *   oxenstored's, and not in that table), a reply too big E2BIG.
 * - A request naming a transaction uses it (ENOENT if it is not one of
 *   the connection's); watches, introduce and release ignore it.
 * - INTRODUCE, RELEASE are dom0's alone (EACCES).  Unknown types and
 *   the ones not served (CONTROL, RESUME, SET_TARGET, DIRECTORY_PART)
 *   get ENOSYS.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "xs_internal.h"

struct req {
	struct xsd_ctx ctx;
	const struct xsd_sockmsg *hdr;
	char *buf;			/* the payload with a NUL after it */
	unsigned int len;
	char *path;			/* the first string made absolute */
};

/* The payload as @n NUL-terminated strings exactly, into @v: 0 or -EINVAL. */
static int strings(struct req *r, const char **v, unsigned int n)
{
	unsigned int off = 0, i;

	for (i = 0; i < n; i++) {
		if (off >= r->len)
			return -EINVAL;
		v[i] = r->buf + off;
		off += strlen(v[i]) + 1;
		if (off > r->len)		/* the last one unterminated */
			return -EINVAL;
	}
	return off == r->len ? 0 : -EINVAL;
}

static int one_path(struct req *r, bool special)
{
	const char *p;
	int err = strings(r, &p, 1);

	return err ? err : xsd_canonical_path(r->ctx.conn, p, r->path, special);
}

static int reply(struct req *r, const void *body, unsigned int len)
{
	if (len > XENSTORE_PAYLOAD_MAX)
		return -E2BIG;
	if (!xsd_queue(r->ctx.conn, r->hdr->type, r->hdr->req_id, r->hdr->tx_id, body, len))
		return -ENOMEM;
	return 0;
}

static int ok(struct req *r)
{
	return reply(r, "OK", 3);
}

static int do_read(struct req *r)
{
	struct xsd_node *n;
	int err = one_path(r, false);

	if (!err)
		err = xsd_lookup(&r->ctx, r->path, XSD_PERM_READ, &n);
	return err ? err : reply(r, n->value, n->vlen);
}

static int do_directory(struct req *r)
{
	struct xsd_node *n;
	int err = one_path(r, false);

	if (!err)
		err = xsd_lookup(&r->ctx, r->path, XSD_PERM_READ, &n);
	return err ? err : reply(r, n->children, n->clen);
}

/* @path present and writable, created if absent (and *created set). */
static int writable(struct req *r, struct xsd_node **n, bool *created)
{
	int err = xsd_lookup(&r->ctx, r->path, XSD_PERM_WRITE, n);

	*created = false;
	if (err == -ENOENT) {
		err = xsd_create(&r->ctx, r->path, n);
		*created = !err;
	}
	return err;
}

static int do_write(struct req *r)
{
	const char *p = r->buf;
	unsigned int plen = strnlen(r->buf, r->len) + 1, vlen;
	struct xsd_node *n;
	bool created;
	char *v = NULL;
	int err;

	/* "path\0value": the value is the rest, with no NUL of its own. */
	if (plen > r->len)
		return -EINVAL;
	err = xsd_canonical_path(r->ctx.conn, p, r->path, false);
	if (err)
		return err;
	vlen = r->len - plen;
	if (vlen) {
		v = kmalloc(vlen);
		if (!v)
			return -ENOMEM;
		memcpy(v, r->buf + plen, vlen);
	}
	err = writable(r, &n, &created);
	if (err) {
		kfree(v);
		return err;
	}
	kfree(n->value);
	n->value = v;
	n->vlen = vlen;
	xsd_touch(&r->ctx, n);
	err = xsd_fire_ctx(&r->ctx, r->path, n, false);
	return err ? err : ok(r);
}

static int do_mkdir(struct req *r)
{
	struct xsd_node *n;
	bool created;
	int err = one_path(r, false);

	if (!err)
		err = writable(r, &n, &created);
	if (!err && created)
		err = xsd_fire_ctx(&r->ctx, r->path, n, false);
	return err ? err : ok(r);
}

static int do_rm(struct req *r)
{
	struct xsd_node *n, *parent;
	char *slash;
	int err = one_path(r, false);

	if (err)
		return err;
	if (!strcmp(r->path, "/"))
		return -EINVAL;
	err = xsd_lookup(&r->ctx, r->path, XSD_PERM_WRITE, &n);
	if (err == -ENOENT) {
		/* Gone already: fine if its parent is there (xenstored). */
		slash = strrchr(r->path, '/');
		if (slash == r->path)
			slash[1] = '\0';
		else
			*slash = '\0';
		err = xsd_get(&r->ctx, r->path, &parent);
		return err ? err : parent ? ok(r) : -ENOENT;
	}
	if (err)
		return err;
	/* Fired first: the watchers' permission is the node's. */
	err = xsd_fire_ctx(&r->ctx, r->path, n, true);
	if (!err)
		err = xsd_delete(&r->ctx, n);
	return err ? err : ok(r);
}

static int do_get_perms(struct req *r)
{
	static const char letter[] = { 'n', 'r', 'w', 'b' };
	char *out = r->ctx.s->out;
	struct xsd_node *n;
	unsigned int i, len = 0;
	int err = one_path(r, false);

	if (!err)
		err = xsd_lookup(&r->ctx, r->path, XSD_PERM_READ, &n);
	if (err)
		return err;
	for (i = 0; i < n->nperms; i++)
		len += snprintf(out + len, 16, "%c%u", letter[n->perms[i].perm & 3],
				n->perms[i].id) + 1;
	return reply(r, out, len);
}

static int do_set_perms(struct req *r)
{
	const char *v[XSD_QUOTA_PERMS + 1];
	struct xsd_perm perms[XSD_QUOTA_PERMS];
	unsigned int off, count = 0, i;
	struct xsd_conn *c = r->ctx.conn;
	struct xsd_node *n, old;
	int err;

	/* "path\0perm\0...": every string terminated, at least one perm. */
	for (off = 0; off < r->len; off += strlen(r->buf + off) + 1) {
		if (count == ARRAY_SIZE(v))
			return -ENOSPC;
		v[count++] = r->buf + off;
	}
	if (count < 2 || r->buf[r->len - 1])
		return -EINVAL;
	for (i = 1; i < count; i++)
		if (xsd_parse_perm(v[i], &perms[i - 1]))
			return -EINVAL;
	err = xsd_canonical_path(c, v[0], r->path, false);
	if (!err)
		err = xsd_lookup(&r->ctx, r->path, XSD_PERM_WRITE | XSD_PERM_OWNER, &n);
	if (err)
		return err;
	/* A domain may share what it owns, not give it away. */
	if (!c->priv && perms[0].id != n->perms[0].id)
		return -EPERM;
	if (r->ctx.tx) {
		r->ctx.tx->own_delta += (perms[0].id == c->domid) - (n->perms[0].id == c->domid);
	} else {
		xsd_account(r->ctx.s, n->perms[0].id, -1);
		xsd_account(r->ctx.s, perms[0].id, 1);
	}
	old.nperms = n->nperms;
	memcpy(old.perms, n->perms, sizeof(old.perms));
	memset(n->perms, 0, sizeof(n->perms));
	memcpy(n->perms, perms, (count - 1) * sizeof(*perms));
	n->nperms = count - 1;
	xsd_touch(&r->ctx, n);
	if (r->ctx.tx)
		err = xsd_txn_queue_event(r->ctx.tx, r->path, false);
	else
		xsd_fire_perms(&r->ctx, r->path, n, &old);
	return err ? err : ok(r);
}

static int do_watch(struct req *r)
{
	const char *v[2];
	int err = strings(r, v, 2);

	if (!err)
		err = xsd_canonical_path(r->ctx.conn, v[0], r->path, true);
	if (!err && r->hdr->type == XS_UNWATCH)
		return xsd_watch_del(r->ctx.conn, r->path, v[1]) ?: ok(r);
	if (!err)
		err = xsd_watch_add(r->ctx.conn, r->path, v[0], v[1]);
	if (!err)
		err = ok(r);
	/* Then its first firing, with the path as given (xenstored). */
	if (!err)
		xsd_send_event(r->ctx.conn, v[0], v[1]);
	return err;
}

static int do_transaction_start(struct req *r)
{
	char id[12];
	u32 tid;
	int err;

	if (r->ctx.tx)
		return -EBUSY;
	err = xsd_txn_start(r->ctx.conn, &tid);
	if (err)
		return err;
	return reply(r, id, snprintf(id, sizeof(id), "%u", tid) + 1);
}

static int do_transaction_end(struct req *r)
{
	const char *v;
	int err = strings(r, &v, 1);

	if (!r->ctx.tx)
		return -ENOENT;
	if (err || (strcmp(v, "T") && strcmp(v, "F")))
		return -EINVAL;
	err = xsd_txn_end(r->ctx.s, r->ctx.conn, r->ctx.tx, v[0] == 'T');
	r->ctx.tx = NULL;
	return err ? err : ok(r);
}

static int domid_arg(const char *s, domid_t *id)
{
	unsigned long long v;

	if (xsd_parse_uint(s, 0xffff, &v))
		return -EINVAL;
	*id = v;
	return 0;
}

static int do_get_domain_path(struct req *r)
{
	const char *v;
	domid_t id;
	int err = strings(r, &v, 1);

	if (!err)
		err = domid_arg(v, &id);
	if (err)
		return err;
	return reply(r, r->path, snprintf(r->path, 32, "/local/domain/%u", id) + 1);
}

static int do_is_introduced(struct req *r)
{
	const char *v;
	domid_t id;
	int err = strings(r, &v, 1);

	if (!err)
		err = domid_arg(v, &id);
	if (err)
		return err;
	return reply(r, xsd_conn_of(r->ctx.s, id) ? "T" : "F", 2);
}

static int do_introduce(struct req *r)
{
	struct xsd_server *s = r->ctx.s;
	unsigned long long mfn, port;
	const char *v[3];
	domid_t id;
	int err;

	if (!r->ctx.conn->priv)
		return -EACCES;
	err = strings(r, v, 3);
	if (!err)
		err = domid_arg(v[0], &id);
	if (!err && (xsd_parse_uint(v[1], U64_MAX / 10, &mfn) ||
		     xsd_parse_uint(v[2], U32_MAX, &port)))
		err = -EINVAL;
	if (!err)
		err = s->introduce ? s->introduce(s, id, mfn, port) :
				     xsd_domain_add(s, id, NULL, NULL);
	return err ? err : ok(r);
}

static int do_release(struct req *r)
{
	struct xsd_server *s = r->ctx.s;
	const char *v;
	domid_t id;
	int err;

	if (!r->ctx.conn->priv)
		return -EACCES;
	err = strings(r, &v, 1);
	if (!err)
		err = domid_arg(v, &id);
	if (!err)
		err = s->release ? s->release(s, id) : xsd_domain_remove(s, id);
	return err ? err : ok(r);
}

static int do_reset_watches(struct req *r)
{
	xsd_watches_free(r->ctx.conn);
	return ok(r);
}

static int (*const handler[XS_TYPE_COUNT])(struct req *r) = {
	[XS_READ] = do_read,
	[XS_DIRECTORY] = do_directory,
	[XS_WRITE] = do_write,
	[XS_MKDIR] = do_mkdir,
	[XS_RM] = do_rm,
	[XS_GET_PERMS] = do_get_perms,
	[XS_SET_PERMS] = do_set_perms,
	[XS_WATCH] = do_watch,
	[XS_UNWATCH] = do_watch,
	[XS_TRANSACTION_START] = do_transaction_start,
	[XS_TRANSACTION_END] = do_transaction_end,
	[XS_GET_DOMAIN_PATH] = do_get_domain_path,
	[XS_IS_DOMAIN_INTRODUCED] = do_is_introduced,
	[XS_INTRODUCE] = do_introduce,
	[XS_RELEASE] = do_release,
	[XS_RESET_WATCHES] = do_reset_watches,
};

static void send_error(struct xsd_conn *c, const struct xsd_sockmsg *hdr, int errnum)
{
	const char *name = "EIO";
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(xsd_errors); i++) {
		if (xsd_errors[i].errnum == errnum) {
			name = xsd_errors[i].errstring;
			break;
		}
	}
	xsd_queue(c, XS_ERROR, hdr->req_id, hdr->tx_id, name, strlen(name) + 1);
}

int xsd_request(struct xsd_server *s, struct xsd_conn *c,
		const struct xsd_sockmsg *hdr, const char *payload)
{
	struct req r = {
		.ctx = { .s = s, .conn = c },
		.hdr = hdr,
		.buf = s->buf,
		.len = hdr->len,
		.path = s->path,
	};
	int err = -ENOSYS;

	if (hdr->len > XENSTORE_PAYLOAD_MAX)
		return -E2BIG;
	memcpy(s->buf, payload, hdr->len);
	s->buf[hdr->len] = '\0';
	if (hdr->tx_id) {
		r.ctx.tx = xsd_txn_find(c, hdr->tx_id);
		if (!r.ctx.tx) {
			send_error(c, hdr, ENOENT);
			return 0;
		}
	}
	/* Only the tree's requests work in a transaction's view. */
	switch (hdr->type) {
	case XS_WATCH: case XS_UNWATCH: case XS_GET_DOMAIN_PATH:
	case XS_IS_DOMAIN_INTRODUCED: case XS_INTRODUCE: case XS_RELEASE:
	case XS_RESET_WATCHES:
		r.ctx.tx = NULL;
		break;
	}
	if (hdr->type < XS_TYPE_COUNT && handler[hdr->type])
		err = handler[hdr->type](&r);
	if (err)
		send_error(c, hdr, -err);
	return 0;
}
