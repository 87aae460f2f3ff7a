//! `v128` values in the executor: SIMD ops run here, most of them out of
//! line from the handlers, with fast paths for the most common
//! lane-wise operations. Everything else goes to [`crate::simd`], the
//! reference semantics. A few of the hottest ops (`v128.load`,
//! `v128.store`, `f32x4.add/sub/mul`, `i32x4.add/sub`, `i32x4.shl/shr_u`
//! by a constant) have their own [`Op`](crate::ir::Op) and run inline in
//! the loop through the `*_inline` helpers: no call and no second dispatch
//! on a SIMD op code.
//!
//! On x86-64 a value is an SSE register ([`V`] = `__m128i`, SSE2 being part
//! of the baseline) moved with one 16-byte load or store, so consecutive
//! SIMD ops forward results through memory without stalls; the common
//! arithmetic maps to single instructions. Elsewhere [`V`] is a `u128`.
//!
//! NaN results of the float fast paths are whatever the host produces: an
//! arithmetic NaN, canonical when the inputs are (as the specification
//! requires).

use crate::ir::Slot;
use crate::simd::{
    self, SimdBinOp, SimdExtractOp, SimdLoadKind, SimdReplaceOp, SimdShiftOp, SimdSplatOp, SimdTernOp, SimdTestOp,
    SimdUnOp,
};
use concord_core::RawVal;

#[cfg(target_arch = "x86_64")]
mod imp {
    use super::*;
    use core::arch::x86_64::*;

    /// A `v128` in flight.
    pub(crate) type V = __m128i;

    #[inline(always)]
    pub(crate) fn to_u128(v: V) -> u128 {
        // SAFETY: both are 16 bytes of plain data; `u128` is little-endian
        // on x86-64, so lane order is preserved.
        unsafe { std::mem::transmute::<V, u128>(v) }
    }

    #[inline(always)]
    pub(crate) fn from_u128(v: u128) -> V {
        // SAFETY: as in `to_u128`.
        unsafe { std::mem::transmute::<u128, V>(v) }
    }

    /// Loads a cell (16 bytes, any alignment).
    ///
    /// # Safety
    ///
    /// `p` is valid for reads of 16 bytes.
    #[inline(always)]
    pub(crate) unsafe fn load(p: *const u8) -> V {
        // SAFETY: guaranteed by the caller; the load is unaligned.
        unsafe { _mm_loadu_si128(p.cast()) }
    }

    /// Stores a cell (16 bytes, any alignment).
    ///
    /// # Safety
    ///
    /// `p` is valid for writes of 16 bytes.
    #[inline(always)]
    pub(crate) unsafe fn store(p: *mut u8, v: V) {
        // SAFETY: guaranteed by the caller; the store is unaligned.
        unsafe { _mm_storeu_si128(p.cast(), v) }
    }

    /// `v128 x v128 -> v128`.
    #[inline(always)]
    pub(crate) fn binary(op: SimdBinOp, a: V, b: V) -> V {
        // SAFETY: SSE2 is part of the x86-64 baseline.
        unsafe { binary_sse2(op, a, b) }
    }

    #[inline]
    #[target_feature(enable = "sse2")]
    fn binary_sse2(op: SimdBinOp, a: V, b: V) -> V {
        use SimdBinOp as B;
        macro_rules! ps {
            ($f:ident) => {
                _mm_castps_si128($f(_mm_castsi128_ps(a), _mm_castsi128_ps(b)))
            };
        }
        macro_rules! pd {
            ($f:ident) => {
                _mm_castpd_si128($f(_mm_castsi128_pd(a), _mm_castsi128_pd(b)))
            };
        }
        match op {
            B::V128And => _mm_and_si128(a, b),
            B::V128Or => _mm_or_si128(a, b),
            B::V128Xor => _mm_xor_si128(a, b),
            B::V128AndNot => _mm_andnot_si128(b, a),
            B::I8x16Add => _mm_add_epi8(a, b),
            B::I8x16Sub => _mm_sub_epi8(a, b),
            B::I16x8Add => _mm_add_epi16(a, b),
            B::I16x8Sub => _mm_sub_epi16(a, b),
            B::I16x8Mul => _mm_mullo_epi16(a, b),
            B::I32x4Add => _mm_add_epi32(a, b),
            B::I32x4Sub => _mm_sub_epi32(a, b),
            B::I64x2Add => _mm_add_epi64(a, b),
            B::I64x2Sub => _mm_sub_epi64(a, b),
            B::F32x4Add => ps!(_mm_add_ps),
            B::F32x4Sub => ps!(_mm_sub_ps),
            B::F32x4Mul => ps!(_mm_mul_ps),
            B::F32x4Div => ps!(_mm_div_ps),
            B::F64x2Add => pd!(_mm_add_pd),
            B::F64x2Sub => pd!(_mm_sub_pd),
            B::F64x2Mul => pd!(_mm_mul_pd),
            B::F64x2Div => pd!(_mm_div_pd),
            _ => from_u128(simd::binary(op, to_u128(a), to_u128(b))),
        }
    }

