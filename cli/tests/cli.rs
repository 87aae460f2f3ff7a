//! End-to-end tests of the `concord` binary: exit statuses and messages.

use std::path::PathBuf;
use std::process::{Command, Output};

const TRAP_STATUS: i32 = 134;

/// A fresh scratch directory for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("concord-cli-tests")
        .join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &std::path::Path, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn concord(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_concord"))
        .args(args)
        .output()
        .expect("the concord binary runs")
}

/// Runs `concord` with string arguments and paths.
macro_rules! run {
    ($($arg:expr),* $(,)?) => {
        concord(&[$(std::ffi::OsStr::new(&$arg)),*])
    };
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts a clean failure: the status, an `error: ` line, no panic.
fn assert_error(o: &Output, status: i32) -> String {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(status), "stdout: {}\nstderr: {err}", stdout(o));
    assert!(err.starts_with("error: "), "stderr: {err}");
    assert!(!err.contains("panicked"), "stderr: {err}");
    err
}

const NUMBERS: &str = r#"
(module
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "mul64") (param i64 i64) (result i64) (i64.mul (local.get 0) (local.get 1)))
  (func (export "half") (param f32) (result f32) (f32.mul (local.get 0) (f32.const 0.5)))
  (func (export "third") (param f64) (result f64) (f64.div (local.get 0) (f64.const 3)))
  (func (export "pair") (param i32) (result i32 i64)
    (local.get 0) (i64.extend_i32_s (local.get 0)))
  (func (export "v") (param v128) (result v128) (local.get 0)))
"#;

#[test]
fn invoke_prints_results_one_per_line() {
    let dir = scratch("invoke");
    let file = write(&dir, "numbers.wat", NUMBERS);
    let o = run!("run", "--invoke", "add", file, "2", "0x10");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "18\n");
    let o = run!("run", "--invoke", "add", file, "-1", "-2");
    assert_eq!(stdout(&o), "-3\n", "{}", stderr(&o));
    let o = run!("run", "--invoke", "mul64", file, "4294967296", "-3");
    assert_eq!(stdout(&o), "-12884901888\n", "{}", stderr(&o));
    let o = run!("run", "--invoke", "half", file, "3");
    assert_eq!(stdout(&o), "1.5\n", "{}", stderr(&o));
    let o = run!("run", "--invoke", "half", file, "inf");
    assert_eq!(stdout(&o), "inf\n", "{}", stderr(&o));
    let o = run!("run", "--invoke", "third", file, "1");
    assert_eq!(stdout(&o), "0.3333333333333333\n", "{}", stderr(&o));
    let o = run!("run", "--invoke", "third", file, "nan");
    assert_eq!(stdout(&o), "NaN\n", "{}", stderr(&o));
    let o = run!("run", "--invoke", "pair", file, "-7");
    assert_eq!(stdout(&o), "-7\n-7\n", "{}", stderr(&o));
}

#[test]
fn invoke_with_bad_arguments_is_a_clear_error() {
    let dir = scratch("bad-args");
    let file = write(&dir, "numbers.wat", NUMBERS);
    let err = assert_error(&run!("run", "--invoke", "add", file, "1"), 1);
    assert!(err.contains("wrong number of arguments for `add`"), "{err}");
    assert!(err.contains("i32, i32"), "{err}");
    let err = assert_error(&run!("run", "--invoke", "add", file, "1", "x"), 1);
    assert!(err.contains("invalid argument 1 of `add`"), "{err}");
    let err = assert_error(&run!("run", "--invoke", "add", file, "1", "4294967296"), 1);
    assert!(err.contains("not a valid i32"), "{err}");
    let err = assert_error(&run!("run", "--invoke", "v", file, "0"), 1);
    assert!(err.contains("v128"), "{err}");
    let err = assert_error(&run!("run", "--invoke", "nope", file), 1);
    assert!(
        err.contains("no function named `nope`") && err.contains("`add`"),
        "{err}"
    );
}

#[test]
fn trap_prints_message_and_backtrace() {
    let dir = scratch("trap");
    let file = write(
        &dir,
        "trap.wat",
        r#"(module
             (func $inner (unreachable))
             (func $outer (export "main") (call $inner)))"#,
    );
    let o = run!("run", "--invoke", "main", file);
    let err = assert_error(&o, TRAP_STATUS);
    assert!(err.starts_with("error: unreachable"), "{err}");
    assert!(err.contains("wasm backtrace"), "{err}");
    let inner = err.find("inner").expect("inner frame");
    let outer = err.find("outer").expect("outer frame");
    assert!(inner < outer, "innermost frame first: {err}");

    // The same through `_start`, run by default.
    let file = write(
        &dir,
        "start.wat",
        r#"(module (func (export "_start") (drop (i32.div_s (i32.const 1) (i32.const 0)))))"#,
    );
    let err = assert_error(&run!("run", file), TRAP_STATUS);
    assert!(err.contains("integer divide by zero"), "{err}");
}

/// Names from a hostile module's name section, and its import names, are
/// printed with control characters escaped: no terminal escape sequence
/// reaches the terminal, and no name starts a line of its own.
#[test]
fn module_chosen_names_are_printed_escaped() {
    let dir = scratch("names");
    let file = write(
        &dir,
        "names.wat",
        r#"(module (@name "m\0d")
             (func (@name "evil\1b[2J\1b]0;owned\07\n  1: fake") (export "_start") unreachable))"#,
    );
    let err = assert_error(&run!("run", file), TRAP_STATUS);
    assert!(
        !err.contains('\u{1b}') && !err.contains('\u{7}') && !err.contains('\r'),
        "{err:?}"
    );
    assert!(
        err.contains(r"m\r!evil\u{1b}[2J\u{1b}]0;owned\u{7}\n  1: fake"),
        "{err:?}"
    );
    assert_eq!(err.lines().count(), 3, "{err:?}");

    let file = write(&dir, "import.wat", r#"(module (import "env\1b[31m" "f\0a" (func)))"#);
    let err = assert_error(&run!("run", file), 1);
    assert!(!err.contains('\u{1b}'), "{err:?}");
    assert!(err.contains(r"env\u{1b}[31m::f\n"), "{err:?}");
}

#[test]
fn start_function_and_default_export_run() {
    let dir = scratch("start");
    let file = write(&dir, "start.wat", r#"(module (func $s (unreachable)) (start $s))"#);
    let err = assert_error(&run!("run", file), TRAP_STATUS);
    assert!(err.contains("unreachable"), "{err}");
    let file = write(
        &dir,
        "ok.wat",
        r#"(module (func (export "_start") (result i32) (i32.const 7)))"#,
    );
    let o = run!("run", file);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "7\n");
    let file = write(&dir, "nothing.wat", "(module)");
    let o = run!("run", file);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
}

