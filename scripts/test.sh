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

echo "== translations: every message of every shipped language translated"
# lupdate rewrites the .ts files (line references); check a scan of today's sources, then put the
# committed files back, so a test run leaves the tree as it was.
tsdir=$(mktemp -d)
trap 'cp "$tsdir"/*.ts resources/translations/ 2>/dev/null || true; rm -rf "$tsdir"' EXIT
cp resources/translations/*.ts "$tsdir"/
cmake --build --preset ci --target update_translations >/dev/null
scripts/check-translations.sh
cp "$tsdir"/*.ts resources/translations/

echo "== test"
ctest --preset ci -j "$jobs"

echo "== AddressSanitizer + UBSan: every test again (a memory error or undefined behaviour fails it)"
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$jobs"
ctest --preset asan -j "$jobs"

echo "== packages: build the .debs, lintian, install them here, run the installed programs, purge"
# A release build of the installed programs only (no tests); docs/deployment.md.
DEB_BUILD_OPTIONS=noddebs scripts/package.sh build-ci/dist >/dev/null   # no -dbgsym: saves minutes
sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo   # installs and purges the packages on this machine
$sudo packaging/test-packages.sh build-ci/dist
