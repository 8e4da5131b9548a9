// SPDX-License-Identifier: GPL-2.0
/*
 * dom0's pseudo-physical memory layout, laid over the host's machine map.
 *
 * Xen populates pfns [0, nr_pages) with RAM whatever the host has there,
 * but dom0 drives the host's devices and reads its firmware tables: the
 * pseudo-physical address of a device must be its machine address, so
 * ioremap(phys) maps that very frame.  As Linux does (xen_memory_setup),
 * the pseudo-physical E820 is the host's (XENMEM_machine_memory_map):
 *
 *  - pfns in host RAM keep the RAM Xen put there;
 *  - pfns outside host RAM (holes, reserved, ACPI, NVS) are 1:1 in the
 *    P2M; the RAM pages Xen had put at those below nr_pages are moved to
 *    the first host-RAM pfns at or above nr_pages (P2M slots reassigned,
 *    M2P told with MMU_MACHPHYS_UPDATE), and given back to Xen if the
 *    host has no RAM pfns left for them;
 *  - host RAM above what we hold is absent (no frame, not in the E820).
 *
 * The one exception is where Xen loaded us: from the image to the end of
 * the bootstrap region the pfns stay RAM even if the host map disagrees
 * (that is said loudly: a device there is out of reach).  A dom0 that
 * cannot read the machine map keeps the flat [0, nr_pages).
 *
 * A domU's map is [0, nr_pages) too, unless the toolstack gave it room to
 * grow: libxl sets a one-entry XENMEM_memory_map of maxmem (plus slack).
 * The pfns from nr_pages to that end are RAM in the E820 but have no frame
 * yet: they start ballooned out (reserved here, handed to the balloon,
 * drivers/xen/balloon.c, which populates them when `xl mem-set` asks).
 * As in Linux (EXTRA_MEM_RATIO) that room is at most 10 times what Xen
 * populated: the struct pages and direct-map L1s of the extra pfns cost
 * about 1.5% of their size up front.
 */
#define pr_fmt(fmt) "xen: " fmt

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/errno.h>
#include <asm/e820.h>
#include <asm/page.h>
#include <asm/sections.h>
#include <asm/setup.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/start_info.h>
#include <xen/interface/memory.h>
#include "xen-ops.h"

/* The BIOS INT 15h E820 entry: the format XENMEM_machine_memory_map fills. */
struct bios_e820_entry {
	u64 addr, size;
	u32 type;
} __packed;

static struct bios_e820_entry host_raw[E820_MAX_ENTRIES] __initdata;
static struct e820_entry host_in[E820_MAX_ENTRIES] __initdata;
static struct e820_table host __initdata;
static struct xen_pfn_range ram[XEN_P2M_MAX_RUNS] __initdata;
static struct xen_pfn_range gaps[XEN_P2M_MAX_RUNS] __initdata;
static struct xen_p2m_run runs[XEN_P2M_MAX_RUNS] __initdata;
static unsigned int nr_ram, nr_gaps, nr_runs;

/* The host's map, sanitized: 0, or -errno after saying why. */
static int __init read_host_map(void)
{
	struct xen_memory_map mm = { .nr_entries = E820_MAX_ENTRIES };
	unsigned int i;
	long err;
	int n;

	set_xen_guest_handle(mm.buffer, host_raw);
	err = HYPERVISOR_memory_op(XENMEM_machine_memory_map, &mm);
	if (err) {
		pr_err("XENMEM_machine_memory_map: %s\n", xen_errname(err));
		return -EIO;
	}
	if (!mm.nr_entries || mm.nr_entries > E820_MAX_ENTRIES) {
		pr_err("XENMEM_machine_memory_map: %u entries\n", mm.nr_entries);
		return -EINVAL;
	}
	pr_info("host machine memory map (XENMEM_machine_memory_map):\n");
	for (i = 0; i < mm.nr_entries; i++) {
		host_in[i] = (struct e820_entry){
			.addr = host_raw[i].addr,
			.size = host_raw[i].size,
			.type = host_raw[i].type,
		};
		pr_info("  [mach %#018llx-%#018llx] %s\n",
			(unsigned long long)host_raw[i].addr,
			(unsigned long long)(host_raw[i].addr + host_raw[i].size - 1),
			e820_type_name(host_raw[i].type));
	}
	n = e820_sanitize(host_in, mm.nr_entries, &host, NULL);
	if (n <= 0) {
		pr_err("host memory map unusable (%d)\n", n);
		return -EINVAL;
	}
	return 0;
}

