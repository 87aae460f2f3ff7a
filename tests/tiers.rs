//! Every tier behaves the same through the embedding API, and tiers mix in
//! one store: a Cranelift-compiled instance calls host functions and
//! interpreted functions and is called by them, traps cross those
//! boundaries with their backtraces, fuel is the same number on every tier,
//! and out-of-bounds accesses trap in both memory modes.

use concord::{Caller, Config, Engine, Func, Linker, Module, Store, Tier, TrapCode, Val};

/// A configuration per tier compiled in, and `auto` with the most eager
/// tier-up (every function compiled at its first call and every loop
/// entered through OSR, on the running thread) when it can tier up.
fn configs() -> Vec<Config> {
    let tiers = Engine::available_tiers();
    let mut configs: Vec<Config> = tiers
        .iter()
        .map(|&tier| {
            let mut config = Config::new();
            config.tier(tier);
            config
        })
        .collect();
    if tiers.contains(&Tier::Interp) && tiers.contains(&Tier::Cranelift) {
        let mut config = Config::new();
        config.tier(Tier::Auto);
        config.tier_up.threshold = 0;
        config.tier_up.threads = Some(0);
        configs.push(config);
    }
    configs
}

fn has_cranelift() -> bool {
    Engine::available_tiers().contains(&Tier::Cranelift)
}

#[test]
fn host_calls_in_both_directions_on_every_tier() {
    for config in configs() {
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(
            &engine,
            r#"(module
                (import "env" "twice" (func $twice (param i64) (result i64)))
                (import "env" "back" (func $back (param i32) (result i32)))
                (func (export "inc") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
                (func (export "run") (param i64) (result i64)
                  (i64.add (call $twice (local.get 0))
                           (i64.extend_i32_u (call $back (i32.const 41))))))"#,
        )
        .unwrap();
        let mut store = Store::new(&engine, None::<Func>);
        let mut linker = Linker::new(&engine);
        linker.func_wrap("env", "twice", |x: i64| x * 2).unwrap();
        linker
            .func_wrap(
                "env",
                "back",
                |mut caller: Caller<'_, Option<Func>>, x: i32| -> concord::Result<i32> {
                    // The host calls back into the instance that called it.
                    let inc = caller.data().unwrap();
                    let mut out = [Val::I32(0)];
                    inc.call(&mut caller, &[Val::I32(x)], &mut out)?;
                    Ok(out[0].i32().unwrap())
                },
            )
            .unwrap();
        let instance = linker.instantiate(&mut store, &module).unwrap();
        *store.data_mut() = Some(instance.get_func(&store, "inc").unwrap());
        let run = instance.get_typed_func::<i64, i64>(&store, "run").unwrap();
        assert_eq!(run.call(&mut store, 100).unwrap(), 242, "{:?}", config.tier);
    }
}

/// Instantiates `wat` prepared by `tier` in `store`, linking with `linker`,
/// and registers it under `name`.
fn add(
    engine: &Engine,
    store: &mut Store<()>,
    linker: &mut Linker<()>,
    tier: Tier,
    name: &str,
    wat: &str,
) -> concord::Instance {
    let module = engine.module_with_tier(wat, tier).unwrap_or_else(|e| panic!("{e}"));
    let instance = linker.instantiate(&mut *store, &module).unwrap();
    linker.instance(&mut *store, name, instance).unwrap();
    instance
}

