/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The instructions a PV guest executes on purpose to reach Xen's
 * emulation rather than the paravirt wrappers: a mov to or from CR4
 * traps and Xen answers with its view of our CR4 (pv/emul-priv-op.c,
 * what pv_fixup_guest_cr4 let us hold), and so does a wrmsr (Xen's
 * write_msr op falls back to it for the MSRs it has no hypercall for).  Plain CPUID, which the CPU may
 * answer without Xen (no CPUID faulting), is here for comparison with
 * the forced-emulation XEN_CPUID.  Private to the Xen child and its tests
 * (the one file the native_*() Coccinelle rule exempts outside the
 * backend: these reach Xen's emulation on purpose); everything else goes
 * through read_cr4() / cpuid_count().
 */
#ifndef _XEN_CPU_H
#define _XEN_CPU_H

#include <asm/special_insns.h>
#include <asm/processor.h>
#include <asm/msr.h>

static inline unsigned long xen_trap_read_cr4(void)
{
	return native_read_cr4();
}

static inline void xen_trap_write_cr4(unsigned long v)
{
	native_write_cr4(v);
}

static inline void xen_trap_write_msr(u32 msr, u64 val)
{
	native_write_msr(msr, val);
}

static inline void xen_unemulated_cpuid(u32 leaf, u32 subleaf, struct cpuid_regs *r)
{
	native_cpuid(leaf, subleaf, r);
}

#endif
