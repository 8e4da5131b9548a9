# SPDX-License-Identifier: GPL-2.0
# xen-pv-domU-control: the ends of our PV domU as the toolstack sees them,
# in one reference-dom0 boot (lib/refdom0.sh) that creates the guest once
# per case (/domu/plan, lib/refdom0-init.sh).  The toolstack ends three:
# the guest boots with ktest.off xen_wait_control=60 and waits for
# control/shutdown, then `xl shutdown -w` must end it with reason 0
# (poweroff), `xl reboot` with reason 1 (reboot; on_reboot = destroy) and
# `xl destroy` with none at all.  The guest ends two itself: xen_reboot
# (SCHEDOP_shutdown reason 1) and crashtest=panic (reason 3).  One more
# (memory 128 MiB, maxmem 256) is ballooned by `xl mem-set` to 64 MiB, then
# 192 (above its boot size, into its extra pfns), each step taken only
# when `xl list` (Xen's count of the domain's pages) shows that size and
# the guest said it reached that target, and then shut down.  The
# reasons are read from xl's own log ("has shut down, reason code N"),
# and each waiting guest's domid and name, as it read them from xenstore,
# must be the ID and name `xl list` shows, and dom0's xenstore must hold
# its control/feature-poweroff and feature-reboot as 1.  Any xl error or warning, or
# Xen speaking of a domU, fails the mode.  Debian's xl itself now and
# then crashes here (heap corruption in its monitoring child, or xl list
# dying silently): dom0 starts that case again and the verdict counts it.
. "$here/lib/xen-mode.sh"
. "$here/lib/refdom0.sh"
CTL_TIMEOUT=${XEN_DOMU_TIMEOUT:-240}	# the whole QEMU run
CTL_CASE_TIMEOUT=60			# each wait of dom0's
# What xen-pvh-domU-control changes, reset here (modes share one shell).
CTL_GUEST_TYPE=pv
CTL_XEN_ROUTINE='^$'
CTL_BALLOON_MAXMEM=256			# a balloon case's maxmem (MiB)
ctl_xen_elf() { xen_elf "$1"; }		# LOG: the Xen to boot
# name|action|guest arguments|xl's reason|what the guest must print
CTL_CASES=(
	"ctl-off|shutdown|ktest.off xen_wait_control=60|0|toolstack asks for poweroff: SCHEDOP_shutdown reason 0"
	"ctl-reboot|reboot|ktest.off xen_wait_control=60|1|toolstack asks for reboot: SCHEDOP_shutdown reason 1"
	"ctl-destroy|destroy|ktest.off xen_wait_control=60|none|waiting up to 60 s"
	"self-reboot|self|ktest.off xen_reboot|1|reboot: Power down (status 0)"
	"self-crash|self|ktest.off crashtest=panic|3|Kernel panic - not syncing: crashtest: panic requested"
	"ctl-balloon|balloon:64:192|ktest.off xen_wait_control=60|0|toolstack asks for poweroff: SCHEDOP_shutdown reason 0"
)

mode_kernel() { echo "$build_dir/defconfig/vmlinux"; }
mode_check() { xen_mode_check && refdom0_check; }

mode_boot() {	# LOG KERNEL
	local log=$1 ref=$build_dir/refdom0 ov xen base c name action args

	refdom0_build "$ref" > "$log.refdom0" 2>&1 || { cat "$log.refdom0" > "$log"; return 2; }
	xen=$(ctl_xen_elf "$log") || return 2
	base=$(refdom0_guest_args)
	ov=$log.overlay
	rm -rf "$ov"; mkdir -p "$ov/domu"
	cp "$2" "$ov/domu/vmlinux"
	for c in "${CTL_CASES[@]}"; do
		IFS='|' read -r name action args _ <<< "$c"
		# Room to balloon above the boot size where the case needs it.
		REFDOM0_GUEST_TYPE=$CTL_GUEST_TYPE refdom0_guest_cfg "$name" "$base $args" 128 \
			"$([[ $action == balloon:* ]] && echo "$CTL_BALLOON_MAXMEM" || echo 128)" \
			> "$ov/domu/$name.cfg"
		echo "$name $action" >> "$ov/domu/plan"
	done
	refdom0_boot "$log" "$xen" "$ov" 1G 384M "$CTL_TIMEOUT" "$CTL_CASE_TIMEOUT"
}

