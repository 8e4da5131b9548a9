// SPDX-License-Identifier: GPL-2.0
/*
 * Hypercall bookkeeping: counts by number (asm/xen/hypercall.h) and
 * Xen's error names, generated from Xen's own errno list.
 */
#include <linux/kernel.h>
#include <asm/xen/hypercall.h>

unsigned long xen_hypercall_count[XEN_NR_HYPERCALLS];

/* Xen's list has aliases (EWOULDBLOCK is EAGAIN): the first name wins. */
static const struct {
	int value;
	const char *name;
} xen_errnames[] = {
#define XEN_ERRNO(name, value) { value, #name },
#include <xen/interface/errno.h>
#undef XEN_ERRNO
};

const char *xen_errname(long err)
{
	long e = err < 0 ? -err : err;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(xen_errnames); i++)
		if (xen_errnames[i].value == e)
			return xen_errnames[i].name;
	return "unknown error";
}
