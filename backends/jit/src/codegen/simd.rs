//! Fixed-width SIMD (`v128`) on the SSE4.1 baseline (with SSSE3, no AVX).
//!
//! A `v128` lives in a vector register or in a 16-byte home or local slot;
//! it never goes through a general-purpose register. Constants
//! (`v128.const` and the masks the sequences below need) are placed in a
//! pool after the function's code and loaded with `movdqu` from it, or
//! made in the register when they are all zeros or all ones.
//!
//! The operations SSE4.1 lacks are emulated: byte shifts go through 16-bit
//! shifts, `i64x2` signed comparisons, `shr_s`, `abs` and `mul` through
//! 32-bit operations, and the float min/max, conversions and truncations
//! follow the sequences of V8's code generator (which give the semantics
//! of the interpreter, `backends/interp/src/simd.rs`).

use super::{Gen, Kind, Loc, Result};
use concord_core::TrapCode;
use concord_core::machine::traps::TrapSite;
use concord_core::wasmparser::{MemArg, Operator};
use dynasmrt::{DynasmApi, DynasmLabelApi, dynasm};

/// Emits x86-64 instructions into `$g`'s assembler.
macro_rules! asm {
    ($g:ident; $($t:tt)*) => {
        dynasm!($g.a.ops ; .arch x64 ; $($t)*)
    };
}

/// A binary operation `a = a op b` of one two-operand SSE instruction,
/// for [`Gen::vbin`].
macro_rules! sse {
    ($ins:ident) => {
        |g: &mut Gen<'_>, a: u8, b: u8| -> u8 {
            asm!(g; $ins Rx(a), Rx(b));
            a
        }
    };
}

/// `b = b op a` (the operands swapped), for [`Gen::vbin`].
macro_rules! sse_rev {
    ($ins:ident) => {
        |g: &mut Gen<'_>, a: u8, b: u8| -> u8 {
            asm!(g; $ins Rx(b), Rx(a));
            b
        }
    };
}

/// A lane shape of the integer operations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lane {
    I8,
    I16,
    I32,
    I64,
}

impl Lane {
    fn bits(self) -> u32 {
        match self {
            Lane::I8 => 8,
            Lane::I16 => 16,
            Lane::I32 => 32,
            Lane::I64 => 64,
        }
    }

    /// The wider shape an extension or extended multiplication gives.
    fn wider(self) -> Lane {
        match self {
            Lane::I8 => Lane::I16,
            Lane::I16 => Lane::I32,
            _ => Lane::I64,
        }
    }
}

/// Lane-wise integer comparisons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cmp {
    Eq,
    Ne,
    LtS,
    LtU,
    GtS,
    GtU,
    LeS,
    LeU,
    GeS,
    GeU,
}

/// Lane-wise integer shifts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shift {
    Shl,
    ShrS,
    ShrU,
}

/// `cmpps`/`cmppd` predicates.
const CMP_EQ: i8 = 0;
const CMP_LT: i8 = 1;
const CMP_LE: i8 = 2;
const CMP_UNORD: i8 = 3;
const CMP_NE: i8 = 4;

/// `roundps`/`roundpd` modes.
const ROUND_NEAREST: i8 = 0;
const ROUND_FLOOR: i8 = 1;
const ROUND_CEIL: i8 = 2;
const ROUND_TRUNC: i8 = 3;

/// 16-byte constants with every 8-, 16-, 32- or 64-bit lane the same.
fn splat8(b: u8) -> u128 {
    u128::from_le_bytes([b; 16])
}

fn splat16(w: u16) -> u128 {
    splat32(u32::from(w) | (u32::from(w) << 16))
}

fn splat32(d: u32) -> u128 {
    splat64(u64::from(d) | (u64::from(d) << 32))
}

fn splat64(q: u64) -> u128 {
    u128::from(q) | (u128::from(q) << 64)
}

/// The xmm scratch register.
const XS: u8 = 15;

