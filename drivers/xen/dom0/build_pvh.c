// SPDX-License-Identifier: GPL-2.0
/*
 * The PVH domain builder: what libxc (xg_dom_x86.c meminit_hvm,
 * alloc_magic_pages_hvm, vcpu_hvm) and libxl do for `xl create` of a
 * `type = "pvh"` kernel, done by the slim dom0 itself.
 *
 * A PVH guest is an HVM domain (HAP, no device model, only the local
 * APIC emulated) that starts in 32-bit flat protected mode with paging
 * off at the image's XEN_ELFNOTE_PHYS32_ENTRY, %ebx pointing at a struct
 * hvm_start_info (xen/include/public/arch-x86/hvm/start_info.h).  There
 * are no guest page tables to build and no pfn-to-mfn list: Xen's p2m
 * translates the guest's frames, so every frame here is a gfn, and a
 * foreign mapping of one from our PV dom0 (MMU_NORMAL_PT_UPDATE with the
 * guest as foreign domain) is translated by Xen (mm.c, mod_l1_entry:
 * get_page_from_gfn of a translated pg_owner).
 *
 * Guest-physical layout (invariant, as the memory map says):
 *   [0, nr_pages)            RAM: the image at its p_paddr, start_info
 *                            (with its memory map and command line) on
 *                            the first page after the image
 *   nr_pages, nr_pages + 1   the xenstore and console rings, reserved,
 *                            published by HVM_PARAM_STORE_PFN/EVTCHN and
 *                            HVM_PARAM_CONSOLE_PFN/EVTCHN (how a PVH
 *                            guest finds them: it has no PV start_info)
 *   nr_pages + 2             ACPI tables (build_pvh_acpi.c), type ACPI,
 *                            the RSDP first (start_info's rsdp_paddr)
 *
 * vCPU 0's registers go in as an HVM context record (CPU), with the
 * header Xen gave us, as vcpu_hvm does; MTRRs on, write-back default,
 * on every vCPU.  It stays paused: services.c attaches its console,
 * xenstore and disk, then unpauses it.  Any refusal is reported by the
 * wrapper that met it and the domain is destroyed.
 */
#define __XEN_TOOLS__ 1		/* domctl.h, hvm/save.h: we are a toolstack */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/mm.h>
#include <asm/page.h>
#include <asm/processor-flags.h>
#include <asm/xen/hypercall.h>
#include <xen/interface/xen.h>
#include <xen/interface/memory.h>
#include <xen/interface/hvm/hvm_op.h>
#include <xen/interface/hvm/params.h>
#include <xen/interface/hvm/save.h>
#include <xen/interface/arch-x86/hvm/start_info.h>
#include <xen/foreign.h>
#include "build.h"
#include "guest.h"

#define BATCH		512		/* gfns per populate call and per mapping */
#define NR_SPECIAL	3		/* xenstore, console, ACPI tables */
#define E820_RAM	1
#define E820_RESERVED	2
#define E820_ACPI	3
/* Architectural reset values (SDM vol. 3, 17.2): what vcpu_hvm sets. */
#define DR6_RESET	0xffff0ff0UL
#define DR7_RESET	0x00000400UL
/* SDM vol. 3, 11.11: IA32_MTRR_DEF_TYPE's enable bit and the WB type. */
#define MTRR_TYPE_WB	6
#define MTRR_DEF_ENABLE	(1UL << 11)
/* libxl_get_required_shadow_memory(): KiB of p2m pool per vCPU and per MiB. */
#define POOL_KB_PER_VCPU	(4 * 256)
#define POOL_KB_PER_MB		(4 * 2)

/* start_info's page(s): the structure, then the map, then the command line. */
struct pvh_boot {
	struct hvm_start_info si;
	struct hvm_memmap_table_entry map[3];
};

/* Builds are serial (services.c, the test): one batch buffer for all. */
static xen_pfn_t batch[BATCH];
static u8 acpi_page[PAGE_SIZE];

static int populate(struct dom0_guest *g, xen_pfn_t first, unsigned long n)
{
	unsigned long i, k;

	for (i = 0; i < n; i += BATCH) {
		struct xen_memory_reservation r = {
			.nr_extents = min(n - i, (unsigned long)BATCH),
			.extent_order = 0,
			.domid = g->domid,
		};
		long got;

		for (k = 0; k < r.nr_extents; k++)
			batch[k] = first + i + k;
		set_xen_guest_handle(r.extent_start, batch);
		got = HYPERVISOR_memory_op(XENMEM_populate_physmap, &r);
		if (got != (long)r.nr_extents) {
			pr_err("dom0: XENMEM_populate_physmap for d%u at gfn %#lx: %s\n", g->domid,
			       (unsigned long)(first + i + max(got, 0L)),
			       got < 0 ? xen_errname(got) : "short (out of memory)");
			return got < 0 ? got : -ENOMEM;
		}
	}
	return 0;
}