#[test]
fn fuel_runs_out() {
    let dir = scratch("fuel");
    let file = write(&dir, "loop.wat", r#"(module (func (export "spin") (loop (br 0))))"#);
    let err = assert_error(&run!("run", "--fuel", "10000", "--invoke", "spin", file), TRAP_STATUS);
    assert!(err.contains("all fuel consumed by WebAssembly"), "{err}");
    // Enough fuel for a short computation.
    let file = write(&dir, "numbers.wat", NUMBERS);
    let o = run!("run", "--fuel", "10000", "--invoke", "add", file, "1", "2");
    assert_eq!(stdout(&o), "3\n", "{}", stderr(&o));
}

#[test]
fn unknown_import_is_a_link_error_naming_it() {
    let dir = scratch("import");
    let file = write(
        &dir,
        "import.wat",
        r#"(module (import "env" "answer" (func (result i32))))"#,
    );
    let err = assert_error(&run!("run", file), 1);
    assert!(err.contains("env::answer"), "{err}");
}

#[test]
fn malformed_and_truncated_files_fail_cleanly() {
    let dir = scratch("malformed");
    let good = wat::parse_str(NUMBERS).unwrap();
    let cases: Vec<(String, Vec<u8>)> = vec![
        ("empty.wasm".into(), Vec::new()),
        ("garbage.wasm".into(), vec![0xff, 0xfe, 0x00, 0x12, 0x80]),
        ("bad-version.wasm".into(), b"\0asm\x02\0\0\0".to_vec()),
        ("bad-text.wat".into(), b"(module (func (i32.add)".to_vec()),
        ("invalid.wat".into(), b"(module (func (result i32)))".to_vec()),
        (
            "huge-count.wasm".into(),
            b"\0asm\x01\0\0\0\x01\xff\xff\xff\xff\x0f".to_vec(),
        ),
    ];
    for (name, bytes) in &cases {
        let file = write(&dir, name, bytes);
        let err = assert_error(&run!("run", file), 1);
        assert!(err.len() > "error: ".len() + 5, "{name}: {err}");
        assert_error(&run!("validate", file), 1);
    }
    // Every truncation of a valid module either is a shorter valid module
    // (cut at a section boundary) or fails cleanly.
    let mut rejected = 0;
    for len in 0..good.len() {
        let file = write(&dir, "t.wasm", &good[..len]);
        for command in ["validate", "run"] {
            let o = run!(command, file);
            let err = stderr(&o);
            assert!(!err.contains("panicked"), "{command} truncated at {len}: {err}");
            match o.status.code() {
                Some(0) => assert_eq!(err, "", "{command} truncated at {len}"),
                Some(1) => {
                    assert!(err.starts_with("error: "), "{command} truncated at {len}: {err}");
                    rejected += 1;
                }
                other => panic!("{command} truncated at {len}: status {other:?}: {err}"),
            }
        }
    }
    assert!(rejected > good.len(), "most truncations are malformed");
}

#[test]
fn missing_file_is_a_clear_error() {
    let err = assert_error(&run!("run", "/nonexistent/concord/x.wasm"), 1);
    assert!(err.contains("failed to read `/nonexistent/concord/x.wasm`"), "{err}");
    let err = assert_error(&run!("validate", "/nonexistent/concord/x.wasm"), 1);
    assert!(err.contains("failed to read"), "{err}");
    let err = assert_error(&run!("wast", "/nonexistent/concord/x.wast"), 1);
    assert!(err.contains("failed to read"), "{err}");
}

#[test]
fn validate_prints_ok_or_the_error_with_its_offset() {
    let dir = scratch("validate");
    let file = write(&dir, "numbers.wat", NUMBERS);
    let o = run!("validate", file);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "ok\n");
    let binary = wat::parse_str("(module (func (result i32) (i64.const 0)))").unwrap();
    let file = write(&dir, "mismatch.wasm", &binary);
    let err = assert_error(&run!("validate", file), 1);
    assert!(err.contains("type mismatch"), "{err}");
    assert!(err.contains("offset 0x"), "{err}");
}

#[test]
fn wast_reports_failures_and_the_summary() {
    let dir = scratch("wast");
    let file = write(
        &dir,
        "small.wast",
        r#"(module
  (func (export "inc") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (func (export "boom") (unreachable)))
(assert_return (invoke "inc" (i32.const 1)) (i32.const 2))
(assert_return (invoke "inc" (i32.const 1)) (i32.const 3))
(assert_trap (invoke "boom") "unreachable")
(assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
(assert_malformed (module quote "(func (i32.const))") "unexpected token")
"#,
    );
    let o = run!("wast", file);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}\n{}", stderr(&o));
    assert!(
        out.contains(&format!("{}:5: result 0: expected i32 3", file.display())),
        "{out}"
    );
    assert_eq!(out.lines().last(), Some("5 passed, 1 failed, 0 skipped"), "{out}");

    let file = write(
        &dir,
        "good.wast",
        r#"(module (func (export "f") (result f32) (f32.const nan))) (assert_return (invoke "f") (f32.const nan:canonical))"#,
    );
    let o = run!("wast", dir.join("good.wast"));
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(stdout(&o).lines().last(), Some("2 passed, 0 failed, 0 skipped"));
    // A directory runs every script in it.
    let o = run!("wast", dir);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o).lines().last(), Some("7 passed, 1 failed, 0 skipped"));
    let _ = file;
}

/// The tiers compiled into the binary under test (the same features as
/// this test's build of the facade).
/// The backends `--backend` accepts in this build (`auto` with the
/// interpreter).
fn available_tiers() -> Vec<&'static str> {
    concord_cli::available_backends().iter().map(|t| t.name()).collect()
}

#[test]
fn unavailable_backend_is_rejected() {
    let dir = scratch("backend");
    let file = write(&dir, "numbers.wat", NUMBERS);
    let available = available_tiers();
    let has = format!("this build has: {}", available.join(", "));
    // A tier left out of this build is refused (`auto` needs the
    // interpreter).
    for tier in ["interp", "jit", "cranelift", "auto"]
        .into_iter()
        .filter(|t| !available.contains(t))
    {
        let err = assert_error(&run!("run", "--backend", tier, "--invoke", "add", file, "1", "2"), 1);
        assert!(err.contains(&format!("the {tier} tier is not compiled in")), "{err}");
        assert!(err.contains(&has), "{err}");
        let err = assert_error(&run!("wast", "--backend", tier, dir), 1);
        assert!(err.contains(&format!("the {tier} tier is not compiled in")), "{err}");
    }
    for tier in available {
        let o = run!("run", "--backend", tier, "--invoke", "add", file, "1", "2");
        assert_eq!(stdout(&o), "3\n", "{tier}: {}", stderr(&o));
    }
}

