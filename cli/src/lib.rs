//! The concord command line, as a library: the `concord` binary is a thin
//! wrapper around [`main_with_args`], and the spec-test harness of the
//! workspace reuses the `.wast` runner in [`wast`].
//!
//! # Subcommands
//!
//! - `concord run [OPTIONS] FILE [ARGS...]`: instantiates a `.wasm` or `.wat`
//!   module and calls `--invoke NAME` with `ARGS` (or the default export:
//!   `""`, else `_start`, as wasmtime does), printing each result on its own
//!   line the way wasmtime prints them. The module gets
//!   `wasi_snapshot_preview1` (see [`run`]): `--dir HOST[::GUEST]`,
//!   `--env NAME[=VALUE]` and `--tcplisten ADDR` as in wasmtime.
//!   `--preload NAME=FILE` (repeatable, as in wasmtime) instantiates FILE
//!   first, with WASI and the earlier preloads, and offers its exports to
//!   the later modules under the import module name NAME. `--backend`,
//!   `--fuel` and `-O KEY=VALUE` (tier-up tuning) choose how it runs.
//! - `concord wast [OPTIONS] PATH...`: runs spec-test scripts (see [`wast`]).
//! - `concord validate [OPTIONS] FILE`: prints `ok` or the validation error.
//! - `concord inspect [--json] FILE`: the module's imports and exports, the
//!   interfaces it needs and whether concord's hosts provide them (a
//!   portability report), every proposal it uses with whether concord
//!   supports it and enables it, and its sizes (see [`inspect`]). The module
//!   is read with every proposal on, so one using a proposal concord does
//!   not implement yet is reported rather than refused.
//!
//! # WebAssembly features
//!
//! Every subcommand takes `--wasm-version 1.0|2.0|3.0` (a preset: 3.0 is
//! 2.0 plus the Wasm 3.0 proposals concord implements, and the default)
//! and then `-W NAME=y|n` switches, from [`WasmFeatures::INFO`].
//! `-W help` lists them, with whether this build supports each, its default
//! and the WebAssembly version that includes it, and exits 0. Turning on a
//! proposal concord does not implement is an error before anything else; a
//! module rejected for a proposal that is off says how to enable it, or
//! that concord does not support it yet. `-W` keys that are not proposals
//! live in [`WASM_OPTIONS`]; those that bound a run (`timeout`,
//! `max-memory-size`, `max-table-elements`, `max-memories`, `max-tables`,
//! `max-instances`, `trap-on-grow-failure`, as in wasmtime) in
//! [`RUN_OPTIONS`], for `concord run` only.
//!
//! # Exit status
//!
//! - `0`: success.
//! - `n`: in `concord run`, the guest called `proc_exit(n)` with `n` from
//!   0 to 125 ([`run::MAX_EXIT_STATUS`]), as in wasmtime.
//! - `1`: any error: unreadable or invalid input, link error, bad
//!   arguments, a failed `.wast` assertion, a tier that is not compiled in,
//!   and a guest's `proc_exit(n)` with `n` above 125 ("invalid exit
//!   status": 126 and 127 are the shell's own failures, 128 + n a death by
//!   signal n, and the OS keeps only the low 8 bits, so `proc_exit(256)`
//!   would look like success).
//! - `2`: the command line itself could not be parsed (clap's convention).
//! - `134`: Wasm code trapped in `concord run` (including running out of
//!   fuel). This is the status wasmtime's `run` gives on Unix, where it
//!   aborts the process (128 + SIGABRT); concord exits with the same number
//!   without raising the signal, so no core file is written.
//!
//! Every error is printed to stderr as `error: ` followed by its message;
//! for traps the message includes the Wasm backtrace.

pub mod inspect;
pub mod run;
pub mod wast;

use anyhow::{Context, Result, bail};
use clap::{Args, CommandFactory, Parser, Subcommand};
use concord::core::summary::summarize;
use concord::{Config, Engine, Module, Tier, WasmFeatures, WasmVersion};
use std::borrow::Cow;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The exit status of `concord run` when Wasm code traps (see the crate docs).
pub const TRAP_EXIT_STATUS: i32 = 134;

/// The `concord` command line.
#[derive(Parser, Debug)]
#[command(name = "concord", version, about = "The concord WebAssembly runtime")]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Instantiate a module and run its default export or `--invoke NAME`.
    Run(Deferred<run::RunCommand>),
    /// Run WebAssembly spec-test scripts (.wast files or directories of them).
    Wast(Deferred<WastCommand>),
    /// Validate a module (.wasm or .wat) and print `ok` or the error.
    Validate(Deferred<ValidateCommand>),
    /// Report a module's imports, exports, features and sizes, and whether
    /// concord's hosts provide what it needs.
    Inspect(Deferred<inspect::InspectCommand>),
}

