/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The paravirt-routed wrappers: with CONFIG_PARAVIRT every privileged
 * operation is one of these, and each use is a recorded call site through
 * pv_ops (asm/paravirt_types.h).  Without it the same names are the
 * native_*() inlines, defined in the headers that include this one
 * (special_insns.h, irqflags.h, msr.h, processor.h, desc.h, tlbflush.h,
 * pgtable.h, io.h, tsc.h).
 *
 * Children plug in with paravirt_install_child() before patching; see
 * Documentation/paravirt.md.
 */
#ifndef _ASM_X86_PARAVIRT_H
#define _ASM_X86_PARAVIRT_H

#include <asm/paravirt_types.h>
#include <asm/cpuid_types.h>

#ifndef __ASSEMBLY__

/*
 * A child of pv_ops: any group left NULL keeps what is installed; any slot
 * left NULL in a group it gives inherits native's (pv_native_ops).
 */
struct pv_child {
	const char *name;
	const struct pv_init_ops *init;
	const struct pv_cpu_ops *cpu;
	const struct pv_irq_ops *irq;
	const struct pv_mmu_ops *mmu;
	const struct pv_time_ops *time;
	const struct pv_lock_ops *lock;
};

/* How a site was rewritten (paravirt_patch.c). */
enum pv_patch_kind { PV_UNPATCHED, PV_INLINE, PV_CALL, PV_JMP, PV_NOP, PV_NR_KINDS };

struct pv_patch_stats {
	unsigned int sites, bytes;
	unsigned int kind[PV_NR_KINDS];
	unsigned int by_type[256][PV_NR_KINDS];
};

#ifdef CONFIG_PARAVIRT
extern const char *pv_child_name;
extern bool pv_patching_disabled;	/* nopvpatch */
extern struct pv_patch_stats pv_patch_stats;

void paravirt_init(void);
void paravirt_activate_child(void);
void paravirt_install_child(const struct pv_child *child);
/*
 * What installing @child does, into @dst (pv_ops or a scratch copy):
 * returns how many slots it left NULL and so inherited from native.
 */
unsigned int paravirt_build_child(struct paravirt_patch_template *dst,
				  const struct pv_child *child);
/*
 * A boot entry that implies its child (Xen PV: privileged instructions
 * fault from the first one on) installs it before any C code uses pv_ops;
 * paravirt_init() then keeps it.
 */
void paravirt_set_entry_child(const struct pv_child *child);
/* Rewrite every site for the installed children; 0 or -errno. */
int paravirt_patch_all(void);
void paravirt_patch_finished(void);
/* Rewrite the sites of slots [first, last]: for a group swapped later. */
int paravirt_repatch_range(unsigned int first, unsigned int last);
/*
 * A patcher's answer for a site it must not rewrite (a NULL target, or
 * one that would clobber registers the site keeps live): the site becomes
 * ud2 and patching fails, naming the site and its slot.
 */
#define PV_PATCH_REFUSED	0xffffffffU
unsigned int paravirt_patch_default(u8 type, u16 clobbers, void *buf,
				    unsigned long addr, unsigned int len);
/* The same for a given target @op of slot @type (not necessarily pv_ops'). */
unsigned int paravirt_patch_target(const void *op, u8 type, u16 clobbers, void *buf,
				   unsigned long addr, unsigned int len);
/* Emit a direct call to @target if it reaches; else 0 (leave the site). */
unsigned int paravirt_patch_call(void *buf, const void *target,
				 unsigned long addr, unsigned int len);
unsigned int paravirt_patch_jmp(void *buf, const void *target,
				unsigned long addr, unsigned int len);
unsigned int paravirt_patch_indirect(void *buf, u8 type, u16 clobbers,
				     unsigned long addr, unsigned int len);
