//! Tail calls (`return_call`, `return_call_indirect`) run in constant stack
//! on every tier, in tier mixes and under tier-up, including between the
//! interpreter and machine code (RFC 0008); they reach host functions and
//! other instances, and charge the same fuel everywhere.
//!
//! The stack limits are small (256 KiB of Wasm stack, 1000 interpreted
//! frames): a million nested calls cannot fit, and the
//! `ordinary_recursion_still_overflows` test checks that they do not.

mod common;

use concord::{Config, Engine, Linker, Module, Store, Tier, TierUpPath, TrapCode};

const DEPTH: i64 = 1_000_000;

/// Every tier compiled in; each tier mix; `auto` tiering up at once and
/// after 100 units of budget (mid-recursion), on the running thread.
fn configs() -> Vec<(String, Config)> {
    let mut configs = common::tier_configs(
        &[1, 2, 3, 4],
        &[
            (0, TierUpPath::Cranelift),
            (100, TierUpPath::Cranelift),
            (100, TierUpPath::JitThenCranelift),
        ],
    );
    for (_, config) in &mut configs {
        config.max_wasm_stack(256 << 10);
        config.max_call_depth = 1000;
        config.wasm_feature("tail-call", true).unwrap();
    }
    configs
}

const RECURSION: &str = r#"(module
  (type $i64_to_i32 (func (param i64) (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) $even_i $odd_i)

  ;; Self tail recursion.
  (func $count (export "count") (param i64 i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0))
      (then (local.get 1))
      (else (return_call $count (i64.sub (local.get 0) (i64.const 1))
                                (i64.add (local.get 1) (i64.const 2))))))

  ;; Mutual tail recursion, direct.
  (func $even (export "even") (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0))
      (then (i32.const 1))
      (else (return_call $odd (i64.sub (local.get 0) (i64.const 1))))))
  (func $odd (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0))
      (then (i32.const 0))
      (else (return_call $even (i64.sub (local.get 0) (i64.const 1))))))

  ;; Mutual tail recursion through a table.
  (func $even_i (export "even_indirect") (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0))
      (then (i32.const 1))
      (else (return_call_indirect (type $i64_to_i32)
              (i64.sub (local.get 0) (i64.const 1)) (i32.const 1)))))
  (func $odd_i (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0))
      (then (i32.const 0))
      (else (return_call_indirect (type $i64_to_i32)
              (i64.sub (local.get 0) (i64.const 1)) (i32.const 0)))))

  ;; Self tail recursion with five parameters (beyond the registers of
  ;; the JIT's native convention).
  (func $wide (export "wide") (param i64 i64 i64 i64 i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.add (local.get 4) (local.get 1)))
      (else (return_call $wide (i64.sub (local.get 0) (i64.const 1)) (local.get 2) (local.get 3)
                               (local.get 1) (i64.add (local.get 4) (i64.const 1))))))

  ;; Not a tail call: the stack grows.
  (func $deep (export "deep") (param i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.const 0))
      (else (i64.add (i64.const 1) (call $deep (i64.sub (local.get 0) (i64.const 1))))))))"#;

#[test]
fn tail_recursion_runs_in_constant_stack_on_every_tier() {
    for (name, config) in configs() {
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(&engine, RECURSION).unwrap();
        let mut store = Store::new(&engine, ());
        let instance = Linker::new(&engine).instantiate(&mut store, &module).unwrap();
        let count = instance.get_typed_func::<(i64, i64), i64>(&store, "count").unwrap();
        assert_eq!(count.call(&mut store, (DEPTH, 5)).unwrap(), 2 * DEPTH + 5, "{name}");
        let wide = instance
            .get_typed_func::<(i64, i64, i64, i64, i64), i64>(&store, "wide")
            .unwrap();
        let result = wide
            .call(&mut store, (DEPTH, 1, 2, 3, 0))
            .map_err(|e| e.as_trap().map(|t| t.code()));
        assert_eq!(result, Ok(DEPTH + 2), "{name}");
        for export in ["even", "even_indirect"] {
            let even = instance.get_typed_func::<i64, i32>(&store, export).unwrap();
            assert_eq!(even.call(&mut store, DEPTH).unwrap(), 1, "{name}: {export}");
            assert_eq!(even.call(&mut store, DEPTH + 1).unwrap(), 0, "{name}: {export}");
        }
    }
}

