/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The slim dom0 (drivers/xen/dom0/): what our initial domain does for
 * the domains it builds, in the kernel, with no toolstack.  After the
 * boot suites, dom0_services_run() builds dom0.guests=N PV domains from
 * the boot module, serves them (xenstore, console, block) from one event
 * loop, judges each one's end and powers off with the verdict.
 */
#ifndef _XEN_DOM0_H
#define _XEN_DOM0_H

#include <linux/types.h>

#ifdef CONFIG_XEN_DOM0_SERVICES
/* 0 when there was nothing to do or every guest ended well, else 1. */
int dom0_services_run(void);
#else
static inline int dom0_services_run(void) { return 0; }
#endif

#endif