/* Classify every site by its current bytes into pv_patch_stats. */
void paravirt_count_sites(void);
enum pv_patch_kind paravirt_site_kind(const struct paravirt_patch_site *s);
const char *paravirt_slot_name(unsigned int type);
static inline void *pv_slot(const struct paravirt_patch_template *t, unsigned int type)
{
	return ((void *const *)t)[type];
}

/* The native child's tables (what paravirt=native installs). */
extern const struct paravirt_patch_template pv_native_ops;

/*
 * The native no-op (paravirt_native.S): an empty function, which is also
 * the identity for the entry value ops (argument and result in %rsi).
 */
void paravirt_nop(void);
extern const struct paravirt_patch_site __parainstructions[];
extern const struct paravirt_patch_site __parainstructions_end[];
extern const struct paravirt_arg_site __parainstructions_arg[];
extern const struct paravirt_arg_site __parainstructions_arg_end[];

/* --- cpu ---------------------------------------------------------------- */
/* CPUID's own convention: the site is the instruction, natively. */
static inline void cpuid_count(u32 leaf, u32 subleaf, struct cpuid_regs *r)
{
	asm volatile(paravirt_alt(PARAVIRT_CALL)
		     : "=a" (r->eax), "=b" (r->ebx), "=c" (r->ecx), "=d" (r->edx),
		       ASM_CALL_CONSTRAINT
		     : paravirt_type(cpu.cpuid.func), paravirt_clobber(CLBR_CPUID),
		       "0" (leaf), "2" (subleaf)
		     : "memory");
}

static inline unsigned long read_cr0(void)
{
	return PVOP_CALLEE0(unsigned long, cpu.read_cr0);
}

static inline void write_cr0(unsigned long v)
{
	PVOP_VCALLEE1(cpu.write_cr0, v);
}

static inline unsigned long read_cr4(void)
{
	return PVOP_CALLEE0(unsigned long, cpu.read_cr4);
}

static inline void write_cr4(unsigned long v)
{
	PVOP_VCALLEE1(cpu.write_cr4, v);
}

/* rdmsr's and wrmsr's own registers: natively the site is the instruction. */
static __always_inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;

	asm volatile(paravirt_alt(PARAVIRT_CALL)
		     : "=a" (lo), "=d" (hi), ASM_CALL_CONSTRAINT
		     : paravirt_type(cpu.read_msr.func), paravirt_clobber(CLBR_MSR_READ),
		       "c" (msr)
		     : "memory", "cc");
	return ((u64)hi << 32) | lo;
}

static __always_inline void wrmsr(u32 msr, u64 val)
{
	asm volatile(paravirt_alt(PARAVIRT_CALL)
		     : ASM_CALL_CONSTRAINT
		     : paravirt_type(cpu.write_msr.func), paravirt_clobber(CLBR_NONE),
		       "c" (msr), "a" ((u32)val), "d" ((u32)(val >> 32))
		     : "memory", "cc");
}

static inline int rdmsr_safe(u32 msr, u64 *val)
{
	return PVOP_CALL2(int, cpu.read_msr_safe, msr, val);
}

static inline int wrmsr_safe(u32 msr, u64 val)
{
	return PVOP_CALL2(int, cpu.write_msr_safe, msr, val);
}

static inline void wbinvd(void)
{
	PVOP_VCALLEE0(cpu.wbinvd);
}

static inline void io_delay(void)
{
	PVOP_VCALLEE0(cpu.io_delay);
}

static inline void load_idt(const struct desc_ptr *p)
{
	PVOP_VCALLEE1(cpu.load_idt, p);
}

static inline void load_gdt(const struct desc_ptr *p)
{
	PVOP_VCALLEE1(cpu.load_gdt, p);
}

static inline void load_tr(unsigned int sel)
{
	PVOP_VCALLEE1(cpu.load_tr, sel);
}

