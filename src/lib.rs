//! concord: a WebAssembly runtime with one core and several execution tiers.
//!
//! This facade re-exports the embedding API of `concord-core` and picks the
//! tier named by [`Config::tier`] from the tiers compiled in, one cargo
//! feature each, all on by default:
//!
//! - `interp`: the interpreter ([`Tier::Interp`], `concord-interp`), the
//!   default tier;
//! - `jit`: the single-pass x86-64 JIT ([`Tier::Jit`], `concord-jit`);
//! - `cranelift`: the optimizing tier ([`Tier::Cranelift`],
//!   `concord-cranelift`).
//!
//! A tier that is not compiled in is a clear error, never a silent
//! fallback; the machine-code tiers (`jit`, `cranelift`) also report an
//! error when the host cannot run them. [`Engine::available_tiers`] lists
//! the tiers compiled in.
//!
//! With the `wasi` feature (on by default), [`wasi`] provides
//! `wasi_snapshot_preview1` over the real OS, capability-based: a guest
//! sees only the arguments, environment, stdio, directories and sockets it
//! is given.
//!
//! ```
//! use concord::{Config, Engine, Linker, Module, Store};
//!
//! let engine = Engine::new(&Config::new())?;
//! let module = Module::new(&engine, r#"
//!     (module
//!       (import "host" "log" (func $log (param i32)))
//!       (func (export "add") (param i32 i32) (result i32)
//!         local.get 0 local.get 1 i32.add)
//!       (func (export "hello") (call $log (i32.const 42))))
//! "#)?;
//! let mut store = Store::new(&engine, Vec::<i32>::new());
//! let mut linker = Linker::new(&engine);
//! linker.func_wrap("host", "log", |mut caller: concord::Caller<'_, Vec<i32>>, x: i32| {
//!     caller.data_mut().push(x);
//! })?;
//! let instance = linker.instantiate(&mut store, &module)?;
//! let add = instance.get_typed_func::<(i32, i32), i32>(&store, "add")?;
//! assert_eq!(add.call(&mut store, (2, 3))?, 5);
//! instance.get_typed_func::<(), ()>(&store, "hello")?.call(&mut store, ())?;
//! assert_eq!(store.data(), &[42]);
//! # Ok::<(), concord::Error>(())
//! ```
//!
//! A store's memories, tables and instances are bounded by a
//! [`ResourceLimiter`] in its data, such as [`StoreLimits`], asked before
//! anything is allocated:
//!
//! ```
//! use concord::{Engine, Instance, Module, Store, StoreLimits, StoreLimitsBuilder};
//!
//! struct State { limits: StoreLimits }
//!
//! let engine = Engine::default();
//! let limits = StoreLimitsBuilder::new().memory_size(1 << 20).instances(10).build();
//! let mut store = Store::new(&engine, State { limits });
//! store.limiter(|state| &mut state.limits);
//! let module = Module::new(&engine, r#"(module (memory 1)
//!     (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))"#)?;
//! let instance = Instance::new(&mut store, &module, &[])?;
//! let grow = instance.get_typed_func::<i32, i32>(&store, "grow")?;
//! assert_eq!(grow.call(&mut store, 15)?, 1); // 16 pages: 1 MiB
//! assert_eq!(grow.call(&mut store, 1)?, -1); // past the limit
//! # Ok::<(), concord::Error>(())
//! ```

pub use concord_core::{
    AsContext, AsContextMut, Caller, CompileError, Config, DecodeError, DecodeErrorKind, Error, ErrorKind, ExnRef,
    Extern, ExternRef, ExternType, FrameInfo, Func, FuncType, Global, GlobalType, HostResult, Instance, Interrupt,
    IntoFunc, LinkError, Linker, Memory, MemoryType, Module, Mutability, RawVal, Ref, RefType, ResourceLimiter, Result,
    Store, StoreContext, StoreContextMut, StoreLimits, StoreLimitsBuilder, Table, TableType, Tag, Tier, TierUpConfig,
    TierUpPath, TierUpStats, Trap, TrapCode, TypedFunc, UpdateDeadline, Val, ValType, WasmFeatures, WasmParams,
    WasmResults, WasmTy, WasmVersion,
};

/// The lower layers, for tools that need them (tiers, the spec runner).
pub use concord_core as core;

/// `wasi_snapshot_preview1` over the real OS (the `wasi` feature): build a
/// [`WasiCtx`](wasi::WasiCtx) with [`WasiCtxBuilder`](wasi::WasiCtxBuilder),
/// keep it in the store's data, and define the imports with
/// [`add_to_linker`](wasi::add_to_linker).
///
/// ```
/// use concord::wasi::{WasiCtx, WasiCtxBuilder};
/// use concord::{Engine, Linker, Module, Store};
///
/// struct State { wasi: WasiCtx }
///
/// let engine = Engine::default();
/// let module = Module::new(&engine, r#"(module
///     (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
///     (memory (export "memory") 1)
///     (func (export "_start") (call $exit (i32.const 3))))"#)?;
/// let wasi = WasiCtxBuilder::new().arg("prog.wasm").env("LANG", "C").build();
/// let mut store = Store::new(&engine, State { wasi });
/// let mut linker = Linker::new(&engine);
/// concord::wasi::add_to_linker(&mut linker, |s: &mut State| &mut s.wasi)?;
/// let instance = linker.instantiate(&mut store, &module)?;
/// let err = instance.get_typed_func::<(), ()>(&store, "_start")?.call(&mut store, ()).unwrap_err();
/// assert_eq!(concord::wasi::Exit::from_error(&err), Some(concord::wasi::Exit(3)));
/// # Ok::<(), concord::Error>(())
/// ```
#[cfg(feature = "wasi")]
pub mod wasi {
    pub use concord_wasi::{Exit, WasiCtx, WasiCtxBuilder, WasiError, add_imports_to_linker, add_to_linker};
}

