/* SPDX-License-Identifier: GPL-2.0 */
/* pvbench (boot parameter): paravirt microbenchmarks for `make bench`. */
#ifndef _LINUX_PVBENCH_H
#define _LINUX_PVBENCH_H

/*
 * Marker instructions for the instruction-count plugin (tools/perf-icount):
 * `nopl 0x4b4dCCCC(%rax)`, a no-op that reads nothing.  Window ids 0-31
 * are pvbench's; PVBENCH_BOOT spans the first C code of any entry to the
 * end of the test suites.
 */
#define PVBENCH_MARK(code) \
	asm volatile("nopl %c0(%%rax)" : : "i"(0x4b4d0000 | (code)) : "memory")
#define PVBENCH_START(id)	PVBENCH_MARK(id)
#define PVBENCH_STOP(id)	PVBENCH_MARK((id) | 0x8000)
/*
 * A window of every vCPU's instructions (bit 14): the plugin sums all
 * vCPUs' counters at each marker, so the stop may run on another CPU
 * than the start.
 */
#define PVBENCH_START_ALL(id)	PVBENCH_MARK((id) | 0x4000)
#define PVBENCH_STOP_ALL(id)	PVBENCH_MARK((id) | 0xc000)
#define PVBENCH_BOOT		32

#if IS_ENABLED(CONFIG_KTEST)
/* Run the benchmarks if asked for on the command line; true if it ran. */
bool pvbench_run(void);
/* The cross-CPU benchmarks (pvbench_smp.c), from pvbench_run(). */
void pvbench_smp_run(void);
#else
static inline bool pvbench_run(void) { return false; }
#endif

#endif
