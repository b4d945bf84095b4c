# One INTERFACE target carries the build policy; every Counterpart target links it.
add_library(counterpart_policy INTERFACE)
target_compile_features(counterpart_policy INTERFACE cxx_std_20)
target_compile_options(counterpart_policy INTERFACE
    -Wall -Wextra -Wpedantic -Wold-style-cast -Wshadow -Wnon-virtual-dtor
    $<$<BOOL:${COUNTERPART_WERROR}>:-Werror>)
target_compile_definitions(counterpart_policy INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QT_NO_FOREACH
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
    $<$<VERSION_GREATER_EQUAL:${Qt6_VERSION},6.7>:QT_NO_CONTEXTLESS_CONNECT>
    # windows.h (storage, and headers that pull it in) must not define min/max macros or the rarely used
    # APIs that clash with ordinary names: set once here, not before each include.
    $<$<PLATFORM_ID:Windows>:NOMINMAX>
    $<$<PLATFORM_ID:Windows>:WIN32_LEAN_AND_MEAN>)
target_include_directories(counterpart_policy INTERFACE ${PROJECT_SOURCE_DIR})
if(COUNTERPART_SANITIZE)
    # -fno-sanitize-recover: undefined behaviour stops the test (it would only print otherwise).
    target_compile_options(counterpart_policy INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=all
                                                        -fno-omit-frame-pointer)
    target_link_options(counterpart_policy INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=all)
endif()
