/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The paravirt_ops table and the machinery of its call sites.
 *
 * pv_ops holds one pointer per privileged operation, grouped as Linux
 * groups them (cpu, irq, mmu, time, lock, plus init for the patcher).  A
 * call site is an indirect call through its slot, `call *pv_ops+off(%rip)`,
 * recorded in section .parainstructions with the slot number, the site's
 * length and the registers it lets the callee clobber.  At boot the chosen
 * child's patcher rewrites every site: the native instructions inline, a
 * direct call, or NOPs (arch/x86/kernel/paravirt_patch.c).
 *
 * Everything below the PVOP_* line is private to asm/paravirt.h: callers
 * use its typed wrappers (read_cr3(), arch_local_irq_save(), set_pte()...).
 */
#ifndef _ASM_X86_PARAVIRT_TYPES_H
#define _ASM_X86_PARAVIRT_TYPES_H

/* Registers a site lets the callee clobber (bits in the site record). */
#define CLBR_NONE	0
#define CLBR_RAX	(1 << 0)
#define CLBR_RCX	(1 << 1)
#define CLBR_RDX	(1 << 2)
#define CLBR_RSI	(1 << 3)
#define CLBR_RDI	(1 << 4)
#define CLBR_R8_11	(1 << 5)
#define CLBR_RBX	(1 << 6)	/* only the CPUID convention */
#define CLBR_RET_REG	CLBR_RAX
#define CLBR_MSR_READ	(CLBR_RAX | CLBR_RDX)	/* rdmsr's own convention */
/* sched_clock's: the TSC read and scaled in %rdx:%rax, the result in %rax. */
#define CLBR_CLOCK	(CLBR_RAX | CLBR_RDX)
/* Not a register: the site is a jump (a tail op such as iret), not a call. */
#define CLBR_SITE_JMP	(1 << 15)
#define CLBR_ANY	0x3f	/* every caller-saved register */
/* CPUID's own registers: %eax, %ecx in; %eax, %ebx, %ecx, %edx out. */
#define CLBR_CPUID	(CLBR_RAX | CLBR_RBX | CLBR_RCX | CLBR_RDX)

#ifdef __ASSEMBLY__
/*
 * A recorded site in assembly: PARA_SITE(slot, clobbers, insn), with the
 * slot number and table offset from asm-offsets.h (PV_SLOT_*, PV_OFF_*).
 */
#define PARA_SITE(slot, clobbers, insn...)				\
771:	insn ;								\
772:									\
	.pushsection .parainstructions, "a" ;				\
	.balign 4 ;							\
	.long 771b - . ;						\
	.byte slot ;							\
	.byte 772b - 771b ;						\
	.short clobbers ;						\
	.popsection
#else
#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/pgtable_types.h>

struct desc_ptr;
struct cpuid_regs;

/*
 * A function that preserves every register but %rax.  Native ones are
 * written that way in assembly; a C function gets a thunk that saves the
 * caller-saved registers around it (PV_CALLEE_SAVE_REGS_THUNK).
 */
struct paravirt_callee_save {
	void *func;
};

struct pv_init_ops {
	/*
	 * Write the replacement for a site of slot @type into @buf and
	 * return its length (at most @len; the rest becomes NOPs).  The
	 * replacement may clobber only @clobbers (CLBR_*).
	 */
	unsigned int (*patch)(u8 type, u16 clobbers, void *buf,
			      unsigned long addr, unsigned int len);
};

/*
 * Slots of type struct paravirt_callee_save are called with the
 * callee-save convention: arguments in %rdi, %rsi, a result in %rax, and
 * nothing else changed (a void one changes nothing at all).  Every op
 * with a native instruction template is one, so a patched site costs
 * exactly its template: the compiler keeps its registers live across it.
 */
