//! Unit tests for the SIMD semantics; expected values are worked out by hand
//! from the WebAssembly specification.

use super::*;

fn i8s(l: [i8; 16]) -> u128 {
    from_bytes(l.map(|x| x as u8))
}
fn u8s(l: [u8; 16]) -> u128 {
    from_bytes(l)
}
fn i16s(l: [i16; 8]) -> u128 {
    from16(l.map(|x| x as u16))
}
fn u16s(l: [u16; 8]) -> u128 {
    from16(l)
}
fn i32s(l: [i32; 4]) -> u128 {
    from32(l.map(|x| x as u32))
}
fn u32s(l: [u32; 4]) -> u128 {
    from32(l)
}
fn i64s(l: [i64; 2]) -> u128 {
    from64(l.map(|x| x as u64))
}
fn f32s(l: [f32; 4]) -> u128 {
    from32(l.map(f32::to_bits))
}
fn f64s(l: [f64; 2]) -> u128 {
    from64(l.map(f64::to_bits))
}
fn un(op: SimdUnOp, a: u128) -> u128 {
    unary(op, a)
}
fn bin(op: SimdBinOp, a: u128, b: u128) -> u128 {
    binary(op, a, b)
}

const NAN32: u32 = CANONICAL_NAN_F32;
const NAN64: u64 = CANONICAL_NAN_F64;

#[test]
fn lane_layout_is_little_endian() {
    let v = 0x0f0e_0d0c_0b0a_0908_0706_0504_0302_0100_u128;
    assert_eq!(u8s([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]), v);
    assert_eq!(
        u16s([0x0100, 0x0302, 0x0504, 0x0706, 0x0908, 0x0b0a, 0x0d0c, 0x0f0e]),
        v
    );
    assert_eq!(u32s([0x0302_0100, 0x0706_0504, 0x0b0a_0908, 0x0f0e_0d0c]), v);
    assert_eq!(extract_lane(SimdExtractOp::I8x16ExtractLaneU, v, 5), 5);
    assert_eq!(extract_lane(SimdExtractOp::I16x8ExtractLaneU, v, 1), 0x0302);
    assert_eq!(extract_lane(SimdExtractOp::I32x4ExtractLane, v, 3), 0x0f0e_0d0c);
    assert_eq!(
        extract_lane(SimdExtractOp::I64x2ExtractLane, v, 1),
        0x0f0e_0d0c_0b0a_0908
    );
}

#[test]
fn splats() {
    use SimdSplatOp as S;
    assert_eq!(
        splat(S::I8x16Splat, 0xffff_ff81),
        0x8181_8181_8181_8181_8181_8181_8181_8181
    );
    assert_eq!(
        splat(S::I16x8Splat, 0x1_2345),
        0x2345_2345_2345_2345_2345_2345_2345_2345
    );
    assert_eq!(splat(S::I32x4Splat, 0xffff_ffff), u128::MAX);
    assert_eq!(splat(S::F32x4Splat, 0x3f80_0000), f32s([1.0; 4]));
    assert_eq!(splat(S::I64x2Splat, 0x8000_0000_0000_0001), i64s([i64::MIN + 1; 2]));
    assert_eq!(splat(S::F64x2Splat, (-2.5f64).to_bits()), f64s([-2.5; 2]));
}

#[test]
fn extract_and_replace_lanes() {
    use SimdExtractOp as E;
    use SimdReplaceOp as R;
    let v = i8s([0, -1, 2, -128, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -2]);
    assert_eq!(extract_lane(E::I8x16ExtractLaneS, v, 1), 0xffff_ffff);
    assert_eq!(extract_lane(E::I8x16ExtractLaneU, v, 1), 0xff);
    assert_eq!(extract_lane(E::I8x16ExtractLaneS, v, 3), 0xffff_ff80);
    assert_eq!(extract_lane(E::I8x16ExtractLaneS, v, 4), 127);
    assert_eq!(extract_lane(E::I8x16ExtractLaneS, v, 15), 0xffff_fffe);
    let w = i16s([0, 0, -32768, 0, 0, 0, 0, 7]);
    assert_eq!(extract_lane(E::I16x8ExtractLaneS, w, 2), 0xffff_8000);
    assert_eq!(extract_lane(E::I16x8ExtractLaneU, w, 2), 0x8000);
    assert_eq!(extract_lane(E::I16x8ExtractLaneS, w, 7), 7);
    let f = f32s([1.0, -0.0, 2.0, 3.0]);
    assert_eq!(extract_lane(E::F32x4ExtractLane, f, 1), 0x8000_0000);
    let d = f64s([1.5, -1.0]);
    assert_eq!(extract_lane(E::F64x2ExtractLane, d, 1), (-1.0f64).to_bits());
    assert_eq!(extract_lane(E::I32x4ExtractLane, i32s([0, 0, -1, 0]), 2), 0xffff_ffff);

    assert_eq!(replace_lane(R::I8x16ReplaceLane, 0, 0x1ff, 15), 0xff << 120);
    assert_eq!(replace_lane(R::I16x8ReplaceLane, u128::MAX, 0x1234, 1), !(0xedcb << 16));
    assert_eq!(
        replace_lane(R::I32x4ReplaceLane, i32s([1, 2, 3, 4]), 0xffff_ffff_0000_0009, 2),
        i32s([1, 2, 9, 4])
    );
    assert_eq!(
        replace_lane(R::F32x4ReplaceLane, f32s([1.0; 4]), 0x4000_0000, 0),
        f32s([2.0, 1.0, 1.0, 1.0])
    );
    assert_eq!(
        replace_lane(R::I64x2ReplaceLane, i64s([5, 6]), u64::MAX, 1),
        i64s([5, -1])
    );
    assert_eq!(
        replace_lane(R::F64x2ReplaceLane, f64s([0.0, 0.0]), 3.0f64.to_bits(), 0),
        f64s([3.0, 0.0])
    );
    // Out-of-range lane indices are masked instead of panicking.
    assert_eq!(extract_lane(E::I8x16ExtractLaneU, v, 17), 0xff);
    assert_eq!(replace_lane(R::I64x2ReplaceLane, 0, 1, 3), 1 << 64);
}

#[test]
fn bitwise_and_bitselect() {
    let a = 0xff00_ff00_0000_0000_0000_0000_f0f0_f0f0_u128;
    let b = 0x0ff0_0ff0_0000_0000_0000_0000_ffff_0000_u128;
    assert_eq!(bin(SimdBinOp::V128And, a, b), 0x0f00_0f00_0000_0000_0000_0000_f0f0_0000);
    assert_eq!(bin(SimdBinOp::V128Or, a, b), 0xfff0_fff0_0000_0000_0000_0000_ffff_f0f0);
    assert_eq!(bin(SimdBinOp::V128Xor, a, b), 0xf0f0_f0f0_0000_0000_0000_0000_0f0f_f0f0);
    assert_eq!(
        bin(SimdBinOp::V128AndNot, a, b),
        0xf000_f000_0000_0000_0000_0000_0000_f0f0
    );
    assert_eq!(un(SimdUnOp::V128Not, a), 0x00ff_00ff_ffff_ffff_ffff_ffff_0f0f_0f0f);
    let c = 0xffff_0000_ffff_0000_ffff_0000_ffff_0000_u128;
    assert_eq!(
        ternary(SimdTernOp::V128Bitselect, u128::MAX, 0, c),
        c,
        "bits of a where c is set"
    );
    assert_eq!(
        ternary(SimdTernOp::V128Bitselect, 0x1111, 0x2222_2222, 0xff00),
        0x2222_1122
    );
}

