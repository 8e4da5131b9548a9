# SPDX-License-Identifier: GPL-2.0
# xen-pv-dom0-5g: xen-pv-dom0 with a 5 GiB dom0, every suite: above 4 GiB,
# pfns and frames past 32 bits, the top page checked (xen_memsize); QEMU 6 GiB.
XEN_DOM0_MEM=5G
XEN_HOST_MEM=6G
MODE_EXPECT=("xen: PV dom0: 1310720 pages" "memsize_top_of_ram: pfn 0x100001 (4096 MiB)")
# shellcheck source=xen-pv-dom0.sh
. "$here/modes/xen-pv-dom0.sh"