#[test]
fn cranelift_and_interpreter_instances_call_each_other() {
    if !has_cranelift() || !Engine::available_tiers().contains(&Tier::Interp) {
        return;
    }
    for outer in [Tier::Cranelift, Tier::Interp] {
        let inner = if outer == Tier::Cranelift {
            Tier::Interp
        } else {
            Tier::Cranelift
        };
        let engine = Engine::new(&Config::new()).unwrap();
        let mut store = Store::new(&engine, ());
        let mut linker = Linker::new(&engine);
        // `b` (inner tier) provides functions, a table and a trap.
        add(
            &engine,
            &mut store,
            &mut linker,
            inner,
            "b",
            r#"(module
                (func $inc (export "inc") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
                (func $pair (export "pair") (param i32) (result i32 i64)
                  (local.get 0) (i64.extend_i32_s (i32.mul (local.get 0) (i32.const -3))))
                (func $boom (export "boom") (param i32) (result i32) unreachable)
                (table (export "t") 3 funcref)
                (elem (i32.const 0) $inc $boom $pair))"#,
        );
        // `a` (outer tier) calls `b` directly and through the shared table.
        let a = add(
            &engine,
            &mut store,
            &mut linker,
            outer,
            "a",
            r#"(module
                (type $i2i (func (param i32) (result i32)))
                (import "b" "inc" (func $inc (param i32) (result i32)))
                (import "b" "pair" (func $pair (param i32) (result i32 i64)))
                (import "b" "boom" (func $boom (param i32) (result i32)))
                (import "b" "t" (table 3 funcref))
                (func (export "direct") (param i32) (result i64) (local i64)
                  (call $pair (call $inc (local.get 0)))
                  (local.set 1)
                  (i64.extend_i32_s)
                  (i64.add (local.get 1)))
                (func (export "indirect") (param i32 i32) (result i32)
                  (call_indirect (type $i2i) (local.get 0) (local.get 1)))
                (func $middle (export "trap") (result i32) (call $boom (i32.const 0))))"#,
        );
        let direct = a.get_typed_func::<i32, i64>(&store, "direct").unwrap();
        // inc(10) = 11; pair(11) = (11, -33): 11 + (-33) as the i64 sum.
        assert_eq!(direct.call(&mut store, 10).unwrap(), -22, "{outer:?} -> {inner:?}");
        let indirect = a.get_typed_func::<(i32, i32), i32>(&store, "indirect").unwrap();
        assert_eq!(indirect.call(&mut store, (5, 0)).unwrap(), 6);
        let err = indirect.call(&mut store, (5, 2)).unwrap_err();
        assert_eq!(err.as_trap().unwrap().code(), TrapCode::IndirectCallTypeMismatch);
        let err = indirect.call(&mut store, (5, 3)).unwrap_err();
        assert_eq!(err.as_trap().unwrap().code(), TrapCode::UndefinedElement);
        let err = indirect.call(&mut store, (5, 1)).unwrap_err();
        assert_eq!(err.as_trap().unwrap().code(), TrapCode::Unreachable);
        // A trap in the inner tier carries both tiers' frames, innermost first.
        let trap = a.get_typed_func::<(), i32>(&store, "trap").unwrap();
        let err = trap.call(&mut store, ()).unwrap_err();
        let t = err.as_trap().unwrap();
        assert_eq!(t.code(), TrapCode::Unreachable);
        let names: Vec<_> = t
            .backtrace()
            .iter()
            .map(|f| f.func_name.clone().unwrap_or_default())
            .collect();
        assert_eq!(names, ["boom", "middle"], "{outer:?} -> {inner:?}: {err}");
        // The store is usable after every trap.
        assert_eq!(direct.call(&mut store, 0).unwrap(), -2);
    }
}

