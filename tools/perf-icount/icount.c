// SPDX-License-Identifier: GPL-2.0
/*
 * QEMU TCG plugin: count guest instructions exactly, in total and between
 * pairs of marker instructions the kernel executes around a benchmark.
 *
 * A marker is `nopl 0x4b4dCCCC(%rax)` (0f 1f 80, disp32 with "KM" in its
 * high half): CCCC bit 15 clear starts benchmark CCCC & 0x3fff, set stops
 * it.  Every instruction adds 1 to an inline per-vCPU counter (and, if it
 * is not a NOP, to a second one; if it is PAUSE, to a third; if it is
 * SYSCALL, to a fourth, and if that SYSCALL is at an address in the
 * upper half, to a fifth), so counts do not depend on where translation
 * blocks begin or end.  A 64-bit Xen PV kernel enters Xen by SYSCALL
 * (every hypercall, iret too), so in a window of such a kernel's own
 * the SYSCALLs are its hypercalls, whatever kernel it is; with user
 * space running too, the upper half's alone are (ksyscalls: a user
 * program's SYSCALL is at a lower-half address).  A hypercall that Xen
 * preempts and continues later runs its SYSCALL again, and is counted
 * again.
 *
 * Two more codes (bit 13 set, not windows): 0xa000 cancels the last run of
 * a window that stopped (its counts are taken back out: a benchmark that
 * finds it was interrupted by something else runs again), and 0x2000 | S
 * ends section S: every window up to PVBENCH_BOOT (32: the windows a
 * kernel opens itself) that has run so far is printed as
 * "icount: section=S bench=..." and forgotten, so that two kernels
 * running the same window ids in one QEMU run (make bench's domUs) each
 * get their own lines.
 *
 * A window counts the marker vCPU's own instructions, unless CCCC bit 14
 * is set: then it counts every vCPU's between the start and the stop (the
 * sum of all counters at each marker; under MTTCG the other vCPUs' threads
 * run meanwhile, so their share is read as of that moment), and also
 * reports the starting vCPU's own share, the PAUSEs (spin-wait turns) of
 * all vCPUs and of the starting one, and the host's wall time between the
 * markers; its stop may run on another vCPU.  Otherwise start and stop of
 * one window must run on the same vCPU.  At exit it prints, through
 * QEMU's log (-d plugin -D FILE):
 *   icount: total insns=N nonop=N
 *   icount: bench=ID runs=R insns=N nonop=N syscalls=N ksyscalls=N
 *   icount: bench=ID runs=R insns=N nonop=N self=N pause=N self_pause=N wall_us=N
 * (the last for all-vCPU windows; self and self_pause: the starting vCPU's),
 * with " canceled=N" appended where runs were canceled.
 */
#include <glib.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

#define MARK_MAGIC	0x4b4d0000u
#define MARK_STOP	0x8000u
#define MARK_ALL	0x4000u
#define MARK_CTL	0x2000u		/* not a window: cancel or section */
#define MARK_CANCEL	0xa000u
#define MAX_BENCH	64
#define SECTION_LAST	32		/* windows up to it end with a section */

struct counts {
	uint64_t insns, nonop, pause, sysc, ksysc;
};

static struct qemu_plugin_scoreboard *sb;
static qemu_plugin_u64 sb_insns, sb_nonop, sb_pause, sb_sysc, sb_ksysc;

static struct {
	struct counts start, sum, last;
	uint64_t self_start, self, self_pause_start, self_pause;
	uint64_t wall_start, wall;			/* microseconds */
	unsigned int runs, start_vcpu, canceled;
	int open, all;
} bench[MAX_BENCH];
static int last_stopped = -1;			/* window of the last stop, or -1 */

static void print_bench(const char *prefix, unsigned int i);

/* One-instruction NOPs: optional 0x66 prefixes, then 90 or 0f 1f /0. */
static int is_nop(const uint8_t *b, size_t n)
{
	size_t i = 0;

	while (i < n && b[i] == 0x66)
		i++;
	if (i < n && b[i] == 0x90)
		return 1;
	return i + 1 < n && b[i] == 0x0f && b[i + 1] == 0x1f;
}

