#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench.sh - count, don't time: guest instructions of each paravirt
# microbenchmark (arch/x86/kernel/pvbench.c) under QEMU TCG with the
# instruction-count plugin (tools/perf-icount), in three kernels from one
# run: PARAVIRT=n (native_defconfig), PARAVIRT=y patched (defconfig),
# PARAVIRT=y unpatched (defconfig + nopvpatch), and PARAVIRT=y with the
# VMI-like ROM (its sites call into the ROM).  Prints
#   bench: NAME.VARIANT VALUE UNIT
# per benchmark: instructions per iteration for each kernel, and the
# ratios patched/native and unpatched/native, in all instructions and in
# instructions other than NOPs (a patched site's padding is one NOP).
#
# Under Xen (Debian's 4.17, our vmlinux as PV dom0) the same benchmarks
# run as variant "xen" (their windows include Xen's own instructions),
# with the hypercalls each made, counted by a second run of the same
# benchmarks on xen_debug_defconfig (CONFIG_XEN_DEBUG_STATS=y: the
# production kernel does not count): lazy_set_pte gives PTE updates per
# hypercall, and that boot's set-up summary the hypercalls of set-up.
# Last, boot to tests done, in instructions (the plugin's window from the
# first C code to the end of the suites) and wall time: native, our dom0
# under Xen (256 MiB, then 64 MiB, 128 MiB, 1536 MiB, 4 GiB and 5 GiB, each with its
# set-up hypercalls from the counting kernel), and Debian's Linux as PV
# dom0 on a busybox initramfs that powers off at once (the reference;
# whole run).  And as PV domUs in one run under a reference dom0 (Debian's
# Linux and xl, tools/testing/selftests/xen/lib/refdom0.sh): our vmlinux
# (every suite) and then Debian's kernel on such an initramfs, each from
# just before `xl create` to the domain's end, in instructions (window of
# a marker that dom0 runs, tools/perf-icount/marker) and dom0's seconds,
# with our own boot window inside it.  The same two again as PVH domUs
# under the lab Xen (scripts/xen-lab/build-xen.sh, cached; our kernel and
# Debian's, which has the PVH note), as run "pvhU"; and in a third run the
# per-op benchmarks in a PVH domU (variant "pvh": under HAP irq and mmu
# ops are the native code, so their non-NOP ratio to native must be 1.000;
# the window also holds whatever Xen and dom0 ran meanwhile, and any exit
# the op causes).  The cross-CPU benchmarks (IPI round trip, shootdown,
# lock contention) are scripts/bench-smp.sh's, which make bench runs next.
# Our boot next to Linux's as HVM domU and as PVH dom0 is
# scripts/bench-hvm.sh's, which make bench runs after that.
#
# Linux side by side: tools/perf-icount/linux's module (pvbench_linux.ko,
# built against Debian's headers for the reference dom0's kernel) runs
# pvbench's loops in Debian's Linux, between the same markers: natively
# under TCG (run linux_native: its bzImage on a busybox initramfs that
# loads the module), as PV dom0 under the same Xen (run linux_xen), and
# as PV domU of the reference dom0 (case linuxbench of run domU, beside
# our vmlinux as a PV domU running pvbench, case oursbench, whose figures
# are also printed alone as OP.domU and OP.domU/xen; dom0 ends a plugin
# section after each case, so the two kernels' windows stay apart).
# Per op:
#   bench: OP.{native,dom0,domU}_{ours,linux} VALUE insn/iter
#   bench: OP.{native,dom0,domU}_ours/linux VALUE ratio
# (native: our defconfig, patched) and, under Xen, every op that makes
# hypercalls (and cpuid, which traps) as a multiple of that kernel's own
# null hypercall there
# (OP.ENV_{ours,linux}_floors); each of write_cr3, set_pte_flush_one,
# lazy_set_pte and evtchn_send over the same requests issued bare from a
# loop by that
# kernel (bare_*: no wrapper, machine frames precomputed;
# OP.ENV_{ours,linux}/bare and OP.xen/bare: what the kernel adds to Xen's
# own work); each kernel's hypercalls per iteration
# there (OP.ENV_{ours,linux}_hypercalls: the plugin's count of SYSCALLs in
# the window, which is how a 64-bit PV kernel enters Xen; in a domU's
# window also whatever dom0 ran meanwhile on that CPU), and a table of it
# all.  A window that either kernel should have run and did not is a
# failure.
set -euo pipefail
srctree=$(cd "$(dirname "$0")/.." && pwd)
cd "$srctree"
B=$srctree/build
plugin=$B/perf-icount/libicount.so
logs=$B/bench
mkdir -p "$logs"

for c in defconfig native_defconfig xen_debug_defconfig; do
	[ -f "$B/$c/.config" ] || make O="$B/$c" "$c" >/dev/null
	make O="$B/$c" -j2 >/dev/null