static int __init add_range(struct xen_pfn_range *r, unsigned int *nr,
			    unsigned long start, unsigned long end)
{
	if (start >= end)
		return 0;
	if (*nr && r[*nr - 1].end == start) {
		r[*nr - 1].end = end;
		return 0;
	}
	if (*nr == XEN_P2M_MAX_RUNS)
		return -E2BIG;
	r[(*nr)++] = (struct xen_pfn_range){ start, end };
	return 0;
}

/* Runs are merged where pfns and slots both continue. */
static int __init add_run(unsigned long start, unsigned long end, unsigned long slot)
{
	struct xen_p2m_run *last = nr_runs ? &runs[nr_runs - 1] : NULL;

	if (start >= end)
		return 0;
	if (last && last->end == start && last->slot + (last->end - last->start) == slot) {
		last->end = end;
		return 0;
	}
	if (nr_runs == XEN_P2M_MAX_RUNS)
		return -E2BIG;
	runs[nr_runs++] = (struct xen_p2m_run){ start, end, slot };
	return 0;
}

static bool __init in_host_ram(unsigned long pfn)
{
	unsigned int i;

	for (i = 0; i < nr_ram; i++)
		if (pfn >= ram[i].start && pfn < ram[i].end)
			return true;
	return false;
}

/* The first pfn after @p where host RAM or [k0, k1) starts or ends. */
static unsigned long __init next_edge(unsigned long p, unsigned long limit,
				      unsigned long k0, unsigned long k1)
{
	unsigned long e = limit;
	unsigned int i;

	for (i = 0; i < nr_ram; i++) {
		if (ram[i].start > p)
			e = min(e, ram[i].start);
		if (ram[i].end > p)
			e = min(e, ram[i].end);
	}
	if (k0 > p)
		e = min(e, k0);
	if (k1 > p)
		e = min(e, k1);
	return e;
}

/*
 * Host RAM in whole pages (a page only partly RAM is not RAM: it is 1:1),
 * then [0, @nr) cut into runs that keep their RAM and gaps that lose it.
 * [@k0, @k1) is where Xen loaded us: kept whatever the host says.
 */
static int __init split_populated(unsigned long nr, unsigned long k0, unsigned long k1)
{
	unsigned long p, e;
	unsigned int i;
	int err = 0;

	for (i = 0; i < host.nr_entries && !err; i++) {
		const struct e820_entry *h = &host.entries[i];

		if (h->type == E820_TYPE_RAM)
			err = add_range(ram, &nr_ram, PFN_UP(h->addr),
					PFN_DOWN(h->addr + h->size));
	}
	for (p = 0; p < nr && !err; p = e) {
		bool host_ram = in_host_ram(p), loaded = p >= k0 && p < k1;

		e = next_edge(p, nr, k0, k1);
		if (loaded && !host_ram)
			pr_err("host non-RAM pfns %#lx-%#lx are where Xen loaded us: "
			       "kept as RAM, a device there is out of reach\n", p, e - 1);
		if (host_ram || loaded)
			err = add_run(p, e, p);
		else
			err = add_range(gaps, &nr_gaps, p, e);
	}
	return err;
}

/*
 * The gaps' frames move to host-RAM pfns from @nr up; the M2P learns each
 * new pfn (the page-table bitmap is sized later, by where RAM ends).
 * Returns how many moved; the rest are released by the caller.
 */
