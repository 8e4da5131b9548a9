/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Ordering of accesses to memory another domain shares with us (rings).
 * x86 keeps loads in order with loads and stores with stores, and never
 * moves a store before an earlier load, so the read and write barriers
 * only stop the compiler; only a store followed by a load needs a fence
 * (a locked add to the stack, cheaper than mfence and as strong for
 * ordinary memory).
 */
#ifndef _ASM_X86_BARRIER_H
#define _ASM_X86_BARRIER_H

#include <linux/compiler.h>

#define virt_rmb()	barrier()
#define virt_wmb()	barrier()
#define virt_mb()	__asm__ __volatile__("lock; addl $0,-4(%%rsp)" : : : "memory", "cc")

/*
 * Between CPUs of this machine (x86-TSO): loads are not reordered with
 * loads, stores not with stores, so only a store followed by a load needs
 * a fence; acquire and release are compiler barriers around the access.
 */
#define smp_mb()	virt_mb()
#define smp_rmb()	barrier()
#define smp_wmb()	barrier()
#define smp_store_release(p, v)	do { barrier(); WRITE_ONCE(*(p), (v)); } while (0)
#define smp_load_acquire(p)	({ __typeof__(*(p)) ___v = READ_ONCE(*(p)); barrier(); ___v; })

#endif
