// SPDX-License-Identifier: GPL-2.0
/*
 * PCI configuration mechanism #1: the address of a dword (enable bit, bus,
 * device, function, register) goes to port 0xCF8, the data comes from
 * 0xCFC.  The scan walks bus 0 and every bus behind a PCI-to-PCI bridge
 * (each bus once), reading vendor/device, class and header type, and
 * logs one line per function.  Port I/O is plain in/out: natively the
 * CPU does it; a Xen dom0 has the I/O privilege (physdev set_iopl) and
 * Xen emulates these two ports for it.
 */
#define pr_fmt(fmt) "pci: " fmt

#include <linux/kernel.h>
#include <linux/irqflags.h>
#include <linux/init.h>
#include <asm/io.h>
#include <asm/pci_direct.h>

#define CONF1_ADDR		0xcf8
#define CONF1_DATA		0xcfc
#define CONF1_ENABLE		0x80000000U

#define PCI_VENDOR_ID		0x00
#define PCI_CLASS_REVISION	0x08
#define PCI_HEADER_TYPE_REG	0x0c	/* header type is byte 2 */
#define PCI_BRIDGE_BUSES	0x18	/* primary, secondary, subordinate */
#define PCI_HEADER_BRIDGE	1
#define PCI_HEADER_MULTI	0x80

struct pci_func pci_funcs[PCI_MAX_FUNCTIONS];
unsigned int pci_nr_funcs;

/*
 * The address and data ports are one shared register pair: interrupts
 * off between the two, so a handler's access cannot move the address
 * under us (one CPU today; a lock joins this with SMP).
 */
u32 pci_conf1_read(u8 bus, u8 dev, u8 fn, u8 reg)
{
	unsigned long flags;
	u32 v;

	local_irq_save(flags);
	outl(CONF1_ENABLE | (bus << 16) | ((dev & 31) << 11) | ((fn & 7) << 8) |
	     (reg & 0xfc), CONF1_ADDR);
	v = inl(CONF1_DATA);
	local_irq_restore(flags);
	return v;
}

/*
 * Is anything decoding 0xCF8 as mechanism #1's address register?  It
 * latches a written dword (Linux's pci_check_type1 test); the old value
 * is put back.
 */
static bool conf1_present(void)
{
	u32 old = inl(CONF1_ADDR);
	bool ok;

	outl(CONF1_ENABLE, CONF1_ADDR);
	ok = inl(CONF1_ADDR) == CONF1_ENABLE;
	outl(old, CONF1_ADDR);
	return ok;
}

static unsigned long seen_bus[256 / 64];

static void scan_bus(u8 bus)
{
	unsigned int dev, fn, nfn;

	if (seen_bus[bus / 64] & (1UL << (bus % 64)))
		return;
	seen_bus[bus / 64] |= 1UL << (bus % 64);
	for (dev = 0; dev < 32; dev++) {
		for (fn = 0, nfn = 1; fn < nfn; fn++) {
			u32 id = pci_conf1_read(bus, dev, fn, PCI_VENDOR_ID);
			u8 hdr = pci_conf1_read(bus, dev, fn, PCI_HEADER_TYPE_REG) >> 16;
			struct pci_func *f;

			if ((id & 0xffff) == 0xffff || (id & 0xffff) == 0)
				continue;
			if (fn == 0 && (hdr & PCI_HEADER_MULTI))
				nfn = 8;
			if (pci_nr_funcs == PCI_MAX_FUNCTIONS) {
				pr_warn("more than %u functions: %02x:%02x.%u and on not listed\n",
					PCI_MAX_FUNCTIONS, bus, dev, fn);
				return;
			}
			f = &pci_funcs[pci_nr_funcs++];
			*f = (struct pci_func){
				.bus = bus, .dev = dev, .fn = fn,
				.header = hdr & ~PCI_HEADER_MULTI,
				.vendor = id & 0xffff, .device = id >> 16,
				.class = pci_conf1_read(bus, dev, fn, PCI_CLASS_REVISION) >> 8,
			};
			pr_info("0000:%02x:%02x.%u [%04x:%04x] class %06x%s\n", bus, dev, fn,
				f->vendor, f->device, f->class,
				f->header == PCI_HEADER_BRIDGE ? " (bridge)" : "");
			if (f->header == PCI_HEADER_BRIDGE) {
				u8 sec = pci_conf1_read(bus, dev, fn, PCI_BRIDGE_BUSES) >> 8;

				if (sec > bus)
					scan_bus(sec);
			}
		}
	}
}

int __init pci_scan(void)
{
	if (!conf1_present()) {
		pr_info("no configuration mechanism #1 at 0xcf8\n");
		return 0;
	}
	scan_bus(0);
	pr_info("%u functions (configuration mechanism #1)\n", pci_nr_funcs);
	return pci_nr_funcs;
}

const struct pci_func *pci_find(u16 vendor, u16 device)
{
	unsigned int i;

	for (i = 0; i < pci_nr_funcs; i++)
		if (pci_funcs[i].vendor == vendor && pci_funcs[i].device == device)
			return &pci_funcs[i];
	return NULL;
}
