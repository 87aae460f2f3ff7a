//! The store: owner of all runtime state (instances, functions, memories,
//! tables, globals, host values) and of the embedder's data `T`.

use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::instance::InstanceData;
use crate::trap::Trap;
use crate::types::{FuncType, GlobalType, MemoryType, TableType};
use crate::vm::{LinearMemory, VmFuncRef, VmGlobal, VmRuntime, VmTable};
use std::any::Any;
use std::sync::atomic::{AtomicU64, Ordering};

/// Identifies a store; handles carry it so misuse across stores is caught.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct StoreId(u64);

impl StoreId {
    fn fresh() -> StoreId {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        StoreId(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

/// The most nested host-to-Wasm entries on one thread of one store (each
/// uses host stack); beyond, calls trap with `StackOverflow`.
pub const MAX_HOST_NESTING: u32 = 64;

pub(crate) struct FuncEntry {
    pub(crate) funcref: *const VmFuncRef,
    pub(crate) ty: FuncType,
}

pub(crate) struct MemoryEntry {
    pub(crate) mem: LinearMemory,
    pub(crate) ty: MemoryType,
}

pub(crate) struct TableEntry {
    pub(crate) vm: VmTable,
    pub(crate) elements: Vec<u64>,
    pub(crate) ty: TableType,
}

/// The most elements a table may hold: growth beyond fails (returns -1).
///
/// Tiers rely on it being below `u32::MAX`: an index or length of a 64-bit
/// table of 2^32 or more may be narrowed to `u32::MAX`, still out of bounds
/// of every table (and too large a growth), and handled as for a 32-bit
/// table.
pub const MAX_TABLE_ELEMENTS: u64 = 10_000_000;

const _: () = assert!(MAX_TABLE_ELEMENTS < u32::MAX as u64);

impl TableEntry {
    pub(crate) fn new(ty: TableType, init: u64) -> Result<Box<TableEntry>> {
        if ty.minimum > MAX_TABLE_ELEMENTS {
            return Err(crate::error::LinkError::Resource(format!(
                "table of {} elements exceeds the limit of {MAX_TABLE_ELEMENTS}",
                ty.minimum
            ))
            .into());
        }
        let mut t = Box::new(TableEntry {
            vm: VmTable {
                base: std::ptr::null_mut(),
                length: 0,
            },
            elements: vec![init; ty.minimum as usize],
            ty,
        });
        t.sync();
        Ok(t)
    }

    fn sync(&mut self) {
        self.vm.base = self.elements.as_mut_ptr();
        self.vm.length = self.elements.len();
    }

    /// The most elements it may hold: its maximum, capped by
    /// [`MAX_TABLE_ELEMENTS`].
    fn maximum(&self) -> u64 {
        let index_limit = if self.ty.table64 { u64::MAX } else { u32::MAX as u64 };
        self.ty.maximum.unwrap_or(index_limit).min(MAX_TABLE_ELEMENTS)
    }

    /// Grows by `delta` elements set to `init` (within its maximum, checked
    /// by the caller); the old size.
    fn grow_unchecked(&mut self, new: u64, init: u64) -> u64 {
        let old = self.elements.len() as u64;
        self.elements.resize(new as usize, init);
        self.sync();
        old
    }
}

pub(crate) struct TagEntry {
    pub(crate) vm: crate::vm::VmTag,
    pub(crate) ty: FuncType,
}

pub(crate) struct ExnEntry {
    pub(crate) vm: crate::vm::VmExn,
    /// The payload `vm.values` points to.
    pub(crate) values: Box<[crate::values::RawVal]>,
    /// Whether a reference to it was ever handed out (an `exnref` value in
    /// Wasm, an [`crate::ExnRef`] to the host): then it lives as long as
    /// the store. One that was only thrown and caught is reused.
    pub(crate) exposed: bool,
}

pub(crate) struct GlobalEntry {
    pub(crate) vm: VmGlobal,
    pub(crate) ty: GlobalType,
}

/// A link error for a resource refused at creation.
fn resource(msg: String) -> Error {
    crate::error::LinkError::Resource(msg).into()
}

/// The size in bytes of `pages` Wasm pages (saturating).
fn pages_to_bytes(pages: u64) -> usize {
    usize::try_from(pages.saturating_mul(65536)).unwrap_or(usize::MAX)
}

/// The non-generic part of a store. `runtime.store` points here.
pub struct StoreOpaque {
    pub(crate) id: StoreId,
    pub(crate) engine: Engine,
    pub(crate) runtime: Box<VmRuntime>,
    /// The cells `VmRuntime::tail_args` points to.
    tail_args: Box<[crate::values::RawVal]>,
    pub(crate) funcs: Vec<FuncEntry>,
    #[expect(clippy::vec_box, reason = "boxed so addresses stay stable while the vector grows")]
    pub(crate) instances: Vec<Box<InstanceData>>,
    #[expect(clippy::vec_box, reason = "boxed so addresses stay stable while the vector grows")]
    pub(crate) memories: Vec<Box<MemoryEntry>>,
    #[expect(clippy::vec_box, reason = "boxed so addresses stay stable while the vector grows")]
    pub(crate) tables: Vec<Box<TableEntry>>,
    #[expect(clippy::vec_box, reason = "boxed so addresses stay stable while the vector grows")]
    pub(crate) globals: Vec<Box<GlobalEntry>>,
    #[expect(clippy::vec_box, reason = "boxed so addresses stay stable while the vector grows")]
    pub(crate) tags: Vec<Box<TagEntry>>,
    /// Every exception thrown or made in the store; each lives as long as
    /// the store (an `exnref` may be kept anywhere).
    #[expect(clippy::vec_box, reason = "boxed so addresses stay stable while the vector grows")]
    pub(crate) exns: Vec<Box<ExnEntry>>,
    /// Exceptions that were caught without ever being referenced: their
    /// entries are reused by the next throws.
    pub(crate) free_exns: Vec<u32>,
    /// The exception of the pending trap, when the trap is an uncaught
    /// exception on its way to a handler or to the host.
    pub(crate) pending_exn: Option<*mut crate::vm::VmExn>,
    /// Host function contexts (`HostFuncData<T>`), owned for the store's life.
    pub(crate) host_funcs: Vec<Box<dyn Any>>,
    pub(crate) externrefs: Vec<Box<dyn Any + Send + Sync>>,
    pub(crate) pending_trap: Option<Box<Trap>>,
    pub(crate) pending_panic: Option<Box<dyn Any + Send>>,
    /// An error returned by a host function, passed through to the caller of Wasm.
    pub(crate) pending_host_error: Option<Error>,
    pub(crate) backend_scratch: Option<Box<dyn Any + Send>>,
    /// What happens at the epoch deadline: `None` traps (see
    /// [`crate::epoch`]).
    pub(crate) epoch_callback: Option<crate::epoch::DeadlineCallback>,
    /// The resource limiter ([`Store::limiter`]), if any.
    limiter: Option<crate::limits::LimiterAccess>,
    /// The store's `StoreInner<T>` (for the type-erased callbacks).
    pub(crate) inner: *mut (),
}

impl StoreOpaque {
    /// The store's engine.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// A new tag of type `ty`: its store index.
    pub(crate) fn new_tag(&mut self, ty: FuncType) -> u32 {
        let index = self.tags.len() as u32;
        let type_id = self.engine.intern_type(&ty);
        self.tags.push(Box::new(TagEntry {
            vm: crate::vm::VmTag {
                type_id,
                store_index: index,
            },
            ty,
        }));
        index
    }

    /// A new exception of tag `tag` (a store index) with payload `values`.
    pub(crate) fn new_exn(&mut self, tag: u32, values: Box<[crate::values::RawVal]>) -> *mut crate::vm::VmExn {
        let tag: *const crate::vm::VmTag = &self.tags[tag as usize].vm;
        if let Some(index) = self.free_exns.pop() {
            let entry = &mut self.exns[index as usize];
            entry.vm.tag = tag;
            entry.vm.len = values.len() as u32;
            entry.values = values;
            entry.vm.values = entry.values.as_ptr();
            entry.exposed = false;
            return &mut entry.vm;
        }
        let index = self.exns.len() as u32;
        let mut entry = Box::new(ExnEntry {
            vm: crate::vm::VmExn {
                tag,
                values: std::ptr::null(),
                store_index: index,
                len: values.len() as u32,
            },
            values,
            exposed: false,
        });
        entry.vm.values = entry.values.as_ptr();
        self.exns.push(entry);
        &mut self.exns[index as usize].vm
    }

    /// A handler caught `exn`: the pending failure, if it is `exn`, is
    /// cleared; with `with_ref` the handler gets a reference to it, else
    /// (when no reference was ever handed out) its entry is reused.
    pub(crate) fn exn_caught(&mut self, exn: *mut crate::vm::VmExn, with_ref: bool) {
        if self.pending_exception() == Some(exn) {
            self.pending_trap = None;
            self.pending_exn = None;
        }
        // SAFETY: callers pass an exception of this store.
        let index = unsafe { (*exn).store_index };
        let entry = &mut self.exns[index as usize];
        if with_ref {
            entry.exposed = true;
        } else if !entry.exposed {
            entry.values = Box::new([]);
            entry.vm.values = entry.values.as_ptr();
            entry.vm.len = 0;
            self.free_exns.push(index);
        }
    }

    /// Marks `exn` as referenced from outside Wasm code (see
    /// [`ExnEntry::exposed`]).
    pub(crate) fn expose_exn(&mut self, index: u32) {
        if let Some(entry) = self.exns.get_mut(index as usize) {
            entry.exposed = true;
        }
    }

    /// Raises `exn` as the pending failure: an
    /// [`TrapCode::UncaughtException`](crate::TrapCode::UncaughtException)
    /// trap carrying it (its message, the payload, is written when it
    /// reaches the host), and the pending exception a handler takes back.
    pub(crate) fn raise_exception(&mut self, exn: *mut crate::vm::VmExn) {
        // SAFETY: callers pass an exception of this store.
        let index = unsafe { (*exn).store_index };
        self.pending_trap = Some(Box::new(Trap::throw(crate::values::ExnRef { store: self.id, index })));
        self.pending_exn = Some(exn);
    }

    /// The message of an uncaught exception: its payload.
    pub(crate) fn describe_exception(&self, exn: crate::values::ExnRef) -> Option<String> {
        let entry = self.exns.get(exn.index as usize)?;
        // SAFETY: an exception's tag is a tag of its store.
        let tag = unsafe { (*entry.vm.tag).store_index };
        let ty = &self.tags[tag as usize].ty;
        let payload: Vec<String> = ty
            .params()
            .iter()
            .zip(entry.values.iter())
            .map(|(t, v)| crate::vm::libcalls::describe_cell(*t, *v))
            .collect();
        (!payload.is_empty()).then(|| format!("payload [{}]", payload.join(", ")))
    }

    /// The pending exception, when the pending failure is one.
    pub(crate) fn pending_exception(&self) -> Option<*mut crate::vm::VmExn> {
        let is_exception = self
            .pending_trap
            .as_ref()
            .is_some_and(|t| t.code() == crate::TrapCode::UncaughtException);
        self.pending_exn.filter(|_| is_exception)
    }

    #[inline]
    pub(crate) fn check(&self, id: StoreId) {
        assert_eq!(id, self.id, "object used with the wrong store");
    }

    /// A blocking host call's view of the epoch deadline (see
    /// [`crate::Caller::interrupt`]).
    pub(crate) fn interrupt(&self) -> Option<crate::Interrupt> {
        (self.engine.config().epoch_interruption && self.epoch_callback.is_none())
            .then(|| crate::Interrupt::new(self.engine.epoch_state().clone(), self.runtime.epoch_deadline))
    }

    fn set_epoch_deadline(&mut self, ticks: u64) -> Result<()> {
        if !self.engine.config().epoch_interruption {
            return Err(crate::epoch::not_enabled());
        }
        self.runtime.epoch_deadline = self.engine.current_epoch().saturating_add(ticks);
        Ok(())
    }

    pub(crate) fn runtime_ptr(&mut self) -> *mut VmRuntime {
        &mut *self.runtime
    }

    /// A new memory of type `ty`, once the limiter allows it.
    pub(crate) fn new_memory(&mut self, ty: MemoryType) -> Result<u32> {
        let count = self.memories.len();
        if let Some(max) = self.with_limiter(|l| l.memories())
            && count >= max
        {
            return Err(resource(format!(
                "memory count of {} exceeds the limit of {max}",
                count + 1
            )));
        }
        let desired = pages_to_bytes(ty.minimum);
        let maximum = ty.maximum.map(pages_to_bytes);
        if let Some(allowed) = self.with_limiter(|l| l.memory_growing(0, desired, maximum))
            && !allowed?
        {
            return Err(resource(format!(
                "memory minimum size of {} pages exceeds memory limits",
                ty.minimum
            )));
        }
        let reservation = self.engine.config().memory_reservation;
        let mem = LinearMemory::new(ty.minimum, ty.maximum, ty.memory64, reservation)
            .map_err(crate::error::LinkError::Resource)?;
        self.memories.push(Box::new(MemoryEntry { mem, ty }));
        Ok(self.memories.len() as u32 - 1)
    }

    /// A new table of type `ty` with every element `init`, once the limiter
    /// allows it.
    pub(crate) fn new_table(&mut self, ty: TableType, init: u64) -> Result<u32> {
        let count = self.tables.len();
        if let Some(max) = self.with_limiter(|l| l.tables())
            && count >= max
        {
            return Err(resource(format!(
                "table count of {} exceeds the limit of {max}",
                count + 1
            )));
        }
        let desired = usize::try_from(ty.minimum).unwrap_or(usize::MAX);
        let maximum = ty.maximum.map(|m| usize::try_from(m).unwrap_or(usize::MAX));
        if let Some(allowed) = self.with_limiter(|l| l.table_growing(0, desired, maximum))
            && !allowed?
        {
            return Err(resource(format!(
                "table minimum size of {} elements exceeds table limits",
                ty.minimum
            )));
        }
        self.tables.push(TableEntry::new(ty, init)?);
        Ok(self.tables.len() as u32 - 1)
    }

    /// Checks the instance count before an instantiation.
    pub(crate) fn check_instance_count(&mut self) -> Result<()> {
        let count = self.instances.len();
        if let Some(max) = self.with_limiter(|l| l.instances())
            && count >= max
        {
            return Err(resource(format!(
                "instance count of {} exceeds the limit of {max}",
                count + 1
            )));
        }
        Ok(())
    }

    /// Grows memory `id` by `delta` pages, asking the limiter first: the
    /// old size in pages; `None` when the growth is denied or fails; `Err`
    /// when the limiter stops the guest.
    pub(crate) fn grow_memory(&mut self, id: u32, delta: u64) -> Result<Option<u64>> {
        let mem = &self.memories[id as usize].mem;
        let old = mem.pages();
        let declared = self.memories[id as usize].ty.maximum.map(pages_to_bytes);
        let Some(new) = old.checked_add(delta).filter(|&n| n <= mem.maximum_pages()) else {
            let err = Error::usage(format!(
                "cannot grow a memory of {old} pages by {delta}: past its maximum of {} pages",
                mem.maximum_pages()
            ));
            return self.memory_grow_failed(err).map(|()| None);
        };
        if delta == 0 {
            return Ok(Some(old));
        }
        if let Some(allowed) =
            self.with_limiter(|l| l.memory_growing(pages_to_bytes(old), pages_to_bytes(new), declared))
            && !allowed?
        {
            return Ok(None);
        }
        match self.memories[id as usize].mem.grow(delta) {
            Some(old) => Ok(Some(old)),
            None => {
                let err = Error::usage(format!("the host could not grow a memory to {new} pages"));
                self.memory_grow_failed(err).map(|()| None)
            }
        }
    }

    fn memory_grow_failed(&mut self, err: Error) -> Result<()> {
        self.with_limiter(|l| l.memory_grow_failed(err)).unwrap_or(Ok(()))
    }

    /// Grows table `id` by `delta` elements set to `init`, asking the
    /// limiter first; as [`StoreOpaque::grow_memory`].
    pub(crate) fn grow_table(&mut self, id: u32, delta: u64, init: u64) -> Result<Option<u64>> {
        let table = &self.tables[id as usize];
        let old = table.elements.len() as u64;
        let declared = table.ty.maximum.map(|m| usize::try_from(m).unwrap_or(usize::MAX));
        let Some(new) = old.checked_add(delta).filter(|&n| n <= table.maximum()) else {
            let err = Error::usage(format!(
                "cannot grow a table of {old} elements by {delta}: past its maximum of {}",
                table.maximum()
            ));
            return self
                .with_limiter(|l| l.table_grow_failed(err))
                .unwrap_or(Ok(()))
                .map(|()| None);
        };
        if let Some(allowed) = self.with_limiter(|l| l.table_growing(old as usize, new as usize, declared))
            && !allowed?
        {
            return Ok(None);
        }
        Ok(Some(self.tables[id as usize].grow_unchecked(new, init)))
    }

    /// Runs `f` with the store's limiter; `None` without one.
    fn with_limiter<R>(&mut self, f: impl FnOnce(&mut dyn crate::ResourceLimiter) -> R) -> Option<R> {
        let mut access = self.limiter.take()?;
        let mut f = Some(f);
        let mut out = None;
        access(self.inner, &mut |limiter| {
            if let Some(f) = f.take() {
                out = Some(f(limiter));
            }
        });
        self.limiter = Some(access);
        out
    }
}

#[repr(C)]
pub(crate) struct StoreInner<T> {
    // Must stay the first field: `runtime.store` points at it and host
    // trampolines cast that pointer back to `StoreInner<T>`.
    pub(crate) opaque: StoreOpaque,
    pub(crate) data: T,
}

/// Owns all runtime state and the embedder's data `T`.
pub struct Store<T> {
    pub(crate) inner: Box<StoreInner<T>>,
}

// SAFETY: the raw pointers inside a store point into allocations the store
// owns; nothing is shared with other stores or threads, so moving the whole
// store to another thread is sound when `T` can move.
unsafe impl<T: Send> Send for Store<T> {}
// SAFETY: shared access to a store only reads state.
unsafe impl<T: Sync> Sync for Store<T> {}

impl<T> Store<T> {
    /// A new store for `engine` holding `data`.
    pub fn new(engine: &Engine, data: T) -> Store<T> {
        let mut inner = Box::new(StoreInner {
            opaque: StoreOpaque {
                id: StoreId::fresh(),
                engine: engine.clone(),
                runtime: Box::new(VmRuntime {
                    fuel: 0,
                    stack_limit: 0,
                    depth: 0,
                    store: std::ptr::null_mut(),
                    tail_accept: std::ptr::null(),
                    tail_callee: std::ptr::null(),
                    tail_args: std::ptr::null_mut(),
                    epoch: &engine.epoch_state().counter,
                    epoch_deadline: u64::MAX,
                }),
                tail_args: vec![crate::values::RawVal::ZERO; crate::vm::MAX_PARAMS].into_boxed_slice(),
                funcs: Vec::new(),
                instances: Vec::new(),
                memories: Vec::new(),
                tables: Vec::new(),
                globals: Vec::new(),
                tags: Vec::new(),
                exns: Vec::new(),
                free_exns: Vec::new(),
                pending_exn: None,
                host_funcs: Vec::new(),
                externrefs: Vec::new(),
                pending_trap: None,
                pending_panic: None,
                pending_host_error: None,
                backend_scratch: None,
                epoch_callback: None,
                limiter: None,
                inner: std::ptr::null_mut(),
            },
            data,
        });
        let inner_ptr: *mut StoreInner<T> = &mut *inner;
        inner.opaque.inner = inner_ptr.cast();
        let opaque: *mut StoreOpaque = &mut inner.opaque;
        inner.opaque.runtime.store = opaque.cast();
        // A boxed slice does not move with the store.
        inner.opaque.runtime.tail_args = inner.opaque.tail_args.as_mut_ptr();
        Store { inner }
    }

    /// The engine.
    pub fn engine(&self) -> &Engine {
        &self.inner.opaque.engine
    }

    /// The embedder's data.
    pub fn data(&self) -> &T {
        &self.inner.data
    }

    /// The embedder's data, mutably.
    pub fn data_mut(&mut self) -> &mut T {
        &mut self.inner.data
    }

    /// Consumes the store, returning the embedder's data.
    pub fn into_data(self) -> T {
        let inner = *self.inner;
        inner.data
    }

    /// Sets the fuel available to execution. Requires `Config::consume_fuel`.
    pub fn set_fuel(&mut self, fuel: u64) -> Result<()> {
        if !self.engine().config().consume_fuel {
            return Err(Error::usage("fuel is not enabled in this engine's Config"));
        }
        self.inner.opaque.runtime.fuel = fuel.min(i64::MAX as u64) as i64;
        Ok(())
    }

    /// Sets the epoch deadline `ticks` ticks after the engine's current
    /// epoch: code running in this store stops (or runs the deadline
    /// callback) once [`Engine::increment_epoch`] has been called that many
    /// times. Until it is set there is no deadline. Requires
    /// [`crate::Config::epoch_interruption`].
    pub fn set_epoch_deadline(&mut self, ticks: u64) -> Result<()> {
        self.inner.opaque.set_epoch_deadline(ticks)
    }

    /// At the deadline, trap with [`crate::TrapCode::Interrupted`] (the
    /// default); removes a deadline callback.
    pub fn epoch_deadline_trap(&mut self) {
        self.inner.opaque.epoch_callback = None;
    }

    /// At the deadline, call `callback` with the store: it returns
    /// [`UpdateDeadline::Continue`](crate::UpdateDeadline) to go on with a
    /// new deadline, or an error, which stops execution as a host
    /// function's error does (return a [`crate::Trap`] to trap).
    pub fn epoch_deadline_callback(
        &mut self,
        mut callback: impl FnMut(StoreContextMut<'_, T>) -> Result<crate::UpdateDeadline> + Send + Sync + 'static,
    ) {
        self.inner.opaque.epoch_callback = Some(Box::new(move |inner: *mut ()| {
            // SAFETY: `inner` is this store's `StoreInner<T>` (set in
            // `Store::new`; the callback is only ever installed in, and
            // called by, the store it was built for), and the slow path
            // holds no other reference into the store while it runs.
            let inner = unsafe { &mut *inner.cast::<StoreInner<T>>() };
            callback(StoreContextMut(inner))
        }));
    }

    /// Installs a resource limiter: `limiter` finds it in the store's data
    /// (see [`crate::ResourceLimiter`] and [`crate::StoreLimits`]). It
    /// applies to what is created and grown from now on.
    pub fn limiter(
        &mut self,
        mut limiter: impl FnMut(&mut T) -> &mut (dyn crate::ResourceLimiter) + Send + Sync + 'static,
    ) {
        self.inner.opaque.limiter = Some(Box::new(
            move |inner: *mut (), visit: &mut dyn FnMut(&mut dyn crate::ResourceLimiter)| {
                // SAFETY: `inner` is this store's `StoreInner<T>` (set in
                // `Store::new`; the access is only ever installed in, and called
                // by, the store it was built for). Only the `data` field is
                // borrowed, which no other reference reaches during the call:
                // the store's own code holds only its `StoreOpaque`.
                let data = unsafe { &mut *std::ptr::addr_of_mut!((*inner.cast::<StoreInner<T>>()).data) };
                visit(limiter(data));
            },
        ));
    }

    /// The fuel left. Requires `Config::consume_fuel`.
    pub fn get_fuel(&self) -> Result<u64> {
        if !self.engine().config().consume_fuel {
            return Err(Error::usage("fuel is not enabled in this engine's Config"));
        }
        Ok(self.inner.opaque.runtime.fuel.max(0) as u64)
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Store<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("data", &self.inner.data)
            .finish_non_exhaustive()
    }
}

/// A shared borrow of a store.
pub struct StoreContext<'a, T>(pub(crate) &'a StoreInner<T>);

/// An exclusive borrow of a store.
pub struct StoreContextMut<'a, T>(pub(crate) &'a mut StoreInner<T>);

impl<'a, T> StoreContext<'a, T> {
    /// The embedder's data.
    pub fn data(&self) -> &'a T {
        &self.0.data
    }
    pub(crate) fn opaque(&self) -> &'a StoreOpaque {
        &self.0.opaque
    }
    pub(crate) fn into_opaque(self) -> &'a StoreOpaque {
        &self.0.opaque
    }
}

