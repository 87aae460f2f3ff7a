//! The answers of the benchmark programs, computed in plain Rust with the
//! same operations in the same order (so float results match bit for bit).

/// `fib.wat`: the n-th Fibonacci number, computed iteratively.
pub fn fib(n: i32) -> i64 {
    let (mut a, mut b) = (0u32, 1u32);
    for _ in 0..n {
        (a, b) = (b, a.wrapping_add(b));
    }
    i64::from(a)
}

/// `arith.wat`.
pub fn arith(n: i32) -> i64 {
    let mut x: u32 = 12345;
    let mut y: u64 = 0x0123_4567_89ab_cdef;
    let mut f: f64 = 0.0;
    for i in 0..n as u32 {
        x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        y = y.wrapping_add(u64::from(x)).rotate_left(5);
        y ^= u64::from(x / ((i & 255) + 1));
        f = f * 0.75 + f64::from((x as i32) >> 8) * 1e-6;
    }
    (y ^ f.to_bits()) as i64
}

/// `sieve.wat`: the number of primes below n.
pub fn sieve(n: i32) -> i64 {
    let n = n as usize;
    let mut is_prime = vec![true; n];
    let mut i = 2;
    while i * i < n {
        if is_prime[i] {
            for j in (i * i..n).step_by(i) {
                is_prime[j] = false;
            }
        }
        i += 1;
    }
    is_prime.iter().skip(2).filter(|&&p| p).count() as i64
}

/// `call_indirect.wat`.
pub fn call_indirect(n: i32) -> i64 {
    let table: [fn(u32) -> u32; 8] = [
        |x| x.wrapping_add(1),
        |x| x.wrapping_mul(3),
        |x| x ^ 0x5555,
        |x| x.rotate_left(7),
        |x| x.wrapping_sub(17),
        |x| (x >> 1).wrapping_add(0x10001),
        |x| x.wrapping_mul(x),
        |x| x.wrapping_add(0x12345),
    ];
    let mut acc: u32 = 1;
    for i in 0..n as u32 {
        acc = table[((acc ^ i) & 7) as usize](acc);
    }
    i64::from(acc)
}

/// `br_table.wat`.
pub fn br_table(n: i32) -> i64 {
    let mut acc: u32 = 0x1234_5678;
    let mut state: u32 = 0;
    for i in 0..n as u32 {
        match state {
            1 => {
                acc ^= acc << 13;
                state = acc & 7;
            }
            2 => {
                acc ^= acc >> 17;
                state = (acc >> 3) & 7;
            }
            3 => {
                acc ^= acc << 5;
                state = (acc >> 7) & 7;
            }
            4 => {
                acc = acc.wrapping_mul(0x0100_0193);
                state = (acc >> 11) & 7;
            }
            5 => {
                acc = acc.rotate_right(i);
                state = (state + 3) & 7;
            }
            6 => {
                acc = acc.wrapping_sub(i);
                state = (acc >> 17) & 7;
            }
            7 => {
                acc = acc.wrapping_add(acc.count_ones());
                state = (acc >> 23) & 7;
            }
            _ => {
                acc = acc.wrapping_add(0x9e37_79b9);
                state = (acc >> 29) & 7;
            }
        }
    }
    (i64::from(state) << 32) | i64::from(acc)
}

/// `simd.wat`, lane by lane.
pub fn simd(passes: i32) -> i64 {
    const LEN: usize = 4096;
    let x: Vec<f32> = (0..LEN as u32).map(|i| (i % 17) as f32 * 0.25).collect();
    let mut y: Vec<f32> = (0..LEN as i32).map(|i| (i % 13 - 6) as f32).collect();
    let mut acc = [0f32; 4];
    let mut sum = [0u32; 4];
    for _ in 0..passes {
        for k in (0..LEN).step_by(4) {
            for lane in 0..4 {
                let yv = y[k + lane] + 0.5 * x[k + lane];
                y[k + lane] = yv;
                acc[lane] += x[k + lane] * yv;
                sum[lane] = sum[lane].wrapping_add(yv.to_bits() >> 7);
            }
        }
    }
    let f = acc[0] + acc[1] + acc[2] + acc[3];
    let s = sum[0].wrapping_add(sum[1]).wrapping_add(sum[2].wrapping_add(sum[3]));
    ((i64::from(s)) << 32) | i64::from(f.to_bits())
}

