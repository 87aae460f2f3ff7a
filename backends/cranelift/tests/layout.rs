//! Where compiled functions are placed in code memory.

use concord_core::vm::VmFuncRef;
use concord_core::{Config, Engine, Instance, Module, Store, Tier};
use concord_cranelift::Cranelift;
use std::sync::Arc;

#[test]
fn functions_start_at_32_byte_boundaries() {
    // Functions of assorted sizes (none a multiple of 32 bytes long), so
    // that packing them at 16-byte boundaries would misalign some.
    let mut wat = String::from("(module");
    for i in 0..12 {
        let body: String = (0..i).map(|k| format!("(i32.add (i32.const {k}))")).collect();
        wat += &format!(" (func (export \"f{i}\") (param i32) (result i32) local.get 0 {body})");
    }
    wat += ")";
    let mut config = Config::new();
    config.tier(Tier::Cranelift);
    let engine = Engine::with_backend(&config, Arc::new(Cranelift::new().unwrap())).unwrap();
    let module = Module::new(&engine, &wat).unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[]).unwrap();
    let mut addresses = Vec::new();
    for i in 0..12 {
        let func = instance.get_func(&mut store, &format!("f{i}")).unwrap();
        assert_eq!(
            func.typed::<i32, i32>(&store).unwrap().call(&mut store, 1).unwrap(),
            1 + (0..i).sum::<i32>()
        );
        let raw = func.to_raw(&store) as *const VmFuncRef;
        // SAFETY: a function's raw reference word is the address of its
        // `VmFuncRef`, which the store keeps alive while `store` lives, and
        // its entry lives as long as the module.
        let wasm_call = unsafe { (*(*raw).entry).wasm_call() } as usize;
        assert_ne!(wasm_call, 0, "f{i} has no compiled entry");
        assert_eq!(wasm_call % 32, 0, "f{i} starts at {wasm_call:#x}");
        addresses.push(wasm_call);
    }
    addresses.sort_unstable();
    addresses.dedup();
    assert_eq!(addresses.len(), 12, "every function has its own code");
}