#[test]
fn help_lists_the_tiers_of_this_build() {
    let available = available_tiers();
    for command in ["run", "wast"] {
        let o = run!(command, "--help");
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        // The option's help, with clap's line wrapping undone.
        let help = stdout(&o);
        let words: Vec<&str> = help.split_whitespace().collect();
        let start = words
            .iter()
            .position(|w| *w == "--backend")
            .unwrap_or_else(|| panic!("`{command} --help` has no --backend: {help}"));
        let end = words[start..]
            .iter()
            .position(|w| *w == "build")
            .map_or(words.len(), |i| start + i + 1);
        let backend = words[start..end].join(" ");
        for tier in &available {
            assert!(
                backend.split([' ', ',']).any(|w| w == *tier),
                "`{command} --help` does not list {tier}: {backend}"
            );
        }
        assert!(backend.ends_with("in this build"), "`{command} --help`: {backend}");
        if available.contains(&"auto") {
            assert!(help.contains("[default: auto]"), "`{command} --help`: {help}");
        }
    }
}

#[test]
fn tier_up_options_are_checked() {
    if !available_tiers().contains(&"auto") {
        return;
    }
    let dir = scratch("tuning");
    let file = write(&dir, "numbers.wat", NUMBERS);
    // Accepted with `auto` (the default), alone or joined with commas.
    for opts in [
        &["-O", "tier-up-threshold=0", "-O", "osr=n"][..],
        &["-O", "tier-up-threshold=5,osr=y,tier-up-threads=0"][..],
        &["--backend", "auto", "-O", "tier-up-threads=1"][..],
    ] {
        let mut args = vec!["run"];
        args.extend_from_slice(opts);
        args.extend_from_slice(&["--invoke", "add", file.to_str().unwrap(), "1", "2"]);
        let args: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
        let o = concord(&args);
        assert_eq!(stdout(&o), "3\n", "{opts:?}: {}", stderr(&o));
    }
    for (opts, message) in [
        (&["-O", "no-such=1"][..], "unknown option `no-such`"),
        (&["-O", "tier-up-threshold=lots"][..], "invalid value `lots`"),
        (&["-O", "osr=maybe"][..], "invalid value `maybe`"),
        (&["-O", "osr"][..], "needs a value"),
        (&["--backend", "interp", "-O", "osr=n"][..], "only `--backend auto`"),
    ] {
        let mut args = vec!["run"];
        args.extend_from_slice(opts);
        args.extend_from_slice(&["--invoke", "add", file.to_str().unwrap(), "1", "2"]);
        let args: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
        let err = assert_error(&concord(&args), 1);
        assert!(err.contains(message), "{opts:?}: {err}");
    }
    let err = assert_error(&run!("wast", "-O", "tier-up-threshold=x", dir), 1);
    assert!(err.contains("invalid value `x`"), "{err}");
}

#[test]
fn disabled_features_reject_modules_naming_the_feature() {
    let dir = scratch("features");
    let simd = write(
        &dir,
        "simd.wat",
        r#"(module (func (export "f") (result i32) (i32x4.extract_lane 0 (v128.const i32x4 1 2 3 4))))"#,
    );
    let o = run!("run", "--invoke", "f", simd);
    assert_eq!(stdout(&o), "1\n", "{}", stderr(&o));
    let err = assert_error(&run!("run", "-W", "simd=n", "--invoke", "f", simd), 1);
    assert!(err.to_lowercase().contains("simd"), "{err}");
    assert!(err.contains("enable the `simd` proposal with `-W simd=y`"), "{err}");
    let err = assert_error(&run!("validate", "--wasm-version", "1.0", simd), 1);
    assert!(err.to_lowercase().contains("simd"), "{err}");
    let o = run!("validate", "--wasm-version", "1.0", "-W", "simd=y", simd);
    assert_eq!(stdout(&o), "ok\n", "{}", stderr(&o));

    let multi = write(
        &dir,
        "multi.wat",
        r#"(module (func (export "f") (result i32 i32) (i32.const 1) (i32.const 2)))"#,
    );
    let err = assert_error(&run!("run", "--wasm-version", "1.0", "--invoke", "f", multi), 1);
    assert!(err.contains("multi-value"), "{err}");
    let o = run!("run", "--invoke", "f", multi);
    assert_eq!(stdout(&o), "1\n2\n", "{}", stderr(&o));

    let err = assert_error(&run!("validate", "-W", "no-such-thing=y", multi), 1);
    assert!(err.contains("unknown WebAssembly feature `no-such-thing`"), "{err}");
    assert!(err.contains("bulk-memory"), "lists the known features: {err}");
    let err = assert_error(&run!("validate", "-W", "simd=maybe", multi), 1);
    assert!(err.contains("expected y or n"), "{err}");
}