/// `wasm_to_host.wat` (with `host_inc(x) = x + 1`).
pub fn wasm_to_host(n: i32) -> i64 {
    i64::from(n.max(0))
}

/// `tail_call.wat`: the sum of the Collatz step counts of 1..=n.
pub fn tail_call(n: i32) -> i64 {
    let mut sum = 0i64;
    for i in 1..=n.max(0) as u64 {
        let (mut x, mut steps) = (i, 0i64);
        while x > 1 {
            x = if x & 1 == 0 { x >> 1 } else { 3 * x + 1 };
            steps += 1;
        }
        sum += steps;
    }
    sum
}

/// `exceptions.wat`: each search from `i` ends at `x = i + (i & 7)` and
/// throws `x + 1000` (the `$other` tag, when `x` is a multiple of 4) or
/// `7x` (`$found`); the sum of what was caught.
pub fn exceptions(n: i32) -> i64 {
    (0..n.max(0) as i64)
        .map(|i| {
            let x = i + (i & 7);
            if x & 3 == 0 { x + 1000 } else { 7 * x }
        })
        .sum()
}

/// `c/fib.c`: fib(n), recursively in the C, iteratively here.
pub fn c_fib(n: i32) -> i64 {
    let (mut a, mut b) = (0i64, 1i64);
    for _ in 0..n.max(0) {
        (a, b) = (b, a + b);
    }
    a
}

/// `c/sieve.c`: the number of primes below n.
pub fn c_sieve(n: i32) -> i64 {
    sieve(n)
}

/// `c/matmul.c`: the bits of the weighted sum of A * B's elements.
pub fn c_matmul(n: i32) -> i64 {
    let n = n as usize;
    let a: Vec<f64> = (0..n * n)
        .map(|x| ((x / n * 7 + x % n * 3) % 17) as f64 * 0.125 - 1.0)
        .collect();
    let b: Vec<f64> = (0..n * n)
        .map(|x| ((x / n * 5 + x % n * 11) % 13) as f64 * 0.25 - 1.5)
        .collect();
    let mut c = vec![0.0f64; n * n];
    for i in 0..n {
        for k in 0..n {
            let aik = a[i * n + k];
            for j in 0..n {
                c[i * n + j] += aik * b[k * n + j];
            }
        }
    }
    let sum = c
        .iter()
        .enumerate()
        .fold(0.0, |sum, (i, &x)| sum + x * (i % 7 + 1) as f64);
    sum.to_bits() as i64
}

/// `c/sha256.c`: the first eight bytes (big-endian) of the SHA-256 of the
/// n-byte message whose byte i is `(i * 31 + (i >> 9)) & 0xff`.
pub fn c_sha256(n: i32) -> i64 {
    let message: Vec<u8> = (0..n.max(0) as u32)
        .map(|i| (i.wrapping_mul(31) + (i >> 9)) as u8)
        .collect();
    let digest = sha256(&message);
    i64::from_be_bytes(digest[..8].try_into().expect("32 bytes"))
}

/// SHA-256 (FIPS 180-4).
pub fn sha256(message: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
        0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
        0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
        0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
        0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
        0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
        0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    ];
    let mut padded = message.to_vec();
    padded.push(0x80);
    while padded.len() % 64 != 56 {
        padded.push(0);
    }
    padded.extend_from_slice(&(message.len() as u64 * 8).to_be_bytes());
    for block in padded.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (t, word) in block.chunks_exact(4).enumerate() {
            w[t] = u32::from_be_bytes(word.try_into().expect("4 bytes"));
        }
        for t in 16..64 {
            let s0 = w[t - 15].rotate_right(7) ^ w[t - 15].rotate_right(18) ^ (w[t - 15] >> 3);
            let s1 = w[t - 2].rotate_right(17) ^ w[t - 2].rotate_right(19) ^ (w[t - 2] >> 10);
            w[t] = w[t - 16].wrapping_add(s0).wrapping_add(w[t - 7]).wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for t in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[t])
                .wrapping_add(w[t]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            (hh, g, f, e, d, c, b, a) = (g, f, e, d.wrapping_add(t1), c, b, a, t1.wrapping_add(t2));
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 32];
    for (bytes, x) in out.chunks_exact_mut(4).zip(h) {
        bytes.copy_from_slice(&x.to_be_bytes());
    }
    out
}

