// SPDX-License-Identifier: GPL-2.0
/*
 * The ticket lock's slow path (asm/spinlock.h): a CPU whose ticket is not
 * yet served waits here.  Each round asks the pv_ops "lock" group's wait
 * op to wait while head still has the value just read: natively that is
 * one pause; a hypervisor's child may block the vCPU instead (it then
 * also needs a kick from the unlocker, which the native lock does not
 * send).
 */
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <asm/processor.h>
#ifdef CONFIG_PARAVIRT
#include <asm/paravirt.h>
#endif

void arch_spin_wait(arch_spinlock_t *l, u8 ticket)
{
	u8 head;

	while ((head = READ_ONCE(l->head)) != ticket) {
#ifdef CONFIG_PARAVIRT
		pv_wait(&l->head, head);
#else
		cpu_relax();
#endif
	}
	barrier();	/* acquire: nothing of the section moves above the load */
}