struct pv_cpu_ops {
	/* With CPUID's own registers (CLBR_CPUID): natively the instruction. */
	struct paravirt_callee_save cpuid;
	struct paravirt_callee_save read_cr0;
	struct paravirt_callee_save write_cr0;
	struct paravirt_callee_save read_cr4;
	struct paravirt_callee_save write_cr4;
	/*
	 * MSR access in the instructions' own registers (natively rdmsr and
	 * wrmsr inline): %ecx the MSR, %edx:%eax the value, which read_msr
	 * returns there and may clobber only (CLBR_MSR_READ).
	 */
	struct paravirt_callee_save read_msr;
	struct paravirt_callee_save write_msr;
	int (*read_msr_safe)(u32 msr, u64 *val);
	int (*write_msr_safe)(u32 msr, u64 val);
	struct paravirt_callee_save wbinvd;
	struct paravirt_callee_save io_delay;
	/* Callee-save, the descriptor's address (the selector) in %rdi. */
	struct paravirt_callee_save load_idt;
	struct paravirt_callee_save load_gdt;
	struct paravirt_callee_save load_tr;
	/*
	 * The kernel stack in the TSS, callee-save with it in %rdi: natively
	 * one store through %gs, a 9-byte site (PV_SITE_PAD_SP0).
	 */
	struct paravirt_callee_save load_sp0;
	/*
	 * Return from an interrupt or exception, with the iret frame on the
	 * stack: a jump, not a call (CLBR_SITE_JMP), from entry_64.S, that
	 * may clobber no register (CLBR_NONE): each holds the interrupted
	 * context's value.
	 */
	struct paravirt_callee_save iret;
};

struct pv_irq_ops {
	/* The interrupt flag: the hottest sites of all. */
	struct paravirt_callee_save save_fl;
	struct paravirt_callee_save irq_disable;
	struct paravirt_callee_save irq_enable;
	struct paravirt_callee_save safe_halt;
	struct paravirt_callee_save halt;
};

struct pv_mmu_ops {
	struct paravirt_callee_save read_cr2;
	struct paravirt_callee_save read_cr3;
	struct paravirt_callee_save write_cr3;

	struct paravirt_callee_save flush_tlb_user;	/* non-global entries */
	/*
	 * Global entries too: callee-save but %rax, natively the CR4.PGE
	 * toggle inline (a 13-byte site, PV_SITE_PAD_FLUSH_ALL).
	 */
	struct paravirt_callee_save flush_tlb_kernel;
	struct paravirt_callee_save flush_tlb_one_user;	/* one address */

	/* A page becomes (alloc) or stops being (release) a page table. */
	void (*alloc_pte)(unsigned long pfn);
	void (*alloc_pmd)(unsigned long pfn);
	void (*alloc_pud)(unsigned long pfn);
	void (*alloc_p4d)(unsigned long pfn);
	void (*release_pte)(unsigned long pfn);
	void (*release_pmd)(unsigned long pfn);
	void (*release_pud)(unsigned long pfn);
	void (*release_p4d)(unsigned long pfn);
	/*
	 * A complete top-level table becomes an address space (pgd_alloc:
	 * 0 or -errno, natively xor %eax, %eax; Xen pins it) or stops being one (pgd_free: not loaded
	 * anywhere; Xen unpins it).  Around them the page itself is an
	 * alloc_p4d/release_p4d table like any other.
	 */
	struct paravirt_callee_save pgd_alloc;	/* callee-save, pgd in %rdi */
	void (*pgd_free)(pgd_t *pgd);

	/* (entry pointer in %rdi, value in %rsi) */
	struct paravirt_callee_save set_pte;
	struct paravirt_callee_save set_pmd;
	struct paravirt_callee_save set_pud;
	struct paravirt_callee_save set_p4d;	/* 4-level: the PGD */

	/*
	 * Entry value <-> contents (Xen PV translates frame numbers with
	 * the P2M, which changes at run time: not pure, PVOP_CALLEE_VAL1),
	 * called with argument and result both in %rsi: natively the empty
	 * function, so a patched site is only padding.
	 */
	struct paravirt_callee_save pte_val;
	struct paravirt_callee_save make_pte;
	struct paravirt_callee_save pmd_val;
	struct paravirt_callee_save make_pmd;
	struct paravirt_callee_save pud_val;
	struct paravirt_callee_save make_pud;
	struct paravirt_callee_save p4d_val;
	struct paravirt_callee_save make_p4d;