/*
 * Copy @len bytes of @src (NULL: zeros) to guest-physical @pa, through
 * foreign mappings of at most BATCH pages at a time.
 */
static int write_phys(struct dom0_guest *g, u64 pa, const void *src, u64 len)
{
	while (len) {
		unsigned long first = PFN_DOWN(pa), n, k;
		u64 off = pa & ~PAGE_MASK, chunk;
		void *va;
		int err;

		n = min((u64)PFN_UP(off + len), (u64)BATCH);
		chunk = min(len, PFN_PHYS((u64)n) - off);
		for (k = 0; k < n; k++)
			batch[k] = first + k;
		va = xen_map_foreign(g->domid, batch, n, true, &err);
		if (!va)
			return err;
		if (src)
			memcpy(va + off, src, chunk);
		else
			memset(va + off, 0, chunk);
		xen_unmap_foreign(va, n);
		pa += chunk;
		len -= chunk;
		if (src)
			src += chunk;
	}
	return 0;
}

static int load_image(struct dom0_guest *g, const void *image, const struct dom0_elf *e)
{
	unsigned int i;
	int rc = 0;

	for (i = 0; i < e->nr_segs && !rc; i++) {
		const struct dom0_elf_seg *s = &e->seg[i];

		rc = write_phys(g, s->paddr, image + s->offset, s->filesz);
		if (!rc)
			rc = write_phys(g, s->paddr + s->filesz, NULL, s->memsz - s->filesz);
	}
	return rc;
}

static int set_param(struct dom0_guest *g, u32 index, u64 value, const char *name)
{
	struct xen_hvm_param p = { .domid = g->domid, .index = index, .value = value };
	long rc = _hypercall2(__HYPERVISOR_hvm_op, HVMOP_set_param, (unsigned long)&p);

	if (rc)
		pr_err("dom0: HVMOP_set_param %s of d%u: %s\n", name, g->domid, xen_errname(rc));
	return rc;
}

static int set_memory_map(struct dom0_guest *g, const struct hvm_memmap_table_entry *map)
{
	/* XENMEM_set_memory_map takes struct e820entry's packed layout. */
	struct e820 { u64 addr, size; u32 type; } __packed entry[3];
	struct xen_foreign_memory_map fmap = { .domid = g->domid, .map.nr_entries = 3 };
	unsigned int i;
	long rc;

	for (i = 0; i < 3; i++) {
		entry[i].addr = map[i].addr;
		entry[i].size = map[i].size;
		entry[i].type = map[i].type;
	}
	set_xen_guest_handle(fmap.map.buffer, entry);
	rc = HYPERVISOR_memory_op(XENMEM_set_memory_map, &fmap);
	if (rc)
		pr_err("dom0: XENMEM_set_memory_map for d%u: %s\n", g->domid, xen_errname(rc));
	return rc;
}

/* start_info, its map and command line at @pa (the page after the image). */
static int write_start_info(struct dom0_guest *g, u64 pa, const char *cmdline, size_t cmd_len)
{
	struct pvh_boot b;
	int rc;

	memset(&b, 0, sizeof(b));
	b.map[0].addr = 0;
	b.map[0].size = PFN_PHYS((u64)g->nr_pages);
	b.map[0].type = E820_RAM;
	b.map[1].addr = PFN_PHYS((u64)g->nr_pages);
	b.map[1].size = PFN_PHYS(2ULL);
	b.map[1].type = E820_RESERVED;
	b.map[2].addr = PFN_PHYS((u64)g->nr_pages + 2);
	b.map[2].size = PAGE_SIZE;
	b.map[2].type = E820_ACPI;
	b.si.rsdp_paddr = b.map[2].addr;	/* the RSDP opens the page */
	b.si.magic = XEN_HVM_START_MAGIC_VALUE;
	b.si.version = 1;
	b.si.cmdline_paddr = pa + sizeof(b);
	b.si.memmap_paddr = pa + offsetof(struct pvh_boot, map);
	b.si.memmap_entries = ARRAY_SIZE(b.map);
	rc = set_memory_map(g, b.map);
	if (!rc)
		rc = write_phys(g, pa, &b, sizeof(b));
	if (!rc)
		rc = write_phys(g, pa + sizeof(b), cmdline, cmd_len);
	if (!rc)
		rc = write_phys(g, pa + sizeof(b) + cmd_len, "", 1);
	return rc;
}

