// SPDX-License-Identifier: GPL-2.0
/*
 * The slim dom0's entry point and event loop.  After the boot suites,
 * dom0.guests=N asks for N PV guests built from the boot module (the
 * kernel image Xen handed dom0 after its own); what follows a lone "--"
 * on dom0's command line is their command line.  Nothing runs without
 * dom0.guests, so a dom0 boot that does not ask behaves as before.
 *
 * One loop serves every guest: their consoles and disks, a bounded
 * amount per guest per pass; VIRQ_DOM_EXC says some domain changed
 * state, and XEN_DOMCTL_getdomaininfo says which and how it ended.  An
 * ended guest is reported with its reason, its console drained, its
 * devices and domain destroyed; one that powered off is built again
 * while dom0.guest_runs (default 1) asks for more runs.  The verdict is
 * good when every run powered off on its own before dom0.timeout
 * seconds (default 900).  dom0.guest_type=pvh builds PVH guests
 * (build_pvh.c) instead of PV ones.  dom0.guest_mem and dom0.guest_disk
 * size each guest (MiB), dom0.guest_vcpus gives it vCPUs (it brings up all but the
 * first itself, VCPUOP_initialise).
 */
#define __XEN_TOOLS__ 1
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/irqflags.h>
#include <linux/pvbench.h>
#include <asm/page.h>
#include <asm/paravirt.h>
#include <asm/xen/hypervisor.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/start_info.h>
#include <xen/interface/domctl.h>
#include <xen/interface/sched.h>
#include <xen/events.h>
#include <xen/xenbus.h>
#include <xen/xenstored.h>
#include <xen/foreign.h>
#include <xen/dom0.h>
#include "console.h"
#include "guest.h"
#include "vbd.h"

#define MAX_GUESTS		8
#define CONSOLE_BUDGET		2048	/* bytes per guest per pass */
#define DEFAULT_MEM_MB		64
#define DEFAULT_TIMEOUT_S	900
#define DEFAULT_DISK_MB		8
#define BENCH_WIN_RUNNING	60	/* scripts/bench-dom0.sh: to the unpause, */
#define BENCH_WIN_PAUSED	61	/* to just before it (the guest never ran) */

#define MAX_RANGES		32

/* A range of 4 KiB blocks the guest said it wrote and read back. */
struct written {
	u64 seed, first, last;
};

struct slot {
	char cmdline[MAX_GUEST_CMDLINE];
	struct written ranges[MAX_RANGES];
	unsigned int nr_ranges;
	unsigned long ranges_blocks;
	struct dom0_guest g;
	struct dom0_console con;
	struct dom0_vbd vbd;
	bool has_vbd;
	struct xenstore_domain_interface *store;	/* its ring, mapped */
	bool live;
	unsigned int runs, good;	/* started, ended well */
};

static struct slot slots[MAX_GUESTS];
static bool dom_exc, work;
static struct dom0_guest_cfg cfg;
static unsigned long disk_kb;
static unsigned int runs_each;
/* dom0.guest_type: pv (default) or pvh; its builder. */
static int (*build)(const void *image, size_t len, const struct dom0_guest_cfg *cfg,
		    struct dom0_guest *g) = dom0_build_pv;

static unsigned long param(const char *name, unsigned long def, unsigned long lo,
			   unsigned long hi)
{
	char buf[16];
	unsigned long v;
	char *end;

	if (!cmdline_get_value(name, buf, sizeof(buf)))
		return def;
	v = simple_strtoul(buf, &end, 10);
	if (*end || v < lo || v > hi) {
		pr_err("dom0: %s=%s: want %lu to %lu; using %lu\n", name, buf, lo, hi, def);
		return def;
	}
	return v;
}

static int guest_type(void)
{
	char buf[8];

	if (!cmdline_get_value("dom0.guest_type", buf, sizeof(buf)) || !strcmp(buf, "pv"))
		return 0;
	if (!strcmp(buf, "pvh")) {
		build = dom0_build_pvh;
		return 0;
	}
	/* Not a guess at what was meant: the judge would count the wrong kind. */
	pr_err("dom0: dom0.guest_type=%s: want pv or pvh; no guests\n", buf);
	return -EINVAL;
}

void dom0_wake(void)
{
	WRITE_ONCE(work, true);
}

static void on_dom_exc(evtchn_port_t port, void *data)
{
	WRITE_ONCE(dom_exc, true);
	dom0_wake();
}

static const char *const reasons[] = {
	[SHUTDOWN_poweroff] = "poweroff", [SHUTDOWN_reboot] = "reboot",
	[SHUTDOWN_suspend] = "suspend", [SHUTDOWN_crash] = "crash",
	[SHUTDOWN_watchdog] = "watchdog", [SHUTDOWN_soft_reset] = "soft_reset",
};

