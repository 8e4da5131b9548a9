// SPDX-License-Identifier: GPL-2.0
/*
 * Hypercall bookkeeping: counts by number (asm/xen/hypercall.h) and
 * Xen's error names, generated from Xen's own errno list.
 */
#include <linux/kernel.h>
#include <asm/xen/hypercall.h>

unsigned long xen_hypercall_count[XEN_NR_HYPERCALLS];

/* Xen's list has aliases (EWOULDBLOCK is EAGAIN): the later name wins. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
static const char *const xen_errnames[] = {
#define XEN_ERRNO(name, value) [value] = #name,
#include <xen/interface/errno.h>
#undef XEN_ERRNO
};
#pragma GCC diagnostic pop

const char *xen_errname(long err)
{
	unsigned long e = err < 0 ? -err : err;

	if (e < ARRAY_SIZE(xen_errnames) && xen_errnames[e])
		return xen_errnames[e];
	return "unknown error";
}
