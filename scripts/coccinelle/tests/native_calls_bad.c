// SPDX-License-Identifier: GPL-2.0
/* Planted violations: the Coccinelle check must report both calls. */
#include <asm/special_insns.h>
#include <asm/irqflags.h>

void planted_switch_mm(unsigned long pgd_pa);
void planted_switch_mm(unsigned long pgd_pa)
{
	native_irq_disable();		/* should be local_irq_disable() */
	native_write_cr3(pgd_pa);	/* should be write_cr3() */
}
