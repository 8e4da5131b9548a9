// SPDX-License-Identifier: GPL-2.0
/*
 * Suite dom0_hostile: our kernel as a domU of the slim dom0, behaving
 * badly on purpose (only with dom0_test.hostile=1 on its command line;
 * otherwise every case skips).  It floods xenstore with entries and
 * watches past any sane quota, reaches for other domains' keys, and
 * lies in its block ring.  Each case asserts what a correct dom0 must
 * answer: a refusal by name for the store, a closed device for the ring;
 * mode xen-own-dom0-hostile then checks that dom0 and the other guest
 * carried on.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/ktest.h>
#include <linux/blkdev.h>
#include <asm/tsc.h>
#include <asm/page.h>
#include <asm/xen/hypervisor.h>
#include <asm/xen/page.h>
#include <xen/events.h>
#include <xen/grant_table.h>
#include <xen/xenbus.h>
#include <xen/xen-blkfront.h>
#include <linux/mm.h>
#include "blkback.h"

#define FLOOD_MAX	20000		/* far above any quota a dom0 should allow */

static void need_hostile(struct ktest *t)
{
	if (!xen_pv_domain() || xen_initial_domain())
		ktest_skip(t, "not a PV domU");
	if (!cmdline_has("dom0_test.hostile"))
		ktest_skip(t, "dom0_test.hostile not asked for");
	if (!xenbus_ready())
		ktest_skip(t, "no xenstore");
}

/* A quota refusal, as xenstored names them (ENOSPC, E2BIG, EQUOTA). */
static bool quota_refusal(int err)
{
	return err == -ENOSPC || err == -E2BIG || err == -EDQUOT || err == -EIO;
}

static void hostile_store_entries_past_quota(struct ktest *t)
{
	char key[32], *v = NULL;
	int i, err = 0;

	need_hostile(t);
	for (i = 0; i < FLOOD_MAX; i++) {
		snprintf(key, sizeof(key), "data/flood/%d", i);
		err = xenbus_write(XBT_NIL, "", key, "x");
		if (err)
			break;
	}
	ktest_info(t, "dom0 refused entry %d: %d", i, err);
	KTEST_EXPECT_LT(t, i, FLOOD_MAX);
	KTEST_EXPECT_TRUE(t, quota_refusal(err));
	/* What was written is still there, and dom0 still answers. */
	KTEST_EXPECT_EQ(t, xenbus_read(XBT_NIL, "", "data/flood/0", &v, NULL), 0);
	kfree(v);
	KTEST_EXPECT_EQ(t, xenbus_rm(XBT_NIL, "", "data/flood"), 0);
	KTEST_EXPECT_EQ(t, xenbus_write(XBT_NIL, "", "data/after", "y"), 0);
}

static void noop_watch(struct xenbus_watch *w, const char *path)
{
}

static void hostile_store_watches_past_quota(struct ktest *t)
{
	const unsigned int max = 4096;
	struct xenbus_watch *w = kzalloc(max * sizeof(*w));
	char (*names)[24] = kzalloc(max * sizeof(*names));
	unsigned int i, n;
	int err = 0;

	need_hostile(t);
	KTEST_ASSERT_TRUE(t, w && names);
	for (n = 0; n < max; n++) {
		snprintf(names[n], sizeof(names[n]), "data/w%u", n);
		w[n].node = names[n];
		w[n].callback = noop_watch;
		err = register_xenbus_watch(&w[n]);
		if (err)
			break;
	}
	ktest_info(t, "dom0 refused watch %u: %d", n, err);
	KTEST_EXPECT_LT(t, n, max);
	KTEST_EXPECT_TRUE(t, quota_refusal(err));
	for (i = 0; i < n; i++)
		unregister_xenbus_watch(&w[i]);
	xenbus_run_watches();
	kfree(w);
	kfree(names);
}