#[test]
fn relaxed_simd_runs_in_both_modes_on_run_and_wast() {
    let dir = scratch("relaxed");
    // -32768 * -32768 in Q15: -32768 by default (pmulhrsw), 32767 in the
    // deterministic profile.
    let q15 = write(
        &dir,
        "q15.wat",
        r#"(module (func (export "q") (result i32)
             (i16x8.extract_lane_s 0 (i16x8.relaxed_q15mulr_s
               (v128.const i16x8 -32768 0 0 0 0 0 0 0) (v128.const i16x8 -32768 0 0 0 0 0 0 0)))))"#,
    );
    let err = assert_error(&run!("run", "--wasm-version", "2.0", "--invoke", "q", q15), 1);
    assert!(err.contains("`-W relaxed-simd=y`"), "{err}");
    // On by default (Wasm 3.0).
    let o = run!("run", "--invoke", "q", q15);
    assert_eq!(stdout(&o), "-32768\n", "{}", stderr(&o));
    for tier in available_tiers() {
        let o = run!("run", "--backend", tier, "-W", "relaxed-simd=y", "--invoke", "q", q15);
        assert_eq!(stdout(&o), "-32768\n", "{tier}: {}", stderr(&o));
        let o = run!(
            "run",
            "--backend",
            tier,
            "-W",
            "relaxed-simd",
            "-W",
            "relaxed-simd-deterministic=n",
            "--invoke",
            "q",
            q15
        );
        assert_eq!(stdout(&o), "-32768\n", "{tier}: {}", stderr(&o));
        let o = run!(
            "run",
            "--backend",
            tier,
            "-W",
            "relaxed-simd,relaxed-simd-deterministic=y",
            "--invoke",
            "q",
            q15
        );
        assert_eq!(stdout(&o), "32767\n", "{tier}: {}", stderr(&o));
    }
    let script = |expected: i32| {
        format!(
            r#"(module (func (export "q") (result i32)
                 (i16x8.extract_lane_s 0 (i16x8.relaxed_q15mulr_s
                   (v128.const i16x8 -32768 0 0 0 0 0 0 0) (v128.const i16x8 -32768 0 0 0 0 0 0 0)))))
               (assert_return (invoke "q") (i32.const {expected}))"#
        )
    };
    let default = write(&dir, "default.wast", script(-32768));
    let deterministic = write(&dir, "deterministic.wast", script(32767));
    let o = run!("wast", "-W", "relaxed-simd=y", default);
    assert!(
        stdout(&o).contains("2 passed, 0 failed"),
        "{}{}",
        stdout(&o),
        stderr(&o)
    );
    let o = run!(
        "wast",
        "-W",
        "relaxed-simd=y",
        "-W",
        "relaxed-simd-deterministic=y",
        deterministic
    );
    assert!(
        stdout(&o).contains("2 passed, 0 failed"),
        "{}{}",
        stdout(&o),
        stderr(&o)
    );
    let o = run!(
        "wast",
        "-W",
        "relaxed-simd=y",
        "-W",
        "relaxed-simd-deterministic=y",
        default
    );
    assert!(
        stdout(&o).contains("1 passed, 1 failed"),
        "{}{}",
        stdout(&o),
        stderr(&o)
    );
    let err = assert_error(&run!("wast", "-W", "relaxed-simd-deterministic=maybe", default), 1);
    assert!(
        err.contains("invalid value `maybe` in `-W relaxed-simd-deterministic=maybe`"),
        "{err}"
    );
    let err = assert_error(
        &run!("run", "-W", "relaxed-simd-determinism=y", "--invoke", "q", q15),
        1,
    );
    assert!(err.contains("relaxed-simd-deterministic"), "lists the switch: {err}");
}

#[test]
fn inspect_reports_portability() {
    let dir = scratch("inspect");
    let portable = write(
        &dir,
        "portable.wat",
        r#"(module (import "wasi_snapshot_preview1" "proc_exit" (func (param i32)))
            (memory (export "memory") 1) (func (export "_start") (call 0 (i32.const 0))))"#,
    );
    let o = concord(&["inspect".as_ref(), portable.as_os_str()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("wasi_snapshot_preview1::proc_exit"), "{out}");
    assert!(
        out.contains("portability: runs on any host that implements wasi_snapshot_preview1"),
        "{out}"
    );
    let local = write(&dir, "local.wat", r#"(module (import "env" "helper" (func)))"#);
    let o = concord(&["inspect".as_ref(), "--json".as_ref(), local.as_os_str()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("\"portable\":false"), "{out}");
    assert!(out.contains("env::helper"), "{out}");
    let broken = write(&dir, "broken.wasm", b"\0asm\x01\0\0\0\x01");
    let o = concord(&["inspect".as_ref(), broken.as_os_str()]);
    assert_error(&o, 1);
}

/// `concord run` links wasi_snapshot_preview1: the exit status is the
/// guest's `proc_exit`, `--env NAME` passes the host's value (an unset one
/// is skipped), `--dir HOST` alone preopens HOST under its own name, and an
/// import from another module is still a link error naming it.
#[test]
fn wasi_exit_status_env_and_dirs() {
    let dir = scratch("wasi");
    // Exits with ((number of env vars) * 16 + (length of preopen 3's name))
    // modulo 100.
    let file = write(
        &dir,
        "envcount.wat",
        r#"(module
            (import "wasi_snapshot_preview1" "environ_sizes_get" (func $sizes (param i32 i32) (result i32)))
            (import "wasi_snapshot_preview1" "fd_prestat_get" (func $prestat (param i32 i32) (result i32)))
            (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
            (memory (export "memory") 1)
            (func (export "_start")
              (drop (call $sizes (i32.const 0) (i32.const 4)))
              (drop (call $prestat (i32.const 3) (i32.const 8)))
              (call $exit (i32.rem_u (i32.add (i32.mul (i32.load (i32.const 0)) (i32.const 16))
                                              (i32.load (i32.const 12)))
                                     (i32.const 100)))))"#,
    );
    let o = run!("run", file);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run!(
        "run",
        "--env",
        "A=1",
        "--env",
        "PATH",
        "--env",
        "CONCORD_NO_SUCH_VAR",
        file
    );
    assert_eq!(o.status.code(), Some(32), "{}", stderr(&o));
    let host = dir.join("pre");
    std::fs::create_dir_all(&host).unwrap();
    let o = run!("run", "--dir", host, file);
    assert_eq!(
        o.status.code(),
        Some(host.to_str().unwrap().len() as i32 % 100),
        "{}",
        stderr(&o)
    );
    let o = run!("run", "--dir", format!("{}::/x", host.display()), file);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = assert_error(&run!("run", "--dir", dir.join("missing"), file), 1);
    assert!(err.contains("--dir"), "{err}");

    let mixed = write(
        &dir,
        "mixed.wat",
        r#"(module (import "wasi_snapshot_preview1" "sched_yield" (func (result i32)))
                   (import "env" "helper" (func)))"#,
    );
    let err = assert_error(&run!("run", mixed), 1);
    assert!(err.contains("env::helper"), "{err}");
    assert!(err.contains("wasi_snapshot_preview1"), "{err}");
}

/// `proc_exit(n)` passes 0-125 through; any higher status is an "invalid
/// exit status" error with status 1 (256 must not read as success, 134 not
/// as a trap), on every tier.
#[test]
fn exit_statuses_above_125_are_an_error() {
    let dir = scratch("exit");
    for tier in available_tiers() {
        for (n, expected) in [
            (0, Some(0)),
            (125, Some(125)),
            (126, None),
            (134, None),
            (256, None),
            (-1, None),
        ] {
            let file = write(
                &dir,
                &format!("exit{n}.wat"),
                format!(
                    r#"(module
                        (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
                        (memory (export "memory") 1)
                        (func (export "_start") (call $exit (i32.const {n}))))"#
                ),
            );
            let o = run!("run", "--backend", tier, &file);
            match expected {
                Some(status) => assert_eq!(o.status.code(), Some(status), "{tier} {n}: {}", stderr(&o)),
                None => {
                    let err = assert_error(&o, 1);
                    let shown = n as u32;
                    assert!(err.contains("invalid exit status"), "{tier} {n}: {err}");
                    assert!(err.contains(&format!("proc_exit({shown})")), "{tier} {n}: {err}");
                }
            }
        }
    }
}

#[test]
fn wasm_version_3_enables_the_supported_wasm3_proposals() {
    let dir = scratch("wasm3");
    let file = write(
        &dir,
        "tail.wat",
        r#"(module
             (func $count (param i32) (result i32)
               (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 7))
                 (else (return_call $count (i32.sub (local.get 0) (i32.const 1))))))
             (func (export "f") (result i32) (call $count (i32.const 100000))))"#,
    );
    // 3.0 is the default.
    for version in [&["--wasm-version", "3.0"][..], &["--wasm-version", "3"], &[]] {
        let mut args: Vec<&std::ffi::OsStr> = vec!["run".as_ref()];
        args.extend(version.iter().map(std::ffi::OsStr::new));
        args.extend(["--invoke".as_ref(), "f".as_ref(), file.as_os_str()]);
        let o = concord(&args);
        assert_eq!(stdout(&o), "7\n", "{version:?}: {}", stderr(&o));
    }
    let err = assert_error(&run!("run", "--wasm-version", "2.0", "--invoke", "f", file), 1);
    assert!(err.contains("`-W tail-call=y`"), "{err}");
    let o = run!("validate", "--wasm-version", "4.0", file);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("expected 1.0, 2.0 or 3.0"), "{}", stderr(&o));
}

