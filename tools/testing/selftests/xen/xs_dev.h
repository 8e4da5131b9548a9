/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xs_dev.h - a minimal xenstore client over /dev/xen/xenbus, for tests
 * that use xenstore as a tool rather than test it: to learn their own
 * domain id and to meet a peer domain (interdomain_test.c).  xenbus_test.c
 * tests the device itself with its own client and does not use this.
 *
 * One request, then its reply (xen/io/xs_wire.h), each read bounded by a
 * timeout; nothing here sets a watch, so no event can come between.  A
 * path without a leading '/' is relative to the caller's own
 * /local/domain/<domid>, which xenstored resolves, not this code.
 */
#ifndef XS_DEV_H
#define XS_DEV_H

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xen/io/xs_wire.h>

#define XSD_TIMEOUT_MS	5000

static int xsd_fd = -1;

static int xsd_read_full(void *buf, size_t len)
{
	struct pollfd p = { .fd = xsd_fd, .events = POLLIN };
	size_t got = 0;
	ssize_t n;

	while (got < len) {
		if (poll(&p, 1, XSD_TIMEOUT_MS) <= 0)
			return -ETIMEDOUT;
		n = read(xsd_fd, (char *)buf + got, len - got);
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		got += n;
	}
	return 0;
}

/*
 * TYPE with PATH (and, for XS_WRITE, VAL): 0 and the reply's body in OUT
 * (nul-terminated, cut to OUTLEN), -EIO for an XS_ERROR reply (its name
 * in OUT), or -errno.
 */
static inline int xsd_request(uint32_t type, const char *path, const char *val,
			      char *out, size_t outlen)
{
	char buf[sizeof(struct xsd_sockmsg) + XENSTORE_PAYLOAD_MAX + 1];
	struct xsd_sockmsg h = { .type = type, .req_id = 1 };
	size_t lp = strlen(path) + 1, lv = val ? strlen(val) : 0;
	int rc;

	if (lp + lv > XENSTORE_PAYLOAD_MAX)
		return -E2BIG;
	if (xsd_fd < 0) {
		xsd_fd = open("/dev/xen/xenbus", O_RDWR);
		if (xsd_fd < 0)
			return -errno;
	}
	h.len = lp + lv;
	memcpy(buf, &h, sizeof(h));
	memcpy(buf + sizeof(h), path, lp);
	if (lv)
		memcpy(buf + sizeof(h) + lp, val, lv);
	if (write(xsd_fd, buf, sizeof(h) + h.len) != (ssize_t)(sizeof(h) + h.len))
		return -errno;
	rc = xsd_read_full(&h, sizeof(h));
	if (!rc && h.len > XENSTORE_PAYLOAD_MAX)
		rc = -E2BIG;
	if (!rc)
		rc = xsd_read_full(buf, h.len);
	if (rc)
		return rc;
	buf[h.len] = 0;
	if (out && outlen)
		snprintf(out, outlen, "%s", buf);
	return h.type == XS_ERROR ? -EIO : 0;
}

static inline int xsd_read(const char *path, char *out, size_t outlen)
{
	return xsd_request(XS_READ, path, NULL, out, outlen);
}

static inline int xsd_write(const char *path, const char *val)
{
	return xsd_request(XS_WRITE, path, val, NULL, 0);
}

#endif /* XS_DEV_H */
