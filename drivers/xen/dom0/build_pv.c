// SPDX-License-Identifier: GPL-2.0
/*
 * The PV domain builder: what libxc's xc_dom_* and libxl do for `xl
 * create` of a PV kernel, done by the slim dom0 itself.
 *
 * The guest starts inside one virtual region, a 1:1 image of its first
 * pfns at VIRT_BASE, laid out as xen/include/public/xen.h ("start_info")
 * requires: the kernel's segments, the pfn-to-mfn list, start_info, the
 * xenstore and console rings, the bootstrap page tables (mapped read-
 * only, the rest writable), a stack page, and at least 512 KiB of slack
 * up to a 4 MiB boundary.  We write all of it through foreign mappings
 * of the new frames, drop those mappings (Xen will not validate a page
 * table we can still write), pin the top table for the guest and give
 * its vCPU 0 the entry registers.  It stays paused: its xenstore, console
 * and devices are set up first (services.c), then it is unpaused.
 *
 * Any refusal on the way is reported by the wrapper that met it, and
 * the domain is destroyed: a guest is built whole or not at all.
 */
#define __XEN_TOOLS__ 1		/* domctl.h, for struct vcpu_guest_context users */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/mm.h>
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/xen/hypercall.h>
#include <xen/interface/xen.h>
#include <xen/interface/memory.h>
#include <xen/interface/event_channel.h>
#include <xen/foreign.h>
#include "build.h"
#include "guest.h"

#define SLACK		(512UL << 10)		/* xen.h: at least this past the end */
#define REGION_ALIGN	(4UL << 20)		/* ... to a 4 MiB boundary */
/*
 * As libxc: the tables _PAGE_USER (Xen needs it on the upper levels of
 * a 64-bit PV guest), the leaves not, or Xen would take them for user
 * pages and the guest's user mode could reach its kernel's image.
 */
#define PT_PROT		(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_DIRTY)
#define L1_PROT		(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED)
#define POPULATE_BATCH	512

/* The bootstrap region, in pfns from VIRT_BASE. */
struct layout {
	u64 vbase;
	unsigned long p2m, p2m_pages;
	unsigned long start_info, store, console;
	unsigned long pt, nr_l3, nr_l2, nr_l1;
	unsigned long stack, end;
};

static unsigned long slots(u64 start, u64 end, unsigned int shift)
{
	return ((end - 1) >> shift) - (start >> shift) + 1;
}

static unsigned long nr_pt(const struct layout *l)
{
	return 1 + l->nr_l3 + l->nr_l2 + l->nr_l1;
}

/* Where each bootstrap piece goes; -ENOMEM if @nr_pages cannot hold it. */
static int plan(const struct dom0_elf *e, unsigned long nr_pages, struct layout *l)
{
	unsigned long next, end;
	int i;

	memset(l, 0, sizeof(*l));
	l->vbase = e->virt_base;
	next = PFN_UP(e->vend - e->virt_base);
	l->p2m = next;
	l->p2m_pages = PFN_UP(nr_pages * sizeof(xen_pfn_t));
	l->start_info = l->p2m + l->p2m_pages;
	l->store = l->start_info + 1;
	l->console = l->store + 1;
	l->pt = l->console + 1;
	/* The tables map the region, which grows with them: settle it. */
	for (i = 0, end = l->pt; i < 8; i++) {
		u64 vend;

		l->stack = l->pt + nr_pt(l);
		vend = ALIGN((u64)PFN_PHYS(l->stack + 1) + SLACK, REGION_ALIGN);
		end = PFN_DOWN(vend);
		vend += l->vbase;
		if (end == l->end)
			break;
		l->end = end;
		l->nr_l3 = slots(l->vbase, vend, 39);
		l->nr_l2 = slots(l->vbase, vend, 30);
		l->nr_l1 = slots(l->vbase, vend, 21);
	}
	if (l->end > nr_pages) {
		pr_err("dom0: the guest's bootstrap region needs %lu pages, it has %lu\n",
		       l->end, nr_pages);
		return -ENOMEM;
	}
	return 0;
}

