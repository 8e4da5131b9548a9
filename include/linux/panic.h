/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_PANIC_H
#define _LINUX_PANIC_H

#include <linux/compiler.h>

__printf(1, 2) void __noreturn panic(const char *fmt, ...);

/* Set once a panic started: a second one only halts. */
extern int panic_in_progress;

/* BUG_ON: an invariant of our own code broke.  Never for peer input. */
#define BUG() panic("BUG at %s:%d", __FILE__, __LINE__)
#define BUG_ON(cond) do { if (unlikely(cond)) BUG(); } while (0)

/* WARN_ON: report with a backtrace and continue. */
void __warn(const char *file, int line, const char *cond);
#define WARN_ON(cond) ({						\
	bool __c = !!(cond);						\
	if (unlikely(__c))						\
		__warn(__FILE__, __LINE__, #cond);			\
	unlikely(__c);							\
})

#endif
