# Cross-compiling for 64-bit Windows with Debian's MinGW-w64 (GCC, posix threads).
#
# The libraries built for Windows live in one prefix (packaging/windows/build-deps.sh
# makes it): COUNTERPART_WIN_PREFIX from the cache or the environment, else /work/win-deps.
# Headers, libraries and CMake packages are looked up there only; programs (moc, rcc,
# lrelease, ...) come from the build machine, Qt's through QT_HOST_PATH.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(_triplet x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${_triplet}-gcc-posix)
set(CMAKE_CXX_COMPILER ${_triplet}-g++-posix)
set(CMAKE_RC_COMPILER ${_triplet}-windres)
set(CMAKE_AR ${_triplet}-ar CACHE FILEPATH "")
set(CMAKE_RANLIB ${_triplet}-ranlib CACHE FILEPATH "")

if(NOT COUNTERPART_WIN_PREFIX)
    if(DEFINED ENV{COUNTERPART_WIN_PREFIX})
        set(COUNTERPART_WIN_PREFIX "$ENV{COUNTERPART_WIN_PREFIX}")
    else()
        set(COUNTERPART_WIN_PREFIX /work/win-deps)
    endif()
endif()
set(COUNTERPART_WIN_PREFIX "${COUNTERPART_WIN_PREFIX}" CACHE PATH "Prefix of the libraries cross-built for Windows")
# try_compile projects get the prefix too.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES COUNTERPART_WIN_PREFIX)

set(CMAKE_FIND_ROOT_PATH /usr/${_triplet} ${COUNTERPART_WIN_PREFIX})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# pkg-config (qrencode) must see the prefix's .pc files, never the build machine's.
set(ENV{PKG_CONFIG_LIBDIR} "${COUNTERPART_WIN_PREFIX}/lib/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")
set(ENV{PKG_CONFIG_SYSROOT_DIR} "")
