//! A fuzzing campaign without libFuzzer (stable Rust, no instrumentation):
//! runs a target on pseudo-random inputs (xorshift from a seed) for a given
//! time, and reports the executions and how many generated modules used
//! exception handling and typed function references. A divergence or crash
//! panics with the input's number, which the seed reproduces, after writing
//! the input to `campaign-TARGET-SEED-NUMBER` (for `regressions/TARGET/`).
//!
//! `cargo run --release -p concord-fuzz --example campaign -- TARGET SECONDS [SEED]`
//! with TARGET `differential`, `execute`, `decode_validate` or `wasi`, or
//! `wasmi` with `--features wasmi`.

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
        #[cfg(feature = "wasmi")]
        "wasmi" => concord_fuzz::wasmi_diff::run,
        other => panic!("unknown target {other}; {usage}"),
    };
    let counted = matches!(target, "differential" | "execute");
    // `CAMPAIGN_KEEP_CURRENT=1`: each input is written to
    // `campaign-TARGET-SEED-current` before it runs.
    let current = std::env::var_os("CAMPAIGN_KEEP_CURRENT").map(|_| format!("campaign-{target}-{seed}-current"));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut x = seed.max(1);
    let (mut executions, mut with_exceptions, mut with_call_ref) = (0u64, 0u64, 0u64);
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
        // What the generator made (the targets that use `generate::module`).
        let (tags, call_ref) = if counted { uses(&data) } else { (false, false) };
        with_exceptions += u64::from(tags);
        with_call_ref += u64::from(call_ref);
        // A crash that is not a panic (a stack overflow aborts) leaves the
        // input it died on here.
        if let Some(path) = &current {
            std::fs::write(path, &data).expect("writing the current input");
        }
        if let Err(e) = std::panic::catch_unwind(|| run(&data)) {
            let path = format!("campaign-{target}-{seed}-{executions}");
            std::fs::write(&path, &data).expect("writing the failing input");
            eprintln!("input {executions} (seed {seed}) failed; written to {path}");
            std::panic::resume_unwind(e);
        }
        executions += 1;
    }
    print!("{target}: {executions} executions in {seconds} s (seed {seed})");
    if counted {
        print!(
            "; {with_exceptions} generated modules had tags (exception handling), {with_call_ref} called through typed function references (call_ref or return_call_ref)"
        );
    }
    println!();
}

/// Whether the module made from `data` (by `generate::module`, as
/// `differential` makes it) has a tag section, and whether it calls through
/// typed function references.
fn uses(data: &[u8]) -> (bool, bool) {
    let mut u = arbitrary::Unstructured::new(data);
    let Ok(bytes) = concord_fuzz::generate::module(&mut u, true) else {
        return (false, false);
    };
    let (mut tags, mut call_ref) = (false, false);
    for payload in wasmparser::Parser::new(0).parse_all(&bytes) {
        match payload {
            Ok(wasmparser::Payload::TagSection(_)) => tags = true,
            Ok(wasmparser::Payload::CodeSectionEntry(body)) if !call_ref => {
                call_ref = body.get_operators_reader().into_iter().flatten().any(|op| {
                    matches!(
                        op,
                        Ok(wasmparser::Operator::CallRef { .. } | wasmparser::Operator::ReturnCallRef { .. })
                    )
                });
            }
            _ => {}
        }
    }
    (tags, call_ref)
}