done
make -C tools/perf-icount O="$B/perf-icount" >/dev/null
# Linux's side needs the headers of the reference dom0's kernel.
have_lmod=0
if make -C tools/perf-icount/linux O="$B/perf-icount/linux" > "$logs/pvbench_linux.build" 2>&1; then
	have_lmod=1
else
	echo "bench: Linux's module skipped: $(tail -1 "$logs/pvbench_linux.build") (setup-deps.sh bench)"
fi

run() {	# VARIANT KERNEL EXTRA-ARGS [QEMU OPTIONS...]
	local v=$1 k=$2 a=$3
	shift 3
	timeout 120 qemu-system-x86_64 -accel tcg -cpu max -m 256M -smp 1 \
		-nographic -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-kernel "$k" -append "debug_exit=0xf4 pvbench $a" "$@" \
		-plugin "$plugin" -d plugin -D "$logs/$v.icount" \
		> "$logs/$v.console" 2>&1 </dev/null || true
	grep -q "pvbench: done" "$logs/$v.console" ||
		{ echo "bench: $v did not finish (see $logs/$v.console)" >&2; exit 1; }
}

run native "$B/native_defconfig/vmlinux" ""
run patched "$B/defconfig/vmlinux" ""
run unpatched "$B/defconfig/vmlinux" "nopvpatch"
variants="native patched unpatched"
rom=$B/defconfig/arch/x86/vmi/rom/vmi.rom
if [ -f "$rom" ]; then
	run vmi "$B/defconfig/vmlinux" "" -option-rom "$rom"
	grep -q "for vmi:" "$logs/vmi.console" ||
		{ echo "bench: the VMI ROM was not used (see $logs/vmi.console)" >&2; exit 1; }
	variants="$variants vmi"
fi

# --- under Xen ----------------------------------------------------------------
xen_gz=/boot/xen-4.17-amd64.gz
xen_args="console=com1 com1=115200,8n1 dom0_mem=256M,max:256M dom0_max_vcpus=1 loglvl=all guest_loglvl=all cpuid=no-rdtscp"
have_xen=0
if [ -f "$xen_gz" ]; then
	zcat "$xen_gz" > "$logs/xen.elf"
	have_xen=1
fi

