// SPDX-License-Identifier: GPL-2.0
/*
 * The toolstack's control keys, as a PV domU sees them.
 *
 * At boot (after the xenstore connection) the domain announces what it
 * honours under control/, where xl looks before it sends a request:
 * feature-poweroff and feature-reboot are 1; there is no suspend, so
 * feature-suspend is 0 (xl then refuses `xl save` and `xl migrate` up
 * front).  It prints its domid and name as xenstore has them, for the
 * harness to compare with `xl list`.
 *
 * `xl shutdown` writes "poweroff" to control/shutdown, `xl reboot`
 * "reboot" (halt is an old synonym of poweroff); `xl destroy` needs no
 * help from the guest.  A request is taken in one transaction that reads
 * the key and clears it, so it is acted on once even if the toolstack
 * writes again meanwhile, and then ends the domain with the matching
 * SCHEDOP_shutdown reason.  Anything else is reported and ignored.
 *
 * There are no threads: the watch callback runs when a xenbus call is
 * on its way out or in xen_manage_wait(), which the boot's last step
 * calls: it honours a request queued during the run (the event handler
 * queues it), and with xen_wait_control=SECONDS waits that long for the
 * toolstack instead of powering off by itself (blocked in SCHEDOP_block
 * between xenstore events).
 */
#define pr_fmt(fmt) "xen: " fmt

#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/tsc.h>
#include <asm/xen/hypervisor.h>
#include <xen/hvc-console.h>
#include <xen/manage.h>
#include <xen/xenbus.h>
#include <xen/interface/sched.h>

#define SHUTDOWN_KEY	"control/shutdown"

static unsigned int wait_seconds;
static bool watching;

static int __init wait_control_setup(const char *val)
{
	unsigned long long s;

	if (kstrtoull(val, 10, &s) || !s || s > 3600) {
		pr_err("xen_wait_control=%s: not a number of seconds in 1..3600\n", val);
		return 0;
	}
	wait_seconds = s;
	return 0;
}
__setup("xen_wait_control=", wait_control_setup);

static const struct {
	const char *request;
	unsigned int reason;
} requests[] = {
	{ "poweroff", SHUTDOWN_poweroff },
	{ "halt", SHUTDOWN_poweroff },
	{ "reboot", SHUTDOWN_reboot },
};

/* Read the request and clear it, in one transaction. */
static int take_request(struct xenbus_transaction t, void *data)
{
	char **req = data;
	int err;

	kfree(*req);
	*req = NULL;
	err = xenbus_read(t, "", SHUTDOWN_KEY, req, NULL);
	if (err)
		return err;
	if (!**req)
		return 0;	/* cleared already: nothing asked */
	return xenbus_write(t, "", SHUTDOWN_KEY, "");
}

static void shutdown_changed(struct xenbus_watch *w, const char *path)
{
	char *req = NULL;
	unsigned int i;
	int err;

	err = xenbus_transaction_run(take_request, &req);
	if (err) {
		/* -ENOENT: the key's first firing, before xl made it. */
		if (err != -ENOENT)
			pr_err("cannot take the request in %s: %d\n", SHUTDOWN_KEY, err);
		goto out;
	}
	if (!*req)
		goto out;
	for (i = 0; i < ARRAY_SIZE(requests); i++) {
		if (strcmp(req, requests[i].request))
			continue;
		pr_notice("toolstack asks for %s: SCHEDOP_shutdown reason %u\n",
			  req, requests[i].reason);
		xen_console_drain();
		xen_shutdown(requests[i].reason);
	}
	pr_warn("%s: unsupported request \"%s\" ignored\n", SHUTDOWN_KEY, req);
out:
	kfree(req);
}

static struct xenbus_watch shutdown_watch = {
	.node = SHUTDOWN_KEY,
	.callback = shutdown_changed,
};

static void announce(const char *feature, const char *val)
{
	int err = xenbus_write(XBT_NIL, "control", feature, val);

	if (err)
		pr_err("cannot write control/%s: %d\n", feature, err);
}

void xen_manage_init(void)
{
	char *name = NULL;
	u64 domid;
	int err;

	if (!xenbus_ready())
		return;
	announce("feature-poweroff", "1");
	announce("feature-reboot", "1");
	announce("feature-suspend", "0");
	if (!xenbus_read_u64(XBT_NIL, "", "domid", &domid) &&
	    !xenbus_read(XBT_NIL, "", "name", &name, NULL))
		pr_info("%s identity: domid %llu name \"%s\"\n",
			xen_initial_domain() ? "dom0" : "domU", (unsigned long long)domid, name);
	else
		pr_err("cannot read our domid and name from xenstore\n");
	kfree(name);
	err = register_xenbus_watch(&shutdown_watch);
	if (err) {
		pr_err("cannot watch %s: %d\n", SHUTDOWN_KEY, err);
		return;
	}
	watching = true;
}

bool xen_manage_wait(void)
{
	u64 start, limit;

	/* A request that came during the run wins over our own power-off. */
	if (watching)
		xenbus_run_watches();
	if (!wait_seconds)
		return true;
	if (!watching) {
		pr_err("xen_wait_control: no %s watch to wait on\n", SHUTDOWN_KEY);
		return false;
	}
	pr_notice("waiting up to %u s for the toolstack's %s\n", wait_seconds, SHUTDOWN_KEY);
	start = sched_clock();
	limit = (u64)wait_seconds * 1000000000ULL;
	while (sched_clock() - start < limit) {
		u64 left = (limit - (sched_clock() - start)) / 1000000;

		xenbus_wait_for_watches(left ? left : 1);
		if (!xenbus_ready()) {
			pr_err("xenstore connection lost while waiting for %s\n",
			       SHUTDOWN_KEY);
			return false;
		}
	}
	pr_err("no %s request in %u s\n", SHUTDOWN_KEY, wait_seconds);
	return false;
}
