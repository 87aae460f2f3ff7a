//! The runtime layout shared by every tier.
//!
//! Everything here is `#[repr(C)]` and read directly by generated code and
//! by the interpreter: [`VmContext`] (one per instance), [`VmFuncRef`] (one
//! per function: the entry of its current tier), [`VmMemory`], [`VmTable`],
//! [`VmGlobal`] and the store-wide [`VmRuntime`]. Offsets used by code
//! generators come from [`offsets`] and are pinned by tests.
//!
//! # The host-call ABI ("array call")
//!
//! Every boundary (host to Wasm, Wasm to host, tier to tier) can be crossed
//! with [`ArrayCallFn`]: `(callee, caller_vmctx, values, len) -> ok`. The
//! caller writes the arguments into `values[0..params]`; the callee writes
//! its results into `values[0..results]`; `len >= max(params, results)`.
//! A `false` return means a trap, whose [`Trap`] the callee stored with
//! [`raise`] (out of band, in the store).

pub mod libcalls;
mod memory;
pub mod stack;

pub use memory::LinearMemory;

use crate::store::StoreOpaque;
use crate::trap::Trap;
use crate::values::RawVal;
use std::ffi::c_void;
use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};

/// The array-call entry of a function; see the module docs.
///
/// # Safety
///
/// `callee` must point to a live [`VmFuncRef`]; `caller_vmctx` is the
/// calling instance's context, or null when called from the host; `values`
/// must be valid for `len` cells, `len >= max(params, results)`, with the
/// arguments of the callee's type in the first cells.
pub type ArrayCallFn = unsafe extern "C" fn(
    callee: *const VmFuncRef,
    caller_vmctx: *mut VmContext,
    values: *mut RawVal,
    len: usize,
) -> bool;

/// The current entry of a function: one per defined function per module,
/// shared by every instance of the module and every caller of any tier
/// (and one per host function). Replacing it (tier-up, lazy compilation)
/// is an atomic publish that every later call sees; see [`VmFuncEntry::publish`]
/// and RFC 0006.
#[derive(Debug)]
#[repr(C)]
pub struct VmFuncEntry {
    /// The array-call entry ([`ArrayCallFn`]) of the function's current tier.
    array_call: AtomicUsize,
    /// The native-convention entry (RFC 0005) of the current tier, or null
    /// when the current tier has none (interpreter, host, not yet compiled).
    wasm_call: AtomicPtr<u8>,
    /// The entry in the *wide* convention (RFC 0008), which takes arguments
    /// of any type the same way, so that any tail call can be a jump; null
    /// when the current tier has none (interpreter, host, not yet
    /// compiled). `rdi` = the callee's context, `rsi` = the caller's, `rdx`
    /// = the arguments as value cells (read before anything else, so they
    /// may sit in [`VmRuntime::tail_args`]), `r8` = the callee's
    /// [`VmFuncRef`]; the results come back in the native convention's
    /// registers when they fit, else they are stored to the cells at `rcx`.
    wide_call: AtomicPtr<u8>,
}

impl VmFuncEntry {
    /// An entry with the given array call and native call (or null).
    pub fn new(array_call: ArrayCallFn, wasm_call: *const u8) -> VmFuncEntry {
        VmFuncEntry {
            array_call: AtomicUsize::new(array_call as usize),
            wasm_call: AtomicPtr::new(wasm_call.cast_mut()),
            wide_call: AtomicPtr::new(std::ptr::null_mut()),
        }
    }

    /// The current array-call entry.
    #[inline(always)]
    pub fn array_call(&self) -> ArrayCallFn {
        let addr = self.array_call.load(Ordering::Acquire);
        // SAFETY: `array_call` only ever holds addresses of `ArrayCallFn`s
        // (written by `new` and `publish` from typed function pointers).
        unsafe { std::mem::transmute::<usize, ArrayCallFn>(addr) }
    }

    /// The current array-call entry's address, for comparisons.
    #[inline(always)]
    pub fn array_call_addr(&self) -> usize {
        self.array_call.load(Ordering::Acquire)
    }

    /// The current native-convention entry, or null.
    #[inline(always)]
    pub fn wasm_call(&self) -> *const u8 {
        self.wasm_call.load(Ordering::Acquire)
    }

    /// The current wide-convention entry, or null.
    #[inline(always)]
    pub fn wide_call(&self) -> *const u8 {
        self.wide_call.load(Ordering::Acquire)
    }