impl<T> StoreContextMut<'_, T> {
    /// The embedder's data.
    pub fn data(&self) -> &T {
        &self.0.data
    }
    /// See [`Store::set_epoch_deadline`] (for use in a deadline callback).
    pub fn set_epoch_deadline(&mut self, ticks: u64) -> Result<()> {
        self.0.opaque.set_epoch_deadline(ticks)
    }
    /// The embedder's data, mutably.
    pub fn data_mut(&mut self) -> &mut T {
        &mut self.0.data
    }
    pub(crate) fn opaque(&self) -> &StoreOpaque {
        &self.0.opaque
    }
    pub(crate) fn opaque_mut(&mut self) -> &mut StoreOpaque {
        &mut self.0.opaque
    }
}

/// Types that give shared access to a store: `&Store<T>`, `Caller`, contexts.
pub trait AsContext {
    /// The store's data type.
    type Data;
    /// Borrows the store.
    fn as_context(&self) -> StoreContext<'_, Self::Data>;
}

/// Types that give exclusive access to a store.
pub trait AsContextMut: AsContext {
    /// Borrows the store mutably.
    fn as_context_mut(&mut self) -> StoreContextMut<'_, Self::Data>;
}

impl<T> AsContext for Store<T> {
    type Data = T;
    fn as_context(&self) -> StoreContext<'_, T> {
        StoreContext(&self.inner)
    }
}
impl<T> AsContextMut for Store<T> {
    fn as_context_mut(&mut self) -> StoreContextMut<'_, T> {
        StoreContextMut(&mut self.inner)
    }
}
impl<T> AsContext for StoreContext<'_, T> {
    type Data = T;
    fn as_context(&self) -> StoreContext<'_, T> {
        StoreContext(self.0)
    }
}
impl<T> AsContext for StoreContextMut<'_, T> {
    type Data = T;
    fn as_context(&self) -> StoreContext<'_, T> {
        StoreContext(self.0)
    }
}
impl<T> AsContextMut for StoreContextMut<'_, T> {
    fn as_context_mut(&mut self) -> StoreContextMut<'_, T> {
        StoreContextMut(self.0)
    }
}
impl<S: AsContext + ?Sized> AsContext for &S {
    type Data = S::Data;
    fn as_context(&self) -> StoreContext<'_, S::Data> {
        (**self).as_context()
    }
}
impl<S: AsContext + ?Sized> AsContext for &mut S {
    type Data = S::Data;
    fn as_context(&self) -> StoreContext<'_, S::Data> {
        (**self).as_context()
    }
}
impl<S: AsContextMut + ?Sized> AsContextMut for &mut S {
    fn as_context_mut(&mut self) -> StoreContextMut<'_, S::Data> {
        (**self).as_context_mut()
    }
}