static const char *reason_name(unsigned int r)
{
	return r < ARRAY_SIZE(reasons) && reasons[r] ? reasons[r] : "unknown";
}

/*
 * blkfront's suite prints "blkfront-pattern: seed S blocks A-B" for each
 * range it wrote and read back (drivers/block/xen-blkfront_test.c); dom0
 * rereads them from the disk once the guest is gone, for the judge.
 */
static void on_line(struct dom0_console *c, const char *line)
{
	struct slot *s = c->priv;
	const char *p = strstr(line, "blkfront-pattern: seed ");
	struct written w;
	char *end;

	if (!p || s->nr_ranges == MAX_RANGES)
		return;
	p += strlen("blkfront-pattern: seed ");
	w.seed = simple_strtoul(p, &end, 10);
	if (strncmp(end, " blocks ", 8))
		return;
	w.first = simple_strtoul(end + 8, &end, 10);
	if (*end != '-')
		return;
	w.last = simple_strtoul(end + 1, &end, 10);
	/* Only ranges on the disk, and no more than the disk in all. */
	if (w.last < w.first || !s->has_vbd || w.last >= s->vbd.nr_pages ||
	    s->ranges_blocks + (w.last - w.first + 1) > s->vbd.nr_pages)
		return;
	s->ranges_blocks += w.last - w.first + 1;
	s->ranges[s->nr_ranges++] = w;
}

/* FNV-1a, 64 bits: the judge computes it over the pattern it expects. */
static u64 fnv1a(u64 h, const u8 *p, size_t n)
{
	while (n--)
		h = (h ^ *p++) * 0x100000001b3ULL;
	return h;
}

static void reread_ranges(struct slot *s)
{
	static u8 block[4096];
	unsigned int i;

	for (i = 0; i < s->nr_ranges; i++) {
		const struct written *w = &s->ranges[i];
		u64 h = 0xcbf29ce484222325ULL, b;

		for (b = w->first; b <= w->last; b++) {
			if (dom0_vbd_read(&s->vbd, b * 8, block, 8)) {
				pr_err("dom0: vbd d%u: blocks %llu-%llu are not on the disk\n",
				       s->g.domid, w->first, w->last);
				break;
			}
			h = fnv1a(h, block, sizeof(block));
		}
		if (b > w->last)
			pr_info("dom0: vbd d%u: pattern seed %llu blocks %llu-%llu fnv1a64 %016llx\n",
				s->g.domid, w->seed, w->first, w->last, h);
	}
	s->nr_ranges = 0;
	s->ranges_blocks = 0;
}

static void store_detach(struct slot *s);

/* What libxl writes in a new domain's home, the guest's where it writes. */
static int home_nodes(struct xenbus_transaction t, void *data)
{
	struct slot *s = data;
	char home[32], own[16], name[16];
	const char *perms[1] = { own };
	int err;

	snprintf(home, sizeof(home), "/local/domain/%u", s->g.domid);
	snprintf(own, sizeof(own), "n%u", s->g.domid);
	snprintf(name, sizeof(name), "guest%u", (unsigned int)(s - slots) + 1);
	err = xenbus_write(t, home, "name", name);
	err = err ?: xenbus_printf(t, home, "memory/target", "%lu", cfg.mem_kb);
	err = err ?: xenbus_printf(t, home, "memory/static-max", "%lu", cfg.mem_kb);
	err = err ?: xenbus_mkdir(t, home, "control");
	err = err ?: xenbus_set_perms(t, home, "control", perms, 1);
	err = err ?: xenbus_mkdir(t, home, "data");
	err = err ?: xenbus_set_perms(t, home, "data", perms, 1);
	return err;
}

/* Its xenstore: the ring the builder gave it, served by ours (xs_ring.c). */
static int store_attach(struct slot *s)
{
	struct evtchn_bind_interdomain bind = {
		.remote_dom = s->g.domid, .remote_port = s->g.store_port,
	};
	xen_pfn_t mfn = s->g.store_mfn;
	long rc;
	int err;

	if (!xenbus_ready())
		return -ENODEV;
	s->store = xen_map_foreign(s->g.domid, &mfn, 1, true, &err);
	if (!s->store)
		return err;
	rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_interdomain, &bind);
	if (rc) {
		pr_err("dom0: binding d%u's xenstore port %u: %s\n", s->g.domid,
		       s->g.store_port, xen_errname(rc));
		err = rc;
		goto unmap;
	}
	err = xsd_introduce(s->g.domid, s->store, bind.local_port);
	if (err) {
		struct evtchn_close close = { .port = bind.local_port };

		HYPERVISOR_event_channel_op(EVTCHNOP_close, &close);
		goto unmap;
	}
	err = xenbus_transaction_run(home_nodes, s);
	if (err) {
		pr_err("dom0: d%u's home in xenstore: %d\n", s->g.domid, err);
		store_detach(s);
	}
	return err;
