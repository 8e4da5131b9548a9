/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypercalls of a 64-bit PV guest, without a hypercall page: since
 * XSA-466 the kernel issues `syscall` itself.  A PVH or HVM guest traps
 * with vmcall (Intel) or vmmcall (AMD) instead, same registers: every
 * site is `syscall; nop` (3 bytes, the size of either), listed in
 * .xen_hypercall_sites, and the PVH entry rewrites them all before its
 * first hypercall (enlighten_pvh.c).  The number goes in %rax,
 * arguments in %rdi %rsi %rdx %r10 %r8, the result comes back in %rax;
 * Xen may clobber every argument register, and syscall clobbers %rcx and
 * %r11.  One helper per arity.  With CONFIG_XEN_DEBUG_STATS every
 * hypercall is also counted by number and CPU; without it the helpers are
 * the trap and nothing else (the production configuration pays nothing).
 */
#ifndef _ASM_X86_XEN_HYPERCALL_H
#define _ASM_X86_XEN_HYPERCALL_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/smp.h>
#include <asm/percpu.h>
#include <xen/interface/xen.h>

#define XEN_NR_HYPERCALLS	64

/* One hypercall site: its 3 bytes, and where they are for the rewriter. */
#define XEN_HYPERCALL_INSN					\
	"771:\tsyscall\n\tnop\n"				\
	".pushsection .xen_hypercall_sites, \"a\"\n"		\
	".balign 4\n\t.long 771b - .\n"			\
	".popsection\n"
#define XEN_HYPERCALL_INSN_LEN	3

#ifdef CONFIG_XEN_DEBUG_STATS
/*
 * Per CPU (asm/percpu.h), on cache lines of its own: a CPU only ever
 * increments its own counts, so they need no lock or lock prefix;
 * readers sum the CPUs' (xen_hypercall_count()).  xen-asm.S counts the
 * iret hypercall in the same structure.
 */
struct xen_hypercall_stats {
	unsigned long count[XEN_NR_HYPERCALLS];
} __aligned(64);
DECLARE_PER_CPU(struct xen_hypercall_stats, xen_hypercall_stats);

static __always_inline void xen_count_hypercall(unsigned int op)
{
	/*
	 * One incq %gs:...: a load and a separate store could lose a count
	 * to an interrupt that makes the same hypercall in between.
	 */
	if (op < XEN_NR_HYPERCALLS)
		this_cpu_inc(xen_hypercall_stats.count[op]);
}

/* Print the counts by hypercall name, @when being "set-up", "run"... */
void xen_print_hypercall_counts(const char *when);
/*
 * The calls of one stretch of code, by number (make bench): the counts
 * are read at xen_hypercalls_window(false) and (true), and the
 * difference printed later by xen_print_hypercalls_window(), so that
 * printing costs the stretch nothing.
 */
void xen_hypercalls_window(bool end);
void xen_print_hypercalls_window(const char *when);
#else
static __always_inline void xen_count_hypercall(unsigned int op) { }
static inline void xen_print_hypercall_counts(const char *when) { }
static inline void xen_hypercalls_window(bool end) { }
static inline void xen_print_hypercalls_window(const char *when) { }
#endif

/*
 * Hypercalls made so far on all CPUs, of number @op and of every number.
 * Defined only with CONFIG_XEN_DEBUG_STATS: a caller tests IS_ENABLED()
 * first (a test skips), so a stray use fails to link instead of reading 0.
 */
unsigned long xen_hypercall_count(unsigned int op);
unsigned long xen_hypercalls_total(void);

static inline long _hypercall0(unsigned int op)
{
	long ret;

	xen_count_hypercall(op);
	asm volatile(XEN_HYPERCALL_INSN
		     : "=a"(ret)
		     : "0"((unsigned long)op)
		     : "rcx", "r11", "memory");
	return ret;
}

static inline long _hypercall1(unsigned int op, unsigned long a1)
{
	long ret;

	xen_count_hypercall(op);
	asm volatile(XEN_HYPERCALL_INSN
		     : "=a"(ret), "+D"(a1)
		     : "0"((unsigned long)op)
		     : "rcx", "r11", "memory");
	return ret;
}

static inline long _hypercall2(unsigned int op, unsigned long a1, unsigned long a2)
{
	long ret;

	xen_count_hypercall(op);
	asm volatile(XEN_HYPERCALL_INSN
		     : "=a"(ret), "+D"(a1), "+S"(a2)
		     : "0"((unsigned long)op)
		     : "rcx", "r11", "memory");
	return ret;
}

static inline long _hypercall3(unsigned int op, unsigned long a1, unsigned long a2,
			       unsigned long a3)
{
	long ret;

	xen_count_hypercall(op);
	asm volatile(XEN_HYPERCALL_INSN
		     : "=a"(ret), "+D"(a1), "+S"(a2), "+d"(a3)
		     : "0"((unsigned long)op)
		     : "rcx", "r11", "memory");
	return ret;
}

static inline long _hypercall4(unsigned int op, unsigned long a1, unsigned long a2,
			       unsigned long a3, unsigned long a4)
{
	register unsigned long r10 asm("r10") = a4;
	long ret;

	xen_count_hypercall(op);
	asm volatile(XEN_HYPERCALL_INSN
		     : "=a"(ret), "+D"(a1), "+S"(a2), "+d"(a3), "+r"(r10)
		     : "0"((unsigned long)op)
		     : "rcx", "r11", "memory");
	return ret;
}

