//! Exception handling (`throw`, `throw_ref`, `try_table`, `exnref`) on
//! every tier: `wast/exceptions.wast` with calls between functions
//! compiled together and through entries (lazy compilation), in both
//! memory modes; exceptions thrown by host functions and caught in Wasm;
//! an uncaught exception reaching the host with its payload and backtrace
//! (`tests/exceptions.rs` has the tier mixes and `auto`).

use concord::{Config, Engine, ExnRef, FuncType, Linker, Module, Store, Tag, TrapCode, Val, ValType};

/// One configuration per tier compiled in, eager and lazy, with the
/// `exceptions` switch on.
fn configs() -> Vec<Config> {
    let mut out = Vec::new();
    // The JIT does not implement exception handling yet.
    for &tier in Engine::available_tiers().iter().filter(|&&t| t != concord::Tier::Jit) {
        for lazy in [false, true] {
            let mut config = Config::new();
            config.tier(tier).lazy_compilation(lazy);
            for f in ["exceptions", "tail-call", "function-references"] {
                config.wasm_feature(f, true).unwrap();
            }
            out.push(config);
        }
    }
    out
}

#[test]
fn exceptions_cross_calls_blocks_and_instances() {
    use concord_cli::wast::{WastOptions, run_wast};
    let text = include_str!("wast/exceptions.wast");
    for mut config in configs() {
        for reservation in [6 << 30, 0] {
            config.memory_reservation = reservation;
            let options = WastOptions {
                config: config.clone(),
                print: false,
            };
            let summary = run_wast(&options, "exceptions.wast", text);
            assert!(
                summary.failed == 0 && summary.passed > 0,
                "{:?} {reservation}: {:?}",
                config.tier,
                summary.failures
            );
        }
    }
}

const HOST_WAT: &str = r#"
(module
  (import "env" "tag" (tag $t (param i64)))
  (import "env" "host" (func $host (param i64)))
  (func $throws (param i64) (throw $t (local.get 0)))
  (func (export "catch_host") (param i64) (result i64)
    (block $h (result i64)
      (try_table (catch $t $h) (call $host (local.get 0)))
      (i64.const -1)))
  (tag $other)
  (func (export "uncaught") (param i64)
    (try_table (call $throws (local.get 0))))
  (func (export "unmatched") (param i64)
    (block $h
      (try_table (catch $other $h) (call $throws (local.get 0))))))
"#;

#[test]
fn host_exceptions_are_caught_and_uncaught_ones_reach_the_host() {
    for config in configs() {
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(&engine, HOST_WAT).unwrap();
        let mut store = Store::new(&engine, ());
        let tag = Tag::new(&mut store, &FuncType::new([ValType::I64], [])).unwrap();
        let mut linker = Linker::new(&engine);
        linker.define("env", "tag", tag).unwrap();
        linker
            .func_wrap(
                "env",
                "host",
                move |mut caller: concord::Caller<'_, ()>, x: i64| -> concord::Result<()> {
                    let exn = ExnRef::new(&mut caller, &tag, &[Val::I64(x * 10)])?;
                    Err(concord::Error::exception(exn))
                },
            )
            .unwrap();
        let instance = linker.instantiate(&mut store, &module).unwrap();
        let catch_host = instance.get_typed_func::<i64, i64>(&store, "catch_host").unwrap();
        assert_eq!(catch_host.call(&mut store, 4).unwrap(), 40, "{:?}", config.tier);
        // Caught, the exception leaves nothing pending: a second call works.
        assert_eq!(catch_host.call(&mut store, 5).unwrap(), 50, "{:?}", config.tier);

        // Through a plain call (a `try_table` without clauses), and through
        // a catching call whose handlers do not match.
        for (export, caller) in [("uncaught", 3), ("unmatched", 4)] {
            let f = instance.get_typed_func::<i64, ()>(&store, export).unwrap();
            let err = f.call(&mut store, 7).unwrap_err();
            let trap = err.as_trap().unwrap();
            assert_eq!(trap.code(), TrapCode::UncaughtException, "{:?} {export}", config.tier);
            let exn = err.as_exception().unwrap();
            assert_eq!(exn.tag(&store), tag);
            assert_eq!(exn.payload(&store), vec![Val::I64(7)]);
            // The thrower's frame, then its caller's.
            let frames: Vec<u32> = trap.backtrace().iter().map(|f| f.func_index).collect();
            assert_eq!(frames, vec![1, caller], "{:?} {export}", config.tier);
        }
    }
}
