//! Engine configuration: the tier, the Wasm proposals, limits.

use std::fmt;
use std::str::FromStr;

/// An execution tier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Tier {
    /// The interpreter: instant start, portable.
    Interp,
    /// The single-pass x86-64 JIT.
    Jit,
    /// The optimizing Cranelift tier.
    Cranelift,
    /// Start in the interpreter and move hot code to Cranelift in the
    /// background, with on-stack replacement at loop headers (RFC 0007).
    /// The default.
    #[default]
    Auto,
}

impl Tier {
    /// The number of tiers that compile code (all but [`Tier::Auto`]).
    pub const CODE_TIERS: usize = 3;

    /// The tiers that compile code, by [`Tier::code_index`].
    pub const CODE: [Tier; Tier::CODE_TIERS] = [Tier::Interp, Tier::Jit, Tier::Cranelift];

    /// The index of a code tier in per-tier tables (`VmContext::code`):
    /// interpreter 0, JIT 1, Cranelift 2. [`Tier::Auto`] has none and maps
    /// to the interpreter's.
    #[inline(always)]
    pub const fn code_index(self) -> usize {
        match self {
            Tier::Interp | Tier::Auto => 0,
            Tier::Jit => 1,
            Tier::Cranelift => 2,
        }
    }

    /// The tier's name as the CLI spells it.
    pub fn name(self) -> &'static str {
        match self {
            Tier::Interp => "interp",
            Tier::Jit => "jit",
            Tier::Cranelift => "cranelift",
            Tier::Auto => "auto",
        }
    }
}

impl fmt::Display for Tier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Tier {
    type Err = String;
    fn from_str(s: &str) -> Result<Tier, String> {
        match s {
            "interp" => Ok(Tier::Interp),
            "jit" => Ok(Tier::Jit),
            "cranelift" => Ok(Tier::Cranelift),
            "auto" => Ok(Tier::Auto),
            _ => Err(format!("unknown tier `{s}` (expected interp, jit, cranelift or auto)")),
        }
    }
}

macro_rules! features {
    ($(
        $(#[doc = $doc:literal])*
        $field:ident, $name:literal, $parser:ident, supported: $supported:literal, wasm3: $wasm3:literal;
    )*) => {
        /// The WebAssembly proposals a [`Config`] accepts.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub struct WasmFeatures {
            $( $(#[doc = $doc])* pub $field: bool, )*
        }

        impl WasmFeatures {
            /// Every proposal switch: its CLI name (wasmtime's `-W` spelling)
            /// and whether concord implements it.
            pub const SWITCHES: &'static [(&'static str, bool)] = &[$(($name, $supported),)*];

            /// Every proposal switch with what is known about it, in the
            /// order of [`WasmFeatures::SWITCHES`].
            pub const INFO: &'static [FeatureInfo] = &[$(FeatureInfo {
                name: $name,
                supported: $supported,
                wasm3: $wasm3,
                doc: concat!($($doc),*),
            },)*];

            /// WebAssembly 3.0 as far as concord implements it: the features
            /// of Wasm 2.0 plus every Wasm 3.0 proposal that concord supports.
            pub const WASM3: WasmFeatures = {
                let mut f = WasmFeatures::WASM2;
                $(if $wasm3 && $supported { f.$field = true; })*
                f
            };

            /// Sets a proposal by its CLI name. Errors name unknown proposals.
            pub fn set(&mut self, name: &str, on: bool) -> Result<(), String> {
                match name {
                    $($name => { self.$field = on; Ok(()) })*
                    _ => Err(format!("unknown WebAssembly feature `{name}`")),
                }
            }

            /// Whether a proposal is on, by CLI name.
            pub fn get(&self, name: &str) -> Option<bool> {
                match name {
                    $($name => Some(self.$field),)*
                    _ => None,
                }
            }

            /// The names of the proposals that are on but that concord does not implement.
            pub fn unsupported_enabled(&self) -> Vec<&'static str> {
                let mut v = Vec::new();
                $(if self.$field && !$supported { v.push($name); })*
                v
            }

            /// Every switch off.
            pub(crate) const NONE: WasmFeatures = WasmFeatures { $($field: false,)* };

            /// Every switch on.
            pub(crate) const ALL: WasmFeatures = WasmFeatures { $($field: true,)* };

            /// Turns on each switch whose wasmparser flags `flags` contains.
            pub(crate) fn set_parser_flags(&mut self, flags: wasmparser::WasmFeatures) {
                $(if flags.contains(wasmparser::WasmFeatures::$parser) { self.$field = true; })*
            }

            pub(crate) fn to_parser(self) -> wasmparser::WasmFeatures {
                use wasmparser::WasmFeatures as P;
                let mut f = P::MVP;
                $(if self.$field { f |= P::$parser; })*
                f
            }
        }
    };
}