/* Callee-save, @sp0 in %rdi: natively the TSS store (asm/desc.h) inline. */
static __always_inline void load_sp0(unsigned long sp0)
{
	asm volatile(paravirt_alt_pad(PARAVIRT_CALL, PV_SITE_PAD_SP0)
		     : ASM_CALL_CONSTRAINT
		     : paravirt_type(cpu.load_sp0.func), paravirt_clobber(CLBR_NONE),
		       "D" (sp0)
		     : "memory", "cc");
}

/* --- irq ------------------------------------------------------------------ */
static __always_inline unsigned long arch_local_save_flags(void)
{
	return PVOP_CALLEE0(unsigned long, irq.save_fl);
}

static __always_inline void arch_local_irq_disable(void)
{
	PVOP_VCALLEE0(irq.irq_disable);
}

static __always_inline void arch_local_irq_enable(void)
{
	PVOP_VCALLEE0(irq.irq_enable);
}

static inline void arch_safe_halt(void)
{
	PVOP_VCALLEE0(irq.safe_halt);
}

static inline void arch_halt(void)
{
	PVOP_VCALLEE0(irq.halt);
}

static inline void halt(void)
{
	PVOP_VCALLEE0(irq.halt);
}

/* --- mmu ---------------------------------------------------------------- */
static inline unsigned long read_cr2(void)
{
	return PVOP_CALLEE0(unsigned long, mmu.read_cr2);
}

static inline unsigned long read_cr3(void)
{
	return PVOP_CALLEE0(unsigned long, mmu.read_cr3);
}

static inline void write_cr3(unsigned long v)
{
	PVOP_VCALLEE1(mmu.write_cr3, v);
}

/* Natively a CR3 reload through %rax: the site gives up %rax. */
static inline void flush_tlb_local(void)
{
	(void)PVOP_CALLEE0(unsigned long, mmu.flush_tlb_user);
}

/* Natively the CR4.PGE toggle (asm/tlbflush.h) inline, through %rax. */
static __always_inline void flush_tlb_all(void)
{
	unsigned long ax;

	asm volatile(paravirt_alt_pad(PARAVIRT_CALL, PV_SITE_PAD_FLUSH_ALL)
		     : "=a" (ax), ASM_CALL_CONSTRAINT
		     : paravirt_type(mmu.flush_tlb_kernel.func), paravirt_clobber(CLBR_RAX)
		     : "memory", "cc");
}

static inline void flush_tlb_one_kernel(unsigned long addr)
{
	PVOP_VCALLEE1(mmu.flush_tlb_one_user, addr);
}

static inline void paravirt_alloc_pte(unsigned long pfn) { PVOP_VCALL1(mmu.alloc_pte, pfn); }
static inline void paravirt_alloc_pmd(unsigned long pfn) { PVOP_VCALL1(mmu.alloc_pmd, pfn); }
static inline void paravirt_alloc_pud(unsigned long pfn) { PVOP_VCALL1(mmu.alloc_pud, pfn); }
static inline void paravirt_alloc_p4d(unsigned long pfn) { PVOP_VCALL1(mmu.alloc_p4d, pfn); }
static inline void paravirt_release_pte(unsigned long pfn) { PVOP_VCALL1(mmu.release_pte, pfn); }
static inline void paravirt_release_pmd(unsigned long pfn) { PVOP_VCALL1(mmu.release_pmd, pfn); }
static inline void paravirt_release_pud(unsigned long pfn) { PVOP_VCALL1(mmu.release_pud, pfn); }
static inline void paravirt_release_p4d(unsigned long pfn) { PVOP_VCALL1(mmu.release_p4d, pfn); }

/* Callee-save: natively xor %eax, %eax, as PARAVIRT=n's (asm/pgtable.h). */
static inline int paravirt_pgd_alloc(pgd_t *pgd) { return PVOP_CALLEE1(int, mmu.pgd_alloc, pgd); }
static inline void paravirt_pgd_free(pgd_t *pgd) { PVOP_VCALL1(mmu.pgd_free, pgd); }

