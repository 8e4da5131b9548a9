/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-CPU variables, reached through the GS base (as Linux x86-64 did
 * before 6.15: zero-based, with the stack canary at %gs:40).
 *
 * DEFINE_PER_CPU puts a variable in .data..percpu, which the linker
 * script links at address 0: a per-CPU variable's "address" is its offset
 * in a CPU's area.  The linked section is the template (at
 * __per_cpu_load in the image, read-only once paging_init has run); each
 * CPU's area is a copy of it, at __per_cpu_offset[cpu], and that CPU's GS
 * base holds the same value.  So
 *
 *   this_cpu_read(v)   is one instruction, mov %gs:v, and the write, add
 *                      and inc forms are one instruction each too: no
 *                      preemption or interrupt can split them;
 *   per_cpu(v, cpu)    is *(&v + __per_cpu_offset[cpu]), any CPU's copy.
 *
 * The first 48 bytes of every area are fixed: GCC's stack protector on
 * x86-64 reads the canary at %gs:40 (-mstack-protector-guard-offset), so
 * struct fixed_percpu_data comes first (.data..percpu..first, checked by
 * the linker script) and holds it.
 *
 * Invariants: the boot CPU runs on its area from the first C instruction
 * (head64.c, xen-head.S set the GS base), so the template is never
 * written and every copy starts from the image's initializers; a CPU's
 * GS base never changes once set (nothing here loads %gs or swaps it:
 * there is no user mode).
 */
#ifndef _ASM_X86_PERCPU_H
#define _ASM_X86_PERCPU_H

#ifndef __ASSEMBLY__
#include <linux/types.h>
#include <linux/compiler.h>

#define PER_CPU_BASE_SECTION	".data..percpu"

#define DECLARE_PER_CPU(type, name)					\
	extern __typeof__(type) name __section(PER_CPU_BASE_SECTION)
#define DEFINE_PER_CPU(type, name)					\
	__typeof__(type) name __section(PER_CPU_BASE_SECTION)
/* On its own cache line(s): a CPU's hot counters share none with others. */
#define DEFINE_PER_CPU_ALIGNED(type, name)				\
	__typeof__(type) name __section(PER_CPU_BASE_SECTION) __aligned(64)
/* First in every area, at offset 0 (the linker script asserts it). */
#define DECLARE_PER_CPU_FIRST(type, name)				\
	extern __typeof__(type) name __section(PER_CPU_BASE_SECTION "..first")
#define DEFINE_PER_CPU_FIRST(type, name)				\
	__typeof__(type) name __section(PER_CPU_BASE_SECTION "..first")

/* The canary where GCC looks for it: %gs:40. */
#define STACK_CANARY_OFFSET	40
struct fixed_percpu_data {
	char reserved[STACK_CANARY_OFFSET];	/* Linux's gs_base[40] */
	unsigned long stack_canary;
};
DECLARE_PER_CPU_FIRST(struct fixed_percpu_data, fixed_percpu_data);

/* Each CPU's area (0: none yet); the boot CPU's is in .bss. */
extern unsigned long __per_cpu_offset[];
/* The template, in the image; the linked (zero-based) range it describes. */
extern char __per_cpu_load[], __per_cpu_start[], __per_cpu_end[];
/* The boot CPU's area (.bss): the template copied there at entry. */
extern char __per_cpu_boot[];

#define per_cpu_offset(cpu)	(__per_cpu_offset[cpu])

/*
 * One instruction on this CPU's copy of @var.  "m" (var) names the
 * zero-based symbol: GCC writes it as var(%rip) or var(,%reg,8), both of
 * which the %gs: prefix turns into this CPU's copy (the kernel is linked
 * in the top 2 GiB, so var(%rip) reaches offset var from every text
 * address).  The switch on the size is resolved at compile time; an
 * access of another size fails to link (__bad_percpu_size).
 */
void __bad_percpu_size(void);

#define __pcpu_op1(insn, var, val)					\
do {									\
	typedef __typeof__(var) __pcpu_T;				\
	switch (sizeof(var)) {						\
	case 1:								\
		asm volatile(insn "b %1, %%gs:%0"			\
			     : "+m" (var) : "qi" ((__pcpu_T)(val)));	\
		break;							\
	case 2:								\
		asm volatile(insn "w %1, %%gs:%0"			\
			     : "+m" (var) : "ri" ((__pcpu_T)(val)));	\
		break;							\
	case 4:								\
		asm volatile(insn "l %1, %%gs:%0"			\
			     : "+m" (var) : "ri" ((__pcpu_T)(val)));	\
		break;							\
	case 8:								\
		asm volatile(insn "q %1, %%gs:%0"			\
			     : "+m" (var) : "re" ((__pcpu_T)(val)));	\
		break;							\
	default:							\
		__bad_percpu_size();					\
	}								\
} while (0)

#define this_cpu_read(var)						\
({									\
	__typeof__(var) __pcpu_ret;					\
	switch (sizeof(var)) {						\
	case 1:								\
		asm volatile("movb %%gs:%1, %0"				\
			     : "=q" (__pcpu_ret) : "m" (var));		\
		break;							\
	case 2:								\
		asm volatile("movw %%gs:%1, %0"				\
			     : "=r" (__pcpu_ret) : "m" (var));		\
		break;							\
	case 4:								\
		asm volatile("movl %%gs:%1, %0"				\
			     : "=r" (__pcpu_ret) : "m" (var));		\
		break;							\
	case 8:								\
		asm volatile("movq %%gs:%1, %0"				\
			     : "=r" (__pcpu_ret) : "m" (var));		\
		break;							\
	default:							\
		__bad_percpu_size();					\
	}								\
	__pcpu_ret;							\
})

#define this_cpu_write(var, val)	__pcpu_op1("mov", var, val)
#define this_cpu_add(var, val)		__pcpu_op1("add", var, val)
#define this_cpu_inc(var)		this_cpu_add(var, 1)
#define this_cpu_dec(var)		this_cpu_add(var, -1)

/* Any CPU's copy, through the offset table. */
#define per_cpu_ptr(ptr, cpu)						\
	((__typeof__(ptr))((unsigned long)(ptr) + per_cpu_offset(cpu)))
#define per_cpu(var, cpu)	(*per_cpu_ptr(&(var), (cpu)))

/* This CPU's area, which holds its own offset (the GS base). */
DECLARE_PER_CPU(unsigned long, this_cpu_off);
#define this_cpu_ptr(ptr)						\
	((__typeof__(ptr))((unsigned long)(ptr) + this_cpu_read(this_cpu_off)))

/*
 * The template into the boot CPU's area, at entry, before its GS base
 * points there: no call (memcpy may have a canary), one rep movsb.
 */
static __always_inline void percpu_boot_copy(void)
{
	unsigned long n = __per_cpu_end - __per_cpu_start;
	void *dst = __per_cpu_boot;
	const void *src = __per_cpu_load;

	asm volatile("rep movsb" : "+D" (dst), "+S" (src), "+c" (n) : : "memory");
}

/* Areas for the CPUs after the boot CPU's (setup_percpu.c). */
void setup_per_cpu_areas(void);
/* The GS base of the running CPU, as set (MSR_GS_BASE or Xen's segment base). */
void load_percpu_base(unsigned long base);

#endif /* !__ASSEMBLY__ */
#endif
