#!/usr/bin/env bash
# Builds the .deb (target/debian/between_*.deb), installs it on this machine
# and checks what it installed. CI runs it after the tests; it needs root for
# apt-get (CI machines are throwaway). Times each step on stderr.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s (%ss)\n' "$1" "$SECONDS" >&2; }

export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

step "tools"
if command -v apt-get >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  # dpkg-dev: dpkg-shlibdeps for depends = "$auto"; the rest check the result.
  $SUDO apt-get install -y -qq --no-install-recommends \
    dpkg-dev desktop-file-utils appstream man-db >/dev/null
fi
if ! command -v cargo-deb >/dev/null 2>&1; then
  cargo install cargo-deb --locked
fi

step "release build"
cargo build --release --locked

step "man pages and completions"
# Generated from the clap definitions by the binary itself, so they always
# match the commands it accepts.
rm -rf target/assets
./target/release/between dev-gen-docs target/assets

step "package"
# --no-build: the build above already made target/release/between.
cargo deb --no-build --locked
deb=$(ls -t target/debian/between_*.deb | head -n 1)
echo "built $deb" >&2

step "install"
$SUDO apt-get install -y -qq "./$deb" >/dev/null

step "checks"
# /usr/bin by name, so a `between` from `cargo install` earlier on PATH cannot stand in.
/usr/bin/between --version
/usr/bin/between --help >/dev/null
man -w between
desktop-file-validate /usr/share/applications/between.desktop
appstreamcli validate --no-net /usr/share/metainfo/org.between.Between.metainfo.xml
for path in \
  /usr/lib/systemd/user/between-remind.service \
  /usr/lib/systemd/user/between-remind.timer \
  /usr/share/icons/hicolor/scalable/apps/org.between.Between.svg \
  /usr/share/icons/hicolor/256x256/apps/org.between.Between.png \
  /usr/share/bash-completion/completions/between \
  /usr/share/zsh/vendor-completions/_between \
  /usr/share/fish/vendor_completions.d/between.fish; do
  test -s "$path" || { echo "missing from the package: $path" >&2; exit 1; }
done
if command -v systemd-analyze >/dev/null 2>&1; then
  # Not --user: a CI machine has no user manager; the syntax check is the same.
  systemd-analyze verify \
    /usr/lib/systemd/user/between-remind.service /usr/lib/systemd/user/between-remind.timer
fi

step "done: $deb"
