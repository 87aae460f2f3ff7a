//! The C tests and most upstream examples under AddressSanitizer (with
//! LeakSanitizer): no invalid access, no leak, through both the static and
//! the shared library, on the interpreter and on a machine-code tier.
//!
//! `ASAN_OPTIONS` explained:
//! - `handle_segv=0:handle_sigbus=0`: concord's machine-code tiers catch
//!   out-of-bounds accesses of linear memory with their own SIGSEGV/SIGBUS
//!   handlers (guard regions); ASan must leave those signals to them.
//! - `detect_leaks=1`: leaks are errors (every example and test deletes all
//!   it owns, so any leak is the library's).
//! - `allocator_may_return_null=1`: linear memories reserve large virtual
//!   ranges with `mmap`, not `malloc`, but this keeps an unusually large
//!   request an error result rather than an abort.
//!
//! `finalize` is left out (300,000 instances: slow under ASan, and it runs
//! in the plain example tests); `threads` is in.

mod common;

use common::{Link, check_lines, compile, crate_dir, run, scratch, tiers, wat_to_wasm, write_api_test_files};
use std::time::Duration;

const ASAN_OPTIONS: &str = "handle_segv=0:handle_sigbus=0:detect_leaks=1:allocator_may_return_null=1";
const FLAGS: &[&str] = &["-fsanitize=address", "-fno-omit-frame-pointer"];

const EXAMPLES: &[&str] = &[
    "callback",
    "global",
    "hello",
    "hostref",
    "memory",
    "multi",
    "reflect",
    "serialize",
    "start",
    "table",
    "threads",
    "trap",
];

fn sanitize(link: Link) {
    let dir = scratch(&format!("asan-{}", link.name()));
    let c = crate_dir().join("tests/c");
    write_api_test_files(&dir);
    let examples = crate_dir().join("examples");
    for name in EXAMPLES {
        if *name != "hostref" {
            std::fs::copy(examples.join(format!("{name}.wasm")), dir.join(format!("{name}.wasm"))).expect("copy");
        }
    }
    // As in tests/examples.rs: upstream's hostref.wasm predates the final
    // reference-types encoding.
    let hostref = std::fs::read_to_string(examples.join("hostref.wat")).expect("hostref.wat");
    wat_to_wasm(&hostref.replace("(ref.null)", "(ref.null extern)"), &dir, "hostref");

    let tier_h = crate_dir().join("tests/support/tier.h");
    let mut flags = vec!["-include", tier_h.to_str().expect("UTF-8 path")];
    flags.extend_from_slice(FLAGS);
    compile(&[c.join("api_test.c")], &dir.join("api_test"), link, &flags);
    for name in EXAMPLES {
        compile(&[examples.join(format!("{name}.c"))], &dir.join(name), link, &flags);
    }

    // The interpreter and the JIT (machine code, signal handlers).
    let run_tiers: Vec<&str> = tiers().into_iter().filter(|t| *t == "interp" || *t == "jit").collect();
    let mut failures = Vec::new();
    for tier in run_tiers {
        for name in std::iter::once("api_test").chain(EXAMPLES.iter().copied()) {
            let env = [("CONCORD_TEST_TIER", tier), ("ASAN_OPTIONS", ASAN_OPTIONS)];
            let out = run(&dir.join(name), &dir, &env, Duration::from_secs(300));
            let stdout = String::from_utf8_lossy(&out.stdout);
            let stderr = String::from_utf8_lossy(&out.stderr);
            let what = format!("{name} under ASan ({}, {tier})", link.name());
            if !out.status.success() || stderr.contains("Sanitizer") {
                failures.push(format!("{what}: {}\n{stdout}\n{stderr}", out.status));
            } else if name == "api_test"
                && let Err(e) = check_lines(&what, &stdout, &["instance ok", "frames ok", "errors ok", "Done."])
            {
                failures.push(e);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn asan_static() {
    sanitize(Link::Static);
}

#[test]
fn asan_shared() {
    sanitize(Link::Shared);
}
