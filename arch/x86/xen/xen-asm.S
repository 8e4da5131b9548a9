/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Xen PV entry and exit glue, short and line by line.
 *
 * When Xen bounces an exception or an event into a 64-bit PV kernel it
 * builds the hardware frame (ss, rsp, rflags, cs, rip, and the error code
 * where the CPU has one) and pushes the interrupted %r11 and %rcx on top.
 * Each stub here pops those two and continues in the ordinary vector stub
 * (entry_64.S), so one set of C handlers serves both worlds.  Return is
 * the iret hypercall (xen_iret, the cpu.iret paravirt op).
 */
#include <asm-offsets.h>
#include <asm/linkage.h>
#include <asm/traps.h>
#include <asm/xen/events.h>
#include <xen/interface/xen.h>

	.text
	.p2align 4
SYM_CODE_START(xen_trap_stubs)
	vector = 0
	.rept 32
	.p2align 4
	pop	%rcx				/* Xen saved these two for us */
	pop	%r11
	jmp	vector_stubs + vector * 16	/* the native stub: same frame now */
	vector = vector + 1
	.endr
SYM_CODE_END(xen_trap_stubs)

/* Event upcall: like an interrupt on XEN_UPCALL_VECTOR. */
SYM_CODE_START(xen_hypervisor_callback)
	pop	%rcx
	pop	%r11
	jmp	vector_stubs + XEN_UPCALL_VECTOR * 16
SYM_CODE_END(xen_hypervisor_callback)

/*
 * Xen could not reload the segment registers on return: it pushed ds, es,
 * fs, gs above %rcx and %r11.  Nothing here sets odd segments, so this is
 * a bug: report it as vector XEN_FAILSAFE_VECTOR (fatal).
 */
SYM_CODE_START(xen_failsafe_callback)
	pop	%rcx
	pop	%r11
	add	$32, %rsp			/* ds, es, fs, gs */
	jmp	vector_stubs + XEN_FAILSAFE_VECTOR * 16
SYM_CODE_END(xen_failsafe_callback)

/*
 * The iret hypercall: reached by a jump with the iret frame on the stack.
 * Xen wants, from the top: rax, r11, rcx, flags, then the frame; flags 0
 * (not returning from a syscall).  It does not come back.  The site
 * allows no clobber (CLBR_NONE): the three registers this uses Xen
 * restores from what is pushed here, the flags from the frame.
 */
SYM_CODE_START(xen_iret)
	pushq	$0				/* flags */
	push	%rcx
	push	%r11
	push	%rax
#ifdef CONFIG_XEN_DEBUG_STATS
	/* This CPU's count, as the C wrappers keep it (per-CPU, zero-based). */
	incq	%gs:xen_hypercall_stats + 8 * __HYPERVISOR_iret
#endif
	mov	$__HYPERVISOR_iret, %eax
	syscall
	ud2
SYM_CODE_END(xen_iret)

/*
 * The irq ops, direct: this CPU's vcpu_info is its per-CPU copy
 * (xen_vcpu_info, registered with Xen at entry), so its mask and pending
 * bytes are %gs-relative, as in Linux's xen-asm.S.  Callee-save like
 * every irq slot: only save_fl's %rax and the flags change; enabling
 * with an event pending goes through a thunk that saves the rest.
 */
#define MASK	%gs:xen_vcpu_info + XEN_vcpu_info_mask
#define PENDING	%gs:xen_vcpu_info + XEN_vcpu_info_pending

SYM_FUNC_START(xen_irq_disable_direct)
	movb	$1, MASK
	ret
SYM_FUNC_END(xen_irq_disable_direct)

SYM_FUNC_START(xen_irq_enable_direct)
	movb	$0, MASK
	/*
	 * Unmask, then look: an event set before the unmask is not lost.
	 * Pending (byte 0) and mask (byte 1) as one word: 0x0001 is pending
	 * and unmasked, and an interrupt in between would have delivered it.
	 */
	cmpw	$0x0001, PENDING
	jne	1f
	call	__raw_callee_save_xen_force_evtchn_callback
