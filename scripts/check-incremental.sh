#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check-incremental.sh O - prove that incremental builds rebuild exactly
# what changed, in build folder O (already configured and built):
#   1. a second make compiles and links nothing;
#   2. touching one .c file recompiles that object only (and relinks);
#   3. touching a header recompiles exactly the objects whose dependency
#      files name it;
#   4. touching nothing after that is again a no-op.
set -u
srctree=$(cd "$(dirname "$0")/.." && pwd)
O=$(cd "${1:?usage: $0 BUILD_DIR}" && pwd)
fail() { echo "check-incremental: $*"; exit 1; }
built() { make -C "$srctree" O="$O" -j2 2>&1 | sed -n 's/^  \(CC\|AS\) *//p' | sort; }

make -C "$srctree" O="$O" -j2 >/dev/null 2>&1 || fail "build failed"
out=$(make -C "$srctree" O="$O" -j2 2>&1)
echo "$out" | grep -qE '^  (CC|AS|LD|LDS) ' && fail "no-op make rebuilt: $(echo "$out" | head -3)"

touch "$srctree/lib/string.c"
got=$(built)
[ "$got" = "lib/string.o" ] || fail "touching lib/string.c rebuilt: $got"

hdr=arch/x86/include/asm/e820.h
want=$(cd "$O" && grep -l "$srctree/$hdr" $(find . -name '*.d') |
	sed 's|^\./||; s|\.d$|.o|' | grep -v '^\.tmp' | sort)
[ -n "$want" ] || fail "no object depends on $hdr?"
touch "$srctree/$hdr"
got=$(built)
[ "$got" = "$want" ] || fail "touching $hdr rebuilt [$got], expected [$want]"

out=$(make -C "$srctree" O="$O" -j2 2>&1)
echo "$out" | grep -qE '^  (CC|AS|LD) ' && fail "second no-op make rebuilt something"
echo "check-incremental: no-op, one .c ($(echo "$got" | wc -l) objects for $hdr) all exact"
