// SPDX-License-Identifier: GPL-2.0
/*
 * The boot-time PCI scan against what the machine is known to have.  The
 * expected vendor:device list comes from outside the kernel: the test
 * harness derives it from the QEMU machine it starts and passes it as
 * pci_expect=VVVV:DDDD,... (tools/testing/selftests/xen/run_tests.sh);
 * without it the comparison is skipped.  Then the std VGA's MMIO BAR is
 * ioremap()ed and its Bochs VBE ID register read there and through its
 * I/O ports: the same value both ways means ioremap of a device address
 * reaches the device (under Xen: its machine frame, not some RAM page).
 */
#include <linux/ktest.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/io.h>
#include <asm/pci_direct.h>
#include <asm/x86_init.h>

static char expect[256];

static int __init pci_expect_setup(const char *val)
{
	return strscpy(expect, val, sizeof(expect)) < 0 ? -1 : 0;
}
__setup("pci_expect=", pci_expect_setup);

static void pci_expected_functions(struct ktest *t)
{
	const char *p = expect;
	unsigned int n = 0;

	if (x86_platform.no_pci) {
		/*
		 * A platform without configuration space (a Xen PV domU): the
		 * scan did not run, and the mechanism's ports really give
		 * nothing (Xen reads all ones for ports a domain may not use).
		 */
		KTEST_EXPECT_EQ(t, pci_nr_funcs, 0);
		KTEST_EXPECT_EQ(t, pci_conf1_read(0, 0, 0, 0), 0xffffffffU);
		return;
	}
	if (!expect[0])
		ktest_skip(t, "no pci_expect= list from the harness");
	while (*p) {
		char *end;
		unsigned long v = simple_strtoul(p, &end, 16), d;

		KTEST_ASSERT_EQ(t, *end, ':');
		d = simple_strtoul(end + 1, &end, 16);
		KTEST_ASSERT_TRUE(t, *end == ',' || !*end);
		if (!pci_find(v, d))
			KTEST_FAIL(t, "%04lx:%04lx expected, not found", v, d);
		n++;
		p = *end ? end + 1 : end;
	}
	KTEST_EXPECT_GE(t, pci_nr_funcs, n);
}

/* Function 00:00.0 is the host bridge (class 06/00, PCI spec appendix D). */
static void pci_host_bridge_first(struct ktest *t)
{
	if (!pci_nr_funcs)
		ktest_skip(t, "no PCI functions found");
	KTEST_EXPECT_EQ(t, pci_funcs[0].bus, 0);
	KTEST_EXPECT_EQ(t, pci_funcs[0].dev, 0);
	KTEST_EXPECT_EQ(t, pci_funcs[0].class >> 8, 0x0600);
	/* A register read twice is the same: the address latch is ours. */
	KTEST_EXPECT_EQ(t, pci_conf1_read(0, 0, 0, 0),
			(u32)pci_funcs[0].device << 16 | pci_funcs[0].vendor);
}

/*
 * QEMU's std VGA (1234:1111): BAR2 is its MMIO block, whose 0x500 window
 * holds the Bochs VBE registers as 16-bit words (QEMU hw/display/vga-pci.c);
 * the same registers are behind I/O ports 0x1ce (index) / 0x1cf (data).
 * Register 0 is the ID, 0xb0c0 to 0xb0c5 (hw/display/vga.h).
 */
#define VBE_MMIO_OFFSET	0x500
#define VBE_PORT_INDEX	0x1ce
#define VBE_PORT_DATA	0x1cf

static void pci_vga_mmio_reaches_device(struct ktest *t)
{
	const struct pci_func *f = pci_find(0x1234, 0x1111);
	u32 bar, mmio;
	u16 port_id;
	void __iomem *r;

	if (!f)
		ktest_skip(t, "no QEMU std VGA");
	bar = pci_conf1_read(f->bus, f->dev, f->fn, 0x18);
	KTEST_ASSERT_EQ(t, bar & 1, 0);		/* a memory BAR */
	KTEST_ASSERT_NE(t, bar & ~0xfU, 0);	/* assigned by firmware */
	r = ioremap((bar & ~0xfU) + VBE_MMIO_OFFSET, 4);
	KTEST_ASSERT_NOT_NULL(t, r);
	mmio = readl(r) & 0xffff;
	iounmap(r);
	outw(0, VBE_PORT_INDEX);
	port_id = inw(VBE_PORT_DATA);
	KTEST_EXPECT_GE(t, port_id, 0xb0c0);
	KTEST_EXPECT_LE(t, port_id, 0xb0c5);
	KTEST_EXPECT_EQ(t, mmio, port_id);
}

static const struct ktest_case pci_cases[] = {
	KTEST_CASE(pci_expected_functions),
	KTEST_CASE(pci_host_bridge_first),
	KTEST_CASE(pci_vga_mmio_reaches_device),
	{}
};
KTEST_SUITE(pci, pci_cases);
