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
	DEFINE(XEN_vcpu_info_time, offsetof(struct vcpu_info, time));
	DEFINE(XEN_time_version, offsetof(struct vcpu_time_info, version));
	DEFINE(XEN_time_tsc_timestamp, offsetof(struct vcpu_time_info, tsc_timestamp));
	DEFINE(XEN_time_system_time, offsetof(struct vcpu_time_info, system_time));
	DEFINE(XEN_time_mul, offsetof(struct vcpu_time_info, tsc_to_system_mul));
	DEFINE(XEN_time_shift, offsetof(struct vcpu_time_info, tsc_shift));
	DEFINE(XEN_time_flags, offsetof(struct vcpu_time_info, flags));
#endif
	DEFINE(ASM_OFFSETS_DONE, 1);
}
