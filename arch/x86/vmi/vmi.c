// SPDX-License-Identifier: GPL-2.0
/*
 * The VMI-like child of pv_ops: a ROM image supplies the implementations.
 *
 * vmi_detect() runs early (the first 4 GiB still identity- and direct-
 * mapped): it looks for a ROM in the option-ROM area (0xC0000-0xDFFFF,
 * 2 KiB steps), then among the boot modules, and checks the first one
 * with the VMI signature (vmi_rom_check.c).  vmi_activate() runs once the
 * page allocator works: it maps the ROM executable (never writable) at
 * ROM_MAP_VA, within rel32 reach of kernel text, maps a fresh zeroed data
 * area writable (never executable) where the ROM's header says, fills the
 * slots the ROM provides and installs the child.  Its patcher follows the
 * ROM's relocation table: call or jmp into the ROM, the native bytes, or
 * NOPs; ops the ROM leaves out stay native.  It honours the sites'
 * clobbers: a site that allows fewer than an entry changes is refused.
 */
#define pr_fmt(fmt) "vmi: " fmt

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <asm/vmi.h>
#include <asm/paravirt.h>
#include <asm/pgtable.h>
#include <asm/bootinfo.h>
#include <asm/page.h>

#define S(x)	PARAVIRT_PATCH(x)

/* The pv_ops slot behind each op of the ABI. */
static const int op_slot[VMI_NR_OPS] = {
	[VMI_OP_CPUID] = S(cpu.cpuid.func),
	[VMI_OP_IRET] = S(cpu.iret.func),
	[VMI_OP_SAVE_FL] = S(irq.save_fl.func),
	[VMI_OP_IRQ_DISABLE] = S(irq.irq_disable.func),
	[VMI_OP_IRQ_ENABLE] = S(irq.irq_enable.func),
	[VMI_OP_SAFE_HALT] = S(irq.safe_halt.func),
	[VMI_OP_HALT] = S(irq.halt.func),
	[VMI_OP_READ_CR0] = S(cpu.read_cr0.func),
	[VMI_OP_WRITE_CR0] = S(cpu.write_cr0.func),
	[VMI_OP_READ_CR2] = S(mmu.read_cr2.func),
	[VMI_OP_READ_CR3] = S(mmu.read_cr3.func),
	[VMI_OP_WRITE_CR3] = S(mmu.write_cr3.func),
	[VMI_OP_READ_CR4] = S(cpu.read_cr4.func),
	[VMI_OP_WRITE_CR4] = S(cpu.write_cr4.func),
	[VMI_OP_WBINVD] = S(cpu.wbinvd.func),
	[VMI_OP_IO_DELAY] = S(cpu.io_delay.func),
	[VMI_OP_FLUSH_TLB_USER] = S(mmu.flush_tlb_user.func),
	[VMI_OP_FLUSH_TLB_ONE] = S(mmu.flush_tlb_one_user.func),
	[VMI_OP_SET_PTE] = S(mmu.set_pte.func),
	[VMI_OP_SET_PMD] = S(mmu.set_pmd.func),
	[VMI_OP_SET_PUD] = S(mmu.set_pud.func),
	[VMI_OP_SET_P4D] = S(mmu.set_p4d.func),
};

/*
 * What each op's implementation may change, by the ABI (asm/vmi.h): its
 * results (CPUID's four registers, %rax for an op with a value), never
 * more; the flags are free everywhere.  The ROM here keeps to it
 * (vmi_rom.S: a counting `lock incq`, then the native instructions).
 */
static const u16 op_clobbers[VMI_NR_OPS] = {
	[VMI_OP_CPUID] = CLBR_CPUID,
	[VMI_OP_SAVE_FL] = CLBR_RAX,
	[VMI_OP_READ_CR0] = CLBR_RAX,
	[VMI_OP_READ_CR2] = CLBR_RAX,
	[VMI_OP_READ_CR3] = CLBR_RAX,
	[VMI_OP_READ_CR4] = CLBR_RAX,
	[VMI_OP_FLUSH_TLB_USER] = CLBR_RAX,
	/* IRET: nothing, every register is the interrupted context's */
};

static struct vmi_rom_info rom;
static struct vmi_rom_image found;
static bool detected, active;
static unsigned long rom_va;		/* the ROM's first byte, mapped */
static u64 *counters;			/* the data area */

int vmi_op_slot(unsigned int op)
{
	return op && op < VMI_NR_OPS ? op_slot[op] : -1;
}

static int slot_op(unsigned int type)
{
	unsigned int op;

	for (op = 1; op < VMI_NR_OPS; op++)
		if (op_slot[op] == (int)type)
			return op;
	return 0;
}

unsigned int vmi_reloc(unsigned int op)
{
	return active && op && op < VMI_NR_OPS ? rom.ops[op].reloc : VMI_RELOC_NONE;
}

unsigned long vmi_op_address(unsigned int op)
{
	return active ? rom_va + rom.ops[op].offset : 0;
}

const u8 *vmi_rom_bytes(u32 *size)
{
	*size = active ? rom.size : 0;
	return active ? (const u8 *)rom_va : NULL;
}

u64 vmi_counter(unsigned int op)
{
	return active && op < VMI_NR_OPS ? READ_ONCE(counters[op]) : 0;
}

/* Check the image at @pa of at most @avail bytes; 0 if it is ours. */
static int __init try_image(u64 pa, u32 avail, const char *source)
{
	struct vmi_rom_image img = {
		.bytes = __va(pa), .phys = pa, .size = avail, .source = source,
	};
	int err = vmi_rom_check(&img, &rom);

	if (!err)
		found = img;
	return err;
}

