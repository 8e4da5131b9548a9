// SPDX-License-Identifier: GPL-2.0
/*
 * What pv_ops guarantees whatever the child: a slot a child leaves NULL
 * holds native's function (built on a scratch copy, so the running
 * kernel never sees the test child); a site whose slot is NULL, or that
 * the patcher refuses, becomes ud2 and patching fails, never `call 0`
 * (on the wbinvd sites, which nothing runs while the test holds
 * interrupts off, and which are put back after); and pv_ops is read-only
 * once patched, in the image and in the direct map alike.  The iret
 * site's target clobbers nothing (checked across a real exception).
 *
 * Expected native pointers are the named assembly ops of
 * paravirt_native.S, not read from the table the installer copies.
 */
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/irqflags.h>
#include <linux/string.h>
#include <asm/paravirt.h>
#include <asm/pgtable.h>
#include <asm/nofault.h>
#include <asm/extable.h>
#include <asm/traps.h>
#include <asm/io.h>
#include <asm/special_insns.h>
#include "paravirt_native.h"

#define S(x)	PARAVIRT_PATCH(x)

static __used u64 test_read_msr(u32 msr) { return msr; }
PV_RDMSR_THUNK(test_read_msr);
static __used void test_load_sp0(unsigned long sp0) { }
PV_VOID_CALLEE_SAVE_REGS_THUNK(test_load_sp0);

/* Two cpu slots given, the other 14 left NULL; an irq group all NULL. */
static const struct pv_cpu_ops sparse_cpu = {
	.read_msr = PV_CALLEE_SAVE(test_read_msr),
	.load_sp0 = PV_CALLEE_SAVE(test_load_sp0),
};
static const struct pv_irq_ops empty_irq;

static void pv_null_slots_inherit_native(struct ktest *t)
{
	static struct paravirt_patch_template scratch, live_before;
	const struct pv_child child = {
		.name = "ktest-sparse", .cpu = &sparse_cpu, .irq = &empty_irq,
	};
	void **slot = (void **)&scratch;
	unsigned int i, n, nulls = 0;

	live_before = pv_ops;
	/* A table full of a marker: what the child does not give stays. */
	for (i = 0; i < PV_NR_SLOTS; i++)
		slot[i] = (void *)(0xdead0000UL + i);
	n = paravirt_build_child(&scratch, &child);

	/* struct pv_cpu_ops has 16 slots, struct pv_irq_ops 5. */
	KTEST_EXPECT_EQ(t, n, 14 + 5);
	KTEST_EXPECT_TRUE(t, scratch.cpu.read_msr.func == (void *)__raw_callee_save_test_read_msr);
	KTEST_EXPECT_TRUE(t, scratch.cpu.load_sp0.func == (void *)__raw_callee_save_test_load_sp0);
	KTEST_EXPECT_TRUE(t, scratch.cpu.cpuid.func == (void *)pv_native_cpuid);
	KTEST_EXPECT_TRUE(t, scratch.cpu.wbinvd.func == (void *)pv_native_wbinvd);
	KTEST_EXPECT_TRUE(t, scratch.cpu.iret.func == (void *)pv_native_iret);
	KTEST_EXPECT_TRUE(t, scratch.irq.save_fl.func == (void *)pv_native_save_fl);
	KTEST_EXPECT_TRUE(t, scratch.irq.irq_disable.func == (void *)pv_native_irq_disable);
	KTEST_EXPECT_TRUE(t, scratch.irq.halt.func == (void *)pv_native_halt);
	/* Groups the child does not have are left as they were. */
	KTEST_EXPECT_EQ(t, (unsigned long)scratch.init.patch, 0xdead0000UL);
	KTEST_EXPECT_EQ(t, (unsigned long)scratch.mmu.read_cr3.func,
			0xdead0000UL + S(mmu.read_cr3.func));
	KTEST_EXPECT_EQ(t, (unsigned long)scratch.lock.wait, 0xdead0000UL + S(lock.wait));
	for (i = 0; i < PV_NR_SLOTS; i++)
		nulls += !slot[i];
	KTEST_EXPECT_EQ(t, nulls, 0);
	/* A scratch build never touches the live table. */
	KTEST_EXPECT_EQ(t, memcmp(&live_before, &pv_ops, sizeof(pv_ops)), 0);
}