/// One proposal switch of [`WasmFeatures`], as `concord -W help` lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FeatureInfo {
    /// Its CLI name (wasmtime's `-W` spelling).
    pub name: &'static str,
    /// Whether concord implements it (turning on one it does not is an error).
    pub supported: bool,
    /// Whether it is one of the proposals that WebAssembly 3.0 adds.
    pub wasm3: bool,
    /// Its doc comment (what it is, in a few words).
    doc: &'static str,
}

impl FeatureInfo {
    /// What the proposal is, in a few words.
    pub fn description(&self) -> &'static str {
        self.doc.trim().trim_end_matches('.')
    }

    /// The WebAssembly version that includes the proposal ("1.0", "2.0",
    /// "3.0"), or `None` when no version does yet.
    pub fn wasm_version(&self) -> Option<&'static str> {
        if WasmFeatures::WASM1.get(self.name) == Some(true) {
            Some("1.0")
        } else if WasmFeatures::WASM2.get(self.name) == Some(true) {
            Some("2.0")
        } else if self.wasm3 {
            Some("3.0")
        } else {
            None
        }
    }
}

// The proposal switches. `supported`: every tier implements it; `wasm3`:
// WebAssembly 3.0 adds it (`WasmVersion::V3` turns on the supported ones).
features! {
    /// Mutable globals in imports and exports.
    mutable_global, "mutable-global", MUTABLE_GLOBAL, supported: true, wasm3: false;
    /// Sign-extension operators.
    sign_extension, "sign-extension", SIGN_EXTENSION, supported: true, wasm3: false;
    /// Non-trapping float-to-int conversions.
    saturating_float_to_int, "nontrapping-float-to-int", SATURATING_FLOAT_TO_INT, supported: true, wasm3: false;
    /// Multiple results and block parameters.
    multi_value, "multi-value", MULTI_VALUE, supported: true, wasm3: false;
    /// Bulk memory and table operations, passive segments.
    bulk_memory, "bulk-memory", BULK_MEMORY, supported: true, wasm3: false;
    /// Reference types (funcref and externref values), multiple tables.
    reference_types, "reference-types", REFERENCE_TYPES, supported: true, wasm3: false;
    /// 128-bit SIMD.
    simd, "simd", SIMD, supported: true, wasm3: false;
    /// Relaxed SIMD.
    relaxed_simd, "relaxed-simd", RELAXED_SIMD, supported: true, wasm3: true;
    /// Tail calls.
    tail_call, "tail-call", TAIL_CALL, supported: true, wasm3: true;
    /// Extended constant expressions.
    extended_const, "extended-const", EXTENDED_CONST, supported: true, wasm3: true;
    /// Multiple memories.
    multi_memory, "multi-memory", MULTI_MEMORY, supported: true, wasm3: true;
    /// 64-bit memories and tables.
    memory64, "memory64", MEMORY64, supported: true, wasm3: true;
    /// Exception handling.
    exceptions, "exceptions", EXCEPTIONS, supported: true, wasm3: true;
    /// Threads: shared memories and atomics.
    threads, "threads", THREADS, supported: false, wasm3: false;
    /// Typed function references.
    function_references, "function-references", FUNCTION_REFERENCES, supported: true, wasm3: true;
    /// Garbage collection: structs, arrays, i31 and subtyping.
    gc, "gc", GC, supported: false, wasm3: true;
}

impl WasmFeatures {
    /// The features of WebAssembly 1.0 (2017): the MVP plus mutable globals.
    pub const WASM1: WasmFeatures = WasmFeatures {
        mutable_global: true,
        sign_extension: false,
        saturating_float_to_int: false,
        multi_value: false,
        bulk_memory: false,
        reference_types: false,
        simd: false,
        relaxed_simd: false,
        tail_call: false,
        extended_const: false,
        multi_memory: false,
        memory64: false,
        exceptions: false,
        threads: false,
        function_references: false,
        gc: false,
    };

