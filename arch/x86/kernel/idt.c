// SPDX-License-Identifier: GPL-2.0
/*
 * The IDT: every vector points at its stub in entry_64.S; exceptions that
 * must run on a known-good stack (#DF, NMI, #MC) use the TSS's IST stacks.
 * Handlers for external vectors are installed by idt_install_handler().
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <asm/desc.h>
#include <asm/traps.h>

extern const unsigned long vector_entries[NR_VECTORS];

static struct gate_desc idt_table[NR_VECTORS] __aligned(4096);
irq_handler_t vector_handlers[NR_VECTORS];

static void set_gate(unsigned int v, unsigned long addr, unsigned int ist)
{
	struct gate_desc *g = &idt_table[v];

	g->offset_low = addr & 0xffff;
	g->segment = __KERNEL_CS;
	g->ist = ist;
	g->type_attr = GATE_INTERRUPT;
	g->offset_middle = (addr >> 16) & 0xffff;
	g->offset_high = addr >> 32;
	g->reserved = 0;
}

void __init idt_setup(void)
{
	struct desc_ptr p = { sizeof(idt_table) - 1, (u64)idt_table };
	unsigned int v, ist;

	for (v = 0; v < NR_VECTORS; v++) {
		ist = 0;
		if (v == X86_TRAP_DF)
			ist = IST_INDEX_DF;
		else if (v == X86_TRAP_NMI)
			ist = IST_INDEX_NMI;
		else if (v == X86_TRAP_MC)
			ist = IST_INDEX_MCE;
		set_gate(v, vector_entries[v], ist);
	}
	load_idt(&p);
}

void idt_install_handler(unsigned int vector, irq_handler_t fn)
{
	BUG_ON(vector < FIRST_EXTERNAL_VECTOR || vector >= NR_VECTORS);
	WRITE_ONCE(vector_handlers[vector], fn);
}

/* A secondary CPU: the one IDT every CPU shares. */
void idt_load_this_cpu(void)
{
	struct desc_ptr p = { sizeof(idt_table) - 1, (u64)idt_table };

	load_idt(&p);
}