unmap:
	xen_unmap_foreign(s->store, 1);
	s->store = NULL;
	return err;
}

/* Forget its connection, then its keys (the guest's or ours for it). */
static void store_detach(struct slot *s)
{
	char home[32];

	if (!s->store)
		return;
	xsd_release(s->g.domid);
	xen_unmap_foreign(s->store, 1);
	s->store = NULL;
	snprintf(home, sizeof(home), "/local/domain/%u", s->g.domid);
	xenbus_rm(XBT_NIL, home, "");
}

/* Build one run of slot @s's guest, serve its devices, unpause it. */
static void start_guest(struct slot *s)
{
	const void *image = __va(xen_boot.mod_pa);
	struct dom0_guest_cfg c = cfg;
	u64 t0 = sched_clock();

	xen_hypercalls_window(false);	/* XEN_DEBUG_STATS: counted by number */
	PVBENCH_START(BENCH_WIN_RUNNING);
	PVBENCH_START(BENCH_WIN_PAUSED);
	s->runs++;
	c.cmdline = s->cmdline;
	if (build(image, xen_boot.mod_len, &c, &s->g))
		return;
	if (dom0_console_attach(&s->con, &s->g)) {
		pr_err("dom0: d%u has no console backend: destroying it\n", s->g.domid);
		dom0_guest_destroy(&s->g);
		return;
	}
	s->con.on_line = on_line;
	s->con.priv = s;
	s->nr_ranges = 0;
	s->ranges_blocks = 0;
	s->live = true;
	if (store_attach(s))
		pr_err("dom0: d%u runs without xenstore\n", s->g.domid);
	if (disk_kb && s->store) {
		if (dom0_vbd_create(&s->vbd, s->g.domid, disk_kb))
			pr_err("dom0: d%u runs without its disk\n", s->g.domid);
		else
			s->has_vbd = true;
	}
	PVBENCH_STOP(BENCH_WIN_PAUSED);
	if (dom0_domctl_unpause(s->g.domid)) {
		pr_err("dom0: d%u could not be unpaused\n", s->g.domid);
		s->live = false;
		dom0_console_detach(&s->con);
		if (s->has_vbd)
			dom0_vbd_destroy(&s->vbd);
		s->has_vbd = false;
		store_detach(s);
		dom0_guest_destroy(&s->g);
		return;
	}
	PVBENCH_STOP(BENCH_WIN_RUNNING);
	xen_hypercalls_window(true);
	pr_info("dom0: d%u running %llu us after its build began (run %u of %u)\n",
		s->g.domid, (sched_clock() - t0) / 1000, s->runs, runs_each);
	xen_print_hypercalls_window("dom0 build");
}

/*
 * An ended guest: its last console bytes, then its devices (their
 * grant maps hold its pages), then the domain.  A good end starts the
 * next run of the slot, if one is due.
 */
static void reclaim(struct slot *s, const char *why, bool good)
{
	unsigned int i;

	/* Bounded: a guest still running (timed out) is paused first. */
	for (i = 0; i < 64 && dom0_console_poll(&s->con, ~0U); i++)
		;
	dom0_console_detach(&s->con);
	pr_info("dom0: d%u %s; console %lu bytes, disk %lu requests (%lu refused); destroying it\n",
		s->g.domid, why, s->con.bytes, s->vbd.reqs, s->vbd.bad);
	if (s->has_vbd) {
		reread_ranges(s);
		dom0_vbd_destroy(&s->vbd);
	}
	s->has_vbd = false;
	store_detach(s);
	dom0_guest_destroy(&s->g);
	s->live = false;
	s->good += good;
	if (good && s->runs < runs_each)
		start_guest(s);
}

/* Which live guests ended, and how: after VIRQ_DOM_EXC. */
static void check_guests(void)
{
	unsigned int i;

	for (i = 0; i < MAX_GUESTS; i++) {
		struct slot *s = &slots[i];
		u32 flags;
		char why[48];
		int rc;

		if (!s->live)
			continue;
		rc = dom0_domctl_info(s->g.domid, &flags, NULL, NULL);
		if (rc) {
			reclaim(s, "vanished (no domain info)", false);
			continue;
		}
		if (flags & XEN_DOMINF_shutdown) {
			unsigned int r = (flags >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask;

			snprintf(why, sizeof(why), "shut down: %s", reason_name(r));
			reclaim(s, why, r == SHUTDOWN_poweroff);
		} else if (flags & XEN_DOMINF_dying) {
			reclaim(s, "is dying", false);
		}
	}
}

static unsigned int nr_live(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < MAX_GUESTS; i++)
		n += slots[i].live;
	return n;
}

