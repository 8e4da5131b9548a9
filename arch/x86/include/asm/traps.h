/* SPDX-License-Identifier: GPL-2.0 */
/* Exception vectors, interrupt vectors and the trap entry points. */
#ifndef _ASM_X86_TRAPS_H
#define _ASM_X86_TRAPS_H

#define X86_TRAP_DE		0	/* divide error */
#define X86_TRAP_DB		1
#define X86_TRAP_NMI		2
#define X86_TRAP_BP		3
#define X86_TRAP_OF		4
#define X86_TRAP_BR		5
#define X86_TRAP_UD		6	/* invalid opcode */
#define X86_TRAP_NM		7
#define X86_TRAP_DF		8	/* double fault */
#define X86_TRAP_OLD_MF		9
#define X86_TRAP_TS		10
#define X86_TRAP_NP		11
#define X86_TRAP_SS		12
#define X86_TRAP_GP		13	/* general protection */
#define X86_TRAP_PF		14	/* page fault */
#define X86_TRAP_SPURIOUS	15
#define X86_TRAP_MF		16
#define X86_TRAP_AC		17
#define X86_TRAP_MC		18
#define X86_TRAP_XF		19
#define X86_TRAP_VE		20
#define X86_TRAP_CP		21

/* Which exceptions push an error code (bit per vector). */
#define X86_TRAP_HAS_ERROR	((1 << 8) | (1 << 10) | (1 << 11) | \
				 (1 << 12) | (1 << 13) | (1 << 14) | \
				 (1 << 17) | (1 << 21))

#define FIRST_EXTERNAL_VECTOR	0x20
#define ISA_IRQ_VECTOR(irq)	(0x30 + (irq))
#define LOCAL_TIMER_VECTOR	0xec
#define SPURIOUS_APIC_VECTOR	0xff
#define NR_VECTORS		256

/* Page-fault error code bits. */
#define X86_PF_PROT		(1 << 0)
#define X86_PF_WRITE		(1 << 1)
#define X86_PF_USER		(1 << 2)
#define X86_PF_RSVD		(1 << 3)
#define X86_PF_INSTR		(1 << 4)

/* Interrupt stack table slots (TSS.IST index, 1-based). */
#define IST_INDEX_DF		1
#define IST_INDEX_NMI		2
#define IST_INDEX_MCE		3
#define N_IST			3

#ifndef __ASSEMBLY__
#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/percpu.h>

struct pt_regs;

typedef void (*irq_handler_t)(struct pt_regs *regs);

void idt_setup(void);
/* Load the shared IDT on the running (secondary) CPU. */
void idt_load_this_cpu(void);
/* Called by entry_64.S for every vector. */
void x86_handle_vector(struct pt_regs *regs);
void idt_install_handler(unsigned int vector, irq_handler_t fn);
const char *trap_name(unsigned long vector);
void __noreturn die(const char *why, struct pt_regs *regs);
void do_page_fault(struct pt_regs *regs, unsigned long address);

/* Handlers of external vectors (idt_install_handler sets them). */
extern irq_handler_t vector_handlers[NR_VECTORS];
/* Interrupts this CPU took since boot, by vector. */
DECLARE_PER_CPU(unsigned long, irq_count[NR_VECTORS]);
/* External-vector handlers running now on this CPU (nested ones count each). */
DECLARE_PER_CPU(unsigned int, hardirq_depth);

/* In an interrupt handler: what it interrupted may be half-way through. */
static inline bool in_interrupt(void)
{
	return this_cpu_read(hardirq_depth) != 0;
}
#endif

#endif
