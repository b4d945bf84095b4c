#!/bin/sh
# The PouchDB side of docs/benchmarks.md "Sync": installs the pinned packages (package-lock.json) and
# runs bench.js. Usage: bench/pouchdb/run.sh [WORK_DIR] [bench.js options, e.g. --members 100000]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=${1:-/tmp/bench-sync-pouchdb}
[ $# -gt 0 ] && shift
cd "$here"
[ -d node_modules ] || npm ci --no-audit --no-fund
exec nice node bench.js --work "$work" "$@"