#[test]
fn i8x16_arithmetic() {
    use SimdBinOp as B;
    let a = i8s([127, -128, 100, -100, 1, 0, -1, 50, 0, 0, 0, 0, 0, 0, 0, 0]);
    let b = i8s([1, -1, 100, -100, -1, 0, -1, -60, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(
        bin(B::I8x16Add, a, b),
        i8s([-128, 127, -56, 56, 0, 0, -2, -10, 0, 0, 0, 0, 0, 0, 0, 0])
    );
    assert_eq!(
        bin(B::I8x16AddSatS, a, b),
        i8s([127, -128, 127, -128, 0, 0, -2, -10, 0, 0, 0, 0, 0, 0, 0, 0])
    );
    assert_eq!(
        bin(B::I8x16SubSatS, a, b),
        i8s([126, -127, 0, 0, 2, 0, 0, 110, 0, 0, 0, 0, 0, 0, 0, 0])
    );
    let x = u8s([250, 10, 0, 255, 128, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    let y = u8s([10, 20, 1, 255, 128, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(
        bin(B::I8x16AddSatU, x, y),
        u8s([255, 30, 1, 255, 255, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    );
    assert_eq!(
        bin(B::I8x16SubSatU, x, y),
        u8s([240, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    );
    assert_eq!(
        bin(B::I8x16Sub, x, y),
        u8s([240, 246, 255, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    );
    assert_eq!(
        bin(B::I8x16AvgrU, x, y),
        u8s([130, 15, 1, 255, 128, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    );
    // min/max: 0x80 is -128 signed but 128 unsigned.
    let p = u8s([0x80, 1, 0xff, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    let q = u8s([0x7f, 2, 0x01, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(
        bin(B::I8x16MinS, p, q),
        u8s([0x80, 1, 0xff, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    );
    assert_eq!(
        bin(B::I8x16MinU, p, q),
        u8s([0x7f, 1, 0x01, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    );
    assert_eq!(
        bin(B::I8x16MaxS, p, q),
        u8s([0x7f, 2, 0x01, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    );
    assert_eq!(
        bin(B::I8x16MaxU, p, q),
        u8s([0x80, 2, 0xff, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    );

    let n = i8s([-128, -5, 5, 0, 127, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(
        un(SimdUnOp::I8x16Abs, n),
        i8s([-128, 5, 5, 0, 127, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    );
    assert_eq!(
        un(SimdUnOp::I8x16Neg, n),
        i8s([-128, 5, -5, 0, -127, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    );
    let pc = u8s([0, 1, 3, 0xff, 0x80, 0x55, 0xf0, 7, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(
        un(SimdUnOp::I8x16Popcnt, pc),
        u8s([0, 1, 2, 8, 1, 4, 4, 3, 0, 0, 0, 0, 0, 0, 0, 0])
    );
}

#[test]
fn i16x8_arithmetic() {
    use SimdBinOp as B;
    let a = i16s([32767, -32768, 300, -2, 1000, 0, 0, 0]);
    let b = i16s([1, 1, 300, 3, 1000, 0, 0, 0]);
    assert_eq!(bin(B::I16x8Add, a, b), i16s([-32768, -32767, 600, 1, 2000, 0, 0, 0]));
    assert_eq!(bin(B::I16x8AddSatS, a, b), i16s([32767, -32767, 600, 1, 2000, 0, 0, 0]));
    assert_eq!(bin(B::I16x8SubSatS, a, b), i16s([32766, -32768, 0, -5, 0, 0, 0, 0]));
    assert_eq!(bin(B::I16x8Mul, a, b), i16s([32767, -32768, 24464, -6, 16960, 0, 0, 0]));
    let x = u16s([65535, 1, 0, 40000, 0, 0, 0, 0]);
    let y = u16s([1, 2, 1, 40000, 0, 0, 0, 0]);
    assert_eq!(bin(B::I16x8AddSatU, x, y), u16s([65535, 3, 1, 65535, 0, 0, 0, 0]));
    assert_eq!(bin(B::I16x8SubSatU, x, y), u16s([65534, 0, 0, 0, 0, 0, 0, 0]));
    assert_eq!(bin(B::I16x8Sub, x, y), u16s([65534, 65535, 65535, 0, 0, 0, 0, 0]));
    assert_eq!(bin(B::I16x8AvgrU, x, y), u16s([32768, 2, 1, 40000, 0, 0, 0, 0]));
    assert_eq!(bin(B::I16x8MinS, x, y), u16s([65535, 1, 0, 40000, 0, 0, 0, 0]));
    assert_eq!(bin(B::I16x8MinU, x, y), u16s([1, 1, 0, 40000, 0, 0, 0, 0]));
    assert_eq!(bin(B::I16x8MaxS, x, y), u16s([1, 2, 1, 40000, 0, 0, 0, 0]));
    assert_eq!(bin(B::I16x8MaxU, x, y), u16s([65535, 2, 1, 40000, 0, 0, 0, 0]));
    let n = i16s([-32768, -7, 7, 0, 0, 0, 0, 0]);
    assert_eq!(un(SimdUnOp::I16x8Abs, n), i16s([-32768, 7, 7, 0, 0, 0, 0, 0]));
    assert_eq!(un(SimdUnOp::I16x8Neg, n), i16s([-32768, 7, -7, 0, 0, 0, 0, 0]));
}

#[test]
fn q15mulr_sat() {
    let a = i16s([-32768, 16384, 1, -1, 32767, -32768, 3, 0]);
    let b = i16s([-32768, 16384, 16384, 16384, 32767, 32767, -16384, 0]);
    // (a*b + 0x4000) >> 15 (arithmetic), saturated:
    //  2^30 + 2^14 >> 15 = 32768 -> 32767;  2^28 >> 15 = 8192 (+rounding 0);
    //  16384 + 16384 = 32768 >> 15 = 1;  -16384 + 16384 = 0;
    //  32767^2 = 2^30 - 2^16 + 1, + 2^14 = 1073692673 >> 15 = 32766;
    //  -32768*32767 = -1073709056, + 16384 = -1073692672 >> 15 = -32767;
    //  3 * -16384 = -49152 + 16384 = -32768 >> 15 = -1.
    assert_eq!(
        bin(SimdBinOp::I16x8Q15MulrSatS, a, b),
        i16s([32767, 8192, 1, 0, 32766, -32767, -1, 0])
    );
}

#[test]
fn i32x4_and_i64x2_arithmetic() {
    use SimdBinOp as B;
    let a = i32s([i32::MAX, i32::MIN, -5, 100_000]);
    let b = i32s([1, -1, 3, 100_000]);
    assert_eq!(bin(B::I32x4Add, a, b), i32s([i32::MIN, i32::MAX, -2, 200_000]));
    assert_eq!(bin(B::I32x4Sub, a, b), i32s([i32::MAX - 1, i32::MIN + 1, -8, 0]));
    assert_eq!(bin(B::I32x4Mul, a, b), i32s([i32::MAX, i32::MIN, -15, 1_410_065_408]));
    assert_eq!(bin(B::I32x4MinS, a, b), i32s([1, i32::MIN, -5, 100_000]));
    assert_eq!(bin(B::I32x4MinU, a, b), i32s([1, i32::MIN, 3, 100_000]));
    assert_eq!(bin(B::I32x4MaxS, a, b), i32s([i32::MAX, -1, 3, 100_000]));
    assert_eq!(bin(B::I32x4MaxU, a, b), i32s([i32::MAX, -1, -5, 100_000]));
    let n = i32s([i32::MIN, -3, 3, 0]);
    assert_eq!(un(SimdUnOp::I32x4Abs, n), i32s([i32::MIN, 3, 3, 0]));
    assert_eq!(un(SimdUnOp::I32x4Neg, n), i32s([i32::MIN, 3, -3, 0]));

    let x = i64s([i64::MAX, 0x1_0000_0001]);
    let y = i64s([2, 0x1_0000_0001]);
    assert_eq!(bin(B::I64x2Add, x, y), i64s([i64::MIN + 1, 0x2_0000_0002]));
    assert_eq!(bin(B::I64x2Sub, x, y), i64s([i64::MAX - 2, 0]));
    // (2^32 + 1)^2 = 2^64 + 2^33 + 1 wraps to 2^33 + 1.
    assert_eq!(bin(B::I64x2Mul, x, y), i64s([-2, 0x2_0000_0001]));
    let n = i64s([i64::MIN, -9]);
    assert_eq!(un(SimdUnOp::I64x2Abs, n), i64s([i64::MIN, 9]));
    assert_eq!(un(SimdUnOp::I64x2Neg, n), i64s([i64::MIN, 9]));
}

#[test]
fn dot_extmul_extadd_extend() {
    use SimdBinOp as B;
    use SimdUnOp as U;
    let a = i16s([-32768, -32768, 1, 2, 3, 4, -5, 6]);
    let b = i16s([-32768, -32768, 10, 20, 30, 40, 50, 60]);
    // Lane 0: 2^30 + 2^30 = 2^31 wraps to i32::MIN.
    assert_eq!(bin(B::I32x4DotI16x8S, a, b), i32s([i32::MIN, 50, 250, 110]));
    assert_eq!(bin(B::I32x4ExtMulLowI16x8S, a, b), i32s([1 << 30, 1 << 30, 10, 40]));
    assert_eq!(bin(B::I32x4ExtMulHighI16x8S, a, b), i32s([90, 160, -250, 360]));
    assert_eq!(bin(B::I32x4ExtMulLowI16x8U, a, b), u32s([1 << 30, 1 << 30, 10, 40]));
    let m = u16s([0xffff, 0, 0, 0, 0xffff, 2, 0, 0]);
    assert_eq!(bin(B::I32x4ExtMulHighI16x8U, m, m), u32s([0xfffe_0001, 4, 0, 0]));
    assert_eq!(bin(B::I32x4ExtMulHighI16x8S, m, m), u32s([1, 4, 0, 0]));

    let p = i8s([-128, 127, -1, 2, 0, 0, 0, 0, 10, -10, 0, 0, 0, 0, 0, 5]);
    assert_eq!(
        bin(B::I16x8ExtMulLowI8x16S, p, p),
        i16s([16384, 16129, 1, 4, 0, 0, 0, 0])
    );
    assert_eq!(bin(B::I16x8ExtMulHighI8x16S, p, p), i16s([100, 100, 0, 0, 0, 0, 0, 25]));
    assert_eq!(
        bin(B::I16x8ExtMulLowI8x16U, p, p),
        u16s([16384, 16129, 65025, 4, 0, 0, 0, 0])
    );
    assert_eq!(
        bin(B::I16x8ExtMulHighI8x16U, p, p),
        u16s([100, 60516, 0, 0, 0, 0, 0, 25])
    );

    let q = i32s([i32::MIN, -1, 7, -2]);
    assert_eq!(bin(B::I64x2ExtMulLowI32x4S, q, q), i64s([1 << 62, 1]));
    assert_eq!(bin(B::I64x2ExtMulHighI32x4S, q, q), i64s([49, 4]));
    assert_eq!(
        bin(B::I64x2ExtMulLowI32x4U, q, q),
        from64([1 << 62, 0xffff_fffe_0000_0001])
    );
    assert_eq!(bin(B::I64x2ExtMulHighI32x4U, q, q), from64([49, 0xffff_fffc_0000_0004]));

    assert_eq!(un(U::I16x8ExtAddPairwiseI8x16S, p), i16s([-1, 1, 0, 0, 0, 0, 0, 5]));
    assert_eq!(
        un(U::I16x8ExtAddPairwiseI8x16U, p),
        u16s([255, 257, 0, 0, 256, 0, 0, 5])
    );
    let h = i16s([-32768, -32768, 32767, 32767, -1, 1, 0, 3]);
    assert_eq!(un(U::I32x4ExtAddPairwiseI16x8S, h), i32s([-65536, 65534, 0, 3]));
    assert_eq!(un(U::I32x4ExtAddPairwiseI16x8U, h), i32s([65536, 65534, 65536, 3]));

    assert_eq!(un(U::I16x8ExtendLowI8x16S, p), i16s([-128, 127, -1, 2, 0, 0, 0, 0]));
    assert_eq!(un(U::I16x8ExtendLowI8x16U, p), i16s([128, 127, 255, 2, 0, 0, 0, 0]));
    assert_eq!(un(U::I16x8ExtendHighI8x16S, p), i16s([10, -10, 0, 0, 0, 0, 0, 5]));
    assert_eq!(un(U::I16x8ExtendHighI8x16U, p), i16s([10, 246, 0, 0, 0, 0, 0, 5]));
    assert_eq!(un(U::I32x4ExtendLowI16x8S, h), i32s([-32768, -32768, 32767, 32767]));
    assert_eq!(un(U::I32x4ExtendLowI16x8U, h), i32s([32768, 32768, 32767, 32767]));
    assert_eq!(un(U::I32x4ExtendHighI16x8S, h), i32s([-1, 1, 0, 3]));
    assert_eq!(un(U::I32x4ExtendHighI16x8U, h), i32s([65535, 1, 0, 3]));
    assert_eq!(un(U::I64x2ExtendLowI32x4S, q), i64s([i64::from(i32::MIN), -1]));
    assert_eq!(un(U::I64x2ExtendLowI32x4U, q), i64s([0x8000_0000, 0xffff_ffff]));
    assert_eq!(un(U::I64x2ExtendHighI32x4S, q), i64s([7, -2]));
    assert_eq!(un(U::I64x2ExtendHighI32x4U, q), i64s([7, 0xffff_fffe]));
}

#[test]
fn narrowing_saturates_signed_inputs() {
    let a = i16s([300, -300, 127, -128, 128, -129, 255, 256]);
    let b = i16s([0, 1, -1, 32767, -32768, 200, 100, -100]);
    assert_eq!(
        bin(SimdBinOp::I8x16NarrowI16x8S, a, b),
        i8s([
            127, -128, 127, -128, 127, -128, 127, 127, 0, 1, -1, 127, -128, 127, 100, -100
        ])
    );
    assert_eq!(
        bin(SimdBinOp::I8x16NarrowI16x8U, a, b),
        u8s([255, 0, 127, 0, 128, 0, 255, 255, 0, 1, 0, 255, 0, 200, 100, 0])
    );
    let c = i32s([70_000, -70_000, 32768, -1]);
    let d = i32s([65535, 65536, 40_000, -32769]);
    assert_eq!(
        bin(SimdBinOp::I16x8NarrowI32x4S, c, d),
        i16s([32767, -32768, 32767, -1, 32767, 32767, 32767, -32768])
    );
    assert_eq!(
        bin(SimdBinOp::I16x8NarrowI32x4U, c, d),
        u16s([65535, 0, 32768, 0, 65535, 65535, 40_000, 0])
    );
}

#[test]
fn integer_comparisons() {
    use SimdBinOp as B;
    let a = i8s([-1, 1, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x7f]);
    let b = i8s([1, -1, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -128]);
    let t = -1i8;
    assert_eq!(
        bin(B::I8x16Eq, a, b),
        i8s([0, 0, t, t, t, t, t, t, t, t, t, t, t, t, t, 0])
    );
    assert_eq!(
        bin(B::I8x16Ne, a, b),
        i8s([t, t, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, t])
    );
    assert_eq!(
        bin(B::I8x16LtS, a, b),
        i8s([t, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    );
    assert_eq!(
        bin(B::I8x16LtU, a, b),
        i8s([0, t, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, t])
    );
    assert_eq!(
        bin(B::I8x16GtS, a, b),
        i8s([0, t, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, t])
    );
    assert_eq!(
        bin(B::I8x16GtU, a, b),
        i8s([t, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    );
    assert_eq!(
        bin(B::I8x16LeS, a, b),
        i8s([t, 0, t, t, t, t, t, t, t, t, t, t, t, t, t, 0])
    );
    assert_eq!(
        bin(B::I8x16LeU, a, b),
        i8s([0, t, t, t, t, t, t, t, t, t, t, t, t, t, t, t])
    );
    assert_eq!(
        bin(B::I8x16GeS, a, b),
        i8s([0, t, t, t, t, t, t, t, t, t, t, t, t, t, t, t])
    );
    assert_eq!(
        bin(B::I8x16GeU, a, b),
        i8s([t, 0, t, t, t, t, t, t, t, t, t, t, t, t, t, 0])
    );

    let a = i16s([-1, 1, 5, 0, 0, 0, 0, 0]);
    let b = i16s([1, -1, 5, 0, 0, 0, 0, 0]);
    assert_eq!(bin(B::I16x8LtS, a, b), i16s([-1, 0, 0, 0, 0, 0, 0, 0]));
    assert_eq!(bin(B::I16x8LtU, a, b), i16s([0, -1, 0, 0, 0, 0, 0, 0]));
    assert_eq!(bin(B::I16x8GeS, a, b), i16s([0, -1, -1, -1, -1, -1, -1, -1]));
    assert_eq!(bin(B::I16x8GtU, a, b), i16s([-1, 0, 0, 0, 0, 0, 0, 0]));
    assert_eq!(bin(B::I16x8Ne, a, b), i16s([-1, -1, 0, 0, 0, 0, 0, 0]));

    let a = i32s([-1, 1, 5, i32::MIN]);
    let b = i32s([1, -1, 5, i32::MAX]);
    assert_eq!(bin(B::I32x4LtS, a, b), i32s([-1, 0, 0, -1]));
    assert_eq!(bin(B::I32x4LtU, a, b), i32s([0, -1, 0, 0]));
    assert_eq!(bin(B::I32x4LeU, a, b), i32s([0, -1, -1, 0]));
    assert_eq!(bin(B::I32x4GeU, a, b), i32s([-1, 0, -1, -1]));
    assert_eq!(bin(B::I32x4Eq, a, b), i32s([0, 0, -1, 0]));

    let a = i64s([-1, i64::MAX]);
    let b = i64s([1, i64::MAX]);
    assert_eq!(bin(B::I64x2Eq, a, b), i64s([0, -1]));
    assert_eq!(bin(B::I64x2Ne, a, b), i64s([-1, 0]));
    assert_eq!(bin(B::I64x2LtS, a, b), i64s([-1, 0]));
    assert_eq!(bin(B::I64x2GtS, a, b), i64s([0, 0]));
    assert_eq!(bin(B::I64x2LeS, a, b), i64s([-1, -1]));
    assert_eq!(bin(B::I64x2GeS, a, b), i64s([0, -1]));
}

#[test]
fn float_comparisons() {
    use SimdBinOp as B;
    let a = f32s([f32::NAN, -0.0, 1.0, 2.0]);
    let b = f32s([f32::NAN, 0.0, 2.0, 1.0]);
    assert_eq!(bin(B::F32x4Eq, a, b), i32s([0, -1, 0, 0]));
    assert_eq!(bin(B::F32x4Ne, a, b), i32s([-1, 0, -1, -1]));
    assert_eq!(bin(B::F32x4Lt, a, b), i32s([0, 0, -1, 0]));
    assert_eq!(bin(B::F32x4Gt, a, b), i32s([0, 0, 0, -1]));
    assert_eq!(bin(B::F32x4Le, a, b), i32s([0, -1, -1, 0]));
    assert_eq!(bin(B::F32x4Ge, a, b), i32s([0, -1, 0, -1]));
    let a = f64s([f64::NAN, -0.0]);
    let b = f64s([1.0, 0.0]);
    assert_eq!(bin(B::F64x2Eq, a, b), i64s([0, -1]));
    assert_eq!(bin(B::F64x2Ne, a, b), i64s([-1, 0]));
    assert_eq!(bin(B::F64x2Lt, a, b), i64s([0, 0]));
    assert_eq!(bin(B::F64x2Gt, a, b), i64s([0, 0]));
    assert_eq!(bin(B::F64x2Le, a, b), i64s([0, -1]));
    assert_eq!(bin(B::F64x2Ge, a, b), i64s([0, -1]));
    assert_eq!(bin(B::F64x2Lt, f64s([1.0, 3.0]), f64s([2.0, 2.0])), i64s([-1, 0]));
}

#[test]
fn float_min_max_nan_and_signed_zero() {
    use SimdBinOp as B;
    let snan = f32::from_bits(0x7fa0_0000);
    let a = f32s([-0.0, 0.0, f32::NAN, 1.0]);
    let b = f32s([0.0, -0.0, 1.0, snan]);
    assert_eq!(bin(B::F32x4Min, a, b), u32s([0x8000_0000, 0x8000_0000, NAN32, NAN32]));
    assert_eq!(bin(B::F32x4Max, a, b), u32s([0, 0, NAN32, NAN32]));
    assert_eq!(
        bin(
            B::F32x4Min,
            f32s([1.0, -5.0, 3.0, f32::NEG_INFINITY]),
            f32s([2.0, 5.0, -3.0, 0.0])
        ),
        f32s([1.0, -5.0, -3.0, f32::NEG_INFINITY])
    );
    assert_eq!(
        bin(
            B::F32x4Max,
            f32s([1.0, -5.0, 3.0, f32::NEG_INFINITY]),
            f32s([2.0, 5.0, -3.0, 0.0])
        ),
        f32s([2.0, 5.0, 3.0, 0.0])
    );
    let a = f64s([-0.0, f64::NAN]);
    let b = f64s([0.0, 1.0]);
    assert_eq!(bin(B::F64x2Min, a, b), from64([0x8000_0000_0000_0000, NAN64]));
    assert_eq!(bin(B::F64x2Max, a, b), from64([0, NAN64]));
    assert_eq!(bin(B::F64x2Max, b, a), from64([0, NAN64]));
    assert_eq!(bin(B::F64x2Min, f64s([1.0, 7.0]), f64s([2.0, -7.0])), f64s([1.0, -7.0]));
}

#[test]
fn float_pmin_pmax_are_plain_selections() {
    use SimdBinOp as B;
    let nan = f32::from_bits(0x7fc0_1234);
    let a = f32s([-0.0, 0.0, nan, 1.0]);
    let b = f32s([0.0, -0.0, 1.0, nan]);
    // pmin(a, b) = b < a ? b : a; pmax(a, b) = a < b ? b : a.
    assert_eq!(
        bin(B::F32x4PMin, a, b),
        u32s([0x8000_0000, 0, 0x7fc0_1234, 0x3f80_0000])
    );
    assert_eq!(
        bin(B::F32x4PMax, a, b),
        u32s([0x8000_0000, 0, 0x7fc0_1234, 0x3f80_0000])
    );
    assert_eq!(
        bin(B::F32x4PMin, f32s([2.0, 1.0, 0.0, 0.0]), f32s([1.0, 2.0, 0.0, 0.0])),
        f32s([1.0, 1.0, 0.0, 0.0])
    );
    assert_eq!(
        bin(B::F32x4PMax, f32s([2.0, 1.0, 0.0, 0.0]), f32s([1.0, 2.0, 0.0, 0.0])),
        f32s([2.0, 2.0, 0.0, 0.0])
    );
    let nan = f64::from_bits(0xfff0_0000_0000_0001);
    assert_eq!(
        bin(B::F64x2PMin, f64s([nan, 3.0]), f64s([1.0, 2.0])),
        from64([nan.to_bits(), 2.0f64.to_bits()])
    );
    assert_eq!(
        bin(B::F64x2PMax, f64s([1.0, -0.0]), f64s([nan, 0.0])),
        f64s([1.0, -0.0])
    );
    assert_eq!(
        bin(B::F64x2PMax, f64s([1.0, -1.0]), f64s([2.0, -2.0])),
        f64s([2.0, -1.0])
    );
}

#[test]
fn float_arithmetic() {
    use SimdBinOp as B;
    let a = f32s([1.5, f32::INFINITY, 0.1, 1.0]);
    let b = f32s([2.25, f32::NEG_INFINITY, 0.2, 0.0]);
    assert_eq!(
        bin(B::F32x4Add, a, b),
        u32s([3.75f32.to_bits(), NAN32, 0x3e99_999a, 0x3f80_0000])
    );
    assert_eq!(bin(B::F32x4Sub, a, b), f32s([-0.75, f32::INFINITY, -0.1, 1.0]));
    assert_eq!(
        bin(B::F32x4Mul, a, b),
        u32s([3.375f32.to_bits(), 0xff80_0000, 0x3ca3_d70b, 0])
    );
    assert_eq!(
        bin(B::F32x4Div, a, b),
        u32s([0x3f2a_aaab, NAN32, 0x3f00_0000, 0x7f80_0000])
    );
    // A NaN input with a payload produces a (canonical) NaN.
    let payload = f32s([f32::from_bits(0xff80_0001), 0.0, 0.0, 0.0]);
    assert_eq!(bin(B::F32x4Mul, payload, f32s([2.0; 4])) as u32, NAN32);
    let c = f64s([0.1, f64::INFINITY]);
    let d = f64s([0.2, 0.0]);
    assert_eq!(
        bin(B::F64x2Add, c, d),
        from64([0x3fd3_3333_3333_3334, 0x7ff0_0000_0000_0000])
    );
    assert_eq!(bin(B::F64x2Sub, c, c), from64([0, NAN64]));
    assert_eq!(
        bin(B::F64x2Mul, c, d),
        from64([0.020_000_000_000_000_004f64.to_bits(), NAN64])
    );
    assert_eq!(
        bin(B::F64x2Div, f64s([1.0, 0.0]), f64s([-0.0, 0.0])),
        from64([f64::NEG_INFINITY.to_bits(), NAN64])
    );
}

#[test]
fn float_unary() {
    use SimdUnOp as U;
    let v = f32s([2.5, -0.5, 3.5, f32::from_bits(0x7f80_0001)]);
    assert_eq!(
        un(U::F32x4Nearest, v),
        u32s([2.0f32.to_bits(), 0x8000_0000, 4.0f32.to_bits(), NAN32])
    );
    assert_eq!(
        un(U::F32x4Ceil, v),
        u32s([3.0f32.to_bits(), 0x8000_0000, 4.0f32.to_bits(), NAN32])
    );
    assert_eq!(
        un(U::F32x4Floor, v),
        u32s([2.0f32.to_bits(), (-1.0f32).to_bits(), 3.0f32.to_bits(), NAN32])
    );
    assert_eq!(
        un(U::F32x4Trunc, v),
        u32s([2.0f32.to_bits(), 0x8000_0000, 3.0f32.to_bits(), NAN32])
    );
    assert_eq!(
        un(U::F32x4Sqrt, f32s([4.0, -1.0, -0.0, f32::INFINITY])),
        u32s([2.0f32.to_bits(), NAN32, 0x8000_0000, 0x7f80_0000])
    );
    // abs/neg only touch the sign bit, even for NaNs.
    let n = u32s([0x7fc0_0001, 0xff80_0001, 0x8000_0000, 0x3f80_0000]);
    assert_eq!(un(U::F32x4Abs, n), u32s([0x7fc0_0001, 0x7f80_0001, 0, 0x3f80_0000]));
    assert_eq!(un(U::F32x4Neg, n), u32s([0xffc0_0001, 0x7f80_0001, 0, 0xbf80_0000]));

    let d = f64s([-2.5, 0.49999999999999994]);
    assert_eq!(un(U::F64x2Nearest, d), f64s([-2.0, 0.0]));
    assert_eq!(un(U::F64x2Ceil, d), f64s([-2.0, 1.0]));
    assert_eq!(un(U::F64x2Floor, d), f64s([-3.0, 0.0]));
    assert_eq!(un(U::F64x2Trunc, d), f64s([-2.0, 0.0]));
    assert_eq!(
        un(U::F64x2Nearest, f64s([-0.5, 4503599627370497.0])),
        f64s([-0.0, 4503599627370497.0])
    );
    assert_eq!(
        un(U::F64x2Sqrt, f64s([2.0, -4.0])),
        from64([std::f64::consts::SQRT_2.to_bits(), NAN64])
    );
    let n = from64([0xfff8_0000_0000_0001, 1.0f64.to_bits()]);
    assert_eq!(un(U::F64x2Abs, n), from64([0x7ff8_0000_0000_0001, 1.0f64.to_bits()]));
    assert_eq!(un(U::F64x2Neg, n), from64([0x7ff8_0000_0000_0001, (-1.0f64).to_bits()]));
    assert_eq!(
        un(U::F64x2Ceil, f64s([f64::NAN, -0.25])),
        from64([NAN64, 0x8000_0000_0000_0000])
    );
}

#[test]
fn conversions() {
    use SimdUnOp as U;
    let f = f32s([f32::NAN, 3e9, -3e9, -1.9]);
    assert_eq!(un(U::I32x4TruncSatF32x4S, f), i32s([0, i32::MAX, i32::MIN, -1]));
    assert_eq!(un(U::I32x4TruncSatF32x4U, f), u32s([0, 3_000_000_000, 0, 0]));
    assert_eq!(
        un(U::I32x4TruncSatF32x4U, f32s([5e9, 4294967040.0, 0.99, f32::INFINITY])),
        u32s([u32::MAX, 4_294_967_040, 0, u32::MAX])
    );
    let d = f64s([f64::NAN, -2147483648.9]);
    assert_eq!(un(U::I32x4TruncSatF64x2SZero, d), i32s([0, i32::MIN, 0, 0]));
    let d = f64s([4294967295.9, 1e10]);
    assert_eq!(un(U::I32x4TruncSatF64x2SZero, d), i32s([i32::MAX, i32::MAX, 0, 0]));
    assert_eq!(un(U::I32x4TruncSatF64x2UZero, d), u32s([u32::MAX, u32::MAX, 0, 0]));
    assert_eq!(un(U::I32x4TruncSatF64x2UZero, f64s([-1.0, 42.7])), u32s([0, 42, 0, 0]));

    let i = i32s([-1, 16_777_217, i32::MIN, 0]);
    assert_eq!(
        un(U::F32x4ConvertI32x4S, i),
        u32s([0xbf80_0000, 16_777_216.0f32.to_bits(), 0xcf00_0000, 0])
    );
    // u32::MAX rounds to 2^32 = 0x4f800000; 0x80000000 is exactly 2^31.
    assert_eq!(
        un(U::F32x4ConvertI32x4U, i),
        u32s([0x4f80_0000, 16_777_216.0f32.to_bits(), 0x4f00_0000, 0])
    );
    assert_eq!(un(U::F64x2ConvertLowI32x4S, i), f64s([-1.0, 16_777_217.0]));
    assert_eq!(un(U::F64x2ConvertLowI32x4U, i), f64s([4_294_967_295.0, 16_777_217.0]));

    let d = f64s([0.1, 1e300]);
    assert_eq!(un(U::F32x4DemoteF64x2Zero, d), u32s([0x3dcc_cccd, 0x7f80_0000, 0, 0]));
    let d = from64([0x7ff0_0000_0000_0001, (-0.0f64).to_bits()]);
    assert_eq!(un(U::F32x4DemoteF64x2Zero, d), u32s([NAN32, 0x8000_0000, 0, 0]));
    let p = u32s([0x3f80_0000, 0xffc0_0001, 0x4000_0000, 0x4000_0000]);
    // A NaN keeps its sign and payload (shifted into the wider mantissa),
    // as the hardware's conversion and the machine-code tiers give it.
    assert_eq!(
        un(U::F64x2PromoteLowF32x4, p),
        from64([1.0f64.to_bits(), 0xfff8_0000_2000_0000])
    );
    assert_eq!(
        un(U::F64x2PromoteLowF32x4, f32s([0.1, -0.0, 9.0, 9.0])),
        from64([0x3fb9_9999_a000_0000, 0x8000_0000_0000_0000])
    );
}

#[test]
fn swizzle_and_shuffle() {
    let a = u8s([10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
    let idx = u8s([15, 0, 16, 255, 1, 128, 3, 17, 5, 5, 5, 5, 0, 0, 0, 14]);
    assert_eq!(
        bin(SimdBinOp::I8x16Swizzle, a, idx),
        u8s([25, 10, 0, 0, 11, 0, 13, 0, 15, 15, 15, 15, 10, 10, 10, 24])
    );
    let b = u8s([
        100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115,
    ]);
    let lanes = [0, 16, 1, 17, 15, 31, 8, 24, 2, 2, 30, 30, 7, 23, 14, 16];
    assert_eq!(
        shuffle(a, b, &lanes),
        u8s([10, 100, 11, 101, 25, 115, 18, 108, 12, 12, 114, 114, 17, 107, 24, 100])
    );
    // Indices are masked to 0..32 instead of panicking.
    assert_eq!(shuffle(a, b, &[32; 16]), splat(SimdSplatOp::I8x16Splat, 10));
}

#[test]
fn shifts_take_count_modulo_lane_width() {
    use SimdShiftOp as S;
    let a = u8s([0x81, 0x01, 0x80, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x40]);
    assert_eq!(
        shift(S::I8x16Shl, a, 9),
        u8s([0x02, 0x02, 0x00, 0xfe, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80])
    );
    assert_eq!(
        shift(S::I8x16ShrS, a, 1),
        u8s([0xc0, 0x00, 0xc0, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x20])
    );
    assert_eq!(
        shift(S::I8x16ShrU, a, 0xffff_ffff),
        u8s([0x01, 0, 0x01, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    );
    assert_eq!(shift(S::I8x16Shl, a, 8), a);
    let h = i16s([-32768, 1, 0x4000, -1, 0, 0, 0, 0]);
    assert_eq!(shift(S::I16x8Shl, h, 17), i16s([0, 2, -32768, -2, 0, 0, 0, 0]));
    assert_eq!(shift(S::I16x8ShrS, h, 15), i16s([-1, 0, 0, -1, 0, 0, 0, 0]));
    assert_eq!(shift(S::I16x8ShrU, h, 31), i16s([1, 0, 0, 1, 0, 0, 0, 0]));
    let w = i32s([i32::MIN, 3, -8, 1]);
    assert_eq!(shift(S::I32x4Shl, w, 33), i32s([0, 6, -16, 2]));
    assert_eq!(shift(S::I32x4ShrS, w, 0xffff_ffe1), i32s([-0x4000_0000, 1, -4, 0]));
    assert_eq!(shift(S::I32x4ShrU, w, 32), w);
    assert_eq!(shift(S::I32x4ShrU, w, 1), i32s([0x4000_0000, 1, 0x7fff_fffc, 0]));
    let q = i64s([i64::MIN, 5]);
    assert_eq!(shift(S::I64x2Shl, q, 65), i64s([0, 10]));
    assert_eq!(shift(S::I64x2ShrS, q, 63), i64s([-1, 0]));
    assert_eq!(shift(S::I64x2ShrU, q, 127), i64s([1, 0]));
    assert_eq!(shift(S::I64x2ShrU, q, 64), q);
}

#[test]
fn tests_any_all_bitmask() {
    use SimdTestOp as T;
    assert_eq!(test(T::V128AnyTrue, 0), 0);
    assert_eq!(test(T::V128AnyTrue, 1 << 127), 1);
    let v = i8s([-1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, -128, 15]);
    assert_eq!(test(T::I8x16AllTrue, v), 1);
    assert_eq!(test(T::I8x16AllTrue, v & !(0xff << 64)), 0);
    assert_eq!(test(T::I8x16Bitmask, v), 0b0100_0000_0000_0001);
    let h = i16s([1, -1, 0x100, 1, 1, -32768, 1, 1]);
    assert_eq!(test(T::I16x8AllTrue, h), 1);
    assert_eq!(test(T::I16x8AllTrue, h & !0xffff), 0);
    assert_eq!(test(T::I16x8Bitmask, h), 0b0010_0010);
    let w = i32s([-1, 0, i32::MIN, 5]);
    assert_eq!(test(T::I32x4AllTrue, w), 0);
    assert_eq!(test(T::I32x4AllTrue, i32s([1, 1 << 16, 1 << 31, 3])), 1);
    assert_eq!(test(T::I32x4Bitmask, w), 0b0101);
    assert_eq!(test(T::I64x2AllTrue, i64s([1, 1 << 40])), 1);
    assert_eq!(test(T::I64x2AllTrue, i64s([0, -1])), 0);
    assert_eq!(test(T::I64x2Bitmask, i64s([0, -1])), 0b10);
    assert_eq!(test(T::I64x2Bitmask, i64s([i64::MIN, 1])), 0b01);
}

#[test]
fn loads_and_lanes() {
    use SimdLoadKind as L;
    let sizes: Vec<u32> = L::ALL.iter().map(|k| k.access_size()).collect();
    assert_eq!(sizes, [16, 8, 8, 8, 8, 8, 8, 1, 2, 4, 8, 4, 8]);
    // The bytes 80 01 ff 7f 00 80 fe ff, then junk that must be ignored.
    let raw = 0xdead_beef_dead_beef_fffe_8000_7fff_0180_u128;
    assert_eq!(load_transform(L::V128, raw), raw);
    assert_eq!(
        load_transform(L::Load8x8S, raw),
        i16s([-128, 1, -1, 127, 0, -128, -2, -1])
    );
    assert_eq!(
        load_transform(L::Load8x8U, raw),
        i16s([128, 1, 255, 127, 0, 128, 254, 255])
    );
    assert_eq!(load_transform(L::Load16x4S, raw), i32s([0x0180, 0x7fff, -32768, -2]));
    assert_eq!(
        load_transform(L::Load16x4U, raw),
        i32s([0x0180, 0x7fff, 0x8000, 0xfffe])
    );
    assert_eq!(
        load_transform(L::Load32x2S, raw),
        from64([0x7fff_0180, 0xffff_ffff_fffe_8000])
    );
    assert_eq!(load_transform(L::Load32x2U, raw), from64([0x7fff_0180, 0xfffe_8000]));
    assert_eq!(load_transform(L::Load8Splat, raw), splat(SimdSplatOp::I8x16Splat, 0x80));
    assert_eq!(load_transform(L::Load16Splat, raw), u16s([0x0180; 8]));
    assert_eq!(load_transform(L::Load32Splat, raw), u32s([0x7fff_0180; 4]));
    assert_eq!(load_transform(L::Load64Splat, raw), from64([0xfffe_8000_7fff_0180; 2]));
    assert_eq!(load_transform(L::Load32Zero, raw), 0x7fff_0180);
    assert_eq!(load_transform(L::Load64Zero, raw), 0xfffe_8000_7fff_0180);

    let v = u8s([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    assert_eq!(store_lane(v, 1, 13), 13);
    assert_eq!(store_lane(v, 2, 3), 0x0706);
    assert_eq!(store_lane(v, 4, 2), 0x0b0a_0908);
    assert_eq!(store_lane(v, 8, 1), 0x0f0e_0d0c_0b0a_0908);
    assert_eq!(store_lane(v, 3, 0), 0);
    assert_eq!(
        load_lane(v, 1, 15, 0xaabb),
        u8s([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0xbb])
    );
    assert_eq!(
        load_lane(v, 2, 0, 0xaabb),
        u8s([0xbb, 0xaa, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15])
    );
    assert_eq!(load_lane(0, 4, 1, u64::MAX), u32s([0, u32::MAX, 0, 0]));
    assert_eq!(load_lane(0, 8, 1, 0x1234), 0x1234 << 64);
    assert_eq!(load_lane(v, 0, 1, 7), v);
}

#[test]
fn classify_immediates() {
    use concord_core::wasmparser::{MemArgTarget, V128};
    let memarg = MemArg {
        align: 3,
        max_align: 4,
        offset: 1 << 40,
        target: MemArgTarget::Memory(2),
        ordering: None,
    };
    let sm = SimdMemArg {
        offset: 1 << 40,
        align: 3,
        memory: 2,
    };
    assert_eq!(
        classify(&Operator::V128Load32x2U { memarg }),
        Some(SimdInstr::Load(SimdLoadKind::Load32x2U, sm))
    );
    assert_eq!(classify(&Operator::V128Store { memarg }), Some(SimdInstr::Store(sm)));
    assert_eq!(
        classify(&Operator::V128Load16Lane { memarg, lane: 5 }),
        Some(SimdInstr::LoadLane {
            width: 2,
            lane: 5,
            memarg: sm
        })
    );
    assert_eq!(
        classify(&Operator::V128Store64Lane { memarg, lane: 1 }),
        Some(SimdInstr::StoreLane {
            width: 8,
            lane: 1,
            memarg: sm
        })
    );
    let array = MemArg {
        target: MemArgTarget::Array(0),
        ..memarg
    };
    assert_eq!(classify(&Operator::V128Load { memarg: array }), None);
    assert_eq!(
        classify(&Operator::V128Const {
            value: V128::from(0x0102_u128 << 100)
        }),
        Some(SimdInstr::Const(0x0102 << 100))
    );
    let lanes = [31, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];
    assert_eq!(
        classify(&Operator::I8x16Shuffle { lanes }),
        Some(SimdInstr::Shuffle(lanes))
    );
    assert_eq!(
        classify(&Operator::F64x2ReplaceLane { lane: 1 }),
        Some(SimdInstr::ReplaceLane(SimdReplaceOp::F64x2ReplaceLane, 1))
    );
    assert_eq!(
        classify(&Operator::I16x8ExtractLaneS { lane: 7 }),
        Some(SimdInstr::ExtractLane(SimdExtractOp::I16x8ExtractLaneS, 7))
    );
    assert_eq!(
        classify(&Operator::I64x2Mul),
        Some(SimdInstr::Binary(SimdBinOp::I64x2Mul))
    );
    assert_eq!(
        classify(&Operator::F32x4PMin),
        Some(SimdInstr::Binary(SimdBinOp::F32x4PMin))
    );
    assert_eq!(
        classify(&Operator::I8x16Popcnt),
        Some(SimdInstr::Unary(SimdUnOp::I8x16Popcnt))
    );
    assert_eq!(
        classify(&Operator::V128Bitselect),
        Some(SimdInstr::Ternary(SimdTernOp::V128Bitselect))
    );
    assert_eq!(
        classify(&Operator::I64x2ShrS),
        Some(SimdInstr::Shift(SimdShiftOp::I64x2ShrS))
    );
    assert_eq!(
        classify(&Operator::F32x4Splat),
        Some(SimdInstr::Splat(SimdSplatOp::F32x4Splat))
    );
    assert_eq!(
        classify(&Operator::I32x4Bitmask),
        Some(SimdInstr::Test(SimdTestOp::I32x4Bitmask))
    );
    assert_eq!(classify(&Operator::I32Add), None);
    assert_eq!(classify(&Operator::Nop), None);
    assert_eq!(classify(&Operator::I64Const { value: -1 }), None);
}

/// Builds every operator of wasmparser's `@simd` (fixed-width SIMD, Wasm
/// 2.0) and `@relaxed_simd` groups, from wasmparser's own operator list.
fn simd_operators() -> (Vec<Operator<'static>>, Vec<Operator<'static>>) {
    use concord_core::wasmparser::{MemArgTarget, V128};
    trait Dummy {
        fn dummy() -> Self;
    }
    impl Dummy for u8 {
        fn dummy() -> Self {
            1
        }
    }
    impl Dummy for [u8; 16] {
        fn dummy() -> Self {
            [3; 16]
        }
    }
    impl Dummy for V128 {
        fn dummy() -> Self {
            V128::from(7_u128)
        }
    }
    impl Dummy for MemArg {
        fn dummy() -> Self {
            MemArg {
                align: 0,
                max_align: 4,
                offset: 16,
                target: MemArgTarget::Memory(0),
                ordering: None,
            }
        }
    }
    macro_rules! build {
        ($( @$proposal:ident $op:ident $({ $($arg:ident: $argty:ty),* })? => $visit:ident ($($ann:tt)*) )*) => {{
            let mut simd = Vec::new();
            let mut relaxed = Vec::new();
            $(
                let op = Operator::$op $({ $($arg: <$argty as Dummy>::dummy()),* })?;
                match stringify!($proposal) {
                    "simd" => simd.push(op),
                    "relaxed_simd" => relaxed.push(op),
                    other => panic!("unexpected proposal {other}"),
                }
            )*
            (simd, relaxed)
        }};
    }
    concord_core::wasmparser::for_each_visit_simd_operator!(build)
}

#[test]
fn classify_covers_every_wasm2_simd_operator() {
    let (simd, relaxed) = simd_operators();
    assert_eq!(simd.len(), 236, "Wasm 2.0 has 236 fixed-width SIMD opcodes");
    assert!(!relaxed.is_empty());
    let mut classified = Vec::new();
    for op in &simd {
        let instr = classify(op);
        assert!(instr.is_some(), "{op:?} is not classified");
        classified.push(instr);
    }
    for op in &relaxed {
        assert_eq!(classify(op), None, "relaxed-simd {op:?} must not be classified");
    }
    // Every op enum variant is reachable from exactly one operator.
    // (The relaxed-SIMD variants come from `classify_relaxed` only.)
    let count = |pred: &dyn Fn(&SimdInstr) -> bool| classified.iter().flatten().filter(|i| pred(i)).count();
    assert_eq!(
        count(&|i| matches!(i, SimdInstr::Unary(_))),
        SimdUnOp::ALL.len() - SimdUnOp::RELAXED.len()
    );
    assert_eq!(
        count(&|i| matches!(i, SimdInstr::Binary(_))),
        SimdBinOp::ALL.len() - SimdBinOp::RELAXED.len()
    );
    assert_eq!(
        count(&|i| matches!(i, SimdInstr::Ternary(_))),
        SimdTernOp::ALL.len() - SimdTernOp::RELAXED.len()
    );
    assert_eq!(count(&|i| matches!(i, SimdInstr::Shift(_))), SimdShiftOp::ALL.len());
    assert_eq!(count(&|i| matches!(i, SimdInstr::Splat(_))), SimdSplatOp::ALL.len());
    assert_eq!(count(&|i| matches!(i, SimdInstr::Test(_))), SimdTestOp::ALL.len());
    assert_eq!(
        count(&|i| matches!(i, SimdInstr::ExtractLane(..))),
        SimdExtractOp::ALL.len()
    );
    assert_eq!(
        count(&|i| matches!(i, SimdInstr::ReplaceLane(..))),
        SimdReplaceOp::ALL.len()
    );
    assert_eq!(count(&|i| matches!(i, SimdInstr::Load(..))), SimdLoadKind::ALL.len());
    assert_eq!(count(&|i| matches!(i, SimdInstr::LoadLane { .. })), 4);
    assert_eq!(count(&|i| matches!(i, SimdInstr::StoreLane { .. })), 4);
    for (i, x) in classified.iter().enumerate() {
        assert!(!classified[..i].contains(x), "{x:?} is produced by two operators");
    }
}

#[test]
fn no_operation_panics() {
    let samples = [
        0,
        u128::MAX,
        1,
        1 << 127,
        0x8000_0000_8000_0000_8000_0000_8000_0000,
        0x7fc0_0000_ff80_0000_7f80_0001_8000_0000,
        0xfff8_0000_0000_0001_8000_0000_0000_0000,
        0x0123_4567_89ab_cdef_fedc_ba98_7654_3210,
        f32s([3e9, -3e9, 0.5, -0.5]),
        f64s([1e300, -4294967296.5]),
    ];
    for &a in &samples {
        for &op in SimdUnOp::ALL {
            let _ = unary(op, a);
        }
        for &op in SimdTestOp::ALL {
            assert!(test(op, a) <= 0xffff);
        }
        for &kind in SimdLoadKind::ALL {
            let _ = load_transform(kind, a);
        }
        for lane in [0, 1, 7, 15, 16, 200, 255] {
            for &op in SimdExtractOp::ALL {
                let _ = extract_lane(op, a, lane);
            }
            for &op in SimdReplaceOp::ALL {
                let _ = replace_lane(op, a, u64::MAX, lane);
            }
            for width in [0, 1, 2, 3, 4, 8, 16, 255] {
                let _ = store_lane(a, width, lane);
                let _ = load_lane(a, width, lane, u64::MAX);
            }
        }
        for count in [0, 1, 7, 8, 63, 64, 127, 0xffff_ffff, u64::MAX] {
            for &op in SimdShiftOp::ALL {
                let _ = shift(op, a, count);
            }
        }
        for &op in SimdSplatOp::ALL {
            let _ = splat(op, a as u64);
        }
        let _ = shuffle(a, !a, &[255; 16]);
        for &b in &samples {
            for &op in SimdBinOp::ALL {
                let _ = binary(op, a, b);
            }
            for &op in SimdTernOp::ALL {
                let _ = ternary(op, a, b, a ^ b);
            }
        }
    }
}

#[test]
fn classify_relaxed_covers_every_relaxed_operator_in_both_modes() {
    let (simd, relaxed) = simd_operators();
    assert_eq!(relaxed.len(), 20, "relaxed SIMD has 20 opcodes");
    for op in &simd {
        for det in [false, true] {
            assert_eq!(classify_relaxed(op, det), None, "{op:?} is not a relaxed operator");
        }
    }
    let mut seen = Vec::new();
    for op in &relaxed {
        for det in [false, true] {
            let instr = classify_relaxed(op, det);
            assert!(instr.is_some(), "{op:?} is not classified (deterministic: {det})");
            seen.extend(instr);
        }
    }
    // Every relaxed-only variant is produced, in one of the modes.
    for &op in SimdUnOp::RELAXED {
        assert!(seen.contains(&SimdInstr::Unary(op)), "{op:?} is never produced");
    }
    for &op in SimdBinOp::RELAXED {
        assert!(seen.contains(&SimdInstr::Binary(op)), "{op:?} is never produced");
    }
    for &op in SimdTernOp::RELAXED {
        assert!(seen.contains(&SimdInstr::Ternary(op)), "{op:?} is never produced");
    }
}

/// The relaxed operator `op` on `(a, b[, c])` in one mode, through
/// [`classify_relaxed`].
fn relaxed(op: Operator<'_>, det: bool, args: &[u128]) -> u128 {
    match (classify_relaxed(&op, det).unwrap(), args) {
        (SimdInstr::Unary(u), [a]) => unary(u, *a),
        (SimdInstr::Binary(b), [x, y]) => binary(b, *x, *y),
        (SimdInstr::Ternary(t), [x, y, z]) => ternary(t, *x, *y, *z),
        (instr, _) => panic!("{instr:?} with {} operands", args.len()),
    }
}

#[test]
fn relaxed_swizzle() {
    let a = u8s(core::array::from_fn(|i| 0xa0 + i as u8));
    let s = u8s([0, 15, 16, 17, 31, 127, 128, 129, 255, 0x8f, 0x70, 3, 0x7f, 64, 0xf0, 1]);
    let op = || Operator::I8x16RelaxedSwizzle;
    // Deterministic: swizzle, every index of 16 or more gives 0.
    assert_eq!(
        relaxed(op(), true, &[a, s]),
        u8s([0xa0, 0xaf, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xa3, 0, 0, 0, 0xa1])
    );
    // Default: pshufb, the top bit zeroes, else the low four bits select.
    assert_eq!(
        relaxed(op(), false, &[a, s]),
        u8s([
            0xa0, 0xaf, 0xa0, 0xa1, 0xaf, 0xaf, 0, 0, 0, 0, 0xa0, 0xa3, 0xaf, 0xa0, 0, 0xa1
        ])
    );
}

#[test]
fn relaxed_truncations() {
    let f = f32s([f32::NAN, 3e9, -3e9, -1.9]);
    let s = || Operator::I32x4RelaxedTruncF32x4S;
    let u = || Operator::I32x4RelaxedTruncF32x4U;
    assert_eq!(relaxed(s(), true, &[f]), i32s([0, i32::MAX, i32::MIN, -1]));
    assert_eq!(relaxed(s(), false, &[f]), i32s([i32::MIN, i32::MIN, i32::MIN, -1]));
    let g = f32s([-0.0, 4294967040.0, 5e9, 2147483648.0]);
    assert_eq!(relaxed(s(), false, &[g]), i32s([0, i32::MIN, i32::MIN, i32::MIN]));
    for det in [false, true] {
        assert_eq!(relaxed(u(), det, &[f]), u32s([0, 3_000_000_000, 0, 0]));
        assert_eq!(relaxed(u(), det, &[g]), u32s([0, 4294967040, u32::MAX, 2147483648]));
    }
    let d = f64s([-2147483648.9, 2147483647.9]);
    let e = f64s([f64::NAN, -2147483649.0]);
    let sz = || Operator::I32x4RelaxedTruncF64x2SZero;
    let uz = || Operator::I32x4RelaxedTruncF64x2UZero;
    for det in [false, true] {
        assert_eq!(relaxed(sz(), det, &[d]), i32s([i32::MIN, i32::MAX, 0, 0]));
        assert_eq!(relaxed(uz(), det, &[d]), u32s([0, 2147483647, 0, 0]));
        assert_eq!(relaxed(uz(), det, &[e]), u32s([0, 0, 0, 0]));
    }
    assert_eq!(relaxed(sz(), true, &[e]), i32s([0, i32::MIN, 0, 0]));
    assert_eq!(relaxed(sz(), false, &[e]), i32s([i32::MIN, i32::MIN, 0, 0]));
    assert_eq!(relaxed(sz(), false, &[f64s([3e9, -0.5])]), i32s([i32::MIN, 0, 0, 0]));
}

#[test]
fn relaxed_madd_is_unfused_with_canonical_nans() {
    // 1 + 2^-23 squared is 1 + 2^-22 + 2^-46: the product rounds to
    // 1 + 2^-22, so adding -(1 + 2^-22) gives 0 unfused and 2^-46 fused.
    let x = 1.0 + f32::EPSILON;
    let m = f32s([x, 2.0, f32::INFINITY, 1.0]);
    let n = f32s([x, 3.0, 0.0, f32::from_bits(0x7fa0_0001)]);
    let c = f32s([-(1.0 + 2.0 * f32::EPSILON), 1.0, 1.0, 1.0]);
    for det in [false, true] {
        assert_eq!(
            relaxed(Operator::F32x4RelaxedMadd, det, &[m, n, c]),
            from32([0, 7f32.to_bits(), NAN32, NAN32])
        );
        assert_eq!(
            relaxed(Operator::F32x4RelaxedNmadd, det, &[m, n, c]),
            from32([
                (-2.0 * (1.0 + 2.0 * f32::EPSILON)).to_bits(),
                (-5f32).to_bits(),
                NAN32,
                NAN32
            ])
        );
    }
    let y = 1.0 + f64::EPSILON;
    let m = f64s([y, -0.0]);
    let c = f64s([-(1.0 + 2.0 * f64::EPSILON), -0.0]);
    for det in [false, true] {
        // -0 * -0 = +0, + -0 = +0; negated: -(-0) * -0 = -0, + -0 = -0.
        assert_eq!(relaxed(Operator::F64x2RelaxedMadd, det, &[m, m, c]), f64s([0.0, 0.0]));
        assert_eq!(
            relaxed(Operator::F64x2RelaxedNmadd, det, &[m, m, c]),
            f64s([-2.0 * (1.0 + 2.0 * f64::EPSILON), -0.0])
        );
    }
}

#[test]
fn relaxed_laneselect_is_bitselect() {
    let a = u8s([0x12; 16]);
    let b = u8s([0x34; 16]);
    let m = u8s([
        0xff, 0, 0xf0, 0x0f, 0x80, 0x7f, 1, 0xfe, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff,
    ]);
    let expected = (a & m) | (b & !m);
    for op in [
        Operator::I8x16RelaxedLaneselect,
        Operator::I16x8RelaxedLaneselect,
        Operator::I32x4RelaxedLaneselect,
        Operator::I64x2RelaxedLaneselect,
    ] {
        for det in [false, true] {
            assert_eq!(relaxed(op.clone(), det, &[a, b, m]), expected);
        }
    }
}

#[test]
fn relaxed_min_max() {
    let p = f32::from_bits(0x7fa0_0001);
    let a = f32s([p, 1.0, 0.0, -1.0]);
    let b = f32s([1.0, -p, -0.0, 2.0]);
    // Deterministic: min/max with canonical NaNs.
    assert_eq!(
        relaxed(Operator::F32x4RelaxedMin, true, &[a, b]),
        from32([NAN32, NAN32, (-0f32).to_bits(), (-1f32).to_bits()])
    );
    assert_eq!(
        relaxed(Operator::F32x4RelaxedMax, true, &[a, b]),
        from32([NAN32, NAN32, 0, 2f32.to_bits()])
    );
    // Default: pmin/pmax, the first operand for NaNs and zeros.
    assert_eq!(
        relaxed(Operator::F32x4RelaxedMin, false, &[a, b]),
        f32s([p, 1.0, 0.0, -1.0])
    );
    assert_eq!(
        relaxed(Operator::F32x4RelaxedMax, false, &[a, b]),
        f32s([p, 1.0, 0.0, 2.0])
    );
    let q = f64::from_bits(0xfff4_0000_0000_0001);
    let a = f64s([-0.0, 3.0]);
    let b = f64s([0.0, q]);
    assert_eq!(
        relaxed(Operator::F64x2RelaxedMin, true, &[a, b]),
        from64([(-0f64).to_bits(), NAN64])
    );
    assert_eq!(relaxed(Operator::F64x2RelaxedMax, true, &[a, b]), from64([0, NAN64]));
    assert_eq!(relaxed(Operator::F64x2RelaxedMin, false, &[a, b]), f64s([-0.0, 3.0]));
    assert_eq!(relaxed(Operator::F64x2RelaxedMax, false, &[b, a]), f64s([0.0, q]));
}

#[test]
fn relaxed_q15mulr() {
    let a = i16s([-32768, -32768, 32767, 16384, -1, 0, 1, 3]);
    let b = i16s([-32768, 32767, 32767, 16384, 16384, 5, 16384, -16384]);
    let rest = [-32767, 32766, 8192, 0, 0, 1, -1];
    let with = |first: i16| {
        let mut l = [first; 8];
        l[1..].copy_from_slice(&rest);
        i16s(l)
    };
    assert_eq!(relaxed(Operator::I16x8RelaxedQ15mulrS, true, &[a, b]), with(32767));
    assert_eq!(relaxed(Operator::I16x8RelaxedQ15mulrS, false, &[a, b]), with(-32768));
}

#[test]
fn relaxed_dot_products() {
    let a = i8s([-128, -128, 127, 127, -128, -128, 5, -7, 1, 2, 3, 4, -1, -1, 100, -100]);
    let b = i8s([-128, -128, 127, 127, -127, -127, -3, 9, 10, 20, 30, 40, -1, 1, 127, 127]);
    // Signed by signed: 32768 saturates; -128 * -127 * 2 = 32512.
    let det = [32767, 32258, 32512, -78, 50, 250, 0, 0];
    // Signed by unsigned (-128 is 128, -127 is 129, -3 is 253, -1 is 255):
    // -128 * 128 * 2 = -32768; -128 * 129 * 2 = -33024 saturates.
    let default = [-32768, 32258, -32768, 5 * 253 - 63, 50, 250, -255 - 1, 0];
    let op = || Operator::I16x8RelaxedDotI8x16I7x16S;
    assert_eq!(relaxed(op(), true, &[a, b]), i16s(det));
    assert_eq!(relaxed(op(), false, &[a, b]), i16s(default));
    let c = i32s([1, i32::MAX, -5, 0]);
    let add = || Operator::I32x4RelaxedDotI8x16I7x16AddS;
    let sum = |l: [i16; 8]| {
        let c = [1, i32::MAX, -5, 0];
        i32s(core::array::from_fn(|i| {
            (i32::from(l[2 * i]) + i32::from(l[2 * i + 1])).wrapping_add(c[i])
        }))
    };
    assert_eq!(relaxed(add(), true, &[a, b, c]), sum(det));
    assert_eq!(relaxed(add(), false, &[a, b, c]), sum(default));
}
