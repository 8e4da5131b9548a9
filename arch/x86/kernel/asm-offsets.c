// SPDX-License-Identifier: GPL-2.0
/*
 * Constants assembly needs from C structures.  Compiled to assembly only;
 * the Makefile turns each "->SYM value" marker into #define SYM value in
 * include/generated/asm-offsets.h.
 */
#include <linux/kernel.h>
#include <asm/paravirt_types.h>
#include <xen/interface/xen.h>

#define DEFINE(sym, val) \
	asm volatile("\n.ascii \"->" #sym " %0\"" : : "i" (val))

void asm_offsets(void);
void asm_offsets(void)
{
#ifdef CONFIG_PARAVIRT
	DEFINE(PV_SLOT_cpu_iret, PARAVIRT_PATCH(cpu.iret));
	DEFINE(PV_OFF_cpu_iret, offsetof(struct paravirt_patch_template, cpu.iret));
#endif
#ifdef CONFIG_XEN
	DEFINE(XEN_vcpu_info_pending, offsetof(struct vcpu_info, evtchn_upcall_pending));
	DEFINE(XEN_vcpu_info_mask, offsetof(struct vcpu_info, evtchn_upcall_mask));
	DEFINE(XEN_vcpu_info_cr2, offsetof(struct vcpu_info, arch.cr2));
#endif
	DEFINE(ASM_OFFSETS_DONE, 1);
}
