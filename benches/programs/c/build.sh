#!/bin/sh
# Rebuilds the committed Wasm fixtures (programs/c/*.wasm) from the C
# sources: clang -O2 for wasm32, no libc (libc.c provides memset/memcpy),
# each module exporting `run(i32) -> i64` and its memory. Needs clang and
# wasm-ld (Debian: apt-get install clang lld; tested with clang 14).
#
# The native builds of the same sources (gcc -O2) are made by build.rs
# when the `native` feature is on.
set -eu
cd "$(dirname "$0")"
CLANG=${CLANG:-clang}
for name in fib sieve matmul sha256 nbody; do
    "$CLANG" --target=wasm32-unknown-unknown -O2 -nostdlib \
        -Wl,--no-entry -Wl,--export=run -Wl,--strip-all \
        -o "$name.wasm" "$name.c" libc.c
    echo "programs/c/$name.wasm: $(wc -c <"$name.wasm") bytes"
done