    /// Publishes new entry points. The native and wide entries are written
    /// first, so a caller that sees the new array call also sees them; a
    /// caller may still see the old set or a mix of old and new, all of
    /// which run the same function (code is never freed while its module
    /// lives), so the publish needs no lock.
    pub fn publish(&self, array_call: ArrayCallFn, wasm_call: *const u8, wide_call: *const u8) {
        self.wasm_call.store(wasm_call.cast_mut(), Ordering::Release);
        self.wide_call.store(wide_call.cast_mut(), Ordering::Release);
        self.array_call.store(array_call as usize, Ordering::Release);
    }
}

/// A function reference: what a `funcref` value points to, and what every
/// call goes through. One exists per function per instance (and per host
/// function); its address is stable for the store's lifetime.
#[derive(Debug)]
#[repr(C)]
pub struct VmFuncRef {
    /// The function's current entry, shared by all instances of its module.
    pub entry: *const VmFuncEntry,
    /// The instance the function belongs to (for host functions: the
    /// host function's own context, cast).
    pub vmctx: *mut VmContext,
    /// The engine-wide id of the function's signature (for `call_indirect`).
    pub type_id: u32,
    /// The function's index in its module; `u32::MAX` for host functions.
    pub func_index: u32,
    /// The function's index in the store (the [`crate::Func`] handle).
    pub store_index: u32,
}

/// A linear memory as code sees it.
#[derive(Debug)]
#[repr(C)]
pub struct VmMemory {
    /// Address of byte 0.
    pub base: *mut u8,
    /// Current size in bytes.
    pub length: usize,
}

/// A table as code sees it: an array of raw reference words.
#[derive(Debug)]
#[repr(C)]
pub struct VmTable {
    /// Address of element 0.
    pub base: *mut u64,
    /// Current number of elements.
    pub length: usize,
}

/// A global's storage.
#[derive(Debug, Default)]
#[repr(C)]
pub struct VmGlobal {
    /// The value (see [`RawVal`] for the encoding).
    pub value: RawVal,
}

/// Store-wide state that every tier reads and writes during execution.
#[derive(Debug)]
#[repr(C)]
pub struct VmRuntime {
    /// Fuel left. Meaningful only when the engine consumes fuel: before a
    /// basic block runs, its cost is subtracted; if that would make it
    /// negative, the block traps with `OutOfFuel` instead.
    pub fuel: i64,
    /// Lowest host stack address machine code may use.
    pub stack_limit: usize,
    /// Number of nested entries from the host into Wasm.
    pub depth: u32,
    /// The store (core-private).
    pub store: *mut c_void,
    /// Tail calls across the interpreter boundary (RFC 0008): an array-call
    /// site that can finish a tail call for its callee stores the callee's
    /// `VmFuncRef` here just before the call and clears it after. The
    /// interpreter's array call takes (and clears) it when it names its own
    /// callee: the activation may then end with [`VmRuntime::tail_callee`]
    /// instead of nesting a call to machine code.
    pub tail_accept: *const VmFuncRef,
    /// Set by an interpreter activation that ended in a tail call it left to
    /// its caller (which offered it with [`VmRuntime::tail_accept`]): the
    /// callee, of the same type as the activation's own callee, whose
    /// arguments are in the value cells (in place of results). The caller
    /// clears it and makes the call, replacing its own frame.
    pub tail_callee: *const VmFuncRef,
    /// Value cells, as many as a function type may have parameters
    /// ([`MAX_PARAMS`]), owned by the store: a tail call to a
    /// [`VmFuncEntry::wide_call`] entry leaves its arguments here, since
    /// the caller's frame is gone when the callee reads them (in its
    /// prologue, before anything else runs).
    pub tail_args: *mut RawVal,
    /// The engine's epoch counter (epoch interruption, see
    /// [`crate::Engine::increment_epoch`]): with
    /// [`crate::Config::epoch_interruption`], code loads it at each function
    /// entry and loop header and, when it is at least
    /// [`VmRuntime::epoch_deadline`], calls the slow path
    /// ([`libcalls::epoch_reached`], `LibCall::EpochReached`).
    pub epoch: *const std::sync::atomic::AtomicU64,
    /// The store's epoch deadline (`u64::MAX`: none).
    pub epoch_deadline: u64,
}

/// The most parameters a function type may have (the validator's limit),
/// and the size of [`VmRuntime::tail_args`].
pub const MAX_PARAMS: usize = 1000;

