// SPDX-License-Identifier: GPL-2.0
/*
 * The CPU half of the Xen child, against sources of its own: a table of
 * architectural bit positions written here from the SDM (vol. 2, CPUID;
 * vol. 3, 2.5 for CR4), Xen's policy read with the forced-emulation
 * prefix by this file's own asm, Xen's view of our CR4 through the
 * trapping mov (emulated by Xen, not the child's shadow), and Xen's
 * version by hypercall.  Checked: what PV cannot use is hidden, nothing
 * else Xen offers is, every CR4-enabled feature the kernel sees can be
 * enabled, and CR4 reads give what Xen holds.
 */
#include <linux/ktest.h>
#include <asm/processor.h>
#include <asm/special_insns.h>
#include "xen-cpu.h"
#include <asm/xen/hypervisor.h>
#include <asm/xen/hypercall.h>
#include <xen/interface/arch-x86/cpuid.h>
#include <xen/interface/version.h>
#include "xen_test.h"

enum { EAX, EBX, ECX, EDX };

struct arch_bit {
	const char *name;
	u32 leaf, subleaf;
	u8 reg, bit;
	u32 cr4;		/* the CR4 bit it needs, or 0 */
};

/* SDM vol. 2, CPUID: features a PV kernel (ring 3, no APIC, Xen's MMU) cannot use. */
static const struct arch_bit pv_unusable[] = {
	{ "MONITOR", 1, 0, ECX, 3 }, { "VMX", 1, 0, ECX, 5, 1U << 13 },
	{ "SMX", 1, 0, ECX, 6, 1U << 14 }, { "PCID", 1, 0, ECX, 17, 1U << 17 },
	{ "x2APIC", 1, 0, ECX, 21 }, { "TSC-deadline", 1, 0, ECX, 24 },
	{ "PSE", 1, 0, EDX, 3, 1U << 4 }, { "APIC", 1, 0, EDX, 9 },
	{ "PGE", 1, 0, EDX, 13, 1U << 7 },
	{ "SMEP", 7, 0, EBX, 7, 1U << 20 }, { "INVPCID", 7, 0, EBX, 10 },
	{ "SMAP", 7, 0, EBX, 20, 1U << 21 },
	{ "UMIP", 7, 0, ECX, 2, 1U << 11 }, { "PKU", 7, 0, ECX, 3, 1U << 22 },
	{ "OSPKE", 7, 0, ECX, 4, 1U << 22 }, { "LA57", 7, 0, ECX, 16, 1U << 12 },
	{ "SVM", 0x80000001, 0, ECX, 2 }, { "1GB-pages", 0x80000001, 0, EDX, 26 },
	{ "XSAVES", 0xd, 1, EAX, 3 },
};

/* SDM: features that need a CR4 bit Xen may or may not let us hold. */
static const struct arch_bit cr4_gated[] = {
	{ "DE", 1, 0, EDX, 2, 1U << 3 }, { "MCE", 1, 0, EDX, 7, 1U << 6 },
	{ "XSAVE", 1, 0, ECX, 26, 1U << 18 }, { "FSGSBASE", 7, 0, EBX, 0, 1U << 16 },
	{ "CET-SS", 7, 0, ECX, 7, 1U << 23 }, { "CET-IBT", 7, 0, EDX, 20, 1U << 23 },
};

/* SDM: state XSAVE manages, meaningless without CR4.OSXSAVE (bit 18). */
static const struct arch_bit xsave_managed[] = {
	{ "FMA", 1, 0, ECX, 12 }, { "OSXSAVE", 1, 0, ECX, 27 }, { "AVX", 1, 0, ECX, 28 },
	{ "F16C", 1, 0, ECX, 29 }, { "AVX2", 7, 0, EBX, 5 }, { "AVX512F", 7, 0, EBX, 16 },
	{ "XSAVEOPT", 0xd, 1, EAX, 0 }, { "XSAVEC", 0xd, 1, EAX, 1 },
	{ "XGETBV1", 0xd, 1, EAX, 2 },
};

#define CR4_OSXSAVE	(1U << 18)
#define CR4_DE		(1U << 3)
#define CR4_PGE		(1U << 7)
#define CPUID1_ECX_HYPERVISOR	(1U << 31)

/* The leaves the child masks, and what each gets compared with. */
static const struct { u32 leaf, subleaf; } feature_leaves[] = {
	{ 1, 0 }, { 7, 0 }, { 0xd, 1 }, { 0x80000001, 0 },
};

static u32 reg(const struct cpuid_regs *r, u8 i)
{
	const u32 v[4] = { r->eax, r->ebx, r->ecx, r->edx };

	return v[i];
}