    /// The features of WebAssembly 2.0 (2022).
    pub const WASM2: WasmFeatures = WasmFeatures {
        sign_extension: true,
        saturating_float_to_int: true,
        multi_value: true,
        bulk_memory: true,
        reference_types: true,
        simd: true,
        ..WasmFeatures::WASM1
    };
}

impl Default for WasmFeatures {
    /// WebAssembly 3.0 as far as concord implements it ([`WasmFeatures::WASM3`]).
    fn default() -> WasmFeatures {
        WasmFeatures::WASM3
    }
}

/// A WebAssembly specification version, as a preset of features.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum WasmVersion {
    /// WebAssembly 1.0.
    V1,
    /// WebAssembly 2.0.
    V2,
    /// WebAssembly 3.0, as far as concord implements it
    /// ([`WasmFeatures::WASM3`]: the Wasm 3.0 proposals it does not
    /// implement yet, GC, stay off). The default.
    #[default]
    V3,
}

impl WasmVersion {
    /// The features of this version.
    pub fn features(self) -> WasmFeatures {
        match self {
            WasmVersion::V1 => WasmFeatures::WASM1,
            WasmVersion::V2 => WasmFeatures::WASM2,
            WasmVersion::V3 => WasmFeatures::WASM3,
        }
    }
}

impl FromStr for WasmVersion {
    type Err = String;
    fn from_str(s: &str) -> Result<WasmVersion, String> {
        match s {
            "1" | "1.0" => Ok(WasmVersion::V1),
            "2" | "2.0" => Ok(WasmVersion::V2),
            "3" | "3.0" => Ok(WasmVersion::V3),
            _ => Err(format!("unknown WebAssembly version `{s}` (expected 1.0, 2.0 or 3.0)")),
        }
    }
}

/// How a [`crate::Engine`] compiles and runs code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// The tier that runs code.
    pub tier: Tier,
    /// The proposals accepted by validation.
    pub features: WasmFeatures,
    /// Whether execution consumes fuel (see [`crate::Store::set_fuel`]).
    pub consume_fuel: bool,
    /// Whether code checks the engine's epoch against the store's deadline
    /// at function entries and loop headers (see [`crate::Engine::increment_epoch`]).
    pub epoch_interruption: bool,
    /// Maximum size in bytes of the Wasm stack before `StackOverflow`: the
    /// interpreter's value stack (locals and operands of all active frames),
    /// or the native stack that machine code uses below the host's entry
    /// into Wasm.
    pub max_wasm_stack: usize,
    /// Maximum number of active interpreted Wasm frames before
    /// `StackOverflow`. Machine-code tiers are bounded by
    /// [`Config::max_wasm_stack`] alone (frames differ in size between
    /// tiers, so the depth reached at exhaustion is tier-specific).
    pub max_call_depth: usize,
    /// Whether functions are compiled on their first call (`Some(true)`) or
    /// all at module creation, in parallel (`Some(false)`); `None` (the
    /// default) lets each tier choose: the interpreter translates lazily,
    /// machine-code tiers compile eagerly.
    pub lazy_compilation: Option<bool>,
    /// Assigns each defined function to one of the engine's tiers by a hash
    /// of this seed and the function index, instead of running every
    /// function in [`Config::tier`] (for testing every cross-tier call path;
    /// `concord wast --tier-mix SEED`).
    pub tier_mix: Option<u64>,
    /// Bytes of virtual address space reserved for each linear memory
    /// (including its guard region); memories that fit never move when they
    /// grow. Zero reserves only what is used. Accesses to 64-bit memories
    /// (memory64) are checked explicitly whatever the reservation.
    pub memory_reservation: u64,
    /// Whether machine-code tiers compile a module's functions on all cores
    /// (`true`) or on the calling thread only.
    pub parallel_compilation: bool,
    /// The tier-up policy of [`Tier::Auto`] (ignored by the other tiers).
    pub tier_up: TierUpConfig,
    /// Whether the relaxed SIMD operators give the results of the
    /// WebAssembly 3.0 *deterministic profile* (`true`) or concord's default
    /// choices (`false`, the default). See
    /// [`Config::relaxed_simd_deterministic()`] for both sets of results.
    pub relaxed_simd_deterministic: bool,
    /// Testing aid: the interpreter translates every function as a wide
    /// frame, reaching every operand-stack value through the scratch slots
    /// it otherwise uses only for functions whose frames exceed its 16-bit
    /// slot range. Slower, same results; the spec suite runs this way
    /// (`interp-wide`) so that those paths are tested on every script.
    #[doc(hidden)]
    pub interp_wide_frames: bool,
}

