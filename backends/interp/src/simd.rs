//! WebAssembly 2.0 fixed-width SIMD (`v128`) and relaxed SIMD (Wasm 3.0)
//! semantics as pure functions.
//!
//! This module knows nothing about frames, memory or dispatch: it only
//! defines what each SIMD instruction computes, plus [`classify`], which maps
//! a wasmparser [`Operator`] to a compact [`SimdInstr`], and
//! [`classify_relaxed`], which does the same for the relaxed operators in
//! one of the two modes of `Config::relaxed_simd_deterministic`.
//!
//! # Relaxed SIMD
//!
//! Each relaxed operator becomes the instruction that computes the result
//! of the chosen mode (the table is in the docs of
//! `Config::relaxed_simd_deterministic`): a Wasm 2.0 instruction where the
//! result is that of one (`v128.bitselect` for every `relaxed_laneselect`,
//! `trunc_sat` for the unsigned truncations, `min`/`max` or `pmin`/`pmax`,
//! and in the deterministic mode `swizzle`, `trunc_sat` and
//! `q15mulr_sat_s`), else one of the variants listed after the Wasm 2.0
//! ones in [`SimdUnOp`], [`SimdBinOp`] and [`SimdTernOp`], which emulate
//! the x86-64 instruction the machine-code tiers use (`pshufb`,
//! `cvttps2dq`, `pmulhrsw`, `pmaddubsw`) or compute the deterministic dot
//! products and the unfused multiply-adds.
//!
//! # Representation
//!
//! * A `v128` is a `u128` with little-endian lanes: lane `i` of `i8x16` is
//!   bits `[8i, 8i + 8)` (byte `i` of `v.to_le_bytes()`), lane `i` of `i32x4`
//!   is bits `[32i, 32i + 32)`, and so on.
//! * Scalars crossing the boundary (splat inputs, extracted lanes,
//!   replace-lane inputs, shift counts, test results) are `u64` raw bits:
//!   `i32`/`f32` values live in the low 32 bits with the upper 32 bits zero,
//!   `i64`/`f64` values use all 64 bits.
//!
//! # Floating point
//!
//! Arithmetic float results that are NaN (`add`, `sub`, `mul`, `div`, `sqrt`,
//! `ceil`, `floor`, `trunc`, `nearest`, `min`, `max`) are canonicalized to
//! the positive canonical NaN (`0x7fc0_0000` / `0x7ff8_0000_0000_0000`),
//! which satisfies both `nan:canonical` and `nan:arithmetic`. `demote` and
//! `promote` convert a NaN as the hardware does (quieted, payload kept as
//! far as it fits), as the scalar conversions and the machine-code tiers
//! do, so every tier gives the same bits for them. `abs`, `neg`, `pmin` and
//! `pmax` never canonicalize: they are pure bit operations / selections.
//!
//! No function in this module can panic, whatever its inputs: lane indices
//! are masked to the lane count of their shape.

use concord_core::wasmparser::{MemArg, MemArgTarget, Operator};

/// The canonical `f32` NaN (positive sign, quiet bit only).
pub const CANONICAL_NAN_F32: u32 = 0x7fc0_0000;
/// The canonical `f64` NaN (positive sign, quiet bit only).
pub const CANONICAL_NAN_F64: u64 = 0x7ff8_0000_0000_0000;