#[test]
fn wasm_help_lists_every_proposal_and_exits_0() {
    use concord::WasmFeatures;
    let dir = scratch("wasm-help");
    let file = write(&dir, "numbers.wat", NUMBERS);
    let outputs = [
        run!("run", "-W", "help"),
        run!("run", "-W", "simd=n,help", file),
        run!("validate", "-Whelp"),
        run!("wast", "-W", "help"),
        run!("inspect", "-W", "help"),
    ];
    for o in &outputs {
        assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
        assert_eq!(stderr(o), "");
        assert_eq!(stdout(o), stdout(&outputs[0]));
    }
    let help = stdout(&outputs[0]);
    let defaults = WasmFeatures::default();
    for info in WasmFeatures::INFO {
        let line = help
            .lines()
            .find(|l| l.split_whitespace().next() == Some(info.name))
            .unwrap_or_else(|| panic!("no line for {}: {help}", info.name));
        let cells: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(cells[1], if info.supported { "yes" } else { "no" }, "{line}");
        assert_eq!(
            cells[2],
            if defaults.get(info.name).unwrap() { "on" } else { "off" },
            "{line}"
        );
        assert_eq!(cells[3], info.wasm_version().unwrap_or("-"), "{line}");
    }
    assert!(
        help.contains("tail-call                 yes        on       3.0"),
        "{help}"
    );
    assert!(
        help.contains("gc                        no         off      3.0"),
        "{help}"
    );
    assert!(
        help.contains("threads                   no         off      -"),
        "{help}"
    );
}

/// The `-W NAME` examples of every help text name supported proposals, and
/// the help of `-W` points at `-W help`.
#[test]
fn help_examples_use_supported_features() {
    use concord::WasmFeatures;
    for command in ["run", "wast", "validate", "inspect"] {
        let o = run!(command, "--help");
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let help = stdout(&o);
        assert!(help.contains("`-W help`"), "`{command} --help`: {help}");
        let mut examples = 0;
        for example in help.split("`-W ").skip(1) {
            let name = example.split(['=', '`', ',', ' ']).next().unwrap();
            if name == "help" {
                continue;
            }
            examples += 1;
            let supported = WasmFeatures::INFO.iter().any(|i| i.name == name && i.supported)
                || concord_cli::WASM_OPTIONS.iter().any(|o| o.name == name);
            assert!(supported, "`{command} --help` uses `-W {name}`: {help}");
        }
        assert!(examples > 0, "`{command} --help` has no -W example: {help}");
    }
}

