# SPDX-License-Identifier: GPL-2.0
# xen-own-dom0: Debian's Xen 4.17 in QEMU TCG with our vmlinux as dom0
# and the same vmlinux as a second boot module, which dom0 builds into
# OWN_GUESTS PV domUs itself (drivers/xen/dom0/, dom0.guests=N): no Linux,
# no toolstack.  dom0 runs its builder suite (dom0_build) first, then
# serves the guests: their consoles come back on dom0's as "[dN] ...".
# The verdict: dom0's own KTAP and Xen's console (ktap.py --xen), every
# guest's KTAP as its own document (the same rules as every mode), each
# guest reported as powered off by dom0, and Xen saying nothing of any
# domain.  XEN_OWN_GUESTS, XEN_OWN_GUEST_VCPUS, XEN_OWN_HOST_CPUS, XEN_OWN_RUNS (each guest built again after it
# powered off), XEN_OWN_GUEST_MEM (MiB) and XEN_OWN_GUEST_ARGS (the
# guests' command line) set by a mode that sources this one, or by hand.
. "$here/lib/xen-mode.sh"
# A mode sourcing this one sets its own after; none left from another.
unset "${!OWN_SUITES_@}" OWN_DOM0_ARGS OWN_XEN OWN_XEN_ROUTINE OWN_GUEST_EXPECT
OWN_GUESTS=${XEN_OWN_GUESTS:-1}
OWN_GUEST_MEM=${XEN_OWN_GUEST_MEM:-64}
OWN_DISK=${XEN_OWN_DISK:-32}
# blkfront's suite wants the disk's size and a seed for its patterns.
OWN_GUEST_ARGS=${XEN_OWN_GUEST_ARGS-blk_test.sectors=$((OWN_DISK * 2048)) blk_test.seed=$((RANDOM % 1000)) xs_test.rate}
OWN_RUNS=${XEN_OWN_RUNS:-1}
OWN_GUEST_VCPUS=${XEN_OWN_GUEST_VCPUS:-1}
OWN_HOST_CPUS=${XEN_OWN_HOST_CPUS:-1}
OWN_TIMEOUT=${XEN_OWN_TIMEOUT:-$((120 + 90 * OWN_GUESTS * OWN_RUNS))}
unset XEN_OWN_DISK XEN_OWN_GUESTS XEN_OWN_GUEST_MEM XEN_OWN_GUEST_ARGS XEN_OWN_RUNS XEN_OWN_TIMEOUT \
	XEN_OWN_GUEST_VCPUS XEN_OWN_HOST_CPUS
MODE_SUITES+=(dom0_build.build_refused_by_xen_leaves_nothing)
MODE_EXPECT+=("xen: PV dom0:" "dom0: $((OWN_GUESTS * OWN_RUNS)) of $((OWN_GUESTS * OWN_RUNS)) guest runs ended well")
# What every guest must have run (not skipped away), as in xen-pv-domU.
OWN_GUEST_SUITES=(xen_start_info xen_console xen_events xen_grant xen_xenstore xen_blkfront)

mode_kernel() { echo "$build_dir/defconfig/vmlinux"; }
mode_check() { xen_mode_check; }
mode_boot() {	# LOG KERNEL
	local xen args

	# OWN_XEN: a function printing another hypervisor's path (LOG).
	xen=$(${OWN_XEN:-xen_elf} "$1") || return 2
	args="$KERNEL_ARGS ktest.filter=dom0_build dom0.guests=$OWN_GUESTS ${OWN_DOM0_ARGS:-}"
	args="$args dom0.guest_mem=$OWN_GUEST_MEM dom0.guest_runs=$OWN_RUNS"
	args="$args dom0.guest_vcpus=$OWN_GUEST_VCPUS dom0.guest_disk=$OWN_DISK"
	args="$args dom0.timeout=$((OWN_TIMEOUT - 60))"
	args="$args -- $OWN_GUEST_ARGS"
	# In -initrd a comma separates modules: a literal one is doubled.
	timeout "$OWN_TIMEOUT" "$QEMU" -M pc -accel tcg -cpu max -m 1024M -smp "$OWN_HOST_CPUS" \
		-nographic -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-kernel "$xen" -append "$(xen_args 256M 1)" \
		-initrd "$2 ${args//,/,,},$2" > "$1" 2>&1
}

