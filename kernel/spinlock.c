// SPDX-License-Identifier: GPL-2.0
/*
 * The ticket lock's slow path (asm/spinlock.h): a CPU whose ticket is not
 * yet served waits here.  It spins, and every spin_threshold rounds it
 * hands the wait to the pv_ops "lock" group's wait op: natively that is
 * nothing (a patched site of NOPs), so bare metal only spins, as a kernel
 * without PARAVIRT does; under Xen the vCPU blocks until the unlocker
 * kicks it (arch/x86/xen/spinlock.c), so that a vCPU whose ticket is next
 * is not waiting behind spinners that Xen keeps running instead of it.
 * The wait op may return early (a spurious wake-up): the loop re-reads
 * the lock either way.
 */
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <asm/processor.h>

/*
 * Linux's SPIN_THRESHOLD for pv ticket locks (1 << 15) until a child
 * that blocks sets its own (Xen: the rounds of about 50 us, timed at
 * boot); natively it only spaces out calls of a NOP site.  Tests lower
 * it to make every contended wait block.
 */
unsigned int spin_threshold = 1U << 15;

void arch_spin_wait(arch_spinlock_t *l, u8 ticket)
{
	for (;;) {
		unsigned int n = READ_ONCE(spin_threshold) ?: 1;

		do {
			if (READ_ONCE(l->head) == ticket)
				goto served;
			cpu_relax();
		} while (--n);
#ifdef CONFIG_PARAVIRT
		pv_lock_wait(l, ticket);
#endif
	}
served:
	barrier();	/* acquire: nothing of the section moves above the load */
}
