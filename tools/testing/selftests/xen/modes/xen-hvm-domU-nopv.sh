# SPDX-License-Identifier: GPL-2.0
# xen-hvm-domU-nopv: mode xen-hvm-domU with `xen_nopv` on the kernel's
# command line.  The kernel must stay a plain HVM guest: the native
# child although CPUID names Xen, every group native, time from the
# emulated PIT and local APIC, power-off by ACPI S5 through the device
# model (shutdown reason 0 as xl logs it).
HVM_NOPV=1
. "$here/modes/xen-hvm-domU.sh"
