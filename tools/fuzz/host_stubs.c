// SPDX-License-Identifier: GPL-2.0
/* Kernel services for the parsers' host build, against the C library. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

int printk(const char *fmt, ...);
void fuzz_fail(const char *what, const char *file, int line);

/* Format each message (so bad format use shows under ASan), drop it. */
int printk(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return n;
}

void fuzz_fail(const char *what, const char *file, int line)
{
	fprintf(stderr, "invariant broken: %s (%s:%d)\n", what, file, line);
	abort();
}

/* The kernel's allocator, for the parsers that allocate (the xenstore server). */
void *kmalloc(size_t size);
void *kzalloc(size_t size);
void kfree(const void *p);

void *kmalloc(size_t size)
{
	return malloc(size ? size : 1);
}

void *kzalloc(size_t size)
{
	return calloc(1, size ? size : 1);
}

void kfree(const void *p)
{
	free((void *)p);
}
