//! One way to load and run a program on each runtime, so every runtime gets
//! the same bytes, the same imports and the same inputs.

use crate::BoxError;

/// A benchmark program instantiated on one of concord's tiers (the
/// interpreter unless [`ConcordRunner::with_tier`] says otherwise).
pub struct ConcordRunner {
    /// The store the instance lives in.
    pub store: concord::Store<()>,
    /// The instance of the program.
    pub instance: concord::Instance,
    run: concord::TypedFunc<(i32,), i64>,
}

impl ConcordRunner {
    /// The bench name of the interpreter tier.
    pub const NAME: &'static str = "concord-interp";

    /// The bench name of the single-pass JIT tier.
    pub const JIT: &'static str = "concord-jit";

    /// The bench name of the Cranelift tier.
    pub const CRANELIFT: &'static str = "concord-cranelift";

    /// The bench name of `tier`: `concord-{tier}`.
    pub fn name(tier: concord::Tier) -> &'static str {
        match tier {
            concord::Tier::Interp => Self::NAME,
            concord::Tier::Cranelift => Self::CRANELIFT,
            concord::Tier::Jit => Self::JIT,
            concord::Tier::Auto => "concord-auto",
        }
    }

    /// The tiers the benches run: the interpreter and, when they are
    /// compiled in, the JIT and the Cranelift tier.
    pub fn tiers() -> Vec<concord::Tier> {
        [concord::Tier::Interp, concord::Tier::Jit, concord::Tier::Cranelift]
            .into_iter()
            .filter(|tier| concord::Engine::available_tiers().contains(tier))
            .collect()
    }

    /// The machine-code tiers the benches run (those of [`Self::tiers`]
    /// that compile up front: the JIT and Cranelift, when compiled in).
    pub fn compiler_tiers() -> Vec<concord::Tier> {
        Self::tiers()
            .into_iter()
            .filter(|&tier| tier != concord::Tier::Interp)
            .collect()
    }

    /// An engine running the interpreter tier.
    pub fn engine(lazy_compilation: bool) -> Result<concord::Engine, BoxError> {
        Self::tier_engine(concord::Tier::Interp, Some(lazy_compilation), true)
    }

    /// An engine running `tier`; `lazy_compilation` is
    /// `Config::lazy_compilation` (`None`: the tier's default, lazy for the
    /// interpreter, eager for machine-code tiers).
    pub fn tier_engine(
        tier: concord::Tier,
        lazy_compilation: Option<bool>,
        parallel_compilation: bool,
    ) -> Result<concord::Engine, BoxError> {
        let mut config = concord::Config::new();
        config
            .wasm_version(concord::WasmVersion::V3)
            .tier(tier)
            .parallel_compilation(parallel_compilation);
        config.lazy_compilation = lazy_compilation;
        Ok(concord::Engine::new(&config)?)
    }

    /// A linker defining the imports programs may use (`bench.host_inc`).
    pub fn linker(engine: &concord::Engine) -> Result<concord::Linker<()>, BoxError> {
        let mut linker = concord::Linker::new(engine);
        linker.func_wrap("bench", "host_inc", crate::host_inc)?;
        Ok(linker)
    }

    /// Compiles and instantiates `wasm` on the interpreter; `wasm` must
    /// export `run(i32) -> i64`.
    pub fn new(wasm: &[u8]) -> Result<ConcordRunner, BoxError> {
        Self::with_tier(wasm, concord::Tier::Interp)
    }

    /// Compiles and instantiates `wasm` on `tier`; `wasm` must export
    /// `run(i32) -> i64`.
    pub fn with_tier(wasm: &[u8], tier: concord::Tier) -> Result<ConcordRunner, BoxError> {
        let engine = Self::tier_engine(tier, None, true)?;
        let module = concord::Module::new(&engine, wasm)?;
        let mut store = concord::Store::new(&engine, ());
        let instance = Self::linker(&engine)?.instantiate(&mut store, &module)?;
        let run = instance.get_typed_func::<(i32,), i64>(&store, "run")?;
        Ok(ConcordRunner { store, instance, run })
    }

    /// Calls `run(arg)`.
    pub fn run(&mut self, arg: i32) -> Result<i64, BoxError> {
        Ok(self.run.call(&mut self.store, (arg,))?)
    }

    /// The export `name` of the instance as a typed function.
    pub fn typed<P: concord::WasmParams, R: concord::WasmResults>(
        &self,
        name: &str,
    ) -> Result<concord::TypedFunc<P, R>, BoxError> {
        Ok(self.instance.get_typed_func::<P, R>(&self.store, name)?)
    }
}

/// A benchmark program instantiated on wasmi, for comparison.
#[cfg(feature = "wasmi")]
pub struct WasmiRunner {
    /// The store the instance lives in.
    pub store: wasmi::Store<()>,
    /// The instance of the program.
    pub instance: wasmi::Instance,
    run: wasmi::TypedFunc<i32, i64>,
}

