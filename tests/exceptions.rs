//! Exception handling (`throw`, `throw_ref`, `try_table`) on every tier, in
//! tier mixes and under tier-up: exceptions cross frames, instances, tiers
//! and host functions; the host throws and catches them through the
//! embedding API (`ExnRef`, `Error::exception`, `Trap::exception`); an
//! uncaught exception reaches the host as a trap that shows its payload;
//! and every tier charges the same fuel.

mod common;

use concord::{
    Config, Engine, Error, ExnRef, Extern, Func, FuncType, Instance, Linker, Module, Store, Tag, TierUpPath, TrapCode,
    Val, ValType,
};

/// The configurations of the tests below.
fn configs() -> Vec<(String, Config)> {
    all_configs()
}

/// Every tier compiled in; each tier mix; `auto` tiering up at once and
/// after 100 units of budget, on the running thread.
fn all_configs() -> Vec<(String, Config)> {
    let mut configs = common::tier_configs(
        &[1, 2, 3, 4],
        &[
            (0, TierUpPath::Cranelift),
            (100, TierUpPath::Cranelift),
            (100, TierUpPath::JitThenCranelift),
        ],
    );
    for (_, config) in &mut configs {
        config.wasm_feature("exceptions", true).unwrap();
        config.wasm_feature("tail-call", true).unwrap();
    }
    configs
}

