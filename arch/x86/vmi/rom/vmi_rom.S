/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A VMI-like ROM, as a platform vendor would ship one (ABI in asm/vmi.h,
 * Documentation/vmi.md).  A PC option ROM whose real-mode init does
 * nothing, followed by the VMI header, the entry table and the 64-bit
 * implementations.  Each implementation does its operation natively and
 * counts its calls in the data area the kernel maps for it; the code is
 * position-independent (RIP-relative to that area).
 *
 * This ROM chooses: every op as CALL, except IRET (JMP: a tail op), WBINVD
 * (NATIVE: leave the kernel's own instruction) and IO_DELAY (NOP: no ISA
 * bus to wait for).
 */
#include <asm/vmi.h>

/* Count one call of @op: the data area starts with the counters. */
#define COUNT(op)	lock incq vmi_data + 8 * (op)(%rip)

#define ENTRY(op, reloc, align_log2, impl)				\
	.word	op ;							\
	.byte	reloc ;							\
	.byte	align_log2 ;						\
	.long	impl ;							\
	.quad	0

#define NO_IMPL(op, reloc)						\
	.word	op ;							\
	.byte	reloc ;							\
	.byte	0 ;							\
	.long	0 ;							\
	.quad	0

	.section .rom, "ax"
rom_start:
	.byte	0x55, 0xaa			/* option ROM signature */
	.byte	rom_blocks			/* size in 512-byte blocks */
	.code16
	lret					/* 0x03: init entry: nothing to do */
	.org	0x18
	.word	0				/* no PCI data structure */
	.word	0				/* no PnP expansion header */

	.org	VMI_HEADER_OFFSET
	.ascii	VMI_SIGNATURE
	.word	VMI_ABI_MAJOR
	.word	VMI_ABI_MINOR
	.word	(table_end - table) / VMI_ENTRY_SIZE
	.word	VMI_ENTRY_SIZE
	.long	table - rom_start
	.long	vmi_data - rom_start
	.long	VMI_DATA_SIZE_BYTES
	.long	0				/* header padding to 0x20 bytes */

	.balign	16
table:
	ENTRY(VMI_OP_CPUID, VMI_RELOC_CALL, 4, vmi_cpuid)
	ENTRY(VMI_OP_IRET, VMI_RELOC_JMP, 4, vmi_iret)
	ENTRY(VMI_OP_SAVE_FL, VMI_RELOC_CALL, 4, vmi_save_fl)
	ENTRY(VMI_OP_IRQ_DISABLE, VMI_RELOC_CALL, 4, vmi_irq_disable)
	ENTRY(VMI_OP_IRQ_ENABLE, VMI_RELOC_CALL, 4, vmi_irq_enable)
	ENTRY(VMI_OP_SAFE_HALT, VMI_RELOC_CALL, 4, vmi_safe_halt)
	ENTRY(VMI_OP_HALT, VMI_RELOC_CALL, 4, vmi_halt)
	ENTRY(VMI_OP_READ_CR0, VMI_RELOC_CALL, 4, vmi_read_cr0)
	ENTRY(VMI_OP_WRITE_CR0, VMI_RELOC_CALL, 4, vmi_write_cr0)
	ENTRY(VMI_OP_READ_CR2, VMI_RELOC_CALL, 4, vmi_read_cr2)
	ENTRY(VMI_OP_READ_CR3, VMI_RELOC_CALL, 4, vmi_read_cr3)
	ENTRY(VMI_OP_WRITE_CR3, VMI_RELOC_CALL, 4, vmi_write_cr3)
	ENTRY(VMI_OP_READ_CR4, VMI_RELOC_CALL, 4, vmi_read_cr4)
	ENTRY(VMI_OP_WRITE_CR4, VMI_RELOC_CALL, 4, vmi_write_cr4)
	NO_IMPL(VMI_OP_WBINVD, VMI_RELOC_NATIVE)
	NO_IMPL(VMI_OP_IO_DELAY, VMI_RELOC_NOP)
	ENTRY(VMI_OP_FLUSH_TLB_USER, VMI_RELOC_CALL, 4, vmi_flush_tlb_user)
	ENTRY(VMI_OP_FLUSH_TLB_ONE, VMI_RELOC_CALL, 4, vmi_flush_tlb_one)
	ENTRY(VMI_OP_SET_PTE, VMI_RELOC_CALL, 4, vmi_set_pte)
	ENTRY(VMI_OP_SET_PMD, VMI_RELOC_CALL, 4, vmi_set_pmd)
	ENTRY(VMI_OP_SET_PUD, VMI_RELOC_CALL, 4, vmi_set_pud)
	ENTRY(VMI_OP_SET_P4D, VMI_RELOC_CALL, 4, vmi_set_p4d)
