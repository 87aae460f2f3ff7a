//! Scalar semantics that run through the generic `Unary`/`Binary`/
//! `UnaryTrap` ops: float arithmetic and comparisons, conversions, the rarer
//! integer operations.
//!
//! Every function takes and returns the raw word 0 of a cell: `i32`/`f32`
//! in the low 32 bits with the upper bits zero, `i64`/`f64` in all 64.
//! Float results follow the specification: `min`/`max` propagate NaN and
//! order `-0 < +0`, `nearest` rounds ties to even, `abs`/`neg`/`copysign`
//! are bit operations, a NaN result is some (arithmetic) NaN.

use crate::ir::{BinaryFn, UnaryFn, UnaryTrapFn};
use Operator as O;
use concord_core::TrapCode;
use concord_core::wasmparser::Operator;

#[inline(always)]
fn f32_of(x: u64) -> f32 {
    f32::from_bits(x as u32)
}
#[inline(always)]
fn f64_of(x: u64) -> f64 {
    f64::from_bits(x)
}
#[inline(always)]
fn of_f32(x: f32) -> u64 {
    x.to_bits() as u64
}
#[inline(always)]
fn of_f64(x: f64) -> u64 {
    x.to_bits()
}

/// `f64.sqrt`, its NaN quiet (as the generic unary op gives it).
#[inline(always)]
pub fn f64_sqrt(x: f64) -> f64 {
    f64::from_bits(quiet64(x.sqrt()))
}

/// `f32` arithmetic, used by the dedicated ops.
#[inline(always)]
pub fn f32_bin(a: u64, b: u64, f: impl Fn(f32, f32) -> f32) -> u64 {
    of_f32(f(f32_of(a), f32_of(b)))
}

fn f32_min(a: u64, b: u64) -> u64 {
    let (x, y) = (f32_of(a), f32_of(b));
    if x.is_nan() || y.is_nan() {
        of_f32(x + y)
    } else if x == y {
        // Equal values, or +0/-0: the minimum has the sign bit if either does.
        a | b
    } else {
        of_f32(x.min(y))
    }
}
fn f32_max(a: u64, b: u64) -> u64 {
    let (x, y) = (f32_of(a), f32_of(b));
    if x.is_nan() || y.is_nan() {
        of_f32(x + y)
    } else if x == y {
        a & b
    } else {
        of_f32(x.max(y))
    }
}
fn f64_min(a: u64, b: u64) -> u64 {
    let (x, y) = (f64_of(a), f64_of(b));
    if x.is_nan() || y.is_nan() {
        of_f64(x + y)
    } else if x == y {
        a | b
    } else {
        of_f64(x.min(y))
    }
}
fn f64_max(a: u64, b: u64) -> u64 {
    let (x, y) = (f64_of(a), f64_of(b));
    if x.is_nan() || y.is_nan() {
        of_f64(x + y)
    } else if x == y {
        a & b
    } else {
        of_f64(x.max(y))
    }
}

/// A float result with a NaN made quiet (an arithmetic NaN): rounding
/// functions may pass a signalling NaN through unchanged.
#[inline(always)]
fn quiet32(x: f32) -> u64 {
    if x.is_nan() { of_f32(x) | 0x0040_0000 } else { of_f32(x) }
}
#[inline(always)]
fn quiet64(x: f64) -> u64 {
    if x.is_nan() {
        of_f64(x) | 0x0008_0000_0000_0000
    } else {
        of_f64(x)
    }
}

const F32_SIGN: u64 = 0x8000_0000;
const F64_SIGN: u64 = 0x8000_0000_0000_0000;

/// Looks up the generic binary function of an operator, if it is one.
pub fn binary(op: &Operator<'_>) -> Option<BinaryFn> {
    let f: BinaryFn = match op {
        O::F32Min => f32_min,
        O::F32Max => f32_max,
        O::F64Min => f64_min,
        O::F64Max => f64_max,
        O::F32Copysign => |a, b| (a & !F32_SIGN) | (b & F32_SIGN),
        O::F64Copysign => |a, b| (a & !F64_SIGN) | (b & F64_SIGN),
        O::F32Eq => |a, b| (f32_of(a) == f32_of(b)) as u64,
        O::F32Ne => |a, b| (f32_of(a) != f32_of(b)) as u64,
        O::F32Lt => |a, b| (f32_of(a) < f32_of(b)) as u64,
        O::F32Gt => |a, b| (f32_of(a) > f32_of(b)) as u64,
        O::F32Le => |a, b| (f32_of(a) <= f32_of(b)) as u64,
        O::F32Ge => |a, b| (f32_of(a) >= f32_of(b)) as u64,
        O::F64Eq => |a, b| (f64_of(a) == f64_of(b)) as u64,
        O::F64Ne => |a, b| (f64_of(a) != f64_of(b)) as u64,
        O::F64Lt => |a, b| (f64_of(a) < f64_of(b)) as u64,
        O::F64Gt => |a, b| (f64_of(a) > f64_of(b)) as u64,
        O::F64Le => |a, b| (f64_of(a) <= f64_of(b)) as u64,
        O::F64Ge => |a, b| (f64_of(a) >= f64_of(b)) as u64,
        _ => return None,
    };
    Some(f)
}