/// A subcommand's arguments, added to it only when it is parsed or its
/// help shown (`Command::defer`): building every subcommand's arguments
/// was a measurable part of running a small module.
#[derive(Debug)]
struct Deferred<T>(T);

impl<T> std::ops::Deref for Deferred<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: clap::FromArgMatches> clap::FromArgMatches for Deferred<T> {
    fn from_arg_matches(matches: &clap::ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches(matches).map(Deferred)
    }
    fn from_arg_matches_mut(matches: &mut clap::ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches_mut(matches).map(Deferred)
    }
    fn update_from_arg_matches(&mut self, matches: &clap::ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(matches)
    }
    fn update_from_arg_matches_mut(&mut self, matches: &mut clap::ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches_mut(matches)
    }
}

impl<T: Args> Args for Deferred<T> {
    fn group_id() -> Option<clap::Id> {
        T::group_id()
    }
    fn augment_args(cmd: clap::Command) -> clap::Command {
        cmd.defer(|cmd| keep_about(cmd, T::augment_args))
    }
    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        cmd.defer(|cmd| keep_about(cmd, T::augment_args_for_update))
    }
}

/// `augment` on `cmd`, keeping the subcommand's own descriptions (set
/// after its arguments, which would otherwise replace them with their
/// structs' when they are added later).
fn keep_about(cmd: clap::Command, augment: fn(clap::Command) -> clap::Command) -> clap::Command {
    let about = cmd.get_about().cloned();
    let long_about = cmd.get_long_about().cloned();
    let mut cmd = augment(cmd);
    if let Some(about) = about {
        cmd = cmd.about(about);
    }
    if let Some(long_about) = long_about {
        cmd = cmd.long_about(long_about);
    }
    cmd
}

/// Options choosing the WebAssembly features (shared by every subcommand).
#[derive(Args, Debug, Clone, Default)]
pub struct FeatureOptions {
    /// WebAssembly version whose features are enabled: 1.0, 2.0 or 3.0 (the
    /// Wasm 3.0 proposals this build supports; `-W help` lists them)
    /// [default: 3.0].
    #[arg(long = "wasm-version", value_name = "VERSION")]
    pub wasm_version: Option<WasmVersion>,
    /// Turn a proposal on or off: `-W simd=n`, `-W tail-call=y`, `-W
    /// multi-memory` (on); several may be given, or joined with commas.
    /// Applied after `--wasm-version`. `-W help` lists the proposals, whether
    /// this build supports each, and their defaults, and the other keys
    /// (`-W relaxed-simd-deterministic=y`).
    #[arg(short = 'W', value_name = "NAME[=y|n]")]
    pub wasm: Vec<String>,
}

/// A `-W` key that is not a proposal switch. These are looked up before the
/// proposal names.
pub struct WasmOption {
    /// The key.
    pub name: &'static str,
    /// Its syntax and meaning, as `-W help` prints them (`NAME=y|n: ...`).
    pub help: &'static str,
    /// Applies `-W NAME` (`None`) or `-W NAME=VALUE` to a configuration;
    /// `item` is the whole `-W` item, for messages.
    pub apply: fn(config: &mut Config, item: &str, value: Option<&str>) -> Result<()>,
}

/// The `-W` key that is an option of the relaxed SIMD proposal, not a
/// proposal (`Config::relaxed_simd_deterministic`).
pub const RELAXED_SIMD_DETERMINISTIC: &str = "relaxed-simd-deterministic";

/// The `-W` keys that are not proposal switches (`-W help` is handled before
/// any of them, see [`FeatureOptions::wants_help`]).
pub const WASM_OPTIONS: &[WasmOption] = &[
    WasmOption {
        name: RELAXED_SIMD_DETERMINISTIC,
        help: "relaxed-simd-deterministic=y|n: give the relaxed SIMD operators the results of the deterministic profile on every tier, instead of each tier's fastest ones [default: n]",
        apply: |config, item, value| {
            config.relaxed_simd_deterministic(parse_flag("-W", item, value)?);
            Ok(())
        },
    },
    WasmOption {
        name: "max-wasm-stack",
        help: "max-wasm-stack=BYTES: the most stack Wasm code may use before it traps with stack overflow (suffixes KiB, MiB, GiB) [default: 8MiB]",
        apply: |config, item, value| {
            config.max_wasm_stack(parse_size(item, value)?);
            Ok(())
        },
    },
];

