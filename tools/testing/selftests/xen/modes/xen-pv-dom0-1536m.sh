# SPDX-License-Identifier: GPL-2.0
# xen-pv-dom0-1536m: xen-pv-dom0 with a 1.5 GiB dom0, every suite: its
# direct map needs more tables than the slack Xen maps after its own.
XEN_DOM0_MEM=1536M
XEN_HOST_MEM=2G
MODE_EXPECT=("xen: PV dom0: 393216 pages")
# shellcheck source=xen-pv-dom0.sh
. "$here/modes/xen-pv-dom0.sh"
