//! Type reflection: value, function, global, table, memory, extern,
//! import and export types.
//!
//! Every `wasm_*type_t` except `wasm_valtype_t` is a `wasm_externtype_t`
//! (`#[repr(transparent)]` wrappers), so the `as_externtype`/`as_*type`
//! conversions are pointer casts after a kind check. A type owns the C
//! views its accessors lend out (parameter vectors, limits, content types).

use crate::vec::{wasm_name_t, wasm_valtype_vec_t};
use crate::{boxed, guard};
use concord_rt::{ExternType, FuncType, GlobalType, MemoryType, Mutability, RefType, TableType, ValType};
use std::ptr;

/// A value type.
#[derive(Clone, Debug)]
pub struct wasm_valtype_t {
    pub(crate) ty: ValType,
}

/// `wasm_valkind_t`.
pub type wasm_valkind_t = u8;
/// `WASM_I32`.
pub const WASM_I32: wasm_valkind_t = 0;
/// `WASM_I64`.
pub const WASM_I64: wasm_valkind_t = 1;
/// `WASM_F32`.
pub const WASM_F32: wasm_valkind_t = 2;
/// `WASM_F64`.
pub const WASM_F64: wasm_valkind_t = 3;
/// Not in `wasm.h`: the kind reported for `v128` (as wasmtime does).
pub const WASM_V128: wasm_valkind_t = 4;
/// `WASM_EXTERNREF`.
pub const WASM_EXTERNREF: wasm_valkind_t = 128;
/// `WASM_FUNCREF`.
pub const WASM_FUNCREF: wasm_valkind_t = 129;

/// The C kind of a value type. Reference types the header cannot name
/// (typed function references, `exnref`) report the kind of their family.
pub(crate) fn kind_of(ty: ValType) -> wasm_valkind_t {
    match ty {
        ValType::I32 => WASM_I32,
        ValType::I64 => WASM_I64,
        ValType::F32 => WASM_F32,
        ValType::F64 => WASM_F64,
        ValType::V128 => WASM_V128,
        t if t.is_func_ref() => WASM_FUNCREF,
        _ => WASM_EXTERNREF,
    }
}

/// The value type of a C kind.
pub(crate) fn type_of(kind: wasm_valkind_t) -> Option<ValType> {
    Some(match kind {
        WASM_I32 => ValType::I32,
        WASM_I64 => ValType::I64,
        WASM_F32 => ValType::F32,
        WASM_F64 => ValType::F64,
        WASM_V128 => ValType::V128,
        WASM_EXTERNREF => ValType::ExternRef,
        WASM_FUNCREF => ValType::FuncRef,
        _ => return None,
    })
}

/// `wasm_limits_t`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct wasm_limits_t {
    /// Minimum.
    pub min: u32,
    /// Maximum; `0xffffffff` for none.
    pub max: u32,
}

const NO_MAX: u32 = u32::MAX;

fn limits(min: u64, max: Option<u64>) -> wasm_limits_t {
    wasm_limits_t {
        min: min.min(u32::MAX as u64) as u32,
        max: max.map_or(NO_MAX, |m| m.min(u32::MAX as u64) as u32),
    }
}

fn limits_max(l: &wasm_limits_t) -> Option<u32> {
    (l.max != NO_MAX).then_some(l.max)
}

/// A function type with its C views.
#[derive(Debug)]
pub(crate) struct CFuncType {
    pub(crate) ty: FuncType,
    params: wasm_valtype_vec_t,
    results: wasm_valtype_vec_t,
}

impl Drop for CFuncType {
    fn drop(&mut self) {
        for v in [&mut self.params, &mut self.results] {
            // SAFETY: the vectors were made by `valtype_vec` and own their elements.
            for p in unsafe { v.take() } {
                // SAFETY: each element is a boxed valtype, deleted once.
                drop(unsafe { Box::from_raw(p) });
            }
        }
    }
}

fn valtype_vec(types: &[ValType]) -> wasm_valtype_vec_t {
    wasm_valtype_vec_t::from_vec(types.iter().map(|&ty| boxed(wasm_valtype_t { ty })).collect())
}

/// The kinds of extern types.
#[derive(Debug)]
pub(crate) enum CExternType {
    Func(CFuncType),
    Global(GlobalType, wasm_valtype_t),
    Table(TableType, wasm_valtype_t, wasm_limits_t),
    Memory(MemoryType, wasm_limits_t),
}