/// The limits of a guest's run that `concord run` takes as `-W` keys
/// ([`RUN_OPTIONS`]); the other subcommands refuse them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RunLimits {
    /// `-W timeout`: wall-clock time after which the guest is interrupted.
    pub timeout: Option<std::time::Duration>,
    /// `-W max-memory-size`: the most bytes a linear memory may reach.
    pub max_memory_size: Option<usize>,
    /// `-W max-table-elements`: the most elements a table may reach.
    pub max_table_elements: Option<usize>,
    /// `-W max-memories`: the most memories.
    pub max_memories: Option<usize>,
    /// `-W max-tables`: the most tables.
    pub max_tables: Option<usize>,
    /// `-W max-instances`: the most instances.
    pub max_instances: Option<usize>,
    /// `-W trap-on-grow-failure`: a failed `memory.grow` / `table.grow`
    /// traps instead of returning -1.
    pub trap_on_grow_failure: bool,
}

impl RunLimits {
    /// The store limits these ask for, if any.
    pub fn store_limits(&self) -> Option<concord::StoreLimits> {
        let RunLimits {
            timeout: _,
            max_memory_size,
            max_table_elements,
            max_memories,
            max_tables,
            max_instances,
            trap_on_grow_failure,
        } = self.clone();
        let mut b = concord::StoreLimitsBuilder::new().trap_on_grow_failure(trap_on_grow_failure);
        let mut any = trap_on_grow_failure;
        for (value, set) in [
            (
                max_memory_size,
                concord::StoreLimitsBuilder::memory_size as fn(_, _) -> _,
            ),
            (max_table_elements, concord::StoreLimitsBuilder::table_elements),
            (max_memories, concord::StoreLimitsBuilder::memories),
            (max_tables, concord::StoreLimitsBuilder::tables),
            (max_instances, concord::StoreLimitsBuilder::instances),
        ] {
            if let Some(v) = value {
                b = set(b, v);
                any = true;
            }
        }
        any.then(|| b.build())
    }
}

/// A `-W` key of `concord run` alone: a limit of the guest's run.
pub struct RunOption {
    /// The key.
    pub name: &'static str,
    /// As [`WasmOption::help`].
    pub help: &'static str,
    /// Applies `-W NAME[=VALUE]`.
    pub apply: fn(limits: &mut RunLimits, item: &str, value: Option<&str>) -> Result<()>,
}

/// The `-W` keys that bound a guest's run (`concord run` only), as
/// wasmtime's `run` takes them.
pub const RUN_OPTIONS: &[RunOption] = &[
    RunOption {
        name: "timeout",
        help: "timeout=DURATION: interrupt the guest (a trap) once this much wall-clock time has passed, even in a loop or a blocking WASI call (e.g. 500ms, 2s, 1m; units ns, us, ms, s, m, h) [run only]",
        apply: |limits, item, value| {
            limits.timeout = Some(parse_duration(item, value)?);
            Ok(())
        },
    },
    RunOption {
        name: "max-memory-size",
        help: "max-memory-size=BYTES: the most bytes each linear memory may reach; a larger memory.grow returns -1 (suffixes KiB, MiB, GiB) [run only]",
        apply: |limits, item, value| {
            limits.max_memory_size = Some(parse_size(item, value)?);
            Ok(())
        },
    },
    RunOption {
        name: "max-table-elements",
        help: "max-table-elements=N: the most elements each table may reach; a larger table.grow returns -1 [run only]",
        apply: |limits, item, value| {
            limits.max_table_elements = Some(parse_count(item, value)?);
            Ok(())
        },
    },
    RunOption {
        name: "max-memories",
        help: "max-memories=N: the most linear memories the guest's instances may define [run only]",
        apply: |limits, item, value| {
            limits.max_memories = Some(parse_count(item, value)?);
            Ok(())
        },
    },
    RunOption {
        name: "max-tables",
        help: "max-tables=N: the most tables the guest's instances may define [run only]",
        apply: |limits, item, value| {
            limits.max_tables = Some(parse_count(item, value)?);
            Ok(())
        },
    },
    RunOption {
        name: "max-instances",
        help: "max-instances=N: the most instances (the module and its --preload modules) [run only]",
        apply: |limits, item, value| {
            limits.max_instances = Some(parse_count(item, value)?);
            Ok(())
        },
    },
    RunOption {
        name: "trap-on-grow-failure",
        help: "trap-on-grow-failure=y|n: a memory.grow or table.grow that fails traps instead of returning -1 [default: n] [run only]",
        apply: |limits, item, value| {
            limits.trap_on_grow_failure = parse_flag("-W", item, value)?;
            Ok(())
        },
    },
];

