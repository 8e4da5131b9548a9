// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel image a dom0 builds a PV guest from: an ELF64 x86-64
 * executable whose Xen notes say where it runs (XEN_ELFNOTE_VIRT_BASE,
 * _PADDR_OFFSET), where it starts (_ENTRY) and that it speaks the
 * xen-3.0 PV ABI; XEN_ELFNOTE_PHYS32_ENTRY, if there, where a PVH
 * guest starts, its segments at their p_paddr.  Segments go where Xen's own loader puts them: at
 * virt_base + p_paddr - paddr_offset (libelf), so an image linked with
 * a zero-based virtual segment (per-CPU data) still lands in place.
 *
 * The image is a boot module: untrusted as far as its bytes go.  Every
 * offset and size is checked against the image before use, every sum
 * for overflow; a refusal names the rule.  Builds on the host too
 * (tools/fuzz/fuzz_dom0_elf.c).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <asm/page.h>
#include <xen/interface/elfnote.h>
#include "build.h"

/* ELF64 as the gABI lays it out (no <elf.h> in a freestanding kernel). */
struct elf64_hdr {
	u8 ident[16];
	u16 type, machine;
	u32 version;
	u64 entry, phoff, shoff;
	u32 flags;
	u16 ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf64_phdr {
	u32 type, flags;
	u64 offset, vaddr, paddr, filesz, memsz, align;
};

#define ET_EXEC		2
#define EM_X86_64	62
#define PT_LOAD		1
#define PT_NOTE		4
#define GUEST_SPAN_MAX	(1ULL << 30)	/* a PV kernel's image, far above ours */

static bool in_image(size_t len, u64 off, u64 size)
{
	return off <= len && size <= len - off;
}

static u64 note_u64(const u8 *desc, u32 size)
{
	u64 v = 0;

	memcpy(&v, desc, min(size, (u32)sizeof(v)));
	return v;
}

/* One PT_NOTE segment's notes; @seen collects the types found. */
static int parse_notes(const u8 *p, u64 size, struct dom0_elf *e, u32 *seen, const char **why)
{
	while (size >= 12) {
		u32 namesz, descsz, type;
		u64 name_len, desc_len;
		const u8 *name, *desc;

		memcpy(&namesz, p, 4);
		memcpy(&descsz, p + 4, 4);
		memcpy(&type, p + 8, 4);
		name_len = ALIGN((u64)namesz, 4);
		desc_len = ALIGN((u64)descsz, 4);
		if (name_len > size - 12 || desc_len > size - 12 - name_len) {
			*why = "an ELF note runs past its segment";
			return -EINVAL;
		}
		name = p + 12;
		desc = name + name_len;
		if (namesz == 4 && !memcmp(name, "Xen", 4) && type < 32) {
			bool text = type == XEN_ELFNOTE_XEN_VERSION || type == XEN_ELFNOTE_LOADER ||
				    type == XEN_ELFNOTE_GUEST_OS;

			if (text && (!descsz || desc[descsz - 1])) {
				*why = "a Xen ELF note's string is not terminated";
				return -EINVAL;
			}
			if (!text && type != XEN_ELFNOTE_PAE_MODE && type != XEN_ELFNOTE_GUEST_VERSION &&
			    descsz != 4 && descsz != 8) {
				if (type == XEN_ELFNOTE_ENTRY || type == XEN_ELFNOTE_VIRT_BASE ||
				    type == XEN_ELFNOTE_PADDR_OFFSET ||
				    type == XEN_ELFNOTE_HYPERCALL_PAGE ||
				    type == XEN_ELFNOTE_PHYS32_ENTRY) {
					*why = "a Xen ELF note's number is not 4 or 8 bytes";
					return -EINVAL;
				}
			}
			*seen |= 1U << type;
			switch (type) {
			case XEN_ELFNOTE_ENTRY:
				e->entry = note_u64(desc, descsz);
				break;
			case XEN_ELFNOTE_VIRT_BASE:
				e->virt_base = note_u64(desc, descsz);
				break;
			case XEN_ELFNOTE_PADDR_OFFSET:
				e->paddr_offset = note_u64(desc, descsz);
				break;
			case XEN_ELFNOTE_HYPERCALL_PAGE:
				e->hypercall_page = note_u64(desc, descsz);
				break;
			case XEN_ELFNOTE_PHYS32_ENTRY:
				/* A 32-bit entry: the upper half of an 8-byte note is not its. */
				e->phys_entry = (u32)note_u64(desc, descsz);
				break;
			case XEN_ELFNOTE_XEN_VERSION:
				if (strcmp((const char *)desc, "xen-3.0")) {
					*why = "the image does not speak the xen-3.0 ABI";
					return -EINVAL;
				}
				break;
			case XEN_ELFNOTE_LOADER:
				if (strcmp((const char *)desc, "generic")) {
					*why = "the image wants a loader other than \"generic\"";
					return -EINVAL;
				}
				break;
			case XEN_ELFNOTE_GUEST_OS:
				/* Terminated within descsz (checked above); cut to fit. */
				memcpy(e->guest_os, desc, min(descsz, (u32)sizeof(e->guest_os) - 1));
				e->guest_os[sizeof(e->guest_os) - 1] = '\0';
				break;
			}
		}
		p += 12 + name_len + desc_len;
		size -= 12 + name_len + desc_len;
	}
	return 0;
}

int dom0_elf_parse(const void *image, size_t len, struct dom0_elf *e, const char **why)
{
	const u8 *img = image;
	struct elf64_hdr h;
	u32 seen = 0;
	unsigned int i;

	memset(e, 0, sizeof(*e));
	e->hypercall_page = ~0ULL;
	e->phys_entry = ~0ULL;
	*why = NULL;
	if (len < sizeof(h)) {
		*why = "shorter than an ELF header";
		return -EINVAL;
	}
	memcpy(&h, img, sizeof(h));
	if (memcmp(h.ident, "\177ELF", 4) || h.ident[4] != 2 || h.ident[5] != 1) {
		*why = "not a little-endian ELF64 image";
		return -EINVAL;
	}
	if (h.type != ET_EXEC || h.machine != EM_X86_64) {
		*why = "not an x86-64 executable";
		return -EINVAL;
	}
	if (h.phentsize != sizeof(struct elf64_phdr) || !h.phnum ||
	    !in_image(len, h.phoff, (u64)h.phnum * sizeof(struct elf64_phdr))) {
		*why = "its program headers are not inside the image";
		return -EINVAL;
	}
	for (i = 0; i < h.phnum; i++) {
		struct elf64_phdr ph;

		memcpy(&ph, img + h.phoff + i * sizeof(ph), sizeof(ph));
		if (ph.type != PT_LOAD && ph.type != PT_NOTE)
			continue;
		if (!in_image(len, ph.offset, ph.filesz)) {
			*why = "a segment's bytes are not inside the image";
			return -EINVAL;
		}
		if (ph.type == PT_NOTE) {
			if (parse_notes(img + ph.offset, ph.filesz, e, &seen, why))
				return -EINVAL;
			continue;
		}
		if (!ph.memsz)
			continue;
		/* Room to page-align the end: no wrap there either. */
		if (ph.filesz > ph.memsz || ph.memsz > -PAGE_SIZE - ph.paddr) {
			*why = "a segment's sizes do not add up";
			return -EINVAL;
		}
		if (e->nr_segs == DOM0_ELF_MAX_SEGS) {
			*why = "more loadable segments than the builder takes";
			return -EINVAL;
		}
		e->seg[e->nr_segs].offset = ph.offset;
		e->seg[e->nr_segs].vaddr = ph.paddr;	/* placed once the notes are known */
		e->seg[e->nr_segs].paddr = ph.paddr;
		e->seg[e->nr_segs].filesz = ph.filesz;
		e->seg[e->nr_segs].memsz = ph.memsz;
		e->nr_segs++;
	}
	if (!(seen & (1U << XEN_ELFNOTE_XEN_VERSION)) || !(seen & (1U << XEN_ELFNOTE_VIRT_BASE)) ||
	    !(seen & (1U << XEN_ELFNOTE_ENTRY))) {
		*why = "no Xen ELF notes for a PV guest (XEN_VERSION, VIRT_BASE, ENTRY)";
		return -EINVAL;
	}
	if (!e->nr_segs) {
		*why = "nothing to load";
		return -EINVAL;
	}
	if (e->virt_base & ~PAGE_MASK || e->paddr_offset & ~PAGE_MASK) {
		*why = "VIRT_BASE or PADDR_OFFSET is not page aligned";
		return -EINVAL;
	}
	e->vstart = ~0ULL;
	e->pstart = ~0ULL;
	for (i = 0; i < e->nr_segs; i++) {
		struct dom0_elf_seg *s = &e->seg[i];
		u64 rel = s->vaddr - e->paddr_offset;

		if (s->vaddr < e->paddr_offset || rel >= GUEST_SPAN_MAX ||
		    s->memsz > GUEST_SPAN_MAX - rel) {
			*why = "a segment lies outside the guest's first GiB above VIRT_BASE";
			return -EINVAL;
		}
		s->vaddr = e->virt_base + rel;
		if (s->vaddr < e->virt_base) {
			*why = "VIRT_BASE plus a segment's address wraps";
			return -EINVAL;
		}
		e->vstart = min(e->vstart, s->vaddr & PAGE_MASK);
		e->vend = max(e->vend, PAGE_ALIGN(s->vaddr + s->memsz));
		/* paddr + memsz does not wrap (checked); the PVH builder checks the RAM. */
		e->pstart = min(e->pstart, s->paddr & PAGE_MASK);
		e->pend = max(e->pend, PAGE_ALIGN(s->paddr + s->memsz));
	}
	if (e->phys_entry != ~0ULL && (e->phys_entry < e->pstart || e->phys_entry >= e->pend)) {
		*why = "the PVH entry point is outside the loaded image";
		return -EINVAL;
	}
	if (e->entry < e->vstart || e->entry >= e->vend) {
		*why = "the entry point is outside the loaded image";
		return -EINVAL;
	}
	if (e->hypercall_page != ~0ULL &&
	    (e->hypercall_page < e->vstart || e->hypercall_page >= e->vend ||
	     e->hypercall_page & ~PAGE_MASK)) {
		*why = "the hypercall page is not a page of the loaded image";
		return -EINVAL;
	}
	return 0;
}
