#!/usr/bin/env bash
# Runs the official WASI test suite (WebAssembly/wasi-testsuite, kept OUTSIDE
# this repository) against `concord run`, or against another runtime with the
# same command line (`RUNNER run [--dir D]... [--env K=V]... FILE ARGS...`,
# e.g. wasmtime, to check this script itself).
#
# Usage:
#   tests/wasi/external.sh /path/to/wasi-testsuite [--runner /path/to/runtime]
#                          [--filter REGEX] [--keep]
#
#   --runner R   the runtime (default: target/release/concord of this repo)
#   --filter RE  run only the tests whose `suite/name` matches RE (grep -E)
#   --keep       keep the scratch directory the tests ran in
#
# What it runs, per suite directory of the checkout:
#   c             tests/c/testsuite[/wasm32-wasip1]/*.wasm when prebuilt;
#                 otherwise every tests/c/src/*.c is compiled here with
#                 `clang --target=wasm32-wasi` (Debian: apt-get install -y clang
#                 lld wasi-libc libclang-rt-14-dev-wasm32; CC and
#                 WASI_SYSROOT as in tests/wasi/build.sh), its NAME.json and
#                 the directories that JSON lists copied next to it, as
#                 upstream's tests/c/build.py does.
#   assemblyscript  tests/assemblyscript/testsuite[/wasm32-wasip1]/*.wasm;
#                 a *.ts without a .wasm is compiled with `asc` when
#                 ASC_NODE_MODULES names a node_modules holding `assemblyscript`
#                 and `@assemblyscript/wasi-shim` (npm install them anywhere),
#                 else reported as SKIP.
#   rust          tests/rust/testsuite[/wasm32-wasip1]/*.wasm, prebuilt only
#                 (building needs rustup's wasm32-wasip1 target); sources
#                 without a .wasm are counted as skipped.
#
# Each suite is copied to a scratch directory first, so the checkout is never
# written to. A test NAME.wasm runs with the spec NAME.json next to it, read
# as upstream's runner does (test-runner/wasi_test_runner): "args" (list),
# "env" (object; the guest sees only these), "dirs" (list of directories
# relative to the test's directory, each preopened under its own name, i.e.
# `--dir D` = wasmtime's `--dir D::D`), "exit_code" (default 0), "stdout" and
# "stderr" (compared byte for byte when present). The process runs with the
# test's directory as its working directory, and files named `*.cleanup` are
# removed before each test, like upstream. Newer upstream specs say
# "root": "D" instead, with sources that open `file` rather than `D/file`;
# this script preopens D as `D::/` (the runner code for "root" was not in
# the copy this was written from). Specs in the newest "operations" form are
# reported as FAIL (unsupported).
#
# Output: `PASS suite/name`, `FAIL suite/name: reason`, `SKIP suite/name:
# reason`, then `N passed, M failed` (and `K skipped` when any). Exit status
# 0 when nothing failed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
    exit "${1:-2}"
}

suite=""
runner="$repo/target/release/concord"
filter=""
keep=0
while [ "$#" -gt 0 ]; do
    case "$1" in
    --runner) runner="$2"; shift 2 ;;
    --filter) filter="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h | --help) usage 0 ;;
    -*) echo "external.sh: unknown option $1" >&2; usage ;;
    *)
        if [ -n "$suite" ]; then usage; fi
        suite="$1"; shift ;;
    esac
done
[ -n "$suite" ] || usage
[ -d "$suite/tests" ] || { echo "external.sh: $suite has no tests/ (not a wasi-testsuite checkout?)" >&2; exit 2; }
suite="$(cd "$suite" && pwd)"
if [ -x "$runner" ] && [ ! -d "$runner" ]; then
    # Absolute: the tests run from their own directories.
    runner="$(cd "$(dirname "$runner")" && pwd)/$(basename "$runner")"
