//! `concord.h`: what the standard lacks — the tier, fuel, WASI and a
//! linker that resolves imports by name.

use crate::engine::{wasm_config_t, wasm_engine_t, wasm_store_t};
use crate::externals::{instance_object, report, to_extern};
use crate::object::{Kind, Object, StoreData, obj, wasm_extern_t, wasm_instance_t, wasm_module_t, wasm_trap_t};
use crate::vec::wasm_byte_vec_t;
use crate::{boxed, guard};
use concord_rt::wasi::{WasiCtx, WasiCtxBuilder};
use concord_rt::{Engine, Error, Linker, Tier};
use std::ffi::{CStr, c_char};
use std::ptr;

/// `concord_tier_t`.
pub type concord_tier_t = u8;
/// `CONCORD_TIER_INTERP`.
pub const CONCORD_TIER_INTERP: concord_tier_t = 0;
/// `CONCORD_TIER_JIT`.
pub const CONCORD_TIER_JIT: concord_tier_t = 1;
/// `CONCORD_TIER_CRANELIFT`.
pub const CONCORD_TIER_CRANELIFT: concord_tier_t = 2;
/// `CONCORD_TIER_AUTO`.
pub const CONCORD_TIER_AUTO: concord_tier_t = 3;

fn tier(t: concord_tier_t) -> Option<Tier> {
    let tier = match t {
        CONCORD_TIER_INTERP => Tier::Interp,
        CONCORD_TIER_JIT => Tier::Jit,
        CONCORD_TIER_CRANELIFT => Tier::Cranelift,
        // `auto` starts in the interpreter and tiers up to Cranelift.
        CONCORD_TIER_AUTO => return Engine::available_tiers().contains(&Tier::Interp).then_some(Tier::Auto),
        _ => return None,
    };
    Engine::available_tiers().contains(&tier).then_some(tier)
}

/// Whether `tier` is compiled into this library.
#[unsafe(no_mangle)]
pub extern "C" fn concord_tier_available(t: concord_tier_t) -> bool {
    tier(t).is_some()
}

/// Sets the tier of the engines made from `config`; false (and no change)
/// if the tier is not compiled in.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn concord_config_tier_set(config: *mut wasm_config_t, t: concord_tier_t) -> bool {
    guard(
        || false,
        || {
            // SAFETY: `config` is null or a live configuration.
            match (unsafe { config.as_mut() }, tier(t)) {
                (Some(c), Some(t)) => {
                    c.config.tier(t);
                    true
                }
                _ => false,
            }
        },
    )
}

/// Whether execution consumes fuel (then each store starts with none).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn concord_config_consume_fuel_set(config: *mut wasm_config_t, on: bool) {
    guard(
        || (),
        || {
            // SAFETY: `config` is null or a live configuration.
            if let Some(c) = unsafe { config.as_mut() } {
                c.config.consume_fuel(on);
            }
        },
    )
}

/// Sets the store's fuel; false if its engine does not consume fuel.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn concord_store_fuel_set(store: *mut wasm_store_t, fuel: u64) -> bool {
    guard(
        || false,
        || {
            // SAFETY: `store` is null or a live store.
            let Some(store) = (unsafe { store.as_ref() }) else {
                return false;
            };
            matches!(store.cell.with_store(|s| s.set_fuel(fuel)), Some(Ok(())))
        },
    )
}

/// The store's remaining fuel in `*fuel`; false if its engine does not
/// consume fuel.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn concord_store_fuel_get(store: *const wasm_store_t, fuel: *mut u64) -> bool {
    guard(
        || false,
        || {
            // SAFETY: `store` is null or a live store.
            let Some(store) = (unsafe { store.as_ref() }) else {
                return false;
            };
            match store.cell.with_store(|s| s.get_fuel()) {
                Some(Ok(f)) if !fuel.is_null() => {
                    // SAFETY: `fuel` is writable.
                    unsafe { fuel.write(f) };
                    true
                }
                _ => false,
            }
        },
    )
}

/// Whether code checks the epoch at function entries and loop headers.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn concord_config_epoch_interruption_set(config: *mut wasm_config_t, on: bool) {
    guard(
        || (),
        || {
            // SAFETY: `config` is null or a live configuration.
            if let Some(c) = unsafe { config.as_mut() } {
                c.config.epoch_interruption(on);
            }
        },
    )
}

/// Advances the engine's epoch (any thread).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn concord_engine_increment_epoch(engine: *mut wasm_engine_t) {
    guard(
        || (),
        || {
            // SAFETY: `engine` is null or a live engine; engines are shared
            // between threads (`Engine` is `Sync`).
            if let Some(e) = unsafe { engine.as_ref() } {
                e.engine.increment_epoch();
            }
        },
    )
}

