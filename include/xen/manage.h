/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The domain's side of the toolstack's control keys (drivers/xen/manage.c):
 * what a PV domU announces (control/feature-*), and the control/shutdown
 * requests of `xl shutdown` and `xl reboot`, honoured with the matching
 * SCHEDOP_shutdown reason.
 */
#ifndef _XEN_MANAGE_H
#define _XEN_MANAGE_H

/* SCHEDOP_shutdown with @reason (SHUTDOWN_*); never returns. */
void __noreturn xen_shutdown(unsigned int reason);

/* After xenbus_init(): announce features, name ourselves, watch. */
void xen_manage_init(void);

/*
 * The boot's last step: a control/shutdown request queued meanwhile ends
 * the domain here.  With xen_wait_control=SECONDS on the command line:
 * wait that long for one and return false if none came.  Without the
 * option: true.
 */
bool xen_manage_wait(void);

#endif
