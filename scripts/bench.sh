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
set -euo pipefail
srctree=$(cd "$(dirname "$0")/.." && pwd)
cd "$srctree"
B=$srctree/build
plugin=$B/perf-icount/libicount.so
logs=$B/bench
mkdir -p "$logs"

for c in defconfig native_defconfig; do
	[ -f "$B/$c/.config" ] || make O="$B/$c" "$c" >/dev/null
	make O="$B/$c" -j2 >/dev/null
done
make -C tools/perf-icount O="$B/perf-icount" >/dev/null

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

/usr/bin/python3 - "$logs" $variants <<'PY'
import re, sys
logs, variants = sys.argv[1], sys.argv[2:]
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
for v in variants:
    print("bench: boot_to_poweroff.%s %d insn" % (v, data[(v, "boot")][0]))
PY
