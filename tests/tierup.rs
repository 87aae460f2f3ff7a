//! Tier-up (`Tier::Auto`, RFC 0007): hot functions move to Cranelift and
//! frames stuck in a loop continue there (on-stack replacement), with the
//! same results, traps, backtraces and fuel as the interpreter, whatever the
//! moment; a dropped engine stops its compiler threads.

use concord::{Config, Engine, Instance, Linker, Module, Store, Tier, TierUpPath, TrapCode};

fn has_tier_up() -> bool {
    let tiers = Engine::available_tiers();
    tiers.contains(&Tier::Interp) && tiers.contains(&Tier::Cranelift)
}

/// `auto` with `threshold` and `threads` background threads (0: compile on
/// the running thread, so tier-up happens at a deterministic point).
fn auto(threshold: u32, threads: usize) -> Config {
    let mut config = Config::new();
    config.tier(Tier::Auto);
    config.tier_up.threshold = threshold;
    config.tier_up.threads = Some(threads);
    config
}

/// An instance of `wat` in a new store of a new engine for `config`.
fn instantiate(config: &Config, wat: &str) -> (Module, Store<()>, Instance) {
    let engine = Engine::new(config).unwrap();
    let module = Module::new(&engine, wat).unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Linker::new(&engine).instantiate(&mut store, &module).unwrap();
    (module, store, instance)
}

const LOOPS: &str = r#"(module
  (func $sum (export "sum") (param $n i64) (result i64)
    (local $i i64) (local $acc i64)
    (loop $l
      (local.set $acc (i64.add (local.get $acc) (i64.mul (local.get $i) (local.get $i))))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br_if $l (i64.lt_u (local.get $i) (local.get $n))))
    (local.get $acc))
  ;; A loop with parameters and a result, entered with an empty stack.
  (func $params (export "params") (param $n i32) (result i64)
    (local $a i64)
    (i64.const 0) (i64.const 1)
    (loop $l (param i64 i64) (result i64)
      (local.set $a)
      (i64.add (local.get $a))
      (local.get $a)
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (i32.gt_s (local.get $n) (i32.const 0)))
      (drop))
    )
  (func $inner (param $i i32)
    (if (i32.eq (local.get $i) (i32.const 5000)) (then unreachable)))
  (func $trap_in_loop (export "trap_in_loop")
    (local $i i32)
    (loop $l
      (call $inner (local.get $i))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l))))"#;

fn sum_reference(n: u64) -> u64 {
    (0..n).fold(0u64, |acc, i| acc.wrapping_add(i.wrapping_mul(i)))
}

#[test]
fn a_long_loop_continues_in_compiled_code() {
    if !has_tier_up() {
        return;
    }
    // On the running thread at once, and mid-loop at a fixed iteration.
    for threshold in [0, 1, 1000] {
        let (module, mut store, instance) = instantiate(&auto(threshold, 0), LOOPS);
        let sum = instance.get_typed_func::<i64, i64>(&store, "sum").unwrap();
        assert_eq!(sum.call(&mut store, 100_000).unwrap() as u64, sum_reference(100_000));
        let stats = module.tier_up_stats();
        assert_eq!(stats.osr_entries, 1, "threshold {threshold}: {stats:?}");
        assert_eq!(stats.osr_compiled, 1, "threshold {threshold}: {stats:?}");
        assert_eq!(stats.failures, 0, "threshold {threshold}: {stats:?}");
    }
}

#[test]
fn a_loop_in_the_only_call_of_main_moves_in_the_background() {
    if !has_tier_up() {
        return;
    }
    // The default policy with a background thread: a single call that would
    // take the interpreter seconds must enter compiled code while it runs.
    let (module, mut store, instance) = instantiate(&auto(Config::new().tier_up.threshold, 1), LOOPS);
    let sum = instance.get_typed_func::<i64, i64>(&store, "sum").unwrap();
    let n = 400_000_000;
    assert_eq!(sum.call(&mut store, n as i64).unwrap() as u64, sum_reference(n));
    let stats = module.tier_up_stats();
    assert_eq!(stats.osr_entries, 1, "{stats:?}");
}

