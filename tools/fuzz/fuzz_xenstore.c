// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the xenstore wire code (drivers/xen/xenbus/
 * xenbus_wire.c) against a peer that writes anything.  The input is a
 * script of steps over one shared page (an exactly sized heap copy):
 * the peer appends reply bytes to the response ring as a daemon would,
 * or writes any index it likes; the client sends requests and pulls
 * messages, and each whole message goes through every payload check.
 *
 * Invariants: nothing is read or written outside the page and the
 * message buffer (AddressSanitizer); the consumer index moves forward by
 * at most what the producer offered; a message is whole, within
 * XENSTORE_PAYLOAD_MAX and NUL-terminated; parsed strings lie inside the
 * payload; and while the peer only appends, the messages carry exactly
 * the bytes it wrote, in order.  A -EIO or -E2BIG ends the script, as a
 * broken connection ends the client.
 */
#include <linux/kernel.h>
#include <xen/interface/io/xs_wire.h>
#include "fuzz_host.h"
#include "../../drivers/xen/xenbus/xenbus_wire.h"

#define HDR	sizeof(struct xsd_sockmsg)
#define STREAM	65536

enum { PEER_APPEND, PEER_RSP_PROD, PEER_RSP_CONS, PEER_REQ_CONS, CLIENT_SEND,
       CLIENT_PULL, NR_STEPS };

struct script {
	const uint8_t *p, *end;
};

static unsigned int take(struct script *s, unsigned int n)
{
	unsigned int v = 0, i;

	for (i = 0; i < n && s->p < s->end; i++)
		v |= (unsigned int)*s->p++ << (8 * i);
	return v;
}

/* The bytes rx took since it held @before match what the peer wrote. */
static void check_stream(const struct xs_rx *rx, unsigned int before, const uint8_t *expect)
{
	unsigned int i;

	for (i = before; i < rx->got; i++) {
		uint8_t b = i < HDR ? ((const uint8_t *)&rx->hdr)[i] : rx->body[i - HDR];

		FUZZ_CHECK(b == expect[i - before]);
	}
}

/* Every payload check on one message; the results must stay in bounds. */
static void parse_message(const struct xs_rx *rx, const struct xs_pending *req)
{
	const char *body = rx->body, *why, *path, *token;
	unsigned int len = rx->hdr.len;
	int n, err;
	u32 id;

	if (!xs_check_reply(&rx->hdr, req, &why))
		FUZZ_CHECK(rx->hdr.req_id == req->req_id &&
			   (rx->hdr.type == req->type || rx->hdr.type == XS_ERROR));
	n = xs_count_strings(body, len);
	FUZZ_CHECK(n >= -EPROTO && n <= (int)len);
	if (n > 0) {
		FUZZ_CHECK(body[len - 1] == 0);
		for (path = body; path < body + len; path += strlen(path) + 1)
			xs_check_perm(path);
	}
	if (!xs_check_string(body, len))
		FUZZ_CHECK(n == 1 && strlen(body) == len - 1);
	if (!xs_check_ok(body, len))
		FUZZ_CHECK(!strcmp(body, "OK") && len == 3);
	err = xs_error_to_errno(body, len);
	FUZZ_CHECK(err == -EPROTO || err == -EIO || (err < 0 && err > -200));
	if (!xs_parse_watch_event(body, len, &path, &token)) {
		FUZZ_CHECK(path == body && token > path && token < body + len);
		FUZZ_CHECK(token + strlen(token) < body + len);
	}
	if (!xs_parse_tx_id(body, len, &id))
		FUZZ_CHECK(id != 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct script s = { data, data + size };
	struct xenstore_domain_interface *intf = malloc(sizeof(*intf));
	static struct xs_rx rx;
	static uint8_t wrote[STREAM], request[XENSTORE_PAYLOAD_MAX];
	size_t nwrote = 0, nread = 0;
	struct xs_pending req;
	bool hostile = false;
	int steps = 0;

	memset(intf, 0, sizeof(*intf));
	xs_rx_reset(&rx);
	req.type = take(&s, 1) % XS_TYPE_COUNT;
	req.req_id = take(&s, 1);

	while (s.p < s.end && steps++ < 256) {
		XENSTORE_RING_IDX cons = intf->rsp_cons, prod = intf->rsp_prod;
		unsigned int op = take(&s, 1) % NR_STEPS, n, i;
		int ret;

		switch (op) {
		case PEER_APPEND:
			/* A well-behaved daemon: only into the room there is. */
			n = take(&s, 2) % (XENSTORE_RING_SIZE + 1);
			if (!hostile)
				n = min(n, XENSTORE_RING_SIZE - (prod - cons));
			for (i = 0; i < n && s.p < s.end; i++, prod++) {
				intf->rsp[MASK_XENSTORE_IDX(prod)] = *s.p;
				if (nwrote < STREAM)
					wrote[nwrote++] = *s.p;
				s.p++;
			}
			intf->rsp_prod = prod;
			break;
		case PEER_RSP_PROD:
			intf->rsp_prod = take(&s, 4);
			hostile = true;
			break;
		case PEER_RSP_CONS:
			intf->rsp_cons = take(&s, 4);
			hostile = true;
			break;
		case PEER_REQ_CONS:
			intf->req_cons = take(&s, 4);
			break;
		case CLIENT_SEND: {
			XENSTORE_RING_IDX qc = intf->req_cons, qp = intf->req_prod;

			n = take(&s, 2) % (XENSTORE_PAYLOAD_MAX + 1);
			ret = xs_ring_write(intf, request, n);
			if (qp - qc > XENSTORE_RING_SIZE) {
				FUZZ_CHECK(ret == -EIO && intf->req_prod == qp);
			} else {
				FUZZ_CHECK(ret >= 0 && (unsigned int)ret <= n &&
					   (unsigned int)ret <= XENSTORE_RING_SIZE - (qp - qc));
				FUZZ_CHECK(intf->req_prod == qp + ret);
				FUZZ_CHECK((unsigned int)ret == n ||
					   intf->req_prod - qc == XENSTORE_RING_SIZE);
			}
			break;
		}
		case CLIENT_PULL: {
			unsigned int before = rx.got;

			ret = xs_rx_pull(&rx, intf);
			FUZZ_CHECK(ret == 0 || ret == 1 || ret == -EIO || ret == -E2BIG);
			if (ret == -EIO) {
				FUZZ_CHECK(prod - cons > XENSTORE_RING_SIZE);
				goto out;
			}
			/* Moved forward, by no more than was offered. */
			FUZZ_CHECK(intf->rsp_cons - cons <= prod - cons);
			FUZZ_CHECK(intf->rsp_cons - cons == rx.got - before);
			if (!hostile) {
				FUZZ_CHECK(nread + (rx.got - before) <= nwrote);
				check_stream(&rx, before, wrote + nread);
				nread += rx.got - before;
			}
			if (ret == -E2BIG) {
				FUZZ_CHECK(rx.got == HDR && rx.hdr.len > XENSTORE_PAYLOAD_MAX);
				goto out;
			}
			FUZZ_CHECK(rx.got <= HDR + XENSTORE_PAYLOAD_MAX);
			if (ret == 1) {
				FUZZ_CHECK(rx.hdr.len <= XENSTORE_PAYLOAD_MAX);
				FUZZ_CHECK(rx.got == HDR + rx.hdr.len && rx.body[rx.hdr.len] == 0);
				parse_message(&rx, &req);
				xs_rx_reset(&rx);
			}
			break;
		}
		}
	}
out:
	free(intf);
	return 0;
}
