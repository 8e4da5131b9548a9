# SPDX-License-Identifier: GPL-2.0
# xen-pv-domU-2g: xen-pv-domU with a 2 GiB domU and maxmem 256 MiB above
# it (xl memory = 2048, maxmem = 2304), every suite: the guest gets
# memory, not maxmem (start_info, the P2M and xenstore say so), and boots
# as well; the 256 MiB above memory are extra pfns the balloon grows
# into.  QEMU 3 GiB: Xen, dom0's 384 MiB and the 2 GiB guest.
XEN_DOMU_MEM=2048
XEN_DOMU_MAXMEM=2304
XEN_HOST_MEM=3G
# maxmem above memory: extra pfns for the balloon to grow into.
MODE_SUITES=(xen_balloon.balloon_grows_into_extra_pfns xen_balloon.balloon_stops_at_xens_ceiling)
# shellcheck source=xen-pv-domU.sh
. "$here/modes/xen-pv-domU.sh"
