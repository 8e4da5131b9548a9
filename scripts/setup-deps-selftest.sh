#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# setup-deps-selftest.sh - the backports derivation (apt-backports.sh) fed
# sample apt configurations in a temporary root: deb822 and one-line
# sources as the Debian installer, cloud images and users write them
# (options, several suites, security lines, comments, deb-src, cdrom,
# disabled stanzas, vendor repositories).  Each case checks the file
# written, byte for byte, and, where apt-get is installed, that apt's own
# parser reads it as a bookworm-backports source at the same mirror.  The
# input tree must be left exactly as it was.  Prints KTAP; exits non-zero
# on a failure.  Host names are RFC 2606 examples, not archives.
set -u
here=$(cd "$(dirname "$0")" && pwd)
derive=$here/apt-backports.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 bad=0
echo "KTAP version 1"
echo "1..17"

ok() { n=$((n + 1)); echo "ok $n $1"; }
notok() { n=$((n + 1)); bad=$((bad + 1)); echo "not ok $n $1 # $2"; }

# A fresh root; files given as NAME (relative to etc/apt) and text on stdin
# separated by lines "=== NAME".
mkroot() {
	local name= line
	rm -rf "$tmp/root" "$tmp/out"
	mkdir -p "$tmp/root/etc/apt/sources.list.d" "$tmp/root/var/lib/apt/lists"
	while IFS= read -r line; do
		if [[ $line == "=== "* ]]; then
			name=$tmp/root/${line#=== }
			mkdir -p "$(dirname "$name")"
			: > "$name"
		else
			printf '%s\n' "$line" >> "$name"
		fi
	done
}

# apt's own reading of OUT: "TYPE REPO-URI RELEASE COMPONENT" per target.
apt_reads() {
	apt-get -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$tmp/out" \
		-o Dir::State::Lists="$tmp/lists" -o Dir::Cache="$tmp/cache" \
		-o Dir::Etc::Trusted=/dev/null -o Dir::Etc::TrustedParts="$tmp/none" \
		indextargets --no-release-info --format '$(TARGET_OF) $(REPO_URI) $(RELEASE) $(COMPONENT)' \
		2>&1 | sort -u
}

# case NAME WANT-FILE WANT-TEXT [ARGS...]: derive into out/, compare.
check() {
	local name=$1 file=$2 want=$3 got sum0 sum1 apt_want apt_got
	shift 3
	mkdir -p "$tmp/lists" "$tmp/cache" "$tmp/none"
	sum0=$(cd "$tmp/root" && find . -type f | sort | xargs md5sum)
	got=$("$derive" --root "$tmp/root" --out "$tmp/out" "$@" 2>"$tmp/err")
	rc=$?
	sum1=$(cd "$tmp/root" && find . -type f | sort | xargs md5sum)
	if [ "$sum0" != "$sum1" ]; then
		notok "$name" "the input tree changed"
	elif [ "$file" = none ]; then
		if [ $rc = 1 ] && [ -s "$tmp/err" ] && [ ! -e "$tmp/out" ]; then
			ok "$name # refused: $(cat "$tmp/err")"
		else
			notok "$name" "wanted a refusal with a reason, got exit $rc, '$got'"
		fi
	elif [ $rc != 0 ] || [ "$got" != "$tmp/out/$file" ]; then
		notok "$name" "exit $rc, printed '$got', wanted $tmp/out/$file: $(cat "$tmp/err")"
	elif [ "$(cat "$tmp/out/$file")" != "$want" ]; then
		notok "$name" "wrote '$(tr '\n' '|' < "$tmp/out/$file")', wanted '$(echo "$want" | tr '\n' '|')'"
	elif command -v apt-get >/dev/null && [ -n "${APT_WANT:-}" ] &&
	     [ "$(apt_reads)" != "$APT_WANT" ]; then
		notok "$name" "apt reads '$(apt_reads | tr '\n' '|')', wanted '$(echo "$APT_WANT" | tr '\n' '|')'"
	else
		ok "$name"
	fi
	APT_WANT=
}

# --- deb822, as the installer of cloud and container images writes it ---
mkroot <<'EOF'
=== etc/apt/sources.list.d/debian.sources
# Main archive, with updates in the same stanza.
Types: deb deb-src
# a comment inside a stanza
URIs: http://mirror.example/debian
Suites: bookworm bookworm-updates
Components: main contrib non-free-firmware
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://security.example/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
APT_WANT=$'deb http://mirror.example/debian/ bookworm-backports contrib\ndeb http://mirror.example/debian/ bookworm-backports main\ndeb http://mirror.example/debian/ bookworm-backports non-free-firmware'
check deb822-installer bookworm-backports.sources "Types: deb
URIs: http://mirror.example/debian
Suites: bookworm-backports
Components: main contrib non-free-firmware
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg"

APT_WANT=$'deb-src http://mirror.example/debian/ bookworm-backports contrib\ndeb-src http://mirror.example/debian/ bookworm-backports main\ndeb-src http://mirror.example/debian/ bookworm-backports non-free-firmware'
check deb822-deb-src bookworm-backports.sources "Types: deb-src
URIs: http://mirror.example/debian
Suites: bookworm-backports
Components: main contrib non-free-firmware
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg" --type deb-src

# --- one-line /etc/apt/sources.list, as the Debian installer writes it ---
mkroot <<'EOF'
=== etc/apt/sources.list
#deb cdrom:[Debian GNU/Linux 12.5.0 _Bookworm_ - Official amd64 NETINST with firmware 20240210-11:27]/ bookworm contrib main non-free-firmware

deb http://mirror.example/debian/ bookworm main non-free-firmware
deb-src http://mirror.example/debian/ bookworm main non-free-firmware

deb http://security.example/debian-security bookworm-security main non-free-firmware
deb-src http://security.example/debian-security bookworm-security main non-free-firmware

# bookworm-updates, to get updates before a point release is made;
# see https://www.debian.org/doc/manuals/debian-reference/ch02.en.html#_updates_and_backports
deb http://mirror.example/debian/ bookworm-updates main non-free-firmware
deb-src http://mirror.example/debian/ bookworm-updates main non-free-firmware
EOF
APT_WANT=$'deb http://mirror.example/debian/ bookworm-backports main\ndeb http://mirror.example/debian/ bookworm-backports non-free-firmware'
check oneline-installer bookworm-backports.list \
	"deb http://mirror.example/debian/ bookworm-backports main non-free-firmware"
APT_WANT=$'deb-src http://mirror.example/debian/ bookworm-backports main\ndeb-src http://mirror.example/debian/ bookworm-backports non-free-firmware'
check oneline-deb-src bookworm-backports.list \
	"deb-src http://mirror.example/debian/ bookworm-backports main non-free-firmware" --type deb-src

# --- one-line with options, in sources.list.d, installed from a DVD ---
mkroot <<'EOF'
=== etc/apt/sources.list
deb cdrom:[Debian GNU/Linux 12.5.0 _Bookworm_ - Official amd64 DVD Binary-1 with firmware 20240210-11:28]/ bookworm contrib main non-free-firmware
=== etc/apt/sources.list.d/mirror.list
deb-src [ signed-by=/usr/share/keyrings/debian-archive-keyring.gpg ] https://mirror.example/debian bookworm main
  deb  [arch=amd64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg]   https://mirror.example/debian   bookworm   main   # trailing comment
EOF
APT_WANT=$'deb https://mirror.example/debian/ bookworm-backports main'
check oneline-options-cdrom bookworm-backports.list \
	"deb [arch=amd64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] https://mirror.example/debian bookworm-backports main"

# --- both formats: apt reads sources.list first, so its entry is copied ---
mkroot <<'EOF'
=== etc/apt/sources.list
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://first.example/debian bookworm main
=== etc/apt/sources.list.d/debian.sources
Types: deb
URIs: http://second.example/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
APT_WANT=$'deb http://first.example/debian/ bookworm-backports main'
check both-formats-apt-order bookworm-backports.list \
	"deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://first.example/debian bookworm-backports main"

# --- a vendor's "bookworm main" before Debian's: Debian's keyring wins ---
mkroot <<'EOF'
=== etc/apt/sources.list.d/a-vendor.list
deb [arch=amd64 signed-by=/usr/share/keyrings/vendor.gpg] https://vendor.example/debian/12/prod bookworm main
=== etc/apt/sources.list.d/debian.sources
Types: deb
URIs: http://mirror.example/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
check vendor-before-debian-keyring bookworm-backports.sources "Types: deb
URIs: http://mirror.example/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg"

# --- apt's lists say which unsigned one-line entry is Debian's ---
mkroot <<'EOF'
=== etc/apt/sources.list
deb http://vendor.example/repo bookworm main
deb http://mirror.example/debian bookworm main
=== var/lib/apt/lists/vendor.example_repo_dists_bookworm_InRelease
Origin: Vendor
Suite: bookworm
=== var/lib/apt/lists/mirror.example_debian_dists_bookworm_InRelease
-----BEGIN PGP SIGNED MESSAGE-----
Hash: SHA256

Origin: Debian
Label: Debian
Suite: oldstable
Codename: bookworm
EOF
check lists-origin-debian bookworm-backports.list \
	"deb http://mirror.example/debian bookworm-backports main"

# --- disabled and case-insensitive deb822, a key block kept whole ---
mkroot <<'EOF'
=== etc/apt/sources.list.d/old.sources
Enabled: no
Types: deb
URIs: http://old.example/debian
Suites: bookworm
Components: main
=== etc/apt/sources.list.d/z.sources
types: deb
URIS: http://mirror.example/debian
suites: bookworm
components: main
Architectures: amd64
Signed-By:
 -----BEGIN PGP PUBLIC KEY BLOCK-----
 .
 mDMEZexampleexampleexample
 -----END PGP PUBLIC KEY BLOCK-----
EOF
check deb822-disabled-casefold-keyblock bookworm-backports.sources "Types: deb
URIS: http://mirror.example/debian
Suites: bookworm-backports
components: main
Architectures: amd64
Signed-By:
 -----BEGIN PGP PUBLIC KEY BLOCK-----
 .
 mDMEZexampleexampleexample
 -----END PGP PUBLIC KEY BLOCK-----"

# --- nothing to derive from: a clear refusal, nothing written ---
mkroot <<'EOF'
=== etc/apt/sources.list
deb http://security.example/debian-security bookworm-security main
# deb http://mirror.example/debian bookworm main
deb http://mirror.example/debian trixie main
deb http://mirror.example/debian bookworm contrib
EOF
check refuse-no-bookworm-main none ""
mkroot <<'EOF'
=== etc/apt/sources.list.d/debian.sources
Types: deb
URIs: cdrom:/media/cdrom/
Suites: bookworm
Components: main
EOF
check refuse-cdrom-only none ""
mkroot < /dev/null
check refuse-no-sources none ""

# --- --present: an enabled backports source of that type is there ---
present() {	# NAME WANT-STATUS TYPE
	"$derive" --root "$tmp/root" --present --type "$3" 2>/dev/null
	if [ $? = "$2" ]; then ok "$1"; else notok "$1" "--present --type $3 should exit $2"; fi
}
mkroot <<'EOF'
=== etc/apt/sources.list
deb http://mirror.example/debian bookworm main
=== etc/apt/sources.list.d/bpo.sources
Types: deb
URIs: http://mirror.example/debian
Suites: bookworm-backports
Components: main
EOF
present present-deb822 0 deb
present present-other-type 1 deb-src
mkroot <<'EOF'
=== etc/apt/sources.list
deb http://mirror.example/debian bookworm main
# deb http://mirror.example/debian bookworm-backports main
=== etc/apt/sources.list.d/bpo.sources
Enabled: no
Types: deb
URIs: http://mirror.example/debian
Suites: bookworm-backports
Components: main
EOF
present present-not-when-disabled 1 deb

# --- not root: setup-deps says it needs root, then uses sudo or stops ---
# A made-up package is "missing"; a fake sudo records what it was asked to
# run and runs nothing, so nothing is installed.  As uid 65534 (setpriv),
# or as ourselves when not root.
as_user() {
	if [ "$(id -u)" != 0 ]; then
		"$@"
	else
		setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
	fi
}
user_case() {	# NAME SUDO WANT-STATUS WANT-MESSAGE [WANT-SUDO-LOG]
	local st err
	if [ "$(id -u)" = 0 ] && ! command -v setpriv >/dev/null; then
		ok "$1 # SKIP no setpriv to drop root"
		return
	fi
	: > "$tmp/sudo.log"
	as_user env SETUP_DEPS_SUDO="$2" SETUP_DEPS_TEST_PKGS=setup-deps-selftest-no-such-pkg \
		"$tmp/user/setup-deps.sh" selftest > "$tmp/user.out" 2> "$tmp/user.err"
	st=$?
	err=$(cat "$tmp/user.err")
	if [ $st != "$3" ]; then
		notok "$1" "exit $st, wanted $3: $err"
	elif [[ $err != *"$4"* ]]; then
		notok "$1" "no '$4' in: $err"
	elif [ -n "${5:-}" ] && ! grep -qF -- "$5" "$tmp/sudo.log"; then
		notok "$1" "sudo was not asked for '$5': $(cat "$tmp/sudo.log")"
	else
		ok "$1"
	fi
}
mkdir -p "$tmp/user"
install -m 755 "$here/setup-deps.sh" "$tmp/user/setup-deps.sh"
printf '#!/bin/sh\necho "$*" >> %s/sudo.log\n' "$tmp" > "$tmp/user/sudo"
chmod 755 "$tmp/user/sudo" "$tmp/user" "$tmp"
chmod 666 "$tmp/sudo.log" 2>/dev/null || { : > "$tmp/sudo.log"; chmod 666 "$tmp/sudo.log"; }
user_case not-root-uses-sudo "$tmp/user/sudo" 0 "root needed to install packages: using sudo" \
	"apt-get install -y -qq --no-install-recommends setup-deps-selftest-no-such-pkg"
user_case not-root-no-sudo "$tmp/user/no-such-sudo" 1 "root needed to install packages, and there is no sudo"

echo "# $((n - bad)) passed, $bad failed"
[ $n = 17 ] || { echo "# ran $n cases, planned 17"; exit 1; }
exit $((bad > 0))
