#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench-dom0.sh - the slim dom0's domain builder (drivers/xen/dom0/, issue
# 16) next to `xl create` in the reference Linux dom0 (make bench runs it
# after bench-pvdrv.sh; alone: scripts/bench-dom0.sh).  Both build the same
# PV guest: our defconfig vmlinux, 64 MiB, one vCPU, command line
# "ktest.off" (it boots, runs no suite and powers off).  Three QEMU runs
# of Debian's Xen 4.17 (one host CPU) under the instruction-count plugin
# (tools/perf-icount):
#
#   ours      our defconfig vmlinux as dom0 (dom0.guests=1, no disk)
#             building the guest from its boot module: window 60 from the
#             start of start_guest() (drivers/xen/dom0/services.c) to the
#             return of XEN_DOMCTL_unpausedomain, window 61 to just before
#             that call, and the time dom0 prints to the return ("dN
#             running U us after its build began", its sched_clock);
#   ours_stats  the same on xen_debug_defconfig, whose hypercall wrappers
#             count every call by number (CONFIG_XEN_DEBUG_STATS), read at
#             both ends of window 60 and printed after it ("xen:
#             hypercalls (dom0 build): ...");
#   linux     the reference dom0 (lib/refdom0.sh: Debian's Linux and xl)
#             running `xl create -p` then `xl unpause` of the guest inside
#             window 62, the create alone inside window 63
#             (bench-dom0/dom0-setup.sh; before them `xl list` alone in
#             window 59), timed by lines written to its kernel log; then,
#             outside any window, the same for a second
#             guest under strace, for the ioctls xl makes on Xen's devices.
#
# Prints (to_paused: the window that ends with the guest built and still
# paused, which has never run; the others end with it unpaused, and Xen
# may have run it already for a while in there)
#   bench: dom0build.{ours,linux}.insn[_to_paused] N   every instruction
#        the one host CPU ran in the window: dom0's kernel (and Linux's
#        user space), Xen's, the guest's if it ran
#   bench: dom0build.{ours,linux}.wall_ms N   dom0's clock (TCG: the host's
#        time, which other load on the host stretches)
#   bench: dom0build.ours.hypercalls N        the wrappers' count of every
#        hypercall ours made in window 60 (xen_debug_defconfig), and by
#        call (.hypercalls.NAME); .hypercalls_less_tick without iret and
#        vcpu_op, which dom0's 100 Hz timer makes in proportion to the
#        window's wall time
#   bench: dom0build.linux.hypercalls N       Linux has no such count: the
#        SYSCALLs the plugin saw at upper-half addresses in window 62, the
#        hypercalls of every kernel that ran there (dom0's, for xl,
#        xenstored, xenconsoled and itself; the guest's if it ran; a user
#        program's SYSCALL is in the lower half), a hypercall that Xen
#        preempted and continued counted once per entry
#   bench: dom0build.{ours,linux}.ksyscalls[_to_paused] N   that same
#        plugin count for both: the like-for-like figure
#   bench: dom0build.linux.xl_list_insn N     one `xl list` (window 59): what
#        any xl command costs, for scale
#   bench: dom0build.linux.privcmd_ioctls N   xl's ioctls on /dev/xen/privcmd
#        (strace), and every ioctl on Xen's devices by request
#   bench: dom0build.ours/linux.* R           the ratios
# A run, window or figure that is missing fails (exit 1, the log named);
# without Xen or the reference dom0's packages it is skipped with the
# reason.
set -euo pipefail
srctree=$(cd "$(dirname "$0")/.." && pwd)
cd "$srctree"
B=$srctree/build
plugin=$B/perf-icount/libicount.so
logs=$B/bench-dom0
me=$srctree/scripts/bench-dom0
here=$srctree/tools/testing/selftests/xen
mkdir -p "$logs"
GUEST_ARGS=ktest.off
GUEST_MB=64
WIN_OURS=60		# drivers/xen/dom0/services.c: BENCH_WIN_RUNNING
WIN_OURS_PAUSED=61	# and BENCH_WIN_PAUSED
WIN_LINUX=62		# bench-dom0/dom0-setup.sh: DOM0BENCH_RUNNING
WIN_LINUX_PAUSED=63	# and DOM0BENCH_PAUSED
WIN_XL_LIST=59		# and DOM0BENCH_XL_LIST

fail() { echo "bench-dom0: $*" >&2; exit 1; }

