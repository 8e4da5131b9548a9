// SPDX-License-Identifier: GPL-2.0
/*
 * The symbol table and backtraces: the table covers the kernel's text,
 * lookups agree with the linker's addresses, and a frame-pointer walk
 * from a nested call finds each caller in order.
 */
#include <linux/ktest.h>
#include <linux/kallsyms.h>
#include <asm/stacktrace.h>

static void kallsyms_lookup_known(struct ktest *t)
{
	unsigned long a = (unsigned long)ktest_run_all, size = 0, off = 0;
	const char *name = NULL;

	KTEST_EXPECT_GT(t, kallsyms_count(), 100);
	KTEST_ASSERT_TRUE(t, kallsyms_lookup(a + 5, &name, &size, &off));
	KTEST_EXPECT_STREQ(t, name, "ktest_run_all");
	KTEST_EXPECT_EQ(t, off, 5);
	KTEST_EXPECT_GT(t, size, 5);
	KTEST_EXPECT_EQ(t, kallsyms_lookup_name("ktest_run_all"), a);
	KTEST_EXPECT_EQ(t, kallsyms_lookup_name("no_such_symbol_anywhere"), 0);
	KTEST_EXPECT_FALSE(t, kallsyms_lookup(0x1000, &name, &size, &off));
}

static unsigned long trace[8];
static unsigned int depth;

static noinline void bt_leaf(void)
{
	depth = stack_trace_save_bp((unsigned long)__builtin_frame_address(0),
				    trace, ARRAY_SIZE(trace));
	barrier();
}

static noinline void bt_middle(void)
{
	bt_leaf();
	barrier();	/* keep the call from becoming a tail jump */
}

static void kallsyms_backtrace(struct ktest *t)
{
	char name[KSYM_SYMBOL_LEN];

	bt_middle();
	KTEST_ASSERT_GE(t, depth, 3);
	sprint_symbol(name, sizeof(name), trace[0], false);
	KTEST_EXPECT_STREQ(t, name, "bt_middle");
	sprint_symbol(name, sizeof(name), trace[1], false);
	KTEST_EXPECT_STREQ(t, name, "kallsyms_backtrace");
	sprint_symbol(name, sizeof(name), trace[2], false);
	KTEST_EXPECT_STREQ(t, name, "run_case");
}

static const struct ktest_case kallsyms_cases[] = {
	KTEST_CASE(kallsyms_lookup_known),
	KTEST_CASE(kallsyms_backtrace),
	{}
};
KTEST_SUITE(kallsyms, kallsyms_cases);