/* Xen's policy for us: the forced-emulation prefix, Xen's ABI macro. */
static void policy(u32 leaf, u32 subleaf, struct cpuid_regs *r)
{
	asm volatile(XEN_CPUID
		     : "=a"(r->eax), "=b"(r->ebx), "=c"(r->ecx), "=d"(r->edx)
		     : "a"(leaf), "c"(subleaf));
}

static bool seen_has(const struct arch_bit *b)
{
	struct cpuid_regs r;

	cpuid_count(b->leaf, b->subleaf, &r);
	return reg(&r, b->reg) & (1U << b->bit);
}

/*
 * Whether Xen lets us hold @bit in CR4: it reads back set after we set
 * it and clear after we clear it (a bit of Xen's own reads set always).
 */
static bool cr4_holdable(unsigned long bit)
{
	unsigned long cr4 = xen_trap_read_cr4(), on, off;

	xen_trap_write_cr4(cr4 | bit);
	on = xen_trap_read_cr4();
	xen_trap_write_cr4(cr4 & ~bit);
	off = xen_trap_read_cr4();
	xen_trap_write_cr4(cr4);
	return (on & bit) && !(off & bit);
}

static void cpuid_pv_unusable_hidden(struct ktest *t)
{
	struct cpuid_regs raw, pol;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(pv_unusable); i++) {
		const struct arch_bit *b = &pv_unusable[i];

		xen_unemulated_cpuid(b->leaf, b->subleaf, &raw);
		policy(b->leaf, b->subleaf, &pol);
		/* The ones the child hides itself (Xen's policy kept them). */
		if (reg(&pol, b->reg) & (1U << b->bit))
			ktest_info(t, "%s: in Xen's policy (raw CPUID: %s)", b->name,
				   reg(&raw, b->reg) & (1U << b->bit) ? "set" : "clear");
		if (seen_has(b))
			KTEST_FAIL(t, "%s (CPUID %#x.%u reg %u bit %u) visible under PV",
				   b->name, b->leaf, b->subleaf, b->reg, b->bit);
	}
}

static bool in_table(const struct arch_bit *tab, unsigned int n, u32 leaf,
		     u32 subleaf, u8 r, unsigned int bit, bool (*keep)(const struct arch_bit *))
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (tab[i].leaf == leaf && tab[i].subleaf == subleaf &&
		    tab[i].reg == r && tab[i].bit == bit && (!keep || keep(&tab[i])))
			return true;
	return false;
}

static bool cr4_refused(const struct arch_bit *b)
{
	return !cr4_holdable(b->cr4);
}

static bool xsave_refused(const struct arch_bit *b)
{
	return !cr4_holdable(CR4_OSXSAVE);
}

/*
 * Every bit the kernel sees is Xen's; every bit Xen offers and the kernel
 * does not see is one of the tables above, for its reason.
 */
static void cpuid_nothing_else_hidden(struct ktest *t)
{
	struct cpuid_regs pol, seen;
	unsigned int i, r, bit;

	for (i = 0; i < ARRAY_SIZE(feature_leaves); i++) {
		u32 leaf = feature_leaves[i].leaf, sub = feature_leaves[i].subleaf;

		policy(leaf, sub, &pol);
		cpuid_count(leaf, sub, &seen);
		ktest_info(t, "%#x.%u policy %08x %08x %08x %08x, seen %08x %08x %08x %08x",
			   leaf, sub, pol.eax, pol.ebx, pol.ecx, pol.edx,
			   seen.eax, seen.ebx, seen.ecx, seen.edx);
		for (r = 0; r < 4; r++) {
			u32 extra = reg(&seen, r) & ~reg(&pol, r);
			u32 gone = reg(&pol, r) & ~reg(&seen, r);

			if (leaf == 1 && r == ECX)
				extra &= ~CPUID1_ECX_HYPERVISOR;
			if (extra)
				KTEST_FAIL(t, "%#x.%u reg %u: %#x not in Xen's policy", leaf, sub, r, extra);
			for (bit = 0; bit < 32; bit++) {
				if (!(gone & (1U << bit)))
					continue;
				if (in_table(pv_unusable, ARRAY_SIZE(pv_unusable), leaf, sub, r, bit, NULL) ||
				    in_table(cr4_gated, ARRAY_SIZE(cr4_gated), leaf, sub, r, bit, cr4_refused) ||
				    in_table(xsave_managed, ARRAY_SIZE(xsave_managed), leaf, sub, r, bit,
					     xsave_refused))
					continue;
				KTEST_FAIL(t, "%#x.%u reg %u bit %u: Xen offers it, hidden for no reason",
					   leaf, sub, r, bit);
			}
		}
	}
	cpuid_count(1, 0, &seen);
	KTEST_EXPECT_TRUE(t, seen.ecx & CPUID1_ECX_HYPERVISOR);
	/* A leaf the child does not mask is Xen's word for word. */
	policy(0, 0, &pol);
	cpuid_count(0, 0, &seen);
	KTEST_EXPECT_EQ(t, seen.eax, pol.eax);
	KTEST_EXPECT_EQ(t, seen.ebx, pol.ebx);
}

