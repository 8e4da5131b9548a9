// SPDX-License-Identifier: GPL-2.0
/*
 * Rewriting the pv_ops call sites.  Every site starts as the 6-byte
 * `call *pv_ops+slot(%rip)` its .parainstructions record describes (a
 * long site, for a template longer than that, is followed by NOPs up to
 * the record's length, MAX_PATCH_LEN at most).  The
 * installed patcher (pv_ops.init.patch; paravirt_patch_default for the
 * native child) turns it into:
 *   - the body of the slot's native assembly op inline, when it holds one
 *     (paravirt_native.S) that clobbers no more than the site allows:
 *     the instructions themselves, nothing at all for paravirt_nop (the
 *     identity of the entry-value ops, whose value stays in %rsi);
 *   - a direct `call` to the slot's function otherwise (or, if it is out
 *     of reach of a rel32, the indirect call again);
 * and the rest of the site is one long NOP.  Sites are written through
 * text_poke(), never through a writable text mapping.  A NULL target, or
 * one a child's patcher refuses (PV_PATCH_REFUSED), is never an indirect
 * call: the site becomes ud2 and patching fails, naming the slot.
 */
#define pr_fmt(fmt) "paravirt: " fmt

#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/irqflags.h>
#include <asm/paravirt.h>
#include <asm/smp.h>
#include <asm/text-patching.h>
#include "paravirt_native.h"


struct pv_patch_stats pv_patch_stats;

/*
 * Templates: the body of each native assembly op up to its `ret`
 * (paravirt_native.S), with the registers it clobbers.
 */
struct pv_template {
	const void *func;
	const u8 *end;
	u16 clobbers;
};

#define PV_TEMPLATE(name, clb)	{ name, name##_tend, clb },
static const struct pv_template templates[] = {
	PV_NATIVE_OPS(PV_TEMPLATE)
};

static const struct pv_template *template_for(const void *func)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(templates); i++)
		if (templates[i].func == func)
			return &templates[i];
	return NULL;
}

/* call rel32 (0xe8) or jmp rel32 (0xe9) to @target; 0 if out of reach. */
static unsigned int patch_rel32(u8 opcode, void *buf, const void *target,
				unsigned long addr, unsigned int len)
{
	long rel = (long)target - (long)(addr + 5);
	u8 *b = buf;
	s32 rel32 = (s32)rel;

	if (len < 5 || rel != rel32)
		return 0;
	b[0] = opcode;
	memcpy(b + 1, &rel32, 4);
	return 5;
}

unsigned int paravirt_patch_call(void *buf, const void *target,
				 unsigned long addr, unsigned int len)
{
	return patch_rel32(0xe8, buf, target, addr, len);
}

unsigned int paravirt_patch_jmp(void *buf, const void *target,
				unsigned long addr, unsigned int len)
{
	return patch_rel32(0xe9, buf, target, addr, len);
}

/* The site's original form: an indirect call (or jump) through the slot. */
unsigned int paravirt_patch_indirect(void *buf, u8 type, u16 clobbers,
				     unsigned long addr, unsigned int len)
{
	s32 rel = (s32)((long)&pv_ops + type * sizeof(void *) - (long)(addr + 6));
	u8 *b = buf;

	if (len < 6)
		return 0;
	b[0] = 0xff;
	b[1] = (clobbers & CLBR_SITE_JMP) ? 0x25 : 0x15;
	memcpy(b + 2, &rel, 4);
	return 6;
}

/*
 * A slot holding a native assembly op gets the op's body inline (if it
 * clobbers no more than the site allows; paravirt_nop's body is empty);
 * any other function gets a direct call.  No target at all is refused:
 * the indirect call would be `call 0`.
 */
