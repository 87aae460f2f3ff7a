//! concord: a WebAssembly runtime with one core and several execution tiers.
//!
//! This facade re-exports the embedding API of `concord-core` and picks the
//! tier named by [`Config::tier`] from the tiers compiled in (cargo features
//! `interp`, ...). A tier that is not compiled in is a clear error, never a
//! silent fallback.
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

pub use concord_core::{
    AsContext, AsContextMut, Caller, CompileError, Config, DecodeError, DecodeErrorKind, Error, ErrorKind, Extern,
    ExternRef, ExternType, FrameInfo, Func, FuncType, Global, GlobalType, HostResult, Instance, IntoFunc, LinkError,
    Linker, Memory, MemoryType, Module, Mutability, RawVal, Ref, RefType, Result, Store, StoreContext, StoreContextMut,
    Table, TableType, Tier, Trap, TrapCode, TypedFunc, Val, ValType, WasmFeatures, WasmParams, WasmResults, WasmTy,
    WasmVersion,
};

/// The lower layers, for tools that need them (tiers, the spec runner).
pub use concord_core as core;

use std::sync::Arc;

/// A configured engine: `concord_core::Engine` with the tier picked from
/// the configuration. Derefs to the core engine, so it works wherever one
/// is expected (`Module::new(&engine, ..)`, `Store::new(&engine, ..)`).
#[derive(Clone, Debug)]
pub struct Engine(concord_core::Engine);

impl Engine {
    /// An engine for `config`, running code with the tier `config.tier`.
    pub fn new(config: &Config) -> Result<Engine> {
        let backend = backend_for(config.tier)?;
        Ok(Engine(concord_core::Engine::with_backend(config, backend)?))
    }

    /// The tiers compiled into this build.
    pub fn available_tiers() -> &'static [Tier] {
        &[
            #[cfg(feature = "interp")]
            Tier::Interp,
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

fn backend_for(tier: Tier) -> Result<Arc<dyn concord_core::backend::Backend>> {
    match tier {
        #[cfg(feature = "interp")]
        Tier::Interp => Ok(Arc::new(concord_interp::Interpreter::new())),
        other => Err(ErrorKind::TierUnavailable(other.name()).into()),
    }
}
