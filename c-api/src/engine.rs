//! Configurations, engines and stores.

use crate::object::{StoreCell, StoreRef};
use crate::{boxed, guard};
use concord_rt::{Config, Engine};
use std::ptr;

/// A configuration (concord.h sets its tier and fuel).
pub struct wasm_config_t {
    pub(crate) config: Config,
}

/// An engine: usable from any thread (wasm.h's threads example shares one).
pub struct wasm_engine_t {
    pub(crate) engine: Engine,
}

/// A store: used by one thread at a time, with everything made in it.
pub struct wasm_store_t {
    pub(crate) cell: StoreRef,
}

#[unsafe(no_mangle)]
pub extern "C" fn wasm_config_new() -> *mut wasm_config_t {
    guard(ptr::null_mut, || boxed(wasm_config_t { config: Config::new() }))
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_config_delete(config: *mut wasm_config_t) {
    if !config.is_null() {
        // SAFETY: an owned configuration made by `boxed` (wasm.h's `own`).
        guard(|| (), || drop(unsafe { Box::from_raw(config) }))
    }
}

#[unsafe(no_mangle)]
pub extern "C" fn wasm_engine_new() -> *mut wasm_engine_t {
    guard(ptr::null_mut, || match Engine::new(&Config::new()) {
        Ok(engine) => boxed(wasm_engine_t { engine }),
        Err(_) => ptr::null_mut(),
    })
}

/// An engine for `config` (consumed); null if its tier cannot run here.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_engine_new_with_config(config: *mut wasm_config_t) -> *mut wasm_engine_t {
    guard(ptr::null_mut, || {
        if config.is_null() {
            return wasm_engine_new();
        }
        // SAFETY: an owned configuration made by `boxed` (wasm.h's `own`).
        let config = unsafe { Box::from_raw(config) };
        match Engine::new(&config.config) {
            Ok(engine) => boxed(wasm_engine_t { engine }),
            Err(_) => ptr::null_mut(),
        }
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_engine_delete(engine: *mut wasm_engine_t) {
    if !engine.is_null() {
        // SAFETY: an owned engine made by `boxed` (wasm.h's `own`); stores
        // and modules hold their own handle to the engine.
        guard(|| (), || drop(unsafe { Box::from_raw(engine) }))
    }
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_store_new(engine: *mut wasm_engine_t) -> *mut wasm_store_t {
    guard(ptr::null_mut, || {
        // SAFETY: `engine` is null or a live engine (wasm.h).
        match unsafe { engine.as_ref() } {
            Some(e) => boxed(wasm_store_t {
                cell: StoreCell::new(&e.engine),
            }),
            None => ptr::null_mut(),
        }
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_store_delete(store: *mut wasm_store_t) {
    if !store.is_null() {
        // SAFETY: an owned store made by `boxed` (wasm.h's `own`). The
        // store itself goes when its last object does.
        guard(|| (), || drop(unsafe { Box::from_raw(store) }))
    }
}