#[test]
fn traps_have_named_backtraces() {
    for config in configs() {
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(
            &engine,
            r#"(module (memory 1)
                (func $load (param i32) (result i32) (i32.load (local.get 0)))
                (func $div (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
                (func $conv (param f32) (result i32) (i32.trunc_f32_s (local.get 0)))
                (func $oob (export "oob") (result i32) (call $load (i32.const 65534)))
                (func $div0 (export "div0") (result i32) (call $div (i32.const 0)))
                (func $nan (export "nan") (result i32) (call $conv (f32.const nan)))
                (func $overflow (export "overflow") (result i32) (i32.div_s (i32.const 0x80000000) (i32.const -1))))"#,
        )
        .unwrap();
        let mut store = Store::new(&engine, ());
        let instance = Linker::new(&engine).instantiate(&mut store, &module).unwrap();
        for (export, code, frames) in [
            ("oob", TrapCode::MemoryOutOfBounds, &["load", "oob"][..]),
            ("div0", TrapCode::IntegerDivisionByZero, &["div", "div0"][..]),
            ("nan", TrapCode::BadConversionToInteger, &["conv", "nan"][..]),
            ("overflow", TrapCode::IntegerOverflow, &["overflow"][..]),
        ] {
            let f = instance.get_typed_func::<(), i32>(&store, export).unwrap();
            let err = f.call(&mut store, ()).unwrap_err();
            let trap = err.as_trap().unwrap();
            assert_eq!(trap.code(), code, "{:?} {export}", config.tier);
            let names: Vec<_> = trap
                .backtrace()
                .iter()
                .map(|f| f.func_name.clone().unwrap_or_default())
                .collect();
            assert_eq!(names, frames, "{:?} {export}: {err}", config.tier);
        }
    }
}

#[test]
fn out_of_bounds_accesses_trap_with_guard_pages_and_with_explicit_checks() {
    for mut config in configs() {
        for reservation in [6 << 30, 0] {
            config.memory_reservation = reservation;
            let engine = Engine::new(&config).unwrap();
            let module = Module::new(
                &engine,
                r#"(module (memory (export "m") 1 2)
                    (func (export "load") (param i32) (result i64) (i64.load (local.get 0)))
                    (func (export "load_far") (param i32) (result i32) (i32.load offset=0xfffffff0 (local.get 0)))
                    (func (export "store") (param i32) (i64.store (local.get 0) (i64.const -1)))
                    (func (export "grow") (result i32) (memory.grow (i32.const 1))))"#,
            )
            .unwrap();
            let mut store = Store::new(&engine, ());
            let instance = Linker::new(&engine).instantiate(&mut store, &module).unwrap();
            let load = instance.get_typed_func::<i32, i64>(&store, "load").unwrap();
            let load_far = instance.get_typed_func::<i32, i32>(&store, "load_far").unwrap();
            let st = instance.get_typed_func::<i32, ()>(&store, "store").unwrap();
            let grow = instance.get_typed_func::<(), i32>(&store, "grow").unwrap();
            let oob = |e: concord::Error| e.as_trap().map(|t| t.code()) == Some(TrapCode::MemoryOutOfBounds);
            assert_eq!(load.call(&mut store, 65528).unwrap(), 0);
            assert!(
                oob(load.call(&mut store, 65529).unwrap_err()),
                "{:?} {reservation}",
                config.tier
            );
            assert!(oob(load.call(&mut store, -1).unwrap_err()));
            assert!(oob(load_far.call(&mut store, 0x100).unwrap_err()));
            // A store straddling the end traps and writes nothing.
            assert!(oob(st.call(&mut store, 65532).unwrap_err()));
            assert_eq!(load.call(&mut store, 65528).unwrap(), 0);
            // After growth, the new page is accessible, the next one is not.
            assert_eq!(grow.call(&mut store, ()).unwrap(), 1);
            st.call(&mut store, 65532).unwrap();
            assert_eq!(load.call(&mut store, 65528).unwrap(), -1i64 << 32);
            assert!(oob(load.call(&mut store, 131065).unwrap_err()));
            assert_eq!(grow.call(&mut store, ()).unwrap(), -1);
        }
    }
}

