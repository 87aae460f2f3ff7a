//! Fast paths for the most common SIMD operations: lane-wise arithmetic on
//! arrays, which the compiler turns into vector instructions. Everything
//! else goes to [`crate::simd`], the reference semantics.
//!
//! NaN results of the float operations are whatever the host produces: an
//! arithmetic NaN, canonical when the inputs are (as the specification
//! requires).

use crate::simd::{self, SimdBinOp, SimdShiftOp};

macro_rules! lanes {
    ($name:ident, $t:ty, $n:literal) => {
        #[inline(always)]
        fn $name(a: u128, b: u128, f: impl Fn($t, $t) -> $t) -> u128 {
            // SAFETY: `u128` and `[$t; $n]` have the same size and every bit
            // pattern is valid for both; on a little-endian host (checked
            // below) element `i` is lane `i`.
            let (a, b) = unsafe {
                (
                    std::mem::transmute::<u128, [$t; $n]>(a),
                    std::mem::transmute::<u128, [$t; $n]>(b),
                )
            };
            let r: [$t; $n] = std::array::from_fn(|i| f(a[i], b[i]));
            // SAFETY: as above.
            unsafe { std::mem::transmute::<[$t; $n], u128>(r) }
        }
    };
}

#[inline(always)]
fn i8x16(a: u128, b: u128, f: impl Fn(u8, u8) -> u8) -> u128 {
    let (a, b) = (a.to_le_bytes(), b.to_le_bytes());
    u128::from_le_bytes(std::array::from_fn(|i| f(a[i], b[i])))
}
lanes!(i16x8, u16, 8);
lanes!(i32x4, u32, 4);
lanes!(i64x2, u64, 2);
lanes!(f32x4, f32, 4);
lanes!(f64x2, f64, 2);

/// `v128 x v128 -> v128`.
#[inline(always)]
pub(super) fn binary(op: SimdBinOp, a: u128, b: u128) -> u128 {
    use SimdBinOp as B;
    if cfg!(target_endian = "big") {
        // Lane `i` is element `i` of the arrays only on little-endian hosts.
        return simd::binary(op, a, b);
    }
    match op {
        B::V128And => a & b,
        B::V128Or => a | b,
        B::V128Xor => a ^ b,
        B::V128AndNot => a & !b,
        B::I8x16Add => i8x16(a, b, u8::wrapping_add),
        B::I8x16Sub => i8x16(a, b, u8::wrapping_sub),
        B::I16x8Add => i16x8(a, b, u16::wrapping_add),
        B::I16x8Sub => i16x8(a, b, u16::wrapping_sub),
        B::I16x8Mul => i16x8(a, b, u16::wrapping_mul),
        B::I32x4Add => i32x4(a, b, u32::wrapping_add),
        B::I32x4Sub => i32x4(a, b, u32::wrapping_sub),
        B::I32x4Mul => i32x4(a, b, u32::wrapping_mul),
        B::I64x2Add => i64x2(a, b, u64::wrapping_add),
        B::I64x2Sub => i64x2(a, b, u64::wrapping_sub),
        B::F32x4Add => f32x4(a, b, |x, y| x + y),
        B::F32x4Sub => f32x4(a, b, |x, y| x - y),
        B::F32x4Mul => f32x4(a, b, |x, y| x * y),
        B::F32x4Div => f32x4(a, b, |x, y| x / y),
        B::F64x2Add => f64x2(a, b, |x, y| x + y),
        B::F64x2Sub => f64x2(a, b, |x, y| x - y),
        B::F64x2Mul => f64x2(a, b, |x, y| x * y),
        B::F64x2Div => f64x2(a, b, |x, y| x / y),
        _ => simd::binary(op, a, b),
    }
}

/// `v128 x i32 -> v128` shifts (count modulo the lane width).
#[inline(always)]
pub(super) fn shift(op: SimdShiftOp, a: u128, count: u64) -> u128 {
    use SimdShiftOp as S;
    let c = count as u32;
    if cfg!(target_endian = "big") {
        return simd::shift(op, a, count);
    }
    match op {
        S::I32x4Shl => i32x4(a, 0, |x, _| x.wrapping_shl(c)),
        S::I32x4ShrU => i32x4(a, 0, |x, _| x.wrapping_shr(c)),
        S::I32x4ShrS => i32x4(a, 0, |x, _| (x as i32).wrapping_shr(c) as u32),
        S::I64x2Shl => i64x2(a, 0, |x, _| x.wrapping_shl(c)),
        S::I64x2ShrU => i64x2(a, 0, |x, _| x.wrapping_shr(c)),
        S::I64x2ShrS => i64x2(a, 0, |x, _| (x as i64).wrapping_shr(c) as u64),
        _ => simd::shift(op, a, count),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_paths_agree_with_the_reference() {
        let vals: [u128; 5] = [
            0,
            u128::MAX,
            0x8000_0000_7fff_ffff_0000_0001_ffff_fffe,
            0x3f80_0000_bf80_0000_7f80_0000_4049_0fdb,
            0x0123_4567_89ab_cdef_fedc_ba98_7654_3210,
        ];
        let ops = [
            SimdBinOp::V128And,
            SimdBinOp::V128AndNot,
            SimdBinOp::I8x16Add,
            SimdBinOp::I16x8Sub,
            SimdBinOp::I16x8Mul,
            SimdBinOp::I32x4Mul,
            SimdBinOp::I64x2Sub,
        ];
        for &a in &vals {
            for &b in &vals {
                for op in ops {
                    assert_eq!(binary(op, a, b), simd::binary(op, a, b), "{op:?}");
                }
                for c in [0, 1, 31, 33, 63, 64] {
                    for op in [SimdShiftOp::I32x4ShrS, SimdShiftOp::I64x2Shl, SimdShiftOp::I32x4ShrU] {
                        assert_eq!(shift(op, a, c), simd::shift(op, a, c), "{op:?} {c}");
                    }
                }
            }
        }
    }
}
