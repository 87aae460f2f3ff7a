//! Modules: compilation, validation, reflection, sharing across threads
//! and serialization.

use crate::engine::wasm_store_t;
use crate::object::{Kind, Object, obj, wasm_module_t};
use crate::types::{wasm_exporttype_t, wasm_externtype_t, wasm_importtype_t};
use crate::vec::{wasm_byte_vec_t, wasm_exporttype_vec_t, wasm_importtype_vec_t};
use crate::{boxed, guard};
use concord_rt::Module;
use std::ptr;
use std::sync::atomic::{AtomicU64, Ordering};

/// A module that may move to another thread, to be obtained in a store
/// there (`wasm_module_share`, `wasm_module_obtain`).
pub struct wasm_shared_module_t {
    module: Module,
    id: u64,
}

/// A fresh module identity (for `wasm_module_same`).
pub(crate) fn next_module_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The module of a module object.
///
/// # Safety
///
/// `m` is null or a live module.
unsafe fn module_of<'a>(m: *const wasm_module_t) -> Option<(&'a Module, u64)> {
    // SAFETY: guaranteed by the caller.
    match unsafe { obj(m) }? {
        Object {
            kind: Kind::Module(module, id),
            ..
        } => Some((module, *id)),
        _ => None,
    }
}

/// Compiles a binary module for the store's engine; null if it is invalid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_module_new(
    store: *mut wasm_store_t,
    binary: *const wasm_byte_vec_t,
) -> *mut wasm_module_t {
    guard(ptr::null_mut, || {
        // SAFETY: `store` and `binary` are live objects (wasm.h).
        let (Some(store), Some(binary)) = (unsafe { (store.as_ref(), binary.as_ref()) }) else {
            return ptr::null_mut();
        };
        // SAFETY: a live byte vector (wasm.h).
        let bytes = unsafe { binary.as_bytes() };
        // The C API takes the binary format only (`Module::new` would also
        // accept text).
        match Module::from_binary(&store.cell.engine, bytes) {
            Ok(m) => Object::new(None, Kind::Module(m, next_module_id())).into_raw(),
            Err(_) => ptr::null_mut(),
        }
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_module_validate(store: *mut wasm_store_t, binary: *const wasm_byte_vec_t) -> bool {
    guard(
        || false,
        || {
            // SAFETY: `store` and `binary` are live objects (wasm.h).
            let (Some(store), Some(binary)) = (unsafe { (store.as_ref(), binary.as_ref()) }) else {
                return false;
            };
            // SAFETY: a live byte vector (wasm.h).
            let bytes = unsafe { binary.as_bytes() };
            bytes.starts_with(b"\0asm") && Module::validate(&store.cell.engine, bytes).is_ok()
        },
    )
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_module_imports(m: *const wasm_module_t, out: *mut wasm_importtype_vec_t) {
    guard(
        || (),
        || {
            // SAFETY: `m` is a live module (wasm.h).
            let imports = match unsafe { module_of(m) } {
                Some((m, _)) => m
                    .imports()
                    .filter_map(|(module, name, ty)| {
                        let ty = wasm_externtype_t::new(ty)?;
                        Some(boxed(wasm_importtype_t::new(module, name, ty)))
                    })
                    .collect(),
                None => Vec::new(),
            };
            // SAFETY: `out` is writable storage for a vector (wasm.h's `own ... out`).
            unsafe { out.write(wasm_importtype_vec_t::from_vec(imports)) }
        },
    )
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_module_exports(m: *const wasm_module_t, out: *mut wasm_exporttype_vec_t) {
    guard(
        || (),
        || {
            // SAFETY: `m` is a live module (wasm.h).
            let exports = match unsafe { module_of(m) } {
                Some((m, _)) => m
                    .exports()
                    .filter_map(|(name, ty)| Some(boxed(wasm_exporttype_t::new(name, wasm_externtype_t::new(ty)?))))
                    .collect(),
                None => Vec::new(),
            };
            // SAFETY: `out` is writable storage for a vector (wasm.h's `own ... out`).
            unsafe { out.write(wasm_exporttype_vec_t::from_vec(exports)) }
        },
    )
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_module_share(m: *const wasm_module_t) -> *mut wasm_shared_module_t {
    guard(ptr::null_mut, || {
        // SAFETY: `m` is a live module (wasm.h).
        match unsafe { module_of(m) } {
            Some((module, id)) => boxed(wasm_shared_module_t {
                module: module.clone(),
                id,
            }),
            None => ptr::null_mut(),
        }
    })
}

/// The shared module as a module of `store`; null if the store has another
/// engine.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_module_obtain(
    store: *mut wasm_store_t,
    shared: *const wasm_shared_module_t,
) -> *mut wasm_module_t {
    guard(ptr::null_mut, || {
        // SAFETY: `store` and `shared` are live objects (wasm.h).
        let (Some(store), Some(shared)) = (unsafe { (store.as_ref(), shared.as_ref()) }) else {
            return ptr::null_mut();
        };
        if !concord_rt::core::Engine::same(shared.module.engine(), &store.cell.engine) {
            return ptr::null_mut();
        }
        Object::new(None, Kind::Module(shared.module.clone(), shared.id)).into_raw()
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_shared_module_delete(shared: *mut wasm_shared_module_t) {
    if !shared.is_null() {
        // SAFETY: an owned shared module made by `boxed` (wasm.h's `own`).
        guard(|| (), || drop(unsafe { Box::from_raw(shared) }))
    }
}

/// What starts a serialized module: a tag and a format version, then the
/// module's binary (deserializing compiles it again).
const SERIALIZED_MAGIC: &[u8; 12] = b"concord-mod\x01";

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_module_serialize(m: *const wasm_module_t, out: *mut wasm_byte_vec_t) {
    guard(
        || (),
        || {
            // SAFETY: `m` is a live module (wasm.h).
            let bytes = match unsafe { module_of(m) } {
                Some((m, _)) => [&SERIALIZED_MAGIC[..], &m.info().bytes].concat(),
                None => Vec::new(),
            };
            // SAFETY: `out` is writable storage for a vector (wasm.h's `own ... out`).
            unsafe { out.write(wasm_byte_vec_t::from_bytes(&bytes)) }
        },
    )
}

/// A module from `wasm_module_serialize`'s bytes; null for anything else.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_module_deserialize(
    store: *mut wasm_store_t,
    bytes: *const wasm_byte_vec_t,
) -> *mut wasm_module_t {
    guard(ptr::null_mut, || {
        // SAFETY: `store` and `bytes` are live objects (wasm.h).
        let (Some(store), Some(bytes)) = (unsafe { (store.as_ref(), bytes.as_ref()) }) else {
            return ptr::null_mut();
        };
        // SAFETY: a live byte vector (wasm.h).
        let Some(binary) = (unsafe { bytes.as_bytes() }).strip_prefix(SERIALIZED_MAGIC) else {
            return ptr::null_mut();
        };
        match Module::from_binary(&store.cell.engine, binary) {
            Ok(m) => Object::new(None, Kind::Module(m, next_module_id())).into_raw(),
            Err(_) => ptr::null_mut(),
        }
    })
}