1:	ret
SYM_FUNC_END(xen_irq_enable_direct)

/* X86_EFLAGS_IF (bit 9: %ah = 2) when unmasked, else 0. */
SYM_FUNC_START(xen_save_fl_direct)
	xor	%eax, %eax
	testb	$0xff, MASK
	setz	%ah
	addb	%ah, %ah
	ret
SYM_FUNC_END(xen_save_fl_direct)

/*
 * read_cr2 and read_cr3, direct: one load each, so callee-save without a
 * thunk (only %rax changes).  Xen writes the fault address into this
 * CPU's vcpu_info; the page-table base is ours to remember (xen_cr3,
 * mmu_pv.c), as Linux's xen_read_cr3 does.
 */
SYM_FUNC_START(xen_read_cr2_direct)
	mov	%gs:xen_vcpu_info + XEN_vcpu_info_cr2, %rax
	ret
SYM_FUNC_END(xen_read_cr2_direct)

SYM_FUNC_START(xen_read_cr3_direct)
	mov	%gs:xen_cr3, %rax
	ret
SYM_FUNC_END(xen_read_cr3_direct)

/*
 * sched_clock, direct: time.c's pvclock read and clamp, in the clock
 * slot's own convention (result in %rax, only %rdx changed besides), so
 * no thunk saves seven registers around a C call.  The same steps as
 * pvclock_read_raw() and xen_clocksource_read(): the triple read between
 * two reads of an even, unchanged version; the TSC ordered after it
 * (lfence); the delta shifted by tsc_shift (right if negative) and
 * scaled by the 32.32 multiplier; unless Xen vouches for the TSC
 * (XEN_PVCLOCK_TSC_STABLE_BIT, 1), never less than the last value
 * returned, by compare-and-swap on xen_pvclock_last; less the boot's
 * offset.  Suite xen_time checks it against Xen's NOW() and the TSC.
 */
SYM_FUNC_START(xen_sched_clock_direct)
	push	%rcx
	push	%rsi
	push	%rdi
	push	%r8
	mov	%gs:xen_vcpu, %rsi
	add	$XEN_vcpu_info_time, %rsi
1:	mov	XEN_time_version(%rsi), %edi
	lfence
	rdtsc
	shl	$32, %rdx
	or	%rdx, %rax
	sub	XEN_time_tsc_timestamp(%rsi), %rax
	movsbl	XEN_time_shift(%rsi), %ecx
	test	%ecx, %ecx
	js	2f
	shl	%cl, %rax
	jmp	3f
2:	neg	%ecx
	shr	%cl, %rax
3:	mov	XEN_time_mul(%rsi), %edx
	mul	%rdx
	shrd	$32, %rdx, %rax
	add	XEN_time_system_time(%rsi), %rax
	movzbl	XEN_time_flags(%rsi), %r8d
	test	$1, %edi
	jnz	1b
	cmp	XEN_time_version(%rsi), %edi
	jne	1b
	test	$1, %r8b
	jnz	5f
	mov	%rax, %r8			/* now */
	mov	xen_pvclock_last(%rip), %rax
4:	cmp	%r8, %rax
	jae	5f				/* the last one is later: it */
	lock cmpxchg	%r8, xen_pvclock_last(%rip)
	jne	4b				/* %rax: what another reader stored */
	mov	%r8, %rax
5:	sub	xen_clock_offset(%rip), %rax
	pop	%r8
	pop	%rdi
	pop	%rsi
	pop	%rcx
	ret
SYM_FUNC_END(xen_sched_clock_direct)

/*
 * cpuid, direct: most leaves hold nothing the child hides, and for them
 * Xen's forced-emulation trap is the whole op, in the cpuid slot's own
 * convention (leaf in %eax, sub-leaf in %ecx, results in %eax..%edx,
 * nothing else changed).  The leaves of xen_feature_words
 * (enlighten_pv.c) go through the thunk to xen_cpuid(), which masks.
 */
SYM_FUNC_START(xen_cpuid_direct)
	cmp	$1, %eax
	je	1f
	cmp	$7, %eax
	je	1f
	cmp	$0xd, %eax
	je	1f
	cmp	$0x80000001, %eax
	je	1f
	XEN_CPUID
	ret