/// Tail calls between functions whose types are outside the native
/// convention (more parameters or results than it has registers), and
/// between those and native ones: direct, through a table and through a
/// reference.
const WIDE: &str = r#"(module
  (type $five (func (param i64 i64 i64 i64 i64) (result i64)))
  (type $one (func (param i64) (result i64)))
  (type $nine (func (param i64) (result i64 i64 i64 i64 i64 i64 i64 i64 i64)))
  (type $seven_nine (func (param i64 i64 i64 i64 i64 i64 f64)
                          (result i64 i64 i64 i64 i64 i64 i64 i64 i64)))
  (table funcref (elem $narrow_i $wide_i))
  (elem declare func $cells)

  ;; Native (one parameter) and wide (five), direct.
  (func $narrow (export "narrow") (type $one)
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.const 7))
      (else (return_call $wide (i64.sub (local.get 0) (i64.const 1))
                               (i64.const 1) (i64.const 2) (i64.const 3) (i64.const 4)))))
  (func $wide (type $five)
    (return_call $narrow (i64.add (local.get 0) (i64.sub (local.get 4) (i64.const 4)))))

  ;; The same through the table.
  (func $narrow_i (export "narrow_indirect") (type $one)
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.const 7))
      (else (return_call_indirect (type $five) (i64.sub (local.get 0) (i64.const 1))
              (i64.const 1) (i64.const 2) (i64.const 3) (i64.const 4) (i32.const 1)))))
  (func $wide_i (type $five)
    (return_call_indirect (type $one) (local.get 0) (i32.const 0)))

  ;; Nine results (beyond the result registers), one parameter and seven;
  ;; back through a reference.
  (func $cells (export "cells") (type $nine)
    (if (result i64 i64 i64 i64 i64 i64 i64 i64 i64) (i64.eqz (local.get 0))
      (then (i64.const 1) (i64.const 2) (i64.const 3) (i64.const 4) (i64.const 5)
            (i64.const 6) (i64.const 7) (i64.const 8) (i64.const 9))
      (else (return_call $cells7 (i64.sub (local.get 0) (i64.const 1))
              (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0)
              (f64.const 1.5)))))
  (func $cells7 (type $seven_nine)
    (return_call_ref $nine (local.get 0) (ref.func $cells))))"#;

/// Runs [`WIDE`]'s exports a million tail calls deep on `instance`.
fn check_wide(name: &str, store: &mut Store<()>, instance: &concord::Instance) {
    let trap = |e: concord::Error| e.as_trap().map(|t| t.code());
    for export in ["narrow", "narrow_indirect"] {
        let f = instance.get_typed_func::<i64, i64>(&*store, export).unwrap();
        let result = f.call(&mut *store, DEPTH).map_err(trap);
        assert_eq!(result, Ok(7), "{name}: {export}");
    }
    let cells = instance
        .get_typed_func::<i64, (i64, i64, i64, i64, i64, i64, i64, i64, i64)>(&*store, "cells")
        .unwrap();
    let result = cells.call(&mut *store, DEPTH).map_err(trap);
    assert_eq!(result, Ok((1, 2, 3, 4, 5, 6, 7, 8, 9)), "{name}: cells");
}

#[test]
fn tail_calls_between_wide_types_run_in_constant_stack() {
    for (name, config) in configs() {
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(&engine, WIDE).unwrap();
        let mut store = Store::new(&engine, ());
        let instance = Linker::new(&engine).instantiate(&mut store, &module).unwrap();
        check_wide(&name, &mut store, &instance);
    }
}

/// Every pair of tiers, each running one side of [`WIDE`]'s tail calls
/// (the functions are published one by one, so every call goes through an
/// entry).
#[test]
fn tail_calls_between_wide_types_cross_every_pair_of_tiers() {
    let tiers = Engine::available_tiers();
    for &a in tiers {
        for &b in tiers {
            if a == b {
                continue;
            }
            let name = format!("{a}/{b}");
            let mut config = Config::new();
            config.tier(Tier::Interp);
            config.max_wasm_stack(256 << 10);
            config.max_call_depth = 1000;
            let engine = Engine::new(&config).unwrap();
            let module = Module::new(&engine, WIDE).unwrap();
            for f in 0..6 {
                module.set_function_tier(f, if f % 2 == 0 { a } else { b }).unwrap();
            }
            let mut store = Store::new(&engine, ());
            let instance = Linker::new(&engine).instantiate(&mut store, &module).unwrap();
            check_wide(&name, &mut store, &instance);
        }
    }
}

