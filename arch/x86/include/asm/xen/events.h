/* SPDX-License-Identifier: GPL-2.0 */
/* Vectors the Xen PV glue (xen-asm.S) enters the common handlers on. */
#ifndef _ASM_X86_XEN_EVENTS_H
#define _ASM_X86_XEN_EVENTS_H

#define XEN_UPCALL_VECTOR	0xf3	/* event channel upcall */
#define XEN_FAILSAFE_VECTOR	0xf4	/* Xen could not restore segments */

#endif
