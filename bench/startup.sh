#!/usr/bin/env bash
# Start to a usable window: launches counterpart-till on a database RUNS times under Xvfb (the xcb
# platform, as on a till) and prints each run's time from the process's start to the window painted with
# the event loop idle (counterpart-till --startup-probe), then the median and the slowest.
#   bench/startup.sh DB KEYFILE [RUNS] [BUILD_DIR]
# With COLD=1 the kernel's page cache is dropped before each run (needs root), as after a reboot.
set -euo pipefail
db=${1:?database file}
key=${2:?key file}
runs=${3:-10}
build=${4:-build-ci}
till="$build/ui/counterpart-till"
[ -x "$till" ] || { echo "no $till: build it first" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export COUNTERPART_KEY_FILE="$key" XDG_CONFIG_HOME="$work/config" XDG_RUNTIME_DIR="$work/runtime"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

cat >"$work/runs.sh" <<SCRIPT
#!/usr/bin/env bash
set -euo pipefail
for i in \$(seq 1 $runs); do
  if [ "\${COLD:-0}" = 1 ]; then sync; echo 3 > /proc/sys/vm/drop_caches; fi
  "$till" --db "$db" --startup-probe 2>/dev/null | sed -n 's/^startup: window usable \([0-9]*\) ms.*/\1/p'
done
SCRIPT
chmod +x "$work/runs.sh"
xvfb-run -a -s "-screen 0 1024x768x24" "$work/runs.sh" >"$work/ms"
sort -n "$work/ms" | awk -v db="$db" '{ a[NR] = $1 } END {
  if (NR == 0) { print "no run finished" > "/dev/stderr"; exit 1 }
  printf "start to a usable window, %d runs on %s: median %d ms, fastest %d ms, slowest %d ms (budget 1500 ms)\n",
         NR, db, a[int((NR + 1) / 2)], a[1], a[NR] }'