#[test]
fn loop_parameters_are_carried_into_compiled_code() {
    if !has_tier_up() {
        return;
    }
    let fib = |config: &Config| {
        let (module, mut store, instance) = instantiate(config, LOOPS);
        let fib = instance.get_typed_func::<i32, i64>(&store, "params").unwrap();
        (fib.call(&mut store, 90).unwrap(), module.tier_up_stats())
    };
    let mut interp = Config::new();
    interp.tier(Tier::Interp);
    let (expected, _) = fib(&interp);
    // (x, y) -> (x + y, y) from (0, 1), ninety times; then x.
    assert_eq!(expected, 90);
    for threshold in [0, 7, 50] {
        let (got, stats) = fib(&auto(threshold, 0));
        assert_eq!(got, expected, "threshold {threshold}");
        assert_eq!(stats.osr_entries, 1, "threshold {threshold}: {stats:?}");
    }
}

#[test]
fn traps_after_osr_have_the_interpreters_backtrace() {
    if !has_tier_up() {
        return;
    }
    let run = |config: &Config| {
        let (module, mut store, instance) = instantiate(config, LOOPS);
        let f = instance.get_typed_func::<(), ()>(&store, "trap_in_loop").unwrap();
        let err = f.call(&mut store, ()).unwrap_err();
        let trap = err.as_trap().unwrap();
        let names: Vec<String> = trap
            .backtrace()
            .iter()
            .map(|f| f.func_name.clone().unwrap_or_default())
            .collect();
        (trap.code(), names, module.tier_up_stats())
    };
    let mut interp = Config::new();
    interp.tier(Tier::Interp);
    let (code, names, _) = run(&interp);
    assert_eq!(code, TrapCode::Unreachable);
    assert_eq!(names, ["inner", "trap_in_loop"]);
    for threshold in [0, 100] {
        let (c, n, stats) = run(&auto(threshold, 0));
        assert_eq!((c, &n), (code, &names), "threshold {threshold}");
        assert_eq!(stats.osr_entries, 1, "threshold {threshold}: {stats:?}");
    }
}

#[test]
fn fuel_is_the_same_whatever_the_moment_of_tier_up() {
    if !has_tier_up() {
        return;
    }
    let consumed = |mut config: Config, fuel: u64| {
        config.consume_fuel(true);
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(&engine, LOOPS).unwrap();
        let mut store = Store::new(&engine, ());
        store.set_fuel(fuel).unwrap();
        let instance = Linker::new(&engine).instantiate(&mut store, &module).unwrap();
        let sum = instance.get_typed_func::<i64, i64>(&store, "sum").unwrap();
        let result = sum.call(&mut store, 10_000).map_err(|e| e.as_trap().map(|t| t.code()));
        (result, store.get_fuel().unwrap())
    };
    let mut interp = Config::new();
    interp.tier(Tier::Interp);
    for fuel in [1_000_000, 54_321] {
        let expected = consumed(interp.clone(), fuel);
        for threshold in [0, 1, 100, 5000] {
            assert_eq!(
                consumed(auto(threshold, 0), fuel),
                expected,
                "fuel {fuel}, threshold {threshold}"
            );
        }
    }
    // Running out of fuel mid-loop traps the same way.
    let (result, left) = consumed(interp.clone(), 54_321);
    assert_eq!(result, Err(Some(TrapCode::OutOfFuel)));
    assert!(left < 54_321);
}