/// Throwing and catching within Wasm: across frames (a deep recursion
/// throws at its bottom), with every kind of clause, rethrowing with
/// `throw_ref`, through `call_indirect` and past a tail call.
const GUEST: &str = r#"(module
  (tag $e (export "e") (param i32))
  (tag $f (param i64 f64))
  (tag $empty)
  (type $v_i (func (param i32)))
  (table 1 funcref)
  (elem (i32.const 0) $thrower)

  (func $thrower (param i32)
    (if (local.get 0) (then (throw $e (local.get 0)))))

  ;; Recurses `depth` times, then throws `depth`-independent payload 7.
  (func $deep (param $depth i32) (result i32)
    (if (i32.eqz (local.get $depth)) (then (throw $e (i32.const 7))))
    (i32.add (call $deep (i32.sub (local.get $depth) (i32.const 1))) (i32.const 1)))

  ;; `catch`: the payload, plus 1000; -1 when nothing was thrown.
  (func (export "catch") (param i32) (result i32)
    (block $h (result i32)
      (try_table (catch $e $h) (call $thrower (local.get 0)))
      (return (i32.const -1)))
    (i32.add (i32.const 1000)))

  (func (export "deep") (param i32) (result i32)
    (block $h (result i32)
      (try_table (result i32) (catch $e $h) (call $deep (local.get 0)))
      (return))
    (i32.add (i32.const 2000)))

  ;; Through `call_indirect`, caught by `catch_all`.
  (func (export "indirect") (param i32) (result i32)
    (block $h
      (try_table (catch_all $h) (call_indirect (type $v_i) (local.get 0) (i32.const 0)))
      (return (i32.const 0)))
    (i32.const 1))

  ;; The inner handler takes the exception with `catch_ref` and rethrows it
  ;; with `throw_ref`; the outer one gets the payload and the reference.
  (func (export "rethrow") (param i32) (result i32)
    (local $exn exnref)
    (block $outer (result i32 exnref)
      (try_table (catch_ref $e $outer)
        (block $inner (result i32 exnref)
          (try_table (catch_ref $e $inner) (call $thrower (local.get 0)))
          (return (i32.const -1)))
        (local.set $exn)
        (drop)
        (throw_ref (local.get $exn)))
      (unreachable))
    (local.set $exn)
    (i32.add (i32.const 3000)))

  ;; Tags are told apart; a clause for another tag does not catch.
  (func (export "other_tag") (param i64) (result f64)
    (local $x f64)
    (block $h (result i64 f64)
      (block $wrong (result i32)
        (try_table (catch $e $wrong) (catch $f $h) (throw $f (local.get 0) (f64.const 2.5)))
        (unreachable))
      (drop)
      (return (f64.const -1)))
    (local.set $x)
    (drop)
    (f64.add (local.get $x) (f64.const 0.5)))

  ;; A handler for the function's label returns the payload.
  (func (export "to_return") (result i32)
    (try_table (catch $e 0) (call $thrower (i32.const 9)))
    (i32.const -1))

  ;; A tail call leaves the frame first: its callee's exception is not
  ;; caught by the caller's handler.
  (func (export "tail") (param i32)
    (block $h
      (try_table (catch_all $h) (return_call $thrower (local.get 0))))
    (unreachable))

  ;; A catch in a loop, many times: the sum of the payloads.
  (func (export "loop") (param $n i32) (result i32)
    (local $sum i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (block $h (result i32)
          (try_table (catch $e $h) (call $thrower (local.get $n)))
          (i32.const 0))
        (local.set $sum (i32.add (local.get $sum)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $sum))

  (func (export "uncaught") (param i32) (call $thrower (local.get 0)))
  (func (export "empty") (throw $empty))
)"#;

fn call(
    store: &mut Store<()>,
    instance: &Instance,
    name: &str,
    args: &[Val],
    results: usize,
) -> concord::Result<Vec<Val>> {
    let f = instance
        .get_func(&*store, name)
        .unwrap_or_else(|| panic!("no export {name}"));
    let mut out = vec![Val::I32(0); results];
    f.call(&mut *store, args, &mut out)?;
    Ok(out)
}

fn i32_of(vals: &[Val]) -> i32 {
    match vals[0] {
        Val::I32(x) => x,
        ref v => panic!("expected an i32, got {v:?}"),
    }
}

#[test]
fn guests_throw_and_catch_on_every_tier() {
    for (name, config) in configs() {
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(&engine, GUEST).unwrap();
        let mut store = Store::new(&engine, ());
        let instance = Instance::new(&mut store, &module, &[]).unwrap_or_else(|e| panic!("{name}: {e}"));
        let s = &mut store;
        let r = |s: &mut Store<()>, f: &str, args: &[Val]| -> i32 {
            i32_of(&call(s, &instance, f, args, 1).unwrap_or_else(|e| panic!("{name}: {f}: {e}")))
        };
        assert_eq!(r(s, "catch", &[Val::I32(5)]), 1005, "{name}");
        assert_eq!(r(s, "catch", &[Val::I32(0)]), -1, "{name}");
        assert_eq!(r(s, "deep", &[Val::I32(100)]), 2007, "{name}");
        assert_eq!(r(s, "indirect", &[Val::I32(1)]), 1, "{name}");
        assert_eq!(r(s, "indirect", &[Val::I32(0)]), 0, "{name}");
        assert_eq!(r(s, "rethrow", &[Val::I32(4)]), 3004, "{name}");
        assert_eq!(r(s, "rethrow", &[Val::I32(0)]), -1, "{name}");
        assert_eq!(r(s, "to_return", &[]), 9, "{name}");
        assert_eq!(r(s, "loop", &[Val::I32(300)]), 300 * 301 / 2, "{name}");
        let v = call(s, &instance, "other_tag", &[Val::I64(1)], 1).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(matches!(v[0], Val::F64(b) if f64::from_bits(b) == 3.0), "{name}: {v:?}");

        // The tail-called thrower's exception passes the caller's handler.
        let err = call(s, &instance, "tail", &[Val::I32(3)], 0).expect_err(&name);
        assert_eq!(
            err.as_trap().map(|t| t.code()),
            Some(TrapCode::UncaughtException),
            "{name}: {err}"
        );

        // Uncaught: the host gets the exception, its tag and payload.
        let err = call(s, &instance, "uncaught", &[Val::I32(42)], 0).expect_err(&name);
        let trap = err.as_trap().unwrap_or_else(|| panic!("{name}: not a trap: {err}"));
        assert_eq!(trap.code(), TrapCode::UncaughtException, "{name}");
        let text = trap.to_string();
        assert!(
            text.starts_with("uncaught exception: payload [i32:42]"),
            "{name}: {text}"
        );
        assert!(!trap.backtrace().is_empty(), "{name}: no backtrace");
        let exn = err.as_exception().expect("the exception");
        assert_eq!(exn.payload(&*s), vec![Val::I32(42)], "{name}");
        let Some(Extern::Tag(e)) = instance.get_export(&*s, "e") else {
            panic!("{name}: no tag export")
        };
        assert_eq!(exn.tag(&*s), e, "{name}");
        let err = call(s, &instance, "empty", &[], 0).expect_err(&name);
        assert_eq!(
            err.as_trap().map(|t| t.code()),
            Some(TrapCode::UncaughtException),
            "{name}"
        );
        assert_eq!(err.as_exception().map(|x| x.payload(&*s)), Some(vec![]), "{name}");

        // The store is usable after all that.
        assert_eq!(r(s, "catch", &[Val::I32(1)]), 1001, "{name}");
    }
}

/// A host function throws an exception of a host-made tag that Wasm
/// imports; Wasm catches it. A host function calls Wasm that throws,
/// sees the exception, and throws it on; the outer Wasm catches it.
const HOST_GUEST: &str = r#"(module
  (import "host" "tag" (tag $t (param i32 i64)))
  (import "host" "throw" (func $host_throw (param i32)))
  (import "host" "relay" (func $relay (param i32)))
  (export "t" (tag $t))

  (func (export "catch_host") (param i32) (result i64)
    (local $b i64)
    (block $h (result i32 i64)
      (try_table (catch $t $h) (call $host_throw (local.get 0)))
      (return (i64.const -1)))
    (local.set $b)
    (i64.extend_i32_u)
    (i64.add (local.get $b)))

  (func (export "inner") (param i32)
    (throw $t (local.get 0) (i64.const 100)))

  (func (export "catch_relayed") (param i32) (result i32)
    (block $h (result exnref)
      (try_table (catch_all_ref $h) (call $relay (local.get 0)))
      (return (i32.const -1)))
    (drop)
    (i32.const 1))
)"#;

