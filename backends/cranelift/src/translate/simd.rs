//! `v128` operators to CLIF.
//!
//! Every `v128` on the operand stack has type `I8X16`. An operator bitcasts
//! its operands to the lane type it works on (a no-op that register
//! allocation coalesces away) and its result back to `I8X16`. Bitcasts always
//! carry explicit little-endian flags, the lane order Wasm defines.
//!
//! The mapping follows the Wasm SIMD semantics exactly; the places where the
//! CLIF instruction is not the obvious one:
//!
//! - shifts mask their scalar amount to the lane width (`band_imm`) before
//!   `ishl`/`sshr`/`ushr`;
//! - `pmin(a, b)` is `b < a ? b : a` and `pmax(a, b)` is `a < b ? b : a`,
//!   lane-wise `bitselect` over an `fcmp` mask (no NaN or signed-zero
//!   handling, unlike `fmin`/`fmax`, which already follow Wasm `min`/`max`);
//! - `i32x4.dot_i16x8_s`, extended multiplies and `extadd_pairwise` are built
//!   from widening, `imul` and `iadd_pairwise`, the shapes cranelift's
//!   backends recognise and lower to single instructions;
//! - `i32x4.trunc_sat_f64x2_{s,u}_zero` convert to 64-bit lanes and narrow
//!   against a zero vector (`snarrow`/`uunarrow`), again a recognised shape;
//! - lane extraction from 8- and 16-bit lanes extends the `I8`/`I16` lane to
//!   `I32`; lane replacement reduces the `I32` operand first.
//!
//! # Relaxed SIMD
//!
//! Each relaxed operator gives the result of the mode in [`RelaxedSimd`]
//! (`Config::relaxed_simd_deterministic`, whose docs have the table), the
//! same as the other tiers. Where that result is a Wasm 2.0 operator's
//! (`relaxed_laneselect` is `v128.bitselect`, the unsigned truncations are
//! `trunc_sat`, the default `relaxed_min`/`relaxed_max` are
//! `pmin`/`pmax`, and in the deterministic mode swizzle, the signed
//! truncations and `q15mulr`), the operator is translated as that one. The
//! default mode's other results are those of x86 instructions, which
//! Cranelift has as CLIF instructions (`x86_pshufb`, `x86_cvtt2dq`,
//! `x86_pmulhrsw`, `x86_pmaddubsw`), so the translator needs x86-64 with
//! SSSE3 for them and reports the mode unsupported elsewhere. Multiply-adds
//! are unfused (`fmul`, then `fadd`, or `fsub` from the addend for
//! `nmadd`) in both modes; in the deterministic mode their NaN results, and
//! those of `min`/`max`, are made the positive canonical NaN.

use super::RelaxedSimd;
use concord_core::CompileError;
use concord_core::wasmparser::{MemArg, Operator};
use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::types::{F32X4, F64X2, I8, I8X16, I16, I16X8, I32, I32X4, I64, I64X2};
use cranelift_codegen::ir::{ConstantData, Endianness, InstBuilder, MemFlagsData, Type, Value};
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

/// Flags of the lane-reinterpreting bitcasts between vector types.
const BITCAST: MemFlagsData = MemFlagsData::new().with_endianness(Endianness::Little);

/// `v` as type `ty` (a no-op when it already has it).
fn cast(builder: &mut FunctionBuilder<'_>, ty: Type, v: Value) -> Value {
    if builder.func.dfg.value_type(v) == ty {
        v
    } else {
        builder.ins().bitcast(ty, BITCAST, v)
    }
}

/// Pops the top of the stack (a translator bug if empty: validation
/// guarantees the operands).
fn pop(stack: &mut Vec<Value>) -> Result<Value, CompileError> {
    stack
        .pop()
        .ok_or_else(|| CompileError::Internal("SIMD operator on an empty value stack".into()))
}

/// Pops a `v128` and views it as `ty`.
fn pop_v(builder: &mut FunctionBuilder<'_>, stack: &mut Vec<Value>, ty: Type) -> Result<Value, CompileError> {
    let v = pop(stack)?;
    Ok(cast(builder, ty, v))
}

/// Pops two `v128`s `(a, b)` (`b` on top) viewed as `ty`.
fn pop_v2(builder: &mut FunctionBuilder<'_>, stack: &mut Vec<Value>, ty: Type) -> Result<(Value, Value), CompileError> {
    let b = pop_v(builder, stack, ty)?;
    let a = pop_v(builder, stack, ty)?;
    Ok((a, b))
}

/// Pushes vector `v` as `I8X16`.
/// The 128-bit vector type whose lanes are `lane`.
fn vector_of(lane: Type) -> Type {
    lane.by(128 / lane.bits()).expect("a lane type of at most 128 bits")
}

fn push_v(builder: &mut FunctionBuilder<'_>, stack: &mut Vec<Value>, v: Value) {
    let v = cast(builder, I8X16, v);
    stack.push(v);
}

/// A vector constant of type `ty` from its 16 little-endian bytes.
fn vconst(builder: &mut FunctionBuilder<'_>, ty: Type, bytes: &[u8; 16]) -> Value {
    let handle = builder.func.dfg.constants.insert(ConstantData::from(bytes.as_slice()));
    builder.ins().vconst(ty, handle)
}

/// The lane type and the scalar type Wasm uses for it.
fn lane_scalar(lane: Type) -> Type {
    match lane {
        I8 | I16 => I32,
        other => other,
    }
}

/// Integer lane-wise binary operations.
#[derive(Clone, Copy)]
enum IBin {
    Add,
    Sub,
    Mul,
    SMin,
    UMin,
    SMax,
    UMax,
    AvgRound,
    SAddSat,
    UAddSat,
    SSubSat,
    USubSat,
    Q15MulRSat,
}

/// Float lane-wise binary operations.
#[derive(Clone, Copy)]
enum FBin {
    Add,
    Sub,
    Mul,
    Div,
    Min,
    Max,
    PMin,
    PMax,
}

/// Float lane-wise unary operations.
#[derive(Clone, Copy)]
enum FUn {
    Abs,
    Neg,
    Sqrt,
    Ceil,
    Floor,
    Trunc,
    Nearest,
}

/// Shifts.
#[derive(Clone, Copy)]
enum Shift {
    Shl,
    ShrS,
    ShrU,
}

/// Load shapes of the `v128.load*` family (not lane loads).
#[derive(Clone, Copy)]
enum LoadKind {
    Full,
    Ext8x8S,
    Ext8x8U,
    Ext16x4S,
    Ext16x4U,
    Ext32x2S,
    Ext32x2U,
    /// Splat of a scalar of this type.
    Splat(Type),
    /// Scalar of this type into lane 0, other lanes zero.
    Zero(Type),
}

