//! Runtime objects and how they reach their store.
//!
//! Every runtime object of `wasm.h` (function, global, table, memory,
//! extern, instance, module, trap, foreign object, reference) is one Rust
//! [`Object`]: the C types are `#[repr(transparent)]` wrappers of it, so
//! `wasm_func_as_extern`, `wasm_ref_as_func` and the like are pointer casts
//! after a kind check, and any of them may be deleted as any other.
//!
//! An object of a store holds the store by reference count ([`StoreRef`]).
//! Host info lives with an object's identity: for store entities
//! (functions, globals, tables, memories, instances, foreign objects) in
//! the store, so every reference to the same entity sees it and its
//! finalizer runs when the store goes away (entities live as long as their
//! store); for modules and traps in the C handle, finalized when the handle
//! is deleted.

use crate::guard;
use concord_rt::{
    AsContext, AsContextMut, Caller, ExternRef, Func, Global, Instance, Memory, Module, Store, StoreContextMut, Table,
    Trap,
};
use std::cell::{Cell, OnceCell, UnsafeCell};
use std::collections::HashMap;
use std::ffi::c_void;
use std::ptr;
use std::rc::Rc;
use std::sync::Arc;

/// A C finalizer.
pub type Finalizer = Option<unsafe extern "C" fn(*mut c_void)>;

/// Host info: a pointer and the finalizer that releases it.
pub(crate) struct HostInfo {
    pub(crate) data: *mut c_void,
    pub(crate) finalizer: Finalizer,
}

impl Drop for HostInfo {
    fn drop(&mut self) {
        if let Some(f) = self.finalizer {
            // SAFETY: the embedder gave this finalizer for this data and it
            // runs once, when the info is replaced or its owner goes away.
            unsafe { f(self.data) }
        }
    }
}

/// What host info is attached to when the object lives in a store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Identity {
    Func(Func),
    Global(Global),
    Table(Table),
    Memory(Memory),
    Instance(u64),
    Foreign(ExternRef),
}

/// The embedder data of a C API store.
#[derive(Default)]
pub struct StoreData {
    pub(crate) host_info: HashMap<Identity, HostInfo>,
    pub(crate) wasi: Option<concord_rt::wasi::WasiCtx>,
    /// The identity of each instance a C object was made for (host info
    /// is attached to it), numbered from 1.
    pub(crate) instance_ids: HashMap<Instance, u64>,
    /// `concord_store_limiter`'s limits (the store's limiter once set).
    pub(crate) limits: concord_rt::StoreLimits,
}

/// A store with what the C API needs beside it.
pub struct StoreCell {
    store: UnsafeCell<Store<StoreData>>,
    /// The `Caller` of the innermost host function running in this store
    /// (null when none), through which the store is reached meanwhile.
    active: Cell<*mut c_void>,
    pub(crate) engine: concord_rt::Engine,
}

/// A counted reference to a store: every object of the store holds one.
pub type StoreRef = Rc<StoreCell>;

impl StoreCell {
    pub(crate) fn new(engine: &concord_rt::Engine) -> StoreRef {
        Rc::new(StoreCell {
            store: UnsafeCell::new(Store::new(engine, StoreData::default())),
            active: Cell::new(ptr::null_mut()),
            engine: engine.clone(),
        })
    }