/// An extern type (and, through the wrappers, every entity type).
#[derive(Debug)]
pub struct wasm_externtype_t {
    pub(crate) which: CExternType,
}

/// `wasm_externkind_t`.
pub type wasm_externkind_t = u8;
/// `WASM_EXTERN_FUNC`.
pub const WASM_EXTERN_FUNC: wasm_externkind_t = 0;
/// `WASM_EXTERN_GLOBAL`.
pub const WASM_EXTERN_GLOBAL: wasm_externkind_t = 1;
/// `WASM_EXTERN_TABLE`.
pub const WASM_EXTERN_TABLE: wasm_externkind_t = 2;
/// `WASM_EXTERN_MEMORY`.
pub const WASM_EXTERN_MEMORY: wasm_externkind_t = 3;

impl wasm_externtype_t {
    /// The C view of an entity type; `None` for tags (no C kind).
    pub(crate) fn new(ty: ExternType) -> Option<wasm_externtype_t> {
        let which = match ty {
            ExternType::Func(f) => CExternType::Func(CFuncType {
                params: valtype_vec(f.params()),
                results: valtype_vec(f.results()),
                ty: f,
            }),
            ExternType::Global(g) => CExternType::Global(g, wasm_valtype_t { ty: g.content }),
            ExternType::Table(t) => {
                CExternType::Table(t, wasm_valtype_t { ty: t.element.into() }, limits(t.minimum, t.maximum))
            }
            ExternType::Memory(m) => CExternType::Memory(m, limits(m.minimum, m.maximum)),
            ExternType::Tag(_) => return None,
        };
        Some(wasm_externtype_t { which })
    }

    /// The core type.
    pub(crate) fn to_core(&self) -> ExternType {
        match &self.which {
            CExternType::Func(f) => ExternType::Func(f.ty.clone()),
            CExternType::Global(g, _) => ExternType::Global(*g),
            CExternType::Table(t, ..) => ExternType::Table(*t),
            CExternType::Memory(m, _) => ExternType::Memory(*m),
        }
    }

    fn kind(&self) -> wasm_externkind_t {
        match self.which {
            CExternType::Func(_) => WASM_EXTERN_FUNC,
            CExternType::Global(..) => WASM_EXTERN_GLOBAL,
            CExternType::Table(..) => WASM_EXTERN_TABLE,
            CExternType::Memory(..) => WASM_EXTERN_MEMORY,
        }
    }
}

/// A function type.
#[repr(transparent)]
#[derive(Debug)]
pub struct wasm_functype_t {
    pub(crate) ext: wasm_externtype_t,
}
/// A global type.
#[repr(transparent)]
#[derive(Debug)]
pub struct wasm_globaltype_t {
    pub(crate) ext: wasm_externtype_t,
}
/// A table type.
#[repr(transparent)]
#[derive(Debug)]
pub struct wasm_tabletype_t {
    pub(crate) ext: wasm_externtype_t,
}
/// A memory type.
#[repr(transparent)]
#[derive(Debug)]
pub struct wasm_memorytype_t {
    pub(crate) ext: wasm_externtype_t,
}

impl wasm_functype_t {
    pub(crate) fn new(ty: FuncType) -> *mut wasm_functype_t {
        let ext = wasm_externtype_t::new(ExternType::Func(ty)).expect("a function type has a C kind");
        boxed(wasm_functype_t { ext })
    }

    pub(crate) fn ty(&self) -> &FuncType {
        match &self.ext.which {
            CExternType::Func(f) => &f.ty,
            _ => unreachable!("a wasm_functype_t holds a function type"),
        }
    }
}

// --- Value types -----------------------------------------------------------

