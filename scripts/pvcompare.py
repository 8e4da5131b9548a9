#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""pvcompare.py - prove that patched paravirt sites run the native bytes.

    pvcompare.py --pv build/defconfig/vmlinux --native build/native_defconfig/vmlinux
                 [--dump TEXT.BIN] [--verbose]

Boots the PARAVIRT=y kernel in QEMU (TCG) under its gdbstub, stops it in
paravirt_patch_finished() and dumps the live kernel text [_text, _etext)
and the live pv_ops table (or reads --dump and --ops-dump; without the
latter, pv_ops as linked, which is what a native boot runs with).  Then,
for every call site recorded in the kernel's .parainstructions, it takes
the live bytes, strips the trailing NOP padding, and classifies the rest:

  inline    native instructions: they must be the template of the native
            op the slot holds in the live pv_ops ([NAME, NAME_tend) of
            paravirt_native.S, by its end symbol), and occur as whole
            instructions in the same function of the PARAVIRT=n build
            (matched by name), with each absolute address in it (the
            template's relocations, from paravirt_native.o) as the
            PARAVIRT=n build links that symbol; a one-byte template (cli, sti, hlt) is
            matched at its site: the PARAVIRT=n function must hold the
            same instruction at the same source line (the outermost
            frame of its inline chain, from the DWARF line tables of both
            builds), one for one, so each site has its own counterpart
            and neither a stray byte inside another instruction nor a
            cli moved elsewhere in the function matches;
  call      a direct call or jump: its rel32 must land on the function
            the slot holds;
  nop       all padding: the slot must hold an op with an empty template
            (a no-op, or a page-table value identity, which PARAVIRT=n has
            no instruction for either);
  unpatched the original indirect call through pv_ops.

It fails on any of those mismatches or if any site is unpatched.
Instruction boundaries come from objdump, on the PARAVIRT=n vmlinux and
on the live dump.  Sites in functions the PARAVIRT=n build does not have
(the paravirt layer itself, its tests, or an inline helper emitted out of
line in one build only) are checked against the native op's template
alone, and listed apart.  The report ends with per-function size
differences between the two builds.
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


def dump_live_text(vmlinux, out, ops_out, ops, timeout):
    """Boot under the gdbstub, stop after patching, dump [_text, _etext)
    and pv_ops ([ops[0], ops[0] + ops[1]))."""
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
             "-ex", "dump binary memory %s _text _etext" % out,
             "-ex", "dump binary memory %s %#x %#x" % (ops_out, ops[0], ops[0] + ops[1]),
             "-ex", "kill"],
            capture_output=True, text=True, timeout=timeout)
        if not all(os.path.exists(f) and os.path.getsize(f) for f in (out, ops_out)):
            raise SystemExit("pvcompare: no dump from gdb:\n" + gdb.stdout + gdb.stderr)
    finally:
        qemu.kill()
        qemu.wait()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pv", required=True, help="PARAVIRT=y vmlinux")
    ap.add_argument("--native", required=True, help="PARAVIRT=n vmlinux")
    ap.add_argument("--dump", help="live text dump (default: boot and dump)")
    ap.add_argument("--ops-dump", help="live pv_ops dump (default with --dump: as linked)")
    ap.add_argument("--timeout", type=int, default=120)
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--selftest", action="store_true",
                    help="also prove that tampered dumps are caught")
    a = ap.parse_args()

    pv, nat = Elf(a.pv), Elf(a.native)
    pv.lines = lambda addrs: source_lines(a.pv, addrs)
    nat.lines = lambda addrs: source_lines(a.native, addrs)
    text0, text1 = pv.symbols["_text"], pv.symbols["_etext"]
    ops = (pv.symbols["pv_ops"], pv.sizes["pv_ops"])
    if a.dump:
        live = open(a.dump, "rb").read()
        if a.ops_dump:
            live_ops = open(a.ops_dump, "rb").read()
        else:
            live_ops = pv.read(ops[0], ops[1], pv.section_of(ops[0]))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            out, ops_out = os.path.join(tmp, "text.bin"), os.path.join(tmp, "ops.bin")
            dump_live_text(a.pv, out, ops_out, ops, a.timeout)
            live = open(out, "rb").read()
            live_ops = open(ops_out, "rb").read()
    if len(live) != text1 - text0:
        raise SystemExit("pvcompare: dump is %d bytes, text is %d" % (len(live), text1 - text0))
    if len(live_ops) != ops[1]:
        raise SystemExit("pvcompare: pv_ops dump is %d bytes, the table %d" % (len(live_ops), ops[1]))
    slots = [struct.unpack_from("<Q", live_ops, i)[0] for i in range(0, ops[1], 8)]
    pv.slots = slots
    pv.relocs = template_relocs(a.pv, pv)
    nat.insns = func_insns(nat, disassemble(["objdump", "-d", "-w", a.native]))
    with tempfile.NamedTemporaryFile() as f:
        f.write(live)
        f.flush()
        pv.insns = func_insns(pv, disassemble(
            ["objdump", "-D", "-w", "-b", "binary", "-m", "i386:x86-64",
             "--adjust-vma=%#x" % text0, f.name]))

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
    """Tampered dumps (and a tampered PARAVIRT=n view) must each fail:
    a cli turned into sti, a site put back to its indirect call, a call
    sent elsewhere, an inline site turned into NOPs, a one-byte template
    whose PARAVIRT=n counterpart moved to another line, one whose
    counterpart is gone, and a template operand (an absolute address)
    that PARAVIRT=n links elsewhere."""
    quiet = argparse.Namespace(**vars(a))
    quiet.verbose = False
    bad = 0
    cases = []

    def body(s):
        return strip_nops(live[s[0] - text0:s[0] - text0 + s[2]])

    cli = next((s for s in sites if body(s) == b"\xfa"), None)
    if cli:
        cases.append(("cli became sti", tampered(live, text0, cli[0], b"\xfb"), nat))
    first = sites[0]
    cases.append(("site left unpatched",
                  tampered(live, text0, first[0], b"\xff\x15\0\0\0\0"), nat))
    call = next((s for s in sites if body(s)[:1] == b"\xe8" and len(body(s)) == 5), None)
    if call:
        rel = struct.unpack_from("<i", body(call), 1)[0] + 16
        cases.append(("call sent 16 bytes on",
                      tampered(live, text0, call[0], b"\xe8" + struct.pack("<i", rel)), nat))
    else:
        # No call left natively: make one of a site, to its slot's op + 16.
        site = next(s for s in sites if s[2] >= 5 and body(s))
        rel = pv.slots[site[1]] + 16 - (site[0] + 5)
        made = bytearray(b"\xe8" + struct.pack("<i", rel))
        while len(made) < site[2]:
            made += next(n for n in NOPS if len(n) <= site[2] - len(made))
        cases.append(("call sent 16 bytes on (made of a site)",
                      tampered(live, text0, site[0], bytes(made)), nat))
    inl = next((s for s in sites if body(s) and body(s)[0] not in (0xe8, 0xe9)), None)
    if inl:
        nops = bytearray()
        while len(nops) < inl[2]:
            nops += next(n for n in reversed(NOPS) if len(n) <= inl[2] - len(nops))
        cases.append(("inline site became NOPs", tampered(live, text0, inl[0], bytes(nops)), nat))
    if cli:
        # The PARAVIRT=n cli answering this site "moved" to another line
        # of the function: its count is unchanged, its place is not.
        fname = base(pv.func_at(cli[0])[2])
        want = pv.lines([cli[0]]).get(cli[0])
        moved = argparse.Namespace(**vars(nat))
        real = nat.lines

        def moved_lines(addrs, real=real, want=want):
            return {x: ("elsewhere:1" if w == want else w) for x, w in real(addrs).items()}
        moved.lines = moved_lines
        cases.append(("PARAVIRT=n cli of %s moved to another line" % fname, live, moved))
    if cli:
        # Drop one cli from the PARAVIRT=n function, though a 0xfa byte
        # may still be found somewhere in it.
        fname = base(pv.func_at(cli[0])[2])
        fake = argparse.Namespace(**vars(nat))
        fake.insns = dict(nat.insns)
        code = list(fake.insns.get(fname, []))
        i = next((k for k, (_, b) in enumerate(code) if b == b"\xfa"), None)
        if i is not None:
            code[i] = (code[i][0], b"\x90")
            fake.insns[fname] = code
            cases.append(("PARAVIRT=n lost a cli of %s" % fname, live, fake))
    reloc = next((s for s in sites if pv.relocs.get(pv.slots[s[1]])
                  and base(pv.func_at(s[0])[2]) in nat.insns), None)
    if reloc:
        # PARAVIRT=n's copy of the operand at another address: its
        # instructions no longer match the site's once relocated.
        off, sym, addend = pv.relocs[pv.slots[reloc[1]]][0]
        shifted = argparse.Namespace(**vars(nat))
        shifted.symbols = dict(nat.symbols)
        shifted.symbols[sym] += 8
        cases.append(("PARAVIRT=n's %s at another address" % sym, live, shifted))
    for what, dump, n in cases:
        with contextlib.redirect_stdout(io.StringIO()):
            rc = compare(quiet, pv, n, dump, text0, sites)
        print("pvcompare: selftest: %s: %s" % (what, "caught" if rc else "MISSED"))
        bad |= 0 if rc else 1
    return bad