	/* Lazy MMU mode: updates between enter and leave may be batched. */
	void (*lazy_enter)(void);
	void (*lazy_leave)(void);
	void (*lazy_flush)(void);
};

/*
 * sched_clock: the result in %rax, only %rdx changed besides (CLBR_CLOCK),
 * natively the TSC read and scaling of asm/tsc.h inline (a 22-byte site,
 * PV_SITE_PAD_CLOCK).  steal_clock: callee-save, the CPU in %rdi, the
 * result in %rax; natively xor %eax, %eax (no hypervisor steals time).
 */
struct pv_time_ops {
	struct paravirt_callee_save sched_clock;
	struct paravirt_callee_save steal_clock;
};

/*
 * Paravirt spinlocks (asm/spinlock.h, a ticket lock): @wait is called by
 * a waiter that has spun spin_threshold rounds without its ticket being
 * served (natively nothing: it spins on; Xen blocks the vCPU until it is
 * kicked); @kick follows every release, lock in %rdi (natively nothing,
 * a NOP site; Xen wakes the next waiter if it blocked).
 */
struct arch_spinlock;
struct pv_lock_ops {
	void (*wait)(struct arch_spinlock *lock, u8 ticket);
	struct paravirt_callee_save kick;
	struct paravirt_callee_save vcpu_is_preempted;
};

/* Only pointer-sized members: a slot's number is its offset / 8. */
struct paravirt_patch_template {
	struct pv_init_ops init;
	struct pv_cpu_ops cpu;
	struct pv_irq_ops irq;
	struct pv_mmu_ops mmu;
	struct pv_time_ops time;
	struct pv_lock_ops lock;
};

extern struct paravirt_patch_template pv_ops;

/* One recorded call site (section .parainstructions). */
struct paravirt_patch_site {
	s32 instr_offset;	/* site address - address of this field */
	u8 type;		/* PARAVIRT_PATCH(slot) */
	u8 len;			/* bytes the patcher may rewrite */
	u16 clobbers;		/* CLBR_* the callee may clobber */
};

static inline u8 *pv_site_addr(const struct paravirt_patch_site *s)
{
	return (u8 *)&s->instr_offset + s->instr_offset;
}

/*
 * The argument set-up of a site (PVOP_VCALLEE_ARG_LEA), in section
 * .parainstructions.arg: `lea ARG, %rdi` right before the site's call,
 * NOPs wherever the site becomes NOPs, so that an op that is nothing
 * natively costs nothing natively, not even the move of its argument.
 * @copy is the same lea assembled elsewhere (.rodata), to put it back
 * when a site is patched from NOPs to a call again.
 */
struct paravirt_arg_site {
	s32 lea_offset;		/* the lea - address of this field */
	s32 copy_offset;	/* its copy - address of this field */
	u8 len;			/* of the lea */
	u8 pad[3];
};

static inline u8 *pv_arg_lea(const struct paravirt_arg_site *a)
{
	return (u8 *)&a->lea_offset + a->lea_offset;
}

static inline const u8 *pv_arg_copy(const struct paravirt_arg_site *a)
{
	return (const u8 *)&a->copy_offset + a->copy_offset;
}

#define PARAVIRT_PATCH(x)	\
	(__builtin_offsetof(struct paravirt_patch_template, x) / sizeof(void *))
#define PV_NR_SLOTS	(sizeof(struct paravirt_patch_template) / sizeof(void *))

#define __PV_IS_CALLEE_SAVE(f)	((struct paravirt_callee_save) { f })

/* ---- PVOP_* call machinery: private to asm/paravirt.h ------------------ */

#define _paravirt_alt(insn, type, clobber)				\
	"771:\n\t" insn "\n772:\n"					\
	".pushsection .parainstructions, \"a\"\n"			\
	" .balign 4\n"							\
	" .long 771b - .\n"						\
	" .byte " type "\n"						\
	" .byte 772b - 771b\n"						\
	" .short " clobber "\n"					\
	".popsection\n"