#[unsafe(no_mangle)]
pub extern "C" fn wasm_valtype_new(kind: wasm_valkind_t) -> *mut wasm_valtype_t {
    guard(ptr::null_mut, || match type_of(kind) {
        Some(ty) => boxed(wasm_valtype_t { ty }),
        None => ptr::null_mut(),
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_valtype_kind(t: *const wasm_valtype_t) -> wasm_valkind_t {
    // SAFETY: `t` is a live value type (wasm.h).
    guard(|| WASM_I32, || kind_of(unsafe { (*t).ty }))
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_valtype_copy(t: *const wasm_valtype_t) -> *mut wasm_valtype_t {
    // SAFETY: `t` is a live value type (wasm.h).
    guard(ptr::null_mut, || boxed(unsafe { (*t).clone() }))
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_valtype_delete(t: *mut wasm_valtype_t) {
    if !t.is_null() {
        // SAFETY: an owned value type made by `boxed` (wasm.h's `own`).
        guard(|| (), || drop(unsafe { Box::from_raw(t) }))
    }
}

/// Takes an owned value type.
///
/// # Safety
///
/// `t` is null or an owned value type.
unsafe fn take_valtype(t: *mut wasm_valtype_t) -> Option<ValType> {
    // SAFETY: guaranteed by the caller.
    (!t.is_null()).then(|| unsafe { Box::from_raw(t) }.ty)
}

/// Takes the elements of an owned valtype vector.
///
/// # Safety
///
/// `v` is null or an owned vector of owned value types (or nulls).
unsafe fn take_valtypes(v: *mut wasm_valtype_vec_t) -> Option<Vec<ValType>> {
    if v.is_null() {
        return Some(Vec::new());
    }
    // SAFETY: guaranteed by the caller: the vector and its elements are ours.
    let elems = unsafe { (*v).take() };
    let mut ok = true;
    let types: Vec<ValType> = elems
        .into_iter()
        .filter_map(|p| {
            // SAFETY: each element is owned and taken once.
            let t = unsafe { take_valtype(p) };
            t.or_else(|| {
                ok = false;
                None
            })
        })
        .collect();
    ok.then_some(types)
}

// --- Function types --------------------------------------------------------

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_functype_new(
    params: *mut wasm_valtype_vec_t,
    results: *mut wasm_valtype_vec_t,
) -> *mut wasm_functype_t {
    guard(ptr::null_mut, || {
        // SAFETY: both vectors are owned (wasm.h's `own`).
        let (p, r) = unsafe { (take_valtypes(params), take_valtypes(results)) };
        match (p, r) {
            (Some(p), Some(r)) => wasm_functype_t::new(FuncType::new(p, r)),
            _ => ptr::null_mut(),
        }
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_functype_params(t: *const wasm_functype_t) -> *const wasm_valtype_vec_t {
    // SAFETY: `t` is a live function type (wasm.h).
    guard(ptr::null, || match unsafe { &(*t).ext.which } {
        CExternType::Func(f) => &f.params,
        _ => ptr::null(),
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_functype_results(t: *const wasm_functype_t) -> *const wasm_valtype_vec_t {
    // SAFETY: `t` is a live function type (wasm.h).
    guard(ptr::null, || match unsafe { &(*t).ext.which } {
        CExternType::Func(f) => &f.results,
        _ => ptr::null(),
    })
}

// --- Global types ----------------------------------------------------------

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_globaltype_new(content: *mut wasm_valtype_t, mutability: u8) -> *mut wasm_globaltype_t {
    guard(ptr::null_mut, || {
        // SAFETY: `content` is owned (wasm.h's `own`).
        let Some(content) = (unsafe { take_valtype(content) }) else {
            return ptr::null_mut();
        };
        let mutability = match mutability {
            0 => Mutability::Const,
            1 => Mutability::Var,
            _ => return ptr::null_mut(),
        };
        let ext = wasm_externtype_t::new(ExternType::Global(GlobalType { content, mutability }));
        boxed(wasm_globaltype_t {
            ext: ext.expect("a global type has a C kind"),
        })
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_globaltype_content(t: *const wasm_globaltype_t) -> *const wasm_valtype_t {
    // SAFETY: `t` is a live global type (wasm.h).
    guard(ptr::null, || match unsafe { &(*t).ext.which } {
        CExternType::Global(_, v) => v,
        _ => ptr::null(),
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_globaltype_mutability(t: *const wasm_globaltype_t) -> u8 {
    // SAFETY: `t` is a live global type (wasm.h).
    guard(
        || 0,
        || match unsafe { &(*t).ext.which } {
            CExternType::Global(g, _) if g.mutability == Mutability::Var => 1,
            _ => 0,
        },
    )
}

// --- Table types -----------------------------------------------------------

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_tabletype_new(
    element: *mut wasm_valtype_t,
    limits: *const wasm_limits_t,
) -> *mut wasm_tabletype_t {
    guard(ptr::null_mut, || {
        // SAFETY: `element` is owned (wasm.h's `own`).
        let element = unsafe { take_valtype(element) };
        let element = match element {
            Some(ValType::FuncRef) => RefType::FuncRef,
            Some(ValType::ExternRef) => RefType::ExternRef,
            _ => return ptr::null_mut(),
        };
        if limits.is_null() {
            return ptr::null_mut();
        }
        // SAFETY: `limits` is a live `wasm_limits_t` (wasm.h).
        let l = unsafe { *limits };
        let ty = TableType::new(element, l.min, limits_max(&l));
        let ext = wasm_externtype_t::new(ExternType::Table(ty)).expect("a table type has a C kind");
        boxed(wasm_tabletype_t { ext })
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_tabletype_element(t: *const wasm_tabletype_t) -> *const wasm_valtype_t {
    // SAFETY: `t` is a live table type (wasm.h).
    guard(ptr::null, || match unsafe { &(*t).ext.which } {
        CExternType::Table(_, e, _) => e,
        _ => ptr::null(),
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_tabletype_limits(t: *const wasm_tabletype_t) -> *const wasm_limits_t {
    // SAFETY: `t` is a live table type (wasm.h).
    guard(ptr::null, || match unsafe { &(*t).ext.which } {
        CExternType::Table(_, _, l) => l,
        _ => ptr::null(),
    })
}

// --- Memory types ----------------------------------------------------------

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_memorytype_new(limits: *const wasm_limits_t) -> *mut wasm_memorytype_t {
    guard(ptr::null_mut, || {
        if limits.is_null() {
            return ptr::null_mut();
        }
        // SAFETY: `limits` is a live `wasm_limits_t` (wasm.h).
        let l = unsafe { *limits };
        let ty = MemoryType::new(l.min, limits_max(&l));
        let ext = wasm_externtype_t::new(ExternType::Memory(ty)).expect("a memory type has a C kind");
        boxed(wasm_memorytype_t { ext })
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_memorytype_limits(t: *const wasm_memorytype_t) -> *const wasm_limits_t {
    // SAFETY: `t` is a live memory type (wasm.h).
    guard(ptr::null, || match unsafe { &(*t).ext.which } {
        CExternType::Memory(_, l) => l,
        _ => ptr::null(),
    })
}

// --- Copy, delete and the conversions of the entity types ------------------

macro_rules! entity_type {
    ($t:ident, $copy:ident, $delete:ident, $as_ext:ident, $as_ext_const:ident, $ext_as:ident, $ext_as_const:ident, $variant:ident) => {
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $copy(t: *const $t) -> *mut $t {
            guard(ptr::null_mut, || {
                // SAFETY: `t` is a live type (wasm.h).
                let ty = unsafe { (*t).ext.to_core() };
                match wasm_externtype_t::new(ty) {
                    Some(ext) => boxed($t { ext }),
                    None => ptr::null_mut(),
                }
            })
        }

        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $delete(t: *mut $t) {
            if !t.is_null() {
                // SAFETY: an owned type made by `boxed` (wasm.h's `own`).
                guard(|| (), || drop(unsafe { Box::from_raw(t) }))
            }
        }

        #[unsafe(no_mangle)]
        pub extern "C" fn $as_ext(t: *mut $t) -> *mut wasm_externtype_t {
            // A `#[repr(transparent)]` wrapper of `wasm_externtype_t`.
            t.cast()
        }

        #[unsafe(no_mangle)]
        pub extern "C" fn $as_ext_const(t: *const $t) -> *const wasm_externtype_t {
            t.cast()
        }

        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $ext_as(t: *mut wasm_externtype_t) -> *mut $t {
            // SAFETY: `t` is null or a live extern type (wasm.h).
            unsafe { $ext_as_const(t).cast_mut() }
        }

        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $ext_as_const(t: *const wasm_externtype_t) -> *const $t {
            // SAFETY: `t` is null or a live extern type (wasm.h).
            match unsafe { t.as_ref() } {
                Some(e) if matches!(e.which, CExternType::$variant(..)) => t.cast(),
                _ => ptr::null(),
            }
        }
    };
}

entity_type!(
    wasm_functype_t,
    wasm_functype_copy,
    wasm_functype_delete,
    wasm_functype_as_externtype,
    wasm_functype_as_externtype_const,
    wasm_externtype_as_functype,
    wasm_externtype_as_functype_const,
    Func
);
entity_type!(
    wasm_globaltype_t,
    wasm_globaltype_copy,
    wasm_globaltype_delete,
    wasm_globaltype_as_externtype,
    wasm_globaltype_as_externtype_const,
    wasm_externtype_as_globaltype,
    wasm_externtype_as_globaltype_const,
    Global
);
entity_type!(
    wasm_tabletype_t,
    wasm_tabletype_copy,
    wasm_tabletype_delete,
    wasm_tabletype_as_externtype,
    wasm_tabletype_as_externtype_const,
    wasm_externtype_as_tabletype,
    wasm_externtype_as_tabletype_const,
    Table
);
entity_type!(
    wasm_memorytype_t,
    wasm_memorytype_copy,
    wasm_memorytype_delete,
    wasm_memorytype_as_externtype,
    wasm_memorytype_as_externtype_const,
    wasm_externtype_as_memorytype,
    wasm_externtype_as_memorytype_const,
    Memory
);

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_externtype_kind(t: *const wasm_externtype_t) -> wasm_externkind_t {
    // SAFETY: `t` is a live extern type (wasm.h).
    guard(|| WASM_EXTERN_FUNC, || unsafe { (*t).kind() })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_externtype_copy(t: *const wasm_externtype_t) -> *mut wasm_externtype_t {
    guard(ptr::null_mut, || {
        // SAFETY: `t` is a live extern type (wasm.h).
        let ty = unsafe { (*t).to_core() };
        match wasm_externtype_t::new(ty) {
            Some(e) => boxed(e),
            None => ptr::null_mut(),
        }
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_externtype_delete(t: *mut wasm_externtype_t) {
    if !t.is_null() {
        // SAFETY: an owned extern type made by `boxed` (all entity types
        // share its layout, so any of them may be deleted here).
        guard(|| (), || drop(unsafe { Box::from_raw(t) }))
    }
}

// --- Import and export types -----------------------------------------------

/// An import's module, name and type.
#[derive(Debug)]
pub struct wasm_importtype_t {
    module: wasm_name_t,
    name: wasm_name_t,
    ty: Box<wasm_externtype_t>,
}

/// An export's name and type.
#[derive(Debug)]
pub struct wasm_exporttype_t {
    name: wasm_name_t,
    ty: Box<wasm_externtype_t>,
}

impl Drop for wasm_importtype_t {
    fn drop(&mut self) {
        // SAFETY: the names were made by this library and are owned here.
        unsafe {
            self.module.take();
            self.name.take();
        }
    }
}

impl Drop for wasm_exporttype_t {
    fn drop(&mut self) {
        // SAFETY: the name was made by this library and is owned here.
        unsafe { self.name.take() };
    }
}

impl wasm_importtype_t {
    pub(crate) fn new(module: &str, name: &str, ty: wasm_externtype_t) -> wasm_importtype_t {
        wasm_importtype_t {
            module: wasm_name_t::from_bytes(module.as_bytes()),
            name: wasm_name_t::from_bytes(name.as_bytes()),
            ty: Box::new(ty),
        }
    }
}

impl wasm_exporttype_t {
    pub(crate) fn new(name: &str, ty: wasm_externtype_t) -> wasm_exporttype_t {
        wasm_exporttype_t {
            name: wasm_name_t::from_bytes(name.as_bytes()),
            ty: Box::new(ty),
        }
    }
}

/// Takes an owned name (its buffer may come from C code that built the
/// vector with `wasm_byte_vec_new*`, i.e. from this library).
///
/// # Safety
///
/// `name` is null or an owned name.
unsafe fn take_name(name: *mut wasm_name_t) -> Option<wasm_name_t> {
    // SAFETY: guaranteed by the caller.
    let n = unsafe { name.as_mut()? };
    // SAFETY: as above: the buffer is the vector's own.
    Some(wasm_name_t::from_vec(unsafe { n.take() }))
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_importtype_new(
    module: *mut wasm_name_t,
    name: *mut wasm_name_t,
    ty: *mut wasm_externtype_t,
) -> *mut wasm_importtype_t {
    guard(ptr::null_mut, || {
        // SAFETY: all three are owned (wasm.h's `own`).
        let (m, n) = unsafe { (take_name(module), take_name(name)) };
        match (m, n, ty.is_null()) {
            (Some(module), Some(name), false) => boxed(wasm_importtype_t {
                module,
                name,
                // SAFETY: as above.
                ty: unsafe { Box::from_raw(ty) },
            }),
            (m, n, _) => {
                for name in [m, n].into_iter().flatten() {
                    name.into_dropped();
                }
                // SAFETY: as above.
                unsafe { wasm_externtype_delete(ty) };
                ptr::null_mut()
            }
        }
    })
}

impl wasm_name_t {
    /// Frees a name made by this library.
    pub(crate) fn into_dropped(mut self) {
        // SAFETY: the name owns its buffer.
        drop(unsafe { self.take() });
    }
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_importtype_module(t: *const wasm_importtype_t) -> *const wasm_name_t {
    // SAFETY: `t` is a live import type (wasm.h).
    guard(ptr::null, || unsafe { &(*t).module })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_importtype_name(t: *const wasm_importtype_t) -> *const wasm_name_t {
    // SAFETY: `t` is a live import type (wasm.h).
    guard(ptr::null, || unsafe { &(*t).name })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_importtype_type(t: *const wasm_importtype_t) -> *const wasm_externtype_t {
    // SAFETY: `t` is a live import type (wasm.h).
    guard(ptr::null, || unsafe { &*(*t).ty })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_importtype_copy(t: *const wasm_importtype_t) -> *mut wasm_importtype_t {
    guard(ptr::null_mut, || {
        // SAFETY: `t` is a live import type (wasm.h).
        let t = unsafe { &*t };
        // SAFETY: its names are vectors of this library.
        let (m, n) = unsafe { (t.module.as_bytes(), t.name.as_bytes()) };
        match wasm_externtype_t::new(t.ty.to_core()) {
            Some(ty) => boxed(wasm_importtype_t {
                module: wasm_name_t::from_bytes(m),
                name: wasm_name_t::from_bytes(n),
                ty: Box::new(ty),
            }),
            None => ptr::null_mut(),
        }
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_importtype_delete(t: *mut wasm_importtype_t) {
    if !t.is_null() {
        // SAFETY: an owned import type made by `boxed`.
        guard(|| (), || drop(unsafe { Box::from_raw(t) }))
    }
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_exporttype_new(
    name: *mut wasm_name_t,
    ty: *mut wasm_externtype_t,
) -> *mut wasm_exporttype_t {
    guard(ptr::null_mut, || {
        // SAFETY: both are owned (wasm.h's `own`).
        let n = unsafe { take_name(name) };
        match (n, ty.is_null()) {
            (Some(name), false) => boxed(wasm_exporttype_t {
                name,
                // SAFETY: as above.
                ty: unsafe { Box::from_raw(ty) },
            }),
            (n, _) => {
                if let Some(name) = n {
                    name.into_dropped();
                }
                // SAFETY: as above.
                unsafe { wasm_externtype_delete(ty) };
                ptr::null_mut()
            }
        }
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_exporttype_name(t: *const wasm_exporttype_t) -> *const wasm_name_t {
    // SAFETY: `t` is a live export type (wasm.h).
    guard(ptr::null, || unsafe { &(*t).name })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_exporttype_type(t: *const wasm_exporttype_t) -> *const wasm_externtype_t {
    // SAFETY: `t` is a live export type (wasm.h).
    guard(ptr::null, || unsafe { &*(*t).ty })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_exporttype_copy(t: *const wasm_exporttype_t) -> *mut wasm_exporttype_t {
    guard(ptr::null_mut, || {
        // SAFETY: `t` is a live export type (wasm.h).
        let t = unsafe { &*t };
        // SAFETY: its name is a vector of this library.
        let n = unsafe { t.name.as_bytes() };
        match wasm_externtype_t::new(t.ty.to_core()) {
            Some(ty) => boxed(wasm_exporttype_t {
                name: wasm_name_t::from_bytes(n),
                ty: Box::new(ty),
            }),
            None => ptr::null_mut(),
        }
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_exporttype_delete(t: *mut wasm_exporttype_t) {
    if !t.is_null() {
        // SAFETY: an owned export type made by `boxed`.
        guard(|| (), || drop(unsafe { Box::from_raw(t) }))
    }
}
