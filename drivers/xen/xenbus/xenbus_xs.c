// SPDX-License-Identifier: GPL-2.0
/*
 * xenstore operations (include/xen/xenbus.h) over the connection of
 * xenbus_comms.c: reads, writes, directories, permissions, transactions
 * and watches, and the platform step that connects a PV or PVH domU
 * (start_info's mfn, or the HVM params' gfn).
 *
 * Each reply is checked for the shape its request promises ("OK", one
 * string, a list of strings, a transaction id): a reply of another shape
 * breaks the connection (xb_bad_reply) and the call fails with -EIO.
 * Watch callbacks run here, in process context, never in the event
 * handler; a callback that calls xenbus does not run the queue again
 * (running_watches), the outer loop takes the events it caused.
 */
#define pr_fmt(fmt) "xenbus: " fmt

#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/memblock.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/page.h>
#include <asm/xen/hypervisor.h>
#include <asm/xen/pvh.h>
#include <asm/xen/start_info.h>
#include <xen/xenbus.h>
#include <xen/xenstored.h>
#include "xenbus_comms.h"

static LIST_HEAD(watches);
static unsigned long watch_seq;
static bool running_watches;

bool xenbus_ready(void)
{
	return xb_connected();
}

/* The callbacks run on the way out of every call. */
static int xs_call(struct xenbus_transaction t, u32 type, const struct xs_iov *iov,
		   unsigned int n, char **body, unsigned int *len)
{
	int err = xb_talk(type, t.id, iov, n, body, len);

	xenbus_run_watches();
	return err;
}

/* @dir/@node, or either alone if the other is empty; NULL: no memory. */
static char *join(const char *dir, const char *node)
{
	size_t dl = strlen(dir), nl = strlen(node);
	char *p = kmalloc(dl + nl + 2);

	if (!p)
		return NULL;
	if (!nl || !dl) {
		memcpy(p, nl ? node : dir, (nl ? nl : dl) + 1);
		return p;
	}
	memcpy(p, dir, dl);
	p[dl] = '/';
	memcpy(p + dl + 1, node, nl + 1);
	return p;
}

/* A request whose payload is the one path @dir/@node. */
static int xs_path_call(struct xenbus_transaction t, u32 type, const char *dir,
			const char *node, char **body, unsigned int *len)
{
	char *path = join(dir, node);
	struct xs_iov iov;
	int err;

	if (!path)
		return -ENOMEM;
	iov = (struct xs_iov){ path, strlen(path) + 1 };
	err = xs_call(t, type, &iov, 1, body, len);
	kfree(path);
	return err;
}

/* The reply must be "OK". */
static int expect_ok(u32 type, int err, char *body, unsigned int len)
{
	if (err)
		return err;
	if (xs_check_ok(body, len)) {
		xb_bad_reply(type, "\"OK\"", len);
		err = -EIO;
	}
	kfree(body);
	return err;
}

int xenbus_read(struct xenbus_transaction t, const char *dir, const char *node,
		char **val, unsigned int *len)
{
	unsigned int n;
	int err = xs_path_call(t, XS_READ, dir, node, val, &n);

	if (!err && len)
		*len = n;
	return err;
}

int xenbus_read_u64(struct xenbus_transaction t, const char *dir, const char *node,
		    u64 *val)
{
	unsigned long long v;
	unsigned int len;
	char *s;
	int err = xenbus_read(t, dir, node, &s, &len);

	if (err)
		return err;
	/* A NUL inside the value would hide what follows it from kstrtoull. */
	err = strlen(s) == len ? kstrtoull(s, 10, &v) : -EINVAL;
	kfree(s);
	if (err)
		return -EINVAL;
	*val = v;
	return 0;
}

int xenbus_write(struct xenbus_transaction t, const char *dir, const char *node,
		 const char *val)
{
	char *path = join(dir, node), *body;
	struct xs_iov iov[2];
	unsigned int len;
	int err;

	if (!path)
		return -ENOMEM;
	/* The value is the rest of the payload, with no NUL of its own. */
	iov[0] = (struct xs_iov){ path, strlen(path) + 1 };
	iov[1] = (struct xs_iov){ val, strlen(val) };
	err = xs_call(t, XS_WRITE, iov, 2, &body, &len);
	kfree(path);
	return expect_ok(XS_WRITE, err, body, len);
}