def templates(pv):
    """function address -> its template, [NAME, NAME_tend) of paravirt_native.S."""
    out = {}
    for name, end in pv.symbols.items():
        if name.endswith("_tend") and name[:-5] in pv.symbols:
            start = pv.symbols[name[:-5]]
            if not 0 <= end - start <= 32:      # MAX_PATCH_LEN
                raise SystemExit("pvcompare: %s does not end %s" % (name, name[:-5]))
            out[start] = pv.read(start, end - start)
    return out


def template_relocs(pv_path, pv):
    """template start (PARAVIRT=y address) -> [(offset, symbol, addend)]:
    the absolute addresses in the native templates, from the relocations
    of paravirt_native.o (beside the vmlinux in its build tree).  Only
    R_X86_64_32S is allowed: a template is copied to every site, so a
    rip-relative operand would point elsewhere in each copy."""
    obj = os.path.join(os.path.dirname(os.path.abspath(pv_path)),
                       "arch", "x86", "kernel", "paravirt_native.o")
    if not os.path.exists(obj):
        raise SystemExit("pvcompare: %s not found (the templates' relocations)" % obj)
    funcs = []
    syms = subprocess.run(["readelf", "-sW", obj], capture_output=True, text=True,
                          check=True).stdout
    for line in syms.splitlines():
        f = line.split()
        if len(f) == 8 and f[3] == "FUNC":
            funcs.append((int(f[1], 16), int(f[2]), f[7]))
    out, in_text = {}, False
    relocs = subprocess.run(["readelf", "-rW", obj], capture_output=True, text=True,
                            check=True).stdout
    for line in relocs.splitlines():
        if line.startswith("Relocation section"):
            in_text = "'.rela.text'" in line
            continue
        f = line.split()
        if not in_text or len(f) < 5 or not all(c in "0123456789abcdef" for c in f[0]):
            continue
        off, rtype, sym = int(f[0], 16), f[2], f[4]
        addend = int(f[6], 16) * (-1 if f[5] == "-" else 1) if len(f) >= 7 else 0
        func = next((fn for fn in funcs if fn[0] <= off < fn[0] + fn[1]), None)
        if not func or func[2] not in pv.symbols:
            continue
        if rtype != "R_X86_64_32S":
            raise SystemExit("pvcompare: %s refers to %s by %s: its copies would not "
                             "reach it" % (func[2], sym, rtype))
        out.setdefault(pv.symbols[func[2]], []).append((off - func[0], sym, addend))
    return out


