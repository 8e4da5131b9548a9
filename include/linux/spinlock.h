/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Spinlocks: mutual exclusion between CPUs.  spin_lock_irqsave() also
 * keeps this CPU's interrupt handlers out (a handler that takes the same
 * lock would spin on its own CPU forever), so every lock an interrupt
 * handler may take is taken with it everywhere.  The lock itself is the
 * architecture's (asm/spinlock.h: a ticket lock).
 *
 * Invariants: a zeroed spinlock_t is unlocked (DEFINE_SPINLOCK and
 * spin_lock_init exist for clarity); a lock is released on the CPU that
 * took it; no lock is held across a wait for another CPU's answer unless
 * that CPU never takes it.
 */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <linux/irqflags.h>
#include <asm/spinlock.h>

typedef struct spinlock {
	arch_spinlock_t raw;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED	{ .raw = { { .val = 0 } } }
#define DEFINE_SPINLOCK(x)	spinlock_t x = __SPIN_LOCK_UNLOCKED

static inline void spin_lock_init(spinlock_t *l)
{
	l->raw.val = 0;
}

static __always_inline void spin_lock(spinlock_t *l)
{
	arch_spin_lock(&l->raw);
}

static __always_inline bool spin_trylock(spinlock_t *l)
{
	return arch_spin_trylock(&l->raw);
}

static __always_inline void spin_unlock(spinlock_t *l)
{
	arch_spin_unlock(&l->raw);
}

static __always_inline bool spin_is_locked(const spinlock_t *l)
{
	return arch_spin_is_locked(&l->raw);
}

#define spin_lock_irqsave(l, flags)			\
	do {						\
		local_irq_save(flags);			\
		spin_lock(l);				\
	} while (0)

static __always_inline void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags)
{
	spin_unlock(l);
	local_irq_restore(flags);
}

#endif
