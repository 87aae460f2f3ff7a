//! concord's own C tests (`tests/c/api_test.c`): vector ownership, type
//! reflection, traps raised by host functions, re-entry from a host
//! function, host references and host info (with finalizers), error paths
//! (invalid modules, missing imports), serialization, and concord.h (fuel,
//! epoch interruption, resource limits, WASI, the linker); against both libraries, on every tier.

mod common;

use common::{Link, check_lines, compile, crate_dir, run, scratch, tiers, write_api_test_files};
use std::path::PathBuf;
use std::time::Duration;

/// Compiles `api_test.c` for `link` (with `flags`) into a scratch
/// directory holding its modules, and returns the directory.
pub fn build_api_test(name: &str, link: Link, flags: &[&str]) -> PathBuf {
    let dir = scratch(name);
    let c = crate_dir().join("tests/c");
    write_api_test_files(&dir);
    let tier_h = crate_dir().join("tests/support/tier.h");
    let mut all = vec!["-include", tier_h.to_str().expect("UTF-8 path")];
    all.extend_from_slice(flags);
    compile(&[c.join("api_test.c")], &dir.join("api_test"), link, &all);
    dir
}

/// What a passing run prints.
pub const API_TEST_LINES: &[&str] = &[
    "vectors ok",
    "types ok",
    "instance ok",
    "frames ok",
    "errors ok",
    "hello from wasi",
    "wasi ok",
    "fuel ok",
    "epoch ok",
    "limits ok",
    "Done.",
];

fn run_api_test(link: Link) {
    let dir = build_api_test(&format!("api-{}", link.name()), link, &[]);
    let mut failures = Vec::new();
    for tier in tiers() {
        let out = run(
            &dir.join("api_test"),
            &dir,
            &[("CONCORD_TEST_TIER", tier)],
            Duration::from_secs(120),
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        let what = format!("api_test ({}, tier {tier:?})", link.name());
        if !out.status.success() {
            failures.push(format!(
                "{what}: {}\n{stdout}\n{}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            ));
        } else if let Err(e) = check_lines(&what, &stdout, API_TEST_LINES) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn api_static() {
    run_api_test(Link::Static);
}

#[test]
fn api_shared() {
    run_api_test(Link::Shared);
}
