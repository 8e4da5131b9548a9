#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-xen.sh - the lab hypervisor for PVH and HVM guests under QEMU TCG:
# Debian's own xen source package, rebuilt (hypervisor only, with the
# installed package's .config) with one extra patch, svm-sync-cr2.patch
# next to this file.  Prints the path of the resulting ELF (multiboot
# loadable by QEMU -kernel).
#
#   build-xen.sh [--print-key]
#
# Why: QEMU TCG's SVM emulation reports every MOV-from-CRn as a CR0 read;
# Xen 4.17 then emulates the MOV and hands the guest its cached CR2, which
# SVM never refreshes from the VMCB, so every HAP guest's first page fault
# sees a stale address and the vCPU halts (svm-sync-cr2.patch says more).
# Real hardware reports CR2 reads correctly: a user there needs the stock
# hypervisor, nothing else.  QEMU's second bug (RDTSCP exits as RDTSC) is
# avoided by booting Xen with cpuid=no-rdtscp, not by patching.  PV modes
# keep the stock /boot/xen-4.17-amd64.gz.
#
# Invariants: nothing under the source tree is written; the system's apt
# configuration and lists are untouched (a private apt state, its deb-src
# entry derived from the system's own sources by scripts/apt-backports.sh,
# so no archive host is named here).  The result is cached outside the
# checkout, in ${XDG_CACHE_HOME:-$HOME/.cache}/pvkernel/xen-lab/KEY/, KEY
# being the Debian source version, the sha256 of the patch and of this
# script: a second run (a clean clone's make check too) finds it and
# builds nothing.  The build is CPU heavy: run it under the same lock as
# QEMU (make check is, as a whole; by hand: flock /tmp/qemu.lock).  Build
# tools: scripts/setup-deps.sh xenlab.
#
# Environment: XEN_LAB_CACHE (cache directory), XEN_SRC_VERSION (the
# source version to use; default the newest one apt offers).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
srctree=$(cd "$here/../.." && pwd)
patch_file=$here/svm-sync-cr2.patch
cache=${XEN_LAB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pvkernel/xen-lab}
xenver=4.17
apt_dir=$cache/apt

mkdir -p "$cache"
# A private apt: the derived deb-src entry only, its own lists and cache.
apt_opts=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$apt_dir/parts"
	  -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache"
	  -o "Dir::State::status=/dev/null" -o APT::Sandbox::User="$(id -un)")

src_versions() { apt-cache "${apt_opts[@]}" showsrc xen 2>/dev/null | sed -n 's/^Version: //p'; }

# The lists are fetched once; later runs read them without the network.
if [ -z "$(src_versions)" ]; then
	rm -rf "$apt_dir"
	mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache"
	"$srctree/scripts/apt-backports.sh" --type deb-src --suite bookworm \
		--out "$apt_dir/parts" >/dev/null
	apt-get "${apt_opts[@]}" update -qq >&2
fi
ver=${XEN_SRC_VERSION:-$(src_versions | sort -V | tail -n 1)}
[ -n "$ver" ] || { echo "build-xen: apt offers no xen source package" >&2; exit 1; }
key=$ver-$(cat "$patch_file" "$0" | sha256sum | cut -c1-16)
out=$cache/$key
if [ "${1:-}" = --print-key ]; then
	echo "$key"
	exit 0
fi
if [ -f "$out/xen-syms" ]; then
	echo "$out/xen-syms"
	exit 0
fi

build() {
	local w=$out.work

	rm -rf "$w"
	mkdir -p "$w"
	echo "build-xen: Debian xen $ver + $(basename "$patch_file"), in $w" >&2
	(cd "$w" && apt-get "${apt_opts[@]}" source --download-only -qq "xen=$ver") >&2
	mkdir "$w/tree"
	tar -C "$w/tree" --strip-components=1 -xf "$w"/xen_*.orig.tar.*
	tar -C "$w/tree" -xf "$w"/xen_*.debian.tar.*
	# Debian's own patch series first, as its build does (quilt order).
	while read -r p; do
		case $p in ''|'#'*) continue ;; esac
		patch -d "$w/tree" -p1 -s < "$w/tree/debian/patches/${p%% *}"
	done < "$w/tree/debian/patches/series"
	patch -d "$w/tree" -p1 < "$patch_file" >&2
	cp "/boot/xen-$xenver-amd64.config" "$w/tree/xen/.config"
	make -C "$w/tree/xen" olddefconfig > "$w/build.log" 2>&1
	if ! make -C "$w/tree/xen" -j"$(nproc)" >> "$w/build.log" 2>&1; then
		tail -n 30 "$w/build.log" >&2
		echo "build-xen: build failed, log in $w/build.log" >&2
		return 1
	fi
	mkdir -p "$out.tmp"
	cp "$w/tree/xen/xen" "$out.tmp/xen-syms"
	cp "$w/build.log" "$out.tmp/"
	echo "$ver" > "$out.tmp/source-version"
	rm -rf "$out" && mv "$out.tmp" "$out"
	rm -rf "$w"
}
[ -f "/boot/xen-$xenver-amd64.config" ] ||
	{ echo "build-xen: no /boot/xen-$xenver-amd64.config (scripts/setup-deps.sh xen)" >&2; exit 1; }
build
echo "$out/xen-syms"
