#!/usr/bin/env bash
# Tests the Debian packages as a technician would use them (scripts/test.sh runs it; needs root):
# lintian and AppStream checks, the units verified, then the packages installed on this machine, the
# installed programs run (the till offscreen on a demo database, counterpart-admin on a fresh one, the
# server started with exactly its unit's ExecStart line and the shipped configuration, answering
# /v1/health; the kiosk's cage with the till on a headless output), and everything purged again.
# Usage: packaging/test-packages.sh [DIST]   (DIST: the folder scripts/package.sh filled, default dist)
set -euo pipefail
cd "$(dirname "$0")/.."
dist=$(realpath "${1:-dist}")
export DEBIAN_FRONTEND=noninteractive
tmp=$(mktemp -d)
server_pid=""
krun=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  apt-get purge -y -qq counterpart-kiosk counterpart-server counterpart-till >/dev/null 2>&1 || true
  rm -rf "$tmp" "${krun:-}"
}
trap cleanup EXIT
step() { printf '== packages: %s\n' "$*"; }
fail() { printf 'test-packages: %s\n' "$*" >&2; exit 1; }

step "lintian (no error, no warning)"
lintian --fail-on error,warning "$dist"/counterpart_*.changes

step "AppStream metainfo and desktop entry"
# The component id is not reverse-DNS: the project has no domain of its own yet (docs/deployment.md).
appstreamcli validate --no-net --override=cid-desktopapp-is-not-rdns=info \
  packaging/till/counterpart-till.metainfo.xml
desktop-file-validate packaging/till/counterpart-till.desktop

step "install"
apt-get install -y -qq "$dist"/counterpart-till_*.deb "$dist"/counterpart-server_*.deb \
  "$dist"/counterpart-kiosk_*.deb >/dev/null
id counterpart >/dev/null || fail "the package made no counterpart user"
id counterpart-kiosk >/dev/null || fail "the package made no counterpart-kiosk user"
[ -d /var/lib/counterpart ] || fail "no /var/lib/counterpart"
[ "$(stat -c %U /var/lib/counterpart)" = counterpart ] || fail "/var/lib/counterpart is not the server's"

step "systemd-analyze verify"
systemd-analyze verify /lib/systemd/system/counterpart-server.service \
  /lib/systemd/system/counterpart-snapshot@S001.service /lib/systemd/system/counterpart-snapshot@.timer \
  /lib/systemd/system/counterpart-jobs.service /lib/systemd/system/counterpart-jobs.timer \
  /lib/systemd/system/counterpart-kiosk.service

step "counterpart-admin on a fresh database; the till offscreen on a demo database"
export COUNTERPART_KEY_FILE="$tmp/till.key"
counterpart-admin --db "$tmp/fresh.db" init --store S001 --terminal-number 10001
counterpart-admin --db "$tmp/fresh.db" check
counterpart-admin --db "$tmp/demo.db" init --store S001 --terminal-number 10002 >/dev/null
counterpart-admin --db "$tmp/demo.db" seed --members 200 >/dev/null
QT_QPA_PLATFORM=offscreen timeout 60 counterpart-till --db "$tmp/demo.db" --startup-probe |
  tee "$tmp/probe.txt"
grep -q '^startup: window usable' "$tmp/probe.txt" || fail "the installed till did not show its window"
unset COUNTERPART_KEY_FILE

step "the kiosk: cage with the till, as the kiosk user, on a headless output"
kiosk=/var/lib/counterpart-kiosk
# The kiosk user's runtime folder (cage's Wayland socket) may not be inside $tmp: mktemp makes that
# 0700 for root, and cage then cannot open its socket.
krun=$(mktemp -d /tmp/counterpart-kiosk-run.XXXXXX)
chown counterpart-kiosk "$krun"
chmod 700 "$krun"
as_kiosk() {
  runuser -u counterpart-kiosk -- env HOME=$kiosk XDG_RUNTIME_DIR="$krun" \
    COUNTERPART_KEY_FILE=$kiosk/till.key "$@"
}
as_kiosk counterpart-admin --db $kiosk/till.db init --store S001 --terminal-number 10003 >/dev/null
kiosk_start=$(sed -n 's/^ExecStart=//p' /lib/systemd/system/counterpart-kiosk.service)
read -r -a command <<<"$kiosk_start"
as_kiosk WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman QT_QPA_PLATFORM=wayland \
  timeout 60 "${command[@]}" --startup-probe 2>&1 | tee "$tmp/kiosk.txt" | grep 'startup: window usable' ||
  { cat "$tmp/kiosk.txt"; fail "the till did not show its window under cage"; }

step "the server: the unit's ExecStart, as its user, with the shipped configuration"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost \
  -addext subjectAltName=DNS:localhost,IP:127.0.0.1 \
  -keyout /etc/counterpart/tls/privkey.pem -out /etc/counterpart/tls/fullchain.pem 2>/dev/null
chgrp counterpart /etc/counterpart/tls/privkey.pem
chmod 640 /etc/counterpart/tls/privkey.pem
exec_start=$(sed -n 's/^ExecStart=//p' /lib/systemd/system/counterpart-server.service)
read -r -a command <<<"$exec_start"
setpriv --reuid=counterpart --regid=counterpart --init-groups "${command[@]}" admin store-add --id S001 \
  --name Test --region CN --timezone Asia/Shanghai --currency CNY
: >"$tmp/server.out"
setpriv --reuid=counterpart --regid=counterpart --init-groups "${command[@]}" >"$tmp/server.out" 2>&1 &
server_pid=$!
for _ in $(seq 100); do grep -q '^listening on' "$tmp/server.out" && break; sleep 0.1; done
grep -q '^listening on 127.0.0.1:8443 (https)' "$tmp/server.out" ||
  { cat "$tmp/server.out"; fail "the server did not start from its unit's ExecStart"; }
curl -sS --fail --cacert /etc/counterpart/tls/fullchain.pem https://localhost:8443/v1/health | tee "$tmp/health"
echo
grep -q '"status":"ok"' "$tmp/health" || fail "/v1/health did not answer ok"
kill -TERM "$server_pid"
wait "$server_pid" || fail "the server did not stop cleanly on SIGTERM"
server_pid=""
snapshot_start=$(sed -n 's/^ExecStart=//p' /lib/systemd/system/counterpart-snapshot@.service)
read -r -a command <<<"${snapshot_start//%i/S001}"
setpriv --reuid=counterpart --regid=counterpart --init-groups "${command[@]}"
[ -n "$(ls /var/lib/counterpart/snapshots)" ] || fail "counterpart-snapshot published nothing"
jobs_start=$(sed -n 's/^ExecStart=//p' /lib/systemd/system/counterpart-jobs.service)
read -r -a command <<<"$jobs_start"
setpriv --reuid=counterpart --regid=counterpart --init-groups "${command[@]}"
# A second run in the same period runs nothing again.
setpriv --reuid=counterpart --regid=counterpart --init-groups "${command[@]}" | grep -q "nothing due" ||
  fail "a second jobs run in the same period ran a job again"

step "remove keeps the data, purge deletes it"
apt-get remove -y -qq counterpart-kiosk counterpart-server counterpart-till >/dev/null
[ -f /var/lib/counterpart/server.db ] || fail "remove deleted the server's database"
apt-get purge -y -qq counterpart-kiosk counterpart-server counterpart-till >/dev/null
[ ! -e /var/lib/counterpart ] || fail "purge left /var/lib/counterpart"
[ ! -e /etc/counterpart ] || fail "purge left /etc/counterpart"
! command -v counterpart-server >/dev/null || fail "counterpart-server is still installed"
step "ok"