/// The value of a `-W` item that needs one.
fn required<'a>(item: &str, value: Option<&'a str>) -> Result<&'a str> {
    value.ok_or_else(|| anyhow::anyhow!("`-W {item}` needs a value (`-W {item}=VALUE`)"))
}

/// A count: a decimal number.
fn parse_count(item: &str, value: Option<&str>) -> Result<usize> {
    let value = required(item, value)?;
    value
        .parse()
        .map_err(|_| anyhow::anyhow!("invalid value `{value}` in `-W {item}` (expected a number)"))
}

/// A size in bytes: a decimal number with an optional binary suffix (`K`,
/// `KiB`, `M`, `MiB`, `G`, `GiB`).
pub fn parse_size(item: &str, value: Option<&str>) -> Result<usize> {
    let value = required(item, value)?;
    let bad = || {
        anyhow::anyhow!(
            "invalid size `{value}` in `-W {item}` (expected bytes, with an optional suffix KiB, MiB or GiB)"
        )
    };
    let digits = value.find(|c: char| !c.is_ascii_digit()).unwrap_or(value.len());
    let (number, suffix) = value.split_at(digits);
    let shift = match suffix.trim() {
        "" | "B" => 0,
        "K" | "KiB" | "k" | "kib" => 10,
        "M" | "MiB" | "m" | "mib" => 20,
        "G" | "GiB" | "g" | "gib" => 30,
        _ => return Err(bad()),
    };
    let n: usize = number.parse().map_err(|_| bad())?;
    n.checked_mul(1usize << shift).ok_or_else(bad)
}

/// A duration: a decimal number (fractions allowed) and a unit (`ns`,
/// `us`, `ms`, `s`, `m`, `h`).
pub fn parse_duration(item: &str, value: Option<&str>) -> Result<std::time::Duration> {
    let value = required(item, value)?;
    let bad = || {
        anyhow::anyhow!(
            "invalid duration `{value}` in `-W {item}` (expected a number and a unit: 500ms, 2s, 1m; units ns, us, ms, s, m, h)"
        )
    };
    let digits = value
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(value.len());
    let (number, unit) = value.split_at(digits);
    let seconds_per_unit = match unit {
        "ns" => 1e-9,
        "us" | "µs" => 1e-6,
        "ms" => 1e-3,
        "s" => 1.0,
        "m" | "min" => 60.0,
        "h" => 3600.0,
        _ => return Err(bad()),
    };
    let n: f64 = number.parse().map_err(|_| bad())?;
    std::time::Duration::try_from_secs_f64(n * seconds_per_unit).map_err(|_| bad())
}

impl FeatureOptions {
    /// The `-W` items, split at commas, without empty ones.
    fn items(&self) -> impl Iterator<Item = &str> {
        self.wasm
            .iter()
            .flat_map(|s| s.split(','))
            .map(str::trim)
            .filter(|item| !item.is_empty())
    }

    /// Whether `-W help` was given.
    pub fn wants_help(&self) -> bool {
        self.items().any(|item| item == "help")
    }

    /// Applies the version preset, then each `-W` item in order. Turning on
    /// a proposal that concord does not implement is an error, and so is a
    /// key of `concord run` alone ([`RUN_OPTIONS`]).
    pub fn apply(&self, config: &mut Config) -> Result<()> {
        self.apply_with(config, None)
    }

    /// As [`FeatureOptions::apply`], also taking the keys of [`RUN_OPTIONS`]
    /// into `limits` (for `concord run`).
    pub fn apply_run(&self, config: &mut Config) -> Result<RunLimits> {
        let mut limits = RunLimits::default();
        self.apply_with(config, Some(&mut limits))?;
        Ok(limits)
    }