static inline long _hypercall5(unsigned int op, unsigned long a1, unsigned long a2,
			       unsigned long a3, unsigned long a4, unsigned long a5)
{
	register unsigned long r10 asm("r10") = a4;
	register unsigned long r8 asm("r8") = a5;
	long ret;

	xen_count_hypercall(op);
	asm volatile(XEN_HYPERCALL_INSN
		     : "=a"(ret), "+D"(a1), "+S"(a2), "+d"(a3), "+r"(r10), "+r"(r8)
		     : "0"((unsigned long)op)
		     : "rcx", "r11", "memory");
	return ret;
}

/* The Xen error name of a negative return (-XEN_EINVAL -> "EINVAL"). */
const char *xen_errname(long err);

/*
 * Typed hypercalls.  A failure is returned as Xen's negative errno; the
 * _checked variants also report it by name (xen_hypercall_failed()).
 */
static inline long HYPERVISOR_console_io(int cmd, int count, const char *str)
{
	return _hypercall3(__HYPERVISOR_console_io, cmd, count, (unsigned long)str);
}

static inline long HYPERVISOR_sched_op(int cmd, void *arg)
{
	return _hypercall2(__HYPERVISOR_sched_op, cmd, (unsigned long)arg);
}

static inline long HYPERVISOR_xen_version(int cmd, void *arg)
{
	return _hypercall2(__HYPERVISOR_xen_version, cmd, (unsigned long)arg);
}

static inline long HYPERVISOR_mmu_update(struct mmu_update *req, unsigned int count,
					 unsigned int *done, domid_t dom)
{
	return _hypercall4(__HYPERVISOR_mmu_update, (unsigned long)req, count,
			   (unsigned long)done, dom);
}

static inline long HYPERVISOR_mmuext_op(struct mmuext_op *op, unsigned int count,
					unsigned int *done, domid_t dom)
{
	return _hypercall4(__HYPERVISOR_mmuext_op, (unsigned long)op, count,
			   (unsigned long)done, dom);
}

static inline long HYPERVISOR_update_va_mapping(unsigned long va, u64 pte,
						unsigned long flags)
{
	return _hypercall3(__HYPERVISOR_update_va_mapping, va, pte, flags);
}

static inline long HYPERVISOR_multicall(struct multicall_entry *calls, unsigned int n)
{
	return _hypercall2(__HYPERVISOR_multicall, (unsigned long)calls, n);
}

static inline long HYPERVISOR_set_trap_table(const struct trap_info *table)
{
	return _hypercall1(__HYPERVISOR_set_trap_table, (unsigned long)table);
}

static inline long HYPERVISOR_callback_op(int cmd, const void *arg)
{
	return _hypercall2(__HYPERVISOR_callback_op, cmd, (unsigned long)arg);
}

static inline long HYPERVISOR_stack_switch(unsigned long ss, unsigned long sp)
{
	return _hypercall2(__HYPERVISOR_stack_switch, ss, sp);
}

static inline long HYPERVISOR_vcpu_op(int cmd, unsigned int vcpu, void *arg)
{
	return _hypercall3(__HYPERVISOR_vcpu_op, cmd, vcpu, (unsigned long)arg);
}

static inline long HYPERVISOR_event_channel_op(int cmd, void *arg)
{
	return _hypercall2(__HYPERVISOR_event_channel_op, cmd, (unsigned long)arg);
}

static inline long HYPERVISOR_physdev_op(int cmd, void *arg)
{
	return _hypercall2(__HYPERVISOR_physdev_op, cmd, (unsigned long)arg);
}

static inline long HYPERVISOR_memory_op(unsigned int cmd, void *arg)
{
	return _hypercall2(__HYPERVISOR_memory_op, cmd, (unsigned long)arg);
}

static inline long HYPERVISOR_vm_assist(unsigned int cmd, unsigned int type)
{
	return _hypercall2(__HYPERVISOR_vm_assist, cmd, type);
}

static inline long HYPERVISOR_grant_table_op(unsigned int cmd, void *uop, unsigned int count)
{
	return _hypercall3(__HYPERVISOR_grant_table_op, cmd, (unsigned long)uop, count);
}

/*
 * The toolstack's hypercall (a privileged domain's): struct xen_domctl
 * needs __XEN_TOOLS__ before <xen/interface/domctl.h>, as libxc has.
 */
struct xen_domctl;
static inline long HYPERVISOR_domctl(struct xen_domctl *op)
{
	return _hypercall1(__HYPERVISOR_domctl, (unsigned long)op);
}

struct xen_sysctl;
static inline long HYPERVISOR_sysctl(struct xen_sysctl *op)
{
	return _hypercall1(__HYPERVISOR_sysctl, (unsigned long)op);
}

/* @which: SEGBASE_FS, SEGBASE_GS_KERNEL, SEGBASE_GS_USER (xen-x86_64.h). */
static inline long HYPERVISOR_set_segment_base(int which, unsigned long base)
{
	return _hypercall2(__HYPERVISOR_set_segment_base, which, base);
}

#endif