#define paravirt_alt(insn)						\
	_paravirt_alt(insn, "%c[paravirt_typenum]", "%c[paravirt_clobber]")

/*
 * A long site: @insn, then @pad bytes of the NOPs add_nops() writes (the
 * 8-byte one, then one for the rest), for an op whose native instructions
 * are longer than the call.  The record covers all of it, so the patcher
 * may put the template there; unpatched (nopvpatch) the call runs and
 * then one or more NOPs.
 */
#define __PV_PAD(pad)							\
	".rept (" #pad ") / 8\n"					\
	" .byte 0x0f, 0x1f, 0x84, 0, 0, 0, 0, 0\n"			\
	".endr\n"							\
	".if (" #pad ") - (" #pad ") / 8 * 8 == 1\n .byte 0x90\n"			\
	".elseif (" #pad ") - (" #pad ") / 8 * 8 == 2\n .byte 0x66, 0x90\n"		\
	".elseif (" #pad ") - (" #pad ") / 8 * 8 == 3\n .byte 0x0f, 0x1f, 0x00\n"	\
	".elseif (" #pad ") - (" #pad ") / 8 * 8 == 4\n .byte 0x0f, 0x1f, 0x40, 0\n"	\
	".elseif (" #pad ") - (" #pad ") / 8 * 8 == 5\n .byte 0x0f, 0x1f, 0x44, 0, 0\n"	\
	".elseif (" #pad ") - (" #pad ") / 8 * 8 == 6\n .byte 0x66, 0x0f, 0x1f, 0x44, 0, 0\n" \
	".elseif (" #pad ") - (" #pad ") / 8 * 8 == 7\n .byte 0x0f, 0x1f, 0x80, 0, 0, 0, 0\n" \
	".endif\n"
#define PV_PAD(pad)	__PV_PAD(pad)
#define paravirt_alt_pad(insn, pad)	paravirt_alt(insn "\n" PV_PAD(pad))

/*
 * Padding of the long sites, so that each holds its native template
 * (paravirt_native.S; suite paravirt checks the lengths): 6 bytes of
 * call plus these.
 */
#define PV_SITE_PAD_SP0		3	/* mov %rdi, %gs:abs32: 9 bytes */
#define PV_SITE_PAD_FLUSH_ALL	7	/* the CR4.PGE toggle: 13 bytes */
#define PV_SITE_PAD_CLOCK	16	/* rdtsc and the scaling: 22 bytes */

#define PARAVIRT_CALL	"call *%[paravirt_opptr]"

#define paravirt_type(op)						\
	[paravirt_typenum] "i" (PARAVIRT_PATCH(op)),			\
	[paravirt_opptr] "m" (pv_ops.op)
#define paravirt_clobber(clobber)	[paravirt_clobber] "i" (clobber)

/* Tells GCC the asm calls: the frame is set up before it. */
register unsigned long current_stack_pointer asm("rsp");
#define ASM_CALL_CONSTRAINT	"+r" (current_stack_pointer)

/* A normal call: every caller-saved register is fair game to the callee. */
#define PVOP_CALL_ARGS							\
	unsigned long __edi = __edi, __esi = __esi,			\
		__edx = __edx, __ecx = __ecx, __eax = __eax
#define PVOP_CALL_ARG1(x)	"D" ((unsigned long)(x))
#define PVOP_CALL_ARG2(x)	"S" ((unsigned long)(x))
#define PVOP_CALL_ARG3(x)	"d" ((unsigned long)(x))
#define PVOP_CALL_CLOBBERS	"=D" (__edi), "=S" (__esi), "=d" (__edx), "=c" (__ecx)
#define PVOP_EXTRA_CLOBBERS	"r8", "r9", "r10", "r11"

#define ____PVOP_CALL(op, ...)						\
	({								\
		PVOP_CALL_ARGS;						\
		asm volatile(paravirt_alt(PARAVIRT_CALL)		\
			     : "=a" (__eax), PVOP_CALL_CLOBBERS,	\
			       ASM_CALL_CONSTRAINT			\
			     : paravirt_type(op),			\
			       paravirt_clobber(CLBR_ANY), ##__VA_ARGS__	\
			     : "memory", "cc", PVOP_EXTRA_CLOBBERS);	\
		__eax;							\
	})

