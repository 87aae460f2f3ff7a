//! The C programs of `programs/c/` compiled natively with `gcc -O2` (the
//! `native` feature; `build.rs` builds them with the `cc` crate, renaming
//! each file's `run` to `concord_bench_c_{file}`).

use std::sync::Mutex;

unsafe extern "C" {
    fn concord_bench_c_fib(n: i32) -> i64;
    fn concord_bench_c_sieve(n: i32) -> i64;
    fn concord_bench_c_matmul(n: i32) -> i64;
    fn concord_bench_c_sha256(n: i32) -> i64;
    fn concord_bench_c_nbody(n: i32) -> i64;
}

/// Held around every call: the C programs keep their arrays in static
/// storage, so two calls must never overlap (tests run on several threads).
/// Uncontended, it costs nanoseconds against runs of milliseconds.
static LOCK: Mutex<()> = Mutex::new(());

fn call(f: unsafe extern "C" fn(i32) -> i64, n: i32) -> i64 {
    let _guard = LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    // SAFETY: `f` is the `run` of one of the C files, `int64_t run(int32_t)`:
    // it accepts any argument (an out-of-range one returns -1) and touches
    // only its own static data, and `LOCK` keeps calls from overlapping.
    unsafe { f(n) }
}

/// `programs/c/fib.c`.
pub fn fib(n: i32) -> i64 {
    call(concord_bench_c_fib, n)
}

/// `programs/c/sieve.c`.
pub fn sieve(n: i32) -> i64 {
    call(concord_bench_c_sieve, n)
}

/// `programs/c/matmul.c`.
pub fn matmul(n: i32) -> i64 {
    call(concord_bench_c_matmul, n)
}

/// `programs/c/sha256.c`.
pub fn sha256(n: i32) -> i64 {
    call(concord_bench_c_sha256, n)
}

/// `programs/c/nbody.c`.
pub fn nbody(n: i32) -> i64 {
    call(concord_bench_c_nbody, n)
}
