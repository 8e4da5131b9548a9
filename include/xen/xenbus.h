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

/*
 * The device model (xenbus_probe_frontend.c, xenbus_client.c): a
 * frontend device per device/<type>/<id> the toolstack wrote, bound to
 * the driver registered for <type>.  The bus reads the device's backend
 * path and domain, watches the backend's state node and hands each
 * change to the driver's otherend_changed; the driver answers by
 * switching its own state (xenbus_switch_state) through Initialising,
 * Initialised, Connected, Closing and Closed.  When the backend goes
 * away (Closed, or its state node gone) and comes back (InitWait
 * again), the driver sees both and reconnects.  Process context only.
 */
#include <xen/interface/io/xenbus.h>
#include <xen/interface/grant_table.h>
#include <xen/interface/event_channel.h>

struct xenbus_device {
	const char *devicetype;		/* "vbd" */
	char nodename[64];		/* "device/vbd/51712", relative */
	char *otherend;			/* the backend's directory, absolute */
	u16 otherend_id;		/* the backend's domain */
	enum xenbus_state state;	/* ours, as last written */
	enum xenbus_state otherend_state;	/* theirs, as last read */
	const struct xenbus_driver *drv;
	void *priv;			/* the driver's */
	/* Private. */
	struct xenbus_watch otherend_watch;
	char *watch_node;
	struct list_head list;
};

struct xenbus_driver {
	const char *type;		/* the <type> of device/<type>/<id> */
	/* A device of this type appeared: 0 binds it, -errno leaves it. */
	int (*probe)(struct xenbus_device *dev);
	/* The backend's state changed (or first read) to @state. */
	void (*otherend_changed)(struct xenbus_device *dev, enum xenbus_state state);
	/* The device goes (the bus is torn down, or its node went). */
	void (*remove)(struct xenbus_device *dev);
	/* Private. */
	struct list_head list;
};

/*
 * Add @drv and probe every device/<drv->type>/<id> under @root (NULL:
 * "device", the toolstack's; tests give a tree of their own).  The
 * number of devices bound, or -errno (-ENODEV without xenstore).
 */
int xenbus_register_frontend(struct xenbus_driver *drv, const char *root);
/* Remove each of its devices (driver's remove, watch dropped) and @drv. */
void xenbus_unregister_driver(struct xenbus_driver *drv);
/* The @n-th bound device of @type, NULL if none. */
struct xenbus_device *xenbus_find_device(const char *type, unsigned int n);

/* Write our state to <nodename>/state; 0 or -errno. */
int xenbus_switch_state(struct xenbus_device *dev, enum xenbus_state state);
/*
 * Something went wrong on our side: the message to the log and to
 * <nodename>/error (the toolstack shows it), and the state to Closing.
 */
__printf(3, 4) void xenbus_dev_fatal(struct xenbus_device *dev, int err,
				     const char *fmt, ...);
/* An unbound port the backend may bind; 0 or -errno. */
int xenbus_alloc_evtchn(struct xenbus_device *dev, evtchn_port_t *port);
/* Close a port of ours (not yet bound to a handler). */
void xenbus_free_evtchn(struct xenbus_device *dev, evtchn_port_t port);
/*
 * Grant the backend each of the @nr pages at @vaddr (page-aligned,
 * directly mapped) writable: refs[0..nr-1], or -errno with none left.
 */
int xenbus_grant_ring(struct xenbus_device *dev, void *vaddr, unsigned int nr,
		      grant_ref_t *refs);
/* Wait up to @ms for dev->otherend_state to be @state; 0 or -ETIMEDOUT. */
int xenbus_wait_otherend(struct xenbus_device *dev, enum xenbus_state state,
			 unsigned int ms);
const char *xenbus_strstate(enum xenbus_state state);

#endif
