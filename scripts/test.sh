#!/usr/bin/env bash
# Builds Counterpart from scratch with warnings as errors and runs every test.
# Used as-is by CI (.ci/run). Assumes scripts/install-deps.sh has run.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

echo "== format"
scripts/check-format.sh

echo "== fuzz: every parser of outside input, a short run each (clang, libFuzzer + ASan/UBSan)"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$jobs"
ctest --preset fuzz -j "$jobs"

echo "== build (warnings are errors)"
cmake --preset ci
cmake --build --preset ci -j "$jobs"

echo "== test"
ctest --preset ci -j "$jobs"
