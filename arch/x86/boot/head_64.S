/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The 32-bit entry points: PVH (XEN_ELFNOTE_PHYS32_ENTRY; QEMU -kernel and
 * Xen PVH) and multiboot2 (GRUB).  Both arrive in flat 32-bit protected
 * mode with paging off; this file takes them to long mode on the kernel's
 * high mapping and calls x86_64_start_kernel(protocol, info_pa).
 *
 * The early page tables map the first 4 GiB three times with 2 MiB pages:
 * identity (the code we run on until the far jump, and the loader's
 * structures), the direct map at PAGE_OFFSET, and the kernel image at
 * __START_KERNEL_map.  paging_init() replaces them with the real ones.
 */
#include <linux/elfnote.h>
#include <asm/linkage.h>
#include <asm/page_types.h>
#include <asm/segment.h>
#include <asm/processor-flags.h>
#include <asm/bootinfo.h>
#include <xen/interface/elfnote.h>

#define pa(x)		((x) - __START_KERNEL_map)
#define EARLY_PT_FLAGS	0x3		/* present, writable */
#define EARLY_PD_FLAGS	0x83		/* present, writable, 2 MiB page */

/* QEMU and Xen look for this note to enter at pvh_start. */
	ELFNOTE(Xen, XEN_ELFNOTE_PHYS32_ENTRY, .long pa(pvh_start))

/*
 * GRUB searches the first 32 KiB of the file for this header; the linker
 * script puts it first in the text segment.
 */
	.section .head.multiboot2, "a"
	.balign 8
mb2_header:
	.long	MB2_HEADER_MAGIC
	.long	0				/* architecture: i386 */
	.long	mb2_header_end - mb2_header
	.long	-(MB2_HEADER_MAGIC + 0 + (mb2_header_end - mb2_header))
	.balign 8				/* entry address tag */
	.short	3, 0
	.long	12
	.long	pa(mb2_entry)
	.balign 8				/* end tag */
	.short	0, 0
	.long	8
mb2_header_end:

	.section .head.text, "ax"
	.code32

/* PVH: %ebx = physical address of struct hvm_start_info. */
SYM_CODE_START(pvh_start)
	cli
	cld
	mov	$BOOT_PVH, %esi
	jmp	startup_32
SYM_CODE_END(pvh_start)

/* Multiboot2: %eax = bootloader magic, %ebx = physical address of the MBI. */
SYM_CODE_START(mb2_entry)
	cli
	cld
	cmp	$MB2_BOOTLOADER_MAGIC, %eax
	jne	.Lhalt32			/* not multiboot2: nothing to report to */
	mov	$BOOT_MULTIBOOT2, %esi
	jmp	startup_32
SYM_CODE_END(mb2_entry)

/* %esi = protocol, %ebx = boot info; both survive to the C entry. */
SYM_CODE_START_LOCAL(startup_32)
	lgdt	pa(boot_gdt_desc)
	mov	$__KERNEL_DS, %eax
	mov	%eax, %ds
	mov	%eax, %es
	mov	%eax, %ss
	mov	%eax, %fs
	mov	%eax, %gs
	ljmp	$__KERNEL32_CS, $pa(1f)		/* our own CS from now on */
1:
	/* Zero .bss: a loader may not have, and the page tables live there. */
	mov	$pa(__bss_start), %edi
	mov	$pa(__bss_stop), %ecx
	sub	%edi, %ecx
	shr	$2, %ecx
	xor	%eax, %eax
	rep stosl

	/* 2048 PD entries of 2 MiB: physical 0 .. 4 GiB. */
	mov	$pa(early_pd), %edi
	mov	$EARLY_PD_FLAGS, %eax
	mov	$2048, %ecx
2:	mov	%eax, (%edi)
	add	$PMD_SIZE, %eax
	add	$8, %edi
	loop	2b

	/* Identity PDPT: 4 entries, one per PD page. */
	mov	$pa(early_pdpt), %edi
	mov	$(pa(early_pd) + EARLY_PT_FLAGS), %eax
	mov	$4, %ecx
