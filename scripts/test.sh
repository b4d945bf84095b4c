#!/usr/bin/env bash
# Builds Counterpart from scratch with warnings as errors and runs every test under the sanitizers, then
# builds, installs and runs the packages.
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

# One build of everything, tests and benchmarks included: Debug with AddressSanitizer and UBSan, warnings
# as errors. The optimised build is the packages' (below), also with warnings as errors: together they
# cover what a separate release build and test run did, in one build less (a third of CI's time).
echo "== build (AddressSanitizer + UBSan, warnings are errors)"
cmake --preset asan
cmake --build --preset asan -j "$jobs"

echo "== translations: every message of every shipped language translated"
# lupdate rewrites the .ts files (line references); check a scan of today's sources, then put the
# committed files back, so a test run leaves the tree as it was.
tsdir=$(mktemp -d)
trap 'cp "$tsdir"/*.ts resources/translations/ 2>/dev/null || true; rm -rf "$tsdir"' EXIT
cp resources/translations/*.ts "$tsdir"/
cmake --build --preset asan --target update_translations >/dev/null
scripts/check-translations.sh
cp "$tsdir"/*.ts resources/translations/

echo "== test: every test, under the sanitizers (a memory error or undefined behaviour fails it)"
ctest --preset asan -j "$jobs"

echo "== packages: build the .debs (optimised, warnings are errors), lintian, install, run, purge"
# A release build of the installed programs only (no tests); docs/deployment.md.
DEB_BUILD_OPTIONS="noddebs werror" scripts/package.sh build-asan/dist >/dev/null   # no -dbgsym: saves minutes
sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo   # installs and purges the packages on this machine
$sudo packaging/test-packages.sh build-asan/dist