#[test]
fn a_function_is_swapped_while_another_instance_calls_it() {
    if !has_tier_up() {
        return;
    }
    let callee = r#"(module
      (func (export "step") (param i64) (result i64)
        (i64.add (i64.mul (local.get 0) (i64.const 3)) (i64.const 1))))"#;
    let caller = r#"(module
      (import "callee" "step" (func $step (param i64) (result i64)))
      (func (export "run") (param $n i32) (result i64)
        (local $x i64)
        (loop $l
          (local.set $x (i64.and (call $step (local.get $x)) (i64.const 0xffffffff)))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br_if $l (local.get $n)))
        (local.get $x)))"#;
    let expected = (0..100_000).fold(0u64, |x, _| (x * 3 + 1) & 0xffff_ffff);
    // OSR off, so only the callee's entry can change under the caller's
    // running frame; threshold 10: the swap happens after ten calls.
    let mut config = auto(10, 0);
    config.tier_up.osr = false;
    config.tier_up.path = TierUpPath::Cranelift;
    let engine = Engine::new(&config).unwrap();
    let callee = Module::new(&engine, callee).unwrap();
    let caller_module = Module::new(&engine, caller).unwrap();
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    let callee_instance = linker.instantiate(&mut store, &callee).unwrap();
    linker.instance(&mut store, "callee", callee_instance).unwrap();
    let instance = linker.instantiate(&mut store, &caller_module).unwrap();
    let run = instance.get_typed_func::<i32, i64>(&store, "run").unwrap();
    assert_eq!(run.call(&mut store, 100_000).unwrap() as u64, expected);
    assert_eq!(callee.tier_up_stats().functions, 1, "{:?}", callee.tier_up_stats());
    assert_eq!(caller_module.tier_up_stats().osr_entries, 0);
}

