/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The domain builder's pieces (private to drivers/xen/dom0/): the kernel
 * image's description (build_elf.c), the domctl wrappers (domctl.c), the
 * PV builder (build_pv.c) and the PVH one (build_pvh.c).
 */
#ifndef _DOM0_BUILD_H
#define _DOM0_BUILD_H

#include <linux/types.h>
#include <xen/interface/event_channel.h>

#define DOM0_ELF_MAX_SEGS	8

/* A loadable segment, placed at virt_base + paddr - paddr_offset. */
struct dom0_elf_seg {
	u64 vaddr;		/* where it goes in the guest */
	u64 paddr;		/* its p_paddr: where a PVH guest's goes */
	u64 offset;		/* in the image */
	u64 filesz, memsz;
};

/*
 * What the image asks for, from its program headers and its Xen ELF
 * notes (xen/include/public/elfnote.h).  All of it checked against the
 * image's length: nothing here points outside it.
 */
struct dom0_elf {
	u64 virt_base, paddr_offset, entry;
	u64 hypercall_page;	/* ~0: none asked for */
	u64 vstart, vend;	/* the segments' span, page aligned */
	u64 phys_entry;		/* XEN_ELFNOTE_PHYS32_ENTRY; ~0: none (no PVH) */
	u64 pstart, pend;	/* the segments' physical span, page aligned */
	unsigned int nr_segs;
	struct dom0_elf_seg seg[DOM0_ELF_MAX_SEGS];
	char guest_os[16];
};

/* 0, or -EINVAL with *@why naming what is wrong with the image. */
int dom0_elf_parse(const void *image, size_t len, struct dom0_elf *out, const char **why);

/*
 * build_pvh_acpi.c: a PVH guest's ACPI tables in @page (@size bytes), to
 * be at guest-physical @page_pa, the RSDP at its start; 0 or -E2BIG.
 */
int dom0_pvh_acpi(u8 *page, size_t size, u64 page_pa, unsigned int vcpus);

struct dom0_guest;
/* build_pv.c: an unbound port of @g's for dom0 (0 or Xen's refusal, reported). */
int dom0_alloc_port(struct dom0_guest *g, evtchn_port_t *port);

#endif