#[test]
fn fuel_is_the_same_on_every_tier() {
    let wat = r#"(module
        (func $f (param i32) (result i32) (local i32)
          (block $out
            (loop $l
              (br_if $out (i32.eqz (local.get 0)))
              (local.set 1 (i32.add (local.get 1) (local.get 0)))
              (if (i32.and (local.get 0) (i32.const 1))
                (then (local.set 1 (i32.add (local.get 1) (call $g (local.get 0)))))
                (else nop))
              (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
              (br $l)))
          (local.get 1))
        (func $g (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
        (func (export "run") (param i32) (result i32) (call $f (local.get 0))))"#;
    let mut consumed = Vec::new();
    for mut config in configs() {
        config.consume_fuel(true);
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(&engine, wat).unwrap();
        let mut store = Store::new(&engine, ());
        let instance = Linker::new(&engine).instantiate(&mut store, &module).unwrap();
        let run = instance.get_typed_func::<i32, i32>(&store, "run").unwrap();
        store.set_fuel(1_000_000).unwrap();
        assert_eq!(run.call(&mut store, 100).unwrap(), 5050 + 3 * 2500);
        let used = 1_000_000 - store.get_fuel().unwrap();
        // One unit short traps with OutOfFuel, and charges nothing for the
        // block that did not run.
        store.set_fuel(used - 1).unwrap();
        let err = run.call(&mut store, 100).unwrap_err();
        assert_eq!(err.as_trap().unwrap().code(), TrapCode::OutOfFuel, "{:?}", config.tier);
        consumed.push((config.tier, used, store.get_fuel().unwrap()));
    }
    assert!(
        consumed.windows(2).all(|w| (w[0].1, w[0].2) == (w[1].1, w[1].2)),
        "fuel differs between tiers: {consumed:?}"
    );
}

/// A function with more results than the native convention has return
/// registers, called from the host and from Wasm (found by the
/// differential fuzzer: Cranelift refused to compile it).
#[test]
fn many_results_on_every_tier() {
    let results = (0..20).map(|i| format!("(i64.const {i})")).collect::<String>();
    let types = "i64 ".repeat(20);
    let wat = format!(
        r#"(module
            (func $many (export "many") (result {types}) {results})
            (func (export "sum") (result i64)
              (call $many)
              {adds}))"#,
        adds = "(i64.add)".repeat(19)
    );
    for config in configs() {
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(&engine, &wat).unwrap_or_else(|e| panic!("{:?}: {e}", config.tier));
        let mut store = Store::new(&engine, ());
        let instance = concord::Instance::new(&mut store, &module, &[]).unwrap();
        let many = instance.get_func(&store, "many").unwrap();
        let mut out = vec![Val::I64(-1); 20];
        many.call(&mut store, &[], &mut out).unwrap();
        assert_eq!(out, (0..20).map(Val::I64).collect::<Vec<_>>(), "{:?}", config.tier);
        let sum = instance.get_typed_func::<(), i64>(&store, "sum").unwrap();
        assert_eq!(sum.call(&mut store, ()).unwrap(), 190, "{:?}", config.tier);
    }
}

#[test]
fn a_host_panic_unwinds_to_the_embedder_and_leaves_the_store_usable() {
    // A panic in a host function must not unwind through Wasm frames: the
    // host function's entry catches it, Wasm returns through its trap path,
    // and the call that entered Wasm resumes the panic in the embedder.
    for config in configs() {
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(
            &engine,
            r#"(module
                (import "env" "maybe_panic" (func $p (param i32) (result i32)))
                (func (export "run") (param i32) (result i32)
                  (i32.add (call $p (local.get 0)) (i32.const 1))))"#,
        )
        .unwrap();
        let mut store = Store::new(&engine, ());
        let mut linker = Linker::new(&engine);
        linker
            .func_wrap("env", "maybe_panic", |x: i32| {
                if x == 13 {
                    panic!("unlucky {x}");
                }
                x * 2
            })
            .unwrap();
        let instance = linker.instantiate(&mut store, &module).unwrap();
        let run = instance.get_typed_func::<i32, i32>(&store, "run").unwrap();
        assert_eq!(run.call(&mut store, 4).unwrap(), 9);
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run.call(&mut store, 13)));
        let payload = caught.expect_err("the host panic reaches the embedder");
        let message = payload.downcast_ref::<String>().cloned().unwrap_or_default();
        assert_eq!(message, "unlucky 13", "{:?}", config.tier);
        // Nothing is left pending: the next calls run normally.
        assert_eq!(run.call(&mut store, 20).unwrap(), 41, "{:?}", config.tier);
        assert_eq!(run.call(&mut store, 0).unwrap(), 1, "{:?}", config.tier);
    }
}

