//! Globals, tables, memories, externs and instances.

use crate::engine::wasm_store_t;
use crate::func::{from_core, new_trap, to_core, trap_data, wasm_val_t};
use crate::object::{
    Kind, Object, StoreRef, cast, obj, to_externref, wasm_extern_t, wasm_func_t, wasm_global_t, wasm_instance_t,
    wasm_memory_t, wasm_module_t, wasm_ref_t, wasm_table_t, wasm_trap_t,
};
use crate::types::{
    WASM_EXTERN_FUNC, WASM_EXTERN_GLOBAL, WASM_EXTERN_MEMORY, WASM_EXTERN_TABLE, wasm_externkind_t, wasm_externtype_t,
    wasm_globaltype_t, wasm_memorytype_t, wasm_tabletype_t,
};
use crate::vec::{wasm_byte_t, wasm_extern_vec_t};
use crate::{boxed, guard};
use concord_rt::{Error, Extern, ExternType, Global, Instance, Memory, Ref, StoreContextMut, Table};
use std::ptr;

/// The store and kind of an object, if it has a store.
///
/// # Safety
///
/// `p` is null or a live object.
unsafe fn parts<'a, T: crate::object::ObjectType>(p: *const T) -> Option<(&'a StoreRef, &'a Kind)> {
    // SAFETY: guaranteed by the caller.
    let o = unsafe { obj(p) }?;
    Some((o.store.as_ref()?, &o.kind))
}

