#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Check the console burst of suite xen_console on the host side.

    consburst.py CONSOLE_LOG

The kernel (drivers/tty/hvc/hvc_xen_test.c, console_burst) writes bursts
of 1, 3 and 8 output rings of 64-byte lines, each burst in one write;
the ring's size is read here from Xen's public io/console.h (the ABI, not
the kernel).  Every line is regenerated with the same generator, and the
"xencons-burst" lines of the log must be exactly those, in that order:
a lost, repeated, reordered or damaged line fails.  Prints one verdict
line, PASS:/FAIL:, exits 0/1.
"""
import os
import re
import sys

CONSOLE_H = os.environ.get("XEN_CONSOLE_H", "/usr/include/xen/io/console.h")
BURST_RINGS = (1, 3, 8)
LINE = 64
HEX = "0123456789abcdef"


def out_ring_size():
    with open(CONSOLE_H) as f:
        m = re.search(r"\bchar\s+out\s*\[\s*(\d+)\s*\]", f.read())
    if not m:
        sys.exit("FAIL: no out[] ring in %s" % CONSOLE_H)
    return int(m.group(1))


def line(b, i):
    x = ((b * 7919 + i) * 2654435761) & 0xFFFFFFFF
    s = "xencons-burst %u %04u " % (b, i)
    out = []
    for _ in range(len(s), LINE - 1):
        out.append(HEX[x >> 28])
        x = (x * 1103515245 + 12345) & 0xFFFFFFFF
    return s + "".join(out)


def main():
    ring = out_ring_size()
    want = [line(b, i) for b, k in enumerate(BURST_RINGS)
            for i in range(k * ring // LINE)]
    with open(sys.argv[1], errors="replace") as f:
        got = [l.rstrip("\r\n") for l in f if "xencons-burst " in l]
    for n, (g, w) in enumerate(zip(got, want)):
        if g != w:
            print("FAIL: console burst line %d: got %r, want %r" % (n, g, w))
            return 1
    if len(got) != len(want):
        print("FAIL: console burst: %d lines arrived, %d written" % (len(got), len(want)))
        return 1
    print("PASS: console burst of %d lines (%d bytes, rings of %d) intact and in order"
          % (len(want), len(want) * LINE, ring))
    return 0


if __name__ == "__main__":
    sys.exit(main())