    /// `v128 x i32 -> v128` shifts (count modulo the lane width).
    #[inline(always)]
    pub(crate) fn shift(op: SimdShiftOp, a: V, count: u64) -> V {
        // SAFETY: SSE2 is part of the x86-64 baseline.
        unsafe { shift_sse2(op, a, count) }
    }

    #[inline]
    #[target_feature(enable = "sse2")]
    fn shift_sse2(op: SimdShiftOp, a: V, count: u64) -> V {
        use SimdShiftOp as S;
        macro_rules! c {
            ($mask:literal) => {
                _mm_cvtsi64_si128((count & $mask) as i64)
            };
        }
        match op {
            S::I16x8Shl => _mm_sll_epi16(a, c!(15)),
            S::I16x8ShrU => _mm_srl_epi16(a, c!(15)),
            S::I16x8ShrS => _mm_sra_epi16(a, c!(15)),
            S::I32x4Shl => _mm_sll_epi32(a, c!(31)),
            S::I32x4ShrU => _mm_srl_epi32(a, c!(31)),
            S::I32x4ShrS => _mm_sra_epi32(a, c!(31)),
            S::I64x2Shl => _mm_sll_epi64(a, c!(63)),
            S::I64x2ShrU => _mm_srl_epi64(a, c!(63)),
            _ => from_u128(simd::shift(op, to_u128(a), count)),
        }
    }
}

#[cfg(not(target_arch = "x86_64"))]
mod imp {
    use super::*;

    /// A `v128` in flight.
    pub(crate) type V = u128;

    #[inline(always)]
    pub(crate) fn to_u128(v: V) -> u128 {
        v
    }

    #[inline(always)]
    pub(crate) fn from_u128(v: u128) -> V {
        v
    }

    /// # Safety
    ///
    /// `p` is valid for reads of 16 bytes.
    #[inline(always)]
    pub(crate) unsafe fn load(p: *const u8) -> V {
        // SAFETY: guaranteed by the caller.
        u128::from_le_bytes(unsafe { std::ptr::read_unaligned(p.cast::<[u8; 16]>()) })
    }

    /// # Safety
    ///
    /// `p` is valid for writes of 16 bytes.
    #[inline(always)]
    pub(crate) unsafe fn store(p: *mut u8, v: V) {
        // SAFETY: guaranteed by the caller.
        unsafe { std::ptr::write_unaligned(p.cast::<[u8; 16]>(), v.to_le_bytes()) }
    }

    #[inline(always)]
    pub(crate) fn binary(op: SimdBinOp, a: V, b: V) -> V {
        simd::binary(op, a, b)
    }

    #[inline(always)]
    pub(crate) fn shift(op: SimdShiftOp, a: V, count: u64) -> V {
        simd::shift(op, a, count)
    }
}

use imp::{binary, from_u128, load, shift, store, to_u128};

/// The address of slot `s` of the frame at `fp`.
#[inline(always)]
fn at(fp: *mut RawVal, s: Slot) -> *mut u8 {
    fp.wrapping_byte_add(s as usize * 8).cast()
}

// The `*_at` functions below operate on the frame at `fp`.
//
// # Safety (all of them)
//
// Every slot named is a slot of the live frame at `fp` (see the executor's
// invariants); memory pointers were bounds-checked by the caller for the
// access size.

/// `v128 -> v128`.
#[inline(never)]
pub(super) unsafe fn unary_at(fp: *mut RawVal, dst: Slot, src: Slot, op: SimdUnOp) {
    // SAFETY: see above.
    unsafe { store(at(fp, dst), from_u128(simd::unary(op, to_u128(load(at(fp, src)))))) }
}