#[cfg(feature = "wasmi")]
impl WasmiRunner {
    /// The bench name of this runtime.
    pub const NAME: &'static str = "wasmi";

    /// An engine with SIMD on; `eager` translates every function in
    /// `Module::new` (wasmi's default is lazy translation, like concord's).
    pub fn engine(eager: bool) -> wasmi::Engine {
        let mut config = wasmi::Config::default();
        config.wasm_simd(true);
        config.wasm_tail_call(true);
        config.compilation_mode(if eager {
            wasmi::CompilationMode::Eager
        } else {
            wasmi::CompilationMode::LazyTranslation
        });
        wasmi::Engine::new(&config)
    }

    /// A linker defining the imports programs may use (`bench.host_inc`).
    pub fn linker(engine: &wasmi::Engine) -> Result<wasmi::Linker<()>, BoxError> {
        let mut linker = wasmi::Linker::new(engine);
        linker.func_wrap("bench", "host_inc", crate::host_inc)?;
        Ok(linker)
    }

    /// Compiles and instantiates `wasm`, which must export `run(i32) -> i64`.
    pub fn new(wasm: &[u8]) -> Result<WasmiRunner, BoxError> {
        let engine = Self::engine(false);
        let module = wasmi::Module::new(&engine, wasm)?;
        let mut store = wasmi::Store::new(&engine, ());
        let instance = Self::linker(&engine)?.instantiate_and_start(&mut store, &module)?;
        let run = instance.get_typed_func::<i32, i64>(&store, "run")?;
        Ok(WasmiRunner { store, instance, run })
    }

    /// Calls `run(arg)`.
    pub fn run(&mut self, arg: i32) -> Result<i64, BoxError> {
        Ok(self.run.call(&mut self.store, arg)?)
    }

    /// The export `name` of the instance as a typed function.
    pub fn typed<P: wasmi::WasmParams, R: wasmi::WasmResults>(
        &self,
        name: &str,
    ) -> Result<wasmi::TypedFunc<P, R>, BoxError> {
        Ok(self.instance.get_typed_func::<P, R>(&self.store, name)?)
    }
}

/// A benchmark program instantiated on wasmtime (Cranelift), for comparison
/// with concord's Cranelift tier.
#[cfg(feature = "wasmtime")]
pub struct WasmtimeRunner {
    /// The store the instance lives in.
    pub store: wasmtime::Store<()>,
    /// The instance of the program.
    pub instance: wasmtime::Instance,
    run: wasmtime::TypedFunc<i32, i64>,
}

#[cfg(feature = "wasmtime")]
impl WasmtimeRunner {
    /// The bench name of this runtime.
    pub const NAME: &'static str = "wasmtime";

    /// An engine with wasmtime's defaults (Cranelift, `opt_level` speed,
    /// SIMD on), compiling on all cores or on the calling thread only.
    pub fn engine(parallel_compilation: bool) -> Result<wasmtime::Engine, BoxError> {
        let mut config = wasmtime::Config::new();
        config.parallel_compilation(parallel_compilation);
        config.wasm_tail_call(true);
        config.wasm_exceptions(true);
        Ok(wasmtime::Engine::new(&config)?)
    }

    /// A linker defining the imports programs may use (`bench.host_inc`).
    pub fn linker(engine: &wasmtime::Engine) -> Result<wasmtime::Linker<()>, BoxError> {
        let mut linker = wasmtime::Linker::new(engine);
        linker.func_wrap("bench", "host_inc", crate::host_inc)?;
        Ok(linker)
    }

    /// Compiles and instantiates `wasm`, which must export `run(i32) -> i64`.
    pub fn new(wasm: &[u8]) -> Result<WasmtimeRunner, BoxError> {
        let engine = Self::engine(true)?;
        let module = wasmtime::Module::new(&engine, wasm)?;
        let mut store = wasmtime::Store::new(&engine, ());
        let instance = Self::linker(&engine)?.instantiate(&mut store, &module)?;
        let run = instance.get_typed_func::<i32, i64>(&mut store, "run")?;
        Ok(WasmtimeRunner { store, instance, run })
    }

    /// Calls `run(arg)`.
    pub fn run(&mut self, arg: i32) -> Result<i64, BoxError> {
        Ok(self.run.call(&mut self.store, arg)?)
    }

    /// The export `name` of the instance as a typed function.
    pub fn typed<P: wasmtime::WasmParams, R: wasmtime::WasmResults>(
        &mut self,
        name: &str,
    ) -> Result<wasmtime::TypedFunc<P, R>, BoxError> {
        Ok(self.instance.get_typed_func::<P, R>(&mut self.store, name)?)
    }
}