else
    if [[ "$runner" != */* ]] && command -v "$runner" >/dev/null 2>&1; then
        runner="$(command -v "$runner")"
    else
        echo "external.sh: runner $runner not found (cargo build --release -p concord-cli)" >&2
        exit 2
    fi
fi
command -v jq >/dev/null || { echo "external.sh: needs jq (apt-get install -y jq)" >&2; exit 2; }

CC="${CC:-clang}"
WASI_SYSROOT="${WASI_SYSROOT:-/usr}"
TIMEOUT="${TIMEOUT:-60}"

work="$(mktemp -d "${TMPDIR:-/tmp}/wasi-external.XXXXXX")"
if [ "$keep" = 1 ]; then
    echo "scratch directory: $work" >&2
else
    trap 'rm -rf "$work"' EXIT
fi

passed=0
failed=0
skipped=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }
skip() { echo "SKIP $1: $2"; skipped=$((skipped + 1)); }
wanted() { [ -z "$filter" ] || echo "$1" | grep -Eq -- "$filter"; }

# The directory holding prebuilt tests of a language: testsuite/wasm32-wasip1
# (current layout) or testsuite/ itself (older layout).
prebuilt_dir() {
    local base="$suite/tests/$1/testsuite"
    if [ -d "$base/wasm32-wasip1" ]; then
        echo "$base/wasm32-wasip1"
    elif [ -d "$base" ]; then
        echo "$base"
    fi
}

# Copies a prebuilt suite directory (everything but sources) to $2.
copy_prebuilt() {
    local from="$1" to="$2"
    mkdir -p "$to"
    [ -n "$from" ] || return 0
    (cd "$from" && tar --exclude='*.c' --exclude='*.rs' --exclude='*.ts' --exclude='wasm32-wasip*' -cf - .) | (cd "$to" && tar -xf -)
}

# Copies the spec SRC.json of a test and the directories it lists to $2.
copy_spec() {
    local json="$1" to="$2" d
    [ -f "$json" ] || return 0
    cp "$json" "$to/"
    while IFS= read -r d; do
        if [ -n "$d" ] && [ -d "$(dirname "$json")/$d" ]; then
            mkdir -p "$to/$d"
            cp -R "$(dirname "$json")/$d/." "$to/$d/"
        fi
    done < <(jq -r '(.dirs // [])[], (.root // empty)' "$json")
}

build_c() {
    local to="$1" src name
    [ -d "$suite/tests/c/src" ] || return 0
    for src in "$suite"/tests/c/src/*.c; do
        [ -f "$src" ] || continue
        name="$(basename "$src" .c)"
        [ -f "$to/$name.wasm" ] && continue
        wanted "c/$name" || continue
        copy_spec "${src%.c}.json" "$to"
        if ! "$CC" --target=wasm32-wasi --sysroot="$WASI_SYSROOT" -O2 -g0 -Wl,--strip-debug \
            -o "$to/$name.wasm" "$src" 2>"$to/$name.build.log"; then
            echo "external.sh: building $src failed:" >&2
            cat "$to/$name.build.log" >&2
            rm -f "$to/$name.wasm"
            echo "$name" >>"$to/.build-failed"
        fi
    done
}

build_as() {
    local to="$1" srcdir="$suite/tests/assemblyscript/testsuite" src name
    for src in "$srcdir"/*.ts "$suite"/tests/assemblyscript/wasm32-wasip1/src/*.ts; do
        [ -f "$src" ] || continue
        name="$(basename "$src" .ts)"
        [ -f "$to/$name.wasm" ] && continue
        wanted "assemblyscript/$name" || continue
        copy_spec "${src%.ts}.json" "$to"
        if [ -z "${ASC_NODE_MODULES:-}" ] || [ ! -x "$ASC_NODE_MODULES/.bin/asc" ]; then
            echo "$name" >>"$to/.no-asc"
            continue
        fi
        local b="$work/asc"
        mkdir -p "$b"
        ln -sfn "$ASC_NODE_MODULES" "$b/node_modules"
        printf '{ "extends": "./node_modules/@assemblyscript/wasi-shim/asconfig.json" }\n' >"$b/asconfig.json"
        cp "$src" "$b/$name.ts"
        if ! (cd "$b" && node_modules/.bin/asc "$name.ts" -o "$to/$name.wasm") 2>"$to/$name.build.log"; then
            echo "external.sh: asc $src failed:" >&2
            cat "$to/$name.build.log" >&2
            rm -f "$to/$name.wasm"
            echo "$name" >>"$to/.build-failed"
        fi
    done
}

# run_test SUITE_NAME DIR NAME
run_test() {
    local sname="$1" dir="$2" name="$3" id="$1/$3"
    local json="$dir/$name.json" spec='{}'
    [ -f "$json" ] && spec="$(cat "$json")"
    if echo "$spec" | jq -e 'has("operations")' >/dev/null; then
        fail "$id" "spec uses the \"operations\" form, which this script does not read"
        return
    fi
    local -a cmd=("$runner" run)
    local d
    while IFS= read -r d; do
        [ -n "$d" ] && cmd+=(--dir "$d")
    done < <(echo "$spec" | jq -r '(.dirs // [])[]')
    d="$(echo "$spec" | jq -r '.root // empty')"
    [ -n "$d" ] && cmd+=(--dir "$d::/")
    local kv
    while IFS= read -r -d '' kv; do
        cmd+=(--env "$kv")
    done < <(echo "$spec" | jq -j '(.env // {}) | to_entries[] | "\(.key)=\(.value)\u0000"')
    cmd+=("$name.wasm")
    local a
    while IFS= read -r -d '' a; do
        cmd+=("$a")
    done < <(echo "$spec" | jq -j '(.args // [])[] | "\(.)\u0000"')

    find "$dir" -name '*.cleanup' -exec rm -rf {} + 2>/dev/null || true
    local out="$work/out.$$" err="$work/err.$$" status=0
    (cd "$dir" && timeout "$TIMEOUT" "${cmd[@]}" </dev/null >"$out" 2>"$err") || status=$?
    find "$dir" -name '*.cleanup' -exec rm -rf {} + 2>/dev/null || true

    local want_status reasons=()
    want_status="$(echo "$spec" | jq -r '.exit_code // 0')"
    if [ "$status" = 124 ] && [ "$want_status" != 124 ]; then
        reasons+=("timed out after ${TIMEOUT}s")
    elif [ "$status" != "$want_status" ]; then
        reasons+=("exit code $status, expected $want_status")
    fi
    if echo "$spec" | jq -e 'has("stdout")' >/dev/null; then
        if ! cmp -s <(echo "$spec" | jq -j '.stdout') "$out"; then
            reasons+=("stdout $(jq -Rsc . <"$out"), expected $(echo "$spec" | jq -c '.stdout')")
        fi
    fi
    if echo "$spec" | jq -e 'has("stderr")' >/dev/null; then
        if ! cmp -s <(echo "$spec" | jq -j '.stderr') "$err"; then
            reasons+=("stderr differs")
        fi
    fi
    if [ "${#reasons[@]}" = 0 ]; then
        pass "$id"
    else
        local r="${reasons[0]}" i
        for ((i = 1; i < ${#reasons[@]}; i++)); do r="$r; ${reasons[$i]}"; done
        if [ -s "$err" ]; then
            r="$r; stderr: $(head -c 300 "$err" | tr '\n' ' ')"
        fi
        fail "$id" "$r"
    fi
}

run_dir() {
    local sname="$1" dir="$2" w name
    for w in "$dir"/*.wasm; do
        [ -f "$w" ] || continue
        name="$(basename "$w" .wasm)"
        wanted "$sname/$name" || continue
        run_test "$sname" "$dir" "$name"
    done
    if [ -f "$dir/.build-failed" ]; then
        while IFS= read -r name; do fail "$sname/$name" "did not build"; done <"$dir/.build-failed"
    fi
    if [ -f "$dir/.no-asc" ]; then
        while IFS= read -r name; do skip "$sname/$name" "no .wasm and no asc (set ASC_NODE_MODULES)"; done <"$dir/.no-asc"
    fi
}

echo "runner: $runner ($("$runner" --version 2>/dev/null | head -n1 || echo unknown version))"
if git -C "$suite" rev-parse HEAD >/dev/null 2>&1; then
    echo "suite: $suite at $(git -C "$suite" rev-parse HEAD)"
else
    echo "suite: $suite"
fi

# C
c_dir="$work/c"
copy_prebuilt "$(prebuilt_dir c)" "$c_dir"
if [ -d "$suite/tests/c/src" ]; then
    if command -v "$CC" >/dev/null 2>&1; then
        build_c "$c_dir"
    else
        echo "external.sh: $CC not found; only prebuilt C tests run" >&2
    fi
fi
run_dir c "$c_dir"

# AssemblyScript
as_dir="$work/assemblyscript"
copy_prebuilt "$(prebuilt_dir assemblyscript)" "$as_dir"
build_as "$as_dir"
run_dir assemblyscript "$as_dir"

# Rust: prebuilt modules only.
rs_dir="$work/rust"
copy_prebuilt "$(prebuilt_dir rust)" "$rs_dir"
run_dir rust "$rs_dir"
for src in "$suite"/tests/rust/src/bin/*.rs "$suite"/tests/rust/wasm32-wasip1/src/bin/*.rs; do
    [ -f "$src" ] || continue
    name="$(basename "$src" .rs)"
    [ -f "$rs_dir/$name.wasm" ] && continue
    wanted "rust/$name" || continue
    skip "rust/$name" "no prebuilt .wasm (needs a wasm32-wasip1 Rust target)"
done

if [ "$skipped" -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
else
    echo "$passed passed, $failed failed"
fi
[ "$failed" = 0 ]
