# SPDX-License-Identifier: GPL-2.0
# xen-pv-dom0-all: xen-pv-dom0 with no dom0_mem, as a user boots Xen by
# default: dom0 gets all the RAM Xen leaves of a 3 GiB QEMU, every suite
# (xen_p2m checks our RAM against what Xen says we hold).
XEN_DOM0_MEM=all
XEN_HOST_MEM=3G
# shellcheck source=xen-pv-dom0.sh
. "$here/modes/xen-pv-dom0.sh"
