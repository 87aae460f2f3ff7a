//! Execution benches: every program of `programs/` on concord's interpreter,
//! on concord's JIT and Cranelift tiers when they are compiled in, with
//! `--features wasmi` on wasmi and with `--features wasmtime` on wasmtime,
//! in groups named after the program (`fib/concord-interp`,
//! `fib/concord-jit`, `fib/concord-cranelift`, `fib/wasmi`, `fib/wasmtime`), plus the host -> Wasm call overhead
//! (`host_to_wasm`, one call of a trivial export per iteration). The C
//! programs (`c_fib`, ...) also get a `native` case, the same C built with
//! `gcc -O2`, with `--features native`.
//!
//! Each case first checks its result against the Rust reference. A runtime
//! that cannot run a program (an error, not a wrong answer) is reported on
//! stderr and skipped, so the other runtime's numbers still come out; a wrong
//! answer panics.

use std::hint::black_box;
use std::time::Duration;

use concord_benches::{BoxError, ConcordRunner, PROGRAMS, Program};
use criterion::{BenchmarkGroup, Criterion, criterion_group, criterion_main, measurement::WallTime};

/// Runs `body` as the case `runtime` of `group` (named `name`) if `setup`
/// succeeds and the first result is `expected`.
fn case<R>(
    (group, name): (&mut BenchmarkGroup<'_, WallTime>, &str),
    runtime: &str,
    setup: impl FnOnce() -> Result<R, BoxError>,
    mut body: impl FnMut(&mut R) -> Result<i64, BoxError>,
    expected: i64,
) {
    let mut runner = match setup() {
        Ok(runner) => runner,
        Err(e) => return eprintln!("SKIPPED {name}/{runtime}: {e}"),
    };
    match body(&mut runner) {
        Ok(got) => assert_eq!(got, expected, "{name}/{runtime}: wrong result"),
        Err(e) => return eprintln!("SKIPPED {name}/{runtime}: {e}"),
    }
    group.bench_function(runtime, |b| b.iter(|| body(&mut runner).expect("ran once already")));
}

fn programs(c: &mut Criterion) {
    for program in PROGRAMS {
        run_program(c, program);
    }
}

fn run_program(c: &mut Criterion, program: &Program) {
    let wasm = program.wasm();
    let arg = program.bench_arg;
    let expected = (program.expected)(arg);
    let mut group = c.benchmark_group(program.name);
    group.sample_size(10);
    // Each tier right before the runtime it is compared with, so the two run
    // close together in time (the machine's load drifts).
    for tier in ConcordRunner::tiers() {
        case(
            (&mut group, program.name),
            ConcordRunner::name(tier),
            || ConcordRunner::with_tier(&wasm, tier),
            |r| r.run(black_box(arg)),
            expected,
        );
        #[cfg(feature = "wasmi")]
        if tier == concord::Tier::Interp {
            case(
                (&mut group, program.name),
                concord_benches::WasmiRunner::NAME,
                || concord_benches::WasmiRunner::new(&wasm),
                |r| r.run(black_box(arg)),
                expected,
            );
        }
    }
    #[cfg(feature = "wasmtime")]
    case(
        (&mut group, program.name),
        concord_benches::WasmtimeRunner::NAME,
        || concord_benches::WasmtimeRunner::new(&wasm),
        |r| r.run(black_box(arg)),
        expected,
    );
    if let Some(native) = program.native {
        case(
            (&mut group, program.name),
            "native",
            || Ok(()),
            |()| Ok(native(black_box(arg))),
            expected,
        );
    }
    group.finish();
}

fn host_to_wasm(c: &mut Criterion) {
    let wasm = Program::by_name("wasm_to_host").expect("listed").wasm();
    let mut group = c.benchmark_group("host_to_wasm");
    group.measurement_time(Duration::from_secs(2));
    for tier in ConcordRunner::tiers() {
        case(
            (&mut group, "host_to_wasm"),
            ConcordRunner::name(tier),
            || {
                let runner = ConcordRunner::with_tier(&wasm, tier)?;
                let inc = runner.typed::<(i32,), i32>("inc")?;
                Ok((runner.store, inc))
            },
            |(store, inc)| Ok(i64::from(inc.call(&mut *store, (black_box(41),))?)),
            42,
        );
        #[cfg(feature = "wasmi")]
        if tier == concord::Tier::Interp {
            case(
                (&mut group, "host_to_wasm"),
                concord_benches::WasmiRunner::NAME,
                || {
                    let runner = concord_benches::WasmiRunner::new(&wasm)?;
                    let inc = runner.typed::<i32, i32>("inc")?;
                    Ok((runner.store, inc))
                },
                |(store, inc)| Ok(i64::from(inc.call(&mut *store, black_box(41))?)),
                42,
            );
        }
    }
    #[cfg(feature = "wasmtime")]
    case(
        (&mut group, "host_to_wasm"),
        concord_benches::WasmtimeRunner::NAME,
        || {
            let mut runner = concord_benches::WasmtimeRunner::new(&wasm)?;
            let inc = runner.typed::<i32, i32>("inc")?;
            Ok((runner.store, inc))
        },
        |(store, inc)| Ok(i64::from(inc.call(&mut *store, black_box(41))?)),
        42,
    );
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = programs, host_to_wasm
}
criterion_main!(benches);