/// A function's entry is swapped between tiers (RFC 0006) while two
/// instances of its module, and an instance of another tier importing it,
/// keep calling it: from its own module (interpreted and compiled callers),
/// through a table, and from the host. Every result stays correct, and
/// after the last swap every caller runs the new code.
#[test]
fn swapping_a_function_entry_under_running_callers() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
    if !has_cranelift() {
        return;
    }
    let mut config = Config::new();
    config.tier(Tier::Interp);
    let engine = Engine::new(&config).unwrap();
    // `f` is the function swapped; `loop` calls it directly and through a
    // table; `tier` tells whether its caller sees it interpreted.
    let callee_text = r#"(module
        (table 1 funcref) (elem (i32.const 0) $f)
        (type $t (func (param i32) (result i32)))
        (func $f (export "f") (param i32) (result i32)
          (i32.add (i32.mul (local.get 0) (i32.const 3)) (i32.const 1)))
        (func (export "loop") (param $n i32) (result i32) (local $acc i32)
          (loop $l
            (local.set $acc (i32.add (local.get $acc) (call $f (local.get $n))))
            (local.set $acc (i32.add (local.get $acc)
              (call_indirect (type $t) (local.get $n) (i32.const 0))))
            (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
          (local.get $acc)))"#;
    let module = Module::new(&engine, callee_text).unwrap();
    let f_index = 0;
    assert_eq!(module.function_tiers(), vec![Tier::Interp, Tier::Interp]);
    // The importer is compiled by Cranelift: it calls `f` through its entry.
    let importer = engine
        .module_with_tier(
            r#"(module (import "m" "f" (func $f (param i32) (result i32)))
                (func (export "loop") (param $n i32) (result i32) (local $acc i32)
                  (loop $l
                    (local.set $acc (i32.add (local.get $acc) (call $f (local.get $n))))
                    (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
                  (local.get $acc)))"#,
            Tier::Cranelift,
        )
        .unwrap();
    let mut store = Store::new(&engine, ());
    let a = Linker::new(&engine).instantiate(&mut store, &module).unwrap();
    let b = Linker::new(&engine).instantiate(&mut store, &module).unwrap();
    let mut linker = Linker::new(&engine);
    linker.instance(&mut store, "m", a).unwrap();
    let c = linker.instantiate(&mut store, &importer).unwrap();
    let f = |x: i32| 3 * x + 1;
    let expected = |n: i32, per: i32| (1..=n).map(|x| per * f(x)).sum::<i32>();
    let loop_a = a.get_typed_func::<i32, i32>(&store, "loop").unwrap();
    let loop_b = b.get_typed_func::<i32, i32>(&store, "loop").unwrap();
    let loop_c = c.get_typed_func::<i32, i32>(&store, "loop").unwrap();
    let f_b = b.get_typed_func::<i32, i32>(&store, "f").unwrap();

    // Swap `f` back and forth from another thread while this one calls.
    let stop = Arc::new(AtomicBool::new(false));
    let swaps = Arc::new(AtomicU32::new(0));
    let swapper = {
        let (module, stop, swaps) = (module.clone(), stop.clone(), swaps.clone());
        std::thread::spawn(move || {
            let mut tier = Tier::Cranelift;
            while !stop.load(Ordering::Relaxed) {
                module.set_function_tier(f_index, tier).unwrap();
                swaps.fetch_add(1, Ordering::Relaxed);
                tier = if tier == Tier::Cranelift {
                    Tier::Interp
                } else {
                    Tier::Cranelift
                };
            }
        })
    };
    let mut rounds = 0;
    while swaps.load(Ordering::Relaxed) < 300 || rounds < 300 {
        assert_eq!(loop_a.call(&mut store, 200).unwrap(), expected(200, 2));
        assert_eq!(loop_b.call(&mut store, 100).unwrap(), expected(100, 2));
        assert_eq!(loop_c.call(&mut store, 300).unwrap(), expected(300, 1));
        assert_eq!(f_b.call(&mut store, 7).unwrap(), 22);
        rounds += 1;
    }
    stop.store(true, Ordering::Relaxed);
    swapper.join().unwrap();

    // After a final swap to Cranelift, the shared entry has a native entry
    // point, seen through any instance's function reference.
    module.set_function_tier(f_index, Tier::Cranelift).unwrap();
    let raw = a.get_func(&store, "f").unwrap().to_raw(&store) as *const concord::core::vm::VmFuncRef;
    // SAFETY: a function's raw reference word is the address of its
    // `VmFuncRef`, alive as long as the store; its entry, as long as the
    // module.
    let compiled = unsafe { !(*(*raw).entry).wasm_call().is_null() };
    assert!(compiled, "after the swap, f has a native entry");
    assert_eq!(loop_a.call(&mut store, 50).unwrap(), expected(50, 2));
    assert_eq!(loop_c.call(&mut store, 50).unwrap(), expected(50, 1));
    // And back: the interpreter's entry has no native entry point.
    module.set_function_tier(f_index, Tier::Interp).unwrap();
    // SAFETY: as above.
    let interpreted = unsafe { (*(*raw).entry).wasm_call().is_null() };
    assert!(interpreted, "after the swap back, f is interpreted");
    assert_eq!(loop_b.call(&mut store, 50).unwrap(), expected(50, 2));
    assert_eq!(loop_c.call(&mut store, 50).unwrap(), expected(50, 1));
    // Bad requests are errors, not panics: no such function, and a tier
    // that compiles no code (`auto` has no backend in any build).
    assert!(module.set_function_tier(99, Tier::Cranelift).is_err());
    assert!(module.set_function_tier(1, Tier::Auto).is_err());
}

/// Under a tier mix, a module's functions run on different tiers and call
/// each other in every direction, with the same results, traps, backtraces
/// and fuel as on one tier.
#[test]
fn tier_mix_spreads_functions_and_agrees_with_one_tier() {
    if !has_cranelift() {
        return;
    }
    let text = r#"(module
        (func $a (param i32) (result i32) (if (result i32) (i32.eqz (local.get 0))
            (then (i32.const 0)) (else (i32.add (call $b (i32.sub (local.get 0) (i32.const 1))) (i32.const 1)))))
        (func $b (param i32) (result i32) (if (result i32) (i32.eqz (local.get 0))
            (then (i32.const 0)) (else (i32.add (call $c (i32.sub (local.get 0) (i32.const 1))) (i32.const 2)))))
        (func $c (param i32) (result i32) (if (result i32) (i32.eqz (local.get 0))
            (then (i32.const 0)) (else (i32.add (call $d (i32.sub (local.get 0) (i32.const 1))) (i32.const 3)))))
        (func $d (param i32) (result i32) (if (result i32) (i32.eqz (local.get 0))
            (then (unreachable)) (else (i32.add (call $a (i32.sub (local.get 0) (i32.const 1))) (i32.const 4)))))
        (export "a" (func $a)))"#;
    let run = |config: &Config| {
        let engine = Engine::new(config).unwrap();
        let module = Module::new(&engine, text).unwrap();
        let mut store = Store::new(&engine, ());
        store.set_fuel(1_000_000).unwrap();
        let instance = Linker::new(&engine).instantiate(&mut store, &module).unwrap();
        let a = instance.get_typed_func::<i32, i32>(&store, "a").unwrap();
        let ok = a.call(&mut store, 1001).unwrap();
        let fuel = store.get_fuel().unwrap();
        let trap = a.call(&mut store, 7).unwrap_err();
        let trap = trap.as_trap().expect("a trap").clone();
        let frames: Vec<u32> = trap.backtrace().iter().map(|f| f.func_index).collect();
        (module.function_tiers(), ok, fuel, trap.code(), frames)
    };
    let mut one = Config::new();
    one.consume_fuel(true);
    let (_, ok, fuel, code, frames) = run(&one);
    assert_eq!(code, TrapCode::Unreachable);
    assert_eq!(frames, [3, 2, 1, 0, 3, 2, 1, 0]);
    let mut seen_both = false;
    for seed in 0..8 {
        let mut mixed = one.clone();
        mixed.tier_mix(Some(seed));
        let (tiers, ok2, fuel2, code2, frames2) = run(&mixed);
        seen_both |= tiers.contains(&Tier::Interp) && tiers.contains(&Tier::Cranelift);
        assert_eq!(
            (ok2, fuel2, code2, &frames2),
            (ok, fuel, code, &frames),
            "seed {seed}: {tiers:?}"
        );
    }
    assert!(seen_both, "some seed mixes both tiers");
}