unsigned int paravirt_patch_target(const void *op, u8 type, u16 clobbers, void *buf,
				   unsigned long addr, unsigned int len)
{
	const struct pv_template *t = template_for(op);

	if (!op)
		return PV_PATCH_REFUSED;
	if (t && !(t->clobbers & ~clobbers) && t->end - (const u8 *)t->func <= len) {
		memcpy(buf, t->func, t->end - (const u8 *)t->func);
		return t->end - (const u8 *)t->func;
	}
	if (clobbers & CLBR_SITE_JMP)
		return paravirt_patch_jmp(buf, op, addr, len) ?:
		       paravirt_patch_indirect(buf, type, clobbers, addr, len);
	return paravirt_patch_call(buf, op, addr, len) ?:
	       paravirt_patch_indirect(buf, type, clobbers, addr, len);
}

unsigned int paravirt_patch_default(u8 type, u16 clobbers, void *buf,
				    unsigned long addr, unsigned int len)
{
	return paravirt_patch_target(pv_slot(&pv_ops, type), type, clobbers, buf,
				     addr, len);
}

static bool all_nops(const u8 *p, unsigned int len)
{
	u8 ref[MAX_PATCH_LEN];

	add_nops(ref, len);
	return !memcmp(p, ref, len);
}

/*
 * The site as emitted: call (or jmp) *pv_ops+8*type(%rip), and for a long
 * site (paravirt_alt_pad) the NOPs add_nops() would write after it.
 */
static bool site_is_original(const struct paravirt_patch_site *s)
{
	const u8 *p = pv_site_addr(s);
	u8 modrm = (s->clobbers & CLBR_SITE_JMP) ? 0x25 : 0x15;
	s32 rel;

	if (s->len < 6 || s->len > MAX_PATCH_LEN || p[0] != 0xff || p[1] != modrm ||
	    !all_nops(p + 6, s->len - 6))
		return false;
	memcpy(&rel, p + 2, 4);
	return (unsigned long)p + 6 + rel ==
	       (unsigned long)&pv_ops + s->type * sizeof(void *);
}

enum pv_patch_kind paravirt_site_kind(const struct paravirt_patch_site *s)
{
	const u8 *p = pv_site_addr(s);

	if (site_is_original(s))
		return PV_UNPATCHED;
	if (all_nops(p, s->len))
		return PV_NOP;
	if (p[0] == 0xe8 && all_nops(p + 5, s->len - 5))
		return PV_CALL;
	if (p[0] == 0xe9 && all_nops(p + 5, s->len - 5))
		return PV_JMP;
	return PV_INLINE;
}

void paravirt_count_sites(void)
{
	const struct paravirt_patch_site *s;

	memset(&pv_patch_stats, 0, sizeof(pv_patch_stats));
	for (s = __parainstructions; s < __parainstructions_end; s++) {
		enum pv_patch_kind k = paravirt_site_kind(s);

		pv_patch_stats.sites++;
		pv_patch_stats.kind[k]++;
		pv_patch_stats.by_type[s->type][k]++;
		if (k != PV_UNPATCHED)
			pv_patch_stats.bytes += s->len;
	}
}

static const struct paravirt_patch_site *site_at(const u8 *addr)
{
	const struct paravirt_patch_site *s;

	for (s = __parainstructions; s < __parainstructions_end; s++)
		if (pv_site_addr(s) == addr)
			return s;
	return NULL;
}

/*
 * @a's lea as it must stand at its own address: its copy, with a
 * rip-relative displacement moved by the distance between the two.  Only
 * `lea m, %rdi` (REX.W, no REX.R) is accepted: false for anything else.
 */
