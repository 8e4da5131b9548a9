// SPDX-License-Identifier: GPL-2.0
/*
 * paravirt_ops patching.  The expected native bytes below are written out
 * by hand from the Intel SDM encodings, not taken from the patcher's
 * templates, so a wrong template fails here.  A test child (counting
 * wrappers around the native operations) is swapped in for the irq group
 * to prove that re-patching redirects every site of the group, then the
 * native group is put back.
 */
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/irqflags.h>
#include <asm/paravirt.h>
#include <asm/smp.h>
#include <asm/text-patching.h>
#include <asm/pgtable.h>
#include <asm/nofault.h>
#include <asm/sections.h>
#include <asm/paravirt_test.h>
#include <asm/desc.h>
#include <asm/tsc.h>
#include <asm/msr.h>

#define S(x)	PARAVIRT_PATCH(x)

static const struct {
	unsigned int type;
	u8 len;
	u8 bytes[24];
} native_inline[] = {
	{ S(cpu.cpuid.func), 2, { 0x0f, 0xa2 } },		/* cpuid */
	{ S(cpu.iret.func), 2, { 0x48, 0xcf } },		/* iretq */
	{ S(irq.save_fl.func), 2, { 0x9c, 0x58 } },		/* pushf; pop %rax */
	{ S(irq.irq_disable.func), 1, { 0xfa } },		/* cli */
	{ S(irq.irq_enable.func), 1, { 0xfb } },		/* sti */
	{ S(irq.safe_halt.func), 2, { 0xfb, 0xf4 } },		/* sti; hlt */
	{ S(irq.halt.func), 1, { 0xf4 } },				/* hlt */
	{ S(cpu.read_cr0.func), 3, { 0x0f, 0x20, 0xc0 } },		/* mov %cr0, %rax */
	{ S(cpu.write_cr0.func), 3, { 0x0f, 0x22, 0xc7 } },		/* mov %rdi, %cr0 */
	{ S(cpu.read_cr4.func), 3, { 0x0f, 0x20, 0xe0 } },		/* mov %cr4, %rax */
	{ S(cpu.write_cr4.func), 3, { 0x0f, 0x22, 0xe7 } },		/* mov %rdi, %cr4 */
	{ S(cpu.wbinvd.func), 2, { 0x0f, 0x09 } },			/* wbinvd */
	{ S(cpu.io_delay.func), 2, { 0xe6, 0x80 } },			/* out %al, $0x80 */
	{ S(mmu.read_cr2.func), 3, { 0x0f, 0x20, 0xd0 } },		/* mov %cr2, %rax */
	{ S(mmu.read_cr3.func), 3, { 0x0f, 0x20, 0xd8 } },		/* mov %cr3, %rax */
	{ S(mmu.write_cr3.func), 3, { 0x0f, 0x22, 0xdf } },		/* mov %rdi, %cr3 */
	{ S(mmu.flush_tlb_user.func), 6, { 0x0f, 0x20, 0xd8, 0x0f, 0x22, 0xd8 } },
	{ S(mmu.flush_tlb_one_user.func), 3, { 0x0f, 0x01, 0x3f } },	/* invlpg (%rdi) */
	{ S(mmu.set_pte.func), 3, { 0x48, 0x89, 0x37 } },	/* mov %rsi, (%rdi) */
	{ S(mmu.set_pmd.func), 3, { 0x48, 0x89, 0x37 } },
	{ S(mmu.set_pud.func), 3, { 0x48, 0x89, 0x37 } },
	{ S(mmu.set_p4d.func), 3, { 0x48, 0x89, 0x37 } },
	{ S(lock.vcpu_is_preempted.func), 2, { 0x31, 0xc0 } },	/* xor %eax, %eax */
	{ S(cpu.read_msr.func), 2, { 0x0f, 0x32 } },			/* rdmsr */
	{ S(cpu.write_msr.func), 2, { 0x0f, 0x30 } },			/* wrmsr */
	{ S(cpu.load_idt.func), 3, { 0x0f, 0x01, 0x1f } },		/* lidt (%rdi) */
	{ S(cpu.load_gdt.func), 3, { 0x0f, 0x01, 0x17 } },		/* lgdt (%rdi) */
	{ S(cpu.load_tr.func), 3, { 0x0f, 0x00, 0xdf } },		/* ltr %di */
	/* mov %rdi, %gs:abs32 (SIB, no base, no index): the TSS's sp[0] */
	{ S(cpu.load_sp0.func), 9, { 0x65, 0x48, 0x89, 0x3c, 0x25 } },
	/* mov %cr4, %rax; xor $0x80, %al; mov %rax, %cr4; the same again */
	{ S(mmu.flush_tlb_kernel.func), 13, { 0x0f, 0x20, 0xe0, 0x34, 0x80, 0x0f, 0x22, 0xe0,
					      0x34, 0x80, 0x0f, 0x22, 0xe0 } },
	/* rdtsc; shl $32, %rdx; or %rdx, %rax; mulq abs32; shrd $32, %rdx, %rax */
	{ S(time.sched_clock.func), 22, { 0x0f, 0x31, 0x48, 0xc1, 0xe2, 0x20, 0x48, 0x09,
					  0xd0, 0x48, 0xf7, 0x24, 0x25, 0, 0, 0, 0, 0x48,
					  0x0f, 0xac, 0xd0, 0x20 } },
	{ S(time.steal_clock.func), 2, { 0x31, 0xc0 } },		/* xor %eax, %eax */
	{ S(mmu.pgd_alloc.func), 2, { 0x31, 0xc0 } },
};

