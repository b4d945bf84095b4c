#!/bin/bash
# Cross-builds Counterpart's libraries for 64-bit Windows (MinGW-w64, posix threads)
# from Debian 12's own source packages into one prefix, then the Windows programs.
#
#   packaging/windows/build-deps.sh            # every step; finished ones are skipped
#   packaging/windows/build-deps.sh qtbase     # one step (and nothing else)
#
# Each finished step leaves a stamp named after the library and its version in
# $PREFIX/stamps, so a second run does nothing and says so; a run stopped half-way
# continues with the first step that has no stamp. Logs and times: $LOGS.
# Environment: COUNTERPART_WIN_PREFIX (/work/win-deps), COUNTERPART_WIN_SRC
# (/work/win-src), COUNTERPART_WIN_BUILD (/work/win-build), JOBS (2).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
PREFIX=${COUNTERPART_WIN_PREFIX:-/work/win-deps}
SRC=${COUNTERPART_WIN_SRC:-/work/win-src}
BUILD=${COUNTERPART_WIN_BUILD:-/work/win-build}
LOGS=$BUILD/logs
JOBS=${JOBS:-2}
TRIPLET=x86_64-w64-mingw32
TOOLCHAIN=$REPO/cmake/toolchains/mingw-w64.cmake
NICE="nice -n 19"

# Debian 12 source package versions this script is written for.
SQLITE_VERSION=3.40.1
OPENSSL_VERSION=3.0.22
QRENCODE_VERSION=4.1.1
PROTOBUF_VERSION=3.21.12
RE2_VERSION=20220601
ABSEIL_VERSION=20220623.1
LIBPHONENUMBER_VERSION=8.12.57
QT_VERSION=6.4.2

mkdir -p "$PREFIX/stamps" "$SRC" "$BUILD" "$LOGS"
export COUNTERPART_WIN_PREFIX=$PREFIX
export PKG_CONFIG_LIBDIR=$PREFIX/lib/pkgconfig
export PKG_CONFIG_PATH=

say() { echo "build-deps: $*"; }

# Fetches a Debian source package (once) into $SRC. Debian's packaging (the .dsc and
# its .debian.tar) is used when the archive serves it; some mirrors serve only the
# upstream .orig tarball, which is then unpacked as it is.
fetch_source() { # package upstream-version dir-name
    local pkg=$1 version=$2 dir=$SRC/$3
    [ -d "$dir" ] && return 0
    (cd "$SRC" && apt-get source --download-only "$pkg" >"$LOGS/fetch-$pkg.log" 2>&1) || true
    local dsc
    dsc=$(ls "$SRC/${pkg}_${version}"*.dsc 2>/dev/null | head -1 || true)
    if [ -n "$dsc" ] && [ -n "$(ls "$SRC/${pkg}_${version}"*.debian.tar.* 2>/dev/null)" ]; then
        (cd "$SRC" && dpkg-source -x "$dsc" "$dir" >>"$LOGS/fetch-$pkg.log" 2>&1)
    else
        local orig
        orig=$(ls "$SRC/${pkg}_${version}"*.orig.tar.* 2>/dev/null | grep -v -e '\.asc$' -e 'orig-' | head -1 || true)
        if [ -z "$orig" ]; then
            say "no source for $pkg $version: apt-get source failed (see $LOGS/fetch-$pkg.log)"
            return 1
        fi
        say "$pkg: the archive serves no Debian packaging here; using $(basename "$orig") as it is"
        mkdir -p "$dir"
        tar -xf "$orig" -C "$dir" --strip-components=1
    fi
}

