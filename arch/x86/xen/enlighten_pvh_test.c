// SPDX-License-Identifier: GPL-2.0
/*
 * The Xen PVH guest, each part against a source other than the code
 * under test:
 *
 *  - the child: pv_ops itself compared with the native table, group by
 *    group (native everywhere but time under HAP);
 *  - the hypercall instruction: the bytes at a hypercall site against
 *    the CPU vendor read here, and a hypercall's answer (XENVER_version)
 *    against Xen's CPUID version leaf, two channels that must agree;
 *  - an event on the callback vector: with interrupts off a send leaves
 *    the port pending in shared_info (Xen's bitmap) and our handler
 *    unrun; enabling them runs it; a masked port stays pending and
 *    silent until unmasked;
 *  - pvclock: monotonic, and its elapsed time against the TSC's at the
 *    frequency Xen states in CPUID leaf base + 3 (not the pvclock's
 *    mul/shift);
 *  - the single-shot timer: jiffies advance with pvclock time;
 *  - the console's debug port: a line printed while the ring is held
 *    and then drained goes to Xen's port 0xe9; the harness finds it on
 *    Xen's own console as "(dN) ..." (mode xen-pvh-domU), and on the
 *    ring once the ring is back;
 *  - no UART: nothing decodes COM1's ports (LSR reads all ones), so the
 *    serial console, which checks exactly that, took no byte.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/irqflags.h>
#include <linux/string.h>
#include <asm/io.h>
#include <asm/msr.h>
#include <asm/paravirt.h>
#include <asm/processor.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include <asm/apic.h>
#include <asm/bootinfo.h>
#include <asm/xen/events.h>
#include <asm/xen/pvh.h>
#include <xen/events.h>
#include <xen/interface/event_channel.h>
#include <xen/hvc-console.h>
#include "xen-ops.h"
#include <xen/interface/version.h>

extern const s32 __xen_hypercall_sites[], __xen_hypercall_sites_end[];

static int pvh_only(struct ktest *t)
{
	if (!xen_hvm_domain() || boot_info.protocol != BOOT_PVH)
		ktest_skip(t, "not a Xen PVH domain");
	return 0;
}

static bool group_native(size_t off, size_t len)
{
	return !memcmp((const char *)&pv_ops + off, (const char *)&pv_native_ops + off, len);
}

static void pvh_child_groups(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, strcmp(pv_child_name, "xen-pvh"), 0);
	KTEST_EXPECT_TRUE(t, group_native(offsetof(struct paravirt_patch_template, cpu),
					  sizeof(pv_ops.cpu)));
	KTEST_EXPECT_TRUE(t, group_native(offsetof(struct paravirt_patch_template, irq),
					  sizeof(pv_ops.irq)));
	KTEST_EXPECT_TRUE(t, group_native(offsetof(struct paravirt_patch_template, mmu),
					  sizeof(pv_ops.mmu)));
	KTEST_EXPECT_TRUE(t, group_native(offsetof(struct paravirt_patch_template, lock),
					  sizeof(pv_ops.lock)));
	KTEST_EXPECT_FALSE(t, group_native(offsetof(struct paravirt_patch_template, time),
					   sizeof(pv_ops.time)));
	KTEST_EXPECT_TRUE(t, pv_ops.time.sched_clock.func != pv_native_ops.time.sched_clock.func);
}

static void pvh_hypercall_insn(struct ktest *t)
{
	static const u8 vmcall[] = { 0x0f, 0x01, 0xc1 }, vmmcall[] = { 0x0f, 0x01, 0xd9 };
	const s32 *s = __xen_hypercall_sites;
	struct cpuid_regs r;
	char vendor[13];
	bool amd;
	long ver;

	cpuid_count(0, 0, &r);
	memcpy(vendor, &r.ebx, 4);
	memcpy(vendor + 4, &r.edx, 4);
	memcpy(vendor + 8, &r.ecx, 4);
	vendor[12] = '\0';
	amd = !strcmp(vendor, "AuthenticAMD") || !strcmp(vendor, "HygonGenuine");
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

static unsigned long pvh_hits;

static void pvh_on_event(evtchn_port_t port, void *data)
{
	pvh_hits++;
}

static bool sh_pending(evtchn_port_t port)
{
	const xen_ulong_t *p = HYPERVISOR_shared_info->evtchn_pending;

	/* FIFO: the PENDING bit of the port's event word (event_channel.h). */
	if (xen_evtchn_fifo())
		return (xen_evtchn_fifo_word(port) >> EVTCHN_FIFO_PENDING) & 1;

	return READ_ONCE(p[port / (8 * sizeof(*p))]) & (1UL << (port % (8 * sizeof(*p))));
}

