#!/bin/sh
# Installs what the Windows cross-build needs on Debian 12 and enables Debian's
# source packages (deb-src), so build-deps.sh can fetch them with apt-get source.
# Idempotent: a second run changes nothing. Runs as root or through sudo.
set -eu

if [ "$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi

SRC_LIST=/etc/apt/sources.list.d/counterpart-debian-src.sources
if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ /etc/apt/sources.list 2>/dev/null; then
    echo "install-toolchain: adding Debian bookworm source entries ($SRC_LIST)"
    $SUDO tee "$SRC_LIST" >/dev/null <<'SOURCES'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
    UPDATE=1
else
    UPDATE=0
fi

PACKAGES="g++-mingw-w64-x86-64-posix gcc-mingw-w64-x86-64-posix mingw-w64-tools
binutils-mingw-w64-x86-64 nsis msitools wine wine64 dpkg-dev cmake ninja-build
pkg-config perl make time tcl python3 protobuf-compiler unicode-data libboost-dev
qt6-base-dev qt6-base-dev-tools qt6-tools-dev-tools qt6-l10n-tools"

MISSING=
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || MISSING="$MISSING $p"
done
if [ -n "$MISSING" ] || [ "$UPDATE" = 1 ]; then
    $SUDO apt-get update
fi
if [ -n "$MISSING" ]; then
    echo "install-toolchain: installing$MISSING"
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends $MISSING
else
    echo "install-toolchain: all packages present"
fi

# The posix-thread variant gives std::thread/std::mutex; make it the default compiler.
for tool in gcc g++; do
    if [ -x "/usr/bin/x86_64-w64-mingw32-$tool-posix" ]; then
        $SUDO update-alternatives --set "x86_64-w64-mingw32-$tool" "/usr/bin/x86_64-w64-mingw32-$tool-posix" >/dev/null
    fi
done
echo "install-toolchain: $(x86_64-w64-mingw32-g++ --version | head -1)"
