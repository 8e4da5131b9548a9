// SPDX-License-Identifier: GPL-2.0
/*
 * Hypercall bookkeeping: Xen's error names, generated from Xen's own
 * errno list, and with CONFIG_XEN_DEBUG_STATS the counts by number and
 * CPU (asm/xen/hypercall.h, per-CPU data) and their report.
 */
#include <linux/kernel.h>
#include <asm/xen/hypercall.h>

/* Xen's list has aliases (EWOULDBLOCK is EAGAIN): the first name wins. */
static const struct {
	int value;
	const char *name;
} xen_errnames[] = {
#define XEN_ERRNO(name, value) { value, #name },
#include <xen/interface/errno.h>
#undef XEN_ERRNO
};

const char *xen_errname(long err)
{
	long e = err < 0 ? -err : err;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(xen_errnames); i++)
		if (xen_errnames[i].value == e)
			return xen_errnames[i].name;
	return "unknown error";
}

#ifdef CONFIG_XEN_DEBUG_STATS
DEFINE_PER_CPU_ALIGNED(struct xen_hypercall_stats, xen_hypercall_stats);

static const char *const hypercall_names[XEN_NR_HYPERCALLS] = {
	[__HYPERVISOR_set_trap_table] = "set_trap_table",
	[__HYPERVISOR_mmu_update] = "mmu_update",
	[__HYPERVISOR_stack_switch] = "stack_switch",
	[__HYPERVISOR_fpu_taskswitch] = "fpu_taskswitch",
	[__HYPERVISOR_memory_op] = "memory_op",
	[__HYPERVISOR_multicall] = "multicall",
	[__HYPERVISOR_update_va_mapping] = "update_va_mapping",
	[__HYPERVISOR_set_timer_op] = "set_timer_op",
	[__HYPERVISOR_xen_version] = "xen_version",
	[__HYPERVISOR_console_io] = "console_io",
	[__HYPERVISOR_vm_assist] = "vm_assist",
	[__HYPERVISOR_iret] = "iret",
	[__HYPERVISOR_vcpu_op] = "vcpu_op",
	[__HYPERVISOR_mmuext_op] = "mmuext_op",
	[__HYPERVISOR_callback_op] = "callback_op",
	[__HYPERVISOR_event_channel_op] = "event_channel_op",
	[__HYPERVISOR_physdev_op] = "physdev_op",
	[__HYPERVISOR_sched_op] = "sched_op",
	[__HYPERVISOR_grant_table_op] = "grant_table_op",
	[__HYPERVISOR_hvm_op] = "hvm_op",
	[__HYPERVISOR_sysctl] = "sysctl",
	[__HYPERVISOR_domctl] = "domctl",
};

unsigned long xen_hypercall_count(unsigned int op)
{
	unsigned long n = 0;
	unsigned int cpu;

	if (op >= XEN_NR_HYPERCALLS)
		return 0;
	for_each_possible_cpu(cpu)
		n += READ_ONCE(per_cpu(xen_hypercall_stats, cpu).count[op]);
	return n;
}

unsigned long xen_hypercalls_total(void)
{
	unsigned long total = 0;
	unsigned int op;

	for (op = 0; op < XEN_NR_HYPERCALLS; op++)
		total += xen_hypercall_count(op);
	return total;
}

/* One line: "xen: hypercalls (WHEN): total N; name n, ..." by number. */
static void print_counts(const char *when, const unsigned long *counts)
{
	unsigned long total = 0;
	unsigned int op;

	for (op = 0; op < XEN_NR_HYPERCALLS; op++)
		total += counts[op];
	printk(KERN_INFO "xen: hypercalls (%s): total %lu;", when, total);
	for (op = 0; op < XEN_NR_HYPERCALLS; op++) {
		if (!counts[op])
			continue;
		if (hypercall_names[op])
			pr_cont(" %s %lu", hypercall_names[op], counts[op]);
		else
			pr_cont(" #%u %lu", op, counts[op]);
	}
	pr_cont("\n");
}

/* All read before the first byte goes out: the console makes hypercalls. */
static void read_counts(unsigned long *counts)
{
	unsigned int op;

	for (op = 0; op < XEN_NR_HYPERCALLS; op++)
		counts[op] = xen_hypercall_count(op);
}

void xen_print_hypercall_counts(const char *when)
{
	unsigned long counts[XEN_NR_HYPERCALLS];

	read_counts(counts);
	print_counts(when, counts);
}

/* The counts at the window's start [0] and end [1]: one window at a time. */
static unsigned long window[2][XEN_NR_HYPERCALLS];

void xen_hypercalls_window(bool end)
{
	read_counts(window[end]);
}

void xen_print_hypercalls_window(const char *when)
{
	unsigned long counts[XEN_NR_HYPERCALLS];
	unsigned int op;

	for (op = 0; op < XEN_NR_HYPERCALLS; op++)
		counts[op] = window[1][op] - window[0][op];
	print_counts(when, counts);
}
#endif /* CONFIG_XEN_DEBUG_STATS */