# Runs a function with its output in $LOGS/<log>.log; on failure shows the log's end and stops.
# Sets ELAPSED to the seconds it took.
run_logged() { # log-name function what
    local log=$LOGS/$1.log fn=$2 what=$3 start rc=0
    say "$what: building (log: $log)"
    start=$(date +%s)
    # A subshell outside any "if", so that set -e stops the function at its first failure.
    set +e
    (set -e; "$fn") >"$log" 2>&1
    rc=$?
    set -e
    ELAPSED=$(( $(date +%s) - start ))
    if [ "$rc" -ne 0 ]; then
        say "$what: FAILED after $ELAPSED s; last lines of $log:"
        tail -n 30 "$log" >&2
        exit 1
    fi
}

# Runs one step unless its stamp exists; logs its output and how long it took.
step() { # name version function
    local name=$1 version=$2 fn=$3
    local stamp=$PREFIX/stamps/$name-$version
    if [ -e "$stamp" ]; then
        say "$name $version: already built ($(cat "$stamp")), nothing to do"
        return 0
    fi
    run_logged "$name" "$fn" "$name $version"
    echo "$ELAPSED s, $JOBS jobs on $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)" >"$stamp"
    echo "$name $version $ELAPSED s, $JOBS jobs" >>"$LOGS/times.txt"
    say "$name $version: done in $ELAPSED s"
}

cmake_cross() { # source-dir build-dir cmake-args...
    local src=$1 bld=$2; shift 2
    $NICE cmake -S "$src" -B "$bld" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_TOOLCHAIN_FILE="$TOOLCHAIN" -DCOUNTERPART_WIN_PREFIX="$PREFIX" \
        -DCMAKE_INSTALL_PREFIX="$PREFIX" "$@"
    $NICE cmake --build "$bld" -j "$JOBS"
    $NICE cmake --install "$bld"
}

# --- SQLite: the amalgamation made from Debian's tree, built as sqlite3.dll -------------
build_sqlite() {
    fetch_source sqlite3 "$SQLITE_VERSION" "sqlite3-$SQLITE_VERSION"
    local bld=$BUILD/sqlite3
    rm -rf "$bld" && mkdir -p "$bld"
    # The amalgamation is generated on the build machine (needs tclsh), then cross-compiled.
    (cd "$bld" && "$SRC/sqlite3-$SQLITE_VERSION/configure" --disable-tcl >/dev/null && $NICE make sqlite3.c sqlite3.h sqlite3ext.h)
    local defs="-DSQLITE_ENABLE_COLUMN_METADATA -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_JSON1 -DSQLITE_ENABLE_RTREE -DSQLITE_ENABLE_UNLOCK_NOTIFY -DSQLITE_SECURE_DELETE -DSQLITE_THREADSAFE=1 -DSQLITE_DQS=0"
    # shellcheck disable=SC2086
    $NICE $TRIPLET-gcc-posix -O2 $defs -DSQLITE_API='__declspec(dllexport)' -shared \
        -o "$bld/sqlite3.dll" "$bld/sqlite3.c" -Wl,--out-implib,"$bld/libsqlite3.dll.a"
    mkdir -p "$PREFIX/bin" "$PREFIX/lib/pkgconfig" "$PREFIX/include"
    cp "$bld/sqlite3.dll" "$PREFIX/bin/"
    cp "$bld/libsqlite3.dll.a" "$PREFIX/lib/"
    cp "$bld/sqlite3.h" "$bld/sqlite3ext.h" "$PREFIX/include/"
    cat >"$PREFIX/lib/pkgconfig/sqlite3.pc" <<PC
prefix=$PREFIX
libdir=\${prefix}/lib
includedir=\${prefix}/include
Name: SQLite
Description: SQL database engine
Version: $SQLITE_VERSION
Libs: -L\${libdir} -lsqlite3
Cflags: -I\${includedir}
PC
}

