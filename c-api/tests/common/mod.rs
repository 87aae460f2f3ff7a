//! What the C tests share: finding the built libraries, compiling C
//! against them, turning `.wat` into `.wasm`, and running programs with a
//! timeout.

#![allow(dead_code, reason = "each test binary uses part of this module")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The crate's directory.
pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The directory holding `libconcord.a` and `libconcord.so`.
///
/// `cargo test` builds the library with all its crate types into the
/// `deps` directory this test runs from (`<target>/<profile>/deps`), but
/// uplifts them to `<target>/<profile>` only on `cargo build`: the `deps`
/// copies are the fresh ones. Should they be missing (a test binary run by
/// hand), cargo builds them.
pub fn lib_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let exe = std::env::current_exe().expect("the test's path");
        let deps = exe
            .ancestors()
            .find(|d| d.file_name().is_some_and(|n| n == "deps"))
            .expect("the test runs from <target>/<profile>/deps")
            .to_path_buf();
        let have = |d: &Path| d.join("libconcord.a").exists() && d.join("libconcord.so").exists();
        if !have(&deps) {
            let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
            let release = deps.parent().and_then(Path::file_name).is_some_and(|n| n == "release");
            let mut cmd = Command::new(cargo);
            cmd.args(["build", "-p", "concord-c-api"]);
            if release {
                cmd.arg("--release");
            }
            let status = cmd.status().expect("cargo runs");
            assert!(status.success(), "building the C libraries failed");
        }
        assert!(have(&deps), "no libconcord.a / libconcord.so in {}", deps.display());
        deps
    })
}

/// The directory for this test's scratch files: `<target>/<profile>/c-api-tests`.
fn scratch_root() -> PathBuf {
    lib_dir().parent().expect("<target>/<profile>").join("c-api-tests")
}

/// A scratch directory for `name` under the target directory, emptied.
pub fn scratch(name: &str) -> PathBuf {
    let dir = scratch_root().join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// How a C program links the library.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Link {
    Static,
    Shared,
}

impl Link {
    pub fn name(self) -> &'static str {
        match self {
            Link::Static => "static",
            Link::Shared => "shared",
        }
    }
}

/// Compiles `sources` into `out` against the library; `flags` come first
/// (`-include`, `-fsanitize=...`).
pub fn compile(sources: &[PathBuf], out: &Path, link: Link, flags: &[&str]) {
    let include = crate_dir().join("include");
    let mut cmd = Command::new("cc");
    cmd.args([
        "-std=gnu11",
        "-O1",
        "-g",
        "-Wall",
        "-Wno-unused-parameter",
        "-Wno-unused-function",
    ])
    .arg("-I")
    .arg(&include)
    .args(flags)
    .args(sources)
    .arg("-o")
    .arg(out);
    match link {
        Link::Static => {
            cmd.arg(lib_dir().join("libconcord.a"));
        }
        Link::Shared => {
            cmd.arg("-L").arg(lib_dir()).arg("-lconcord");
            cmd.arg(format!("-Wl,-rpath,{}", lib_dir().display()));
        }
    }
    cmd.args(["-lpthread", "-ldl", "-lm"]);
    let output = cmd.output().expect("cc runs");
    assert!(
        output.status.success(),
        "compiling {} failed:\n{}",
        out.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Writes `<dir>/<name>.wasm` from WebAssembly text.
pub fn wat_to_wasm(text: &str, dir: &Path, name: &str) {
    let binary = wat::parse_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    std::fs::write(dir.join(format!("{name}.wasm")), binary).expect("write .wasm");
}

/// Runs `program` in `cwd` with `env`, killing it after `timeout`.
pub fn run(program: &Path, cwd: &Path, env: &[(&str, &str)], timeout: Duration) -> Output {
    let mut cmd = Command::new(program);
    cmd.current_dir(cwd).stdout(Stdio::piped()).stderr(Stdio::piped());
    // cargo puts `<target>/<profile>` on the library path, where a stale
    // `libconcord.so` from an earlier `cargo build` may sit; the programs
    // find the fresh one by their rpath.
    cmd.env_remove("LD_LIBRARY_PATH");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap_or_else(|e| panic!("{}: {e}", program.display()));
    // Read the pipes on threads so a chatty program cannot block.
    let mut out = child.stdout.take().expect("piped");
    let mut err = child.stderr.take().expect("piped");
    let out_thread = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut v).ok();
        v
    });
    let err_thread = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut v).ok();
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            break child.wait().expect("wait");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Output {
        status,
        stdout: out_thread.join().expect("stdout"),
        stderr: err_thread.join().expect("stderr"),
    }
}