static inline void set_pte(pte_t *p, pte_t v) { PVOP_VCALLEE2(mmu.set_pte, p, v.pte); }
static inline void set_pmd(pmd_t *p, pmd_t v) { PVOP_VCALLEE2(mmu.set_pmd, p, v.pmd); }
static inline void set_pud(pud_t *p, pud_t v) { PVOP_VCALLEE2(mmu.set_pud, p, v.pud); }
/* Four-level paging: the P4D level is the PGD. */
static inline void set_pgd(pgd_t *p, pgd_t v) { PVOP_VCALLEE2(mmu.set_p4d, p, v.pgd); }

static inline u64 pte_val(pte_t p) { return PVOP_CALLEE_VAL1(u64, mmu.pte_val, p.pte); }
static inline pte_t __pte(u64 v) { return (pte_t){ PVOP_CALLEE_VAL1(u64, mmu.make_pte, v) }; }
static inline u64 pmd_val(pmd_t p) { return PVOP_CALLEE_VAL1(u64, mmu.pmd_val, p.pmd); }
static inline pmd_t __pmd(u64 v) { return (pmd_t){ PVOP_CALLEE_VAL1(u64, mmu.make_pmd, v) }; }
static inline u64 pud_val(pud_t p) { return PVOP_CALLEE_VAL1(u64, mmu.pud_val, p.pud); }
static inline pud_t __pud(u64 v) { return (pud_t){ PVOP_CALLEE_VAL1(u64, mmu.make_pud, v) }; }
static inline u64 pgd_val(pgd_t p) { return PVOP_CALLEE_VAL1(u64, mmu.p4d_val, p.pgd); }
static inline pgd_t __pgd(u64 v) { return (pgd_t){ PVOP_CALLEE_VAL1(u64, mmu.make_p4d, v) }; }

static inline void arch_enter_lazy_mmu_mode(void) { PVOP_VCALL0(mmu.lazy_enter); }
static inline void arch_leave_lazy_mmu_mode(void) { PVOP_VCALL0(mmu.lazy_leave); }
static inline void arch_flush_lazy_mmu_mode(void) { PVOP_VCALL0(mmu.lazy_flush); }

/* --- time ----------------------------------------------------------------- */
/*
 * The result in %rax, %rdx clobbered (CLBR_CLOCK): natively the TSC read
 * and scaling of native_sched_clock() (asm/tsc.h), inline.
 */
static __always_inline u64 sched_clock(void)
{
	u64 ns, dx;

	asm volatile(paravirt_alt_pad(PARAVIRT_CALL, PV_SITE_PAD_CLOCK)
		     : "=a" (ns), "=d" (dx), ASM_CALL_CONSTRAINT
		     : paravirt_type(time.sched_clock.func), paravirt_clobber(CLBR_CLOCK)
		     : "memory", "cc");
	return ns;
}

/* Callee-save: natively xor %eax, %eax. */
static inline u64 paravirt_steal_clock(int cpu)
{
	return PVOP_CALLEE1(u64, time.steal_clock, cpu);
}

/* --- lock ------------------------------------------------------------------ */
static inline void pv_lock_wait(struct arch_spinlock *lock, u8 ticket)
{
	PVOP_VCALL2(lock.wait, lock, ticket);
}

/*
 * After a release, the lock's address in %rdi: natively the lea and the
 * call are both NOPs.
 */
static __always_inline void pv_spin_kick(struct arch_spinlock *lock)
{
	PVOP_VCALLEE_ARG_LEA(lock.kick, *lock);
}

static inline bool vcpu_is_preempted(long cpu)
{
	return PVOP_CALLEE1(bool, lock.vcpu_is_preempted, cpu);
}

#else /* !CONFIG_PARAVIRT: no table, no sites, nothing to choose or patch */
static inline void paravirt_init(void) { }
static inline void paravirt_activate_child(void) { }
static inline int paravirt_patch_all(void) { return 0; }
#endif /* CONFIG_PARAVIRT */
#endif /* !__ASSEMBLY__ */

#endif