/// Looks up the generic unary function of an operator, if it is one.
pub fn unary(op: &Operator<'_>) -> Option<UnaryFn> {
    let f: UnaryFn = match op {
        // integer
        O::I32Clz => |x| (x as u32).leading_zeros() as u64,
        O::I32Ctz => |x| (x as u32).trailing_zeros() as u64,
        O::I32Popcnt => |x| (x as u32).count_ones() as u64,
        O::I64Clz => |x| x.leading_zeros() as u64,
        O::I64Ctz => |x| x.trailing_zeros() as u64,
        O::I64Popcnt => |x| x.count_ones() as u64,
        O::I32Extend8S => |x| x as i8 as i32 as u32 as u64,
        O::I32Extend16S => |x| x as i16 as i32 as u32 as u64,
        O::I64Extend8S => |x| x as i8 as i64 as u64,
        O::I64Extend16S => |x| x as i16 as i64 as u64,
        O::I64Extend32S => |x| x as i32 as i64 as u64,
        O::I32WrapI64 => |x| x as u32 as u64,
        O::I64ExtendI32S => |x| x as i32 as i64 as u64,
        O::I64ExtendI32U => |x| x as u32 as u64,
        // float unary
        O::F32Abs => |x| x & !F32_SIGN & 0xffff_ffff,
        O::F32Neg => |x| (x ^ F32_SIGN) & 0xffff_ffff,
        O::F64Abs => |x| x & !F64_SIGN,
        O::F64Neg => |x| x ^ F64_SIGN,
        O::F32Ceil => |x| quiet32(f32_of(x).ceil()),
        O::F32Floor => |x| quiet32(f32_of(x).floor()),
        O::F32Trunc => |x| quiet32(f32_of(x).trunc()),
        O::F32Nearest => |x| quiet32(f32_of(x).round_ties_even()),
        O::F32Sqrt => |x| quiet32(f32_of(x).sqrt()),
        O::F64Ceil => |x| quiet64(f64_of(x).ceil()),
        O::F64Floor => |x| quiet64(f64_of(x).floor()),
        O::F64Trunc => |x| quiet64(f64_of(x).trunc()),
        O::F64Nearest => |x| quiet64(f64_of(x).round_ties_even()),
        O::F64Sqrt => |x| quiet64(f64_of(x).sqrt()),
        // conversions (Rust `as` rounds to nearest-even and saturates)
        O::F32ConvertI32S => |x| of_f32(x as i32 as f32),
        O::F32ConvertI32U => |x| of_f32(x as u32 as f32),
        O::F32ConvertI64S => |x| of_f32(x as i64 as f32),
        O::F32ConvertI64U => |x| of_f32(x as f32),
        O::F64ConvertI32S => |x| of_f64(x as i32 as f64),
        O::F64ConvertI32U => |x| of_f64(x as u32 as f64),
        O::F64ConvertI64S => |x| of_f64(x as i64 as f64),
        O::F64ConvertI64U => |x| of_f64(x as f64),
        O::F32DemoteF64 => |x| of_f32(f64_of(x) as f32),
        O::F64PromoteF32 => |x| of_f64(f32_of(x) as f64),
        O::I32TruncSatF32S => |x| f32_of(x) as i32 as u32 as u64,
        O::I32TruncSatF32U => |x| f32_of(x) as u32 as u64,
        O::I32TruncSatF64S => |x| f64_of(x) as i32 as u32 as u64,
        O::I32TruncSatF64U => |x| f64_of(x) as u32 as u64,
        O::I64TruncSatF32S => |x| f32_of(x) as i64 as u64,
        O::I64TruncSatF32U => |x| f32_of(x) as u64,
        O::I64TruncSatF64S => |x| f64_of(x) as i64 as u64,
        O::I64TruncSatF64U => |x| f64_of(x) as u64,
        _ => return None,
    };
    Some(f)
}

