#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# apt-backports.sh - derive the bookworm-backports apt source from the
# system's own sources, so that no archive host name is written anywhere.
#
#   apt-backports.sh [--root DIR] [--lists DIR] [--type deb|deb-src]
#                    [--suite SUITE] --out DIR
#   apt-backports.sh [--root DIR] --present
#
# Reads what apt reads, in apt's order: DIR/etc/apt/sources.list (one-line
# format), then DIR/etc/apt/sources.list.d/*.list (one-line) and *.sources
# (deb822), DIR defaulting to /.  The source to copy is an enabled entry
# of the main Debian archive for plain "bookworm" with component main (not
# -security or -updates, not a cdrom): among several, the one apt's lists
# (--lists, default DIR/var/lib/apt/lists) show to be "Origin: Debian",
# then one signed by debian-archive-keyring, then the first.  The copy
# keeps its mirror, options (signed-by, arch, ...) and components, and
# only its type (--type, default deb) and suite change; it is written in
# the format it came in, as OUT/bookworm-backports.sources or
# OUT/bookworm-backports.list, whose path is printed.  --suite names
# another suite of the same archive to write instead (scripts/xen-lab:
# "bookworm" with --type deb-src, for Debian's xen source package); the
# file is then OUT/SUITE.sources or OUT/SUITE.list.
#
# --present exits 0 if an enabled source of --type already names
# bookworm-backports (then setup-deps.sh adds nothing).
# Exit status: 0 done, 1 nothing to derive from (with the reason), 2 usage.
set -euo pipefail

root=/
lists=
type=deb
suite=bookworm-backports
out=
present=0
while [ $# -gt 0 ]; do
	case "$1" in
	--root) root=${2:?}; shift 2 ;;
	--lists) lists=${2:?}; shift 2 ;;
	--type) type=${2:?}; shift 2 ;;
	--suite) suite=${2:?}; shift 2 ;;
	--out) out=${2:?}; shift 2 ;;
	--present) present=1; shift ;;
	*) echo "apt-backports: unknown argument '$1'" >&2; exit 2 ;;
	esac
done
case "$type" in deb|deb-src) ;; *) echo "apt-backports: bad --type '$type'" >&2; exit 2 ;; esac
[[ $suite =~ ^bookworm(-[a-z]+)?$ ]] || { echo "apt-backports: bad --suite '$suite'" >&2; exit 2; }
[ $present = 1 ] || [ -n "$out" ] || { echo "apt-backports: --out DIR or --present" >&2; exit 2; }
etc=${root%/}/etc/apt
lists=${lists:-${root%/}/var/lib/apt/lists}

# apt's order: sources.list first, then the parts in C collation order.
files=()
[ -f "$etc/sources.list" ] && files+=("$etc/sources.list")
while IFS= read -r f; do
	files+=("$etc/sources.list.d/$f")	# no sed: --root may hold any character
done < <(LC_ALL=C ls -1 "$etc/sources.list.d" 2>/dev/null |
	 grep -E '^[A-Za-z0-9_.-]+\.(list|sources)$')
