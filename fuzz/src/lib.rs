//! Fuzzing oracles for concord.
//!
//! Each cargo-fuzz target under `fuzz_targets/` is one line calling a
//! `run(&[u8])` of this library, so the regression tests
//! (`tests/regressions.rs`, inputs under `regressions/<target>/`) replay a
//! finding through exactly the code that found it, on stable Rust:
//!
//! - [`decode_validate`]: arbitrary bytes and mutated valid modules never
//!   panic the decoder, validator or compilers, and concord accepts exactly
//!   what wasmparser's validator accepts.
//! - [`execute`]: wasm-smith modules run on every tier under fuel and memory
//!   limits without panicking, crashing or hanging.
//! - [`differential`]: the same module and calls on every tier give the same
//!   results, traps, final state and fuel.
//! - [`wasi`]: hostile calls into the WASI host glue never panic and never
//!   touch memory outside the guest's.
//! - `wasmi_diff` (the `wasmi` feature): concord's interpreter and the
//!   wasmi crate, an independent implementation, give the same results,
//!   traps, host calls and final state.
//!
//! The tiers are found through [`TierUnderTest`]; see `README.md` for how to
//! run the targets and what was found.

pub mod decode_validate;
pub mod differential;
pub mod execute;
pub mod funcref;
pub mod generate;
pub mod oracle;
pub mod wasi;
#[cfg(feature = "wasmi")]
pub mod wasmi_diff;

use concord::{Config, Engine, Tier};

/// A tier (or a configuration of one) that the fuzzers run code on. A new
/// tier joins every target by adding one implementation to [`tiers`].
pub trait TierUnderTest: Send + Sync {
    /// A short name for reports.
    fn name(&self) -> &'static str;
    /// `base` (the fuzzers' limits and features) set up to run on this tier.
    fn config(&self, base: Config) -> Config;
}

/// A compiled-in tier, optionally with a memory reservation that changes how
/// it checks bounds.
struct Builtin {
    name: &'static str,
    tier: Tier,
    memory_reservation: Option<u64>,
}

impl TierUnderTest for Builtin {
    fn name(&self) -> &'static str {
        self.name
    }

    fn config(&self, mut base: Config) -> Config {
        base.tier(self.tier);
        if let Some(bytes) = self.memory_reservation {
            base.memory_reservation = bytes;
        }
        base
    }
}

/// A module's functions spread over every compiled-in tier
/// (`Config::tier_mix`), so calls cross tiers in every direction.
struct Mixed {
    seed: u64,
}

impl TierUnderTest for Mixed {
    fn name(&self) -> &'static str {
        "mix"
    }

    fn config(&self, mut base: Config) -> Config {
        base.tier(Tier::Interp).tier_mix(Some(self.seed));
        base
    }
}

/// The interpreter with every function translated as a wide frame
/// (`Config::interp_wide_frames`): every operand-stack value goes through
/// the scratch slots that functions deeper than the 16-bit slot range use.
struct InterpWide;

impl TierUnderTest for InterpWide {
    fn name(&self) -> &'static str {
        "interp-wide"
    }

    fn config(&self, mut base: Config) -> Config {
        base.tier(Tier::Interp);
        base.interp_wide_frames = true;
        base
    }
}

/// `Tier::Auto`: interpreted functions move to Cranelift and frames enter
/// it at loop headers while the calls run (RFC 0007), compiled on the
/// running thread so a run is reproducible. `differential` picks the
/// threshold from each input ([`auto_config`]).
struct Auto;

impl TierUnderTest for Auto {
    fn name(&self) -> &'static str {
        "auto"
    }

    fn config(&self, base: Config) -> Config {
        auto_config(base, 0)
    }
}

/// `base` under `Tier::Auto` with tier-up `threshold`, compiled on the
/// running thread.
pub fn auto_config(mut base: Config, threshold: u32) -> Config {
    base.tier(Tier::Auto);
    base.tier_up.threshold = threshold;
    base.tier_up.threads = Some(0);
    base
}