#[test]
fn ordinary_recursion_still_overflows() {
    for (name, config) in configs() {
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(&engine, RECURSION).unwrap();
        let mut store = Store::new(&engine, ());
        let instance = Linker::new(&engine).instantiate(&mut store, &module).unwrap();
        let deep = instance.get_typed_func::<i64, i64>(&store, "deep").unwrap();
        assert_eq!(deep.call(&mut store, 100).unwrap(), 100, "{name}");
        let err = deep.call(&mut store, DEPTH).unwrap_err();
        assert_eq!(err.as_trap().unwrap().code(), TrapCode::StackOverflow, "{name}");
    }
}

#[test]
fn tail_calls_change_types_and_reach_hosts_and_other_instances() {
    for (name, config) in configs() {
        let engine = Engine::new(&config).unwrap();
        let callee = Module::new(
            &engine,
            r#"(module
                 (func (export "scale") (param i64 i64) (result i64)
                   (i64.mul (local.get 0) (local.get 1))))"#,
        )
        .unwrap();
        let module = Module::new(
            &engine,
            r#"(module
                 (import "host" "add" (func $add (param i64 i64) (result i64)))
                 (import "other" "scale" (func $scale (param i64 i64) (result i64)))
                 (type $two (func (param i64 i64) (result i64)))
                 (table funcref (elem $add $scale))
                 ;; Tail calls between functions of different types, in a
                 ;; million rounds.
                 (func $one (export "one") (param i64) (result i64)
                   (if (result i64) (i64.eqz (local.get 0))
                     (then (i64.const 7))
                     (else (return_call $three (local.get 0) (i32.const 1) (f64.const 0.5)))))
                 (func $three (param i64 i32 f64) (result i64)
                   (return_call $one (i64.sub (local.get 0) (i64.extend_i32_u (local.get 1)))))
                 (func (export "to_host") (param i64) (result i64)
                   (return_call $add (local.get 0) (i64.const 1)))
                 (func (export "to_other") (param i64) (result i64)
                   (return_call $scale (local.get 0) (i64.const 3)))
                 (func (export "via_table") (param i64 i32) (result i64)
                   (return_call_indirect (type $two) (local.get 0) (i64.const 10) (local.get 1))))"#,
        )
        .unwrap();
        let mut store = Store::new(&engine, ());
        let mut linker = Linker::new(&engine);
        linker.func_wrap("host", "add", |a: i64, b: i64| a + b).unwrap();
        let other = linker.instantiate(&mut store, &callee).unwrap();
        linker.instance(&mut store, "other", other).unwrap();
        let instance = linker.instantiate(&mut store, &module).unwrap();
        let one = instance.get_typed_func::<i64, i64>(&store, "one").unwrap();
        // Between the interpreter and machine code too, where a tier mix
        // splits `one` and `three` (RFC 0008).
        let result = one.call(&mut store, DEPTH).map_err(|e| e.to_string());
        assert_eq!(result, Ok(7), "{name}");
        let to_host = instance.get_typed_func::<i64, i64>(&store, "to_host").unwrap();
        assert_eq!(to_host.call(&mut store, 41).unwrap(), 42, "{name}");
        let to_other = instance.get_typed_func::<i64, i64>(&store, "to_other").unwrap();
        assert_eq!(to_other.call(&mut store, 14).unwrap(), 42, "{name}");
        let via_table = instance.get_typed_func::<(i64, i32), i64>(&store, "via_table").unwrap();
        assert_eq!(via_table.call(&mut store, (32, 0)).unwrap(), 42, "{name}");
        assert_eq!(via_table.call(&mut store, (4, 1)).unwrap(), 40, "{name}");
        let err = via_table.call(&mut store, (4, 2)).unwrap_err();
        assert_eq!(err.as_trap().unwrap().code(), TrapCode::UndefinedElement, "{name}");
    }
}

#[test]
fn tail_calls_charge_the_same_fuel_on_every_tier() {
    let mut spent = Vec::new();
    for (name, mut config) in configs() {
        config.consume_fuel(true);
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(&engine, RECURSION).unwrap();
        let mut store = Store::new(&engine, ());
        store.set_fuel(1 << 40).unwrap();
        let instance = Linker::new(&engine).instantiate(&mut store, &module).unwrap();
        let even = instance.get_typed_func::<i64, i32>(&store, "even_indirect").unwrap();
        assert_eq!(even.call(&mut store, 10_000).unwrap(), 1, "{name}");
        spent.push((name, (1u64 << 40) - store.get_fuel().unwrap()));
    }
    let first = spent[0].1;
    assert!(first > 10_000, "{spent:?}");
    assert!(spent.iter().all(|&(_, f)| f == first), "{spent:?}");
}