#[test]
fn unsupported_features_are_refused_up_front() {
    use concord::WasmFeatures;
    let dir = scratch("unsupported");
    let file = write(&dir, "empty.wat", "(module)");
    for info in WasmFeatures::INFO {
        let switch = format!("{}=y", info.name);
        let o = run!("validate", "-W", switch, file);
        if info.supported {
            assert_eq!(stdout(&o), "ok\n", "{switch}: {}", stderr(&o));
        } else {
            let err = assert_error(&o, 1);
            assert!(
                err.starts_with(&format!(
                    "error: the `{}` proposal is not supported by concord yet",
                    info.name
                )),
                "{err}"
            );
        }
        // Turning one off is always fine.
        let o = run!("validate", "-W", format!("{}=n", info.name), file);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    // Before anything else: the missing file, and the other subcommands.
    let err = assert_error(&run!("run", "-W", "simd,gc", "/nonexistent/concord/x.wasm"), 1);
    assert!(
        err.contains("the `gc` proposal is not supported by concord yet"),
        "{err}"
    );
    for command in ["wast", "inspect"] {
        let err = assert_error(&run!(command, "-W", "gc", "/nonexistent/concord/x"), 1);
        assert!(err.contains("`gc` proposal is not supported"), "{err}");
    }
}

/// The `.wat` inputs of `tests/inspect/`.
fn inspect_input(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/inspect")
        .join(name)
}

/// `concord inspect` reports every proposal a module uses, supported or
/// not, instead of refusing the module.
#[test]
fn inspect_reports_unsupported_features() {
    // A proposal concord does not implement: gc (under Wasm 2.0, so that
    // the supported ones it uses are off).
    let (file, features, json, unsupported) = (
        "gc.wat",
        &[
            "reference-types      supported, on",
            "tail-call            supported, off (enable with `-W tail-call=y`)",
            "function-references  supported, off (enable with `-W function-references=y`)",
            "gc                   NOT supported by concord yet",
        ][..],
        r#""features":[{"name":"reference-types","supported":true,"enabled":true},{"name":"tail-call","supported":true,"enabled":false},{"name":"function-references","supported":true,"enabled":false},{"name":"gc","supported":false,"enabled":false}]"#,
        "gc",
    );
    let path = inspect_input(file);
    let o = run!("inspect", "--wasm-version", "2.0", &path);
    assert_eq!(o.status.code(), Some(0), "{file}: {}", stderr(&o));
    let out = stdout(&o);
    let expected: Vec<String> = std::iter::once(format!("features used ({}):", features.len()))
        .chain(features.iter().map(|f| format!("  {f}")))
        .collect();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[1..features.len() + 2], expected, "{file}: {out}");
    assert!(
        out.contains(&format!(
            "portability: concord cannot run it yet: it uses {unsupported}, which concord does not support yet"
        )),
        "{file}: {out}"
    );
    let o = run!("inspect", "--wasm-version", "2.0", "--json", &path);
    assert_eq!(o.status.code(), Some(0), "{file}: {}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains(json), "{file}: {out}");
    assert!(out.contains("\"portable\":false"), "{file}: {out}");
    // A supported proposal that is off says how to turn it on.
    let out = stdout(&run!(
        "inspect",
        "--wasm-version",
        "2.0",
        inspect_input("exceptions.wat")
    ));
    assert!(
        out.contains("  exceptions  supported, off (enable with `-W exceptions=y`)\n"),
        "{out}"
    );
    let out = stdout(&run!(
        "inspect",
        "--wasm-version",
        "2.0",
        "--json",
        inspect_input("exceptions.wat")
    ));
    assert!(
        out.contains(r#""features":[{"name":"exceptions","supported":true,"enabled":false}]"#),
        "{out}"
    );
    let out = stdout(&run!("inspect", inspect_input("exceptions.wat")));
    assert!(out.contains("  exceptions  supported, on\n"), "{out}");
    // The rest of the report is there too.
    let out = stdout(&run!("inspect", inspect_input("exceptions.wat")));
    assert!(
        out.contains("  wasi_snapshot_preview1::proc_exit (func (param i32))  provided (wasi_snapshot_preview1)"),
        "{out}"
    );
    let out = stdout(&run!("inspect", inspect_input("memory64.wat")));
    assert!(out.contains("  memory (memory i64 1 16)\n"), "{out}");
    // Under the options given (3.0 by default): tail calls on.
    let out = stdout(&run!("inspect", inspect_input("gc.wat")));
    assert!(out.contains("  tail-call            supported, on\n"), "{out}");
    // A module that is invalid with every proposal on is still an error.
    let dir = scratch("inspect-invalid");
    let invalid = write(&dir, "invalid.wat", "(module (func (result i32) (i64.const 0)))");
    let err = assert_error(&run!("inspect", invalid), 1);
    assert!(err.contains("type mismatch"), "{err}");
}

/// A module using a proposal concord does not implement is refused saying
/// so, never with a suggestion to turn on something that then fails.
#[test]
fn unsupported_features_in_modules_are_named() {
    let (file, proposal) = ("gc.wat", "gc");
    let path = inspect_input(file);
    for version in ["2.0", "3.0"] {
        for command in ["run", "validate"] {
            let err = assert_error(&run!(command, "--wasm-version", version, path), 1);
            assert!(
                err.contains(&format!("the `{proposal}` proposal is not supported by concord yet")),
                "{command} {file} under {version}: {err}"
            );
            assert!(!err.contains("-W"), "{command} {file} under {version}: {err}");
        }
    }
}

/// memory64 is supported: `inspect` reports it as such (off under Wasm 2.0,
/// with the switch that turns it on; on under 3.0), `validate` accepts a
/// module using it under 3.0 or with `-W memory64=y`, and under 2.0 names
/// that switch.
#[test]
fn memory64_is_reported_supported_and_accepted_when_on() {
    let path = inspect_input("memory64.wat");
    let o = run!("inspect", "--wasm-version", "2.0", &path);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[1..4],
        [
            "features used (2):",
            "  bulk-memory  supported, on",
            "  memory64     supported, off (enable with `-W memory64=y`)",
        ],
        "{out}"
    );
    assert!(out.contains("  memory (memory i64 1 16)\n"), "{out}");
    assert!(!out.contains("cannot run it"), "{out}");
    let out = stdout(&run!("inspect", "--wasm-version", "2.0", "--json", &path));
    assert!(
        out.contains(
            r#""features":[{"name":"bulk-memory","supported":true,"enabled":true},{"name":"memory64","supported":true,"enabled":false}]"#
        ),
        "{out}"
    );
    assert!(out.contains("\"portable\":true"), "{out}");
    for version in [&["--wasm-version", "3.0"][..], &[]] {
        let mut args: Vec<&std::ffi::OsStr> = vec!["inspect".as_ref()];
        args.extend(version.iter().map(std::ffi::OsStr::new));
        args.push(path.as_os_str());
        let out = stdout(&concord(&args));
        assert!(out.contains("  memory64     supported, on\n"), "{out}");
    }
    for flags in [
        &["--wasm-version", "3.0"][..],
        &["--wasm-version", "2.0", "-W", "memory64=y"],
        &[],
    ] {
        let mut args: Vec<&std::ffi::OsStr> = vec!["validate".as_ref()];
        args.extend(flags.iter().map(std::ffi::OsStr::new));
        args.push(path.as_os_str());
        let o = concord(&args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    }
    let err = assert_error(&run!("validate", "--wasm-version", "2.0", &path), 1);
    assert!(
        err.contains("enable the `memory64` proposal with `-W memory64=y`"),
        "{err}"
    );
}

/// A module using exception handling runs under `--wasm-version 3.0` (its
/// `_start` catches the exception it throws and exits with its payload),
/// and is refused under 2.0 with the switch that enables it.
#[test]
fn exceptions_run_under_wasm_3() {
    let path = inspect_input("exceptions.wat");
    let o = run!("run", "--wasm-version", "3.0", &path);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let o = run!("run", "--wasm-version", "2.0", "-W", "exceptions=y", &path);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    // 3.0 is the default.
    let o = run!("run", &path);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let err = assert_error(&run!("run", "--wasm-version", "2.0", &path), 1);
    assert!(err.contains("-W exceptions=y"), "{err}");
}

/// A preload that uses WASI and exports a function and a memory.
const PRELOAD_LIB: &str = r#"(module
  (import "wasi_snapshot_preview1" "sched_yield" (func $yield (result i32)))
  (memory (export "mem") 1)
  (func (export "double") (param i32) (result i32)
    (drop (call $yield))
    (i32.mul (local.get 0) (i32.const 2)))
  (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1))))"#;

/// A preload that imports the first.
const PRELOAD_MID: &str = r#"(module
  (import "lib" "double" (func $d (param i32) (result i32)))
  (func (export "quadruple") (param i32) (result i32) (call $d (call $d (local.get 0)))))"#;

