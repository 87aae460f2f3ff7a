//! Every benchmark program runs on every tier of concord compiled in (and on
//! wasmi, wasmtime and natively with the features of those names) and gives
//! the answer the Rust reference computes; the reference itself is pinned to
//! known answers computed independently (Python's `hashlib` for SHA-256,
//! Python transcriptions for the matrix multiply and n-body, published
//! Fibonacci numbers, prime counts and n-body energies).

use concord_benches::generate::{self, Shape};
use concord_benches::{ConcordRunner, PROGRAMS, Program, reference};

#[test]
fn reference_known_answers() {
    assert_eq!(reference::fib(25), 75025);
    assert_eq!(reference::fib(20), 6765);
    assert_eq!(reference::sieve(100_000), 9592);
    assert_eq!(reference::sieve(1_000_000), 78498);
    assert_eq!(reference::wasm_to_host(1000), 1000);
    // Collatz step counts summed and the exceptions program's sums, by
    // Python transcriptions of the two programs.
    assert_eq!(reference::tail_call(1000), 59_542);
    assert_eq!(reference::tail_call(100_000), 10_753_840);
    assert_eq!(reference::exceptions(1000), 2_515_000);
    assert_eq!(reference::exceptions(300_000), 180_154_500_000);
}

/// Answers of the C programs computed outside this crate: Fibonacci numbers
/// and prime counts as published (OEIS A000045, A000720), SHA-256 prefixes
/// by Python's `hashlib` over the same message, matrix-multiply sums and
/// n-body energies by Python transcriptions of `matmul.c` and `nbody.c`
/// (checked against the Benchmarks Game's published output).
const C_KNOWN: &[(&str, i32, i64)] = &[
    ("c_fib", 0, 0),
    ("c_fib", 1, 1),
    ("c_fib", 20, 6765),
    ("c_fib", 30, 832_040),
    ("c_sieve", 100_000, 9592),
    ("c_sieve", 1_000_000, 78_498),
    ("c_sieve", 4_000_000, 283_146),
    ("c_matmul", 1, 4_609_434_218_613_702_656),    // 1.5
    ("c_matmul", 16, -4_605_000_987_730_509_824),  // -5.9375
    ("c_matmul", 40, 4_640_140_279_842_603_008),   // 168.71875
    ("c_matmul", 200, -4_597_753_007_080_210_432), // -17.5
    ("c_sha256", 0, 0xe3b0_c442_98fc_1c14_u64 as i64),
    ("c_sha256", 55, 0x27d3_069e_cafb_8507),
    ("c_sha256", 56, 0x3428_ab65_3c0a_1ac1),
    ("c_sha256", 64, 0xa08f_82c2_3e6c_1362_u64 as i64),
    ("c_sha256", 1000, 0x93df_5d84_470a_474c_u64 as i64),
    ("c_sha256", 100_000, 0xe688_7b97_dc43_bee2_u64 as i64),
    ("c_sha256", 1 << 20, 0xd12d_0182_a479_7ab1_u64 as i64),
    // The Benchmarks Game's published energies: -0.169075164 before any step,
    // -0.169087605 after 1000; the others from a Python transcription.
    ("c_nbody", 0, -169_075_164),
    ("c_nbody", 1, -169_074_954),
    ("c_nbody", 1000, -169_087_605),
    ("c_nbody", 10_000, -169_016_441),
    ("c_nbody", 100_000, -169_079_859),
];

/// Whether a known answer is cheap enough for a debug-build test run on the
/// interpreter.
fn small(name: &str, arg: i32) -> bool {
    match name {
        "c_fib" => arg <= 22,
        "c_matmul" => arg <= 40,
        "c_nbody" => arg <= 1000,
        _ => arg <= 100_000,
    }
}

#[test]
fn c_reference_known_answers() {
    for &(name, arg, answer) in C_KNOWN {
        let program = Program::by_name(name).unwrap();
        assert_eq!((program.expected)(arg), answer, "reference {name}({arg})");
    }
    // FIPS 180-4's example: SHA-256("abc") = ba7816bf 8f01cfea ...
    assert_eq!(
        reference::sha256(b"abc")[..8],
        [0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea]
    );
}

#[test]
fn programs_run_on_every_concord_tier() {
    let tiers = ConcordRunner::tiers();
    eprintln!("tiers: {tiers:?}");
    for tier in tiers {
        for program in PROGRAMS {
            let name = format!("{}/{}", program.name, ConcordRunner::name(tier));
            let mut runner = ConcordRunner::with_tier(&program.wasm(), tier).unwrap_or_else(|e| panic!("{name}: {e}"));
            let got = runner.run(program.test_arg).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(
                got,
                (program.expected)(program.test_arg),
                "{name}({})",
                program.test_arg
            );
        }
    }
}