static int populate(struct dom0_guest *g)
{
	unsigned long i;

	for (i = 0; i < g->nr_pages; i++)
		g->p2m[i] = i;		/* in: the pfn; out: its mfn */
	for (i = 0; i < g->nr_pages; i += POPULATE_BATCH) {
		struct xen_memory_reservation r = {
			.nr_extents = min(g->nr_pages - i, (unsigned long)POPULATE_BATCH),
			.extent_order = 0,
			.domid = g->domid,
		};
		long got;

		set_xen_guest_handle(r.extent_start, &g->p2m[i]);
		got = HYPERVISOR_memory_op(XENMEM_populate_physmap, &r);
		if (got != (long)r.nr_extents) {
			pr_err("dom0: XENMEM_populate_physmap for d%u at pfn %lu: %s\n", g->domid,
			       i + max(got, 0L), got < 0 ? xen_errname(got) : "short (out of memory)");
			return got < 0 ? got : -ENOMEM;
		}
	}
	return 0;
}

static int set_memory_map(struct dom0_guest *g)
{
	struct e820 { u64 addr, size; u32 type; } __packed entry = {
		.addr = 0, .size = PFN_PHYS((u64)g->nr_pages), .type = 1,	/* RAM */
	};
	struct xen_foreign_memory_map fmap = { .domid = g->domid, .map.nr_entries = 1 };
	long rc;

	set_xen_guest_handle(fmap.map.buffer, &entry);
	rc = HYPERVISOR_memory_op(XENMEM_set_memory_map, &fmap);
	if (rc)
		pr_err("dom0: XENMEM_set_memory_map for d%u: %s\n", g->domid, xen_errname(rc));
	return rc;
}

int dom0_alloc_port(struct dom0_guest *g, evtchn_port_t *port)
{
	struct evtchn_alloc_unbound a = { .dom = g->domid, .remote_dom = DOMID_SELF };
	long rc = HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &a);

	if (rc) {
		pr_err("dom0: EVTCHNOP_alloc_unbound for d%u: %s\n", g->domid, xen_errname(rc));
		return rc;
	}
	*port = a.port;
	return 0;
}

static void *at(void *region, const struct layout *l, unsigned long pfn)
{
	return region + PFN_PHYS(pfn);
}

static void load_image(void *region, const struct layout *l, const void *image,
		       const struct dom0_elf *e)
{
	unsigned int i;

	for (i = 0; i < e->nr_segs; i++) {
		const struct dom0_elf_seg *s = &e->seg[i];
		void *dst = region + (s->vaddr - l->vbase);

		memcpy(dst, image + s->offset, s->filesz);
		memset(dst + s->filesz, 0, s->memsz - s->filesz);
	}
}

/* Four levels over [vbase, vbase + end pages): tables at l->pt, L4 first. */
static void build_tables(void *region, const struct layout *l, const xen_pfn_t *p2m)
{
	unsigned long l3 = l->pt + 1, l2 = l3 + l->nr_l3, l1 = l2 + l->nr_l2;
	u64 *l4t = at(region, l, l->pt);
	unsigned long i;

	for (i = 0; i < l->end; i++) {
		u64 va = l->vbase + PFN_PHYS((u64)i);
		unsigned long t3 = l3 + (va >> 39) - (l->vbase >> 39);
		unsigned long t2 = l2 + (va >> 30) - (l->vbase >> 30);
		unsigned long t1 = l1 + (va >> 21) - (l->vbase >> 21);
		u64 *l3t = at(region, l, t3), *l2t = at(region, l, t2), *l1t = at(region, l, t1);
		bool table = i >= l->pt && i < l->pt + nr_pt(l);

		l4t[(va >> 39) & 511] = PFN_PHYS((u64)p2m[t3]) | PT_PROT;
		l3t[(va >> 30) & 511] = PFN_PHYS((u64)p2m[t2]) | PT_PROT;
		l2t[(va >> 21) & 511] = PFN_PHYS((u64)p2m[t1]) | PT_PROT;
		/* The guest may read its tables, never write them (xen.h). */
		l1t[(va >> 12) & 511] = PFN_PHYS((u64)p2m[i]) |
					(table ? L1_PROT & ~(u64)_PAGE_RW : L1_PROT);
	}
}

