//! The machine-code runtime, shared by every tier that emits machine code.
//!
//! Tiers produce code bytes and metadata; everything that runs them lives
//! here, once:
//!
//! - [`code::CodeMemory`]: W^X executable memory (mapped writable, filled,
//!   then made read-and-execute; never both);
//! - [`traps`]: the registry of live code with its trap tables keyed by
//!   concord's [`crate::TrapCode`], the one signal handler, and the
//!   host-to-Wasm entry path ([`traps::call`]) that turns a trapping
//!   instruction into a [`crate::Trap`] with a Wasm backtrace;
//! - [`libcalls`]: the runtime helpers machine code calls (growth, bulk
//!   memory and table operations) and out-of-line float operations.
//!
//! The stack-limit check is emitted by each tier in its prologues against
//! [`crate::vm::VmRuntime::stack_limit`], which the core sets on entry from
//! the host ([RFC 0005](../../../RFCs/0005-machine-code-tiers.md)).
//!
//! Catching traps is implemented for x86-64 Linux ([`traps::SUPPORTED`]);
//! elsewhere machine-code tiers report themselves unsupported.

pub mod code;
pub mod libcalls;
pub mod traps;

/// Integer (and reference) values the native convention (RFC 0006) passes in
/// registers: parameters after the two contexts, and results.
pub const NATIVE_INT_PARAMS: usize = 4;
/// See [`NATIVE_INT_PARAMS`].
pub const NATIVE_INT_RESULTS: usize = 8;
/// Float and vector values the native convention passes in registers, as
/// parameters and as results.
pub const NATIVE_FLOATS: usize = 8;

/// Counts the integer-class (integers and references) and the other values
/// of `types`.
fn classes(types: &[crate::ValType]) -> (usize, usize) {
    let ints = types
        .iter()
        .filter(|t| matches!(t, crate::ValType::I32 | crate::ValType::I64) || t.is_ref())
        .count();
    (ints, types.len() - ints)
}

/// Whether the parameters of `ty` all go in registers in the native
/// convention (RFC 0006).
pub fn native_params_fit(ty: &crate::FuncType) -> bool {
    let (ints, floats) = classes(ty.params());
    ints <= NATIVE_INT_PARAMS && floats <= NATIVE_FLOATS
}

/// Whether the results of `ty` all come back in registers in the native
/// convention (RFC 0006), and so in the wide convention too (RFC 0008).
pub fn native_results_fit(ty: &crate::FuncType) -> bool {
    let (ints, floats) = classes(ty.results());
    ints <= NATIVE_INT_RESULTS && floats <= NATIVE_FLOATS
}
