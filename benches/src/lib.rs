//! Benchmark programs and harness for the concord WebAssembly runtime.
//!
//! The programs live as WebAssembly text in `benches/programs/*.wat`, and as
//! C in `benches/programs/c/*.c` with their wasm32 builds committed beside
//! them (`programs/c/build.sh` rebuilds those); each exports
//! `run(i32) -> i64`. [`PROGRAMS`] lists them with the argument the benches
//! use and a smaller one for tests, and [`reference`] computes every
//! program's answer in plain Rust, so a broken program or a wrong runtime
//! cannot go unnoticed. [`ConcordRunner`] (and, with the `wasmi` and
//! `wasmtime` features, `WasmiRunner` and `WasmtimeRunner`) instantiate a
//! program the same way on each runtime; with the `native` feature the C
//! programs are also built natively with `gcc -O2` ([`Program::native`]).
//! [`generate`] builds the large module that the translate and instantiate
//! benches use.
//!
//! Where to start reading: `benches/execute.rs` for the execution benches,
//! `benches/compile.rs` for translate and instantiate, `README.md` for the
//! numbers.

pub mod generate;
#[cfg(feature = "native")]
pub mod native;
pub mod reference;
mod runners;

pub use runners::ConcordRunner;
#[cfg(feature = "wasmi")]
pub use runners::WasmiRunner;
#[cfg(feature = "wasmtime")]
pub use runners::WasmtimeRunner;

/// The error type of the harness: anything either runtime reports.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Where a program's module comes from.
#[derive(Clone, Copy, Debug)]
pub enum Source {
    /// WebAssembly text (`programs/{name}.wat`).
    Wat(&'static str),
    /// A wasm32 build of C (`programs/c/{file}.wasm`, from `{file}.c`).
    C(&'static [u8]),
}

/// A benchmark program: a module exporting `run(i32) -> i64`.
#[derive(Clone, Copy, Debug)]
pub struct Program {
    /// Bench name: the file name for `.wat` programs, `c_{file}` for C.
    pub name: &'static str,
    /// The module.
    pub source: Source,
    /// The argument of `run` in the benches (sized so one run takes tens of
    /// milliseconds on a fast interpreter).
    pub bench_arg: i32,
    /// A smaller argument for `cargo test` (fast even in a debug build).
    pub test_arg: i32,
    /// The expected result of `run(arg)`.
    pub expected: fn(i32) -> i64,
    /// The same C compiled natively with `gcc -O2` (C programs, with the
    /// `native` feature; `None` otherwise).
    pub native: Option<fn(i32) -> i64>,
}

impl Program {
    /// The module's binary encoding.
    ///
    /// # Panics
    ///
    /// If the text does not parse (a bug in the program, caught by tests).
    pub fn wasm(&self) -> Vec<u8> {
        match self.source {
            Source::Wat(text) => wat::parse_str(text).unwrap_or_else(|e| panic!("programs/{}.wat: {e}", self.name)),
            Source::C(wasm) => wasm.to_vec(),
        }
    }

    /// Whether the program is written in C.
    pub fn is_c(&self) -> bool {
        matches!(self.source, Source::C(_))
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
            source: Source::Wat(include_str!(concat!("../programs/", $name, ".wat"))),
            bench_arg: $bench,
            test_arg: $test,
            expected: $expected,
            native: None,
        }
    };
}

#[cfg(feature = "native")]
macro_rules! native {
    ($file:ident) => {
        Some(native::$file as fn(i32) -> i64)
    };
}

#[cfg(not(feature = "native"))]
macro_rules! native {
    ($file:ident) => {
        None
    };
}

macro_rules! c_program {
    ($file:ident, bench: $bench:expr, test: $test:expr, $expected:path) => {
        Program {
            name: concat!("c_", stringify!($file)),
            source: Source::C(include_bytes!(concat!("../programs/c/", stringify!($file), ".wasm"))),
            bench_arg: $bench,
            test_arg: $test,
            expected: $expected,
            native: native!($file),
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
    program!("tail_call", bench: 100_000, test: 1_000, reference::tail_call),
    program!("exceptions", bench: 300_000, test: 1_000, reference::exceptions),
    c_program!(fib, bench: 30, test: 20, reference::c_fib),
    c_program!(sieve, bench: 4_000_000, test: 100_000, reference::c_sieve),
    c_program!(matmul, bench: 200, test: 16, reference::c_matmul),
    c_program!(sha256, bench: 1 << 20, test: 1_000, reference::c_sha256),
    c_program!(nbody, bench: 100_000, test: 1_000, reference::c_nbody),
];

/// The host function `bench.host_inc` that programs may import.
pub fn host_inc(x: i32) -> i32 {
    x.wrapping_add(1)
}