    fn apply_with(&self, config: &mut Config, mut limits: Option<&mut RunLimits>) -> Result<()> {
        if let Some(version) = self.wasm_version {
            config.wasm_version(version);
        }
        for item in self.items() {
            if item == "help" {
                continue;
            }
            let (name, value) = match item.split_once('=') {
                Some((name, value)) => (name, Some(value)),
                None => (item, None),
            };
            if let Some(option) = WASM_OPTIONS.iter().find(|o| o.name == name) {
                (option.apply)(config, item, value)?;
                continue;
            }
            if let Some(option) = RUN_OPTIONS.iter().find(|o| o.name == name) {
                match limits.as_deref_mut() {
                    Some(limits) => (option.apply)(limits, item, value)?,
                    None => bail!("`-W {item}` bounds a guest's run: it applies to `concord run` only"),
                }
                continue;
            }
            let Some(info) = WasmFeatures::INFO.iter().find(|i| i.name == name) else {
                let known: Vec<&str> = WasmFeatures::INFO
                    .iter()
                    .map(|i| i.name)
                    .chain(WASM_OPTIONS.iter().map(|o| o.name))
                    .chain(RUN_OPTIONS.iter().map(|o| o.name))
                    .collect();
                bail!(
                    "unknown WebAssembly feature `{name}` in `-W {item}` (known features: {}; `-W help` describes them)",
                    known.join(", ")
                );
            };
            let on = parse_flag("-W", item, value)?;
            if on && !info.supported {
                bail!(
                    "{} (`-W help` lists the proposals and their support)",
                    not_supported(info.name)
                );
            }
            config.features.set(name, on).map_err(anyhow::Error::msg)?;
        }
        Ok(())
    }
}

/// The message for a proposal that concord does not implement.
fn not_supported(name: &str) -> String {
    format!("the `{name}` proposal is not supported by concord yet")
}

/// What `-W help` prints: every proposal switch, whether this build
/// supports it, its default, and the WebAssembly version that includes it;
/// then the other `-W` keys.
pub fn wasm_help() -> String {
    let defaults = WasmFeatures::default();
    let mut rows = vec![[
        "NAME".to_string(),
        "SUPPORTED".into(),
        "DEFAULT".into(),
        "WASM".into(),
        "DESCRIPTION".into(),
    ]];
    for info in WasmFeatures::INFO {
        rows.push([
            info.name.to_string(),
            if info.supported { "yes" } else { "no" }.into(),
            if defaults.get(info.name) == Some(true) {
                "on"
            } else {
                "off"
            }
            .into(),
            info.wasm_version().unwrap_or("-").into(),
            info.description().into(),
        ]);
    }
    let widths: Vec<usize> = (0..4)
        .map(|c| rows.iter().map(|r| r[c].len()).max().unwrap_or(0))
        .collect();
    let mut s = String::from(
        "WebAssembly proposals, switched with `-W NAME=y|n` (several may be given, or joined with commas):\n\n",
    );
    for row in &rows {
        s.push_str("  ");
        for (cell, width) in row.iter().zip(&widths) {
            s.push_str(&format!("{cell:width$}  "));
        }
        s.push_str(&row[4]);
        s.push('\n');
    }
    s.push_str(
        "\nSUPPORTED: whether this build of concord implements it; turning on one it does not is an error.\n\
         DEFAULT: whether it is on without `--wasm-version` and `-W` (Wasm 3.0 as far as concord implements it).\n\
         WASM: the WebAssembly version that includes it (`-`: none yet); `--wasm-version 3.0` turns on\n\
         every supported proposal of Wasm 3.0.\n",
    );
    if !WASM_OPTIONS.is_empty() {
        s.push_str("\nOther `-W` options:\n\n");
        for option in WASM_OPTIONS {
            s.push_str(&format!("  -W {}\n", option.help));
        }
        for option in RUN_OPTIONS {
            s.push_str(&format!("  -W {}\n", option.help));
        }
    }
    s
}

/// Parses `name`, `name=y` or `name=n` (also `yes`/`no`, `true`/`false`, `on`/`off`).
fn parse_switch<'a>(option: &str, item: &'a str) -> Result<(&'a str, bool)> {
    match item.split_once('=') {
        Some((name, value)) => Ok((name, parse_flag(option, item, Some(value))?)),
        None => Ok((item, true)),
    }
}

/// The value of a yes/no item of `option` (`-W` or `-O`): `None` (no value)
/// is yes; `item` is the whole item, for the message.
pub fn parse_flag(option: &str, item: &str, value: Option<&str>) -> Result<bool> {
    match value {
        None | Some("y" | "yes" | "true" | "on") => Ok(true),
        Some("n" | "no" | "false" | "off") => Ok(false),
        Some(value) => bail!("invalid value `{value}` in `{option} {item}` (expected y or n)"),
    }
}