/// Per-instance context: everything code needs to reach its instance's state.
#[derive(Debug)]
#[repr(C)]
pub struct VmContext {
    /// The store's runtime state.
    pub runtime: *mut VmRuntime,
    /// Memory 0, or null if the instance has none.
    pub memory0: *mut VmMemory,
    /// All memories, imported first.
    pub memories: *const *mut VmMemory,
    /// All tables, imported first.
    pub tables: *const *mut VmTable,
    /// All globals, imported first.
    pub globals: *const *mut VmGlobal,
    /// All functions, imported first.
    pub funcs: *const *const VmFuncRef,
    /// Engine-wide type ids of the module's types, by type index.
    pub type_ids: *const u32,
    /// Each tier's artifact for the module ([`crate::backend::TierModule::code_ptr`]),
    /// by [`Tier::code_index`](crate::Tier::code_index): an array of
    /// [`crate::Tier::CODE_TIERS`] pointers, null for tiers not used by the
    /// module. A tier finds its artifact with [`tier_code`].
    pub code: *const AtomicPtr<()>,
    /// The entries of the module's defined functions, by defined index
    /// (shared by all instances of the module).
    pub entries: *const VmFuncEntry,
    /// The module's [`crate::module::ModuleInfo`].
    pub module: *const crate::module::ModuleInfo,
    /// The instance (core-private).
    pub instance: *mut c_void,
    /// All tags (exception handling), imported first: their identities.
    pub tags: *const *const VmTag,
    /// Table 0 (`tables[0]`), or null if the instance has none: one load
    /// less on the path of `call_indirect`.
    pub table0: *mut VmTable,
}

/// A tag (exception handling). Its identity is its address: two tags
/// are the same tag when they are the same `VmTag`.
#[derive(Debug)]
#[repr(C)]
pub struct VmTag {
    /// The engine-wide id of its type (payload types as parameters).
    pub type_id: u32,
    /// Its index in its store (core-private).
    pub store_index: u32,
}

/// An exception: what an `exnref` points to (never null). It lives as long
/// as its store.
#[derive(Debug)]
#[repr(C)]
pub struct VmExn {
    /// Its tag.
    pub tag: *const VmTag,
    /// Its payload, one cell per parameter of the tag's type.
    pub values: *const RawVal,
    /// Its index in its store (core-private).
    pub store_index: u32,
    /// The number of payload cells.
    pub len: u32,
}

/// Byte offsets of the layout, for code generators.
pub mod offsets {
    use super::*;
    use std::mem::offset_of;

    /// `VmContext::runtime`
    pub const VMCTX_RUNTIME: usize = offset_of!(VmContext, runtime);
    /// `VmContext::memory0`
    pub const VMCTX_MEMORY0: usize = offset_of!(VmContext, memory0);
    /// `VmContext::memories`
    pub const VMCTX_MEMORIES: usize = offset_of!(VmContext, memories);
    /// `VmContext::tables`
    pub const VMCTX_TABLES: usize = offset_of!(VmContext, tables);
    /// `VmContext::globals`
    pub const VMCTX_GLOBALS: usize = offset_of!(VmContext, globals);
    /// `VmContext::funcs`
    pub const VMCTX_FUNCS: usize = offset_of!(VmContext, funcs);
    /// `VmContext::type_ids`
    pub const VMCTX_TYPE_IDS: usize = offset_of!(VmContext, type_ids);
    /// `VmContext::entries`
    pub const VMCTX_ENTRIES: usize = offset_of!(VmContext, entries);
    /// `VmFuncRef::entry`
    pub const FUNCREF_ENTRY: usize = offset_of!(VmFuncRef, entry);
    /// `VmFuncEntry::array_call`
    pub const ENTRY_ARRAY_CALL: usize = offset_of!(VmFuncEntry, array_call);
    /// `VmFuncEntry::wasm_call`
    pub const ENTRY_WASM_CALL: usize = offset_of!(VmFuncEntry, wasm_call);
    /// `VmFuncEntry::wide_call`
    pub const ENTRY_WIDE_CALL: usize = offset_of!(VmFuncEntry, wide_call);
    /// Size of a `VmFuncEntry` (the stride of `VmContext::entries`).
    pub const ENTRY_SIZE: usize = size_of::<VmFuncEntry>();
    /// `VmFuncRef::vmctx`
    pub const FUNCREF_VMCTX: usize = offset_of!(VmFuncRef, vmctx);
    /// `VmFuncRef::type_id`
    pub const FUNCREF_TYPE_ID: usize = offset_of!(VmFuncRef, type_id);
    /// `VmMemory::base`
    pub const MEMORY_BASE: usize = offset_of!(VmMemory, base);
    /// `VmMemory::length`
    pub const MEMORY_LENGTH: usize = offset_of!(VmMemory, length);
    /// `VmTable::base`
    pub const TABLE_BASE: usize = offset_of!(VmTable, base);
    /// `VmTable::length`
    pub const TABLE_LENGTH: usize = offset_of!(VmTable, length);
    /// `VmRuntime::fuel`
    pub const RUNTIME_FUEL: usize = offset_of!(VmRuntime, fuel);
    /// `VmRuntime::stack_limit`
    pub const RUNTIME_STACK_LIMIT: usize = offset_of!(VmRuntime, stack_limit);
    /// `VmContext::tags`
    pub const VMCTX_TAGS: usize = offset_of!(VmContext, tags);
    /// `VmContext::table0`
    pub const VMCTX_TABLE0: usize = offset_of!(VmContext, table0);
    /// `VmExn::tag`
    pub const EXN_TAG: usize = offset_of!(VmExn, tag);
    /// `VmExn::values`
    pub const EXN_VALUES: usize = offset_of!(VmExn, values);
    /// `VmRuntime::tail_accept`
    pub const RUNTIME_TAIL_ACCEPT: usize = offset_of!(VmRuntime, tail_accept);
    /// `VmRuntime::tail_callee`
    pub const RUNTIME_TAIL_CALLEE: usize = offset_of!(VmRuntime, tail_callee);
    /// `VmRuntime::tail_args`
    pub const RUNTIME_TAIL_ARGS: usize = offset_of!(VmRuntime, tail_args);
    /// `VmRuntime::epoch`
    pub const RUNTIME_EPOCH: usize = offset_of!(VmRuntime, epoch);
    /// `VmRuntime::epoch_deadline`
    pub const RUNTIME_EPOCH_DEADLINE: usize = offset_of!(VmRuntime, epoch_deadline);
}

