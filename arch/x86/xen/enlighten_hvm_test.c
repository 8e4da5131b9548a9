// SPDX-License-Identifier: GPL-2.0
/*
 * The Xen HVM guest (enlighten_hvm.c), each part against a source other
 * than the code under test.  Suite xen_hvm, PV-on-HVM:
 *
 *  - the child: pv_ops compared with the native table group by group
 *    (native everywhere but time);
 *  - the hypercall instruction: each site's bytes against the vendor
 *    read here, and XENVER_version against Xen's CPUID version leaf;
 *  - the callback: Xen's own HVM_PARAM_CALLBACK_IRQ, read back, is the
 *    vector type with our vector; an event sent with interrupts off
 *    waits pending in Xen's bitmap and runs its handler once they are
 *    on; a masked port stays pending and silent until unmasked;
 *  - pvclock: monotonic, and within 1% of the TSC at the rate Xen
 *    states in CPUID leaf base + 3;
 *  - the single-shot timer: 19 to 21 ticks in 200 ms of pvclock time;
 *  - the emulated devices stay: the device model's COM1 keeps what is
 *    written to its scratch register (under PVH nothing decodes it),
 *    the 8259 pair reads back fully masked (Xen's timer ticks instead
 *    of the PIT), and the firmware's ACPI tables give a \_S5.
 *
 * Suite xen_hvm_nopv (xen_nopv on the command line): Xen's CPUID leaves
 * are there, yet the child is native in every group, the hypercall
 * sites are still the PV `syscall; nop` and no Xen domain type was set.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/irqflags.h>
#include <linux/string.h>
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/bootinfo.h>
#include <asm/io.h>
#include <asm/msr.h>
#include <asm/paravirt.h>
#include <asm/processor.h>
#include <asm/xen/events.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include <asm/xen/pvh.h>
#include <xen/events.h>
#include <xen/interface/event_channel.h>
#include <xen/interface/hvm/params.h>
#include <xen/interface/version.h>
#include "xen-ops.h"

extern const s32 __xen_hypercall_sites[], __xen_hypercall_sites_end[];

#define COM1_SCR	(0x3f8 + 7)	/* 16550 scratch register */

static int hvm_only(struct ktest *t)
{
	if (!xen_hvm_domain() || boot_info.protocol != BOOT_MULTIBOOT2)
		ktest_skip(t, "not a Xen HVM domain");
	return 0;
}

static bool group_native(size_t off, size_t len)
{
	return !memcmp((const char *)&pv_ops + off, (const char *)&pv_native_ops + off, len);
}

#define GROUP_NATIVE(g) \
	group_native(offsetof(struct paravirt_patch_template, g), sizeof(pv_ops.g))

static void hvm_child_groups(struct ktest *t)
{
	KTEST_EXPECT_STREQ(t, pv_child_name, "xen-hvm");
	KTEST_EXPECT_TRUE(t, GROUP_NATIVE(cpu));
	KTEST_EXPECT_TRUE(t, GROUP_NATIVE(irq));
	KTEST_EXPECT_TRUE(t, GROUP_NATIVE(mmu));
	KTEST_EXPECT_TRUE(t, GROUP_NATIVE(lock));
	KTEST_EXPECT_FALSE(t, GROUP_NATIVE(time));
	KTEST_EXPECT_TRUE(t, pv_ops.time.sched_clock.func != pv_native_ops.time.sched_clock.func);
}

static bool cpu_vendor_amd(char *vendor)
{
	struct cpuid_regs r;

	cpuid_count(0, 0, &r);
	memcpy(vendor, &r.ebx, 4);
	memcpy(vendor + 4, &r.edx, 4);
	memcpy(vendor + 8, &r.ecx, 4);
	vendor[12] = '\0';
	return !strcmp(vendor, "AuthenticAMD") || !strcmp(vendor, "HygonGenuine");
}

