// SPDX-License-Identifier: GPL-2.0
/// A native_*() privileged helper (control registers, interrupt flag,
/// MSRs, descriptor tables, TLB, page-table writes, CPUID, halt) called
/// outside the headers that define the routed wrappers and the native
/// backend.  Call the wrapper (write_cr3(), local_irq_save(), set_pte()...)
/// so that paravirt can route the operation.
//
// Confidence: High
// Options: --no-includes --include-headers
// Exempt: arch/x86/include/asm/ arch/x86/kernel/paravirt.c arch/x86/kernel/paravirt_test.c arch/x86/xen/xen-cpu.h scripts/coccinelle/tests/

virtual report

@r depends on report@
identifier fn =~ "^native_(read_cr[0-8]|write_cr[0-8]|save_fl|restore_fl|irq_disable|irq_enable|safe_halt|halt|halt_irqoff|wbinvd|read_msr|write_msr|read_msr_safe|write_msr_safe|cpuid|load_idt|load_gdt|load_tr|store_idt|flush_tlb_one|flush_tlb_local|flush_tlb_global|set_pte|set_pmd|set_pud|set_pgd|make_pte|pte_val|make_pmd|pmd_val|make_pud|pud_val|make_pgd|pgd_val|io_delay)$";
position p;
@@
fn@p(...)

@script:python depends on r@
p << r.p;
fn << r.fn;
@@
coccilib.report.print_report(p[0], "raw privileged operation %s() outside the native backend: call the paravirt-routed wrapper" % fn)