# --- OpenSSL 3 ------------------------------------------------------------------------------
build_openssl() {
    fetch_source openssl "$OPENSSL_VERSION" "openssl-$OPENSSL_VERSION"
    local bld=$BUILD/openssl
    rm -rf "$bld" && mkdir -p "$bld"
    cd "$bld"
    $NICE perl "$SRC/openssl-$OPENSSL_VERSION/Configure" mingw64 --cross-compile-prefix=$TRIPLET- \
        shared no-tests --prefix="$PREFIX" --libdir=lib --openssldir="$PREFIX/ssl" \
        CC=gcc-posix CXX=g++-posix
    $NICE make -j "$JOBS"
    $NICE make install_sw
}

# --- libqrencode --------------------------------------------------------------------------------
build_qrencode() {
    fetch_source qrencode "$QRENCODE_VERSION" "qrencode-$QRENCODE_VERSION"
    cmake_cross "$SRC/qrencode-$QRENCODE_VERSION" "$BUILD/qrencode" \
        -DBUILD_SHARED_LIBS=ON -DWITH_TOOLS=OFF -DWITH_TESTS=OFF -DWITHOUT_PNG=ON
    # Its install rule puts the DLL beside the import library; programs look for it in bin/.
    mv -f "$PREFIX/lib/libqrencode.dll" "$PREFIX/bin/"
}

# --- protobuf and RE2: static, linked into phonenumber.dll ---------------------------------------
build_protobuf() {
    fetch_source protobuf "$PROTOBUF_VERSION" "protobuf-$PROTOBUF_VERSION"
    # The .pb.cc files are generated by the build machine's protoc (protobuf-compiler,
    # the same 3.21.12), so only the runtime library is cross-built.
    cmake_cross "$SRC/protobuf-$PROTOBUF_VERSION" "$BUILD/protobuf" \
        -Dprotobuf_BUILD_TESTS=OFF -Dprotobuf_BUILD_PROTOC_BINARIES=OFF -Dprotobuf_BUILD_LIBPROTOC=OFF \
        -Dprotobuf_BUILD_SHARED_LIBS=OFF -Dprotobuf_WITH_ZLIB=OFF
}

build_re2() {
    fetch_source re2 "$RE2_VERSION+dfsg" "re2-$RE2_VERSION"
    # Debian's tree leaves out RE2's generated tables; they are made as Debian's build makes
    # them, from the Unicode data of the unicode-data package (Debian's patch to unicode.py).
    make -C "$SRC/re2-$RE2_VERSION" REBUILD_TABLES=1 re2/perl_groups.cc re2/unicode_casefold.cc re2/unicode_groups.cc
    cmake_cross "$SRC/re2-$RE2_VERSION" "$BUILD/re2" \
        -DBUILD_SHARED_LIBS=OFF -DRE2_BUILD_TESTING=OFF
}

# --- Abseil: Debian's libphonenumber headers use absl::node_hash_set; static, inside phonenumber.dll -
build_abseil() {
    fetch_source abseil "$ABSEIL_VERSION" "abseil-$ABSEIL_VERSION"
    cmake_cross "$SRC/abseil-$ABSEIL_VERSION" "$BUILD/abseil" \
        -DBUILD_SHARED_LIBS=OFF -DBUILD_TESTING=OFF -DABSL_PROPAGATE_CXX_STD=ON -DCMAKE_CXX_STANDARD=17
}

# --- libphonenumber: its library only, with RE2 and without ICU (see libphonenumber/) ------------
build_libphonenumber() {
    fetch_source libphonenumber "$LIBPHONENUMBER_VERSION+ds" "libphonenumber-$LIBPHONENUMBER_VERSION"
    # Its RE2 adapter does not compile as released (unqualified StringPiece, a misplaced
    # parenthesis); applied once, a rerun finds it applied.
    local tree=$SRC/libphonenumber-$LIBPHONENUMBER_VERSION
    if patch -d "$tree" -p1 -N --dry-run -s <"$HERE/libphonenumber/re2-adapter.patch" >/dev/null 2>&1; then
        patch -d "$tree" -p1 -N <"$HERE/libphonenumber/re2-adapter.patch"
    fi
    rm -rf "$BUILD/libphonenumber"
    cmake_cross "$HERE/libphonenumber" "$BUILD/libphonenumber" \
        -DLIBPHONENUMBER_SOURCE_DIR="$SRC/libphonenumber-$LIBPHONENUMBER_VERSION/cpp"
}

