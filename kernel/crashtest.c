// SPDX-License-Identifier: GPL-2.0
/*
 * crashtest=TYPE: crash on purpose after boot, so the host runner can check
 * what a real crash prints (registers, faulting address, a symbolized
 * backtrace) and that the machine then powers off with a failure status.
 * Like Linux's lkdtm, built only with CONFIG_KTEST.
 *
 *   panic           panic() from C
 *   pagefault       write to an unmapped address
 *   ud              an invalid opcode
 *   wx              write to kernel text
 *   stackoverflow   recurse into the boot stack's guard page
 *   stackprotector  overrun a local array past the canary
 *   panic-nested    panic whose message faults: a panic while panicking
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/crashtest.h>
#include <asm/page_types.h>

static char crash_type[32];

static int __init crashtest_setup(const char *val)
{
	strscpy(crash_type, val, sizeof(crash_type));
	return 0;
}
__setup("crashtest=", crashtest_setup);

static noinline void crashtest_pagefault(void)
{
	*(volatile unsigned long *)(VMAP_END - 4 * PAGE_SIZE) = 1;
}

static noinline void crashtest_ud(void)
{
	asm volatile("ud2");
}

static noinline void crashtest_wx(void)
{
	*(volatile u8 *)crashtest_ud = 0xcc;
}

static volatile unsigned long recurse_limit = ~0UL;

/* Bounded only by a limit the compiler cannot see: the guard page ends it. */
static noinline unsigned long crashtest_recurse(unsigned long depth)
{
	volatile char frame[512];

	frame[0] = (char)depth;
	if (depth >= recurse_limit)
		return 0;
	return crashtest_recurse(depth + 1) + frame[0];
}

/* The %s argument is unmapped: formatting the report page-faults. */
static noinline void crashtest_panic_nested(void)
{
	panic("crashtest: %s", (const char *)(VMAP_END - 4 * PAGE_SIZE));
}

static noinline void crashtest_smash(const char *src, size_t n)
{
	char buf[16];

	/* A copy the compiler cannot prove in bounds. */
	memcpy(buf, src, n);
	barrier();
}

void crashtest_run(void)
{
	static const char junk[64] = "0123456789abcdef0123456789abcdef"
				     "0123456789abcdef0123456789abcdef";
	const char *t = crash_type;

	if (!*t)
		return;
	pr_emerg("crashtest: %s\n", t);
	if (!strcmp(t, "panic"))
		panic("crashtest: panic requested");
	else if (!strcmp(t, "pagefault"))
		crashtest_pagefault();
	else if (!strcmp(t, "ud"))
		crashtest_ud();
	else if (!strcmp(t, "wx"))
		crashtest_wx();
	else if (!strcmp(t, "stackoverflow"))
		crashtest_recurse(0);
	else if (!strcmp(t, "panic-nested"))
		crashtest_panic_nested();
	else if (!strcmp(t, "stackprotector"))
		crashtest_smash(junk, sizeof(junk));
	pr_err("crashtest: '%s' did not crash\n", t);
}
