// SPDX-License-Identifier: GPL-2.0
/*
 * Exceptions: each one raised on purpose at an instruction the exception
 * table declares, then checked: the vector, the error code, the faulting
 * address and the saved RIP (the instruction itself for faults, the one
 * after it for traps).
 */
#include <linux/ktest.h>
#include <asm/extable.h>
#include <asm/traps.h>
#include <asm/ptrace.h>
#include <asm/page_types.h>

/* Run @insn at label 1 with the extable sending it to label 2. */
#define RAISE(insn, inputs...)						\
({									\
	unsigned long __at;						\
	asm volatile("lea 1f(%%rip), %0\n"				\
		     "1: " insn "\n"					\
		     "2:\n"						\
		     _ASM_EXTABLE(1b, 2b)				\
		     : "=&r"(__at) : inputs : "memory");		\
	__at;								\
})

static void expect_fault(struct ktest *t, unsigned long count_before,
			 unsigned long vector, unsigned long ip)
{
	KTEST_EXPECT_EQ(t, extable_last_fault.count, count_before + 1);
	KTEST_EXPECT_EQ(t, extable_last_fault.vector, vector);
	KTEST_EXPECT_EQ(t, extable_last_fault.ip, ip);
}

static void traps_invalid_opcode(struct ktest *t)
{
	unsigned long c = extable_last_fault.count;
	unsigned long at = RAISE("ud2", "i"(0));

	expect_fault(t, c, X86_TRAP_UD, at);
}

static void traps_general_protection(struct ktest *t)
{
	unsigned long c = extable_last_fault.count;
	/* A non-canonical address: #GP, error code 0. */
	unsigned long at = RAISE("cmpb $0, (%1)", "r"(0x8000000000000000UL));

	expect_fault(t, c, X86_TRAP_GP, at);
	KTEST_EXPECT_EQ(t, extable_last_fault.error_code, 0);
}

static void traps_page_fault(struct ktest *t)
{
	unsigned long c = extable_last_fault.count;
	unsigned long addr = VMAP_END - 8 * PAGE_SIZE + 0x123;	/* never mapped */
	unsigned long at = RAISE("movb %%al, (%1)", "r"(addr), "a"(0));

	expect_fault(t, c, X86_TRAP_PF, at);
	KTEST_EXPECT_EQ(t, extable_last_fault.address, addr);
	KTEST_EXPECT_EQ(t, extable_last_fault.error_code, X86_PF_WRITE);
}

static void traps_divide_error(struct ktest *t)
{
	unsigned long c = extable_last_fault.count;
	unsigned long at = RAISE("divl %1", "r"(0), "a"(1), "d"(0));

	expect_fault(t, c, X86_TRAP_DE, at);
}

static void traps_breakpoint_is_a_trap(struct ktest *t)
{
	unsigned long c = extable_last_fault.count, after;

	/* int3 is a trap: the saved RIP is the next instruction. */
	asm volatile("lea 2f(%%rip), %0\n"
		     "int3\n"
		     "2:\n"
		     _ASM_EXTABLE(2b, 2b)
		     : "=&r"(after) : : "memory");
	expect_fault(t, c, X86_TRAP_BP, after);
}

static void traps_unlisted_address(struct ktest *t)
{
	KTEST_EXPECT_NULL(t, search_exception_tables((unsigned long)traps_unlisted_address,
						     EX_TYPE_DEFAULT));
	KTEST_EXPECT_STREQ(t, trap_name(X86_TRAP_PF), "page fault");
	KTEST_EXPECT_STREQ(t, trap_name(X86_TRAP_GP), "general protection fault");
}

static const struct ktest_case traps_cases[] = {
	KTEST_CASE(traps_invalid_opcode),
	KTEST_CASE(traps_general_protection),
	KTEST_CASE(traps_page_fault),
	KTEST_CASE(traps_divide_error),
	KTEST_CASE(traps_breakpoint_is_a_trap),
	KTEST_CASE(traps_unlisted_address),
	{}
};
KTEST_SUITE(traps, traps_cases);
