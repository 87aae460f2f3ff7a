//! Conventions shared by the translator, the trampolines and the runtime:
//! signatures, the names of out-of-line helpers, trap codes and the memory
//! flags used for each kind of access.
//!
//! # Calling conventions
//!
//! - **Wasm convention** (`wasm_call` of a [`concord_core::vm::VmFuncRef`]):
//!   `CallConv::Tail`, parameters `(callee_vmctx, caller_vmctx, wasm
//!   params...)`, returns the Wasm results. The first parameter carries
//!   `ArgumentPurpose::VMContext`.
//! - **Adapter** (one per module type, namespace [`NS_ADAPTER`]): the same
//!   signature as the Wasm convention, except that the first parameter is the
//!   callee's `*const VmFuncRef`. It calls the callee's `array_call` and
//!   traps with [`TRAP_PROPAGATE`] when that returns `false`. Call sites use it
//!   when the callee's `wasm_call` is null (host functions, interpreted
//!   functions).
//! - **Array convention** ([`concord_core::vm::ArrayCallFn`]): the host's C
//!   convention, `(callee_funcref, caller_vmctx, values, len) -> i8`.
//! - **Libcalls** (namespace [`NS_LIBCALL`], index = [`LibCall`] as u32): the
//!   host's C convention, first parameter the calling instance's vmctx; the
//!   signatures are [`LibCall::signature`]. Those that return an `i8` status
//!   have already raised the trap when it is 0; the caller then traps with
//!   [`TRAP_PROPAGATE`].
//!
//! # Values
//!
//! `i32`→`I32`, `i64`→`I64`, `f32`→`F32`, `f64`→`F64`, `v128`→`I8X16`
//! (every `v128` on the operand stack and in locals has type `I8X16`; an
//! operation bitcasts to its lane type and back), `funcref`/`externref`→`I64`
//! (the raw reference word of [`concord_core::RawVal`], zero is null).

use concord_core::TrapCode as Code;
pub use concord_core::machine::libcalls::LibCall;
use concord_core::{FuncType, ValType};
use cranelift_codegen::ir::{self, AbiParam, ArgumentPurpose, MemFlagsData, Signature, types};
use cranelift_codegen::isa::CallConv;

/// External-name namespace of the defined functions of the module being
/// compiled (index = function index), called directly.
pub const NS_FUNC: u32 = 0;
/// Name namespace of the per-type entry trampolines (index = type index);
/// they are never called from generated code.
pub const NS_ENTRY: u32 = 3;
/// External-name namespace of the per-type adapters (index = module type index).
pub const NS_ADAPTER: u32 = 1;
/// Name namespace of the per-type entries in the wide convention (index =
/// type index); they are never called from generated code.
pub const NS_WIDE: u32 = 4;
/// External-name namespace of the runtime helpers (index = [`LibCall`]).
pub const NS_LIBCALL: u32 = 2;
/// The pointer type (64-bit hosts only).
pub const POINTER: ir::Type = types::I64;

/// Trap raised after a callee (array call, libcall) returned failure: the
/// trap is already pending in the store; the runtime only adds this tier's
/// frames to its backtrace.
pub const TRAP_PROPAGATE: ir::TrapCode = ir::TrapCode::unwrap_user(250);

/// The cranelift trap code for a concord trap code.
pub fn trap_code(code: Code) -> ir::TrapCode {
    match code {
        Code::StackOverflow => ir::TrapCode::STACK_OVERFLOW,
        Code::IntegerOverflow => ir::TrapCode::INTEGER_OVERFLOW,
        Code::MemoryOutOfBounds => ir::TrapCode::HEAP_OUT_OF_BOUNDS,
        Code::IntegerDivisionByZero => ir::TrapCode::INTEGER_DIVISION_BY_ZERO,
        Code::BadConversionToInteger => ir::TrapCode::BAD_CONVERSION_TO_INTEGER,
        other => ir::TrapCode::unwrap_user(other.as_u8() + 1),
    }
}

/// What a cranelift trap code means: a concord code, or `None` for
/// [`TRAP_PROPAGATE`] (the trap is already pending).
pub fn from_trap_code(code: ir::TrapCode) -> Option<Code> {
    Some(match code {
        ir::TrapCode::STACK_OVERFLOW => Code::StackOverflow,
        ir::TrapCode::INTEGER_OVERFLOW => Code::IntegerOverflow,
        ir::TrapCode::HEAP_OUT_OF_BOUNDS => Code::MemoryOutOfBounds,
        ir::TrapCode::INTEGER_DIVISION_BY_ZERO => Code::IntegerDivisionByZero,
        ir::TrapCode::BAD_CONVERSION_TO_INTEGER => Code::BadConversionToInteger,
        TRAP_PROPAGATE => return None,
        // User codes are the concord byte plus one (see `trap_code`).
        other => return Code::from_u8(other.as_raw().get().wrapping_sub(1)),
    })
}

/// The CLIF type of a Wasm value type.
pub fn clif_type(ty: ValType) -> ir::Type {
    match ty {
        ValType::I32 => types::I32,
        ValType::I64 => types::I64,
        ValType::F32 => types::F32,
        ValType::F64 => types::F64,
        ValType::V128 => types::I8X16,
        ValType::FuncRef | ValType::ExternRef | ValType::Ref(_) => types::I64,
    }
}

/// Whether functions of type `ty` return their results through memory:
/// when they do not fit in the native convention's registers, the caller
/// passes a last parameter pointing to value cells that receive them, as
/// in the wide convention (RFC 0008), so that a tail call between two such
/// types of any parameters passes its own on.
pub fn results_in_memory(ty: &FuncType) -> bool {
    !concord_core::machine::native_results_fit(ty)
}