static void fill_start_info(void *region, const struct layout *l, const struct dom0_guest *g,
			    u64 shared_info_mfn, const char *cmdline)
{
	struct start_info *si = at(region, l, l->start_info);

	strscpy(si->magic, "xen-3.0-x86_64", sizeof(si->magic));
	si->nr_pages = g->nr_pages;
	si->shared_info = PFN_PHYS(shared_info_mfn);
	si->flags = 0;
	si->store_mfn = g->store_mfn;
	si->store_evtchn = g->store_port;
	si->console.domU.mfn = g->console_mfn;
	si->console.domU.evtchn = g->console_port;
	si->pt_base = l->vbase + PFN_PHYS((u64)l->pt);
	si->nr_pt_frames = nr_pt(l);
	si->mfn_list = l->vbase + PFN_PHYS((u64)l->p2m);
	strscpy((char *)si->cmd_line, cmdline ? cmdline : "", sizeof(si->cmd_line));
}

/*
 * Every vCPU starts with events masked, as libxc leaves them: Xen marks
 * events pending when the guest registers its vcpu_info, and would
 * deliver them before the guest has a callback to take them.
 */
static int init_shared_info(struct dom0_guest *g, xen_pfn_t mfn)
{
	struct shared_info *sh;
	unsigned int i;
	int err;

	sh = xen_map_foreign(g->domid, &mfn, 1, true, &err);
	if (!sh)
		return err;
	memset(sh, 0, sizeof(*sh));
	for (i = 0; i < XEN_LEGACY_MAX_VCPUS; i++)
		sh->vcpu_info[i].evtchn_upcall_mask = 1;
	xen_unmap_foreign(sh, 1);
	return 0;
}

static int pin_top(struct dom0_guest *g, const struct layout *l)
{
	struct mmuext_op op = { .cmd = MMUEXT_PIN_L4_TABLE, .arg1.mfn = g->p2m[l->pt] };
	long rc = HYPERVISOR_mmuext_op(&op, 1, NULL, g->domid);

	if (rc)
		pr_err("dom0: MMUEXT_PIN_L4_TABLE of d%u's mfn %#llx: %s\n", g->domid,
		       (unsigned long long)op.arg1.mfn, xen_errname(rc));
	return rc;
}

/* One at a time: the context is large (the trap table) and builds are serial. */
static struct vcpu_guest_context boot_ctxt;

static int start_vcpu0(struct dom0_guest *g, const struct layout *l, const struct dom0_elf *e)
{
	struct vcpu_guest_context *c = &boot_ctxt;
	u64 stack_top = l->vbase + PFN_PHYS((u64)l->stack + 1);

	memset(c, 0, sizeof(*c));
	c->flags = VGCF_in_kernel | VGCF_online;
	c->user_regs.rip = e->entry;
	c->user_regs.rsp = stack_top;
	c->user_regs.rsi = l->vbase + PFN_PHYS((u64)l->start_info);
	c->user_regs.cs = FLAT_KERNEL_CS;
	c->user_regs.ss = FLAT_KERNEL_SS;
	c->user_regs.ds = c->user_regs.es = FLAT_KERNEL_DS;
	c->user_regs.fs = c->user_regs.gs = FLAT_KERNEL_DS;
	c->user_regs.rflags = X86_EFLAGS_IF;
	c->kernel_ss = FLAT_KERNEL_SS;
	c->kernel_sp = stack_top;
	c->ctrlreg[3] = PFN_PHYS((u64)g->p2m[l->pt]);	/* xen_pfn_to_cr3 on x86-64 */
	return dom0_domctl_vcpu_context(g->domid, 0, c);
}

