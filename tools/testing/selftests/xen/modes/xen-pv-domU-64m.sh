# SPDX-License-Identifier: GPL-2.0
# xen-pv-domU-64m: xen-pv-domU with a 64 MiB domU (xl memory = maxmem =
# 64), every suite: the smallest size the issue asks for.
XEN_DOMU_MEM=64
# shellcheck source=xen-pv-domU.sh
. "$here/modes/xen-pv-domU.sh"