    /// Runs `f` with exclusive access to the store.
    ///
    /// Outside host functions that is the store itself. While a host
    /// function runs, the core holds the store in that function's
    /// [`Caller`], so `f` reaches the store through it (a reborrow of the
    /// caller, registered by [`StoreCell::enter_host`]), never through a
    /// second borrow of the store.
    #[inline]
    pub(crate) fn with<R>(&self, f: impl FnOnce(StoreContextMut<'_, StoreData>) -> R) -> R {
        let active = self.active.get();
        if active.is_null() {
            // SAFETY: the store is used by one thread at a time (wasm.h's
            // rule for stores) and no host function of it is running, so
            // no other borrow of it is live: calls into Wasm give up their
            // borrow while Wasm runs, and host functions then reach the
            // store through their `Caller` (the other branch).
            let store = unsafe { &mut *self.store.get() };
            f(store.as_context_mut())
        } else {
            // SAFETY: `active` is the `Caller` of the innermost running host
            // function of this store, registered by `enter_host` for the
            // duration of the C callback, during which that function does
            // not touch it; this reborrow ends before `f` returns.
            let caller = unsafe { &mut *active.cast::<Caller<'_, StoreData>>() };
            f(caller.as_context_mut())
        }
    }

    /// Runs `f` with the store itself, outside host functions (`None`
    /// while one runs: its `Caller` holds the store then).
    pub(crate) fn with_store<R>(&self, f: impl FnOnce(&mut Store<StoreData>) -> R) -> Option<R> {
        if !self.active.get().is_null() {
            return None;
        }
        // SAFETY: as in `with`, first branch.
        Some(f(unsafe { &mut *self.store.get() }))
    }

    /// Registers `caller` as the way to the store until the guard drops.
    pub(crate) fn enter_host<'a>(&'a self, caller: &'a mut Caller<'_, StoreData>) -> ActiveGuard<'a> {
        let prev = self.active.replace((caller as *mut Caller<'_, StoreData>).cast());
        ActiveGuard { cell: self, prev }
    }
}

/// Restores the previous way to the store when a host function's C
/// callback returns (or unwinds).
pub(crate) struct ActiveGuard<'a> {
    cell: &'a StoreCell,
    prev: *mut c_void,
}

impl Drop for ActiveGuard<'_> {
    fn drop(&mut self) {
        self.cell.active.set(self.prev);
    }
}

/// A trap with what the C API reports about it.
#[derive(Debug)]
pub(crate) struct TrapData {
    pub(crate) trap: Trap,
    /// The WASI exit status, when the trap is a `proc_exit`.
    pub(crate) exit: Option<u32>,
}

/// What an object is.
#[derive(Clone, Debug)]
pub(crate) enum Kind {
    Func(Func),
    Global(Global),
    Table(Table),
    Memory(Memory),
    /// An instance and its identity in the store.
    Instance(Instance, u64),
    /// A module and its identity (shared by copies and by modules
    /// obtained from one shared module).
    Module(Module, u64),
    Trap(Arc<TrapData>),
    Foreign(ExternRef),
}

/// A runtime object: what every C object pointer points to.
pub struct Object {
    /// The store (none for modules and traps made without one).
    pub(crate) store: Option<StoreRef>,
    pub(crate) kind: Kind,
    /// Host info of an object without identity in a store.
    local_info: Option<HostInfo>,
    /// A function's type, looked up on its first call through this handle
    /// (a function's type never changes).
    pub(crate) func_ty: OnceCell<crate::func::Signature>,
}

impl Object {
    pub(crate) fn new(store: Option<StoreRef>, kind: Kind) -> Object {
        Object {
            store,
            kind,
            local_info: None,
            func_ty: OnceCell::new(),
        }
    }

    /// A new C object.
    pub(crate) fn into_raw<T: ObjectType>(self) -> *mut T {
        crate::boxed(self).cast()
    }

    pub(crate) fn identity(&self) -> Option<Identity> {
        Some(match &self.kind {
            Kind::Func(f) => Identity::Func(*f),
            Kind::Global(g) => Identity::Global(*g),
            Kind::Table(t) => Identity::Table(*t),
            Kind::Memory(m) => Identity::Memory(*m),
            Kind::Instance(_, id) => Identity::Instance(*id),
            Kind::Foreign(e) => Identity::Foreign(*e),
            Kind::Module(..) | Kind::Trap(_) => return None,
        })
    }

    pub(crate) fn copy(&self) -> Object {
        Object::new(self.store.clone(), self.kind.clone())
    }

