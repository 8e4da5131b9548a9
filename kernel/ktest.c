// SPDX-License-Identifier: GPL-2.0
/*
 * ktest runner: selects suites and cases with ktest.filter, runs them and
 * prints KTAP version 1 (a top-level plan of suites, each suite a nested
 * KTAP document of its cases).  A case ends at its return, at a failed
 * ASSERT (longjmp back here), or at ktest_skip().  The plan always equals
 * what is printed, so the host can tell a crash from a short run.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/ktest.h>

extern const struct ktest_suite *const __ktest_suites_start[];
extern const struct ktest_suite *const __ktest_suites_end[];

#define MAX_FILTERS	8
static char filter_buf[256];
static struct {
	const char *suite, *test;	/* globs; test NULL: all */
} filters[MAX_FILTERS];
static unsigned int nr_filters;

static void parse_filter(void)
{
	char *p = filter_buf, *dot;

	if (!cmdline_get_value("ktest.filter", filter_buf, sizeof(filter_buf)))
		return;
	while (p && *p && nr_filters < MAX_FILTERS) {
		char *comma = strchr(p, ',');

		if (comma)
			*comma++ = '\0';
		dot = strchr(p, '.');
		if (dot)
			*dot++ = '\0';
		filters[nr_filters].suite = p;
		filters[nr_filters].test = dot;
		nr_filters++;
		p = comma;
	}
}

static bool case_selected(const char *suite, const char *test)
{
	unsigned int i;

	if (!nr_filters)
		return true;
	for (i = 0; i < nr_filters; i++)
		if (glob_match(filters[i].suite, suite) &&
		    (!filters[i].test || !test || glob_match(filters[i].test, test)))
			return true;
	return false;
}

static unsigned int selected_cases(const struct ktest_suite *s)
{
	const struct ktest_case *c;
	unsigned int n = 0;

	for (c = s->cases; c->name; c++)
		if (case_selected(s->name, c->name))
			n++;
	return n;
}

void ktest_fail_at(struct ktest *t, const char *file, int line,
		   const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	t->status = KTEST_FAIL;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pr_info("    # %s: EXPECTATION FAILED at %s:%d\n", t->name, file, line);
	pr_info("    # %s\n", msg);
}

void ktest_abort(struct ktest *t)
{
	kernel_longjmp(&t->abort, 1);
}

void ktest_skip(struct ktest *t, const char *fmt, ...)
{
	va_list ap;

	if (t->status != KTEST_FAIL)
		t->status = KTEST_SKIP;
	va_start(ap, fmt);
	vsnprintf(t->skip_reason, sizeof(t->skip_reason), fmt, ap);
	va_end(ap);
	kernel_longjmp(&t->abort, 1);
}

void ktest_info(struct ktest *t, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pr_info("    # %s: %s\n", t->name, msg);
}

static noinline enum ktest_status run_case(const struct ktest_suite *s,
				  const struct ktest_case *c, unsigned int n)
{
	struct ktest t = { .name = c->name, .status = KTEST_PASS };
	bool inited = false;

	/* A longjmp lands here with a non-zero return. */
	if (!kernel_setjmp(&t.abort)) {
		if (s->init && s->init(&t)) {
			if (t.status == KTEST_PASS) {
				t.status = KTEST_SKIP;
				strscpy(t.skip_reason, "suite init declined",
					sizeof(t.skip_reason));
			}
		} else {
			inited = true;
			c->run(&t);
		}
	}
	/* Tear-down runs however the case ended. */
	if (inited && s->exit) {
		struct jmp_buf saved = t.abort;

		if (!kernel_setjmp(&t.abort))
			s->exit(&t);
		t.abort = saved;
	}

	if (t.status == KTEST_FAIL)
		pr_info("    not ok %u %s\n", n, c->name);
	else if (t.status == KTEST_SKIP)
		pr_info("    ok %u %s # SKIP %s\n", n, c->name, t.skip_reason);
	else
		pr_info("    ok %u %s\n", n, c->name);
	return t.status;
}

int ktest_run_all(void)
{
	const struct ktest_suite *const *sp;
	unsigned int nsuites = 0, si = 0, pass = 0, fail = 0, skip = 0;

	parse_filter();
	for (sp = __ktest_suites_start; sp < __ktest_suites_end; sp++)
		if (selected_cases(*sp))
			nsuites++;

	pr_info("KTAP version 1\n");
	pr_info("1..%u\n", nsuites);
	for (sp = __ktest_suites_start; sp < __ktest_suites_end; sp++) {
		const struct ktest_suite *s = *sp;
		const struct ktest_case *c;
		unsigned int n = 0, sfail = 0, sskip = 0, total = selected_cases(s);

		if (!total)
			continue;
		pr_info("    KTAP version 1\n");
		pr_info("    # Subtest: %s\n", s->name);
		pr_info("    1..%u\n", total);
		for (c = s->cases; c->name; c++) {
			if (!case_selected(s->name, c->name))
				continue;
			switch (run_case(s, c, ++n)) {
			case KTEST_FAIL:
				sfail++;
				break;
			case KTEST_SKIP:
				sskip++;
				break;
			default:
				break;
			}
		}
		fail += sfail;
		skip += sskip;
		pass += total - sfail - sskip;
		if (sfail)
			pr_info("not ok %u %s\n", ++si, s->name);
		else if (sskip == total)
			pr_info("ok %u %s # SKIP all cases skipped\n", ++si, s->name);
		else
			pr_info("ok %u %s\n", ++si, s->name);
	}
	pr_info("# ktest: pass:%u fail:%u skip:%u total:%u\n", pass, fail, skip,
		pass + fail + skip);
	return fail;
}
