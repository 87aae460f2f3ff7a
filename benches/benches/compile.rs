//! Translate/compile and instantiate benches: concord's interpreter against
//! wasmi (with `--features wasmi`), concord's JIT and Cranelift tiers (when
//! compiled in) against wasmtime (with `--features wasmtime`).
//!
//! - `translate/{runtime}`: `Module::new` on a generated module of about
//!   2.7 MB ([`Shape::LARGE`]) with every function translated up front
//!   (concord `lazy_compilation = false`, wasmi `CompilationMode::Eager`);
//!   throughput in bytes of Wasm per second.
//! - `compile/{runtime}-{single,parallel}`: the same on the machine-code
//!   compilers, concord's JIT and Cranelift tiers and wasmtime, on the calling
//!   thread only (`single`) or on all cores (`parallel`,
//!   `parallel_compilation`), on a smaller generated module
//!   ([`COMPILE_SHAPE`]) so a sample takes about a second.
//! - `instantiate_large/{runtime}`: instantiating that module (lazy engine:
//!   nothing is compiled), 2,500 functions in a table, a memory, a data
//!   segment, globals.
//! - `instantiate_small/{runtime}`: instantiating `programs/call_indirect.wat`.
//!
//! A fresh store is made outside the timed part of each instantiation, and
//! dropped outside it too.

use std::hint::black_box;
use std::time::Duration;

use concord_benches::generate::{self, Shape};
use concord_benches::{ConcordRunner, Program};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

fn translate(c: &mut Criterion) {
    let wasm = generate::module_wasm(Shape::LARGE);
    let mut group = c.benchmark_group("translate");
    group.throughput(Throughput::Bytes(wasm.len() as u64));
    group.sample_size(10);
    match ConcordRunner::engine(false) {
        Ok(engine) => match concord::Module::new(&engine, &wasm) {
            Ok(_) => {
                group.bench_function(ConcordRunner::NAME, |b| {
                    b.iter(|| concord::Module::new(&engine, black_box(&wasm)).expect("translated once already"))
                });
            }
            Err(e) => eprintln!("SKIPPED translate/{}: {e}", ConcordRunner::NAME),
        },
        Err(e) => eprintln!("SKIPPED translate/{}: {e}", ConcordRunner::NAME),
    }
    #[cfg(feature = "wasmi")]
    {
        use concord_benches::WasmiRunner;
        let engine = WasmiRunner::engine(true);
        wasmi::Module::new(&engine, &wasm).expect("wasmi translates the generated module");
        group.bench_function(WasmiRunner::NAME, |b| {
            b.iter(|| wasmi::Module::new(&engine, black_box(&wasm)).expect("translated once already"))
        });
    }
    group.finish();
}

/// The module of the `compile` group: [`Shape::LARGE`] with fewer functions.
const COMPILE_SHAPE: Shape = Shape {
    functions: 500,
    ..Shape::LARGE
};

fn compile(c: &mut Criterion) {
    let wasm = generate::module_wasm(COMPILE_SHAPE);
    let mut group = c.benchmark_group("compile");
    group.throughput(Throughput::Bytes(wasm.len() as u64));
    group.sample_size(10);
    for (suffix, parallel) in [("single", false), ("parallel", true)] {
        for tier in ConcordRunner::compiler_tiers() {
            let name = format!("{}-{suffix}", ConcordRunner::name(tier));
            match ConcordRunner::tier_engine(tier, Some(false), parallel) {
                Ok(engine) => match concord::Module::new(&engine, &wasm) {
                    Ok(_) => {
                        group.bench_function(&name, |b| {
                            b.iter(|| concord::Module::new(&engine, black_box(&wasm)).expect("compiled once already"))
                        });
                    }
                    Err(e) => eprintln!("SKIPPED compile/{name}: {e}"),
                },
                Err(e) => eprintln!("SKIPPED compile/{name}: {e}"),
            }
        }
        #[cfg(feature = "wasmtime")]
        {
            use concord_benches::WasmtimeRunner;
            let engine = WasmtimeRunner::engine(parallel).expect("a wasmtime engine");
            wasmtime::Module::new(&engine, &wasm).expect("wasmtime compiles the generated module");
            group.bench_function(format!("{}-{suffix}", WasmtimeRunner::NAME), |b| {
                b.iter(|| wasmtime::Module::new(&engine, black_box(&wasm)).expect("compiled once already"))
            });
        }
    }
    group.finish();
}

fn instantiate(c: &mut Criterion) {
    let large = generate::module_wasm(Shape::LARGE);
    let small = Program::by_name("call_indirect").expect("listed").wasm();
    for (name, wasm) in [("instantiate_large", &large), ("instantiate_small", &small)] {
        let mut group = c.benchmark_group(name);
        concord_case(&mut group, name, wasm);
        #[cfg(feature = "wasmi")]
        {
            use concord_benches::WasmiRunner;
            let engine = WasmiRunner::engine(false);
            let module = wasmi::Module::new(&engine, wasm).expect("wasmi compiles the module");
            let linker = WasmiRunner::linker(&engine).expect("a fresh linker");
            group.bench_function(WasmiRunner::NAME, |b| {
                b.iter_batched(
                    || wasmi::Store::new(&engine, ()),
                    |mut store| {
                        linker.instantiate_and_start(&mut store, &module).expect("instantiates");
                        store
                    },
                    BatchSize::SmallInput,
                )
            });
        }
        group.finish();
    }
}

fn concord_case(group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>, name: &str, wasm: &[u8]) {
    let setup = || -> Result<_, concord_benches::BoxError> {
        let engine = ConcordRunner::engine(true)?;
        let module = concord::Module::new(&engine, wasm)?;
        let mut linker = ConcordRunner::linker(&engine)?;
        linker.instantiate(&mut concord::Store::new(&engine, ()), &module)?;
        Ok((engine, module, linker))
    };
    let (engine, module, mut linker) = match setup() {
        Ok(parts) => parts,
        Err(e) => return eprintln!("SKIPPED {name}/{}: {e}", ConcordRunner::NAME),
    };
    group.bench_function(ConcordRunner::NAME, |b| {
        b.iter_batched(
            || concord::Store::new(&engine, ()),
            |mut store| {
                linker
                    .instantiate(&mut store, &module)
                    .expect("instantiated once already");
                store
            },
            BatchSize::SmallInput,
        )
    });
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = translate, compile, instantiate
}
criterion_main!(benches);