/* A callee-save call with a result: only %rax changes. */
#define ____PVOP_CALLEE(op, ...)					\
	({								\
		unsigned long __eax;					\
		asm volatile(paravirt_alt(PARAVIRT_CALL)		\
			     : "=a" (__eax), ASM_CALL_CONSTRAINT	\
			     : paravirt_type(op),			\
			       paravirt_clobber(CLBR_RET_REG), ##__VA_ARGS__	\
			     : "memory", "cc");				\
		__eax;							\
	})

/*
 * A void callee-save call whose one argument is the address of @argmem,
 * in %rdi, set by a lea that is part of the site as far as patching goes
 * (struct paravirt_arg_site): natively, for an op with an empty
 * template, both become NOPs.  %rdi is the only register it changes.
 * The lea is taken before the call, on the caller's own %rsp, so @argmem
 * may be on the stack.
 */
#define PVOP_VCALLEE_ARG_LEA(op, argmem)				\
	({								\
		unsigned long __edi;					\
		asm volatile("773:\n\tlea %[pvarg], %%rdi\n"		\
			     paravirt_alt(PARAVIRT_CALL)		\
			     ".pushsection .rodata.pvarg, \"a\"\n"	\
			     "774:\tlea %[pvarg], %%rdi\n"		\
			     ".popsection\n"				\
			     ".pushsection .parainstructions.arg, \"a\"\n" \
			     " .balign 4\n"				\
			     " .long 773b - .\n"			\
			     " .long 774b - .\n"			\
			     " .byte 771b - 773b\n"			\
			     " .byte 0, 0, 0\n"				\
			     ".popsection\n"				\
			     : "=D" (__edi), ASM_CALL_CONSTRAINT	\
			     : [pvarg] "m" (argmem),			\
			       paravirt_type(op.func),			\
			       paravirt_clobber(CLBR_RDI)		\
			     : "memory", "cc");				\
	})

/* A void callee-save call: no register changes at all. */
#define ____PVOP_VCALLEE(op, ...)					\
	asm volatile(paravirt_alt(PARAVIRT_CALL)			\
		     : ASM_CALL_CONSTRAINT				\
		     : paravirt_type(op),				\
		       paravirt_clobber(CLBR_NONE), ##__VA_ARGS__	\
		     : "memory", "cc")

#define PVOP_CALL0(rt, op)		((rt)____PVOP_CALL(op))
#define PVOP_CALL1(rt, op, a)		((rt)____PVOP_CALL(op, PVOP_CALL_ARG1(a)))
#define PVOP_CALL2(rt, op, a, b)					\
	((rt)____PVOP_CALL(op, PVOP_CALL_ARG1(a), PVOP_CALL_ARG2(b)))
#define PVOP_CALL3(rt, op, a, b, c)					\
	((rt)____PVOP_CALL(op, PVOP_CALL_ARG1(a), PVOP_CALL_ARG2(b),	\
			   PVOP_CALL_ARG3(c)))
#define PVOP_VCALL0(op)			((void)____PVOP_CALL(op))
#define PVOP_VCALL1(op, a)		((void)____PVOP_CALL(op, PVOP_CALL_ARG1(a)))
#define PVOP_VCALL2(op, a, b)						\
	((void)____PVOP_CALL(op, PVOP_CALL_ARG1(a), PVOP_CALL_ARG2(b)))
#define PVOP_VCALL3(op, a, b, c)					\
	((void)____PVOP_CALL(op, PVOP_CALL_ARG1(a), PVOP_CALL_ARG2(b),	\
			     PVOP_CALL_ARG3(c)))

/*
 * An entry value translation, argument and result in %rsi (where set_pte()
 * and friends take their value, the common destination).  Not pure: under
 * Xen PV it reads the P2M and the page-table bitmap, which change at run
 * time (grant maps, ballooning, a page becoming a table), so it is
 * volatile with a memory clobber and the compiler keeps it in program
 * order against those changes, as Linux does.  Natively the site is NOP
 * padding either way.
 */