static void hvm_hypercall_insn(struct ktest *t)
{
	static const u8 vmcall[] = { 0x0f, 0x01, 0xc1 }, vmmcall[] = { 0x0f, 0x01, 0xd9 };
	const s32 *s = __xen_hypercall_sites;
	struct cpuid_regs r;
	char vendor[13];
	bool amd = cpu_vendor_amd(vendor);
	long ver;

	KTEST_ASSERT_TRUE(t, s < __xen_hypercall_sites_end);
	for (; s < __xen_hypercall_sites_end; s++)
		if (memcmp((const u8 *)s + *s, amd ? vmmcall : vmcall, 3)) {
			KTEST_FAIL(t, "site %p is not %s", (const u8 *)s + *s,
				   amd ? "vmmcall" : "vmcall");
			break;
		}
	ver = HYPERVISOR_xen_version(XENVER_version, NULL);
	cpuid_count(xen_cpuid_base() + 1, 0, &r);
	KTEST_EXPECT_EQ(t, ver, (long)r.eax);
	ktest_info(t, "%s: %s, Xen %ld.%ld", vendor, amd ? "vmmcall" : "vmcall",
		   ver >> 16, ver & 0xffff);
}

static unsigned long hvm_hits;

static void hvm_on_event(evtchn_port_t port, void *data)
{
	hvm_hits++;
}

static bool sh_pending(evtchn_port_t port)
{
	const xen_ulong_t *p = HYPERVISOR_shared_info->evtchn_pending;

	if (xen_evtchn_fifo())
		return (xen_evtchn_fifo_word(port) >> EVTCHN_FIFO_PENDING) & 1;
	return READ_ONCE(p[port / (8 * sizeof(*p))]) & (1UL << (port % (8 * sizeof(*p))));
}

static void hvm_event_on_callback_vector(struct ktest *t)
{
	struct xen_hvm_param p = { .domid = DOMID_SELF, .index = HVM_PARAM_CALLBACK_IRQ };
	unsigned long flags;
	int port, i;

	/* Xen's record of where it delivers, not our variable. */
	KTEST_ASSERT_EQ(t, _hypercall2(__HYPERVISOR_hvm_op, HVMOP_get_param,
				       (unsigned long)&p), 0);
	KTEST_EXPECT_EQ(t, p.value,
			((u64)HVM_PARAM_CALLBACK_TYPE_VECTOR << 56) | XEN_UPCALL_VECTOR);
	port = bind_ipi_to_handler(0, hvm_on_event, NULL, "hvm_test");
	KTEST_ASSERT_GE(t, port, 0);
	hvm_hits = 0;
	local_irq_save(flags);
	notify_remote_via_evtchn(port);
	KTEST_EXPECT_TRUE(t, sh_pending(port));
	KTEST_EXPECT_EQ(t, hvm_hits, 0);
	local_irq_restore(flags);
	for (i = 0; i < 1000 && !READ_ONCE(hvm_hits); i++)
		cpu_relax();
	KTEST_EXPECT_EQ(t, hvm_hits, 1);
	KTEST_EXPECT_FALSE(t, sh_pending(port));

	xen_evtchn_mask(port);
	notify_remote_via_evtchn(port);
	for (i = 0; i < 1000; i++)
		cpu_relax();
	KTEST_EXPECT_EQ(t, hvm_hits, 1);
	KTEST_EXPECT_TRUE(t, sh_pending(port));
	xen_evtchn_unmask(port);
	for (i = 0; i < 1000 && READ_ONCE(hvm_hits) < 2; i++)
		cpu_relax();
	KTEST_EXPECT_EQ(t, hvm_hits, 2);
	unbind_from_handler(port);
}

static void hvm_pvclock_vs_tsc(struct ktest *t)
{
	u64 c0, c1, tsc0, tsc1, prev, now, tsc_ns, khz;
	struct cpuid_regs r;
	s64 diff;
	int i;

	cpuid_count(xen_cpuid_base() + 3, 0, &r);
	khz = r.ecx;
	KTEST_ASSERT_GT(t, khz, 0);
	c0 = xen_clocksource_read();
	tsc0 = rdtsc_ordered();
	prev = c0;
	for (i = 0; i < 10000; i++) {
		now = xen_clocksource_read();
		if (now < prev) {
			KTEST_FAIL(t, "pvclock went back: %llu after %llu", now, prev);
			break;
		}
		prev = now;
	}
	do
		now = xen_clocksource_read();
	while (now - c0 < 20000000);		/* 20 ms at least */
	c1 = xen_clocksource_read();
	tsc1 = rdtsc_ordered();
	tsc_ns = (tsc1 - tsc0) * 1000000ULL / khz;
	diff = (s64)(c1 - c0) - (s64)tsc_ns;
	ktest_info(t, "pvclock %llu ns, TSC %llu ns at %llu kHz (CPUID)", c1 - c0, tsc_ns, khz);
	KTEST_EXPECT_LE(t, diff < 0 ? -diff : diff, (s64)(c1 - c0) / 100);
}