/* SYSCALL: 0f 05. */
static int is_syscall(const uint8_t *b, size_t n)
{
	return n == 2 && b[0] == 0x0f && b[1] == 0x05;
}

/* PAUSE: optional 0x66 prefixes, then f3 90. */
static int is_pause(const uint8_t *b, size_t n)
{
	size_t i = 0;

	while (i < n && b[i] == 0x66)
		i++;
	return i + 1 < n && b[i] == 0xf3 && b[i + 1] == 0x90;
}

static void on_marker(unsigned int vcpu, void *udata)
{
	unsigned int code = (unsigned int)(uintptr_t)udata;
	unsigned int id = code & 0x3fff;
	int all = !!(code & MARK_ALL);
	struct counts now = {
		all ? qemu_plugin_u64_sum(sb_insns) : qemu_plugin_u64_get(sb_insns, vcpu),
		all ? qemu_plugin_u64_sum(sb_nonop) : qemu_plugin_u64_get(sb_nonop, vcpu),
		all ? qemu_plugin_u64_sum(sb_pause) : qemu_plugin_u64_get(sb_pause, vcpu),
		all ? qemu_plugin_u64_sum(sb_sysc) : qemu_plugin_u64_get(sb_sysc, vcpu),
		all ? qemu_plugin_u64_sum(sb_ksysc) : qemu_plugin_u64_get(sb_ksysc, vcpu),
	};
	uint64_t t = g_get_monotonic_time();

	if (code == MARK_CANCEL) {
		if (last_stopped >= 0 && !bench[last_stopped].all) {
			id = last_stopped;
			bench[id].sum.insns -= bench[id].last.insns;
			bench[id].sum.nonop -= bench[id].last.nonop;
			bench[id].sum.pause -= bench[id].last.pause;
			bench[id].sum.sysc -= bench[id].last.sysc;
			bench[id].sum.ksysc -= bench[id].last.ksysc;
			bench[id].runs--;
			bench[id].canceled++;
		}
		last_stopped = -1;
		return;
	}
	if ((code & (MARK_CTL | MARK_STOP)) == MARK_CTL) {
		char prefix[32];

		snprintf(prefix, sizeof(prefix), "section=%u ", code & 0x1fff);
		for (id = 0; id <= SECTION_LAST; id++) {
			if (!bench[id].runs && !bench[id].canceled)
				continue;
			print_bench(prefix, id);
			memset(&bench[id], 0, sizeof(bench[id]));
		}
		last_stopped = -1;
		return;
	}
	if (id >= MAX_BENCH)
		return;
	if (!(code & MARK_STOP)) {
		bench[id].start = now;
		bench[id].start_vcpu = vcpu;
		bench[id].self_start = qemu_plugin_u64_get(sb_insns, vcpu);
		bench[id].self_pause_start = qemu_plugin_u64_get(sb_pause, vcpu);
		bench[id].wall_start = t;
		bench[id].open = 1;
		bench[id].all = all;
	} else if (bench[id].open) {
		bench[id].last.insns = now.insns - bench[id].start.insns;
		bench[id].last.nonop = now.nonop - bench[id].start.nonop;
		bench[id].last.pause = now.pause - bench[id].start.pause;
		bench[id].last.sysc = now.sysc - bench[id].start.sysc;
		bench[id].last.ksysc = now.ksysc - bench[id].start.ksysc;
		bench[id].sum.insns += bench[id].last.insns;
		bench[id].sum.nonop += bench[id].last.nonop;
		bench[id].sum.pause += bench[id].last.pause;
		bench[id].sum.sysc += bench[id].last.sysc;
		bench[id].sum.ksysc += bench[id].last.ksysc;
		bench[id].self += qemu_plugin_u64_get(sb_insns, bench[id].start_vcpu) -
				  bench[id].self_start;
		bench[id].self_pause += qemu_plugin_u64_get(sb_pause, bench[id].start_vcpu) -
					bench[id].self_pause_start;
		bench[id].wall += t - bench[id].wall_start;
		bench[id].runs++;
		bench[id].open = 0;
		last_stopped = id;
	}
}