/*
 * The absolute address in the templates that have one, where it goes:
 * from the C symbols (offsetof, not the asm's constant).
 */
static void native_abs32(unsigned int type, u8 *want)
{
	s32 a;

	if (type == S(cpu.load_sp0.func)) {
		a = (s32)(long)((char *)&cpu_tss + offsetof(struct tss_struct, sp[0]));
		memcpy(want + 5, &a, 4);
	} else if (type == S(time.sched_clock.func)) {
		a = (s32)(long)&tsc_ns_mult;
		memcpy(want + 13, &a, 4);
	}
}

/* The length of each site: the call, and the padding of the long ones. */
static unsigned int site_len(unsigned int type)
{
	if (type == S(cpu.load_sp0.func))
		return 9;
	if (type == S(mmu.flush_tlb_kernel.func))
		return 13;
	if (type == S(time.sched_clock.func))
		return 22;
	return 6;
}

/* No-ops, and the value identities (argument and result in %rax). */
static const unsigned int native_nop[] = {
	S(mmu.alloc_pte), S(mmu.alloc_pmd), S(mmu.alloc_pud), S(mmu.alloc_p4d),
	S(mmu.release_pte), S(mmu.release_pmd), S(mmu.release_pud),
	S(mmu.release_p4d), S(mmu.pgd_free), S(mmu.lazy_enter), S(mmu.lazy_leave),
	S(mmu.lazy_flush), S(lock.wait), S(lock.kick.func),
	S(mmu.pte_val.func), S(mmu.make_pte.func), S(mmu.pmd_val.func),
	S(mmu.make_pmd.func), S(mmu.pud_val.func), S(mmu.make_pud.func),
	S(mmu.p4d_val.func), S(mmu.make_p4d.func),
};

/* Callee-save slots with a result: their sites give up only %rax. */
static const unsigned int callee_save_ret[] = {
	S(irq.save_fl.func), S(cpu.read_cr0.func), S(cpu.read_cr4.func),
	S(mmu.read_cr2.func), S(mmu.read_cr3.func), S(mmu.flush_tlb_user.func),
	S(lock.vcpu_is_preempted.func), S(mmu.flush_tlb_kernel.func),
	S(time.steal_clock.func), S(mmu.pgd_alloc.func),
};

/* Pure value ops: argument and result in %rsi, nothing else changes. */
static const unsigned int pure_rsi[] = {
	S(mmu.pte_val.func), S(mmu.make_pte.func), S(mmu.pmd_val.func),
	S(mmu.make_pmd.func), S(mmu.pud_val.func), S(mmu.make_pud.func),
	S(mmu.p4d_val.func), S(mmu.make_p4d.func),
};

/* Void callee-save slots: their sites give up no register at all. */
static const unsigned int callee_save_void[] = {
	S(irq.irq_disable.func), S(irq.irq_enable.func), S(irq.safe_halt.func),
	S(irq.halt.func), S(cpu.write_cr0.func), S(cpu.write_cr4.func),
	S(cpu.wbinvd.func), S(cpu.io_delay.func), S(mmu.write_cr3.func),
	S(mmu.flush_tlb_one_user.func), S(mmu.set_pte.func), S(mmu.set_pmd.func),
	S(mmu.set_pud.func), S(mmu.set_p4d.func), S(cpu.write_msr.func),
	S(cpu.load_idt.func), S(cpu.load_gdt.func), S(cpu.load_tr.func),
	S(cpu.load_sp0.func),
};

