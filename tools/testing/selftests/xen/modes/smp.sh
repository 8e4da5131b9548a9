# SPDX-License-Identifier: GPL-2.0
# smp: the default configuration on a 4-CPU QEMU (-smp 4): the secondary
# CPUs come up through INIT-SIPI-SIPI from the MADT, and every suite runs
# with them online (suite smp: calls, shootdown, work queue, spinlock).
# SMP_CPUS=N in the environment tries another count by hand.
SMP_N=${SMP_CPUS:-4}
MODE_EXPECT=("PARAVIRT=y" "smpboot: $SMP_N of $SMP_N CPUs online (0 failed)")
# Suites that must run at least one case here (not skip them all).
MODE_SUITES=(smp paravirt paravirt_child percpu traps timer pgtable buddy kmalloc printk
	     smp.spinlock_contention_every_cpu smp.spinlock_fifo_no_barging
	     smp.smp_repatched_site_seen_by_every_cpu)

mode_kernel() { echo "$build_dir/defconfig/vmlinux"; }
mode_check() { command -v "$QEMU" >/dev/null || { echo "no $QEMU"; return 1; }; }
# QEMU takes the last -smp.
mode_boot() { boot_kernel "$1" "$2" "" -smp "$SMP_N"; }
