#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench-smp.sh - the cross-CPU benchmarks of pvbench
# (arch/x86/kernel/pvbench_smp.c) under QEMU TCG with the
# instruction-count plugin (tools/perf-icount), run by `make bench` after
# scripts/bench.sh, or alone.
#
# The window: from the start marker to the stop marker, every vCPU's
# instructions (the plugin's all-vCPU windows): the sender's, the remote
# handlers', and under Xen Xen's own on every host CPU.  "_sender" is the
# starting vCPU's share (under Xen: that host CPU's, Xen's included),
# "_others" the rest.  A sender waits for the acknowledgement in a loop
# of one PAUSE a turn whose number of turns is the host's timing (MTTCG
# runs each vCPU on its own thread, on 2 shared cores), so "_work"
# subtracts the sender's PAUSEs x one turn (wait_turn, measured in the
# same run): the instructions of the round trip or shootdown themselves.
# With one host CPU (overcommit) there is no such split: all is "sender".
#
# Runs (VARIANT in the output), BENCH_SMP_RUNS times each (default 3;
# the figure is the median, "_range" the smallest and largest), the
# overcommit pair once:
#   native_smp2, native_smp4  defconfig (PARAVIRT=y, patched) on QEMU -smp 2, 4
#                             (x2APIC where the CPU has it: -cpu max does)
#   nopv_smp2, nopv_smp4      native_defconfig (PARAVIRT=n), the same
#   xen_smp2                  Xen PV dom0, dom0_max_vcpus=2 on QEMU -smp 2
#   xen_smp4                  dom0_max_vcpus=4 on QEMU -smp 2 (as mode
#                             xen-pv-dom0-smp: four TCG threads on this
#                             2-core machine skew Xen's clock checks)
#   overcommit_pv             dom0_max_vcpus=4 on QEMU -smp 1: Xen's
#                             scheduler time-slices four vCPUs on one CPU
#   overcommit_nopvspin       the same with xen_nopvspin on the kernel's
#                             command line (ticket spinning, no pv locks)
#   overcommit_pv_thrN        overcommit_pv with the pv locks' spin_threshold
#                             N (BENCH_SMP_SPIN_THRESHOLD, default 1024)
#                             instead of the rounds of about 50 us timed
#                             at boot (arch/x86/xen/spinlock.c)
# and prints
#   bench: wait_turn.VARIANT N insn/turn
#   bench: ipi_roundtrip.VARIANT N insn/iter      (and _sender, _others,
#   bench: shootdown_one_page.VARIANT N insn/iter  _sender_pause, _work, _wall)
#   bench: contend.VARIANT N insn                 (and _per_acquisition, _wall)
#   bench: contend.overcommit_nopvspin/pv R ratio (insns and wall; and
#                                                 /pv_thrN)
# Xen's scheduler in the overcommit runs is its default (credit2 in 4.17,
# whose slice is 0.5-10 ms from the credit difference; a ticket handoff
# to a descheduled vCPU costs ~2 ms of host time here, so 4 x CONTEND_N
# acquisitions take seconds).  BENCH_SMP_XEN_ARGS adds Xen options (e.g.
# "sched=credit sched_credit_tslice_ms=5") to try another.
set -euo pipefail
srctree=$(cd "$(dirname "$0")/.." && pwd)
cd "$srctree"
B=$srctree/build
plugin=$B/perf-icount/libicount.so
logs=$B/bench-smp
mkdir -p "$logs"
xen_gz=/boot/xen-4.17-amd64.gz
extra_xen=${BENCH_SMP_XEN_ARGS:-}
runs=${BENCH_SMP_RUNS:-3}
thr=${BENCH_SMP_SPIN_THRESHOLD:-1024}
for n in "$runs" "$thr"; do
	case $n in
	''|*[!0-9]*|0) echo "bench-smp: BENCH_SMP_RUNS and BENCH_SMP_SPIN_THRESHOLD must be positive numbers, not '$n'" >&2
		exit 2 ;;
	esac
done

for c in defconfig native_defconfig; do
	[ -f "$B/$c/.config" ] || make O="$B/$c" "$c" >/dev/null
	make O="$B/$c" -j2 >/dev/null
done
make -C tools/perf-icount O="$B/perf-icount" >/dev/null