/// Sets the store's epoch deadline; false without epoch interruption.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn concord_store_epoch_deadline_set(store: *mut wasm_store_t, ticks: u64) -> bool {
    guard(
        || false,
        || {
            // SAFETY: `store` is null or a live store.
            let Some(store) = (unsafe { store.as_ref() }) else {
                return false;
            };
            matches!(store.cell.with_store(|s| s.set_epoch_deadline(ticks)), Some(Ok(())))
        },
    )
}

/// Bounds the store's memories, tables and instances (negative: default).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn concord_store_limiter(
    store: *mut wasm_store_t,
    memory_size: i64,
    table_elements: i64,
    instances: i64,
    tables: i64,
    memories: i64,
) {
    guard(
        || (),
        || {
            // SAFETY: `store` is null or a live store.
            let Some(store) = (unsafe { store.as_ref() }) else {
                return;
            };
            let size = |v: i64| usize::try_from(v).ok();
            let mut b = concord_rt::StoreLimitsBuilder::new();
            if let Some(n) = size(memory_size) {
                b = b.memory_size(n);
            }
            if let Some(n) = size(table_elements) {
                b = b.table_elements(n);
            }
            if let Some(n) = size(instances) {
                b = b.instances(n);
            }
            if let Some(n) = size(tables) {
                b = b.tables(n);
            }
            if let Some(n) = size(memories) {
                b = b.memories(n);
            }
            let limits = b.build();
            store.cell.with_store(|s| {
                s.data_mut().limits = limits;
                s.limiter(|d| &mut d.limits);
            });
        },
    )
}

/// The WASI exit status of a trap that is a `proc_exit`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn concord_trap_exit_status(trap: *const wasm_trap_t, status: *mut i32) -> bool {
    guard(
        || false,
        || {
            // SAFETY: `trap` is null or a live trap.
            match unsafe { crate::trap::data(trap) }.and_then(|d| d.exit) {
                Some(code) if !status.is_null() => {
                    // SAFETY: `status` is writable.
                    unsafe { status.write(code as i32) };
                    true
                }
                _ => false,
            }
        },
    )
}

// --- Errors ----------------------------------------------------------------

/// An error of a concord.h function.
pub struct concord_error_t {
    message: String,
}

fn error(e: impl std::fmt::Display) -> *mut concord_error_t {
    boxed(concord_error_t { message: e.to_string() })
}

/// The error's message (not null-terminated).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn concord_error_message(e: *const concord_error_t, out: *mut wasm_byte_vec_t) {
    guard(
        || (),
        || {
            // SAFETY: `e` is null or a live error; `out` is writable.
            unsafe {
                let bytes = e.as_ref().map_or(&[][..], |e| e.message.as_bytes());
                out.write(wasm_byte_vec_t::from_bytes(bytes));
            }
        },
    )
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn concord_error_delete(e: *mut concord_error_t) {
    if !e.is_null() {
        // SAFETY: an owned error made by `boxed`.
        guard(|| (), || drop(unsafe { Box::from_raw(e) }))
    }
}

// --- WASI ------------------------------------------------------------------

/// A WASI configuration: arguments, environment, preopened directories and
/// stdio for the guest; nothing is given unless asked for.
pub struct concord_wasi_config_t {
    builder: WasiCtxBuilder,
}

/// A C string as UTF-8 text (lossily).
///
/// # Safety
///
/// `s` is null or a null-terminated string.
unsafe fn text(s: *const c_char) -> Option<String> {
    // SAFETY: guaranteed by the caller.
    (!s.is_null()).then(|| unsafe { CStr::from_ptr(s) }.to_string_lossy().into_owned())
}