static bool arg_lea(const struct paravirt_arg_site *a, u8 *buf)
{
	const u8 *copy = pv_arg_copy(a);
	u8 modrm;
	s32 disp;

	if (a->len < 3 || a->len > MAX_PATCH_LEN || (copy[0] & 0xfc) != 0x48 ||
	    copy[1] != 0x8d)
		return false;
	modrm = copy[2];
	if ((modrm & 0xc0) == 0xc0 || ((modrm >> 3) & 7) != 7)
		return false;
	memcpy(buf, copy, a->len);
	if ((modrm & 0xc7) == 0x05) {		/* disp32(%rip), 7 bytes */
		if (a->len != 7)
			return false;
		memcpy(&disp, copy + 3, 4);
		disp += (s32)((long)copy - (long)pv_arg_lea(a));
		memcpy(buf + 3, &disp, 4);
	}
	return true;
}

/*
 * The argument set-up of the sites of slots [first, last] that have one,
 * after their sites: NOPs where the site became NOPs, else the lea.  At
 * boot each lea must still be what its copy says (the two are assembled
 * from one operand, so they only differ if the records are wrong).
 */
static int patch_arg_sites(unsigned int first, unsigned int last, bool boot)
{
	const struct paravirt_arg_site *a;
	int err = 0;

	for (a = __parainstructions_arg; a < __parainstructions_arg_end; a++) {
		u8 buf[MAX_PATCH_LEN], *lea = pv_arg_lea(a);
		const struct paravirt_patch_site *s = site_at(lea + a->len);

		if (s ? s->type < first || s->type > last : !boot)
			continue;
		if (!s || !arg_lea(a, buf) || (boot && memcmp(lea, buf, a->len))) {
			pr_err("argument set-up at %pS does not match its record\n", lea);
			err = -EINVAL;
			continue;
		}
		if (paravirt_site_kind(s) == PV_NOP)
			add_nops(buf, a->len);
		if (memcmp(lea, buf, a->len))
			text_poke(lea, buf, a->len);
	}
	return err;
}

/* What a refused site becomes: it faults, loudly, if it is ever reached. */
static const u8 ud2[] = { 0x0f, 0x0b };

static int patch_range(unsigned int first, unsigned int last, bool boot)
{
	const struct paravirt_patch_site *s;
	unsigned long flags;
	int err = 0;

	/* No other CPU may run, or be interrupted inside, a site being rewritten. */
	smp_park_others();
	local_irq_save(flags);
	text_poke_batch_begin();
	for (s = __parainstructions; s < __parainstructions_end; s++) {
		u8 buf[MAX_PATCH_LEN], *addr = pv_site_addr(s);
		unsigned int n;

		if (s->type < first || s->type > last)
			continue;
		if (s->type >= PV_NR_SLOTS || s->len > MAX_PATCH_LEN ||
		    (boot && !site_is_original(s))) {
			/* The record does not describe the code: leave it. */
			pr_err("site %pS (slot %u, %u bytes) does not match its record\n",
			       addr, s->type, s->len);
			err = -EINVAL;
			continue;
		}
		/* Checked here too: a child's patcher may not look. */
		n = !pv_slot(&pv_ops, s->type) ? PV_PATCH_REFUSED :
		    pv_ops.init.patch(s->type, s->clobbers, buf, (unsigned long)addr, s->len);
		if (n == PV_PATCH_REFUSED) {
			pr_err("site %pS (slot %s, target %pS) refused by the %s patcher: now ud2\n",
			       addr, paravirt_slot_name(s->type), pv_slot(&pv_ops, s->type),
			       pv_child_name);
			memcpy(buf, ud2, sizeof(ud2));
			n = sizeof(ud2);
			err = -EINVAL;
		} else if (n > s->len) {
			pr_err("patcher wrote %u bytes into the %u of %pS\n",
			       n, s->len, addr);
			err = -EINVAL;
			continue;
		}
		add_nops(buf + n, s->len - n);
		if (memcmp(addr, buf, s->len))
			text_poke(addr, buf, s->len);
	}
	err = patch_arg_sites(first, last, boot) ?: err;
	text_poke_batch_end();
	local_irq_restore(flags);
	smp_unpark_others();
	paravirt_count_sites();
	return err;
}