finished() {	# VARIANT: the run printed its benchmarks' end, the count was right
	grep -aq "pvbench: done" "$logs/$1.console" ||
		{ echo "bench: $1 did not finish (see $logs/$1.console)" >&2; exit 1; }
	grep -aq "pvbench: smp contend .* ok " "$logs/$1.console" ||
		{ echo "bench: $1: the lock's count is wrong or missing (see $logs/$1.console)" >&2; exit 1; }
	if grep -aq "pvbench: ipi_roundtrip:" "$logs/$1.console"; then
		echo "bench: $1: calls lost (see $logs/$1.console)" >&2
		exit 1
	fi
}

native() {	# VARIANT KERNEL CPUS
	timeout 120 qemu-system-x86_64 -accel tcg -cpu max -m 256M -smp "$3" \
		-nographic -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-kernel "$2" -append "debug_exit=0xf4 pvbench" \
		-plugin "$plugin" -d plugin -D "$logs/$1.icount" \
		> "$logs/$1.console" 2>&1 </dev/null || true
	finished "$1"
	grep -aq "smpboot: $3 of $3 CPUs online" "$logs/$1.console" ||
		{ echo "bench: $1: not $3 CPUs (see $logs/$1.console)" >&2; exit 1; }
}

xen() {		# VARIANT DOM0_VCPUS HOST_CPUS [KERNEL ARGS]
	timeout 600 qemu-system-x86_64 -accel tcg -cpu max -m 512M -smp "$3" \
		-nographic -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-kernel "$logs/xen.elf" \
		-append "console=com1 com1=115200,8n1 dom0_mem=256M,max:256M dom0_max_vcpus=$2 loglvl=all guest_loglvl=all cpuid=no-rdtscp${extra_xen:+ $extra_xen}" \
		-initrd "$B/defconfig/vmlinux debug_exit=0xf4 pvbench${4:+ $4}" \
		-plugin "$plugin" -d plugin -D "$logs/$1.icount" \
		> "$logs/$1.console" 2>&1 </dev/null || true
	finished "$1"
	grep -aq "smpboot: $2 of $2 CPUs online" "$logs/$1.console" ||
		{ echo "bench: $1: not $2 vCPUs (see $logs/$1.console)" >&2; exit 1; }
	grep -aq "paravirt: child xen" "$logs/$1.console" ||
		{ echo "bench: $1 was not on the Xen child (see $logs/$1.console)" >&2; exit 1; }
}

# VARIANT:HOST_CPUS:RUNS; a run's logs are $logs/VARIANT.N.{console,icount}.
variants="native_smp2:2:$runs native_smp4:4:$runs nopv_smp2:2:$runs nopv_smp4:4:$runs"
for r in $(seq "$runs"); do
	native "native_smp2.$r" "$B/defconfig/vmlinux" 2
	native "native_smp4.$r" "$B/defconfig/vmlinux" 4
	native "nopv_smp2.$r" "$B/native_defconfig/vmlinux" 2
	native "nopv_smp4.$r" "$B/native_defconfig/vmlinux" 4
done
if [ -f "$xen_gz" ]; then
	zcat "$xen_gz" > "$logs/xen.elf"
	for r in $(seq "$runs"); do
		xen "xen_smp2.$r" 2 2
		xen "xen_smp4.$r" 4 2
	done
	xen overcommit_pv.1 4 1
	xen overcommit_nopvspin.1 4 1 xen_nopvspin
	xen "overcommit_pv_thr$thr.1" 4 1 "pvbench_spin_threshold=$thr"
	variants="$variants xen_smp2:2:$runs xen_smp4:2:$runs overcommit_pv:1:1"
	variants="$variants overcommit_nopvspin:1:1 overcommit_pv_thr$thr:1:1"
	sched=$(grep -a "Using scheduler" "$logs/overcommit_pv.1.console" | tr -d '\r' |
		sed 's/.*(\(.*\)).*/\1/')
	echo "bench: overcommit.scheduler ${sched:-unknown} Xen"
else
	echo "bench: smp xen skipped: no $xen_gz (setup-deps.sh xen)"
fi

/usr/bin/python3 - "$logs" $variants <<'PY'
import re, statistics, sys
logs, variants = sys.argv[1], [a.split(":") for a in sys.argv[2:]]