#[test]
fn host_functions_throw_and_catch_exceptions() {
    for (name, config) in configs() {
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(&engine, HOST_GUEST).unwrap();
        let mut store = Store::new(&engine, ());
        let tag = Tag::new(&mut store, &FuncType::new([ValType::I32, ValType::I64], [])).unwrap();
        let throw = Func::new(
            &mut store,
            FuncType::new([ValType::I32], []),
            move |mut caller, params, _| {
                let Val::I32(x) = params[0] else { unreachable!() };
                let exn = ExnRef::new(&mut caller, &tag, &[Val::I32(x), Val::I64(10 * x as i64)])?;
                Err(Error::exception(exn))
            },
        );
        let relay = Func::new(
            &mut store,
            FuncType::new([ValType::I32], []),
            move |mut caller, params, _| {
                let inner = caller
                    .get_export("inner")
                    .and_then(|e| match e {
                        Extern::Func(f) => Some(f),
                        _ => None,
                    })
                    .expect("inner");
                let err = inner.call(&mut caller, params, &mut []).expect_err("inner throws");
                let exn = err.as_exception().expect("an exception");
                assert_eq!(exn.payload(&caller)[1], Val::I64(100));
                Err(Error::exception(exn))
            },
        );
        let mut linker = Linker::new(&engine);
        linker.define("host", "tag", tag).unwrap();
        linker.define("host", "throw", throw).unwrap();
        linker.define("host", "relay", relay).unwrap();
        let instance = linker
            .instantiate(&mut store, &module)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let v = call(&mut store, &instance, "catch_host", &[Val::I32(3)], 1).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(v[0], Val::I64(33), "{name}");
        let v =
            call(&mut store, &instance, "catch_relayed", &[Val::I32(3)], 1).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(v[0], Val::I32(1), "{name}");
        let Some(Extern::Tag(t)) = instance.get_export(&store, "t") else {
            panic!("{name}: no tag export")
        };
        assert_eq!(t, tag, "{name}: an imported tag is the same tag");
        // A payload of the wrong types is refused.
        assert!(ExnRef::new(&mut store, &tag, &[Val::I32(1)]).is_err(), "{name}");
    }
}

/// Every tier charges the same fuel for a run that throws and catches.
#[test]
fn exceptions_cost_the_same_fuel_on_every_tier() {
    let mut consumed = Vec::new();
    for (name, mut config) in configs() {
        config.consume_fuel(true);
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(&engine, GUEST).unwrap();
        let mut store = Store::new(&engine, ());
        store.set_fuel(1_000_000).unwrap();
        let instance = Instance::new(&mut store, &module, &[]).unwrap();
        call(&mut store, &instance, "loop", &[Val::I32(50)], 1).unwrap_or_else(|e| panic!("{name}: {e}"));
        call(&mut store, &instance, "rethrow", &[Val::I32(2)], 1).unwrap_or_else(|e| panic!("{name}: {e}"));
        call(&mut store, &instance, "deep", &[Val::I32(20)], 1).unwrap_or_else(|e| panic!("{name}: {e}"));
        consumed.push((name, 1_000_000 - store.get_fuel().unwrap()));
    }
    let (first, fuel) = &consumed[0];
    assert!(*fuel > 0);
    for (name, f) in &consumed {
        assert_eq!(f, fuel, "{name} used {f} fuel, {first} {fuel}");
    }
}
