//! The shared core of the concord WebAssembly runtime.
//!
//! `concord-core` decodes and validates modules (with wasmparser, kept out
//! of the public API), describes them ([`module::ModuleInfo`]), and owns
//! everything that every execution tier shares: the [`Store`] and its
//! instances, linking ([`Linker`]), host functions ([`Func::wrap`]), the
//! runtime layout ([`vm`]), the host-call ABI, the trap vocabulary
//! ([`TrapCode`]) and the contract tiers implement ([`backend::Backend`]).
//!
//! Embedders normally use the `concord` facade crate, which picks a tier
//! from [`Config::tier`]; the API here is the one it re-exports.
//!
//! Where to start reading: [`backend`] for the tier contract, [`translate`]
//! for the translation rules every tier shares (fuel, control frames,
//! unreachable code), [`vm`] for the layout and the ABI, [`store`] and
//! [`instance`] for instantiation.
//!
//! # Invariants
//!
//! - A [`Module`] has been fully validated; tiers may trust it.
//! - Everything a store creates lives as long as the store, at a stable
//!   address, so raw pointers in the runtime layout stay valid.
//! - Handles ([`Func`], [`Memory`], ...) carry their store's id and are
//!   checked against the store they are used with.

#![deny(missing_docs)]

pub mod backend;
mod code;
mod config;
mod engine;
mod epoch;
mod error;
mod externals;
mod func;
pub mod instance;
mod limits;
mod linker;
pub mod machine;
pub mod module;
pub mod store;
pub mod summary;
pub mod tierup;
pub mod translate;
mod trap;
mod types;
mod values;
pub mod vm;

pub use config::{Config, Tier, TierUpConfig, TierUpPath, WasmFeatures, WasmVersion};
pub use engine::Engine;
pub use epoch::{Interrupt, UpdateDeadline};
pub use error::{CompileError, DecodeError, DecodeErrorKind, Error, ErrorKind, LinkError, Result};
pub use externals::{Extern, Global, Memory, Table, Tag};
pub use func::{Caller, Func, HostResult, IntoFunc, TypedFunc, WasmParams, WasmResults, WasmTy};
pub use instance::Instance;
pub use limits::{
    DEFAULT_INSTANCE_LIMIT, DEFAULT_MEMORY_LIMIT, DEFAULT_TABLE_LIMIT, ResourceLimiter, StoreLimits, StoreLimitsBuilder,
};
pub use linker::Linker;
pub use module::Module;
pub use store::{AsContext, AsContextMut, MAX_TABLE_ELEMENTS, Store, StoreContext, StoreContextMut};
pub use tierup::TierUpStats;
pub use trap::{Escaped, FrameInfo, Trap, TrapCode};
pub use types::{
    ExternType, FuncType, GlobalType, HeapType, MemoryType, Mutability, RefType, TableType, TypedRef, ValType,
};
pub use values::{ExnRef, ExternRef, RawVal, Ref, Val};

/// The decoder, for tiers only: the embedding API never exposes its types.
#[doc(hidden)]
pub use wasmparser;
