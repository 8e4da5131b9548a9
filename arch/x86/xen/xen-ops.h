/* SPDX-License-Identifier: GPL-2.0 */
/* Shared inside the Xen child (arch/x86/xen): not an interface for others. */
#ifndef _XEN_OPS_H
#define _XEN_OPS_H

#include <linux/types.h>
#include <asm/paravirt_types.h>
#include <asm/cpuid_types.h>
#include <asm/percpu.h>
#include <asm/traps.h>
#include <xen/interface/xen.h>

#include <asm/xen/hypervisor.h>
#include <asm/xen/page.h>
#include <xen/manage.h>

/* vcpu_info (enlighten.c): a dummy until registered in the CPU's per-CPU area. */
void xen_vcpu_register(void);
long xen_vcpu_register_cpu(unsigned int cpu);
/* The virtual IDT's 32 exception vectors, entry v for vector v. */
struct trap_info;
void xen_fill_traps(struct trap_info *traps);
/*
 * What PV and PVH secondary vCPUs share (smp.c): Xen's vCPU count (the
 * number of CPUs to start, or -errno; sets smp_cpus_listed, cpus_wanted
 * and xen_vcpu_id), the call-function IPI on event channels (CPU 0's
 * port bound by init, each other CPU's by that CPU) and its ports (-1:
 * none).
 */
int xen_smp_find_vcpus(unsigned int max_cpus);
void xen_smp_ipi_init(void);
int xen_bind_call_func_ipi(unsigned int cpu);
int xen_call_func_ipi_port(unsigned int cpu);
/* Up with the context @build wrote to @ctxt (smp.c; PV's and PVH's). */
int xen_vcpu_bring_up(unsigned int cpu, void (*build)(unsigned int cpu), void *ctxt,
		      const char *what);
/* Secondary vCPUs (smp_pv.c): x86_platform.smp_prepare and cpu_up. */
int xen_pv_smp_prepare(unsigned int max_cpus);
int xen_pv_cpu_up(unsigned int cpu);
/* ... and a PVH guest's (smp_pvh.c), with x86_platform.ap_init. */
int xen_pvh_smp_prepare(unsigned int max_cpus);
int xen_pvh_cpu_up(unsigned int cpu);
void xen_pvh_ap_init(unsigned int cpu);
/* ... and an HVM guest's (smp_hvm.c): native INIT-SIPI, Xen's per-vCPU set-up around it. */
int xen_hvm_smp_prepare(unsigned int max_cpus);
int xen_hvm_cpu_up(unsigned int cpu);
void xen_hvm_ap_init(unsigned int cpu);
void xen_cpu_inherit_cr3(unsigned int cpu, u64 *l4_mfn, u64 *user_l4_mfn);
void xen_flush_tlb_others(unsigned long vcpus, unsigned long start, unsigned long end);
int xen_timer_secondary_init(unsigned int cpu);
/* @cpu's VIRQ_TIMER port (-1: none bound). */
int xen_timer_port(unsigned int cpu);
/*
 * Paravirt spinlocks (spinlock.c): installed by smp_prepare for more than
 * one CPU (not with xen_nopvspin); each CPU then binds its kick port.
 */
void xen_spin_init(void);
int xen_spin_cpu_init(unsigned int cpu);
bool xen_pvspin_enabled(void);
int xen_spin_kick_port(unsigned int cpu);	/* -1 if none */
struct arch_spinlock *xen_spin_waiting_on(unsigned int cpu);	/* its record */
void xen_spin_unlock_kick(struct arch_spinlock *lock);
extern unsigned long xen_lock_waiters;
struct xen_spin_stats {
	unsigned long blocked;		/* polls entered */
	unsigned long spurious;		/* polls that returned unserved */
	unsigned long kicks;		/* kicks sent */
};
DECLARE_PER_CPU(struct xen_spin_stats, xen_spin_stats);
/* This CPU's copy, which the direct irq ops of xen-asm.S address by %gs. */
DECLARE_PER_CPU(struct vcpu_info, xen_vcpu_info);