impl<'a, T> From<&'a Store<T>> for StoreContext<'a, T> {
    fn from(s: &'a Store<T>) -> Self {
        StoreContext(&s.inner)
    }
}
impl<'a, T> From<&'a mut Store<T>> for StoreContext<'a, T> {
    fn from(s: &'a mut Store<T>) -> Self {
        StoreContext(&s.inner)
    }
}
impl<'a, T> From<StoreContextMut<'a, T>> for StoreContext<'a, T> {
    fn from(s: StoreContextMut<'a, T>) -> Self {
        StoreContext(s.0)
    }
}
impl<'a, T> From<&'a crate::func::Caller<'_, T>> for StoreContext<'a, T> {
    fn from(c: &'a crate::func::Caller<'_, T>) -> Self {
        StoreContext(c.store)
    }
}
impl<'a, T> From<&'a mut crate::func::Caller<'_, T>> for StoreContext<'a, T> {
    fn from(c: &'a mut crate::func::Caller<'_, T>) -> Self {
        StoreContext(c.store)
    }
}

/// Calls `funcref` from the host with the array-call ABI, turning a failure
/// into the pending trap (or resuming a host panic).
///
/// # Safety
///
/// `funcref` must belong to `store`; `values` must hold the arguments of its
/// type and have room for its results.
pub(crate) unsafe fn invoke_raw(
    store: &mut StoreOpaque,
    funcref: *const VmFuncRef,
    values: &mut [crate::values::RawVal],
) -> Result<()> {
    let runtime = store.runtime_ptr();
    // SAFETY: `runtime` is owned by `store`, which is live.
    unsafe {
        if (*runtime).depth == 0 {
            // Machine code may use `max_wasm_stack` bytes below this entry,
            // and never the host's reserve at the bottom of the stack.
            let budget = crate::vm::stack::approximate_sp().saturating_sub(store.engine.config().max_wasm_stack);
            (*runtime).stack_limit = crate::vm::stack::stack_limit().max(budget);
        }
        if (*runtime).depth >= MAX_HOST_NESTING || crate::vm::stack::approximate_sp() < (*runtime).stack_limit {
            return Err(Trap::new(crate::trap::TrapCode::StackOverflow).into());
        }
        (*runtime).depth += 1;
        // No tail call is offered to this entry (a host function called by
        // an offering site may call back into Wasm).
        (*runtime).tail_accept = std::ptr::null();
    }
    let len = values.len();
    let ptr = values.as_mut_ptr();
    // SAFETY: guaranteed by the caller; the store is not touched through
    // `store` while the callee runs (the callee reaches it through
    // `runtime.store`).
    let ok = unsafe { ((*(*funcref).entry).array_call())(funcref, std::ptr::null_mut(), ptr, len) };
    // SAFETY: as above.
    unsafe { (*runtime).depth -= 1 };
    if ok {
        return Ok(());
    }
    store.pending_exn = None;
    if let Some(panic) = store.pending_panic.take() {
        std::panic::resume_unwind(panic);
    }
    let trap = store.pending_trap.take();
    if let Some(err) = store.pending_host_error.take() {
        return Err(err);
    }
    match trap {
        Some(mut trap) => {
            if let Some(exn) = trap.exception()
                && exn.store == store.id
            {
                store.expose_exn(exn.index);
            }
            if let Some(exn) = trap.exception()
                && trap.detail().is_none()
                && exn.store == store.id
                && let Some(message) = store.describe_exception(exn)
            {
                trap.set_message(message);
            }
            Err((*trap).into())
        }
        None => Err(crate::error::CompileError::Internal("a call failed without recording a trap".into()).into()),
    }
}