/// The main module: stores through `lib` into `lib`'s memory, which it
/// imports and reads.
const PRELOAD_MAIN: &str = r#"(module
  (import "lib" "mem" (memory 1))
  (import "lib" "store" (func $store (param i32 i32)))
  (import "mid" "quadruple" (func $q (param i32) (result i32)))
  (func (export "run") (param i32) (result i32)
    (call $store (i32.const 8) (call $q (local.get 0)))
    (i32.load (i32.const 8))))"#;

#[test]
fn preloads_offer_their_exports_to_later_modules() {
    let dir = scratch("preload");
    let lib = write(&dir, "lib.wat", PRELOAD_LIB);
    let mid = write(&dir, "mid.wat", PRELOAD_MID);
    let main = write(&dir, "main.wat", PRELOAD_MAIN);
    let lib_arg = format!("lib={}", lib.display());
    let mid_arg = format!("mid={}", mid.display());
    let o = run!(
        "run",
        "--preload",
        lib_arg,
        "--preload",
        mid_arg,
        "--invoke",
        "run",
        main,
        "5"
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "20\n");
    // A binary preload, and the default export of the main module.
    let binary = write(&dir, "lib.wasm", wat::parse_str(PRELOAD_LIB).unwrap());
    let start = write(
        &dir,
        "start.wat",
        r#"(module (import "lib" "double" (func $d (param i32) (result i32)))
             (func (export "_start") (result i32) (call $d (i32.const 21))))"#,
    );
    let o = run!("run", "--preload", format!("lib={}", binary.display()), start);
    assert_eq!(stdout(&o), "42\n", "{}", stderr(&o));

    // In order: a preload sees only the ones before it.
    let err = assert_error(
        &run!(
            "run",
            "--preload",
            mid_arg,
            "--preload",
            lib_arg,
            "--invoke",
            "run",
            main,
            "5"
        ),
        1,
    );
    assert!(err.contains("failed to instantiate --preload mid="), "{err}");
    assert!(err.contains("`lib::double`"), "{err}");
    assert!(err.contains("given before it: none"), "{err}");
    // The main module's imports must all be there.
    let err = assert_error(&run!("run", "--preload", lib_arg, "--invoke", "run", main, "5"), 1);
    assert!(err.contains("`mid::quadruple`"), "{err}");
    assert!(err.contains("the --preload modules `lib`"), "{err}");
    // An export of the wrong type.
    let wrong = write(&dir, "wrong.wat", r#"(module (func (export "quadruple") (param i64)))"#);
    let err = assert_error(
        &run!(
            "run",
            "--preload",
            lib_arg,
            "--preload",
            format!("mid={}", wrong.display()),
            main
        ),
        1,
    );
    assert!(err.contains("incompatible import type for `mid::quadruple`"), "{err}");
    // A preload that traps while it starts.
    let trap = write(&dir, "trap.wat", "(module (func $s (unreachable)) (start $s))");
    let err = assert_error(
        &run!("run", "--preload", format!("t={}", trap.display()), main),
        TRAP_STATUS,
    );
    assert!(err.contains("unreachable"), "{err}");
}

#[test]
fn bad_preloads_are_clear_errors() {
    let dir = scratch("preload-errors");
    let lib = write(&dir, "lib.wat", PRELOAD_LIB);
    let main = write(&dir, "main.wat", PRELOAD_MAIN);
    // Syntax: the command line cannot be parsed.
    for (arg, message) in [
        ("lib".to_string(), "expected NAME=FILE"),
        (format!("={}", lib.display()), "the module name is empty"),
        ("lib=".to_string(), "the file is empty"),
        (
            format!("wasi_snapshot_preview1={}", lib.display()),
            "is the WASI interface",
        ),
    ] {
        let err = assert_error(&run!("run", "--preload", arg, main), 2);
        assert!(
            err.contains("--preload <NAME=FILE>") && err.contains(message),
            "{arg}: {err}"
        );
    }
    // Files that cannot be read or loaded, and names given twice.
    let err = assert_error(&run!("run", "--preload", "lib=/nonexistent/concord/lib.wasm", main), 1);
    assert!(err.contains("--preload lib=/nonexistent/concord/lib.wasm"), "{err}");
    assert!(err.contains("failed to read"), "{err}");
    let invalid = write(&dir, "invalid.wat", "(module (func (result i32) (i64.const 0)))");
    let err = assert_error(&run!("run", "--preload", format!("lib={}", invalid.display()), main), 1);
    assert!(err.contains("type mismatch"), "{err}");
    let garbage = write(&dir, "garbage.wasm", [0xffu8, 0, 1]);
    assert_error(&run!("run", "--preload", format!("lib={}", garbage.display()), main), 1);
    let lib_arg = format!("lib={}", lib.display());
    let err = assert_error(&run!("run", "--preload", lib_arg, "--preload", lib_arg, main), 1);
    assert!(err.contains("--preload `lib` is given twice"), "{err}");
}

/// `-W timeout` interrupts a guest stuck in a loop, in a one-hour
/// `poll_oneoff` sleep, and in a read of a pipe that never delivers, on
/// every tier: a trap ("interrupted") soon after the timeout.
#[test]
fn timeout_interrupts_loops_sleeps_and_blocking_reads() {
    let dir = scratch("timeout");
    let spin = write(
        &dir,
        "spin.wat",
        r#"(module (func (export "_start") (loop $l (br $l))))"#,
    );
    // One monotonic clock subscription of an hour.
    let sleep = write(
        &dir,
        "sleep.wat",
        r#"(module
          (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll (param i32 i32 i32 i32) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 16) "\01\00\00\00")
          (data (i32.const 24) "\00\b0\8e\f0\1b\03\00\00")
          (func (export "_start")
            (drop (call $poll (i32.const 0) (i32.const 100) (i32.const 1) (i32.const 200)))))"#,
    );
    let read = write(
        &dir,
        "read.wat",
        r#"(module
          (import "wasi_snapshot_preview1" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 0) "\00\01\00\00\10\00\00\00")
          (func (export "_start")
            (drop (call $read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 64)))))"#,
    );
    for tier in available_tiers() {
        for file in [&spin, &sleep, &read] {
            let started = std::time::Instant::now();
            // stdin is a pipe whose writer stays open (and silent) until
            // the process ends.
            let mut child = Command::new(env!("CARGO_BIN_EXE_concord"))
                .args(["run", "--backend", tier, "-W", "timeout=1s"])
                .arg(file)
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            let writer = child.stdin.take();
            let o = child.wait_with_output().unwrap();
            drop(writer);
            let elapsed = started.elapsed();
            let err = assert_error(&o, TRAP_STATUS);
            assert!(err.contains("interrupt"), "{tier} {}: {err}", file.display());
            assert!(
                elapsed >= std::time::Duration::from_secs(1) && elapsed < std::time::Duration::from_secs(30),
                "{tier} {}: {elapsed:?}",
                file.display()
            );
        }
    }
}

