// SPDX-License-Identifier: GPL-2.0
/*
 * Identify the boot CPU (CPUID), then give each CPU the kernel's own GDT
 * with a TSS (interrupt stacks for #DF, NMI, #MC) and the control-register
 * and EFER bits the rest of the kernel relies on (WP, NX, PGE, SMEP/SMAP).
 *
 * Invariants: the GDT and TSS are per CPU (a TSS descriptor is marked busy
 * by ltr, so two CPUs cannot load the same one); the boot CPU's IST
 * stacks are static, a secondary CPU's come from the page allocator
 * before it starts (smpboot.c) and are recorded in its ist_top[].
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <asm/processor.h>
#include <asm/special_insns.h>
#include <asm/msr.h>
#include <asm/desc.h>
#include <asm/page.h>
#include <asm/setup.h>
#include <asm/percpu.h>

struct cpuinfo_x86 boot_cpu;

/* Every area's copy starts as this (the template's initializer). */
static DEFINE_PER_CPU_ALIGNED(u64, cpu_gdt[GDT_ENTRIES]) = {
	[GDT_ENTRY_KERNEL32_CS] = GDT_KERNEL32_CS_DESC,
	[GDT_ENTRY_KERNEL_CS] = GDT_KERNEL_CS_DESC,
	[GDT_ENTRY_KERNEL_DS] = GDT_KERNEL_DS_DESC,
};
DEFINE_PER_CPU_ALIGNED(struct tss_struct, cpu_tss);
/* This CPU's IST stack tops (0: the boot CPU's static ones). */
DEFINE_PER_CPU(unsigned long, ist_top[N_IST]);
static char ist_stacks[N_IST][IST_STACK_SIZE] __aligned(PAGE_SIZE);

unsigned long ist_stack_top(unsigned int index)
{
	unsigned long top = this_cpu_read(ist_top[index - 1]);

	return top ? top : (unsigned long)ist_stacks[index - 1] + IST_STACK_SIZE;
}

void __init cpu_detect(void)
{
	struct cpuid_regs r;
	u32 *name = (u32 *)boot_cpu.model_name;
	unsigned int i;

	cpuid_count(0, 0, &r);
	boot_cpu.max_leaf = r.eax;
	memcpy(boot_cpu.vendor, &r.ebx, 4);
	memcpy(boot_cpu.vendor + 4, &r.edx, 4);
	memcpy(boot_cpu.vendor + 8, &r.ecx, 4);
	if (boot_cpu.max_leaf >= 1) {
		cpuid_count(1, 0, &r);
		boot_cpu.family = (r.eax >> 8) & 0xf;
		boot_cpu.model = (r.eax >> 4) & 0xf;
		if (boot_cpu.family == 0xf)
			boot_cpu.family += (r.eax >> 20) & 0xff;
		if (boot_cpu.family >= 6)
			boot_cpu.model += ((r.eax >> 16) & 0xf) << 4;
		boot_cpu.stepping = r.eax & 0xf;
		boot_cpu.features[0] = r.edx;
		boot_cpu.features[1] = r.ecx;
	}
	if (boot_cpu.max_leaf >= 7) {
		cpuid_count(7, 0, &r);
		boot_cpu.features[3] = r.ebx;
	}
	cpuid_count(0x80000000, 0, &r);
	boot_cpu.max_ext_leaf = r.eax;
	if (boot_cpu.max_ext_leaf >= 0x80000001) {
		cpuid_count(0x80000001, 0, &r);
		boot_cpu.features[2] = r.edx;
	}
	if (boot_cpu.max_ext_leaf >= 0x80000004) {
		for (i = 0; i < 3; i++) {
			cpuid_count(0x80000002 + i, 0, &r);
			name[i * 4 + 0] = r.eax;
			name[i * 4 + 1] = r.ebx;
			name[i * 4 + 2] = r.ecx;
			name[i * 4 + 3] = r.edx;
		}
	}
	if (boot_cpu.max_ext_leaf >= 0x80000007) {
		cpuid_count(0x80000007, 0, &r);
		boot_cpu.features[4] = r.edx;
	}
	boot_cpu.phys_bits = 36;
	boot_cpu.virt_bits = 48;
	if (boot_cpu.max_ext_leaf >= 0x80000008) {
		cpuid_count(0x80000008, 0, &r);
		boot_cpu.phys_bits = r.eax & 0xff;
		boot_cpu.virt_bits = (r.eax >> 8) & 0xff;
	}
}

static void load_kernel_gdt(void)
{
	u64 *gdt = *this_cpu_ptr(&cpu_gdt);
	struct tss_struct *tss = this_cpu_ptr(&cpu_tss);
	struct desc_ptr p = { sizeof(u64) * GDT_ENTRIES - 1, (u64)gdt };
	u64 base = (u64)tss, limit = sizeof(*tss) - 1;
	unsigned int i;

	/* 16-byte available 64-bit TSS descriptor (type 9, present). */
	gdt[GDT_ENTRY_TSS] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
			     (0x89ULL << 40) | (((limit >> 16) & 0xf) << 48) |
			     (((base >> 24) & 0xff) << 56);
	gdt[GDT_ENTRY_TSS + 1] = base >> 32;
	for (i = 1; i <= N_IST; i++)
		tss->ist[i - 1] = ist_stack_top(i);
	tss->io_bitmap_base = sizeof(*tss);	/* no I/O bitmap */

	load_gdt(&p);
	/* Reload CS with a far return; data segments are null in long mode. */
	asm volatile("pushq %0\n\t"
		     "leaq 1f(%%rip), %%rax\n\t"
		     "pushq %%rax\n\t"
		     "lretq\n"
		     "1:"
		     : : "i"(__KERNEL_CS) : "rax", "memory");
	load_tr(__TSS_SEL);
}

/* Any CPU, on its own stack @stack_top, with its GS base set. */
void cpu_init_this(unsigned long stack_top)
{
	unsigned long cr4 = read_cr4();

	/* pv_native_load_sp0 has the offset as a number. */
	BUILD_BUG_ON(offsetof(struct tss_struct, sp[0]) != TSS_SP0_OFFSET);
	load_kernel_gdt();
	/* No user mode yet: ring-0 entries stay on this CPU's stack. */
	load_sp0(stack_top);
	write_cr0(read_cr0() | X86_CR0_WP | X86_CR0_NE);
	if (boot_cpu_has(X86_FEATURE_NX))
		wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NX);
	/*
	 * Every x86-64 CPU has PGE: flush_tlb_all() toggles it natively
	 * (asm/tlbflush.h), which flushes the global entries with the rest.
	 */
	if (boot_cpu_has(X86_FEATURE_PGE))
		cr4 |= X86_CR4_PGE;
	if (boot_cpu_has(X86_FEATURE_SMEP))
		cr4 |= X86_CR4_SMEP;
	if (boot_cpu_has(X86_FEATURE_SMAP))
		cr4 |= X86_CR4_SMAP;
	write_cr4(cr4);
}

void __init cpu_init(void)
{
	cpu_init_this((unsigned long)boot_stack_top);
}
