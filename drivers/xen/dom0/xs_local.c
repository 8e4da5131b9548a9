// SPDX-License-Identifier: GPL-2.0
/*
 * dom0's own connection to the xenstore server: dom0 has no store ring
 * (start_info names none), so its xenbus client (xenbus_comms.c) hands
 * each request here as a function call, gets the reply back at once,
 * and the watch events queued for dom0 go to its watch machinery.
 *
 * The server starts here with the keys a toolstack gives dom0
 * (/local/domain/0 with domid and name), and xenbus_init() starts it.
 */
#define pr_fmt(fmt) "xenstored: " fmt

#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/traps.h>
#include "xs_glue.h"

struct xsd_server *xsd_srv;
DEFINE_SPINLOCK(xsd_lock);
static u32 next_req_id;

bool xsd_local_ready(void)
{
	return xsd_srv != NULL;
}

/* Lock held: hand dom0's queued events to @deliver; the reply to @req_id out. */
static struct xsd_msg *drain(struct xsd_conn *c, u32 req_id,
			     void (*deliver)(const char *path, const char *token))
{
	struct xsd_msg *m, *reply = NULL;

	while ((m = xsd_out_peek(c))) {
		if (m->hdr.type != XS_WATCH_EVENT) {
			/* Ours is the one reply: one request at a time. */
			if (!reply && m->hdr.req_id == req_id) {
				reply = kmalloc(sizeof(*m) + m->hdr.len + 1);
				if (reply) {
					memcpy(reply, m, sizeof(*m) + m->hdr.len);
					reply->body[m->hdr.len] = '\0';
				}
			}
		} else if (deliver) {
			/* The core made it "path\0token\0". */
			deliver(m->body, m->body + strlen(m->body) + 1);
		}
		xsd_out_pop(c);
	}
	return reply;
}

void xsd_local_drain(void (*deliver)(const char *path, const char *token))
{
	if (!xsd_srv)
		return;
	spin_lock(&xsd_lock);
	drain(xsd_conn_of(xsd_srv, 0), 0, deliver);
	spin_unlock(&xsd_lock);
}

int xsd_local_talk(u32 type, u32 tx_id, const void *payload, unsigned int len,
		   u32 *rtype, char **body, unsigned int *rlen,
		   void (*deliver)(const char *path, const char *token))
{
	struct xsd_sockmsg hdr = { .type = type, .tx_id = tx_id, .len = len };
	struct xsd_msg *reply;

	if (!xsd_srv)
		return -ENODEV;
	if (in_interrupt())
		return -EBUSY;
	if (len > XENSTORE_PAYLOAD_MAX)
		return -E2BIG;
	spin_lock(&xsd_lock);
	/* Never 0, so no queued message is mistaken for the reply. */
	hdr.req_id = ++next_req_id ? next_req_id : ++next_req_id;
	xsd_request(xsd_srv, xsd_conn_of(xsd_srv, 0), &hdr, payload);
	reply = drain(xsd_conn_of(xsd_srv, 0), hdr.req_id, deliver);
	spin_unlock(&xsd_lock);
	if (!reply)
		return -ENOMEM;
	*rtype = reply->hdr.type;
	*rlen = reply->hdr.len;
	/* The body moves to the front: the caller kfrees what we return. */
	memmove(reply, reply->body, reply->hdr.len + 1);
	*body = (char *)reply;
	return 0;
}

/* Write @val at @path as dom0, through the requests like any client. */
static int local_write(const char *path, const char *val)
{
	size_t plen = strlen(path) + 1, vlen = strlen(val);
	char buf[64], *body;
	unsigned int len;
	u32 type;
	int err;

	if (plen + vlen > sizeof(buf))
		return -E2BIG;
	memcpy(buf, path, plen);
	memcpy(buf + plen, val, vlen);
	err = xsd_local_talk(XS_WRITE, 0, buf, plen + vlen, &type, &body, &len, NULL);
	if (err)
		return err;
	err = type == XS_WRITE ? 0 : -EIO;
	kfree(body);
	return err;
}

int xsd_local_init(void)
{
	struct xsd_server *s;
	int err;

	if (xsd_srv)
		return 0;
	s = xsd_server_new();
	if (!s)
		return -ENOMEM;
	xsd_set_hooks(s, xsd_ring_introduce_hook, xsd_ring_release_hook);
	xsd_srv = s;
	err = local_write("/local/domain/0/domid", "0");
	if (!err)
		err = local_write("/local/domain/0/name", "Domain-0");
	if (err) {
		xsd_srv = NULL;
		xsd_server_free(s);
		return err;
	}
	pr_info("serving dom0's own xenstore (no daemon, no ring)\n");
	return 0;
}
