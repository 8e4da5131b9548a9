#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""gen_seeds.py DIR - write seed inputs for each fuzz target into
DIR/<target>/: well-formed structures the fuzzer mutates from, so it
starts deep inside the parsers instead of at their first check."""
import os
import struct
import sys

out = sys.argv[1]


def put(target, name, data):
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def pvh():
    mem = bytearray(0x600)
    base = 0x100000
    struct.pack_into("<IIIIQQQQII", mem, 0, 0x336ec578, 1, 0, 1, base + 0x400,
                     base + 0x100, 0xf5a40, base + 0x200, 3, 0)
    mem[0x100:0x100 + 18] = b"console=ttyS0 x=1\0"
    for i, (a, s, t) in enumerate([(0, 0x9fc00, 1), (0x100000, 0x7f00000, 1),
                                   (0xfffc0000, 0x40000, 2)]):
        struct.pack_into("<QQII", mem, 0x200 + 24 * i, a, s, t, 0)
    struct.pack_into("<QQQQ", mem, 0x400, 0x800000, 0x1000, base + 0x500, 0)
    mem[0x500:0x507] = b"initrd\0"
    return bytes([0, 0, 0]) + bytes(mem)


def mb2():
    tags = b""

    def tag(t, payload):
        nonlocal tags
        raw = struct.pack("<II", t, 8 + len(payload)) + payload
        tags += raw + b"\0" * (-len(raw) % 8)

    tag(1, b"console=ttyS0\0")
    tag(2, b"GRUB 2.06\0")
    tag(3, struct.pack("<II", 0x1000000, 0x1200000) + b"initrd\0")
    mm = struct.pack("<II", 24, 0)
    for a, s, t in [(0, 0x9fc00, 1), (0x100000, 0x3ff00000, 1), (0xe0000, 0x20000, 2)]:
        mm += struct.pack("<QQII", a, s, t, 0)
    tag(6, mm)
    tag(14, b"RSD PTR " + b"\0" * 12)
    tag(0, b"")
    mbi = struct.pack("<II", 8 + len(tags), 0) + tags
    return bytes([1, 0, 0]) + mbi


def e820():
    ents = [(0, 0x9fc00, 1), (0x9fc00, 0x400, 2), (0xf0000, 0x10000, 2),
            (0x100000, 0x7ee0000, 1), (0x7fe0000, 0x20000, 3), (0x200000, 0x1000, 4)]
    return b"".join(struct.pack("<QQI", *e) for e in ents)


def aml():
    s5 = b"\x08_S5_\x12\x08\x04\x0a\x05\x0a\x05\x00\x00"
    root = b"\x08\x5c_S5_\x12\x45\x00\x02\x00\x01"
    return [b"\x10\x20\\_SB_" + s5, root + b"\x0c\x01\x02\x03\x04", b"\x14\x09_S5_\x00"]


def vmi_rom():
    """A valid ABI 1.0 ROM: 3 entries (cpuid call, iret jmp, io_delay nop)."""
    rom = bytearray(1024)
    rom[0:4] = b"\x55\xaa\x02\xcb"
    struct.pack_into("<8sHHHHIII", rom, 0x20, b"VMIROM64", 1, 0, 3, 16, 0x40, 0x1000, 0x1000)
    for i, (op, reloc, off) in enumerate([(1, 1, 0x100), (2, 2, 0x110), (16, 4, 0)]):
        struct.pack_into("<HBBI", rom, 0x40 + 16 * i, op, reloc, 4, off)
    rom[0x100:0x103] = b"\x0f\xa2\xc3"      # cpuid; ret
    rom[0x110:0x112] = b"\x48\xcf"          # iretq
    rom[-1] = (-sum(rom)) & 0xff
    return bytes(rom)


def xen_start_info(flags=3, mod_start=0, mod_len=0):
    """A start_info at offset 0 of the region: P2M at +0x1000 (128
    pages), one page of initial tables at +0x2000 (struct start_info of
    Xen's public xen.h, 1168 bytes on x86-64).  Flags 3: dom0; with
    SIF_MOD_START_PFN (8) mod_start is a frame number."""
    base = 0xffffffff80000000
    si = bytearray(1168)
    si[0:14] = b"xen-3.0-x86_64"
    struct.pack_into("<QQI", si, 32, 128, 0x3fd6b000, flags)   # nr_pages, shared_info, flags
    struct.pack_into("<QQQQQ", si, 88, base + 0x2000, 1, base + 0x1000, mod_start, mod_len)
    si[128:140] = b"console=hvc0"
    return b"\0\0" + bytes(si)


def xenstore(req_type, req_id, msgs, send=0):
    """A script for fuzz_xenstore: the request in flight, then for each
    message the daemon appends it (op 0, 2-byte length, bytes) in pieces
    of at most 1000 bytes, the client pulling (op 5) after each; a
    request of @send bytes first goes out (op 4) with the daemon
    consuming it (op 3, req_cons)."""
    out = bytes([req_type, req_id])
    if send:
        out += bytes([4]) + struct.pack("<H", send)
        out += bytes([3]) + struct.pack("<I", min(send, 1024)) + bytes([4]) + struct.pack("<H", send)
    for t, rid, payload in msgs:
        raw = struct.pack("<IIII", t, rid, 0, len(payload)) + payload
        for i in range(0, len(raw), 1000):
            piece = raw[i:i + 1000]
            out += bytes([0]) + struct.pack("<H", len(piece)) + piece + bytes([5])
    return out


XS_READ, XS_DIRECTORY, XS_GET_PERMS, XS_TX_START, XS_TX_END = 2, 1, 3, 6, 7
XS_WRITE, XS_WATCH_EVENT, XS_ERROR = 11, 15, 16
put("xenstore", "write-ok", xenstore(XS_WRITE, 7, [(XS_WRITE, 7, b"OK\0")], send=40))
put("xenstore", "watch-then-dir", xenstore(XS_DIRECTORY, 9, [
    (XS_WATCH_EVENT, 0, b"data/x\0" + b"1\0"),
    (XS_READ, 8, b"v" * 990),
    (XS_DIRECTORY, 9, b"a\0bb\0ccc\0")]))
put("xenstore", "eagain", xenstore(XS_TX_END, 3, [(XS_ERROR, 3, b"EAGAIN\0")]))
put("xenstore", "tx-start", xenstore(XS_TX_START, 4, [(XS_TX_START, 4, b"42\0")]))
put("xenstore", "perms", xenstore(XS_GET_PERMS, 5, [(XS_GET_PERMS, 5, b"n5\0r0\0")]))
put("xenstore", "big-read", xenstore(XS_READ, 6, [(XS_READ, 6, b"x" * 4096)], send=3000))
def blkif(start, sends, answers):
    """A script for fuzz_blkif: ring indices from @start, FE_SEND (op 0:
    slot, operation) of each of @sends, BE_ANSWER (op 3: slot, status+2)
    of each of @answers, then PARSE (op 4)."""
    out = struct.pack("<I", start)
    for slot, op in sends:
        out += bytes([0, slot, op])
    for slot, st in answers:
        out += bytes([3, slot, st + 2])
    return out + bytes([4])


put("blkif", "three", blkif(0, [(0, 0), (1, 1), (2, 2)], [(1, 0), (0, -1), (2, -2)]))
put("blkif", "wrap", blkif(0xfffffffe, [(5, 1), (6, 0)], [(6, 0), (5, 0)]))
put("blkif", "dup", blkif(7, [(3, 0)], [(3, 0), (3, 0)]))


def netif(start, tx_sends, rx_posts, tx_answers, rx_answers):
    """A script for fuzz_netif: ring indices from @start, FE_TX (op 0:
    slot) of each of @tx_sends, FE_RX (op 1: slot) of each of @rx_posts,
    BE_ANSWER_TX (op 6: slot, status+2) and BE_ANSWER_RX (op 7: slot,
    offset, flags, length+2: a length, or -1/-2 for ERROR/DROPPED) of
    each answer, then PARSE_TX (op 8) and PARSE_RX (op 9)."""
    out = struct.pack("<I", start)
    for slot in tx_sends:
        out += bytes([0, slot])
    for slot in rx_posts:
        out += bytes([1, slot])
    for slot, st in tx_answers:
        out += bytes([6, slot, st + 2])
    for slot, off, flags, length in rx_answers:
        out += bytes([7, slot]) + struct.pack("<H", off) + bytes([flags]) + struct.pack("<H", length + 2)
    return out + bytes([8, 9])


put("netif", "echo", netif(0, [0, 1], [0, 1, 2], [(1, 0), (0, -1)],
                           [(2, 0, 0, 98), (0, 2, 1, 1514)]))
put("netif", "wrap", netif(0x7ffffffe, [5, 6, 7], [9, 8], [(6, 0), (5, -2), (7, 0)],
                           [(8, 4082, 0, 14), (9, 0, 0, 60)]))
put("netif", "rxerr", netif(0, [0], [0, 1, 2], [(0, 0)],
                            [(1, 0, 0, -1), (0, 0, 0, -2), (2, 0, 8, 60)]))
put("netif", "dup", netif(3, [4], [4], [(4, 0), (4, 0)], [(4, 0, 0, 60), (4, 0, 0, 60)]))
def dom0_elf(entry_off=0x40, pvh=False):
    """A small PV image: ELF64 header, PT_LOAD, PT_NOTE of Xen notes;
    pvh: with XEN_ELFNOTE_PHYS32_ENTRY (18) too, 4 bytes, as head_64.S."""
    vbase, paddr = 0xffffffff80000000, 0x200000
    notes = b""
    for t, desc in [(5, b"xen-3.0\0"), (8, b"generic\0"), (6, b"test\0"),
                    (3, struct.pack("<Q", vbase)), (4, struct.pack("<Q", 0)),
                    (1, struct.pack("<Q", vbase + paddr + entry_off))] + \
            ([(18, struct.pack("<I", paddr + 0x30))] if pvh else []):
        notes += struct.pack("<III", 4, len(desc), t) + b"Xen\0" + desc + \
            b"\0" * (-len(desc) % 4)
    hdr = b"\x7fELF\x02\x01\x01" + b"\0" * 9 + struct.pack(
        "<HHIQQQIHHHHHH", 2, 62, 1, vbase + paddr + entry_off, 64, 0, 0, 64, 56, 2, 0, 0, 0)
    off = 64 + 2 * 56
    load = struct.pack("<IIQQQQQQ", 1, 5, 0, vbase + paddr, paddr, 256, 8192, 4096)
    note = struct.pack("<IIQQQQQQ", 4, 4, off, 0, 0, len(notes), len(notes), 4)
    return hdr + load + note + notes


def blkback(sectors, flush, op, nsegs, sector, segs):
    """A disk size, a flush flag and one blkif request slot (112 bytes)."""
    raw = struct.pack("<QB", sectors, flush)
    req = struct.pack("<BBHIQQ", op, nsegs, 51712, 0, 7, sector)
    for gref, first, last in segs:
        req += struct.pack("<IBBxx", gref, first, last)
    return raw + req + b"\0" * (112 - len(req))


put("dom0_elf", "pv", dom0_elf())
put("dom0_elf", "pvh", dom0_elf(pvh=True))
put("blkback", "read", blkback(16384, 1, 0, 2, 8, [(9, 0, 7), (10, 0, 3)]))
put("blkback", "flush", blkback(16384, 1, 3, 0, 0, []))
put("blkback", "end", blkback(64, 0, 1, 1, 56, [(3, 0, 7)]))
put("bootinfo", "pvh", pvh())
put("xen_start_info", "dom0", xen_start_info())
put("xen_start_info", "mod-pfn", xen_start_info(3 | 8, 100, 0x2000))
put("xen_start_info", "mod-mapped", xen_start_info(3, 0xffffffff80000800, 0x100))
put("vmi_rom", "good", vmi_rom())
put("bootinfo", "mb2", mb2())
put("e820", "qemu", e820())
for i, a in enumerate(aml()):
    put("acpi_aml", "s5-%d" % i, a)


def xsd(*steps):
    """A script for fuzz_xenstored: each step (type, sender, tx byte,
    then the indices build() takes: a path, a value or token...) as a
    request assembled from its tables (bit 7 of the op)."""
    out = b""
    for n, (t, who, tx, *idx) in enumerate(steps):
        out += bytes([0x80 | t, who, n + 1, tx] + list(idx))
    return out


XS_WATCH, XS_RM, XS_SET_PERMS, XS_MKDIR = 4, 13, 14, 12
# Paths 6 "a", 7 "a/b", 4 "/local/domain/1/a"; words 1 "v", 2 "T", 15 "tok".
put("xenstored", "tx-conflict", xsd(
    (XS_WRITE, 1, 0, 6, 1), (XS_TX_START, 1, 0, 0), (XS_READ, 1, 1, 6),
    (XS_WRITE, 0, 0, 4, 1), (XS_WRITE, 1, 1, 7, 1), (XS_TX_END, 1, 1, 2)))
put("xenstored", "watch-rm", xsd(
    (XS_WATCH, 1, 0, 6, 15), (XS_WRITE, 1, 0, 8, 1), (XS_RM, 1, 0, 6),
    (XS_WATCH, 0, 0, 12, 15), (XS_WRITE, 2, 0, 5, 1)))
put("xenstored", "perms", xsd(
    (XS_WRITE, 1, 0, 6, 1), (XS_SET_PERMS, 1, 1, 6, 8), (XS_READ, 2, 0, 4),
    (XS_MKDIR, 3, 0, 5), (XS_SET_PERMS, 0, 0, 3, 2, 7, 9)))