1:	jmp	__raw_callee_save_xen_cpuid
SYM_FUNC_END(xen_cpuid_direct)

/*
 * set_pte, in the slot's convention (%rdi the entry, %rsi its value,
 * nothing changed but the flags): xen_set_pte_lazy() appends in lazy
 * mode and saves what it uses; it restores the events mask it found,
 * so an event it held off is delivered here, as xen_irq_enable_direct
 * does.  Anything else goes through the C thunk.
 */
SYM_FUNC_START(xen_set_pte_direct)
	push	%rax
	call	xen_set_pte_lazy
	test	%al, %al
	pop	%rax
	jz	__raw_callee_save_xen_set_pte
	cmpw	$0x0001, PENDING
	jne	1f
	call	__raw_callee_save_xen_force_evtchn_callback
1:	ret
SYM_FUNC_END(xen_set_pte_direct)

/*
 * make_pte, in the slot's convention (%rsi in and out, nothing else
 * changed but the flags): entry_to_machine() for a leaf.  Not present:
 * as it is.  Present, its pfn (bits 12-51) in the P2M run the last
 * lookup hit (xen_p2m_runs[xen_p2m_hint]: start, end, slot) and with a
 * frame: that frame in place of the pfn (the 1:1 marker, bit 62, shifts
 * out), read-only if the page is a page table (xen_pt_bitmap).
 * Anything else: the C thunk.  mmu_pv.c asserts the layouts.
 */
SYM_FUNC_START(xen_make_pte_direct)
	test	$1, %sil			/* _PAGE_PRESENT */
	jz	3f
	push	%rax
	push	%rcx
	push	%rdx
	mov	%rsi, %rax
	shl	$12, %rax
	shr	$24, %rax			/* the pfn */
	mov	xen_p2m_hint(%rip), %ecx
	lea	(%rcx,%rcx,2), %rcx
	lea	xen_p2m_runs(,%rcx,8), %rcx
	cmp	(%rcx), %rax
	jb	4f
	cmp	8(%rcx), %rax
	jae	4f
	mov	%rax, %rdx
	sub	(%rcx), %rdx
	add	16(%rcx), %rdx
	mov	xen_p2m_list(%rip), %rcx
	mov	(%rcx,%rdx,8), %rdx		/* the P2M's word */
	cmp	$-1, %rdx
	je	4f				/* no frame: the C way counts it */
	cmp	xen_pt_bitmap_pfns(%rip), %rax
	jae	1f
	mov	xen_pt_bitmap(%rip), %rcx
	bt	%rax, (%rcx)
	jnc	1f
	and	$-3, %rsi			/* ~_PAGE_RW */
1:	shl	$12, %rdx
	movabs	$0xfff0000000000fff, %rcx	/* ~PTE_PFN_MASK */
	and	%rcx, %rsi
	or	%rdx, %rsi
	pop	%rdx
	pop	%rcx
	pop	%rax
3:	ret
4:	pop	%rdx
	pop	%rcx
	pop	%rax
	jmp	__raw_callee_save_xen_make_pte
SYM_FUNC_END(xen_make_pte_direct)

#undef MASK
#undef PENDING

	.section .rodata, "a"
	.balign 8
SYM_DATA_START(xen_trap_entries)
	vector = 0
	.rept 32
	.quad	xen_trap_stubs + vector * 16
	vector = vector + 1
	.endr
SYM_DATA_END(xen_trap_entries)

/*
 * After a release (spinlock.c has the protocol): a locked op as a full
 * barrier, so that the read of the waiter bits cannot pass the release
 * store; nobody blocked is the common case and costs one compare.  A
 * callee-save op: it clobbers only the flags; the kick path's thunk
 * saves the rest.
 */
	.text
SYM_FUNC_START(xen_spin_kick)
	lock orq	$0, (%rsp)
	cmpq	$0, xen_lock_waiters(%rip)
	jne	__raw_callee_save_xen_spin_unlock_kick
	ret
SYM_FUNC_END(xen_spin_kick)
