#!/usr/bin/env bash
# Checks a built package with the installed files only, as a server without Swift would run it:
# unpacks it into a temporary root (dpkg -x, no install), checks that every shared library the
# binary needs is on this machine and none is Swift's, then runs shishi --version, shishi demo
# (from a folder with no example in it), shishi verify on the packaged example, the year's server
# (its /health, which proves the templates and static files are found), and systemd-analyze
# verify on the units.
#
#   scripts/check-deb.sh shishi_VERSION_ARCH.deb
set -euo pipefail
deb=$(realpath "$1")
work=$(mktemp -d)
server=
# Only the server this script started is stopped on exit (never `kill 0`, which is the whole group).
trap 'if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi; rm -rf "$work"' EXIT
dpkg -x "$deb" "$work/root"
shishi="$work/root/usr/bin/shishi"

echo "== shared libraries"
ldd "$work/root/usr/lib/shishi/shishi"
if ldd "$work/root/usr/lib/shishi/shishi" | grep -E 'not found|libswift|libFoundation|libdispatch'; then
    echo "FAIL: the binary needs a library this machine lacks, or Swift's own" >&2
    exit 1
fi
for package in $(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/(.*)//; s/|.*//' | tr -d ' '); do
    dpkg -s "$package" >/dev/null 2>&1 || { echo "FAIL: Depends names $package, which is not installed here" >&2; exit 1; }
done

echo "== shishi --version, demo, verify"
"$shishi" --version
(cd "$work" && "$shishi" demo --lang en > demo.txt) || { cat "$work/demo.txt"; echo "FAIL: shishi demo" >&2; exit 1; }
grep -q "root/usr/share/shishi/example" "$work/demo.txt" || { echo "FAIL: demo did not use the packaged example" >&2; exit 1; }
"$shishi" verify "$work/root/usr/share/shishi/example" --lang en | tail -1

echo "== the year's server from the package"
"$shishi" workspace init "$work/year.sqlite" >/dev/null
"$shishi" serve --workspace "$work/year.sqlite" --port 18089 > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 50); do
    if curl -fsS http://127.0.0.1:18089/health > "$work/health.json" 2>/dev/null; then break; fi
    sleep 0.2
done
cat "$work/health.json"; echo
grep -q '"status":"ok"' "$work/health.json" || { cat "$work/serve.log"; echo "FAIL: /health" >&2; exit 1; }
# Each answer is saved first: grep -q stops at its first match, and curl, still writing into the
# pipe, would then fail the pipeline (pipefail) on a page longer than a read.
curl -fsS -o "$work/list.html" http://127.0.0.1:18089/ && grep -q '</html>' "$work/list.html" || { echo "FAIL: the year's list page" >&2; exit 1; }
curl -fsS -o "$work/hall.css" http://127.0.0.1:18089/static/hall.css && grep -q 'font' "$work/hall.css" || { echo "FAIL: the static files" >&2; exit 1; }
kill "$server"; wait "$server" 2>/dev/null || true; server=

echo "== the man page, completions and units"
test -s "$work/root/usr/share/man/man1/shishi.1.gz"
test -s "$work/root/usr/share/bash-completion/completions/shishi"
if command -v systemd-analyze >/dev/null; then
    for unit in "$work"/root/lib/systemd/system/*.service; do
        # A template unit (shishi-hall@.service) is verified as one of its instances.
        name=$(basename "$unit" | sed 's/@\.service$/@check.service/')
        sed -e "s#/usr/bin/shishi#$shishi#" -e '/^Documentation=/d' "$unit" > "$work/$name"
        problems=$(systemd-analyze verify "$work/$name" 2>&1 | grep -v 'is not a symlink\|Failed to open\|mount' || true)
        if [ -n "$problems" ]; then echo "$problems" >&2; echo "FAIL: $name" >&2; exit 1; fi
        echo "$name: systemd-analyze verify: no complaint"
    done
fi
echo "OK: $(basename "$deb")"