int xenbus_printf(struct xenbus_transaction t, const char *dir, const char *node,
		  const char *fmt, ...)
{
	char *buf = kmalloc(XENSTORE_PAYLOAD_MAX + 1);
	va_list ap;
	int n, err;

	if (!buf)
		return -ENOMEM;
	va_start(ap, fmt);
	n = vsnprintf(buf, XENSTORE_PAYLOAD_MAX + 1, fmt, ap);
	va_end(ap);
	err = n > XENSTORE_PAYLOAD_MAX ? -E2BIG : xenbus_write(t, dir, node, buf);
	kfree(buf);
	return err;
}

int xenbus_mkdir(struct xenbus_transaction t, const char *dir, const char *node)
{
	unsigned int len;
	char *body;
	int err = xs_path_call(t, XS_MKDIR, dir, node, &body, &len);

	return expect_ok(XS_MKDIR, err, body, len);
}

int xenbus_rm(struct xenbus_transaction t, const char *dir, const char *node)
{
	unsigned int len;
	char *body;
	int err = xs_path_call(t, XS_RM, dir, node, &body, &len);

	return expect_ok(XS_RM, err, body, len);
}

/*
 * A reply that is a list of strings, as an array of pointers followed by
 * the strings, in one allocation.
 */
static int split_strings(u32 type, char *body, unsigned int len, char ***out,
			 unsigned int *num)
{
	int n = xs_count_strings(body, len);
	char **v, *s;
	int i;

	if (n < 0) {
		xb_bad_reply(type, "NUL-terminated strings", len);
		kfree(body);
		return -EIO;
	}
	v = kmalloc(n * sizeof(*v) + len + 1);
	if (!v) {
		kfree(body);
		return -ENOMEM;
	}
	s = (char *)(v + n);
	memcpy(s, body, len + 1);
	kfree(body);
	for (i = 0; i < n; i++) {
		v[i] = s;
		s += strlen(s) + 1;
	}
	*out = v;
	*num = n;
	return 0;
}

int xenbus_directory(struct xenbus_transaction t, const char *dir, const char *node,
		     char ***entries, unsigned int *num)
{
	unsigned int len;
	char *body;
	int err = xs_path_call(t, XS_DIRECTORY, dir, node, &body, &len);

	return err ? err : split_strings(XS_DIRECTORY, body, len, entries, num);
}

int xenbus_get_perms(struct xenbus_transaction t, const char *dir, const char *node,
		     char ***perms, unsigned int *num)
{
	unsigned int len, i;
	char *body;
	int err = xs_path_call(t, XS_GET_PERMS, dir, node, &body, &len);

	if (err)
		return err;
	err = split_strings(XS_GET_PERMS, body, len, perms, num);
	if (err)
		return err;
	/* A node always has an owner, and each entry is "<n|r|w|b><domid>". */
	for (i = 0; i < *num && !xs_check_perm((*perms)[i]); i++)
		;
	if (*num && i == *num)
		return 0;
	xb_bad_reply(XS_GET_PERMS, "a list of permissions", len);
	kfree(*perms);
	return -EIO;
}

int xenbus_set_perms(struct xenbus_transaction t, const char *dir, const char *node,
		     const char *const *perms, unsigned int num)
{
	char *path, *buf, *body;
	size_t total, plen;
	unsigned int i, len;
	struct xs_iov iov;
	int err;

	if (!num)
		return -EINVAL;
	for (i = 0; i < num; i++)
		if (xs_check_perm(perms[i]))
			return -EINVAL;
	path = join(dir, node);
	if (!path)
		return -ENOMEM;
	total = strlen(path) + 1;
	for (i = 0; i < num; i++)
		total += strlen(perms[i]) + 1;
	buf = total <= XENSTORE_PAYLOAD_MAX ? kmalloc(total) : NULL;
	if (!buf) {
		kfree(path);
		return total <= XENSTORE_PAYLOAD_MAX ? -ENOMEM : -E2BIG;
	}
	/* "path\0perm\0perm\0...": each string with its NUL. */
	plen = strlen(path) + 1;
	memcpy(buf, path, plen);
	for (i = 0, total = plen; i < num; i++) {
		plen = strlen(perms[i]) + 1;
		memcpy(buf + total, perms[i], plen);
		total += plen;
	}
	kfree(path);
	iov = (struct xs_iov){ buf, total };
	err = xs_call(t, XS_SET_PERMS, &iov, 1, &body, &len);
	kfree(buf);
	return expect_ok(XS_SET_PERMS, err, body, len);
}