/// Lazy compilation on first call works for every tier, and eager
/// compilation too: each function's entry starts at the core's lazy entry
/// and is published on its first call (from the host, from another
/// function, through a table), with the same results and traps either way.
#[test]
fn lazy_and_eager_compilation_on_every_tier() {
    let text = r#"(module
        (table 2 funcref) (elem (i32.const 0) $sq $boom)
        (type $t (func (param i32) (result i32)))
        (func $sq (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
        (func $boom (param i32) (result i32) (unreachable))
        (func $direct (export "direct") (param i32) (result i32) (call $sq (local.get 0)))
        (func (export "indirect") (param i32 i32) (result i32)
          (call_indirect (type $t) (local.get 0) (local.get 1))))"#;
    for mut config in configs() {
        for lazy in [true, false] {
            config.lazy_compilation(lazy);
            let engine = Engine::new(&config).unwrap();
            let module = Module::new(&engine, text).unwrap();
            let mut store = Store::new(&engine, ());
            let instance = Linker::new(&engine).instantiate(&mut store, &module).unwrap();
            let lazy_entry = concord::core::vm::lazy_array_call() as usize;
            let entry_of = |store: &Store<()>, name: &str| {
                let raw = instance.get_func(store, name).unwrap().to_raw(store) as *const concord::core::vm::VmFuncRef;
                // SAFETY: a function's raw reference word is the address of
                // its `VmFuncRef`, alive with the store; its entry, with the
                // module.
                unsafe { (*(*raw).entry).array_call_addr() }
            };
            assert_eq!(
                entry_of(&store, "direct") == lazy_entry,
                lazy,
                "{:?} lazy={lazy}",
                config.tier
            );
            let direct = instance.get_typed_func::<i32, i32>(&store, "direct").unwrap();
            let indirect = instance.get_typed_func::<(i32, i32), i32>(&store, "indirect").unwrap();
            assert_eq!(direct.call(&mut store, 7).unwrap(), 49);
            assert_ne!(entry_of(&store, "direct"), lazy_entry, "published after the first call");
            assert_eq!(indirect.call(&mut store, (9, 0)).unwrap(), 81);
            let trap = indirect.call(&mut store, (9, 1)).unwrap_err();
            assert_eq!(
                trap.as_trap().unwrap().code(),
                TrapCode::Unreachable,
                "{:?} lazy={lazy}",
                config.tier
            );
        }
    }
}

/// `v128` values across every boundary a tier handles (`wast/simd_boundaries.wast`):
/// both calling conventions (more than eight vector parameters or results),
/// globals, zeroed locals, block parameters, branches, `select`, register
/// pressure, and the SIMD memory operators on two memories, in both memory
/// modes, on every tier and with tier mixes.
#[test]
fn v128_values_cross_calls_blocks_and_memories() {
    use concord_cli::wast::{WastOptions, run_wast};
    let text = include_str!("wast/simd_boundaries.wast");
    let mut configs = configs();
    for seed in 1..=4 {
        let mut config = Config::new();
        config.tier_mix(Some(seed));
        configs.push(config);
    }
    for mut config in configs {
        config.wasm_feature("multi-memory", true).unwrap();
        for reservation in [6 << 30, 0] {
            config.memory_reservation = reservation;
            let options = WastOptions {
                config: config.clone(),
                print: false,
            };
            let summary = run_wast(&options, "simd_boundaries.wast", text);
            assert!(
                summary.failed == 0 && summary.passed > 0,
                "{:?} {reservation}: {:?}",
                config.tier,
                summary.failures
            );
        }
    }
}

/// Every tier compiled in, eagerly and lazily compiled, with exception
/// handling on.
fn exception_configs() -> Vec<Config> {
    let mut configs = Vec::new();
    for &tier in Engine::available_tiers() {
        for lazy in [false, true] {
            let mut config = Config::new();
            config.tier(tier);
            config.lazy_compilation(lazy);
            configs.push(config);
        }
    }
    for config in &mut configs {
        for feature in ["exceptions", "tail-call", "function-references"] {
            config.wasm_feature(feature, true).unwrap();
        }
    }
    configs
}

/// Exceptions through handlers and calls (`wast/exceptions-jit.wast`), in both
/// memory modes, eagerly and lazily compiled.
#[test]
fn exceptions_cross_calls_and_handlers() {
    use concord_cli::wast::{WastOptions, run_wast};
    let text = include_str!("wast/exceptions-jit.wast");
    for mut config in exception_configs() {
        for reservation in [6 << 30, 0] {
            config.memory_reservation = reservation;
            let options = WastOptions {
                config: config.clone(),
                print: false,
            };
            let summary = run_wast(&options, "exceptions-jit.wast", text);
            assert!(
                summary.failed == 0 && summary.passed > 0,
                "{:?} lazy={:?} {reservation}: {:?}",
                config.tier,
                config.lazy_compilation,
                summary.failures
            );
        }
    }
}

/// A host function's exception is caught by a `try_table` or passes
/// through one that does not match it; a Wasm exception reaches the host
/// with its tag and payload; a handler's label starts a fuel block.
#[test]
fn exceptions_cross_the_host_boundary() {
    use concord::{Error, ExnRef, FuncType, Tag, ValType};
    for mut config in exception_configs() {
        config.consume_fuel(true);
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(
            &engine,
            r#"(module
                (import "env" "tag" (tag $t (param i32)))
                (import "env" "host" (func $host (param i32) (result i32)))
                (tag $other (param i32))
                (func (export "catch_host") (param i32) (result i32)
                  (block $h (result i32)
                    (try_table (result i32) (catch $t $h)
                      (call $host (local.get 0)))))
                (func (export "pass_through") (param i32) (result i32)
                  (block $h (result i32)
                    (try_table (result i32) (catch $other $h)
                      (call $host (local.get 0)))))
                (func (export "throw_out") (param i32)
                  (throw $t (local.get 0)))
                (func (export "fuel") (result i32)
                  (block $h (result i32)
                    (try_table (result i32) (catch $t $h)
                      (throw $t (i32.const 5))))
                  (i32.const 1)
                  (i32.add)))"#,
        )
        .unwrap();
        let mut store = Store::new(&engine, None::<Tag>);
        let tag = Tag::new(&mut store, &FuncType::new([ValType::I32], [])).unwrap();
        *store.data_mut() = Some(tag);
        let mut linker = Linker::new(&engine);
        linker.define("env", "tag", tag).unwrap();
        linker
            .func_wrap(
                "env",
                "host",
                |mut caller: Caller<'_, Option<Tag>>, x: i32| -> concord::Result<i32> {
                    if x != 0 {
                        return Ok(x);
                    }
                    let tag = caller.data().unwrap();
                    let exn = ExnRef::new(&mut caller, &tag, &[Val::I32(77)])?;
                    Err(Error::exception(exn))
                },
            )
            .unwrap();
        let instance = linker.instantiate(&mut store, &module).unwrap();
        store.set_fuel(1000).unwrap();
        let catch_host = instance.get_typed_func::<i32, i32>(&store, "catch_host").unwrap();
        assert_eq!(catch_host.call(&mut store, 3).unwrap(), 3);
        assert_eq!(catch_host.call(&mut store, 0).unwrap(), 77);
        let pass = instance.get_typed_func::<i32, i32>(&store, "pass_through").unwrap();
        let e = pass.call(&mut store, 0).unwrap_err();
        let exn = e.as_exception().unwrap_or_else(|| panic!("{e}"));
        assert_eq!(exn.payload(&store)[0].i32(), Some(77));
        let throw = instance.get_typed_func::<i32, ()>(&store, "throw_out").unwrap();
        let e = throw.call(&mut store, 9).unwrap_err();
        let exn = e.as_exception().unwrap_or_else(|| panic!("{e}"));
        assert_eq!(exn.payload(&store)[0].i32(), Some(9));
        assert!(exn.tag(&store) == tag);
        // After all that, a caught exception, then the handler's block.
        let fuel = instance.get_typed_func::<(), i32>(&store, "fuel").unwrap();
        store.set_fuel(1000).unwrap();
        assert_eq!(fuel.call(&mut store, ()).unwrap(), 6);
        // `i32.const` and `throw`, then `i32.const` and `i32.add`.
        assert_eq!(store.get_fuel().unwrap(), 996, "{:?}", config.tier);
    }
}

