//! The Python `ctypes` snippet of the README (`support/ctypes_add.py`) runs
//! a module through `libconcord.so` (skipped, saying so, without python3).

mod common;

use common::{crate_dir, lib_dir};

#[test]
fn ctypes_snippet_runs() {
    if std::process::Command::new("python3").arg("--version").output().is_err() {
        eprintln!("SKIPPED: no python3");
        return;
    }
    let script = crate_dir().join("tests/support/ctypes_add.py");
    let lib = lib_dir().join("libconcord.so");
    let out = std::process::Command::new("python3")
        .arg(&script)
        .arg(&lib)
        .env_remove("LD_LIBRARY_PATH")
        .output()
        .expect("python3 runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "42");
}
