//! Helpers shared by the interpreter's end-to-end tests.

use concord_core::{Config, Engine, Linker, Module, Store, TrapCode};
use concord_interp::Interpreter;
use std::sync::Arc;

pub fn engine_with(config: &Config) -> Engine {
    Engine::with_backend(config, Arc::new(Interpreter::new())).unwrap()
}

pub fn engine() -> Engine {
    engine_with(&Config::new())
}

pub fn instantiate(engine: &Engine, wat: &str) -> (Store<()>, concord_core::Instance) {
    let module = Module::new(engine, wat).unwrap();
    let mut store = Store::new(engine, ());
    let instance = Linker::new(engine).instantiate(&mut store, &module).unwrap();
    (store, instance)
}

pub fn trap_code(err: &concord_core::Error) -> TrapCode {
    err.as_trap().unwrap_or_else(|| panic!("not a trap: {err}")).code()
}
