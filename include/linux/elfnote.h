/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ELF notes from assembly: ELFNOTE(Xen, XEN_ELFNOTE_PHYS32_ENTRY, .long x)
 * emits one note (name, type, descriptor) into section .note.NAME, which
 * the linker script gathers into the PT_NOTE segment.
 */
#ifndef _LINUX_ELFNOTE_H
#define _LINUX_ELFNOTE_H

#ifdef __ASSEMBLY__
#define ELFNOTE(name, type, desc)				\
	.pushsection .note.name, "a", @note ;			\
	.balign 4 ;						\
	.long 2f - 1f		/* namesz */ ;			\
	.long 4f - 3f		/* descsz */ ;			\
	.long type ;						\
1:	.asciz #name ;						\
2:	.balign 4 ;						\
3:	desc ;							\
4:	.balign 4 ;						\
	.popsection
#endif

#endif
