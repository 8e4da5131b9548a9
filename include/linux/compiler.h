/* SPDX-License-Identifier: GPL-2.0 */
/* Compiler attributes and helpers (GCC; sparse sees the same). */
#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

#ifndef __ASSEMBLY__
#define __always_inline		inline __attribute__((__always_inline__))
#define noinline		__attribute__((__noinline__))
#define __noreturn		__attribute__((__noreturn__))
#define __packed		__attribute__((__packed__))
#define __aligned(x)		__attribute__((__aligned__(x)))
#define __section(s)		__attribute__((__section__(s)))
#define __used			__attribute__((__used__))
#define __maybe_unused		__attribute__((__unused__))
#define __weak			__attribute__((__weak__))
#define __printf(a, b)		__attribute__((__format__(printf, a, b)))
#define __cold			__attribute__((__cold__))
#define __must_check		__attribute__((__warn_unused_result__))
#define __no_stack_protector	__attribute__((__no_stack_protector__))
#define fallthrough		__attribute__((__fallthrough__))

#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)
#define barrier()		__asm__ __volatile__("" : : : "memory")

/* One access, not torn, not cached in a register, not invented. */
#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val)	(*(volatile __typeof__(x) *)&(x) = (val))

#define __stringify_1(x...)	#x
#define __stringify(x...)	__stringify_1(x)

#ifdef __CHECKER__
#define __force			__attribute__((force))
#define __iomem			__attribute__((noderef, address_space(__iomem)))
#else
#define __force
#define __iomem
#endif
#endif /* !__ASSEMBLY__ */

#endif