static void pvh_event_on_callback_vector(struct ktest *t)
{
	unsigned long flags;
	int port, i;

	KTEST_ASSERT_EQ(t, xen_pvh.callback_vector, XEN_UPCALL_VECTOR);
	port = bind_ipi_to_handler(0, pvh_on_event, NULL, "pvh_test");
	KTEST_ASSERT_GE(t, port, 0);
	pvh_hits = 0;
	local_irq_save(flags);
	notify_remote_via_evtchn(port);
	/* The vector waits for IF: Xen's bit is set, our handler unrun. */
	KTEST_EXPECT_TRUE(t, sh_pending(port));
	KTEST_EXPECT_EQ(t, pvh_hits, 0);
	local_irq_restore(flags);
	for (i = 0; i < 1000 && !READ_ONCE(pvh_hits); i++)
		cpu_relax();
	KTEST_EXPECT_EQ(t, pvh_hits, 1);
	KTEST_EXPECT_FALSE(t, sh_pending(port));

	/* Masked: pending, not delivered, even with interrupts on. */
	xen_evtchn_mask(port);
	notify_remote_via_evtchn(port);
	for (i = 0; i < 1000; i++)
		cpu_relax();
	KTEST_EXPECT_EQ(t, pvh_hits, 1);
	KTEST_EXPECT_TRUE(t, sh_pending(port));
	xen_evtchn_unmask(port);
	for (i = 0; i < 1000 && READ_ONCE(pvh_hits) < 2; i++)
		cpu_relax();
	KTEST_EXPECT_EQ(t, pvh_hits, 2);
	unbind_from_handler(port);
}

static void pvh_pvclock_vs_tsc(struct ktest *t)
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
	/* 1%: the two clocks come from one TSC, Xen's rate is its calibration. */
	KTEST_EXPECT_LE(t, diff < 0 ? -diff : diff, (s64)(c1 - c0) / 100);
}

static void pvh_singleshot_timer(struct ktest *t)
{
	unsigned long j0 = jiffies, j1;
	u64 c0 = xen_clocksource_read(), c1;

	KTEST_ASSERT_TRUE(t, !irqs_disabled());
	do
		c1 = xen_clocksource_read();
	while (c1 - c0 < 200000000ULL);	/* 200 ms: 20 ticks at 100 Hz */
	j1 = jiffies;
	ktest_info(t, "%lu ticks in %llu ms", j1 - j0, (c1 - c0) / 1000000);
	/* Late ticks are caught up (time.c), so at most one is missing. */
	KTEST_EXPECT_GE(t, j1 - j0, 19);
	KTEST_EXPECT_LE(t, j1 - j0, 21);
}

static void pvh_held_console_reaches_debug_port(struct ktest *t)
{
	struct xencons_ring *r = xen_console_ring();
	u64 stamp = rdtsc();

	if (xen_initial_domain())
		ktest_skip(t, "dom0: Xen's own console (CONSOLEIO_write), no ring to hold");
	KTEST_ASSERT_NOT_NULL(t, r);
	/* As across paging_init; the domain ending here drains to the port. */
	xen_console_hold();
	printk(KERN_INFO "xen_pvh: held line %llu\n", stamp);
	xen_console_drain();
	xen_console_move_ring(r->intf);
	ktest_info(t, "held line %llu: Xen's console must show it from port 0xe9", stamp);
}

static void pvh_no_uart(struct ktest *t)
{
	/* No device model under PVH: each UART byte would be a VM exit. */
	KTEST_EXPECT_EQ(t, inb(0x3f8 + 5), 0xff);
}

static const struct ktest_case pvh_cases[] = {
	KTEST_CASE(pvh_child_groups),
	KTEST_CASE(pvh_hypercall_insn),
	KTEST_CASE(pvh_event_on_callback_vector),
	KTEST_CASE(pvh_pvclock_vs_tsc),
	KTEST_CASE(pvh_singleshot_timer),
	KTEST_CASE(pvh_held_console_reaches_debug_port),
	KTEST_CASE(pvh_no_uart),
	{}
};
KTEST_SUITE_FULL(xen_pvh, pvh_cases, pvh_only, NULL);
