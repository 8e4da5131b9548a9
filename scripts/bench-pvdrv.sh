#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench-pvdrv.sh - the paravirtual drivers, ours next to Debian's Linux,
# under Debian's Xen 4.17 (make bench runs it after bench-hvm.sh; alone,
# BENCH_PVDRV_ONLY=blk|net|evtchn runs one part).  Each part is one QEMU
# run under the instruction-count plugin (tools/perf-icount), evtchn two:
#
#   blk  the reference dom0 (tools/testing/selftests/xen/lib/refdom0.sh)
#        gives one backing file (/dev/loop0 in dom0, as mode
#        xen-pv-domU-blk) as xvda first to our vmlinux, running blkfront's
#        blk_throughput case alone (drivers/block/xen-blkfront_test.c),
#        then to Debian's Linux with its xen-blkfront module, running
#        bench-pvdrv/pvdrv_linux.c's same I/O with O_DIRECT;
#   net  the same two with a vif (as mode xen-pv-domU-net): ours runs
#        netfront's net_tx_rate (4000 frames of 64 bytes polling, then
#        4000 blocking), Linux pvdrv_linux's packet-socket sender (4000);
#        dom0 reads netback's counters of each vif, which must show every
#        frame (bench-pvdrv/dom0-setup.sh);
#   evtchn  our vmlinux as PV dom0 running pvbench (arch/x86/kernel/
#        pvbench.c), FIFO and then xen_fifo_events=0 (2-level), and its
#        evtchn_roundtrip window.
# Each domU runs inside a window of dom0's (from just before `xl create`
# to the domain's end, tools/perf-icount/marker): its instructions, over
# the KiB the guest moved (blk) or the frames it sent (net).  Prints
#   bench: blk.{ours,linux}.{seq_read_MBps,seq_write_MBps,rand4k_iops} N
#   bench: blk.{ours,linux}.xl_create_to_end N insn (and per KiB)
#   bench: blk.{ours,linux}.{seq_write,seq_read,rand4k}_insn_per_KiB N
#        (the guest's windows around the I/O alone; all that ran on the
#        one CPU meanwhile: guest, Xen and dom0's backend)
#   bench: net.{ours,linux}.tx64_fps N, .dom0_rx_packets (netback's count)
#   bench: net.{ours,linux}.tx64_insn_per_frame N (the sending's window)
#   bench: evtchn_roundtrip.{fifo,2l} N insn/iter
# MB/s, IOPS and frames/s are the guests' own clocks under TCG: figures to
# set side by side, not hardware's.  A part whose run, window or figure
# is missing fails (exit 1, the log named); one whose packages are not
# installed is skipped with the reason.
set -euo pipefail
srctree=$(cd "$(dirname "$0")/.." && pwd)
cd "$srctree"
B=$srctree/build
plugin=$B/perf-icount/libicount.so
logs=$B/bench-pvdrv
me=$srctree/scripts/bench-pvdrv
here=$srctree/tools/testing/selftests/xen
mkdir -p "$logs"
parts=${BENCH_PVDRV_ONLY:-blk net evtchn}
for p in $parts; do
	case $p in blk|net|evtchn) ;; *) echo "bench-pvdrv: BENCH_PVDRV_ONLY=$p: not blk, net or evtchn" >&2; exit 2 ;; esac
done

fail() { echo "bench-pvdrv: $*" >&2; exit 1; }

[ -f "$B/defconfig/.config" ] || make O="$B/defconfig" defconfig >/dev/null
make O="$B/defconfig" -j2 >/dev/null
make -C tools/perf-icount O="$B/perf-icount" >/dev/null
XEN_GZ=/boot/xen-4.17-amd64.gz
if [ ! -f "$XEN_GZ" ]; then
	echo "bench-pvdrv: skipped: no $XEN_GZ (scripts/setup-deps.sh xen)"
	exit 0
