#!/usr/bin/env python3
"""Prints the README's result tables (Markdown) from criterion's output.

Usage: scripts/table.py [--dir CRITERION_DIR] [BASELINE...]

CRITERION_DIR defaults to target/criterion of the workspace
($CARGO_TARGET_DIR/criterion when that is set). With no BASELINE, the last
run (criterion's `new`) is read; with several (runs made with
`cargo bench ... -- --save-baseline NAME`), each case's best (lowest) time
over them is taken, so a case that happened to run while the machine was
busy does not count against its runtime.

Times are criterion's point estimates as it prints them (the slope where it
fitted one, else the mean). Compile throughput is in MB/s (10^6 bytes/s).
"""
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
default = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(HERE, "..", "..", "target")), "criterion")
args = sys.argv[1:]
ROOT = default
if args[:1] == ["--dir"]:
    ROOT, args = args[1], args[2:]
BASELINES = args or ["new"]

EXECUTE = ["fib", "arith", "sieve", "call_indirect", "br_table", "simd", "wasm_to_host", "host_to_wasm",
           "c_fib", "c_sieve", "c_matmul", "c_sha256", "c_nbody"]
C = [b for b in EXECUTE if b.startswith("c_")]


def estimate(group, case):
    """The case's time in nanoseconds, the lowest over BASELINES."""
    points = []
    for baseline in BASELINES:
        path = os.path.join(ROOT, group, case, baseline, "estimates.json")
        if os.path.exists(path):
            with open(path) as f:
                e = json.load(f)
            points.append((e.get("slope") or e["mean"])["point_estimate"])
    return min(points) if points else None


def bytes_of(group, case):
    path = os.path.join(ROOT, group, case, BASELINES[0], "benchmark.json")
    with open(path) as f:
        t = json.load(f).get("throughput") or {}
    return t.get("Bytes") or t.get("BytesDecimal")


def fmt_time(ns):
    if ns is None:
        return "–"
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.4g} {unit}"
    return f"{ns:.4g} ns"


def ratio(a, b):
    return None if a is None or b is None else a / b


def fmt_ratio(r):
    return "–" if r is None else f"{r:.2f}"


def geomean(rs):
    rs = [r for r in rs if r is not None]
    return math.exp(sum(map(math.log, rs)) / len(rs)) if rs else None


def code(name):
    return f"`{name}`"


print("| bench | concord-cranelift | wasmtime | cranelift / wasmtime | native (gcc -O2) | cranelift / native | wasmtime / native |")
print("|---|---:|---:|---:|---:|---:|---:|")
vs_wasmtime, vs_native, wt_native = [], [], []
for b in EXECUTE:
    cl, wt, nat = estimate(b, "concord-cranelift"), estimate(b, "wasmtime"), estimate(b, "native")
    r1, r2, r3 = ratio(cl, wt), ratio(cl, nat), ratio(wt, nat)
    vs_wasmtime.append(r1)
    if b in C:
        vs_native.append(r2)
        wt_native.append(r3)
    print(f"| {code(b)} | {fmt_time(cl)} | {fmt_time(wt)} | {fmt_ratio(r1)} | {fmt_time(nat)} | {fmt_ratio(r2)} | {fmt_ratio(r3)} |")
print(f"| **geometric mean, all {len(EXECUTE)}** | | | **{fmt_ratio(geomean(vs_wasmtime))}** | | | |")
print(f"| **geometric mean, the {len(C)} C programs** | | | **{fmt_ratio(geomean([vs_wasmtime[EXECUTE.index(b)] for b in C]))}** | | **{fmt_ratio(geomean(vs_native))}** | **{fmt_ratio(geomean(wt_native))}** |")
print()

print("| compile | concord-cranelift | wasmtime | concord / wasmtime (throughput) |")
print("|---|---:|---:|---:|")
for mode in ("single", "parallel"):
    cells = []
    tps = []
    for rt in ("concord-cranelift", "wasmtime"):
        t = estimate("compile", f"{rt}-{mode}")
        if t is None:
            cells.append("–")
            tps.append(None)
            continue
        tp = bytes_of("compile", f"{rt}-{mode}") / (t / 1e9) / 1e6
        tps.append(tp)
        cells.append(f"{fmt_time(t)} ({tp:.2f} MB/s)")
    r = None if None in tps else tps[0] / tps[1]
    print(f"| {'single-threaded' if mode == 'single' else 'multi-threaded (parallel_compilation)'} | {cells[0]} | {cells[1]} | {fmt_ratio(r)} |")
print()

print("| bench | concord-interp | wasmi | concord-interp / wasmi |")
print("|---|---:|---:|---:|")
for b in C:
    ci, wi = estimate(b, "concord-interp"), estimate(b, "wasmi")
    print(f"| {code(b)} | {fmt_time(ci)} | {fmt_time(wi)} | {fmt_ratio(ratio(ci, wi))} |")
