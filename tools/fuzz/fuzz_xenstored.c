// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the slim dom0's xenstore server core
 * (drivers/xen/dom0/xs_*.c, host-built) fed message sequences from four
 * connections (dom0 and domains 1 to 3, introduced at the start).  Each
 * step is one request: its type, sender, transaction and payload come
 * from the input, the payload either raw bytes or assembled from a
 * small set of paths, values, tokens and permissions (so that deep
 * states are reached: nested nodes, transactions that conflict, watches
 * that fire, permissions that refuse).
 *
 * Invariants, after every step: every queued message is within
 * XENSTORE_PAYLOAD_MAX; each request got exactly one reply, with its
 * req_id and either its type or XS_ERROR; an error is one string that
 * is an errno name; a watch event is two strings.  At the end of each
 * input: the tree is consistent (each node's parent exists and lists
 * it, each listed child exists), each domU's node count is what its
 * nodes say and within XSD_QUOTA_NODES; and no domU can read a node
 * whose permissions do not let it.  AddressSanitizer catches the rest;
 * leaks too, as the server is freed after each input.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <xen/interface/io/xs_wire.h>
#include "fuzz_host.h"
#include "../../drivers/xen/dom0/xs_internal.h"

#define NCONN	4

static const char *const paths[] = {
	"/", "/local", "/local/domain", "/local/domain/1", "/local/domain/1/a",
	"/local/domain/2/b/c", "a", "a/b", "a/b/c", "data", "data/x", "/tool",
	"@introduceDomain", "@releaseDomain", "/local/domain/3", "bad//path",
	"trailing/", "/local/domain/0/name", "device/vbd/51712/state", "",
};
static const char *const words[] = {
	"", "v", "T", "F", "1", "2", "3", "n0", "r1", "w2", "b3", "n1", "b0",
	"x9", "65535", "tok", "0", "4096",
};

struct script {
	const uint8_t *p, *end;
};

static unsigned int take(struct script *s)
{
	return s->p < s->end ? *s->p++ : 0;
}

static const char *pick(struct script *s, const char *const *set, unsigned int n)
{
	return set[take(s) % n];
}

/* Append @str and its NUL (or not) to @buf at *len, bounded. */
static void add(char *buf, unsigned int *len, const char *str, bool nul)
{
	size_t l = strlen(str) + nul;

	if (*len + l <= XENSTORE_PAYLOAD_MAX + 1) {
		memcpy(buf + *len, str, l);
		*len += l;
	}
}

static unsigned int build(struct script *s, u32 type, char *buf)
{
	unsigned int len = 0, n, i;

	switch (type) {
	case XS_WRITE:
		add(buf, &len, pick(s, paths, ARRAY_SIZE(paths)), true);
		add(buf, &len, pick(s, words, ARRAY_SIZE(words)), false);
		break;
	case XS_SET_PERMS:
	case XS_INTRODUCE:
		n = type == XS_INTRODUCE ? 3 : 1 + take(s) % 7;
		if (type == XS_SET_PERMS)
			add(buf, &len, pick(s, paths, ARRAY_SIZE(paths)), true);
		for (i = 0; i < n; i++)
			add(buf, &len, pick(s, words, ARRAY_SIZE(words)), true);
		break;
	case XS_WATCH:
	case XS_UNWATCH:
		add(buf, &len, pick(s, paths, ARRAY_SIZE(paths)), true);
		add(buf, &len, pick(s, words, ARRAY_SIZE(words)), true);
		break;
	case XS_TRANSACTION_END:
	case XS_GET_DOMAIN_PATH:
	case XS_RELEASE:
	case XS_IS_DOMAIN_INTRODUCED:
	case XS_TRANSACTION_START:
		add(buf, &len, pick(s, words, ARRAY_SIZE(words)), true);
		break;
	default:
		add(buf, &len, pick(s, paths, ARRAY_SIZE(paths)), true);
		break;
	}
	return len;
}