/// Tuning options in wasmtime's `-O KEY=VALUE` style (`run` and `wast`).
#[derive(Args, Debug, Clone, Default)]
pub struct TuningOptions {
    /// Tune tier-up (`--backend auto`): `-O tier-up-threshold=N` (a
    /// function's budget; 0 tiers up every function at its first call and
    /// every loop at its first iteration), `-O osr=y|n` (on-stack
    /// replacement at loop headers), `-O tier-up-threads=N` (background
    /// compilation threads; 0 compiles on the running thread),
    /// `-O tier-up-path=cranelift|jit|jit-cranelift` (the tiers a hot
    /// function moves through; default jit-cranelift). Several may be given, or joined with commas.
    #[arg(short = 'O', value_name = "KEY=VALUE")]
    pub opts: Vec<String>,
}

impl TuningOptions {
    /// The keys `-O` accepts.
    pub const KEYS: [&str; 4] = ["tier-up-threshold", "osr", "tier-up-threads", "tier-up-path"];

    /// Applies each `-O` in order; they tune tier-up, so they need
    /// `--backend auto`.
    pub fn apply(&self, config: &mut Config) -> Result<()> {
        for item in self.opts.iter().flat_map(|s| s.split(',')) {
            let item = item.trim();
            if item.is_empty() {
                continue;
            }
            let Some((key, value)) = item.split_once('=') else {
                bail!(
                    "`-O {item}` needs a value (`-O KEY=VALUE`; keys: {})",
                    Self::KEYS.join(", ")
                )
            };
            let number = || -> Result<u32> {
                value
                    .parse::<u32>()
                    .map_err(|_| anyhow::anyhow!("invalid value `{value}` in `-O {item}` (expected a number)"))
            };
            match key {
                "tier-up-threshold" => config.tier_up.threshold = number()?,
                "tier-up-threads" => config.tier_up.threads = Some(number()? as usize),
                "tier-up-path" => {
                    config.tier_up.path = value
                        .parse()
                        .map_err(|e| anyhow::anyhow!("invalid value in `-O {item}`: {e}"))?;
                }
                "osr" => {
                    let (_, on) = parse_switch("-O", item)?;
                    config.tier_up.osr = on;
                }
                _ => bail!(
                    "unknown option `{key}` in `-O {item}` (known: {})",
                    Self::KEYS.join(", ")
                ),
            }
            if config.tier != Tier::Auto {
                bail!(
                    "`-O {item}` tunes tier-up, which only `--backend auto` does (the backend is {})",
                    config.tier
                );
            }
        }
        Ok(())
    }
}

/// The tiers `--backend` accepts in this build: the tiers compiled in, and
/// `auto` when the interpreter is (it starts there).
pub fn available_backends() -> Vec<Tier> {
    let mut tiers = Engine::available_tiers().to_vec();
    if tiers.contains(&Tier::Interp) {
        tiers.push(Tier::Auto);
    }
    tiers
}

/// The default `--backend`: `auto` when this build has it, else the first
/// tier compiled in.
pub fn default_backend() -> Tier {
    let tiers = available_backends();
    if tiers.contains(&Tier::Auto) {
        Tier::Auto
    } else {
        tiers.first().copied().unwrap_or(Tier::Auto)
    }
}

/// Checks that `tier` is compiled in, with an error naming the tiers that are.
pub fn check_tier(tier: Tier) -> Result<()> {
    let available = available_backends();
    if available.contains(&tier) {
        return Ok(());
    }
    let names: Vec<&str> = available.iter().map(|t| t.name()).collect();
    if names.is_empty() {
        bail!("the {tier} tier is not compiled in (this build has no tier)")
    }
    bail!(
        "the {tier} tier is not compiled in (this build has: {})",
        names.join(", ")
    )
}

/// The help of a `--backend` option: the tier that `what`, chosen from the
/// tiers compiled into this build (so that the help stays true whatever
/// tier features the binary was built with), and the default.
pub fn backend_help(what: &str) -> String {
    let names: Vec<&str> = available_backends().iter().map(|t| t.name()).collect();
    let default = default_backend();
    match names.as_slice() {
        [] => format!("The tier that {what} (this build has no tier) [default: {default}]"),
        [one] => format!("The tier that {what}: {one}, the only one in this build [default: {default}]"),
        [init @ .., last] => format!(
            "The tier that {what}: {} or {last} in this build [default: {default}]",
            init.join(", ")
        ),
    }
}

/// Builds a configuration from a tier choice and feature options.
pub fn build_config(tier: Option<Tier>, features: &FeatureOptions) -> Result<Config> {
    build_config_with(tier, features, None)
}

