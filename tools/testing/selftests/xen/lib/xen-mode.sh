# SPDX-License-Identifier: GPL-2.0
# Shared by the xen-* modes (sourced by modes/xen-*.sh; not a mode): Debian's
# Xen 4.17 booted by QEMU's multiboot loader with a vmlinux as its dom0
# module, one vCPU, judged as KTAP plus Xen's own console.
XEN_GZ=${XEN_GZ:-/boot/xen-4.17-amd64.gz}

xen_args() {	# DOM0_MEM|all [DOM0_VCPUS]: Xen's command line
	local mem="dom0_mem=$1,max:$1"

	[ "$1" != all ] || mem=			# all: what Xen leaves of the host
	echo "console=com1 com1=115200,8n1 $mem dom0_max_vcpus=${2:-1}" \
	     "loglvl=all guest_loglvl=all cpuid=no-rdtscp"
}

xen_mode_check() {
	command -v "$QEMU" >/dev/null || { echo "no $QEMU"; return 1; }
	[ -f "$XEN_GZ" ] || { echo "no Xen at $XEN_GZ (scripts/setup-deps.sh xen)"; return 1; }
}

# QEMU's multiboot loader takes an ELF, not Debian's gzipped image.
xen_elf() {	# LOG: prints the path of the unpacked hypervisor
	local xen=${1%.log}.xen-syms

	zcat "$XEN_GZ" > "$xen" && echo "$xen"
}

xen_boot() {	# LOG KERNEL HOST_MEM XEN_ARGS DOM0_ARGS [HOST_CPUS]
	local xen

	xen=$(xen_elf "$1") || return 2
	# In -initrd a comma separates modules: a literal one is doubled.
	timeout "$timeout" "$QEMU" -M pc -accel tcg -cpu max -m "$3" -smp "${6:-1}" -nographic -no-reboot \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-kernel "$xen" -append "$4" -initrd "$2 ${5//,/,,}" > "$1" 2>&1
}

# The runner's expect list (MODE_EXPECT, MODE_SUITES) with the Xen checks.
xen_judge() {	# LOG
	"$PYTHON" "$here/ktap.py" --xen --exit-status "$status" "${expect[@]}" "$1"
}