table_end:

/*
 * The implementations.  The counting `lock inc` changes the arithmetic
 * flags, which every convention allows; no other register changes unless
 * the op returns something in it.
 */
	.code64
	.balign	16
vmi_cpuid:			/* %eax, %ecx in; %eax..%edx out */
	COUNT(VMI_OP_CPUID)
	cpuid
	ret

	.balign	16
vmi_iret:			/* by jmp, the iret frame on the stack; changes
				 * only the flags, which iretq reloads */
	COUNT(VMI_OP_IRET)
	iretq

	.balign	16
vmi_save_fl:			/* flags in %rax; IF is what callers look at */
	COUNT(VMI_OP_SAVE_FL)
	pushf
	pop	%rax
	ret

	.balign	16
vmi_irq_disable:
	COUNT(VMI_OP_IRQ_DISABLE)
	cli
	ret

	.balign	16
vmi_irq_enable:
	COUNT(VMI_OP_IRQ_ENABLE)
	sti
	ret

	.balign	16
vmi_safe_halt:			/* sti's shadow covers hlt: no lost wakeup */
	COUNT(VMI_OP_SAFE_HALT)
	sti
	hlt
	ret

	.balign	16
vmi_halt:
	COUNT(VMI_OP_HALT)
	hlt
	ret

	.balign	16
vmi_read_cr0:
	COUNT(VMI_OP_READ_CR0)
	mov	%cr0, %rax
	ret

	.balign	16
vmi_write_cr0:
	COUNT(VMI_OP_WRITE_CR0)
	mov	%rdi, %cr0
	ret

	.balign	16
vmi_read_cr2:
	COUNT(VMI_OP_READ_CR2)
	mov	%cr2, %rax
	ret

	.balign	16
vmi_read_cr3:
	COUNT(VMI_OP_READ_CR3)
	mov	%cr3, %rax
	ret

	.balign	16
vmi_write_cr3:
	COUNT(VMI_OP_WRITE_CR3)
	mov	%rdi, %cr3
	ret

	.balign	16
vmi_read_cr4:
	COUNT(VMI_OP_READ_CR4)
	mov	%cr4, %rax
	ret

	.balign	16
vmi_write_cr4:
	COUNT(VMI_OP_WRITE_CR4)
	mov	%rdi, %cr4
	ret

	.balign	16
vmi_flush_tlb_user:		/* %rax may change (the slot returns a value) */
	COUNT(VMI_OP_FLUSH_TLB_USER)
	mov	%cr3, %rax
	mov	%rax, %cr3
	ret

	.balign	16
vmi_flush_tlb_one:
	COUNT(VMI_OP_FLUSH_TLB_ONE)
	invlpg	(%rdi)
	ret

	.balign	16
vmi_set_pte:			/* entry at %rdi gets %rsi */
	COUNT(VMI_OP_SET_PTE)
	mov	%rsi, (%rdi)
	ret

	.balign	16
vmi_set_pmd:
	COUNT(VMI_OP_SET_PMD)
	mov	%rsi, (%rdi)
	ret

	.balign	16
vmi_set_pud:
	COUNT(VMI_OP_SET_PUD)
	mov	%rsi, (%rdi)
	ret

	.balign	16
vmi_set_p4d:
	COUNT(VMI_OP_SET_P4D)
	mov	%rsi, (%rdi)
	ret