def one_run(v, host_cpus):    # {(bench, suffix): (value, unit)} of run v; APIC mode
    out = {}
    con = open("%s/%s.console" % (logs, v), errors="replace").read()
    names = {int(i): (n, int(it), int(c)) for i, n, it, c in
             re.findall(r"pvbench: smp bench (\d+) (\S+) iterations (\d+) cpus (\d+)", con)}
    win = {}
    for line in open("%s/%s.icount" % (logs, v)):
        m = re.match(r"icount: bench=(\d+) runs=(\d+) insns=(\d+) nonop=(\d+) "
                     r"self=(\d+) pause=(\d+) self_pause=(\d+) wall_us=(\d+)", line)
        if m and int(m.group(1)) in names:
            if m.group(2) != "1":
                sys.exit("bench: window %s of %s ran %s times" % (m.group(1), v, m.group(2)))
            n, it, cpus = names[int(m.group(1))]
            win[n] = list(map(int, m.groups()[2:])) + [it, cpus]
    for n in ("wait_turn", "ipi_roundtrip", "shootdown_one_page", "contend"):
        if n not in win:
            sys.exit("bench: no window %s in %s/%s.icount" % (n, logs, v))
    # One turn of the sender's wait: its own instructions per own PAUSE,
    # where it has a host CPU to itself (with one, "self" is every vCPU's).
    turn = None
    if host_cpus != "1":
        insns, nonop, me, pause, my_pause, wall, it, cpus = win["wait_turn"]
        turn = me / my_pause
        out[("wait_turn", "")] = (turn, "insn/turn")
    for n in ("ipi_roundtrip", "shootdown_one_page"):
        insns, nonop, me, pause, my_pause, wall, it, cpus = win[n]
        out[(n, "")] = (insns / it, "insn/iter")
        out[(n, "_sender")] = (me / it, "insn/iter")
        out[(n, "_others")] = ((insns - me) / it, "insn/iter")
        out[(n, "_sender_pause")] = (my_pause / it, "pause/iter")
        if turn:
            out[(n, "_work")] = ((insns - turn * my_pause) / it, "insn/iter")
        out[(n, "_wall")] = (wall / it, "us/iter")
    insns, nonop, me, pause, my_pause, wall, it, cpus = win["contend"]
    out[("contend", "")] = (insns, "insn")
    out[("contend", "_per_acquisition")] = (insns / (it * cpus), "insn")
    out[("contend", "_pause")] = (pause, "pause")
    out[("contend", "_wall")] = (wall / 1e6, "s")
    apic = re.search(r"apic: local APIC id \d+ \((x2APIC|xAPIC)\)", con)
    return out, apic.group(1) if apic else None

fig = {}
for v, host_cpus, runs in variants:
    per = [one_run("%s.%d" % (v, r), host_cpus) for r in range(1, int(runs) + 1)]
    if per[0][1]:
        print("bench: apic_mode.%s %s mode" % (v, per[0][1]))
    for k in per[0][0]:
        (n, suffix), unit = k, per[0][0][k][1]
        vals = [p[0][k][0] for p in per]
        fig[(n + suffix, v)] = statistics.median(vals)
        fmt = "%.6f" if unit == "s" else "%.1f"
        print(("bench: %s.%s%s " + fmt + " %s") % (n, v, suffix, fig[(n + suffix, v)], unit))
        if len(vals) > 1:
            print(("bench: %s.%s%s_range " + fmt + "-" + fmt + " %s") %
                  (n, v, suffix, min(vals), max(vals), unit))
for n in ("ipi_roundtrip", "shootdown_one_page"):
    for a, b in (("native_smp2", "nopv_smp2"), ("native_smp4", "nopv_smp4"),
                 ("xen_smp2", "native_smp2"), ("xen_smp4", "native_smp4")):
        for k in (n, n + "_work"):
            if (k, a) in fig and (k, b) in fig:
                print("bench: %s.%s/%s%s %.3f ratio" % (n, a, b, k[len(n):],
                                                      fig[(k, a)] / fig[(k, b)]))
a = "overcommit_nopvspin"
for b in [v for v, h, r in variants if v.startswith("overcommit_pv")]:
    if ("contend", a) in fig and ("contend", b) in fig:
        print("bench: contend.overcommit_nopvspin/%s %.3f ratio" %
              (b[len("overcommit_"):], fig[("contend", a)] / fig[("contend", b)]))
        print("bench: contend.overcommit_nopvspin/%s_wall %.3f ratio" %
              (b[len("overcommit_"):], fig[("contend_wall", a)] / fig[("contend_wall", b)]))
PY