    fn same(&self, other: &Object) -> bool {
        let same_store = match (&self.store, &other.store) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            _ => true,
        };
        same_store
            && match (&self.kind, &other.kind) {
                (Kind::Module(_, a), Kind::Module(_, b)) => a == b,
                (Kind::Trap(a), Kind::Trap(b)) => Arc::ptr_eq(a, b),
                _ => self.identity().is_some() && self.identity() == other.identity(),
            }
    }

    fn host_info(&self) -> *mut c_void {
        match (self.identity(), &self.store) {
            (Some(id), Some(store)) => {
                store.with(|ctx| ctx.data().host_info.get(&id).map_or(ptr::null_mut(), |i| i.data))
            }
            _ => self.local_info.as_ref().map_or(ptr::null_mut(), |i| i.data),
        }
    }

    fn set_host_info(&mut self, data: *mut c_void, finalizer: Finalizer) {
        let info = HostInfo { data, finalizer };
        let old = match (self.identity(), &self.store) {
            (Some(id), Some(store)) => store.with(|mut ctx| ctx.data_mut().host_info.insert(id, info)),
            _ => self.local_info.replace(info),
        };
        // The old finalizer runs outside the store borrow.
        drop(old);
    }
}

/// The C object types: `#[repr(transparent)]` wrappers of [`Object`].
///
/// # Safety
///
/// Implementors are `#[repr(transparent)]` over `Object`.
pub(crate) unsafe trait ObjectType {
    /// Whether an object of `kind` may be viewed as this type.
    fn accepts(kind: &Kind) -> bool;
}

/// The object behind a C pointer.
///
/// # Safety
///
/// `p` is a live object of the C type `T` (or null).
#[inline(always)]
pub(crate) unsafe fn obj<'a, T: ObjectType>(p: *const T) -> Option<&'a Object> {
    // SAFETY: guaranteed by the caller; `T` is transparent over `Object`.
    unsafe { p.cast::<Object>().as_ref() }
}