/* The first record of @type, instance @inst, in a context blob of @size bytes. */
static void *find_record(u8 *blob, u32 size, u16 type, u16 inst, u32 len)
{
	u32 off = 0;

	while (size - off >= sizeof(struct hvm_save_descriptor)) {
		struct hvm_save_descriptor d;

		memcpy(&d, blob + off, sizeof(d));
		off += sizeof(d);
		if (d.length > size - off)
			return NULL;
		if (d.typecode == type && d.instance == inst)
			return d.length == len ? blob + off : NULL;
		if (d.typecode == HVM_SAVE_CODE(END))
			return NULL;
		off += d.length;
	}
	return NULL;
}

/* Header, one record, end: what sethvmcontext takes for a partial load. */
struct bsp_ctx {
	struct hvm_save_descriptor header_d;
	HVM_SAVE_TYPE(HEADER) header;
	struct hvm_save_descriptor cpu_d;
	HVM_SAVE_TYPE(CPU) cpu;
	struct hvm_save_descriptor end_d;
	HVM_SAVE_TYPE(END) end;
};

struct mtrr_ctx {
	struct hvm_save_descriptor header_d;
	HVM_SAVE_TYPE(HEADER) header;
	struct hvm_save_descriptor mtrr_d;
	HVM_SAVE_TYPE(MTRR) mtrr;
	struct hvm_save_descriptor end_d;
	HVM_SAVE_TYPE(END) end;
};

static struct bsp_ctx bsp;
static struct mtrr_ctx mtrr;

static int start_vcpus(struct dom0_guest *g, unsigned int vcpus, u64 entry, u64 start_info)
{
	unsigned int order, i;
	const void *rec;
	u32 size = 0;
	u8 *blob;
	int rc;

	/* Xen's header (its CPUID, TSC rate) cannot be made up: fetch it. */
	rc = dom0_domctl_hvmcontext(g->domid, false, NULL, &size);
	if (rc)
		return rc;
	if (size < sizeof(struct hvm_save_descriptor) + HVM_SAVE_LENGTH(HEADER)) {
		pr_err("dom0: d%u's HVM context is %u bytes, no header\n", g->domid, size);
		return -EIO;
	}
	order = get_order(size);
	blob = get_zeroed_pages(order);
	if (!blob) {
		pr_err("dom0: no memory for d%u's %u-byte HVM context\n", g->domid, size);
		return -ENOMEM;
	}
	rc = dom0_domctl_hvmcontext(g->domid, false, blob, &size);
	if (rc)
		goto out;
	rec = find_record(blob, size, HVM_SAVE_CODE(MTRR), 0, HVM_SAVE_LENGTH(MTRR));
	if (((struct hvm_save_descriptor *)blob)->typecode != HVM_SAVE_CODE(HEADER) || !rec) {
		pr_err("dom0: d%u's HVM context has no header first or no MTRR record\n", g->domid);
		rc = -EIO;
		goto out;
	}
	memset(&mtrr, 0, sizeof(mtrr));
	memcpy(&mtrr.header_d, blob, sizeof(mtrr.header_d) + sizeof(mtrr.header));
	memcpy(&mtrr.mtrr, rec, sizeof(mtrr.mtrr));
	mtrr.mtrr_d.typecode = HVM_SAVE_CODE(MTRR);
	mtrr.mtrr_d.length = HVM_SAVE_LENGTH(MTRR);
	mtrr.mtrr.msr_mtrr_def_type = MTRR_TYPE_WB | MTRR_DEF_ENABLE;
	mtrr.end_d.typecode = HVM_SAVE_CODE(END);
	for (i = 0; i < vcpus && !rc; i++) {
		size = sizeof(mtrr);
		mtrr.mtrr_d.instance = i;
		rc = dom0_domctl_hvmcontext(g->domid, true, &mtrr, &size);
	}
	if (rc)
		goto out;

	/* Flat 32-bit protected mode, paging off: the PVH entry ABI. */
	memset(&bsp, 0, sizeof(bsp));
	memcpy(&bsp.header_d, blob, sizeof(bsp.header_d) + sizeof(bsp.header));
	bsp.cpu_d.typecode = HVM_SAVE_CODE(CPU);
	bsp.cpu_d.length = HVM_SAVE_LENGTH(CPU);
	bsp.cpu.cs_limit = bsp.cpu.ds_limit = bsp.cpu.es_limit = bsp.cpu.ss_limit = ~0U;
	bsp.cpu.tr_limit = 0x67;
	bsp.cpu.cs_arbytes = 0xc9b;	/* present, DPL 0, code r/x accessed, 32-bit, 4K granular */
	bsp.cpu.ds_arbytes = bsp.cpu.es_arbytes = bsp.cpu.ss_arbytes = 0xc93;	/* data r/w */
	bsp.cpu.tr_arbytes = 0x8b;	/* a busy 32-bit TSS */
	bsp.cpu.cr0 = X86_CR0_PE | X86_CR0_ET;
	bsp.cpu.rip = entry;
	bsp.cpu.rbx = start_info;
	bsp.cpu.dr6 = DR6_RESET;
	bsp.cpu.dr7 = DR7_RESET;
	bsp.end_d.typecode = HVM_SAVE_CODE(END);
	/* Last: each load puts every vCPU down, and this one brings vCPU 0 up. */
	size = sizeof(bsp);
	rc = dom0_domctl_hvmcontext(g->domid, true, &bsp, &size);
out:
	free_pages(blob, order);
	return rc;
}

