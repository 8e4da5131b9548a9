// SPDX-License-Identifier: GPL-2.0
/*
 * pv_ops and its native child.  pv_ops starts out native (statically, so
 * the first instruction of C code may already use it); paravirt_init()
 * picks the child once, early: by boot entry and CPUID hypervisor leaves,
 * overridden by paravirt=native.  Children install their const tables
 * group by group here, before paravirt_patch_all() rewrites the sites.
 *
 * Invariants: no slot of pv_ops is ever NULL (a slot a child leaves NULL
 * inherits native's, so no site can become `call 0`); after patching
 * pv_ops is read-only (it is __ro_after_init), and a later install writes
 * it through ro_after_init_write() only.
 */
#define pr_fmt(fmt) "paravirt: " fmt

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <asm/paravirt.h>
#include <asm/special_insns.h>
#include <asm/irqflags.h>
#include <asm/msr.h>
#include <asm/processor.h>
#include <asm/desc.h>
#include <asm/tlbflush.h>
#include <asm/pgtable.h>
#include <asm/io.h>
#include <asm/tsc.h>
#include <asm/vmi.h>
#include "paravirt_native.h"


/* Out-of-line forms of the native inlines, for the normal-call slots. */
static int pv_native_read_msr_safe(u32 msr, u64 *v) { return native_read_msr_safe(msr, v); }
static int pv_native_write_msr_safe(u32 msr, u64 v) { return native_write_msr_safe(msr, v); }

/*
 * The native tables, once as initializers: pv_ops is statically native
 * and the const group tables are what paravirt=native re-installs.
 */
#define NATIVE_INIT_OPS { .patch = paravirt_patch_default }
#define CS(f)	__PV_IS_CALLEE_SAVE(f)
#define NATIVE_CPU_OPS {						\
	.cpuid = CS(pv_native_cpuid),					\
	.read_cr0 = CS(pv_native_read_cr0),				\
	.write_cr0 = CS(pv_native_write_cr0),				\
	.read_cr4 = CS(pv_native_read_cr4),				\
	.write_cr4 = CS(pv_native_write_cr4),				\
	.read_msr = CS(pv_native_read_msr),				\
	.write_msr = CS(pv_native_write_msr),				\
	.read_msr_safe = pv_native_read_msr_safe,			\
	.write_msr_safe = pv_native_write_msr_safe,			\
	.wbinvd = CS(pv_native_wbinvd),					\
	.io_delay = CS(pv_native_io_delay),				\
	.load_idt = CS(pv_native_load_idt),				\
	.load_gdt = CS(pv_native_load_gdt),				\
	.load_tr = CS(pv_native_load_tr),				\
	.load_sp0 = CS(pv_native_load_sp0),				\
	.iret = CS(pv_native_iret),					\
}
#define NATIVE_IRQ_OPS {						\
	.save_fl = CS(pv_native_save_fl),				\
	.irq_disable = CS(pv_native_irq_disable),			\
	.irq_enable = CS(pv_native_irq_enable),				\
	.safe_halt = CS(pv_native_safe_halt),				\
	.halt = CS(pv_native_halt),					\
}
#define NATIVE_MMU_OPS {						\
	.read_cr2 = CS(pv_native_read_cr2),				\
	.read_cr3 = CS(pv_native_read_cr3),				\
	.write_cr3 = CS(pv_native_write_cr3),				\
	.flush_tlb_user = CS(pv_native_flush_tlb_user),			\
	.flush_tlb_kernel = CS(pv_native_flush_tlb_global),		\
	.flush_tlb_one_user = CS(pv_native_flush_tlb_one),		\
	.alloc_pte = (void *)paravirt_nop,				\
	.alloc_pmd = (void *)paravirt_nop,				\
	.alloc_pud = (void *)paravirt_nop,				\
	.alloc_p4d = (void *)paravirt_nop,				\
	.release_pte = (void *)paravirt_nop,				\
	.release_pmd = (void *)paravirt_nop,				\
	.release_pud = (void *)paravirt_nop,				\
	.release_p4d = (void *)paravirt_nop,				\
	/* A new address space needs nothing more from real hardware. */ \
	.pgd_alloc = CS(pv_native_pgd_alloc),				\
	.pgd_free = (void *)paravirt_nop,				\
	.set_pte = CS(pv_native_set_entry),				\
	.set_pmd = CS(pv_native_set_entry),				\
	.set_pud = CS(pv_native_set_entry),				\
	.set_p4d = CS(pv_native_set_entry),				\
	/* The identity: %rsi in, %rsi out, nothing to do. */	\
	.pte_val = CS(paravirt_nop),					\
	.make_pte = CS(paravirt_nop),					\
	.pmd_val = CS(paravirt_nop),					\
	.make_pmd = CS(paravirt_nop),					\
	.pud_val = CS(paravirt_nop),					\
	.make_pud = CS(paravirt_nop),					\
	.p4d_val = CS(paravirt_nop),					\
	.make_p4d = CS(paravirt_nop),					\
	.lazy_enter = paravirt_nop,					\
	.lazy_leave = paravirt_nop,					\
	.lazy_flush = paravirt_nop,					\
}
#define NATIVE_TIME_OPS {						\
	.sched_clock = CS(pv_native_sched_clock),			\
	.steal_clock = CS(pv_native_steal_clock),			\
}
#define NATIVE_LOCK_OPS {						\
	/* A waiter just spins on (kernel/spinlock.c). */		\
	.wait = (void *)paravirt_nop,					\
	.kick = CS(paravirt_nop),					\
	.vcpu_is_preempted = CS(pv_native_vcpu_is_preempted),		\
}

