#!/usr/bin/env bash
# Renders every screen and dialog of the till, in English and in Simplified Chinese, at 1024x768 into
# docs/screenshots/<language>/, under Xvfb, on a fresh demo database (400 members, two staff).
# COUNTERPART_BUILD_DIR=dir uses an already configured build folder instead of the default preset.
set -euo pipefail
cd "$(dirname "$0")/.."

build=${COUNTERPART_BUILD_DIR:-}
if [ -z "$build" ]; then
  cmake --preset default >/dev/null
  build=build
fi
cmake --build "$build" -j "${COUNTERPART_JOBS:-2}" --target counterpart-admin counterpart-screenshots

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export COUNTERPART_KEY_FILE="$work/demo.key"
export XDG_CONFIG_HOME="$work/config" # the screens' own settings stay out of the user's
export XDG_RUNTIME_DIR="$work/runtime"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
admin="$build/cli/counterpart-admin"
db="$work/demo.db"

echo "== a demo till to photograph"
"$admin" --db "$db" init --store S001 --store-name "Demo Store" --terminal-number 10001 >/dev/null
"$admin" --db "$db" seed --members 400 --seed 42 >/dev/null
# A new till's setup screens start from a till with members but no staff and no server.
cp "$db" "$work/new-till.db"
"$admin" --db "$db" staff-add --id m01 --name "Mei Wang" --role manager --pin 2468 >/dev/null
"$admin" --db "$db" staff-add --id c01 --name "Chen Jie" --role cashier --pin 1357 >/dev/null

echo "== screens, in every shipped language"
rm -rf docs/screenshots/en docs/screenshots/zh_CN
xvfb-run -a -s "-screen 0 1280x1024x24" \
  "$build/tools/screenshots/counterpart-screenshots" --db "$db" --setup-db "$work/new-till.db" --out docs/screenshots

echo "== high-DPI: the member card and the QR card at a device pixel ratio of 2"
QT_SCALE_FACTOR=2 xvfb-run -a -s "-screen 0 2560x2048x24" \
  "$build/tools/screenshots/counterpart-screenshots" --db "$db" --out "$work/hidpi" --lang en >/dev/null
mkdir -p docs/screenshots/hidpi-2x
cp "$work/hidpi/en/06-member-card.png" "$work/hidpi/en/17-qr-card.png" docs/screenshots/hidpi-2x/