run_xen() {	# VARIANT "DOM0 MODULES" [DONE-LINE [DOM0_MEM HOST_MEM]]
	local v=$1 mods=$2 done=${3:-pvbench: done} t0 args=$xen_args
	[ -z "${4:-}" ] || args=${xen_args//256M/$4}
	t0=$(date +%s.%N)
	timeout 300 qemu-system-x86_64 -accel tcg -cpu max -m "${5:-512M}" -smp 1 \
		-nographic -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-kernel "$logs/xen.elf" -append "$args" -initrd "$mods" \
		-plugin "$plugin" -d plugin -D "$logs/$v.icount" \
		> "$logs/$v.console" 2>&1 </dev/null || true
	echo "$(date +%s.%N) - $t0" | bc > "$logs/$v.wall"
	grep -qF "$done" "$logs/$v.console" ||
		{ echo "bench: $v did not finish (see $logs/$v.console)" >&2; exit 1; }
}

boot_native() {	# VARIANT KERNEL
	local t0
	t0=$(date +%s.%N)
	timeout 120 qemu-system-x86_64 -accel tcg -cpu max -m 256M -smp 1 \
		-nographic -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-kernel "$2" -append "debug_exit=0xf4" \
		-plugin "$plugin" -d plugin -D "$logs/$1.icount" \
		> "$logs/$1.console" 2>&1 </dev/null || true
	echo "$(date +%s.%N) - $t0" | bc > "$logs/$1.wall"
	grep -q "# ktest: pass:" "$logs/$1.console" ||
		{ echo "bench: $1 did not finish (see $logs/$1.console)" >&2; exit 1; }
}

# $logs/NAME.cpio.gz: busybox whose init says "NAME: init reached" and
# powers off at once.
busybox_initrd() {	# NAME
	local r=$logs/$1
	rm -rf "$r" && mkdir -p "$r/bin" "$r/proc" "$r/dev"
	cp /bin/busybox "$r/bin/busybox"
	printf '#!/bin/busybox sh\n/bin/busybox echo "%s: init reached"\n/bin/busybox poweroff -f\n' "$1" > "$r/init"
	chmod +x "$r/init"
	(cd "$r" && find . | cpio -o -H newc --quiet | gzip -1) > "$logs/$1.cpio.gz"
}

# $logs/NAME.cpio.gz: busybox whose init loads pvbench_linux.ko (with the
# irq of Xen's timer, if there is one, to hold off: the module's header),
# copies the kernel's pvbench lines to the console, says "NAME: init
# reached" and powers off.
module_initrd() {	# NAME
	local r=$logs/$1

	rm -rf "$r" && mkdir -p "$r/bin" "$r/proc" "$r/dev"
	cp /bin/busybox "$r/bin/busybox"
	cp "$B/perf-icount/linux/pvbench_linux.ko" "$r/"
	cat > "$r/init" <<-'INIT'
	#!/bin/busybox sh
	/bin/busybox mount -t proc proc /proc
	t=$(/bin/busybox awk '/ timer0$/ { sub(":", "", $1); print $1 }' /proc/interrupts)
	/bin/busybox insmod /pvbench_linux.ko ${t:+timer_irq=$t}
	/bin/busybox dmesg | /bin/busybox grep pvbench
	INIT
	printf '/bin/busybox echo "%s: init reached"\n/bin/busybox poweroff -f\n' "$1" >> "$r/init"
	chmod +x "$r/init"
	(cd "$r" && find . | cpio -o -H newc --quiet | gzip -1) > "$logs/$1.cpio.gz"
}

# Debian's Linux natively under TCG, loading the module.
linux_native() {	# KERNEL
	module_initrd linux-native
	timeout 200 qemu-system-x86_64 -accel tcg -cpu max -m 256M -smp 1 \
		-nographic -no-reboot -kernel "$1" -initrd "$logs/linux-native.cpio.gz" \
		-append "console=ttyS0 quiet" \
		-plugin "$plugin" -d plugin -D "$logs/linux_native.icount" \
		> "$logs/linux_native.console" 2>&1 </dev/null || true
	grep -q "pvbench_linux: done" "$logs/linux_native.console" ||
		{ echo "bench: linux_native did not finish (see $logs/linux_native.console)" >&2; exit 1; }
}

# The reference: Debian's kernel as dom0 on busybox, powering off at init.
linux_dom0() {
	local k
	k=$(ls /boot/vmlinuz-* 2>/dev/null | sort -V | tail -1)
	[ -n "$k" ] && [ -x /bin/busybox ] || return 1
	busybox_initrd linux-dom0
	run_xen linux_dom0 "$k console=hvc0 quiet,$logs/linux-dom0.cpio.gz" "linux-dom0: init reached"
	echo "$k" > "$logs/linux_dom0.kernel"
}

# Both as domUs (256 MiB, 1 vCPU) of the reference dom0, in one run:
# dom0's /init runs each of $logs/RUN.plan ("NAME WINDOW") by `xl create
# -F` inside that plugin window (refdom0-init.sh, bench_case).  RUN domU:
# PV guests under Debian's Xen; pvhU: PVH guests under the lab Xen
# (scripts/xen-lab/build-xen.sh, cached), the same two kernels; pvhbench:
# our vmlinux as a PVH domU running the per-op benchmarks (pvbench)
# instead of its suites.
here=$srctree/tools/testing/selftests/xen
build_dir=$B QEMU=qemu-system-x86_64
. "$here/lib/xen-mode.sh"
. "$here/lib/refdom0.sh"
domu() {	# RUN XEN TYPE "NAME WINDOW"...
	local run=$1 xen=$2 type=$3 ov=$logs/$1.overlay d w
	shift 3
	refdom0_build "$B/refdom0" > "$logs/$run.refdom0" 2>&1 ||
		{ echo "bench: the reference dom0 did not build (see $logs/$run.refdom0)" >&2; exit 1; }
	busybox_initrd domU_linux
	rm -rf "$ov" && mkdir -p "$ov/domu"
	printf '%s\n' "$@" > "$logs/$run.plan"
	cp "$logs/$run.plan" "$ov/domu/bench"
	cp "$B/perf-icount/marker" "$ov/domu/marker"
	cp "$B/defconfig/vmlinux" "$ov/domu/vmlinux"
	cp "$B/refdom0/vmlinuz" "$ov/domu/linux"
	cp "$logs/domU_linux.cpio.gz" "$ov/domu/linux.cpio.gz"
	if [ $have_lmod = 1 ]; then
		module_initrd domU_linuxbench
		cp "$logs/domU_linuxbench.cpio.gz" "$ov/domu/linuxbench.cpio.gz"
	fi
	export REFDOM0_GUEST_TYPE=$type
	refdom0_guest_cfg ours "xs_test.name=ours" 256 > "$ov/domu/ours.cfg"
	refdom0_guest_cfg oursbench "pvbench" 256 > "$ov/domu/oursbench.cfg"
	refdom0_guest_cfg linux "console=hvc0 quiet" 256 256 1 /domu/linux \
		/domu/linux.cpio.gz > "$ov/domu/linux.cfg"
	refdom0_guest_cfg linuxbench "console=hvc0 quiet" 256 256 1 /domu/linux \
		/domu/linuxbench.cpio.gz > "$ov/domu/linuxbench.cfg"
	unset REFDOM0_GUEST_TYPE
	refdom0_kpkg > "$logs/domU_linux.kernel"
	refdom0_boot "$logs/$run.console" "$xen" "$ov" 1G 384M 400 180 \
		-plugin "$plugin" -d plugin -D "$logs/$run.icount" </dev/null || true
	for w in "$@"; do
		d=${w% *}
		grep -aq "^REFDOM0: BENCH $d RESULT xl_rc=0 reason=0 " "$logs/$run.console" ||
			{ echo "bench: $run $d did not power off (see $logs/$run.console)" >&2; exit 1; }
		case $d in
		ours) w="# ktest: pass:" ;;
		oursbench) w="pvbench: done" ;;
		linux) w="domU_linux: init reached" ;;
		linuxbench) w="pvbench_linux: done" ;;
		esac
		grep -aq "^REFDOM0-CON $d: .*$w" "$logs/$run.console" ||
			{ echo "bench: $run $d did not reach '$w' (see $logs/$run.console)" >&2; exit 1; }
	done
}

