#!/usr/bin/env bash
# Builds Counterpart from scratch with warnings as errors and runs every test.
# Used as-is by CI (.ci/run). Assumes scripts/install-deps.sh has run.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== format"
scripts/check-format.sh

echo "== configure"
cmake --preset ci

echo "== build"
cmake --build --preset ci -j "$(nproc)"

echo "== test"
ctest --preset ci -j "$(nproc)"
