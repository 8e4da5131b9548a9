/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xen-netfront (drivers/net/xen-netfront.c): the PV domU's network
 * interfaces device/vif/<id> as a tiny packet interface: send one
 * Ethernet frame, poll for one received frame.  No network stack; the
 * caller builds and parses its own frames.
 */
#ifndef _XEN_XEN_NETFRONT_H
#define _XEN_XEN_NETFRONT_H

#include <linux/types.h>
#include <linux/errno.h>
#include <linux/kconfig.h>

#define NETFRONT_ETH_ALEN	6
#define NETFRONT_MAX_FRAME	1514	/* Ethernet header + 1500, no FCS */

struct netfront;
struct netif_tx_sring;
struct netif_rx_sring;

struct netfront_stats {
	unsigned long tx_sent;		/* requests put on the tx ring */
	unsigned long tx_done;		/* answered OKAY */
	unsigned long tx_errors;	/* answered ERROR or DROPPED */
	unsigned long rx_frames;	/* frames received */
	unsigned long rx_errors;	/* rx answered ERROR or DROPPED */
	unsigned long rx_dropped;	/* frames we had no room to queue */
};

/*
 * Bind the driver and wait (bounded) for each interface to connect: the
 * number of vif devices found, or -ENODEV where there can be none (not
 * a PV domU, no xenstore or grant table).  Once; later calls return 0.
 */
#if IS_ENABLED(CONFIG_XEN_NETDEV_FRONTEND)
int xen_netfront_init(void);
#else
static inline int xen_netfront_init(void) { return -ENODEV; }
#endif
/* The @n-th interface, NULL if none. */
struct netfront *xen_netfront_get(unsigned int n);
/* Our MAC address, as the toolstack wrote it in our mac node. */
const u8 *xen_netfront_mac(struct netfront *nf);
bool xen_netfront_connected(struct netfront *nf);
/*
 * Queue one frame of @len bytes (NETFRONT_ETH_ALEN * 2 + 2 to
 * NETFRONT_MAX_FRAME): 0, -EINVAL (length), -EBUSY (every tx slot in
 * flight: poll and try again), -EIO (not connected, or disabled).
 */
int xen_netfront_xmit(struct netfront *nf, const void *frame, unsigned int len);
/*
 * The oldest frame received, copied into @buf (@size bytes; a longer
 * frame is cut to @size): its length, 0 if none is waiting, -EIO when
 * not connected or disabled.  Also completes what the backend answered.
 */
int xen_netfront_recv(struct netfront *nf, void *buf, unsigned int size);
/* Complete whatever the backend answered, on both rings. */
void xen_netfront_poll(struct netfront *nf);
void xen_netfront_get_stats(struct netfront *nf, struct netfront_stats *st);
/*
 * Close the connection from our side and make it again: 0 once connected
 * anew, within @ms.  Frames in flight are lost; a disabled interface
 * comes back.
 */
int xen_netfront_reconnect(struct netfront *nf, unsigned int ms);
/* For tests: connections made so far, whether a violation disabled it (and which rule), the rings. */
unsigned int xen_netfront_connects(struct netfront *nf);
bool xen_netfront_broken(struct netfront *nf, const char **rule);
struct netif_tx_sring *xen_netfront_tx_sring(struct netfront *nf);
struct netif_rx_sring *xen_netfront_rx_sring(struct netfront *nf);

#endif