boot_native boot_native "$B/defconfig/vmlinux"
boot_variants="boot_native"
klinux=$(ls /boot/vmlinuz-* 2>/dev/null | sort -V | tail -1)
linux_runs=
if [ $have_lmod = 1 ] && [ -n "$klinux" ] && [ -x /bin/busybox ]; then
	linux_native "$klinux"
	linux_runs=linux_native
fi
if [ $have_xen = 1 ]; then
	run_xen xen "$B/defconfig/vmlinux debug_exit=0xf4 pvbench"
	grep -q "child xen" "$logs/xen.console" ||
		{ echo "bench: xen run was not on the Xen child (see $logs/xen.console)" >&2; exit 1; }
	variants="$variants xen"
	# The hypercall counts: the same benchmarks on the counting kernel.
	run_xen xen_stats "$B/xen_debug_defconfig/vmlinux debug_exit=0xf4 pvbench"
	run_xen boot_xen "$B/defconfig/vmlinux debug_exit=0xf4" "# ktest: pass:"
	boot_variants="$boot_variants boot_xen"
	# dom0 at other sizes (DOM0:HOST): every suite on defconfig for the
	# instructions, set-up alone (ktest.off) on the counting kernel for
	# the hypercalls of set-up.
	for sz in 64M:512M 128M:512M 1536M:2G 4G:5G 5G:6G; do
		run_xen "boot_xen_${sz%%:*}" "$B/defconfig/vmlinux debug_exit=0xf4" \
			"# ktest: pass:" "${sz%%:*}" "${sz#*:}"
		run_xen "setup_xen_${sz%%:*}" "$B/xen_debug_defconfig/vmlinux debug_exit=0xf4 ktest.off" \
			"hypercalls (set-up)" "${sz%%:*}" "${sz#*:}"
		boot_variants="$boot_variants boot_xen_${sz%%:*}"
		sizes="${sizes:-} ${sz%%:*}"
	done
	if linux_dom0; then
		boot_variants="$boot_variants linux_dom0"
	else
		echo "bench: linux_dom0 skipped: no /boot/vmlinuz-* or /bin/busybox (setup-deps.sh bench)"
	fi
	if [ -n "$linux_runs" ]; then
		module_initrd linux-xen
		run_xen linux_xen "$klinux console=hvc0 quiet,$logs/linux-xen.cpio.gz" "pvbench_linux: done"
		linux_runs="$linux_runs linux_xen"
	fi
	if why=$(refdom0_check); then
		if [ $have_lmod = 1 ]; then
			domu domU "$logs/xen.elf" pv "ours 40" "linux 41" "oursbench 44" "linuxbench 45"
			linux_runs="$linux_runs domU"
		else
			domu domU "$logs/xen.elf" pv "ours 40" "linux 41" "oursbench 44"
		fi
		domu_runs=domU
		if xen_lab=$(scripts/xen-lab/build-xen.sh 2> "$logs/xen-lab.log"); then
			domu pvhU "$xen_lab" pvh "ours 42" "linux 43"
			domu pvhbench "$xen_lab" pvh "oursbench 44"
			domu_runs="$domu_runs pvhU"
			pvh_bench=pvhbench
		else
			echo "bench: PVH skipped: no lab Xen (see $logs/xen-lab.log)"
		fi
	else
		echo "bench: domU skipped: $why"
	fi
else
	echo "bench: xen skipped: no $xen_gz (setup-deps.sh xen)"
fi

/usr/bin/python3 - "$logs" $variants -- $boot_variants -- ${domu_runs:-} -- ${pvh_bench:-} \
	-- $linux_runs <<'PY'