/* Read-only once patched (mark_ro_after_init): only the installer writes it. */
struct paravirt_patch_template pv_ops __ro_after_init = {
	.init = NATIVE_INIT_OPS,
	.cpu = NATIVE_CPU_OPS,
	.irq = NATIVE_IRQ_OPS,
	.mmu = NATIVE_MMU_OPS,
	.time = NATIVE_TIME_OPS,
	.lock = NATIVE_LOCK_OPS,
};

/* The patcher inlines a template only where a slot still holds these. */
const struct paravirt_patch_template pv_native_ops = {
	.init = NATIVE_INIT_OPS,
	.cpu = NATIVE_CPU_OPS,
	.irq = NATIVE_IRQ_OPS,
	.mmu = NATIVE_MMU_OPS,
	.time = NATIVE_TIME_OPS,
	.lock = NATIVE_LOCK_OPS,
};

static const struct pv_child native_child = {
	.name = "native",
	.init = &pv_native_ops.init,
	.cpu = &pv_native_ops.cpu,
	.irq = &pv_native_ops.irq,
	.mmu = &pv_native_ops.mmu,
	.time = &pv_native_ops.time,
	.lock = &pv_native_ops.lock,
};

const char *pv_child_name = "native";
bool pv_patching_disabled;
static char pv_forced[16];
static const char *pv_pending_child;
static const struct pv_child *pv_entry_child;
static char hypervisor_sig[13];

static int __init nopvpatch_setup(const char *val)
{
	pv_patching_disabled = true;
	return 0;
}
__setup("nopvpatch", nopvpatch_setup);

static int __init paravirt_setup(const char *val)
{
	if (strcmp(val, "native"))
		return -1;
	strscpy(pv_forced, val, sizeof(pv_forced));
	return 0;
}
__setup("paravirt=", paravirt_setup);

/* Each group of a child, as a run of slots of the table. */
#define PV_GROUP(g)	{ offsetof(struct pv_child, g), PARAVIRT_PATCH(g),	\
			  sizeof(pv_ops.g) / sizeof(void *) }
static const struct {
	size_t member;		/* the group's pointer in struct pv_child */
	unsigned int first, nr;	/* its slots */
} pv_groups[] = {
	PV_GROUP(init), PV_GROUP(cpu), PV_GROUP(irq), PV_GROUP(mmu),
	PV_GROUP(time), PV_GROUP(lock),
};