/* The patcher itself, on a buffer: no target is never a call to 0. */
static void pv_patcher_refuses_null_target(struct ktest *t)
{
	unsigned long addr = (unsigned long)pv_native_halt;	/* any text address */
	u8 buf[6];

	memset(buf, 0xcc, sizeof(buf));
	KTEST_EXPECT_EQ(t, paravirt_patch_target(NULL, S(cpu.read_msr), CLBR_ANY, buf,
						 addr, sizeof(buf)), PV_PATCH_REFUSED);
	KTEST_EXPECT_EQ(t, paravirt_patch_target(NULL, S(cpu.iret.func),
						 CLBR_NONE | CLBR_SITE_JMP, buf, addr,
						 sizeof(buf)), PV_PATCH_REFUSED);
	KTEST_EXPECT_EQ(t, buf[0], 0xcc);
	KTEST_EXPECT_EQ(t, buf[5], 0xcc);
	/* A real target of the same slot is patched: the refusal is NULL's. */
	KTEST_EXPECT_EQ(t, paravirt_patch_target(test_read_msr, S(cpu.read_msr), CLBR_ANY,
						 buf, addr, sizeof(buf)), 5);
	KTEST_EXPECT_EQ(t, buf[0], 0xe8);
}

static const u8 ud2_site[6] = { 0x0f, 0x0b, 0x0f, 0x1f, 0x40, 0x00 };	/* ud2; nopl 0(%rax) */

/* Save the wbinvd sites (at most @max); how many there are. */
static unsigned int wbinvd_save(u8 (*save)[6], unsigned int max)
{
	const struct paravirt_patch_site *s;
	unsigned int n = 0;

	for (s = __parainstructions; s < __parainstructions_end; s++) {
		if (s->type != S(cpu.wbinvd.func))
			continue;
		if (n < max)
			memcpy(save[n], pv_site_addr(s), 6);
		n++;
	}
	return n;
}

/* How many wbinvd sites hold @want (one for all), or each its @saved[i]. */
static unsigned int wbinvd_match(const u8 *want, u8 (*saved)[6])
{
	const struct paravirt_patch_site *s;
	unsigned int n = 0, i = 0;

	for (s = __parainstructions; s < __parainstructions_end; s++) {
		if (s->type != S(cpu.wbinvd.func))
			continue;
		n += s->len == 6 && !memcmp(pv_site_addr(s), want ?: saved[i], 6);
		i++;
	}
	return n;
}

/*
 * Break the wbinvd slot (@brk), re-patch its sites, check they all became
 * ud2 and the pass failed, then mend it (@mend), re-patch and check every
 * site is back as it was.  Interrupts stay off throughout: nothing may
 * run a broken site.
 */
static void wbinvd_break_and_mend(struct ktest *t, void (*brk)(void), void (*mend)(void))
{
	const unsigned int type = S(cpu.wbinvd.func);
	static u8 before[16][6];
	unsigned int n, ud2, restored;
	unsigned long flags;
	int err, err_back;

	if (pv_patching_disabled)
		ktest_skip(t, "nopvpatch: sites are not patched");
	n = wbinvd_save(before, ARRAY_SIZE(before));
	if (!n)
		ktest_skip(t, "no wbinvd site in this build");
	KTEST_ASSERT_LE(t, n, ARRAY_SIZE(before));

	local_irq_save(flags);
	brk();
	err = paravirt_repatch_range(type, type);
	ud2 = wbinvd_match(ud2_site, NULL);
	mend();
	err_back = paravirt_repatch_range(type, type);
	restored = wbinvd_match(NULL, before);
	local_irq_restore(flags);

	ktest_info(t, "%u wbinvd sites: %u became ud2, %u restored", n, ud2, restored);
	KTEST_EXPECT_EQ(t, err, -EINVAL);
	KTEST_EXPECT_EQ(t, ud2, n);
	KTEST_EXPECT_EQ(t, err_back, 0);
	KTEST_EXPECT_EQ(t, restored, n);
}