int xenbus_get_domain_path(unsigned int domid, char **path)
{
	struct xs_iov iov;
	unsigned int len;
	char id[12];
	int err;

	snprintf(id, sizeof(id), "%u", domid);
	iov = (struct xs_iov){ id, strlen(id) + 1 };
	err = xs_call(XBT_NIL, XS_GET_DOMAIN_PATH, &iov, 1, path, &len);
	if (!err && xs_check_string(*path, len)) {
		xb_bad_reply(XS_GET_DOMAIN_PATH, "one string", len);
		kfree(*path);
		err = -EIO;
	}
	return err;
}

int xenbus_transaction_start(struct xenbus_transaction *t)
{
	struct xs_iov iov = { "", 1 };
	unsigned int len;
	char *body;
	int err = xs_call(XBT_NIL, XS_TRANSACTION_START, &iov, 1, &body, &len);

	if (err)
		return err;
	if (xs_parse_tx_id(body, len, &t->id)) {
		xb_bad_reply(XS_TRANSACTION_START, "a transaction id", len);
		err = -EIO;
	}
	kfree(body);
	return err;
}

int xenbus_transaction_end(struct xenbus_transaction t, bool abort)
{
	struct xs_iov iov = { abort ? "F" : "T", 2 };
	unsigned int len;
	char *body;
	int err = xs_call(t, XS_TRANSACTION_END, &iov, 1, &body, &len);

	return expect_ok(XS_TRANSACTION_END, err, body, len);
}

int xenbus_transaction_run(int (*fn)(struct xenbus_transaction t, void *data),
			   void *data)
{
	struct xenbus_transaction t;
	unsigned int tries;
	int err = -EAGAIN;

	for (tries = 0; tries < XENBUS_TX_TRIES && err == -EAGAIN; tries++) {
		err = xenbus_transaction_start(&t);
		if (err)
			return err;
		err = fn(t, data);
		if (err) {
			xenbus_transaction_end(t, true);
			return err;
		}
		/* -EAGAIN: someone else changed what we read; nothing applied. */
		err = xenbus_transaction_end(t, false);
	}
	if (err == -EAGAIN)
		pr_warn("transaction still conflicting after %u tries\n", tries);
	return err;
}

/* --- watches -------------------------------------------------------------- */

static int watch_request(u32 type, struct xenbus_watch *w)
{
	struct xs_iov iov[2] = {
		{ w->node, strlen(w->node) + 1 },
		{ w->token, strlen(w->token) + 1 },
	};
	unsigned int len;
	char *body;
	int err = xs_call(XBT_NIL, type, iov, 2, &body, &len);

	return expect_ok(type, err, body, len);
}

int register_xenbus_watch(struct xenbus_watch *w)
{
	int err;

	/* Our tokens only need to tell our watches apart. */
	snprintf(w->token, sizeof(w->token), "%lx", ++watch_seq);
	/* Listed first: the daemon's first firing may precede its "OK". */
	list_add_tail(&w->list, &watches);
	err = watch_request(XS_WATCH, w);
	if (err) {
		list_del(&w->list);
		xb_drop_events(w->token);
	}
	return err;
}

void unregister_xenbus_watch(struct xenbus_watch *w)
{
	int err = watch_request(XS_UNWATCH, w);

	if (err)
		pr_warn("unwatch %s: %d\n", w->node, err);
	list_del(&w->list);
	xb_drop_events(w->token);
}

static struct xenbus_watch *find_watch(const char *token)
{
	struct xenbus_watch *w;