#[unsafe(no_mangle)]
pub extern "C" fn concord_wasi_config_new() -> *mut concord_wasi_config_t {
    guard(ptr::null_mut, || {
        let mut builder = WasiCtxBuilder::new();
        builder.null_stdio();
        boxed(concord_wasi_config_t { builder })
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn concord_wasi_config_delete(c: *mut concord_wasi_config_t) {
    if !c.is_null() {
        // SAFETY: an owned configuration made by `boxed`.
        guard(|| (), || drop(unsafe { Box::from_raw(c) }))
    }
}

/// Appends the arguments (`argv[0]` first: the program name).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn concord_wasi_config_set_argv(
    c: *mut concord_wasi_config_t,
    argc: usize,
    argv: *const *const c_char,
) -> bool {
    guard(
        || false,
        || {
            // SAFETY: `c` is a live configuration and `argv` holds `argc`
            // null-terminated strings.
            let (Some(c), args) = (unsafe { c.as_mut() }, unsafe { strings(argc, argv) }) else {
                return false;
            };
            match args {
                Some(args) => {
                    c.builder.args(args);
                    true
                }
                None => false,
            }
        },
    )
}

/// `n` strings of a C array.
///
/// # Safety
///
/// `p` is null (with `n` 0) or holds `n` null-terminated strings.
unsafe fn strings(n: usize, p: *const *const c_char) -> Option<Vec<String>> {
    if n == 0 {
        return Some(Vec::new());
    }
    if p.is_null() {
        return None;
    }
    // SAFETY: guaranteed by the caller.
    unsafe { std::slice::from_raw_parts(p, n) }
        .iter()
        // SAFETY: as above.
        .map(|&s| unsafe { text(s) })
        .collect()
}

/// Adds `n` environment variables.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn concord_wasi_config_set_env(
    c: *mut concord_wasi_config_t,
    n: usize,
    names: *const *const c_char,
    values: *const *const c_char,
) -> bool {
    guard(
        || false,
        || {
            // SAFETY: `c` is a live configuration; `names` and `values` hold
            // `n` null-terminated strings each.
            let (Some(c), Some(names), Some(values)) = (unsafe { (c.as_mut(), strings(n, names), strings(n, values)) })
            else {
                return false;
            };
            c.builder.envs(names.into_iter().zip(values));
            true
        },
    )
}

/// The guest uses the host's stdin, stdout and stderr.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn concord_wasi_config_inherit_stdio(c: *mut concord_wasi_config_t) {
    guard(
        || (),
        || {
            // SAFETY: `c` is null or a live configuration.
            if let Some(c) = unsafe { c.as_mut() } {
                c.builder.inherit_stdio();
            }
        },
    )
}

/// Gives the guest the host directory `host_path` as `guest_path`; false
/// if it cannot be opened.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn concord_wasi_config_preopen_dir(
    c: *mut concord_wasi_config_t,
    host_path: *const c_char,
    guest_path: *const c_char,
) -> bool {
    guard(
        || false,
        || {
            // SAFETY: `c` is a live configuration; the paths are null-terminated.
            let (Some(c), Some(host), Some(guest)) = (unsafe { (c.as_mut(), text(host_path), text(guest_path)) })
            else {
                return false;
            };
            c.builder.preopened_dir(host, guest).is_ok()
        },
    )
}

/// Makes `config` (consumed) the WASI context of the store's guests.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn concord_store_set_wasi(store: *mut wasm_store_t, config: *mut concord_wasi_config_t) -> bool {
    guard(
        || false,
        || {
            if config.is_null() {
                return false;
            }
            // SAFETY: an owned configuration made by `boxed`.
            let mut config = unsafe { Box::from_raw(config) };
            // SAFETY: `store` is null or a live store.
            let Some(store) = (unsafe { store.as_ref() }) else {
                return false;
            };
            let ctx = config.builder.build();
            store.cell.with(|mut c| c.data_mut().wasi = Some(ctx));
            true
        },
    )
}

fn wasi_of(data: &mut StoreData) -> &mut WasiCtx {
    // A store given no WASI configuration offers WASI with nothing:
    // no arguments, environment, directories or stdio.
    data.wasi
        .get_or_insert_with(|| WasiCtxBuilder::new().null_stdio().build())
}

// --- Linker ----------------------------------------------------------------