extern const struct pv_irq_ops xen_irq_ops;
extern const struct pv_mmu_ops xen_mmu_ops;
extern const struct pv_time_ops xen_time_ops;

/*
 * CPUID (enlighten_pv.c): Xen's policy for this domain through the
 * forced-emulation prefix; the child hides what PV cannot use on top.
 */
void xen_cpuid_policy(u32 leaf, u32 subleaf, struct cpuid_regs *r);

/*
 * pvclock (time.c): ns of Xen system time, never going back; the TSC
 * rate it implies; the ABI's scaling, ((delta << shift) * mul) >> 32.
 */
u64 xen_clocksource_read(void);
/* The last value xen_clocksource_read() returned: the clamp (a test moves it). */
extern u64 xen_pvclock_last;
extern u64 xen_clock_offset;	/* the pvclock at boot: sched_clock()'s zero */
u64 xen_pvclock_scale(u64 delta, u32 mul, s8 shift);
u64 xen_tsc_khz(void);
struct vcpu_runstate_info;
const struct vcpu_runstate_info *xen_runstate(void);
const struct vcpu_runstate_info *xen_runstate_cpu(unsigned int cpu);
/* Give Xen this vCPU's runstate area (each vCPU, as it comes up): 0 or Xen's error. */
long xen_runstate_register(void);
void xen_time_early_init(void);
void xen_clock_init(void);
void xen_timer_init(void);
void xen_timer_stop(void);

/*
 * The tick's single-shot timer.  Xen fires a timer up to its timer_slop
 * early (xen/common/timer.c, default 50 us): within that, a tick is due.
 */
#define XEN_TIMER_SLOP_NS	50000
bool xen_tick_due(u64 now, u64 deadline);

/* How punctual Xen was (tests read it). */
struct xen_timer_stats {
	unsigned long armed, fired;
	s64 min_late_ns, max_late_ns;	/* fired - deadline, pvclock */
	unsigned long late_ticks;	/* fired more than a tick late */
};
extern struct xen_timer_stats xen_timer_stats;

/* Pseudo-physical <-> machine frames (p2m.c; pfn_to_mfn() in asm/xen/page.h). */
/*
 * P2M values may carry a marker, as Linux's do: IDENTITY_FRAME(pfn) for a
 * pfn that is not RAM (device, firmware, hole), mapped 1:1 to the machine
 * frame of the same number.  pfn_to_mfn() strips it.
 */
#define XEN_IDENTITY_FRAME_BIT	62
#define XEN_IDENTITY_FRAME(pfn)	((pfn) | (1UL << XEN_IDENTITY_FRAME_BIT))
#define XEN_FRAME_MARKERS	(1UL << XEN_IDENTITY_FRAME_BIT)
/* Pfns [start, end) read their frames from mfn_list[slot ...]. */
struct xen_p2m_run {
	unsigned long start, end, slot;
};
struct xen_pfn_range {
	unsigned long start, end;
};
#define XEN_P2M_MAX_RUNS	64
/* p2m.c's layout: its runs, the one the last lookup hit, the slots. */
extern struct xen_p2m_run xen_p2m_runs[XEN_P2M_MAX_RUNS];
extern unsigned int xen_p2m_hint;
extern unsigned long *xen_p2m_list;

/*
 * The P2M value of @pfn if it is in the run the last lookup hit (one
 * compare for [start, end): below start wraps to a huge offset); false
 * otherwise, for __pfn_to_mfn().  Inline for the paths that must not call.
 */
static __always_inline bool xen_p2m_hint_lookup(unsigned long pfn, unsigned long *v)
{
	const struct xen_p2m_run *r = &xen_p2m_runs[READ_ONCE(xen_p2m_hint)];

	if (pfn - r->start >= r->end - r->start)
		return false;
	*v = READ_ONCE(xen_p2m_list[r->slot + (pfn - r->start)]);
	return true;
}
unsigned long __pfn_to_mfn(unsigned long pfn);
u64 virt_to_machine(const void *va);
unsigned long xen_m2p_frames(void);
void xen_p2m_init(void);
void xen_p2m_use_direct_map(void);
int xen_p2m_set_layout(const struct xen_p2m_run *r, unsigned int nr,
		       const struct xen_pfn_range *ram, unsigned int nr_ram);