fn ibin(builder: &mut FunctionBuilder<'_>, op: IBin, a: Value, b: Value) -> Value {
    let ins = builder.ins();
    match op {
        IBin::Add => ins.iadd(a, b),
        IBin::Sub => ins.isub(a, b),
        IBin::Mul => ins.imul(a, b),
        IBin::SMin => ins.smin(a, b),
        IBin::UMin => ins.umin(a, b),
        IBin::SMax => ins.smax(a, b),
        IBin::UMax => ins.umax(a, b),
        IBin::AvgRound => ins.avg_round(a, b),
        IBin::SAddSat => ins.sadd_sat(a, b),
        IBin::UAddSat => ins.uadd_sat(a, b),
        IBin::SSubSat => ins.ssub_sat(a, b),
        IBin::USubSat => ins.usub_sat(a, b),
        IBin::Q15MulRSat => ins.sqmul_round_sat(a, b),
    }
}

fn fbin(builder: &mut FunctionBuilder<'_>, ty: Type, op: FBin, a: Value, b: Value) -> Value {
    match op {
        FBin::Add => builder.ins().fadd(a, b),
        FBin::Sub => builder.ins().fsub(a, b),
        FBin::Mul => builder.ins().fmul(a, b),
        FBin::Div => builder.ins().fdiv(a, b),
        FBin::Min => builder.ins().fmin(a, b),
        FBin::Max => builder.ins().fmax(a, b),
        FBin::PMin => {
            // pmin(a, b) = b < a ? b : a
            let mask = builder.ins().fcmp(FloatCC::LessThan, b, a);
            let mask = cast(builder, ty, mask);
            builder.ins().bitselect(mask, b, a)
        }
        FBin::PMax => {
            // pmax(a, b) = a < b ? b : a
            let mask = builder.ins().fcmp(FloatCC::LessThan, a, b);
            let mask = cast(builder, ty, mask);
            builder.ins().bitselect(mask, b, a)
        }
    }
}

fn fun(builder: &mut FunctionBuilder<'_>, op: FUn, a: Value) -> Value {
    let ins = builder.ins();
    match op {
        FUn::Abs => ins.fabs(a),
        FUn::Neg => ins.fneg(a),
        FUn::Sqrt => ins.sqrt(a),
        FUn::Ceil => ins.ceil(a),
        FUn::Floor => ins.floor(a),
        FUn::Trunc => ins.trunc(a),
        FUn::Nearest => ins.nearest(a),
    }
}