bool __init vmi_detect(void)
{
	unsigned int i;
	u64 pa;
	int err = -ENODEV;

	for (pa = VMI_SCAN_START; pa < VMI_SCAN_END && err == -ENODEV; pa += VMI_SCAN_STEP)
		err = try_image(pa, min((u64)VMI_ROM_MAX, VMI_SCAN_END - pa), "option ROM");
	/* A loader that cannot place option ROMs may pass the image as a module. */
	for (i = 0; i < boot_info.nr_modules && err == -ENODEV; i++) {
		const struct boot_module *m = &boot_info.modules[i];

		if (m->size && m->start + m->size <= (4ULL << 30))
			err = try_image(m->start, (u32)min(m->size, (u64)VMI_ROM_MAX),
					"boot module");
	}
	if (err)
		return false;	/* none, or refused (said why): native */
	detected = true;
	pr_info("ROM ABI %u.%u at %#llx (%s, %u bytes)\n", VMI_ABI_MAJOR,
		rom.abi_minor, (unsigned long long)found.phys, found.source, rom.size);
	return true;
}

/*
 * The ROM's relocation type decides, as long as the slot still holds what
 * the ROM gave it (a group installed on top of this child, a test child
 * for one, is called like any other function).  A site that keeps live a
 * register the ROM's entry may change is refused: neither a direct nor
 * the indirect call into the ROM would be right there.
 */
static unsigned int vmi_patch(u8 type, u16 clobbers, void *buf,
			      unsigned long addr, unsigned int len)
{
	int op = slot_op(type);
	unsigned int reloc = op ? rom.ops[op].reloc : VMI_RELOC_NONE;
	unsigned long target = rom_va + (op ? rom.ops[op].offset : 0);

	if ((reloc == VMI_RELOC_CALL || reloc == VMI_RELOC_JMP) &&
	    pv_slot(&pv_ops, type) != (void *)target)
		reloc = VMI_RELOC_NONE;
	if ((reloc == VMI_RELOC_CALL || reloc == VMI_RELOC_JMP) &&
	    (op_clobbers[op] & ~clobbers)) {
		pr_err("site %#lx allows clobbers %#x, the ROM's %s entry changes %#x\n",
		       addr, clobbers, paravirt_slot_name(type), op_clobbers[op]);
		return PV_PATCH_REFUSED;
	}
	switch (reloc) {
	case VMI_RELOC_CALL:
		return paravirt_patch_call(buf, (void *)target, addr, len) ?:
		       paravirt_patch_indirect(buf, type, clobbers, addr, len);
	case VMI_RELOC_JMP:
		return paravirt_patch_jmp(buf, (void *)target, addr, len) ?:
		       paravirt_patch_indirect(buf, type, clobbers, addr, len);
	default:
		/* native, NOP, or replaced: whatever the slot holds */
		return paravirt_patch_default(type, clobbers, buf, addr, len);
	}
}

/* Built from the ROM at activation: not const, unlike a compiled child. */
static struct paravirt_patch_template vmi_ops;

static int __init map_rom_and_data(void)
{
	unsigned long base = ROM_MAP_VA, va, data, data_end;
	u64 first = found.phys & PAGE_MASK;
	size_t span = PAGE_ALIGN(found.phys + rom.size) - first;
	int err;

	rom_va = base + (found.phys - first);
	data = rom_va + rom.data_offset;
	data_end = PAGE_ALIGN(data + rom.data_size);
	if ((data & PAGE_MASK) < base + span) {
		pr_err("ROM at %#llx refused: its data area would share a page with it\n",
		       (unsigned long long)found.phys);
		return -EINVAL;
	}
	err = map_kernel_range(base, first, span, PAGE_KERNEL_RX);
	for (va = data & PAGE_MASK; !err && va < data_end; va += PAGE_SIZE) {
		void *page = get_zeroed_page();

		err = page ? map_kernel_range(va, __pa(page), PAGE_SIZE, PAGE_KERNEL)
			   : -ENOMEM;
	}
	if (err) {
		unmap_kernel_range(base, data_end - base);
		pr_err("cannot map the ROM: %d\n", err);
		return err;
	}
	counters = (u64 *)data;
	return declare_exec_range(base, base + span, "VMI ROM");
}

bool __init vmi_activate(void)
{
	unsigned int op, n[5] = { 0 };
	void **slots = (void **)&vmi_ops;
	struct pv_child child = {
		.name = "vmi", .init = &vmi_ops.init, .cpu = &vmi_ops.cpu,
		.irq = &vmi_ops.irq, .mmu = &vmi_ops.mmu,
	};

	if (!detected || map_rom_and_data())
		return false;
	/* Native everywhere, then what the ROM provides. */
	vmi_ops = pv_native_ops;
	vmi_ops.init.patch = vmi_patch;
	for (op = 1; op < VMI_NR_OPS; op++) {
		unsigned int reloc = rom.ops[op].reloc;

		n[reloc]++;
		if (reloc == VMI_RELOC_CALL || reloc == VMI_RELOC_JMP)
			slots[op_slot[op]] = (void *)(rom_va + rom.ops[op].offset);
		else if (reloc == VMI_RELOC_NOP)
			slots[op_slot[op]] = paravirt_nop;
	}
	paravirt_install_child(&child);
	active = true;
	pr_info("mapped at %#lx, data at %#lx: %u call, %u jmp, %u native, %u nop, "
		"%u left native\n", rom_va, (unsigned long)counters,
		n[VMI_RELOC_CALL], n[VMI_RELOC_JMP], n[VMI_RELOC_NATIVE],
		n[VMI_RELOC_NOP], n[VMI_RELOC_NONE]);
	return true;
}