/// The names of this process's threads.
fn thread_names() -> Vec<String> {
    std::fs::read_dir("/proc/self/task")
        .map(|d| {
            d.flatten()
                .filter_map(|t| std::fs::read_to_string(t.path().join("comm")).ok())
                .map(|s| s.trim().to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn dropping_the_engine_with_compilations_pending_stops_its_threads() {
    if !has_tier_up() || !std::path::Path::new("/proc/self/task").exists() {
        return;
    }
    // Many functions, each hot at its first call, queued at once.
    let mut wat = String::from("(module");
    for i in 0..200 {
        wat.push_str(&format!(
            "(func (export \"f{i}\") (result i32) (local i32) (loop (local.set 0 (i32.add (local.get 0) (i32.const {}))) (br_if 0 (i32.lt_u (local.get 0) (i32.const 1000)))) (local.get 0))",
            i + 1
        ));
    }
    wat.push(')');
    let name = "concord-tier-u"; // thread names are cut at 15 bytes
    let before = thread_names().iter().filter(|n| n.starts_with(name)).count();
    for _ in 0..3 {
        let (module, mut store, instance) = instantiate(&auto(0, 2), &wat);
        for i in 0..200 {
            let f = instance.get_typed_func::<(), i32>(&store, &format!("f{i}")).unwrap();
            assert!(f.call(&mut store, ()).unwrap() >= 1000);
        }
        // The store and the module hold the engine.
        drop(store);
        drop(module);
    }
    // Each thread exits after its current job once the engine is dropped;
    // give them that moment.
    let mut after = usize::MAX;
    for _ in 0..100 {
        after = thread_names().iter().filter(|n| n.starts_with(name)).count();
        if after <= before {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(after <= before, "{after} tier-up threads left, {before} before");
}

#[test]
fn hot_functions_move_through_the_jit_to_cranelift() {
    let tiers = Engine::available_tiers();
    if !has_tier_up() || !tiers.contains(&Tier::Jit) {
        return;
    }
    let wat = r#"(module
      (func $step (param i64) (result i64)
        (i64.add (i64.mul (local.get 0) (i64.const 3)) (i64.const 1)))
      (func (export "run") (param $n i32) (result i64)
        (local $x i64)
        (loop $l
          (local.set $x (i64.and (call $step (local.get $x)) (i64.const 0xffffffff)))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br_if $l (local.get $n)))
        (local.get $x)))"#;
    let expected = (0..50_000).fold(0u64, |x, _| (x * 3 + 1) & 0xffff_ffff);
    for (path, threads, functions) in [
        // `step` and `run` (hot at its loop; the JIT has no OSR code, so
        // `run` is compiled whole).
        (TierUpPath::Jit, 0, 2),
        // `step`, once per tier; `run`, called once, gets OSR code.
        (TierUpPath::JitThenCranelift, 0, 2),
        (TierUpPath::JitThenCranelift, 1, 2),
    ] {
        let mut config = auto(100, threads);
        config.tier_up.path = path;
        let (module, mut store, instance) = instantiate(&config, wat);
        let run = instance.get_typed_func::<i32, i64>(&store, "run").unwrap();
        assert_eq!(run.call(&mut store, 50_000).unwrap() as u64, expected, "{path:?}");
        // Background compilations finish soon after; wait for them.
        let mut stats = module.tier_up_stats();
        for _ in 0..500 {
            if stats.functions >= functions {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
            stats = module.tier_up_stats();
        }
        assert_eq!(stats.functions, functions, "{path:?} {threads}: {stats:?}");
        assert_eq!(stats.failures, 0, "{path:?}: {stats:?}");
        // The JIT compiles no OSR code: with the JIT alone, none is asked for.
        if path == TierUpPath::Jit {
            assert_eq!(stats.osr_compiled, 0, "{stats:?}");
        } else if threads == 0 {
            // In the background the loop may end before its code is ready.
            assert_eq!(stats.osr_entries, 1, "{stats:?}");
        }
        // A second call runs the published code.
        assert_eq!(run.call(&mut store, 50_000).unwrap() as u64, expected, "{path:?}");
    }
}

#[test]
fn a_frame_stuck_in_an_inner_loop_enters_it_with_the_outer_loop_peeled() {
    if !has_tier_up() {
        return;
    }
    // The first trip of the outer loop runs a long inner loop, so the frame
    // does not come back to the outer header soon: after waiting a few
    // budgets it moves into the inner loop (OSR code with the outer loop's
    // first iteration peeled), then finishes the nest in compiled code.
    let wat = r#"(module
      (func (export "nest") (param $n i32) (result i64)
        (local $i i32) (local $j i32) (local $acc i64)
        (loop $outer
          (local.set $j (i32.const 0))
          (loop $inner
            (local.set $acc (i64.add (local.get $acc)
              (i64.extend_i32_u (i32.mul (local.get $i) (local.get $j)))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            ;; the first trip is long, the others short
            (br_if $inner (i32.lt_u (local.get $j)
              (select (local.get $n) (i32.const 10) (i32.eqz (local.get $i))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $outer (i32.lt_u (local.get $i) (i32.const 1000))))
        (local.get $acc)))"#;
    let run = |config: Config| {
        let mut config = config;
        config.consume_fuel(true);
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(&engine, wat).unwrap();
        let mut store = Store::new(&engine, ());
        store.set_fuel(u64::MAX / 2).unwrap();
        let instance = Linker::new(&engine).instantiate(&mut store, &module).unwrap();
        let f = instance.get_typed_func::<i32, i64>(&store, "nest").unwrap();
        let result = f.call(&mut store, 200_000).unwrap();
        (result, store.get_fuel().unwrap(), module.tier_up_stats())
    };
    let mut interp = Config::new();
    interp.tier(Tier::Interp);
    let (expected, fuel, _) = run(interp);
    let (got, got_fuel, stats) = run(auto(100, 0));
    assert_eq!((got, got_fuel), (expected, fuel));
    // The outer loop's OSR code was ready first, but the frame entered the
    // inner loop's.
    assert_eq!(stats.osr_compiled, 2, "{stats:?}");
    assert_eq!(stats.osr_entries, 1, "{stats:?}");
}