#define PVOP_CALLEE_VAL1(rt, op, a)					\
	({								\
		unsigned long __esi;					\
		asm volatile(paravirt_alt(PARAVIRT_CALL)		\
			     : "=S" (__esi), ASM_CALL_CONSTRAINT	\
			     : paravirt_type(op.func),			\
			       paravirt_clobber(CLBR_RSI),		\
			       "0" ((unsigned long)(a))			\
			     : "memory", "cc");				\
		(rt)__esi;						\
	})

#define PVOP_CALLEE0(rt, op)		((rt)____PVOP_CALLEE(op.func))
#define PVOP_CALLEE1(rt, op, a)						\
	((rt)____PVOP_CALLEE(op.func, PVOP_CALL_ARG1(a)))
#define PVOP_VCALLEE0(op)		____PVOP_VCALLEE(op.func)
#define PVOP_VCALLEE1(op, a)		____PVOP_VCALLEE(op.func, PVOP_CALL_ARG1(a))
#define PVOP_VCALLEE2(op, a, b)						\
	____PVOP_VCALLEE(op.func, PVOP_CALL_ARG1(a), PVOP_CALL_ARG2(b))

/*
 * Thunks that give a C function the callee-save convention:
 * PV_CALLEE_SAVE_REGS_THUNK(func) saves every caller-saved register but
 * %rax (for an op with a result), PV_VOID_CALLEE_SAVE_REGS_THUNK(func)
 * saves %rax too (for a void op), PV_CALLEE_SAVE_RSI_THUNK(func) takes
 * and returns the value in %rsi (for the entry value ops).  Either defines __raw_callee_save_func;
 * PV_CALLEE_SAVE(func) names it for a slot.  The pushes (with %rbp, and
 * one slot of padding in the void flavour) keep the stack 16-byte aligned
 * at the inner call.
 */
/*
 * __raw_callee_save_FUNC: a function in .text that sets up %rbp's frame,
 * runs @body (saving, converting, calling FUNC, restoring) and returns.
 */
#define __PV_THUNK_FRAME(func, body)					\
	void __raw_callee_save_##func(void);				\
	asm(".pushsection .text, \"ax\"\n"				\
	    ".globl __raw_callee_save_" #func "\n"			\
	    ".type __raw_callee_save_" #func ", @function\n"		\
	    ".p2align 4\n"						\
	    "__raw_callee_save_" #func ":\n\t"				\
	    "push %rbp\n\t"						\
	    "mov %rsp, %rbp\n\t"					\
	    body							\
	    "pop %rbp\n\t"						\
	    "ret\n"							\
	    ".size __raw_callee_save_" #func ", . - __raw_callee_save_" #func "\n" \
	    ".popsection")

#define __PV_THUNK(func, save_rax, restore_rax)				\
	__PV_THUNK_ARG(func, save_rax, restore_rax, "", "push %rsi\n\t", "pop %rsi\n\t")
#define __PV_THUNK_ARG(func, save_rax, restore_rax, load_arg, save_rsi, restore_rsi) \
	__PV_THUNK_FRAME(func,						\
	    save_rax							\
	    "push %rcx\n\tpush %rdx\n\t" save_rsi "push %rdi\n\t"	\
	    "push %r8\n\tpush %r9\n\tpush %r10\n\tpush %r11\n\t"	\
	    load_arg							\
	    "call " #func "\n\t"					\
	    "pop %r11\n\tpop %r10\n\tpop %r9\n\tpop %r8\n\t"		\
	    "pop %rdi\n\t" restore_rsi "pop %rdx\n\tpop %rcx\n\t"	\
	    restore_rax							\
	)

#define PV_CALLEE_SAVE_REGS_THUNK(func)	__PV_THUNK(func, "", "")
/*
 * For the entry value ops: argument and result in %rsi, %rax preserved
 * (its push stands where %rsi's would, so the alignment is unchanged).
 */