static bool is_strings(const char *b, unsigned int len, unsigned int n)
{
	unsigned int off = 0, i;

	for (i = 0; i < n; i++) {
		const char *z = memchr(b + off, 0, len - off);

		if (off >= len || !z)
			return false;
		off = z - b + 1;
	}
	return off == len;
}

static bool errno_name(const char *b, unsigned int len)
{
	unsigned int i;

	if (!is_strings(b, len, 1))
		return false;
	for (i = 0; i < ARRAY_SIZE(xsd_errors); i++)
		if (!strcmp(b, xsd_errors[i].errstring))
			return true;
	return false;
}

/* TRANSACTION_START's reply: a decimal id and its NUL. */
static u32 tx_id_of(const char *b, unsigned int len)
{
	u32 id = 0;
	unsigned int i;

	FUZZ_CHECK(len >= 2 && !b[len - 1]);
	for (i = 0; i < len - 1; i++) {
		FUZZ_CHECK(b[i] >= '0' && b[i] <= '9');
		id = id * 10 + b[i] - '0';
	}
	FUZZ_CHECK(id);
	return id;
}

/* Every message of @c after a request (@req, NULL for none). */
static void drain(struct xsd_conn *c, const struct xsd_sockmsg *req, u32 *last_tx)
{
	unsigned int replies = 0;
	struct xsd_msg *m;

	while ((m = xsd_out_peek(c))) {
		FUZZ_CHECK(m->hdr.len <= XENSTORE_PAYLOAD_MAX);
		if (m->hdr.type == XS_WATCH_EVENT) {
			FUZZ_CHECK(is_strings(m->body, m->hdr.len, 2));
		} else {
			FUZZ_CHECK(req && !replies++);
			FUZZ_CHECK(m->hdr.req_id == req->req_id);
			FUZZ_CHECK(m->hdr.type == req->type || m->hdr.type == XS_ERROR);
			if (m->hdr.type == XS_ERROR)
				FUZZ_CHECK(errno_name(m->body, m->hdr.len));
			else if (req->type == XS_TRANSACTION_START)
				*last_tx = tx_id_of(m->body, m->hdr.len);
		}
		xsd_out_pop(c);
	}
	if (req)
		FUZZ_CHECK(replies == 1);
}

/* Whether the children blob of @p lists @name. */
static bool lists(const struct xsd_node *p, const char *name)
{
	unsigned int off;

	for (off = 0; off < p->clen; off += strlen(p->children + off) + 1)
		if (!strcmp(p->children + off, name))
			return true;
	return false;
}

static void check_tree(struct xsd_server *s)
{
	static char parent[XENSTORE_ABS_PATH_MAX + 1], child[XENSTORE_ABS_PATH_MAX + 2];
	unsigned int b, off, plen, count[NCONN] = { 0 };
	struct xsd_node *n, *p;
	struct xsd_conn *c;
	const char *slash;

	FUZZ_CHECK(xsd_store_find(&s->main, "/"));
	for (b = 0; b < s->main.nbuckets; b++) {
		for (n = s->main.bucket[b]; n; n = n->hnext) {
			FUZZ_CHECK(n->nperms >= 1 && n->nperms <= XSD_QUOTA_PERMS);
			FUZZ_CHECK(!n->clen || !n->children[n->clen - 1]);
			if (n->perms[0].id < NCONN)
				count[n->perms[0].id]++;
			for (off = 0; off < n->clen; off += strlen(n->children + off) + 1) {
				snprintf(child, sizeof(child), "%s/%s",
					 strcmp(n->path, "/") ? n->path : "", n->children + off);
				FUZZ_CHECK(xsd_store_find(&s->main, child));
			}
			if (!strcmp(n->path, "/"))
				continue;
			slash = strrchr(n->path, '/');
			FUZZ_CHECK(slash);
			plen = slash == n->path ? 1 : slash - n->path;
			memcpy(parent, n->path, plen);
			parent[plen] = 0;
			p = xsd_store_find(&s->main, parent);
			FUZZ_CHECK(p && lists(p, slash + 1));
		}
	}
	list_for_each_entry(c, &s->conns, list) {
		if (c->priv || c->domid >= NCONN)
			continue;
		FUZZ_CHECK(c->nr_nodes == count[c->domid]);
		FUZZ_CHECK(c->nr_nodes <= XSD_QUOTA_NODES);
	}
}

