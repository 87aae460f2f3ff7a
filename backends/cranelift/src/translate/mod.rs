//! Wasm operators to CLIF.
//!
//! Entry point: [`translate_function`]. (The translator's own documentation
//! goes here: value stack, control frames, fuel, memory accesses, calls.)

mod simd;

use concord_core::CompileError;
use concord_core::module::ModuleInfo;
use cranelift_codegen::ir;

/// How a module's functions are translated; fixed per compiled module.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TranslateOptions {
    /// Charge fuel per block (`Config::consume_fuel`), by the rules in
    /// `concord_core::backend`.
    pub fuel: bool,
    /// Bytes past the 4 GiB index space of a 32-bit memory that are
    /// guaranteed inaccessible (memory reservation minus 4 GiB). An access to
    /// a 32-bit memory whose `offset + size` fits in it needs no bounds
    /// check: the guard page faults. 0 means every access is checked
    /// explicitly against `VmMemory::length`.
    pub guard_bytes: u64,
}

/// Translates defined function `def` of `info` into `func` (which the caller
/// created empty). `func.name` is `UserFuncName::user(0, func_index)` and its
/// signature [`crate::abi::wasm_signature`].
pub(crate) fn translate_function(
    info: &ModuleInfo,
    def: u32,
    opts: &TranslateOptions,
    func: &mut ir::Function,
) -> Result<(), CompileError> {
    let _ = (info, def, opts, func);
    Err(CompileError::Internal("the cranelift translator is not written yet".into()))
}
