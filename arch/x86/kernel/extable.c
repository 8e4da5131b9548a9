// SPDX-License-Identifier: GPL-2.0
/*
 * Exception-table lookup and fix-up (asm/extable.h says what the entry
 * types mean).  The table is in rodata and small; a linear search keeps
 * it free of the boot-time sort a binary search would need.
 */
#include <linux/kernel.h>
#include <asm/extable.h>
#include <asm/ptrace.h>
#include <asm/traps.h>

extern const struct exception_table_entry __start___ex_table[];
extern const struct exception_table_entry __stop___ex_table[];

struct fault_record extable_last_fault;

static unsigned long ex_insn(const struct exception_table_entry *e)
{
	return (unsigned long)&e->insn + e->insn;
}

static unsigned long ex_fixup(const struct exception_table_entry *e)
{
	return (unsigned long)&e->fixup + e->fixup;
}

const struct exception_table_entry *search_exception_tables(unsigned long ip,
							     int type)
{
	const struct exception_table_entry *e;

	for (e = __start___ex_table; e < __stop___ex_table; e++)
		if (ex_insn(e) == ip && e->type == type)
			return e;
	return NULL;
}

static void record(struct pt_regs *regs, unsigned long vector,
		   unsigned long error_code, unsigned long address)
{
	extable_last_fault.vector = vector;
	extable_last_fault.error_code = error_code;
	extable_last_fault.ip = regs->ip;
	extable_last_fault.address = address;
	extable_last_fault.count++;
}

bool fixup_exception(struct pt_regs *regs, unsigned long vector,
		     unsigned long error_code, unsigned long address)
{
	const struct exception_table_entry *e;
	unsigned long ret;

	e = search_exception_tables(regs->ip, EX_TYPE_DEFAULT);
	if (e) {
		record(regs, vector, error_code, address);
		regs->ip = ex_fixup(e);
		return true;
	}

	/*
	 * An indirect call into memory that cannot be executed faults on
	 * the fetch of the target: RIP is the target, the return address
	 * is on top of the stack.  Only a declared call site is fixed up.
	 */
	if (vector == X86_TRAP_PF && (error_code & X86_PF_INSTR) &&
	    regs->ip == address) {
		ret = *(unsigned long *)regs->sp;
		e = search_exception_tables(ret, EX_TYPE_FETCH);
		if (e) {
			record(regs, vector, error_code, address);
			regs->sp += sizeof(unsigned long);
			regs->ip = ex_fixup(e);
			return true;
		}
	}
	return false;
}
