// SPDX-License-Identifier: GPL-2.0
/*
 * The CPU half of the Xen child: CPUID is Xen's policy (forced
 * emulation) minus exactly the documented mask, the hypervisor leaves
 * are Xen's, the kernel's feature flags follow the masked view, and the
 * control registers a PV guest cannot own read back what was written.
 */
#include <linux/ktest.h>
#include <asm/processor.h>
#include <asm/special_insns.h>
#include <asm/xen/hypervisor.h>
#include "xen-ops.h"
#include <xen/interface/arch-x86/cpuid.h>
#include "xen_test.h"

static void cpuid_leaf1_masked(struct ktest *t)
{
	struct cpuid_regs pol, seen;

	xen_cpuid_policy(1, 0, &pol);
	cpuid_count(1, 0, &seen);
	ktest_info(t, "policy ecx %08x edx %08x, seen ecx %08x edx %08x",
		   pol.ecx, pol.edx, seen.ecx, seen.edx);
	KTEST_EXPECT_EQ(t, seen.eax, pol.eax);
	KTEST_EXPECT_EQ(t, seen.ecx, (pol.ecx & ~XEN_CPUID1_ECX_HIDDEN) |
				     XEN_CPUID1_ECX_HYPERVISOR);
	KTEST_EXPECT_EQ(t, seen.edx, pol.edx & ~XEN_CPUID1_EDX_HIDDEN);
	KTEST_EXPECT_EQ(t, seen.ecx & XEN_CPUID1_ECX_HIDDEN, 0);
	KTEST_EXPECT_EQ(t, seen.edx & XEN_CPUID1_EDX_HIDDEN, 0);
}

static void cpuid_ext_masked(struct ktest *t)
{
	struct cpuid_regs pol, seen;

	xen_cpuid_policy(0x80000001, 0, &pol);
	cpuid_count(0x80000001, 0, &seen);
	KTEST_EXPECT_EQ(t, seen.ecx, pol.ecx & ~XEN_CPUID81_ECX_HIDDEN);
	KTEST_EXPECT_EQ(t, seen.edx, pol.edx & ~XEN_CPUID81_EDX_HIDDEN);
	/* Leaves the mask does not touch are Xen's, unchanged. */
	xen_cpuid_policy(0, 0, &pol);
	cpuid_count(0, 0, &seen);
	KTEST_EXPECT_EQ(t, seen.ebx, pol.ebx);
	KTEST_EXPECT_EQ(t, seen.eax, pol.eax);
}

static void cpuid_xen_leaves(struct ktest *t)
{
	struct cpuid_regs r;

	cpuid_count(XEN_CPUID_FIRST_LEAF, 0, &r);
	KTEST_EXPECT_EQ(t, r.ebx, XEN_CPUID_SIGNATURE_EBX);
	KTEST_EXPECT_EQ(t, r.ecx, XEN_CPUID_SIGNATURE_ECX);
	KTEST_EXPECT_EQ(t, r.edx, XEN_CPUID_SIGNATURE_EDX);
	KTEST_EXPECT_GE(t, r.eax, XEN_CPUID_LEAF(2));
	cpuid_count(XEN_CPUID_LEAF(1), 0, &r);
	KTEST_EXPECT_EQ(t, r.eax >> 16, 4);		/* Xen 4.x */
}

/* The kernel decided from the masked view: no PSE, PGE or APIC here. */
static void cpuid_kernel_features(struct ktest *t)
{
	KTEST_EXPECT_FALSE(t, boot_cpu_has(X86_FEATURE_PSE));
	KTEST_EXPECT_FALSE(t, boot_cpu_has(X86_FEATURE_PGE));
	KTEST_EXPECT_FALSE(t, boot_cpu_has(X86_FEATURE_APIC));
	KTEST_EXPECT_FALSE(t, boot_cpu_has(X86_FEATURE_X2APIC));
	KTEST_EXPECT_TRUE(t, boot_cpu_has(X86_FEATURE_HYPERVISOR));
	KTEST_EXPECT_FALSE(t, boot_cpu_has(X86_FEATURE_GBPAGES));
}

static void cpu_control_registers(struct ktest *t)
{
	unsigned long cr0 = read_cr0(), cr4 = read_cr4();

	KTEST_EXPECT_TRUE(t, cr0 & X86_CR0_PG);
	KTEST_EXPECT_TRUE(t, cr0 & X86_CR0_WP);
	write_cr4(cr4 | X86_CR4_PGE);
	KTEST_EXPECT_EQ(t, read_cr4(), cr4 | X86_CR4_PGE);
	write_cr4(cr4);
	KTEST_EXPECT_EQ(t, read_cr4(), cr4);
}

static const struct ktest_case cpu_cases[] = {
	KTEST_CASE(cpuid_leaf1_masked),
	KTEST_CASE(cpuid_ext_masked),
	KTEST_CASE(cpuid_xen_leaves),
	KTEST_CASE(cpuid_kernel_features),
	KTEST_CASE(cpu_control_registers),
	{}
};
KTEST_SUITE_FULL(xen_cpu, cpu_cases, xen_pv_only, NULL);