impl Gen<'_> {
    /// Translates `op` if it is a SIMD operator.
    pub(super) fn simd(&mut self, op: &Operator<'_>) -> Result<bool> {
        use Lane::*;
        use Operator as O;
        match *op {
            // ---- constants, memory -----------------------------------------
            O::V128Const { value } => {
                let x = self.alloc_xmm();
                self.vconst(x, u128::from_le_bytes(*value.bytes()));
                self.push_v(x);
            }
            O::V128Load { memarg } => {
                self.vload(memarg, 16, |g, x, b, a, d| asm!(g; movdqu Rx(x), [Rq(b) + Rq(a) + d]))?
            }
            O::V128Load8x8S { memarg } => self.vload_extend(memarg, I8, true)?,
            O::V128Load8x8U { memarg } => self.vload_extend(memarg, I8, false)?,
            O::V128Load16x4S { memarg } => self.vload_extend(memarg, I16, true)?,
            O::V128Load16x4U { memarg } => self.vload_extend(memarg, I16, false)?,
            O::V128Load32x2S { memarg } => self.vload_extend(memarg, I32, true)?,
            O::V128Load32x2U { memarg } => self.vload_extend(memarg, I32, false)?,
            O::V128Load8Splat { memarg } => self.vload_splat(memarg, I8)?,
            O::V128Load16Splat { memarg } => self.vload_splat(memarg, I16)?,
            O::V128Load32Splat { memarg } => self.vload_splat(memarg, I32)?,
            O::V128Load64Splat { memarg } => self.vload_splat(memarg, I64)?,
            O::V128Load32Zero { memarg } => self.vload(
                memarg,
                4,
                |g, x, b, a, d| asm!(g; movd Rx(x), DWORD [Rq(b) + Rq(a) + d]),
            )?,
            O::V128Load64Zero { memarg } => self.vload(
                memarg,
                8,
                |g, x, b, a, d| asm!(g; movq Rx(x), QWORD [Rq(b) + Rq(a) + d]),
            )?,
            O::V128Load8Lane { memarg, lane } => self.vload_lane(memarg, I8, lane)?,
            O::V128Load16Lane { memarg, lane } => self.vload_lane(memarg, I16, lane)?,
            O::V128Load32Lane { memarg, lane } => self.vload_lane(memarg, I32, lane)?,
            O::V128Load64Lane { memarg, lane } => self.vload_lane(memarg, I64, lane)?,
            O::V128Store { memarg } => {
                self.vstore(memarg, 16, |g, x, b, a, d| asm!(g; movdqu [Rq(b) + Rq(a) + d], Rx(x)))?
            }
            O::V128Store8Lane { memarg, lane } => self.vstore_lane(memarg, I8, lane)?,
            O::V128Store16Lane { memarg, lane } => self.vstore_lane(memarg, I16, lane)?,
            O::V128Store32Lane { memarg, lane } => self.vstore_lane(memarg, I32, lane)?,
            O::V128Store64Lane { memarg, lane } => self.vstore_lane(memarg, I64, lane)?,

            // ---- lanes ---------------------------------------------------------
            O::I8x16Splat => self.splat_int(I8)?,
            O::I16x8Splat => self.splat_int(I16)?,
            O::I32x4Splat => self.splat_int(I32)?,
            O::I64x2Splat => self.splat_int(I64)?,
            O::F32x4Splat => self.vun(|g, x| asm!(g; pshufd Rx(x), Rx(x), 0))?,
            O::F64x2Splat => self.vun(|g, x| asm!(g; punpcklqdq Rx(x), Rx(x)))?,
            O::I8x16ExtractLaneS { lane } => self.extract_int(I8, Some(true), lane)?,
            O::I8x16ExtractLaneU { lane } => self.extract_int(I8, Some(false), lane)?,
            O::I16x8ExtractLaneS { lane } => self.extract_int(I16, Some(true), lane)?,
            O::I16x8ExtractLaneU { lane } => self.extract_int(I16, Some(false), lane)?,
            O::I32x4ExtractLane { lane } => self.extract_int(I32, None, lane)?,
            O::I64x2ExtractLane { lane } => self.extract_int(I64, None, lane)?,
            O::F32x4ExtractLane { lane } => {
                // insertps: source lane `lane` to lane 0, lanes 1..3 zeroed.
                let x = self.pop_xmm()?;
                let imm = ((lane << 6) | 0b1110) as i8;
                asm!(self; insertps Rx(x), Rx(x), imm);
                self.push(Kind::F32, Loc::Xmm(x));
            }
            O::F64x2ExtractLane { lane } => {
                let x = self.pop_xmm()?;
                if lane == 0 {
                    asm!(self; movq Rx(x), Rx(x));
                } else {
                    asm!(self; psrldq Rx(x), 8);
                }
                self.push(Kind::F64, Loc::Xmm(x));
            }
            O::I8x16ReplaceLane { lane } => self.replace_int(I8, lane)?,
            O::I16x8ReplaceLane { lane } => self.replace_int(I16, lane)?,
            O::I32x4ReplaceLane { lane } => self.replace_int(I32, lane)?,
            O::I64x2ReplaceLane { lane } => self.replace_int(I64, lane)?,
            O::F32x4ReplaceLane { lane } => {
                let imm = (lane << 4) as i8;
                self.vbin(|g, a, b| {
                    asm!(g; insertps Rx(a), Rx(b), imm);
                    a
                })?
            }
            O::F64x2ReplaceLane { lane } => self.vbin(|g, a, b| {
                if lane == 0 {
                    asm!(g; movsd Rx(a), Rx(b));
                } else {
                    asm!(g; movlhps Rx(a), Rx(b));
                }
                a
            })?,
            O::I8x16Shuffle { lanes } => self.shuffle(lanes)?,
            O::I8x16Swizzle => self.vbin(|g, a, s| g.swizzle(a, s))?,

            // ---- bitwise ------------------------------------------------------
            O::V128Not => self.vun(|g, x| g.not(x))?,
            O::V128And => self.vbin(sse!(pand))?,
            O::V128Or => self.vbin(sse!(por))?,
            O::V128Xor => self.vbin(sse!(pxor))?,
            // a & !b is `pandn b, a`.
            O::V128AndNot => self.vbin(sse_rev!(pandn))?,
            O::V128Bitselect => self.bitselect()?,
            O::V128AnyTrue => self.vtest(|g, x, r| asm!(g; ptest Rx(x), Rx(x) ; setnz Rb(r) ; movzx Rd(r), Rb(r)))?,
            O::I8x16AllTrue => self.all_true(I8)?,
            O::I16x8AllTrue => self.all_true(I16)?,
            O::I32x4AllTrue => self.all_true(I32)?,
            O::I64x2AllTrue => self.all_true(I64)?,
            O::I8x16Bitmask => self.vtest(|g, x, r| asm!(g; pmovmskb Rd(r), Rx(x)))?,
            O::I16x8Bitmask => self.vtest(|g, x, r| {
                // Signed saturation keeps each lane's sign in a byte.
                asm!(g; packsswb Rx(x), Rx(x) ; pmovmskb Rd(r), Rx(x) ; and Rd(r), 0xff)
            })?,
            O::I32x4Bitmask => self.vtest(|g, x, r| asm!(g; movmskps Rd(r), Rx(x)))?,
            O::I64x2Bitmask => self.vtest(|g, x, r| asm!(g; movmskpd Rd(r), Rx(x)))?,

            // ---- integer comparisons -------------------------------------------
            O::I8x16Eq => self.icmp(I8, Cmp::Eq)?,
            O::I8x16Ne => self.icmp(I8, Cmp::Ne)?,
            O::I8x16LtS => self.icmp(I8, Cmp::LtS)?,
            O::I8x16LtU => self.icmp(I8, Cmp::LtU)?,
            O::I8x16GtS => self.icmp(I8, Cmp::GtS)?,
            O::I8x16GtU => self.icmp(I8, Cmp::GtU)?,
            O::I8x16LeS => self.icmp(I8, Cmp::LeS)?,
            O::I8x16LeU => self.icmp(I8, Cmp::LeU)?,
            O::I8x16GeS => self.icmp(I8, Cmp::GeS)?,
            O::I8x16GeU => self.icmp(I8, Cmp::GeU)?,
            O::I16x8Eq => self.icmp(I16, Cmp::Eq)?,
            O::I16x8Ne => self.icmp(I16, Cmp::Ne)?,
            O::I16x8LtS => self.icmp(I16, Cmp::LtS)?,
            O::I16x8LtU => self.icmp(I16, Cmp::LtU)?,
            O::I16x8GtS => self.icmp(I16, Cmp::GtS)?,
            O::I16x8GtU => self.icmp(I16, Cmp::GtU)?,
            O::I16x8LeS => self.icmp(I16, Cmp::LeS)?,
            O::I16x8LeU => self.icmp(I16, Cmp::LeU)?,
            O::I16x8GeS => self.icmp(I16, Cmp::GeS)?,
            O::I16x8GeU => self.icmp(I16, Cmp::GeU)?,
            O::I32x4Eq => self.icmp(I32, Cmp::Eq)?,
            O::I32x4Ne => self.icmp(I32, Cmp::Ne)?,
            O::I32x4LtS => self.icmp(I32, Cmp::LtS)?,
            O::I32x4LtU => self.icmp(I32, Cmp::LtU)?,
            O::I32x4GtS => self.icmp(I32, Cmp::GtS)?,
            O::I32x4GtU => self.icmp(I32, Cmp::GtU)?,
            O::I32x4LeS => self.icmp(I32, Cmp::LeS)?,
            O::I32x4LeU => self.icmp(I32, Cmp::LeU)?,
            O::I32x4GeS => self.icmp(I32, Cmp::GeS)?,
            O::I32x4GeU => self.icmp(I32, Cmp::GeU)?,
            O::I64x2Eq => self.icmp(I64, Cmp::Eq)?,
            O::I64x2Ne => self.icmp(I64, Cmp::Ne)?,
            O::I64x2LtS => self.icmp(I64, Cmp::LtS)?,
            O::I64x2GtS => self.icmp(I64, Cmp::GtS)?,
            O::I64x2LeS => self.icmp(I64, Cmp::LeS)?,
            O::I64x2GeS => self.icmp(I64, Cmp::GeS)?,

            // ---- float comparisons ---------------------------------------------
            O::F32x4Eq => self.vfcmp(false, CMP_EQ, false)?,
            O::F32x4Ne => self.vfcmp(false, CMP_NE, false)?,
            O::F32x4Lt => self.vfcmp(false, CMP_LT, false)?,
            O::F32x4Le => self.vfcmp(false, CMP_LE, false)?,
            O::F32x4Gt => self.vfcmp(false, CMP_LT, true)?,
            O::F32x4Ge => self.vfcmp(false, CMP_LE, true)?,
            O::F64x2Eq => self.vfcmp(true, CMP_EQ, false)?,
            O::F64x2Ne => self.vfcmp(true, CMP_NE, false)?,
            O::F64x2Lt => self.vfcmp(true, CMP_LT, false)?,
            O::F64x2Le => self.vfcmp(true, CMP_LE, false)?,
            O::F64x2Gt => self.vfcmp(true, CMP_LT, true)?,
            O::F64x2Ge => self.vfcmp(true, CMP_LE, true)?,

            // ---- integer arithmetic ----------------------------------------------
            O::I8x16Add => self.vbin(sse!(paddb))?,
            O::I16x8Add => self.vbin(sse!(paddw))?,
            O::I32x4Add => self.vbin(sse!(paddd))?,
            O::I64x2Add => self.vbin(sse!(paddq))?,
            O::I8x16Sub => self.vbin(sse!(psubb))?,
            O::I16x8Sub => self.vbin(sse!(psubw))?,
            O::I32x4Sub => self.vbin(sse!(psubd))?,
            O::I64x2Sub => self.vbin(sse!(psubq))?,
            O::I8x16AddSatS => self.vbin(sse!(paddsb))?,
            O::I8x16AddSatU => self.vbin(sse!(paddusb))?,
            O::I8x16SubSatS => self.vbin(sse!(psubsb))?,
            O::I8x16SubSatU => self.vbin(sse!(psubusb))?,
            O::I16x8AddSatS => self.vbin(sse!(paddsw))?,
            O::I16x8AddSatU => self.vbin(sse!(paddusw))?,
            O::I16x8SubSatS => self.vbin(sse!(psubsw))?,
            O::I16x8SubSatU => self.vbin(sse!(psubusw))?,
            O::I8x16MinS => self.vbin(|g, a, b| g.pmin(I8, true, a, b))?,
            O::I8x16MinU => self.vbin(|g, a, b| g.pmin(I8, false, a, b))?,
            O::I8x16MaxS => self.vbin(|g, a, b| g.pmax(I8, true, a, b))?,
            O::I8x16MaxU => self.vbin(|g, a, b| g.pmax(I8, false, a, b))?,
            O::I16x8MinS => self.vbin(|g, a, b| g.pmin(I16, true, a, b))?,
            O::I16x8MinU => self.vbin(|g, a, b| g.pmin(I16, false, a, b))?,
            O::I16x8MaxS => self.vbin(|g, a, b| g.pmax(I16, true, a, b))?,
            O::I16x8MaxU => self.vbin(|g, a, b| g.pmax(I16, false, a, b))?,
            O::I32x4MinS => self.vbin(|g, a, b| g.pmin(I32, true, a, b))?,
            O::I32x4MinU => self.vbin(|g, a, b| g.pmin(I32, false, a, b))?,
            O::I32x4MaxS => self.vbin(|g, a, b| g.pmax(I32, true, a, b))?,
            O::I32x4MaxU => self.vbin(|g, a, b| g.pmax(I32, false, a, b))?,
            O::I8x16AvgrU => self.vbin(sse!(pavgb))?,
            O::I16x8AvgrU => self.vbin(sse!(pavgw))?,
            O::I16x8Mul => self.vbin(sse!(pmullw))?,
            O::I32x4Mul => self.vbin(sse!(pmulld))?,
            O::I64x2Mul => self.vbin(|g, a, b| g.i64x2_mul(a, b))?,
            O::I8x16Neg => self.vneg(I8)?,
            O::I16x8Neg => self.vneg(I16)?,
            O::I32x4Neg => self.vneg(I32)?,
            O::I64x2Neg => self.vneg(I64)?,
            O::I8x16Abs => self.vun(|g, x| asm!(g; pabsb Rx(x), Rx(x)))?,
            O::I16x8Abs => self.vun(|g, x| asm!(g; pabsw Rx(x), Rx(x)))?,
            O::I32x4Abs => self.vun(|g, x| asm!(g; pabsd Rx(x), Rx(x)))?,
            O::I64x2Abs => self.vun(|g, x| {
                // (x ^ s) - s with s the lanes' sign masks.
                g.sign64(XS, x);
                asm!(g; pxor Rx(x), Rx(XS) ; psubq Rx(x), Rx(XS));
            })?,
            O::I8x16Popcnt => self.popcnt()?,
            O::I16x8Q15MulrSatS => self.vbin(|g, a, b| g.q15mulr_sat(a, b))?,
            O::I32x4DotI16x8S => self.vbin(sse!(pmaddwd))?,

            // ---- shifts -----------------------------------------------------------
            O::I8x16Shl => self.vshift(I8, Shift::Shl)?,
            O::I8x16ShrS => self.vshift(I8, Shift::ShrS)?,
            O::I8x16ShrU => self.vshift(I8, Shift::ShrU)?,
            O::I16x8Shl => self.vshift(I16, Shift::Shl)?,
            O::I16x8ShrS => self.vshift(I16, Shift::ShrS)?,
            O::I16x8ShrU => self.vshift(I16, Shift::ShrU)?,
            O::I32x4Shl => self.vshift(I32, Shift::Shl)?,
            O::I32x4ShrS => self.vshift(I32, Shift::ShrS)?,
            O::I32x4ShrU => self.vshift(I32, Shift::ShrU)?,
            O::I64x2Shl => self.vshift(I64, Shift::Shl)?,
            O::I64x2ShrS => self.vshift(I64, Shift::ShrS)?,
            O::I64x2ShrU => self.vshift(I64, Shift::ShrU)?,

            // ---- narrowing, widening ----------------------------------------------
            O::I8x16NarrowI16x8S => self.vbin(sse!(packsswb))?,
            O::I8x16NarrowI16x8U => self.vbin(sse!(packuswb))?,
            O::I16x8NarrowI32x4S => self.vbin(sse!(packssdw))?,
            O::I16x8NarrowI32x4U => self.vbin(sse!(packusdw))?,
            O::I16x8ExtendLowI8x16S => self.vun(|g, x| g.extend(I8, true, false, x))?,
            O::I16x8ExtendHighI8x16S => self.vun(|g, x| g.extend(I8, true, true, x))?,
            O::I16x8ExtendLowI8x16U => self.vun(|g, x| g.extend(I8, false, false, x))?,
            O::I16x8ExtendHighI8x16U => self.vun(|g, x| g.extend(I8, false, true, x))?,
            O::I32x4ExtendLowI16x8S => self.vun(|g, x| g.extend(I16, true, false, x))?,
            O::I32x4ExtendHighI16x8S => self.vun(|g, x| g.extend(I16, true, true, x))?,
            O::I32x4ExtendLowI16x8U => self.vun(|g, x| g.extend(I16, false, false, x))?,
            O::I32x4ExtendHighI16x8U => self.vun(|g, x| g.extend(I16, false, true, x))?,
            O::I64x2ExtendLowI32x4S => self.vun(|g, x| g.extend(I32, true, false, x))?,
            O::I64x2ExtendHighI32x4S => self.vun(|g, x| g.extend(I32, true, true, x))?,
            O::I64x2ExtendLowI32x4U => self.vun(|g, x| g.extend(I32, false, false, x))?,
            O::I64x2ExtendHighI32x4U => self.vun(|g, x| g.extend(I32, false, true, x))?,
            O::I16x8ExtMulLowI8x16S => self.extmul(I8, true, false)?,
            O::I16x8ExtMulHighI8x16S => self.extmul(I8, true, true)?,
            O::I16x8ExtMulLowI8x16U => self.extmul(I8, false, false)?,
            O::I16x8ExtMulHighI8x16U => self.extmul(I8, false, true)?,
            O::I32x4ExtMulLowI16x8S => self.extmul(I16, true, false)?,
            O::I32x4ExtMulHighI16x8S => self.extmul(I16, true, true)?,
            O::I32x4ExtMulLowI16x8U => self.extmul(I16, false, false)?,
            O::I32x4ExtMulHighI16x8U => self.extmul(I16, false, true)?,
            O::I64x2ExtMulLowI32x4S => self.extmul(I32, true, false)?,
            O::I64x2ExtMulHighI32x4S => self.extmul(I32, true, true)?,
            O::I64x2ExtMulLowI32x4U => self.extmul(I32, false, false)?,
            O::I64x2ExtMulHighI32x4U => self.extmul(I32, false, true)?,
            O::I16x8ExtAddPairwiseI8x16S => self.vun(|g, x| {
                // pmaddubsw: unsigned bytes of the destination (ones) times
                // signed bytes of the source, adjacent products added.
                g.vconst(XS, splat8(1));
                asm!(g; pmaddubsw Rx(XS), Rx(x) ; movdqa Rx(x), Rx(XS));
            })?,
            O::I16x8ExtAddPairwiseI8x16U => self.vun(|g, x| {
                g.vconst(XS, splat8(1));
                asm!(g; pmaddubsw Rx(x), Rx(XS));
            })?,
            O::I32x4ExtAddPairwiseI16x8S => self.vun(|g, x| {
                g.vconst(XS, splat16(1));
                asm!(g; pmaddwd Rx(x), Rx(XS));
            })?,
            O::I32x4ExtAddPairwiseI16x8U => self.vun(|g, x| {
                // Bias the lanes to signed (-0x8000), add pairs with
                // pmaddwd, then add back 2 * 0x8000.
                g.vconst(XS, splat16(0x8000));
                asm!(g; pxor Rx(x), Rx(XS));
                g.vconst(XS, splat16(1));
                asm!(g; pmaddwd Rx(x), Rx(XS));
                g.vconst(XS, splat32(0x1_0000));
                asm!(g; paddd Rx(x), Rx(XS));
            })?,

            // ---- float arithmetic -------------------------------------------------
            O::F32x4Add => self.vbin(sse!(addps))?,
            O::F32x4Sub => self.vbin(sse!(subps))?,
            O::F32x4Mul => self.vbin(sse!(mulps))?,
            O::F32x4Div => self.vbin(sse!(divps))?,
            O::F64x2Add => self.vbin(sse!(addpd))?,
            O::F64x2Sub => self.vbin(sse!(subpd))?,
            O::F64x2Mul => self.vbin(sse!(mulpd))?,
            O::F64x2Div => self.vbin(sse!(divpd))?,
            O::F32x4Sqrt => self.vun(|g, x| asm!(g; sqrtps Rx(x), Rx(x)))?,
            O::F64x2Sqrt => self.vun(|g, x| asm!(g; sqrtpd Rx(x), Rx(x)))?,
            O::F32x4Abs => self.vun(|g, x| asm!(g; pcmpeqd Rx(XS), Rx(XS) ; psrld Rx(XS), 1 ; andps Rx(x), Rx(XS)))?,
            O::F64x2Abs => self.vun(|g, x| asm!(g; pcmpeqd Rx(XS), Rx(XS) ; psrlq Rx(XS), 1 ; andpd Rx(x), Rx(XS)))?,
            O::F32x4Neg => self.vun(|g, x| asm!(g; pcmpeqd Rx(XS), Rx(XS) ; pslld Rx(XS), 31 ; xorps Rx(x), Rx(XS)))?,
            O::F64x2Neg => self.vun(|g, x| asm!(g; pcmpeqd Rx(XS), Rx(XS) ; psllq Rx(XS), 63 ; xorpd Rx(x), Rx(XS)))?,
            O::F32x4Ceil => self.vun(|g, x| asm!(g; roundps Rx(x), Rx(x), ROUND_CEIL))?,
            O::F32x4Floor => self.vun(|g, x| asm!(g; roundps Rx(x), Rx(x), ROUND_FLOOR))?,
            O::F32x4Trunc => self.vun(|g, x| asm!(g; roundps Rx(x), Rx(x), ROUND_TRUNC))?,
            O::F32x4Nearest => self.vun(|g, x| asm!(g; roundps Rx(x), Rx(x), ROUND_NEAREST))?,
            O::F64x2Ceil => self.vun(|g, x| asm!(g; roundpd Rx(x), Rx(x), ROUND_CEIL))?,
            O::F64x2Floor => self.vun(|g, x| asm!(g; roundpd Rx(x), Rx(x), ROUND_FLOOR))?,
            O::F64x2Trunc => self.vun(|g, x| asm!(g; roundpd Rx(x), Rx(x), ROUND_TRUNC))?,
            O::F64x2Nearest => self.vun(|g, x| asm!(g; roundpd Rx(x), Rx(x), ROUND_NEAREST))?,
            O::F32x4Min => self.vbin(|g, a, b| g.fmin(false, a, b))?,
            O::F64x2Min => self.vbin(|g, a, b| g.fmin(true, a, b))?,
            O::F32x4Max => self.vbin(|g, a, b| g.fmax(false, a, b))?,
            O::F64x2Max => self.vbin(|g, a, b| g.fmax(true, a, b))?,
            // pmin is `b < a ? b : a`, which is `minps b, a`; pmax likewise.
            O::F32x4PMin => self.vbin(sse_rev!(minps))?,
            O::F32x4PMax => self.vbin(sse_rev!(maxps))?,
            O::F64x2PMin => self.vbin(sse_rev!(minpd))?,
            O::F64x2PMax => self.vbin(sse_rev!(maxpd))?,

            // ---- conversions ------------------------------------------------------
            O::F32x4ConvertI32x4S => self.vun(|g, x| asm!(g; cvtdq2ps Rx(x), Rx(x)))?,
            O::F32x4ConvertI32x4U => self.vun(|g, x| g.f32x4_convert_u(x))?,
            O::F64x2ConvertLowI32x4S => self.vun(|g, x| asm!(g; cvtdq2pd Rx(x), Rx(x)))?,
            O::F64x2ConvertLowI32x4U => self.vun(|g, x| {
                // Each u32 as the low half of 2^52 + u, minus 2^52.
                g.vconst(XS, splat32(0x4330_0000));
                asm!(g; unpcklps Rx(x), Rx(XS));
                g.vconst(XS, splat64(0x4330_0000_0000_0000));
                asm!(g; subpd Rx(x), Rx(XS));
            })?,
            O::F32x4DemoteF64x2Zero => self.vun(|g, x| asm!(g; cvtpd2ps Rx(x), Rx(x)))?,
            O::F64x2PromoteLowF32x4 => self.vun(|g, x| asm!(g; cvtps2pd Rx(x), Rx(x)))?,
            O::I32x4TruncSatF32x4S => self.vun(|g, x| g.trunc_sat_f32x4_s(x))?,
            O::I32x4TruncSatF32x4U => self.vun(|g, x| g.trunc_sat_f32x4_u(x))?,
            O::I32x4TruncSatF64x2SZero => self.vun(|g, x| g.trunc_sat_f64x2_s_zero(x))?,
            O::I32x4TruncSatF64x2UZero => self.vun(|g, x| g.trunc_sat_f64x2_u_zero(x))?,

            // ---- relaxed SIMD ------------------------------------------------------
            // Each operator gives the result of the configured mode (the
            // table in the docs of `Config::relaxed_simd_deterministic`):
            // the default mode takes the instruction x86-64 has, the
            // deterministic one the Wasm 2.0 sequence or its own.
            O::I8x16RelaxedSwizzle => {
                if self.opts.relaxed_simd_deterministic {
                    self.vbin(|g, a, s| g.swizzle(a, s))?
                } else {
                    self.vbin(sse!(pshufb))?
                }
            }
            O::I32x4RelaxedTruncF32x4S => {
                if self.opts.relaxed_simd_deterministic {
                    self.vun(|g, x| g.trunc_sat_f32x4_s(x))?
                } else {
                    self.vun(|g, x| asm!(g; cvttps2dq Rx(x), Rx(x)))?
                }
            }
            O::I32x4RelaxedTruncF64x2SZero => {
                if self.opts.relaxed_simd_deterministic {
                    self.vun(|g, x| g.trunc_sat_f64x2_s_zero(x))?
                } else {
                    self.vun(|g, x| asm!(g; cvttpd2dq Rx(x), Rx(x)))?
                }
            }
            O::I32x4RelaxedTruncF32x4U => self.vun(|g, x| g.trunc_sat_f32x4_u(x))?,
            O::I32x4RelaxedTruncF64x2UZero => self.vun(|g, x| g.trunc_sat_f64x2_u_zero(x))?,
            O::F32x4RelaxedMadd => self.madd(false, false)?,
            O::F32x4RelaxedNmadd => self.madd(false, true)?,
            O::F64x2RelaxedMadd => self.madd(true, false)?,
            O::F64x2RelaxedNmadd => self.madd(true, true)?,
            O::I8x16RelaxedLaneselect
            | O::I16x8RelaxedLaneselect
            | O::I32x4RelaxedLaneselect
            | O::I64x2RelaxedLaneselect => self.bitselect()?,
            O::F32x4RelaxedMin => self.relaxed_min_max(false, true)?,
            O::F32x4RelaxedMax => self.relaxed_min_max(false, false)?,
            O::F64x2RelaxedMin => self.relaxed_min_max(true, true)?,
            O::F64x2RelaxedMax => self.relaxed_min_max(true, false)?,
            O::I16x8RelaxedQ15mulrS => {
                if self.opts.relaxed_simd_deterministic {
                    self.vbin(|g, a, b| g.q15mulr_sat(a, b))?
                } else {
                    self.vbin(sse!(pmulhrsw))?
                }
            }
            O::I16x8RelaxedDotI8x16I7x16S => self.vbin(|g, a, b| g.relaxed_dot(a, b))?,
            O::I32x4RelaxedDotI8x16I7x16AddS => {
                let c = self.pop_xmm()?;
                let b = self.pop_xmm()?;
                let a = self.pop_xmm()?;
                let r = self.relaxed_dot(a, b);
                self.free_xmm(if r == a { b } else { a });
                // Pairs of 16-bit lanes added (pmaddwd by ones), plus c.
                self.vconst(XS, splat16(1));
                asm!(self; pmaddwd Rx(r), Rx(XS) ; paddd Rx(r), Rx(c));
                self.free_xmm(c);
                self.push_v(r);
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    // ---- shared by Wasm 2.0 and relaxed operators -----------------------------

    /// `i8x16.swizzle` of `a` by `s`: indices of 16 and more get their top
    /// bit set (saturating add of 0x70), which pshufb reads as 0.
    fn swizzle(&mut self, a: u8, s: u8) -> u8 {
        self.vconst(XS, splat8(0x70));
        asm!(self; paddusb Rx(s), Rx(XS) ; pshufb Rx(a), Rx(s));
        a
    }

    /// `v128.bitselect` (and every `relaxed_laneselect`) of the top three
    /// values: `(v1 & c) | (v2 & !c)`.
    fn bitselect(&mut self) -> Result<()> {
        let c = self.pop_xmm()?;
        let v2 = self.pop_xmm()?;
        let v1 = self.pop_xmm()?;
        asm!(self; pand Rx(v1), Rx(c) ; pandn Rx(c), Rx(v2) ; por Rx(v1), Rx(c));
        self.free_xmm(c);
        self.free_xmm(v2);
        self.push_v(v1);
        Ok(())
    }

    /// `i16x8.q15mulr_sat_s`: pmulhrsw gives 0x8000 only for 0x8000 *
    /// 0x8000, which saturates to 0x7fff. Returns `a`.
    fn q15mulr_sat(&mut self, a: u8, b: u8) -> u8 {
        asm!(self; pmulhrsw Rx(a), Rx(b));
        self.vconst(XS, splat16(0x8000));
        asm!(self; pcmpeqw Rx(XS), Rx(a) ; pxor Rx(a), Rx(XS));
        a
    }

    // ---- relaxed SIMD --------------------------------------------------------------

    /// `relaxed_madd` (`a * b + c`) or, with `neg`, `relaxed_nmadd`
    /// (`-(a * b) + c`, computed as `c - a * b`, the same IEEE operation) of
    /// the top three values, unfused in both modes (SSE4.1 has no FMA); in
    /// the deterministic mode NaN results are made the positive canonical
    /// NaN.
    fn madd(&mut self, f64: bool, neg: bool) -> Result<()> {
        let c = self.pop_xmm()?;
        let b = self.pop_xmm()?;
        let a = self.pop_xmm()?;
        let r = match (f64, neg) {
            (false, false) => {
                asm!(self; mulps Rx(a), Rx(b) ; addps Rx(a), Rx(c));
                a
            }
            (false, true) => {
                asm!(self; mulps Rx(a), Rx(b) ; subps Rx(c), Rx(a));
                c
            }
            (true, false) => {
                asm!(self; mulpd Rx(a), Rx(b) ; addpd Rx(a), Rx(c));
                a
            }
            (true, true) => {
                asm!(self; mulpd Rx(a), Rx(b) ; subpd Rx(c), Rx(a));
                c
            }
        };
        if self.opts.relaxed_simd_deterministic {
            self.canonicalize_nans(f64, r);
        }
        for x in [a, b, c] {
            if x != r {
                self.free_xmm(x);
            }
        }
        self.push_v(r);
        Ok(())
    }

    /// `relaxed_min` (`min`) or `relaxed_max` of the top two values: in the
    /// default mode `pmin`/`pmax` (`minps b, a`: the first operand when
    /// either is NaN or both are zeros); in the deterministic mode Wasm
    /// `min`/`max` with NaN results made the positive canonical NaN.
    fn relaxed_min_max(&mut self, f64: bool, min: bool) -> Result<()> {
        if self.opts.relaxed_simd_deterministic {
            return self.vbin(|g, a, b| {
                let r = if min { g.fmin(f64, a, b) } else { g.fmax(f64, a, b) };
                g.canonicalize_nans(f64, r);
                r
            });
        }
        match (f64, min) {
            (false, true) => self.vbin(sse_rev!(minps)),
            (false, false) => self.vbin(sse_rev!(maxps)),
            (true, true) => self.vbin(sse_rev!(minpd)),
            (true, false) => self.vbin(sse_rev!(maxpd)),
        }
    }

    /// Replaces the NaN lanes of `r` with the positive canonical NaN:
    /// `r ^= (r ^ canonical) & unordered(r, r)`.
    fn canonicalize_nans(&mut self, f64: bool, r: u8) {
        let m = self.alloc_xmm();
        if f64 {
            asm!(self; movapd Rx(m), Rx(r) ; cmppd Rx(m), Rx(m), CMP_UNORD);
            self.vconst(XS, splat64(0x7ff8_0000_0000_0000));
        } else {
            asm!(self; movaps Rx(m), Rx(r) ; cmpps Rx(m), Rx(m), CMP_UNORD);
            self.vconst(XS, splat32(0x7fc0_0000));
        }
        asm!(self; xorps Rx(XS), Rx(r) ; andps Rx(XS), Rx(m) ; xorps Rx(r), Rx(XS));
        self.free_xmm(m);
    }

    /// `i16x8.relaxed_dot_i8x16_i7x16_s` of `a` and `b`; returns the
    /// register holding the result (`a` or `b`). Default mode: pmaddubsw,
    /// unsigned bytes of its destination (`b`) times signed bytes of its
    /// source (`a`), pairs added with signed saturation. Deterministic
    /// mode: signed bytes times signed bytes, the even and the odd bytes
    /// sign-extended to 16-bit lanes, multiplied, and the two products
    /// added with signed saturation.
    fn relaxed_dot(&mut self, a: u8, b: u8) -> u8 {
        if !self.opts.relaxed_simd_deterministic {
            asm!(self; pmaddubsw Rx(b), Rx(a));
            return b;
        }
        let t = self.alloc_xmm();
        asm!(self
            ; movdqa Rx(t), Rx(a)
            ; psllw Rx(t), 8
            ; psraw Rx(t), 8
            ; psraw Rx(a), 8
            ; movdqa Rx(XS), Rx(b)
            ; psllw Rx(XS), 8
            ; psraw Rx(XS), 8
            ; psraw Rx(b), 8
            ; pmullw Rx(t), Rx(XS)
            ; pmullw Rx(a), Rx(b)
            ; paddsw Rx(a), Rx(t)
        );
        self.free_xmm(t);
        a
    }

    // ---- plumbing ------------------------------------------------------------

    fn push_v(&mut self, x: u8) {
        self.push(Kind::V128, Loc::Xmm(x));
    }

    /// `x` = the 16-byte constant `v` (from the function's pool).
    pub(crate) fn vconst(&mut self, x: u8, v: u128) {
        if v == 0 {
            asm!(self; pxor Rx(x), Rx(x));
        } else if v == u128::MAX {
            asm!(self; pcmpeqd Rx(x), Rx(x));
        } else {
            let label = match self.consts.iter().find(|c| c.0 == v) {
                Some(c) => c.1,
                None => {
                    let l = self.a.ops.new_dynamic_label();
                    self.consts.push((v, l));
                    l
                }
            };
            asm!(self; movdqu Rx(x), [=>label]);
        }
    }

    /// Places the constant pool (after the code and trap stubs).
    pub(crate) fn emit_const_pool(&mut self) {
        if self.consts.is_empty() {
            return;
        }
        asm!(self; .align 16);
        for (v, label) in std::mem::take(&mut self.consts) {
            asm!(self; =>label);
            self.a.ops.extend(v.to_le_bytes());
        }
    }

    /// A unary operation in place on the top value.
    fn vun(&mut self, f: impl FnOnce(&mut Self, u8)) -> Result<()> {
        let x = self.pop_xmm()?;
        f(self, x);
        self.push_v(x);
        Ok(())
    }

    /// A binary operation on the top two values `a`, `b` (in registers the
    /// operation may clobber); `f` returns the one holding the result.
    fn vbin(&mut self, f: impl FnOnce(&mut Self, u8, u8) -> u8) -> Result<()> {
        let b = self.pop_xmm()?;
        let a = self.pop_xmm()?;
        let r = f(self, a, b);
        self.free_xmm(if r == a { b } else { a });
        self.push_v(r);
        Ok(())
    }

    /// A `v128 -> i32` operation: `f(vector, result register)`.
    fn vtest(&mut self, f: impl FnOnce(&mut Self, u8, u8)) -> Result<()> {
        let x = self.pop_xmm()?;
        let r = self.alloc_gpr();
        f(self, x, r);
        self.free_xmm(x);
        self.push(Kind::I32, Loc::Gpr(r));
        Ok(())
    }

    /// `x = !x`.
    fn not(&mut self, x: u8) {
        asm!(self; pcmpeqd Rx(XS), Rx(XS) ; pxor Rx(x), Rx(XS));
    }

    /// `s` = the sign mask (all ones or zeros) of each 64-bit lane of `x`.
    fn sign64(&mut self, s: u8, x: u8) {
        asm!(self; pshufd Rx(s), Rx(x), 0xf5u8 as i8 ; psrad Rx(s), 31);
    }

    // ---- memory ----------------------------------------------------------------

    /// Pops the address, checks the access of `size` bytes, and emits the
    /// access `f(self, base, index, displacement)` right after its trap
    /// site when the guard pages check it.
    fn access(&mut self, memarg: MemArg, size: u64, f: impl FnOnce(&mut Self, u8, u8, i32)) -> Result<()> {
        let (a, _) = self.pop_gpr()?;
        let (base, disp, guarded) = self.address(memarg, size, a)?;
        if guarded {
            self.a.trap_site(TrapSite::Code(TrapCode::MemoryOutOfBounds));
        }
        f(self, base, a, disp);
        self.free_gpr(a);
        Ok(())
    }

    /// A load of `size` bytes into a new vector: `f(self, x, base, index, disp)`.
    fn vload(&mut self, memarg: MemArg, size: u64, f: impl FnOnce(&mut Self, u8, u8, u8, i32)) -> Result<()> {
        let x = self.alloc_xmm();
        self.access(memarg, size, |g, b, a, d| f(g, x, b, a, d))?;
        self.push_v(x);
        Ok(())
    }

    /// `v128.loadNxM_s/u`: 8 bytes, each lane extended.
    fn vload_extend(&mut self, memarg: MemArg, lane: Lane, signed: bool) -> Result<()> {
        self.vload(memarg, 8, |g, x, b, a, d| {
            asm!(g; movq Rx(x), QWORD [Rq(b) + Rq(a) + d]);
            g.extend(lane, signed, false, x);
        })
    }

    /// `v128.loadN_splat`.
    fn vload_splat(&mut self, memarg: MemArg, lane: Lane) -> Result<()> {
        let size = u64::from(lane.bits() / 8);
        self.vload(memarg, size, |g, x, b, a, d| match lane {
            Lane::I8 => {
                asm!(g; movzx Rd(a), BYTE [Rq(b) + Rq(a) + d]);
                g.splat_gpr(Lane::I8, x, a);
            }
            Lane::I16 => {
                asm!(g; movzx Rd(a), WORD [Rq(b) + Rq(a) + d]);
                g.splat_gpr(Lane::I16, x, a);
            }
            Lane::I32 => asm!(g; movd Rx(x), DWORD [Rq(b) + Rq(a) + d] ; pshufd Rx(x), Rx(x), 0),
            Lane::I64 => asm!(g; movq Rx(x), QWORD [Rq(b) + Rq(a) + d] ; punpcklqdq Rx(x), Rx(x)),
        })
    }

    /// `v128.loadN_lane`: the vector is on top, the address below it.
    fn vload_lane(&mut self, memarg: MemArg, lane: Lane, i: u8) -> Result<()> {
        let x = self.pop_xmm()?;
        let size = u64::from(lane.bits() / 8);
        let i = i as i8;
        self.access(memarg, size, |g, b, a, d| match lane {
            Lane::I8 => asm!(g; pinsrb Rx(x), [Rq(b) + Rq(a) + d], i),
            Lane::I16 => asm!(g; pinsrw Rx(x), WORD [Rq(b) + Rq(a) + d], i),
            Lane::I32 => asm!(g; pinsrd Rx(x), DWORD [Rq(b) + Rq(a) + d], i),
            Lane::I64 => asm!(g; pinsrq Rx(x), QWORD [Rq(b) + Rq(a) + d], i),
        })?;
        self.push_v(x);
        Ok(())
    }

    /// A store of the top vector: `f(self, x, base, index, disp)`.
    fn vstore(&mut self, memarg: MemArg, size: u64, f: impl FnOnce(&mut Self, u8, u8, u8, i32)) -> Result<()> {
        let x = self.pop_xmm()?;
        self.access(memarg, size, |g, b, a, d| f(g, x, b, a, d))?;
        self.free_xmm(x);
        Ok(())
    }

    /// `v128.storeN_lane`.
    fn vstore_lane(&mut self, memarg: MemArg, lane: Lane, i: u8) -> Result<()> {
        let size = u64::from(lane.bits() / 8);
        let i = i as i8;
        self.vstore(memarg, size, |g, x, b, a, d| match lane {
            Lane::I8 => asm!(g; pextrb BYTE [Rq(b) + Rq(a) + d], Rx(x), i),
            Lane::I16 => asm!(g; pextrw WORD [Rq(b) + Rq(a) + d], Rx(x), i),
            Lane::I32 => asm!(g; pextrd DWORD [Rq(b) + Rq(a) + d], Rx(x), i),
            Lane::I64 => asm!(g; pextrq QWORD [Rq(b) + Rq(a) + d], Rx(x), i),
        })
    }

    // ---- lanes -----------------------------------------------------------------

    /// `x` = every lane of shape `lane` set to the low bits of `r`.
    fn splat_gpr(&mut self, lane: Lane, x: u8, r: u8) {
        match lane {
            Lane::I8 => asm!(self; movd Rx(x), Rd(r) ; pxor Rx(XS), Rx(XS) ; pshufb Rx(x), Rx(XS)),
            Lane::I16 => asm!(self; movd Rx(x), Rd(r) ; pshuflw Rx(x), Rx(x), 0 ; pshufd Rx(x), Rx(x), 0),
            Lane::I32 => asm!(self; movd Rx(x), Rd(r) ; pshufd Rx(x), Rx(x), 0),
            Lane::I64 => asm!(self; movq Rx(x), Rq(r) ; punpcklqdq Rx(x), Rx(x)),
        }
    }

    fn splat_int(&mut self, lane: Lane) -> Result<()> {
        let (r, _) = self.pop_gpr()?;
        let x = self.alloc_xmm();
        self.splat_gpr(lane, x, r);
        self.free_gpr(r);
        self.push_v(x);
        Ok(())
    }

    /// `extract_lane` of an integer lane; `signed` for the 8- and 16-bit
    /// lanes. The `i32` results are zero-extended, as everywhere.
    fn extract_int(&mut self, lane: Lane, signed: Option<bool>, i: u8) -> Result<()> {
        let x = self.pop_xmm()?;
        let r = self.alloc_gpr();
        let i = i as i8;
        match lane {
            Lane::I8 => asm!(self; pextrb Rd(r), Rx(x), i),
            Lane::I16 => asm!(self; pextrw Rd(r), Rx(x), i),
            Lane::I32 => asm!(self; pextrd Rd(r), Rx(x), i),
            Lane::I64 => asm!(self; pextrq Rq(r), Rx(x), i),
        }
        if signed == Some(true) {
            match lane {
                Lane::I8 => asm!(self; movsx Rd(r), Rb(r)),
                _ => asm!(self; movsx Rd(r), Rw(r)),
            }
        }
        self.free_xmm(x);
        let kind = if lane == Lane::I64 { Kind::I64 } else { Kind::I32 };
        self.push(kind, Loc::Gpr(r));
        Ok(())
    }

    fn replace_int(&mut self, lane: Lane, i: u8) -> Result<()> {
        let (r, _) = self.pop_gpr()?;
        let x = self.pop_xmm()?;
        let i = i as i8;
        match lane {
            Lane::I8 => asm!(self; pinsrb Rx(x), Rd(r), i),
            Lane::I16 => asm!(self; pinsrw Rx(x), Rd(r), i),
            Lane::I32 => asm!(self; pinsrd Rx(x), Rd(r), i),
            Lane::I64 => asm!(self; pinsrq Rx(x), Rq(r), i),
        }
        self.free_gpr(r);
        self.push_v(x);
        Ok(())
    }

    /// `i8x16.shuffle`: a pshufb of each operand with the lanes it gives
    /// (the others' indices have the top bit set, which gives 0), or'ed.
    fn shuffle(&mut self, lanes: [u8; 16]) -> Result<()> {
        let pick =
            |from: u8| u128::from_le_bytes(lanes.map(|l| if (from..from + 16).contains(&l) { l - from } else { 0x80 }));
        let (from_a, from_b) = (pick(0), pick(16));
        self.vbin(|g, a, b| {
            g.vconst(XS, from_a);
            asm!(g; pshufb Rx(a), Rx(XS));
            g.vconst(XS, from_b);
            asm!(g; pshufb Rx(b), Rx(XS) ; por Rx(a), Rx(b));
            a
        })
    }

    /// `x` = the low or high half of `x`'s `lane`s, each extended to twice
    /// its width.
    fn extend(&mut self, lane: Lane, signed: bool, high: bool, x: u8) {
        if high {
            asm!(self; pshufd Rx(x), Rx(x), 0xee_u8 as i8);
        }
        match (lane, signed) {
            (Lane::I8, true) => asm!(self; pmovsxbw Rx(x), Rx(x)),
            (Lane::I8, false) => asm!(self; pmovzxbw Rx(x), Rx(x)),
            (Lane::I16, true) => asm!(self; pmovsxwd Rx(x), Rx(x)),
            (Lane::I16, false) => asm!(self; pmovzxwd Rx(x), Rx(x)),
            (_, true) => asm!(self; pmovsxdq Rx(x), Rx(x)),
            (_, false) => asm!(self; pmovzxdq Rx(x), Rx(x)),
        }
    }

    /// `extmul_low/high`: both operands extended, then multiplied.
    fn extmul(&mut self, lane: Lane, signed: bool, high: bool) -> Result<()> {
        self.vbin(|g, a, b| {
            g.extend(lane, signed, high, a);
            g.extend(lane, signed, high, b);
            match (lane.wider(), signed) {
                (Lane::I16, _) => asm!(g; pmullw Rx(a), Rx(b)),
                (Lane::I32, _) => asm!(g; pmulld Rx(a), Rx(b)),
                // The 32-bit values are the low halves of the 64-bit lanes.
                (_, true) => asm!(g; pmuldq Rx(a), Rx(b)),
                (_, false) => asm!(g; pmuludq Rx(a), Rx(b)),
            }
            a
        })
    }

    // ---- integer arithmetic ------------------------------------------------------

    fn vneg(&mut self, lane: Lane) -> Result<()> {
        self.vun(|g, x| {
            asm!(g; pxor Rx(XS), Rx(XS));
            match lane {
                Lane::I8 => asm!(g; psubb Rx(XS), Rx(x)),
                Lane::I16 => asm!(g; psubw Rx(XS), Rx(x)),
                Lane::I32 => asm!(g; psubd Rx(XS), Rx(x)),
                Lane::I64 => asm!(g; psubq Rx(XS), Rx(x)),
            }
            asm!(g; movdqa Rx(x), Rx(XS));
        })
    }

    /// `a = min(a, b)` per lane (not 64-bit lanes); returns `a`.
    fn pmin(&mut self, lane: Lane, signed: bool, a: u8, b: u8) -> u8 {
        match (lane, signed) {
            (Lane::I8, true) => asm!(self; pminsb Rx(a), Rx(b)),
            (Lane::I8, false) => asm!(self; pminub Rx(a), Rx(b)),
            (Lane::I16, true) => asm!(self; pminsw Rx(a), Rx(b)),
            (Lane::I16, false) => asm!(self; pminuw Rx(a), Rx(b)),
            (_, true) => asm!(self; pminsd Rx(a), Rx(b)),
            (_, false) => asm!(self; pminud Rx(a), Rx(b)),
        }
        a
    }

    /// `a = max(a, b)` per lane (not 64-bit lanes); returns `a`.
    fn pmax(&mut self, lane: Lane, signed: bool, a: u8, b: u8) -> u8 {
        match (lane, signed) {
            (Lane::I8, true) => asm!(self; pmaxsb Rx(a), Rx(b)),
            (Lane::I8, false) => asm!(self; pmaxub Rx(a), Rx(b)),
            (Lane::I16, true) => asm!(self; pmaxsw Rx(a), Rx(b)),
            (Lane::I16, false) => asm!(self; pmaxuw Rx(a), Rx(b)),
            (_, true) => asm!(self; pmaxsd Rx(a), Rx(b)),
            (_, false) => asm!(self; pmaxud Rx(a), Rx(b)),
        }
        a
    }

    /// `a = (a == b)` per lane.
    fn pcmpeq(&mut self, lane: Lane, a: u8, b: u8) {
        match lane {
            Lane::I8 => asm!(self; pcmpeqb Rx(a), Rx(b)),
            Lane::I16 => asm!(self; pcmpeqw Rx(a), Rx(b)),
            Lane::I32 => asm!(self; pcmpeqd Rx(a), Rx(b)),
            Lane::I64 => asm!(self; pcmpeqq Rx(a), Rx(b)),
        }
    }

    /// `a = (a > b)` per lane, signed; clobbers `b` for 64-bit lanes.
    ///
    /// SSE4.1 has no `pcmpgtq`: `a > b` is the sign of
    /// `(b - a) ^ ((b ^ a) & ((b - a) ^ b))` (Hacker's Delight 2-12),
    /// broadcast to the lane.
    fn pcmpgt(&mut self, lane: Lane, a: u8, b: u8) {
        match lane {
            Lane::I8 => asm!(self; pcmpgtb Rx(a), Rx(b)),
            Lane::I16 => asm!(self; pcmpgtw Rx(a), Rx(b)),
            Lane::I32 => asm!(self; pcmpgtd Rx(a), Rx(b)),
            Lane::I64 => {
                let t = self.alloc_xmm();
                asm!(self
                    ; movdqa Rx(t), Rx(b)
                    ; psubq Rx(t), Rx(a)
                    ; movdqa Rx(XS), Rx(b)
                    ; pxor Rx(XS), Rx(a)
                    ; pxor Rx(b), Rx(t)
                    ; pand Rx(XS), Rx(b)
                    ; pxor Rx(t), Rx(XS)
                );
                self.sign64(a, t);
                self.free_xmm(t);
            }
        }
    }

    fn icmp(&mut self, lane: Lane, cmp: Cmp) -> Result<()> {
        self.vbin(|g, a, b| match cmp {
            Cmp::Eq => {
                g.pcmpeq(lane, a, b);
                a
            }
            Cmp::Ne => {
                g.pcmpeq(lane, a, b);
                g.not(a);
                a
            }
            Cmp::GtS => {
                g.pcmpgt(lane, a, b);
                a
            }
            Cmp::LtS => {
                g.pcmpgt(lane, b, a);
                b
            }
            Cmp::LeS => {
                g.pcmpgt(lane, a, b);
                g.not(a);
                a
            }
            Cmp::GeS => {
                g.pcmpgt(lane, b, a);
                g.not(b);
                b
            }
            // Unsigned: a >= b iff max(a, b) == a; a <= b iff min(a, b) == a.
            Cmp::GeU | Cmp::LtU => {
                asm!(g; movdqa Rx(XS), Rx(a));
                g.pmax(lane, false, XS, b);
                g.pcmpeq(lane, a, XS);
                if cmp == Cmp::LtU {
                    g.not(a);
                }
                a
            }
            Cmp::LeU | Cmp::GtU => {
                asm!(g; movdqa Rx(XS), Rx(a));
                g.pmin(lane, false, XS, b);
                g.pcmpeq(lane, a, XS);
                if cmp == Cmp::GtU {
                    g.not(a);
                }
                a
            }
        })
    }

    /// `a = a * b` on 64-bit lanes, from 32-bit products:
    /// `lo(a) * lo(b) + ((hi(a) * lo(b) + lo(a) * hi(b)) << 32)`.
    fn i64x2_mul(&mut self, a: u8, b: u8) -> u8 {
        let t = self.alloc_xmm();
        asm!(self
            ; movdqa Rx(t), Rx(a)
            ; psrlq Rx(t), 32
            ; pmuludq Rx(t), Rx(b)
            ; movdqa Rx(XS), Rx(b)
            ; psrlq Rx(XS), 32
            ; pmuludq Rx(XS), Rx(a)
            ; paddq Rx(t), Rx(XS)
            ; psllq Rx(t), 32
            ; pmuludq Rx(a), Rx(b)
            ; paddq Rx(a), Rx(t)
        );
        self.free_xmm(t);
        a
    }

    /// `i8x16.popcnt`: a 16-entry table of nibble counts looked up with
    /// pshufb for the low and the high nibbles.
    fn popcnt(&mut self) -> Result<()> {
        const COUNTS: u128 = u128::from_le_bytes([0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4]);
        let x = self.pop_xmm()?;
        let hi = self.alloc_xmm();
        let r = self.alloc_xmm();
        self.vconst(XS, splat8(0x0f));
        asm!(self
            ; movdqa Rx(hi), Rx(x)
            ; psrlw Rx(hi), 4
            ; pand Rx(hi), Rx(XS)
            ; pand Rx(x), Rx(XS)
        );
        self.vconst(r, COUNTS);
        asm!(self ; movdqa Rx(XS), Rx(r) ; pshufb Rx(r), Rx(x) ; pshufb Rx(XS), Rx(hi) ; paddb Rx(r), Rx(XS));
        self.free_xmm(x);
        self.free_xmm(hi);
        self.push_v(r);
        Ok(())
    }

    /// Shifts by the `i32` count on top (modulo the lane width).
    ///
    /// Bytes have no shifts: `shr` widens each byte to the high half of a
    /// 16-bit lane (its copy in the low half), shifts by 8 more, and packs;
    /// `shl` shifts the even and the odd bytes separately as 16-bit lanes
    /// with the other bytes masked off. 64-bit `shr_s` is a logical shift
    /// of the value xor'ed with its sign mask (`!x >> n == !(x >> n)` for
    /// negative `x`).
    fn vshift(&mut self, lane: Lane, shift: Shift) -> Result<()> {
        let mask = lane.bits() - 1;
        // Bytes shifted right sit in the high half of 16-bit lanes.
        let extra = if lane == Lane::I8 && shift != Shift::Shl { 8 } else { 0 };
        let d = self.depth() - 1;
        let count = self.pop()?;
        match count.loc {
            Loc::Imm(i) => {
                let n = ((i as u32) & mask) + extra;
                asm!(self; mov r11d, n as i32 ; movd Rx(XS), r11d);
            }
            _ => {
                let r = self.gpr(count, d);
                asm!(self; and Rd(r), mask as i32);
                if extra != 0 {
                    asm!(self; add Rd(r), extra as i32);
                }
                asm!(self; movd Rx(XS), Rd(r));
                self.free_gpr(r);
            }
        }
        let x = self.pop_xmm()?;
        let s = XS;
        match (lane, shift) {
            (Lane::I8, Shift::Shl) => {
                let (t, m) = (self.alloc_xmm(), self.alloc_xmm());
                // m = 0x00ff per 16-bit lane; t = the odd bytes, x = the
                // even ones, each shifted as 16-bit lanes.
                asm!(self
                    ; pcmpeqw Rx(m), Rx(m)
                    ; psrlw Rx(m), 8
                    ; movdqa Rx(t), Rx(m)
                    ; pandn Rx(t), Rx(x)
                    ; pand Rx(x), Rx(m)
                    ; psllw Rx(x), Rx(s)
                    ; pand Rx(x), Rx(m)
                    ; psllw Rx(t), Rx(s)
                    ; por Rx(x), Rx(t)
                );
                self.free_xmm(t);
                self.free_xmm(m);
            }
            (Lane::I8, _) => {
                let t = self.alloc_xmm();
                asm!(self ; movdqa Rx(t), Rx(x) ; punpckhbw Rx(t), Rx(x) ; punpcklbw Rx(x), Rx(x));
                if shift == Shift::ShrS {
                    asm!(self ; psraw Rx(x), Rx(s) ; psraw Rx(t), Rx(s) ; packsswb Rx(x), Rx(t));
                } else {
                    asm!(self ; psrlw Rx(x), Rx(s) ; psrlw Rx(t), Rx(s) ; packuswb Rx(x), Rx(t));
                }
                self.free_xmm(t);
            }
            (Lane::I16, Shift::Shl) => asm!(self; psllw Rx(x), Rx(s)),
            (Lane::I16, Shift::ShrS) => asm!(self; psraw Rx(x), Rx(s)),
            (Lane::I16, Shift::ShrU) => asm!(self; psrlw Rx(x), Rx(s)),
            (Lane::I32, Shift::Shl) => asm!(self; pslld Rx(x), Rx(s)),
            (Lane::I32, Shift::ShrS) => asm!(self; psrad Rx(x), Rx(s)),
            (Lane::I32, Shift::ShrU) => asm!(self; psrld Rx(x), Rx(s)),
            (Lane::I64, Shift::Shl) => asm!(self; psllq Rx(x), Rx(s)),
            (Lane::I64, Shift::ShrU) => asm!(self; psrlq Rx(x), Rx(s)),
            (Lane::I64, Shift::ShrS) => {
                let m = self.alloc_xmm();
                self.sign64(m, x);
                asm!(self ; pxor Rx(x), Rx(m) ; psrlq Rx(x), Rx(s) ; pxor Rx(x), Rx(m));
                self.free_xmm(m);
            }
        }
        self.push_v(x);
        Ok(())
    }

    fn all_true(&mut self, lane: Lane) -> Result<()> {
        self.vtest(|g, x, r| {
            // Lanes equal to zero, none of them.
            asm!(g; pxor Rx(XS), Rx(XS));
            g.pcmpeq(lane, XS, x);
            asm!(g; ptest Rx(XS), Rx(XS) ; setz Rb(r) ; movzx Rd(r), Rb(r));
        })
    }

    // ---- floats ------------------------------------------------------------------

    /// A lane-wise float comparison `cmpps/cmppd` with predicate `pred`,
    /// of `b` with `a` when `swap`.
    fn vfcmp(&mut self, f64: bool, pred: i8, swap: bool) -> Result<()> {
        self.vbin(|g, a, b| {
            let (d, s) = if swap { (b, a) } else { (a, b) };
            if f64 {
                asm!(g; cmppd Rx(d), Rx(s), pred);
            } else {
                asm!(g; cmpps Rx(d), Rx(s), pred);
            }
            d
        })
    }

    /// Wasm `min`: minps in both orders (it returns its second operand for
    /// NaNs and equal zeros), or'ed to propagate NaNs and -0, then NaN
    /// lanes made quiet NaNs. Returns the result register.
    fn fmin(&mut self, f64: bool, a: u8, b: u8) -> u8 {
        if f64 {
            asm!(self
                ; movapd Rx(XS), Rx(a)
                ; minpd Rx(XS), Rx(b)
                ; minpd Rx(b), Rx(a)
                ; orpd Rx(XS), Rx(b)
                ; cmppd Rx(b), Rx(XS), CMP_UNORD
                ; orpd Rx(XS), Rx(b)
                ; psrlq Rx(b), 13
                ; andnpd Rx(b), Rx(XS)
            );
        } else {
            asm!(self
                ; movaps Rx(XS), Rx(a)
                ; minps Rx(XS), Rx(b)
                ; minps Rx(b), Rx(a)
                ; orps Rx(XS), Rx(b)
                ; cmpps Rx(b), Rx(XS), CMP_UNORD
                ; orps Rx(XS), Rx(b)
                ; psrld Rx(b), 10
                ; andnps Rx(b), Rx(XS)
            );
        }
        b
    }

    /// Wasm `max`: maxps in both orders; their difference (xor) marks NaN
    /// and ±0 lanes: or'ed in it propagates NaNs, subtracted it makes
    /// `max(+0, -0)` +0; NaN lanes are then made quiet NaNs.
    fn fmax(&mut self, f64: bool, a: u8, b: u8) -> u8 {
        if f64 {
            asm!(self
                ; movapd Rx(XS), Rx(a)
                ; maxpd Rx(XS), Rx(b)
                ; maxpd Rx(b), Rx(a)
                ; xorpd Rx(b), Rx(XS)
                ; orpd Rx(XS), Rx(b)
                ; subpd Rx(XS), Rx(b)
                ; cmppd Rx(b), Rx(XS), CMP_UNORD
                ; psrlq Rx(b), 13
                ; andnpd Rx(b), Rx(XS)
            );
        } else {
            asm!(self
                ; movaps Rx(XS), Rx(a)
                ; maxps Rx(XS), Rx(b)
                ; maxps Rx(b), Rx(a)
                ; xorps Rx(b), Rx(XS)
                ; orps Rx(XS), Rx(b)
                ; subps Rx(XS), Rx(b)
                ; cmpps Rx(b), Rx(XS), CMP_UNORD
                ; psrld Rx(b), 10
                ; andnps Rx(b), Rx(XS)
            );
        }
        b
    }

    /// `f32x4.convert_i32x4_u`: the low 16 bits converted exactly, the
    /// high 16 bits halved, converted and doubled, then added (one
    /// rounding).
    fn f32x4_convert_u(&mut self, x: u8) {
        asm!(self
            ; pxor Rx(XS), Rx(XS)
            ; pblendw Rx(XS), Rx(x), 0x55
            ; psubd Rx(x), Rx(XS)
            ; cvtdq2ps Rx(XS), Rx(XS)
            ; psrld Rx(x), 1
            ; cvtdq2ps Rx(x), Rx(x)
            ; addps Rx(x), Rx(x)
            ; addps Rx(x), Rx(XS)
        );
    }

    /// `i32x4.trunc_sat_f32x4_s`: NaN lanes zeroed, then cvttps2dq, whose
    /// overflow value 0x80000000 becomes 0x7fffffff in lanes that were
    /// positive.
    fn trunc_sat_f32x4_s(&mut self, x: u8) {
        asm!(self
            ; movaps Rx(XS), Rx(x)
            ; cmpps Rx(XS), Rx(XS), CMP_EQ
            ; pand Rx(x), Rx(XS)
            ; pxor Rx(XS), Rx(x)
            ; cvttps2dq Rx(x), Rx(x)
            ; pand Rx(XS), Rx(x)
            ; psrad Rx(XS), 31
            ; pxor Rx(x), Rx(XS)
        );
    }

    /// `i32x4.trunc_sat_f32x4_u`: NaN and negative lanes clamped to 0;
    /// lanes of 2^31 and more converted as `x - 2^31` and added to
    /// cvttps2dq's 0x80000000; lanes of 2^32 and more saturated.
    fn trunc_sat_f32x4_u(&mut self, x: u8) {
        let t = self.alloc_xmm();
        asm!(self
            ; xorps Rx(XS), Rx(XS)
            ; maxps Rx(x), Rx(XS)
            ; pcmpeqd Rx(XS), Rx(XS)
            ; psrld Rx(XS), 1
            ; cvtdq2ps Rx(XS), Rx(XS)
            ; movaps Rx(t), Rx(x)
            ; subps Rx(t), Rx(XS)
            ; cmpps Rx(XS), Rx(t), CMP_LE
            ; cvttps2dq Rx(t), Rx(t)
            ; pxor Rx(t), Rx(XS)
            ; pxor Rx(XS), Rx(XS)
            ; pmaxsd Rx(t), Rx(XS)
            ; cvttps2dq Rx(x), Rx(x)
            ; paddd Rx(x), Rx(t)
        );
        self.free_xmm(t);
    }

    /// `i32x4.trunc_sat_f64x2_s_zero`: lanes clamped to `i32::MAX` (NaN
    /// lanes to 0) and converted; cvttpd2dq's overflow value is `i32::MIN`,
    /// right for the low side, and it zeroes the high lanes.
    fn trunc_sat_f64x2_s_zero(&mut self, x: u8) {
        let t = self.alloc_xmm();
        asm!(self ; movapd Rx(t), Rx(x) ; cmppd Rx(t), Rx(x), CMP_EQ);
        self.vconst(XS, splat64(f64::from(i32::MAX).to_bits()));
        asm!(self ; andpd Rx(t), Rx(XS) ; minpd Rx(x), Rx(t) ; cvttpd2dq Rx(x), Rx(x));
        self.free_xmm(t);
    }

    /// `i32x4.trunc_sat_f64x2_u_zero`: lanes clamped to `[0, u32::MAX]`
    /// (NaN to 0), truncated, and added to 2^52 so that the integer is the
    /// low 32 bits of each double; shufps gathers them and two zero lanes.
    fn trunc_sat_f64x2_u_zero(&mut self, x: u8) {
        asm!(self ; xorpd Rx(XS), Rx(XS) ; maxpd Rx(x), Rx(XS));
        self.vconst(XS, splat64(f64::from(u32::MAX).to_bits()));
        asm!(self ; minpd Rx(x), Rx(XS) ; roundpd Rx(x), Rx(x), ROUND_TRUNC);
        self.vconst(XS, splat64(0x4330_0000_0000_0000));
        asm!(self ; addpd Rx(x), Rx(XS) ; xorps Rx(XS), Rx(XS) ; shufps Rx(x), Rx(XS), 0x88_u8 as i8);
    }
}
