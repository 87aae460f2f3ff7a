//! The `.wast` runner on small scripts: every directive, and that a wrong
//! expectation is reported as a failure at the right line.

use concord::Config;
use concord_cli::wast::{Summary, WastOptions, run_wast};

fn run(script: &str) -> Summary {
    let options = WastOptions {
        config: Config::new(),
        print: false,
    };
    run_wast(&options, "test.wast", script)
}

/// Asserts that every directive passed.
fn passes(script: &str, directives: usize) {
    let s = run(script);
    assert_eq!(s.failures, Vec::<String>::new());
    assert_eq!((s.passed, s.failed, s.skipped), (directives, 0, 0));
}

/// Asserts that exactly the directive at `line` fails, with `needle` in its message.
fn fails_at(script: &str, line: usize, needle: &str) {
    let s = run(script);
    assert_eq!(s.failed, 1, "{:?}", s.failures);
    let prefix = format!("test.wast:{line}: ");
    assert!(
        s.failures[0].starts_with(&prefix) && s.failures[0].contains(needle),
        "{:?}",
        s.failures
    );
}

#[test]
fn modules_register_invoke_and_get() {
    passes(
        r#"
(module $A
  (global (export "g") (mut i32) (i32.const 5))
  (func (export "set") (param i32) (global.set 0 (local.get 0)))
  (func (export "get") (result i32) (global.get 0)))
(register "a" $A)
(module $B
  (import "a" "get" (func $get (result i32)))
  (func (export "twice") (result i32) (i32.mul (call $get) (i32.const 2))))
(invoke $A "set" (i32.const 21))
(assert_return (get $A "g") (i32.const 21))
(assert_return (invoke $B "twice") (i32.const 42))
(assert_return (invoke "twice") (i32.const 42))
(module definition $D (func (export "one") (result i32) (i32.const 1)))
(module instance $d1 $D)
(module instance $d2 $D)
(assert_return (invoke $d1 "one") (i32.const 1))
(assert_return (invoke $d2 "one") (i32.const 1))
"#,
        12,
    );
}

#[test]
fn spectest_host_module() {
    passes(
        r#"
(module
  (import "spectest" "print_i32" (func $p (param i32)))
  (import "spectest" "global_i32" (global $g i32))
  (import "spectest" "global_i64" (global $h i64))
  (import "spectest" "global_f32" (global $f f32))
  (import "spectest" "global_f64" (global $d f64))
  (import "spectest" "table" (table 10 20 funcref))
  (import "spectest" "memory" (memory 1 2))
  (func (export "g") (result i32) (call $p (global.get $g)) (global.get $g))
  (func (export "h") (result i64) (global.get $h))
  (func (export "f") (result f32) (global.get $f))
  (func (export "d") (result f64) (global.get $d))
  (func (export "size") (result i32) (memory.size))
  (func (export "tsize") (result i32) (table.size)))
(assert_return (invoke "g") (i32.const 666))
(assert_return (invoke "h") (i64.const 666))
(assert_return (invoke "f") (f32.const 666.6))
(assert_return (invoke "d") (f64.const 666.6))
(assert_return (invoke "size") (i32.const 1))
(assert_return (invoke "tsize") (i32.const 10))
(assert_unlinkable (module (import "spectest" "memory" (memory 3))) "incompatible import type")
(assert_unlinkable (module (import "spectest" "nope" (func))) "unknown import")
"#,
        9,
    );
}

#[test]
fn nan_patterns_and_v128_lanes() {
    passes(
        r#"
(module
  (func (export "nan32") (result f32) (f32.div (f32.const 0) (f32.const 0)))
  (func (export "nan64") (result f64) (f64.sqrt (f64.const -1)))
  (func (export "payload") (result f32) (f32.const nan:0x200000))
  (func (export "quiet") (result f32) (f32.const -nan:0x400001))
  (func (export "v") (result v128) (v128.const f32x4 nan 1.5 -0 0x1p-149))
  (func (export "i") (param v128) (result v128) (local.get 0)))
(assert_return (invoke "nan32") (f32.const nan:arithmetic))
(assert_return (invoke "nan64") (f64.const nan:arithmetic))
(assert_return (invoke "payload") (f32.const nan:0x200000))
(assert_return (invoke "quiet") (f32.const nan:arithmetic))
(assert_return (invoke "v") (v128.const f32x4 nan:canonical 1.5 -0 0x1p-149))
(assert_return (invoke "i" (v128.const i16x8 1 2 3 4 5 6 7 -1)) (v128.const i16x8 1 2 3 4 5 6 7 -1))
(assert_return (invoke "i" (v128.const i64x2 -1 2)) (v128.const i32x4 -1 -1 2 0))
"#,
        8,
    );
    fails_at(
        r#"(module (func (export "p") (result f32) (f32.const nan:0x200000)))
(assert_return (invoke "p") (f32.const nan:canonical))"#,
        2,
        "expected f32 nan:canonical",
    );
    fails_at(
        r#"(module (func (export "v") (result v128) (v128.const i32x4 1 2 3 4)))

(assert_return (invoke "v") (v128.const i32x4 1 2 3 5))"#,
        3,
        "expected v128 i32x4",
    );
}

