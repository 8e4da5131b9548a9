// SPDX-License-Identifier: GPL-2.0
/*
 * xenbus_test - Linux's /dev/xen/xenbus: the xenstore wire protocol
 * (xen/io/xs_wire.h) spoken through the kernel's xenbus connection.
 *
 * The other party is the xenstore client (xenstore-utils, its own
 * connection to xenstored over the unix socket): what the device writes
 * it must read, what it writes the device must read, list and watch.  A
 * transaction whose key the client changed meanwhile must end in EAGAIN
 * and leave the client's value; one without a conflict must commit.  A
 * message past XENSTORE_PAYLOAD_MAX is refused and the same connection goes on.
 *
 * Invariant: everything lives under BASE, removed at the start and end.
 */
#include "xen_abi.h"
#include <xen/io/xs_wire.h>

#define BASE	"/local/domain/0/ksft-xenbus"
#define TOKEN	"ksft-token"

static int xb;
static unsigned int req_id;
static int events;		/* watch events for TOKEN seen so far */
static char event_path[XENSTORE_PAYLOAD_MAX + 1];

struct reply {
	uint32_t type;
	uint32_t len;
	char body[XENSTORE_PAYLOAD_MAX + 1];
};

static int read_full(void *buf, size_t len, int ms)
{
	size_t got = 0;
	ssize_t n;

	while (got < len) {
		if (!wait_readable(xb, ms))
			return -ETIMEDOUT;
		n = read(xb, (char *)buf + got, len - got);
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		got += n;
	}
	return 0;
}

/* One message from the device; watch events counted, not returned. */
static int recv_msg(struct reply *r, int ms, int want_event)
{
	struct xsd_sockmsg h;
	int rc;

	for (;;) {
		rc = read_full(&h, sizeof(h), ms);
		if (rc)
			return rc;
		if (h.len > XENSTORE_PAYLOAD_MAX)
			return -E2BIG;
		rc = read_full(r->body, h.len, ms);
		if (rc)
			return rc;
		r->body[h.len] = 0;
		r->type = h.type;
		r->len = h.len;
		if (h.type != XS_WATCH_EVENT)
			return 0;
		/* path\0token\0 */
		if (!strcmp(r->body + strlen(r->body) + 1, TOKEN)) {
			events++;
			memcpy(event_path, r->body, h.len + 1);
		}
		if (want_event)
			return 0;
	}
}

/* Send TYPE in transaction TX with payload P (LEN bytes); the reply in R. */
static int xs_call(uint32_t type, uint32_t tx, const void *p, uint32_t len, struct reply *r)
{
	char buf[sizeof(struct xsd_sockmsg) + XENSTORE_PAYLOAD_MAX];
	struct xsd_sockmsg h = { .type = type, .req_id = ++req_id, .tx_id = tx, .len = len };

	memcpy(buf, &h, sizeof(h));
	memcpy(buf + sizeof(h), p, len);
	if (write(xb, buf, sizeof(h) + len) != (ssize_t)(sizeof(h) + len))
		return -errno;
	return recv_msg(r, 3000, 0);
}

/* Two strings, each with its nul: PATH\0VALUE\0 style payloads. */
static uint32_t pack2(char *buf, const char *a, const char *b, int nul_b)
{
	size_t la = strlen(a) + 1, lb = strlen(b) + (nul_b ? 1 : 0);

	memcpy(buf, a, la);
	memcpy(buf + la, b, lb);
	return la + lb;
}

static int xs_write(uint32_t tx, const char *path, const char *val, struct reply *r)
{
	char buf[XENSTORE_PAYLOAD_MAX];

	return xs_call(XS_WRITE, tx, buf, pack2(buf, path, val, 0), r);
}

static int xs_read(uint32_t tx, const char *path, struct reply *r)
{
	return xs_call(XS_READ, tx, path, strlen(path) + 1, r);
}

static int is_error(const struct reply *r, const char *name)
{
	return r->type == XS_ERROR && !strcmp(r->body, name);
}

static void drain_events(int ms)
{
	struct reply r;

	while (recv_msg(&r, ms, 1) == 0)
		;
}

static void test_transactions(void)
{
	struct reply r;
	char tool[64];
	uint32_t tx;
	int rc, conflict, committed;

	xs_tool(NULL, 0, "xenstore write %s/tx before", BASE);
	rc = xs_call(XS_TRANSACTION_START, 0, "", 1, &r);
	tx = rc == 0 && r.type == XS_TRANSACTION_START ? strtoul(r.body, NULL, 10) : 0;
	xs_read(tx, BASE "/tx", &r);
	xs_write(tx, BASE "/tx", "from-the-transaction", &r);
	xs_tool(NULL, 0, "xenstore write %s/tx from-the-client", BASE);
	rc = xs_call(XS_TRANSACTION_END, tx, "T", 2, &r);
	conflict = rc == 0 && is_error(&r, "EAGAIN");
	xs_tool(tool, sizeof(tool), "xenstore read %s/tx", BASE);
	ksft_print_msg("transaction %u, its key written by the client meanwhile: end type %u \"%s\"; client reads \"%s\"\n",
		       tx, r.type, r.body, tool);
	ksft_test_result(tx && conflict, "transaction_conflict_eagain\n");
	ksft_test_result(!strcmp(tool, "from-the-client"), "conflicting_transaction_changed_nothing\n");

	rc = xs_call(XS_TRANSACTION_START, 0, "", 1, &r);
	tx = rc == 0 && r.type == XS_TRANSACTION_START ? strtoul(r.body, NULL, 10) : 0;
	xs_write(tx, BASE "/tx", "committed", &r);
	rc = xs_call(XS_TRANSACTION_END, tx, "T", 2, &r);
	committed = rc == 0 && r.type == XS_TRANSACTION_END;
	xs_tool(tool, sizeof(tool), "xenstore read %s/tx", BASE);
	ksft_print_msg("transaction %u without conflict: end type %u \"%s\"; client reads \"%s\"\n",
		       tx, r.type, r.body, tool);
	ksft_test_result(tx && committed && !strcmp(tool, "committed"), "transaction_commits\n");
}