fi
zcat "$XEN_GZ" > "$logs/xen.elf"
build_dir=$B QEMU=qemu-system-x86_64
. "$here/lib/xen-mode.sh"
. "$here/lib/refdom0.sh"

# The icount line of window W (section S if given): "insns nonop syscalls".
window() {	# ICOUNT W [S]
	sed -n "s/^icount: ${3:+section=$3 }bench=$2 runs=1 insns=\([0-9]*\) nonop=\([0-9]*\) syscalls=\([0-9]*\).*/\1 \2 \3/p" "$1" | head -n 1
}

# The instructions of per-op window W, however many times it ran (the
# plugin sums them): our tests' and pvdrv_linux's, above PVBENCH_BOOT.
opwin() {	# ICOUNT W
	sed -n "s/^icount: bench=$2 runs=[0-9]* insns=\([0-9]*\) .*/\1/p" "$1" | head -n 1
}

# Debian's Linux as a PV domU: busybox, the module MOD and pvdrv_linux,
# /init running "pvdrv_linux ARGS..." once DEVICE exists, then powering off.
linux_initrd() {	# OUT MOD DEVICE ARGS...
	local out=$1 mod=$2 dev=$3 r=$1.root kver f

	shift 3
	kver=$(refdom0_kpkg); kver=${kver#linux-image-}
	f=$(modinfo -k "$kver" -F filename "$mod") || return 1
	rm -rf "$r" && mkdir -p "$r/bin" "$r/proc" "$r/sys" "$r/dev"
	cp /bin/busybox "$r/bin/busybox"
	cp "$f" "$r/$mod.ko"
	cp "$logs/pvdrv_linux" "$r/bin/pvdrv_linux"
	cat > "$r/init" <<-INIT
	#!/bin/busybox sh
	/bin/busybox mount -t proc proc /proc
	/bin/busybox mount -t sysfs sysfs /sys
	/bin/busybox mount -t devtmpfs devtmpfs /dev
	/bin/busybox insmod /$mod.ko
	i=0
	while [ ! -e $dev ] && [ \$i -lt 100 ]; do /bin/busybox sleep 0.1; i=\$((i + 1)); done
	/bin/pvdrv_linux $* && /bin/busybox echo "pvdrv-linux: done"
	/bin/busybox sleep 2
	/bin/busybox poweroff -f
	INIT
	chmod +x "$r/init"
	(cd "$r" && find . | cpio -o -H newc --quiet | gzip -1) > "$out"
	rm -rf "$r"
}

# One run of the reference dom0 with plan "NAME WINDOW"... from $ov/domu
# (configs already there); every domain must have powered off itself.
pv_run() {	# PART "NAME WINDOW"...
	local part=$1 ov=$logs/$1.overlay w d
	shift
	printf '%s\n' "$@" > "$ov/domu/bench"
	cp "$B/perf-icount/marker" "$ov/domu/marker"
	cp "$me/dom0-setup.sh" "$ov/domu/setup.sh"
	echo "$part" > "$ov/domu/pvdrv"
	echo "bench-pvdrv: $part: QEMU run (log $logs/$part.console)"
	refdom0_boot "$logs/$part.console" "$logs/xen.elf" "$ov" 1G 384M 400 180 \
		-plugin "$plugin" -d plugin -D "$logs/$part.icount" </dev/null || true
	! grep -a '^REFDOM0: PVDRV setup: ' "$logs/$part.console" ||
		fail "$part: dom0's set-up failed (see $logs/$part.console)"
	for w in "$@"; do
		d=${w% *}
		grep -aq "^REFDOM0: BENCH $d RESULT xl_rc=0 reason=0 " "$logs/$part.console" ||
			fail "$part: $d did not power off (see $logs/$part.console)"
		[ -n "$(window "$logs/$part.icount" "${w#* }")" ] ||
			fail "$part: no window ${w#* } ($d) in $logs/$part.icount"
	done
}

# The domU's console lines matching RE (REFDOM0-CON NAME: prefix dropped).
con() {	# PART NAME RE
	grep -a "^REFDOM0-CON $2: " "$logs/$1.console" | tr -d '\r' | sed "s/^REFDOM0-CON $2: //" |
		grep -a -- "$3" || true
}

# Did our case CASE pass?  Its KTAP line, after the console's timestamp.
passed() {	# PART NAME CASE
	con "$1" "$2" " ok [0-9]* $3\$" | grep -v ' not ok ' | grep -q .
}

per() { echo "scale=1; $1 / $2" | bc; }	# A B: A/B to a tenth

pv_setup() {	# PART MODS: the overlay, with Debian's backend modules
	local ov=$logs/$1.overlay kver m f
	rm -rf "$ov" && mkdir -p "$ov/domu/mods"
	kver=$(refdom0_kpkg); kver=${kver#linux-image-}
	for m in $2; do
		f=$(modinfo -k "$kver" -F filename "$m") || fail "no module $m for $kver"
		cp "$f" "$ov/domu/mods/$m.ko"
	done
	cp "$B/defconfig/vmlinux" "$ov/domu/vmlinux"
	cp "$B/refdom0/vmlinuz" "$ov/domu/linux"
}

part_blk() {
	local ov=$logs/blk.overlay disk line w r i iops kib o
	disk="disk = [ 'format=raw, vdev=xvda, access=rw, backendtype=phy, script=/domu/blk-hotplug, target=/dev/loop0' ]"
	pv_setup blk "xen-blkback loop"
	cp "$here/blk/blk-hotplug" "$ov/domu/blk-hotplug"
	linux_initrd "$ov/domu/linux.cpio.gz" xen-blkfront /dev/xvda blk /dev/xvda ||
		fail "blk: Linux's initramfs did not build"
	{ refdom0_guest_cfg blk-ours "ktest.filter=xen_blkfront.blk_throughput blk_test.sectors=65536" 128
	  echo "$disk"; } > "$ov/domu/blk-ours.cfg"
	{ refdom0_guest_cfg blk-linux "console=hvc0 quiet" 128 128 1 /domu/linux /domu/linux.cpio.gz
	  echo "$disk"; } > "$ov/domu/blk-linux.cfg"
	pv_run blk "blk-ours 50" "blk-linux 51"
	line=$(con blk blk-ours 'sequential 8 MiB: write')
	[ -n "$line" ] && passed blk blk-ours blk_throughput ||
		fail "blk: our blk_throughput gave no figures or failed (see $logs/blk.console)"
	w=$(echo "$line" | sed -n 's/.*write \([0-9]*\) MB\/s, read \([0-9]*\) MB\/s; 4 KiB random reads: \([0-9]*\) IOPS at depth 1, \([0-9]*\) at depth 32.*/\1 \2 \3 \4/p')
	[ -n "$w" ] || fail "blk: cannot read our figures: $line"
	set -- $w
	echo "bench: blk.ours.seq_write_MBps $1"
	echo "bench: blk.ours.seq_read_MBps $2"
	echo "bench: blk.ours.rand4k_iops $3"
	echo "bench: blk.ours.rand4k_qd32_iops $4"
	# blk_throughput moves 8 MiB each way and 512 4 KiB reads at each depth.
	o=$(( (16 << 10) + 2 * 512 * 4 ))
	line=$(con blk blk-linux '^pvdrv-blk: ')
	con blk blk-linux '^pvdrv-linux: done' | grep -q . && [ -n "$line" ] ||
		fail "blk: Linux's pvdrv_linux gave no figures (see $logs/blk.console)"
	set -- $line
	echo "bench: blk.linux.seq_write_MBps $3"
	echo "bench: blk.linux.seq_read_MBps $5"
	echo "bench: blk.linux.rand4k_iops $7"
	kib=$9
	for r in "ours 50 $o 43" "linux 51 $kib 46"; do
		set -- $r
		i=$(window "$logs/blk.icount" "$2")
		i=${i%% *}
		echo "bench: blk.$1.xl_create_to_end $i insn"
		echo "bench: blk.$1.insn_per_KiB $(per "$i" "$3") insn/KiB (whole domain, boot included, over $3 KiB moved)"
		# The I/O alone (the guest's windows: guest, Xen and dom0's
		# blkback alike, all that ran on the one CPU meanwhile).
		w=$4
		for n in seq_write:8192 seq_read:8192 rand4k:2048; do
			i=$(opwin "$logs/blk.icount" "$w")
			[ -n "$i" ] || fail "blk: no window $w ($1's ${n%:*}) in $logs/blk.icount"
			echo "bench: blk.$1.${n%:*}_insn_per_KiB $(per "$i" "${n#*:}") insn/KiB"
			w=$((w + 1))
		done
	done
}

part_net() {
	local ov=$logs/net.overlay vif line sent rx r i n
	vif="vif = [ 'mac=00:16:3e:4e:46:02, ip=10.0.0.2, script=/domu/vif-hotplug' ]"
	pv_setup net "xen-netback"
	cp "$here/net/vif-hotplug" "$ov/domu/vif-hotplug"
	printf 'net-ours ping\nnet-linux noping\n' > "$ov/domu/pvdrv-net"
	linux_initrd "$ov/domu/linux.cpio.gz" xen-netfront /sys/class/net/eth0 net eth0 4000 ||
		fail "net: Linux's initramfs did not build"
	{ refdom0_guest_cfg net-ours "ktest.filter=xen_netfront.net_connected_with_harness_mac,xen_netfront.net_arp_reply,xen_netfront.net_tx_rate,xen_netfront.net_dom0_counted net_test.mac=00:16:3e:4e:46:02 net_test.ip=10.0.0.2 net_test.peer=10.0.0.1" 128
	  echo "$vif"; } > "$ov/domu/net-ours.cfg"
	{ refdom0_guest_cfg net-linux "console=hvc0 quiet" 128 128 1 /domu/linux /domu/linux.cpio.gz
	  echo "$vif"; } > "$ov/domu/net-linux.cfg"
	pv_run net "net-ours 52" "net-linux 53"
	passed net net-ours net_tx_rate ||
		fail "net: our net_tx_rate failed (see $logs/net.console)"
	line=$(con net net-ours 'netfront-tx-rate: ')
	r=$(echo "$line" | sed -n 's/.* \([0-9]*\) frames\/s (polling).*/\1/p')
	sent=$(con net net-ours 'netfront-tx-total: ' | sed -n 's/.*: \([0-9]*\) frames sent.*/\1/p')
	[ -n "$r" ] && [ -n "$sent" ] || fail "net: no rate or total from ours (see $logs/net.console)"
	echo "bench: net.ours.tx64_fps $r"
	echo "bench: net.ours.tx64_fps_blocking $(con net net-ours 'netfront-tx-rate-block: ' | sed -n 's/.* \([0-9]*\) frames\/s (blocking).*/\1/p')"
	line=$(con net net-linux '^pvdrv-net: sent ')
	con net net-linux '^pvdrv-linux: done' | grep -q . && [ -n "$line" ] ||
		fail "net: Linux's pvdrv_linux gave no figures (see $logs/net.console)"
	echo "bench: net.linux.tx64_fps $(echo "$line" | sed -n 's/.*: \([0-9]*\) frames\/s/\1/p')"
	# dom0's count: every frame each guest said it sent reached netback
	# (ours also answered ARP and dom0's ping: a few more).
	for r in "ours 52 $sent" "linux 53 4000"; do
		set -- $r
		rx=$(grep -a "^REFDOM0: PVDRV stat net-$1 vif[0-9]*\.0 rx_packets " "$logs/net.console" |
		     tr -d '\r' | tail -n 1 | sed 's/.* //')
		[ -n "$rx" ] && [ "$rx" -ge "$3" ] && [ "$rx" -le $(($3 + 8)) ] ||
			fail "net: dom0's vif of net-$1 received ${rx:-no count of} frames, the guest sent $3 (see $logs/net.console)"
		echo "bench: net.$1.dom0_rx_packets $rx frames (the guest sent $3)"
		i=$(window "$logs/net.icount" "$2")
		i=${i%% *}
		echo "bench: net.$1.xl_create_to_end $i insn"
		echo "bench: net.$1.insn_per_frame $(per "$i" "$3") insn/frame (whole domain, boot included)"
	done
	# The sending alone, 4000 frames each (ours: the polling run's
	# window, which spins on the ring, and the blocking run's).
	for r in "ours 41 tx64" "ours 42 tx64_blocking" "linux 49 tx64"; do
		set -- $r
		i=$(opwin "$logs/net.icount" "$2")
		[ -n "$i" ] || fail "net: no window $2 ($1's sending) in $logs/net.icount"
		echo "bench: net.$1.${3}_insn_per_frame $(per "$i" 4000) insn/frame"
	done
}

part_evtchn() {
	local v args a abi id it i
	for v in fifo 2l; do
		args="console=com1 com1=115200,8n1 dom0_mem=256M,max:256M dom0_max_vcpus=1 loglvl=all guest_loglvl=all cpuid=no-rdtscp"
		a="debug_exit=0xf4 pvbench"
		[ $v = fifo ] || a="$a xen_fifo_events=0"
		echo "bench-pvdrv: evtchn_$v: QEMU run (log $logs/evtchn_$v.console)"
		timeout 300 qemu-system-x86_64 -accel tcg -cpu max -m 512M -smp 1 \
			-nographic -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
			-kernel "$logs/xen.elf" -append "$args" -initrd "$B/defconfig/vmlinux $a" \
			-plugin "$plugin" -d plugin -D "$logs/evtchn_$v.icount" \
			> "$logs/evtchn_$v.console" 2>&1 </dev/null || true
		grep -q "pvbench: done" "$logs/evtchn_$v.console" ||
			fail "evtchn_$v did not finish (see $logs/evtchn_$v.console)"
		# The ABI the kernel chose: a 2-level figure from FIFO is no figure.
		abi=FIFO; [ $v = fifo ] || abi=2-level
		grep -aq "xen: events: $abi ABI" "$logs/evtchn_$v.console" ||
			fail "evtchn_$v: the kernel did not use the $abi ABI (see $logs/evtchn_$v.console)"
		read -r id it <<< "$(sed -n 's/.*pvbench: bench \([0-9]*\) evtchn_roundtrip iterations \([0-9]*\).*/\1 \2/p' "$logs/evtchn_$v.console" | head -n 1)"
		[ -n "$id" ] || fail "evtchn_$v: no evtchn_roundtrip line (see $logs/evtchn_$v.console)"
		i=$(window "$logs/evtchn_$v.icount" "$id")
		[ -n "$i" ] || fail "evtchn_$v: no window $id in $logs/evtchn_$v.icount"
		echo "bench: evtchn_roundtrip.$v $(echo "scale=3; ${i%% *} / $it" | bc) insn/iter"
	done
}

for p in $parts; do
	if [ "$p" != evtchn ]; then
		if ! why=$(refdom0_check); then
			echo "bench-pvdrv: $p skipped: $why"
			continue
		fi
		refdom0_build "$B/refdom0" > "$logs/refdom0.log" 2>&1 ||
			fail "the reference dom0 did not build (see $logs/refdom0.log)"
		gcc -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -static -o "$logs/pvdrv_linux" \
			"$me/pvdrv_linux.c" || fail "pvdrv_linux.c did not build"
	fi
	"part_$p"
done