/// Records `trap` as the pending trap of the store that `runtime` belongs to.
/// The caller then returns `false` from its array call.
///
/// # Safety
///
/// `runtime` must be the live runtime of a store that is executing Wasm on
/// this thread.
pub unsafe fn raise(runtime: *mut VmRuntime, trap: Trap) {
    // SAFETY: the caller guarantees `runtime` is live; `store` was set by
    // the store at creation and points to its `StoreOpaque`, which outlives
    // every execution in it.
    let store = unsafe { &mut *((*runtime).store as *mut StoreOpaque) };
    store.pending_trap = Some(Box::new(trap));
}

/// The backtrace frame of function `func_index` of the instance of
/// `vmctx`, executing the instruction at byte offset `module_offset` of
/// its module's binary (see [`crate::FrameInfo`]), with the instance.
///
/// # Safety
///
/// `vmctx` is the live context of an instance whose store is executing on
/// this thread.
pub unsafe fn frame_info(vmctx: *const VmContext, func_index: u32, module_offset: Option<u32>) -> crate::FrameInfo {
    // SAFETY: guaranteed by the caller; the module outlives its instances.
    unsafe {
        let mut frame = (*(*vmctx).module).frame_info_at(func_index, module_offset);
        frame.instance = crate::instance::instance_of(vmctx);
        frame
    }
}

/// Takes the pending trap of the store, if any.
///
/// # Safety
///
/// As for [`raise`].
pub unsafe fn take_trap(runtime: *mut VmRuntime) -> Option<Box<Trap>> {
    // SAFETY: as in `raise`.
    let store = unsafe { &mut *((*runtime).store as *mut StoreOpaque) };
    store.pending_trap.take()
}

/// The artifact of `tier` for the module of `vmctx` (its
/// [`crate::backend::TierModule::code_ptr`]), or null if the module uses
/// no function of that tier.
///
/// # Safety
///
/// `vmctx` is the live context of an instance.
#[inline(always)]
pub unsafe fn tier_code(vmctx: *const VmContext, tier: crate::Tier) -> *const () {
    // SAFETY: the caller guarantees `vmctx` is live; `code` points to the
    // module's array of `Tier::CODE_TIERS` slots, which the module keeps
    // alive as long as its instances.
    unsafe { (*(*vmctx).code.add(tier.code_index())).load(Ordering::Acquire) }
}

