/* SPDX-License-Identifier: GPL-2.0 */
/* CPUID, CPU features and small CPU helpers. */
#ifndef _ASM_X86_PROCESSOR_H
#define _ASM_X86_PROCESSOR_H

#include <linux/types.h>
#include <asm/processor-flags.h>

#include <asm/cpuid_types.h>

static __always_inline void native_cpuid(u32 leaf, u32 subleaf,
					 struct cpuid_regs *r)
{
	asm volatile("cpuid"
		     : "=a"(r->eax), "=b"(r->ebx), "=c"(r->ecx), "=d"(r->edx)
		     : "a"(leaf), "c"(subleaf)
		     : "memory");
}

#ifdef CONFIG_PARAVIRT
#include <asm/paravirt.h>
#else
static inline void cpuid_count(u32 leaf, u32 subleaf, struct cpuid_regs *r)
{
	native_cpuid(leaf, subleaf, r);
}
#endif

static inline u32 cpuid_eax(u32 leaf)
{
	struct cpuid_regs r;

	cpuid_count(leaf, 0, &r);
	return r.eax;
}

static inline void cpu_relax(void)
{
	asm volatile("pause" : : : "memory");
}

/* Feature bits we test: word index into boot_cpu.features, then bit. */
#define X86_FEATURE(word, bit)	((word) * 32 + (bit))
#define X86_FEATURE_FPU		X86_FEATURE(0, 0)	/* CPUID.1:EDX */
#define X86_FEATURE_PSE		X86_FEATURE(0, 3)
#define X86_FEATURE_TSC		X86_FEATURE(0, 4)
#define X86_FEATURE_MSR		X86_FEATURE(0, 5)
#define X86_FEATURE_APIC	X86_FEATURE(0, 9)
#define X86_FEATURE_PGE		X86_FEATURE(0, 13)
#define X86_FEATURE_X2APIC	X86_FEATURE(1, 21)	/* CPUID.1:ECX */
#define X86_FEATURE_TSC_DEADLINE X86_FEATURE(1, 24)
#define X86_FEATURE_RDRAND	X86_FEATURE(1, 30)
#define X86_FEATURE_HYPERVISOR	X86_FEATURE(1, 31)
#define X86_FEATURE_NX		X86_FEATURE(2, 20)	/* 0x80000001:EDX */
#define X86_FEATURE_GBPAGES	X86_FEATURE(2, 26)
#define X86_FEATURE_LM		X86_FEATURE(2, 29)
#define X86_FEATURE_FSGSBASE	X86_FEATURE(3, 0)	/* 7.0:EBX */
#define X86_FEATURE_SMEP	X86_FEATURE(3, 7)
#define X86_FEATURE_SMAP	X86_FEATURE(3, 20)
#define X86_FEATURE_INVARIANT_TSC X86_FEATURE(4, 8)	/* 0x80000007:EDX */
#define X86_NR_FEATURE_WORDS	5

struct cpuinfo_x86 {
	char vendor[13];
	char model_name[49];
	u32 max_leaf, max_ext_leaf;
	u32 family, model, stepping;
	u8 phys_bits, virt_bits;
	u32 features[X86_NR_FEATURE_WORDS];
};
extern struct cpuinfo_x86 boot_cpu;

static inline bool boot_cpu_has(unsigned int feature)
{
	return boot_cpu.features[feature / 32] & (1U << (feature % 32));
}

void cpu_detect(void);
void cpu_init(void);
/* The GDT, TSS, sp0 and control bits of the running CPU (cpu.c). */
void cpu_init_this(unsigned long stack_top);

#endif
