#!/usr/bin/env bash
# Builds shishi_VERSION_amd64.deb from this repository: the release binary with the Swift runtime
# linked statically (no Swift on the server: ldd names only Debian's libraries), its templates and
# static files beside it, the bundled example for `shishi demo`, a man page and shell completions
# generated from the argument parser, the docs, systemd units and their configuration files.
#
#   scripts/package-deb.sh [--out DIR]      (default: .build/deb)
#
# The version is the binary's own (`shishi --version`, ShishiVersion.swift). The package's
# Depends are the Debian packages that hold the shared libraries the binary needs (dpkg -S).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/.build/deb"
if [ "${1:-}" = "--out" ]; then out=$(realpath -m "$2"); fi
cd "$root"

echo "Building the release binary (static Swift runtime)…"
swift build -c release --static-swift-stdlib --product shishi
binary="$root/.build/release/shishi"
version=$("$binary" --version)
arch=$(dpkg --print-architecture)
name="shishi_${version}_${arch}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stage="$work/$name"

# The binary and its resource bundles (templates, static files), found beside the real binary.
install -D -m 0755 "$binary" "$stage/usr/lib/shishi/shishi"
strip --strip-unneeded "$stage/usr/lib/shishi/shishi"
for bundle in .build/release/*.resources; do cp -R "$bundle" "$stage/usr/lib/shishi/"; done
mkdir -p "$stage/usr/bin"
ln -s ../lib/shishi/shishi "$stage/usr/bin/shishi"

# The bundled example (shishi demo finds it from any folder), never a private key.
mkdir -p "$stage/usr/share/shishi"
cp -R ballots/example "$stage/usr/share/shishi/example"
if find "$stage/usr/share/shishi" -name '*.key' | grep -q .; then echo "a private key in the example" >&2; exit 1; fi

# The man page, generated from the argument parser (its GenerateManual plugin, on the debug
# build the tests use), and the completions the binary writes itself.
swift package --disable-sandbox plugin generate-manual --configuration debug --multi-page >/dev/null
pages=".build/plugins/GenerateManual/outputs/shishi"
mkdir -p "$stage/usr/share/man/man1"
for page in "$pages"/*.1; do gzip -9n -c "$page" > "$stage/usr/share/man/man1/$(basename "$page").gz"; done
install -D -m 0644 <("$binary" --generate-completion-script bash) "$stage/usr/share/bash-completion/completions/shishi"
install -D -m 0644 <("$binary" --generate-completion-script zsh) "$stage/usr/share/zsh/vendor-completions/_shishi"
install -D -m 0644 <("$binary" --generate-completion-script fish) "$stage/usr/share/fish/vendor_completions.d/shishi.fish"

# The docs.
mkdir -p "$stage/usr/share/doc/shishi/docs"
cp README.md "$stage/usr/share/doc/shishi/"
cp docs/*.md "$stage/usr/share/doc/shishi/docs/"
cat > "$stage/usr/share/doc/shishi/copyright" <<'TEXT'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: shishi
Comment: shishi links, statically, the Swift runtime and Foundation (Apache-2.0 with Runtime
 Library Exception), swift-nio, swift-crypto (with BoringSSL), swift-certificates,
 swift-argument-parser, swift-log, Hummingbird, hummingbird-auth, swift-mustache (Apache-2.0),
 GRDB.swift, ZIPFoundation and XMLCoder (MIT). See each project's repository for its terms.
TEXT

# systemd units and the options they read (configuration files: kept across upgrades).
install -D -m 0644 packaging/systemd/shishi-hall.service "$stage/lib/systemd/system/shishi-hall.service"
install -D -m 0644 packaging/systemd/shishi-year.service "$stage/lib/systemd/system/shishi-year.service"
install -D -m 0644 "packaging/systemd/shishi-hall@.service" "$stage/lib/systemd/system/shishi-hall@.service"
install -D -m 0644 packaging/etc/hall.conf "$stage/etc/shishi/hall.conf"
install -D -m 0644 packaging/etc/year.conf "$stage/etc/shishi/year.conf"

# Depends: the Debian packages of every shared library the binary loads.
depends=$(ldd "$binary" | awk '/=>/ { print $3 }' | while read -r library; do
    dpkg -S "$(realpath "$library")" 2>/dev/null || dpkg -S "$library" 2>/dev/null || true
done | cut -d: -f1 | sort -u | paste -sd, - | sed 's/,/, /g')
if ldd "$binary" | grep -q 'libswift\|libFoundation\|not found'; then
    echo "the binary needs a library Debian does not have:" >&2
    ldd "$binary" >&2
    exit 1
fi

mkdir -p "$stage/DEBIAN"
cat > "$stage/DEBIAN/control" <<TEXT
Package: shishi
Version: $version
Architecture: $arch
Maintainer: shishi developers <shishi@localhost>
Depends: $depends, adduser
Recommends: chromium | firefox-esr
Section: admin
Priority: optional
Installed-Size: $(du -sk "$stage" | cut -f1)
Description: the deputies' vote on a city's livelihood projects (民生实事项目)
 shishi runs a people's congress's yearly loop of livelihood projects: the
 collection of suggestions, the deputies' secret and differential vote with
 anonymous credentials (RSA blind signatures), an offline-verifiable count,
 the year's supervision and the evaluation, on the command line and in the
 browser (the voting hall and the year's site).
TEXT
printf '/etc/shishi/hall.conf\n/etc/shishi/year.conf\n' > "$stage/DEBIAN/conffiles"
cat > "$stage/DEBIAN/postinst" <<'TEXT'
#!/bin/sh
# A system user for the services, owning /var/lib/shishi (vote folders, keys, the workspace).
set -e
if [ "$1" = configure ]; then
    if ! getent passwd shishi >/dev/null; then
        adduser --system --group --home /var/lib/shishi --no-create-home --quiet shishi
    fi
    install -d -o shishi -g shishi -m 0750 /var/lib/shishi
    if [ -d /run/systemd/system ]; then systemctl daemon-reload >/dev/null || true; fi
fi
exit 0
TEXT
cat > "$stage/DEBIAN/postrm" <<'TEXT'
#!/bin/sh
set -e
if [ -d /run/systemd/system ]; then systemctl daemon-reload >/dev/null || true; fi
exit 0
TEXT
chmod 0755 "$stage/DEBIAN/postinst" "$stage/DEBIAN/postrm"
mkdir -p "$out"
dpkg-deb --root-owner-group --build "$stage" "$out/$name.deb" >/dev/null
echo "$out/$name.deb"
