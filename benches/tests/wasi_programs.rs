//! The WASI C programs of `programs/wasi` (the whole-process benchmark of
//! `scripts/whole_process.py interp`) print what their native builds print,
//! on every tier of concord: each runs through `_start` with WASI, with the
//! small argument of `programs/wasi/expected.txt` (hello world with none),
//! and its stdout must equal the line recorded there, which `build.sh`
//! takes from a native `gcc -O2` build of the same source.

use std::io::Write;
use std::sync::{Arc, Mutex};

use concord::wasi::{Exit, WasiCtx, WasiCtxBuilder};
use concord::{Linker, Module, Store, Tier};
use concord_benches::ConcordRunner;

const EXPECTED: &str = include_str!("../programs/wasi/expected.txt");

/// One line of `expected.txt`: program, argument (empty: the default size)
/// and output.
struct Expected {
    program: &'static str,
    arg: &'static str,
    output: String,
}

fn expected() -> Vec<Expected> {
    EXPECTED
        .lines()
        .map(|line| {
            let mut fields = line.splitn(3, '\t');
            let (Some(program), Some(arg), Some(output)) = (fields.next(), fields.next(), fields.next()) else {
                panic!("expected.txt: a malformed line: {line:?}");
            };
            Expected {
                program,
                arg,
                output: format!("{}\n", output.replace("\\n", "\n")),
            }
        })
        .collect()
}

/// The runs the test makes: each program with its small argument, and
/// hello world (which takes none).
fn small_runs() -> Vec<Expected> {
    expected()
        .into_iter()
        .filter(|e| !e.arg.is_empty() || e.program == "hello")
        .collect()
}

/// A `Write` the test keeps a handle on: the guest's stdout.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Runs `programs/wasi/{program}.wasm` on `tier` with `args`; its stdout.
fn run(tier: Tier, program: &str, args: &[&str]) -> String {
    let path = format!("{}/programs/wasi/{program}.wasm", env!("CARGO_MANIFEST_DIR"));
    let wasm = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let engine = ConcordRunner::tier_engine(tier, None, true).unwrap();
    let module = Module::new(&engine, &wasm).unwrap_or_else(|e| panic!("{program} on {tier}: {e}"));
    let stdout = Captured::default();
    let wasi = WasiCtxBuilder::new()
        .arg(format!("{program}.wasm"))
        .args(args)
        .stdout(stdout.clone())
        .build();
    let mut store = Store::new(&engine, wasi);
    let mut linker = Linker::new(&engine);
    concord::wasi::add_to_linker(&mut linker, |wasi: &mut WasiCtx| wasi).unwrap();
    let instance = linker
        .instantiate(&mut store, &module)
        .unwrap_or_else(|e| panic!("{program} on {tier}: {e}"));
    let start = instance.get_typed_func::<(), ()>(&store, "_start").unwrap();
    if let Err(e) = start.call(&mut store, ()) {
        // `exit(0)` ends the run with an `Exit(0)` error; anything else fails.
        assert_eq!(Exit::from_error(&e), Some(Exit(0)), "{program} on {tier}: {e}");
    }
    let out = stdout.0.lock().unwrap().clone();
    String::from_utf8(out).unwrap_or_else(|e| panic!("{program} on {tier}: stdout is not UTF-8: {e}"))
}

/// Every tier compiled in, and tier-up (`Tier::Auto`) when the interpreter is.
fn tiers() -> Vec<Tier> {
    let mut tiers = ConcordRunner::tiers();
    if tiers.contains(&Tier::Interp) && tiers.len() > 1 {
        tiers.push(Tier::Auto);
    }
    tiers
}

#[test]
fn expected_outputs_cover_every_program() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/programs/wasi");
    let mut sources: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|entry| {
            let name = entry.unwrap().file_name().into_string().unwrap();
            name.strip_suffix(".c").map(str::to_string)
        })
        .collect();
    sources.sort();
    assert!(sources.len() >= 11, "{sources:?}");
    let all = expected();
    for name in &sources {
        assert!(
            std::path::Path::new(&format!("{dir}/{name}.wasm")).exists(),
            "{name}.wasm is missing: run programs/wasi/build.sh"
        );
        // The default size (what the benchmark runs) and, but for hello
        // world, a small one (what this test runs).
        let runs: Vec<_> = all.iter().filter(|e| e.program == name).collect();
        assert!(runs.iter().any(|e| e.arg.is_empty()), "{name}: no default-size output");
        if name != "hello" {
            assert!(runs.iter().any(|e| !e.arg.is_empty()), "{name}: no small-size output");
        }
    }
}

#[test]
fn wasi_programs_print_their_native_output_on_every_concord_tier() {
    let runs = small_runs();
    assert!(runs.len() >= 12, "{} runs", runs.len());
    let tiers = tiers();
    eprintln!("tiers: {tiers:?}");
    for tier in tiers {
        for e in &runs {
            let args: Vec<&str> = if e.arg.is_empty() { vec![] } else { vec![e.arg] };
            let got = run(tier, e.program, &args);
            assert_eq!(got, e.output, "{} {} on {tier}", e.program, e.arg);
        }
    }
}
