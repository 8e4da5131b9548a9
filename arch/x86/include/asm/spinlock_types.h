/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ticket lock's word (asm/spinlock.h has the operations): apart, so
 * that the pv_ops lock group (asm/paravirt_types.h) can name it without
 * the inline fast paths, which call through pv_ops.
 *
 * Invariants: `head` is the word's low byte; the all-zero word is
 * unlocked.
 */
#ifndef _ASM_X86_SPINLOCK_TYPES_H
#define _ASM_X86_SPINLOCK_TYPES_H

#include <linux/types.h>

typedef struct arch_spinlock {
	union {
		u16 val;
		struct {
			u8 head;	/* ticket being served */
			u8 tail;	/* next ticket to hand out */
		};
	};
} arch_spinlock_t;

#define TICKET_SHIFT	8
#define TICKET_INC	(1U << TICKET_SHIFT)

#endif