import re, sys
logs = sys.argv[1]
sep = sys.argv.index("--")
sep2 = sys.argv.index("--", sep + 1)
sep3 = sys.argv.index("--", sep2 + 1)
sep4 = sys.argv.index("--", sep3 + 1)
variants, boot_variants = sys.argv[2:sep], sys.argv[sep + 1:sep2]
domu_runs = sys.argv[sep2 + 1:sep3]
pvh_bench = sys.argv[sep3 + 1:sep4]
linux_runs = sys.argv[sep4 + 1:]

def bench_names(path, prefix=""):
    """{id: (name, iterations)} of the pvbench lines of a console (lines
    starting with prefix only)."""
    out = {}
    for line in open(path, errors="replace"):
        if line.startswith(prefix):
            m = re.search(r"pvbench: bench (\d+) (\S+) iterations (\d+)", line)
            if m:
                out[int(m.group(1))] = (m.group(2), int(m.group(3)))
    return out

def op_windows(path, section=None):
    """{id: (insns, nonop, syscalls)} of the per-op windows of a run: those
    printed at its end, or with section S those of section S (icount.c;
    syscalls: a PV kernel's hypercalls).  A window that ran other than
    once is a failure."""
    out = {}
    for line in open(path):
        m = re.match(r"icount: (?:section=(\d+) )?bench=(\d+) runs=(\d+) insns=(\d+) nonop=(\d+)"
                     r" syscalls=(\d+)", line)
        if not m or m.group(1) != (None if section is None else str(section)):
            continue
        i = int(m.group(2))
        if i >= 32:
            continue
        if m.group(3) != "1":
            sys.exit("bench: window %d of %s%s ran %s times"
                     % (i, path, "" if section is None else " section %s" % section, m.group(3)))
        out[i] = (int(m.group(4)), int(m.group(5)), int(m.group(6)))
    return out

def plan_window(run, name):
    for line in open("%s/%s.plan" % (logs, run)):
        n, w = line.split()
        if n == name:
            return int(w)
    sys.exit("bench: no %s in %s/%s.plan" % (name, logs, run))

names, iters, data = {}, {}, {}
for line in open(logs + "/native.console", errors="replace"):
    m = re.search(r"pvbench: bench (\d+) (\S+) iterations (\d+)", line)
    if m:
        names[int(m.group(1))] = m.group(2)
        iters[int(m.group(1))] = int(m.group(3))
for v in variants:
    for line in open("%s/%s.icount" % (logs, v)):
        m = re.match(r"icount: bench=(\d+) runs=(\d+) insns=(\d+) nonop=(\d+)", line)
        if m:
            data[(v, int(m.group(1)))] = (int(m.group(3)), int(m.group(4)))
        m = re.match(r"icount: total insns=(\d+) nonop=(\d+)", line)
        if m:
            data[(v, "boot")] = (int(m.group(1)), int(m.group(2)))
for i in sorted(names):
    n = names[i]
    per = {v: [x / iters[i] for x in data[(v, i)]] for v in variants}
    for v in variants:
        print("bench: %s.%s %.3f insn/iter" % (n, v, per[v][0]))
    print("bench: %s.patched_nonop %.3f insn/iter" % (n, per["patched"][1]))
    print("bench: %s.patched/native %.3f ratio" % (n, per["patched"][0] / per["native"][0]))
    print("bench: %s.patched/native_nonop %.3f ratio" % (n, per["patched"][1] / per["native"][1]))
    print("bench: %s.unpatched/native %.3f ratio" % (n, per["unpatched"][0] / per["native"][0]))
    if "vmi" in per:
        print("bench: %s.vmi/native %.3f ratio" % (n, per["vmi"][0] / per["native"][0]))
    if "xen" in per:
        print("bench: %s.xen/native %.3f ratio" % (n, per["xen"][0] / per["native"][0]))
for v in variants:
    if v != "xen":
        print("bench: boot_to_poweroff.%s %d insn" % (v, data[(v, "boot")][0]))

# The per-op benchmarks in a PVH domU: its windows hold only what runs
# between the guest's markers (the guest's own instructions and whatever
# Xen or dom0 ran meanwhile on the one host CPU).  irq and mmu must be
# native there; time and events are Xen's, against PV dom0's ("xen").
for v in pvh_bench:
    pvh = op_windows("%s/%s.icount" % (logs, v), plan_window(v, "oursbench"))
    for i in sorted(names):
        if i not in pvh:
            sys.exit("bench: no window %d in %s/%s.icount" % (i, logs, v))
        n, it = names[i], iters[i]
        nat = data[("native", i)]
        print("bench: %s.pvh %.3f insn/iter" % (n, pvh[i][0] / it))
        print("bench: %s.pvh_nonop %.3f insn/iter" % (n, pvh[i][1] / it))
        print("bench: %s.pvh/native %.3f ratio" % (n, pvh[i][0] / nat[0]))
        print("bench: %s.pvh/native_nonop %.3f ratio" % (n, pvh[i][1] / nat[1]))
        if ("xen", i) in data:
            print("bench: %s.pvh/xen %.3f ratio" % (n, pvh[i][0] / data[("xen", i)][0]))
    # The Xen-only ones (null hypercall, event channel).
    for i, (n, it) in sorted(bench_names("%s/%s.console" % (logs, v),
                                         "REFDOM0-CON oursbench: ").items()):
        if i in names:
            continue
        if i not in pvh:
            sys.exit("bench: no window %d in %s/%s.icount" % (i, logs, v))
        print("bench: %s.pvh %.3f insn/iter" % (n, pvh[i][0] / it))