/// How [`Tier::Auto`] moves hot code from the interpreter to Cranelift
/// (RFC 0007).
///
/// Every interpreted function has a budget that starts at `threshold`. A
/// call of the function costs 1; each arrival at a loop header (entry and
/// every back-edge) costs the loop body's size in interpreter ops. When the
/// budget runs out the function is queued for compilation with Cranelift;
/// once published, later calls run the compiled code. With `osr`, a frame
/// that is still looping continues in compiled code at the next arrival at
/// that loop header (on-stack replacement).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TierUpConfig {
    /// The budget of each function; 0 tiers every function up at its first
    /// call and every loop at its first header.
    pub threshold: u32,
    /// On-stack replacement at loop headers.
    pub osr: bool,
    /// The tiers a hot function moves through.
    pub path: TierUpPath,
    /// Background compilation threads; 0 compiles on the thread that hits
    /// the threshold, before it continues (deterministic, for tests).
    /// `None` (the default): one fewer than the host's cores, at least one,
    /// at most four.
    pub threads: Option<usize>,
}

impl TierUpConfig {
    /// The default budget: about 100k interpreted ops of loop work, or 100k
    /// calls (see `benches/README.md` for how it was chosen).
    pub const DEFAULT_THRESHOLD: u32 = 100_000;

    /// The background threads this configuration asks for.
    pub fn thread_count(&self) -> usize {
        self.threads.unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map_or(1, |p| p.get())
                .saturating_sub(1)
                .clamp(1, 4)
        })
    }
}

/// The tiers a hot interpreted function moves through under [`Tier::Auto`].
/// OSR code comes from the last one (Cranelift; the JIT has none).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TierUpPath {
    /// Straight to Cranelift.
    Cranelift,
    /// To the single-pass JIT only.
    Jit,
    /// To the JIT first (it compiles in a fraction of the time), then, in
    /// the background behind the first compilations of other hot
    /// functions, to Cranelift. The default (measured best, see
    /// `benches/README.md`); a build without the JIT goes straight to
    /// Cranelift.
    #[default]
    JitThenCranelift,
}

impl TierUpPath {
    /// The tiers, in order.
    pub fn tiers(self) -> &'static [Tier] {
        match self {
            TierUpPath::Cranelift => &[Tier::Cranelift],
            TierUpPath::Jit => &[Tier::Jit],
            TierUpPath::JitThenCranelift => &[Tier::Jit, Tier::Cranelift],
        }
    }

    /// The name `-O tier-up-path` uses.
    pub fn name(self) -> &'static str {
        match self {
            TierUpPath::Cranelift => "cranelift",
            TierUpPath::Jit => "jit",
            TierUpPath::JitThenCranelift => "jit-cranelift",
        }
    }
}

impl FromStr for TierUpPath {
    type Err = String;
    fn from_str(s: &str) -> Result<TierUpPath, String> {
        match s {
            "cranelift" => Ok(TierUpPath::Cranelift),
            "jit" => Ok(TierUpPath::Jit),
            "jit-cranelift" => Ok(TierUpPath::JitThenCranelift),
            _ => Err(format!(
                "unknown tier-up path `{s}` (expected cranelift, jit or jit-cranelift)"
            )),
        }
    }
}

impl Default for TierUpConfig {
    fn default() -> TierUpConfig {
        TierUpConfig {
            threshold: TierUpConfig::DEFAULT_THRESHOLD,
            path: TierUpPath::default(),
            osr: true,
            threads: None,
        }
    }
}

impl Default for Config {
    fn default() -> Config {
        Config {
            tier: Tier::Auto,
            features: WasmFeatures::default(),
            consume_fuel: false,
            epoch_interruption: false,
            max_wasm_stack: 8 << 20,
            max_call_depth: 100_000,
            lazy_compilation: None,
            tier_mix: None,
            memory_reservation: if cfg!(target_pointer_width = "64") { 6 << 30 } else { 0 },
            parallel_compilation: true,
            tier_up: TierUpConfig::default(),
            relaxed_simd_deterministic: false,
            interp_wide_frames: false,
        }
    }
}

impl Config {
    /// The default configuration: `auto` (interpreter, tiering up to
    /// Cranelift), Wasm 2.0 features.
    pub fn new() -> Config {
        Config::default()
    }

    /// Selects the tier.
    pub fn tier(&mut self, tier: Tier) -> &mut Config {
        self.tier = tier;
        self
    }

