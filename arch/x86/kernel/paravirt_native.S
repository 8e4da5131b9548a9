/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The native operations that pv_ops calls with the callee-save convention
 * (only %rax may change), written in assembly so they need no thunk.
 * These are the out-of-line forms: patching normally copies their bodies
 * (the templates in paravirt_patch.c) into the call sites instead.
 */
#include <asm/linkage.h>

	.text
SYM_FUNC_START(pv_native_save_fl)
	pushf
	pop	%rax
	ret
SYM_FUNC_END(pv_native_save_fl)

SYM_FUNC_START(pv_native_irq_disable)
	cli
	ret
SYM_FUNC_END(pv_native_irq_disable)

SYM_FUNC_START(pv_native_irq_enable)
	sti
	ret
SYM_FUNC_END(pv_native_irq_enable)

/* Page-table entry <-> value: the identity on bare metal. */
SYM_FUNC_START(_paravirt_ident_64)
	mov	%rdi, %rax
	ret
SYM_FUNC_END(_paravirt_ident_64)

/* A CPU that is not virtualized is never preempted by a hypervisor. */
SYM_FUNC_START(pv_native_vcpu_is_preempted)
	xor	%eax, %eax
	ret
SYM_FUNC_END(pv_native_vcpu_is_preempted)

/* The no-op: sites whose op is this one are patched to NOPs. */
SYM_FUNC_START(paravirt_nop)
	ret
SYM_FUNC_END(paravirt_nop)