/// `-W timeout=1s` also ends a guest blocked writing to a pipe nobody
/// reads (stdout here), on every tier.
#[test]
fn timeout_interrupts_blocking_writes() {
    let dir = scratch("timeout-write");
    // Writes 64 KiB to stdout, again and again.
    let flood = write(
        &dir,
        "flood.wat",
        r#"(module
          (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
          (memory (export "memory") 2)
          (data (i32.const 0) "\00\10\00\00\00\00\01\00")
          (func (export "_start")
            (loop $l
              (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
              (br $l))))"#,
    );
    for tier in available_tiers() {
        let started = std::time::Instant::now();
        // stdout is a pipe this test never reads: it fills, and the next
        // write blocks.
        let mut child = Command::new(env!("CARGO_BIN_EXE_concord"))
            .args(["run", "--backend", tier, "-W", "timeout=1s"])
            .arg(&flood)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let pid = child.id();
        // A watchdog, so that a failure cannot hang the test run: it kills
        // the child unless told within a minute that it ended.
        let (ended, watch) = std::sync::mpsc::channel::<()>();
        let watchdog = std::thread::spawn(move || {
            if watch.recv_timeout(std::time::Duration::from_secs(60)).is_err() {
                let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            }
        });
        let status = child.wait().unwrap();
        let _ = ended.send(());
        watchdog.join().unwrap();
        let elapsed = started.elapsed();
        let mut err = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
        assert_eq!(status.code(), Some(TRAP_STATUS), "{tier}: {status:?} {err}");
        assert!(err.contains("interrupt"), "{tier}: {err}");
        assert!(
            elapsed >= std::time::Duration::from_secs(1) && elapsed < std::time::Duration::from_secs(30),
            "{tier}: {elapsed:?}"
        );
    }
}

/// `-W max-memory-size=64MiB` stops `memory.grow` at 1,024 pages (-1), or
/// traps with `-W trap-on-grow-failure`; an initial memory past it fails
/// to instantiate; the other limits and bad values are clear errors.
#[test]
fn resource_limits_bound_the_guest() {
    let dir = scratch("limits");
    let grow = write(
        &dir,
        "grow.wat",
        r#"(module
          (memory (export "memory") 1)
          (table 0 funcref)
          (func (export "grow") (result i32)
            (block $done
              (loop $l
                (br_if $done (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
                (br $l)))
            (memory.size))
          (func (export "grow_table") (result i32)
            (drop (table.grow (ref.null func) (i32.const 100)))
            (table.size)))"#,
    );
    for tier in available_tiers() {
        let o = run!(
            "run",
            "--backend",
            tier,
            "-W",
            "max-memory-size=64MiB",
            "--invoke",
            "grow",
            &grow
        );
        assert_eq!(stdout(&o).trim(), "1024", "{tier}: {}", stderr(&o));
        let o = run!(
            "run",
            "--backend",
            tier,
            "-W",
            "max-memory-size=64MiB,trap-on-grow-failure",
            "--invoke",
            "grow",
            &grow
        );
        let err = assert_error(&o, TRAP_STATUS);
        assert!(err.contains("forcing trap"), "{tier}: {err}");
        let o = run!(
            "run",
            "--backend",
            tier,
            "-W",
            "max-table-elements=99",
            "--invoke",
            "grow_table",
            &grow
        );
        assert_eq!(stdout(&o).trim(), "0", "{tier}: {}", stderr(&o));
    }
    let big = write(&dir, "big.wat", "(module (memory 2000))");
    let err = assert_error(&run!("run", "-W", "max-memory-size=64MiB", &big), 1);
    assert!(err.contains("exceeds memory limits"), "{err}");
    let err = assert_error(&run!("run", "-W", "max-instances=0", &big), 1);
    assert!(err.contains("instance count of 1 exceeds the limit of 0"), "{err}");
    let err = assert_error(&run!("run", "-W", "max-memories=0", &big), 1);
    assert!(err.contains("memory count"), "{err}");
    for (option, message) in [
        ("max-memory-size=64XB", "invalid size"),
        ("timeout=5", "invalid duration"),
        ("timeout", "needs a value"),
        ("max-tables=many", "expected a number"),
    ] {
        let err = assert_error(&run!("run", "-W", option, &big), 1);
        assert!(err.contains(message), "{option}: {err}");
    }
    // They bound a run: other subcommands refuse them.
    let err = assert_error(&run!("validate", "-W", "timeout=1s", &big), 1);
    assert!(err.contains("applies to `concord run` only"), "{err}");
}

/// A hostile `fd_write` of 2^29 empty iovecs (4 GiB of them, the whole
/// memory) answers EINVAL at once, even with little fuel: the host's work
/// is bounded by the iovec count, not by the bytes (RFC 0009).
#[test]
fn hostile_iovec_counts_return_an_errno_quickly() {
    let dir = scratch("iovecs");
    let file = write(
        &dir,
        "iovecs.wat",
        r#"(module
          (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
          (memory (export "memory") 65536)
          (func (export "w") (result i32)
            (call $write (i32.const 1) (i32.const 0) (i32.const 0x20000000) (i32.const 16))))"#,
    );
    for tier in available_tiers() {
        let started = std::time::Instant::now();
        let o = run!("run", "--backend", tier, "--fuel", "1000", "--invoke", "w", &file);
        let elapsed = started.elapsed();
        assert_eq!(stdout(&o).trim(), "28", "{tier}: {}", stderr(&o));
        assert!(elapsed < std::time::Duration::from_secs(10), "{tier}: {elapsed:?}");
    }
}

#[test]
fn subcommand_help_keeps_its_description() {
    // The subcommands' arguments are added only when one is parsed; its
    // help still opens with its own description, then its arguments.
    for (sub, about, arg) in [
        ("run", "Instantiate a module and run its default export", "--invoke"),
        ("wast", "Run WebAssembly spec-test scripts", "<PATH>"),
        ("validate", "Validate a module", "<FILE>"),
        ("inspect", "Report a module's imports, exports", "--json"),
    ] {
        let o = run!(sub, "--help");
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let help = stdout(&o);
        assert!(help.starts_with(about), "{sub}: {help}");
        assert!(help.contains(arg), "{sub}: {help}");
    }
}
