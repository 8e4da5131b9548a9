#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench-hvm.sh - boot to end of our vmlinux next to Debian's Linux in the
# two places scripts/bench.sh does not boot them, under QEMU TCG with the
# instruction-count plugin (tools/perf-icount) and the lab Xen
# (scripts/xen-lab/build-xen.sh, cached).  Run by `make bench` after
# bench.sh, or alone; BENCH_HVM_ONLY=hvmU or =pvh_dom0 runs one part.
#
# hvmU: both as HVM domUs (256 MiB, one vCPU) of the reference dom0
# (lib/refdom0.sh) in one QEMU run, booted as mode xen-hvm-domU boots
# ours: hvmloader, SeaBIOS and Debian's qemu-system-xen as the device
# model in dom0 (lib/refdom0-hvm.sh), each from a GRUB CD image of its
# own.  Ours is multiboot2-loaded by refdom0_hvm_iso and runs every
# suite; Debian's Linux (the reference dom0's kernel, its bzImage) is
# loaded by GRUB's `linux`/`initrd` with a busybox initramfs that powers
# off at once (console=ttyS0 quiet, as bench.sh's Linux runs are quiet on
# hvc0).  Same firmware, device model and machine for both.  Each runs
# from just before `xl create -F` to the domain's end, inside a window of
# the marker dom0 runs (refdom0-init.sh, bench_case; the window holds all
# the one host CPU ran: Xen, dom0 and its device model too), timed by
# dom0's uptime; ours also with its own boot window inside.  xl create -F
# attaches no console, so the guest's COM1 is sent by the device model
# into the file where bench_case reads a guest's console from
# (serial = "file:..." in place of refdom0_hvm_cfg's "pty").
#   bench: hvmU_{ours,linux}.xl_create_to_end N insn
#   bench: hvmU_ours.entry_to_tests_done N insn
#   bench: hvmU_{ours,linux}.xl_create_to_end_wall S s
#   bench: hvmU.ours/linux R ratio          (and ours/linux_wall)
#
# pvh_dom0: each as the lab Xen's PVH dom0 (dom0=pvh), as mode
# xen-pvh-dom0 boots ours: q35 with an emulated Intel IOMMU, but one
# vCPU on QEMU -smp 1 (dom0_max_vcpus=1, as bench.sh's PV dom0 boots).
# Ours runs every suite (window: its first C code to the end of the
# suites, and the whole run); Debian's Linux (the newest /boot/vmlinuz-*,
# as bench.sh's linux_dom0) boots on a busybox initramfs that says "init
# reached" and powers off (the whole run).  Wall: host seconds of the
# QEMU run.
#   bench: pvh_dom0_ours.entry_to_tests_done N insn
#   bench: pvh_dom0_{ours,linux}.whole_run N insn   (and _wall S s)
#   bench: pvh_dom0.ours/linux R ratio          (and ours/linux_wall)
# If Linux does not reach its /init there, its figure is not printed but
#   bench: SKIP pvh_dom0_linux: REASON
# with the last lines its run printed (where it stopped).
#
# A run that should have finished and did not, or a window that should
# exist and does not, is a failure (exit 1, the log named).  Without the
# lab Xen, the reference dom0's or the device model's packages, a part
# says "bench: PART skipped: WHY".
set -euo pipefail
srctree=$(cd "$(dirname "$0")/.." && pwd)
cd "$srctree"
B=$srctree/build
plugin=$B/perf-icount/libicount.so
logs=$B/bench-hvm
only=${BENCH_HVM_ONLY:-}
case $only in
''|hvmU|pvh_dom0) ;;
*) echo "bench-hvm: BENCH_HVM_ONLY must be hvmU or pvh_dom0, not '$only'" >&2; exit 2 ;;
esac
mkdir -p "$logs"