if [ ${#files[@]} -eq 0 ]; then
	echo "apt-backports: no apt sources under $etc (sources.list or sources.list.d/)" >&2
	exit 1
fi

# Prints "present 0|1" (an enabled backports entry of this type exists),
# then "list" or "sources" and the derived entry, if there is one.
derived=$(awk -v type="$type" -v suite="$suite" -v lists="$lists" '
function has(list, word,   n, i, w) {
	n = split(list, w, /[ \t]+/)
	for (i = 1; i <= n; i++)
		if (w[i] == word)
			return 1
	return 0
}
# apt names a list file after the URI: no scheme or user, "_" quoted, "/" as "_".
function debian_origin(uri,   f, l, found) {
	sub(/^[A-Za-z0-9+.-]+:\/\//, "", uri)
	sub(/^[^\/@]*@/, "", uri)
	sub(/\/+$/, "", uri)
	gsub(/_/, "%5f", uri)
	gsub(/\//, "_", uri)
	f = lists "/" uri "_dists_bookworm_InRelease"
	found = 0
	while ((getline l < f) > 0)
		if (l == "Origin: Debian")
			found = 1
	close(f)
	return found
}
# Prefer the Debian archive itself, then its keyring, then an entry of the
# wanted type (whose options, such as arch=, were written for that type).
function offer(text, fmt, uri, signed, same_type,   score) {
	score = debian_origin(uri) * 4 + (signed ~ /debian-archive-keyring/) * 2 + same_type
	if (best_fmt == "" || score > best_score) {
		best_fmt = fmt; best_text = text; best_score = score
	}
}
function oneline(line,   t, opts, rest, n, w, comps, i, k) {
	sub(/#.*/, "", line)
	if (line !~ /^[ \t]*deb(-src)?[ \t]/)
		return
	sub(/^[ \t]+/, "", line)
	t = line; sub(/[ \t].*/, "", t)
	rest = line; sub(/^[^ \t]+[ \t]+/, "", rest)
	opts = ""
	if (rest ~ /^\[/) {
		if (index(rest, "]") == 0)
			return
		opts = substr(rest, 2, index(rest, "]") - 2)
		rest = substr(rest, index(rest, "]") + 1)
		gsub(/^[ \t]+|[ \t]+$/, "", opts)
	}
	n = split(rest, w, /[ \t]+/)
	i = (w[1] == "") ? 2 : 1
	if (n < i + 2 || w[i] ~ /^cdrom:/)
		return
	if (w[i + 1] == suite && t == type)
		present = 1
	comps = ""
	for (k = i + 2; k <= n; k++)
		if (w[k] != "")
			comps = comps " " w[k]
	if (w[i + 1] != "bookworm" || !has(comps, "main"))
		return
	offer(type " " (opts == "" ? "" : "[" opts "] ") w[i] " " suite comps,
	      "list", w[i], opts, t == type)
}
# One deb822 stanza, its lines in s[1..ns] (continuations included).
function stanza(   i, name, val, keep, text, uri) {
	if (ns == 0)
		return
	keep = 1
	for (i = 1; i <= ns; i++) {
		if (s[i] ~ /^[ \t]/)
			continue
		name = tolower(s[i]); sub(/:.*/, "", name)
		val = s[i]; sub(/^[^:]*:[ \t]*/, "", val); sub(/[ \t]+$/, "", val)
		f[name] = val
	}
	if (tolower(f["enabled"]) == "no")
		keep = 0
	if (keep && has(f["suites"], suite) && has(f["types"], type))
		present = 1
	uri = f["uris"]; sub(/[ \t].*/, "", uri)
	if (keep && has(f["suites"], "bookworm") && has(f["components"], "main") &&
	    (has(f["types"], "deb") || has(f["types"], "deb-src")) &&
	    uri != "" && uri !~ /^cdrom:/) {
		text = ""
		for (i = 1; i <= ns; i++) {
			name = tolower(s[i]); sub(/:.*/, "", name)
			if (s[i] !~ /^[ \t]/ && name == "types")
				s[i] = "Types: " type
			else if (s[i] !~ /^[ \t]/ && name == "suites")
				s[i] = "Suites: " suite
			text = text s[i] "\n"
		}
		offer(text, "sources", uri, f["signed-by"], has(f["types"], type))
	}
	ns = 0
	split("", f)
}
FNR == 1 { stanza(); deb822 = FILENAME ~ /\.sources$/ }
!deb822 { oneline($0); next }
/^#/ { next }
/^[ \t]*$/ { stanza(); next }
{ s[++ns] = $0 }
END {
	stanza()
	print "present " (present ? 1 : 0)
	if (best_fmt != "")
		printf "%s\n%s\n", best_fmt, best_text
}' "${files[@]}")

first=${derived%%$'\n'*}
if [ $present = 1 ]; then
	[ "$first" = "present 1" ]
	exit
fi
derived=${derived#"$first"}
derived=${derived#$'\n'}
if [ -z "$derived" ]; then
	echo "apt-backports: no enabled 'bookworm' source with component main in ${files[*]}" >&2
	exit 1
fi
fmt=${derived%%$'\n'*}
dest=$out/$suite.$fmt
mkdir -p "$out"
printf '%s\n' "${derived#*$'\n'}" | sed -e '/^$/d' > "$dest"
echo "$dest"
