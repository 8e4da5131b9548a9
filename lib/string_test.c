// SPDX-License-Identifier: GPL-2.0
/* String and memory helpers: overlap, truncation, globbing. */
#include <linux/ktest.h>
#include <linux/errno.h>

static void string_memmove_overlap(struct ktest *t)
{
	char a[] = "abcdefgh";
	char b[] = "abcdefgh";

	memmove(a + 2, a, 5);
	KTEST_EXPECT_STREQ(t, a, "ababcdeh");
	memmove(b, b + 2, 5);
	KTEST_EXPECT_STREQ(t, b, "cdefgfgh");
}

static void string_strscpy(struct ktest *t)
{
	char buf[4];

	KTEST_EXPECT_EQ(t, strscpy(buf, "ab", sizeof(buf)), 2);
	KTEST_EXPECT_STREQ(t, buf, "ab");
	KTEST_EXPECT_EQ(t, strscpy(buf, "abcdef", sizeof(buf)), -E2BIG);
	KTEST_EXPECT_STREQ(t, buf, "abc");
	KTEST_EXPECT_EQ(t, strscpy(buf, "x", 0), -E2BIG);
}

static void string_compare(struct ktest *t)
{
	KTEST_EXPECT_LT(t, strcmp("abc", "abd"), 0);
	KTEST_EXPECT_GT(t, strcmp("abd", "abc"), 0);
	KTEST_EXPECT_GT(t, strcmp("\xff", "a"), 0);	/* unsigned compare */
	KTEST_EXPECT_EQ(t, strncmp("abcx", "abcy", 3), 0);
	KTEST_EXPECT_LT(t, memcmp("\x01", "\x80", 1), 0);
	KTEST_EXPECT_NULL(t, memchr_inv("aaaa", 'a', 4));
	KTEST_EXPECT_EQ(t, (char *)memchr_inv("aaba", 'a', 4) - "aaba", 2);
}

static void string_glob(struct ktest *t)
{
	KTEST_EXPECT_TRUE(t, glob_match("buddy", "buddy"));
	KTEST_EXPECT_TRUE(t, glob_match("bud*", "buddy"));
	KTEST_EXPECT_TRUE(t, glob_match("*dd*", "buddy"));
	KTEST_EXPECT_TRUE(t, glob_match("b?ddy", "buddy"));
	KTEST_EXPECT_TRUE(t, glob_match("*", ""));
	KTEST_EXPECT_FALSE(t, glob_match("bud", "buddy"));
	KTEST_EXPECT_FALSE(t, glob_match("*x", "buddy"));
	KTEST_EXPECT_FALSE(t, glob_match("?", ""));
}

static const struct ktest_case string_cases[] = {
	KTEST_CASE(string_memmove_overlap),
	KTEST_CASE(string_strscpy),
	KTEST_CASE(string_compare),
	KTEST_CASE(string_glob),
	{}
};
KTEST_SUITE(string, string_cases);