for c in defconfig xen_debug_defconfig; do
	[ -f "$B/$c/.config" ] || make O="$B/$c" "$c" >/dev/null
	make O="$B/$c" -j2 >/dev/null
done
make -C tools/perf-icount O="$B/perf-icount" >/dev/null
XEN_GZ=/boot/xen-4.17-amd64.gz
if [ ! -f "$XEN_GZ" ]; then
	echo "bench-dom0: skipped: no $XEN_GZ (scripts/setup-deps.sh xen)"
	exit 0
fi
zcat "$XEN_GZ" > "$logs/xen.elf"
build_dir=$B QEMU=qemu-system-x86_64
. "$here/lib/xen-mode.sh"
. "$here/lib/refdom0.sh"

# Window W's line of an icount log: "insns nonop syscalls ksyscalls".
window() {	# ICOUNT W
	sed -n "s/^icount: bench=$2 runs=1 insns=\([0-9]*\) nonop=\([0-9]*\) syscalls=\([0-9]*\) ksyscalls=\([0-9]*\).*/\1 \2 \3 \4/p" "$1" |
		head -n 1
}

ratio() { echo "scale=3; $1 / $2" | bc; }

# privcmd's ioctls by _IOC number (Linux's include/uapi/xen/privcmd.h).
privcmd_name() {	# NR
	case $1 in
	0) echo hypercall ;; 0x2) echo mmap ;; 0x3) echo mmapbatch ;;
	0x4) echo mmapbatch_v2 ;; 0x5) echo dm_op ;; 0x6) echo restrict ;;
	0x7) echo mmap_resource ;; *) echo "nr$1" ;;
	esac
}

# Our vmlinux (CONFIG) as dom0 building the guest from its boot module,
# as mode xen-own-dom0 boots it (a comma in -initrd is doubled); the
# guest is always the defconfig vmlinux, the one Linux's dom0 builds.
ours_run() {	# NAME CONFIG
	local k=$B/$2/vmlinux args

	args="debug_exit=0xf4 ktest.off dom0.guests=1 dom0.guest_mem=$GUEST_MB dom0.guest_disk=0"
	args="$args dom0.timeout=200 -- $GUEST_ARGS"
	echo "bench-dom0: $1: QEMU run (log $logs/$1.console)"
	timeout 300 qemu-system-x86_64 -M pc -accel tcg -cpu max -m 1024M -smp 1 \
		-nographic -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-kernel "$logs/xen.elf" -append "$(xen_args 256M 1)" \
		-initrd "$k ${args//,/,,},$B/defconfig/vmlinux" \
		-plugin "$plugin" -d plugin -D "$logs/$1.icount" \
		> "$logs/$1.console" 2>&1 </dev/null || true
	grep -aq "dom0: 1 of 1 guest runs ended well" "$logs/$1.console" ||
		fail "$1: the guest did not run and power off (see $logs/$1.console)"
	[ -n "$(window "$logs/$1.icount" $WIN_OURS)" ] ||
		fail "$1: no window $WIN_OURS in $logs/$1.icount"
}

# dom0's "dN running U us after its build began" of a run, in ms.
ours_ms() {	# NAME
	local us
	us=$(sed -n 's/.*dom0: d[0-9]* running \([0-9]*\) us after its build began.*/\1/p' \
		"$logs/$1.console" | head -n 1)
	[ -n "$us" ] || fail "$1: no build time in $logs/$1.console"
	echo "scale=3; $us / 1000" | bc
}

linux_run() {
	local ov=$logs/linux.overlay
	rm -rf "$ov" && mkdir -p "$ov/domu"
	cp "$B/defconfig/vmlinux" "$ov/domu/vmlinux"
	cp "$B/perf-icount/marker" "$ov/domu/marker"
	cp "$me/dom0-setup.sh" "$ov/domu/setup.sh"
	refdom0_guest_cfg dom0bench "$GUEST_ARGS" $GUEST_MB > "$ov/domu/dom0bench.cfg"
	refdom0_guest_cfg dom0bench-st "$GUEST_ARGS" $GUEST_MB > "$ov/domu/dom0bench-st.cfg"
	# strace for the second domain's ioctl count, if the host has it.
	# dom0's /bin, /lib and /lib64 are links into /usr (refdom0_make).
	if command -v strace >/dev/null; then
		mkdir -p "$ov/usr/bin" "$ov/usr/lib" "$ov/usr/lib64"
		ln -s usr/bin "$ov/bin"; ln -s usr/lib "$ov/lib"; ln -s usr/lib64 "$ov/lib64"
		refdom0_copy_bin "$ov" "$(command -v strace)" ||
			fail "linux: cannot copy strace into dom0"
	fi
	echo "bench-dom0: linux: QEMU run (log $logs/linux.console)"
	refdom0_boot "$logs/linux.console" "$logs/xen.elf" "$ov" 1G 384M 400 180 \
		-plugin "$plugin" -d plugin -D "$logs/linux.icount" </dev/null || true
	grep -aq '^REFDOM0: DOM0BENCH create_rc=0 unpause_rc=0' "$logs/linux.console" ||
		fail "linux: xl create -p or xl unpause failed (see $logs/linux.console)"
	grep -aq '^REFDOM0: DOM0BENCH gone dom0bench yes' "$logs/linux.console" &&
		grep -aq '^REFDOM0-CON dom0bench: .*reboot: Power down' "$logs/linux.console" ||
		fail "linux: the guest did not boot and power off (see $logs/linux.console)"
	[ -n "$(window "$logs/linux.icount" $WIN_LINUX)" ] ||
		fail "linux: no window $WIN_LINUX in $logs/linux.icount"
}