static void on_tb(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	size_t i, n = qemu_plugin_tb_n_insns(tb);

	for (i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
		uint8_t b[16];
		size_t len = qemu_plugin_insn_data(insn, b, sizeof(b));

		qemu_plugin_register_vcpu_insn_exec_inline_per_vcpu(
			insn, QEMU_PLUGIN_INLINE_ADD_U64, sb_insns, 1);
		if (!is_nop(b, len))
			qemu_plugin_register_vcpu_insn_exec_inline_per_vcpu(
				insn, QEMU_PLUGIN_INLINE_ADD_U64, sb_nonop, 1);
		if (is_pause(b, len))
			qemu_plugin_register_vcpu_insn_exec_inline_per_vcpu(
				insn, QEMU_PLUGIN_INLINE_ADD_U64, sb_pause, 1);
		if (is_syscall(b, len))
			qemu_plugin_register_vcpu_insn_exec_inline_per_vcpu(
				insn, QEMU_PLUGIN_INLINE_ADD_U64, sb_sysc, 1);
		if (is_syscall(b, len) && (qemu_plugin_insn_vaddr(insn) >> 63))
			qemu_plugin_register_vcpu_insn_exec_inline_per_vcpu(
				insn, QEMU_PLUGIN_INLINE_ADD_U64, sb_ksysc, 1);
		if (len == 7 && b[0] == 0x0f && b[1] == 0x1f && b[2] == 0x80 &&
		    b[5] == 0x4d && b[6] == 0x4b) {
			unsigned int code = b[3] | (b[4] << 8);

			/* After the inline adds, so start and stop count alike. */
			qemu_plugin_register_vcpu_insn_exec_cb(insn, on_marker,
				QEMU_PLUGIN_CB_NO_REGS, (void *)(uintptr_t)code);
		}
	}
}

static void print_bench(const char *prefix, unsigned int i)
{
	char line[320], canceled[32] = "";

	if (bench[i].canceled)
		snprintf(canceled, sizeof(canceled), " canceled=%u", bench[i].canceled);
	if (bench[i].all)
		snprintf(line, sizeof(line),
			 "icount: %sbench=%u runs=%u insns=%" PRIu64 " nonop=%" PRIu64
			 " self=%" PRIu64 " pause=%" PRIu64 " self_pause=%" PRIu64
			 " wall_us=%" PRIu64 "%s\n",
			 prefix, i, bench[i].runs, bench[i].sum.insns, bench[i].sum.nonop,
			 bench[i].self, bench[i].sum.pause, bench[i].self_pause,
			 bench[i].wall, canceled);
	else
		snprintf(line, sizeof(line),
			 "icount: %sbench=%u runs=%u insns=%" PRIu64 " nonop=%" PRIu64
			 " syscalls=%" PRIu64 " ksyscalls=%" PRIu64 "%s\n",
			 prefix, i, bench[i].runs, bench[i].sum.insns, bench[i].sum.nonop,
			 bench[i].sum.sysc, bench[i].sum.ksysc, canceled);
	qemu_plugin_outs(line);
}

static void icount_exit(qemu_plugin_id_t id, void *p)
{
	char line[256];
	unsigned int i;

	snprintf(line, sizeof(line), "icount: total insns=%" PRIu64 " nonop=%" PRIu64 "\n",
		 qemu_plugin_u64_sum(sb_insns), qemu_plugin_u64_sum(sb_nonop));
	qemu_plugin_outs(line);
	for (i = 0; i < MAX_BENCH; i++)
		if (bench[i].runs || bench[i].canceled)
			print_bench("", i);
	qemu_plugin_scoreboard_free(sb);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
					   const qemu_info_t *info,
					   int argc, char **argv)
{
	sb = qemu_plugin_scoreboard_new(sizeof(struct counts));
	sb_insns = qemu_plugin_scoreboard_u64_in_struct(sb, struct counts, insns);
	sb_nonop = qemu_plugin_scoreboard_u64_in_struct(sb, struct counts, nonop);
	sb_pause = qemu_plugin_scoreboard_u64_in_struct(sb, struct counts, pause);
	sb_sysc = qemu_plugin_scoreboard_u64_in_struct(sb, struct counts, sysc);
	sb_ksysc = qemu_plugin_scoreboard_u64_in_struct(sb, struct counts, ksysc);
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_tb);
	qemu_plugin_register_atexit_cb(id, icount_exit, NULL);
	return 0;
}