/// The tiers to run on: the default (no tier chosen) and every tier
/// compiled in, as `CONCORD_TEST_TIER` values.
pub fn tiers() -> Vec<&'static str> {
    let mut tiers = vec![""];
    for t in concord_rt::Engine::available_tiers() {
        tiers.push(t.name());
    }
    if concord_rt::Engine::available_tiers().contains(&concord_rt::Tier::Interp) {
        tiers.push("auto");
    }
    tiers
}

/// Checks that `text` holds `lines` in this order, each as a whole line.
pub fn check_lines(what: &str, text: &str, lines: &[&str]) -> Result<(), String> {
    let mut rest = text.lines();
    for want in lines {
        if !rest.any(|l| l.trim_end() == *want) {
            return Err(format!("{what}: missing line {want:?} (in order) in output:\n{text}"));
        }
    }
    Ok(())
}

/// The modules `api_test.c` loads (made from `tests/c/NAME.wat`).
#[allow(dead_code, reason = "not every test binary builds api_test.c")]
pub const API_TEST_MODULES: &[&str] = &["api_test", "imports_one", "wasi_hello", "epoch", "frames"];

/// Writes what `api_test.c` reads into `dir`: its modules, and
/// `frames.expected`, the frames its trap in `frames.wasm` must have,
/// innermost first, one line each (`func_index func_offset
/// module_offset`), found with wasmparser's operator reader: the
/// `unreachable` of the first defined function, then the `call` of the
/// second.
pub fn write_api_test_files(dir: &Path) {
    use concord_rt::core::wasmparser::{Operator, Parser, Payload};
    let c = crate_dir().join("tests/c");
    for &module in API_TEST_MODULES {
        let text = std::fs::read_to_string(c.join(format!("{module}.wat"))).expect("read .wat");
        wat_to_wasm(&text, dir, module);
    }
    let binary = std::fs::read(dir.join("frames.wasm")).expect("read frames.wasm");
    let mut imported = 0;
    let mut bodies = Vec::new();
    for payload in Parser::new(0).parse_all(&binary) {
        match payload.expect("frames.wasm parses") {
            Payload::ImportSection(imports) => imported = imports.count(),
            Payload::CodeSectionEntry(body) => {
                let start = usize::try_from(body.range().start).expect("offset");
                let mut ops = Vec::new();
                let mut reader = body.get_operators_reader().expect("operators");
                while !reader.eof() {
                    let (op, at) = reader.read_with_offset().expect("operator");
                    let at = usize::try_from(at).expect("offset");
                    ops.push((
                        matches!(op, Operator::Unreachable),
                        matches!(op, Operator::Call { .. }),
                        at,
                    ));
                }
                bodies.push((start, ops));
            }
            _ => {}
        }
    }
    let frame = |def: usize, want: fn(&(bool, bool, usize)) -> bool| {
        let (start, ops) = &bodies[def];
        let at = ops.iter().find(|&op| want(op)).expect("the instruction").2;
        format!("{} {} {at}\n", imported as usize + def, at - start)
    };
    let expected = frame(0, |op| op.0) + &frame(1, |op| op.1);
    std::fs::write(dir.join("frames.expected"), expected).expect("write frames.expected");
}
