// SPDX-License-Identifier: GPL-2.0
/*
 * The VMI-like child, when a ROM is active (runner mode vmi; skipped with
 * the reason otherwise): every site holds what the ROM's relocation table
 * says; the ROM's counters rise by exactly the calls made; interrupt
 * return goes through the ROM's jump entry; the ROM is mapped executable
 * and read-only, its data writable and not executable; each entry changes
 * only its results and the patcher refuses a site that keeps one of them
 * live; and the validator refuses each corruption of the live image.
 */
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/irqflags.h>
#include <asm/vmi.h>
#include <asm/paravirt.h>
#include <asm/paravirt_test.h>
#include <asm/special_insns.h>
#include <asm/tlbflush.h>
#include <asm/processor.h>
#include <asm/pgtable.h>
#include <asm/extable.h>
#include <asm/io.h>

static int vmi_suite_init(struct ktest *t)
{
	if (strcmp(pv_child_name, "vmi"))
		ktest_skip(t, "no VMI ROM active (child %s)", pv_child_name);
	return 0;
}

static int op_of_slot(unsigned int type)
{
	unsigned int op;

	for (op = 1; op < VMI_NR_OPS; op++)
		if (vmi_op_slot(op) == (int)type)
			return op;
	return 0;
}

static void vmi_sites_follow_relocations(struct ktest *t)
{
	const struct paravirt_patch_site *s;
	unsigned int n[5] = { 0 }, bad = 0;

	for (s = __parainstructions; s < __parainstructions_end; s++) {
		u8 *p = pv_site_addr(s), want[PV_TEST_SITE_MAX];
		int op = op_of_slot(s->type);
		unsigned int reloc = op ? vmi_reloc(op) : VMI_RELOC_NONE;

		if (reloc == VMI_RELOC_CALL || reloc == VMI_RELOC_JMP) {
			s32 rel = (s32)(vmi_op_address(op) - (unsigned long)(p + 5));

			want[0] = reloc == VMI_RELOC_CALL ? 0xe8 : 0xe9;
			memcpy(want + 1, &rel, 4);
			pv_test_nops(want + 5, s->len - 5);
		} else if (reloc == VMI_RELOC_NOP) {
			pv_test_nops(want, s->len);
		} else {
			pv_test_native_site(s, want);	/* native, or not in the ROM */
		}
		n[reloc]++;
		if (memcmp(p, want, s->len)) {
			bad++;
			ktest_info(t, "site %pS (%s, relocation %u) holds unexpected bytes",
				   p, paravirt_slot_name(s->type), reloc);
		}
	}
	ktest_info(t, "sites by relocation: %u call, %u jmp, %u native, %u nop, %u not in the ROM",
		   n[VMI_RELOC_CALL], n[VMI_RELOC_JMP], n[VMI_RELOC_NATIVE],
		   n[VMI_RELOC_NOP], n[VMI_RELOC_NONE]);
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT_GT(t, n[VMI_RELOC_CALL], 50);
	KTEST_EXPECT_EQ(t, n[VMI_RELOC_JMP], 1);		/* the iret site */
	KTEST_EXPECT_GT(t, n[VMI_RELOC_NOP], 0);		/* io_delay */
}

/* Exactly the calls made, through the ROM; native and NOP ops never reach it. */
static void vmi_counters_count_calls(struct ktest *t)
{
	static const unsigned int ops[] = {
		VMI_OP_SAVE_FL, VMI_OP_IRQ_DISABLE, VMI_OP_IRQ_ENABLE, VMI_OP_READ_CR3,
		VMI_OP_CPUID, VMI_OP_FLUSH_TLB_ONE, VMI_OP_WBINVD, VMI_OP_IO_DELAY,
	};
	u64 before[ARRAY_SIZE(ops)];
	unsigned long flags, sum = 0;
	struct cpuid_regs r;
	unsigned int i;

	local_irq_save(flags);
	for (i = 0; i < ARRAY_SIZE(ops); i++)
		before[i] = vmi_counter(ops[i]);
	for (i = 0; i < 10; i++) {
		sum += arch_local_save_flags();
		arch_local_irq_enable();	/* a tick may come: its path uses none of these */
		arch_local_irq_disable();
		sum += read_cr3();
		cpuid_count(0, 0, &r);
		flush_tlb_one_kernel((unsigned long)&r);
	}
	for (i = 0; i < 3; i++) {
		wbinvd();			/* NATIVE: the kernel's own instruction */
		io_delay();			/* NOP: not even that */
	}
	KTEST_EXPECT_EQ(t, vmi_counter(VMI_OP_SAVE_FL) - before[0], 10);
	KTEST_EXPECT_EQ(t, vmi_counter(VMI_OP_IRQ_DISABLE) - before[1], 10);
	KTEST_EXPECT_EQ(t, vmi_counter(VMI_OP_IRQ_ENABLE) - before[2], 10);
	KTEST_EXPECT_EQ(t, vmi_counter(VMI_OP_READ_CR3) - before[3], 10);
	KTEST_EXPECT_EQ(t, vmi_counter(VMI_OP_CPUID) - before[4], 10);
	KTEST_EXPECT_EQ(t, vmi_counter(VMI_OP_FLUSH_TLB_ONE) - before[5], 10);
	KTEST_EXPECT_EQ(t, vmi_counter(VMI_OP_WBINVD), 0);
	KTEST_EXPECT_EQ(t, vmi_counter(VMI_OP_IO_DELAY), 0);
	local_irq_restore(flags);
	KTEST_EXPECT_NE(t, sum, 0);
}

