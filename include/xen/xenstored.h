/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The slim dom0's xenstore server (drivers/xen/dom0/xs_*.c).
 *
 * Two layers.  The core (xs_tree.c, xs_txn.c, xs_watch.c, xs_core.c)
 * is plain C that also builds on the host (tools/fuzz/fuzz_xenstored.c,
 * tools/fuzz/bench_xenstored.c): a tree of nodes with Xen's permissions,
 * transactions, watches and per-domain quotas, and xsd_request(), which
 * takes one untrusted message from one connection, queues its reply on
 * that connection and any watch events on the connections they are for.
 * The kernel glue (xs_ring.c, xs_local.c) moves those messages through
 * a domain's xenstore ring page, or straight to dom0's own xenbus client.
 *
 * Everything runs in process context, one caller at a time (the glue
 * serialises with xsd_lock); nothing here runs in an event handler.
 */
#ifndef _XEN_XENSTORED_H
#define _XEN_XENSTORED_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/errno.h>
#include <xen/interface/xen.h>
#include <xen/interface/event_channel.h>
#include <xen/interface/io/xs_wire.h>

/* --- the core ------------------------------------------------------------ */

struct xsd_server;
struct xsd_conn;

/* One message queued for a connection's peer: a reply or a watch event. */
struct xsd_msg {
	struct xsd_msg *next;
	struct xsd_sockmsg hdr;
	char body[];			/* hdr.len bytes */
};

/*
 * A fresh store holding "/" (owned by dom0, no access for others) and a
 * privileged connection for dom0 (xsd_conn_of(s, 0)).  NULL: no memory.
 */
struct xsd_server *xsd_server_new(void);
/* Frees every node, connection, transaction and queued message. */
void xsd_server_free(struct xsd_server *s);

/*
 * A domain's connection: the node /local/domain/@domid owned by it (and
 * its "domid" key, dom0's and readable by it), and @introduceDomain
 * fired.  @priv is the transport's.  -EEXIST if @domid already has one,
 * -EINVAL for dom0 or a reserved id, -ENOMEM.
 */
int xsd_domain_add(struct xsd_server *s, domid_t domid, void *priv,
		   struct xsd_conn **out);
/*
 * Forget @domid's connection, watches, transactions and queued
 * messages; its nodes become dom0's (so a later domain reusing the id
 * owns nothing it did not create); @releaseDomain fired.  -ENOENT.
 */
int xsd_domain_remove(struct xsd_server *s, domid_t domid);
struct xsd_conn *xsd_conn_of(struct xsd_server *s, domid_t domid);
void *xsd_conn_priv(const struct xsd_conn *c);
domid_t xsd_conn_domid(const struct xsd_conn *c);

/*
 * Serve one request: @hdr as the peer sent it, @payload its hdr->len
 * bytes (untrusted, need not be NUL-terminated).  The reply (XS_ERROR
 * with the errno's name from xs_wire.h's xsd_errors when it fails) is
 * queued on @c, watch events on whichever connections they are for.
 * 0, or -E2BIG for hdr->len over XENSTORE_PAYLOAD_MAX: nothing answered,
 * the transport is to drop the connection (the stream cannot be trusted).
 */
int xsd_request(struct xsd_server *s, struct xsd_conn *c,
		const struct xsd_sockmsg *hdr, const char *payload);

/* The oldest message queued for @c's peer (NULL: none); pop frees it. */
struct xsd_msg *xsd_out_peek(struct xsd_conn *c);
void xsd_out_pop(struct xsd_conn *c);
/*
 * Replies not yet taken by the peer: the transport reads no more
 * requests from @c while this is XSD_QUOTA_OUTSTANDING or more.
 */
unsigned int xsd_out_replies(const struct xsd_conn *c);

/*
 * INTRODUCE and RELEASE from dom0's client: the transport maps @mfn
 * (the ring) and calls xsd_domain_add(), or unbinds and calls
 * xsd_domain_remove().  0 or -errno, answered by its name.  Without
 * hooks the core adds a connection with no ring (host builds).
 */