/* One-instruction NOPs of each length, per the SDM's recommendation. */
const u8 pv_test_nop_bytes[9][8] = {
	{ }, { 0x90 }, { 0x66, 0x90 }, { 0x0f, 0x1f, 0x00 },
	{ 0x0f, 0x1f, 0x40, 0x00 }, { 0x0f, 0x1f, 0x44, 0x00, 0x00 },
	{ 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00 },
	{ 0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00 },
	{ 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
};

void pv_test_nops(u8 *buf, unsigned int len)
{
	while (len) {
		unsigned int n = len < 8 ? len : 8;

		memcpy(buf, pv_test_nop_bytes[n], n);
		buf += n;
		len -= n;
	}
}

static bool in_list(const unsigned int *l, unsigned int n, unsigned int type)
{
	while (n--)
		if (l[n] == type)
			return true;
	return false;
}

/*
 * What a site must hold for the target its slot holds now: the
 * hand-written template where that is native's op (NOPs for native's
 * no-ops), NOPs for paravirt_nop under any slot, or a call (jmp) to the
 * target; padded with the one long NOP.
 */
void pv_test_expected_site(const struct paravirt_patch_site *s, u8 *want)
{
	void *target = pv_slot(&pv_ops, s->type);
	bool native = target == pv_slot(&pv_native_ops, s->type);
	unsigned int i, used = 0;
	u8 *site = pv_site_addr(s);

	for (i = 0; native && i < ARRAY_SIZE(native_inline); i++) {
		if (native_inline[i].type == s->type) {
			used = native_inline[i].len;
			memcpy(want, native_inline[i].bytes, used);
			native_abs32(s->type, want);
		}
	}
	if (!used && !(native && in_list(native_nop, ARRAY_SIZE(native_nop), s->type)) &&
	    target != (void *)paravirt_nop) {
		s32 rel = (s32)((long)target - (long)(site + 5));

		/* call rel32, or jmp rel32 for a jump site */
		want[0] = (s->clobbers & CLBR_SITE_JMP) ? 0xe9 : 0xe8;
		memcpy(want + 1, &rel, 4);
		used = 5;
	}
	pv_test_nops(want + used, s->len - used);
}

/* Under native ops every slot holds native's. */
void pv_test_native_site(const struct paravirt_patch_site *s, u8 *want)
{
	pv_test_expected_site(s, want);
}

/* Check the sites of slots [first, last] against the native expectation. */
static unsigned int check_native_sites(struct ktest *t, unsigned int first,
				       unsigned int last, bool report)
{
	const struct paravirt_patch_site *s;
	unsigned int bad = 0, n = 0;

	for (s = __parainstructions; s < __parainstructions_end; s++) {
		u8 want[PV_TEST_SITE_MAX];

		if (s->type < first || s->type > last)
			continue;
		n++;
		pv_test_native_site(s, want);
		if (memcmp(pv_site_addr(s), want, s->len)) {
			bad++;
			if (report)
				ktest_info(t, "site %pS (%s) holds unexpected bytes",
					   pv_site_addr(s), paravirt_slot_name(s->type));
		}
	}
	KTEST_EXPECT_GT(t, n, 0);
	return bad;
}

/* @a's lea computes what its copy does (a rip-relative one, from there). */
static bool lea_is_its_copy(const struct paravirt_arg_site *a)
{
	const u8 *lea = pv_arg_lea(a), *copy = pv_arg_copy(a);
	s32 d, dc;

	if ((copy[2] & 0xc7) != 0x05)
		return !memcmp(lea, copy, a->len);
	memcpy(&d, lea + 3, 4);
	memcpy(&dc, copy + 3, 4);
	return a->len == 7 && !memcmp(lea, copy, 3) &&
	       (unsigned long)lea + 7 + d == (unsigned long)copy + 7 + dc;
}

/*
 * Each argument set-up: a `lea m, %rdi` (REX.W 8d, reg field 7) of 3..8
 * bytes right before a lock.kick site, and its copy the same
 * instruction.  It is one NOP where its site is NOPs, else the lea.
 */
static void pv_arg_records_sane(struct ktest *t)
{
	const struct paravirt_arg_site *a;
	const struct paravirt_patch_site *s;
	unsigned int n = 0, bad = 0, wrong = 0;

	for (a = __parainstructions_arg; a < __parainstructions_arg_end; a++, n++) {
		const u8 *lea = pv_arg_lea(a), *copy = pv_arg_copy(a);
		const struct paravirt_patch_site *site = NULL;

		for (s = __parainstructions; s < __parainstructions_end; s++)
			if (pv_site_addr(s) == lea + a->len && s->type == S(lock.kick.func))
				site = s;
		if (!site || a->len < 3 || a->len > 8 || (copy[0] & 0xfc) != 0x48 ||
		    copy[1] != 0x8d || ((copy[2] >> 3) & 7) != 7) {
			bad++;
			continue;
		}
		if (!memcmp(pv_site_addr(site), pv_test_nop_bytes[6], 6))
			wrong += !!memcmp(lea, pv_test_nop_bytes[a->len], a->len);
		else
			wrong += !lea_is_its_copy(a);
	}
	KTEST_EXPECT_GT(t, n, 0);
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT_EQ(t, wrong, 0);
}

static void pv_records_sane(struct ktest *t)
{
	const struct paravirt_patch_site *s, *r;
	unsigned int n = 0, i;

	for (s = __parainstructions; s < __parainstructions_end; s++, n++) {
		unsigned long a = (unsigned long)pv_site_addr(s);
		u16 want = CLBR_ANY;

		if (in_list(callee_save_ret, ARRAY_SIZE(callee_save_ret), s->type))
			want = CLBR_RET_REG;
		else if (in_list(callee_save_void, ARRAY_SIZE(callee_save_void), s->type))
			want = CLBR_NONE;
		else if (in_list(pure_rsi, ARRAY_SIZE(pure_rsi), s->type))
			want = CLBR_RSI;
		else if (s->type == S(cpu.cpuid.func))
			want = CLBR_CPUID;
		else if (s->type == S(cpu.iret.func))
			want = CLBR_NONE | CLBR_SITE_JMP;	/* all live to iretq */
		else if (s->type == S(lock.kick.func))
			want = CLBR_RDI;	/* its argument's lea */
		else if (s->type == S(cpu.read_msr.func))
			want = CLBR_MSR_READ;
		else if (s->type == S(time.sched_clock.func))
			want = CLBR_RAX | CLBR_RDX;

		KTEST_EXPECT_LT(t, s->type, PV_NR_SLOTS);
		KTEST_EXPECT_EQ(t, s->len, site_len(s->type));
		KTEST_EXPECT_TRUE(t, is_kernel_text(a));
		KTEST_EXPECT_EQ(t, s->clobbers, want);
		for (r = __parainstructions; r < s; r++)
			KTEST_EXPECT_NE(t, pv_site_addr(r), pv_site_addr(s));
	}
	KTEST_EXPECT_GT(t, n, 50);
	pv_arg_records_sane(t);
	/* Every slot has a name (reports would say "?" otherwise). */
	for (i = 0; i < PV_NR_SLOTS; i++)
		KTEST_EXPECT_NE(t, strcmp(paravirt_slot_name(i), "?"), 0);
	KTEST_EXPECT_STREQ(t, paravirt_slot_name(S(irq.save_fl.func)), "irq.save_fl");
	KTEST_EXPECT_STREQ(t, paravirt_slot_name(S(mmu.write_cr3)), "mmu.write_cr3");
}

static void pv_sites_native(struct ktest *t)
{
	const struct paravirt_patch_site *s;
	unsigned int type, bad;

	if (pv_patching_disabled) {
		/* nopvpatch: every site must still be its indirect call. */
		for (s = __parainstructions; s < __parainstructions_end; s++)
			KTEST_EXPECT_EQ(t, paravirt_site_kind(s), PV_UNPATCHED);
		ktest_skip(t, "nopvpatch: sites are indirect calls (checked)");
	}
	if (strcmp(pv_child_name, "native"))
		ktest_skip(t, "child %s: its own suite checks its sites", pv_child_name);
	bad = check_native_sites(t, 0, PV_NR_SLOTS - 1, true);
	KTEST_EXPECT_EQ(t, bad, 0);

	paravirt_count_sites();
	for (type = 0; type < PV_NR_SLOTS; type++) {
		const unsigned int *k = pv_patch_stats.by_type[type];

		if (k[PV_INLINE] + k[PV_CALL] + k[PV_NOP] + k[PV_UNPATCHED])
			ktest_info(t, "%-24s inline %3u  call %3u  nop %3u  left %u",
				   paravirt_slot_name(type), k[PV_INLINE], k[PV_CALL],
				   k[PV_NOP], k[PV_UNPATCHED]);
	}
	ktest_info(t, "%u sites: %u inline, %u call, %u nop, %u left", pv_patch_stats.sites,
		   pv_patch_stats.kind[PV_INLINE], pv_patch_stats.kind[PV_CALL],
		   pv_patch_stats.kind[PV_NOP], pv_patch_stats.kind[PV_UNPATCHED]);
	KTEST_EXPECT_EQ(t, pv_patch_stats.kind[PV_UNPATCHED], 0);
	KTEST_EXPECT_GT(t, pv_patch_stats.kind[PV_INLINE], 0);
}

static u64 c_sched_clock(u64 tsc)
{
	return (u64)(((unsigned __int128)tsc * tsc_ns_mult) >> 32);
}

static bool slot_native(unsigned int type)
{
	return pv_slot(&pv_ops, type) == pv_slot(&pv_native_ops, type);
}

/*
 * What the native long templates compute, checked against C: the clock
 * between two TSC reads scaled with __int128, the stack pointer as C
 * reads this CPU's TSS, no steal time.  Wherever the slots are native's
 * (inline, or the op itself under nopvpatch).
 */
static void pv_native_ops_compute(struct ktest *t)
{
	struct tss_struct *tss = this_cpu_ptr(&cpu_tss);
	unsigned long flags;
	u64 t0, t1, ns, old, got;
	bool any = false;

	if (slot_native(S(time.sched_clock.func))) {
		any = true;
		t0 = rdtsc();
		ns = sched_clock();
		t1 = rdtsc();
		KTEST_EXPECT_GT(t, tsc_ns_mult, 0);
		KTEST_EXPECT_LE(t, c_sched_clock(t0), ns);
		KTEST_EXPECT_LE(t, ns, c_sched_clock(t1));
		KTEST_EXPECT_GT(t, ns, 0);
	}
	if (slot_native(S(time.steal_clock.func))) {
		any = true;
		KTEST_EXPECT_EQ(t, paravirt_steal_clock(0), 0);
		KTEST_EXPECT_EQ(t, paravirt_steal_clock(smp_processor_id()), 0);
	}
	if (slot_native(S(cpu.load_sp0.func))) {
		any = true;
		local_irq_save(flags);
		old = tss->sp[0];
		load_sp0(0xffffc90012345670UL);
		got = READ_ONCE(tss->sp[0]);
		load_sp0(old);
		local_irq_restore(flags);
		KTEST_EXPECT_EQ(t, got, 0xffffc90012345670UL);
		KTEST_EXPECT_EQ(t, tss->sp[0], old);
	}
	if (!any)
		ktest_skip(t, "child %s: no native clock or load_sp0", pv_child_name);
}

static void pv_patching_keeps_wx(struct ktest *t)
{
	const struct paravirt_patch_site *s = __parainstructions;
	unsigned long a = (unsigned long)pv_site_addr(s);
	u64 *pte = lookup_address(a, NULL);
	u8 before = *(u8 *)a;

	KTEST_ASSERT_NOT_NULL(t, pte);
	KTEST_EXPECT_FALSE(t, *pte & _PAGE_RW);
	KTEST_EXPECT_EQ(t, write_u8_nofault(a, 0xcc), -EFAULT);
	KTEST_EXPECT_EQ(t, *(u8 *)a, before);
	/* The writable aliases are gone once patching is done. */
	KTEST_EXPECT_NULL(t, lookup_address(TEXT_POKE_VA, NULL));
	KTEST_EXPECT_NULL(t, lookup_address(TEXT_POKE_VA + PAGE_SIZE, NULL));
	if (text_poke_batch_va()) {
		KTEST_EXPECT_NULL(t, lookup_address(text_poke_batch_va(), NULL));
		KTEST_EXPECT_NULL(t, lookup_address(text_poke_batch_va() + PAGE_SIZE, NULL));
	} else {
		/* Only the early tables could have made the batch unnecessary. */
		KTEST_EXPECT_TRUE(t, pv_patching_disabled);
	}
}

/*
 * --- the callee-save thunks ----------------------------------------------
 * Call each flavour with known values in every caller-saved register and
 * check what came back: all preserved but %rax (value flavours), or all
 * of them (void flavour); the argument reached the C function.
 */
/* Written only from code the compiler cannot see being called. */
static volatile unsigned long thunk_seen;

static __used noinline unsigned long thunk_value(unsigned long x)
{
	thunk_seen = x;
	return x * 3;
}

static __used noinline void thunk_void(unsigned long x)
{
	thunk_seen = x;
}

static __used noinline unsigned long thunk_pure(unsigned long x)
{
	thunk_seen = x;
	return x * 5;
}

static __used noinline void thunk_cpuid(u32 leaf, u32 subleaf, struct cpuid_regs *r)
{
	thunk_seen = leaf;
	r->eax = leaf + 1;
	r->ebx = subleaf + 2;
	r->ecx = 0x33333333;
	r->edx = 0x44444444;
}

static volatile unsigned long thunk_seen2;

static __used noinline u64 thunk_rdmsr(u32 msr)
{
	thunk_seen = msr;
	return 0xa1b2c3d4e5f60718UL;
}

static __used noinline void thunk_wrmsr(u32 msr, u64 val)
{
	thunk_seen = msr;
	thunk_seen2 = val;
}

PV_CALLEE_SAVE_REGS_THUNK(thunk_value);
PV_CPUID_THUNK(thunk_cpuid);
PV_RDMSR_THUNK(thunk_rdmsr);
PV_WRMSR_THUNK(thunk_wrmsr);
PV_VOID_CALLEE_SAVE_REGS_THUNK(thunk_void);
PV_CALLEE_SAVE_RSI_THUNK(thunk_pure);

/* regs[]: rax rcx rdx rsi rdi r8 r9 r10 r11, in and out. */
static void call_with_regs(void *fn, unsigned long *regs)
{
	asm volatile("push %%rbx\n\t"
		     "mov %[r], %%rbx\n\t"
		     "mov 0(%%rbx), %%rax\n\tmov 8(%%rbx), %%rcx\n\t"
		     "mov 16(%%rbx), %%rdx\n\tmov 24(%%rbx), %%rsi\n\t"
		     "mov 32(%%rbx), %%rdi\n\tmov 40(%%rbx), %%r8\n\t"
		     "mov 48(%%rbx), %%r9\n\tmov 56(%%rbx), %%r10\n\t"
		     "mov 64(%%rbx), %%r11\n\t"
		     "call *%[fn]\n\t"
		     "mov %%rax, 0(%%rbx)\n\tmov %%rcx, 8(%%rbx)\n\t"
		     "mov %%rdx, 16(%%rbx)\n\tmov %%rsi, 24(%%rbx)\n\t"
		     "mov %%rdi, 32(%%rbx)\n\tmov %%r8, 40(%%rbx)\n\t"
		     "mov %%r9, 48(%%rbx)\n\tmov %%r10, 56(%%rbx)\n\t"
		     "mov %%r11, 64(%%rbx)\n\t"
		     "pop %%rbx"
		     : ASM_CALL_CONSTRAINT
		     : [r] "r"(regs), [fn] "m"(fn)
		     : "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11",
		       "memory", "cc");
}

/* regs[i] = 0x1111111111111111 * (i + 1): each register its own pattern. */
static void fill_regs(unsigned long *regs)
{
	unsigned int i;

	for (i = 0; i < 9; i++)
		regs[i] = 0x1111111111111111UL * (i + 1);
}

static void check_thunk(struct ktest *t, void *fn, unsigned long want_rax,
			unsigned long want_seen)
{
	unsigned long regs[9];
	unsigned int i;

	fill_regs(regs);
	thunk_seen = 0;
	call_with_regs(fn, regs);
	KTEST_EXPECT_EQ(t, thunk_seen, want_seen);
	KTEST_EXPECT_EQ(t, regs[0], want_rax);
	for (i = 1; i < 9; i++)
		KTEST_EXPECT_EQ(t, regs[i], 0x1111111111111111UL * (i + 1));
}

static void check_thunk_rsi(struct ktest *t)
{
	unsigned long regs[9];
	unsigned int i;

	fill_regs(regs);
	thunk_seen = 0;
	call_with_regs(__raw_callee_save_thunk_pure, regs);
	KTEST_EXPECT_EQ(t, thunk_seen, 0x4444444444444444UL);	/* %rsi in */
	KTEST_EXPECT_EQ(t, regs[3], 0x4444444444444444UL * 5);	/* %rsi out */
	for (i = 0; i < 9; i++)
		if (i != 3)
			KTEST_EXPECT_EQ(t, regs[i], 0x1111111111111111UL * (i + 1));
}

/* CPUID convention: leaf %eax, subleaf %ecx in; four results; %rsi, %rdi kept. */
static void check_thunk_cpuid(struct ktest *t)
{
	void *fn = __raw_callee_save_thunk_cpuid;
	unsigned long a = 0x11111111, c = 0x22222222, b = 0, d = 0;
	unsigned long si = 0x5555555555555555UL, di = 0x6666666666666666UL;

	asm volatile("call *%[fn]"
		     : "+a"(a), "=b"(b), "+c"(c), "=d"(d), "+S"(si), "+D"(di),
		       ASM_CALL_CONSTRAINT
		     : [fn] "m"(fn)
		     : "r8", "r9", "r10", "r11", "memory", "cc");
	KTEST_EXPECT_EQ(t, thunk_seen, 0x11111111);
	KTEST_EXPECT_EQ(t, a, 0x11111112);
	KTEST_EXPECT_EQ(t, b, 0x22222224);
	KTEST_EXPECT_EQ(t, c, 0x33333333);
	KTEST_EXPECT_EQ(t, d, 0x44444444);
	KTEST_EXPECT_EQ(t, si, 0x5555555555555555UL);
	KTEST_EXPECT_EQ(t, di, 0x6666666666666666UL);
}

/*
 * rdmsr's convention: %ecx in (the low half of regs[1]), the value back
 * in %edx:%eax with their upper halves clear, as rdmsr leaves them;
 * wrmsr's: %ecx and %edx:%eax in, every register kept.
 */
static void check_thunk_msr(struct ktest *t)
{
	unsigned long regs[9];
	unsigned int i;

	fill_regs(regs);
	thunk_seen = 0;
	call_with_regs(__raw_callee_save_thunk_rdmsr, regs);
	KTEST_EXPECT_EQ(t, thunk_seen, 0x22222222UL);
	KTEST_EXPECT_EQ(t, regs[0], 0xe5f60718UL);
	KTEST_EXPECT_EQ(t, regs[2], 0xa1b2c3d4UL);
	for (i = 1; i < 9; i++)
		if (i != 2)
			KTEST_EXPECT_EQ(t, regs[i], 0x1111111111111111UL * (i + 1));

	fill_regs(regs);
	thunk_seen = thunk_seen2 = 0;
	call_with_regs(__raw_callee_save_thunk_wrmsr, regs);
	KTEST_EXPECT_EQ(t, thunk_seen, 0x22222222UL);
	KTEST_EXPECT_EQ(t, thunk_seen2, 0x3333333311111111UL);
	for (i = 0; i < 9; i++)
		KTEST_EXPECT_EQ(t, regs[i], 0x1111111111111111UL * (i + 1));
}

static void pv_thunks_preserve_registers(struct ktest *t)
{
	check_thunk_cpuid(t);
	check_thunk_msr(t);
	/* Value: argument %rdi (0x5555...), result in %rax. */
	check_thunk(t, __raw_callee_save_thunk_value, 0x5555555555555555UL * 3,
		    0x5555555555555555UL);
	/* Void: %rax preserved too. */
	check_thunk(t, __raw_callee_save_thunk_void, 0x1111111111111111UL,
		    0x5555555555555555UL);
	/* Pure value op: argument and result in %rsi, %rax and %rdi kept. */
	check_thunk_rsi(t);
}

/*
 * --- the test child -------------------------------------------------------
 * The callee-save ones are reached only through their thunks (asm), so
 * they are __used: the compiler must keep them as they are.
 */

static unsigned long n_save_fl, n_disable, n_enable, n_safe_halt, n_halt;

/*
 * The child installed before the test (native, Xen, VMI): the test ops
 * count, then run its op through its callee-save entry, so the interrupt
 * flag keeps its meaning under any child.
 */
static struct pv_irq_ops delegate;

static inline unsigned long delegate_call(const struct paravirt_callee_save *op)
{
	unsigned long ret;

	/* Callee-save: only %rax comes back changed. */
	asm volatile("call *%[fn]" : "=a"(ret) : [fn] "m"(op->func) : "memory", "cc");
	return ret;
}

static __used noinline unsigned long test_save_fl(void)
{
	n_save_fl++;
	return delegate_call(&delegate.save_fl);
}

static __used noinline void test_irq_disable(void)
{
	n_disable++;
	delegate_call(&delegate.irq_disable);
}

static __used noinline void test_irq_enable(void)
{
	n_enable++;
	delegate_call(&delegate.irq_enable);
}

static __used noinline void test_safe_halt(void)
{
	n_safe_halt++;
	delegate_call(&delegate.safe_halt);
}

static __used noinline void test_halt(void)
{
	n_halt++;
	delegate_call(&delegate.halt);
}

PV_CALLEE_SAVE_REGS_THUNK(test_save_fl);
PV_VOID_CALLEE_SAVE_REGS_THUNK(test_irq_disable);
PV_VOID_CALLEE_SAVE_REGS_THUNK(test_irq_enable);
PV_VOID_CALLEE_SAVE_REGS_THUNK(test_safe_halt);
PV_VOID_CALLEE_SAVE_REGS_THUNK(test_halt);

static const struct pv_irq_ops test_irq_ops = {
	.save_fl = PV_CALLEE_SAVE(test_save_fl),
	.irq_disable = PV_CALLEE_SAVE(test_irq_disable),
	.irq_enable = PV_CALLEE_SAVE(test_irq_enable),
	.safe_halt = PV_CALLEE_SAVE(test_safe_halt),
	.halt = PV_CALLEE_SAVE(test_halt),
};

static void pv_test_child_redirects_every_site(struct ktest *t)
{
	const unsigned int first = S(irq.save_fl.func), last = S(irq.halt.func);
	const struct paravirt_patch_site *s;
	const char *name = pv_child_name;
	struct pv_irq_ops saved = pv_ops.irq;
	struct pv_child test = { .name = "ktest", .irq = &test_irq_ops };
	struct pv_child back = { .name = name, .irq = &saved };
	unsigned long flags, fl, sites = 0, redirected = 0, restored = 0;
	unsigned long save0, dis0, en0;
	static u8 before[512][6];
	unsigned int i;

	if (pv_patching_disabled)
		ktest_skip(t, "nopvpatch: sites are not patched");
	/* The other CPUs would run the test child too, and spoil its counts. */
	smp_park_others();
	local_irq_save(flags);
	delegate = saved;
	/* What the installed child made of the group's sites, to come back to. */
	for (s = __parainstructions, i = 0; s < __parainstructions_end; s++)
		if (s->type >= first && s->type <= last && i < ARRAY_SIZE(before))
			memcpy(before[i++], pv_site_addr(s), 6);
	paravirt_install_child(&test);
	KTEST_EXPECT_EQ(t, paravirt_repatch_range(first, last), 0);

	for (s = __parainstructions; s < __parainstructions_end; s++) {
		u8 *p = pv_site_addr(s);
		s32 rel;

		if (s->type < first || s->type > last)
			continue;
		sites++;
		memcpy(&rel, p + 1, 4);
		if (p[0] == 0xe8 && (unsigned long)p + 5 + rel ==
		    (unsigned long)pv_slot(&pv_ops, s->type))
			redirected++;
	}

	/* Every wrapper now runs the child: count exactly. */
	save0 = n_save_fl;
	dis0 = n_disable;
	en0 = n_enable;
	fl = arch_local_save_flags();
	arch_local_irq_disable();
	arch_local_irq_enable();
	arch_local_irq_disable();
	KTEST_EXPECT_EQ(t, n_save_fl - save0, 1);
	KTEST_EXPECT_EQ(t, n_disable - dis0, 2);
	KTEST_EXPECT_EQ(t, n_enable - en0, 1);
	KTEST_EXPECT_TRUE(t, arch_irqs_disabled_flags(fl));

	paravirt_install_child(&back);
	KTEST_EXPECT_EQ(t, paravirt_repatch_range(first, last), 0);
	for (s = __parainstructions, i = 0; s < __parainstructions_end; s++)
		if (s->type >= first && s->type <= last && i < ARRAY_SIZE(before))
			restored += !memcmp(before[i++], pv_site_addr(s), 6);
	local_irq_restore(flags);
	smp_unpark_others();

	ktest_info(t, "%lu irq sites, %lu redirected to the test child, %lu restored",
		   sites, redirected, restored);
	KTEST_EXPECT_GT(t, sites, 10);
	KTEST_EXPECT_LE(t, sites, ARRAY_SIZE(before));
	KTEST_EXPECT_EQ(t, redirected, sites);
	/* Back to what the child had made of them, every one. */
	KTEST_EXPECT_EQ(t, restored, sites);
	KTEST_EXPECT_STREQ(t, pv_child_name, name);
}

static const struct ktest_case paravirt_cases[] = {
	KTEST_CASE(pv_records_sane),
	KTEST_CASE(pv_sites_native),
	KTEST_CASE(pv_native_ops_compute),
	KTEST_CASE(pv_patching_keeps_wx),
	KTEST_CASE(pv_thunks_preserve_registers),
	KTEST_CASE(pv_test_child_redirects_every_site),
	{}
};
KTEST_SUITE(paravirt, paravirt_cases);