/// Every tier compiled in, each in each of its memory modes: the
/// interpreter, also with wide frames; the JIT and Cranelift, each with guard pages (the default
/// reservation) and with explicit bounds checks (no reservation); with
/// more than one tier, a per-function mix of them; and with the interpreter
/// and Cranelift, `auto` (tier-up with on-stack replacement). The interpreter comes
/// first, so `differential` compares every other configuration with it.
pub fn tiers() -> &'static [Box<dyn TierUnderTest>] {
    static TIERS: std::sync::OnceLock<Vec<Box<dyn TierUnderTest>>> = std::sync::OnceLock::new();
    TIERS.get_or_init(|| {
        let mut v: Vec<Box<dyn TierUnderTest>> = Vec::new();
        for &tier in Engine::available_tiers() {
            match tier {
                Tier::Interp => {
                    v.push(Box::new(Builtin {
                        name: "interp",
                        tier,
                        memory_reservation: None,
                    }));
                    v.push(Box::new(InterpWide));
                }
                Tier::Jit => {
                    v.push(Box::new(Builtin {
                        name: "jit",
                        tier,
                        memory_reservation: None,
                    }));
                    v.push(Box::new(Builtin {
                        name: "jit-bounds-checked",
                        tier,
                        memory_reservation: Some(0),
                    }));
                }
                Tier::Cranelift => {
                    v.push(Box::new(Builtin {
                        name: "cranelift",
                        tier,
                        memory_reservation: None,
                    }));
                    v.push(Box::new(Builtin {
                        name: "cranelift-bounds-checked",
                        tier,
                        memory_reservation: Some(0),
                    }));
                }
                other => v.push(Box::new(Builtin {
                    name: other.name(),
                    tier: other,
                    memory_reservation: None,
                })),
            }
        }
        if Engine::available_tiers().len() > 1 {
            v.push(Box::new(Mixed { seed: 0x5eed }));
        }
        if Engine::available_tiers().contains(&Tier::Interp) && Engine::available_tiers().contains(&Tier::Cranelift) {
            v.push(Box::new(Auto));
        }
        // `CONCORD_FUZZ_TIERS=interp,jit,...` keeps only the named
        // configurations (in this order of precedence: the interpreter, if
        // named, stays first as the differential reference), to fuzz one
        // tier against another faster. Unknown names are an error.
        if let Ok(names) = std::env::var("CONCORD_FUZZ_TIERS") {
            let names: Vec<&str> = names.split(',').map(str::trim).filter(|n| !n.is_empty()).collect();
            for n in &names {
                assert!(
                    v.iter().any(|t| t.name() == *n),
                    "CONCORD_FUZZ_TIERS names `{n}`, which is not a configuration of this build ({})",
                    v.iter().map(|t| t.name()).collect::<Vec<_>>().join(", ")
                );
            }
            v.retain(|t| names.contains(&t.name()));
        }
        v
    })
}

/// Fuel given to instantiation (the start function) and to each call.
pub const FUEL_PER_CALL: u64 = 100_000;

/// Most pages a generated memory may have (declared maximum included).
pub const MAX_MEMORY_PAGES: u64 = 4;

/// Most elements a generated table may have.
pub const MAX_TABLE_ELEMENTS: u64 = 1_000;

/// Wasm stack bytes on every tier: small, so that deep recursion is cheap
/// to reach and the fuzzer's own thread stack is never at risk.
pub const MAX_WASM_STACK: usize = 256 << 10;

/// The configuration every target starts from: the proposals concord
/// implements (Wasm 2.0, multi-memory, memory64, exception handling,
/// extended constants, tail calls, typed function references and relaxed
/// SIMD, the latter in the deterministic mode, so that
/// `differential` can compare its results bit for bit across tiers), fuel,
/// a small Wasm stack, compilation on the calling thread.
pub fn base_config() -> Config {
    let mut config = Config::new();
    config.consume_fuel(true);
    config.max_wasm_stack(MAX_WASM_STACK);
    config.max_call_depth = 10_000;
    config.parallel_compilation(false);
    // Every function compiled up front, so that compilers see all of them.
    config.lazy_compilation = Some(false);
    config
        .wasm_feature("multi-memory", true)
        .expect("multi-memory is a known feature");
    config
        .wasm_feature("memory64", true)
        .expect("memory64 is a known feature");
    config
        .wasm_feature("exceptions", true)
        .expect("exceptions is a known feature");
    config
        .wasm_feature("extended-const", true)
        .expect("extended-const is a known feature");
    config
        .wasm_feature("tail-call", true)
        .expect("tail-call is a known feature");
    config
        .wasm_feature("function-references", true)
        .expect("function-references is a known feature");
    config
        .wasm_feature("relaxed-simd", true)
        .expect("relaxed-simd is a known feature");
    config.relaxed_simd_deterministic(true);
    config
}

/// The wasmparser features equal to [`base_config`]'s.
pub fn reference_features() -> wasmparser::WasmFeatures {
    wasmparser::WasmFeatures::WASM2
        | wasmparser::WasmFeatures::MULTI_MEMORY
        | wasmparser::WasmFeatures::MEMORY64
        | wasmparser::WasmFeatures::EXCEPTIONS
        | wasmparser::WasmFeatures::EXTENDED_CONST
        | wasmparser::WasmFeatures::TAIL_CALL
        | wasmparser::WasmFeatures::RELAXED_SIMD
        | wasmparser::WasmFeatures::FUNCTION_REFERENCES
}

/// One engine per tier of [`tiers`], built once per thread.
pub fn engines() -> Vec<(&'static str, Engine)> {
    thread_local! {
        static ENGINES: Vec<(&'static str, Engine)> = tiers()
            .iter()
            .map(|t| (t.name(), Engine::new(&t.config(base_config())).expect("engine for a compiled-in tier")))
            .collect();
    }
    ENGINES.with(|e| e.clone())
}