/// Widens the low (`high == false`) or high half of `v`, sign- or
/// zero-extending each lane.
fn widen(builder: &mut FunctionBuilder<'_>, v: Value, signed: bool, high: bool) -> Value {
    let ins = builder.ins();
    match (signed, high) {
        (true, false) => ins.swiden_low(v),
        (true, true) => ins.swiden_high(v),
        (false, false) => ins.uwiden_low(v),
        (false, true) => ins.uwiden_high(v),
    }
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
    relaxed: RelaxedSimd,
) -> Result<bool, CompileError> {
    use Operator as O;

    if let Some(done) = translate_relaxed(op, builder, stack, env, relaxed)? {
        return Ok(done);
    }

    // Families first: each arm of the big match below names its family
    // parameters, and the shared code runs after it.
    enum Family {
        IBin(Type, IBin),
        FBin(Type, FBin),
        FUn(Type, FUn),
        ICmp(Type, IntCC),
        FCmp(Type, FloatCC),
        Shift(Type, Shift),
    }

    let family = match *op {
        // ---- memory ----
        O::V128Load { ref memarg } => return load(builder, stack, env, memarg, LoadKind::Full, 16),
        O::V128Load8x8S { ref memarg } => return load(builder, stack, env, memarg, LoadKind::Ext8x8S, 8),
        O::V128Load8x8U { ref memarg } => return load(builder, stack, env, memarg, LoadKind::Ext8x8U, 8),
        O::V128Load16x4S { ref memarg } => return load(builder, stack, env, memarg, LoadKind::Ext16x4S, 8),
        O::V128Load16x4U { ref memarg } => return load(builder, stack, env, memarg, LoadKind::Ext16x4U, 8),
        O::V128Load32x2S { ref memarg } => return load(builder, stack, env, memarg, LoadKind::Ext32x2S, 8),
        O::V128Load32x2U { ref memarg } => return load(builder, stack, env, memarg, LoadKind::Ext32x2U, 8),
        O::V128Load8Splat { ref memarg } => return load(builder, stack, env, memarg, LoadKind::Splat(I8), 1),
        O::V128Load16Splat { ref memarg } => return load(builder, stack, env, memarg, LoadKind::Splat(I16), 2),
        O::V128Load32Splat { ref memarg } => return load(builder, stack, env, memarg, LoadKind::Splat(I32), 4),
        O::V128Load64Splat { ref memarg } => return load(builder, stack, env, memarg, LoadKind::Splat(I64), 8),
        O::V128Load32Zero { ref memarg } => return load(builder, stack, env, memarg, LoadKind::Zero(I32), 4),
        O::V128Load64Zero { ref memarg } => return load(builder, stack, env, memarg, LoadKind::Zero(I64), 8),
        O::V128Store { ref memarg } => {
            let v = pop(stack)?;
            let v = cast(builder, I8X16, v);
            let index = pop(stack)?;
            let (addr, flags) = env.heap_address(builder, memarg, index, 16);
            builder.ins().store(flags, v, addr, 0);
            return Ok(true);
        }
        O::V128Load8Lane { ref memarg, lane } => return load_lane(builder, stack, env, memarg, I8, lane),
        O::V128Load16Lane { ref memarg, lane } => return load_lane(builder, stack, env, memarg, I16, lane),
        O::V128Load32Lane { ref memarg, lane } => return load_lane(builder, stack, env, memarg, I32, lane),
        O::V128Load64Lane { ref memarg, lane } => return load_lane(builder, stack, env, memarg, I64, lane),
        O::V128Store8Lane { ref memarg, lane } => return store_lane(builder, stack, env, memarg, I8, lane),
        O::V128Store16Lane { ref memarg, lane } => return store_lane(builder, stack, env, memarg, I16, lane),
        O::V128Store32Lane { ref memarg, lane } => return store_lane(builder, stack, env, memarg, I32, lane),
        O::V128Store64Lane { ref memarg, lane } => return store_lane(builder, stack, env, memarg, I64, lane),

        // ---- constants, shuffles, lanes ----
        O::V128Const { ref value } => {
            let v = vconst(builder, I8X16, value.bytes());
            stack.push(v);
            return Ok(true);
        }
        O::I8x16Shuffle { ref lanes } => {
            let (a, b) = pop_v2(builder, stack, I8X16)?;
            let mask = builder.func.dfg.immediates.push(ConstantData::from(lanes.as_slice()));
            let r = builder.ins().shuffle(a, b, mask);
            push_v(builder, stack, r);
            return Ok(true);
        }
        O::I8x16Swizzle => {
            let (a, b) = pop_v2(builder, stack, I8X16)?;
            let r = builder.ins().swizzle(a, b);
            push_v(builder, stack, r);
            return Ok(true);
        }
        O::I8x16Splat => return splat(builder, stack, I8X16),
        O::I16x8Splat => return splat(builder, stack, I16X8),
        O::I32x4Splat => return splat(builder, stack, I32X4),
        O::I64x2Splat => return splat(builder, stack, I64X2),
        O::F32x4Splat => return splat(builder, stack, F32X4),
        O::F64x2Splat => return splat(builder, stack, F64X2),
        O::I8x16ExtractLaneS { lane } => return extract_lane(builder, stack, I8X16, lane, true),
        O::I8x16ExtractLaneU { lane } => return extract_lane(builder, stack, I8X16, lane, false),
        O::I16x8ExtractLaneS { lane } => return extract_lane(builder, stack, I16X8, lane, true),
        O::I16x8ExtractLaneU { lane } => return extract_lane(builder, stack, I16X8, lane, false),
        O::I32x4ExtractLane { lane } => return extract_lane(builder, stack, I32X4, lane, false),
        O::I64x2ExtractLane { lane } => return extract_lane(builder, stack, I64X2, lane, false),
        O::F32x4ExtractLane { lane } => return extract_lane(builder, stack, F32X4, lane, false),
        O::F64x2ExtractLane { lane } => return extract_lane(builder, stack, F64X2, lane, false),
        O::I8x16ReplaceLane { lane } => return replace_lane(builder, stack, I8X16, lane),
        O::I16x8ReplaceLane { lane } => return replace_lane(builder, stack, I16X8, lane),
        O::I32x4ReplaceLane { lane } => return replace_lane(builder, stack, I32X4, lane),
        O::I64x2ReplaceLane { lane } => return replace_lane(builder, stack, I64X2, lane),
        O::F32x4ReplaceLane { lane } => return replace_lane(builder, stack, F32X4, lane),
        O::F64x2ReplaceLane { lane } => return replace_lane(builder, stack, F64X2, lane),

        // ---- comparisons ----
        O::I8x16Eq => Family::ICmp(I8X16, IntCC::Equal),
        O::I8x16Ne => Family::ICmp(I8X16, IntCC::NotEqual),
        O::I8x16LtS => Family::ICmp(I8X16, IntCC::SignedLessThan),
        O::I8x16LtU => Family::ICmp(I8X16, IntCC::UnsignedLessThan),
        O::I8x16GtS => Family::ICmp(I8X16, IntCC::SignedGreaterThan),
        O::I8x16GtU => Family::ICmp(I8X16, IntCC::UnsignedGreaterThan),
        O::I8x16LeS => Family::ICmp(I8X16, IntCC::SignedLessThanOrEqual),
        O::I8x16LeU => Family::ICmp(I8X16, IntCC::UnsignedLessThanOrEqual),
        O::I8x16GeS => Family::ICmp(I8X16, IntCC::SignedGreaterThanOrEqual),
        O::I8x16GeU => Family::ICmp(I8X16, IntCC::UnsignedGreaterThanOrEqual),
        O::I16x8Eq => Family::ICmp(I16X8, IntCC::Equal),
        O::I16x8Ne => Family::ICmp(I16X8, IntCC::NotEqual),
        O::I16x8LtS => Family::ICmp(I16X8, IntCC::SignedLessThan),
        O::I16x8LtU => Family::ICmp(I16X8, IntCC::UnsignedLessThan),
        O::I16x8GtS => Family::ICmp(I16X8, IntCC::SignedGreaterThan),
        O::I16x8GtU => Family::ICmp(I16X8, IntCC::UnsignedGreaterThan),
        O::I16x8LeS => Family::ICmp(I16X8, IntCC::SignedLessThanOrEqual),
        O::I16x8LeU => Family::ICmp(I16X8, IntCC::UnsignedLessThanOrEqual),
        O::I16x8GeS => Family::ICmp(I16X8, IntCC::SignedGreaterThanOrEqual),
        O::I16x8GeU => Family::ICmp(I16X8, IntCC::UnsignedGreaterThanOrEqual),
        O::I32x4Eq => Family::ICmp(I32X4, IntCC::Equal),
        O::I32x4Ne => Family::ICmp(I32X4, IntCC::NotEqual),
        O::I32x4LtS => Family::ICmp(I32X4, IntCC::SignedLessThan),
        O::I32x4LtU => Family::ICmp(I32X4, IntCC::UnsignedLessThan),
        O::I32x4GtS => Family::ICmp(I32X4, IntCC::SignedGreaterThan),
        O::I32x4GtU => Family::ICmp(I32X4, IntCC::UnsignedGreaterThan),
        O::I32x4LeS => Family::ICmp(I32X4, IntCC::SignedLessThanOrEqual),
        O::I32x4LeU => Family::ICmp(I32X4, IntCC::UnsignedLessThanOrEqual),
        O::I32x4GeS => Family::ICmp(I32X4, IntCC::SignedGreaterThanOrEqual),
        O::I32x4GeU => Family::ICmp(I32X4, IntCC::UnsignedGreaterThanOrEqual),
        O::I64x2Eq => Family::ICmp(I64X2, IntCC::Equal),
        O::I64x2Ne => Family::ICmp(I64X2, IntCC::NotEqual),
        O::I64x2LtS => Family::ICmp(I64X2, IntCC::SignedLessThan),
        O::I64x2GtS => Family::ICmp(I64X2, IntCC::SignedGreaterThan),
        O::I64x2LeS => Family::ICmp(I64X2, IntCC::SignedLessThanOrEqual),
        O::I64x2GeS => Family::ICmp(I64X2, IntCC::SignedGreaterThanOrEqual),
        O::F32x4Eq => Family::FCmp(F32X4, FloatCC::Equal),
        O::F32x4Ne => Family::FCmp(F32X4, FloatCC::NotEqual),
        O::F32x4Lt => Family::FCmp(F32X4, FloatCC::LessThan),
        O::F32x4Gt => Family::FCmp(F32X4, FloatCC::GreaterThan),
        O::F32x4Le => Family::FCmp(F32X4, FloatCC::LessThanOrEqual),
        O::F32x4Ge => Family::FCmp(F32X4, FloatCC::GreaterThanOrEqual),
        O::F64x2Eq => Family::FCmp(F64X2, FloatCC::Equal),
        O::F64x2Ne => Family::FCmp(F64X2, FloatCC::NotEqual),
        O::F64x2Lt => Family::FCmp(F64X2, FloatCC::LessThan),
        O::F64x2Gt => Family::FCmp(F64X2, FloatCC::GreaterThan),
        O::F64x2Le => Family::FCmp(F64X2, FloatCC::LessThanOrEqual),
        O::F64x2Ge => Family::FCmp(F64X2, FloatCC::GreaterThanOrEqual),

        // ---- bitwise ----
        O::V128Not => {
            let a = pop_v(builder, stack, I8X16)?;
            let r = builder.ins().bnot(a);
            push_v(builder, stack, r);
            return Ok(true);
        }
        O::V128And | O::V128AndNot | O::V128Or | O::V128Xor => {
            let (a, b) = pop_v2(builder, stack, I8X16)?;
            let r = match *op {
                O::V128And => builder.ins().band(a, b),
                O::V128AndNot => builder.ins().band_not(a, b),
                O::V128Or => builder.ins().bor(a, b),
                _ => builder.ins().bxor(a, b),
            };
            push_v(builder, stack, r);
            return Ok(true);
        }
        O::V128Bitselect => {
            let c = pop_v(builder, stack, I8X16)?;
            let (a, b) = pop_v2(builder, stack, I8X16)?;
            let r = builder.ins().bitselect(c, a, b);
            push_v(builder, stack, r);
            return Ok(true);
        }
        O::V128AnyTrue => {
            let a = pop_v(builder, stack, I8X16)?;
            let r = builder.ins().vany_true(a);
            let r = builder.ins().uextend(I32, r);
            stack.push(r);
            return Ok(true);
        }
        O::I8x16AllTrue => return all_true(builder, stack, I8X16),
        O::I16x8AllTrue => return all_true(builder, stack, I16X8),
        O::I32x4AllTrue => return all_true(builder, stack, I32X4),
        O::I64x2AllTrue => return all_true(builder, stack, I64X2),
        O::I8x16Bitmask => return bitmask(builder, stack, I8X16),
        O::I16x8Bitmask => return bitmask(builder, stack, I16X8),
        O::I32x4Bitmask => return bitmask(builder, stack, I32X4),
        O::I64x2Bitmask => return bitmask(builder, stack, I64X2),

        // ---- integer unary ----
        O::I8x16Abs => return iunary(builder, stack, I8X16, IUn::Abs),
        O::I16x8Abs => return iunary(builder, stack, I16X8, IUn::Abs),
        O::I32x4Abs => return iunary(builder, stack, I32X4, IUn::Abs),
        O::I64x2Abs => return iunary(builder, stack, I64X2, IUn::Abs),
        O::I8x16Neg => return iunary(builder, stack, I8X16, IUn::Neg),
        O::I16x8Neg => return iunary(builder, stack, I16X8, IUn::Neg),
        O::I32x4Neg => return iunary(builder, stack, I32X4, IUn::Neg),
        O::I64x2Neg => return iunary(builder, stack, I64X2, IUn::Neg),
        O::I8x16Popcnt => return iunary(builder, stack, I8X16, IUn::Popcnt),

        // ---- shifts ----
        O::I8x16Shl => Family::Shift(I8X16, Shift::Shl),
        O::I8x16ShrS => Family::Shift(I8X16, Shift::ShrS),
        O::I8x16ShrU => Family::Shift(I8X16, Shift::ShrU),
        O::I16x8Shl => Family::Shift(I16X8, Shift::Shl),
        O::I16x8ShrS => Family::Shift(I16X8, Shift::ShrS),
        O::I16x8ShrU => Family::Shift(I16X8, Shift::ShrU),
        O::I32x4Shl => Family::Shift(I32X4, Shift::Shl),
        O::I32x4ShrS => Family::Shift(I32X4, Shift::ShrS),
        O::I32x4ShrU => Family::Shift(I32X4, Shift::ShrU),
        O::I64x2Shl => Family::Shift(I64X2, Shift::Shl),
        O::I64x2ShrS => Family::Shift(I64X2, Shift::ShrS),
        O::I64x2ShrU => Family::Shift(I64X2, Shift::ShrU),

        // ---- integer binary ----
        O::I8x16Add => Family::IBin(I8X16, IBin::Add),
        O::I8x16Sub => Family::IBin(I8X16, IBin::Sub),
        O::I8x16AddSatS => Family::IBin(I8X16, IBin::SAddSat),
        O::I8x16AddSatU => Family::IBin(I8X16, IBin::UAddSat),
        O::I8x16SubSatS => Family::IBin(I8X16, IBin::SSubSat),
        O::I8x16SubSatU => Family::IBin(I8X16, IBin::USubSat),
        O::I8x16MinS => Family::IBin(I8X16, IBin::SMin),
        O::I8x16MinU => Family::IBin(I8X16, IBin::UMin),
        O::I8x16MaxS => Family::IBin(I8X16, IBin::SMax),
        O::I8x16MaxU => Family::IBin(I8X16, IBin::UMax),
        O::I8x16AvgrU => Family::IBin(I8X16, IBin::AvgRound),
        O::I16x8Add => Family::IBin(I16X8, IBin::Add),
        O::I16x8Sub => Family::IBin(I16X8, IBin::Sub),
        O::I16x8Mul => Family::IBin(I16X8, IBin::Mul),
        O::I16x8AddSatS => Family::IBin(I16X8, IBin::SAddSat),
        O::I16x8AddSatU => Family::IBin(I16X8, IBin::UAddSat),
        O::I16x8SubSatS => Family::IBin(I16X8, IBin::SSubSat),
        O::I16x8SubSatU => Family::IBin(I16X8, IBin::USubSat),
        O::I16x8MinS => Family::IBin(I16X8, IBin::SMin),
        O::I16x8MinU => Family::IBin(I16X8, IBin::UMin),
        O::I16x8MaxS => Family::IBin(I16X8, IBin::SMax),
        O::I16x8MaxU => Family::IBin(I16X8, IBin::UMax),
        O::I16x8AvgrU => Family::IBin(I16X8, IBin::AvgRound),
        O::I16x8Q15MulrSatS => Family::IBin(I16X8, IBin::Q15MulRSat),
        O::I32x4Add => Family::IBin(I32X4, IBin::Add),
        O::I32x4Sub => Family::IBin(I32X4, IBin::Sub),
        O::I32x4Mul => Family::IBin(I32X4, IBin::Mul),
        O::I32x4MinS => Family::IBin(I32X4, IBin::SMin),
        O::I32x4MinU => Family::IBin(I32X4, IBin::UMin),
        O::I32x4MaxS => Family::IBin(I32X4, IBin::SMax),
        O::I32x4MaxU => Family::IBin(I32X4, IBin::UMax),
        O::I64x2Add => Family::IBin(I64X2, IBin::Add),
        O::I64x2Sub => Family::IBin(I64X2, IBin::Sub),
        O::I64x2Mul => Family::IBin(I64X2, IBin::Mul),

        // ---- widening, narrowing, pairwise ----
        O::I8x16NarrowI16x8S => return narrow(builder, stack, I16X8, true),
        O::I8x16NarrowI16x8U => return narrow(builder, stack, I16X8, false),
        O::I16x8NarrowI32x4S => return narrow(builder, stack, I32X4, true),
        O::I16x8NarrowI32x4U => return narrow(builder, stack, I32X4, false),
        O::I16x8ExtendLowI8x16S => return extend(builder, stack, I8X16, true, false),
        O::I16x8ExtendHighI8x16S => return extend(builder, stack, I8X16, true, true),
        O::I16x8ExtendLowI8x16U => return extend(builder, stack, I8X16, false, false),
        O::I16x8ExtendHighI8x16U => return extend(builder, stack, I8X16, false, true),
        O::I32x4ExtendLowI16x8S => return extend(builder, stack, I16X8, true, false),
        O::I32x4ExtendHighI16x8S => return extend(builder, stack, I16X8, true, true),
        O::I32x4ExtendLowI16x8U => return extend(builder, stack, I16X8, false, false),
        O::I32x4ExtendHighI16x8U => return extend(builder, stack, I16X8, false, true),
        O::I64x2ExtendLowI32x4S => return extend(builder, stack, I32X4, true, false),
        O::I64x2ExtendHighI32x4S => return extend(builder, stack, I32X4, true, true),
        O::I64x2ExtendLowI32x4U => return extend(builder, stack, I32X4, false, false),
        O::I64x2ExtendHighI32x4U => return extend(builder, stack, I32X4, false, true),
        O::I16x8ExtMulLowI8x16S => return extmul(builder, stack, I8X16, true, false),
        O::I16x8ExtMulHighI8x16S => return extmul(builder, stack, I8X16, true, true),
        O::I16x8ExtMulLowI8x16U => return extmul(builder, stack, I8X16, false, false),
        O::I16x8ExtMulHighI8x16U => return extmul(builder, stack, I8X16, false, true),
        O::I32x4ExtMulLowI16x8S => return extmul(builder, stack, I16X8, true, false),
        O::I32x4ExtMulHighI16x8S => return extmul(builder, stack, I16X8, true, true),
        O::I32x4ExtMulLowI16x8U => return extmul(builder, stack, I16X8, false, false),
        O::I32x4ExtMulHighI16x8U => return extmul(builder, stack, I16X8, false, true),
        O::I64x2ExtMulLowI32x4S => return extmul(builder, stack, I32X4, true, false),
        O::I64x2ExtMulHighI32x4S => return extmul(builder, stack, I32X4, true, true),
        O::I64x2ExtMulLowI32x4U => return extmul(builder, stack, I32X4, false, false),
        O::I64x2ExtMulHighI32x4U => return extmul(builder, stack, I32X4, false, true),
        O::I16x8ExtAddPairwiseI8x16S => return extadd_pairwise(builder, stack, I8X16, true),
        O::I16x8ExtAddPairwiseI8x16U => return extadd_pairwise(builder, stack, I8X16, false),
        O::I32x4ExtAddPairwiseI16x8S => return extadd_pairwise(builder, stack, I16X8, true),
        O::I32x4ExtAddPairwiseI16x8U => return extadd_pairwise(builder, stack, I16X8, false),
        O::I32x4DotI16x8S => {
            let (a, b) = pop_v2(builder, stack, I16X8)?;
            let alo = builder.ins().swiden_low(a);
            let blo = builder.ins().swiden_low(b);
            let lo = builder.ins().imul(alo, blo);
            let ahi = builder.ins().swiden_high(a);
            let bhi = builder.ins().swiden_high(b);
            let hi = builder.ins().imul(ahi, bhi);
            let r = builder.ins().iadd_pairwise(lo, hi);
            push_v(builder, stack, r);
            return Ok(true);
        }

        // ---- float ----
        O::F32x4Add => Family::FBin(F32X4, FBin::Add),
        O::F32x4Sub => Family::FBin(F32X4, FBin::Sub),
        O::F32x4Mul => Family::FBin(F32X4, FBin::Mul),
        O::F32x4Div => Family::FBin(F32X4, FBin::Div),
        O::F32x4Min => Family::FBin(F32X4, FBin::Min),
        O::F32x4Max => Family::FBin(F32X4, FBin::Max),
        O::F32x4PMin => Family::FBin(F32X4, FBin::PMin),
        O::F32x4PMax => Family::FBin(F32X4, FBin::PMax),
        O::F64x2Add => Family::FBin(F64X2, FBin::Add),
        O::F64x2Sub => Family::FBin(F64X2, FBin::Sub),
        O::F64x2Mul => Family::FBin(F64X2, FBin::Mul),
        O::F64x2Div => Family::FBin(F64X2, FBin::Div),
        O::F64x2Min => Family::FBin(F64X2, FBin::Min),
        O::F64x2Max => Family::FBin(F64X2, FBin::Max),
        O::F64x2PMin => Family::FBin(F64X2, FBin::PMin),
        O::F64x2PMax => Family::FBin(F64X2, FBin::PMax),
        O::F32x4Abs => Family::FUn(F32X4, FUn::Abs),
        O::F32x4Neg => Family::FUn(F32X4, FUn::Neg),
        O::F32x4Sqrt => Family::FUn(F32X4, FUn::Sqrt),
        O::F32x4Ceil => Family::FUn(F32X4, FUn::Ceil),
        O::F32x4Floor => Family::FUn(F32X4, FUn::Floor),
        O::F32x4Trunc => Family::FUn(F32X4, FUn::Trunc),
        O::F32x4Nearest => Family::FUn(F32X4, FUn::Nearest),
        O::F64x2Abs => Family::FUn(F64X2, FUn::Abs),
        O::F64x2Neg => Family::FUn(F64X2, FUn::Neg),
        O::F64x2Sqrt => Family::FUn(F64X2, FUn::Sqrt),
        O::F64x2Ceil => Family::FUn(F64X2, FUn::Ceil),
        O::F64x2Floor => Family::FUn(F64X2, FUn::Floor),
        O::F64x2Trunc => Family::FUn(F64X2, FUn::Trunc),
        O::F64x2Nearest => Family::FUn(F64X2, FUn::Nearest),

        // ---- conversions ----
        O::I32x4TruncSatF32x4S => {
            let a = pop_v(builder, stack, F32X4)?;
            let r = builder.ins().fcvt_to_sint_sat(I32X4, a);
            push_v(builder, stack, r);
            return Ok(true);
        }
        O::I32x4TruncSatF32x4U => {
            let a = pop_v(builder, stack, F32X4)?;
            let r = builder.ins().fcvt_to_uint_sat(I32X4, a);
            push_v(builder, stack, r);
            return Ok(true);
        }
        O::I32x4TruncSatF64x2SZero => {
            let a = pop_v(builder, stack, F64X2)?;
            let wide = builder.ins().fcvt_to_sint_sat(I64X2, a);
            let zero = vconst(builder, I64X2, &[0; 16]);
            let r = builder.ins().snarrow(wide, zero);
            push_v(builder, stack, r);
            return Ok(true);
        }
        O::I32x4TruncSatF64x2UZero => {
            let a = pop_v(builder, stack, F64X2)?;
            let wide = builder.ins().fcvt_to_uint_sat(I64X2, a);
            let zero = vconst(builder, I64X2, &[0; 16]);
            let r = builder.ins().uunarrow(wide, zero);
            push_v(builder, stack, r);
            return Ok(true);
        }
        O::F32x4ConvertI32x4S => {
            let a = pop_v(builder, stack, I32X4)?;
            let r = builder.ins().fcvt_from_sint(F32X4, a);
            push_v(builder, stack, r);
            return Ok(true);
        }
        O::F32x4ConvertI32x4U => {
            let a = pop_v(builder, stack, I32X4)?;
            let r = builder.ins().fcvt_from_uint(F32X4, a);
            push_v(builder, stack, r);
            return Ok(true);
        }
        O::F64x2ConvertLowI32x4S => {
            let a = pop_v(builder, stack, I32X4)?;
            let wide = builder.ins().swiden_low(a);
            let r = builder.ins().fcvt_from_sint(F64X2, wide);
            push_v(builder, stack, r);
            return Ok(true);
        }
        O::F64x2ConvertLowI32x4U => {
            let a = pop_v(builder, stack, I32X4)?;
            let wide = builder.ins().uwiden_low(a);
            let r = builder.ins().fcvt_from_uint(F64X2, wide);
            push_v(builder, stack, r);
            return Ok(true);
        }
        O::F32x4DemoteF64x2Zero => {
            let a = pop_v(builder, stack, F64X2)?;
            let r = builder.ins().fvdemote(a);
            push_v(builder, stack, r);
            return Ok(true);
        }
        O::F64x2PromoteLowF32x4 => {
            let a = pop_v(builder, stack, F32X4)?;
            let r = builder.ins().fvpromote_low(a);
            push_v(builder, stack, r);
            return Ok(true);
        }

        _ => return Ok(false),
    };

    match family {
        Family::IBin(ty, op) => {
            let (a, b) = pop_v2(builder, stack, ty)?;
            let r = ibin(builder, op, a, b);
            push_v(builder, stack, r);
        }
        Family::FBin(ty, op) => {
            let (a, b) = pop_v2(builder, stack, ty)?;
            let r = fbin(builder, ty, op, a, b);
            push_v(builder, stack, r);
        }
        Family::FUn(ty, op) => {
            let a = pop_v(builder, stack, ty)?;
            let r = fun(builder, op, a);
            push_v(builder, stack, r);
        }
        Family::ICmp(ty, cc) => {
            let (a, b) = pop_v2(builder, stack, ty)?;
            let r = builder.ins().icmp(cc, a, b);
            push_v(builder, stack, r);
        }
        Family::FCmp(ty, cc) => {
            let (a, b) = pop_v2(builder, stack, ty)?;
            let r = builder.ins().fcmp(cc, a, b);
            push_v(builder, stack, r);
        }
        Family::Shift(ty, op) => {
            let amount = pop(stack)?;
            let a = pop_v(builder, stack, ty)?;
            let bits = i64::from(ty.lane_bits());
            let amount = builder.ins().band_imm_u(amount, bits - 1);
            let r = match op {
                Shift::Shl => builder.ins().ishl(a, amount),
                Shift::ShrS => builder.ins().sshr(a, amount),
                Shift::ShrU => builder.ins().ushr(a, amount),
            };
            push_v(builder, stack, r);
        }
    }
    Ok(true)
}

