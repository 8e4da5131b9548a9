/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The exception table: instructions declared allowed to fault.  An entry
 * names the instruction, where to resume, and how:
 *
 *   EX_TYPE_DEFAULT  resume at the fixup address.
 *   EX_TYPE_FETCH    for an indirect call whose *target* cannot be fetched
 *                    (a #PF on instruction fetch, RIP == CR2): the entry
 *                    names the return address of the call; the handler pops
 *                    it and resumes at the fixup.
 *
 * Either way the fault is recorded in extable_last_fault so a caller (a
 * test) can check the vector, error code and address it expected.
 */
#ifndef _ASM_X86_EXTABLE_H
#define _ASM_X86_EXTABLE_H

#define EX_TYPE_DEFAULT		0
#define EX_TYPE_FETCH		1

#ifdef __ASSEMBLY__
#define _ASM_EXTABLE_TYPE(from, to, type)		\
	.pushsection "__ex_table", "a" ;		\
	.balign 4 ;					\
	.long (from) - . ;				\
	.long (to) - . ;				\
	.long type ;					\
	.popsection
#else
#include <linux/compiler.h>

#define _ASM_EXTABLE_TYPE(from, to, type)		\
	" .pushsection \"__ex_table\",\"a\"\n"		\
	" .balign 4\n"					\
	" .long (" #from ") - .\n"			\
	" .long (" #to ") - .\n"			\
	" .long " __stringify(type) "\n"			\
	" .popsection\n"

#include <linux/types.h>

struct exception_table_entry {
	int insn, fixup, type;
};

struct pt_regs;

struct fault_record {
	unsigned long vector;
	unsigned long error_code;
	unsigned long ip;
	unsigned long address;		/* CR2 for #PF, 0 otherwise */
	unsigned long count;		/* faults fixed up since boot */
};
extern struct fault_record extable_last_fault;

const struct exception_table_entry *search_exception_tables(unsigned long ip,
							     int type);
bool fixup_exception(struct pt_regs *regs, unsigned long vector,
		     unsigned long error_code, unsigned long address);
#endif

#define _ASM_EXTABLE(from, to)	_ASM_EXTABLE_TYPE(from, to, EX_TYPE_DEFAULT)

#endif