typedef int (*xsd_introduce_fn)(struct xsd_server *s, domid_t domid, u64 mfn,
				evtchn_port_t port);
typedef int (*xsd_release_fn)(struct xsd_server *s, domid_t domid);
void xsd_set_hooks(struct xsd_server *s, xsd_introduce_fn introduce,
		   xsd_release_fn release);

/* Xen's xenstored's defaults (tools/xenstored/domain.c), for domUs. */
#define XSD_QUOTA_NODES		1000	/* nodes a domain owns */
#define XSD_QUOTA_WATCHES	128
#define XSD_QUOTA_TRANSACTIONS	10	/* open at once */
#define XSD_QUOTA_TXN_NODES	1024	/* nodes one transaction touches */
#define XSD_QUOTA_PERMS		5	/* entries in a node's permissions */
#define XSD_QUOTA_OUTSTANDING	20	/* replies the peer has not taken */
/* Watch events queued beyond this many bytes are dropped (counted). */
#define XSD_EVENT_BYTES_MAX	(64 * 1024)

/* --- the kernel glue (CONFIG_XEN_DOM0_SERVICES) --------------------------- */
#define XSD_POLL_BUDGET		16
#ifdef CONFIG_XEN_DOM0_SERVICES

/*
 * Serve @domid on its ring page (mapped by the caller at @ring_va, kept
 * mapped until xsd_release) and the dom0 end of its store event
 * channel, @dom0_port (bound here to a handler that only flags work).
 * Creates /local/domain/@domid owned by it.  0, -EEXIST, -EINVAL (bad
 * domid or ring indices already impossible), -ENOMEM, or the binding's
 * error.  Process context, not from an event handler.
 */
int xsd_introduce(domid_t domid, struct xenstore_domain_interface *ring_va,
		  evtchn_port_t dom0_port);
/* Unbind its port and forget it (the caller unmaps the ring after). */
void xsd_release(domid_t domid);
/*
 * Serve the pending requests of every connection, at most
 * XSD_POLL_BUDGET messages each per call so that no domain starves the
 * others; whether any connection still has work (call again).  A bad
 * ring index or an oversized message drops that connection, printed.
 */
bool xsd_poll(void);
/* A port handler flagged work since the last xsd_poll(). */
bool xsd_work_pending(void);

/*
 * dom0's own client (xenbus_comms.c, when dom0 has no store ring): one
 * request in, its reply out at once (*rtype XS_ERROR carrying an errno
 * name, or the request's type; *body kmalloc'd, NUL after *rlen bytes),
 * the events queued for dom0's watches handed to @deliver(path, token)
 * first.  -ENODEV when the server is not running, -E2BIG, -ENOMEM.
 */
int xsd_local_talk(u32 type, u32 tx_id, const void *payload, unsigned int len,
		   u32 *rtype, char **body, unsigned int *rlen,
		   void (*deliver)(const char *path, const char *token));
/* The events queued for dom0 since its last request, to @deliver. */
void xsd_local_drain(void (*deliver)(const char *path, const char *token));
bool xsd_local_ready(void);
/* Start the server with dom0's keys; 0 or -errno.  From xenbus_init. */
int xsd_local_init(void);

#else
static inline int xsd_introduce(domid_t domid, struct xenstore_domain_interface *ring_va,
				evtchn_port_t dom0_port) { return -ENODEV; }
static inline void xsd_release(domid_t domid) { }
static inline bool xsd_poll(void) { return false; }
static inline bool xsd_work_pending(void) { return false; }
static inline int xsd_local_talk(u32 type, u32 tx_id, const void *payload, unsigned int len,
				 u32 *rtype, char **body, unsigned int *rlen,
				 void (*deliver)(const char *path, const char *token))
{ return -ENODEV; }
static inline void xsd_local_drain(void (*deliver)(const char *path, const char *token)) { }
static inline bool xsd_local_ready(void) { return false; }
static inline int xsd_local_init(void) { return -ENODEV; }
#endif

#endif
