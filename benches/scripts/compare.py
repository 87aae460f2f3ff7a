#!/usr/bin/env python3
"""Compares two criterion baselines case by case (Markdown table).

Usage: scripts/compare.py [--dir CRITERION_DIR] BEFORE AFTER

For every bench group and every runtime case present in both baselines,
prints the two point estimates and their ratio (after / before: below 1 is
faster). The peers' rows (wasmtime, wasmi, native) did not change between
the two builds, so their ratios show how much the machine drifted between
the runs.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(HERE, "..", "..", "target")), "criterion")
args = sys.argv[1:]
if args[:1] == ["--dir"]:
    ROOT, args = args[1], args[2:]
if len(args) != 2:
    sys.exit(__doc__)
BEFORE, AFTER = args


def estimate(group, case, baseline):
    path = os.path.join(ROOT, group, case, baseline, "estimates.json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        e = json.load(f)
    point = (e.get("slope") or e["mean"])["point_estimate"]
    return point


def fmt(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.4g} {unit}"
    return f"{ns:.4g} ns"


print(f"| bench | case | {BEFORE} | {AFTER} | {AFTER} / {BEFORE} |")
print("|---|---|---:|---:|---:|")
for group in sorted(os.listdir(ROOT)):
    gdir = os.path.join(ROOT, group)
    if not os.path.isdir(gdir) or group == "report":
        continue
    for case in sorted(os.listdir(gdir)):
        a, b = estimate(group, case, BEFORE), estimate(group, case, AFTER)
        if a is None or b is None:
            continue
        print(f"| `{group}` | {case} | {fmt(a)} | {fmt(b)} | {b / a:.3f} |")
