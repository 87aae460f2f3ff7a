//! Every input a fuzz target ever failed on, replayed through the same
//! oracle (`regressions/<target>/<name>`), plus a short deterministic run of
//! each target so that the oracles themselves stay exercised on stable.

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("regressions").join(target);
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "md"))
        .collect();
    entries.sort();
    for path in entries {
        let data = std::fs::read(&path).unwrap();
        eprintln!("replaying {}", path.display());
        run(&data);
    }
}

/// Deterministic pseudo-random inputs (xorshift), the same on every run.
fn smoke(run: fn(&[u8]), inputs: usize, len: usize) {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..inputs {
        let data: Vec<u8> = (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect();
        run(&data);
    }
}

#[test]
fn decode_validate_regressions() {
    replay("decode_validate", concord_fuzz::decode_validate::run);
}

#[test]
fn execute_regressions() {
    replay("execute", concord_fuzz::execute::run);
}

#[test]
fn differential_regressions() {
    replay("differential", concord_fuzz::differential::run);
}

#[test]
fn wasi_regressions() {
    replay("wasi", concord_fuzz::wasi::run);
}

#[test]
fn decode_validate_smoke() {
    smoke(concord_fuzz::decode_validate::run, 200, 2048);
}

#[test]
fn execute_smoke() {
    smoke(concord_fuzz::execute::run, 50, 4096);
}

#[test]
fn differential_smoke() {
    smoke(concord_fuzz::differential::run, 50, 4096);
}

#[test]
fn wasi_smoke() {
    smoke(concord_fuzz::wasi::run, 50, 1024);
}

#[test]
fn wasi_guest_module_is_valid() {
    wasmparser::Validator::new_with_features(concord_fuzz::reference_features())
        .validate_all(&concord_fuzz::wasi::guest_module())
        .unwrap();
}

#[cfg(feature = "wasmi")]
#[test]
fn wasmi_regressions() {
    replay("wasmi", concord_fuzz::wasmi_diff::run);
}

#[cfg(feature = "wasmi")]
#[test]
fn wasmi_smoke() {
    smoke(concord_fuzz::wasmi_diff::run, 50, 4096);
}