/// The Wasm-convention signature of a function of type `ty`: the callee's
/// and the caller's contexts, the parameters, and either the results or,
/// when they go through memory ([`results_in_memory`]), a last parameter
/// pointing to their cells.
pub fn wasm_signature(ty: &FuncType) -> Signature {
    let mut sig = Signature::new(CallConv::Tail);
    sig.params.push(AbiParam::special(POINTER, ArgumentPurpose::VMContext));
    sig.params.push(AbiParam::new(POINTER));
    sig.params
        .extend(ty.params().iter().map(|&t| AbiParam::new(clif_type(t))));
    if results_in_memory(ty) {
        sig.params.push(AbiParam::new(POINTER));
    } else {
        sig.returns
            .extend(ty.results().iter().map(|&t| AbiParam::new(clif_type(t))));
    }
    sig
}

/// The signature of an entry in the wide convention (RFC 0008) of type
/// `ty`: the callee's and the caller's contexts, the arguments' cells, the
/// results' cells (unused when the results come back in registers, as in
/// the native convention) and the callee's `VmFuncRef`, in `rdi`, `rsi`,
/// `rdx`, `rcx` and `r8` under the tail convention.
pub fn wide_signature(ty: &FuncType) -> Signature {
    let mut sig = Signature::new(CallConv::Tail);
    sig.params.push(AbiParam::special(POINTER, ArgumentPurpose::VMContext));
    sig.params.extend([AbiParam::new(POINTER); 4]);
    if !results_in_memory(ty) {
        sig.returns
            .extend(ty.results().iter().map(|&t| AbiParam::new(clif_type(t))));
    }
    sig
}

/// Bytes per value cell (`RawVal`).
pub const CELL: i32 = size_of::<concord_core::RawVal>() as i32;

/// `v` in the `RawVal` encoding of its word: `i32`/`f32` zero-extended to
/// 64 bits, anything else as it is.
pub fn raw_word(b: &mut cranelift_frontend::FunctionBuilder<'_>, v: ir::Value) -> ir::Value {
    use cranelift_codegen::ir::InstBuilder;
    match b.func.dfg.value_type(v) {
        types::I32 => b.ins().uextend(types::I64, v),
        types::F32 => {
            let bits = b.ins().bitcast(types::I32, MemFlagsData::new(), v);
            b.ins().uextend(types::I64, bits)
        }
        _ => v,
    }
}

/// Stores `v` as value cell `i` at `base` ([`raw_word`]).
pub fn store_cell(b: &mut cranelift_frontend::FunctionBuilder<'_>, v: ir::Value, base: ir::Value, i: usize) {
    use cranelift_codegen::ir::InstBuilder;
    let v = raw_word(b, v);
    b.ins().store(MemFlagsData::trusted(), v, base, CELL * i as i32);
}

/// Loads value cell `i` at `base` as a value of CLIF type `ty`.
pub fn load_cell(
    b: &mut cranelift_frontend::FunctionBuilder<'_>,
    ty: ir::Type,
    base: ir::Value,
    i: usize,
) -> ir::Value {
    use cranelift_codegen::ir::InstBuilder;
    b.ins().load(ty, MemFlagsData::trusted(), base, CELL * i as i32)
}

/// The array-call signature, in the host's C convention.
pub fn array_signature(host: CallConv) -> Signature {
    let mut sig = Signature::new(host);
    sig.params.extend([AbiParam::new(POINTER); 4]);
    sig.returns.push(AbiParam::new(types::I8));
    sig
}

/// The C-convention signature of runtime helper `lc` for the host convention `host`.
pub fn libcall_signature(lc: LibCall, host: CallConv) -> Signature {
    use types::{I8, I32, I64};
    let (params, ret): (&[ir::Type], Option<ir::Type>) = match lc {
        LibCall::MemoryGrow => (&[I32, I64], Some(I64)),
        LibCall::MemoryFill => (&[I32, I64, I32, I64], Some(I8)),
        LibCall::MemoryCopy => (&[I32, I32, I64, I64, I64], Some(I8)),
        LibCall::MemoryInit => (&[I32, I32, I64, I32, I32], Some(I8)),
        LibCall::DataDrop => (&[I32], None),
        LibCall::TableGrow => (&[I32, I64, I64], Some(I64)),
        LibCall::TableFill => (&[I32, I64, I64, I64], Some(I8)),
        LibCall::TableCopy => (&[I32, I32, I64, I64, I64], Some(I8)),
        LibCall::TableInit => (&[I32, I32, I64, I32, I32], Some(I8)),
        LibCall::ElemDrop => (&[I32], None),
        LibCall::ExnNew => (&[I32, POINTER], Some(POINTER)),
        LibCall::ExnRaise => (&[POINTER], None),
        LibCall::ExnCatch => (&[POINTER, I32], None),
        LibCall::CallCatching => (&[POINTER, POINTER, POINTER], Some(I8)),
        LibCall::Propagate => (&[], None),
        LibCall::EpochReached => (&[], Some(I8)),
    };
    let mut sig = Signature::new(host);
    sig.params.push(AbiParam::new(POINTER));
    sig.params.extend(params.iter().map(|&t| AbiParam::new(t)));
    sig.returns.extend(ret.map(AbiParam::new));
    sig
}

/// Flags for loads of the runtime layout (`VmContext`, `VmFuncRef`, ...)
/// whose value never changes while compiled code runs.
pub fn vm_readonly() -> MemFlagsData {
    MemFlagsData::trusted().with_readonly().with_can_move()
}

/// Flags for loads and stores of mutable runtime state (globals, fuel,
/// memory length, table entries, `wasm_call`).
pub fn vm_mutable() -> MemFlagsData {
    MemFlagsData::trusted()
}
