// SPDX-License-Identifier: GPL-2.0
/*
 * printk formatting: each conversion, flag, width, precision and length
 * modifier against the exact expected text; truncation and the C99
 * return value; %pS/%ps through kallsyms; the timestamped log buffer.
 */
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/kallsyms.h>

#define CHECK_FMT(t, expect, fmt, ...) do {				\
	char __b[128];							\
	int __n = snprintf(__b, sizeof(__b), fmt, ##__VA_ARGS__);	\
	KTEST_EXPECT_STREQ(t, __b, expect);				\
	KTEST_EXPECT_EQ(t, __n, (int)strlen(expect));			\
} while (0)

static void printk_integers(struct ktest *t)
{
	CHECK_FMT(t, "-42", "%d", -42);
	CHECK_FMT(t, "   42", "%5d", 42);
	CHECK_FMT(t, "42   |", "%-5d|", 42);
	CHECK_FMT(t, "-0042", "%05d", -42);
	CHECK_FMT(t, "+7  7", "%+d % d", 7, 7);
	CHECK_FMT(t, "007", "%.3d", 7);
	CHECK_FMT(t, "", "%.0d", 0);
	CHECK_FMT(t, "ff FF 0xff 0x0 17 017", "%x %X %#x %#x %o %#o", 255, 255, 255, 0, 15, 15);
	CHECK_FMT(t, "18446744073709551615", "%llu", ~0ULL);
	CHECK_FMT(t, "-9223372036854775808", "%lld", (long long)(1ULL << 63));
	CHECK_FMT(t, "1 -1", "%hhu %hhd", 257, 255);
	CHECK_FMT(t, "65535", "%hu", 0xfffff);
	CHECK_FMT(t, "4096 -1", "%zu %zd", (size_t)4096, (ssize_t)-1);
	CHECK_FMT(t, "  -3|", "%*d|", 4, -3);
	CHECK_FMT(t, "-3  |", "%*d|", -4, -3);
	CHECK_FMT(t, "0x00000000deadbeef", "%#018llx", 0xdeadbeefULL);
}

static void printk_strings(struct ktest *t)
{
	const char *volatile null_string = NULL;	/* hidden from -Wformat */

	CHECK_FMT(t, "(null)", "%s", null_string);
	CHECK_FMT(t, "   ab|ab   |", "%5s|%-5s|", "ab", "ab");
	CHECK_FMT(t, "ab", "%.2s", "abcdef");
	CHECK_FMT(t, "abc", "%.*s", 3, "abcdef");
	CHECK_FMT(t, "x%y", "%c%%%c", 'x', 'y');
}

static void printk_truncation(struct ktest *t)
{
	char buf[8];
	int n;

	memset(buf, 'Z', sizeof(buf));
	n = snprintf(buf, 5, "hello world");
	KTEST_EXPECT_EQ(t, n, 11);
	KTEST_EXPECT_STREQ(t, buf, "hell");
	KTEST_EXPECT_EQ(t, buf[5], 'Z');	/* nothing written past size */
	KTEST_EXPECT_EQ(t, snprintf(NULL, 0, "%d", 12345), 5);
	n = snprintf(buf, 1, "abc");
	KTEST_EXPECT_EQ(t, n, 3);
	KTEST_EXPECT_EQ(t, buf[0], '\0');
}

static noinline void printk_test_symbol(void)
{
	barrier();
}

static void printk_symbols(struct ktest *t)
{
	unsigned long a = (unsigned long)printk_test_symbol;
	char buf[KSYM_SYMBOL_LEN];

	snprintf(buf, sizeof(buf), "%ps", (void *)a);
	KTEST_EXPECT_STREQ(t, buf, "printk_test_symbol");
	snprintf(buf, sizeof(buf), "%pS", (void *)(a + 1));
	KTEST_EXPECT_TRUE(t, !strncmp(buf, "printk_test_symbol+0x1/0x", 25));
	/* Not kernel text: printed as an address. */
	snprintf(buf, sizeof(buf), "%pS", (void *)0x1234);
	KTEST_EXPECT_STREQ(t, buf, "0x0000000000001234");
}

static void printk_log_buffer(struct ktest *t)
{
	static char copy[512];
	size_t n;
	char *line;

	/* KERN_DEBUG is below the console level: stored, not shown. */
	printk(KERN_DEBUG "ktest-marker %d\n", 4242);
	n = log_buf_copy(copy, sizeof(copy) - 1);
	copy[n] = '\0';
	line = strstr(copy, "ktest-marker 4242\n");
	KTEST_ASSERT_NOT_NULL(t, line);
	/* Each line starts with "[ssss.uuuuuu] ". */
	KTEST_EXPECT_TRUE(t, line - copy >= 15);
	KTEST_EXPECT_EQ(t, line[-1], ' ');
	KTEST_EXPECT_EQ(t, line[-2], ']');
	KTEST_EXPECT_EQ(t, line[-9], '.');
}

static void printk_kstrtoull(struct ktest *t)
{
	unsigned long long v = 0;

	KTEST_EXPECT_EQ(t, kstrtoull("0x10", 0, &v), 0);
	KTEST_EXPECT_EQ(t, v, 16);
	KTEST_EXPECT_EQ(t, kstrtoull("010", 0, &v), 0);
	KTEST_EXPECT_EQ(t, v, 8);
	KTEST_EXPECT_EQ(t, kstrtoull("12a", 10, &v), -EINVAL);
	KTEST_EXPECT_EQ(t, kstrtoull("", 10, &v), -EINVAL);
	KTEST_EXPECT_EQ(t, kstrtoull("18446744073709551615", 10, &v), 0);
	KTEST_EXPECT_EQ(t, v, ~0ULL);
	KTEST_EXPECT_EQ(t, kstrtoull("18446744073709551616", 10, &v), -ERANGE);
}

static const struct ktest_case printk_cases[] = {
	KTEST_CASE(printk_integers),
	KTEST_CASE(printk_strings),
	KTEST_CASE(printk_truncation),
	KTEST_CASE(printk_symbols),
	KTEST_CASE(printk_log_buffer),
	KTEST_CASE(printk_kstrtoull),
	{}
};
KTEST_SUITE(printk, printk_cases);
