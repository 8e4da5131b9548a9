# SPDX-License-Identifier: GPL-2.0
# xen-pv-dom0-64m: xen-pv-dom0 with a 64 MiB dom0, every suite: the
# smallest size supported.
XEN_DOM0_MEM=64M
XEN_HOST_MEM=512M
MODE_EXPECT=("xen: PV dom0: 16384 pages")
# Small enough for the balloon's floor case (96 MiB free or less).
MODE_SUITES=(xen_balloon.balloon_keeps_the_kernel_floor)
# shellcheck source=xen-pv-dom0.sh
. "$here/modes/xen-pv-dom0.sh"
