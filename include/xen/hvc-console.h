/* SPDX-License-Identifier: GPL-2.0 */
/* The Xen console (drivers/tty/hvc/hvc_xen.c), for the PV entry. */
#ifndef _XEN_HVC_CONSOLE_H
#define _XEN_HVC_CONSOLE_H

/* Register the hypervisor console: usable from the first C code on. */
void xen_early_console_init(void);

#endif
