#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# setup-deps.sh - install what building and testing this kernel needs.
#
# Idempotent and quick when everything is present: one dpkg-query for all
# packages, apt-get only for what is missing.  QEMU 10 comes from
# bookworm-backports; its apt source is derived from the system's own
# /etc/apt/sources.list.d/debian.sources (same mirror, same keyring), so no
# archive host name is written here.
#
# Usage: scripts/setup-deps.sh [GROUP...]   groups: build test fuzz bench xen
#        (default: build test fuzz)
#
# bench also needs the QEMU TCG plugin API header, which Debian does not
# package: it is taken from the source of the installed QEMU (the orig
# tarball, fetched with a private apt state so the system's sources stay
# as they are) into /usr/local/share/qemu-plugin-api/VERSION/.
# Environment: NO_APT=1 only reports what is missing.
set -euo pipefail

declare -A group=(
	[build]="gcc make binutils python3 python3-kconfiglib libxen-dev"
	[test]="qemu-system-x86 qemu-system-data sparse coccinelle grub-pc-bin grub-common xorriso mtools gdb binutils"
	[fuzz]="clang libfuzzer-14-dev libclang-rt-14-dev"
	[bench]="libglib2.0-dev pkg-config linux-image-amd64 busybox-static cpio"
	[xen]="xen-hypervisor-4.17-amd64"
)
# Packages that must come from backports (QEMU 10: plugins, SVM fixes).
backports="qemu-system-x86 qemu-system-data"

want=${*:-build test fuzz}
pkgs=
for g in $want; do
	[ -n "${group[$g]+x}" ] || { echo "setup-deps: unknown group '$g'" >&2; exit 2; }
	pkgs="$pkgs ${group[$g]}"
done

# One dpkg-query for every package: lines "name status version".
missing=
while read -r name status version; do
	case "$status" in
	installed) ;;
	*) missing="$missing $name"; continue ;;
	esac
	# QEMU must be the backports build (major version 10 or later).
	if [[ " $backports " == *" $name "* ]]; then
		major=${version#*:}; major=${major%%.*}
		[ "$major" -ge 10 ] 2>/dev/null || missing="$missing $name"
	fi
done < <(dpkg-query -W -f='${Package} ${db:Status-Status} ${Version}\n' $pkgs 2>/dev/null || true)
# Packages dpkg has never heard of print nothing: add them too.
for p in $pkgs; do
	dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -q '^installed$' || {
		[[ " $missing " == *" $p "* ]] || missing="$missing $p"; }
done

# The first Suites: bookworm stanza of the system's sources, re-pointed.
derive_backports() {	# TYPES
	awk -v types="$1" 'BEGIN { RS = ""; ORS = "\n\n" }
	     /\nSuites:[^\n]*bookworm( |\n|$)/ && !done {
		sub(/\nSuites:[^\n]*/, "\nSuites: bookworm-backports")
		sub(/^Types:[^\n]*/, "Types: " types); print; done = 1 }' \
		/etc/apt/sources.list.d/debian.sources
}

plugin_header() {
	local ver dir tmp opts tarball

	ver=$(dpkg-query -W -f='${Version}' qemu-system-x86 2>/dev/null) || return 0
	dir=/usr/local/share/qemu-plugin-api/${ver//:/_}
	[ -f "$dir/qemu-plugin.h" ] && return 0
	if [ "${NO_APT:-0}" = 1 ] || [ "$(id -u)" != 0 ]; then
		echo "setup-deps: missing $dir/qemu-plugin.h (run as root)" >&2
		return 1
	fi
	echo "setup-deps: fetching the QEMU $ver plugin API header"
	tmp=$(mktemp -d)
	mkdir -p "$tmp/parts" "$tmp/lists/partial"
	derive_backports deb-src > "$tmp/parts/src.sources"
	opts=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$tmp/parts"
	      -o "Dir::State::Lists=$tmp/lists" -o APT::Sandbox::User=root)
	apt-get "${opts[@]}" update -qq
	# The .dsc of a backport may be gone from the archive; the orig tarball
	# (the upstream source, which is all we need) is what counts.
	(cd "$tmp" && apt-get "${opts[@]}" source --download-only -qq "qemu=$ver" \
		>/dev/null 2>&1) || true
	tarball=$(ls "$tmp"/qemu_*.orig.tar.* 2>/dev/null | head -1)
	if [ -z "$tarball" ]; then
		rm -rf "$tmp"
		echo "setup-deps: could not download the QEMU $ver source" >&2
		return 1
	fi
	tar -xf "$tarball" -C "$tmp" --wildcards '*/include/qemu/qemu-plugin.h'
	install -D -m 644 "$tmp"/qemu-*/include/qemu/qemu-plugin.h "$dir/qemu-plugin.h"
	rm -rf "$tmp"
}

want_header() { [[ " $want " == *" bench "* ]]; }

if [ -z "$missing" ]; then
	if want_header; then
		plugin_header
	fi
	exit 0
fi
if [ "${NO_APT:-0}" = 1 ]; then
	echo "setup-deps: missing:$missing" >&2
	exit 1
fi
if [ "$(id -u)" != 0 ]; then
	echo "setup-deps: missing:$missing (run as root to install)" >&2
	exit 1
fi

bpo_list=/etc/apt/sources.list.d/bookworm-backports.sources
need_bpo=
for p in $missing; do
	[[ " $backports " == *" $p "* ]] && need_bpo=1
done
if [ -n "$need_bpo" ] && [ ! -e "$bpo_list" ]; then
	src=/etc/apt/sources.list.d/debian.sources
	[ -r "$src" ] || { echo "setup-deps: no $src to derive backports from" >&2; exit 1; }
	# Keep the first stanza whose Suites names plain "bookworm" (the main
	# archive, not -security), and point it at bookworm-backports.
	derive_backports deb > "$bpo_list.tmp"
	grep -q '^Suites: bookworm-backports' "$bpo_list.tmp" ||
		{ rm -f "$bpo_list.tmp"; echo "setup-deps: cannot derive backports source" >&2; exit 1; }
	mv "$bpo_list.tmp" "$bpo_list"
fi

echo "setup-deps: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
plain= bpo=
for p in $missing; do
	if [[ " $backports " == *" $p "* ]]; then
		bpo="$bpo $p"
	else
		plain="$plain $p"
	fi
done
[ -z "$plain" ] || apt-get install -y -qq --no-install-recommends $plain
# -t lets QEMU's own dependencies (qemu-system-common, seabios) follow it.
[ -z "$bpo" ] || apt-get install -y -qq --no-install-recommends \
	-t bookworm-backports $bpo
if want_header; then
	plugin_header
fi
exit 0
