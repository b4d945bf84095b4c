#!/usr/bin/env bash
# Builds Counterpart and runs it on a demo database: a till with 2,000 members and 18 months of
# history, then registers a member, finds them, earns and redeems, as a cashier would, and opens the
# till's window on it (when there is a display).
set -euo pipefail
cd "$(dirname "$0")/.."

cmake --preset default >/dev/null
cmake --build --preset default -j "$(nproc)" --target counterpart-admin counterpart-till

admin=build/cli/counterpart-admin
demo_dir=${COUNTERPART_DEMO_DIR:-$PWD/demo}
mkdir -p "$demo_dir"
db="$demo_dir/demo.db"
export COUNTERPART_KEY_FILE="$demo_dir/demo.key"

if [ ! -f "$db" ]; then
  echo "== making a demo till with 2,000 members (once)"
  "$admin" --db "$db" init --store S001 --store-name "Demo Store" --terminal-number 10001
  "$admin" --db "$db" seed --members 2000 --seed 42
  echo "== demo staff: manager m01 (PIN 2468), cashier c01 (PIN 1357)"
  "$admin" --db "$db" staff-add --id m01 --name "Mei Wang" --role manager --pin 2468
  "$admin" --db "$db" staff-add --id c01 --name "Chen Jie" --role cashier --pin 1357
fi

phone="139 $(printf '%04d' $((RANDOM % 10000))) $(printf '%04d' $((RANDOM % 10000)))"
receipt="DEMO-$(date +%s)"
echo; echo "== register a new member: $phone"
"$admin" --db "$db" register --phone "$phone" --name "李娜" --gender female --birthday 1990-05-20 --consent
echo; echo "== find them by phone, typed the way people type it"
"$admin" --db "$db" lookup --phone "0${phone// /}"
echo; echo "== earn on a ¥268.00 purchase, receipt $receipt"
"$admin" --db "$db" earn --member "$phone" --amount 268.00 --receipt "$receipt"
echo; echo "== the same receipt again is refused"
"$admin" --db "$db" earn --member "$phone" --amount 268.00 --receipt "$receipt" || true
echo; echo "== redeem a coffee"
"$admin" --db "$db" redeem --member "$phone" --reward coffee
echo; echo "== the member card"
"$admin" --db "$db" card --member "$phone"
echo; echo "== every balance equals its ledger"
"$admin" --db "$db" check
echo; echo "The demo database is $db; try: $admin --db $db lookup --name 王"

till=build/ui/counterpart-till
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  echo; echo "== the till's window: sign in as cashier c01 (PIN 1357) or manager m01 (PIN 2468)"
  exec "$till" --db "$db"
else
  echo; echo "No display here, so the till's window was not opened. On a desktop, open it with:"
  echo "  COUNTERPART_KEY_FILE=$COUNTERPART_KEY_FILE $till --db $db"
  echo "and sign in as cashier c01 (PIN 1357) or manager m01 (PIN 2468)."
fi