/// Defines a plain, payload-free SIMD operator enum whose variant names are
/// exactly the wasmparser [`Operator`] variant names, together with the
/// (private) mapping from [`Operator`] and a public `ALL` list. Variants
/// after `relaxed:` (each with its doc) are the relaxed-SIMD instructions:
/// [`classify_relaxed`] produces them, `from_operator` never does, and
/// they are also listed in `RELAXED`.
macro_rules! simd_op_enum {
    (
        $(#[$meta:meta])* $name:ident { $($variant:ident),* $(,)? }
        $(relaxed: { $($(#[$rdoc:meta])* $relaxed:ident),* $(,)? })?
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name {
            $(
                #[doc = concat!("The `", stringify!($variant), "` instruction.")]
                $variant,
            )*
            $($(
                $(#[$rdoc])*
                $relaxed,
            )*)?
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant,)* $($(Self::$relaxed,)*)?];

            $(
                /// The relaxed-SIMD variants (produced by [`classify_relaxed`] only).
                pub const RELAXED: &'static [Self] = &[$(Self::$relaxed,)*];
            )?

            fn from_operator(op: &Operator<'_>) -> Option<Self> {
                match op {
                    $(Operator::$variant => Some(Self::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

simd_op_enum! {
    /// `v128 -> v128` instructions.
    SimdUnOp {
        V128Not,
        I8x16Abs, I8x16Neg, I8x16Popcnt,
        I16x8Abs, I16x8Neg,
        I16x8ExtAddPairwiseI8x16S, I16x8ExtAddPairwiseI8x16U,
        I16x8ExtendLowI8x16S, I16x8ExtendHighI8x16S,
        I16x8ExtendLowI8x16U, I16x8ExtendHighI8x16U,
        I32x4Abs, I32x4Neg,
        I32x4ExtAddPairwiseI16x8S, I32x4ExtAddPairwiseI16x8U,
        I32x4ExtendLowI16x8S, I32x4ExtendHighI16x8S,
        I32x4ExtendLowI16x8U, I32x4ExtendHighI16x8U,
        I64x2Abs, I64x2Neg,
        I64x2ExtendLowI32x4S, I64x2ExtendHighI32x4S,
        I64x2ExtendLowI32x4U, I64x2ExtendHighI32x4U,
        F32x4Ceil, F32x4Floor, F32x4Trunc, F32x4Nearest, F32x4Abs, F32x4Neg, F32x4Sqrt,
        F64x2Ceil, F64x2Floor, F64x2Trunc, F64x2Nearest, F64x2Abs, F64x2Neg, F64x2Sqrt,
        I32x4TruncSatF32x4S, I32x4TruncSatF32x4U,
        F32x4ConvertI32x4S, F32x4ConvertI32x4U,
        I32x4TruncSatF64x2SZero, I32x4TruncSatF64x2UZero,
        F64x2ConvertLowI32x4S, F64x2ConvertLowI32x4U,
        F32x4DemoteF64x2Zero, F64x2PromoteLowF32x4,
    }
    relaxed: {
        /// `i32x4.relaxed_trunc_f32x4_s` in the default mode, as
        /// `cvttps2dq`: NaN and lanes out of the `i32` range give
        /// `0x8000_0000`.
        I32x4RelaxedTruncF32x4S,
        /// `i32x4.relaxed_trunc_f64x2_s_zero` in the default mode, as
        /// `cvttpd2dq`: NaN and lanes out of the `i32` range give
        /// `0x8000_0000`; the high lanes are zero.
        I32x4RelaxedTruncF64x2SZero,
    }
}

simd_op_enum! {
    /// `v128 x v128 -> v128` instructions.
    SimdBinOp {
        V128And, V128AndNot, V128Or, V128Xor,
        I8x16Swizzle,
        I8x16Eq, I8x16Ne, I8x16LtS, I8x16LtU, I8x16GtS, I8x16GtU,
        I8x16LeS, I8x16LeU, I8x16GeS, I8x16GeU,
        I16x8Eq, I16x8Ne, I16x8LtS, I16x8LtU, I16x8GtS, I16x8GtU,
        I16x8LeS, I16x8LeU, I16x8GeS, I16x8GeU,
        I32x4Eq, I32x4Ne, I32x4LtS, I32x4LtU, I32x4GtS, I32x4GtU,
        I32x4LeS, I32x4LeU, I32x4GeS, I32x4GeU,
        I64x2Eq, I64x2Ne, I64x2LtS, I64x2GtS, I64x2LeS, I64x2GeS,
        F32x4Eq, F32x4Ne, F32x4Lt, F32x4Gt, F32x4Le, F32x4Ge,
        F64x2Eq, F64x2Ne, F64x2Lt, F64x2Gt, F64x2Le, F64x2Ge,
        I8x16NarrowI16x8S, I8x16NarrowI16x8U,
        I8x16Add, I8x16AddSatS, I8x16AddSatU, I8x16Sub, I8x16SubSatS, I8x16SubSatU,
        I8x16MinS, I8x16MinU, I8x16MaxS, I8x16MaxU, I8x16AvgrU,
        I16x8Q15MulrSatS, I16x8NarrowI32x4S, I16x8NarrowI32x4U,
        I16x8Add, I16x8AddSatS, I16x8AddSatU, I16x8Sub, I16x8SubSatS, I16x8SubSatU,
        I16x8Mul, I16x8MinS, I16x8MinU, I16x8MaxS, I16x8MaxU, I16x8AvgrU,
        I16x8ExtMulLowI8x16S, I16x8ExtMulHighI8x16S,
        I16x8ExtMulLowI8x16U, I16x8ExtMulHighI8x16U,
        I32x4Add, I32x4Sub, I32x4Mul, I32x4MinS, I32x4MinU, I32x4MaxS, I32x4MaxU,
        I32x4DotI16x8S,
        I32x4ExtMulLowI16x8S, I32x4ExtMulHighI16x8S,
        I32x4ExtMulLowI16x8U, I32x4ExtMulHighI16x8U,
        I64x2Add, I64x2Sub, I64x2Mul,
        I64x2ExtMulLowI32x4S, I64x2ExtMulHighI32x4S,
        I64x2ExtMulLowI32x4U, I64x2ExtMulHighI32x4U,
        F32x4Add, F32x4Sub, F32x4Mul, F32x4Div, F32x4Min, F32x4Max, F32x4PMin, F32x4PMax,
        F64x2Add, F64x2Sub, F64x2Mul, F64x2Div, F64x2Min, F64x2Max, F64x2PMin, F64x2PMax,
    }
    relaxed: {
        /// `i8x16.relaxed_swizzle` in the default mode, as `pshufb`: an
        /// index with its top bit set gives 0, any other selects lane
        /// `index % 16`.
        I8x16RelaxedSwizzle,
        /// `i16x8.relaxed_q15mulr_s` in the default mode, as `pmulhrsw`:
        /// `(a * b + 0x4000) >> 15` wrapped to 16 bits (`-32768 * -32768`
        /// gives `-32768`).
        I16x8RelaxedQ15mulrS,
        /// `i16x8.relaxed_dot_i8x16_i7x16_s` in the default mode, as
        /// `pmaddubsw`: signed bytes of the first operand times unsigned
        /// bytes of the second, adjacent products added with signed
        /// saturation.
        I16x8RelaxedDotI8x16I7x16S,
        /// `i16x8.relaxed_dot_i8x16_i7x16_s` in the deterministic mode:
        /// signed bytes times signed bytes, adjacent products added with
        /// signed saturation.
        I16x8RelaxedDotI8x16I7x16SDeterministic,
    }
}

simd_op_enum! {
    /// `v128 x v128 x v128 -> v128` instructions.
    SimdTernOp { V128Bitselect }
    relaxed: {
        /// `f32x4.relaxed_madd` (both modes): `a * b + c`, unfused.
        F32x4RelaxedMadd,
        /// `f32x4.relaxed_nmadd` (both modes): `-a * b + c`, unfused.
        F32x4RelaxedNmadd,
        /// `f64x2.relaxed_madd` (both modes): `a * b + c`, unfused.
        F64x2RelaxedMadd,
        /// `f64x2.relaxed_nmadd` (both modes): `-a * b + c`, unfused.
        F64x2RelaxedNmadd,
        /// `i32x4.relaxed_dot_i8x16_i7x16_add_s` in the default mode: the
        /// default `i16x8` dot product ([`SimdBinOp::I16x8RelaxedDotI8x16I7x16S`]),
        /// adjacent pairs of it sign-extended and added, plus `c`, wrapping.
        I32x4RelaxedDotI8x16I7x16AddS,
        /// `i32x4.relaxed_dot_i8x16_i7x16_add_s` in the deterministic mode:
        /// as the default one over the deterministic `i16x8` dot product.
        I32x4RelaxedDotI8x16I7x16AddSDeterministic,
    }
}

simd_op_enum! {
    /// `v128 x i32 -> v128` shifts; the count is taken modulo the lane width.
    SimdShiftOp {
        I8x16Shl, I8x16ShrS, I8x16ShrU,
        I16x8Shl, I16x8ShrS, I16x8ShrU,
        I32x4Shl, I32x4ShrS, I32x4ShrU,
        I64x2Shl, I64x2ShrS, I64x2ShrU,
    }
}

simd_op_enum! {
    /// `scalar -> v128` splats.
    SimdSplatOp { I8x16Splat, I16x8Splat, I32x4Splat, I64x2Splat, F32x4Splat, F64x2Splat }
}

simd_op_enum! {
    /// `v128 -> i32` tests.
    SimdTestOp {
        V128AnyTrue,
        I8x16AllTrue, I8x16Bitmask,
        I16x8AllTrue, I16x8Bitmask,
        I32x4AllTrue, I32x4Bitmask,
        I64x2AllTrue, I64x2Bitmask,
    }
}

/// `(v128, lane) -> scalar` lane extractions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SimdExtractOp {
    /// `i8x16.extract_lane_s`: sign-extended to i32.
    I8x16ExtractLaneS,
    /// `i8x16.extract_lane_u`: zero-extended to i32.
    I8x16ExtractLaneU,
    /// `i16x8.extract_lane_s`: sign-extended to i32.
    I16x8ExtractLaneS,
    /// `i16x8.extract_lane_u`: zero-extended to i32.
    I16x8ExtractLaneU,
    /// `i32x4.extract_lane`.
    I32x4ExtractLane,
    /// `i64x2.extract_lane`.
    I64x2ExtractLane,
    /// `f32x4.extract_lane` (raw bits).
    F32x4ExtractLane,
    /// `f64x2.extract_lane` (raw bits).
    F64x2ExtractLane,
}

impl SimdExtractOp {
    /// Every variant, in declaration order.
    pub const ALL: &'static [Self] = &[
        Self::I8x16ExtractLaneS,
        Self::I8x16ExtractLaneU,
        Self::I16x8ExtractLaneS,
        Self::I16x8ExtractLaneU,
        Self::I32x4ExtractLane,
        Self::I64x2ExtractLane,
        Self::F32x4ExtractLane,
        Self::F64x2ExtractLane,
    ];
}

/// `(v128, scalar, lane) -> v128` lane replacements.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SimdReplaceOp {
    /// `i8x16.replace_lane`.
    I8x16ReplaceLane,
    /// `i16x8.replace_lane`.
    I16x8ReplaceLane,
    /// `i32x4.replace_lane`.
    I32x4ReplaceLane,
    /// `i64x2.replace_lane`.
    I64x2ReplaceLane,
    /// `f32x4.replace_lane` (raw bits).
    F32x4ReplaceLane,
    /// `f64x2.replace_lane` (raw bits).
    F64x2ReplaceLane,
}

impl SimdReplaceOp {
    /// Every variant, in declaration order.
    pub const ALL: &'static [Self] = &[
        Self::I8x16ReplaceLane,
        Self::I16x8ReplaceLane,
        Self::I32x4ReplaceLane,
        Self::I64x2ReplaceLane,
        Self::F32x4ReplaceLane,
        Self::F64x2ReplaceLane,
    ];
}

/// The shape of a `v128.load*` (not lane) instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SimdLoadKind {
    /// `v128.load`: 16 bytes.
    V128,
    /// `v128.load8x8_s`: 8 bytes, each sign-extended to 16 bits.
    Load8x8S,
    /// `v128.load8x8_u`: 8 bytes, each zero-extended to 16 bits.
    Load8x8U,
    /// `v128.load16x4_s`: 4 halves, each sign-extended to 32 bits.
    Load16x4S,
    /// `v128.load16x4_u`: 4 halves, each zero-extended to 32 bits.
    Load16x4U,
    /// `v128.load32x2_s`: 2 words, each sign-extended to 64 bits.
    Load32x2S,
    /// `v128.load32x2_u`: 2 words, each zero-extended to 64 bits.
    Load32x2U,
    /// `v128.load8_splat`.
    Load8Splat,
    /// `v128.load16_splat`.
    Load16Splat,
    /// `v128.load32_splat`.
    Load32Splat,
    /// `v128.load64_splat`.
    Load64Splat,
    /// `v128.load32_zero`.
    Load32Zero,
    /// `v128.load64_zero`.
    Load64Zero,
}

impl SimdLoadKind {
    /// Every variant, in declaration order.
    pub const ALL: &'static [Self] = &[
        Self::V128,
        Self::Load8x8S,
        Self::Load8x8U,
        Self::Load16x4S,
        Self::Load16x4U,
        Self::Load32x2S,
        Self::Load32x2U,
        Self::Load8Splat,
        Self::Load16Splat,
        Self::Load32Splat,
        Self::Load64Splat,
        Self::Load32Zero,
        Self::Load64Zero,
    ];

    /// Bytes read from memory.
    #[inline]
    pub fn access_size(self) -> u32 {
        match self {
            Self::V128 => 16,
            Self::Load8x8S | Self::Load8x8U => 8,
            Self::Load16x4S | Self::Load16x4U => 8,
            Self::Load32x2S | Self::Load32x2U => 8,
            Self::Load8Splat => 1,
            Self::Load16Splat => 2,
            Self::Load32Splat | Self::Load32Zero => 4,
            Self::Load64Splat | Self::Load64Zero => 8,
        }
    }
}

/// The memory immediate of a SIMD memory instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SimdMemArg {
    /// The static byte offset added to the dynamic address.
    pub offset: u64,
    /// The alignment hint, as a power of two exponent.
    pub align: u8,
    /// The index of the linear memory accessed.
    pub memory: u32,
}

/// A classified SIMD instruction with its immediates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SimdInstr {
    /// `v128.const`.
    Const(u128),
    /// `i8x16.shuffle` with its 16 lane indices (each < 32).
    Shuffle([u8; 16]),
    /// A `v128 -> v128` instruction.
    Unary(SimdUnOp),
    /// A `v128 x v128 -> v128` instruction.
    Binary(SimdBinOp),
    /// A `v128 x v128 x v128 -> v128` instruction.
    Ternary(SimdTernOp),
    /// A `v128 x i32 -> v128` shift.
    Shift(SimdShiftOp),
    /// A `scalar -> v128` splat.
    Splat(SimdSplatOp),
    /// A lane extraction with its lane index.
    ExtractLane(SimdExtractOp, u8),
    /// A lane replacement with its lane index.
    ReplaceLane(SimdReplaceOp, u8),
    /// A `v128 -> i32` test.
    Test(SimdTestOp),
    /// A `v128.load*` (full, extending, splat or zero) instruction.
    Load(SimdLoadKind, SimdMemArg),
    /// `v128.store`.
    Store(SimdMemArg),
    /// `v128.loadN_lane`.
    LoadLane {
        /// width in bytes: 1, 2, 4 or 8
        width: u8,
        /// The lane index.
        lane: u8,
        /// The memory immediate.
        memarg: SimdMemArg,
    },
    /// `v128.storeN_lane`.
    StoreLane {
        /// width in bytes: 1, 2, 4 or 8
        width: u8,
        /// The lane index.
        lane: u8,
        /// The memory immediate.
        memarg: SimdMemArg,
    },
}

fn simd_memarg(m: &MemArg) -> Option<SimdMemArg> {
    match m.target {
        MemArgTarget::Memory(memory) => Some(SimdMemArg {
            offset: m.offset,
            align: m.align,
            memory,
        }),
        // GC-array targets (multibyte-array-access) are not Wasm 2.0 SIMD.
        MemArgTarget::Array(_) => None,
    }
}

/// Every Wasm 2.0 SIMD operator maps to `Some`; every non-SIMD operator (and
/// relaxed-SIMD, see [`classify_relaxed`], and SIMD memory accesses
/// targeting GC arrays) to `None`.
pub fn classify(op: &Operator<'_>) -> Option<SimdInstr> {
    use Operator as O;
    use SimdExtractOp as E;
    use SimdInstr as I;
    use SimdLoadKind as L;
    use SimdReplaceOp as R;

    let load = |kind: SimdLoadKind, m: &MemArg| Some(I::Load(kind, simd_memarg(m)?));
    let load_lane = |width: u8, lane: u8, m: &MemArg| {
        Some(I::LoadLane {
            width,
            lane,
            memarg: simd_memarg(m)?,
        })
    };
    let store_lane = |width: u8, lane: u8, m: &MemArg| {
        Some(I::StoreLane {
            width,
            lane,
            memarg: simd_memarg(m)?,
        })
    };
    match op {
        O::V128Const { value } => Some(I::Const(u128::from(*value))),
        O::I8x16Shuffle { lanes } => Some(I::Shuffle(*lanes)),

        O::V128Load { memarg } => load(L::V128, memarg),
        O::V128Load8x8S { memarg } => load(L::Load8x8S, memarg),
        O::V128Load8x8U { memarg } => load(L::Load8x8U, memarg),
        O::V128Load16x4S { memarg } => load(L::Load16x4S, memarg),
        O::V128Load16x4U { memarg } => load(L::Load16x4U, memarg),
        O::V128Load32x2S { memarg } => load(L::Load32x2S, memarg),
        O::V128Load32x2U { memarg } => load(L::Load32x2U, memarg),
        O::V128Load8Splat { memarg } => load(L::Load8Splat, memarg),
        O::V128Load16Splat { memarg } => load(L::Load16Splat, memarg),
        O::V128Load32Splat { memarg } => load(L::Load32Splat, memarg),
        O::V128Load64Splat { memarg } => load(L::Load64Splat, memarg),
        O::V128Load32Zero { memarg } => load(L::Load32Zero, memarg),
        O::V128Load64Zero { memarg } => load(L::Load64Zero, memarg),
        O::V128Store { memarg } => Some(I::Store(simd_memarg(memarg)?)),

        O::V128Load8Lane { memarg, lane } => load_lane(1, *lane, memarg),
        O::V128Load16Lane { memarg, lane } => load_lane(2, *lane, memarg),
        O::V128Load32Lane { memarg, lane } => load_lane(4, *lane, memarg),
        O::V128Load64Lane { memarg, lane } => load_lane(8, *lane, memarg),
        O::V128Store8Lane { memarg, lane } => store_lane(1, *lane, memarg),
        O::V128Store16Lane { memarg, lane } => store_lane(2, *lane, memarg),
        O::V128Store32Lane { memarg, lane } => store_lane(4, *lane, memarg),
        O::V128Store64Lane { memarg, lane } => store_lane(8, *lane, memarg),

        O::I8x16ExtractLaneS { lane } => Some(I::ExtractLane(E::I8x16ExtractLaneS, *lane)),
        O::I8x16ExtractLaneU { lane } => Some(I::ExtractLane(E::I8x16ExtractLaneU, *lane)),
        O::I16x8ExtractLaneS { lane } => Some(I::ExtractLane(E::I16x8ExtractLaneS, *lane)),
        O::I16x8ExtractLaneU { lane } => Some(I::ExtractLane(E::I16x8ExtractLaneU, *lane)),
        O::I32x4ExtractLane { lane } => Some(I::ExtractLane(E::I32x4ExtractLane, *lane)),
        O::I64x2ExtractLane { lane } => Some(I::ExtractLane(E::I64x2ExtractLane, *lane)),
        O::F32x4ExtractLane { lane } => Some(I::ExtractLane(E::F32x4ExtractLane, *lane)),
        O::F64x2ExtractLane { lane } => Some(I::ExtractLane(E::F64x2ExtractLane, *lane)),

        O::I8x16ReplaceLane { lane } => Some(I::ReplaceLane(R::I8x16ReplaceLane, *lane)),
        O::I16x8ReplaceLane { lane } => Some(I::ReplaceLane(R::I16x8ReplaceLane, *lane)),
        O::I32x4ReplaceLane { lane } => Some(I::ReplaceLane(R::I32x4ReplaceLane, *lane)),
        O::I64x2ReplaceLane { lane } => Some(I::ReplaceLane(R::I64x2ReplaceLane, *lane)),
        O::F32x4ReplaceLane { lane } => Some(I::ReplaceLane(R::F32x4ReplaceLane, *lane)),
        O::F64x2ReplaceLane { lane } => Some(I::ReplaceLane(R::F64x2ReplaceLane, *lane)),

        _ => SimdUnOp::from_operator(op)
            .map(I::Unary)
            .or_else(|| SimdBinOp::from_operator(op).map(I::Binary))
            .or_else(|| SimdShiftOp::from_operator(op).map(I::Shift))
            .or_else(|| SimdSplatOp::from_operator(op).map(I::Splat))
            .or_else(|| SimdTestOp::from_operator(op).map(I::Test))
            .or_else(|| SimdTernOp::from_operator(op).map(I::Ternary)),
    }
}

/// Every relaxed-SIMD operator maps to `Some`, the instruction that computes
/// its result in the deterministic mode (`deterministic`, the results of
/// the WebAssembly 3.0 deterministic profile) or in concord's default mode
/// (see `Config::relaxed_simd_deterministic`); every other operator maps to
/// `None`.
pub fn classify_relaxed(op: &Operator<'_>, deterministic: bool) -> Option<SimdInstr> {
    use Operator as O;
    use SimdBinOp as B;
    use SimdInstr as I;
    use SimdTernOp as T;
    use SimdUnOp as U;
    fn choose<T>(deterministic: bool, det: T, default: T) -> T {
        if deterministic { det } else { default }
    }
    let pick = |det, default| choose(deterministic, det, default);
    let pick_u = |det, default| choose(deterministic, det, default);
    let pick_t = |det, default| choose(deterministic, det, default);
    Some(match op {
        O::I8x16RelaxedSwizzle => I::Binary(pick(B::I8x16Swizzle, B::I8x16RelaxedSwizzle)),
        O::I32x4RelaxedTruncF32x4S => I::Unary(pick_u(U::I32x4TruncSatF32x4S, U::I32x4RelaxedTruncF32x4S)),
        O::I32x4RelaxedTruncF32x4U => I::Unary(U::I32x4TruncSatF32x4U),
        O::I32x4RelaxedTruncF64x2SZero => I::Unary(pick_u(U::I32x4TruncSatF64x2SZero, U::I32x4RelaxedTruncF64x2SZero)),
        O::I32x4RelaxedTruncF64x2UZero => I::Unary(U::I32x4TruncSatF64x2UZero),
        O::F32x4RelaxedMadd => I::Ternary(T::F32x4RelaxedMadd),
        O::F32x4RelaxedNmadd => I::Ternary(T::F32x4RelaxedNmadd),
        O::F64x2RelaxedMadd => I::Ternary(T::F64x2RelaxedMadd),
        O::F64x2RelaxedNmadd => I::Ternary(T::F64x2RelaxedNmadd),
        O::I8x16RelaxedLaneselect
        | O::I16x8RelaxedLaneselect
        | O::I32x4RelaxedLaneselect
        | O::I64x2RelaxedLaneselect => I::Ternary(T::V128Bitselect),
        O::F32x4RelaxedMin => I::Binary(pick(B::F32x4Min, B::F32x4PMin)),
        O::F32x4RelaxedMax => I::Binary(pick(B::F32x4Max, B::F32x4PMax)),
        O::F64x2RelaxedMin => I::Binary(pick(B::F64x2Min, B::F64x2PMin)),
        O::F64x2RelaxedMax => I::Binary(pick(B::F64x2Max, B::F64x2PMax)),
        O::I16x8RelaxedQ15mulrS => I::Binary(pick(B::I16x8Q15MulrSatS, B::I16x8RelaxedQ15mulrS)),
        O::I16x8RelaxedDotI8x16I7x16S => I::Binary(pick(
            B::I16x8RelaxedDotI8x16I7x16SDeterministic,
            B::I16x8RelaxedDotI8x16I7x16S,
        )),
        O::I32x4RelaxedDotI8x16I7x16AddS => I::Ternary(pick_t(
            T::I32x4RelaxedDotI8x16I7x16AddSDeterministic,
            T::I32x4RelaxedDotI8x16I7x16AddS,
        )),
        _ => return None,
    })
}

// ---------------------------------------------------------------------------
// Lane plumbing
// ---------------------------------------------------------------------------

#[inline]
fn bytes(v: u128) -> [u8; 16] {
    v.to_le_bytes()
}

#[inline]
fn from_bytes(b: [u8; 16]) -> u128 {
    u128::from_le_bytes(b)
}

#[inline]
fn lanes16(v: u128) -> [u16; 8] {
    core::array::from_fn(|i| (v >> (16 * i)) as u16)
}

#[inline]
fn from16(l: [u16; 8]) -> u128 {
    l.iter()
        .enumerate()
        .fold(0, |acc, (i, &x)| acc | (u128::from(x) << (16 * i)))
}

#[inline]
fn lanes32(v: u128) -> [u32; 4] {
    core::array::from_fn(|i| (v >> (32 * i)) as u32)
}

#[inline]
fn from32(l: [u32; 4]) -> u128 {
    l.iter()
        .enumerate()
        .fold(0, |acc, (i, &x)| acc | (u128::from(x) << (32 * i)))
}

#[inline]
fn lanes64(v: u128) -> [u64; 2] {
    [v as u64, (v >> 64) as u64]
}

#[inline]
fn from64(l: [u64; 2]) -> u128 {
    u128::from(l[0]) | (u128::from(l[1]) << 64)
}

#[inline]
fn map8(a: u128, f: impl Fn(u8) -> u8) -> u128 {
    from_bytes(bytes(a).map(f))
}

#[inline]
fn zip8(a: u128, b: u128, f: impl Fn(u8, u8) -> u8) -> u128 {
    let (a, b) = (bytes(a), bytes(b));
    from_bytes(core::array::from_fn(|i| f(a[i], b[i])))
}

#[inline]
fn map16(a: u128, f: impl Fn(u16) -> u16) -> u128 {
    from16(lanes16(a).map(f))
}

#[inline]
fn zip16(a: u128, b: u128, f: impl Fn(u16, u16) -> u16) -> u128 {
    let (a, b) = (lanes16(a), lanes16(b));
    from16(core::array::from_fn(|i| f(a[i], b[i])))
}

#[inline]
fn map32(a: u128, f: impl Fn(u32) -> u32) -> u128 {
    from32(lanes32(a).map(f))
}

#[inline]
fn zip32(a: u128, b: u128, f: impl Fn(u32, u32) -> u32) -> u128 {
    let (a, b) = (lanes32(a), lanes32(b));
    from32(core::array::from_fn(|i| f(a[i], b[i])))
}

#[inline]
fn map64(a: u128, f: impl Fn(u64) -> u64) -> u128 {
    from64(lanes64(a).map(f))
}

#[inline]
fn zip64(a: u128, b: u128, f: impl Fn(u64, u64) -> u64) -> u128 {
    let (a, b) = (lanes64(a), lanes64(b));
    from64([f(a[0], b[0]), f(a[1], b[1])])
}

/// All-ones / all-zeros lane masks for comparisons.
#[inline]
fn m8(c: bool) -> u8 {
    if c { u8::MAX } else { 0 }
}
#[inline]
fn m16(c: bool) -> u16 {
    if c { u16::MAX } else { 0 }
}
#[inline]
fn m32(c: bool) -> u32 {
    if c { u32::MAX } else { 0 }
}
#[inline]
fn m64(c: bool) -> u64 {
    if c { u64::MAX } else { 0 }
}

#[inline]
fn s8(x: u8) -> i8 {
    x as i8
}
#[inline]
fn s16(x: u16) -> i16 {
    x as i16
}
#[inline]
fn s32(x: u32) -> i32 {
    x as i32
}
#[inline]
fn s64(x: u64) -> i64 {
    x as i64
}

// ---------------------------------------------------------------------------
// Float helpers
// ---------------------------------------------------------------------------

#[inline]
fn canon32(x: f32) -> u32 {
    if x.is_nan() { CANONICAL_NAN_F32 } else { x.to_bits() }
}

#[inline]
fn canon64(x: f64) -> u64 {
    if x.is_nan() { CANONICAL_NAN_F64 } else { x.to_bits() }
}

#[inline]
fn f32_un(a: u128, f: impl Fn(f32) -> f32) -> u128 {
    map32(a, |x| canon32(f(f32::from_bits(x))))
}

#[inline]
fn f64_un(a: u128, f: impl Fn(f64) -> f64) -> u128 {
    map64(a, |x| canon64(f(f64::from_bits(x))))
}

#[inline]
fn f32_bin(a: u128, b: u128, f: impl Fn(f32, f32) -> f32) -> u128 {
    zip32(a, b, |x, y| canon32(f(f32::from_bits(x), f32::from_bits(y))))
}

#[inline]
fn f64_bin(a: u128, b: u128, f: impl Fn(f64, f64) -> f64) -> u128 {
    zip64(a, b, |x, y| canon64(f(f64::from_bits(x), f64::from_bits(y))))
}

#[inline]
fn f32_cmp(a: u128, b: u128, f: impl Fn(f32, f32) -> bool) -> u128 {
    zip32(a, b, |x, y| m32(f(f32::from_bits(x), f32::from_bits(y))))
}

#[inline]
fn f64_cmp(a: u128, b: u128, f: impl Fn(f64, f64) -> bool) -> u128 {
    zip64(a, b, |x, y| m64(f(f64::from_bits(x), f64::from_bits(y))))
}

/// `a * b + c` lane-wise on `f32` lanes, or `-a * b + c` with `neg`: each
/// operation rounded (unfused), NaN results canonical.
#[inline]
fn f32_madd(a: u128, b: u128, c: u128, neg: bool) -> u128 {
    let (a, b, c) = (lanes32(a), lanes32(b), lanes32(c));
    from32(core::array::from_fn(|i| {
        let x = f32::from_bits(a[i]);
        let x = if neg { -x } else { x };
        canon32(x * f32::from_bits(b[i]) + f32::from_bits(c[i]))
    }))
}

/// `a * b + c` lane-wise on `f64` lanes, or `-a * b + c` with `neg`: each
/// operation rounded (unfused), NaN results canonical.
#[inline]
fn f64_madd(a: u128, b: u128, c: u128, neg: bool) -> u128 {
    let (a, b, c) = (lanes64(a), lanes64(b), lanes64(c));
    from64(core::array::from_fn(|i| {
        let x = f64::from_bits(a[i]);
        let x = if neg { -x } else { x };
        canon64(x * f64::from_bits(b[i]) + f64::from_bits(c[i]))
    }))
}

/// `cvttps2dq`/`cvttpd2dq` on one lane: truncation toward zero, with NaN
/// and results out of the `i32` range giving `i32::MIN` (x86's "integer
/// indefinite").
#[inline]
fn trunc_indefinite(x: f64) -> u32 {
    let t = x.trunc();
    if (-2147483648.0..2147483648.0).contains(&t) {
        t as i32 as u32
    } else {
        // NaN is in no range.
        i32::MIN as u32
    }
}

/// Wasm `fmin`: NaN-propagating, `-0.0 < +0.0`.
#[inline]
fn fmin32(a: f32, b: f32) -> f32 {
    if a.is_nan() || b.is_nan() {
        f32::NAN
    } else if a == b {
        // Equal values differ at most in the sign of zero: prefer negative.
        f32::from_bits(a.to_bits() | b.to_bits())
    } else if a < b {
        a
    } else {
        b
    }
}

/// Wasm `fmax`: NaN-propagating, `-0.0 < +0.0`.
#[inline]
fn fmax32(a: f32, b: f32) -> f32 {
    if a.is_nan() || b.is_nan() {
        f32::NAN
    } else if a == b {
        // Equal values differ at most in the sign of zero: prefer positive.
        f32::from_bits(a.to_bits() & b.to_bits())
    } else if a > b {
        a
    } else {
        b
    }
}

/// Wasm `fmin` for f64.
#[inline]
fn fmin64(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else if a == b {
        f64::from_bits(a.to_bits() | b.to_bits())
    } else if a < b {
        a
    } else {
        b
    }
}

/// Wasm `fmax` for f64.
#[inline]
fn fmax64(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else if a == b {
        f64::from_bits(a.to_bits() & b.to_bits())
    } else if a > b {
        a
    } else {
        b
    }
}

// ---------------------------------------------------------------------------
// Shape-changing integer helpers
// ---------------------------------------------------------------------------

/// Extends 8 consecutive bytes starting at byte `off` to 16-bit lanes.
#[inline]
fn extend8(a: u128, off: usize, signed: bool) -> u128 {
    let b = bytes(a);
    from16(core::array::from_fn(|i| {
        let x = b[(i + off) & 15];
        if signed { s8(x) as u16 } else { u16::from(x) }
    }))
}

/// Extends 4 consecutive 16-bit lanes starting at lane `off` to 32 bits.
#[inline]
fn extend16(a: u128, off: usize, signed: bool) -> u128 {
    let l = lanes16(a);
    from32(core::array::from_fn(|i| {
        let x = l[(i + off) & 7];
        if signed { i32::from(s16(x)) as u32 } else { u32::from(x) }
    }))
}

/// Extends 2 consecutive 32-bit lanes starting at lane `off` to 64 bits.
#[inline]
fn extend32(a: u128, off: usize, signed: bool) -> u128 {
    let l = lanes32(a);
    from64(core::array::from_fn(|i| {
        let x = l[(i + off) & 3];
        if signed { i64::from(s32(x)) as u64 } else { u64::from(x) }
    }))
}

#[inline]
fn extadd8(a: u128, signed: bool) -> u128 {
    let b = bytes(a);
    from16(core::array::from_fn(|i| {
        let (x, y) = (b[(2 * i) & 15], b[(2 * i + 1) & 15]);
        if signed {
            i16::from(s8(x)).wrapping_add(i16::from(s8(y))) as u16
        } else {
            u16::from(x).wrapping_add(u16::from(y))
        }
    }))
}

#[inline]
fn extadd16(a: u128, signed: bool) -> u128 {
    let l = lanes16(a);
    from32(core::array::from_fn(|i| {
        let (x, y) = (l[(2 * i) & 7], l[(2 * i + 1) & 7]);
        if signed {
            i32::from(s16(x)).wrapping_add(i32::from(s16(y))) as u32
        } else {
            u32::from(x).wrapping_add(u32::from(y))
        }
    }))
}

/// Widening multiply of 8 byte lanes starting at `off`.
#[inline]
fn extmul8(a: u128, b: u128, off: usize, signed: bool) -> u128 {
    let (a, b) = (bytes(a), bytes(b));
    from16(core::array::from_fn(|i| {
        let (x, y) = (a[(i + off) & 15], b[(i + off) & 15]);
        if signed {
            i16::from(s8(x)).wrapping_mul(i16::from(s8(y))) as u16
        } else {
            u16::from(x).wrapping_mul(u16::from(y))
        }
    }))
}

/// Widening multiply of 4 16-bit lanes starting at `off`.
#[inline]
fn extmul16(a: u128, b: u128, off: usize, signed: bool) -> u128 {
    let (a, b) = (lanes16(a), lanes16(b));
    from32(core::array::from_fn(|i| {
        let (x, y) = (a[(i + off) & 7], b[(i + off) & 7]);
        if signed {
            i32::from(s16(x)).wrapping_mul(i32::from(s16(y))) as u32
        } else {
            u32::from(x).wrapping_mul(u32::from(y))
        }
    }))
}

/// Widening multiply of 2 32-bit lanes starting at `off`.
#[inline]
fn extmul32(a: u128, b: u128, off: usize, signed: bool) -> u128 {
    let (a, b) = (lanes32(a), lanes32(b));
    from64(core::array::from_fn(|i| {
        let (x, y) = (a[(i + off) & 3], b[(i + off) & 3]);
        if signed {
            i64::from(s32(x)).wrapping_mul(i64::from(s32(y))) as u64
        } else {
            u64::from(x).wrapping_mul(u64::from(y))
        }
    }))
}

/// `i8x16.narrow_i16x8_{s,u}`: lanes 0..8 from `a`, 8..16 from `b`.
#[inline]
fn narrow16(a: u128, b: u128, signed: bool) -> u128 {
    let (a, b) = (lanes16(a), lanes16(b));
    from_bytes(core::array::from_fn(|i| {
        let x = s16(if i < 8 { a[i & 7] } else { b[i & 7] });
        if signed {
            x.clamp(-128, 127) as u8
        } else {
            x.clamp(0, 255) as u8
        }
    }))
}

/// `i16x8.narrow_i32x4_{s,u}`: lanes 0..4 from `a`, 4..8 from `b`.
#[inline]
fn narrow32(a: u128, b: u128, signed: bool) -> u128 {
    let (a, b) = (lanes32(a), lanes32(b));
    from16(core::array::from_fn(|i| {
        let x = s32(if i < 4 { a[i & 3] } else { b[i & 3] });
        if signed {
            x.clamp(-32768, 32767) as u16
        } else {
            x.clamp(0, 65535) as u16
        }
    }))
}

#[inline]
fn swizzle(a: u128, s: u128) -> u128 {
    let a = bytes(a);
    map8(s, |idx| a.get(usize::from(idx)).copied().unwrap_or(0))
}

#[inline]
fn q15mulr(x: u16, y: u16) -> u16 {
    let p = i32::from(s16(x)).wrapping_mul(i32::from(s16(y)));
    (p.wrapping_add(0x4000) >> 15).clamp(-32768, 32767) as u16
}

/// `pshufb`: an index with its top bit set gives 0, any other selects
/// lane `index % 16`.
#[inline]
fn pshufb(a: u128, s: u128) -> u128 {
    let a = bytes(a);
    map8(s, |idx| if idx & 0x80 != 0 { 0 } else { a[usize::from(idx & 15)] })
}

/// `pmulhrsw` on one lane: `(x * y + 0x4000) >> 15`, wrapped to 16 bits.
#[inline]
fn pmulhrsw(x: u16, y: u16) -> u16 {
    let p = i32::from(s16(x)) * i32::from(s16(y));
    ((p + 0x4000) >> 15) as u16
}

/// The relaxed `i16x8` dot product of bytes: signed bytes of `a` times the
/// bytes of `b`, signed (`signed_b`, the deterministic profile) or unsigned
/// (`pmaddubsw`), adjacent products added with signed saturation.
#[inline]
fn relaxed_dot8(a: u128, b: u128, signed_b: bool) -> u128 {
    let (a, b) = (bytes(a), bytes(b));
    let b_lane = |x: u8| if signed_b { i32::from(s8(x)) } else { i32::from(x) };
    from16(core::array::from_fn(|i| {
        let (lo, hi) = ((2 * i) & 15, (2 * i + 1) & 15);
        let sum = i32::from(s8(a[lo])) * b_lane(b[lo]) + i32::from(s8(a[hi])) * b_lane(b[hi]);
        sum.clamp(-32768, 32767) as u16
    }))
}

/// The relaxed `i32x4` dot product with accumulation: the `i16x8` dot
/// product, adjacent pairs of it sign-extended and added, plus `c`
/// (wrapping).
#[inline]
fn relaxed_dot8_add(a: u128, b: u128, c: u128, signed_b: bool) -> u128 {
    let d = lanes16(relaxed_dot8(a, b, signed_b));
    let c = lanes32(c);
    from32(core::array::from_fn(|i| {
        let (lo, hi) = ((2 * i) & 7, (2 * i + 1) & 7);
        let pair = i32::from(s16(d[lo])) + i32::from(s16(d[hi]));
        pair.wrapping_add(s32(c[i])) as u32
    }))
}

#[inline]
fn dot16(a: u128, b: u128) -> u128 {
    let (a, b) = (lanes16(a), lanes16(b));
    from32(core::array::from_fn(|i| {
        let (lo, hi) = ((2 * i) & 7, (2 * i + 1) & 7);
        let p0 = i32::from(s16(a[lo])).wrapping_mul(i32::from(s16(b[lo])));
        let p1 = i32::from(s16(a[hi])).wrapping_mul(i32::from(s16(b[hi])));
        p0.wrapping_add(p1) as u32
    }))
}

// ---------------------------------------------------------------------------
// Public semantics
// ---------------------------------------------------------------------------

/// Evaluates a `v128 -> v128` instruction.
#[inline]
pub fn unary(op: SimdUnOp, a: u128) -> u128 {
    use SimdUnOp as U;
    match op {
        U::V128Not => !a,

        U::I8x16Abs => map8(a, |x| s8(x).wrapping_abs() as u8),
        U::I8x16Neg => map8(a, u8::wrapping_neg),
        U::I8x16Popcnt => map8(a, |x| x.count_ones() as u8),

        U::I16x8Abs => map16(a, |x| s16(x).wrapping_abs() as u16),
        U::I16x8Neg => map16(a, u16::wrapping_neg),
        U::I16x8ExtAddPairwiseI8x16S => extadd8(a, true),
        U::I16x8ExtAddPairwiseI8x16U => extadd8(a, false),
        U::I16x8ExtendLowI8x16S => extend8(a, 0, true),
        U::I16x8ExtendHighI8x16S => extend8(a, 8, true),
        U::I16x8ExtendLowI8x16U => extend8(a, 0, false),
        U::I16x8ExtendHighI8x16U => extend8(a, 8, false),

        U::I32x4Abs => map32(a, |x| s32(x).wrapping_abs() as u32),
        U::I32x4Neg => map32(a, u32::wrapping_neg),
        U::I32x4ExtAddPairwiseI16x8S => extadd16(a, true),
        U::I32x4ExtAddPairwiseI16x8U => extadd16(a, false),
        U::I32x4ExtendLowI16x8S => extend16(a, 0, true),
        U::I32x4ExtendHighI16x8S => extend16(a, 4, true),
        U::I32x4ExtendLowI16x8U => extend16(a, 0, false),
        U::I32x4ExtendHighI16x8U => extend16(a, 4, false),

        U::I64x2Abs => map64(a, |x| s64(x).wrapping_abs() as u64),
        U::I64x2Neg => map64(a, u64::wrapping_neg),
        U::I64x2ExtendLowI32x4S => extend32(a, 0, true),
        U::I64x2ExtendHighI32x4S => extend32(a, 2, true),
        U::I64x2ExtendLowI32x4U => extend32(a, 0, false),
        U::I64x2ExtendHighI32x4U => extend32(a, 2, false),

        U::F32x4Ceil => f32_un(a, f32::ceil),
        U::F32x4Floor => f32_un(a, f32::floor),
        U::F32x4Trunc => f32_un(a, f32::trunc),
        U::F32x4Nearest => f32_un(a, f32::round_ties_even),
        U::F32x4Sqrt => f32_un(a, f32::sqrt),
        U::F32x4Abs => map32(a, |x| x & 0x7fff_ffff),
        U::F32x4Neg => map32(a, |x| x ^ 0x8000_0000),

        U::F64x2Ceil => f64_un(a, f64::ceil),
        U::F64x2Floor => f64_un(a, f64::floor),
        U::F64x2Trunc => f64_un(a, f64::trunc),
        U::F64x2Nearest => f64_un(a, f64::round_ties_even),
        U::F64x2Sqrt => f64_un(a, f64::sqrt),
        U::F64x2Abs => map64(a, |x| x & 0x7fff_ffff_ffff_ffff),
        U::F64x2Neg => map64(a, |x| x ^ 0x8000_0000_0000_0000),

        // Rust's float-to-int `as` casts saturate and map NaN to 0, which is
        // exactly `trunc_sat`.
        U::I32x4TruncSatF32x4S => map32(a, |x| f32::from_bits(x) as i32 as u32),
        U::I32x4TruncSatF32x4U => map32(a, |x| f32::from_bits(x) as u32),
        U::F32x4ConvertI32x4S => map32(a, |x| (s32(x) as f32).to_bits()),
        U::F32x4ConvertI32x4U => map32(a, |x| (x as f32).to_bits()),
        U::I32x4TruncSatF64x2SZero => {
            let l = lanes64(a);
            let t = |x: u64| f64::from_bits(x) as i32 as u32;
            from32([t(l[0]), t(l[1]), 0, 0])
        }
        U::I32x4TruncSatF64x2UZero => {
            let l = lanes64(a);
            let t = |x: u64| f64::from_bits(x) as u32;
            from32([t(l[0]), t(l[1]), 0, 0])
        }
        U::F64x2ConvertLowI32x4S => {
            let l = lanes32(a);
            let c = |x: u32| f64::from(s32(x)).to_bits();
            from64([c(l[0]), c(l[1])])
        }
        U::F64x2ConvertLowI32x4U => {
            let l = lanes32(a);
            let c = |x: u32| f64::from(x).to_bits();
            from64([c(l[0]), c(l[1])])
        }
        U::F32x4DemoteF64x2Zero => {
            let l = lanes64(a);
            let d = |x: u64| (f64::from_bits(x) as f32).to_bits();
            from32([d(l[0]), d(l[1]), 0, 0])
        }
        U::F64x2PromoteLowF32x4 => {
            let l = lanes32(a);
            let p = |x: u32| f64::from(f32::from_bits(x)).to_bits();
            from64([p(l[0]), p(l[1])])
        }
        U::I32x4RelaxedTruncF32x4S => map32(a, |x| trunc_indefinite(f64::from(f32::from_bits(x)))),
        U::I32x4RelaxedTruncF64x2SZero => {
            let l = lanes64(a);
            let t = |x: u64| trunc_indefinite(f64::from_bits(x));
            from32([t(l[0]), t(l[1]), 0, 0])
        }
    }
}

/// Evaluates a `v128 x v128 -> v128` instruction.
#[inline]
pub fn binary(op: SimdBinOp, a: u128, b: u128) -> u128 {
    use SimdBinOp as B;
    match op {
        B::V128And => a & b,
        B::V128AndNot => a & !b,
        B::V128Or => a | b,
        B::V128Xor => a ^ b,
        B::I8x16Swizzle => swizzle(a, b),

        B::I8x16Eq => zip8(a, b, |x, y| m8(x == y)),
        B::I8x16Ne => zip8(a, b, |x, y| m8(x != y)),
        B::I8x16LtS => zip8(a, b, |x, y| m8(s8(x) < s8(y))),
        B::I8x16LtU => zip8(a, b, |x, y| m8(x < y)),
        B::I8x16GtS => zip8(a, b, |x, y| m8(s8(x) > s8(y))),
        B::I8x16GtU => zip8(a, b, |x, y| m8(x > y)),
        B::I8x16LeS => zip8(a, b, |x, y| m8(s8(x) <= s8(y))),
        B::I8x16LeU => zip8(a, b, |x, y| m8(x <= y)),
        B::I8x16GeS => zip8(a, b, |x, y| m8(s8(x) >= s8(y))),
        B::I8x16GeU => zip8(a, b, |x, y| m8(x >= y)),

        B::I16x8Eq => zip16(a, b, |x, y| m16(x == y)),
        B::I16x8Ne => zip16(a, b, |x, y| m16(x != y)),
        B::I16x8LtS => zip16(a, b, |x, y| m16(s16(x) < s16(y))),
        B::I16x8LtU => zip16(a, b, |x, y| m16(x < y)),
        B::I16x8GtS => zip16(a, b, |x, y| m16(s16(x) > s16(y))),
        B::I16x8GtU => zip16(a, b, |x, y| m16(x > y)),
        B::I16x8LeS => zip16(a, b, |x, y| m16(s16(x) <= s16(y))),
        B::I16x8LeU => zip16(a, b, |x, y| m16(x <= y)),
        B::I16x8GeS => zip16(a, b, |x, y| m16(s16(x) >= s16(y))),
        B::I16x8GeU => zip16(a, b, |x, y| m16(x >= y)),

        B::I32x4Eq => zip32(a, b, |x, y| m32(x == y)),
        B::I32x4Ne => zip32(a, b, |x, y| m32(x != y)),
        B::I32x4LtS => zip32(a, b, |x, y| m32(s32(x) < s32(y))),
        B::I32x4LtU => zip32(a, b, |x, y| m32(x < y)),
        B::I32x4GtS => zip32(a, b, |x, y| m32(s32(x) > s32(y))),
        B::I32x4GtU => zip32(a, b, |x, y| m32(x > y)),
        B::I32x4LeS => zip32(a, b, |x, y| m32(s32(x) <= s32(y))),
        B::I32x4LeU => zip32(a, b, |x, y| m32(x <= y)),
        B::I32x4GeS => zip32(a, b, |x, y| m32(s32(x) >= s32(y))),
        B::I32x4GeU => zip32(a, b, |x, y| m32(x >= y)),

        B::I64x2Eq => zip64(a, b, |x, y| m64(x == y)),
        B::I64x2Ne => zip64(a, b, |x, y| m64(x != y)),
        B::I64x2LtS => zip64(a, b, |x, y| m64(s64(x) < s64(y))),
        B::I64x2GtS => zip64(a, b, |x, y| m64(s64(x) > s64(y))),
        B::I64x2LeS => zip64(a, b, |x, y| m64(s64(x) <= s64(y))),
        B::I64x2GeS => zip64(a, b, |x, y| m64(s64(x) >= s64(y))),

        B::F32x4Eq => f32_cmp(a, b, |x, y| x == y),
        B::F32x4Ne => f32_cmp(a, b, |x, y| x != y),
        B::F32x4Lt => f32_cmp(a, b, |x, y| x < y),
        B::F32x4Gt => f32_cmp(a, b, |x, y| x > y),
        B::F32x4Le => f32_cmp(a, b, |x, y| x <= y),
        B::F32x4Ge => f32_cmp(a, b, |x, y| x >= y),

        B::F64x2Eq => f64_cmp(a, b, |x, y| x == y),
        B::F64x2Ne => f64_cmp(a, b, |x, y| x != y),
        B::F64x2Lt => f64_cmp(a, b, |x, y| x < y),
        B::F64x2Gt => f64_cmp(a, b, |x, y| x > y),
        B::F64x2Le => f64_cmp(a, b, |x, y| x <= y),
        B::F64x2Ge => f64_cmp(a, b, |x, y| x >= y),

        B::I8x16NarrowI16x8S => narrow16(a, b, true),
        B::I8x16NarrowI16x8U => narrow16(a, b, false),
        B::I8x16Add => zip8(a, b, u8::wrapping_add),
        B::I8x16AddSatS => zip8(a, b, |x, y| s8(x).saturating_add(s8(y)) as u8),
        B::I8x16AddSatU => zip8(a, b, u8::saturating_add),
        B::I8x16Sub => zip8(a, b, u8::wrapping_sub),
        B::I8x16SubSatS => zip8(a, b, |x, y| s8(x).saturating_sub(s8(y)) as u8),
        B::I8x16SubSatU => zip8(a, b, u8::saturating_sub),
        B::I8x16MinS => zip8(a, b, |x, y| s8(x).min(s8(y)) as u8),
        B::I8x16MinU => zip8(a, b, u8::min),
        B::I8x16MaxS => zip8(a, b, |x, y| s8(x).max(s8(y)) as u8),
        B::I8x16MaxU => zip8(a, b, u8::max),
        B::I8x16AvgrU => zip8(a, b, |x, y| ((u16::from(x) + u16::from(y) + 1) >> 1) as u8),

        B::I16x8Q15MulrSatS => zip16(a, b, q15mulr),
        B::I16x8NarrowI32x4S => narrow32(a, b, true),
        B::I16x8NarrowI32x4U => narrow32(a, b, false),
        B::I16x8Add => zip16(a, b, u16::wrapping_add),
        B::I16x8AddSatS => zip16(a, b, |x, y| s16(x).saturating_add(s16(y)) as u16),
        B::I16x8AddSatU => zip16(a, b, u16::saturating_add),
        B::I16x8Sub => zip16(a, b, u16::wrapping_sub),
        B::I16x8SubSatS => zip16(a, b, |x, y| s16(x).saturating_sub(s16(y)) as u16),
        B::I16x8SubSatU => zip16(a, b, u16::saturating_sub),
        B::I16x8Mul => zip16(a, b, u16::wrapping_mul),
        B::I16x8MinS => zip16(a, b, |x, y| s16(x).min(s16(y)) as u16),
        B::I16x8MinU => zip16(a, b, u16::min),
        B::I16x8MaxS => zip16(a, b, |x, y| s16(x).max(s16(y)) as u16),
        B::I16x8MaxU => zip16(a, b, u16::max),
        B::I16x8AvgrU => zip16(a, b, |x, y| ((u32::from(x) + u32::from(y) + 1) >> 1) as u16),
        B::I16x8ExtMulLowI8x16S => extmul8(a, b, 0, true),
        B::I16x8ExtMulHighI8x16S => extmul8(a, b, 8, true),
        B::I16x8ExtMulLowI8x16U => extmul8(a, b, 0, false),
        B::I16x8ExtMulHighI8x16U => extmul8(a, b, 8, false),

        B::I32x4Add => zip32(a, b, u32::wrapping_add),
        B::I32x4Sub => zip32(a, b, u32::wrapping_sub),
        B::I32x4Mul => zip32(a, b, u32::wrapping_mul),
        B::I32x4MinS => zip32(a, b, |x, y| s32(x).min(s32(y)) as u32),
        B::I32x4MinU => zip32(a, b, u32::min),
        B::I32x4MaxS => zip32(a, b, |x, y| s32(x).max(s32(y)) as u32),
        B::I32x4MaxU => zip32(a, b, u32::max),
        B::I32x4DotI16x8S => dot16(a, b),
        B::I32x4ExtMulLowI16x8S => extmul16(a, b, 0, true),
        B::I32x4ExtMulHighI16x8S => extmul16(a, b, 4, true),
        B::I32x4ExtMulLowI16x8U => extmul16(a, b, 0, false),
        B::I32x4ExtMulHighI16x8U => extmul16(a, b, 4, false),

        B::I64x2Add => zip64(a, b, u64::wrapping_add),
        B::I64x2Sub => zip64(a, b, u64::wrapping_sub),
        B::I64x2Mul => zip64(a, b, u64::wrapping_mul),
        B::I64x2ExtMulLowI32x4S => extmul32(a, b, 0, true),
        B::I64x2ExtMulHighI32x4S => extmul32(a, b, 2, true),
        B::I64x2ExtMulLowI32x4U => extmul32(a, b, 0, false),
        B::I64x2ExtMulHighI32x4U => extmul32(a, b, 2, false),

        B::F32x4Add => f32_bin(a, b, |x, y| x + y),
        B::F32x4Sub => f32_bin(a, b, |x, y| x - y),
        B::F32x4Mul => f32_bin(a, b, |x, y| x * y),
        B::F32x4Div => f32_bin(a, b, |x, y| x / y),
        B::F32x4Min => f32_bin(a, b, fmin32),
        B::F32x4Max => f32_bin(a, b, fmax32),
        B::F32x4PMin => zip32(a, b, |x, y| if f32::from_bits(y) < f32::from_bits(x) { y } else { x }),
        B::F32x4PMax => zip32(a, b, |x, y| if f32::from_bits(x) < f32::from_bits(y) { y } else { x }),

        B::F64x2Add => f64_bin(a, b, |x, y| x + y),
        B::F64x2Sub => f64_bin(a, b, |x, y| x - y),
        B::F64x2Mul => f64_bin(a, b, |x, y| x * y),
        B::F64x2Div => f64_bin(a, b, |x, y| x / y),
        B::F64x2Min => f64_bin(a, b, fmin64),
        B::F64x2Max => f64_bin(a, b, fmax64),
        B::F64x2PMin => zip64(a, b, |x, y| if f64::from_bits(y) < f64::from_bits(x) { y } else { x }),
        B::F64x2PMax => zip64(a, b, |x, y| if f64::from_bits(x) < f64::from_bits(y) { y } else { x }),

        B::I8x16RelaxedSwizzle => pshufb(a, b),
        B::I16x8RelaxedQ15mulrS => zip16(a, b, pmulhrsw),
        B::I16x8RelaxedDotI8x16I7x16S => relaxed_dot8(a, b, false),
        B::I16x8RelaxedDotI8x16I7x16SDeterministic => relaxed_dot8(a, b, true),
    }
}

/// Evaluates a `v128 x v128 x v128 -> v128` instruction.
#[inline]
pub fn ternary(op: SimdTernOp, a: u128, b: u128, c: u128) -> u128 {
    use SimdTernOp as T;
    match op {
        // Bits of `a` where `c` is 1, bits of `b` where `c` is 0.
        T::V128Bitselect => (a & c) | (b & !c),
        T::F32x4RelaxedMadd => f32_madd(a, b, c, false),
        T::F32x4RelaxedNmadd => f32_madd(a, b, c, true),
        T::F64x2RelaxedMadd => f64_madd(a, b, c, false),
        T::F64x2RelaxedNmadd => f64_madd(a, b, c, true),
        T::I32x4RelaxedDotI8x16I7x16AddS => relaxed_dot8_add(a, b, c, false),
        T::I32x4RelaxedDotI8x16I7x16AddSDeterministic => relaxed_dot8_add(a, b, c, true),
    }
}

/// Evaluates a shift; `count` is an i32 in the low bits of a `u64`, taken
/// modulo the lane width.
#[inline]
pub fn shift(op: SimdShiftOp, a: u128, count: u64) -> u128 {
    use SimdShiftOp as S;
    let n8 = (count & 7) as u32;
    let n16 = (count & 15) as u32;
    let n32 = (count & 31) as u32;
    let n64 = (count & 63) as u32;
    match op {
        S::I8x16Shl => map8(a, |x| x.wrapping_shl(n8)),
        S::I8x16ShrS => map8(a, |x| s8(x).wrapping_shr(n8) as u8),
        S::I8x16ShrU => map8(a, |x| x.wrapping_shr(n8)),
        S::I16x8Shl => map16(a, |x| x.wrapping_shl(n16)),
        S::I16x8ShrS => map16(a, |x| s16(x).wrapping_shr(n16) as u16),
        S::I16x8ShrU => map16(a, |x| x.wrapping_shr(n16)),
        S::I32x4Shl => map32(a, |x| x.wrapping_shl(n32)),
        S::I32x4ShrS => map32(a, |x| s32(x).wrapping_shr(n32) as u32),
        S::I32x4ShrU => map32(a, |x| x.wrapping_shr(n32)),
        S::I64x2Shl => map64(a, |x| x.wrapping_shl(n64)),
        S::I64x2ShrS => map64(a, |x| s64(x).wrapping_shr(n64) as u64),
        S::I64x2ShrU => map64(a, |x| x.wrapping_shr(n64)),
    }
}

/// Evaluates a splat of the raw scalar bits `x`.
#[inline]
pub fn splat(op: SimdSplatOp, x: u64) -> u128 {
    // `u128::MAX / lane_max` is the pattern with a 1 in the lowest bit of
    // every lane, so multiplying replicates a lane value across the vector.
    match op {
        SimdSplatOp::I8x16Splat => u128::from(x as u8) * (u128::MAX / 0xff),
        SimdSplatOp::I16x8Splat => u128::from(x as u16) * (u128::MAX / 0xffff),
        SimdSplatOp::I32x4Splat | SimdSplatOp::F32x4Splat => u128::from(x as u32) * (u128::MAX / 0xffff_ffff),
        SimdSplatOp::I64x2Splat | SimdSplatOp::F64x2Splat => u128::from(x) * (u128::MAX / u128::from(u64::MAX)),
    }
}

/// Bit offset of lane `lane` (masked to the lane count) for a lane of
/// `width` bytes, where `width` is 1, 2, 4 or 8.
#[inline]
fn lane_shift(width: u32, lane: u8) -> u32 {
    let lanes = 16 / width;
    (u32::from(lane) & (lanes - 1)) * width * 8
}

/// Extracts lane `lane` (masked to the lane count) as raw scalar bits.
#[inline]
pub fn extract_lane(op: SimdExtractOp, a: u128, lane: u8) -> u64 {
    use SimdExtractOp as E;
    match op {
        E::I8x16ExtractLaneS => u64::from(i32::from((a >> lane_shift(1, lane)) as u8 as i8) as u32),
        E::I8x16ExtractLaneU => u64::from((a >> lane_shift(1, lane)) as u8),
        E::I16x8ExtractLaneS => u64::from(i32::from((a >> lane_shift(2, lane)) as u16 as i16) as u32),
        E::I16x8ExtractLaneU => u64::from((a >> lane_shift(2, lane)) as u16),
        E::I32x4ExtractLane | E::F32x4ExtractLane => u64::from((a >> lane_shift(4, lane)) as u32),
        E::I64x2ExtractLane | E::F64x2ExtractLane => (a >> lane_shift(8, lane)) as u64,
    }
}

/// Replaces the `bytes`-wide lane `lane` (masked) of `a` with the low bits of `x`.
#[inline]
fn replace_bits(a: u128, width: u32, lane: u8, x: u64) -> u128 {
    let shift = lane_shift(width, lane);
    let lane_mask = u128::MAX >> (128 - width * 8);
    (a & !(lane_mask << shift)) | ((u128::from(x) & lane_mask) << shift)
}

/// Replaces lane `lane` (masked to the lane count) with the raw scalar `x`.
#[inline]
pub fn replace_lane(op: SimdReplaceOp, a: u128, x: u64, lane: u8) -> u128 {
    use SimdReplaceOp as R;
    let width = match op {
        R::I8x16ReplaceLane => 1,
        R::I16x8ReplaceLane => 2,
        R::I32x4ReplaceLane | R::F32x4ReplaceLane => 4,
        R::I64x2ReplaceLane | R::F64x2ReplaceLane => 8,
    };
    replace_bits(a, width, lane, x)
}

/// Evaluates a `v128 -> i32` test; the i32 result is returned as a `u64`.
#[inline]
pub fn test(op: SimdTestOp, a: u128) -> u64 {
    use SimdTestOp as T;
    match op {
        T::V128AnyTrue => u64::from(a != 0),
        T::I8x16AllTrue => u64::from(bytes(a).iter().all(|&x| x != 0)),
        T::I16x8AllTrue => u64::from(lanes16(a).iter().all(|&x| x != 0)),
        T::I32x4AllTrue => u64::from(lanes32(a).iter().all(|&x| x != 0)),
        T::I64x2AllTrue => u64::from(lanes64(a).iter().all(|&x| x != 0)),
        T::I8x16Bitmask => bitmask(a, 8),
        T::I16x8Bitmask => bitmask(a, 16),
        T::I32x4Bitmask => bitmask(a, 32),
        T::I64x2Bitmask => bitmask(a, 64),
    }
}

/// Gathers the top bit of each `bits`-wide lane, lane 0 into bit 0.
#[inline]
fn bitmask(a: u128, bits: u32) -> u64 {
    let lanes = 128 / bits;
    (0..lanes).fold(0, |acc, i| {
        let top = (a >> (i * bits + bits - 1)) & 1;
        acc | ((top as u64) << i)
    })
}

/// `i8x16.shuffle`: indices 0..16 select from `a`, 16..32 from `b` (each
/// index is masked to 0..32).
#[inline]
pub fn shuffle(a: u128, b: u128, lanes: &[u8; 16]) -> u128 {
    let (a, b) = (bytes(a), bytes(b));
    from_bytes(lanes.map(|idx| {
        let i = usize::from(idx & 15);
        if idx & 16 == 0 { a[i] } else { b[i] }
    }))
}

/// Transforms the bytes read by a `v128.load*` instruction into its result.
/// `raw` holds the bytes read from memory, little-endian, in its low
/// `kind.access_size()` bytes; higher bytes are ignored.
#[inline]
pub fn load_transform(kind: SimdLoadKind, raw: u128) -> u128 {
    use SimdLoadKind as L;
    match kind {
        L::V128 => raw,
        L::Load8x8S => extend8(raw, 0, true),
        L::Load8x8U => extend8(raw, 0, false),
        L::Load16x4S => extend16(raw, 0, true),
        L::Load16x4U => extend16(raw, 0, false),
        L::Load32x2S => extend32(raw, 0, true),
        L::Load32x2U => extend32(raw, 0, false),
        L::Load8Splat => splat(SimdSplatOp::I8x16Splat, raw as u64),
        L::Load16Splat => splat(SimdSplatOp::I16x8Splat, raw as u64),
        L::Load32Splat => splat(SimdSplatOp::I32x4Splat, raw as u64),
        L::Load64Splat => splat(SimdSplatOp::I64x2Splat, raw as u64),
        L::Load32Zero => raw & u128::from(u32::MAX),
        L::Load64Zero => raw & u128::from(u64::MAX),
    }
}

/// Normalizes a lane width in bytes; `None` for anything but 1, 2, 4 or 8.
#[inline]
fn lane_width(width: u8) -> Option<u32> {
    match width {
        1 | 2 | 4 | 8 => Some(u32::from(width)),
        _ => None,
    }
}

/// `v128.loadN_lane`: replaces lane `lane` (masked) of width `width` bytes
/// with the low bytes of `raw`. An invalid width leaves `a` unchanged.
#[inline]
pub fn load_lane(a: u128, width: u8, lane: u8, raw: u64) -> u128 {
    match lane_width(width) {
        Some(w) => replace_bits(a, w, lane, raw),
        None => a,
    }
}

/// `v128.storeN_lane`: the lane's bytes as the low bytes of a `u64`. An
/// invalid width yields 0.
#[inline]
pub fn store_lane(a: u128, width: u8, lane: u8) -> u64 {
    match lane_width(width) {
        Some(w) => {
            let lane_mask = u128::MAX >> (128 - w * 8);
            ((a >> lane_shift(w, lane)) & lane_mask) as u64
        }
        None => 0,
    }
}

#[cfg(test)]
mod tests;
