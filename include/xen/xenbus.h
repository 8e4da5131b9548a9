/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The xenstore client (drivers/xen/xenbus/): a PV domU's view of the
 * toolstack's tree of keys, over the ring page and event channel Xen
 * names in start_info (protocol: <xen/interface/io/xs_wire.h>).
 *
 * Every call waits for xenstored's answer (one request in flight; the
 * caller blocks with events on) and returns 0 or a negative errno: the
 * daemon's own error by name (-ENOENT, -EACCES, -EAGAIN...), -ETIMEDOUT
 * when no answer came, -EIO once the connection is broken (a malformed
 * reply, impossible ring indices), -ENODEV where there is no xenstore
 * (natively, our dom0).  Paths are relative to the domain's home
 * (/local/domain/<domid>) unless they start with '/'.  Strings handed
 * back are kmalloc'd, NUL-terminated, and the caller's to kfree.
 * Process context only: not from an event handler.
 */
#ifndef _XEN_XENBUS_H
#define _XEN_XENBUS_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/printk.h>

struct xenbus_transaction {
	u32 id;
};
#define XBT_NIL ((struct xenbus_transaction){ .id = 0 })

/* The platform's late step: connect if this is a PV domU. */
void xenbus_init(void);
/* Connected and not broken. */
bool xenbus_ready(void);

/*
 * Each call addresses @dir/@node; an empty @node (or @dir) means the
 * other alone.
 */
int xenbus_read(struct xenbus_transaction t, const char *dir, const char *node,
		char **val, unsigned int *len);
int xenbus_write(struct xenbus_transaction t, const char *dir, const char *node,
		 const char *val);
__printf(4, 5) int xenbus_printf(struct xenbus_transaction t, const char *dir,
				 const char *node, const char *fmt, ...);
/* The value as an unsigned decimal; -EINVAL if it is not one. */
int xenbus_read_u64(struct xenbus_transaction t, const char *dir, const char *node,
		    u64 *val);
int xenbus_mkdir(struct xenbus_transaction t, const char *dir, const char *node);
int xenbus_rm(struct xenbus_transaction t, const char *dir, const char *node);
/*
 * Children (or permissions) as an array of @num strings in one
 * allocation: one kfree(*entries) frees all.
 */
int xenbus_directory(struct xenbus_transaction t, const char *dir, const char *node,
		     char ***entries, unsigned int *num);
/* Permissions are "<n|r|w|b><domid>", the first naming the owner. */
int xenbus_get_perms(struct xenbus_transaction t, const char *dir, const char *node,
		     char ***perms, unsigned int *num);
int xenbus_set_perms(struct xenbus_transaction t, const char *dir, const char *node,
		     const char *const *perms, unsigned int num);
/* The home of domain @domid ("/local/domain/N"), kmalloc'd. */
int xenbus_get_domain_path(unsigned int domid, char **path);

int xenbus_transaction_start(struct xenbus_transaction *t);
/* Commit (or abort); -EAGAIN: another writer won, nothing was applied. */
int xenbus_transaction_end(struct xenbus_transaction t, bool abort);
/*
 * Run @fn in a fresh transaction and commit, again while the commit
 * says -EAGAIN (at most XENBUS_TX_TRIES times).  @fn returning non-zero
 * aborts that transaction and ends the loop with its value.
 */
#define XENBUS_TX_TRIES 16
int xenbus_transaction_run(int (*fn)(struct xenbus_transaction t, void *data),
			   void *data);

/*
 * A watch on @node and everything below it.  xenstored fires it once
 * when it is registered and after each change; @callback gets the path
 * that changed (relative if @node is).  Callbacks run in process context
 * from xenbus_run_watches(), which every xenbus call runs on its way
 * out, and may call xenbus themselves.
 */
struct xenbus_watch {
	const char *node;
	void (*callback)(struct xenbus_watch *w, const char *path);
	/* Private. */
	struct list_head list;
	char token[20];
};
int register_xenbus_watch(struct xenbus_watch *w);
/* Also drops its events that are queued and not yet run. */
void unregister_xenbus_watch(struct xenbus_watch *w);
/* Run the callbacks of the events that arrived; returns how many ran. */
unsigned int xenbus_run_watches(void);
/*
 * Wait up to @ms milliseconds for at least one watch event, then run the
 * callbacks: how many ran (0: none came).
 */
unsigned int xenbus_wait_for_watches(unsigned int ms);

#endif