def relocated(body, relocs, elf):
    """@body with each absolute address of @relocs as @elf links it (None
    if @elf lacks a symbol)."""
    b = bytearray(body)
    for off, sym, addend in relocs:
        if sym not in elf.symbols or off + 4 > len(b):
            return None
        b[off:off + 4] = struct.pack("<i", ((elf.symbols[sym] + addend + 2**31) % 2**32) - 2**31)
    return bytes(b)


def disassemble(cmd):
    """[(address, bytes)] of every instruction objdump decodes."""
    r = subprocess.run(cmd, capture_output=True, text=True, check=True)
    insns = []
    for line in r.stdout.splitlines():
        addr, sep, rest = line.partition(":\t")
        if not sep or not addr.strip() or " " in addr.strip():
            continue
        raw = rest.split("\t", 1)[0].split()
        try:
            insns.append((int(addr, 16), bytes(int(h, 16) for h in raw)))
        except ValueError:
            continue
    return insns


def func_insns(elf, insns):
    """function name (base) -> its instructions, in address order."""
    out = {}
    for addr, b in insns:
        f = elf.func_at(addr)
        if f:
            out.setdefault(base(f[2]), []).append((addr, b))
    return out


def source_lines(elf_path, addrs):
    """address -> "file:line" of the outermost frame of its inline chain
    (the line in the containing function), from addr2line -i."""
    if not addrs:
        return {}
    r = subprocess.run(["addr2line", "-a", "-i", "-e", elf_path],
                       input="\n".join("%#x" % x for x in addrs) + "\n",
                       capture_output=True, text=True, check=True)
    out, cur = {}, None
    for line in r.stdout.splitlines():
        if line.startswith("0x"):
            cur = int(line, 16)
            continue
        if cur is not None:
            out[cur] = line.split(" (discriminator")[0].strip()
    return out


