#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""pvcompare.py - prove that patched paravirt sites run the native bytes.

    pvcompare.py --pv build/defconfig/vmlinux --native build/native_defconfig/vmlinux
                 [--dump TEXT.BIN] [--verbose]

Boots the PARAVIRT=y kernel in QEMU (TCG) under its gdbstub, stops it in
paravirt_patch_finished() and dumps the live kernel text [_text, _etext)
(or reads --dump).  Then, for every call site recorded in the kernel's
.parainstructions, it takes the live bytes, strips the trailing NOP
padding, and classifies the rest:

  inline    native instructions: they must be the body (up to `ret`) of
            the native op the slot holds in the kernel's own pv_native_ops
            table, and occur, byte for byte, in the same function of the
            PARAVIRT=n build (matched by name);
  call      a direct call or jump (an op without an inline template);
  nop       all padding (a no-op, or a page-table value identity, which
            PARAVIRT=n has no instruction for either);
  unpatched the original indirect call through pv_ops.

It fails if any inline site differs from its native op's body or is not
found in its PARAVIRT=n function, or if any site is unpatched.  Sites in
functions the PARAVIRT=n build does not have (the paravirt layer itself,
its tests, or an inline helper emitted out of line in one build only)
are checked against the native op's body alone, and listed apart.  The
report ends with per-function size differences between the two builds.
"""
import argparse
import contextlib
import io
import os
import socket
import struct
import subprocess
import sys
import tempfile
import time

NOPS = [bytes.fromhex(h) for h in (
    "0f1f840000000000", "0f1f8000000000", "660f1f440000", "0f1f440000",
    "0f1f4000", "0f1f00", "6690", "90")]


class Elf:
    """Just enough ELF64: sections and function symbols."""

    def __init__(self, path):
        with open(path, "rb") as f:
            self.data = f.read()
        d = self.data
        if d[:4] != b"\x7fELF" or d[4] != 2:
            raise SystemExit("%s: not an ELF64 file" % path)
        shoff, = struct.unpack_from("<Q", d, 0x28)
        shentsize, shnum, shstrndx = struct.unpack_from("<HHH", d, 0x3a)
        raw = [struct.unpack_from("<IIQQQQIIQQ", d, shoff + i * shentsize)
               for i in range(shnum)]
        strtab = raw[shstrndx]
        self.sections = {}
        for s in raw:
            name = d[strtab[4] + s[0]:].split(b"\0", 1)[0].decode()
            self.sections[name] = {"type": s[1], "addr": s[3], "offset": s[4],
                                   "size": s[5], "link": s[6], "entsize": s[9]}
        self.symbols = {}
        self.sizes = {}
        self.funcs = []
        sym = self.sections.get(".symtab")
        if sym:
            names = raw[sym["link"]]
            for off in range(sym["offset"], sym["offset"] + sym["size"], 24):
                st_name, st_info, _, _, value, size = struct.unpack_from("<IBBHQQ", d, off)
                name = d[names[4] + st_name:].split(b"\0", 1)[0].decode()
                if name:
                    self.symbols[name] = value
                    self.sizes[name] = size
                if (st_info & 0xf) == 2 and size:      # STT_FUNC
                    self.funcs.append((value, size, name))
        self.funcs.sort()

    def read(self, addr, size, section=".text"):
        s = self.sections[section]
        off = s["offset"] + addr - s["addr"]
        return self.data[off:off + size]

    def section_of(self, addr):
        for name, s in self.sections.items():
            if s["addr"] and s["addr"] <= addr < s["addr"] + s["size"] and s["type"] == 1:
                return name
        return None

    def func_at(self, addr):
        lo, hi = 0, len(self.funcs)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.funcs[mid][0] <= addr:
                lo = mid + 1
            else:
                hi = mid
        if lo and addr < self.funcs[lo - 1][0] + self.funcs[lo - 1][1]:
            return self.funcs[lo - 1]
        return None


def base(name):
    """foo.isra.0 / foo.constprop.1 -> foo: clones carry the same code."""
    return name.split(".", 1)[0]


def strip_nops(b):
    while b:
        for n in NOPS:
            if b.endswith(n):
                b = b[:-len(n)]
                break
        else:
            break
    return b


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def dump_live_text(vmlinux, out, timeout):
    """Boot under the gdbstub, stop after patching, dump [_text, _etext)."""
    port = free_port()
    qemu = subprocess.Popen(
        ["qemu-system-x86_64", "-accel", "tcg", "-cpu", "max", "-m", "256M",
         "-nographic", "-no-reboot", "-kernel", vmlinux, "-append", "ktest.off",
         "-gdb", "tcp:127.0.0.1:%d" % port, "-S"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):        # wait for the stub to listen
            try:
                socket.create_connection(("127.0.0.1", port), 0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        gdb = subprocess.run(
            ["gdb", "-batch", "-nx", "-ex", "set pagination off",
             "-ex", "set confirm off", "-ex", "set architecture i386:x86-64",
             "-ex", "file " + vmlinux, "-ex", "target remote 127.0.0.1:%d" % port,
             "-ex", "hbreak paravirt_patch_finished", "-ex", "continue",
             "-ex", "dump binary memory %s _text _etext" % out, "-ex", "kill"],
            capture_output=True, text=True, timeout=timeout)
        if not os.path.exists(out) or os.path.getsize(out) == 0:
            raise SystemExit("pvcompare: no dump from gdb:\n" + gdb.stdout + gdb.stderr)
    finally:
        qemu.kill()
        qemu.wait()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pv", required=True, help="PARAVIRT=y vmlinux")
    ap.add_argument("--native", required=True, help="PARAVIRT=n vmlinux")
    ap.add_argument("--dump", help="live text dump (default: boot and dump)")
    ap.add_argument("--timeout", type=int, default=120)
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--selftest", action="store_true",
                    help="also prove that tampered dumps are caught")
    a = ap.parse_args()

    pv, nat = Elf(a.pv), Elf(a.native)
    text0, text1 = pv.symbols["_text"], pv.symbols["_etext"]
    if a.dump:
        live = open(a.dump, "rb").read()
    else:
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "text.bin")
            dump_live_text(a.pv, out, a.timeout)
            live = open(out, "rb").read()
    if len(live) != text1 - text0:
        raise SystemExit("pvcompare: dump is %d bytes, text is %d" % (len(live), text1 - text0))

    pi = pv.sections[".parainstructions"]
    sites = []
    for off in range(0, pi["size"], 8):
        rel, typ, ln, clb = struct.unpack_from("<iBBH", pv.data, pi["offset"] + off)
        sites.append((pi["addr"] + off + rel, typ, ln))

    status = compare(a, pv, nat, live, text0, sites)
    if a.selftest:
        status |= selftest(a, pv, nat, live, text0, sites)
    return status


def tampered(live, text0, addr, new):
    b = bytearray(live)
    b[addr - text0:addr - text0 + len(new)] = new
    return bytes(b)


def selftest(a, pv, nat, live, text0, sites):
    """A cli turned into sti, and a site put back to its indirect call,
    must each fail the comparison."""
    quiet = argparse.Namespace(**vars(a))
    quiet.verbose = False
    bad = 0
    cli = next((s for s in sites if live[s[0] - text0] == 0xfa), None)
    cases = []
    if cli:
        cases.append(("cli became sti", tampered(live, text0, cli[0], b"\xfb")))
    first = sites[0]
    cases.append(("site left unpatched", tampered(live, text0, first[0], b"\xff\x15\0\0\0\0")))
    for what, dump in cases:
        with contextlib.redirect_stdout(io.StringIO()):
            rc = compare(quiet, pv, nat, dump, text0, sites)
        print("pvcompare: selftest: %s: %s" % (what, "caught" if rc else "MISSED"))
        bad |= 0 if rc else 1
    return bad


def native_bodies(pv):
    """slot -> bytes of the native op pv_native_ops holds, up to its ret."""
    base, size = pv.symbols["pv_native_ops"], pv.sizes["pv_native_ops"]
    table = pv.read(base, size, pv.section_of(base))
    bodies = {}
    for slot in range(size // 8):
        fn, = struct.unpack_from("<Q", table, slot * 8)
        f = pv.func_at(fn)
        if not f or f[0] != fn:
            continue
        code = pv.read(f[0], f[1])
        end = code.find(b"\xc3")
        if end >= 0:
            bodies[slot] = code[:end]
    return bodies


def compare(a, pv, nat, live, text0, sites):
    """Classify and check every site of the live text; 0 if all is well."""
    bodies = native_bodies(pv)
    nat_funcs = {}
    for addr, size, name in nat.funcs:
        nat_funcs.setdefault(base(name), []).append((addr, size))

    counts = {"inline": 0, "call": 0, "nop": 0, "unpatched": 0,
              "same": 0, "pv_only": 0}
    problems, pv_only, per_func = [], set(), {}
    for addr, typ, ln, *_ in sites:
        b = live[addr - text0:addr - text0 + ln]
        f = pv.func_at(addr)
        fname = base(f[2]) if f else "?"
        per_func.setdefault(fname, 0)
        per_func[fname] += 1
        body = strip_nops(b)
        if b[:2] in (b"\xff\x15", b"\xff\x25"):
            counts["unpatched"] += 1
            problems.append("%#x in %s: still an indirect call" % (addr, fname))
        elif not body:
            counts["nop"] += 1
        elif body[0] in (0xe8, 0xe9) and len(body) == 5:
            counts["call"] += 1
        else:
            counts["inline"] += 1
            code = [nat.read(x, s) for x, s in nat_funcs.get(fname, [])]
            if bodies.get(typ) != body:
                problems.append("%#x in %s: %s is not the native op of slot %d (%s)"
                                % (addr, fname, body.hex(" "), typ,
                                   bodies.get(typ, b"").hex(" ") or "none"))
            elif not code:
                counts["pv_only"] += 1
                pv_only.add(fname)
            elif not any(body in c for c in code):
                problems.append("%#x in %s: %s not in the PARAVIRT=n function"
                                % (addr, fname, body.hex(" ")))
            else:
                counts["same"] += 1
                if a.verbose:
                    print("  ok %#x %-28s %s" % (addr, fname, body.hex(" ")))

    grown = sum(1 for fn in per_func
                if fn in nat_funcs and
                sum(s for _, s in nat_funcs[fn]) < sum(f[1] for f in pv.funcs if base(f[2]) == fn))
    for p in problems:
        print("pvcompare: " + p)
    print("pvcompare: %d sites in %d functions: %d inline = %d identical to PARAVIRT=n "
          "beyond NOP padding + %d differ + %d in functions PARAVIRT=n lacks (%s); "
          "%d call, %d nop, %d unpatched"
          % (len(sites), len(per_func), counts["inline"], counts["same"],
             counts["inline"] - counts["same"] - counts["pv_only"], counts["pv_only"],
             ", ".join(sorted(pv_only)) or "none", counts["call"],
             counts["nop"], counts["unpatched"]))
    print("pvcompare: %d of those functions are larger in the PARAVIRT=y build "
          "(padding and the registers the sites reserve)" % grown)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
