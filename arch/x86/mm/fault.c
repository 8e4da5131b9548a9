// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel page faults.  The kernel never expects one except where the
 * exception table says so; anything else is reported (what access, which
 * address, the page-table walk for it) and is fatal.
 */
#include <linux/kernel.h>
#include <asm/traps.h>
#include <asm/ptrace.h>
#include <asm/extable.h>
#include <asm/pgtable.h>
#include <asm/special_insns.h>
#include <asm/setup.h>

static void dump_pagetable(unsigned long address)
{
	u64 *t = __va(read_cr3() & PTE_PFN_MASK);
	static const char *const names[] = { "PGD", "PUD", "PMD", "PTE" };
	static const unsigned int shifts[] = { P4D_SHIFT, PUD_SHIFT, PMD_SHIFT, PAGE_SHIFT };
	unsigned int i;

	for (i = 0; i < 4; i++) {
		u64 *slot = &t[(address >> shifts[i]) & 511], e;

		if (i == 0 && pgd_index_is_hypervisor(pgd_index(address))) {
			pr_cont(" (hypervisor's)");
			break;
		}
		e = pt_entry(slot);
		pr_cont(" %s %llx", names[i], (unsigned long long)e);
		if (!(e & _PAGE_PRESENT) || (i && i < 3 && (e & _PAGE_PSE)))
			break;
		t = __va(e & PTE_PFN_MASK);
	}
	pr_cont("\n");
}

void do_page_fault(struct pt_regs *regs, unsigned long address)
{
	unsigned long err = regs->error_code;
	unsigned long guard = (unsigned long)boot_stack_guard;

	if (fixup_exception(regs, X86_TRAP_PF, err, address))
		return;

	if (address >= guard && address < guard + PAGE_SIZE)
		pr_emerg("BUG: kernel stack overflow (guard page hit at %#lx)\n", address);
	else
		pr_emerg("BUG: unable to handle page fault for address: %016lx\n", address);
	pr_emerg("#PF: supervisor %s in %s mode\n",
		 (err & X86_PF_INSTR) ? "instruction fetch" :
		 (err & X86_PF_WRITE) ? "write access" : "read access",
		 (err & X86_PF_USER) ? "user" : "kernel");
	pr_emerg("#PF: error_code(0x%04lx) - %s\n", err,
		 (err & X86_PF_RSVD) ? "reserved bit violation" :
		 (err & X86_PF_PROT) ? "permissions violation" : "not-present page");
	printk(KERN_EMERG "page table:");
	dump_pagetable(address);
	die("page fault", regs);
}