def at_boundary(insns, body):
    """True if @body is a run of whole instructions somewhere in @insns."""
    for i in range(len(insns)):
        run, j = b"", i
        while len(run) < len(body) and j < len(insns):
            run += insns[j][1]
            j += 1
        if run == body:
            return True
    return False


def compare(a, pv, nat, live, text0, sites):
    """Classify and check every site of the live text; 0 if all is well."""
    tmpl = templates(pv)
    nat_funcs = {}
    for addr, size, name in nat.funcs:
        nat_funcs.setdefault(base(name), []).append((addr, size))

    counts = {"inline": 0, "call": 0, "nop": 0, "unpatched": 0,
              "same": 0, "pv_only": 0}
    problems, pv_only, per_func, one_byte = [], set(), {}, {}
    for addr, typ, ln, *_ in sites:
        b = live[addr - text0:addr - text0 + ln]
        f = pv.func_at(addr)
        fname = base(f[2]) if f else "?"
        per_func.setdefault(fname, 0)
        per_func[fname] += 1
        body = strip_nops(b)
        target = pv.slots[typ] if typ < len(pv.slots) else None
        want = tmpl.get(target)
        if b[:2] in (b"\xff\x15", b"\xff\x25"):
            counts["unpatched"] += 1
            problems.append("%#x in %s: still an indirect call" % (addr, fname))
        elif not body:
            counts["nop"] += 1
            if want != b"":
                problems.append("%#x in %s: NOPs, but slot %d holds %#x, not a no-op"
                                % (addr, fname, typ, target or 0))
        elif body[0] in (0xe8, 0xe9) and len(body) == 5:
            counts["call"] += 1
            dest = addr + 5 + struct.unpack_from("<i", body, 1)[0]
            if dest != target:
                problems.append("%#x in %s: calls %#x, but slot %d holds %#x"
                                % (addr, fname, dest, typ, target or 0))
        else:
            counts["inline"] += 1
            nat_code = nat.insns.get(fname, []) if fname in nat_funcs else None
            if want != body:
                problems.append("%#x in %s: %s is not the template of slot %d's op (%s)"
                                % (addr, fname, body.hex(" "), typ,
                                   (want or b"").hex(" ") or "none"))
            elif relocated(body, pv.relocs.get(target, []), pv) != body:
                problems.append("%#x in %s: %s does not hold the addresses its template's "
                                "relocations say" % (addr, fname, body.hex(" ")))
            elif nat_code is None:
                counts["pv_only"] += 1
                pv_only.add(fname)
            elif not at_boundary(nat_code, relocated(body, pv.relocs.get(target, []), nat)
                                 or b""):
                problems.append("%#x in %s: %s not whole instructions of the PARAVIRT=n "
                                "function (absolute addresses as PARAVIRT=n links them)"
                                % (addr, fname, body.hex(" ")))
            else:
                counts["same"] += 1
                if len(body) == 1:
                    one_byte.setdefault((fname, body), []).append(addr)
                if a.verbose:
                    print("  ok %#x %-28s %s" % (addr, fname, body.hex(" ")))

    # One-byte templates, at their site: each one has a PARAVIRT=n
    # instruction of its own at the same source line of the same function.
    nat_at = {}
    for (fname, body), addrs in sorted(one_byte.items()):
        nat_at[(fname, body)] = [x for x, i in nat.insns.get(fname, []) if i == body]
    pv_lines = pv.lines([x for addrs in one_byte.values() for x in addrs])
    nat_lines = nat.lines([x for xs in nat_at.values() for x in xs])
    for (fname, body), addrs in sorted(one_byte.items()):
        free = [nat_lines.get(x, "?") for x in nat_at[(fname, body)]]
        for x in addrs:
            where = pv_lines.get(x, "?")
            if where in free and not where.startswith("?"):
                free.remove(where)
            else:
                problems.append("%#x in %s: %s at %s has no PARAVIRT=n counterpart there "
                                "(%s)" % (x, fname, body.hex(), where,
                                          ", ".join(sorted(set(free))) or "none left"))

    print("pvcompare: %d one-byte sites (cli, sti, hlt) checked against PARAVIRT=n "
          "at their source lines" % sum(len(v) for v in one_byte.values()))
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