/// Compiles the function of `callee` if it is still waiting for its first
/// call (its entry is the core's lazy entry) and publishes its entry;
/// returns `false` after raising a trap (`CompileError`) when compilation
/// fails. Tiers call this to resolve a lazy callee without a nested entry.
///
/// # Safety
///
/// `callee` is a live function reference of a defined function of an
/// instance whose store is executing on this thread.
pub unsafe fn compile_lazily(callee: *const VmFuncRef) -> bool {
    // SAFETY: guaranteed by the caller.
    unsafe { crate::code::compile_lazily(callee) }
}

/// The array call every not-yet-compiled function's entry starts with: it
/// compiles the function with its tier, publishes the entry and calls it.
pub fn lazy_array_call() -> ArrayCallFn {
    crate::code::lazy_array_call
}

/// Tier-up (RFC 0007): the hotness budget of function `func_index` of the
/// instance of `vmctx` ran out at `spot`. Queues the function (and, when a
/// frame needs it, the loop's OSR code) for compilation with the optimizing
/// tier, and answers with a new budget or with the OSR entry to continue
/// the frame in.
///
/// # Safety
///
/// `vmctx` is the live context of an instance whose store is executing on
/// this thread.
pub unsafe fn tier_up(
    vmctx: *mut VmContext,
    func_index: u32,
    spot: crate::tierup::HotSpot,
) -> crate::tierup::TierUpAction {
    // SAFETY: guaranteed by the caller.
    unsafe { crate::code::tier_up(vmctx, func_index, spot) }
}

/// A per-store slot where a backend keeps reusable scratch state (the
/// interpreter's value stacks). The backend takes its value out on entry and
/// puts it back on exit; a nested entry finds the slot empty and makes its own.
///
/// # Safety
///
/// As for [`raise`]; the returned reference must not outlive the execution
/// and must not be held across a call that may re-enter the store.
pub unsafe fn backend_scratch<'a>(runtime: *mut VmRuntime) -> &'a mut Option<Box<dyn std::any::Any + Send>> {
    // SAFETY: as in `raise`.
    let store = unsafe { &mut *((*runtime).store as *mut StoreOpaque) };
    &mut store.backend_scratch
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_is_pinned() {
        // Code generators hard-wire these offsets: changing the layout must
        // be a deliberate act that updates this test.
        let w = size_of::<usize>();
        assert_eq!(offsets::VMCTX_RUNTIME, 0);
        assert_eq!(offsets::VMCTX_MEMORY0, w);
        assert_eq!(offsets::VMCTX_MEMORIES, 2 * w);
        assert_eq!(offsets::VMCTX_TABLES, 3 * w);
        assert_eq!(offsets::VMCTX_GLOBALS, 4 * w);
        assert_eq!(offsets::VMCTX_FUNCS, 5 * w);
        assert_eq!(offsets::VMCTX_TYPE_IDS, 6 * w);
        assert_eq!(offsets::VMCTX_ENTRIES, 8 * w);
        assert_eq!(offsets::VMCTX_TAGS, 11 * w);
        assert_eq!(offsets::VMCTX_TABLE0, 12 * w);
        assert_eq!(size_of::<VmContext>(), 13 * w);
        assert_eq!(offsets::EXN_TAG, 0);
        assert_eq!(offsets::EXN_VALUES, w);
        assert_eq!(offsets::FUNCREF_ENTRY, 0);
        assert_eq!(offsets::FUNCREF_VMCTX, w);
        assert_eq!(offsets::FUNCREF_TYPE_ID, 2 * w);
        assert_eq!(offsets::ENTRY_ARRAY_CALL, 0);
        assert_eq!(offsets::ENTRY_WASM_CALL, w);
        assert_eq!(offsets::ENTRY_WIDE_CALL, 2 * w);
        assert_eq!(offsets::ENTRY_SIZE, 3 * w);
        assert_eq!(offsets::MEMORY_BASE, 0);
        assert_eq!(offsets::MEMORY_LENGTH, w);
        assert_eq!(offsets::TABLE_BASE, 0);
        assert_eq!(offsets::TABLE_LENGTH, w);
        assert_eq!(offsets::RUNTIME_FUEL, 0);
        assert_eq!(offsets::RUNTIME_STACK_LIMIT, 8);
        assert_eq!(offsets::RUNTIME_TAIL_ACCEPT, 32);
        assert_eq!(offsets::RUNTIME_TAIL_CALLEE, 40);
        assert_eq!(offsets::RUNTIME_TAIL_ARGS, 48);
        assert_eq!(offsets::RUNTIME_EPOCH, 56);
        assert_eq!(offsets::RUNTIME_EPOCH_DEADLINE, 64);
        assert_eq!(size_of::<VmGlobal>(), 16);
    }
}