# The per-op benchmarks in our PV domU (case oursbench of the PV run),
# every one, against our PV dom0 ("xen").
for v in domu_runs:
    if not any(l.split()[0] == "oursbench" for l in open("%s/%s.plan" % (logs, v))):
        continue
    pv = op_windows("%s/%s.icount" % (logs, v), plan_window(v, "oursbench"))
    for i, (n, it) in sorted(bench_names("%s/%s.console" % (logs, v),
                                         "REFDOM0-CON oursbench: ").items()):
        if i not in pv:
            sys.exit("bench: no window %d (%s) of oursbench in %s/%s.icount" % (i, n, logs, v))
        print("bench: %s.%s %.3f insn/iter" % (n, v, pv[i][0] / it))
        if ("xen", i) in data:
            print("bench: %s.%s/xen %.3f ratio" % (n, v, pv[i][0] / data[("xen", i)][0]))

# The Xen-only benchmarks (null hypercall, event channel), from our dom0.
xnames = dict(names)
if "xen" in variants:
    for i, (n, it) in bench_names(logs + "/xen.console").items():
        if i not in names:
            if ("xen", i) not in data:
                sys.exit("bench: no window %d (%s) in %s/xen.icount" % (i, n, logs))
            xnames[i] = n
            iters[i] = it
            if n != "null_hypercall":
                print("bench: %s.xen %.3f insn/iter" % (n, data[("xen", i)][0] / it))

# Hypercalls per benchmark under Xen (printed by the counting kernel).
if "xen" in variants:
    calls = {}
    for line in open(logs + "/xen_stats.console", errors="replace"):
        m = re.search(r"pvbench: bench (\d+) hypercalls (\d+)", line)
        if m:
            calls[int(m.group(1))] = int(m.group(2))
    for i in sorted(xnames):
        if i in calls and xnames[i] != "null_hypercall":
            print("bench: %s.xen_hypercalls %d per %d iter" % (xnames[i], calls[i], iters[i]))
    # The floor (pvbench.c, Xen only): a null hypercall.  Each op that
    # makes hypercalls, as a multiple of that many null ones.
    floor = None
    for line in open(logs + "/xen.console", errors="replace"):
        m = re.search(r"pvbench: bench (\d+) null_hypercall iterations (\d+)", line)
        if m and ("xen", int(m.group(1))) in data:
            fid, fit = int(m.group(1)), int(m.group(2))
            floor = data[("xen", fid)][0] / fit
    if floor:
        print("bench: null_hypercall.xen %.3f insn/iter" % floor)
        if calls.get(fid):
            print("bench: null_hypercall.xen_hypercalls %d per %d iter" % (calls[fid], fit))
        for i in sorted(xnames):
            if calls.get(i) and ("xen", i) in data and i != fid:
                per = data[("xen", i)][0] / iters[i]
                print("bench: %s.xen/floor %.3f ratio (%.3f hypercalls/iter)"
                      % (xnames[i], per / (floor * calls[i] / iters[i]), calls[i] / iters[i]))
    # Against the op's own requests issued bare (same iterations).
    xid = {n: i for i, n in xnames.items()}
    for op, b in (("write_cr3", "bare_write_cr3"), ("set_pte_flush_one", "bare_set_pte_flush"),
                  ("evtchn_send", "bare_evtchn_send"), ("lazy_set_pte", "bare_lazy_set_pte")):
        if op in xid and b in xid:
            print("bench: %s.xen/bare %.3f ratio"
                  % (op, data[("xen", xid[op])][0] / data[("xen", xid[b])][0]))
    lazy = [i for i in names if names[i] == "lazy_set_pte"]
    if lazy and calls.get(lazy[0]):
        i = lazy[0]
        print("bench: lazy_set_pte.xen_updates_per_hypercall %.1f updates" % (iters[i] / calls[i]))
        print("bench: lazy_set_pte.xen_hypercalls_per_1000_updates %.1f hypercalls"
              % (calls[i] * 1000.0 / iters[i]))
    for v in ["xen_stats"] + ["setup_xen_" + b[len("boot_xen_"):] for b in boot_variants
                              if b.startswith("boot_xen_")]:
        out = "boot_xen" if v == "xen_stats" else "boot_xen_" + v[len("setup_xen_"):]
        for line in open("%s/%s.console" % (logs, v), errors="replace"):
            m = re.search(r"xen: hypercalls \(set-up\): total (\d+);(.*)", line)
            if m:
                print("bench: %s.setup_hypercalls %s total" % (out, m.group(1)))
                for name, n in re.findall(r" (\S+) (\d+)", m.group(2)):
                    print("bench: %s.setup_hypercalls.%s %s calls" % (out, name, n))

