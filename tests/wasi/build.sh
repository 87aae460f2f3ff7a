#!/usr/bin/env bash
# Rebuilds every wasi_snapshot_preview1 conformance fixture:
#   tests/wasi/src/NAME.c  ->  tests/wasi/bin/NAME.wasm
#
# Needs Debian's `clang lld wasi-libc libclang-rt-14-dev-wasm32` (or any clang
# with a wasm32-wasi sysroot: set WASI_SYSROOT and CC). The built .wasm files
# are committed; CI does not run this script.
#
# Usage: tests/wasi/build.sh [NAME...]   (default: every src/*.c)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/src"
bin="$here/bin"
CC="${CC:-clang}"
WASI_SYSROOT="${WASI_SYSROOT:-/usr}"

if ! command -v "$CC" >/dev/null 2>&1; then
    echo "build.sh: '$CC' not found; install it with:" >&2
    echo "  apt-get install -y clang lld wasi-libc libclang-rt-14-dev-wasm32" >&2
    exit 1
fi
if [ ! -f "$WASI_SYSROOT/include/wasm32-wasi/wasi/api.h" ] && [ ! -f "$WASI_SYSROOT/include/wasi/api.h" ]; then
    echo "build.sh: no wasi-libc sysroot at $WASI_SYSROOT (apt-get install -y wasi-libc, or set WASI_SYSROOT)" >&2
    exit 1
fi

mkdir -p "$bin"
if [ "$#" -gt 0 ]; then
    names=("$@")
else
    names=()
    for c in "$src"/*.c; do
        names+=("$(basename "$c" .c)")
    done
fi

for name in "${names[@]}"; do
    out="$bin/$name.wasm"
    # -g0 and --strip-debug keep the fixtures small; the name section stays,
    # so a trap's backtrace still names functions.
    "$CC" --target=wasm32-wasi --sysroot="$WASI_SYSROOT" -O2 -g0 \
        -Wall -Wextra -Werror -Wno-unused-parameter \
        -Wl,--strip-debug \
        -o "$out.tmp" "$src/$name.c"
    mv -f "$out.tmp" "$out"
    echo "built tests/wasi/bin/$name.wasm ($(wc -c <"$out") bytes)"
done
