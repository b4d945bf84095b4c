#!/usr/bin/env bash
# Installs everything Counterpart needs to build, test and run on Debian 12.
# Safe to run more than once. Run as root (or with sudo available).
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build pkg-config git clang-format file dpkg-dev
  clang libclang-rt-14-dev
  # Qt 6.4
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools linguist-qt6
  qt6-charts-dev qt6-svg-dev qt6-websockets-dev libqt6opengl6-dev libgl-dev
  libqt6sql6-sqlite qt6-qpa-plugins qt6-translations-l10n
  # tests only: the offscreen platform's screens plugged and unplugged (tst_customer_display)
  qt6-base-private-dev
  # libraries
  libsqlite3-dev sqlite3 libssl-dev libphonenumber-dev libicu-dev libboost-dev libboost-system-dev
  libzxing-dev libqrencode-dev libpq-dev libbenchmark-dev
  # servers and test tools
  postgresql postgresql-contrib postgresql-common xvfb xauth
  # counterpart-server tests: pg_virtualenv (postgresql-common), openssl CLI for test certificates
  openssl curl
  # the reference POS client (tools/pos-client) and its test
  python3
  # Debian packages (scripts/package.sh) and their test (packaging/test-packages.sh): the kiosk's
  # compositor and Qt's Wayland plugin, lint, AppStream and desktop-entry checks, icon rendering
  debhelper lintian appstream desktop-file-utils librsvg2-bin cage qt6-wayland xwayland systemd
  # Chinese glyphs for the till's UI (Simplified Chinese ships)
  fonts-noto-cjk
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
