// SPDX-License-Identifier: GPL-2.0
/*
 * The call sites as the Xen child left them (Xen PV only; skipped with
 * the reason elsewhere).  Each site of .parainstructions is decoded here
 * from its bytes, without the patcher's counts or classifier: a direct
 * call (jmp for the iret site) whose rel32 lands on the slot's current
 * target, native's template where the slot is native's (bytes written
 * by hand from the SDM, in paravirt_test.c), or NOPs for a no-op.  The
 * irq, mmu and time groups of pv_ops must be the Xen child's own tables.
 */
#include <linux/ktest.h>
#include <linux/string.h>
#include <asm/paravirt.h>
#include <asm/paravirt_test.h>
#include "xen-ops.h"
#include "xen_test.h"

void xen_iret(void);		/* xen-asm.S */

#define S(x)	PARAVIRT_PATCH(x)

static int xen_sites_init(struct ktest *t)
{
	xen_pv_only(t);
	if (pv_patching_disabled)
		ktest_skip(t, "nopvpatch: sites are left as indirect calls");
	return 0;
}

/* Where a call or jmp rel32 at @p goes. */
static unsigned long rel32_target(const u8 *p)
{
	s32 rel;

	memcpy(&rel, p + 1, 4);
	return (unsigned long)p + 5 + rel;
}

static void xen_sites_hold_the_child_choice(struct ktest *t)
{
	const struct paravirt_patch_site *s;
	unsigned int call = 0, jmp = 0, inline_ = 0, nop = 0, bad = 0, wrong_target = 0;

	for (s = __parainstructions; s < __parainstructions_end; s++) {
		const u8 *p = pv_site_addr(s);
		void *target = pv_slot(&pv_ops, s->type);
		u8 want[PV_TEST_SITE_MAX], nops[PV_TEST_SITE_MAX];

		pv_test_nops(nops, s->len);
		pv_test_expected_site(s, want);
		if (memcmp(p, want, s->len)) {
			bad++;
			ktest_info(t, "site %pS (%s) holds unexpected bytes", p,
				   paravirt_slot_name(s->type));
		}
		if (p[0] == 0xe8 || p[0] == 0xe9) {
			if (p[0] == 0xe8)
				call++;
			else
				jmp++;
			wrong_target += rel32_target(p) != (unsigned long)target;
		} else if (!memcmp(p, nops, s->len)) {
			nop++;
		} else {
			inline_++;
		}
	}
	ktest_info(t, "%u call, %u jmp, %u inline, %u nop", call, jmp, inline_, nop);
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT_EQ(t, wrong_target, 0);
	/* One jump, the iret site, and it goes to Xen's iret hypercall. */
	KTEST_EXPECT_EQ(t, jmp, 1);
	KTEST_EXPECT_GT(t, call, 100);
	KTEST_EXPECT_GT(t, nop, 0);	/* io_delay at least: paravirt_nop */
}

static void xen_iret_site_jumps_to_xen_iret(struct ktest *t)
{
	const struct paravirt_patch_site *s;
	unsigned int n = 0;

	for (s = __parainstructions; s < __parainstructions_end; s++) {
		const u8 *p = pv_site_addr(s);

		if (s->type != S(cpu.iret.func))
			continue;
		n++;
		KTEST_EXPECT_EQ(t, s->clobbers, CLBR_NONE | CLBR_SITE_JMP);
		KTEST_EXPECT_EQ(t, p[0], 0xe9);
		KTEST_EXPECT_EQ(t, rel32_target(p), (unsigned long)xen_iret);
	}
	KTEST_EXPECT_EQ(t, n, 1);
}

/* What the sites call is what the Xen child installed, group by group. */
static void xen_groups_are_the_child_tables(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, memcmp(&pv_ops.irq, &xen_irq_ops, sizeof(xen_irq_ops)), 0);
	KTEST_EXPECT_EQ(t, memcmp(&pv_ops.mmu, &xen_mmu_ops, sizeof(xen_mmu_ops)), 0);
	KTEST_EXPECT_EQ(t, memcmp(&pv_ops.time, &xen_time_ops, sizeof(xen_time_ops)), 0);
	KTEST_EXPECT_TRUE(t, pv_ops.cpu.iret.func == (void *)xen_iret);
	KTEST_EXPECT_STREQ(t, pv_child_name, "xen");
}

/*
 * The cpu group is built from native's at boot, so compare it with the
 * architecture instead: these ops are privileged instructions (SDM: #GP
 * outside ring 0) or, for CPUID, one Xen can only filter through its
 * forced-emulation prefix; a PV kernel runs in ring 3, so none of them
 * may still hold the native op.  (wbinvd and the MSR accessors stay
 * native on purpose: Xen emulates them for dom0.)
 */
static void xen_cpu_privileged_ops_are_not_native(struct ktest *t)
{
#define NOT_NATIVE(f)	KTEST_EXPECT_TRUE(t, (void *)pv_ops.cpu.f != (void *)pv_native_ops.cpu.f)
	NOT_NATIVE(cpuid.func);
	NOT_NATIVE(read_cr0.func);
	NOT_NATIVE(write_cr0.func);
	NOT_NATIVE(read_cr4.func);
	NOT_NATIVE(write_cr4.func);
	NOT_NATIVE(load_idt.func);
	NOT_NATIVE(load_gdt.func);
	NOT_NATIVE(load_tr.func);
	NOT_NATIVE(load_sp0.func);
	NOT_NATIVE(iret.func);
	NOT_NATIVE(io_delay.func);
#undef NOT_NATIVE
}

static const struct ktest_case xen_sites_cases[] = {
	KTEST_CASE(xen_sites_hold_the_child_choice),
	KTEST_CASE(xen_iret_site_jumps_to_xen_iret),
	KTEST_CASE(xen_groups_are_the_child_tables),
	KTEST_CASE(xen_cpu_privileged_ops_are_not_native),
	{}
};
KTEST_SUITE_FULL(xen_pv_sites, xen_sites_cases, xen_sites_init, NULL);