#define PV_CALLEE_SAVE_RSI_THUNK(func)					\
	__PV_THUNK_ARG(func, "", "", "mov %rsi, %rdi\n\t",		\
		       "push %rax\n\t", "mov %rax, %rsi\n\tpop %rax\n\t")
#define PV_VOID_CALLEE_SAVE_REGS_THUNK(func)				\
	__PV_THUNK(func, "push %rax\n\tsub $8, %rsp\n\t",		\
		   "add $8, %rsp\n\tpop %rax\n\t")

/*
 * For read_msr: C u64 func(u32 msr) called with rdmsr's registers, %ecx
 * in, %edx:%eax out, nothing else changed.  For write_msr: C void
 * func(u32 msr, u64 val) called with wrmsr's, %ecx and %edx:%eax in,
 * nothing changed.  The pushes keep the stack 16-byte aligned at the
 * inner call (an odd count after %rbp's, so one slot of padding).
 */
#define PV_RDMSR_THUNK(func)						\
	__PV_THUNK_FRAME(func,						\
	    "push %rcx\n\tpush %rsi\n\tpush %rdi\n\t"		\
	    "push %r8\n\tpush %r9\n\tpush %r10\n\tpush %r11\n\t"	\
	    "sub $8, %rsp\n\t"					\
	    "mov %ecx, %edi\n\t"					\
	    "call " #func "\n\t"					\
	    "mov %rax, %rdx\n\t"					\
	    "shr $32, %rdx\n\t"					\
	    "mov %eax, %eax\n\t"					\
	    "add $8, %rsp\n\t"					\
	    "pop %r11\n\tpop %r10\n\tpop %r9\n\tpop %r8\n\t"		\
	    "pop %rdi\n\tpop %rsi\n\tpop %rcx\n\t"			\
	)

#define PV_WRMSR_THUNK(func)						\
	__PV_THUNK_FRAME(func,						\
	    "push %rax\n\tpush %rcx\n\tpush %rdx\n\tpush %rsi\n\t"	\
	    "push %rdi\n\tpush %r8\n\tpush %r9\n\tpush %r10\n\t"	\
	    "push %r11\n\t"						\
	    "sub $8, %rsp\n\t"					\
	    "mov %ecx, %edi\n\t"					\
	    "mov %edx, %esi\n\t"					\
	    "shl $32, %rsi\n\t"					\
	    "mov %eax, %eax\n\t"					\
	    "or %rax, %rsi\n\t"					\
	    "call " #func "\n\t"					\
	    "add $8, %rsp\n\t"					\
	    "pop %r11\n\tpop %r10\n\tpop %r9\n\tpop %r8\n\t"		\
	    "pop %rdi\n\tpop %rsi\n\tpop %rdx\n\tpop %rcx\n\t"	\
	    "pop %rax\n\t"						\
	)

/*
 * For the cpuid slot: C func(leaf, subleaf, struct cpuid_regs *) called
 * with CPUID's register convention.  Saves everything the instruction
 * would not change; the four results come back from a stack buffer.
 */
#define PV_CPUID_THUNK(func)						\
	__PV_THUNK_FRAME(func,						\
	    "push %rsi\n\tpush %rdi\n\tpush %r8\n\tpush %r9\n\t"	\
	    "push %r10\n\tpush %r11\n\t"				\
	    "sub $16, %rsp\n\t"					\
	    "mov %eax, %edi\n\t"					\
	    "mov %ecx, %esi\n\t"					\
	    "mov %rsp, %rdx\n\t"					\
	    "call " #func "\n\t"					\
	    "mov 0(%rsp), %eax\n\tmov 4(%rsp), %ebx\n\t"		\
	    "mov 8(%rsp), %ecx\n\tmov 12(%rsp), %edx\n\t"		\
	    "add $16, %rsp\n\t"					\
	    "pop %r11\n\tpop %r10\n\tpop %r9\n\tpop %r8\n\t"		\
	    "pop %rdi\n\tpop %rsi\n\t"				\
	)

#define PV_CALLEE_SAVE(func)	__PV_IS_CALLEE_SAVE(__raw_callee_save_##func)

#endif /* __ASSEMBLY__ */

#endif
