#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# setup-deps.sh - install what building and testing this kernel needs.
#
# Idempotent and quick when everything is present: one dpkg-query for all
# packages, apt-get only for what is missing.  QEMU 10 comes from
# bookworm-backports; its apt source is derived by scripts/apt-backports.sh
# from the system's own sources (deb822 or one-line: same mirror, same
# keyring and options), so no archive host name is written here.  That
# one file, /etc/apt/sources.list.d/bookworm-backports.{sources,list}, is
# the only change made to the apt configuration, and only if no enabled
# source names bookworm-backports already.
#
# Usage: scripts/setup-deps.sh [GROUP...]   groups: build test fuzz bench xen domu xenlab hvm
# (domu: the reference dom0 of mode xen-pv-domU, Debian's Linux and xl)
# (hvm: the HVM guest's device model, Debian's qemu-system-xen, and SeaBIOS, for
#  the reference dom0 of mode xen-hvm-domU; hvmloader is in xen-utils)
# (xenlab: the tools scripts/xen-lab/build-xen.sh needs, Xen's hypervisor build deps)
#        (default: build test fuzz)
#
# bench also needs the QEMU TCG plugin API header, which Debian does not
# package: it is taken from the source of the installed QEMU (the orig
# tarball, fetched with a private apt state and a deb-src entry derived the
# same way, so the system's sources and lists stay as they are) into
# /usr/local/share/qemu-plugin-api/VERSION/.
#
# Installing needs root: as another user it says so, then uses sudo if
# there is one, else stops with the list of what is missing.
# Environment: NO_APT=1 only reports what is missing.  For
# setup-deps-selftest.sh only: SETUP_DEPS_SUDO names the sudo to use,
# SETUP_DEPS_TEST_PKGS makes a group "selftest" of (made-up) packages.
set -euo pipefail

declare -A group=(
	[build]="gcc make binutils python3 python3-kconfiglib libxen-dev"
	[test]="qemu-system-x86 qemu-system-data sparse coccinelle grub-pc-bin grub-common xorriso mtools gdb binutils"
	[fuzz]="clang libfuzzer-14-dev libclang-rt-14-dev"
	[bench]="libglib2.0-dev pkg-config linux-image-amd64 busybox-static cpio strace"
	[xen]="xen-hypervisor-4.17-amd64"
	[domu]="xen-utils-4.17 xen-utils-common xenstore-utils linux-image-amd64 busybox-static cpio"
	[xenlab]="gcc make binutils flex bison python3 xz-utils patch"
	[hvm]="qemu-system-xen seabios xen-utils-4.17 grub-pc-bin grub-common xorriso"
)
[ -z "${SETUP_DEPS_TEST_PKGS:-}" ] || group[selftest]=$SETUP_DEPS_TEST_PKGS

# bench: the headers of the kernel linux-image-amd64 depends on (the
# reference dom0's, refdom0_kpkg in tools/testing/selftests/xen/lib/
# refdom0.sh), for tools/perf-icount/linux's module; from the candidate
# when linux-image-amd64 is not installed yet.
linux_headers() {
	local dep

	dep=$(dpkg-query -W -f='${Depends}' linux-image-amd64 2>/dev/null || true)
	[ -n "$dep" ] || dep=$(apt-cache show --no-all-versions linux-image-amd64 2>/dev/null |
			       sed -n 's/^Depends: //p')
	dep=$(echo "$dep" | sed -n 's/^linux-image-\([^ ,]*\).*/\1/p')
	[ -z "$dep" ] || echo "linux-headers-$dep"
}
group[bench]="${group[bench]} $(linux_headers)"
sudo=${SETUP_DEPS_SUDO:-sudo}
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

here=$(cd "$(dirname "$0")" && pwd)

# as_root WHY COMMAND...: run COMMAND as root, saying (once per WHY) when
# that takes sudo.
said=
as_root() {
	local why=$1

	shift
	if [ "$(id -u)" = 0 ]; then
		"$@"
	elif command -v "$sudo" >/dev/null; then
		[[ $said == *"|$why|"* ]] || echo "setup-deps: root needed to $why: using sudo" >&2
		said="$said|$why|"
		"$sudo" "$@"
	else
		echo "setup-deps: root needed to $why, and there is no sudo: run as root" >&2
		return 1
	fi
}

plugin_header() {
	local ver dir tmp opts tarball

	ver=$(dpkg-query -W -f='${Version}' qemu-system-x86 2>/dev/null) || return 0
	dir=/usr/local/share/qemu-plugin-api/${ver//:/_}
	[ -f "$dir/qemu-plugin.h" ] && return 0
	if [ "${NO_APT:-0}" = 1 ]; then
		echo "setup-deps: missing $dir/qemu-plugin.h" >&2
		return 1
	fi
	echo "setup-deps: fetching the QEMU $ver plugin API header"
	tmp=$(mktemp -d)
	mkdir -p "$tmp/lists/partial" "$tmp/cache"
	"$here/apt-backports.sh" --type deb-src --out "$tmp/parts" >/dev/null ||
		{ rm -rf "$tmp"; return 1; }
	# A private apt: these sources only, its own lists and cache.
	opts=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$tmp/parts"
	      -o "Dir::State::Lists=$tmp/lists" -o "Dir::Cache=$tmp/cache"
	      -o APT::Sandbox::User="$(id -un)")
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
	as_root "install the plugin header in $dir" \
		install -D -m 644 "$tmp"/qemu-*/include/qemu/qemu-plugin.h "$dir/qemu-plugin.h" ||
		{ rm -rf "$tmp"; return 1; }
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
need_bpo=
for p in $missing; do
	[[ " $backports " == *" $p "* ]] && need_bpo=1
done
if [ -n "$need_bpo" ] && ! "$here/apt-backports.sh" --present 2>/dev/null; then
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	# Same mirror and options as the system's own bookworm entry.
	bpo=$("$here/apt-backports.sh" --out "$tmp") ||
		{ echo "setup-deps: cannot add bookworm-backports (QEMU 10 comes from there)" >&2; exit 1; }
	# Never replace a file of the user's (a disabled backports entry, say).
	if [ -e "/etc/apt/sources.list.d/${bpo##*/}" ]; then
		echo "setup-deps: /etc/apt/sources.list.d/${bpo##*/} exists but enables no" \
		     "bookworm-backports entry; enable it (QEMU 10 comes from there) or move it away" >&2
		exit 1
	fi
	echo "setup-deps: adding /etc/apt/sources.list.d/${bpo##*/}:"
	sed 's/^/	/' "$bpo"
	as_root "add the bookworm-backports apt source" \
		install -m 644 "$bpo" /etc/apt/sources.list.d/ || exit 1
fi

echo "setup-deps: installing:$missing"
apt() { as_root "install packages" env DEBIAN_FRONTEND=noninteractive apt-get "$@"; }
apt update -qq || { echo "setup-deps: missing:$missing" >&2; exit 1; }
plain= bpo=
for p in $missing; do
	if [[ " $backports " == *" $p "* ]]; then
		bpo="$bpo $p"
	else
		plain="$plain $p"
	fi
done
[ -z "$plain" ] || apt install -y -qq --no-install-recommends $plain
# -t lets QEMU's own dependencies (qemu-system-common, seabios) follow it.
[ -z "$bpo" ] || apt install -y -qq --no-install-recommends \
	-t bookworm-backports $bpo
if want_header; then
	plugin_header
fi
exit 0
