//! Stack exhaustion is a trap, never a crash, on every tier, on any thread,
//! with any host stack size. (The interpreter keeps Wasm frames on its own
//! heap stack; machine code checks the native stack pointer in every
//! prologue.)

use concord::{Caller, Config, Engine, Func, Linker, Module, Store, Tier, TrapCode, Val};

/// A configuration per tier compiled in, and `auto` with the most eager
/// tier-up when it can tier up.
fn configs() -> impl Iterator<Item = Config> {
    let tiers = Engine::available_tiers();
    let auto = (tiers.contains(&Tier::Interp) && tiers.contains(&Tier::Cranelift)).then(|| {
        let mut config = Config::new();
        config.tier(Tier::Auto);
        config.tier_up.threshold = 0;
        config.tier_up.threads = Some(0);
        config
    });
    tiers
        .iter()
        .map(|&tier| {
            let mut config = Config::new();
            config.tier(tier);
            config
        })
        .chain(auto)
}

fn on_small_thread<R: Send + 'static>(f: impl FnOnce() -> R + Send + 'static) -> R {
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .expect("the thread must not crash")
}

fn run(config: &Config, wat: &str, export: &str) -> concord::Error {
    let engine = Engine::new(config).unwrap();
    let module = Module::new(&engine, wat).unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Linker::new(&engine).instantiate(&mut store, &module).unwrap();
    let f = instance.get_typed_func::<(), ()>(&store, export).unwrap();
    f.call(&mut store, ()).unwrap_err()
}

#[test]
fn infinite_recursion_traps_on_a_256k_thread() {
    for config in configs() {
        let err = on_small_thread(move || run(&config, "(module (func $f (export \"f\") (call $f)))", "f"));
        let trap = err.as_trap().expect("a trap");
        assert_eq!(trap.code(), TrapCode::StackOverflow);
        assert!(err.to_string().starts_with("call stack exhausted"), "{err}");
    }
}

#[test]
fn mutual_recursion_with_many_locals_traps() {
    let wat = r#"(module
        (func $a (export "a") (local i64 i64 i64 i64 i64 i64 i64 i64 v128 v128) (call $b))
        (func $b (param) (local f64 f64 f64 f64) (call $a)))"#;
    for config in configs() {
        let err = on_small_thread(move || run(&config, wat, "a"));
        assert_eq!(err.as_trap().unwrap().code(), TrapCode::StackOverflow);
    }
}

#[test]
fn indirect_recursion_traps() {
    let wat = r#"(module
        (type $t (func))
        (table 1 funcref) (elem (i32.const 0) $f)
        (func $f (export "f") (call_indirect (type $t) (i32.const 0))))"#;
    for config in configs() {
        let err = on_small_thread(move || run(&config, wat, "f"));
        assert_eq!(err.as_trap().unwrap().code(), TrapCode::StackOverflow);
    }
}

#[test]
fn small_stack_limits_are_honoured() {
    for mut config in configs() {
        config.max_wasm_stack(64 * 1024);
        let wat = r#"(module
        (func $down (export "down") (param i32) (result i32)
          (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
            (else (call $down (i32.sub (local.get 0) (i32.const 1)))))))"#;
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(&engine, wat).unwrap();
        let mut store = Store::new(&engine, ());
        let instance = Linker::new(&engine).instantiate(&mut store, &module).unwrap();
        let down = instance.get_typed_func::<i32, i32>(&store, "down").unwrap();
        // Shallow recursion fits; deep recursion exhausts the 64 KiB stack.
        assert_eq!(down.call(&mut store, 100).unwrap(), 0);
        let err = down.call(&mut store, 1_000_000).unwrap_err();
        assert_eq!(err.as_trap().unwrap().code(), TrapCode::StackOverflow);
        // The store still works after the trap.
        assert_eq!(down.call(&mut store, 10).unwrap(), 0);
    }
}

#[test]
fn deep_but_finite_recursion_succeeds() {
    // On a 256 KiB thread for the interpreter (its frames are on the heap);
    // machine code uses the native stack, so it gets an 8 MiB thread.
    for config in configs() {
        let stack = if config.tier == Tier::Interp {
            256 * 1024
        } else {
            8 << 20
        };
        let wat = r#"(module
        (func $sum (export "sum") (param i64) (result i64)
          (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 0))
            (else (i64.add (local.get 0) (call $sum (i64.sub (local.get 0) (i64.const 1))))))))"#;
        let total = std::thread::Builder::new()
            .stack_size(stack)
            .spawn(move || {
                let engine = Engine::new(&config).unwrap();
                let module = Module::new(&engine, wat).unwrap();
                let mut store = Store::new(&engine, ());
                let instance = Linker::new(&engine).instantiate(&mut store, &module).unwrap();
                let sum = instance.get_typed_func::<i64, i64>(&store, "sum").unwrap();
                sum.call(&mut store, 50_000).unwrap()
            })
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(total, 50_000 * 50_001 / 2);
    }
}

#[test]
fn recursion_through_the_host_traps() {
    // Wasm -> host -> Wasm -> ... uses host stack for each round trip; it is
    // bounded and reported as stack exhaustion.
    for config in configs() {
        let err = on_small_thread(move || {
            let engine = Engine::new(&config).unwrap();
            let module = Module::new(
                &engine,
                r#"(module (import "env" "again" (func $again))
                (func (export "f") (call $again)))"#,
            )
            .unwrap();
            let mut store = Store::new(&engine, None::<Func>);
            let mut linker = Linker::new(&engine);
            linker
                .func_wrap(
                    "env",
                    "again",
                    |mut caller: Caller<'_, Option<Func>>| -> concord::Result<()> {
                        let f = caller.data().unwrap();
                        f.call(&mut caller, &[], &mut [])
                    },
                )
                .unwrap();
            let instance = linker.instantiate(&mut store, &module).unwrap();
            let f = instance.get_func(&store, "f").unwrap();
            *store.data_mut() = Some(f);
            let mut none: [Val; 0] = [];
            f.call(&mut store, &[], &mut none).unwrap_err()
        });
        assert!(err.to_string().contains("call stack exhausted"), "{err}");
    }
}