# The kernel-log time of dom0's line "dom0bench: window WHAT", seconds.
kmsg_t() {	# start|paused|running
	sed -n "s/^REFDOM0: DOM0BENCH kmsg: \[ *\([0-9.]*\)\] dom0bench: window $1.*/\1/p" \
		"$logs/linux.console" | tr -d '\r' | head -n 1
}

if ! why=$(refdom0_check); then
	echo "bench-dom0: skipped: $why"
	exit 0
fi
refdom0_build "$B/refdom0" > "$logs/refdom0.log" 2>&1 ||
	fail "the reference dom0 did not build (see $logs/refdom0.log)"

ours_run ours defconfig
ours_run ours_stats xen_debug_defconfig
linux_run

# --- ours ----------------------------------------------------------------
read -r o_insn _ o_sysc o_ksysc <<< "$(window "$logs/ours.icount" $WIN_OURS)"
read -r o_pinsn _ _ o_pksysc <<< "$(window "$logs/ours.icount" $WIN_OURS_PAUSED)"
[ -n "$o_pinsn" ] || fail "ours: no window $WIN_OURS_PAUSED in $logs/ours.icount"
o_ms=$(ours_ms ours)
line=$(grep -a 'xen: hypercalls (dom0 build): total ' "$logs/ours_stats.console" | tr -d '\r' | head -n 1)
[ -n "$line" ] || fail "ours_stats: no hypercall counts of the build (see $logs/ours_stats.console)"
o_hc=$(echo "$line" | sed 's/.*total \([0-9]*\);.*/\1/')
echo "bench: dom0build.ours.insn $o_insn"
echo "bench: dom0build.ours.insn_to_paused $o_pinsn"
echo "bench: dom0build.ours.wall_ms $o_ms"
echo "bench: dom0build.ours.hypercalls $o_hc"
set -- ${line#*;}
while [ $# -ge 2 ]; do
	echo "bench: dom0build.ours.hypercalls.$1 $2"
	shift 2
done
# dom0's timer: a vcpu_op (the next single-shot) and an iret per tick,
# so those two grow with the window's wall time; the rest is the build's.
tick=$(echo "$line" | sed -n 's/.* iret \([0-9]*\).* vcpu_op \([0-9]*\).*/\1 + \2/p')
echo "bench: dom0build.ours.hypercalls_less_tick $((o_hc - (${tick:-0}))) (without iret and vcpu_op, dom0's timer tick's)"
echo "bench: dom0build.ours.ksyscalls $o_ksysc"
echo "bench: dom0build.ours.ksyscalls_to_paused $o_pksysc"
read -r s_insn _ _ s_ksysc <<< "$(window "$logs/ours_stats.icount" $WIN_OURS)"
read -r s_pinsn _ _ s_pksysc <<< "$(window "$logs/ours_stats.icount" $WIN_OURS_PAUSED)"
echo "bench: dom0build.ours_stats.insn $s_insn (xen_debug_defconfig; to paused $s_pinsn)"
echo "bench: dom0build.ours_stats.wall_ms $(ours_ms ours_stats)"
echo "bench: dom0build.ours_stats.ksyscalls $s_ksysc (the SYSCALLs of the window the wrappers counted $o_hc in; to paused $s_pksysc)"

# --- Linux ---------------------------------------------------------------
read -r l_insn _ l_sysc l_ksysc <<< "$(window "$logs/linux.icount" $WIN_LINUX)"
read -r l_pinsn _ _ l_pksysc <<< "$(window "$logs/linux.icount" $WIN_LINUX_PAUSED)"
[ -n "$l_pinsn" ] || fail "linux: no window $WIN_LINUX_PAUSED in $logs/linux.icount"
t0=$(kmsg_t start) tp=$(kmsg_t paused) t1=$(kmsg_t running)
[ -n "$t0" ] && [ -n "$tp" ] && [ -n "$t1" ] ||
	fail "linux: no kernel-log times of the window (see $logs/linux.console)"
l_ms=$(echo "scale=3; ($t1 - $t0) * 1000 / 1" | bc)
echo "bench: dom0build.linux.insn $l_insn"
echo "bench: dom0build.linux.insn_to_paused $l_pinsn"
echo "bench: dom0build.linux.wall_ms $l_ms"
echo "bench: dom0build.linux.wall_ms_to_paused $(echo "scale=3; ($tp - $t0) * 1000 / 1" | bc)"
echo "bench: dom0build.linux.hypercalls $l_ksysc"
echo "bench: dom0build.linux.ksyscalls $l_ksysc"
echo "bench: dom0build.linux.ksyscalls_to_paused $l_pksysc"
read -r x_insn _ _ x_ksysc <<< "$(window "$logs/linux.icount" $WIN_XL_LIST)"
[ -n "$x_insn" ] && grep -aq '^REFDOM0: DOM0BENCH xl_list_rc=0' "$logs/linux.console" ||
	fail "linux: no window $WIN_XL_LIST or xl list failed (see $logs/linux.console)"
echo "bench: dom0build.linux.xl_list_insn $x_insn (one \`xl list\`: the floor of any xl command; $x_ksysc ksyscalls)"
echo "bench: dom0build.linux.user_syscalls $((l_sysc - l_ksysc)) (lower-half SYSCALLs: dom0's user space's system calls)"
# xl's ioctls, by device and request (_IOC number on privcmd: Linux's
# include/uapi/xen/privcmd.h).
if grep -aq '^REFDOM0: DOM0BENCH strace_rc=0,0' "$logs/linux.console"; then
	grep -a '^REFDOM0: DOM0BENCH strace: ' "$logs/linux.console" | tr -d '\r' |
		sed 's/^REFDOM0: DOM0BENCH strace: //' > "$logs/linux.strace"
	# ENOTTY: the kernel knew no such request (libxc probing), no hypercall.
	echo "bench: dom0build.linux.privcmd_ioctls $(grep '^ioctl([0-9]*</dev/xen/privcmd>' "$logs/linux.strace" |
		grep -vc ' = -1 ENOTTY') (strace: xl create -p and xl unpause; each one hypercall, or a batch of mappings)"
	# "DEVICE REQUEST ok|failed", an _IOC request as its number.
	sed -n 's/^ioctl([0-9]*<\/dev\/xen\/\([^>]*\)>, \(_IOC([^)]*)\|[A-Z_0-9]*\).* = \(-*\)[0-9].*/\1 \2 \3/p' \
		"$logs/linux.strace" |
		sed 's/^\([^ ]*\) _IOC(_IOC_[A-Z]*, 0x50, \(0x[0-9a-f]*\|0\), [0-9a-fx]*)/\1 \2/' |
		sort | uniq -c | while read -r n dev req bad; do
			[ "$dev" != privcmd ] || req=$(privcmd_name "$req")
			echo "bench: dom0build.linux.ioctl.$dev.$req${bad:+_failed} $n"
		done
else
	echo "bench-dom0: no strace figures (see $logs/linux.console)"
fi

# --- side by side --------------------------------------------------------
echo "bench: dom0build.ours/linux.insn $(ratio "$o_insn" "$l_insn") ratio"
echo "bench: dom0build.ours/linux.insn_to_paused $(ratio "$o_pinsn" "$l_pinsn") ratio"
echo "bench: dom0build.ours/linux.wall_ms $(ratio "$o_ms" "$l_ms") ratio"
echo "bench: dom0build.ours/linux.ksyscalls $(ratio "$o_ksysc" "$l_ksysc") ratio"
echo "bench: dom0build.ours/linux.ksyscalls_to_paused $(ratio "$o_pksysc" "$l_pksysc") ratio"
echo "bench: dom0build.ours/linux.hypercalls $(ratio "$o_hc" "$l_ksysc") ratio (ours: the wrappers' count; Linux: upper-half SYSCALLs)"
