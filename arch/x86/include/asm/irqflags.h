/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The interrupt flag.  Every cli/sti/pushf in the kernel is one of the
 * native_*() inlines below; callers use the arch_local_*() names (or the
 * local_irq_*() macros of <linux/irqflags.h>), which paravirt routes.
 */
#ifndef _ASM_X86_IRQFLAGS_H
#define _ASM_X86_IRQFLAGS_H

#include <asm/processor-flags.h>

#ifndef __ASSEMBLY__
#include <linux/compiler.h>

static __always_inline unsigned long native_save_fl(void)
{
	unsigned long flags;

	/* "memory": the flag orders against loads and stores around it. */
	asm volatile("pushf ; pop %0" : "=a"(flags) : : "memory");
	return flags;
}

static __always_inline void native_irq_disable(void)
{
	asm volatile("cli" : : : "memory");
}

static __always_inline void native_irq_enable(void)
{
	asm volatile("sti" : : : "memory");
}

/* sti's one-instruction shadow makes sti;hlt atomic: no lost wakeup. */
static __always_inline void native_safe_halt(void)
{
	asm volatile("sti; hlt" : : : "memory");
}

static __always_inline void native_halt_irqoff(void)
{
	asm volatile("hlt" : : : "memory");
}

#ifdef CONFIG_PARAVIRT
#include <asm/paravirt.h>
#else
static __always_inline unsigned long arch_local_save_flags(void)
{
	return native_save_fl();
}

static __always_inline void arch_local_irq_disable(void)
{
	native_irq_disable();
}

static __always_inline void arch_local_irq_enable(void)
{
	native_irq_enable();
}

static __always_inline void arch_safe_halt(void)
{
	native_safe_halt();
}

static __always_inline void arch_halt(void)
{
	native_halt_irqoff();
}
#endif

static __always_inline int arch_irqs_disabled_flags(unsigned long flags)
{
	return !(flags & X86_EFLAGS_IF);
}

static __always_inline unsigned long arch_local_irq_save(void)
{
	unsigned long flags = arch_local_save_flags();

	arch_local_irq_disable();
	return flags;
}

static __always_inline void arch_local_irq_restore(unsigned long flags)
{
	if (!arch_irqs_disabled_flags(flags))
		arch_local_irq_enable();
}

static __always_inline int arch_irqs_disabled(void)
{
	return arch_irqs_disabled_flags(arch_local_save_flags());
}
#endif /* !__ASSEMBLY__ */

#endif