ctl_judge_case() {	# LOG NAME ACTION WANT_REASON WANT_LINE
	local log=$1 name=$2 res rc arc reason bad lst ident id lname

	res=$(grep -a "^REFDOM0: CASE $name RESULT " "$log" | tail -n 1 | tr -d '\r')
	[ -n "$res" ] || { echo "FAIL: $name: dom0 never reported its end"; return 1; }
	rc=$(echo "$res" | sed -n 's/.* xl_rc=\([0-9]*\).*/\1/p')
	arc=$(echo "$res" | sed -n 's/.* action_rc=\([0-9]*\).*/\1/p')
	reason=$(echo "$res" | sed -n 's/.* reason=\([a-z0-9]*\).*/\1/p')
	[ "$rc" = 0 ] || { echo "FAIL: $name: xl create exited with $rc"; return 1; }
	[ "$arc" = 0 ] || { echo "FAIL: $name: xl $3 exited with $arc"; return 1; }
	[ "$reason" = "$4" ] ||
		{ echo "FAIL: $name: xl logged shutdown reason $reason, not $4"; return 1; }
	bad=$(grep -a "^REFDOM0: CASE $name " "$log" | grep -av ' RESULT \| xl_list: \| xs: \| mem-set ' | head -n 1)
	[ -z "$bad" ] || { echo "FAIL: ${bad#REFDOM0: CASE }"; return 1; }
	bad=$(grep -a "^REFDOM0-XL $name: " "$log" | grep -aiE 'error|warn|fail' | head -n 1)
	[ -z "$bad" ] || { echo "FAIL: xl: ${bad#REFDOM0-XL }"; return 1; }
	grep -a "^REFDOM0-CON $name: " "$log" | grep -qaF -- "$5" ||
		{ echo "FAIL: $name: the guest never printed '$5'"; return 1; }
	[ "$3" = self ] && return 0
	[[ $3 == balloon:* ]] && { ctl_judge_balloon "$log" "$name" "${3#balloon:}" || return 1; }
	# Destroyed, not asked: the guest must not have seen a request.
	[ "$3" = destroy ] && grep -a "^REFDOM0-CON $name: " "$log" | grep -qaF "toolstack asks" &&
		{ echo "FAIL: $name: the guest saw a shutdown request"; return 1; }
	# What it announced, as dom0's xenstore has it (the guest wrote 1).
	for f in feature-poweroff feature-reboot; do
		grep -a "^REFDOM0: CASE $name xs: " "$log" | tr -d '\r' | grep -qx ".* xs: $f = \"1\"" ||
			{ echo "FAIL: $name: dom0's xenstore has no control/$f = \"1\""; return 1; }
	done
	# Identity: xenstore's view (the guest's line) against xl's.
	ident=$(grep -a "^REFDOM0-CON $name: " "$log" | tr -d '\r' |
		sed -n 's/.*xen: domU identity: domid \([0-9]*\) name "\([^"]*\)".*/\1 \2/p' | head -n 1)
	lst=$(grep -a "^REFDOM0: CASE $name xl_list: " "$log" | tr -d '\r' | head -n 1)
	lst=${lst#*xl_list: }
	read -r lname id _ <<< "$lst"
	[ -n "$ident" ] || { echo "FAIL: $name: the guest printed no identity"; return 1; }
	[ "$ident" = "$id $lname" ] ||
		{ echo "FAIL: $name: guest says domid/name '$ident', xl list '$id $lname'"; return 1; }
	[ "$lname" = "$name" ] || { echo "FAIL: $name: xl list shows '$lst'"; return 1; }
}

# Each `xl mem-set` size: xl took it, xl list (Xen's count) shows the
# domain at it, and the guest said it reached that target.
ctl_judge_balloon() {	# LOG NAME MIB:MIB...
	local log=$1 name=$2 mib line rc mem

	for mib in ${3//:/ }; do
		line=$(grep -a "^REFDOM0: CASE $name mem-set $mib: " "$log" | tr -d '\r' | head -n 1)
		[ -n "$line" ] || { echo "FAIL: $name: no xl mem-set $mib"; return 1; }
		rc=$(echo "$line" | sed -n 's/.* rc=\([0-9]*\) .*/\1/p')
		[ "$rc" = 0 ] || { echo "FAIL: $name: xl mem-set $mib exited with $rc"; return 1; }
		read -r _ _ mem _ <<< "${line#*xl_list: }"
		[ "$mem" = "$mib" ] ||
			{ echo "FAIL: $name: after xl mem-set $mib, xl list shows $mem MiB"; return 1; }
		grep -a "^REFDOM0-CON $name: " "$log" | grep -qaF "balloon: target $((mib * 1024)) KiB reached" ||
			{ echo "FAIL: $name: the guest never said it reached $mib MiB"; return 1; }
	done
	BALLOONED="$BALLOONED $name=${3//:/,}MiB"
}

mode_judge() {	# LOG
	local log=$1 c name action args reason want bad n=0 reasons=
	BALLOONED=

	grep -aq '^REFDOM0: PLAN done' "$log" || { echo "FAIL: dom0 never finished its plan"; return 1; }
	# Xen speaks of a domU after its start only when it misbehaved.
	bad=$(grep -a '^(XEN)' "$log" | grep -aE '\bd[1-9][0-9]*(v[0-9]+)?\b' |
		grep -avE "$CTL_XEN_ROUTINE" | head -n 1)
	[ -z "$bad" ] || { echo "FAIL: Xen: $bad"; return 1; }
	for c in "${CTL_CASES[@]}"; do
		IFS='|' read -r name action args reason want <<< "$c"
		ctl_judge_case "$log" "$name" "$action" "$reason" "$want" || return 1
		reasons="$reasons $name=$reason"
		n=$((n + 1))
	done
	# xl's own crashes, which dom0 retried: told, not failed.
	n=$(grep -ac '^REFDOM0: NOTE ' "$log")
	echo "PASS: ${#CTL_CASES[@]} domain ends as xl logged them:$reasons; xl list after" \
		"xl mem-set:$BALLOONED; $n xl retries;" \
		"$(grep -a '^REFDOM0: PLAN done' "$log" | tr -d '\r' | sed 's/^REFDOM0: PLAN //')"
}

# xl's monitoring child has also been seen to die without a word: a case
# whose guest took a shutdown request (its own "SCHEDOP_shutdown reason"
# line) but whose xl never said the domain "has shut down" is xl's
# failure, not the guest's (xl destroy's case makes no such line).
mode_flake() {	# LOG
	local log=$1 name

	refdom0_xl_crashed "$log" && return 0
	for name in $(grep -a '^REFDOM0: CASE .* RESULT .*reason=none' "$log" |
		      sed -n 's/^REFDOM0: CASE \([^ ]*\) RESULT.*/\1/p'); do
		grep -aq "^REFDOM0-CON $name: .*SCHEDOP_shutdown reason" "$log" || continue
		grep -aq "^REFDOM0-XL $name: .*has shut down" "$log" && continue
		echo "xl of $name never saw the shutdown its guest made"
		return 0
	done
	return 1
}
