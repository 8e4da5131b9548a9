// SPDX-License-Identifier: GPL-2.0
/*
 * PVH boot: struct hvm_start_info (xen/interface/arch-x86/hvm/start_info.h)
 * into struct boot_info.  Every field is read once into a local copy and
 * checked before it is used: magic, version, the command line (readable
 * and terminated), the module list and memory map (counts in range, arrays
 * readable without wrapping).  Any failure is reported and returned;
 * a missing memory map (-ENODATA) only once the rest is filled in.
 */
#define pr_fmt(fmt) "pvh: " fmt

#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <asm/bootinfo.h>
#include <xen/interface/arch-x86/hvm/start_info.h>


/* Size of the version 0 structure (up to and including rsdp_paddr). */
#define START_INFO_V0_SIZE	offsetof(struct hvm_start_info, memmap_paddr)

static int pvh_parse_modules(const struct boot_mem *m,
			     const struct hvm_start_info *si,
			     struct boot_info *bi)
{
	const struct hvm_modlist_entry *list;
	struct hvm_modlist_entry e;
	unsigned int i;
	int err;

	if (!si->nr_modules)
		return 0;
	if (si->nr_modules > BOOT_MAX_MODULES) {
		pr_err("%u modules, at most %u supported\n", si->nr_modules,
		       BOOT_MAX_MODULES);
		return -E2BIG;
	}
	list = m->map(m, si->modlist_paddr, (u64)si->nr_modules * sizeof(e));
	if (!list) {
		pr_err("module list at %#llx unreadable\n",
		       (unsigned long long)si->modlist_paddr);
		return -EFAULT;
	}
	boot_note_range(bi, si->modlist_paddr, (u64)si->nr_modules * sizeof(e));
	for (i = 0; i < si->nr_modules; i++) {
		u64 end;

		memcpy(&e, &list[i], sizeof(e));
		if (check_add_overflow(e.paddr, e.size, &end)) {
			pr_err("module %u: %#llx + %#llx wraps\n", i,
			       (unsigned long long)e.paddr,
			       (unsigned long long)e.size);
			return -EINVAL;
		}
		bi->modules[i].start = e.paddr;
		bi->modules[i].size = e.size;
		bi->modules[i].cmdline[0] = '\0';
		if (e.cmdline_paddr) {
			err = boot_copy_string(m, e.cmdline_paddr,
					       bi->modules[i].cmdline,
					       sizeof(bi->modules[i].cmdline));
			if (err) {
				pr_err("module %u: command line at %#llx %s\n", i,
				       (unsigned long long)e.cmdline_paddr,
				       err == -E2BIG ? "too long" : "unreadable");
				return err;
			}
		}
		err = boot_note_range(bi, e.paddr, e.size);
		if (err)
			return err;
	}
	bi->nr_modules = si->nr_modules;
	return 0;
}

static int pvh_parse_memmap(const struct boot_mem *m,
			    const struct hvm_start_info *si,
			    struct boot_info *bi)
{
	const struct hvm_memmap_table_entry *map;
	struct hvm_memmap_table_entry e;
	unsigned int i;

	if (si->version < 1 || !si->memmap_entries) {
		pr_err("no memory map (version %u, %u entries)\n", si->version,
		       si->version >= 1 ? si->memmap_entries : 0);
		return -ENODATA;
	}
	if (si->memmap_entries > E820_MAX_ENTRIES) {
		pr_err("memory map has %u entries, at most %u supported\n",
		       si->memmap_entries, E820_MAX_ENTRIES);
		return -E2BIG;
	}
	map = m->map(m, si->memmap_paddr, (u64)si->memmap_entries * sizeof(e));
	if (!map) {
		pr_err("memory map at %#llx unreadable\n",
		       (unsigned long long)si->memmap_paddr);
		return -EFAULT;
	}
	boot_note_range(bi, si->memmap_paddr, (u64)si->memmap_entries * sizeof(e));
	bi->raw_map.nr_entries = 0;
	for (i = 0; i < si->memmap_entries; i++) {
		memcpy(&e, &map[i], sizeof(e));
		/* Types are checked by e820_sanitize(); copy as given. */
		e820_append(&bi->raw_map, e.addr, e.size, e.type);
	}
	return 0;
}

int pvh_parse_start_info(const struct boot_mem *m, u64 pa, struct boot_info *bi)
{
	struct hvm_start_info si;
	const void *p;
	int err;

	memset(&si, 0, sizeof(si));
	p = m->map(m, pa, START_INFO_V0_SIZE);
	if (!p) {
		pr_err("start_info at %#llx unreadable\n", (unsigned long long)pa);
		return -EFAULT;
	}
	memcpy(&si, p, START_INFO_V0_SIZE);
	if (si.magic != XEN_HVM_START_MAGIC_VALUE) {
		pr_err("bad start_info magic %#x (expected %#x)\n", si.magic,
		       XEN_HVM_START_MAGIC_VALUE);
		return -EINVAL;
	}
	if (si.version >= 1) {
		p = m->map(m, pa, sizeof(si));
		if (!p) {
			pr_err("start_info v%u at %#llx unreadable\n", si.version,
			       (unsigned long long)pa);
			return -EFAULT;
		}
		memcpy(&si, p, sizeof(si));
	}
	boot_note_range(bi, pa, si.version >= 1 ? sizeof(si) : START_INFO_V0_SIZE);

	bi->cmdline[0] = '\0';
	if (si.cmdline_paddr) {
		err = boot_copy_string(m, si.cmdline_paddr, bi->cmdline,
				       sizeof(bi->cmdline));
		if (err) {
			pr_err("command line at %#llx %s\n",
			       (unsigned long long)si.cmdline_paddr,
			       err == -E2BIG ? "too long" : "unreadable");
			return err;
		}
	}
	err = pvh_parse_modules(m, &si, bi);
	if (err)
		return err;
	bi->rsdp = si.rsdp_paddr;
	bi->pvh_flags = si.flags;
	memcpy(bi->loader, "PVH", 4);
	/*
	 * Last: without a map (version 0, which Xen 4.17 gives a PVH dom0)
	 * everything else is filled in, and -ENODATA lets a caller that has
	 * another source (XENMEM_memory_map) take the map from there.
	 */
	return pvh_parse_memmap(m, &si, bi);
}