/*
 * The whole path, on a real slot: a NULL in pv_ops (written through the
 * write alias, as no installer would) makes every site of it ud2 and the
 * pass fail; the slot and its sites are then put back.
 */
static void *saved_wbinvd;

static void wbinvd_null(void)
{
	void *null = NULL;

	saved_wbinvd = pv_ops.cpu.wbinvd.func;
	ro_after_init_write(&pv_ops.cpu.wbinvd.func, &null, sizeof(null));
}

static void wbinvd_unnull(void)
{
	ro_after_init_write(&pv_ops.cpu.wbinvd.func, &saved_wbinvd, sizeof(saved_wbinvd));
}

static void pv_null_slot_site_refused(struct ktest *t)
{
	wbinvd_break_and_mend(t, wbinvd_null, wbinvd_unnull);
	KTEST_EXPECT_TRUE(t, pv_ops.cpu.wbinvd.func == saved_wbinvd);
}

/* A patcher that refuses the wbinvd slot and hands the rest on. */
static struct pv_init_ops next_patcher;
static const char *next_child_name;

static unsigned int refusing_patch(u8 type, u16 clobbers, void *buf,
				   unsigned long addr, unsigned int len)
{
	if (type == S(cpu.wbinvd.func))
		return PV_PATCH_REFUSED;
	return next_patcher.patch(type, clobbers, buf, addr, len);
}

static void install_refusing(void)
{
	static const struct pv_init_ops refusing = { .patch = refusing_patch };
	struct pv_child child = { .name = "ktest-refusing", .init = &refusing };

	next_patcher = pv_ops.init;
	next_child_name = pv_child_name;
	paravirt_install_child(&child);
}

static void install_next(void)
{
	struct pv_child back = { .name = next_child_name, .init = &next_patcher };

	paravirt_install_child(&back);
}

static void pv_patcher_refusal_becomes_ud2(struct ktest *t)
{
	wbinvd_break_and_mend(t, install_refusing, install_next);
	KTEST_EXPECT_TRUE(t, pv_ops.init.patch == next_patcher.patch);
	KTEST_EXPECT_STREQ(t, pv_child_name, next_child_name);
}

/* Refuse to write, and say so with a #PF for a write to a present page. */
static void expect_write_faults(struct ktest *t, unsigned long addr)
{
	u8 before = *(volatile u8 *)addr;
	unsigned long count = extable_last_fault.count;
	u64 *pte = lookup_address(addr, NULL);
	int err = write_u8_nofault(addr, (u8)~before);

	if (!err)	/* it went in: put the slot back before anything calls it */
		write_u8_nofault(addr, before);
	KTEST_EXPECT_EQ(t, err, -EFAULT);
	KTEST_EXPECT_EQ(t, *(volatile u8 *)addr, before);
	KTEST_EXPECT_EQ(t, extable_last_fault.count, count + 1);
	KTEST_EXPECT_EQ(t, extable_last_fault.vector, X86_TRAP_PF);
	KTEST_EXPECT_EQ(t, extable_last_fault.address, addr);
	KTEST_EXPECT_EQ(t, extable_last_fault.error_code & (X86_PF_PROT | X86_PF_WRITE),
			X86_PF_PROT | X86_PF_WRITE);
	KTEST_ASSERT_NOT_NULL(t, pte);
	KTEST_EXPECT_FALSE(t, *pte & _PAGE_RW);
}

