// SPDX-License-Identifier: GPL-2.0
/*
 * xen_xenbus_frontend: the device model against a real xenstored, with
 * this test as the toolstack and the backend.  Under our own home's
 * data/ (writable by us) it writes a device node data/xbft/vtest/0 whose
 * backend is data/xbft-be/0 of this domain, registers a test driver for
 * type "vtest" on that root, and walks the backend through its states
 * by writing its state node: the driver must be probed with the backend
 * path and id the test wrote, hear each state in order, and the states
 * it writes back (the test driver answers as a frontend does) must be in
 * xenstore where the test reads them.  Then the backend goes away (its
 * state node removed) and comes back, and the driver connects again; at
 * the end the driver's remove runs.  A PV or PVH domU only.
 */
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/xen/hypervisor.h>
#include <xen/xenbus.h>

#define FE	"data/xbft/vtest/0"
#define BE	"data/xbft-be/0"

static struct {
	unsigned int probed, removed, changes, connects;
	enum xenbus_state seen[16];
	char otherend[64];
	unsigned int otherend_id;
} rec;

static int vt_probe(struct xenbus_device *dev)
{
	rec.probed++;
	snprintf(rec.otherend, sizeof(rec.otherend), "%s", dev->otherend);
	rec.otherend_id = dev->otherend_id;
	return xenbus_switch_state(dev, XenbusStateInitialising);
}

/* What a frontend does: Initialised at InitWait, Connected at Connected. */
static void vt_changed(struct xenbus_device *dev, enum xenbus_state st)
{
	if (rec.changes < ARRAY_SIZE(rec.seen))
		rec.seen[rec.changes] = st;
	rec.changes++;
	switch (st) {
	case XenbusStateInitWait:
		xenbus_switch_state(dev, XenbusStateInitialised);
		break;
	case XenbusStateConnected:
		if (dev->state == XenbusStateInitialised) {
			rec.connects++;
			xenbus_switch_state(dev, XenbusStateConnected);
		}
		break;
	case XenbusStateClosed:
	case XenbusStateUnknown:
		if (dev->state != XenbusStateInitialising)
			xenbus_switch_state(dev, XenbusStateClosed);
		break;
	default:
		break;
	}
}

static void vt_remove(struct xenbus_device *dev)
{
	rec.removed++;
}

static struct xenbus_driver vt_driver = {
	.type = "vtest",
	.probe = vt_probe,
	.otherend_changed = vt_changed,
	.remove = vt_remove,
};

static u64 fe_state(struct ktest *t)
{
	u64 v = 0;

	KTEST_EXPECT_EQ(t, xenbus_read_u64(XBT_NIL, FE, "state", &v), 0);
	return v;
}

/* The backend writes @st; wait for the driver to hear it. */
static void backend_says(struct ktest *t, enum xenbus_state st)
{
	struct xenbus_device *dev = xenbus_find_device("vtest", 0);

	KTEST_ASSERT_NOT_NULL(t, dev);
	KTEST_ASSERT_EQ(t, xenbus_printf(XBT_NIL, BE, "state", "%d", st), 0);
	KTEST_EXPECT_EQ(t, xenbus_wait_otherend(dev, st, 5000), 0);
}

