#!/usr/bin/env bash
# Builds every Debian package of Counterpart from this checkout: counterpart-till, counterpart-server,
# counterpart-kiosk (packaging/debian, debhelper; docs/deployment.md says why and what each holds).
# The packages land in dist/ (or the folder given as the first argument).
# Assumes scripts/install-deps.sh has run (it installs debhelper and the build dependencies).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=$(realpath -m "${1:-dist}")

# The package's version is the project's: debian/changelog must agree with CMakeLists.txt.
project=$(sed -n 's/^project(Counterpart VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
package=$(dpkg-parsechangelog -l packaging/debian/changelog -S Version)
if [ "${package%%-*}" != "$project" ]; then
  echo "package.sh: packaging/debian/changelog says $package, CMakeLists.txt says $project" >&2
  exit 1
fi

# Build in a copy of the checkout (tracked and new files, nothing ignored), with packaging/debian as
# debian/: the sources stay as they are, and no earlier build leaks in.
work="$root/build-deb"
rm -rf "$work"
mkdir -p "$work/src" "$out"
git ls-files -z --cached --others --exclude-standard |
  while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
  tar --null -T - -cf - | tar -xf - -C "$work/src"
cp -a packaging/debian "$work/src/debian"

(cd "$work/src" && DEB_BUILD_OPTIONS="parallel=$(nproc) ${DEB_BUILD_OPTIONS:-}" \
  dpkg-buildpackage -b -us -uc --build=binary)
for f in "$work"/*.deb "$work"/*.ddeb "$work"/*.changes "$work"/*.buildinfo; do
  [ -e "$f" ] && mv "$f" "$out"/
done
rm -rf "$work"
ls -l "$out"