# FNV-1a 64 of blocks A..B of the pattern of seed S (xen-blkfront_test.c).
own_pattern_fnv() {	# SEED A B
	"$PYTHON" - "$@" <<-'PY'
	import struct, sys
	seed, a, b = (int(x) for x in sys.argv[1:])
	m = 2**64 - 1
	k = (seed * 0x9e3779b97f4a7c15) & m
	h = 0xcbf29ce484222325
	for blk in range(a, b + 1):
	    base = blk * 4096
	    for byte in struct.pack("<512Q", *((base + 8 * i) ^ k for i in range(512))):
	        h = ((h ^ byte) * 0x100000001b3) & m
	print("%016x" % h)
	PY
}

# Each range guest ID wrote and read back, as dom0 reread it from the disk.
own_judge_ranges() {	# LOG ID
	local n=0 seed a b got want

	while read -r seed a b; do
		got=$(sed -n "s/.*dom0: vbd d$2: pattern seed $seed blocks $a-$b fnv1a64 \([0-9a-f]*\).*/\1/p" "$1" | tail -n 1)
		[ -n "$got" ] || { echo "FAIL: d$2: dom0 never reread blocks $a-$b"; return 1; }
		want=$(own_pattern_fnv "$seed" "$a" "$b")
		[ "$got" = "$want" ] ||
			{ echo "FAIL: d$2: blocks $a-$b (seed $seed) on dom0's disk: $got, the pattern's $want"; return 1; }
		n=$((n + 1))
	done < <(sed -n 's/.*blkfront-pattern: seed \([0-9]*\) blocks \([0-9]*\)-\([0-9]*\).*/\1 \2 \3/p' "$1.d$2")
	echo "$n"
}

# dom0's console without its guests' lines, and guest N's lines alone.
own_split() {	# LOG
	awk -v base="$1" '
	{ line = $0; sub(/\r$/, "", line) }
	match(line, /^\[ *[0-9]+\.[0-9]+\] \[d[0-9]+\] /) {
		head = substr(line, 1, RLENGTH); rest = substr(line, RLENGTH + 1)
		sub(/^.*\[d/, "", head); sub(/\] $/, "", head)
		print rest > (base ".d" head); next
	}
	{ print line > (base ".dom0") }' "$1"
}

mode_judge() {	# LOG
	local log=$1 verdict v v2 i n s bad summary ids suites=()

	own_split "$log"
	verdict=$(xen_judge "$log.dom0") || { echo "dom0: $verdict"; return 1; }
	summary="dom0: ${verdict#PASS: }"
	bad=$(grep -a '^(XEN)' "$log" | sed -n '/Freed .* init memory/,$p' |
	      grep -aE '\bd[1-9][0-9]*(v[0-9]+)?\b' | grep -avE "${OWN_XEN_ROUTINE:-^\$}" | head -n 1)
	[ -z "$bad" ] || { echo "FAIL: Xen: $bad"; return 1; }
	for s in "${OWN_GUEST_SUITES[@]}"; do
		suites+=(--expect-suite "$s")
	done
	n=0
	# Xen numbers domains upwards: the builder's own test took some ids.
	ids=$(sed -n 's/.*dom0: built d\([0-9]*\): .*/\1/p' "$log")
	[ "$(echo "$ids" | grep -c .)" = "$((OWN_GUESTS * OWN_RUNS))" ] ||
		{ echo "FAIL: dom0 built $(echo "$ids" | grep -c .) of $((OWN_GUESTS * OWN_RUNS)) guest runs"; return 1; }
	for i in $ids; do
		grep -aq "dom0: d$i shut down: poweroff" "$log" ||
			{ echo "FAIL: d$i: $(grep -a "dom0: d$i " "$log" | tail -n 1)"; return 1; }
		[ -s "$log.d$i" ] || { echo "FAIL: d$i printed nothing"; return 1; }
		n=$((n + 1))
		# A mode may give the Nth guest built its own suites (OWN_SUITES_N).
		local -n own="OWN_SUITES_$n"
		if [ -n "${own+set}" ]; then
			suites=()
			for s in "${own[@]}"; do
				suites+=(--expect-suite "$s")
			done
		fi
		# OWN_GUEST_EXPECT: lines every guest must print (a mode's own).
		v=$("$PYTHON" "$here/ktap.py" "${suites[@]}" "${OWN_GUEST_EXPECT[@]/#/--expect-line=}" \
			"$log.d$i") ||
			{ echo "d$i: $v"; return 1; }
		v2=$(own_judge_ranges "$log" "$i") || { echo "$v2"; return 1; }
		summary="$summary; d$i: ${v#PASS: }, $v2 ranges reread"
	done
	echo "PASS: $summary"
}