use std::sync::Arc;

/// A configured engine: `concord_core::Engine` with the tier picked from
/// the configuration. Derefs to the core engine, so it works wherever one
/// is expected (`Module::new(&engine, ..)`, `Store::new(&engine, ..)`).
#[derive(Clone, Debug)]
pub struct Engine(concord_core::Engine);

impl Engine {
    /// An engine for `config`, running code with the tier `config.tier`.
    pub fn new(config: &Config) -> Result<Engine> {
        // The engine's own tier must be available; the other tiers compiled
        // in serve `Config::tier_mix` and `Module::set_function_tier`, and
        // are left out when they cannot run on this host.
        // `auto` starts in the interpreter and tiers up to Cranelift.
        let base = if config.tier == Tier::Auto {
            Tier::Interp
        } else {
            config.tier
        };
        let main = backend_for(base)?;
        let mut backends = vec![main];
        for &tier in Engine::available_tiers() {
            if tier != base {
                backends.push(Arc::new(OnFirstUse {
                    tier,
                    backend: std::sync::OnceLock::new(),
                }));
            }
        }
        Ok(Engine(concord_core::Engine::with_backends(config, backends)?))
    }

    /// Prepares a module (binary or text format) for this engine with `tier`
    /// instead of the engine's own tier. Instances of modules prepared by
    /// different tiers share stores, link to each other and call each other.
    pub fn module_with_tier(&self, bytes: impl AsRef<[u8]>, tier: Tier) -> Result<Module> {
        let bytes = bytes.as_ref();
        let binary = if bytes.starts_with(b"\0asm") {
            std::borrow::Cow::Borrowed(bytes)
        } else {
            std::borrow::Cow::Owned(concord_core::module::wat_to_binary(bytes)?)
        };
        Module::from_binary_with_backend(&self.0, &binary, &backend_for(tier)?)
    }

    /// The tiers compiled into this build, in [`Tier::CODE`] order
    /// (interpreter, JIT, Cranelift). A machine-code tier listed here may
    /// still be unable to run on this host: creating an engine for it says
    /// so.
    pub fn available_tiers() -> &'static [Tier] {
        &[
            #[cfg(feature = "interp")]
            Tier::Interp,
            #[cfg(feature = "jit")]
            Tier::Jit,
            #[cfg(feature = "cranelift")]
            Tier::Cranelift,
        ]
    }
}

impl Default for Engine {
    /// An engine with the default configuration.
    ///
    /// # Panics
    ///
    /// If the default tier (the interpreter) is not compiled in.
    fn default() -> Engine {
        Engine::new(&Config::new()).expect("the default tier is compiled in")
    }
}

impl std::ops::Deref for Engine {
    type Target = concord_core::Engine;
    fn deref(&self) -> &concord_core::Engine {
        &self.0
    }
}

/// A tier other than the engine's own, created when a module first uses it
/// (under `Config::tier_mix` or `Module::set_function_tier`), so an engine
/// pays only for its own tier at creation; a tier that cannot run on this
/// host reports it then.
struct OnFirstUse {
    tier: Tier,
    backend: std::sync::OnceLock<std::result::Result<Arc<dyn concord_core::backend::Backend>, CompileError>>,
}

impl concord_core::backend::Backend for OnFirstUse {
    fn tier(&self) -> Tier {
        self.tier
    }

    fn lazy_by_default(&self) -> bool {
        // Only the interpreter translates lazily by default; the JIT and
        // Cranelift compile a module's functions up front.
        self.tier == Tier::Interp
    }

    fn prepare_module(
        &self,
        module: &Arc<concord_core::module::ModuleInfo>,
        config: &Config,
    ) -> std::result::Result<Arc<dyn concord_core::backend::TierModule>, CompileError> {
        let backend = self.backend.get_or_init(|| {
            backend_for(self.tier).map_err(|e| CompileError::Unsupported {
                tier: self.tier.name(),
                what: e.to_string(),
            })
        });
        backend.as_ref().map_err(Clone::clone)?.prepare_module(module, config)
    }
}

fn backend_for(tier: Tier) -> Result<Arc<dyn concord_core::backend::Backend>> {
    match tier {
        #[cfg(feature = "interp")]
        Tier::Interp => Ok(Arc::new(concord_interp::Interpreter::new())),
        #[cfg(feature = "jit")]
        Tier::Jit => {
            static JIT: std::sync::OnceLock<std::result::Result<concord_jit::Jit, CompileError>> =
                std::sync::OnceLock::new();
            match JIT.get_or_init(concord_jit::Jit::new) {
                Ok(j) => Ok(Arc::new(j.clone())),
                Err(e) => Err(e.clone().into()),
            }
        }
        #[cfg(feature = "cranelift")]
        Tier::Cranelift => {
            static CRANELIFT: std::sync::OnceLock<std::result::Result<concord_cranelift::Cranelift, CompileError>> =
                std::sync::OnceLock::new();
            match CRANELIFT.get_or_init(concord_cranelift::Cranelift::new) {
                Ok(c) => Ok(Arc::new(c.clone())),
                Err(e) => Err(e.clone().into()),
            }
        }
        other => Err(ErrorKind::TierUnavailable(other.name()).into()),
    }
}