/* Every exception returns through the ROM's iret, reached by a jump. */
static void vmi_iret_is_a_jump_into_the_rom(struct ktest *t)
{
	unsigned long flags;
	u64 before;
	unsigned int i;

	KTEST_ASSERT_EQ(t, vmi_reloc(VMI_OP_IRET), VMI_RELOC_JMP);
	local_irq_save(flags);		/* no tick in between: exact count */
	before = vmi_counter(VMI_OP_IRET);
	for (i = 0; i < 5; i++)
		asm volatile("1: ud2\n2:\n" _ASM_EXTABLE(1b, 2b) : : : "memory");
	KTEST_EXPECT_EQ(t, vmi_counter(VMI_OP_IRET) - before, 5);
	local_irq_restore(flags);
}

static void vmi_mapping_wx(struct ktest *t)
{
	unsigned long code = vmi_op_address(VMI_OP_SAVE_FL);
	unsigned long data = (unsigned long)vmi_op_address(VMI_OP_SAVE_FL) & ~0UL;
	u32 size;
	const u8 *rom = vmi_rom_bytes(&size);
	u64 *e;

	KTEST_ASSERT_NOT_NULL(t, rom);
	e = lookup_address(code, NULL);
	KTEST_ASSERT_NOT_NULL(t, e);
	KTEST_EXPECT_FALSE(t, *e & _PAGE_RW);
	KTEST_EXPECT_FALSE(t, *e & _PAGE_NX);
	/* The data area: the counters page, writable and never executable. */
	data = (unsigned long)rom + 0x1000;
	e = lookup_address(data, NULL);
	KTEST_ASSERT_NOT_NULL(t, e);
	KTEST_EXPECT_TRUE(t, *e & _PAGE_RW);
	KTEST_EXPECT_TRUE(t, *e & _PAGE_NX);
}

/* The validator against corruptions of the live image, fixed checksum but one. */
static void vmi_validator_refuses_corruptions(struct ktest *t)
{
	u32 size, table, i;
	const u8 *rom = vmi_rom_bytes(&size);
	u8 *copy;
	struct vmi_rom_info info;
	struct vmi_rom_image img = { .phys = 0x12345000, .source = "ktest copy" };
	enum { BAD_SUM, OUTSIDE, MAJOR, TRUNC, MISALIGN, TWICE, JMP_CALL, NOP_VALUE,
	       DATA_ODD, NCASES };
	static const int want[NCASES] = { -EBADMSG, -EINVAL, -EPROTO, -EINVAL, -EINVAL,
					  -EINVAL, -EINVAL, -EINVAL, -EINVAL };
	unsigned int c;

	KTEST_ASSERT_NOT_NULL(t, rom);
	copy = kmalloc(size);
	KTEST_ASSERT_NOT_NULL(t, copy);
	img.bytes = copy;
	img.size = size;
	memcpy(copy, rom, size);
	KTEST_EXPECT_EQ(t, vmi_rom_check(&img, &info), 0);
	KTEST_EXPECT_EQ(t, info.ops[VMI_OP_IRET].reloc, VMI_RELOC_JMP);
	table = *(u32 *)(copy + VMI_HEADER_OFFSET + VMI_HDR_TABLE);

	for (c = 0; c < NCASES; c++) {
		u8 *ent0 = copy + table;
		u32 sum = 0;

		memcpy(copy, rom, size);
		switch (c) {
		case BAD_SUM: ent0[VMI_ENT_RESERVED] ^= 1; break;
		case OUTSIDE: *(u32 *)(ent0 + VMI_ENT_OFFSET) = size + 64; break;
		case MAJOR: copy[VMI_HEADER_OFFSET + VMI_HDR_ABI_MAJOR] = 2; break;
		case TRUNC: *(u16 *)(copy + VMI_HEADER_OFFSET + VMI_HDR_NR_ENTRIES) =
				(size - table) / VMI_ENTRY_SIZE + 1; break;
		case MISALIGN: *(u32 *)(ent0 + VMI_ENT_OFFSET) += 2; break;
		case TWICE: memcpy(ent0 + VMI_ENTRY_SIZE, ent0, 2); break;
		case JMP_CALL: ent0[VMI_ENT_RELOC] = VMI_RELOC_JMP; break;	/* cpuid */
		case NOP_VALUE: ent0[VMI_ENT_RELOC] = VMI_RELOC_NOP; break;	/* cpuid */
		case DATA_ODD: *(u32 *)(copy + VMI_HEADER_OFFSET + VMI_HDR_DATA_OFFSET) += 8; break;
		}
		if (c != BAD_SUM) {
			copy[size - 1] = 0;
			for (i = 0; i < size; i++)
				sum += copy[i];
			copy[size - 1] = (u8)-sum;
		}
		KTEST_EXPECT_EQ(t, vmi_rom_check(&img, &info), want[c]);
	}
	kfree(copy);
}

