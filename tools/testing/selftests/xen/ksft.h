/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksft.h - the kselftest conventions for the user-space Xen tests, our
 * own small equivalent of Linux's tools/testing/selftests/kselftest.h.
 *
 * Output is KTAP version 1 on stdout: a version line, "# Subtest: NAME"
 * (the form the boot runner's ktap.py and the in-kernel suites use), a
 * plan "1..N", then one "ok"/"not ok" line per case, "# SKIP reason"
 * after a skipped one, diagnostics as "# ..." lines.  Exit status is the
 * kselftest one: 0 every case passed (skips allowed), 1 a case failed or
 * the count missed the plan, 4 the whole test skipped.
 *
 * Invariant: stdout is line-buffered so a test killed mid-way leaves
 * every line it reported, and the KTAP of a forked child never repeats
 * its parent's (children report through their exit status only).
 */
#ifndef KSFT_H
#define KSFT_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KSFT_PASS	0
#define KSFT_FAIL	1
#define KSFT_SKIP	4

static unsigned int ksft_plan, ksft_num, ksft_npass, ksft_nfail, ksft_nskip;

static inline void ksft_print_header(const char *suite)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("KTAP version 1\n# Subtest: %s\n", suite);
}

static inline void ksft_set_plan(unsigned int n)
{
	ksft_plan = n;
	printf("1..%u\n", n);
}

static inline void ksft_vresult(const char *what, const char *fmt, va_list ap)
{
	printf("%s %u ", what, ++ksft_num);
	vprintf(fmt, ap);
}

/* "# " then the message; the caller gives the newline. */
static inline void __attribute__((format(printf, 1, 2))) ksft_print_msg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("# ", stdout);
	vprintf(fmt, ap);
	va_end(ap);
}

static inline void __attribute__((format(printf, 1, 2))) ksft_test_result_pass(const char *fmt, ...)
{
	va_list ap;

	ksft_npass++;
	va_start(ap, fmt);
	ksft_vresult("ok", fmt, ap);
	va_end(ap);
}

static inline void __attribute__((format(printf, 1, 2))) ksft_test_result_fail(const char *fmt, ...)
{
	va_list ap;

	ksft_nfail++;
	va_start(ap, fmt);
	ksft_vresult("not ok", fmt, ap);
	va_end(ap);
}

/* NAME then REASON: "ok N NAME # SKIP REASON". */
static inline void __attribute__((format(printf, 2, 3)))
ksft_test_result_skip(const char *name, const char *fmt, ...)
{
	va_list ap;

	ksft_nskip++;
	printf("ok %u %s # SKIP ", ++ksft_num, name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

/* One case: pass if COND, else fail; the name (FMT) ends in "\n". */
#define ksft_test_result(cond, ...) do {			\
	if (cond)						\
		ksft_test_result_pass(__VA_ARGS__);		\
	else							\
		ksft_test_result_fail(__VA_ARGS__);		\
} while (0)

/* Nothing can run here: an empty plan, the reason, exit status 4. */
static inline void __attribute__((noreturn, format(printf, 1, 2))) ksft_exit_skip(const char *fmt, ...)
{
	va_list ap;

	if (!ksft_num && !ksft_plan)
		printf("1..0\n");
	fputs("# SKIP ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	exit(KSFT_SKIP);
}

/* The end: the totals, and the exit status they add up to. */
static inline void __attribute__((noreturn)) ksft_finished(void)
{
	printf("# Totals: pass:%u fail:%u skip:%u\n", ksft_npass, ksft_nfail, ksft_nskip);
	if (ksft_num != ksft_plan) {
		printf("# planned %u cases, ran %u\n", ksft_plan, ksft_num);
		exit(KSFT_FAIL);
	}
	if (ksft_nfail)
		exit(KSFT_FAIL);
	exit(ksft_npass || !ksft_nskip ? KSFT_PASS : KSFT_SKIP);
}

#endif /* KSFT_H */
