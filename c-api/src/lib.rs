//! The standard WebAssembly C API (`include/wasm.h`, the wasm-c-api) for
//! concord, with concord's own extensions (`include/concord.h`): tiers,
//! fuel, WASI and a linker.
//!
//! The crate builds `libconcord.so` and `libconcord.a` for C callers and an
//! rlib for Rust code that wants to call the same functions (the benches).
//!
//! Where to start reading: [`object`] for how runtime objects (functions,
//! globals, tables, memories, instances, modules, traps, foreign objects)
//! are represented behind the C pointers and how a store is reached;
//! [`func`] for calls in both directions; [`vec`] for the `wasm_*_vec_t`
//! ownership rules.
//!
//! # Invariants
//!
//! - Every exported function is `extern "C"`; each that could panic runs
//!   its body under [`guard`] (the others are pointer casts): a Rust panic never unwinds into C; the caller sees the
//!   function's failure value (null, `false`, or a trap for calls).
//! - Each function's safety contract is the one `wasm.h` states for it:
//!   pointers are live objects of the right type (or null where the header
//!   allows it), `own` arguments pass ownership in, `own` results pass it
//!   out, and a store with everything created in it is used by one thread
//!   at a time. The `// SAFETY:` comments cite that contract.
//! - A runtime object keeps its store alive (a reference count), so the
//!   order in which C deletes objects and stores does not matter.
//! - While a host function runs, the store is reached through the
//!   [`concord_rt::Caller`] the core gave it (see
//!   [`object::StoreCell::with`]), never through a second exclusive borrow.

#![allow(non_camel_case_types, reason = "the C API's type names")]
#![expect(
    clippy::missing_safety_doc,
    reason = "every function's contract is wasm.h's, stated once above"
)]

pub mod engine;
pub mod ext;
pub mod externals;
pub mod func;
pub mod module;
pub mod object;
pub mod trap;
pub mod types;
pub mod vec;

pub use engine::{wasm_config_t, wasm_engine_t, wasm_store_t};
pub use ext::{concord_error_t, concord_linker_t, concord_wasi_config_t};
pub use func::wasm_val_t;
pub use module::wasm_shared_module_t;
pub use object::{
    wasm_extern_t, wasm_foreign_t, wasm_func_t, wasm_global_t, wasm_instance_t, wasm_memory_t, wasm_module_t,
    wasm_ref_t, wasm_table_t, wasm_trap_t,
};
pub use trap::wasm_frame_t;
pub use types::{
    wasm_exporttype_t, wasm_externtype_t, wasm_functype_t, wasm_globaltype_t, wasm_importtype_t, wasm_limits_t,
    wasm_memorytype_t, wasm_tabletype_t, wasm_valtype_t,
};
pub use vec::*;

/// Runs `f`, turning a panic into `fallback()`: no Rust panic unwinds
/// into C (the default panic hook has already printed it to stderr).
#[inline(always)]
pub(crate) fn guard<R>(fallback: impl FnOnce() -> R, f: impl FnOnce() -> R) -> R {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(_) => fallback(),
    }
}

/// Moves `value` to the heap and hands it to C.
pub(crate) fn boxed<T>(value: T) -> *mut T {
    Box::into_raw(Box::new(value))
}

// The header's thread rules: engines and shared modules go between threads.
const _: () = {
    const fn send_sync<T: Send + Sync>() {}
    send_sync::<wasm_engine_t>();
    send_sync::<wasm_shared_module_t>();
};