/*
 * What each ROM entry changes, read off vmi_rom.S by hand (the counting
 * `lock incq` changes only the flags): the op's results, nothing else.
 */
static const struct {
	unsigned int op;
	u16 clobbers;
} rom_clobbers[] = {
	{ VMI_OP_CPUID, CLBR_RAX | CLBR_RBX | CLBR_RCX | CLBR_RDX },
	{ VMI_OP_IRET, CLBR_NONE },
	{ VMI_OP_SAVE_FL, CLBR_RAX },
	{ VMI_OP_IRQ_DISABLE, CLBR_NONE },
	{ VMI_OP_READ_CR0, CLBR_RAX },
	{ VMI_OP_READ_CR2, CLBR_RAX },
	{ VMI_OP_READ_CR3, CLBR_RAX },
	{ VMI_OP_READ_CR4, CLBR_RAX },
	{ VMI_OP_WRITE_CR3, CLBR_NONE },
	{ VMI_OP_FLUSH_TLB_ONE, CLBR_NONE },
	{ VMI_OP_SET_PTE, CLBR_NONE },
	{ VMI_OP_WRITE_CR0, CLBR_NONE },
	{ VMI_OP_WRITE_CR4, CLBR_NONE },
	{ VMI_OP_FLUSH_TLB_USER, CLBR_RAX },
	{ VMI_OP_SET_PMD, CLBR_NONE },
	{ VMI_OP_SET_PUD, CLBR_NONE },
	{ VMI_OP_SET_P4D, CLBR_NONE },
	/*
	 * Not run here: irq_enable, safe_halt and halt (they would open an
	 * interrupt window or stop the CPU inside the test); wbinvd and
	 * io_delay have no ROM code (native, nop).
	 */
};

/* regs[]: rax rbx rcx rdx rsi rdi r8 r9 r10 r11 in and out; regs[10] the entry. */
static void call_entry(unsigned long *regs)
{
	asm volatile("push %%rbp\n\t"
		     "mov %%rax, %%rbp\n\t"
		     "mov 8(%%rbp), %%rbx\n\tmov 16(%%rbp), %%rcx\n\t"
		     "mov 24(%%rbp), %%rdx\n\tmov 32(%%rbp), %%rsi\n\t"
		     "mov 40(%%rbp), %%rdi\n\tmov 48(%%rbp), %%r8\n\t"
		     "mov 56(%%rbp), %%r9\n\tmov 64(%%rbp), %%r10\n\t"
		     "mov 72(%%rbp), %%r11\n\tmov 0(%%rbp), %%rax\n\t"
		     "call *80(%%rbp)\n\t"
		     "mov %%rax, 0(%%rbp)\n\tmov %%rbx, 8(%%rbp)\n\t"
		     "mov %%rcx, 16(%%rbp)\n\tmov %%rdx, 24(%%rbp)\n\t"
		     "mov %%rsi, 32(%%rbp)\n\tmov %%rdi, 40(%%rbp)\n\t"
		     "mov %%r8, 48(%%rbp)\n\tmov %%r9, 56(%%rbp)\n\t"
		     "mov %%r10, 64(%%rbp)\n\tmov %%r11, 72(%%rbp)\n\t"
		     "pop %%rbp"
		     : "+a"(regs), ASM_CALL_CONSTRAINT
		     :
		     : "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11",
		       "memory", "cc");
}

/* Bit of each regs[] index in CLBR_* terms (r8..r11 share one). */
static const u16 reg_clbr[10] = {
	CLBR_RAX, CLBR_RBX, CLBR_RCX, CLBR_RDX, CLBR_RSI, CLBR_RDI,
	CLBR_R8_11, CLBR_R8_11, CLBR_R8_11, CLBR_R8_11,
};