unsigned int paravirt_build_child(struct paravirt_patch_template *dst,
				  const struct pv_child *c)
{
	void *const *native = (void *const *)&pv_native_ops;
	void **d = (void **)dst;
	unsigned int g, i, inherited = 0;

	for (g = 0; g < ARRAY_SIZE(pv_groups); g++) {
		void *const *src = *(void *const *const *)((const char *)c +
							   pv_groups[g].member);

		for (i = 0; src && i < pv_groups[g].nr; i++) {
			unsigned int slot = pv_groups[g].first + i;

			if (src[i]) {
				d[slot] = src[i];
				continue;
			}
			d[slot] = native[slot];
			inherited++;
			pr_info("child %s has no %s: native's kept\n", c->name,
				paravirt_slot_name(slot));
		}
	}
	return inherited;
}

/* Whole, through the write alias once pv_ops is read-only. */
static void pv_ops_write(const struct paravirt_patch_template *next)
{
	ro_after_init_write(&pv_ops, next, sizeof(pv_ops));
}

void paravirt_install_child(const struct pv_child *c)
{
	struct paravirt_patch_template next = pv_ops;

	paravirt_build_child(&next, c);
	pv_ops_write(&next);
	pv_child_name = c->name;
}

void paravirt_set_entry_child(const struct pv_child *c)
{
	paravirt_install_child(c);
	pv_entry_child = c;
}

/*
 * Group by group, whose slots pv_ops holds now: "native" where the group
 * is native's slot for slot, else the child's name.  Read from the table
 * itself, not from what the child asked for.
 */
static const char *const pv_group_names[] = {
	"init", "cpu", "irq", "mmu", "time", "lock",
};

static void __init paravirt_print_groups(void)
{
	void *const *cur = (void *const *)&pv_ops;
	void *const *native = (void *const *)&pv_native_ops;
	unsigned int g;

	BUILD_BUG_ON(ARRAY_SIZE(pv_group_names) != ARRAY_SIZE(pv_groups));
	printk(KERN_INFO "paravirt: groups:");
	for (g = 0; g < ARRAY_SIZE(pv_groups); g++) {
		unsigned int first = pv_groups[g].first;
		bool same = !memcmp(cur + first, native + first,
				    pv_groups[g].nr * sizeof(void *));

		pr_cont(" %s %s", pv_group_names[g], same ? "native" : pv_child_name);
	}
	pr_cont("\n");
}

/* The CPUID hypervisor leaf's vendor, if CPUID says there is one. */
static void __init detect_hypervisor(void)
{
	struct cpuid_regs r;

	cpuid_count(1, 0, &r);
	if (!(r.ecx & (1U << 31)))
		return;
	cpuid_count(0x40000000, 0, &r);
	memcpy(hypervisor_sig, &r.ebx, 4);
	memcpy(hypervisor_sig + 4, &r.ecx, 4);
	memcpy(hypervisor_sig + 8, &r.edx, 4);
}

/*
 * Choose the child, once: the boot entry's (Xen PV), else native, or
 * the VMI-like ROM's if one is found and paravirt=native does not say no.
 */
void __init paravirt_init(void)
{
	detect_hypervisor();
	if (pv_entry_child) {
		if (pv_forced[0])
			pr_warn("paravirt=%s ignored: the %s entry needs its child\n",
				pv_forced, pv_entry_child->name);
		pr_info("child %s (from the boot entry; CPUID hypervisor: %s)%s\n",
			pv_child_name, hypervisor_sig[0] ? hypervisor_sig : "none",
			pv_patching_disabled ? ", call sites left unpatched (nopvpatch)" : "");
		paravirt_print_groups();
		return;
	}
	paravirt_install_child(&native_child);
	if (pv_forced[0])
		pr_info("child forced by paravirt=%s: any VMI ROM is ignored\n", pv_forced);
	else if (vmi_detect())
		pv_pending_child = "vmi";
	pr_info("child %s (CPUID hypervisor: %s)%s\n", pv_pending_child ?: pv_child_name,
		hypervisor_sig[0] ? hypervisor_sig : "none",
		pv_patching_disabled ? ", call sites left unpatched (nopvpatch)" : "");
}

/*
 * Children that need the page allocator (to map a ROM) install here, just
 * before patching; if one cannot, the kernel stays native.
 */
void __init paravirt_activate_child(void)
{
	if (pv_pending_child && !strcmp(pv_pending_child, "vmi") && !vmi_activate())
		pr_warn("VMI ROM not activated: staying native\n");
}