    /// Selects a preset of features by specification version.
    pub fn wasm_version(&mut self, version: WasmVersion) -> &mut Config {
        self.features = version.features();
        self
    }

    /// Compiles on all cores (`true`, the default) or on the calling thread.
    pub fn parallel_compilation(&mut self, on: bool) -> &mut Config {
        self.parallel_compilation = on;
        self
    }

    /// Compiles every function on its first call (`true`) or all at module
    /// creation (`false`), whatever the tier's default.
    pub fn lazy_compilation(&mut self, lazy: bool) -> &mut Config {
        self.lazy_compilation = Some(lazy);
        self
    }

    /// Spreads the defined functions of every module over the engine's
    /// tiers by a hash of `seed` (see [`Config::tier_mix`]).
    pub fn tier_mix(&mut self, seed: Option<u64>) -> &mut Config {
        self.tier_mix = seed;
        self
    }

    /// Turns fuel consumption on or off.
    pub fn consume_fuel(&mut self, on: bool) -> &mut Config {
        self.consume_fuel = on;
        self
    }

    /// Turns epoch interruption on or off: with it, every tier checks the
    /// engine's epoch against the store's deadline at each function entry
    /// and loop header (a load, a compare and a branch), so that
    /// [`crate::Engine::increment_epoch`] from another thread stops a
    /// running guest (see [`crate::Store::set_epoch_deadline`]).
    pub fn epoch_interruption(&mut self, on: bool) -> &mut Config {
        self.epoch_interruption = on;
        self
    }

    /// Sets the maximum Wasm value-stack size in bytes.
    pub fn max_wasm_stack(&mut self, bytes: usize) -> &mut Config {
        self.max_wasm_stack = bytes;
        self
    }

    /// Chooses the results of the relaxed SIMD operators (the `relaxed-simd`
    /// proposal, Wasm 3.0): those of the specification's deterministic
    /// profile (`true`), or concord's default choices (`false`, the
    /// default).
    ///
    /// The specification lets each relaxed operator return one of a set of
    /// results, fixed per implementation. Whichever mode is chosen, every
    /// tier gives the same results on the same host (a function may move
    /// between tiers while it runs), and the results do not depend on the
    /// host's CPU features (a tier that cannot give them on a host says so:
    /// Cranelift's default mode needs x86-64 with SSSE3). The default mode picks, for each operator, the
    /// result that is cheapest on x86-64 with SSE4.1 (the single-pass JIT's
    /// baseline); the interpreter computes the same result portably. The
    /// deterministic mode gives the one result the deterministic profile
    /// prescribes, bit for bit, on every tier.
    ///
    /// | operator | default (`false`) | deterministic (`true`) |
    /// |---|---|---|
    /// | `i8x16.relaxed_swizzle` | as `pshufb`: an index with its top bit set gives 0, any other selects lane `index % 16` | as `i8x16.swizzle`: an index of 16 or more gives 0 |
    /// | `i32x4.relaxed_trunc_f32x4_s`, `i32x4.relaxed_trunc_f64x2_s_zero` | as `cvttps2dq`/`cvttpd2dq`: NaN and out-of-range lanes give `0x8000_0000` | as `trunc_sat`: NaN gives 0, out-of-range lanes saturate |
    /// | `i32x4.relaxed_trunc_f32x4_u`, `i32x4.relaxed_trunc_f64x2_u_zero` | as `trunc_sat` (x86-64 has no unsigned conversion before AVX-512, so every choice needs the same kind of sequence) | as `trunc_sat` |
    /// | `f32x4`/`f64x2` `.relaxed_madd`, `.relaxed_nmadd` | unfused: `a * b + c` and `-(a * b) + c`, each operation rounded (no FMA is assumed); the payload and sign of NaN results are left to each tier, as for ordinary float arithmetic | unfused; NaN results are the positive canonical NaN |
    /// | `i8x16`/`i16x8`/`i32x4`/`i64x2` `.relaxed_laneselect` | as `v128.bitselect` (every mask bit selects) | as `v128.bitselect` |
    /// | `f32x4`/`f64x2` `.relaxed_min`, `.relaxed_max` | as `pmin`/`pmax` (`minps`/`maxps`): with a NaN operand, or zeros of opposite signs, the first operand | as `min`/`max`; NaN results are the positive canonical NaN |
    /// | `i16x8.relaxed_q15mulr_s` | as `pmulhrsw`: `-32768 * -32768` gives `-32768` | as `q15mulr_sat_s`: `-32768 * -32768` gives `32767` |
    /// | `i16x8.relaxed_dot_i8x16_i7x16_s` | as `pmaddubsw`: signed bytes of the first operand times *unsigned* bytes of the second, pairs added with signed saturation | signed times signed, pairs added with signed saturation |
    /// | `i32x4.relaxed_dot_i8x16_i7x16_add_s` | the default `i16x8` dot product, pairs of it added (sign-extended) and the accumulator added, wrapping | the deterministic `i16x8` dot product, pairs of it added and the accumulator added, wrapping |
    ///
    /// The two modes differ only for the inputs where the specification
    /// allows several results: swizzle indices 16 to 127, NaN and
    /// out-of-range truncations, NaN or opposite-signed zero operands of
    /// min and max, NaN results of multiply-add, q15 multiplication of
    /// `-32768` by itself, and dot products whose second operand has bytes
    /// of 128 or more.
    pub fn relaxed_simd_deterministic(&mut self, on: bool) -> &mut Config {
        self.relaxed_simd_deterministic = on;
        self
    }

