/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PCI configuration space through mechanism #1 (ports 0xCF8/0xCFC, PCI
 * Local Bus spec 3.0 3.2.2.3.2) and the functions a boot-time scan found.
 */
#ifndef _ASM_X86_PCI_DIRECT_H
#define _ASM_X86_PCI_DIRECT_H

#include <linux/types.h>

#define PCI_MAX_FUNCTIONS	64

struct pci_func {
	u8 bus, dev, fn;
	u8 header;		/* header type, multi-function bit cleared */
	u16 vendor, device;
	u32 class;		/* class, subclass, prog-if */
};

/* One aligned dword of (bus, dev, fn)'s space at @reg (low 2 bits ignored). */
u32 pci_conf1_read(u8 bus, u8 dev, u8 fn, u8 reg);
/* Scan bus 0 and the buses behind its bridges; number of functions found. */
int pci_scan(void);
extern struct pci_func pci_funcs[PCI_MAX_FUNCTIONS];
extern unsigned int pci_nr_funcs;
/* The first function with this vendor and device ID, or NULL. */
const struct pci_func *pci_find(u16 vendor, u16 device);

#endif
