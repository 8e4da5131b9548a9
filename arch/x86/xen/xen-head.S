/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Xen PV entry and the ELF notes that tell Xen's domain builder how to
 * load this image as a PV guest (xen/interface/elfnote.h).  There is no
 * hypercall page note: hypercalls are `syscall` (asm/xen/hypercall.h),
 * and no FEATURES note: in it a '!' means "required", and the one a PV
 * kernel would list, writable_page_tables, is what we do not want (Xen
 * emulating stores to page tables): ours are read-only and updated by
 * hypercall, the real PV MMU.
 *
 * Entry state (64-bit PV): long mode, ring 3, Xen's page tables mapping
 * the image at VIRT_BASE, events masked, %rsi = start_info (virtual).
 */
#include <linux/elfnote.h>
#include <asm/linkage.h>
#include <asm/page_types.h>
#include <xen/interface/elfnote.h>

	ELFNOTE(Xen, XEN_ELFNOTE_GUEST_OS, .asciz "linux")
	ELFNOTE(Xen, XEN_ELFNOTE_GUEST_VERSION, .asciz "0.1")
	ELFNOTE(Xen, XEN_ELFNOTE_XEN_VERSION, .asciz "xen-3.0")
	ELFNOTE(Xen, XEN_ELFNOTE_LOADER, .asciz "generic")
	ELFNOTE(Xen, XEN_ELFNOTE_VIRT_BASE, .quad __START_KERNEL_map)
	ELFNOTE(Xen, XEN_ELFNOTE_PADDR_OFFSET, .quad 0)
	ELFNOTE(Xen, XEN_ELFNOTE_ENTRY, .quad xen_pv_start)
	ELFNOTE(Xen, XEN_ELFNOTE_PAE_MODE, .asciz "yes")

	.text
SYM_CODE_START(xen_pv_start)
	cld
	lea	boot_stack_top(%rip), %rsp	/* our stack, not Xen's bootstrap one */
	xor	%ebp, %ebp			/* ends the frame-pointer chain */
	mov	%rsi, %rdi			/* arg: start_info */
	call	xen_start_kernel
	ud2					/* it does not return */
SYM_CODE_END(xen_pv_start)