/* Run each entry listed above with known registers: it changes exactly its results. */
static void vmi_entries_clobber_only_results(struct ktest *t)
{
	static u64 scratch_pte;
	unsigned long flags, regs[11];
	unsigned int i, r;

	local_irq_save(flags);
	for (i = 0; i < ARRAY_SIZE(rom_clobbers); i++) {
		unsigned int op = rom_clobbers[i].op;
		u16 changed = 0;

		if (op == VMI_OP_IRET)
			continue;	/* not callable: pv_iret_preserves_every_register */
		for (r = 0; r < 10; r++)
			regs[r] = 0x1111111111111111UL * (r + 1);
		if (op == VMI_OP_CPUID)
			regs[0] = regs[2] = 0;		/* leaf 0, subleaf 0 */
		else if (op == VMI_OP_WRITE_CR3)
			regs[5] = read_cr3();
		else if (op == VMI_OP_FLUSH_TLB_ONE)
			regs[5] = (unsigned long)&scratch_pte;
		else if (op == VMI_OP_WRITE_CR0)
			regs[5] = read_cr0();		/* the same value back */
		else if (op == VMI_OP_WRITE_CR4)
			regs[5] = read_cr4();
		else if (op == VMI_OP_SET_PTE || op == VMI_OP_SET_PMD ||
			 op == VMI_OP_SET_PUD || op == VMI_OP_SET_P4D)
			regs[5] = (unsigned long)&scratch_pte;
		regs[10] = vmi_op_address(op);
		{
			unsigned long in[10];

			memcpy(in, regs, sizeof(in));
			call_entry(regs);
			for (r = 0; r < 10; r++)
				if (regs[r] != in[r])
					changed |= reg_clbr[r];
		}
		if (changed != rom_clobbers[i].clobbers)
			ktest_info(t, "op %u changed %#x, expected %#x", op, changed,
				   rom_clobbers[i].clobbers);
		KTEST_EXPECT_EQ(t, changed, rom_clobbers[i].clobbers);
	}
	local_irq_restore(flags);
	KTEST_EXPECT_EQ(t, scratch_pte, 0x5555555555555555UL);	/* %rsi, by set_pte.. */
}

/*
 * The patcher against each entry's clobbers: a site that allows them
 * gets the direct call (jump) into the ROM, one that keeps any of them
 * live is refused rather than called.
 */
static void vmi_patcher_honours_clobbers(struct ktest *t)
{
	unsigned long addr = (unsigned long)vmi_patcher_honours_clobbers;
	unsigned int i, refused = 0, direct = 0;

	for (i = 0; i < ARRAY_SIZE(rom_clobbers); i++) {
		unsigned int op = rom_clobbers[i].op, type = vmi_op_slot(op);
		u16 clb = rom_clobbers[i].clobbers, jmp = 0;
		u8 buf[6], opcode = 0xe8;
		s32 rel;

		if (vmi_reloc(op) == VMI_RELOC_JMP) {
			jmp = CLBR_SITE_JMP;
			opcode = 0xe9;
		}
		KTEST_EXPECT_EQ(t, pv_ops.init.patch(type, clb | jmp, buf, addr, 6), 5);
		memcpy(&rel, buf + 1, 4);
		KTEST_EXPECT_EQ(t, buf[0], opcode);
		KTEST_EXPECT_EQ(t, addr + 5 + rel, vmi_op_address(op));
		direct++;
		if (!clb)
			continue;
		/* Without the lowest register it changes: refused. */
		KTEST_EXPECT_EQ(t, pv_ops.init.patch(type, (clb & (clb - 1)) | jmp, buf, addr, 6),
				PV_PATCH_REFUSED);
		KTEST_EXPECT_EQ(t, pv_ops.init.patch(type, CLBR_NONE | jmp, buf, addr, 6),
				PV_PATCH_REFUSED);
		refused++;
	}
	ktest_info(t, "%u entries patched directly where allowed, %u refused with fewer clobbers",
		   direct, refused);
	/* cpuid, save_fl, read_cr0/2/3/4, flush_tlb_user: the ones with results. */
	KTEST_EXPECT_EQ(t, refused, 7);
}

static const struct ktest_case vmi_cases[] = {
	KTEST_CASE(vmi_sites_follow_relocations),
	KTEST_CASE(vmi_counters_count_calls),
	KTEST_CASE(vmi_iret_is_a_jump_into_the_rom),
	KTEST_CASE(vmi_mapping_wx),
	KTEST_CASE(vmi_entries_clobber_only_results),
	KTEST_CASE(vmi_patcher_honours_clobbers),
	KTEST_CASE(vmi_validator_refuses_corruptions),
	{}
};
KTEST_SUITE_FULL(vmi, vmi_cases, vmi_suite_init, NULL);