/*
 * Called once every site holds its final bytes: a stable place for a
 * debugger (scripts/pvcompare.py breaks here to dump the patched text).
 */
noinline void paravirt_patch_finished(void)
{
	barrier();
}

int paravirt_patch_all(void)
{
	int err;

	if (pv_patching_disabled) {
		paravirt_count_sites();
		pr_info("%u sites left as indirect calls (nopvpatch)\n",
			pv_patch_stats.sites);
		return 0;
	}
	err = patch_range(0, PV_NR_SLOTS - 1, true);
	pr_info("patched %u sites for %s: %u inline, %u call, %u nop, %u left (%u bytes, %zu-byte table)\n",
		pv_patch_stats.sites, pv_child_name, pv_patch_stats.kind[PV_INLINE],
		pv_patch_stats.kind[PV_CALL] + pv_patch_stats.kind[PV_JMP],
		pv_patch_stats.kind[PV_NOP], pv_patch_stats.kind[PV_UNPATCHED],
		pv_patch_stats.bytes,
		(size_t)((char *)__parainstructions_end - (char *)__parainstructions));
	paravirt_patch_finished();
	return err;
}

int paravirt_repatch_range(unsigned int first, unsigned int last)
{
	return patch_range(first, last, false);
}

/* Slot names, for reports: built from the same offsets as the types. */
#define SLOT(x)	[PARAVIRT_PATCH(x)] = #x
static const char *const slot_names[PV_NR_SLOTS] = {
	SLOT(init.patch),
	SLOT(cpu.cpuid), SLOT(cpu.read_cr0), SLOT(cpu.write_cr0),
	SLOT(cpu.read_cr4), SLOT(cpu.write_cr4), SLOT(cpu.read_msr),
	SLOT(cpu.write_msr), SLOT(cpu.read_msr_safe), SLOT(cpu.write_msr_safe),
	SLOT(cpu.wbinvd), SLOT(cpu.io_delay), SLOT(cpu.load_idt),
	SLOT(cpu.load_gdt), SLOT(cpu.load_tr), SLOT(cpu.load_sp0), SLOT(cpu.iret),
	SLOT(irq.save_fl), SLOT(irq.irq_disable), SLOT(irq.irq_enable),
	SLOT(irq.safe_halt), SLOT(irq.halt),
	SLOT(mmu.read_cr2), SLOT(mmu.read_cr3), SLOT(mmu.write_cr3),
	SLOT(mmu.flush_tlb_user), SLOT(mmu.flush_tlb_kernel),
	SLOT(mmu.flush_tlb_one_user),
	SLOT(mmu.alloc_pte), SLOT(mmu.alloc_pmd), SLOT(mmu.alloc_pud),
	SLOT(mmu.alloc_p4d), SLOT(mmu.release_pte), SLOT(mmu.release_pmd),
	SLOT(mmu.release_pud), SLOT(mmu.release_p4d),
	SLOT(mmu.pgd_alloc), SLOT(mmu.pgd_free),
	SLOT(mmu.set_pte), SLOT(mmu.set_pmd), SLOT(mmu.set_pud), SLOT(mmu.set_p4d),
	SLOT(mmu.pte_val), SLOT(mmu.make_pte), SLOT(mmu.pmd_val), SLOT(mmu.make_pmd),
	SLOT(mmu.pud_val), SLOT(mmu.make_pud), SLOT(mmu.p4d_val), SLOT(mmu.make_p4d),
	SLOT(mmu.lazy_enter), SLOT(mmu.lazy_leave), SLOT(mmu.lazy_flush),
	SLOT(time.sched_clock), SLOT(time.steal_clock),
	SLOT(lock.wait), SLOT(lock.kick), SLOT(lock.vcpu_is_preempted),
};

const char *paravirt_slot_name(unsigned int type)
{
	return type < PV_NR_SLOTS && slot_names[type] ? slot_names[type] : "?";
}
