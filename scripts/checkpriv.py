#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""checkpriv.py [--selftest] [FILE...] - no raw privileged instructions
outside the places allowed to hold them.

Coccinelle cannot look inside asm statements, so this reads the assembly
text itself: the string literals of every asm()/__asm__() in C files and
headers, and the code (comments stripped) of .S files.  It reports each
cli, sti, hlt, pushf/popf, CR moves, rdmsr/wrmsr, invlpg, lidt/lgdt/ltr,
wbinvd, cpuid found outside ALLOWED.  With no FILE, every tracked source.
--selftest: the planted files in scripts/coccinelle/tests/ (priv_bad*,
priv_good*) must be reported and left alone respectively.
"""
import os
import re
import subprocess
import sys

# Where raw instructions may live, and why.
ALLOWED = {
    # the native_*() definitions the paravirt wrappers call
    "arch/x86/include/asm/special_insns.h": "control registers, halt, wbinvd",
    "arch/x86/include/asm/irqflags.h": "interrupt flag",
    "arch/x86/include/asm/msr.h": "MSRs",
    "arch/x86/include/asm/processor.h": "CPUID",
    "arch/x86/include/asm/desc.h": "descriptor tables",
    "arch/x86/include/asm/tlbflush.h": "TLB",
    # the native child: its ops in assembly, which are also the patch templates
    "arch/x86/kernel/paravirt_native.S": "native ops and patch templates",
    # a platform's ROM: its own native implementations (what it exists for)
    "arch/x86/vmi/rom/": "the VMI-like ROM's implementations",
    # 32-bit entry: runs before any paravirt child exists
    "arch/x86/boot/head_64.S": "boot entry into long mode",
    # a secondary CPU's way in (native INIT-SIPI only): real mode to long
    # mode and the kernel's CR3/GDT, before it has a GS base or pv_ops use
    "arch/x86/kernel/trampoline_64.S": "secondary CPU entry into long mode",
    # the checker's own planted violations
    "scripts/coccinelle/tests/": "planted violations",
}

INSN = re.compile(
    r"(?<![\w.%])(cli|sti|hlt|pushf[qlw]?|popf[qlw]?|rdmsr|wrmsr|invlpg|"
    r"lidt[qlw]?|lgdt[qlw]?|ltr[w]?|wbinvd|cpuid|"
    r"mov[qlw]?\s+%%?cr[0-8]\b|mov[qlw]?\s+[^,;\n]+,\s*%%?cr[0-8]\b)(?![\w])")
ASM = re.compile(r"\b(?:asm|__asm__)\s*(?:volatile|__volatile__|goto|inline|\s)*\(")
STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def allowed(path):
    return any(path == a or (a.endswith("/") and path.startswith(a)) for a in ALLOWED)


def asm_bodies(text):
    """Yield (line, asm text) for each asm statement in C source."""
    for m in ASM.finditer(text):
        depth, i = 1, m.end()
        while i < len(text) and depth:
            c = text[i]
            if c == '"':
                j = i + 1
                while j < len(text) and text[j] != '"':
                    j += 2 if text[j] == "\\" else 1
                i = j
            elif c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
            i += 1
        body = text[m.end():i]
        # Instructions are in the template: the strings before the first ':'.
        template = []
        for s in STRING.finditer(body.split(":")[0] if '"' in body else ""):
            template.append(s.group(1).replace("\\n", "\n").replace("\\t", " "))
        # '#' starts an assembler comment to the end of its line.
        code = "\n".join(l.split("#")[0] for l in "".join(template).split("\n"))
        yield text.count("\n", 0, m.start()) + 1, code


def check_file(path):
    try:
        with open(path, errors="replace") as f:
            text = f.read()
    except OSError as e:
        return ["%s: %s" % (path, e)]
    found = []
    if path.endswith(".S"):
        text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
        for n, line in enumerate(text.splitlines(), 1):
            code = line.split("#")[0] if not line.lstrip().startswith("#") else ""
            m = INSN.search(code)
            if m:
                found.append("%s:%d: raw privileged instruction '%s'" % (path, n, m.group(1)))
    else:
        for n, asm in asm_bodies(text):
            for m in INSN.finditer(asm):
                found.append("%s:%d: raw privileged instruction '%s' in asm" % (path, n, m.group(1).strip()))
    return found


def tree_files(root):
    out = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard",
                          "*.c", "*.h", "*.S"], cwd=root, capture_output=True, text=True)
    return [f for f in out.stdout.split() if os.path.exists(os.path.join(root, f))]


def main(argv):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    os.chdir(root)
    if argv[:1] == ["--selftest"]:
        bad = 0
        tests = sorted(f for f in os.listdir("scripts/coccinelle/tests") if f.startswith("priv_"))
        for f in tests:
            path = "scripts/coccinelle/tests/" + f
            hits = check_file(path)
            want = f.startswith("priv_bad")
            if bool(hits) == want:
                print("ok checkpriv %s %s" % ("catches" if want else "is silent on", path))
            else:
                print("not ok checkpriv on %s: %s" % (path, hits or "nothing found"))
                bad = 1
        return bad if tests else 1
    files = argv or [f for f in tree_files(root) if not allowed(f)]
    problems = []
    for f in files:
        problems += check_file(f)
    for p in problems:
        print(p)
    print("checkpriv: %d files, %d raw privileged instructions outside %d allowed places"
          % (len(files), len(problems), len(ALLOWED)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