# --- Qt 6 base ----------------------------------------------------------------------------------
build_qtbase() {
    fetch_source qt6-base "$QT_VERSION+dfsg" "qt6-base-$QT_VERSION+dfsg"
    local bld=$BUILD/qtbase
    mkdir -p "$bld"   # kept across runs: ninja continues where a stopped build left off
    cd "$bld"
    # tabletevent off: Debian's tree drops src/3rdparty/wintab (its licence), so there is no wintab.h.
    # No OpenGL: FEATURE_opengl=OFF alone leaves opengl_dynamic and dynamicgl on, and the Windows platform
    # plugin then fails on QOpenGLStaticContext (qwindowswindow.cpp, Qt 6.4.2). INPUT_opengl=no is
    # configure's -no-opengl for a fresh build tree; the two features are named as well because a
    # build tree that has them in its cache keeps them whatever INPUT_opengl says.
    $NICE cmake -S "$SRC/qt6-base-$QT_VERSION+dfsg" -B "$bld" -G Ninja \
        -DCMAKE_TOOLCHAIN_FILE="$TOOLCHAIN" -DCOUNTERPART_WIN_PREFIX="$PREFIX" \
        -DCMAKE_INSTALL_PREFIX="$PREFIX" -DCMAKE_BUILD_TYPE=Release \
        -DQT_HOST_PATH=/usr -DQT_HOST_PATH_CMAKE_DIR=/usr/lib/x86_64-linux-gnu/cmake \
        -DQT_QMAKE_TARGET_MKSPEC=win32-g++ \
        -DQT_BUILD_EXAMPLES=OFF -DQT_BUILD_TESTS=OFF -DBUILD_SHARED_LIBS=ON \
        -DFEATURE_opengl=OFF -DFEATURE_dbus=OFF -DFEATURE_icu=OFF -DFEATURE_vulkan=OFF \
        -DFEATURE_sql_odbc=OFF -DFEATURE_sql_psql=OFF -DFEATURE_sql_mysql=OFF -DFEATURE_sql_ibase=OFF \
        -DFEATURE_sql_oci=OFF -DFEATURE_sql_db2=OFF -DFEATURE_sql_sqlite=ON -DFEATURE_system_sqlite=ON \
        -DFEATURE_openssl=ON -DFEATURE_openssl_linked=ON -DOPENSSL_ROOT_DIR="$PREFIX" \
        -DFEATURE_system_zlib=OFF -DFEATURE_system_pcre2=OFF -DFEATURE_system_png=OFF \
        -DFEATURE_system_jpeg=OFF -DFEATURE_system_harfbuzz=OFF -DFEATURE_system_freetype=OFF \
        -DFEATURE_system_doubleconversion=OFF -DFEATURE_system_libb2=OFF -DFEATURE_zstd=OFF \
        -DFEATURE_brotli=OFF -DFEATURE_libproxy=OFF -DFEATURE_glib=OFF -DFEATURE_xml=OFF \
        -DFEATURE_printsupport=ON -DFEATURE_widgets=ON -DFEATURE_testlib=ON \
        -DFEATURE_tabletevent=OFF -DINPUT_opengl=no -DFEATURE_opengl_dynamic=OFF -DFEATURE_dynamicgl=OFF
    $NICE cmake --build "$bld" -j "$JOBS"
    # Install only a finished build: an interrupted one (Ctrl-C, a time limit) must not leave
    # half of Qt in the prefix, where the app step would find it.
    if ! ninja -C "$bld" -n | grep -q '^ninja: no work to do'; then
        echo "qtbase: the build is not finished; not installing" >&2
        return 1
    fi
    $NICE cmake --install "$bld"
}