// --- Globals ---------------------------------------------------------------

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_global_new(
    store: *mut wasm_store_t,
    ty: *const wasm_globaltype_t,
    val: *const wasm_val_t,
) -> *mut wasm_global_t {
    guard(ptr::null_mut, || {
        // SAFETY: all three are live objects (wasm.h).
        let (Some(store), Some(ty), Some(val)) = (unsafe { (store.as_ref(), ty.as_ref(), val.as_ref()) }) else {
            return ptr::null_mut();
        };
        let ExternType::Global(gt) = ty.ext.to_core() else {
            return ptr::null_mut();
        };
        let store = store.cell.clone();
        let global = store.with(|mut ctx| {
            // SAFETY: `val` is an initialized value (wasm.h).
            let v = unsafe { to_core(&mut ctx, val, Some(gt.content)) }?;
            Global::new(&mut ctx, gt, v)
        });
        match global {
            Ok(g) => Object::new(Some(store), Kind::Global(g)).into_raw(),
            Err(_) => ptr::null_mut(),
        }
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_global_type(g: *const wasm_global_t) -> *mut wasm_globaltype_t {
    guard(ptr::null_mut, || {
        // SAFETY: `g` is a live global (wasm.h).
        let Some((store, Kind::Global(g))) = (unsafe { parts(g) }) else {
            return ptr::null_mut();
        };
        let ty = store.with(|ctx| g.ty(&ctx));
        match wasm_externtype_t::new(ExternType::Global(ty)) {
            Some(ext) => boxed(wasm_globaltype_t { ext }),
            None => ptr::null_mut(),
        }
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_global_get(g: *const wasm_global_t, out: *mut wasm_val_t) {
    guard(
        || (),
        || {
            // SAFETY: `g` is a live global (wasm.h).
            let Some((store, Kind::Global(g))) = (unsafe { parts(g) }) else {
                return;
            };
            let v = store.with(|ctx| from_core(&ctx, store, g.get(&ctx)));
            // SAFETY: `out` is writable storage for a value (wasm.h's `own ... out`).
            unsafe { out.write(v) }
        },
    )
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_global_set(g: *mut wasm_global_t, val: *const wasm_val_t) {
    guard(
        || (),
        || {
            // SAFETY: `g` and `val` are live objects (wasm.h).
            let (Some((store, Kind::Global(g))), Some(val)) = (unsafe { (parts(g), val.as_ref()) }) else {
                return;
            };
            // The header gives no way to report a failure (a mismatched
            // value or an immutable global): it is ignored.
            let _ = store.with(|mut ctx| {
                let want = g.ty(&ctx).content;
                // SAFETY: `val` is an initialized value (wasm.h).
                let v = unsafe { to_core(&mut ctx, val, Some(want)) }?;
                g.set(&mut ctx, v)
            });
        },
    )
}

// --- Tables ----------------------------------------------------------------

/// A reference argument as a table element of `table`'s element type.
///
/// # Safety
///
/// `r` is null or a live reference.
unsafe fn table_ref(
    ctx: &mut StoreContextMut<'_, crate::object::StoreData>,
    func_elements: bool,
    r: *const wasm_ref_t,
) -> Result<Ref, Error> {
    // SAFETY: guaranteed by the caller.
    let o = unsafe { obj(r) };
    Ok(match (func_elements, o) {
        (true, None) => Ref::Func(None),
        (
            true,
            Some(Object {
                kind: Kind::Func(f), ..
            }),
        ) => Ref::Func(Some(*f)),
        (true, Some(_)) => return Err(Error::usage("a funcref table holds functions only")),
        (false, None) => Ref::Extern(None),
        (false, Some(o)) => Ref::Extern(Some(to_externref(ctx, o))),
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_table_new(
    store: *mut wasm_store_t,
    ty: *const wasm_tabletype_t,
    init: *mut wasm_ref_t,
) -> *mut wasm_table_t {
    guard(ptr::null_mut, || {
        // SAFETY: `store` and `ty` are live objects (wasm.h).
        let (Some(store), Some(ty)) = (unsafe { (store.as_ref(), ty.as_ref()) }) else {
            return ptr::null_mut();
        };
        let ExternType::Table(tt) = ty.ext.to_core() else {
            return ptr::null_mut();
        };
        let store = store.cell.clone();
        let table = store.with(|mut ctx| {
            // SAFETY: `init` is null or a live reference (wasm.h).
            let init = unsafe { table_ref(&mut ctx, tt.element.is_func_ref(), init) }?;
            Table::new(&mut ctx, tt, init)
        });
        match table {
            Ok(t) => Object::new(Some(store), Kind::Table(t)).into_raw(),
            Err(_) => ptr::null_mut(),
        }
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_table_type(t: *const wasm_table_t) -> *mut wasm_tabletype_t {
    guard(ptr::null_mut, || {
        // SAFETY: `t` is a live table (wasm.h).
        let Some((store, Kind::Table(t))) = (unsafe { parts(t) }) else {
            return ptr::null_mut();
        };
        let ty = store.with(|ctx| t.ty(&ctx));
        match wasm_externtype_t::new(ExternType::Table(ty)) {
            Some(ext) => boxed(wasm_tabletype_t { ext }),
            None => ptr::null_mut(),
        }
    })
}

/// Element `index`: an owned reference, or null for a null element or an
/// index out of bounds.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_table_get(t: *const wasm_table_t, index: u32) -> *mut wasm_ref_t {
    guard(ptr::null_mut, || {
        // SAFETY: `t` is a live table (wasm.h).
        let Some((store, Kind::Table(t))) = (unsafe { parts(t) }) else {
            return ptr::null_mut();
        };
        store.with(|ctx| {
            let kind = match t.get(&ctx, index.into()) {
                None | Some(Ref::Func(None)) | Some(Ref::Extern(None)) => return ptr::null_mut(),
                Some(Ref::Func(Some(f))) => Kind::Func(f),
                Some(Ref::Extern(Some(e))) => crate::object::from_externref(&ctx, e),
            };
            Object::new(Some(store.clone()), kind).into_raw()
        })
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_table_set(t: *mut wasm_table_t, index: u32, r: *mut wasm_ref_t) -> bool {
    guard(
        || false,
        || {
            // SAFETY: `t` is a live table (wasm.h).
            let Some((store, Kind::Table(t))) = (unsafe { parts(t) }) else {
                return false;
            };
            store
                .with(|mut ctx| {
                    let func = t.ty(&ctx).element.is_func_ref();
                    // SAFETY: `r` is null or a live reference (wasm.h).
                    let r = unsafe { table_ref(&mut ctx, func, r) }?;
                    t.set(&mut ctx, index.into(), r)
                })
                .is_ok()
        },
    )
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_table_size(t: *const wasm_table_t) -> u32 {
    guard(
        || 0,
        || {
            // SAFETY: `t` is a live table (wasm.h).
            let Some((store, Kind::Table(t))) = (unsafe { parts(t) }) else {
                return 0;
            };
            store.with(|ctx| t.size(&ctx)).min(u32::MAX as u64) as u32
        },
    )
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_table_grow(t: *mut wasm_table_t, delta: u32, init: *mut wasm_ref_t) -> bool {
    guard(
        || false,
        || {
            // SAFETY: `t` is a live table (wasm.h).
            let Some((store, Kind::Table(t))) = (unsafe { parts(t) }) else {
                return false;
            };
            store
                .with(|mut ctx| {
                    let func = t.ty(&ctx).element.is_func_ref();
                    // SAFETY: `init` is null or a live reference (wasm.h).
                    let init = unsafe { table_ref(&mut ctx, func, init) }?;
                    t.grow(&mut ctx, delta.into(), init)
                })
                .is_ok()
        },
    )
}

// --- Memories --------------------------------------------------------------

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_memory_new(store: *mut wasm_store_t, ty: *const wasm_memorytype_t) -> *mut wasm_memory_t {
    guard(ptr::null_mut, || {
        // SAFETY: `store` and `ty` are live objects (wasm.h).
        let (Some(store), Some(ty)) = (unsafe { (store.as_ref(), ty.as_ref()) }) else {
            return ptr::null_mut();
        };
        let ExternType::Memory(mt) = ty.ext.to_core() else {
            return ptr::null_mut();
        };
        let store = store.cell.clone();
        match store.with(|ctx| Memory::new(ctx, mt)) {
            Ok(m) => Object::new(Some(store), Kind::Memory(m)).into_raw(),
            Err(_) => ptr::null_mut(),
        }
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_memory_type(m: *const wasm_memory_t) -> *mut wasm_memorytype_t {
    guard(ptr::null_mut, || {
        // SAFETY: `m` is a live memory (wasm.h).
        let Some((store, Kind::Memory(m))) = (unsafe { parts(m) }) else {
            return ptr::null_mut();
        };
        let ty = store.with(|ctx| m.ty(&ctx));
        match wasm_externtype_t::new(ExternType::Memory(ty)) {
            Some(ext) => boxed(wasm_memorytype_t { ext }),
            None => ptr::null_mut(),
        }
    })
}

/// The memory's bytes: valid until the memory grows (the header's rule).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_memory_data(m: *mut wasm_memory_t) -> *mut wasm_byte_t {
    guard(ptr::null_mut, || {
        // SAFETY: `m` is a live memory (wasm.h).
        let Some((store, Kind::Memory(m))) = (unsafe { parts(m) }) else {
            return ptr::null_mut();
        };
        store.with(|ctx| m.data_mut(ctx).as_mut_ptr().cast())
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_memory_data_size(m: *const wasm_memory_t) -> usize {
    guard(
        || 0,
        || {
            // SAFETY: `m` is a live memory (wasm.h).
            let Some((store, Kind::Memory(m))) = (unsafe { parts(m) }) else {
                return 0;
            };
            store.with(|ctx| m.data(ctx).len())
        },
    )
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_memory_size(m: *const wasm_memory_t) -> u32 {
    guard(
        || 0,
        || {
            // SAFETY: `m` is a live memory (wasm.h).
            let Some((store, Kind::Memory(m))) = (unsafe { parts(m) }) else {
                return 0;
            };
            store.with(|ctx| m.size(&ctx)).min(u32::MAX as u64) as u32
        },
    )
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_memory_grow(m: *mut wasm_memory_t, delta: u32) -> bool {
    guard(
        || false,
        || {
            // SAFETY: `m` is a live memory (wasm.h).
            let Some((store, Kind::Memory(m))) = (unsafe { parts(m) }) else {
                return false;
            };
            store.with(|ctx| m.grow(ctx, delta.into())).is_ok()
        },
    )
}

// --- Externs ---------------------------------------------------------------

/// The core extern of an object.
pub(crate) fn to_extern(kind: &Kind) -> Option<Extern> {
    Some(match kind {
        Kind::Func(f) => Extern::Func(*f),
        Kind::Global(g) => Extern::Global(*g),
        Kind::Table(t) => Extern::Table(*t),
        Kind::Memory(m) => Extern::Memory(*m),
        _ => return None,
    })
}

/// The object kind of a core extern (`None` for tags: no C kind).
pub(crate) fn from_extern(e: Extern) -> Option<Kind> {
    Some(match e {
        Extern::Func(f) => Kind::Func(f),
        Extern::Global(g) => Kind::Global(g),
        Extern::Table(t) => Kind::Table(t),
        Extern::Memory(m) => Kind::Memory(m),
        Extern::Tag(_) => return None,
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_extern_kind(e: *const wasm_extern_t) -> wasm_externkind_t {
    guard(
        || WASM_EXTERN_FUNC,
        // SAFETY: `e` is a live extern (wasm.h).
        || match unsafe { obj(e) }.map(|o| &o.kind) {
            Some(Kind::Global(_)) => WASM_EXTERN_GLOBAL,
            Some(Kind::Table(_)) => WASM_EXTERN_TABLE,
            Some(Kind::Memory(_)) => WASM_EXTERN_MEMORY,
            _ => WASM_EXTERN_FUNC,
        },
    )
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_extern_type(e: *const wasm_extern_t) -> *mut wasm_externtype_t {
    guard(ptr::null_mut, || {
        // SAFETY: `e` is a live extern (wasm.h).
        let Some((store, kind)) = (unsafe { parts(e) }) else {
            return ptr::null_mut();
        };
        let Some(ext) = to_extern(kind) else {
            return ptr::null_mut();
        };
        let ty = store.with(|ctx| ext.ty(&ctx));
        wasm_externtype_t::new(ty).map_or(ptr::null_mut(), boxed)
    })
}

macro_rules! extern_conversions {
    ($t:ident, $as_ext:ident, $as_ext_const:ident, $ext_as:ident, $ext_as_const:ident) => {
        #[unsafe(no_mangle)]
        pub extern "C" fn $as_ext(p: *mut $t) -> *mut wasm_extern_t {
            // Functions, globals, tables and memories are externs: a
            // transparent cast.
            p.cast()
        }

        #[unsafe(no_mangle)]
        pub extern "C" fn $as_ext_const(p: *const $t) -> *const wasm_extern_t {
            p.cast()
        }

        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $ext_as(e: *mut wasm_extern_t) -> *mut $t {
            // SAFETY: `e` is null or a live extern (wasm.h).
            unsafe { cast::<wasm_extern_t, $t>(e) }.cast_mut()
        }

        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $ext_as_const(e: *const wasm_extern_t) -> *const $t {
            // SAFETY: `e` is null or a live extern (wasm.h).
            unsafe { cast::<wasm_extern_t, $t>(e) }
        }
    };
}

extern_conversions!(
    wasm_func_t,
    wasm_func_as_extern,
    wasm_func_as_extern_const,
    wasm_extern_as_func,
    wasm_extern_as_func_const
);
extern_conversions!(
    wasm_global_t,
    wasm_global_as_extern,
    wasm_global_as_extern_const,
    wasm_extern_as_global,
    wasm_extern_as_global_const
);
extern_conversions!(
    wasm_table_t,
    wasm_table_as_extern,
    wasm_table_as_extern_const,
    wasm_extern_as_table,
    wasm_extern_as_table_const
);
extern_conversions!(
    wasm_memory_t,
    wasm_memory_as_extern,
    wasm_memory_as_extern_const,
    wasm_extern_as_memory,
    wasm_extern_as_memory_const
);

// --- Instances -------------------------------------------------------------

/// A new instance object for `instance` of `store` (every object of one
/// instance has the same identity).
pub(crate) fn instance_object(store: &StoreRef, instance: Instance) -> *mut wasm_instance_t {
    let id = store.with(|mut ctx| {
        let ids = &mut ctx.data_mut().instance_ids;
        let next = ids.len() as u64 + 1;
        *ids.entry(instance).or_insert(next)
    });
    Object::new(Some(store.clone()), Kind::Instance(instance, id)).into_raw()
}

/// Reports a failed instantiation through the `trap` out-parameter.
///
/// # Safety
///
/// `trap` is null or writable.
pub(crate) unsafe fn report(trap: *mut *mut wasm_trap_t, store: &StoreRef, e: Error) {
    if !trap.is_null() {
        // SAFETY: guaranteed by the caller.
        unsafe { trap.write(new_trap(Some(store.clone()), trap_data(e))) }
    }
}

/// Instantiates `module` with `imports` in the module's import order. On
/// failure: null, and `*trap` (when `trap` is not null) is the start
/// function's trap or an error describing the link failure.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_instance_new(
    store: *mut wasm_store_t,
    module: *const wasm_module_t,
    imports: *const wasm_extern_vec_t,
    trap: *mut *mut wasm_trap_t,
) -> *mut wasm_instance_t {
    guard(ptr::null_mut, || {
        if !trap.is_null() {
            // SAFETY: `trap` is writable (wasm.h's `own wasm_trap_t**`).
            unsafe { trap.write(ptr::null_mut()) };
        }
        // SAFETY: `store` and `module` are live objects (wasm.h).
        let (
            Some(store),
            Some(Object {
                kind: Kind::Module(module, _),
                ..
            }),
        ) = (unsafe { (store.as_ref(), obj(module)) })
        else {
            return ptr::null_mut();
        };
        let store = store.cell.clone();
        let mut externs = Vec::new();
        // SAFETY: `imports` is null or a live vector of live externs (wasm.h).
        for &e in unsafe { imports.as_ref().map_or(&[][..], |v| v.as_slice()) } {
            // SAFETY: as above.
            match unsafe { obj(e) }.and_then(|o| to_extern(&o.kind)) {
                Some(x) => externs.push(x),
                None => {
                    // SAFETY: `trap` is null or writable (wasm.h).
                    unsafe { report(trap, &store, Error::usage("an import is null or not an extern")) };
                    return ptr::null_mut();
                }
            }
        }
        match store.with(|ctx| Instance::new(ctx, module, &externs)) {
            Ok(i) => instance_object(&store, i),
            Err(e) => {
                // SAFETY: `trap` is null or writable (wasm.h).
                unsafe { report(trap, &store, e) };
                ptr::null_mut()
            }
        }
    })
}

/// The instance's exports, in the module's export order (tags, which the
/// header cannot express, are left out, as in `wasm_module_exports`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_instance_exports(i: *const wasm_instance_t, out: *mut wasm_extern_vec_t) {
    guard(
        || (),
        || {
            // SAFETY: `i` is a live instance (wasm.h).
            let exports = match unsafe { parts(i) } {
                Some((store, Kind::Instance(i, _))) => store
                    .with(|ctx| i.exports(&ctx))
                    .into_iter()
                    .filter_map(|(_, e)| from_extern(e))
                    .map(|k| Object::new(Some(store.clone()), k).into_raw::<wasm_extern_t>())
                    .collect(),
                _ => Vec::new(),
            };
            // SAFETY: `out` is writable storage for a vector (wasm.h's `own ... out`).
            unsafe { out.write(wasm_extern_vec_t::from_vec(exports)) }
        },
    )
}