	list_for_each_entry(w, &watches, list)
		if (!strcmp(w->token, token))
			return w;
	return NULL;
}

unsigned int xenbus_run_watches(void)
{
	struct xenbus_watch *w;
	struct xb_event *ev;
	unsigned int ran = 0;

	if (running_watches)
		return 0;
	running_watches = true;
	while ((ev = xb_next_event())) {
		/* An unknown token: a watch just removed, its last firing. */
		w = find_watch(ev->token);
		if (w) {
			w->callback(w, ev->path);
			ran++;
		}
		kfree(ev);
	}
	running_watches = false;
	return ran;
}

unsigned int xenbus_wait_for_watches(unsigned int ms)
{
	return xb_wait_event(ms) ? xenbus_run_watches() : 0;
}

/* --- the platform step ---------------------------------------------------- */

/*
 * A gfn in RAM of ours must be one the page allocator will never hand
 * out; a gfn outside RAM (libxl's special pages, e820-reserved) is safe.
 */
static bool store_gfn_is_safe(u64 gfn)
{
	phys_addr_t pa = PFN_PHYS(gfn);
	unsigned int i;

	for (i = 0; i < memblock_memory.cnt; i++) {
		const struct memblock_region *r = &memblock_memory.regions[i];

		if (pa >= r->base && pa - r->base < r->size)
			return memblock_is_reserved(pa);
	}
	return true;
}

/* PV: start_info's mfn, in the direct map.  PVH: the HVM param's gfn. */
static void *store_page(u32 *port)
{
	void *page;

	if (xen_hvm_domain()) {
		*port = xen_pvh.store_evtchn;
		if (!xen_pvh.store_pfn || !xen_pvh.store_evtchn || !xen_pvh.store) {
			pr_warn("HVM params name no mapped xenstore (gfn %#llx, port %u)\n",
				xen_pvh.store_pfn, xen_pvh.store_evtchn);
			return NULL;
		}
		if (!store_gfn_is_safe(xen_pvh.store_pfn)) {
			pr_err("xenstore gfn %#llx is free RAM of ours: not using it\n",
			       xen_pvh.store_pfn);
			return NULL;
		}
		return xen_pvh.store;
	}
	*port = xen_boot.store_evtchn;
	if (!xen_boot.store_mfn || !xen_boot.store_evtchn) {
		pr_warn("start_info names no xenstore (mfn %#llx, port %u)\n",
			xen_boot.store_mfn, xen_boot.store_evtchn);
		return NULL;
	}
	page = xen_mfn_to_virt(xen_boot.store_mfn);
	if (!page) {
		pr_err("xenstore frame %#llx is not one of our RAM frames\n",
		       xen_boot.store_mfn);
		return NULL;
	}
	/* Else the page allocator could hand the ring out as memory. */
	if (!memblock_is_reserved(__pa(page))) {
		pr_err("xenstore page (pa %#lx) is not reserved: not using it\n",
		       (unsigned long)__pa(page));
		return NULL;
	}
	return page;
}

void xenbus_init(void)
{
	struct xenstore_domain_interface *page;
	u32 port;
	int err;

	if (!xen_domain())
		return;
	if (xen_initial_domain()) {
		if (!IS_ENABLED(CONFIG_XEN_DOM0_SERVICES)) {
			pr_info("dom0: no xenstored to connect to (not built in)\n");
			return;
		}
		err = xsd_local_init();
		if (err) {
			pr_err("dom0: the in-kernel xenstore server did not start: %d\n", err);
			return;
		}
		xb_comms_init_local();
		pr_info("dom0: talking to the in-kernel xenstore server\n");
		return;
	}
	page = store_page(&port);
	if (!page)
		return;
	err = xb_comms_init(page, port);
	if (err) {
		pr_err("cannot connect to xenstore: %d\n", err);
		return;
	}
	if (xen_hvm_domain())
		pr_info("xenstore ring at gfn %#llx, port %u\n", xen_pvh.store_pfn, port);
	else
		pr_info("xenstore ring at mfn %#llx, port %u\n", xen_boot.store_mfn, port);
}