# --- Qt translations: the .qm files are platform-independent data ------------------------------
build_qttranslations() {
    local dir=$BUILD/qttranslations
    rm -rf "$dir" && mkdir -p "$dir" && cd "$dir"
    # Debian's qt6-translations source is not served by every mirror; its binary package
    # qt6-translations-l10n holds the compiled .qm files, which are the same on Windows.
    apt-get download "qt6-translations-l10n=$QT_VERSION-1"
    dpkg-deb -x qt6-translations-l10n_*.deb root
    mkdir -p "$PREFIX/translations"
    cp root/usr/share/qt6/translations/*.qm "$PREFIX/translations/"
    ls "$PREFIX/translations/qtbase_zh_CN.qm"
}

# --- Counterpart itself: the windows-cross preset (not stamped: ninja rebuilds what changed) ----
build_app() {
    local till=ON
    if [ ! -e "$PREFIX/stamps/qtbase-$QT_VERSION" ]; then
        echo "qtbase $QT_VERSION is not built yet: run the qtbase step first" >&2
        return 1
    fi
    if [ ! -e "$PREFIX/lib/cmake/Qt6Charts/Qt6ChartsConfig.cmake" ]; then
        say "Qt Charts is not in $PREFIX: building without counterpart-till" >&2
        till=OFF
    fi
    cd "$REPO"
    # counterpart-server needs PostgreSQL's libpq, not cross-built (yet): the preset leaves it out.
    $NICE cmake --preset windows-cross -DCOUNTERPART_WIN_PREFIX="$PREFIX" -DCMAKE_PREFIX_PATH="$PREFIX" \
        -DCOUNTERPART_BUILD_TILL=$till
    $NICE cmake --build --preset windows-cross -j "$JOBS"
    local exe
    rm -rf build-windows/stage
    # qt_standard_project_setup() puts Windows programs at the top of the build tree, beside their DLLs.
    for exe in build-windows/counterpart-admin.exe build-windows/counterpart-till.exe; do
        [ -e "$exe" ] || continue
        echo "$exe: $(stat -c %s "$exe") bytes; DLLs:"
        $TRIPLET-objdump -p "$exe" | sed -n 's/^\tDLL Name: /  /p'
        stage_program "$exe" build-windows/stage
    done
    # Copies only: MinGW's runtime and the libraries keep their symbols in the prefix. Stripped, the
    # folder of counterpart-admin measured 21.0 MB instead of 51.7 MB (libstdc++ alone 23.7 -> 2.0 MB).
    find build-windows/stage -name '*.dll' -o -name '*.exe' | xargs $NICE $TRIPLET-strip --strip-unneeded
    echo "build-windows/stage (what the installer ships):"
    (cd build-windows/stage && find . -type f -printf '%s\t%p\n' | sort -k2)
    echo "total: $(du -sb build-windows/stage | cut -f1) bytes"
}

# Where a program's DLLs come from: the prefix, then MinGW's runtime (posix threads).
DLL_DIRS="$PREFIX/bin /usr/lib/gcc/$TRIPLET/12-posix /usr/$TRIPLET/lib"

# Copies a PE file's DLLs (and theirs) from DLL_DIRS into a folder. A DLL found in none of them is
# Windows' own (KERNEL32.dll, WS2_32.dll, ...) and is not shipped.
copy_dlls() { # pe-file folder
    local name dir
    for name in $($TRIPLET-objdump -p "$1" | sed -n 's/^\tDLL Name: //p'); do
        [ -e "$2/$name" ] && continue
        for dir in $DLL_DIRS; do
            if [ -e "$dir/$name" ]; then
                cp "$dir/$name" "$2/"
                copy_dlls "$2/$name" "$2"
                break
            fi
        done
    done
}

# A folder that runs as it is on Windows (and under Wine): the program, its DLLs, and the Qt plugins
# it loads at run time: TLS for sync (Qt Network loads OpenSSL through a plugin), and for the till the
# Windows platform and style. Qt finds plugins in folders beside the program.
stage_program() { # exe folder
    local exe=$1 out=$2 plugin
    mkdir -p "$out"
    cp "$exe" "$out/"
    copy_dlls "$exe" "$out"
    local plugins="tls/qopensslbackend.dll tls/qschannelbackend.dll"
    case $exe in
    *counterpart-till.exe) plugins="$plugins platforms/qwindows.dll styles/qwindowsvistastyle.dll" ;;
    esac
    for plugin in $plugins; do
        [ -e "$PREFIX/plugins/$plugin" ] || continue
        mkdir -p "$out/$(dirname "$plugin")"
        cp "$PREFIX/plugins/$plugin" "$out/$plugin"
        copy_dlls "$out/$plugin" "$out"
    done
}

app_step() {
    run_logged app build_app "counterpart (windows-cross preset)"
    echo "app $(git -C "$REPO" rev-parse --short HEAD) $ELAPSED" >>"$LOGS/times.txt"
    grep -A20 '^build-windows/' "$LOGS/app.log" || true
    say "counterpart: done in $ELAPSED s"
}

# --- check: the cross-built libphonenumber under Wine (not run by default) ------------------------
check_phone() {
    local dir=$BUILD/check-libphonenumber dll f
    rm -rf "$dir" && mkdir -p "$dir"
    $NICE $TRIPLET-g++-posix -std=gnu++20 -O1 "$HERE/check-libphonenumber.cpp" -I"$PREFIX/include" \
        -L"$PREFIX/lib" -lphonenumber -o "$dir/check-libphonenumber.exe"
    cp "$PREFIX/bin/libphonenumber.dll" "$dir/"
    for dll in libwinpthread-1.dll libgcc_s_seh-1.dll libstdc++-6.dll; do
        f=$(find /usr/lib/gcc/$TRIPLET /usr/$TRIPLET -name "$dll" -path '*posix*' 2>/dev/null | head -1)
        [ -n "$f" ] || f=$(find /usr/lib/gcc/$TRIPLET /usr/$TRIPLET -name "$dll" 2>/dev/null | head -1)
        cp "$f" "$dir/"
    done
    WINEPREFIX=$BUILD/wineprefix WINEDEBUG=-all $NICE wine "$dir/check-libphonenumber.exe"
}

ALL_STEPS="sqlite openssl qrencode protobuf re2 abseil libphonenumber qtbase qttranslations app"
step_of() {
    case $1 in
    sqlite) step sqlite "$SQLITE_VERSION" build_sqlite ;;
    openssl) step openssl "$OPENSSL_VERSION" build_openssl ;;
    qrencode) step qrencode "$QRENCODE_VERSION" build_qrencode ;;
    protobuf) step protobuf "$PROTOBUF_VERSION" build_protobuf ;;
    re2) step re2 "$RE2_VERSION" build_re2 ;;
    abseil) step abseil "$ABSEIL_VERSION" build_abseil ;;
    libphonenumber) step libphonenumber "$LIBPHONENUMBER_VERSION" build_libphonenumber ;;
    qtbase) step qtbase "$QT_VERSION" build_qtbase ;;
    qttranslations) step qttranslations "$QT_VERSION" build_qttranslations ;;
    app) app_step ;;
    check) run_logged check-libphonenumber check_phone "libphonenumber under Wine"
        cat "$LOGS/check-libphonenumber.log" ;;
    *) say "unknown step $1 (steps: $ALL_STEPS)"; exit 2 ;;
    esac
}

main() {
    local s
    for s in ${*:-$ALL_STEPS}; do
        step_of "$s"
    done
    say "all requested steps done; prefix: $PREFIX"
}

# One line, read whole before it runs: editing this file during a long build is safe.
main "$@"; exit $?