macro_rules! object_type {
    ($(#[$doc:meta])* $t:ident, |$k:ident| $accepts:expr) => {
        $(#[$doc])*
        #[repr(transparent)]
        pub struct $t {
            pub(crate) obj: Object,
        }

        // SAFETY: `#[repr(transparent)]` over `Object`, just above.
        unsafe impl ObjectType for $t {
            fn accepts($k: &Kind) -> bool {
                $accepts
            }
        }
    };
}

object_type!(
    /// A reference to any runtime object.
    wasm_ref_t, |_k| true
);
object_type!(
    /// A function.
    wasm_func_t, |k| matches!(k, Kind::Func(_))
);
object_type!(
    /// A global.
    wasm_global_t, |k| matches!(k, Kind::Global(_))
);
object_type!(
    /// A table.
    wasm_table_t, |k| matches!(k, Kind::Table(_))
);
object_type!(
    /// A memory.
    wasm_memory_t, |k| matches!(k, Kind::Memory(_))
);
object_type!(
    /// An extern: a function, global, table or memory.
    wasm_extern_t, |k| matches!(k, Kind::Func(_) | Kind::Global(_) | Kind::Table(_) | Kind::Memory(_))
);
object_type!(
    /// An instance.
    wasm_instance_t, |k| matches!(k, Kind::Instance(..))
);
object_type!(
    /// A module.
    wasm_module_t, |k| matches!(k, Kind::Module(..))
);
object_type!(
    /// A trap.
    wasm_trap_t, |k| matches!(k, Kind::Trap(_))
);
object_type!(
    /// A foreign object: a host value Wasm sees as an `externref`.
    wasm_foreign_t, |k| matches!(k, Kind::Foreign(_))
);

/// Views an object pointer as another object type, or null if its kind does
/// not fit.
///
/// # Safety
///
/// `p` is null or a live object.
pub(crate) unsafe fn cast<F: ObjectType, T: ObjectType>(p: *const F) -> *const T {
    // SAFETY: guaranteed by the caller.
    match unsafe { obj(p) } {
        Some(o) if T::accepts(&o.kind) => p.cast(),
        _ => ptr::null(),
    }
}

macro_rules! ref_base {
    ($t:ident, $delete:ident, $copy:ident, $same:ident, $get:ident, $set:ident, $set_fin:ident) => {
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $delete(p: *mut $t) {
            if !p.is_null() {
                // SAFETY: an owned object (wasm.h's `own`) made by
                // `Object::into_raw`: a boxed `Object`.
                guard(|| (), || drop(unsafe { Box::from_raw(p.cast::<Object>()) }))
            }
        }

        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $copy(p: *const $t) -> *mut $t {
            // SAFETY: `p` is null or a live object (wasm.h).
            guard(ptr::null_mut, || match unsafe { obj(p) } {
                Some(o) => o.copy().into_raw(),
                None => ptr::null_mut(),
            })
        }

        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $same(a: *const $t, b: *const $t) -> bool {
            // SAFETY: `a` and `b` are null or live objects (wasm.h).
            let (a, b) = unsafe { (obj(a), obj(b)) };
            guard(
                || false,
                || match (a, b) {
                    (Some(a), Some(b)) => a.same(b),
                    (None, None) => true,
                    _ => false,
                },
            )
        }

        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $get(p: *const $t) -> *mut c_void {
            // SAFETY: `p` is null or a live object (wasm.h).
            let o = unsafe { obj(p) };
            guard(ptr::null_mut, || o.map_or(ptr::null_mut(), Object::host_info))
        }

        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $set(p: *mut $t, info: *mut c_void) {
            // SAFETY: `p` is a live object, used by this thread only (wasm.h).
            let o = unsafe { p.cast::<Object>().as_mut() };
            guard(
                || (),
                || {
                    if let Some(o) = o {
                        o.set_host_info(info, None)
                    }
                },
            )
        }

        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $set_fin(p: *mut $t, info: *mut c_void, finalizer: Finalizer) {
            // SAFETY: `p` is a live object, used by this thread only (wasm.h).
            let o = unsafe { p.cast::<Object>().as_mut() };
            guard(
                || (),
                || {
                    if let Some(o) = o {
                        o.set_host_info(info, finalizer)
                    }
                },
            )
        }
    };
}

macro_rules! ref_conversions {
    ($t:ident, $as_ref:ident, $as_ref_const:ident, $ref_as:ident, $ref_as_const:ident) => {
        #[unsafe(no_mangle)]
        pub extern "C" fn $as_ref(p: *mut $t) -> *mut wasm_ref_t {
            // Every object is a reference: a transparent cast.
            p.cast()
        }

        #[unsafe(no_mangle)]
        pub extern "C" fn $as_ref_const(p: *const $t) -> *const wasm_ref_t {
            p.cast()
        }

        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $ref_as(r: *mut wasm_ref_t) -> *mut $t {
            // SAFETY: `r` is null or a live reference (wasm.h).
            unsafe { cast::<wasm_ref_t, $t>(r) }.cast_mut()
        }

        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $ref_as_const(r: *const wasm_ref_t) -> *const $t {
            // SAFETY: `r` is null or a live reference (wasm.h).
            unsafe { cast::<wasm_ref_t, $t>(r) }
        }
    };
}

ref_base!(
    wasm_ref_t,
    wasm_ref_delete,
    wasm_ref_copy,
    wasm_ref_same,
    wasm_ref_get_host_info,
    wasm_ref_set_host_info,
    wasm_ref_set_host_info_with_finalizer
);

macro_rules! reference {
    ($t:ident: $delete:ident, $copy:ident, $same:ident, $get:ident, $set:ident, $set_fin:ident,
     $as_ref:ident, $as_ref_const:ident, $ref_as:ident, $ref_as_const:ident) => {
        ref_base!($t, $delete, $copy, $same, $get, $set, $set_fin);
        ref_conversions!($t, $as_ref, $as_ref_const, $ref_as, $ref_as_const);
    };
}

reference!(wasm_func_t: wasm_func_delete, wasm_func_copy, wasm_func_same, wasm_func_get_host_info,
    wasm_func_set_host_info, wasm_func_set_host_info_with_finalizer,
    wasm_func_as_ref, wasm_func_as_ref_const, wasm_ref_as_func, wasm_ref_as_func_const);
reference!(wasm_global_t: wasm_global_delete, wasm_global_copy, wasm_global_same, wasm_global_get_host_info,
    wasm_global_set_host_info, wasm_global_set_host_info_with_finalizer,
    wasm_global_as_ref, wasm_global_as_ref_const, wasm_ref_as_global, wasm_ref_as_global_const);
reference!(wasm_table_t: wasm_table_delete, wasm_table_copy, wasm_table_same, wasm_table_get_host_info,
    wasm_table_set_host_info, wasm_table_set_host_info_with_finalizer,
    wasm_table_as_ref, wasm_table_as_ref_const, wasm_ref_as_table, wasm_ref_as_table_const);
reference!(wasm_memory_t: wasm_memory_delete, wasm_memory_copy, wasm_memory_same, wasm_memory_get_host_info,
    wasm_memory_set_host_info, wasm_memory_set_host_info_with_finalizer,
    wasm_memory_as_ref, wasm_memory_as_ref_const, wasm_ref_as_memory, wasm_ref_as_memory_const);
reference!(wasm_extern_t: wasm_extern_delete, wasm_extern_copy, wasm_extern_same, wasm_extern_get_host_info,
    wasm_extern_set_host_info, wasm_extern_set_host_info_with_finalizer,
    wasm_extern_as_ref, wasm_extern_as_ref_const, wasm_ref_as_extern, wasm_ref_as_extern_const);
reference!(wasm_instance_t: wasm_instance_delete, wasm_instance_copy, wasm_instance_same, wasm_instance_get_host_info,
    wasm_instance_set_host_info, wasm_instance_set_host_info_with_finalizer,
    wasm_instance_as_ref, wasm_instance_as_ref_const, wasm_ref_as_instance, wasm_ref_as_instance_const);
reference!(wasm_module_t: wasm_module_delete, wasm_module_copy, wasm_module_same, wasm_module_get_host_info,
    wasm_module_set_host_info, wasm_module_set_host_info_with_finalizer,
    wasm_module_as_ref, wasm_module_as_ref_const, wasm_ref_as_module, wasm_ref_as_module_const);
reference!(wasm_trap_t: wasm_trap_delete, wasm_trap_copy, wasm_trap_same, wasm_trap_get_host_info,
    wasm_trap_set_host_info, wasm_trap_set_host_info_with_finalizer,
    wasm_trap_as_ref, wasm_trap_as_ref_const, wasm_ref_as_trap, wasm_ref_as_trap_const);
reference!(wasm_foreign_t: wasm_foreign_delete, wasm_foreign_copy, wasm_foreign_same, wasm_foreign_get_host_info,
    wasm_foreign_set_host_info, wasm_foreign_set_host_info_with_finalizer,
    wasm_foreign_as_ref, wasm_foreign_as_ref_const, wasm_ref_as_foreign, wasm_ref_as_foreign_const);

/// What an `externref` made by the C API holds: a foreign object's marker,
/// or another object passed where Wasm expects an `externref`.
pub(crate) enum ExternData {
    Foreign,
    Object(Kind),
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_foreign_new(store: *mut crate::wasm_store_t) -> *mut wasm_foreign_t {
    guard(ptr::null_mut, || {
        // SAFETY: `store` is a live store (wasm.h).
        let Some(store) = (unsafe { store.as_ref() }) else {
            return ptr::null_mut();
        };
        let store = store.cell.clone();
        let e = store.with(|ctx| ExternRef::new(ctx, ExternData::Foreign));
        Object::new(Some(store), Kind::Foreign(e)).into_raw()
    })
}

/// The `externref` a reference object is passed to Wasm as.
pub(crate) fn to_externref(ctx: &mut StoreContextMut<'_, StoreData>, o: &Object) -> ExternRef {
    match &o.kind {
        Kind::Foreign(e) => *e,
        other => ExternRef::new(ctx, ExternData::Object(other.clone())),
    }
}

/// The object of an `externref` coming out of Wasm.
pub(crate) fn from_externref(ctx: &StoreContextMut<'_, StoreData>, e: ExternRef) -> Kind {
    match e.data(ctx.as_context()).downcast_ref::<ExternData>() {
        Some(ExternData::Object(k)) => k.clone(),
        _ => Kind::Foreign(e),
    }
}
