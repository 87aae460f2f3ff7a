//! Which imports the linking helpers define.

use concord_core::{Config, Engine, Linker, Module, Store};
use concord_wasi::{WasiCtx, WasiCtxBuilder};
use std::sync::Arc;

#[test]
fn only_the_imports_of_the_given_modules_are_defined() {
    let engine = Engine::with_backend(&Config::new(), Arc::new(concord_interp::Interpreter::new())).unwrap();
    let module = |wat: &str| Module::new(&engine, wat).unwrap();
    let writes = module(
        r#"(module (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
                   (import "env" "other" (func)))"#,
    );
    let exits = module(r#"(module (import "wasi_snapshot_preview1" "proc_exit" (func (param i32))))"#);
    let mut store = Store::new(&engine, WasiCtxBuilder::new().build());
    fn get(s: &mut WasiCtx) -> &mut WasiCtx {
        s
    }

    let mut some = Linker::<WasiCtx>::new(&engine);
    concord_wasi::add_imports_to_linker(&mut some, [&writes, &exits], get).unwrap();
    let mut all = Linker::<WasiCtx>::new(&engine);
    concord_wasi::add_to_linker(&mut all, get).unwrap();
    for name in ["fd_write", "proc_exit", "fd_read", "args_get", "clock_time_get"] {
        let wanted = name == "fd_write" || name == "proc_exit";
        let defined = some.get(&mut store, "wasi_snapshot_preview1", name).is_some();
        assert_eq!(defined, wanted, "{name}");
        assert!(all.get(&mut store, "wasi_snapshot_preview1", name).is_some(), "{name}");
    }
    assert!(some.get(&mut store, "env", "other").is_none());
}
