# SPDX-License-Identifier: GPL-2.0
# xen-pv-domU-64m: xen-pv-domU with a 64 MiB domU (xl memory = maxmem =
# 64), every suite: the smallest size the issue asks for.
XEN_DOMU_MEM=64
# Small enough for the balloon's floor case (96 MiB free or less).
MODE_SUITES=(xen_balloon.balloon_keeps_the_kernel_floor)
# shellcheck source=xen-pv-domU.sh
. "$here/modes/xen-pv-domU.sh"
