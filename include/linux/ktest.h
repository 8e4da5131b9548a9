/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ktest: in-kernel test suites in the style of KUnit, reporting KTAP v1.
 *
 *	static void buddy_split(struct ktest *t)
 *	{
 *		KTEST_EXPECT_EQ(t, free_at(0), 1);
 *	}
 *	static const struct ktest_case buddy_cases[] = {
 *		KTEST_CASE(buddy_split),
 *		{}
 *	};
 *	KTEST_SUITE(buddy, buddy_cases);
 *
 * EXPECT records a failure and goes on; ASSERT records it and ends the
 * test case at once; ktest_skip() ends it as skipped with a reason.  A
 * failure prints the file and line and both values.  Suites run at boot
 * in link order; ktest.filter=SUITE[.CASE][,...] (globs) selects.
 */
#ifndef _LINUX_KTEST_H
#define _LINUX_KTEST_H

#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/setjmp.h>

enum ktest_status { KTEST_PASS, KTEST_FAIL, KTEST_SKIP };

struct ktest {
	const char *name;
	enum ktest_status status;
	char skip_reason[128];
	struct jmp_buf abort;
	void *priv;		/* for the suite's init/exit */
};

struct ktest_case {
	const char *name;
	void (*run)(struct ktest *t);
};

struct ktest_suite {
	const char *name;
	const struct ktest_case *cases;
	/* Optional: per-case set-up (non-zero skips the case) and tear-down. */
	int (*init)(struct ktest *t);
	void (*exit)(struct ktest *t);
};

#define KTEST_CASE(fn)	{ .name = #fn, .run = fn }

#define KTEST_SUITE_FULL(sname, scases, sinit, sexit)			\
	static const struct ktest_suite ktest_suite_##sname = {		\
		.name = #sname, .cases = scases,			\
		.init = sinit, .exit = sexit,				\
	};								\
	static const struct ktest_suite *const ktest_ptr_##sname	\
	__used __section(".ktest_suites") = &ktest_suite_##sname
#define KTEST_SUITE(sname, scases) KTEST_SUITE_FULL(sname, scases, NULL, NULL)

__printf(4, 5) void ktest_fail_at(struct ktest *t, const char *file, int line,
				  const char *fmt, ...);
void __noreturn ktest_abort(struct ktest *t);
__printf(2, 3) void __noreturn ktest_skip(struct ktest *t, const char *fmt, ...);
__printf(2, 3) void ktest_info(struct ktest *t, const char *fmt, ...);
/* Run every selected suite; returns the number of failed cases. */
#if IS_ENABLED(CONFIG_KTEST)
int ktest_run_all(void);
#else
static inline int ktest_run_all(void) { return 0; }
#endif

#define KTEST_FAIL(t, fmt, ...) \
	ktest_fail_at(t, __FILE__, __LINE__, fmt, ##__VA_ARGS__)

#define __KTEST_BINARY(t, a, op, b, fatal) do {				\
	long long __a = (long long)(a), __b = (long long)(b);		\
	if (!(__a op __b)) {						\
		ktest_fail_at(t, __FILE__, __LINE__,			\
			"Expected %s %s %s, but %s == %lld (%#llx), %s == %lld (%#llx)", \
			#a, #op, #b, #a, __a, (unsigned long long)__a,	\
			#b, __b, (unsigned long long)__b);		\
		if (fatal)						\
			ktest_abort(t);					\
	}								\
} while (0)

#define __KTEST_TRUE(t, cond, fatal) do {				\
	if (!(cond)) {							\
		ktest_fail_at(t, __FILE__, __LINE__,			\
			      "Expected %s to be true", #cond);		\
		if (fatal)						\
			ktest_abort(t);					\
	}								\
} while (0)

#define __KTEST_STREQ(t, a, b, fatal) do {				\
	const char *__sa = (a), *__sb = (b);				\
	if (strcmp(__sa, __sb)) {					\
		ktest_fail_at(t, __FILE__, __LINE__,			\
			"Expected %s == %s, but \"%s\" != \"%s\"",	\
			#a, #b, __sa, __sb);				\
		if (fatal)						\
			ktest_abort(t);					\
	}								\
} while (0)

#define KTEST_EXPECT_TRUE(t, c)		__KTEST_TRUE(t, c, 0)
#define KTEST_EXPECT_FALSE(t, c)	__KTEST_TRUE(t, !(c), 0)
#define KTEST_EXPECT_EQ(t, a, b)	__KTEST_BINARY(t, a, ==, b, 0)
#define KTEST_EXPECT_NE(t, a, b)	__KTEST_BINARY(t, a, !=, b, 0)
#define KTEST_EXPECT_LT(t, a, b)	__KTEST_BINARY(t, a, <, b, 0)
#define KTEST_EXPECT_LE(t, a, b)	__KTEST_BINARY(t, a, <=, b, 0)
#define KTEST_EXPECT_GT(t, a, b)	__KTEST_BINARY(t, a, >, b, 0)
#define KTEST_EXPECT_GE(t, a, b)	__KTEST_BINARY(t, a, >=, b, 0)
#define KTEST_EXPECT_NULL(t, p)		__KTEST_TRUE(t, (p) == NULL, 0)
#define KTEST_EXPECT_NOT_NULL(t, p)	__KTEST_TRUE(t, (p) != NULL, 0)
#define KTEST_EXPECT_STREQ(t, a, b)	__KTEST_STREQ(t, a, b, 0)

#define KTEST_ASSERT_TRUE(t, c)		__KTEST_TRUE(t, c, 1)
#define KTEST_ASSERT_FALSE(t, c)	__KTEST_TRUE(t, !(c), 1)
#define KTEST_ASSERT_EQ(t, a, b)	__KTEST_BINARY(t, a, ==, b, 1)
#define KTEST_ASSERT_NE(t, a, b)	__KTEST_BINARY(t, a, !=, b, 1)
#define KTEST_ASSERT_LT(t, a, b)	__KTEST_BINARY(t, a, <, b, 1)
#define KTEST_ASSERT_LE(t, a, b)	__KTEST_BINARY(t, a, <=, b, 1)
#define KTEST_ASSERT_GT(t, a, b)	__KTEST_BINARY(t, a, >, b, 1)
#define KTEST_ASSERT_GE(t, a, b)	__KTEST_BINARY(t, a, >=, b, 1)
#define KTEST_ASSERT_NOT_NULL(t, p)	__KTEST_TRUE(t, (p) != NULL, 1)
#define KTEST_ASSERT_NULL(t, p)		__KTEST_TRUE(t, (p) == NULL, 1)
#define KTEST_ASSERT_STREQ(t, a, b)	__KTEST_STREQ(t, a, b, 1)

#endif