/* A domU may read @n only if its permissions say so: ask as it. */
static void check_reads(struct xsd_server *s)
{
	static const struct xsd_sockmsg hdr0;
	struct xsd_sockmsg hdr = hdr0;
	struct xsd_node *n;
	struct xsd_conn *c;
	struct xsd_msg *m;
	unsigned int b;
	bool may;

	list_for_each_entry(c, &s->conns, list) {
		if (c->priv)
			continue;
		for (b = 0; b < s->main.nbuckets; b++) {
			for (n = s->main.bucket[b]; n; n = n->hnext) {
				/* The rule, written out here, not the server's helper. */
				may = n->perms[0].id == c->domid;
				if (!may) {
					unsigned int i, perm = n->perms[0].perm;

					for (i = 1; i < n->nperms; i++)
						if (n->perms[i].id == c->domid) {
							perm = n->perms[i].perm;
							break;
						}
					may = perm & XSD_PERM_READ;
				}
				drain(c, NULL, NULL);
				hdr.type = XS_READ;
				hdr.req_id = 77;
				hdr.len = strlen(n->path) + 1;
				xsd_request(s, c, &hdr, n->path);
				m = xsd_out_peek(c);
				FUZZ_CHECK(m);
				FUZZ_CHECK((m->hdr.type == XS_READ) == may);
				xsd_out_pop(c);
			}
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char payload[XENSTORE_PAYLOAD_MAX + 2];
	struct script s = { data, data + size };
	struct xsd_conn *conn[NCONN];
	u32 last_tx[NCONN] = { 0 };
	struct xsd_sockmsg hdr;
	struct xsd_server *srv = xsd_server_new();
	unsigned int i, who, op, steps = 0;

	FUZZ_CHECK(srv);
	conn[0] = xsd_conn_of(srv, 0);
	for (i = 1; i < NCONN; i++)
		FUZZ_CHECK(!xsd_domain_add(srv, i, NULL, &conn[i]));
	while (s.p < s.end && steps++ < 256) {
		op = take(&s);
		who = take(&s) % NCONN;
		/* A connection released meanwhile: dom0 speaks instead. */
		if (!xsd_conn_of(srv, who))
			who = 0;
		conn[who] = xsd_conn_of(srv, who);
		hdr.type = (op & 0x7f) % (XS_TYPE_COUNT + 1);
		hdr.req_id = take(&s) + 1;
		i = take(&s);
		hdr.tx_id = i == 0 ? 0 : i == 1 ? last_tx[who] : i;
		if (op & 0x80) {
			hdr.len = build(&s, hdr.type, payload);
		} else {
			hdr.len = take(&s) | (take(&s) << 8);
			if (hdr.len > (u32)(s.end - s.p))
				hdr.len = s.end - s.p;
			memcpy(payload, s.p, hdr.len > XENSTORE_PAYLOAD_MAX ?
			       XENSTORE_PAYLOAD_MAX + 1 : hdr.len);
			s.p += hdr.len;
		}
		if (hdr.len > XENSTORE_PAYLOAD_MAX) {
			FUZZ_CHECK(xsd_request(srv, conn[who], &hdr, payload) == -E2BIG);
			FUZZ_CHECK(!xsd_out_peek(conn[who]));
			continue;
		}
		FUZZ_CHECK(!xsd_request(srv, conn[who], &hdr, payload));
		drain(conn[who], &hdr, &last_tx[who]);
		/* Events for the others, taken now or left to pile up. */
		for (i = 0; i < NCONN; i++)
			if (i != who && xsd_conn_of(srv, i) && (op & 1))
				drain(xsd_conn_of(srv, i), NULL, NULL);
	}
	check_tree(srv);
	check_reads(srv);
	xsd_server_free(srv);
	return 0;
}
