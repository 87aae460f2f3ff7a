//! A fuzzing campaign without libFuzzer (stable Rust, no instrumentation):
//! runs a target on pseudo-random inputs (xorshift from a seed) for a given
//! time, and reports the executions and how many generated modules used
//! exception handling. A divergence or crash panics with the input's
//! number, which the seed reproduces.
//!
//! `cargo run --release -p concord-fuzz --example campaign -- TARGET SECONDS [SEED]`
//! with TARGET `differential`, `execute`, `decode_validate` or `wasi`.

use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: campaign TARGET SECONDS [SEED]";
    let target = args.first().expect(usage).as_str();
    let seconds: u64 = args.get(1).expect(usage).parse().expect("SECONDS is a number");
    let seed: u64 = args
        .get(2)
        .map_or(0x9e37_79b9_7f4a_7c15, |s| s.parse().expect("SEED is a number"));
    let run: fn(&[u8]) = match target {
        "differential" => concord_fuzz::differential::run,
        "execute" => concord_fuzz::execute::run,
        "decode_validate" => concord_fuzz::decode_validate::run,
        "wasi" => concord_fuzz::wasi::run,
        other => panic!("unknown target {other}; {usage}"),
    };
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut x = seed.max(1);
    let (mut executions, mut with_exceptions) = (0u64, 0u64);
    while Instant::now() < deadline {
        // Sizes from 256 bytes to 16 KiB, so modules of every size come up.
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let len = 256 << (x % 7);
        let data: Vec<u8> = (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect();
        if uses_exceptions(&data) {
            with_exceptions += 1;
        }
        run(&data);
        executions += 1;
    }
    println!(
        "{target}: {executions} executions in {seconds} s (seed {seed}); {with_exceptions} generated modules had tags (exception handling)"
    );
}

/// Whether the module wasm-smith makes from `data` throws or catches.
fn uses_exceptions(data: &[u8]) -> bool {
    let mut u = arbitrary::Unstructured::new(data);
    let Ok(module) = wasm_smith::Module::new(concord_fuzz::generate::smith_config(true), &mut u) else {
        return false;
    };
    let bytes = module.to_bytes();
    wasmparser::Parser::new(0)
        .parse_all(&bytes)
        .any(|p| matches!(p, Ok(wasmparser::Payload::TagSection(_))))
}