/// A linker: externs defined by module and name, WASI, and instantiation
/// resolving a module's imports by name.
pub struct concord_linker_t {
    linker: Linker<StoreData>,
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn concord_linker_new(engine: *const wasm_engine_t) -> *mut concord_linker_t {
    guard(ptr::null_mut, || {
        // SAFETY: `engine` is null or a live engine.
        match unsafe { engine.as_ref() } {
            Some(e) => boxed(concord_linker_t {
                linker: Linker::new(&e.engine),
            }),
            None => ptr::null_mut(),
        }
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn concord_linker_delete(l: *mut concord_linker_t) {
    if !l.is_null() {
        // SAFETY: an owned linker made by `boxed`.
        guard(|| (), || drop(unsafe { Box::from_raw(l) }))
    }
}

/// Whether a later definition may replace an earlier one of the same name.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn concord_linker_allow_shadowing(l: *mut concord_linker_t, allow: bool) {
    guard(
        || (),
        || {
            // SAFETY: `l` is null or a live linker.
            if let Some(l) = unsafe { l.as_mut() } {
                l.linker.allow_shadowing(allow);
            }
        },
    )
}

/// A string of `len` bytes as UTF-8.
///
/// # Safety
///
/// `p` points to `len` bytes (or `len` is 0).
unsafe fn name(p: *const c_char, len: usize) -> Result<String, Error> {
    if len == 0 {
        return Ok(String::new());
    }
    // SAFETY: guaranteed by the caller.
    let bytes = unsafe { std::slice::from_raw_parts(p.cast::<u8>(), len) };
    String::from_utf8(bytes.to_vec()).map_err(|_| Error::usage("a name is not UTF-8"))
}

/// Defines `module::name` as `item` (an extern of some store; instances
/// made in another store cannot use it).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn concord_linker_define(
    l: *mut concord_linker_t,
    module: *const c_char,
    module_len: usize,
    name_: *const c_char,
    name_len: usize,
    item: *const wasm_extern_t,
) -> *mut concord_error_t {
    guard(
        || error("concord_linker_define panicked"),
        || {
            // SAFETY: `l` and `item` are live objects; the names have the given lengths.
            let (l, item) = unsafe { (l.as_mut(), obj(item)) };
            let (Some(l), Some(item)) = (l, item.and_then(|o| to_extern(&o.kind))) else {
                return error("concord_linker_define: null linker or not an extern");
            };
            // SAFETY: as above.
            let names = unsafe { name(module, module_len).and_then(|m| Ok((m, name(name_, name_len)?))) };
            match names.and_then(|(m, n)| l.linker.define(&m, &n, item).map(|_| ())) {
                Ok(()) => ptr::null_mut(),
                Err(e) => error(e),
            }
        },
    )
}

/// Defines the `wasi_snapshot_preview1` imports, over the WASI context of
/// the store an instance is made in (`concord_store_set_wasi`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn concord_linker_define_wasi(l: *mut concord_linker_t) -> *mut concord_error_t {
    guard(
        || error("concord_linker_define_wasi panicked"),
        || {
            // SAFETY: `l` is null or a live linker.
            let Some(l) = (unsafe { l.as_mut() }) else {
                return error("concord_linker_define_wasi: null linker");
            };
            match concord_rt::wasi::add_to_linker(&mut l.linker, wasi_of) {
                Ok(()) => ptr::null_mut(),
                Err(e) => error(e),
            }
        },
    )
}

/// Defines every export of `instance` under the module name `module`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn concord_linker_define_instance(
    l: *mut concord_linker_t,
    store: *mut wasm_store_t,
    module: *const c_char,
    module_len: usize,
    instance: *const wasm_instance_t,
) -> *mut concord_error_t {
    guard(
        || error("concord_linker_define_instance panicked"),
        || {
            // SAFETY: all are live objects; the name has the given length.
            let (l, store, instance) = unsafe { (l.as_mut(), store.as_ref(), obj(instance)) };
            let (
                Some(l),
                Some(store),
                Some(Object {
                    kind: Kind::Instance(i, _),
                    ..
                }),
            ) = (l, store, instance)
            else {
                return error("concord_linker_define_instance: null or wrong argument");
            };
            // SAFETY: as above.
            let module = match unsafe { name(module, module_len) } {
                Ok(m) => m,
                Err(e) => return error(e),
            };
            match store.cell.with(|ctx| l.linker.instance(ctx, &module, *i).map(|_| ())) {
                Ok(()) => ptr::null_mut(),
                Err(e) => error(e),
            }
        },
    )
}

/// Instantiates `module` in `store`, resolving its imports by name. On
/// success `*instance` is the new instance and the result null. If the
/// start function traps, `*trap` is the trap and the result null; any other
/// failure (an import missing or of the wrong type) is the error returned.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn concord_linker_instantiate(
    l: *mut concord_linker_t,
    store: *mut wasm_store_t,
    module: *const wasm_module_t,
    instance: *mut *mut wasm_instance_t,
    trap: *mut *mut wasm_trap_t,
) -> *mut concord_error_t {
    guard(
        || error("concord_linker_instantiate panicked"),
        || {
            // SAFETY: `instance` and `trap` are null or writable.
            unsafe {
                if !instance.is_null() {
                    instance.write(ptr::null_mut());
                }
                if !trap.is_null() {
                    trap.write(ptr::null_mut());
                }
            }
            // SAFETY: all are live objects.
            let (l, store, module) = unsafe { (l.as_mut(), store.as_ref(), obj(module)) };
            let (
                Some(l),
                Some(store),
                Some(Object {
                    kind: Kind::Module(m, _),
                    ..
                }),
            ) = (l, store, module)
            else {
                return error("concord_linker_instantiate: null or wrong argument");
            };
            let store = store.cell.clone();
            match store.with(|ctx| l.linker.instantiate(ctx, m)) {
                Ok(i) => {
                    let o = instance_object(&store, i);
                    if instance.is_null() {
                        // SAFETY: made just above, owned here.
                        unsafe { crate::object::wasm_instance_delete(o) };
                    } else {
                        // SAFETY: `instance` is writable.
                        unsafe { instance.write(o) };
                    }
                    ptr::null_mut()
                }
                Err(e) if e.as_trap().is_some() && !trap.is_null() => {
                    // SAFETY: `trap` is writable.
                    unsafe { report(trap, &store, e) };
                    ptr::null_mut()
                }
                Err(e) => error(e),
            }
        },
    )
}