3:	mov	%eax, (%edi)
	add	$PAGE_SIZE, %eax
	add	$8, %edi
	loop	3b

	/* Kernel PDPT: slot 510 (0xffffffff80000000) is the first GiB. */
	movl	$(pa(early_pd) + EARLY_PT_FLAGS), pa(early_pdpt_kernel) + 510 * 8

	/* PML4: identity (slot 0), direct map (273), kernel image (511). */
	movl	$(pa(early_pdpt) + EARLY_PT_FLAGS), pa(early_pml4)
	movl	$(pa(early_pdpt) + EARLY_PT_FLAGS), pa(early_pml4) + 273 * 8
	movl	$(pa(early_pdpt_kernel) + EARLY_PT_FLAGS), pa(early_pml4) + 511 * 8

	mov	%cr4, %eax
	or	$X86_CR4_PAE, %eax
	mov	%eax, %cr4
	mov	$pa(early_pml4), %eax
	mov	%eax, %cr3
	mov	$MSR_EFER, %ecx			/* long mode enable */
	rdmsr
	or	$EFER_LME, %eax
	wrmsr
	mov	%cr0, %eax			/* paging on: long mode active */
	or	$(X86_CR0_PG | X86_CR0_WP | X86_CR0_PE), %eax
	mov	%eax, %cr0
	ljmp	$__KERNEL_CS, $pa(startup_64)

.Lhalt32:
	hlt
	jmp	.Lhalt32
SYM_CODE_END(startup_32)

	.code64
SYM_CODE_START_LOCAL(startup_64)
	movabs	$1f, %rax			/* leave the identity map */
	jmp	*%rax
1:	xor	%eax, %eax			/* data segments are unused in long mode */
	mov	%eax, %ds
	mov	%eax, %es
	mov	%eax, %ss
	mov	%eax, %fs
	mov	%eax, %gs
	lea	boot_stack_top(%rip), %rsp
	xor	%ebp, %ebp			/* ends the frame-pointer chain */
	mov	%esi, %edi			/* arg 1: protocol */
	mov	%ebx, %esi			/* arg 2: info pa (zero-extended) */
	call	x86_64_start_kernel
	ud2					/* it does not return */
SYM_CODE_END(startup_64)

	.section .rodata, "a"
	.balign 8
SYM_DATA_START(boot_gdt)
	.quad	0
	.quad	GDT_KERNEL32_CS_DESC
	.quad	GDT_KERNEL_CS_DESC
	.quad	GDT_KERNEL_DS_DESC
SYM_DATA_END(boot_gdt)
boot_gdt_desc:
	.word	4 * 8 - 1
	.long	pa(boot_gdt)

/*
 * Page-aligned .bss: the early page tables and the boot stack.  The page
 * below the stack stays unmapped in the final page tables, so an overflow
 * faults (and the double-fault handler, on its own stack, reports it).
 */
	.section .bss..page_aligned, "aw", @nobits
	.balign PAGE_SIZE
SYM_DATA_START(early_pml4)
	.skip	PAGE_SIZE
SYM_DATA_END(early_pml4)
SYM_DATA_START(early_pdpt)
	.skip	PAGE_SIZE
SYM_DATA_END(early_pdpt)
SYM_DATA_START(early_pdpt_kernel)
	.skip	PAGE_SIZE
SYM_DATA_END(early_pdpt_kernel)
SYM_DATA_START(early_pd)
	.skip	4 * PAGE_SIZE
SYM_DATA_END(early_pd)
SYM_DATA_START(boot_stack_guard)
	.skip	PAGE_SIZE
SYM_DATA_END(boot_stack_guard)
SYM_DATA_START(boot_stack)
	.skip	THREAD_SIZE
SYM_DATA_END(boot_stack)
SYM_DATA_START(boot_stack_top)
SYM_DATA_END(boot_stack_top)