# Boot to tests done (ours: the marker window) and whole runs, with wall time.
BOOT = 32
def windows(v):     # the plugin's windows of run v (one run each), and "total";
    icount = {}     # (S, ID) for window ID of section S (a domU's own)
    for line in open("%s/%s.icount" % (logs, v)):
        m = re.match(r"icount: (section=(\d+) )?bench=(\d+) runs=(\d+) insns=(\d+)", line)
        if m:
            w = (int(m.group(2)), int(m.group(3))) if m.group(1) else int(m.group(3))
            if m.group(4) != "1":
                sys.exit("bench: window %s of %s ran %s times" % (w, v, m.group(4)))
            icount[w] = int(m.group(5))
        m = re.match(r"icount: total insns=(\d+)", line)
        if m:
            icount["total"] = int(m.group(1))
    return icount
for v in boot_variants:
    icount = windows(v)
    wall = float(open("%s/%s.wall" % (logs, v)).read())
    if BOOT in icount:
        print("bench: %s.entry_to_tests_done %d insn" % (v, icount[BOOT]))
    print("bench: %s.whole_run %d insn" % (v, icount["total"]))
    print("bench: %s.whole_run_wall %.2f s" % (v, wall))

# The domUs: `xl create` to the domain's end (dom0's window and uptime).
for v in domu_runs:
    icount, fig = windows(v), {}
    con = open("%s/%s.console" % (logs, v), errors="replace").read()
    for line in open("%s/%s.plan" % (logs, v)):
        name, win = line.split()
        need = [int(win), (int(win), BOOT)] if name == "ours" else [int(win)]
        for w in need:
            if w not in icount:
                sys.exit("bench: no window %s in %s/%s.icount" % (w, logs, v))
        t0, t1 = re.search(r"BENCH %s RESULT .* xl_create_to_end=([\d.]+)-([\d.]+)" % name,
                           con).groups()
        fig[name] = (icount[int(win)], float(t1) - float(t0))
        print("bench: %s_%s.xl_create_to_end %d insn" % (v, name, fig[name][0]))
        if name == "ours":
            print("bench: %s_ours.entry_to_tests_done %d insn" % (v, icount[(int(win), BOOT)]))
        print("bench: %s_%s.xl_create_to_end_wall %.2f s" % (v, name, fig[name][1]))
    print("bench: %s.ours/linux %.3f ratio" % (v, fig["ours"][0] / fig["linux"][0]))
    print("bench: %s.ours/linux_wall %.3f ratio" % (v, fig["ours"][1] / fig["linux"][1]))