int dom0_build_pvh(const void *image, size_t len, const struct dom0_guest_cfg *cfg,
		   struct dom0_guest *g)
{
	const char *cmdline = cfg->cmdline ? cfg->cmdline : "";
	size_t cmd_len = strnlen(cmdline, MAX_GUEST_CMDLINE - 1);
	u64 si_pa, si_end, pool_kb;
	struct dom0_elf e;
	const char *why;
	int rc;

	memset(g, 0, sizeof(*g));
	rc = dom0_elf_parse(image, len, &e, &why);
	if (!rc && e.phys_entry == ~0ULL) {
		why = "no XEN_ELFNOTE_PHYS32_ENTRY: not a PVH kernel";
		rc = -EINVAL;
	}
	if (rc) {
		pr_err("dom0: the guest image (%zu bytes) is refused: %s\n", len, why);
		return rc;
	}
	g->nr_pages = cfg->mem_kb >> 2;
	si_pa = e.pend;
	si_end = si_pa + sizeof(struct pvh_boot) + cmd_len + 1;
	if (si_end > PFN_PHYS((u64)g->nr_pages) || g->nr_pages + NR_SPECIAL > (1UL << 20)) {
		pr_err("dom0: a PVH guest of %lu pages below 4 GiB cannot hold its image and start_info (to %#llx)\n",
		       g->nr_pages, (unsigned long long)si_end);
		return -ENOMEM;
	}

	rc = dom0_domctl_create_pvh(cfg->vcpus, &g->domid);
	if (rc) {
		g->domid = 0;
		goto fail;
	}
	pool_kb = POOL_KB_PER_VCPU * cfg->vcpus + POOL_KB_PER_MB * (cfg->mem_kb >> 10);
	rc = dom0_domctl_paging_pool(g->domid, pool_kb << 10);
	if (!rc)
		rc = dom0_domctl_max_vcpus(g->domid, cfg->vcpus);
	/* libxl's slack, which also covers the special pages. */
	if (!rc)
		rc = dom0_domctl_max_mem(g->domid, cfg->mem_kb + 1024);
	if (!rc)
		rc = populate(g, 0, g->nr_pages);
	if (!rc)
		rc = populate(g, g->nr_pages, NR_SPECIAL);
	if (!rc)
		rc = dom0_alloc_port(g, &g->store_port);
	if (!rc)
		rc = dom0_alloc_port(g, &g->console_port);
	if (rc)
		goto fail;
	g->store_mfn = g->nr_pages;
	g->console_mfn = g->nr_pages + 1;
	/* The rings are read by both sides before either writes: zeroed. */
	rc = write_phys(g, PFN_PHYS((u64)g->nr_pages), NULL, PFN_PHYS(2ULL));
	rc = rc ?: dom0_pvh_acpi(acpi_page, sizeof(acpi_page), PFN_PHYS((u64)g->nr_pages + 2),
				 cfg->vcpus);
	rc = rc ?: write_phys(g, PFN_PHYS((u64)g->nr_pages + 2), acpi_page, sizeof(acpi_page));
	rc = rc ?: set_param(g, HVM_PARAM_STORE_PFN, g->store_mfn, "STORE_PFN");
	rc = rc ?: set_param(g, HVM_PARAM_STORE_EVTCHN, g->store_port, "STORE_EVTCHN");
	rc = rc ?: set_param(g, HVM_PARAM_CONSOLE_PFN, g->console_mfn, "CONSOLE_PFN");
	rc = rc ?: set_param(g, HVM_PARAM_CONSOLE_EVTCHN, g->console_port, "CONSOLE_EVTCHN");
	rc = rc ?: load_image(g, image, &e);
	rc = rc ?: write_start_info(g, si_pa, cmdline, cmd_len);
	rc = rc ?: start_vcpus(g, cfg->vcpus, e.phys_entry, si_pa);
	if (rc)
		goto fail;
	pr_info("dom0: built d%u: PVH, %lu pages, %s kernel at %#llx-%#llx, entry %#llx, start_info %#llx\n",
		g->domid, g->nr_pages, e.guest_os[0] ? e.guest_os : "a", e.pstart, e.pend,
		e.phys_entry, si_pa);
	return 0;
fail:
	pr_err("dom0: building the PVH guest failed (%d): %s\n", rc,
	       g->domid ? "its domain is destroyed" : "no domain was made");
	dom0_guest_destroy(g);
	return rc ? rc : -EIO;
}