[ -f "$B/defconfig/.config" ] || make O="$B/defconfig" defconfig >/dev/null
make O="$B/defconfig" -j2 >/dev/null
make -C tools/perf-icount O="$B/perf-icount" >/dev/null

here=$srctree/tools/testing/selftests/xen
# shellcheck disable=SC2034	# the sourced libs' inputs
build_dir=$B QEMU=qemu-system-x86_64
. "$here/lib/xen-mode.sh"
. "$here/lib/refdom0.sh"
. "$here/lib/refdom0-hvm.sh"

fail() { echo "bench: $*" >&2; exit 1; }

# $logs/NAME.cpio.gz: busybox whose init says "NAME: init reached" and
# powers off at once (as bench.sh's busybox_initrd).
busybox_initrd() {	# NAME
	local r=$logs/$1

	rm -rf "$r" && mkdir -p "$r/bin" "$r/proc" "$r/dev"
	cp /bin/busybox "$r/bin/busybox"
	printf '#!/bin/busybox sh\n/bin/busybox echo "%s: init reached"\n/bin/busybox poweroff -f\n' "$1" > "$r/init"
	chmod +x "$r/init"
	(cd "$r" && find . | cpio -o -H newc --quiet | gzip -1) > "$logs/$1.cpio.gz"
	rm -rf "$r"
}

# A GRUB CD image as refdom0_hvm_iso's, but loading a Linux bzImage and
# its initramfs with GRUB's linux and initrd commands.
linux_iso() {	# OUT BZIMAGE INITRD ARGS
	local out=$1 d=$1.isodir

	rm -rf "$d"
	mkdir -p "$d/boot/grub"
	cp "$2" "$d/boot/vmlinuz" && cp "$3" "$d/boot/initrd.gz" || return 1
	cat > "$d/boot/grub/grub.cfg" <<-CFG
	set timeout=0
	set default=0
	serial --unit=0 --speed=115200
	terminal_output serial
	menuentry "linux" {
		linux /boot/vmlinuz $4
		initrd /boot/initrd.gz
		boot
	}
	CFG
	grub-mkrescue -o "$out" "$d" > "$out.mkrescue.log" 2>&1 ||
		{ cat "$out.mkrescue.log"; return 1; }
	rm -rf "$d" "$out.mkrescue.log"
}

# refdom0_hvm_cfg with COM1 into the file bench_case reads.
hvm_cfg() {	# NAME DISK
	refdom0_hvm_cfg "$1" "$2" 256 1 |
		sed "s|^serial = .*|serial = \"file:/var/log/xen/console/guest-$1.log\"|"
}

hvmU() {	# XEN
	local run=hvmU ov=$logs/hvmU.overlay d w

	refdom0_build "$B/refdom0" > "$logs/$run.refdom0" 2>&1 &&
		refdom0_hvm_build "$B/refdom0-hvm" >> "$logs/$run.refdom0" 2>&1 ||
		fail "the reference dom0 or its device model did not build (see $logs/$run.refdom0)"
	busybox_initrd hvmU_linux
	rm -rf "$ov" && mkdir -p "$ov/domu"
	printf '%s\n' "ours 46" "linux 47" > "$logs/$run.plan"
	cp "$logs/$run.plan" "$ov/domu/bench"
	cp "$B/perf-icount/marker" "$ov/domu/marker"
	refdom0_hvm_iso "$ov/domu/ours.iso" "$B/defconfig/vmlinux" "xs_test.name=ours" \
		> "$logs/$run.iso" 2>&1 &&
		linux_iso "$ov/domu/linux.iso" "$B/refdom0/vmlinuz" "$logs/hvmU_linux.cpio.gz" \
			"console=ttyS0,115200 quiet" >> "$logs/$run.iso" 2>&1 ||
		fail "a GRUB CD image did not build (see $logs/$run.iso)"
	hvm_cfg ours /domu/ours.iso > "$ov/domu/ours.cfg"
	hvm_cfg linux /domu/linux.iso > "$ov/domu/linux.cfg"
	refdom0_kpkg > "$logs/hvmU_linux.kernel"
	REFDOM0_EXTRA_CPIO=$B/refdom0-hvm/dm.cpio.gz \
		refdom0_boot "$logs/$run.console" "$1" "$ov" 1G 384M 1200 540 \
		-plugin "$plugin" -d plugin -D "$logs/$run.icount" </dev/null || true
	for d in ours linux; do
		grep -aq "^REFDOM0: BENCH $d RESULT xl_rc=0 reason=0 " "$logs/$run.console" ||
			fail "$run $d did not power off (see $logs/$run.console)"
		case $d in
		ours) w="# ktest: pass:" ;;
		linux) w="hvmU_linux: init reached" ;;
		esac
		grep -aq "^REFDOM0-CON $d: .*$w" "$logs/$run.console" ||
			fail "$run $d did not reach '$w' (see $logs/$run.console)"
	done
}