static unsigned long __init remap_gaps(unsigned long nr, unsigned int *g,
				       unsigned long *goff)
{
	unsigned long moved = 0, p, end, n, i, flags;
	unsigned int r;

	flags = xen_batch_begin();		/* the M2P updates, 256 a trap */

	for (r = 0; r < nr_ram && *g < nr_gaps; r++) {
		p = max(ram[r].start, nr);
		end = ram[r].end;
		while (p < end && *g < nr_gaps) {
			unsigned long slot = gaps[*g].start + *goff;

			n = min(end - p, gaps[*g].end - slot);
			if (add_run(p, p + n, slot))
				goto out;
			for (i = 0; i < n; i++)
				xen_m2p_set(slot + i, p + i);
			p += n;
			moved += n;
			*goff += n;
			if (gaps[*g].start + *goff == gaps[*g].end) {
				(*g)++;
				*goff = 0;
			}
		}
	}
out:
	/* A refused M2P update would leave that frame translating wrong. */
	if (xen_batch_end(flags))
		panic("xen: Xen refused M2P updates for the pages moved out of host holes");
	return moved;
}

/*
 * Xen's initial tables map the image region (and, through the early
 * alias, __va()) with the frames it first put at the gap pfns; before
 * those frames move or go back, no mapping of them may stay behind
 * (Linux does the same when it remaps).
 */
static void __init unmap_gaps(void)
{
	unsigned long limit = PFN_DOWN(xen_mapped_limit()), pfn, flags;
	unsigned int i;

	flags = xen_batch_begin();
	for (i = 0; i < nr_gaps; i++)
		for (pfn = gaps[i].start; pfn < min(gaps[i].end, limit); pfn++)
			xen_queue_va_mapping(__START_KERNEL_map + PFN_PHYS(pfn), 0,
					     UVMF_INVLPG | UVMF_LOCAL, false);
	if (xen_batch_end(flags))
		panic("xen: Xen refused to unmap the pages it put in host holes");
}

/* The pseudo-physical E820: our runs as RAM, the host's non-RAM as is. */
static int __init build_map(struct e820_table *map, unsigned long k0, unsigned long k1)
{
	unsigned int i;
	int err = 0;

	map->nr_entries = 0;
	for (i = 0; i < nr_runs && !err; i++)
		err = e820_append(map, PFN_PHYS(runs[i].start),
				  PFN_PHYS(runs[i].end - runs[i].start), E820_TYPE_RAM);
	for (i = 0; i < host.nr_entries && !err; i++) {
		const struct e820_entry *h = &host.entries[i];
		u64 a = h->addr, b = h->addr + h->size;
		u64 ka = PFN_PHYS(k0), kb = PFN_PHYS(k1);

		if (h->type == E820_TYPE_RAM)
			continue;
		/* Not over the pages we were loaded in (kept as RAM above). */
		if (a < ka)
			err = e820_append(map, a, min(b, ka) - a, h->type);
		if (!err && b > kb)
			err = e820_append(map, max(a, kb), b - max(a, kb), h->type);
	}
	return err;
}

static void __init flat_map(struct e820_table *map, unsigned long nr)
{
	map->nr_entries = 0;
	if (e820_append(map, 0, PFN_PHYS(nr), E820_TYPE_RAM))
		machine_halt_early("no room for the memory map");
}

#define XEN_EXTRA_MEM_RATIO	10

unsigned long xen_extra_start, xen_extra_pages;

/*
 * A domU's room to grow: the pfns after nr_pages that the RAM entry of
 * its XENMEM_memory_map holding the last populated pfn continues to.
 * Any other shape (no map: -ENOSYS from an older toolstack, holes) gives
 * no room: the domain stays at most its boot size, and says so.
 */