/// As [`build_config`], for `concord run`: also the limits of the run.
pub fn build_run_config(tier: Option<Tier>, features: &FeatureOptions) -> Result<(Config, RunLimits)> {
    let mut limits = RunLimits::default();
    let config = build_config_with(tier, features, Some(&mut limits))?;
    Ok((config, limits))
}

fn build_config_with(tier: Option<Tier>, features: &FeatureOptions, limits: Option<&mut RunLimits>) -> Result<Config> {
    let mut config = Config::new();
    // Features first, so that asking for one concord does not implement is
    // the first error.
    features.apply_with(&mut config, limits)?;
    config.tier(tier.unwrap_or_else(default_backend));
    check_tier(config.tier)?;
    Ok(config)
}

/// Reads a module file, with an error naming the file.
pub fn read_input(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("failed to read `{}`", path.display()))
}

/// Converts a module file's contents to the binary format: binary input
/// (the `\0asm` magic, or a `.wasm` name) is taken as is, so a damaged
/// binary gets the decoder's error; anything else is parsed as text, with
/// errors that name the file and point at the line.
pub fn to_binary<'a>(path: &Path, bytes: &'a [u8]) -> Result<Cow<'a, [u8]>> {
    if bytes.starts_with(b"\0asm") || path.extension().is_some_and(|e| e == "wasm") {
        return Ok(Cow::Borrowed(bytes));
    }
    wat::Parser::new()
        .parse_bytes(Some(path), bytes)
        .map_err(|e| anyhow::anyhow!("{e}"))
        .with_context(|| format!("failed to parse `{}` as the WebAssembly text format", path.display()))
}

/// Reads, parses (if text), decodes and validates a module file.
pub fn load_module(engine: &Engine, path: &Path) -> Result<Module> {
    let bytes = read_input(path)?;
    // A binary is handed over as read, without a copy.
    let binary = match to_binary(path, &bytes)? {
        Cow::Borrowed(_) => bytes,
        Cow::Owned(text) => text,
    };
    let binary = std::sync::Arc::new(binary);
    Module::from_shared(engine, binary.clone())
        .map_err(|e| with_feature_hint(e, &binary, &engine.config().features))
        .with_context(|| format!("failed to load `{}`", path.display()))
}

/// A module that failed to decode or validate: when it is valid with every
/// proposal on, adds the proposals it uses that are off in `enabled`. If
/// concord does not support one of them, says so (enabling the others would
/// not help); otherwise says how to enable each.
fn with_feature_hint(e: concord::Error, binary: &[u8], enabled: &WasmFeatures) -> anyhow::Error {
    let off: Vec<inspect::FeatureReport> = match (e.as_decode(), summarize(binary)) {
        (Some(_), Ok(summary)) => inspect::features_used(&summary, enabled)
            .into_iter()
            .filter(|f| !f.enabled)
            .collect(),
        _ => Vec::new(),
    };
    let unsupported: Vec<String> = off
        .iter()
        .filter(|f| !f.supported)
        .map(|f| not_supported(&f.name))
        .collect();
    let hints = if unsupported.is_empty() {
        off.iter()
            .map(|f| format!("enable the `{0}` proposal with `-W {0}=y`", f.name))
            .collect()
    } else {
        unsupported
    };
    if hints.is_empty() {
        anyhow::Error::new(e)
    } else {
        anyhow::anyhow!("{e}; {}", hints.join("; "))
    }
}

#[derive(Args, Debug)]
struct WastCommand {
    // The help names the tiers of this build (see `backend_help`).
    #[arg(long, value_name = "TIER", help = backend_help("runs the scripts"))]
    backend: Option<Tier>,
    #[command(flatten)]
    features: FeatureOptions,
    #[command(flatten)]
    tuning: TuningOptions,
    /// Spread each module's functions over every tier compiled in, by a
    /// hash of SEED and the function index (--backend only names the
    /// engine's own tier), so that every cross-tier call path runs.
    #[arg(long = "tier-mix", value_name = "SEED")]
    tier_mix: Option<u64>,
    /// Print a summary line for every file, not only the total.
    #[arg(short, long)]
    verbose: bool,
    /// .wast files, or directories searched recursively for them.
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
}

#[derive(Args, Debug)]
struct ValidateCommand {
    #[command(flatten)]
    features: FeatureOptions,
    /// The module: binary (.wasm) or text (.wat).
    #[arg(value_name = "FILE")]
    file: PathBuf,
}