/* What the kernel is told it has, it can switch on: Xen holds the CR4 bit. */
static void cpuid_cr4_features_enableable(struct ktest *t)
{
	unsigned int i, n = 0;

	for (i = 0; i < ARRAY_SIZE(cr4_gated); i++) {
		if (!seen_has(&cr4_gated[i]))
			continue;
		n++;
		if (!cr4_holdable(cr4_gated[i].cr4))
			KTEST_FAIL(t, "%s visible, but Xen does not hold CR4 bit %#x",
				   cr4_gated[i].name, cr4_gated[i].cr4);
	}
	ktest_info(t, "%u CR4-gated features visible", n);
	KTEST_EXPECT_GE(t, n, 1);		/* DE at least: Xen's "A" feature */
}

static void cpuid_xen_leaves(struct ktest *t)
{
	long ver = HYPERVISOR_xen_version(XENVER_version, NULL);
	struct cpuid_regs r;

	cpuid_count(XEN_CPUID_FIRST_LEAF, 0, &r);
	KTEST_EXPECT_EQ(t, r.ebx, XEN_CPUID_SIGNATURE_EBX);
	KTEST_EXPECT_EQ(t, r.ecx, XEN_CPUID_SIGNATURE_ECX);
	KTEST_EXPECT_EQ(t, r.edx, XEN_CPUID_SIGNATURE_EDX);
	KTEST_EXPECT_GE(t, r.eax, XEN_CPUID_LEAF(2));
	/* Leaf 2's version is the hypercall's (major << 16 | minor). */
	cpuid_count(XEN_CPUID_LEAF(1), 0, &r);
	KTEST_EXPECT_EQ(t, r.eax, (u32)ver);
}

/* The kernel decided from the masked view: no PSE, PGE, APIC here. */
static void cpuid_kernel_features(struct ktest *t)
{
	KTEST_EXPECT_FALSE(t, boot_cpu_has(X86_FEATURE_PSE));
	KTEST_EXPECT_FALSE(t, boot_cpu_has(X86_FEATURE_PGE));
	KTEST_EXPECT_FALSE(t, boot_cpu_has(X86_FEATURE_APIC));
	KTEST_EXPECT_FALSE(t, boot_cpu_has(X86_FEATURE_X2APIC));
	KTEST_EXPECT_FALSE(t, boot_cpu_has(X86_FEATURE_SMEP));
	KTEST_EXPECT_FALSE(t, boot_cpu_has(X86_FEATURE_SMAP));
	KTEST_EXPECT_FALSE(t, boot_cpu_has(X86_FEATURE_GBPAGES));
	KTEST_EXPECT_TRUE(t, boot_cpu_has(X86_FEATURE_HYPERVISOR));
}

/*
 * read_cr4() is what Xen holds (its emulated mov from CR4), before and
 * after writes: PGE, which Xen drops for PV, does not appear; DE, which
 * a PV guest owns, toggles.
 */
static void cpu_control_registers(struct ktest *t)
{
	unsigned long cr0 = read_cr0(), cr4 = read_cr4();

	KTEST_EXPECT_TRUE(t, cr0 & X86_CR0_PG);
	KTEST_EXPECT_TRUE(t, cr0 & X86_CR0_WP);
	KTEST_EXPECT_EQ(t, cr4, xen_trap_read_cr4());
	write_cr4(cr4 | CR4_PGE);
	KTEST_EXPECT_EQ(t, read_cr4(), xen_trap_read_cr4());
	KTEST_EXPECT_FALSE(t, read_cr4() & CR4_PGE);
	write_cr4(cr4 ^ CR4_DE);
	KTEST_EXPECT_EQ(t, xen_trap_read_cr4(), cr4 ^ CR4_DE);
	KTEST_EXPECT_EQ(t, read_cr4(), cr4 ^ CR4_DE);
	write_cr4(cr4);
	KTEST_EXPECT_EQ(t, xen_trap_read_cr4(), cr4);
	KTEST_EXPECT_EQ(t, read_cr4(), cr4);
}

static const struct ktest_case cpu_cases[] = {
	KTEST_CASE(cpuid_pv_unusable_hidden),
	KTEST_CASE(cpuid_nothing_else_hidden),
	KTEST_CASE(cpuid_cr4_features_enableable),
	KTEST_CASE(cpuid_xen_leaves),
	KTEST_CASE(cpuid_kernel_features),
	KTEST_CASE(cpu_control_registers),
	{}
};
KTEST_SUITE_FULL(xen_cpu, cpu_cases, xen_pv_only, NULL);
