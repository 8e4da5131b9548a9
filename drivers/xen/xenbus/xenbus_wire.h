/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The xenstore wire protocol as pure code (xenbus_wire.c): copying bytes
 * through the shared rings, assembling messages, checking replies and
 * splitting payloads.  No state beyond what the caller passes, no
 * allocation: also built on the host (tools/fuzz/fuzz_xenstore.c).
 *
 * Everything the peer writes is hostile: each ring index is read once,
 * checked (producer - consumer never beyond XENSTORE_RING_SIZE), and a
 * violation is an error the caller turns into a broken connection.
 */
#ifndef _DRIVERS_XEN_XENBUS_WIRE_H
#define _DRIVERS_XEN_XENBUS_WIRE_H

#include <linux/types.h>
#include <linux/errno.h>
#include <xen/interface/io/xs_wire.h>

/*
 * Copy up to @len bytes of @data into the request ring: the count copied
 * (0 when it is full), or -EIO if the indices are impossible.
 */
int xs_ring_write(struct xenstore_domain_interface *intf, const void *data,
		  unsigned int len);
/* Take up to @len bytes from the response ring, as above. */
int xs_ring_read(struct xenstore_domain_interface *intf, void *buf, unsigned int len);

/* One incoming message, assembled across ring reads. */
struct xs_rx {
	struct xsd_sockmsg hdr;
	unsigned int got;			/* header and payload bytes so far */
	char body[XENSTORE_PAYLOAD_MAX + 1];	/* payload, then a NUL of ours */
};

static inline void xs_rx_reset(struct xs_rx *rx)
{
	rx->got = 0;
}

/*
 * Pull what the ring holds into @rx: 1 once a whole message is there
 * (hdr.len <= XENSTORE_PAYLOAD_MAX, body[hdr.len] == 0), 0 if more is
 * needed, -EIO for impossible indices, -E2BIG for a
 * header announcing more than XENSTORE_PAYLOAD_MAX.  Never reads beyond
 * the message, so what follows stays in the ring.
 */
int xs_rx_pull(struct xs_rx *rx, struct xenstore_domain_interface *intf);

/* What the one request in flight was. */
struct xs_pending {
	u32 type;
	u32 req_id;
};

/*
 * Whether @hdr is the answer to @req: same req_id, and its own type or
 * XS_ERROR.  0, or -EPROTO with *why saying what is wrong.
 */
int xs_check_reply(const struct xsd_sockmsg *hdr, const struct xs_pending *req,
		   const char **why);

/*
 * The strings of a payload of @len bytes that must be a sequence of
 * NUL-terminated strings (directory, permissions): how many, or -EPROTO
 * if the last one is unterminated.  An empty payload has none.
 */
int xs_count_strings(const char *body, unsigned int len);

/* A payload that must be exactly one NUL-terminated string: 0 or -EPROTO. */
int xs_check_string(const char *body, unsigned int len);

/* The reply of a request answered with "OK": 0 or -EPROTO. */
int xs_check_ok(const char *body, unsigned int len);

/*
 * XS_ERROR's payload, a name from xsd_errors, as a negative errno;
 * -EPROTO for a malformed payload, -EIO for a name not in the list.
 */
int xs_error_to_errno(const char *body, unsigned int len);

/* XS_WATCH_EVENT: "path\0token\0" (more strings are ignored). */
int xs_parse_watch_event(const char *body, unsigned int len, const char **path,
			 const char **token);

/* XS_TRANSACTION_START's reply: a non-zero decimal id. */
int xs_parse_tx_id(const char *body, unsigned int len, u32 *id);

/* A permission string "<n|r|w|b><domid>": 0 or -EINVAL. */
int xs_check_perm(const char *perm);

#endif
