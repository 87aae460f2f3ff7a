//! Benchmark programs and harness for the concord WebAssembly runtime.
//!
//! The programs live as WebAssembly text in `benches/programs/*.wat`; each
//! exports `run(i32) -> i64`. [`PROGRAMS`] lists them with the argument the
//! benches use and a smaller one for tests, and [`reference`] computes every
//! program's answer in plain Rust, so a broken program or a wrong runtime
//! cannot go unnoticed. [`ConcordRunner`] (and, with the `wasmi` feature,
//! `WasmiRunner`) instantiate a program the same way on each runtime.
//! [`generate`] builds the large module that the translate and instantiate
//! benches use.
//!
//! Where to start reading: `benches/execute.rs` for the execution benches,
//! `benches/compile.rs` for translate and instantiate, `README.md` for the
//! numbers.

pub mod generate;
pub mod reference;
mod runners;

pub use runners::ConcordRunner;
#[cfg(feature = "wasmi")]
pub use runners::WasmiRunner;

/// The error type of the harness: anything either runtime reports.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// A benchmark program: a module exporting `run(i32) -> i64`.
#[derive(Clone, Copy, Debug)]
pub struct Program {
    /// Bench and file name (`programs/{name}.wat`).
    pub name: &'static str,
    /// The module's text.
    pub wat: &'static str,
    /// The argument of `run` in the benches (sized so one run takes tens of
    /// milliseconds on a fast interpreter).
    pub bench_arg: i32,
    /// A smaller argument for `cargo test` (fast even in a debug build).
    pub test_arg: i32,
    /// The expected result of `run(arg)`.
    pub expected: fn(i32) -> i64,
}

impl Program {
    /// The module's binary encoding.
    ///
    /// # Panics
    ///
    /// If the text does not parse (a bug in the program, caught by tests).
    pub fn wasm(&self) -> Vec<u8> {
        wat::parse_str(self.wat).unwrap_or_else(|e| panic!("programs/{}.wat: {e}", self.name))
    }

    /// Looks a program up by name.
    pub fn by_name(name: &str) -> Option<&'static Program> {
        PROGRAMS.iter().find(|p| p.name == name)
    }
}

macro_rules! program {
    ($name:literal, bench: $bench:expr, test: $test:expr, $expected:path) => {
        Program {
            name: $name,
            wat: include_str!(concat!("../programs/", $name, ".wat")),
            bench_arg: $bench,
            test_arg: $test,
            expected: $expected,
        }
    };
}

/// Every benchmark program.
pub const PROGRAMS: &[Program] = &[
    program!("fib", bench: 25, test: 20, reference::fib),
    program!("arith", bench: 10_000_000, test: 10_000, reference::arith),
    program!("sieve", bench: 4_000_000, test: 100_000, reference::sieve),
    program!("call_indirect", bench: 5_000_000, test: 10_000, reference::call_indirect),
    program!("br_table", bench: 5_000_000, test: 10_000, reference::br_table),
    program!("simd", bench: 4_000, test: 3, reference::simd),
    program!("wasm_to_host", bench: 1_000_000, test: 1_000, reference::wasm_to_host),
];

/// The host function `bench.host_inc` that programs may import.
pub fn host_inc(x: i32) -> i32 {
    x.wrapping_add(1)
}
