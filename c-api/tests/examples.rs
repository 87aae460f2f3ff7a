//! The 13 upstream examples (`examples/*.c`, unmodified), built with `cc`
//! against `libconcord.a` and against `libconcord.so`, run on the default
//! tier and on every tier compiled in, from a directory holding their
//! `.wasm` files; each must exit with status 0 and print the lines it is
//! known to print.
//!
//! The tier is chosen without changing the sources: `support/tier.h` is
//! force-included (`cc -include`) and turns `wasm_engine_new()` into an
//! engine of the tier named by `CONCORD_TEST_TIER`, through concord.h.

mod common;

use common::{Link, check_lines, compile, crate_dir, lib_dir, run, scratch, tiers, wat_to_wasm};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Each example and the lines it prints, in order.
const EXAMPLES: &[(&str, &[&str])] = &[
    (
        "callback",
        &[
            "Calling back...",
            "> 7",
            "Calling back closure...",
            "> 42",
            "Printing result...",
            "> 49",
            "Done.",
        ],
    ),
    (
        "finalize",
        &[
            "Live count 0",
            "Running in store 1...",
            "Live count 100001",
            "Running in store 2...",
            "Live count 200002",
            "Deleting store 2...",
            "Finalizing #0...",
            "Live count 100001",
            "Running in store 1...",
            "Live count 200002",
            "Deleting store 1...",
            "Finalizing #100000...",
            "Live count 0",
            "Done.",
        ],
    ),
    ("global", &["Accessing globals...", "Shutting down...", "Done."]),
    (
        "hello",
        &["Calling export...", "Calling back...", "> Hello World!", "Done."],
    ),
    (
        "hostref",
        &[
            "Accessing global...",
            "call_v_r... okay",
            "Accessing table...",
            "call_ir_v... okay",
            "Accessing function...",
            // The callback prints the host info of the reference it gets.
            "> > (nil)",
            "> > 0x1",
            "> > 0x2",
            "Done.",
        ],
    ),
    (
        "memory",
        &[
            "Checking memory...",
            "Mutating memory...",
            "Growing memory...",
            "Creating stand-alone memory...",
            "Done.",
        ],
    ),
    (
        "multi",
        &[
            "Calling back...",
            "> > 1 3 2 4",
            "Printing result...",
            "> 4 3 2 1",
            "Done.",
        ],
    ),
    (
        "reflect",
        &[
            "> export 0 \"func\"",
            ">> initial: func i32 f64 f32 -> i32",
            ">> current: func i32 f64 f32 -> i32",
            ">> in-arity: 3, out-arity: 1",
            "> export 1 \"global\"",
            ">> initial: global const f64",
            "> export 2 \"table\"",
            ">> initial: table 0d 50d funcref",
            "> export 3 \"memory\"",
            ">> initial: memory 1d",
            ">> current: memory 1d",
            "Done.",
        ],
    ),
    (
        "serialize",
        &[
            "Serializing module...",
            "Deserializing module...",
            "Instantiating deserialized module...",
            "> Hello World!",
            "Done.",
        ],
    ),
    (
        "start",
        &[
            "Printing message...",
            "> unreachable",
            "Printing origin...",
            "Printing trace...",
            "Done.",
        ],
    ),
    (
        "table",
        &[
            "Checking table...",
            "Mutating table...",
            "Growing table...",
            "Creating stand-alone table...",
            "Done.",
        ],
    ),
    ("threads", &["Waiting for thread: 1", "Waiting for thread: 9"]),
    (
        "trap",
        &[
            "Calling export 0...",
            "> callback abort",
            "Printing origin...",
            "Calling export 1...",
            "> unreachable",
            "Done.",
        ],
    ),
];

/// Builds every example for `link` into a scratch directory holding the
/// examples' `.wasm` files, and returns that directory.
///
/// `hostref.wasm` is the one module made here rather than copied:
/// upstream's binary predates the final reference-types encoding (its
/// `ref.null` has no heap type, and a standard decoder rejects it), so it is
/// rebuilt from upstream's `hostref.wat` with `(ref.null)` spelled
/// `(ref.null extern)`, the same module in the standard encoding.
fn build(link: Link) -> PathBuf {
    let dir = scratch(&format!("examples-{}", link.name()));
    let examples = crate_dir().join("examples");
    for entry in std::fs::read_dir(&examples).expect("examples directory") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "wasm") && !path.ends_with("hostref.wasm") {
            std::fs::copy(&path, dir.join(path.file_name().expect("name"))).expect("copy .wasm");
        }
    }
    let hostref = std::fs::read_to_string(examples.join("hostref.wat")).expect("hostref.wat");
    wat_to_wasm(&hostref.replace("(ref.null)", "(ref.null extern)"), &dir, "hostref");

    let tier_h = crate_dir().join("tests/support/tier.h");
    let tier_h = tier_h.to_str().expect("UTF-8 path");
    std::thread::scope(|s| {
        for chunk in EXAMPLES.chunks(EXAMPLES.len().div_ceil(2)) {
            let (dir, examples) = (&dir, &examples);
            s.spawn(move || {
                for (name, _) in chunk {
                    compile(
                        &[examples.join(format!("{name}.c"))],
                        &dir.join(name),
                        link,
                        &["-include", tier_h],
                    );
                }
            });
        }
    });
    dir
}

/// Runs every example on every tier; all failures are reported together.
fn run_all(link: Link) {
    let dir = build(link);
    let mut failures = Vec::new();
    for tier in tiers() {
        let results: Vec<Result<(), String>> = std::thread::scope(|s| {
            let handles: Vec<_> = EXAMPLES
                .iter()
                .map(|(name, lines)| {
                    let dir = &dir;
                    s.spawn(move || run_example(dir, name, lines, tier, link))
                })
                .collect();
            handles.into_iter().map(|h| h.join().expect("runner")).collect()
        });
        failures.extend(results.into_iter().filter_map(Result::err));
    }
    assert!(
        failures.is_empty(),
        "{} failure(s):\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

fn run_example(dir: &Path, name: &str, lines: &[&str], tier: &str, link: Link) -> Result<(), String> {
    let what = format!(
        "{name} ({} library, tier {})",
        link.name(),
        if tier.is_empty() { "default" } else { tier }
    );
    let out = run(
        &dir.join(name),
        dir,
        &[("CONCORD_TEST_TIER", tier)],
        Duration::from_secs(300),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        return Err(format!(
            "{what}: {}\nstdout:\n{stdout}\nstderr:\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    check_lines(&what, &stdout, lines)?;
    if name == "threads" {
        // 10 threads, 3 calls each, each calling back into the host once.
        let n = stdout
            .lines()
            .filter(|l| l.starts_with("> Thread ") && l.ends_with(" running"))
            .count();
        if n != 30 {
            return Err(format!("{what}: {n} callbacks instead of 30:\n{stdout}"));
        }
    }
    Ok(())
}

#[test]
fn examples_static() {
    run_all(Link::Static);
}

#[test]
fn examples_shared() {
    run_all(Link::Shared);
}

#[test]
fn libraries_are_where_the_tests_look() {
    assert!(lib_dir().join("libconcord.a").exists());
    assert!(lib_dir().join("libconcord.so").exists());
}