static unsigned long __init domu_room(unsigned long nr)
{
	struct xen_memory_map mm = { .nr_entries = E820_MAX_ENTRIES };
	unsigned long end = nr;
	unsigned int i;
	long err;

	set_xen_guest_handle(mm.buffer, host_raw);
	err = HYPERVISOR_memory_op(XENMEM_memory_map, &mm);
	if (err) {
		pr_info("no XENMEM_memory_map (%s): no room to balloon above %lu pages\n",
			xen_errname(err), nr);
		return 0;
	}
	for (i = 0; i < min(mm.nr_entries, (unsigned int)E820_MAX_ENTRIES); i++) {
		const struct bios_e820_entry *e = &host_raw[i];
		u64 last = PFN_PHYS(nr - 1);

		if (e->type == E820_TYPE_RAM && e->addr <= last &&
		    e->size > last - e->addr + PAGE_SIZE)
			end = max(end, (unsigned long)PFN_DOWN(e->addr + e->size));
	}
	end = min(end, min(nr + XEN_EXTRA_MEM_RATIO * nr, (unsigned long)XEN_MAX_PAGES));
	return end - nr;
}

static void __init domu_map(struct e820_table *map, unsigned long nr)
{
	unsigned long extra = domu_room(nr);

	flat_map(map, nr + extra);
	if (!extra)
		return;
	xen_extra_start = nr;
	xen_extra_pages = extra;
	pr_info("domU: pfns %#lx-%#lx (%lu MiB) are RAM without frames yet: ballooned out\n",
		nr, nr + extra - 1, extra >> (20 - PAGE_SHIFT));
}

void __init xen_memory_layout(struct e820_table *map)
{
	unsigned long nr = xen_boot.nr_pages;
	unsigned long k0 = PFN_DOWN(__pa_symbol(_text));
	unsigned long k1 = PFN_UP(xen_reserved_limit());
	unsigned long moved, released = 0, goff = 0, n;
	unsigned int g = 0, i;
	long err;

	if (!(xen_boot.flags & SIF_INITDOMAIN)) {
		domu_map(map, nr);
		return;
	}
	if (read_host_map()) {
		flat_map(map, nr);
		return;
	}
	/*
	 * A module Xen placed by pfn may lie anywhere below nr_pages; only
	 * the image and the bootstrap region are kept as RAM whatever the
	 * host says, so such a module keeps the flat layout (no data lost).
	 */
	if (xen_boot.mod_len && (xen_boot.flags & SIF_MOD_START_PFN) &&
	    (PFN_DOWN(xen_boot.mod_pa) < k0 ||
	     PFN_UP(xen_boot.mod_pa + xen_boot.mod_len) > k1)) {
		pr_err("boot module at %#llx outside the bootstrap region: flat layout, no 1:1 device frames\n",
		       (unsigned long long)xen_boot.mod_pa);
		flat_map(map, nr);
		return;
	}
	if (split_populated(nr, k0, k1)) {
		pr_err("host memory map too fragmented: flat layout, no 1:1 device frames\n");
		nr_ram = nr_gaps = nr_runs = 0;
		flat_map(map, nr);
		return;
	}
	unmap_gaps();
	moved = remap_gaps(nr, &g, &goff);
	if (xen_p2m_set_layout(runs, nr_runs, ram, nr_ram))
		panic("xen: P2M layout refused");
	/* What found no host RAM pfn goes back to Xen. */
	for (; g < nr_gaps; g++, goff = 0) {
		n = gaps[g].end - gaps[g].start - goff;
		err = xen_p2m_release(gaps[g].start + goff, n);
		if (err != (long)n)
			pr_err("XENMEM_decrease_reservation of %lu frames: %ld\n", n, err);
		else
			released += n;
	}
	if (build_map(map, k0, k1))
		machine_halt_early("no room for the memory map");
	for (i = 0, n = 0; i < nr_gaps; i++)
		n += gaps[i].end - gaps[i].start;
	pr_info("dom0 layout: host map mirrored, %lu pages out of host holes: %lu moved "
		"to pfn %#lx and up, %lu given back; non-RAM pfns 1:1\n",
		n, moved, nr, released);
}