static void hvm_singleshot_timer(struct ktest *t)
{
	unsigned long j0 = jiffies, j1;
	u64 c0 = xen_clocksource_read(), c1;

	KTEST_ASSERT_TRUE(t, !irqs_disabled());
	do
		c1 = xen_clocksource_read();
	while (c1 - c0 < 200000000ULL);	/* 200 ms: 20 ticks at 100 Hz */
	j1 = jiffies;
	ktest_info(t, "%lu ticks in %llu ms", j1 - j0, (c1 - c0) / 1000000);
	KTEST_EXPECT_GE(t, j1 - j0, 19);
	KTEST_EXPECT_LE(t, j1 - j0, 21);
}

/* The device model's 16550 and the firmware's ACPI: still there. */
static void hvm_emulated_devices_stay(struct ktest *t)
{
	u8 saved = inb(COM1_SCR);

	outb(0x5a, COM1_SCR);
	KTEST_EXPECT_EQ(t, inb(COM1_SCR), 0x5a);
	outb(0xa5, COM1_SCR);
	KTEST_EXPECT_EQ(t, inb(COM1_SCR), 0xa5);
	outb(saved, COM1_SCR);
	/* The 8259 pair masked (IMR reads back), the tick Xen's instead. */
	KTEST_EXPECT_EQ(t, inb(0x21), 0xff);
	KTEST_EXPECT_EQ(t, inb(0xa1), 0xff);
	KTEST_EXPECT_TRUE(t, acpi_s5_ready());
}

static const struct ktest_case hvm_cases[] = {
	KTEST_CASE(hvm_child_groups),
	KTEST_CASE(hvm_hypercall_insn),
	KTEST_CASE(hvm_event_on_callback_vector),
	KTEST_CASE(hvm_pvclock_vs_tsc),
	KTEST_CASE(hvm_singleshot_timer),
	KTEST_CASE(hvm_emulated_devices_stay),
	{}
};
KTEST_SUITE_FULL(xen_hvm, hvm_cases, hvm_only, NULL);

static int nopv_only(struct ktest *t)
{
	if (!xen_hvm_nopv)
		ktest_skip(t, "not a Xen HVM domain booted with xen_nopv");
	return 0;
}

static void nopv_stays_native(struct ktest *t)
{
	static const u8 pv_syscall[] = { 0x0f, 0x05, 0x90 };
	const s32 *s;

	/* Xen is there: its signature in CPUID, read here. */
	KTEST_EXPECT_NE(t, xen_cpuid_base(), 0);
	KTEST_EXPECT_STREQ(t, pv_child_name, "native");
	KTEST_EXPECT_TRUE(t, GROUP_NATIVE(cpu));
	KTEST_EXPECT_TRUE(t, GROUP_NATIVE(irq));
	KTEST_EXPECT_TRUE(t, GROUP_NATIVE(mmu));
	KTEST_EXPECT_TRUE(t, GROUP_NATIVE(time));
	KTEST_EXPECT_TRUE(t, GROUP_NATIVE(lock));
	KTEST_EXPECT_FALSE(t, xen_domain());
	for (s = __xen_hypercall_sites; s < __xen_hypercall_sites_end; s++)
		if (memcmp((const u8 *)s + *s, pv_syscall, sizeof(pv_syscall))) {
			KTEST_FAIL(t, "site %p was patched", (const u8 *)s + *s);
			break;
		}
}

static const struct ktest_case nopv_cases[] = {
	KTEST_CASE(nopv_stays_native),
	{}
};
KTEST_SUITE_FULL(xen_hvm_nopv, nopv_cases, nopv_only, NULL);
