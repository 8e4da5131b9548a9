// SPDX-License-Identifier: GPL-2.0
/*
 * The xenstore wire protocol, pure: ring copies, message assembly, reply
 * checks, payload splitting (xenbus_wire.h).  The rings' indices are free
 * running 32-bit counters; producer - consumer is what is in flight and
 * can never exceed the ring's size, whatever the peer wrote.  Each index
 * is read once into a local; the bytes are copied out of (or into) the
 * shared page before anything looks at them.  Also built on the host.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <asm/barrier.h>
#include "xenbus_wire.h"

int xs_ring_write(struct xenstore_domain_interface *intf, const void *data,
		  unsigned int len)
{
	XENSTORE_RING_IDX cons = READ_ONCE(intf->req_cons);
	XENSTORE_RING_IDX prod = READ_ONCE(intf->req_prod);
	unsigned int used = prod - cons, done = 0;

	if (used > XENSTORE_RING_SIZE)
		return -EIO;
	/* The bytes the daemon has consumed are ours only once we saw cons. */
	virt_mb();
	while (done < len && used < XENSTORE_RING_SIZE) {
		unsigned int off = MASK_XENSTORE_IDX(prod);
		unsigned int chunk = min(XENSTORE_RING_SIZE - off, XENSTORE_RING_SIZE - used);

		chunk = min(chunk, len - done);
		memcpy(intf->req + off, (const char *)data + done, chunk);
		done += chunk;
		prod += chunk;
		used += chunk;
	}
	/* The daemon must see the bytes before the index that covers them. */
	virt_wmb();
	WRITE_ONCE(intf->req_prod, prod);
	return done;
}

int xs_ring_read(struct xenstore_domain_interface *intf, void *buf, unsigned int len)
{
	XENSTORE_RING_IDX cons = READ_ONCE(intf->rsp_cons);
	XENSTORE_RING_IDX prod = READ_ONCE(intf->rsp_prod);
	unsigned int avail = prod - cons, done = 0;

	if (avail > XENSTORE_RING_SIZE)
		return -EIO;
	/* The bytes are valid only up to the producer index we read. */
	virt_rmb();
	len = min(len, avail);
	while (done < len) {
		unsigned int off = MASK_XENSTORE_IDX(cons);
		unsigned int chunk = min(XENSTORE_RING_SIZE - off, len - done);

		memcpy((char *)buf + done, intf->rsp + off, chunk);
		done += chunk;
		cons += chunk;
	}
	/* Copied out before the daemon may overwrite them. */
	virt_mb();
	WRITE_ONCE(intf->rsp_cons, cons);
	return done;
}

int xs_rx_pull(struct xs_rx *rx, struct xenstore_domain_interface *intf)
{
	const unsigned int hlen = sizeof(rx->hdr);
	int n;

	while (rx->got < hlen) {
		n = xs_ring_read(intf, (char *)&rx->hdr + rx->got, hlen - rx->got);
		if (n <= 0)
			return n;
		rx->got += n;
	}
	/* Our copy of the header: checked once, then trusted. */
	if (rx->hdr.len > XENSTORE_PAYLOAD_MAX)
		return -E2BIG;
	while (rx->got < hlen + rx->hdr.len) {
		n = xs_ring_read(intf, rx->body + (rx->got - hlen),
				 hlen + rx->hdr.len - rx->got);
		if (n <= 0)
			return n;
		rx->got += n;
	}
	rx->body[rx->hdr.len] = '\0';
	return 1;
}

int xs_check_reply(const struct xsd_sockmsg *hdr, const struct xs_pending *req,
		   const char **why)
{
	if (hdr->req_id != req->req_id) {
		*why = "req_id of no request in flight";
		return -EPROTO;
	}
	if (hdr->type != req->type && hdr->type != XS_ERROR) {
		*why = "type differs from the request's";
		return -EPROTO;
	}
	return 0;
}

int xs_count_strings(const char *body, unsigned int len)
{
	unsigned int i;
	int n = 0;

	if (len && body[len - 1])
		return -EPROTO;
	for (i = 0; i < len; i++)
		n += !body[i];
	return n;
}

int xs_check_string(const char *body, unsigned int len)
{
	return xs_count_strings(body, len) == 1 ? 0 : -EPROTO;
}

int xs_check_ok(const char *body, unsigned int len)
{
	return len == 3 && !memcmp(body, "OK", 3) ? 0 : -EPROTO;
}

int xs_error_to_errno(const char *body, unsigned int len)
{
	unsigned int i;

	if (xs_check_string(body, len))
		return -EPROTO;
	for (i = 0; i < ARRAY_SIZE(xsd_errors); i++)
		if (!strcmp(body, xsd_errors[i].errstring))
			return -xsd_errors[i].errnum;
	return -EIO;
}

int xs_parse_watch_event(const char *body, unsigned int len, const char **path,
			 const char **token)
{
	if (xs_count_strings(body, len) < 2)
		return -EPROTO;
	*path = body;
	*token = body + strlen(body) + 1;
	return 0;
}

/* Up to @max decimal digits, nothing else, at most @limit. */
static int parse_decimal(const char *s, unsigned int max, u64 limit, u64 *val)
{
	unsigned int i;
	u64 v = 0;

	for (i = 0; s[i]; i++) {
		if (i == max || s[i] < '0' || s[i] > '9')
			return -EINVAL;
		v = v * 10 + (s[i] - '0');
	}
	if (!i || v > limit)
		return -EINVAL;
	*val = v;
	return 0;
}

int xs_parse_tx_id(const char *body, unsigned int len, u32 *id)
{
	u64 v;

	if (xs_check_string(body, len) || parse_decimal(body, 10, U32_MAX, &v) || !v)
		return -EPROTO;
	*id = v;
	return 0;
}

int xs_check_perm(const char *perm)
{
	u64 domid;

	if (!perm[0] || !strchr("nrwb", perm[0]))
		return -EINVAL;
	return parse_decimal(perm + 1, 5, 0xffff, &domid);
}
