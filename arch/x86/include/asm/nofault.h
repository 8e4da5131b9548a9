/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Accesses that may fault: each is one instruction declared in the
 * exception table, so a fault returns -EFAULT (and is recorded in
 * extable_last_fault) instead of being fatal.  For checking protections
 * (W^X tests) and for reading memory whose mapping is in doubt.
 */
#ifndef _ASM_X86_NOFAULT_H
#define _ASM_X86_NOFAULT_H

#include <linux/types.h>

int read_u8_nofault(unsigned long addr, u8 *val);
int write_u8_nofault(unsigned long addr, u8 val);
/* An aligned 8-byte load: a table whose pages may be absent (Xen's M2P). */
int read_u64_nofault(unsigned long addr, u64 *val);
/* Call the code at @addr (which must return); -EFAULT if it cannot run. */
int exec_nofault(unsigned long addr);

#endif