#[test]
fn references() {
    passes(
        r#"
(module
  (table $t 2 externref)
  (func $f (export "f"))
  (func (export "id") (param externref) (result externref) (local.get 0))
  (func (export "null") (result funcref) (ref.null func))
  (func (export "fref") (result funcref) (ref.func $f))
  (func (export "store") (param externref) (table.set $t (i32.const 1) (local.get 0)))
  (func (export "load") (result externref) (table.get $t (i32.const 1))))
(assert_return (invoke "id" (ref.extern 7)) (ref.extern 7))
(assert_return (invoke "id" (ref.null extern)) (ref.null extern))
(assert_return (invoke "null") (ref.null func))
(assert_return (invoke "null") (ref.null))
(assert_return (invoke "fref") (ref.func))
(invoke "store" (ref.extern 3))
(assert_return (invoke "load") (ref.extern 3))
(assert_return (invoke "load") (ref.extern))
"#,
        9,
    );
    fails_at(
        r#"(module (func (export "id") (param externref) (result externref) (local.get 0)))
(assert_return (invoke "id" (ref.extern 1)) (ref.extern 2))"#,
        2,
        "expected ref.extern 2, got ref.extern 1",
    );
}

#[test]
fn traps_and_exhaustion() {
    passes(
        r#"
(module
  (table 1 funcref)
  (memory 1)
  (func $r (export "r") (call $r))
  (func (export "div") (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
  (func (export "null") (call_indirect (i32.const 0)))
  (func (export "oob") (result i32) (i32.load (i32.const 65536))))
(assert_exhaustion (invoke "r") "call stack exhausted")
(assert_trap (invoke "div" (i32.const 0)) "integer divide by zero")
(assert_trap (invoke "null") "uninitialized element 2")
(assert_trap (invoke "oob") "out of bounds memory access")
(assert_trap (module (func $s (unreachable)) (start $s)) "unreachable")
(assert_trap (module (memory 1) (data (i32.const 65536) "a")) "out of bounds memory access")
"#,
        7,
    );
    fails_at(
        r#"(module (func (export "f") (result i32) (i32.const 0)))
(assert_trap (invoke "f") "unreachable")"#,
        2,
        "expected a trap",
    );
    fails_at(
        r#"(module (func (export "f") (unreachable)))
(assert_trap (invoke "f") "integer overflow")"#,
        2,
        "got: unreachable",
    );
}

#[test]
fn rejected_modules() {
    passes(
        r#"
(assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
(assert_invalid (module (func (call 3))) "unknown function")
(assert_malformed (module binary "\00asm" "\02\00\00\00") "unknown binary version")
(assert_malformed (module binary "") "unexpected end")
(assert_malformed (module quote "(func (i32.const))") "unexpected token")
(assert_malformed (module quote "(modul)") "unexpected token")
"#,
        6,
    );
    fails_at(
        "\n(assert_invalid (module (func)) \"type mismatch\")",
        2,
        "but it was accepted",
    );
}

#[test]
fn failures_do_not_stop_the_script() {
    let s = run(r#"
(module (func (export "f") (result i32) (i32.const 1)))
(assert_return (invoke "f") (i32.const 2))
(assert_return (invoke "g") (i32.const 1))
(module (import "nowhere" "x" (func)))
(assert_return (invoke "f") (i32.const 1))
(module (func (export "f") (result i32) (i32.const 3)))
(assert_return (invoke "f") (i32.const 3))
"#);
    assert_eq!((s.passed, s.failed, s.skipped), (3, 4, 0), "{:?}", s.failures);
    assert!(s.failures[0].starts_with("test.wast:3: result 0: expected i32 2"));
    assert!(s.failures[1].contains("no exported function named `g`"));
    assert!(s.failures[2].starts_with("test.wast:5: ") && s.failures[2].contains("nowhere::x"));
    // After a module fails, its invocations do not run on the previous one.
    assert!(s.failures[3].starts_with("test.wast:6: ") && s.failures[3].contains("no current module"));
    assert_eq!(s.counts(), "3 passed, 4 failed, 0 skipped");
}

#[test]
fn unparsable_script_is_one_failure() {
    let s = run("(module)\n(assert_return (invoke \"f\")");
    assert_eq!(s.failed, 1);
    assert!(
        s.failures[0].starts_with("test.wast:2: failed to parse the script"),
        "{:?}",
        s.failures
    );
}
