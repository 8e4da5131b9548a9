// SPDX-License-Identifier: GPL-2.0
/*
 * One-instruction accesses declared in the exception table (asm/nofault.h).
 * The fixup sets -EFAULT and resumes after the access.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <asm/nofault.h>
#include <asm/extable.h>

/* One load of @type that may fault: 0, or -EFAULT with *val = 0. */
#define DEFINE_READ_NOFAULT(name, type, insn, cons)			\
int name(unsigned long addr, type *val)					\
{									\
	int err = 0;							\
	type v = 0;							\
									\
	asm volatile("1: " insn " (%[a]), %[v]\n"			\
		     "2:\n"						\
		     ".pushsection .fixup, \"ax\"\n"			\
		     "3: movl %[ef], %[e]\n"				\
		     "   jmp 2b\n"					\
		     ".popsection\n"					\
		     _ASM_EXTABLE(1b, 3b)				\
		     : [e] "+r"(err), [v] "+" cons(v)			\
		     : [a] "r"(addr), [ef] "i"(-EFAULT)			\
		     : "memory");					\
	*val = v;							\
	return err;							\
}

DEFINE_READ_NOFAULT(read_u8_nofault, u8, "movb", "q")
DEFINE_READ_NOFAULT(read_u64_nofault, u64, "movq", "r")

int write_u8_nofault(unsigned long addr, u8 val)
{
	int err = 0;

	asm volatile("1: movb %[v], (%[a])\n"
		     "2:\n"
		     ".pushsection .fixup, \"ax\"\n"
		     "3: movl %[ef], %[e]\n"
		     "   jmp 2b\n"
		     ".popsection\n"
		     _ASM_EXTABLE(1b, 3b)
		     : [e] "+r"(err)
		     : [a] "r"(addr), [v] "q"(val), [ef] "i"(-EFAULT)
		     : "memory");
	return err;
}

/*
 * The call's target is fetched after the return address is pushed; if the
 * fetch faults, the EX_TYPE_FETCH entry at the return address (label 2)
 * pops it and resumes at the fixup.
 */
int exec_nofault(unsigned long addr)
{
	int err = 0;

	asm volatile("call *%[a]\n"
		     "2:\n"
		     "4:\n"
		     ".pushsection .fixup, \"ax\"\n"
		     "3: movl %[ef], %[e]\n"
		     "   jmp 4b\n"
		     ".popsection\n"
		     _ASM_EXTABLE_TYPE(2b, 3b, EX_TYPE_FETCH)
		     : [e] "+r"(err)
		     : [a] "r"(addr), [ef] "i"(-EFAULT)
		     : "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11",
		       "memory");
	return err;
}
