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