static void serve(unsigned long timeout_s)
{
	u64 deadline = sched_clock() + (u64)timeout_s * 1000000000ULL;
	bool store_more = false;
	unsigned int i;

	while (nr_live()) {
		unsigned int moved = 0;

		/* Cleared before looking: an event from here on keeps us awake. */
		WRITE_ONCE(work, false);

		for (i = 0; i < MAX_GUESTS; i++) {
			if (!slots[i].live)
				continue;
			moved += dom0_console_poll(&slots[i].con, CONSOLE_BUDGET);
			if (slots[i].has_vbd)
				moved += dom0_vbd_poll(&slots[i].vbd);
		}
		/* The store after the devices: their handshakes write to it. */
		if (store_more || xsd_work_pending()) {
			store_more = xsd_poll();
			moved += store_more;
		}
		xenbus_run_watches();
		if (READ_ONCE(dom_exc)) {
			WRITE_ONCE(dom_exc, false);
			check_guests();
		}
		if (sched_clock() > deadline) {
			for (i = 0; i < MAX_GUESTS; i++)
				if (slots[i].live) {
					slots[i].runs = runs_each;	/* no more runs */
					dom0_domctl_pause(slots[i].g.domid);
					reclaim(&slots[i], "did not end in time (dom0.timeout)", false);
				}
			break;
		}
		/* Sleep until an event (a console kick, a domain's end, the tick). */
		local_irq_disable();
		if (!moved && !READ_ONCE(work) && !xsd_work_pending())
			safe_halt();
		else
			local_irq_enable();
	}
}

/*
 * The guests' command lines: what follows dom0's "--", split at each
 * further " -- ", the i-th part for guest i and the last part for the
 * guests after it ("dom0.guests=3 -- A -- B": A, B, B).
 */
static void split_cmdlines(unsigned int n)
{
	const char *p = cmdline_after_dashes(), *part = "";
	size_t plen = 0;
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (p) {	/* the next part; past the last, the last again */
			const char *end = strstr(p, " -- ");

			part = p;
			plen = end ? (size_t)(end - p) : strlen(p);
			p = end ? end + 4 : NULL;
		}
		if (plen > sizeof(slots[i].cmdline) - 1)
			pr_warn("dom0: guest %u's command line cut to %zu bytes\n", i + 1,
				sizeof(slots[i].cmdline) - 1);
		plen = min(plen, sizeof(slots[i].cmdline) - 1);
		memcpy(slots[i].cmdline, part, plen);
		slots[i].cmdline[plen] = '\0';
	}
}

int dom0_services_run(void)
{
	unsigned int n, i, good = 0;
	unsigned long timeout;
	int port;

	if (!xen_initial_domain())
		return 0;
	n = param("dom0.guests", 0, 0, MAX_GUESTS);
	if (!n)
		return 0;
	if (!xen_boot.mod_len) {
		pr_err("dom0: dom0.guests=%u but no boot module to build them from\n", n);
		return 1;
	}
	cfg.mem_kb = param("dom0.guest_mem", DEFAULT_MEM_MB, 16, 4096) << 10;
	cfg.vcpus = param("dom0.guest_vcpus", 1, 1, 8);
	split_cmdlines(n);
	runs_each = param("dom0.guest_runs", 1, 1, 100);
	timeout = param("dom0.timeout", DEFAULT_TIMEOUT_S, 1, 86400);
	/* A RAM disk each, served once xenstore is there to offer it. */
	disk_kb = param("dom0.guest_disk", DEFAULT_DISK_MB, 0, 1024) << 10;
	if (guest_type())
		return 1;

	port = bind_virq_to_handler(VIRQ_DOM_EXC, 0, on_dom_exc, NULL, "dom0-dom-exc");
	if (port < 0) {
		pr_err("dom0: cannot bind VIRQ_DOM_EXC (%d): no guests\n", port);
		return 1;
	}
	pr_info("dom0: building %u %s guest%s of %lu KiB, %u run%s each, from a %llu-byte module\n",
		n, build == dom0_build_pvh ? "PVH" : "PV", n == 1 ? "" : "s", cfg.mem_kb, runs_each,
		runs_each == 1 ? "" : "s",
		(unsigned long long)xen_boot.mod_len);
	for (i = 0; i < n; i++)
		pr_info("dom0: guest %u's command line: \"%s\"\n", i + 1, slots[i].cmdline);
	for (i = 0; i < n; i++)
		start_guest(&slots[i]);
	serve(timeout);
	unbind_from_handler(port);
	for (i = 0; i < n; i++)
		good += slots[i].good;
	pr_info("dom0: %u of %u guest runs ended well\n", good, n * runs_each);
	return good == n * runs_each ? 0 : 1;
}
