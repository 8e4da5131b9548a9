/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The native spinlock: a ticket lock (Linux x86 2.6.25 .. 4.1 used one).
 * The 16-bit word holds two 8-bit counters: `head`, the ticket being
 * served, and `tail`, the next ticket to hand out.  Locking takes a ticket
 * with one `lock xaddw` (tail += 1, the old word back); the lock is ours
 * when head reaches that ticket.  Unlocking is `incb head`: only the
 * owner writes head, and a locked xaddw from a waiter rewrites head with
 * the value it read, so the plain byte increment cannot be lost.  Waiters
 * are served in the order they took tickets (fair, FIFO).
 *
 * Invariants: 8-bit tickets serve up to 255 CPUs (NR_CPUS <= 64); the
 * all-zero word is an unlocked lock (static and zeroed locks need no
 * initializer); head != tail exactly while the lock is held.  The fast
 * paths are inline; only a waiter leaves line (kernel/spinlock.c).
 *
 * With CONFIG_PARAVIRT the release is followed by the pv_ops "lock"
 * group's kick site, which the native child patches to NOPs, so bare
 * metal runs the same `incb` as a kernel without PARAVIRT; Xen's
 * (arch/x86/xen/spinlock.c) wakes a next waiter that blocked instead of
 * spinning.
 */
#ifndef _ASM_X86_SPINLOCK_H
#define _ASM_X86_SPINLOCK_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/spinlock_types.h>
#ifdef CONFIG_PARAVIRT
#include <asm/paravirt.h>
#endif

/* Out of line: wait until @l->head is @ticket (kernel/spinlock.c). */
void arch_spin_wait(arch_spinlock_t *l, u8 ticket);
/* Rounds a waiter spins before the pv wait op (kernel/spinlock.c). */
extern unsigned int spin_threshold;

static __always_inline void arch_spin_lock(arch_spinlock_t *l)
{
	u16 old = TICKET_INC;

	asm volatile("lock xaddw %0, %1" : "+r" (old), "+m" (l->val) : : "memory");
	if (likely((u8)old == (u8)(old >> TICKET_SHIFT)))
		return;
	arch_spin_wait(l, old >> TICKET_SHIFT);
}

/* Take it only if nobody holds it or waits: one cmpxchg of the word. */
static __always_inline bool arch_spin_trylock(arch_spinlock_t *l)
{
	u16 old = READ_ONCE(l->val), new;
	bool ok;

	if ((u8)old != (u8)(old >> TICKET_SHIFT))
		return false;
	new = old + TICKET_INC;
	asm volatile("lock cmpxchgw %[new], %[val]"
		     : "=@ccz" (ok), [val] "+m" (l->val), "+a" (old)
		     : [new] "r" (new) : "memory");
	return ok;
}

static __always_inline void arch_spin_unlock(arch_spinlock_t *l)
{
	asm volatile("incb %0" : "+m" (l->head) : : "memory");
#ifdef CONFIG_PARAVIRT
	pv_spin_kick(l);
#endif
}

static __always_inline bool arch_spin_is_locked(const arch_spinlock_t *l)
{
	u16 v = READ_ONCE(l->val);

	return (u8)v != (u8)(v >> TICKET_SHIFT);
}

#endif
