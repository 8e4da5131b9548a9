/* SPDX-License-Identifier: GPL-2.0 */
/* pvbench (boot parameter): paravirt microbenchmarks for `make bench`. */
#ifndef _LINUX_PVBENCH_H
#define _LINUX_PVBENCH_H

#if IS_ENABLED(CONFIG_KTEST)
/* Run the benchmarks if asked for on the command line; true if it ran. */
bool pvbench_run(void);
#else
static inline bool pvbench_run(void) { return false; }
#endif

#endif