/// Checks a truncated float against the half-open range `[lo, hi)` of the
/// target type; both bounds are powers of two (exact in every float type).
#[inline(always)]
fn check_trunc(t: f64, nan: bool, lo: f64, hi: f64) -> Result<f64, TrapCode> {
    if nan {
        return Err(TrapCode::BadConversionToInteger);
    }
    if t < lo || t >= hi {
        return Err(TrapCode::IntegerOverflow);
    }
    Ok(t)
}

const TWO_31: f64 = 2147483648.0;
const TWO_32: f64 = 4294967296.0;
const TWO_63: f64 = 9223372036854775808.0;
const TWO_64: f64 = 18446744073709551616.0;

/// Looks up the trapping conversion of an operator, if it is one.
///
/// `trunc` first discards the fraction, so `-0.9 -> 0` is in range for the
/// unsigned conversions while `-1.0` is not. (An `f32` is widened to `f64`
/// exactly before the checks.)
pub fn unary_trap(op: &Operator<'_>) -> Option<UnaryTrapFn> {
    let f: UnaryTrapFn = match op {
        O::I32TruncF32S => |x| {
            let v = f32_of(x);
            check_trunc((v as f64).trunc(), v.is_nan(), -TWO_31, TWO_31).map(|t| t as i32 as u32 as u64)
        },
        O::I32TruncF32U => |x| {
            let v = f32_of(x);
            check_trunc((v as f64).trunc(), v.is_nan(), 0.0, TWO_32).map(|t| t as u32 as u64)
        },
        O::I32TruncF64S => |x| {
            let v = f64_of(x);
            check_trunc(v.trunc(), v.is_nan(), -TWO_31, TWO_31).map(|t| t as i32 as u32 as u64)
        },
        O::I32TruncF64U => |x| {
            let v = f64_of(x);
            check_trunc(v.trunc(), v.is_nan(), 0.0, TWO_32).map(|t| t as u32 as u64)
        },
        O::I64TruncF32S => |x| {
            let v = f32_of(x);
            check_trunc((v as f64).trunc(), v.is_nan(), -TWO_63, TWO_63).map(|t| t as i64 as u64)
        },
        O::I64TruncF32U => |x| {
            let v = f32_of(x);
            check_trunc((v as f64).trunc(), v.is_nan(), 0.0, TWO_64).map(|t| t as u64)
        },
        O::I64TruncF64S => |x| {
            let v = f64_of(x);
            check_trunc(v.trunc(), v.is_nan(), -TWO_63, TWO_63).map(|t| t as i64 as u64)
        },
        O::I64TruncF64U => |x| {
            let v = f64_of(x);
            check_trunc(v.trunc(), v.is_nan(), 0.0, TWO_64).map(|t| t as u64)
        },
        _ => return None,
    };
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn min_max_order_zeros_and_propagate_nan() {
        let min = binary(&O::F32Min).unwrap();
        let max = binary(&O::F32Max).unwrap();
        let pz = 0.0f32.to_bits() as u64;
        let nz = (-0.0f32).to_bits() as u64;
        assert_eq!(min(pz, nz), nz);
        assert_eq!(max(pz, nz), pz);
        assert!(f32::from_bits(min(f32::NAN.to_bits() as u64, pz) as u32).is_nan());
    }

    #[test]
    fn trapping_truncations_have_exact_bounds() {
        let s = unary_trap(&O::I32TruncF32S).unwrap();
        assert_eq!(s((-2147483648.0f32).to_bits() as u64), Ok(0x8000_0000));
        assert_eq!(s(2147483648.0f32.to_bits() as u64), Err(TrapCode::IntegerOverflow));
        assert_eq!(s(f32::NAN.to_bits() as u64), Err(TrapCode::BadConversionToInteger));
        let u = unary_trap(&O::I32TruncF64U).unwrap();
        assert_eq!(u((-0.9f64).to_bits()), Ok(0));
        assert_eq!(u((-1.0f64).to_bits()), Err(TrapCode::IntegerOverflow));
        assert_eq!(u(4294967295.9f64.to_bits()), Ok(0xffff_ffff));
        let s64 = unary_trap(&O::I64TruncF64S).unwrap();
        assert_eq!(s64((-9223372036854775808.0f64).to_bits()), Ok(i64::MIN as u64));
        assert_eq!(s64(9223372036854775808.0f64.to_bits()), Err(TrapCode::IntegerOverflow));
    }
}
