// SPDX-License-Identifier: GPL-2.0
/*
 * The frontend half of the xenbus device model: the devices the
 * toolstack described under device/<type>/<id>, each bound to the
 * driver registered for <type>, with a watch on its backend's state.
 *
 * Invariants: a device is on the bus list only while its driver's probe
 * succeeded and its watch is registered; otherend and otherend_id are
 * what the toolstack wrote under the device's node (backend,
 * backend-id), read once at probe; otherend_state is the backend's
 * state as last read, XenbusStateUnknown while the node is missing or
 * unreadable (the backend went away), and the driver hears of every
 * change of it, in order, from the watch callback.  Everything here runs
 * in process context (watch callbacks included), one vCPU at a time:
 * xenbus itself serialises its callers.
 */
#define pr_fmt(fmt) "xenbus: " fmt

#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <xen/xenbus.h>

static LIST_HEAD(drivers);
static LIST_HEAD(devices);

static const char *const state_names[] = {
	[XenbusStateUnknown] = "Unknown",
	[XenbusStateInitialising] = "Initialising",
	[XenbusStateInitWait] = "InitWait",
	[XenbusStateInitialised] = "Initialised",
	[XenbusStateConnected] = "Connected",
	[XenbusStateClosing] = "Closing",
	[XenbusStateClosed] = "Closed",
	[XenbusStateReconfiguring] = "Reconfiguring",
	[XenbusStateReconfigured] = "Reconfigured",
};

const char *xenbus_strstate(enum xenbus_state state)
{
	return (unsigned int)state < ARRAY_SIZE(state_names) && state_names[state] ?
		state_names[state] : "INVALID";
}

/* The backend's state; Unknown when it is missing or not a state. */
static enum xenbus_state read_otherend_state(struct xenbus_device *dev)
{
	u64 v;

	if (xenbus_read_u64(XBT_NIL, dev->otherend, "state", &v) ||
	    v > XenbusStateReconfigured)
		return XenbusStateUnknown;
	return v;
}

static void otherend_changed(struct xenbus_watch *w, const char *path)
{
	struct xenbus_device *dev = container_of(w, struct xenbus_device, otherend_watch);
	enum xenbus_state st = read_otherend_state(dev);

	if (st == dev->otherend_state)
		return;		/* a write of the same value, or our own echo */
	pr_info("%s: backend %s is %s (was %s)\n", dev->nodename, dev->otherend,
		xenbus_strstate(st), xenbus_strstate(dev->otherend_state));
	dev->otherend_state = st;
	if (dev->drv->otherend_changed)
		dev->drv->otherend_changed(dev, st);
}

static void free_device(struct xenbus_device *dev)
{
	kfree(dev->otherend);
	kfree(dev->watch_node);
	kfree(dev);
}

/* One device/<type>/<id>: read its backend, probe, watch. */
static int probe_one(struct xenbus_driver *drv, const char *root, const char *id)
{
	struct xenbus_device *dev = kzalloc(sizeof(*dev));
	u64 beid;
	int err, n;

	if (!dev)
		return -ENOMEM;
	dev->devicetype = drv->type;
	dev->drv = drv;
	n = snprintf(dev->nodename, sizeof(dev->nodename), "%s/%s/%s", root, drv->type, id);
	err = -EINVAL;
	if (n >= (int)sizeof(dev->nodename))
		goto fail;
	err = xenbus_read(XBT_NIL, dev->nodename, "backend", &dev->otherend, NULL);
	if (err) {
		pr_err("%s: no backend path: %d\n", dev->nodename, err);
		goto fail;
	}
	err = xenbus_read_u64(XBT_NIL, dev->nodename, "backend-id", &beid);
	if (!err && beid >= DOMID_FIRST_RESERVED)
		err = -EINVAL;
	if (err) {
		pr_err("%s: no usable backend-id: %d\n", dev->nodename, err);
		goto fail;
	}
	dev->otherend_id = beid;
	/* Unknown until the driver writes its first state. */
	dev->state = XenbusStateUnknown;
	dev->otherend_state = XenbusStateUnknown;
	err = drv->probe(dev);
	if (err) {
		pr_err("%s: %s probe failed: %d\n", dev->nodename, drv->type, err);
		goto fail;
	}
	err = -ENOMEM;
	n = strlen(dev->otherend) + sizeof("/state");
	dev->watch_node = kmalloc(n);
	if (!dev->watch_node)
		goto fail_remove;
	snprintf(dev->watch_node, n, "%s/state", dev->otherend);
	dev->otherend_watch.node = dev->watch_node;
	dev->otherend_watch.callback = otherend_changed;
	list_add_tail(&dev->list, &devices);
	/* Registering fires once: the driver hears the backend's first state. */
	err = register_xenbus_watch(&dev->otherend_watch);
	if (err) {
		list_del(&dev->list);
		pr_err("%s: cannot watch %s: %d\n", dev->nodename, dev->watch_node, err);
		goto fail_remove;
	}
	pr_info("%s: bound to %s, backend %s in domain %u\n", dev->nodename, drv->type,
		dev->otherend, dev->otherend_id);
	return 0;

fail_remove:
	if (drv->remove)
		drv->remove(dev);
fail:
	free_device(dev);
	return err;
}

int xenbus_register_frontend(struct xenbus_driver *drv, const char *root)
{
	char **ids;
	unsigned int n, i;
	int err, bound = 0;

	if (!xenbus_ready())
		return -ENODEV;
	if (!root)
		root = "device";
	list_add_tail(&drv->list, &drivers);
	err = xenbus_directory(XBT_NIL, root, drv->type, &ids, &n);
	if (err == -ENOENT)
		return 0;		/* no device of this type */
	if (err)
		return err;
	for (i = 0; i < n; i++)
		if (!probe_one(drv, root, ids[i]))
			bound++;
	kfree(ids);
	return bound;
}

static void remove_device(struct xenbus_device *dev)
{
	unregister_xenbus_watch(&dev->otherend_watch);
	list_del(&dev->list);
	if (dev->drv->remove)
		dev->drv->remove(dev);
	free_device(dev);
}

void xenbus_unregister_driver(struct xenbus_driver *drv)
{
	struct xenbus_device *dev, *next;

	list_for_each_entry_safe(dev, next, &devices, list)
		if (dev->drv == drv)
			remove_device(dev);
	list_del(&drv->list);
}

struct xenbus_device *xenbus_find_device(const char *type, unsigned int n)
{
	struct xenbus_device *dev;

	list_for_each_entry(dev, &devices, list)
		if (!strcmp(dev->devicetype, type) && !n--)
			return dev;
	return NULL;
}