void dom0_guest_destroy(struct dom0_guest *g)
{
	if (g->domid) {
		dom0_domctl_destroy(g->domid);
		g->domid = 0;
	}
	if (g->p2m) {
		free_pages(g->p2m, g->p2m_order);
		g->p2m = NULL;
	}
}

int dom0_build_pv(const void *image, size_t len, const struct dom0_guest_cfg *cfg,
		  struct dom0_guest *g)
{
	struct dom0_elf e;
	struct layout l;
	const char *why;
	void *region;
	u64 shinfo;
	int rc;

	memset(g, 0, sizeof(*g));
	rc = dom0_elf_parse(image, len, &e, &why);
	if (rc) {
		pr_err("dom0: the guest image (%zu bytes) is refused: %s\n", len, why);
		return rc;
	}
	g->nr_pages = cfg->mem_kb >> 2;
	rc = plan(&e, g->nr_pages, &l);
	if (rc)
		return rc;
	g->p2m_order = get_order(g->nr_pages * sizeof(xen_pfn_t));
	g->p2m = get_zeroed_pages(g->p2m_order);
	if (!g->p2m) {
		pr_err("dom0: no memory for a %lu-page guest's frame list\n", g->nr_pages);
		return -ENOMEM;
	}

	rc = dom0_domctl_create(cfg->vcpus, &g->domid);
	if (rc) {
		g->domid = 0;
		goto fail;
	}
	rc = dom0_domctl_max_vcpus(g->domid, cfg->vcpus);
	/* libxl's slack over the memory it populates, for the guest's own use. */
	if (!rc)
		rc = dom0_domctl_max_mem(g->domid, cfg->mem_kb + 1024);
	if (!rc)
		rc = dom0_domctl_info(g->domid, NULL, NULL, &shinfo);
	if (!rc)
		rc = populate(g);
	if (!rc)
		rc = set_memory_map(g);
	if (!rc)
		rc = dom0_alloc_port(g, &g->store_port);
	if (!rc)
		rc = dom0_alloc_port(g, &g->console_port);
	if (rc)
		goto fail;
	g->store_mfn = g->p2m[l.store];
	g->console_mfn = g->p2m[l.console];

	region = xen_map_foreign(g->domid, g->p2m, l.end, true, &rc);
	if (!region)
		goto fail;
	/* Every bootstrap page, read by the guest before it writes it. */
	memset(region, 0, PFN_PHYS(l.end));
	load_image(region, &l, image, &e);
	memcpy(at(region, &l, l.p2m), g->p2m, g->nr_pages * sizeof(xen_pfn_t));
	fill_start_info(region, &l, g, shinfo, cfg->cmdline);
	build_tables(region, &l, g->p2m);
	xen_unmap_foreign(region, l.end);

	rc = init_shared_info(g, shinfo);
	if (!rc)
		rc = pin_top(g, &l);
	if (!rc && e.hypercall_page != ~0ULL) {
		rc = dom0_domctl_hypercall_init(g->domid,
						g->p2m[PFN_DOWN(e.hypercall_page - l.vbase)]);
	}
	if (!rc)
		rc = start_vcpu0(g, &l, &e);
	if (rc)
		goto fail;
	pr_info("dom0: built d%u: %lu pages, %s kernel at %#llx-%#llx, entry %#llx, region %lu pages, %lu page tables\n",
		g->domid, g->nr_pages, e.guest_os[0] ? e.guest_os : "a", e.vstart, e.vend, e.entry,
		l.end, nr_pt(&l));
	return 0;
fail:
	pr_err("dom0: building the guest failed (%d): %s\n", rc,
	       g->domid ? "its domain is destroyed" : "no domain was made");
	dom0_guest_destroy(g);
	return rc ? rc : -EIO;
}
