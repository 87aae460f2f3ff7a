//! The C API's call path against the Rust API's: one host -> Wasm call of an
//! `(i32) -> i32` export per iteration, through `wasm_func_call` (the
//! extern "C" function, called through the C API crate's rlib) and through
//! `TypedFunc::call`, on each tier (`c_api_call/typed_func-interp`,
//! `c_api_call/wasm_func_call-interp`, ...).

use std::hint::black_box;
use std::time::Duration;

use capi::ext::{CONCORD_TIER_CRANELIFT, CONCORD_TIER_INTERP, CONCORD_TIER_JIT, concord_config_tier_set};
use capi::{
    wasm_byte_vec_t, wasm_engine_t, wasm_extern_vec_t, wasm_func_t, wasm_instance_t, wasm_module_t, wasm_store_t,
    wasm_val_t, wasm_val_vec_t,
};
use concord::{Config, Engine, Instance, Module, Store, Tier};
use criterion::{Criterion, criterion_group, criterion_main};

const WAT: &str = r#"(module (func (export "inc") (param i32) (result i32) local.get 0 i32.const 1 i32.add))"#;

/// An engine, store and instance made through the C API, with the export.
struct CApi {
    engine: *mut wasm_engine_t,
    store: *mut wasm_store_t,
    module: *mut wasm_module_t,
    instance: *mut wasm_instance_t,
    exports: wasm_extern_vec_t,
    inc: *const wasm_func_t,
}

impl CApi {
    fn new(tier: Tier) -> Option<CApi> {
        let code = match tier {
            Tier::Interp => CONCORD_TIER_INTERP,
            Tier::Jit => CONCORD_TIER_JIT,
            Tier::Cranelift => CONCORD_TIER_CRANELIFT,
            Tier::Auto => return None,
        };
        let binary = wat::parse_str(WAT).expect("valid text");
        // SAFETY: the C API used as wasm.h documents it: every pointer is
        // checked for null before use and owned objects are kept in `CApi`
        // until `Drop` deletes them.
        unsafe {
            let config = capi::engine::wasm_config_new();
            if !concord_config_tier_set(config, code) {
                capi::engine::wasm_config_delete(config);
                return None;
            }
            let engine = capi::engine::wasm_engine_new_with_config(config);
            if engine.is_null() {
                return None;
            }
            let store = capi::engine::wasm_store_new(engine);
            let bytes = wasm_byte_vec_t::from_bytes(&binary);
            let module = capi::module::wasm_module_new(store, &bytes);
            capi::vec::wasm_byte_vec_delete(&bytes as *const _ as *mut _);
            assert!(!module.is_null());
            let imports = wasm_extern_vec_t::empty();
            let instance = capi::externals::wasm_instance_new(store, module, &imports, std::ptr::null_mut());
            assert!(!instance.is_null());
            let mut exports = wasm_extern_vec_t::empty();
            capi::externals::wasm_instance_exports(instance, &mut exports);
            let inc = capi::externals::wasm_extern_as_func(*exports.data);
            assert!(!inc.is_null());
            Some(CApi {
                engine,
                store,
                module,
                instance,
                exports,
                inc,
            })
        }
    }

    fn call(&self, x: i32) -> i32 {
        let mut args = [wasm_val_t {
            kind: capi::types::WASM_I32,
            of: capi::func::wasm_val_union { i32: x },
        }];
        let mut results = [wasm_val_t::default()];
        let args_vec = wasm_val_vec_t {
            size: 1,
            data: args.as_mut_ptr(),
        };
        let mut results_vec = wasm_val_vec_t {
            size: 1,
            data: results.as_mut_ptr(),
        };
        // SAFETY: `inc` is a live function of a live store; the vectors
        // point to one argument and room for one result.
        let trap = unsafe { capi::func::wasm_func_call(self.inc, &args_vec, &mut results_vec) };
        assert!(trap.is_null());
        // SAFETY: the call wrote an `i32` result.
        unsafe { results[0].of.i32 }
    }
}

impl Drop for CApi {
    fn drop(&mut self) {
        // SAFETY: each object was made in `new` and is deleted once.
        unsafe {
            capi::vec::wasm_extern_vec_delete(&mut self.exports);
            capi::object::wasm_instance_delete(self.instance);
            capi::object::wasm_module_delete(self.module);
            capi::engine::wasm_store_delete(self.store);
            capi::engine::wasm_engine_delete(self.engine);
        }
    }
}

fn c_api_call(c: &mut Criterion) {
    let mut group = c.benchmark_group("c_api_call");
    group.measurement_time(Duration::from_secs(2));
    for &tier in Engine::available_tiers() {
        let mut config = Config::new();
        config.tier(tier);
        let Ok(engine) = Engine::new(&config) else {
            eprintln!("SKIPPED c_api_call/*-{}: the tier cannot run here", tier.name());
            continue;
        };
        let module = Module::new(&engine, WAT).expect("valid module");
        let mut store = Store::new(&engine, ());
        let instance = Instance::new(&mut store, &module, &[]).expect("instantiates");
        let inc = instance.get_typed_func::<i32, i32>(&store, "inc").expect("export");
        assert_eq!(inc.call(&mut store, 41).expect("runs"), 42);
        group.bench_function(format!("typed_func-{}", tier.name()), |b| {
            b.iter(|| inc.call(&mut store, black_box(41)).expect("runs"))
        });

        let capi = CApi::new(tier).expect("the C API has the tier");
        assert_eq!(capi.call(41), 42);
        group.bench_function(format!("wasm_func_call-{}", tier.name()), |b| {
            b.iter(|| capi.call(black_box(41)))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1));
    targets = c_api_call
}
criterion_main!(benches);