/// The Wasm 2.0 operator whose result a relaxed operator has in the mode
/// `deterministic`, when there is one.
fn relaxed_as_wasm2(op: &Operator<'_>, deterministic: bool) -> Option<Operator<'static>> {
    use Operator as O;
    Some(match (op, deterministic) {
        (O::I8x16RelaxedLaneselect | O::I16x8RelaxedLaneselect, _) => O::V128Bitselect,
        (O::I32x4RelaxedLaneselect | O::I64x2RelaxedLaneselect, _) => O::V128Bitselect,
        (O::I32x4RelaxedTruncF32x4U, _) => O::I32x4TruncSatF32x4U,
        (O::I32x4RelaxedTruncF64x2UZero, _) => O::I32x4TruncSatF64x2UZero,
        (O::F32x4RelaxedMin, false) => O::F32x4PMin,
        (O::F32x4RelaxedMax, false) => O::F32x4PMax,
        (O::F64x2RelaxedMin, false) => O::F64x2PMin,
        (O::F64x2RelaxedMax, false) => O::F64x2PMax,
        (O::I8x16RelaxedSwizzle, true) => O::I8x16Swizzle,
        (O::I32x4RelaxedTruncF32x4S, true) => O::I32x4TruncSatF32x4S,
        (O::I32x4RelaxedTruncF64x2SZero, true) => O::I32x4TruncSatF64x2SZero,
        (O::I16x8RelaxedQ15mulrS, true) => O::I16x8Q15MulrSatS,
        _ => return None,
    })
}

/// Translates `op` if it is a relaxed SIMD operator (`Some(true)`); `None`
/// for any other operator, touching nothing.
fn translate_relaxed(
    op: &Operator<'_>,
    builder: &mut FunctionBuilder<'_>,
    stack: &mut Vec<Value>,
    env: &mut dyn SimdEnv,
    relaxed: RelaxedSimd,
) -> Result<Option<bool>, CompileError> {
    use Operator as O;
    if let Some(wasm2) = relaxed_as_wasm2(op, relaxed.deterministic) {
        return translate_simd(&wasm2, builder, stack, env, relaxed).map(Some);
    }
    let det = relaxed.deterministic;
    // The default results that only x86 instructions give.
    let x86 = || {
        if relaxed.x86_ssse3 {
            Ok(())
        } else {
            Err(CompileError::Unsupported {
                tier: "cranelift",
                what: format!(
                    "{op:?} with the default relaxed SIMD results on a host other than x86-64 with SSSE3 \
                     (the deterministic mode, `Config::relaxed_simd_deterministic`, works on any host)"
                ),
            })
        }
    };
    let r = match *op {
        O::I8x16RelaxedSwizzle => {
            x86()?;
            let (a, s) = pop_v2(builder, stack, I8X16)?;
            builder.ins().x86_pshufb(a, s)
        }
        O::I32x4RelaxedTruncF32x4S => {
            x86()?;
            let a = pop_v(builder, stack, F32X4)?;
            builder.ins().x86_cvtt2dq(I32X4, a)
        }
        O::I32x4RelaxedTruncF64x2SZero => {
            // The shape x64 lowers to one `cvttpd2dq`.
            x86()?;
            let a = pop_v(builder, stack, F64X2)?;
            let wide = builder.ins().x86_cvtt2dq(I64X2, a);
            let zero = vconst(builder, I64X2, &[0; 16]);
            builder.ins().snarrow(wide, zero)
        }
        O::I16x8RelaxedQ15mulrS => {
            x86()?;
            let (a, b) = pop_v2(builder, stack, I16X8)?;
            builder.ins().x86_pmulhrsw(a, b)
        }
        O::F32x4RelaxedMadd | O::F32x4RelaxedNmadd | O::F64x2RelaxedMadd | O::F64x2RelaxedNmadd => {
            let ty = if matches!(op, O::F32x4RelaxedMadd | O::F32x4RelaxedNmadd) {
                F32X4
            } else {
                F64X2
            };
            let c = pop_v(builder, stack, ty)?;
            let (a, b) = pop_v2(builder, stack, ty)?;
            let product = builder.ins().fmul(a, b);
            // `-(a * b) + c` is `c - a * b`: the same IEEE operation.
            let r = if matches!(op, O::F32x4RelaxedNmadd | O::F64x2RelaxedNmadd) {
                builder.ins().fsub(c, product)
            } else {
                builder.ins().fadd(product, c)
            };
            if det { canonicalize_nans(builder, ty, r) } else { r }
        }
        O::F32x4RelaxedMin | O::F32x4RelaxedMax | O::F64x2RelaxedMin | O::F64x2RelaxedMax => {
            // The default mode is `pmin`/`pmax` (`relaxed_as_wasm2`).
            let ty = if matches!(op, O::F32x4RelaxedMin | O::F32x4RelaxedMax) {
                F32X4
            } else {
                F64X2
            };
            let (a, b) = pop_v2(builder, stack, ty)?;
            let r = if matches!(op, O::F32x4RelaxedMin | O::F64x2RelaxedMin) {
                builder.ins().fmin(a, b)
            } else {
                builder.ins().fmax(a, b)
            };
            canonicalize_nans(builder, ty, r)
        }
        O::I16x8RelaxedDotI8x16I7x16S => {
            if !det {
                x86()?;
            }
            let (a, b) = pop_v2(builder, stack, I8X16)?;
            relaxed_dot(builder, a, b, det)
        }
        O::I32x4RelaxedDotI8x16I7x16AddS => {
            if !det {
                x86()?;
            }
            let c = pop_v(builder, stack, I32X4)?;
            let (a, b) = pop_v2(builder, stack, I8X16)?;
            let d = relaxed_dot(builder, a, b, det);
            let lo = builder.ins().swiden_low(d);
            let hi = builder.ins().swiden_high(d);
            let pairs = builder.ins().iadd_pairwise(lo, hi);
            builder.ins().iadd(pairs, c)
        }
        _ => return Ok(None),
    };
    push_v(builder, stack, r);
    Ok(Some(true))
}

/// The `i16x8` relaxed dot product of the bytes of `a` and `b`. Default:
/// `pmaddubsw`, signed bytes of `a` times unsigned bytes of `b`, pairs
/// added with signed saturation. Deterministic: signed bytes times signed
/// bytes (the even and the odd bytes sign-extended in 16-bit lanes), the
/// two products added with signed saturation.
fn relaxed_dot(builder: &mut FunctionBuilder<'_>, a: Value, b: Value, deterministic: bool) -> Value {
    if !deterministic {
        return builder.ins().x86_pmaddubsw(a, b);
    }
    let a = cast(builder, I16X8, a);
    let b = cast(builder, I16X8, b);
    let mut halves = |v: Value| {
        let shifted = builder.ins().ishl_imm_u(v, 8);
        let even = builder.ins().sshr_imm_u(shifted, 8);
        let odd = builder.ins().sshr_imm_u(v, 8);
        (even, odd)
    };
    let (a_even, a_odd) = halves(a);
    let (b_even, b_odd) = halves(b);
    let even = builder.ins().imul(a_even, b_even);
    let odd = builder.ins().imul(a_odd, b_odd);
    builder.ins().sadd_sat(even, odd)
}

/// `v` (lanes of float type `ty`) with its NaN lanes replaced by the
/// positive canonical NaN.
fn canonicalize_nans(builder: &mut FunctionBuilder<'_>, ty: Type, v: Value) -> Value {
    // `u128::MAX / lane_max` has a 1 in the lowest bit of every lane.
    let canonical: u128 = if ty == F32X4 {
        0x7fc0_0000 * (u128::MAX / 0xffff_ffff)
    } else {
        0x7ff8_0000_0000_0000 * (u128::MAX / u128::from(u64::MAX))
    };
    let canonical = vconst(builder, ty, &canonical.to_le_bytes());
    let nan = builder.ins().fcmp(FloatCC::Unordered, v, v);
    let nan = cast(builder, ty, nan);
    builder.ins().bitselect(nan, canonical, v)
}

/// Integer lane-wise unary operations.
#[derive(Clone, Copy)]
enum IUn {
    Abs,
    Neg,
    Popcnt,
}

fn iunary(builder: &mut FunctionBuilder<'_>, stack: &mut Vec<Value>, ty: Type, op: IUn) -> Result<bool, CompileError> {
    let a = pop_v(builder, stack, ty)?;
    let r = match op {
        IUn::Abs => builder.ins().iabs(a),
        IUn::Neg => builder.ins().ineg(a),
        IUn::Popcnt => builder.ins().popcnt(a),
    };
    push_v(builder, stack, r);
    Ok(true)
}

/// `v128.load*` other than lane loads: pops the address, pushes the vector.
fn load(
    builder: &mut FunctionBuilder<'_>,
    stack: &mut Vec<Value>,
    env: &mut dyn SimdEnv,
    memarg: &MemArg,
    kind: LoadKind,
    bytes: u32,
) -> Result<bool, CompileError> {
    let index = pop(stack)?;
    let (addr, flags) = env.heap_address(builder, memarg, index, bytes);
    let ins = builder.ins();
    let r = match kind {
        LoadKind::Full => ins.load(I8X16, flags, addr, 0),
        LoadKind::Ext8x8S => ins.sload8x8(flags, addr, 0),
        LoadKind::Ext8x8U => ins.uload8x8(flags, addr, 0),
        LoadKind::Ext16x4S => ins.sload16x4(flags, addr, 0),
        LoadKind::Ext16x4U => ins.uload16x4(flags, addr, 0),
        LoadKind::Ext32x2S => ins.sload32x2(flags, addr, 0),
        LoadKind::Ext32x2U => ins.uload32x2(flags, addr, 0),
        LoadKind::Splat(lane) => {
            let x = ins.load(lane, flags, addr, 0);
            let vty = vector_of(lane);
            builder.ins().splat(vty, x)
        }
        LoadKind::Zero(lane) => {
            let x = ins.load(lane, flags, addr, 0);
            let vty = vector_of(lane);
            builder.ins().scalar_to_vector(vty, x)
        }
    };
    push_v(builder, stack, r);
    Ok(true)
}

/// `v128.loadN_lane`: pops the vector and the address, loads an `lane`
/// scalar into lane `idx`.
fn load_lane(
    builder: &mut FunctionBuilder<'_>,
    stack: &mut Vec<Value>,
    env: &mut dyn SimdEnv,
    memarg: &MemArg,
    lane: Type,
    idx: u8,
) -> Result<bool, CompileError> {
    let vty = vector_of(lane);
    let v = pop_v(builder, stack, vty)?;
    let index = pop(stack)?;
    let (addr, flags) = env.heap_address(builder, memarg, index, lane.bytes());
    let x = builder.ins().load(lane, flags, addr, 0);
    let r = builder.ins().insertlane(v, x, idx);
    push_v(builder, stack, r);
    Ok(true)
}

/// `v128.storeN_lane`: pops the vector and the address, stores lane `idx`.
fn store_lane(
    builder: &mut FunctionBuilder<'_>,
    stack: &mut Vec<Value>,
    env: &mut dyn SimdEnv,
    memarg: &MemArg,
    lane: Type,
    idx: u8,
) -> Result<bool, CompileError> {
    let vty = vector_of(lane);
    let v = pop_v(builder, stack, vty)?;
    let index = pop(stack)?;
    let x = builder.ins().extractlane(v, idx);
    let (addr, flags) = env.heap_address(builder, memarg, index, lane.bytes());
    builder.ins().store(flags, x, addr, 0);
    Ok(true)
}

/// `*.splat` into vector type `vty`: pops the scalar.
fn splat(builder: &mut FunctionBuilder<'_>, stack: &mut Vec<Value>, vty: Type) -> Result<bool, CompileError> {
    let mut x = pop(stack)?;
    let lane = vty.lane_type();
    if lane != lane_scalar(lane) {
        x = builder.ins().ireduce(lane, x);
    }
    let r = builder.ins().splat(vty, x);
    push_v(builder, stack, r);
    Ok(true)
}

/// `*.extract_lane*`: pushes the scalar (8- and 16-bit lanes extended to
/// `I32`, signed when `signed`).
fn extract_lane(
    builder: &mut FunctionBuilder<'_>,
    stack: &mut Vec<Value>,
    vty: Type,
    idx: u8,
    signed: bool,
) -> Result<bool, CompileError> {
    let v = pop_v(builder, stack, vty)?;
    let mut x = builder.ins().extractlane(v, idx);
    let lane = vty.lane_type();
    let scalar = lane_scalar(lane);
    if lane != scalar {
        x = if signed {
            builder.ins().sextend(scalar, x)
        } else {
            builder.ins().uextend(scalar, x)
        };
    }
    stack.push(x);
    Ok(true)
}

/// `*.replace_lane`: pops the scalar and the vector.
fn replace_lane(
    builder: &mut FunctionBuilder<'_>,
    stack: &mut Vec<Value>,
    vty: Type,
    idx: u8,
) -> Result<bool, CompileError> {
    let mut x = pop(stack)?;
    let v = pop_v(builder, stack, vty)?;
    let lane = vty.lane_type();
    if lane != lane_scalar(lane) {
        x = builder.ins().ireduce(lane, x);
    }
    let r = builder.ins().insertlane(v, x, idx);
    push_v(builder, stack, r);
    Ok(true)
}

/// `*.all_true` of lanes of type `vty`.
fn all_true(builder: &mut FunctionBuilder<'_>, stack: &mut Vec<Value>, vty: Type) -> Result<bool, CompileError> {
    let v = pop_v(builder, stack, vty)?;
    let r = builder.ins().vall_true(v);
    let r = builder.ins().uextend(I32, r);
    stack.push(r);
    Ok(true)
}

/// `*.bitmask` of lanes of type `vty`.
fn bitmask(builder: &mut FunctionBuilder<'_>, stack: &mut Vec<Value>, vty: Type) -> Result<bool, CompileError> {
    let v = pop_v(builder, stack, vty)?;
    let r = builder.ins().vhigh_bits(I32, v);
    stack.push(r);
    Ok(true)
}

/// `*.narrow_*` of two vectors of the wider type `from`.
fn narrow(
    builder: &mut FunctionBuilder<'_>,
    stack: &mut Vec<Value>,
    from: Type,
    signed: bool,
) -> Result<bool, CompileError> {
    let (a, b) = pop_v2(builder, stack, from)?;
    let r = if signed {
        builder.ins().snarrow(a, b)
    } else {
        builder.ins().unarrow(a, b)
    };
    push_v(builder, stack, r);
    Ok(true)
}

/// `*.extend_{low,high}_*` of a vector of the narrower type `from`.
fn extend(
    builder: &mut FunctionBuilder<'_>,
    stack: &mut Vec<Value>,
    from: Type,
    signed: bool,
    high: bool,
) -> Result<bool, CompileError> {
    let a = pop_v(builder, stack, from)?;
    let r = widen(builder, a, signed, high);
    push_v(builder, stack, r);
    Ok(true)
}

/// `*.extmul_{low,high}_*` of two vectors of the narrower type `from`.
fn extmul(
    builder: &mut FunctionBuilder<'_>,
    stack: &mut Vec<Value>,
    from: Type,
    signed: bool,
    high: bool,
) -> Result<bool, CompileError> {
    let (a, b) = pop_v2(builder, stack, from)?;
    let a = widen(builder, a, signed, high);
    let b = widen(builder, b, signed, high);
    let r = builder.ins().imul(a, b);
    push_v(builder, stack, r);
    Ok(true)
}

/// `*.extadd_pairwise_*` of a vector of the narrower type `from`.
fn extadd_pairwise(
    builder: &mut FunctionBuilder<'_>,
    stack: &mut Vec<Value>,
    from: Type,
    signed: bool,
) -> Result<bool, CompileError> {
    let a = pop_v(builder, stack, from)?;
    let lo = widen(builder, a, signed, false);
    let hi = widen(builder, a, signed, true);
    let r = builder.ins().iadd_pairwise(lo, hi);
    push_v(builder, stack, r);
    Ok(true)
}

#[cfg(test)]
mod tests;