/* No other domain's home may be read or written, whichever exists. */
static void hostile_store_other_domains_refused(struct ktest *t)
{
	char *self = NULL, dir[32], *v = NULL;
	unsigned int d, me;
	u64 id;

	need_hostile(t);
	KTEST_ASSERT_EQ(t, xenbus_read_u64(XBT_NIL, "", "domid", &id), 0);
	me = id;
	for (d = 0; d < 32; d++) {
		int r, w;

		if (d == me)
			continue;
		snprintf(dir, sizeof(dir), "/local/domain/%u", d);
		r = xenbus_read(XBT_NIL, dir, "name", &v, NULL);
		if (!r)
			kfree(v);
		w = xenbus_write(XBT_NIL, dir, "hostile", "x");
		if (r != -EACCES && r != -ENOENT)
			KTEST_FAIL(t, "read of %s/name: %d, not a refusal", dir, r);
		if (w != -EACCES && w != -ENOENT)
			KTEST_FAIL(t, "write of %s/hostile: %d, not a refusal", dir, w);
	}
	kfree(self);
}

/*
 * The block ring, found as dom0 finds it: xenstore's ring-ref, the
 * frame our grant entry hands over, our page of it.  Its request
 * producer is set a whole ring and more ahead and dom0 told: dom0 must
 * close the device (the backend's state, as xenstore holds it), and the
 * disk then fails its reads.
 */
static void hostile_block_ring_lies(struct ktest *t)
{
	const char *fe = "device/vbd/51712";
	struct grant_entry_v1 e;
	struct blkif_sring *sring;
	u64 ref, port, st = 0;
	char *be = NULL;
	unsigned long pfn;
	struct gendisk *d;
	void *buf;
	int i;

	need_hostile(t);
	xen_blkfront_init();
	d = get_disk("xvda");
	if (!d)
		ktest_skip(t, "dom0 gave no disk");
	/* A ring of several pages names them ring-ref0..; the first has the indexes. */
	if (xenbus_read_u64(XBT_NIL, fe, "ring-ref", &ref))
		KTEST_ASSERT_EQ(t, xenbus_read_u64(XBT_NIL, fe, "ring-ref0", &ref), 0);
	KTEST_ASSERT_EQ(t, xenbus_read_u64(XBT_NIL, fe, "event-channel", &port), 0);
	KTEST_ASSERT_EQ(t, xenbus_read(XBT_NIL, fe, "backend", &be, NULL), 0);
	KTEST_ASSERT_TRUE(t, gnttab_read_entry(ref, &e));
	pfn = mfn_to_pfn(e.frame);
	KTEST_ASSERT_NE(t, pfn, XEN_INVALID_MFN);
	sring = __va(PFN_PHYS(pfn));
	WRITE_ONCE(sring->req_prod, sring->req_prod + 1000);
	notify_remote_via_evtchn(port);
	for (i = 0; i < 200; i++) {
		if (!xenbus_read_u64(XBT_NIL, be, "state", &st) &&
		    (st == XenbusStateClosing || st == XenbusStateClosed))
			break;
		mdelay(10);
	}
	ktest_info(t, "backend %s: state %llu after %d ms", be, st, i * 10);
	KTEST_EXPECT_TRUE(t, st == XenbusStateClosing || st == XenbusStateClosed);
	buf = get_zeroed_pages(0);
	KTEST_ASSERT_NOT_NULL(t, buf);
	KTEST_EXPECT_NE(t, blk_rw(d, REQ_OP_READ, 0, 0, 8, buf), 0);
	free_pages(buf, 0);
	kfree(be);
}

static const struct ktest_case dom0_hostile_cases[] = {
	KTEST_CASE(hostile_store_entries_past_quota),
	KTEST_CASE(hostile_store_watches_past_quota),
	KTEST_CASE(hostile_store_other_domains_refused),
	KTEST_CASE(hostile_block_ring_lies),
	{}
};
KTEST_SUITE(dom0_hostile, dom0_hostile_cases);
