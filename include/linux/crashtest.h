/* SPDX-License-Identifier: GPL-2.0 */
/* crashtest=TYPE (kernel/crashtest.c): a deliberate crash for the runner. */
#ifndef _LINUX_CRASHTEST_H
#define _LINUX_CRASHTEST_H

#if IS_ENABLED(CONFIG_KTEST)
void crashtest_run(void);
#else
static inline void crashtest_run(void) { }
#endif

#endif
