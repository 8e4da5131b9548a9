/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The VMI-like ROM interface, ABI 1.0: the layout a platform's ROM image
 * follows so that the kernel can find it, check it, and patch its call
 * sites to the ROM's implementations.  Usable from the ROM's assembly and
 * from C.  Documentation/vmi.md describes it; this file is the contract.
 *
 *   ROM image (a PC option ROM):
 *     0x00  0x55 0xAA, size in 512-byte blocks, 16-bit init entry (retf)
 *     0x20  VMI header (below)
 *     table entries, code ...
 *   data area: VMI_HDR_DATA_OFFSET bytes after the ROM's first byte, in
 *   the kernel's mapping (the ROM's code reaches it RIP-relative); the
 *   kernel provides it zeroed and writable, never executable.
 */
#ifndef _ASM_X86_VMI_H
#define _ASM_X86_VMI_H

#define VMI_ABI_MAJOR		1
#define VMI_ABI_MINOR		0
#define VMI_SIGNATURE		"VMIROM64"

#define VMI_ROM_MAX		0x10000		/* 64 KiB */
#define VMI_SCAN_START		0xc0000
#define VMI_SCAN_END		0xe0000
#define VMI_SCAN_STEP		0x800

/* Header, at VMI_HEADER_OFFSET from the start of the ROM. */
#define VMI_HEADER_OFFSET	0x20
#define VMI_HDR_SIGNATURE	0x00	/* 8 bytes, VMI_SIGNATURE */
#define VMI_HDR_ABI_MAJOR	0x08	/* u16 */
#define VMI_HDR_ABI_MINOR	0x0a	/* u16 */
#define VMI_HDR_NR_ENTRIES	0x0c	/* u16 */
#define VMI_HDR_ENTRY_SIZE	0x0e	/* u16, VMI_ENTRY_SIZE */
#define VMI_HDR_TABLE		0x10	/* u32, table offset from the ROM start */
#define VMI_HDR_DATA_OFFSET	0x14	/* u32, page-aligned, >= the ROM size */
#define VMI_HDR_DATA_SIZE	0x18	/* u32, at most VMI_DATA_MAX */
#define VMI_HDR_SIZE		0x20

/* Table entry. */
#define VMI_ENT_OP		0x00	/* u16, VMI_OP_* */
#define VMI_ENT_RELOC		0x02	/* u8, VMI_RELOC_* */
#define VMI_ENT_ALIGN		0x03	/* u8, log2 of the implementation's alignment */
#define VMI_ENT_OFFSET		0x04	/* u32, implementation, from the ROM start */
#define VMI_ENT_RESERVED	0x08	/* 8 bytes, zero */
#define VMI_ENTRY_SIZE		0x10
#define VMI_MAX_ENTRIES		64
#define VMI_MAX_ALIGN		12

/* How the kernel patches a site of the op. */
#define VMI_RELOC_NONE		0	/* not provided: the kernel's native op */
#define VMI_RELOC_CALL		1	/* call rel32 to the implementation */
#define VMI_RELOC_JMP		2	/* jmp rel32 (tail ops: iret) */
#define VMI_RELOC_NATIVE	3	/* the native instructions inline */
#define VMI_RELOC_NOP		4	/* nothing (void ops only) */

/*
 * Operations.  Each follows the register convention of its paravirt slot
 * (Documentation/paravirt.md): arguments %rdi, %rsi; results %rax;
 * everything else preserved but the flags; CPUID with its own registers;
 * IRET reached by a jump with the iret frame on the stack.
 */
#define VMI_OP_CPUID		1
#define VMI_OP_IRET		2
#define VMI_OP_SAVE_FL		3
#define VMI_OP_IRQ_DISABLE	4
#define VMI_OP_IRQ_ENABLE	5
#define VMI_OP_SAFE_HALT	6
#define VMI_OP_HALT		7
#define VMI_OP_READ_CR0		8
#define VMI_OP_WRITE_CR0	9
#define VMI_OP_READ_CR2		10
#define VMI_OP_READ_CR3		11
#define VMI_OP_WRITE_CR3	12
#define VMI_OP_READ_CR4		13
#define VMI_OP_WRITE_CR4	14
#define VMI_OP_WBINVD		15
#define VMI_OP_IO_DELAY		16
#define VMI_OP_FLUSH_TLB_USER	17
#define VMI_OP_FLUSH_TLB_ONE	18
#define VMI_OP_SET_PTE		19
#define VMI_OP_SET_PMD		20
#define VMI_OP_SET_PUD		21
#define VMI_OP_SET_P4D		22
#define VMI_NR_OPS		23

/* The data area starts with a u64 call counter per op, at 8 * op. */
#define VMI_COUNTERS_SIZE	(8 * VMI_NR_OPS)
#define VMI_DATA_MAX		0x4000

#ifndef __ASSEMBLY__
#include <linux/types.h>

/* Where an image came from, for messages. */
struct vmi_rom_image {
	const u8 *bytes;	/* the image, readable */
	u64 phys;		/* its physical address */
	u32 size;		/* as mapped/available */
	const char *source;	/* "option ROM", "boot module" */
};

struct vmi_rom_info {
	u32 size;			/* declared size */
	u16 abi_minor;
	u32 data_offset, data_size;
	struct {
		u8 reloc;
		u32 offset;
	} ops[VMI_NR_OPS];
};

/*
 * Check an image against the ABI: 0 and @info filled, or a negative errno
 * after printing why it is refused.  Pure code (host-buildable).
 */
int vmi_rom_check(const struct vmi_rom_image *img, struct vmi_rom_info *info);

#ifdef CONFIG_VMI
/* Early: find and check a ROM (option-ROM area, then boot modules). */
bool vmi_detect(void);
/* After the page allocator: map it and install the child; false: native. */
bool vmi_activate(void);
/* The ROM's counter for @op (0 if no ROM is active). */
u64 vmi_counter(unsigned int op);
/* The relocation type the ROM gave @op (VMI_RELOC_NONE without a ROM). */
unsigned int vmi_reloc(unsigned int op);
/* The op's implementation in the kernel's mapping of the ROM. */
unsigned long vmi_op_address(unsigned int op);
/* The pv_ops slot an op routes, or -1. */
int vmi_op_slot(unsigned int op);
/* The active ROM image as mapped (NULL if none). */
const u8 *vmi_rom_bytes(u32 *size);
#else
static inline bool vmi_detect(void) { return false; }
static inline bool vmi_activate(void) { return false; }
#endif
#endif /* !__ASSEMBLY__ */

#endif