/// Runs the command line `args` (the first item is the program name) and
/// returns the process exit status.
pub fn main_with_args<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => {
            // `-W help` needs no FILE (`concord run -W help`).
            if e.kind() == clap::error::ErrorKind::MissingRequiredArgument && asks_wasm_help(&args) {
                print!("{}", wasm_help());
                return 0;
            }
            let _ = e.print();
            return e.exit_code();
        }
    };
    if cli.command.features().wants_help() {
        print!("{}", wasm_help());
        return 0;
    }
    let result = match cli.command {
        Command::Run(Deferred(cmd)) => cmd.execute(),
        Command::Wast(Deferred(cmd)) => cmd.execute(),
        Command::Validate(Deferred(cmd)) => cmd.execute(),
        Command::Inspect(Deferred(cmd)) => cmd.execute(),
    };
    match result {
        Ok(status) => status,
        Err(e) => {
            eprintln!("error: {}", error_chain(&e));
            1
        }
    }
}

/// Whether `args` ask for `-W help`, parsed with every argument optional.
fn asks_wasm_help(args: &[OsString]) -> bool {
    // (Built first: the subcommands' arguments are deferred.)
    let mut cli = Cli::command();
    cli.build();
    let lenient = cli.mut_subcommands(|sub| {
        let required: Vec<clap::Id> = sub
            .get_arguments()
            .filter(|a| a.is_required_set())
            .map(|a| a.get_id().clone())
            .collect();
        required
            .into_iter()
            .fold(sub, |sub, id| sub.mut_arg(id, |a| a.required(false)))
    });
    let Ok(matches) = lenient.try_get_matches_from(args) else {
        return false;
    };
    matches.subcommand().is_some_and(|(_, sub)| {
        let wasm = sub.try_get_many::<String>("wasm").ok().flatten();
        FeatureOptions {
            wasm: wasm.into_iter().flatten().cloned().collect(),
            ..FeatureOptions::default()
        }
        .wants_help()
    })
}

impl Command {
    /// The feature options of the subcommand.
    fn features(&self) -> &FeatureOptions {
        match self {
            Command::Run(cmd) => cmd.features(),
            Command::Wast(cmd) => &cmd.features,
            Command::Validate(cmd) => &cmd.features,
            Command::Inspect(cmd) => cmd.features(),
        }
    }
}

/// An error and its causes joined with `: `, skipping a cause whose text
/// the message already ends with (concord's errors display their source).
pub fn error_chain(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if out.is_empty() {
            out = text;
        } else if !out.ends_with(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
    }
    out
}

impl WastCommand {
    fn execute(self) -> Result<i32> {
        let mut config = build_config(self.backend, &self.features)?;
        self.tuning.apply(&mut config)?;
        config.tier_mix(self.tier_mix);
        // Check the configuration once, so a bad one is one clear error
        // rather than a failure per script.
        Engine::new(&config)?;
        let files = wast::collect_wast_files(&self.paths)?;
        let mut total = wast::Summary::default();
        let options = wast::WastOptions { config, print: true };
        for file in &files {
            let display = file.display().to_string();
            let summary = match std::fs::read(file) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => wast::run_wast(&options, &display, &text),
                    Err(_) => wast::Summary::single_failure(format!("{display}: the file is not UTF-8 text")),
                },
                Err(e) => wast::Summary::single_failure(format!("{display}: failed to read: {e}")),
            };
            for failure in &summary.failures {
                println!("{failure}");
            }
            if self.verbose {
                println!("{display}: {}", summary.counts());
            }
            total.add(summary);
        }
        println!("{}", total.counts());
        Ok(if total.failed > 0 { 1 } else { 0 })
    }
}

impl ValidateCommand {
    fn execute(self) -> Result<i32> {
        let mut config = Config::new();
        self.features.apply(&mut config)?;
        let bytes = read_input(&self.file)?;
        let binary = to_binary(&self.file, &bytes)?;
        // Validation needs no tier, but an engine needs a backend: any
        // compiled-in tier will do, since `validate` never compiles.
        if let Some(&tier) = Engine::available_tiers().first() {
            config.tier(tier);
        }
        let engine = Engine::new(&config)?;
        match Module::validate(&engine, &binary) {
            Ok(()) => {
                println!("ok");
                Ok(0)
            }
            Err(e) => Err(with_feature_hint(e, &binary, &config.features)
                .context(format!("`{}` is not valid", self.file.display()))),
        }
    }
}
