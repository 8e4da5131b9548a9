/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fuzz targets build like kernel code (freestanding, the kernel's own
 * headers) so they see exactly the kernel's types; the few C library
 * calls they need are declared here and come from libc at link time
 * (where AddressSanitizer intercepts them).  host_stubs.c, built against
 * libc, provides printk and the failure report.
 */
#ifndef _FUZZ_HOST_H
#define _FUZZ_HOST_H

#include <linux/types.h>
#include <linux/string.h>
#include <linux/errno.h>

void *malloc(size_t size);
void free(void *p);
void fuzz_fail(const char *what, const char *file, int line) __attribute__((noreturn));

/* A broken invariant aborts: libFuzzer saves the input that did it. */
#define FUZZ_CHECK(cond) do {						\
	if (!(cond))							\
		fuzz_fail(#cond, __FILE__, __LINE__);			\
} while (0)

#endif