# QEMU q35 with the IOMMU Xen 4.17 needs for a PVH hardware domain.
pvh_dom0_run() {	# NAME XEN "DOM0 MODULES"
	local t0

	t0=$(date +%s.%N)
	timeout 400 qemu-system-x86_64 -M q35 -accel tcg -cpu max -m 1G -smp 1 \
		-nographic -no-reboot -device intel-iommu,intremap=off \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-kernel "$2" -append "$(xen_args 256M 1) dom0=pvh" -initrd "$3" \
		-plugin "$plugin" -d plugin -D "$logs/$1.icount" \
		> "$logs/$1.console" 2>&1 </dev/null || true
	echo "$(date +%s.%N) - $t0" | bc > "$logs/$1.wall"
	# Xen's own word that the domain it built is PVH.
	grep -aq "Building a PVH Dom0" "$logs/$1.console" ||
		fail "$1: Xen built no PVH dom0 (see $logs/$1.console)"
}

pvh_dom0() {	# XEN
	local k why

	pvh_dom0_run pvh_dom0_ours "$1" "$B/defconfig/vmlinux debug_exit=0xf4"
	grep -aq "# ktest: pass:" "$logs/pvh_dom0_ours.console" ||
		fail "pvh_dom0_ours did not finish (see $logs/pvh_dom0_ours.console)"
	grep -aq "paravirt: child xen-pvh" "$logs/pvh_dom0_ours.console" ||
		fail "pvh_dom0_ours was not on the xen-pvh child (see $logs/pvh_dom0_ours.console)"
	k=$(ls /boot/vmlinuz-* 2>/dev/null | sort -V | tail -1)
	if [ -z "$k" ] || [ ! -x /bin/busybox ]; then
		echo "bench: SKIP pvh_dom0_linux: no /boot/vmlinuz-* or /bin/busybox (setup-deps.sh bench)"
		return 0
	fi
	echo "$k" > "$logs/pvh_dom0_linux.kernel"
	busybox_initrd pvh_dom0_linux
	pvh_dom0_run pvh_dom0_linux "$1" "$k console=hvc0 quiet,$logs/pvh_dom0_linux.cpio.gz"
	if ! grep -aq "pvh_dom0_linux: init reached" "$logs/pvh_dom0_linux.console"; then
		why=$(tr -d '\r' < "$logs/pvh_dom0_linux.console" | grep -av '^$' | tail -n 3 |
		      tr '\n' '|')
		echo "bench: SKIP pvh_dom0_linux: no init reached; its run ended: ${why%|} (see $logs/pvh_dom0_linux.console)"
		return 0
	fi
	pvh_linux=pvh_dom0_linux
}

runs='' pvh_linux=''
if ! xen=$(scripts/xen-lab/build-xen.sh 2> "$logs/xen-lab.log"); then
	echo "bench: hvmU and pvh_dom0 skipped: no lab Xen (see $logs/xen-lab.log)"
	exit 0