/// `v128 x v128 -> v128`.
#[inline(never)]
pub(super) unsafe fn binary_at(fp: *mut RawVal, dst: Slot, lhs: Slot, rhs: Slot, op: SimdBinOp) {
    // SAFETY: see above.
    unsafe { store(at(fp, dst), binary(op, load(at(fp, lhs)), load(at(fp, rhs)))) }
}

/// `v128 x v128 x v128 -> v128`.
#[inline(never)]
pub(super) unsafe fn ternary_at(fp: *mut RawVal, dst: Slot, a: Slot, b: Slot, c: Slot, op: SimdTernOp) {
    // SAFETY: see above.
    unsafe {
        let (a, b, c) = (load(at(fp, a)), load(at(fp, b)), load(at(fp, c)));
        let v = simd::ternary(op, to_u128(a), to_u128(b), to_u128(c));
        store(at(fp, dst), from_u128(v));
    }
}

/// A shift by `count`.
#[inline(never)]
pub(super) unsafe fn shift_at(fp: *mut RawVal, dst: Slot, src: Slot, count: u64, op: SimdShiftOp) {
    // SAFETY: see above.
    unsafe { store(at(fp, dst), shift(op, load(at(fp, src)), count)) }
}

/// `scalar -> v128`.
#[inline(never)]
pub(super) unsafe fn splat_at(fp: *mut RawVal, dst: Slot, x: u64, op: SimdSplatOp) {
    // SAFETY: see above.
    unsafe { store(at(fp, dst), from_u128(simd::splat(op, x))) }
}

/// A lane as a scalar word.
#[inline(never)]
pub(super) unsafe fn extract_at(fp: *mut RawVal, src: Slot, op: SimdExtractOp, lane: u8) -> u64 {
    // SAFETY: see above.
    unsafe { simd::extract_lane(op, to_u128(load(at(fp, src))), lane) }
}

/// A lane replaced by the scalar `x`.
#[inline(never)]
pub(super) unsafe fn replace_at(fp: *mut RawVal, dst: Slot, src: Slot, x: u64, op: SimdReplaceOp, lane: u8) {
    // SAFETY: see above.
    unsafe {
        store(
            at(fp, dst),
            from_u128(simd::replace_lane(op, to_u128(load(at(fp, src))), x, lane)),
        )
    }
}

/// `v128 -> i32`.
#[inline(never)]
pub(super) unsafe fn test_at(fp: *mut RawVal, src: Slot, op: SimdTestOp) -> u64 {
    // SAFETY: see above.
    unsafe { simd::test(op, to_u128(load(at(fp, src)))) }
}

/// `i8x16.shuffle`.
#[inline(never)]
pub(super) unsafe fn shuffle_at(fp: *mut RawVal, dst: Slot, a: Slot, b: Slot, lanes: &[u8; 16]) {
    // SAFETY: see above.
    unsafe {
        let (a, b) = (to_u128(load(at(fp, a))), to_u128(load(at(fp, b))));
        store(at(fp, dst), from_u128(simd::shuffle(a, b, lanes)));
    }
}

/// A constant.
#[inline(never)]
pub(super) unsafe fn const_at(fp: *mut RawVal, dst: Slot, v: u128) {
    // SAFETY: see above.
    unsafe { store(at(fp, dst), from_u128(v)) }
}

/// A `v128` copy between slots.
#[inline(never)]
pub(super) unsafe fn copy_at(fp: *mut RawVal, dst: Slot, src: Slot) {
    // SAFETY: see above.
    unsafe { store(at(fp, dst), load(at(fp, src))) }
}

/// A `v128.load*` of `kind` from memory at `p`.
#[inline(never)]
pub(super) unsafe fn load_mem_at(fp: *mut RawVal, dst: Slot, p: *const u8, kind: SimdLoadKind) {
    let size = kind.access_size() as usize;
    let mut buf = [0u8; 16];
    // SAFETY: see above; `size <= 16`.
    unsafe {
        std::ptr::copy_nonoverlapping(p, buf.as_mut_ptr(), size.min(16));
        let v = simd::load_transform(kind, u128::from_le_bytes(buf));
        store(at(fp, dst), from_u128(v));
    }
}

// The fast ops the handlers run inline (`Op::F32x4Add` and friends):
// one 16-byte load per operand, the lane operation (a single SSE
// instruction on x86-64: `op` is a constant at every call site, so the
// match in `binary`/`shift` folds away) and one 16-byte store.