/// `c/nbody.c`: the Benchmarks Game's n-body energy after n steps, times
/// 10^9, rounded; the same operations in the same order as the C.
#[allow(
    clippy::excessive_precision,
    reason = "the constants exactly as nbody.c (and the Benchmarks Game) spell them"
)]
pub fn c_nbody(n: i32) -> i64 {
    use std::f64::consts::PI;
    const SOLAR_MASS: f64 = 4.0 * PI * PI;
    const DAYS_PER_YEAR: f64 = 365.24;
    // x, y, z, vx, vy, vz, mass
    let mut bodies: [[f64; 7]; 5] = [
        [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, SOLAR_MASS],
        [
            4.841_431_442_464_720_90e+00,
            -1.160_320_044_027_428_39e+00,
            -1.036_220_444_711_231_09e-01,
            1.660_076_642_744_036_94e-03 * DAYS_PER_YEAR,
            7.699_011_184_197_404_25e-03 * DAYS_PER_YEAR,
            -6.904_600_169_720_630_23e-05 * DAYS_PER_YEAR,
            9.547_919_384_243_266_09e-04 * SOLAR_MASS,
        ],
        [
            8.343_366_718_244_579_87e+00,
            4.124_798_564_124_304_79e+00,
            -4.035_234_171_143_213_81e-01,
            -2.767_425_107_268_624_11e-03 * DAYS_PER_YEAR,
            4.998_528_012_349_172_38e-03 * DAYS_PER_YEAR,
            2.304_172_975_737_639_29e-05 * DAYS_PER_YEAR,
            2.858_859_806_661_308_12e-04 * SOLAR_MASS,
        ],
        [
            1.289_436_956_213_913_10e+01,
            -1.511_115_140_169_863_12e+01,
            -2.233_075_788_926_557_34e-01,
            2.964_601_375_647_616_18e-03 * DAYS_PER_YEAR,
            2.378_471_739_594_809_50e-03 * DAYS_PER_YEAR,
            -2.965_895_685_402_375_56e-05 * DAYS_PER_YEAR,
            4.366_244_043_351_562_98e-05 * SOLAR_MASS,
        ],
        [
            1.537_969_711_485_091_65e+01,
            -2.591_931_460_998_796_41e+01,
            1.792_587_729_503_711_81e-01,
            2.680_677_724_903_893_22e-03 * DAYS_PER_YEAR,
            1.628_241_700_382_422_95e-03 * DAYS_PER_YEAR,
            -9.515_922_545_197_158_70e-05 * DAYS_PER_YEAR,
            5.151_389_020_466_114_51e-05 * SOLAR_MASS,
        ],
    ];
    let (mut px, mut py, mut pz) = (0.0, 0.0, 0.0);
    for b in &bodies {
        px += b[3] * b[6];
        py += b[4] * b[6];
        pz += b[5] * b[6];
    }
    bodies[0][3] = -px / SOLAR_MASS;
    bodies[0][4] = -py / SOLAR_MASS;
    bodies[0][5] = -pz / SOLAR_MASS;
    let dt = 0.01;
    for _ in 0..n {
        for i in 0..5 {
            for j in i + 1..5 {
                let (dx, dy, dz) = (
                    bodies[i][0] - bodies[j][0],
                    bodies[i][1] - bodies[j][1],
                    bodies[i][2] - bodies[j][2],
                );
                let d2 = dx * dx + dy * dy + dz * dz;
                let mag = dt / (d2 * d2.sqrt());
                let (mi, mj) = (bodies[i][6], bodies[j][6]);
                bodies[i][3] -= dx * mj * mag;
                bodies[i][4] -= dy * mj * mag;
                bodies[i][5] -= dz * mj * mag;
                bodies[j][3] += dx * mi * mag;
                bodies[j][4] += dy * mi * mag;
                bodies[j][5] += dz * mi * mag;
            }
        }
        for b in &mut bodies {
            b[0] += dt * b[3];
            b[1] += dt * b[4];
            b[2] += dt * b[5];
        }
    }
    let mut e = 0.0;
    for i in 0..5 {
        let b = bodies[i];
        e += 0.5 * b[6] * (b[3] * b[3] + b[4] * b[4] + b[5] * b[5]);
        for b2 in &bodies[i + 1..] {
            let (dx, dy, dz) = (b[0] - b2[0], b[1] - b2[1], b[2] - b2[2]);
            e -= (b[6] * b2[6]) / (dx * dx + dy * dy + dz * dz).sqrt();
        }
    }
    let e = e * 1e9;
    (if e < 0.0 { e - 0.5 } else { e + 0.5 }) as i64
}