/// JIT code with a `try_table` called from the other tiers (through its
/// entries), catching a host function's exception.
#[test]
fn exceptions_handled_in_jit_code_called_from_other_tiers() {
    use concord::{Error, ExnRef, FuncType, Tag, ValType};
    if !Engine::available_tiers().contains(&Tier::Jit) {
        return;
    }
    for config in exception_configs() {
        for outer in Engine::available_tiers().iter().copied().filter(|&t| t != Tier::Jit) {
            let engine = Engine::new(&config).unwrap();
            let mut store = Store::new(&engine, ());
            let tag = Tag::new(&mut store, &FuncType::new([ValType::I32], [])).unwrap();
            let mut linker = Linker::new(&engine);
            linker.define("env", "tag", tag).unwrap();
            linker
                .func_wrap(
                    "env",
                    "host",
                    move |mut caller: Caller<'_, ()>, x: i32| -> concord::Result<i32> {
                        if x != 0 {
                            return Ok(x);
                        }
                        let exn = ExnRef::new(&mut caller, &tag, &[Val::I32(77)])?;
                        Err(Error::exception(exn))
                    },
                )
                .unwrap();
            add(
                &engine,
                &mut store,
                &mut linker,
                Tier::Jit,
                "b",
                r#"(module
                    (import "env" "tag" (tag $t (param i32)))
                    (import "env" "host" (func $host (param i32) (result i32)))
                    (func (export "catcher") (param i32) (result i32)
                      (block $h (result i32)
                        (try_table (result i32) (catch $t $h)
                          (call $host (local.get 0))))))"#,
            );
            let a = add(
                &engine,
                &mut store,
                &mut linker,
                outer,
                "a",
                r#"(module
                    (import "b" "catcher" (func $c (param i32) (result i32)))
                    (func (export "run") (param i32) (result i32)
                      (i32.add (call $c (local.get 0)) (i32.const 1))))"#,
            );
            let run = a.get_typed_func::<i32, i32>(&store, "run").unwrap();
            assert_eq!(run.call(&mut store, 5).unwrap(), 6, "{outer:?}");
            assert_eq!(run.call(&mut store, 0).unwrap(), 78, "{outer:?}");
        }
    }
}