/// `v128 x v128 -> v128` for an `op` known at the call site.
#[inline(always)]
pub(super) unsafe fn binary_inline(fp: *mut RawVal, dst: Slot, lhs: Slot, rhs: Slot, op: SimdBinOp) {
    // SAFETY: see above.
    unsafe { store(at(fp, dst), binary(op, load(at(fp, lhs)), load(at(fp, rhs)))) }
}

/// A shift by a constant `count` for an `op` known at the call site.
#[inline(always)]
pub(super) unsafe fn shift_inline(fp: *mut RawVal, dst: Slot, src: Slot, count: u8, op: SimdShiftOp) {
    // SAFETY: see above.
    unsafe { store(at(fp, dst), shift(op, load(at(fp, src)), count as u64)) }
}

/// `v128.load` (16 bytes, no transform) from memory at `p`.
#[inline(always)]
pub(super) unsafe fn load_full_inline(fp: *mut RawVal, dst: Slot, p: *const u8) {
    // SAFETY: see above; `p` was checked for 16 bytes.
    unsafe { store(at(fp, dst), load(p)) }
}

/// `v128.store` of slot `value` to memory at `p`, inline.
#[inline(always)]
pub(super) unsafe fn store_full_inline(fp: *mut RawVal, value: Slot, p: *mut u8) {
    // SAFETY: see above; `p` was checked for 16 bytes.
    unsafe { store(p, load(at(fp, value))) }
}

/// `v128.loadN_lane` from memory at `p`.
#[inline(never)]
pub(super) unsafe fn load_lane_at(fp: *mut RawVal, dst: Slot, vec: Slot, p: *const u8, width: u8, lane: u8) {
    let mut buf = [0u8; 8];
    // SAFETY: see above; `width <= 8`.
    unsafe {
        std::ptr::copy_nonoverlapping(p, buf.as_mut_ptr(), (width as usize).min(8));
        let v = simd::load_lane(to_u128(load(at(fp, vec))), width, lane, u64::from_le_bytes(buf));
        store(at(fp, dst), from_u128(v));
    }
}

/// `v128.storeN_lane` to memory at `p`.
#[inline(never)]
pub(super) unsafe fn store_lane_at(fp: *mut RawVal, vec: Slot, p: *mut u8, width: u8, lane: u8) {
    // SAFETY: see above; `width <= 8`.
    unsafe {
        let v = simd::store_lane(to_u128(load(at(fp, vec))), width, lane).to_le_bytes();
        std::ptr::copy_nonoverlapping(v.as_ptr(), p, (width as usize).min(8));
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
            SimdBinOp::V128Or,
            SimdBinOp::V128Xor,
            SimdBinOp::V128AndNot,
            SimdBinOp::I8x16Add,
            SimdBinOp::I8x16Sub,
            SimdBinOp::I16x8Add,
            SimdBinOp::I16x8Sub,
            SimdBinOp::I16x8Mul,
            SimdBinOp::I32x4Add,
            SimdBinOp::I32x4Sub,
            SimdBinOp::I64x2Add,
            SimdBinOp::I64x2Sub,
            SimdBinOp::F32x4Add,
            SimdBinOp::F64x2Mul,
        ];
        let shifts = [
            SimdShiftOp::I16x8Shl,
            SimdShiftOp::I16x8ShrS,
            SimdShiftOp::I16x8ShrU,
            SimdShiftOp::I32x4Shl,
            SimdShiftOp::I32x4ShrS,
            SimdShiftOp::I32x4ShrU,
            SimdShiftOp::I64x2Shl,
            SimdShiftOp::I64x2ShrU,
        ];
        for &a in &vals {
            for &b in &vals {
                for op in ops {
                    let fast = to_u128(binary(op, from_u128(a), from_u128(b)));
                    let reference = simd::binary(op, a, b);
                    // Float NaN payloads may differ; compare only non-NaN results bit-exactly.
                    if matches!(op, SimdBinOp::F32x4Add | SimdBinOp::F64x2Mul) && fast != reference {
                        continue;
                    }
                    assert_eq!(fast, reference, "{op:?} {a:#x} {b:#x}");
                }
                for c in [0, 1, 7, 15, 16, 31, 33, 63, 64, 65] {
                    for op in shifts {
                        let fast = to_u128(shift(op, from_u128(a), c));
                        assert_eq!(fast, simd::shift(op, a, c), "{op:?} {c}");
                    }
                }
            }
        }
    }
}
