/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The native child's callee-save operations.  Each is its instruction
 * template followed by `ret`: NAME_tend marks where the template ends, and
 * the patcher copies [NAME, NAME_tend) into every call site whose slot
 * holds NAME (paravirt_patch.c).  One source for the out-of-line op and
 * the inline bytes, so they cannot drift apart.
 *
 * Registers: arguments in %rdi (%rsi), results in %rax; nothing else may
 * change, the flags aside.
 */
#include <asm/linkage.h>
#include <asm/processor-flags.h>

#define PV_NATIVE(name)	SYM_FUNC_START(name)
#define PV_NATIVE_END(name)	\
	.globl name##_tend;	\
name##_tend:			\
	ret;			\
	SYM_FUNC_END(name)

	.text
/* CPUID with its own registers: %eax, %ecx in; %eax..%edx out. */
PV_NATIVE(pv_native_cpuid)
	cpuid
PV_NATIVE_END(pv_native_cpuid)

/* Interrupt return: reached by a jump with the iret frame on the stack. */
PV_NATIVE(pv_native_iret)
	iretq
PV_NATIVE_END(pv_native_iret)

PV_NATIVE(pv_native_save_fl)
	pushf
	pop	%rax
PV_NATIVE_END(pv_native_save_fl)

PV_NATIVE(pv_native_irq_disable)
	cli
PV_NATIVE_END(pv_native_irq_disable)

PV_NATIVE(pv_native_irq_enable)
	sti
PV_NATIVE_END(pv_native_irq_enable)

/* sti's one-instruction shadow: no interrupt between it and hlt. */
PV_NATIVE(pv_native_safe_halt)
	sti
	hlt
PV_NATIVE_END(pv_native_safe_halt)

PV_NATIVE(pv_native_halt)
	hlt
PV_NATIVE_END(pv_native_halt)

PV_NATIVE(pv_native_read_cr0)
	mov	%cr0, %rax
PV_NATIVE_END(pv_native_read_cr0)

PV_NATIVE(pv_native_write_cr0)
	mov	%rdi, %cr0
PV_NATIVE_END(pv_native_write_cr0)

PV_NATIVE(pv_native_read_cr2)
	mov	%cr2, %rax
PV_NATIVE_END(pv_native_read_cr2)

PV_NATIVE(pv_native_read_cr3)
	mov	%cr3, %rax
PV_NATIVE_END(pv_native_read_cr3)

PV_NATIVE(pv_native_write_cr3)
	mov	%rdi, %cr3
PV_NATIVE_END(pv_native_write_cr3)

PV_NATIVE(pv_native_read_cr4)
	mov	%cr4, %rax
PV_NATIVE_END(pv_native_read_cr4)

PV_NATIVE(pv_native_write_cr4)
	mov	%rdi, %cr4
PV_NATIVE_END(pv_native_write_cr4)

/* Reloading CR3 drops the non-global TLB entries (result: %rax clobbered). */
PV_NATIVE(pv_native_flush_tlb_user)
	mov	%cr3, %rax
	mov	%rax, %cr3
PV_NATIVE_END(pv_native_flush_tlb_user)

PV_NATIVE(pv_native_flush_tlb_one)
	invlpg	(%rdi)
PV_NATIVE_END(pv_native_flush_tlb_one)

/* rdmsr's and wrmsr's own registers: %ecx, %edx:%eax. */
PV_NATIVE(pv_native_read_msr)
	rdmsr
PV_NATIVE_END(pv_native_read_msr)

PV_NATIVE(pv_native_write_msr)
	wrmsr
PV_NATIVE_END(pv_native_write_msr)

/* The descriptor's address, or the selector, in %rdi. */
PV_NATIVE(pv_native_load_idt)
	lidt	(%rdi)
PV_NATIVE_END(pv_native_load_idt)

PV_NATIVE(pv_native_load_gdt)
	lgdt	(%rdi)
PV_NATIVE_END(pv_native_load_gdt)

PV_NATIVE(pv_native_load_tr)
	ltr	%di
PV_NATIVE_END(pv_native_load_tr)

/*
 * This CPU's TSS sp[0] = %rdi (asm/desc.h, TSS_SP0_OFFSET, checked in
 * cpu.c): addressed absolutely, so the bytes are copyable.
 */
PV_NATIVE(pv_native_load_sp0)
	movq	%rdi, %gs:cpu_tss + 4
PV_NATIVE_END(pv_native_load_sp0)

/* Every TLB entry, global ones too: CR4.PGE toggled and back (%rax). */
PV_NATIVE(pv_native_flush_tlb_global)
	mov	%cr4, %rax
	xor	$X86_CR4_PGE, %al
	mov	%rax, %cr4
	xor	$X86_CR4_PGE, %al
	mov	%rax, %cr4
PV_NATIVE_END(pv_native_flush_tlb_global)

/*
 * Nanoseconds from the TSC (asm/tsc.h), result in %rax, %rdx clobbered:
 * the multiplier addressed absolutely, so the bytes are copyable.
 */
PV_NATIVE(pv_native_sched_clock)
	rdtsc
	shl	$32, %rdx
	or	%rdx, %rax
	mulq	tsc_ns_mult
	shrd	$32, %rdx, %rax
PV_NATIVE_END(pv_native_sched_clock)

/* No hypervisor runs anything else on a real CPU: no steal time. */
PV_NATIVE(pv_native_steal_clock)
	xor	%eax, %eax
PV_NATIVE_END(pv_native_steal_clock)

/* A new address space needs nothing more from real hardware: 0. */
PV_NATIVE(pv_native_pgd_alloc)
	xor	%eax, %eax
PV_NATIVE_END(pv_native_pgd_alloc)

PV_NATIVE(pv_native_wbinvd)
	wbinvd
PV_NATIVE_END(pv_native_wbinvd)

/* The classic ISA delay: a write to the POST port (what %al holds). */
PV_NATIVE(pv_native_io_delay)
	outb	%al, $0x80
PV_NATIVE_END(pv_native_io_delay)

/* Every page-table level: the entry at %rdi gets %rsi. */
PV_NATIVE(pv_native_set_entry)
	mov	%rsi, (%rdi)
PV_NATIVE_END(pv_native_set_entry)

/* A CPU that is not virtualized is never preempted by a hypervisor. */
PV_NATIVE(pv_native_vcpu_is_preempted)
	xor	%eax, %eax
PV_NATIVE_END(pv_native_vcpu_is_preempted)

/*
 * The no-op: an empty template, so its sites become NOPs.  With the pure
 * value ops' convention (argument and result in %rsi) it is also the
 * identity that page-table values need on bare metal.
 */
PV_NATIVE(paravirt_nop)
PV_NATIVE_END(paravirt_nop)
