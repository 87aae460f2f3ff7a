//! Every benchmark program runs on concord (and on wasmi with `--features
//! wasmi`) and gives the answer the Rust reference computes; the reference
//! itself is pinned to known answers.

use concord_benches::generate::{self, Shape};
use concord_benches::{ConcordRunner, PROGRAMS, Program, reference};

#[test]
fn reference_known_answers() {
    assert_eq!(reference::fib(25), 75025);
    assert_eq!(reference::fib(20), 6765);
    assert_eq!(reference::sieve(100_000), 9592);
    assert_eq!(reference::sieve(1_000_000), 78498);
    assert_eq!(reference::wasm_to_host(1000), 1000);
}

#[test]
fn programs_run_on_concord() {
    for program in PROGRAMS {
        let mut runner = ConcordRunner::new(&program.wasm()).unwrap_or_else(|e| panic!("{}: {e}", program.name));
        let got = runner
            .run(program.test_arg)
            .unwrap_or_else(|e| panic!("{}: {e}", program.name));
        assert_eq!(
            got,
            (program.expected)(program.test_arg),
            "{}({})",
            program.name,
            program.test_arg
        );
    }
}

#[test]
fn call_overhead_export_works_on_concord() {
    let program = Program::by_name("wasm_to_host").unwrap();
    let runner = ConcordRunner::new(&program.wasm()).unwrap();
    let inc = runner.typed::<(i32,), i32>("inc").unwrap();
    let mut store = runner.store;
    assert_eq!(inc.call(&mut store, (41,)).unwrap(), 42);
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