void xen_m2p_set(unsigned long slot, unsigned long pfn);
/* Slots for the extra pfns (asm/xen/page.h), all XEN_INVALID_MFN. */
void xen_p2m_extra_init(unsigned long *store);
long xen_p2m_release(unsigned long slot, unsigned long n);

/*
 * dom0's pseudo-physical layout over the host's machine map (memmap.c):
 * fills @map with it and sets the P2M to match.
 */
struct e820_table;
void xen_memory_layout(struct e820_table *map);

/* Page-table pages and entry ops (mmu_pv.c). */
void xen_mmu_init(u64 pt_base_pa);
void xen_pt_bitmap_init(unsigned long nr_pfns);
u64 xen_make_pte_c(u64 v);		/* make_pte the C way (tests) */
/* mmu_pv.c's page-table bitmap, read by xen-asm.S's make_pte as well. */
extern unsigned long *xen_pt_bitmap;
extern unsigned long xen_pt_bitmap_pfns;
void xen_mark_pagetable(unsigned long pfn, bool on);
void xen_set_page_ro(unsigned long pfn, bool ro);
/* After the switch to our own tables: Xen's initial L4 is unpinned. */
void xen_unpin_initial_tables(void);
/* The user-mode L4 of the address space @pgd (0: none). */
unsigned long xen_user_pgd_pfn(const void *pgd);
/* Entries make_pte & co. could not translate (no machine frame): 0. */
extern unsigned long xen_bad_entries;

/* Memory set-up on Xen's initial tables (setup.c). */
extern u64 xen_direct_mapped_end;
void xen_early_direct_map(void);
void xen_paging_init(void);
void xen_fill_boot_info(void);
u64 xen_mapped_limit(void);
u64 xen_reserved_limit(void);

/*
 * This CPU's queue of MMU requests (multicalls.c), sent in program order.
 * Each call returns how many requests Xen refused in what it sent (each
 * one reported and counted).  @defer: lazy mode may keep it queued.
 */
#define XEN_MMU_BATCH	256
#define XEN_MMUEXT_BATCH	32
#define XEN_MC_BATCH		16

/*
 * One CPU's queue: its requests, the runs that name them, Xen's counts.
 * Only multicalls.c touches it; the inline calls below read whether it
 * is empty and unheld.
 */
struct xen_mc_queue {
	struct mmu_update mmu[XEN_MMU_BATCH];
	struct mmuext_op ext[XEN_MMUEXT_BATCH];
	struct multicall_entry mc[XEN_MC_BATCH];
	unsigned int done[XEN_MC_BATCH];	/* Xen's count, per run */
	unsigned int nr_mmu, nr_ext, nr_mc;
	unsigned int hold;		/* xen_batch_begin() depth */
	unsigned int held_refused;	/* refusals in the open batch's flushes */
	/*
	 * The page-table page the last lazy entry write went to, and its
	 * machine address (0: none), for xen_set_pte_lazy().  Valid within
	 * one lazy section between two flushes: forgotten at each.
	 */
	unsigned long pt_va;
	u64 pt_ma;
};
DECLARE_PER_CPU(struct xen_mc_queue, xen_mc_queue);

unsigned int xen_queue_va_mapping(unsigned long va, u64 pte, unsigned long uvmf, bool defer);
unsigned int xen_flush_batch(void);
/* Send what is queued in between as one batch; interrupts off within. */
unsigned long xen_batch_begin(void);
unsigned int xen_batch_end(unsigned long flags);
/* Lazy MMU mode: its flag (per CPU), and whether it applies here (not in an IRQ). */
DECLARE_PER_CPU(bool, xen_lazy_mmu);
static inline bool xen_lazy_mmu_now(void)
{
	return this_cpu_read(xen_lazy_mmu) && !in_interrupt();
}

