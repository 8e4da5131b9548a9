#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Judge a kernel console log that carries KTAP version 1.

    ktap.py LOG [--exit-status N] [--expect-line TEXT]... [--expect-suite NAME]...

Prints one verdict line, "PASS: ..." / "FAIL: reason" / "SKIP: reason",
and exits 0 (pass or skip) or 1 (fail).

A log passes only if all of these hold:
  - it contains a top-level "KTAP version 1" followed by a plan "1..N";
  - every top-level result up to N is present, numbered in order, and each
    nested suite's results match its own plan (a missing or short plan is
    a failure, so a crash mid-suite cannot pass);
  - no result is "not ok";
  - nothing reports a panic, an oops, a BUG, or a stack-protector hit;
  - the kernel printed no WARNING (kernel/panic.c: "WARNING: COND at
    FILE:LINE") and logged no refused hypercall: the Xen code prints a
    refusal as "xen: WHAT: ENAME" or "xen: WHAT (ENAME)..." through
    xen_errname(), ENAME being one of Xen's own errno names (read here
    from Xen's public errno.h, the ABI, not from the kernel) or
    "unknown error";
  - the exit status (QEMU isa-debug-exit: 1 pass, 3 fail) agrees, if given;
  - every --expect-line text appears somewhere in the log;
  - every --expect-suite suite ran and at least one of its cases passed
    (a suite the mode exists for must not skip itself away); given as
    SUITE.CASE, that case ran and was not skipped;
  - with --xen (the log is Xen's serial console with our dom0's on it):
    once Xen has handed over to dom0 ("(XEN) Freed ... init memory"), no
    "(XEN)" line reports a fault, a crash or a warning, or says anything
    about d0 (Xen only speaks of a domain then when it misbehaved), but
    for the power-off line that follows a passing run.
A top-level plan of 1..0, or a run where every case skipped, is a SKIP.
"""
import argparse
import os
import re
import sys

STAMP = re.compile(r"^\[\s*\d+\.\d+\] ")
RESULT = re.compile(r"^(not ok|ok) (\d+)(?: (.*?))?(?: # (SKIP|TODO)\b ?(.*))?$")
PLAN = re.compile(r"^1\.\.(\d+)$")
FATAL = [
    (re.compile(r"Kernel panic"), "kernel panic"),
    (re.compile(r"\bOops: "), "oops"),
    (re.compile(r"\bBUG: "), "BUG"),
    (re.compile(r"stack-protector:"), "stack protector"),
]

# A WARN_ON() from the kernel (not a "(XEN) WARNING" of Xen's own boot).
KERNEL_WARNING = re.compile(r"^WARNING: ")
XEN_ERRNO_H = os.environ.get("XEN_ERRNO_H", "/usr/include/xen/errno.h")


def xen_errnames():
    """Xen's errno names, from its public header (the ABI)."""
    try:
        with open(XEN_ERRNO_H) as f:
            names = re.findall(r"^XEN_ERRNO\((E[A-Z0-9]+),", f.read(), re.M)
    except OSError:
        names = []
    return names or None


def refusal_pattern():
    """ "xen: ...: ENAME" / "xen: ... (ENAME)", as xen_errname() prints."""
    names = xen_errnames()
    name = "|".join(names) if names else r"E[A-Z0-9]{2,}"
    return re.compile(r"^xen: .*(?:: |\()(?:%s|unknown error)(?:\b|$)" % name)


REFUSAL = refusal_pattern()

# Xen's console after hand-over: only trouble mentions our domain.
XEN_HANDOVER = re.compile(r"^\(XEN\) Freed \d+kB init memory")
XEN_TROUBLE = re.compile(
    r"\bd0(v\d+)?\b|\b[Dd]om(ain )?0\b|crash|[Ff]ault|WARN|BUG|Assertion|"
    r"FATAL|[Pp]anic|Pagetable walk|[Uu]nhandled|[Ee]rror")
# What Xen says when dom0 powers off as asked (QEMU may still be running).
XEN_POWEROFF = re.compile(r"^\(XEN\) Hardware Dom0 halted: halting machine")


def xen_trouble(lines):
    """The first (XEN) line after hand-over that reports trouble, or None."""
    handed_over = False
    for line in lines:
        if not line.startswith("(XEN)"):
            continue
        if XEN_HANDOVER.match(line):
            handed_over = True
        elif handed_over and XEN_TROUBLE.search(line) and not XEN_POWEROFF.match(line):
            return line.strip()
    return None


class Doc:
    """One KTAP document (the top level or a nested suite)."""

    def __init__(self, indent, name=""):
        self.indent = indent
        self.name = name
        self.plan = None
        self.results = []  # (ok, number, name, directive, reason)


def clean(line):
    line = line.rstrip("\r\n")
    m = STAMP.match(line)
    if m:
        line = line[m.end():]
    return line


def parse(lines):
    """Return (top, suites, problems) from console lines."""
    problems = []
    top = None
    stack = []
    suites = []
    for raw in lines:
        line = clean(raw)
        body = line.lstrip(" ")
        indent = len(line) - len(body)
        if body.startswith("KTAP version "):
            if body != "KTAP version 1":
                problems.append("unsupported %r" % body)
            if top is None and indent == 0:
                top = Doc(0)
                stack = [top]
            elif top is not None and indent > stack[-1].indent:
                doc = Doc(indent)
                stack.append(doc)
                suites.append(doc)
            elif top is not None and indent == 0:
                problems.append("a second top-level KTAP document")
            continue
        if top is None:
            continue
        is_plan = PLAN.match(body)
        is_result = RESULT.match(body)
        is_subtest = body.startswith("# Subtest: ")
        # Kernel messages interleave with KTAP: only KTAP lines count,
        # and a plan or result less indented closes the nested document.
        if not (is_plan or is_result or is_subtest):
            continue
        while len(stack) > 1 and indent < stack[-1].indent:
            stack.pop()
        doc = stack[-1]
        if indent != doc.indent:
            problems.append("misindented KTAP line %r" % line.strip())
            continue
        if body.startswith("# Subtest: "):
            doc.name = body[len("# Subtest: "):]
            continue
        m = is_plan
        if m:
            if doc.plan is not None or doc.results:
                problems.append("plan in the wrong place in %s" % (doc.name or "top level"))
            doc.plan = int(m.group(1))
            continue
        m = is_result
        if m:
            ok = m.group(1) == "ok"
            doc.results.append((ok, int(m.group(2)), m.group(3) or "",
                                m.group(4) or "", m.group(5) or ""))
    return top, suites, problems


def kernel_trouble(lines):
    """The first kernel WARNING or logged hypercall refusal, or None."""
    for raw in lines:
        if raw.startswith("(XEN)"):
            continue
        line = clean(raw).strip()
        if KERNEL_WARNING.match(line):
            return "kernel warning: %s" % line
        if REFUSAL.match(line):
            return "hypercall refused: %s" % line
    return None


def judge(text, exit_status=None, expect=(), xen=False, expect_suites=()):
    lines = text.splitlines()
    if xen and not any(XEN_HANDOVER.match(l) for l in lines):
        return "FAIL", "Xen never handed over to dom0"
    verdict, why = judge_ktap(lines, text, exit_status, expect, expect_suites)
    if verdict != "FAIL" and xen:
        bad = xen_trouble(lines)
        if bad:
            return "FAIL", "Xen: %s" % bad
    return verdict, why


def judge_ktap(lines, text, exit_status, expect, expect_suites=()):
    for rx, what in FATAL:
        for line in lines:
            if rx.search(line):
                return "FAIL", "%s: %s" % (what, clean(line).strip())
    bad = kernel_trouble(lines)
    if bad:
        return "FAIL", bad
    for e in expect:
        if e not in text:
            return "FAIL", "expected line not seen: %r" % e

    top, suites, problems = parse(lines)
    if top is None:
        return "FAIL", "no KTAP output"
    if problems:
        return "FAIL", problems[0]
    if top.plan is None:
        return "FAIL", "missing top-level plan"

    n_pass = n_fail = n_skip = 0
    for doc in [top] + suites:
        label = doc.name or "top level"
        if doc is not top and doc.plan is None:
            return "FAIL", "suite %s has no plan" % label
        for i, r in enumerate(doc.results, 1):
            if r[1] != i:
                return "FAIL", "%s: result %d numbered %d" % (label, i, r[1])
        if len(doc.results) < doc.plan:
            return "FAIL", "%s: %d of %d results (short run)" % (
                label, len(doc.results), doc.plan)
        if len(doc.results) > doc.plan:
            return "FAIL", "%s: %d results for a plan of %d" % (
                label, len(doc.results), doc.plan)
        if doc is top:
            continue
        for ok, _, name, directive, _ in doc.results:
            if not ok:
                n_fail += 1
            elif directive == "SKIP":
                n_skip += 1
            else:
                n_pass += 1
    # A suite can fail with every case passing only if it says so itself.
    for ok, num, name, directive, _ in top.results:
        if not ok:
            return "FAIL", "not ok %d %s (%d cases failed)" % (num, name, n_fail)
    if n_fail:
        return "FAIL", "%d cases not ok" % n_fail
    if exit_status is not None and exit_status != 1:
        if exit_status == 3:
            return "FAIL", "kernel reported failure (exit status 3)"
        if exit_status == 124:
            return "FAIL", "hang: timed out"
        return "FAIL", "unexpected exit status %d" % exit_status

    # The suites a mode exists for must have run something; a named case
    # (SUITE.CASE) must have run and passed.
    for want in expect_suites:
        suite, _, case = want.partition(".")
        docs = [d for d in suites if d.name == suite]
        if not docs:
            return "FAIL", "expected suite %s did not run" % suite
        if case:
            res = [r for d in docs for r in d.results if r[2] == case]
            if not res:
                return "FAIL", "expected case %s did not run" % want
            if res[0][3] == "SKIP":
                return "FAIL", "expected case %s skipped (%s)" % (want, res[0][4])
            continue
        ran = [r for d in docs for r in d.results if r[0] and r[3] != "SKIP"]
        if not ran:
            reasons = sorted({r[4] for d in docs for r in d.results if r[4]})
            return "FAIL", "expected suite %s: every case skipped (%s)" % (
                want, "; ".join(reasons) or "no cases")

    counts = "%d passed, %d skipped, %d suites" % (n_pass, n_skip, len(suites))
    if top.plan == 0 or (n_pass == 0 and n_skip > 0):
        return "SKIP", "nothing ran (%s)" % counts
    return "PASS", counts


def count_refusals(logs):
    """Every logged hypercall refusal in @logs: (count, the lines)."""
    found = []
    for path in logs:
        with open(path, errors="replace") as f:
            for raw in f:
                if raw.startswith("(XEN)"):
                    continue
                line = clean(raw.rstrip("\n")).strip()
                if REFUSAL.match(line):
                    found.append("%s: %s" % (os.path.basename(path), line))
    return found


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--count-refusals":
        found = count_refusals(sys.argv[2:])
        for line in found:
            print("refused: " + line)
        print("%d refused hypercalls in %d logs" % (len(found), len(sys.argv) - 2))
        return 1 if found else 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("log")
    ap.add_argument("--exit-status", type=int)
    ap.add_argument("--expect-line", action="append", default=[])
    ap.add_argument("--expect-suite", action="append", default=[],
                    help="a suite that must run with a passing case")
    ap.add_argument("--xen", action="store_true",
                    help="also judge Xen's console lines about dom0")
    a = ap.parse_args()
    with open(a.log, errors="replace") as f:
        text = f.read()
    verdict, why = judge(text, a.exit_status, a.expect_line, a.xen, a.expect_suite)
    print("%s: %s" % (verdict, why))
    return 1 if verdict == "FAIL" else 0


if __name__ == "__main__":
    sys.exit(main())
