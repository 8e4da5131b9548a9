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
 *
 * Before any C: the boot CPU's per-CPU area (the template copied to
 * __per_cpu_boot) and its GS base, which a PV guest sets by hypercall
 * (set_segment_base; wrmsr would trap to Xen's emulation), since the
 * stack canary is %gs:40.  Not through the C wrappers: they count
 * hypercalls in per-CPU data, which is what this sets up.
 */
#include <linux/elfnote.h>
#include <asm/linkage.h>
#include <asm/page_types.h>
#include <xen/interface/elfnote.h>
#include <xen/interface/xen.h>

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
	mov	%rsi, %rbx			/* start_info: survives the hypercall */

	lea	__per_cpu_load(%rip), %rsi
	lea	__per_cpu_boot(%rip), %rdi
	mov	$__per_cpu_end, %ecx		/* the template is linked at 0 */
	rep movsb
	mov	$__HYPERVISOR_set_segment_base, %eax
	mov	$SEGBASE_GS_KERNEL, %edi
	lea	__per_cpu_boot(%rip), %rsi
	syscall					/* clobbers %rcx, %r11, arguments */
	test	%rax, %rax
	jnz	.Lno_gs				/* no console yet: Xen reports the crash */

	mov	%rbx, %rdi			/* arg: start_info */
	call	xen_start_kernel
	ud2					/* it does not return */
.Lno_gs:
	ud2					/* no trap table: Xen crashes the domain */
SYM_CODE_END(xen_pv_start)