static void xbft_walks_the_states(struct ktest *t)
{
	struct xenbus_device *dev;
	char *home = NULL, want[96];
	u64 domid;
	int n;

	if (!xen_domain() || xen_initial_domain())
		ktest_skip(t, "not a Xen domU");
	KTEST_ASSERT_TRUE(t, xenbus_ready());
	KTEST_ASSERT_EQ(t, xenbus_read_u64(XBT_NIL, "", "domid", &domid), 0);
	KTEST_ASSERT_EQ(t, xenbus_get_domain_path(domid, &home), 0);
	snprintf(want, sizeof(want), "%s/%s", home, BE);
	kfree(home);
	memset(&rec, 0, sizeof(rec));
	xenbus_rm(XBT_NIL, "data/xbft", "");
	xenbus_rm(XBT_NIL, "data/xbft-be", "");
	KTEST_ASSERT_EQ(t, xenbus_write(XBT_NIL, FE, "backend", want), 0);
	KTEST_ASSERT_EQ(t, xenbus_printf(XBT_NIL, FE, "backend-id", "%llu",
					 (unsigned long long)domid), 0);
	KTEST_ASSERT_EQ(t, xenbus_printf(XBT_NIL, BE, "state", "%d", XenbusStateInitialising), 0);

	n = xenbus_register_frontend(&vt_driver, "data/xbft");
	KTEST_ASSERT_EQ(t, n, 1);
	KTEST_EXPECT_EQ(t, rec.probed, 1);
	KTEST_EXPECT_STREQ(t, rec.otherend, want);
	KTEST_EXPECT_EQ(t, rec.otherend_id, domid);
	dev = xenbus_find_device("vtest", 0);
	KTEST_ASSERT_NOT_NULL(t, dev);
	KTEST_EXPECT_EQ(t, xenbus_wait_otherend(dev, XenbusStateInitialising, 5000), 0);
	KTEST_EXPECT_EQ(t, fe_state(t), XenbusStateInitialising);

	backend_says(t, XenbusStateInitWait);
	KTEST_EXPECT_EQ(t, fe_state(t), XenbusStateInitialised);
	backend_says(t, XenbusStateConnected);
	KTEST_EXPECT_EQ(t, fe_state(t), XenbusStateConnected);

	/* The backend goes away: its state node gone. */
	KTEST_ASSERT_EQ(t, xenbus_rm(XBT_NIL, BE, "state"), 0);
	KTEST_EXPECT_EQ(t, xenbus_wait_otherend(dev, XenbusStateUnknown, 5000), 0);
	KTEST_EXPECT_EQ(t, fe_state(t), XenbusStateClosed);
	/* And comes back: the driver connects afresh. */
	backend_says(t, XenbusStateInitWait);
	KTEST_EXPECT_EQ(t, fe_state(t), XenbusStateInitialised);
	backend_says(t, XenbusStateConnected);
	KTEST_EXPECT_EQ(t, fe_state(t), XenbusStateConnected);
	KTEST_EXPECT_EQ(t, rec.connects, 2);

	/* Every change heard, in order. */
	KTEST_EXPECT_EQ(t, rec.changes, 6);
	KTEST_EXPECT_EQ(t, rec.seen[0], XenbusStateInitialising);
	KTEST_EXPECT_EQ(t, rec.seen[1], XenbusStateInitWait);
	KTEST_EXPECT_EQ(t, rec.seen[2], XenbusStateConnected);
	KTEST_EXPECT_EQ(t, rec.seen[3], XenbusStateUnknown);
	KTEST_EXPECT_EQ(t, rec.seen[4], XenbusStateInitWait);
	KTEST_EXPECT_EQ(t, rec.seen[5], XenbusStateConnected);

	xenbus_unregister_driver(&vt_driver);
	KTEST_EXPECT_EQ(t, rec.removed, 1);
	KTEST_EXPECT_NULL(t, xenbus_find_device("vtest", 0));
	/* No more callbacks once it is gone. */
	KTEST_ASSERT_EQ(t, xenbus_printf(XBT_NIL, BE, "state", "%d", XenbusStateClosing), 0);
	xenbus_wait_for_watches(200);
	KTEST_EXPECT_EQ(t, rec.changes, 6);
	xenbus_rm(XBT_NIL, "data/xbft", "");
	xenbus_rm(XBT_NIL, "data/xbft-be", "");
}

static void xbft_missing_backend_refused(struct ktest *t)
{
	if (!xen_domain() || xen_initial_domain())
		ktest_skip(t, "not a Xen domU");
	KTEST_ASSERT_TRUE(t, xenbus_ready());
	memset(&rec, 0, sizeof(rec));
	xenbus_rm(XBT_NIL, "data/xbft", "");
	/* A device node without backend/backend-id: not probed. */
	KTEST_ASSERT_EQ(t, xenbus_write(XBT_NIL, FE, "backend-id", "0"), 0);
	KTEST_EXPECT_EQ(t, xenbus_register_frontend(&vt_driver, "data/xbft"), 0);
	KTEST_EXPECT_EQ(t, rec.probed, 0);
	KTEST_EXPECT_NULL(t, xenbus_find_device("vtest", 0));
	xenbus_unregister_driver(&vt_driver);
	xenbus_rm(XBT_NIL, "data/xbft", "");
}

static const struct ktest_case xbft_cases[] = {
	KTEST_CASE(xbft_walks_the_states),
	KTEST_CASE(xbft_missing_backend_refused),
	{}
};
KTEST_SUITE(xen_xenbus_frontend, xbft_cases);
