#!/bin/sh
# Rebuilds the committed WASI programs (*.wasm) from their C sources and the
# expected outputs (expected.txt) from native builds of the same sources.
#
#   clang --target=wasm32-wasi -O2
#
# Debian 12's clang 14.0.6 (1:14.0.6-12), lld and wasi-libc 0.0~git20220510.9886d3d-2
# (apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32); the
# committed modules were built with those. Debian's wasi-libc lives in
# /usr/include/wasm32-wasi and /usr/lib/wasm32-wasi, where Debian's clang
# finds it without --sysroot; set WASI_SYSROOT for another layout (such as
# the wasi-sdk's share/wasi-sysroot). Each program is also built natively with `gcc -O2` and run,
# with its small (test) argument and with its default one, to write
# expected.txt: the output every engine must print, computed without any
# WebAssembly engine. The programs use no libm function but sqrt and no
# libc random numbers, so glibc and wasi-libc give the same output.
#
# expected.txt: one line per run, `PROGRAM<TAB>ARGUMENT<TAB>OUTPUT`, the
# output's lines joined by `\n`; ARGUMENT is empty for the default size.
set -eu
cd "$(dirname "$0")"
CLANG=${CLANG:-clang}
CC=${CC:-gcc}
SYSROOT=${WASI_SYSROOT:+--sysroot=$WASI_SYSROOT}
# The programs and the small argument the tests run them with.
PROGRAMS="calls:3 fib:20 hash:0 vm:2000 mandelbrot:64 spectral:40 matmul:24 memops:20 nbody:1000 quicksort:5000 sieve:100000 hello:"
native=$(mktemp -d)
trap 'rm -rf "$native"' EXIT

# record NAME ARG: runs the native build (ARG empty: no argument) and
# appends its output to expected.txt.
record() {
    if [ -n "$2" ]; then out=$("$native/$1" "$2"); else out=$("$native/$1"); fi
    joined=$(printf '%s\n' "$out" | awk 'NR > 1 { printf "\\n" } { printf "%s", $0 }')
    printf '%s\t%s\t%s\n' "$1" "$2" "$joined" >>expected.txt
}

: >expected.txt
for entry in $PROGRAMS; do
    name=${entry%%:*}
    small=${entry#*:}
    "$CLANG" --target=wasm32-wasi $SYSROOT -O2 -Wall -Wextra -Werror \
        -o "$name.wasm" "$name.c" -lm
    "$CC" -O2 -Wall -Wextra -Werror -o "$native/$name" "$name.c" -lm
    [ -z "$small" ] || record "$name" "$small"
    record "$name" ""
    echo "programs/wasi/$name.wasm: $(wc -c <"$name.wasm") bytes"
done
