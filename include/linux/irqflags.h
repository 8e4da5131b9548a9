/* SPDX-License-Identifier: GPL-2.0 */
/* Generic names for the interrupt flag (asm/irqflags.h does the work). */
#ifndef _LINUX_IRQFLAGS_H
#define _LINUX_IRQFLAGS_H

#include <asm/irqflags.h>

#define local_irq_enable()		arch_local_irq_enable()
#define local_irq_disable()		arch_local_irq_disable()
#define local_irq_save(flags)		((flags) = arch_local_irq_save())
#define local_irq_restore(flags)	arch_local_irq_restore(flags)
#define local_save_flags(flags)		((flags) = arch_local_save_flags())
#define irqs_disabled()			arch_irqs_disabled()
#define safe_halt()			arch_safe_halt()

#endif