fi
if [ "$only" != pvh_dom0 ]; then
	if why=$(refdom0_check && refdom0_hvm_check); then
		hvmU "$xen"
		runs="$runs hvmU"
	else
		echo "bench: hvmU skipped: $why"
	fi
fi
if [ "$only" != hvmU ]; then
	if why=$(xen_mode_check); then
		pvh_dom0 "$xen"
		runs="$runs pvh_dom0"
	else
		echo "bench: pvh_dom0 skipped: $why"
	fi
fi

/usr/bin/python3 - "$logs" "$pvh_linux" $runs <<'PY'
import re, sys
logs, pvh_linux, runs = sys.argv[1], sys.argv[2], sys.argv[3:]
BOOT = 32   # the kernel's own window: first C code to the end of the suites

def windows(v):
    """The plugin's windows of run v: {ID: insns} for dom0's or a whole
    machine's, {(S, ID): insns} for those of section S (a domU's own),
    and "total".  A window that ran other than once is a failure."""
    out = {}
    for line in open("%s/%s.icount" % (logs, v)):
        m = re.match(r"icount: (section=(\d+) )?bench=(\d+) runs=(\d+) insns=(\d+)", line)
        if m:
            w = (int(m.group(2)), int(m.group(3))) if m.group(1) else int(m.group(3))
            if m.group(4) != "1":
                sys.exit("bench: window %s of %s/%s.icount ran %s times"
                         % (w, logs, v, m.group(4)))
            out[w] = int(m.group(5))
        m = re.match(r"icount: total insns=(\d+)", line)
        if m:
            out["total"] = int(m.group(1))
    return out

def need(icount, w, v):
    if w not in icount:
        sys.exit("bench: no window %s in %s/%s.icount" % (w, logs, v))
    return icount[w]

if "hvmU" in runs:
    v = "hvmU"
    icount, fig = windows(v), {}
    con = open("%s/%s.console" % (logs, v), errors="replace").read()
    for line in open("%s/%s.plan" % (logs, v)):
        name, win = line.split()
        n = need(icount, int(win), v)
        m = re.search(r"BENCH %s RESULT .* xl_create_to_end=([\d.]+)-([\d.]+)" % name, con)
        if not m:
            sys.exit("bench: no BENCH %s RESULT in %s/%s.console" % (name, logs, v))
        fig[name] = (n, float(m.group(2)) - float(m.group(1)))
        print("bench: %s_%s.xl_create_to_end %d insn" % (v, name, n))
        if name == "ours":
            print("bench: %s_ours.entry_to_tests_done %d insn"
                  % (v, need(icount, (int(win), BOOT), v)))
        print("bench: %s_%s.xl_create_to_end_wall %.2f s" % (v, name, fig[name][1]))
    print("bench: %s.ours/linux %.3f ratio" % (v, fig["ours"][0] / fig["linux"][0]))
    print("bench: %s.ours/linux_wall %.3f ratio" % (v, fig["ours"][1] / fig["linux"][1]))

if "pvh_dom0" in runs:
    fig = {}
    for who in ["ours"] + (["linux"] if pvh_linux else []):
        v = "pvh_dom0_" + who
        icount = windows(v)
        wall = float(open("%s/%s.wall" % (logs, v)).read())
        if who == "ours":
            print("bench: %s.entry_to_tests_done %d insn" % (v, need(icount, BOOT, v)))
        fig[who] = (need(icount, "total", v), wall)
        print("bench: %s.whole_run %d insn" % (v, fig[who][0]))
        print("bench: %s.whole_run_wall %.2f s" % (v, wall))
    if "linux" in fig:
        print("bench: pvh_dom0.ours/linux %.3f ratio" % (fig["ours"][0] / fig["linux"][0]))
        print("bench: pvh_dom0.ours/linux_wall %.3f ratio" % (fig["ours"][1] / fig["linux"][1]))
PY