/*
 * A request that would be flushed at once and alone (no batch open,
 * nothing queued, not deferred) is the whole flush: it goes from the
 * caller's stack as its own hypercall (xen_*_alone), without the queue's
 * runs, Xen's done count or interrupts off.  Nothing shared is touched
 * until it is sent: a handler that comes in between sends its own
 * requests at once and leaves the queue as empty as it found it, so the
 * order stays program order.  Tested here, inline, so that neither kind
 * pays a call for the other's sake.
 */
static __always_inline bool xen_mc_alone(bool defer)
{
	return !this_cpu_read(xen_mc_queue.nr_mc) && !this_cpu_read(xen_mc_queue.hold) &&
	       !(defer && xen_lazy_mmu_now());
}

/*
 * set_pte in lazy mode, in place (xen_set_pte_direct in xen-asm.S calls
 * it with the set_pte slot's registers): appended to the queue's open
 * mmu_update run when the entry is in the page table the last one went
 * to, with no call, no thunk and no translation; false for anything
 * else, which takes the C path.  Saves every register it uses.
 */
bool __attribute__((no_caller_saved_registers)) xen_set_pte_lazy(void *ptep, u64 val);
void xen_mc_note_table(unsigned long va, u64 ma);
unsigned int xen_mmu_update_alone(u64 ptr, u64 val);
unsigned int xen_mmu_update_queued(u64 ptr, u64 val, bool defer);
unsigned int xen_mmuext_alone(const struct mmuext_op *op);
unsigned int xen_mmuext_queued(const struct mmuext_op *op, bool defer);

static __always_inline unsigned int xen_queue_mmu_update(u64 ptr, u64 val, bool defer)
{
	if (xen_mc_alone(defer))
		return xen_mmu_update_alone(ptr, val);
	return xen_mmu_update_queued(ptr, val, defer);
}

static __always_inline unsigned int xen_queue_mmuext(const struct mmuext_op *op, bool defer)
{
	if (xen_mc_alone(defer))
		return xen_mmuext_alone(op);
	return xen_mmuext_queued(op, defer);
}
void xen_lazy_enter(void);
void xen_lazy_leave(void);

struct xen_mmu_refusal {
	const char *what;		/* "mmu_update", "mmuext_op", ... */
	long err;			/* Xen's error */
	unsigned int index, n;		/* the request Xen stopped at, of n */
	u64 a, b;			/* ptr and val, or cmd and mfn, or va and pte */
};

struct xen_mmu_stats {
	unsigned long queued;		/* requests that went through the queue */
	unsigned long flushes;		/* traps that sent a non-empty queue */
	/* (requests sent alone, xen_mc_alone(), are in neither count) */
	unsigned long refused;		/* requests Xen refused: must stay 0 */
	unsigned long expect;		/* refusals a test is about to cause */
	unsigned long expected;		/* ...and those it caused */
	struct xen_mmu_refusal last;	/* the latest refusal of either kind */
};
/* Per CPU: each CPU's queue counts its own (a test reads its CPU's). */
DECLARE_PER_CPU(struct xen_mmu_stats, xen_mmu_stats);
/* The counts of every CPU added up (last: left zero). */
void xen_mmu_stats_sum(struct xen_mmu_stats *sum);

/*
 * The HAP guest's Xen side (enlighten_pvh.c), shared by the PVH entry and
 * the HVM one (enlighten_hvm.c): one kind of guest to Xen.
 */
bool xen_cpu_is_amd(void);
extern const u8 xen_vmcall[], xen_vmmcall[];
unsigned int xen_patch_hypercalls(const u8 *insn);	/* the number of sites */
void xen_pvh_map_shared_info(void);
void xen_pvh_store_init(void);
void xen_pvh_paging_init(void);
void xen_pvh_timer_init(void);
void __noreturn xen_pvh_power_off(int status);
void __noreturn xen_pvh_emergency_stop(void);

#endif