    /// Turns a proposal on or off by its CLI name (`simd`, `bulk-memory`, ...).
    pub fn wasm_feature(&mut self, name: &str, on: bool) -> Result<&mut Config, String> {
        self.features.set(name, on)?;
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_match_the_parser_presets() {
        assert_eq!(WasmFeatures::WASM1.to_parser(), wasmparser::WasmFeatures::WASM1);
        assert_eq!(WasmFeatures::WASM2.to_parser(), wasmparser::WasmFeatures::WASM2);
    }

    #[test]
    fn features_switch_by_name() {
        let mut f = WasmFeatures::WASM2;
        f.set("simd", false).unwrap();
        assert!(!f.simd);
        assert!(f.set("no-such", true).is_err());
        f.set("tail-call", true).unwrap();
        f.set("relaxed-simd", true).unwrap();
        assert!(f.unsupported_enabled().is_empty());
        f.set("gc", true).unwrap();
        assert_eq!(f.unsupported_enabled(), vec!["gc"]);
    }

    #[test]
    fn wasm3_is_wasm2_plus_the_supported_wasm3_proposals() {
        let v3 = WasmVersion::V3.features();
        assert_eq!("3.0".parse::<WasmVersion>(), Ok(WasmVersion::V3));
        assert_eq!("3".parse::<WasmVersion>(), Ok(WasmVersion::V3));
        assert!("4".parse::<WasmVersion>().unwrap_err().contains("1.0, 2.0 or 3.0"));
        assert!(v3.unsupported_enabled().is_empty());
        for info in WasmFeatures::INFO {
            let in_v2 = WasmFeatures::WASM2.get(info.name).unwrap();
            assert_eq!(
                v3.get(info.name),
                Some(in_v2 || (info.wasm3 && info.supported)),
                "{}",
                info.name
            );
        }
        // What is known to be implemented today, and what is not in 3.0.
        assert!(v3.tail_call && v3.extended_const && v3.multi_memory && v3.memory64 && v3.simd);
        assert!(!v3.threads && !v3.gc);
        // The proposals Wasm 3.0 adds (threads is not one of them, whatever
        // wasmparser's draft preset says).
        let added: Vec<&str> = WasmFeatures::INFO.iter().filter(|i| i.wasm3).map(|i| i.name).collect();
        assert_eq!(
            added,
            [
                "relaxed-simd",
                "tail-call",
                "extended-const",
                "multi-memory",
                "memory64",
                "exceptions",
                "function-references",
                "gc"
            ]
        );
    }

    #[test]
    fn switch_info_matches_the_switches() {
        assert_eq!(WasmFeatures::INFO.len(), WasmFeatures::SWITCHES.len());
        for (info, (name, supported)) in WasmFeatures::INFO.iter().zip(WasmFeatures::SWITCHES) {
            assert_eq!((info.name, info.supported), (*name, *supported));
            assert!(!info.description().is_empty() && !info.description().ends_with('.'));
        }
        let version = |name: &str| {
            WasmFeatures::INFO
                .iter()
                .find(|i| i.name == name)
                .unwrap()
                .wasm_version()
        };
        assert_eq!(version("mutable-global"), Some("1.0"));
        assert_eq!(version("simd"), Some("2.0"));
        assert_eq!(version("tail-call"), Some("3.0"));
        assert_eq!(version("threads"), None);
    }
}
