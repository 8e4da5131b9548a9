/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The native child's assembly operations (paravirt_native.S): each NAME
 * is a template then `ret`, and NAME_tend is where the template ends.
 * Private to paravirt.c and paravirt_patch.c.
 */
#ifndef _X86_KERNEL_PARAVIRT_NATIVE_H
#define _X86_KERNEL_PARAVIRT_NATIVE_H

#include <linux/types.h>

#define PV_NATIVE_OPS(X)						\
	X(pv_native_cpuid, CLBR_CPUID)					\
	X(pv_native_read_msr, CLBR_MSR_READ)				\
	X(pv_native_write_msr, CLBR_NONE)				\
	X(pv_native_load_idt, CLBR_NONE)				\
	X(pv_native_load_gdt, CLBR_NONE)				\
	X(pv_native_load_tr, CLBR_NONE)					\
	X(pv_native_load_sp0, CLBR_NONE)				\
	X(pv_native_flush_tlb_global, CLBR_RAX)				\
	X(pv_native_sched_clock, CLBR_CLOCK)				\
	X(pv_native_steal_clock, CLBR_RAX)				\
	X(pv_native_pgd_alloc, CLBR_RAX)				\
	X(pv_native_iret, CLBR_NONE)					\
	X(pv_native_save_fl, CLBR_RAX)					\
	X(pv_native_irq_disable, CLBR_NONE)				\
	X(pv_native_irq_enable, CLBR_NONE)				\
	X(pv_native_safe_halt, CLBR_NONE)				\
	X(pv_native_halt, CLBR_NONE)					\
	X(pv_native_read_cr0, CLBR_RAX)					\
	X(pv_native_write_cr0, CLBR_NONE)				\
	X(pv_native_read_cr2, CLBR_RAX)					\
	X(pv_native_read_cr3, CLBR_RAX)					\
	X(pv_native_write_cr3, CLBR_NONE)				\
	X(pv_native_read_cr4, CLBR_RAX)					\
	X(pv_native_write_cr4, CLBR_NONE)				\
	X(pv_native_flush_tlb_user, CLBR_RAX)				\
	X(pv_native_flush_tlb_one, CLBR_NONE)				\
	X(pv_native_wbinvd, CLBR_NONE)					\
	X(pv_native_io_delay, CLBR_NONE)				\
	X(pv_native_set_entry, CLBR_NONE)				\
	X(pv_native_vcpu_is_preempted, CLBR_RAX)			\
	X(paravirt_nop, CLBR_NONE)

/* Only their addresses matter to C: declared as plain void functions. */
#define PV_NATIVE_DECLARE(name, clb)	\
	void name(void); extern const u8 name##_tend[];
PV_NATIVE_OPS(PV_NATIVE_DECLARE)
#undef PV_NATIVE_DECLARE

#endif