int main(void)
{
	char buf[XENSTORE_PAYLOAD_MAX + 64], tool[256];
	struct xsd_sockmsg big = { .type = XS_READ, .len = XENSTORE_PAYLOAD_MAX + 1 };
	struct reply r;
	int rc, n, before;
	ssize_t w;
	char *s;

	ksft_print_header("xen_xenbus");
	xen_require_xen();
	xb = xen_open_or_skip("xenbus", O_RDWR);
	if (!xen_is_dom0())
		ksft_exit_skip("a domU: the independent side, xenstore-utils on xenstored's unix socket, is dom0's, and so is %s\n",
			       BASE);
	if (!xs_tool_present())
		ksft_exit_skip("no xenstore client (xenstore-utils) reaching xenstored to check against\n");
	ksft_set_plan(11);
	xs_tool(NULL, 0, "xenstore rm %s > /dev/null 2>&1", BASE);

	rc = xs_write(0, BASE "/a", "written-by-the-device", &r);
	xs_tool(tool, sizeof(tool), "xenstore read %s/a", BASE);
	ksft_print_msg("XS_WRITE: rc %d type %u \"%s\"; the client reads \"%s\"\n", rc, r.type, r.body, tool);
	ksft_test_result(rc == 0 && r.type == XS_WRITE && !strcmp(tool, "written-by-the-device"),
			 "write_seen_by_the_client\n");

	xs_tool(NULL, 0, "xenstore write %s/b written-by-the-client", BASE);
	rc = xs_read(0, BASE "/b", &r);
	ksft_print_msg("XS_READ of the client's key: rc %d type %u \"%s\"\n", rc, r.type, r.body);
	ksft_test_result(rc == 0 && r.type == XS_READ && !strcmp(r.body, "written-by-the-client"),
			 "read_what_the_client_wrote\n");

	xs_tool(NULL, 0, "xenstore write %s/c 3", BASE);
	rc = xs_call(XS_DIRECTORY, 0, BASE, sizeof(BASE), &r);
	n = 0;
	for (s = r.body; rc == 0 && r.type == XS_DIRECTORY && s < r.body + r.len; s += strlen(s) + 1)
		n += !strcmp(s, "a") + !strcmp(s, "b") + !strcmp(s, "c");
	ksft_print_msg("XS_DIRECTORY: rc %d type %u, %u bytes, %d of a b c\n", rc, r.type, r.len, n);
	ksft_test_result(n == 3, "directory_lists_both_sides_keys\n");

	rc = xs_read(0, BASE "/no-such-key", &r);
	ksft_test_result(rc == 0 && is_error(&r, "ENOENT"), "read_missing_key_enoent\n");

	rc = xs_call(XS_WATCH, 0, buf, pack2(buf, BASE "/w", TOKEN, 1), &r);
	drain_events(300);	/* xenstored fires a new watch once */
	before = events;
	xs_tool(NULL, 0, "xenstore write %s/w fired", BASE);
	while (events == before && recv_msg(&r, 2000, 1) == 0)
		;
	ksft_print_msg("XS_WATCH: rc %d; after the client's write %d event(s), path \"%s\"\n",
		       rc, events - before, event_path);
	ksft_test_result(events > before && !strcmp(event_path, BASE "/w"),
			 "watch_fires_on_the_clients_write\n");
	rc = xs_call(XS_UNWATCH, 0, buf, pack2(buf, BASE "/w", TOKEN, 1), &r);
	drain_events(100);
	before = events;
	xs_tool(NULL, 0, "xenstore write %s/w again", BASE);
	drain_events(500);
	ksft_test_result(rc == 0 && r.type == XS_UNWATCH && events == before,
			 "unwatched_path_is_quiet\n");

	test_transactions();

	/* A header claiming more than the protocol allows. */
	memcpy(buf, &big, sizeof(big));
	memset(buf + sizeof(big), 'x', 64);
	w = write(xb, buf, sizeof(big) + 64);
	ksft_print_msg("message of %u bytes: write %zd (%s)\n", big.len, w, w < 0 ? strerror(errno) : "taken");
	ksft_test_result(w < 0 && (errno == EINVAL || errno == E2BIG), "oversized_message_refused\n");
	rc = xs_read(0, BASE "/a", &r);
	ksft_test_result(rc == 0 && !strcmp(r.body, "written-by-the-device"),
			 "connection_works_after_refusal\n");

	xs_tool(NULL, 0, "xenstore rm %s", BASE);
	ksft_finished();
}