#[test]
fn c_programs_give_known_answers_on_every_concord_tier() {
    for tier in ConcordRunner::tiers() {
        for &(name, arg, answer) in C_KNOWN {
            // Large arguments only where the code is fast: optimized builds, or
            // machine code.
            if !small(name, arg) && cfg!(debug_assertions) && tier == concord::Tier::Interp {
                continue;
            }
            let program = Program::by_name(name).unwrap();
            let label = format!("{name}/{}({arg})", ConcordRunner::name(tier));
            let mut runner = ConcordRunner::with_tier(&program.wasm(), tier).unwrap_or_else(|e| panic!("{label}: {e}"));
            assert_eq!(
                runner.run(arg).unwrap_or_else(|e| panic!("{label}: {e}")),
                answer,
                "{label}"
            );
        }
    }
}

#[test]
fn every_c_program_has_known_answers() {
    for program in PROGRAMS.iter().filter(|p| p.is_c()) {
        assert!(
            C_KNOWN
                .iter()
                .any(|&(name, arg, _)| name == program.name && arg == program.bench_arg),
            "{}: no known answer for the bench argument",
            program.name
        );
        assert!(
            C_KNOWN
                .iter()
                .any(|&(name, arg, _)| name == program.name && arg == program.test_arg),
            "{}: no known answer for the test argument",
            program.name
        );
    }
}

#[test]
fn call_overhead_export_works_on_every_concord_tier() {
    let program = Program::by_name("wasm_to_host").unwrap();
    for tier in ConcordRunner::tiers() {
        let runner = ConcordRunner::with_tier(&program.wasm(), tier).unwrap();
        let inc = runner.typed::<(i32,), i32>("inc").unwrap();
        let mut store = runner.store;
        assert_eq!(inc.call(&mut store, (41,)).unwrap(), 42, "{tier}");
    }
}

#[test]
fn generated_module_compiles_eagerly_on_concord() {
    let wasm = generate::module_wasm(Shape {
        functions: 200,
        ..Shape::LARGE
    });
    let engine = ConcordRunner::engine(false).unwrap();
    let module = concord::Module::new(&engine, &wasm).unwrap();
    let mut store = concord::Store::new(&engine, ());
    ConcordRunner::linker(&engine)
        .unwrap()
        .instantiate(&mut store, &module)
        .unwrap();
}

#[test]
fn generated_module_compiles_on_every_machine_code_tier() {
    let wasm = generate::module_wasm(Shape {
        functions: 100,
        ..Shape::LARGE
    });
    for tier in ConcordRunner::tiers()
        .into_iter()
        .filter(|&t| t != concord::Tier::Interp)
    {
        for parallel in [false, true] {
            let engine = ConcordRunner::tier_engine(tier, Some(false), parallel).unwrap();
            let module = concord::Module::new(&engine, &wasm).unwrap_or_else(|e| panic!("{tier}: {e}"));
            let mut store = concord::Store::new(&engine, ());
            ConcordRunner::linker(&engine)
                .unwrap()
                .instantiate(&mut store, &module)
                .unwrap_or_else(|e| panic!("{tier}: {e}"));
        }
    }
}

#[test]
fn generated_module_is_large() {
    let len = generate::module_wasm(Shape::LARGE).len();
    assert!((1 << 20..8 << 20).contains(&len), "{len} bytes");
    eprintln!("Shape::LARGE: {len} bytes");
}

#[cfg(feature = "wasmi")]
#[test]
fn programs_run_on_wasmi() {
    for program in PROGRAMS {
        let mut runner = concord_benches::WasmiRunner::new(&program.wasm()).unwrap();
        let got = runner.run(program.test_arg).unwrap();
        assert_eq!(
            got,
            (program.expected)(program.test_arg),
            "{}({})",
            program.name,
            program.test_arg
        );
    }
}

#[cfg(feature = "wasmi")]
#[test]
fn generated_module_compiles_eagerly_on_wasmi() {
    let wasm = generate::module_wasm(Shape::LARGE);
    let engine = concord_benches::WasmiRunner::engine(true);
    wasmi::Module::new(&engine, &wasm).unwrap();
}

#[cfg(feature = "wasmtime")]
#[test]
fn programs_run_on_wasmtime() {
    for program in PROGRAMS {
        let mut runner = concord_benches::WasmtimeRunner::new(&program.wasm()).unwrap();
        let got = runner.run(program.test_arg).unwrap();
        assert_eq!(
            got,
            (program.expected)(program.test_arg),
            "{}({})",
            program.name,
            program.test_arg
        );
    }
    for &(name, arg, answer) in C_KNOWN {
        let mut runner = concord_benches::WasmtimeRunner::new(&Program::by_name(name).unwrap().wasm()).unwrap();
        assert_eq!(runner.run(arg).unwrap(), answer, "{name}({arg})");
    }
}

#[cfg(feature = "wasmtime")]
#[test]
fn generated_module_compiles_on_wasmtime() {
    let wasm = generate::module_wasm(Shape {
        functions: 100,
        ..Shape::LARGE
    });
    for parallel in [false, true] {
        let engine = concord_benches::WasmtimeRunner::engine(parallel).unwrap();
        wasmtime::Module::new(&engine, &wasm).unwrap();
    }
}

#[cfg(feature = "native")]
#[test]
fn c_programs_give_known_answers_natively() {
    for &(name, arg, answer) in C_KNOWN {
        let native = Program::by_name(name)
            .unwrap()
            .native
            .expect("built with the native feature");
        assert_eq!(native(arg), answer, "native {name}({arg})");
    }
}