# Linux side by side: the same loops (pvbench_linux.ko) in Debian's Linux,
# natively (ours: defconfig, patched), as PV dom0 and as PV domU; each
# window of ours set against Linux's, which must have the same id, name
# and iterations.  Under Xen, the ops that enter Xen (our counting
# kernel's hypercalls, and cpuid's trap) as multiples of each kernel's
# own null hypercall in that place.
if linux_runs:
    envs = []       # (env, ours windows, Linux windows, Linux's names, ids due)
    xen_ids = set(xnames)
    native_ids = set(names)
    for r in linux_runs:
        if r == "linux_native":
            envs.append(("native", {i: data[("patched", i)] for i in names},
                         op_windows(logs + "/linux_native.icount"),
                         bench_names(logs + "/linux_native.console"), native_ids))
        elif r == "linux_xen":
            envs.append(("dom0", op_windows(logs + "/xen.icount"),
                         op_windows(logs + "/linux_xen.icount"),
                         bench_names(logs + "/linux_xen.console"), xen_ids))
        elif r == "domU":
            path = logs + "/domU.icount"
            ours_u = op_windows(path, plan_window("domU", "oursbench"))
            for i in xen_ids:
                if i not in ours_u:
                    sys.exit("bench: no window %d (%s) of oursbench in %s" % (i, xnames[i], path))
            envs.append(("domU", ours_u, op_windows(path, plan_window("domU", "linuxbench")),
                         bench_names(logs + "/domU.console", "REFDOM0-CON linuxbench: "),
                         xen_ids))
    cells, hc = {}, {}
    for env, ours, lin, lnames, due in envs:
        for i in sorted(due):
            if lnames.get(i) != (xnames[i], iters[i]):
                sys.exit("bench: Linux's bench %d in %s is %s, ours is %s"
                         % (i, env, lnames.get(i), (xnames[i], iters[i])))
            if i not in lin:
                sys.exit("bench: no window %d (%s) of Linux's in %s" % (i, xnames[i], env))
            if i not in ours:
                sys.exit("bench: no window %d (%s) of ours in %s" % (i, xnames[i], env))
            o, l = ours[i][0] / iters[i], lin[i][0] / iters[i]
            cells[(env, i)] = (o, l)
            print("bench: %s.%s_ours %.3f insn/iter" % (xnames[i], env, o))
            print("bench: %s.%s_linux %.3f insn/iter" % (xnames[i], env, l))
            print("bench: %s.%s_ours/linux %.3f ratio" % (xnames[i], env, o / l))
            if env != "native":
                hc[(env, i)] = (ours[i][2] / iters[i], lin[i][2] / iters[i])
                print("bench: %s.%s_ours_hypercalls %.3f per iter" % (xnames[i], env, hc[(env, i)][0]))
                print("bench: %s.%s_linux_hypercalls %.3f per iter" % (xnames[i], env, hc[(env, i)][1]))
        lz = [i for i in due if xnames[i] == "lazy_set_pte"]
        if lz and (env, lz[0]) in hc:
            for who, h in zip(("ours", "linux"), hc[(env, lz[0])]):
                if h:
                    print("bench: lazy_set_pte.%s_%s_updates_per_hypercall %.1f updates"
                          % (env, who, 1 / h))
    xenbound = [i for i in xen_ids if calls.get(i) or xnames[i] == "cpuid"] \
        if "xen" in variants else []
    nh = [i for i in xen_ids if xnames[i] == "null_hypercall"]
    floors = {}
    for env, ours, lin, lnames, due in envs:
        if env == "native" or not nh:
            continue
        fo, fl = cells[(env, nh[0])]
        floors[env] = (fo, fl)
        for i in sorted(xenbound):
            if i == nh[0]:
                continue
            o, l = cells[(env, i)]
            print("bench: %s.%s_ours_floors %.3f floors" % (xnames[i], env, o / fo))
            print("bench: %s.%s_linux_floors %.3f floors" % (xnames[i], env, l / fl))
    # Each op that makes hypercalls against its own requests issued bare
    # (pvbench.c's bare_* loops, in each kernel): what the kernel adds.
    bare_of = {"write_cr3": "bare_write_cr3", "set_pte_flush_one": "bare_set_pte_flush",
               "evtchn_send": "bare_evtchn_send", "lazy_set_pte": "bare_lazy_set_pte"}
    ids = {xnames[i]: i for i in xen_ids}
    bares = {}
    for env, ours, lin, lnames, due in envs:
        for op, b in sorted(bare_of.items()):
            if env == "native" or op not in ids or b not in ids:
                continue
            (o, l), (bo, bl) = cells[(env, ids[op])], cells[(env, ids[b])]
            bares[(env, ids[op])] = (o / bo, l / bl)
            print("bench: %s.%s_ours/bare %.3f ratio" % (op, env, o / bo))
            print("bench: %s.%s_linux/bare %.3f ratio" % (op, env, l / bl))
    # The same as one table: insn/iter, ours / Linux = ratio; floors in ().
    cols = [e[0] for e in envs]
    print("bench: table (instructions per iteration: ours / Linux = ours:Linux;"
          " under Xen (x.xx) is the op in null hypercalls, ours / Linux;"
          " [x.xx] the op over its own requests issued bare, ours / Linux)")
    print("bench: table %-19s %s" % ("op", "".join("%-52s" % c for c in cols)))
    for i in sorted(xen_ids | native_ids):
        row = ""
        for env in cols:
            if (env, i) not in cells:
                row += "%-52s" % "-"
                continue
            o, l = cells[(env, i)]
            c = "%.1f / %.1f = %.3f" % (o, l, o / l)
            if env in floors and i in xenbound and xnames[i] != "null_hypercall":
                c += " (%.2f / %.2f)" % (o / floors[env][0], l / floors[env][1])
            if (env, i) in bares:
                c += " [%.2f / %.2f]" % bares[(env, i)]
            row += "%-52s" % c
        print("bench: table %-19s %s" % (xnames[i], row.rstrip()))
    # Hypercalls per iteration (a PV kernel's SYSCALLs in the window).
    xcols = [c for c in cols if c != "native"]
    if xcols:
        print("bench: table-hypercalls (per iteration, SYSCALLs into Xen: ours / Linux)")
        print("bench: table-hypercalls %-19s %s" % ("op", "".join("%-24s" % c for c in xcols)))
        for i in sorted(xen_ids):
            row = "".join("%-24s" % ("%.3f / %.3f" % hc[(env, i)] if (env, i) in hc else "-")
                          for env in xcols)
            print("bench: table-hypercalls %-19s %s" % (xnames[i], row.rstrip()))
PY