static void pv_ops_read_only_after_patching(struct ktest *t)
{
	unsigned long image = (unsigned long)&pv_ops.init.patch;
	unsigned long direct = (unsigned long)__va(__pa_symbol(image));
	unsigned long flags;

	local_irq_save(flags);
	expect_write_faults(t, image);
	expect_write_faults(t, direct);
	/* The last slot too: the whole table is covered. */
	expect_write_faults(t, (unsigned long)(&pv_ops + 1) - 1);
	local_irq_restore(flags);
}

/*
 * The iret site lets its target clobber nothing: after an exception
 * (ud2, resumed past by the exception table) every general register
 * holds what it held before, whichever child's iret ran (native iretq,
 * Xen's hypercall, the VMI ROM's entry).
 */
static void pv_iret_preserves_every_register(struct ktest *t)
{
	/* rax rbx rcx rdx rsi rdi r8..r15, in then out */
	static unsigned long regs[14];
	unsigned long count = extable_last_fault.count, *p = regs;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(regs); i++)
		regs[i] = 0x0101010101010101UL * (i + 1) ^ 0x8000000000000001UL;
	asm volatile("push %%rbp\n\t"
		     "mov %%rax, %%rbp\n\t"
		     "mov 0(%%rbp), %%rax\n\tmov 8(%%rbp), %%rbx\n\t"
		     "mov 16(%%rbp), %%rcx\n\tmov 24(%%rbp), %%rdx\n\t"
		     "mov 32(%%rbp), %%rsi\n\tmov 40(%%rbp), %%rdi\n\t"
		     "mov 48(%%rbp), %%r8\n\tmov 56(%%rbp), %%r9\n\t"
		     "mov 64(%%rbp), %%r10\n\tmov 72(%%rbp), %%r11\n\t"
		     "mov 80(%%rbp), %%r12\n\tmov 88(%%rbp), %%r13\n\t"
		     "mov 96(%%rbp), %%r14\n\tmov 104(%%rbp), %%r15\n\t"
		     "1: ud2\n2:\n"
		     "mov %%rax, 0(%%rbp)\n\tmov %%rbx, 8(%%rbp)\n\t"
		     "mov %%rcx, 16(%%rbp)\n\tmov %%rdx, 24(%%rbp)\n\t"
		     "mov %%rsi, 32(%%rbp)\n\tmov %%rdi, 40(%%rbp)\n\t"
		     "mov %%r8, 48(%%rbp)\n\tmov %%r9, 56(%%rbp)\n\t"
		     "mov %%r10, 64(%%rbp)\n\tmov %%r11, 72(%%rbp)\n\t"
		     "mov %%r12, 80(%%rbp)\n\tmov %%r13, 88(%%rbp)\n\t"
		     "mov %%r14, 96(%%rbp)\n\tmov %%r15, 104(%%rbp)\n\t"
		     "pop %%rbp\n"
		     _ASM_EXTABLE(1b, 2b)
		     : "+a"(p), ASM_CALL_CONSTRAINT
		     :
		     : "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10",
		       "r11", "r12", "r13", "r14", "r15", "memory", "cc");
	KTEST_EXPECT_EQ(t, extable_last_fault.count, count + 1);
	KTEST_EXPECT_EQ(t, extable_last_fault.vector, X86_TRAP_UD);
	for (i = 0; i < ARRAY_SIZE(regs); i++)
		KTEST_EXPECT_EQ(t, regs[i], 0x0101010101010101UL * (i + 1) ^ 0x8000000000000001UL);
}

static const struct ktest_case pv_child_cases[] = {
	KTEST_CASE(pv_null_slots_inherit_native),
	KTEST_CASE(pv_patcher_refuses_null_target),
	KTEST_CASE(pv_null_slot_site_refused),
	KTEST_CASE(pv_patcher_refusal_becomes_ud2),
	KTEST_CASE(pv_ops_read_only_after_patching),
	KTEST_CASE(pv_iret_preserves_every_register),
	{}
};
KTEST_SUITE(paravirt_child, pv_child_cases);
