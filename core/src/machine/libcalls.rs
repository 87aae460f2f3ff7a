//! The runtime helpers machine code calls ([`LibCall`]), in the host's C
//! convention, over the core's shared implementations ([`crate::vm::libcalls`]),
//! and the float helpers a code generator may need when the host lacks an
//! instruction. A helper that can fail raises the trap in the store and
//! returns 0; the caller then traps with [`super::traps::TrapSite::Propagate`].

use crate::trap::{Trap, TrapCode};
use crate::values::RawVal;
use crate::vm::{self, VmContext, VmExn, VmFuncRef, libcalls as core};

/// Runtime helpers machine code calls, in the host's C convention; the
/// first parameter is always the calling instance's `*mut VmContext`.
/// Helpers returning an `i8` status have raised the trap when it is 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum LibCall {
    /// `(vmctx, memory: i32, delta: i64) -> i64` old size in pages, or -1.
    MemoryGrow = 0,
    /// `(vmctx, memory: i32, dst: i64, value: i32, len: i64) -> i8`.
    MemoryFill,
    /// `(vmctx, dst_memory: i32, src_memory: i32, dst: i64, src: i64, len: i64) -> i8`.
    MemoryCopy,
    /// `(vmctx, memory: i32, data: i32, dst: i64, src: i32, len: i32) -> i8`.
    MemoryInit,
    /// `(vmctx, data: i32)`.
    DataDrop,
    /// `(vmctx, table: i32, init: i64, delta: i64) -> i64` old size, or -1.
    TableGrow,
    /// `(vmctx, table: i32, dst: i64, value: i64, len: i64) -> i8`.
    TableFill,
    /// `(vmctx, dst_table: i32, src_table: i32, dst: i64, src: i64, len: i64) -> i8`.
    TableCopy,
    /// `(vmctx, table: i32, elem: i32, dst: i64, src: i32, len: i32) -> i8`.
    TableInit,
    /// `(vmctx, elem: i32)`.
    ElemDrop,
    /// `(vmctx, tag: i32, values: *const RawVal) -> *mut VmExn`: a new
    /// exception of the instance's tag `tag` whose payload is the tag
    /// type's parameters, one cell each at `values` (`throw`; the code then
    /// looks for a handler, else raises it with [`LibCall::ExnRaise`]).
    ExnNew,
    /// `(vmctx, exn: *mut VmExn)`: raises `exn` as the pending failure; the
    /// code then propagates it (a [`TrapSite::Propagate`](super::traps::TrapSite)
    /// site).
    ExnRaise,
    /// `(vmctx, exn: *mut VmExn, with_ref: i32)`: a handler of this
    /// function caught `exn` (thrown here, or from [`LibCall::CallCatching`]):
    /// clears the pending failure if it is `exn`. `with_ref` (0 or 1): the
    /// handler takes a reference to it (`catch_ref`, `catch_all_ref`); else
    /// the code keeps none, and its storage may be reused. Call it after
    /// reading the payload.
    ExnCatch,
    /// `(vmctx, callee: *const VmFuncRef, values: *mut RawVal, len: usize)
    /// -> i8`: a call inside a `try_table`, through the callee's array call
    /// (arguments in, results out of `values`, `len >= max(params,
    /// results)` cells). Returns 1 when it returned; 2 when it threw, with
    /// the exception's address in `values[0]` and the failure still pending
    /// (a handler clears it with [`LibCall::ExnCatch`], else the code
    /// propagates it); 0 for any other failure (propagate it).
    CallCatching,
    /// `(vmctx) -> !`: propagates the failure raised in the store (as a
    /// [`TrapSite::Propagate`](super::traps::TrapSite) trap does) without
    /// a signal; never returns ([`super::traps::propagate_now`]). For the
    /// exception paths, where failures are frequent.
    Propagate,
    /// `(vmctx) -> i8`: the slow path of an epoch check (the engine's epoch
    /// has reached `VmRuntime::epoch_deadline`): runs the store's deadline
    /// behaviour. 0: interrupted (propagate); 1: continue (reload memory
    /// bases: a deadline callback may grow memories).
    EpochReached,
}

impl LibCall {
    /// Every helper, by index.
    pub const ALL: &'static [LibCall] = &[
        LibCall::MemoryGrow,
        LibCall::MemoryFill,
        LibCall::MemoryCopy,
        LibCall::MemoryInit,
        LibCall::DataDrop,
        LibCall::TableGrow,
        LibCall::TableFill,
        LibCall::TableCopy,
        LibCall::TableInit,
        LibCall::ElemDrop,
        LibCall::ExnNew,
        LibCall::ExnRaise,
        LibCall::ExnCatch,
        LibCall::CallCatching,
        LibCall::Propagate,
        LibCall::EpochReached,
    ];
}

/// Raises `r`'s trap, if any, in the store of `vmctx`; returns 1 on success.
///
/// # Safety
///
/// `vmctx` is the live context of an instance executing on this thread.
unsafe fn status(vmctx: *mut VmContext, r: Result<(), TrapCode>) -> u8 {
    match r {
        Ok(()) => 1,
        Err(code) => {
            // SAFETY: guaranteed by the caller.
            unsafe { vm::raise((*vmctx).runtime, Trap::new(code)) };
            0
        }
    }
}

// SAFETY (for every helper below): compiled code calls these only with its
// own live `vmctx` and indices that validation guaranteed to be in range;
// the core's implementations check every dynamic operand.

unsafe extern "C" fn memory_grow(vmctx: *mut VmContext, memory: u32, delta: u64) -> i64 {
    // SAFETY: see above.
    unsafe { core::memory_grow(vmctx, memory, delta) }
}

unsafe extern "C" fn memory_fill(vmctx: *mut VmContext, memory: u32, dst: u64, value: u32, len: u64) -> u8 {
    // SAFETY: see above.
    unsafe { status(vmctx, core::memory_fill(vmctx, memory, dst, value as u8, len)) }
}

unsafe extern "C" fn memory_copy(
    vmctx: *mut VmContext,
    dst_mem: u32,
    src_mem: u32,
    dst: u64,
    src: u64,
    len: u64,
) -> u8 {
    // SAFETY: see above.
    unsafe { status(vmctx, core::memory_copy(vmctx, dst_mem, src_mem, dst, src, len)) }
}

unsafe extern "C" fn memory_init(vmctx: *mut VmContext, memory: u32, data: u32, dst: u64, src: u32, len: u32) -> u8 {
    // SAFETY: see above.
    unsafe {
        status(
            vmctx,
            core::memory_init(vmctx, memory, data, dst, src.into(), len.into()),
        )
    }
}

unsafe extern "C" fn data_drop(vmctx: *mut VmContext, data: u32) {
    // SAFETY: see above.
    unsafe { core::data_drop(vmctx, data) }
}

unsafe extern "C" fn table_grow(vmctx: *mut VmContext, table: u32, init: u64, delta: u64) -> i64 {
    // SAFETY: see above.
    unsafe { core::table_grow(vmctx, table, init, delta) }
}

unsafe extern "C" fn table_fill(vmctx: *mut VmContext, table: u32, dst: u64, value: u64, len: u64) -> u8 {
    // SAFETY: see above.
    unsafe { status(vmctx, core::table_fill(vmctx, table, dst, value, len)) }
}

unsafe extern "C" fn table_copy(vmctx: *mut VmContext, dst_t: u32, src_t: u32, dst: u64, src: u64, len: u64) -> u8 {
    // SAFETY: see above.
    unsafe { status(vmctx, core::table_copy(vmctx, dst_t, src_t, dst, src, len)) }
}

unsafe extern "C" fn table_init(vmctx: *mut VmContext, table: u32, elem: u32, dst: u64, src: u32, len: u32) -> u8 {
    // SAFETY: see above.
    unsafe { status(vmctx, core::table_init(vmctx, table, elem, dst, src.into(), len.into())) }
}

unsafe extern "C" fn elem_drop(vmctx: *mut VmContext, elem: u32) {
    // SAFETY: see above.
    unsafe { core::elem_drop(vmctx, elem) }
}

unsafe extern "C" fn exn_new(vmctx: *mut VmContext, tag: u32, values: *const RawVal) -> *mut VmExn {
    // SAFETY: see above; the code passes the payload's cells.
    unsafe { core::exn_new(vmctx, tag, values) }
}

unsafe extern "C" fn exn_raise(vmctx: *mut VmContext, exn: *mut VmExn) {
    // SAFETY: see above; `exn` came from `exn_new` or an `exnref` of the store.
    unsafe { core::exn_throw(vmctx, exn) }
}

unsafe extern "C" fn exn_catch(vmctx: *mut VmContext, exn: *mut VmExn, with_ref: u32) {
    // SAFETY: see above; the code read the payload before this call, and
    // keeps a reference only when it says so.
    unsafe { core::exn_catch(vmctx, exn, with_ref != 0) }
}

unsafe extern "C" fn call_catching(
    vmctx: *mut VmContext,
    callee: *const VmFuncRef,
    values: *mut RawVal,
    len: usize,
) -> u8 {
    // SAFETY: see above; `callee` is a live function reference of the
    // store (checked non-null and of the right type by the code, as for
    // any call) and `values` has `len` cells for its arguments and results.
    unsafe {
        // No tail call is offered to this entry (RFC 0008).
        (*(*vmctx).runtime).tail_accept = std::ptr::null();
        if ((*(*callee).entry).array_call())(callee, vmctx, values, len) {
            return 1;
        }
        let exn = core::exn_pending(vmctx);
        if exn.is_null() {
            return 0;
        }
        *values = RawVal::from_ref(exn as u64);
        2
    }
}

unsafe extern "C" fn epoch_reached(vmctx: *mut VmContext) -> u8 {
    // SAFETY: see above.
    u8::from(unsafe { core::epoch_reached(vmctx) })
}

/// The address of helper `lc`.
pub fn address(lc: LibCall) -> usize {
    match lc {
        LibCall::MemoryGrow => memory_grow as *const () as usize,
        LibCall::MemoryFill => memory_fill as *const () as usize,
        LibCall::MemoryCopy => memory_copy as *const () as usize,
        LibCall::MemoryInit => memory_init as *const () as usize,
        LibCall::DataDrop => data_drop as *const () as usize,
        LibCall::TableGrow => table_grow as *const () as usize,
        LibCall::TableFill => table_fill as *const () as usize,
        LibCall::TableCopy => table_copy as *const () as usize,
        LibCall::TableInit => table_init as *const () as usize,
        LibCall::ElemDrop => elem_drop as *const () as usize,
        LibCall::ExnNew => exn_new as *const () as usize,
        LibCall::ExnRaise => exn_raise as *const () as usize,
        LibCall::ExnCatch => exn_catch as *const () as usize,
        LibCall::CallCatching => call_catching as *const () as usize,
        LibCall::Propagate => super::traps::propagate_now as *const () as usize,
        LibCall::EpochReached => epoch_reached as *const () as usize,
    }
}

extern "C" fn ceil_f32(x: f32) -> f32 {
    x.ceil()
}
extern "C" fn ceil_f64(x: f64) -> f64 {
    x.ceil()
}
extern "C" fn floor_f32(x: f32) -> f32 {
    x.floor()
}
extern "C" fn floor_f64(x: f64) -> f64 {
    x.floor()
}
extern "C" fn trunc_f32(x: f32) -> f32 {
    x.trunc()
}
extern "C" fn trunc_f64(x: f64) -> f64 {
    x.trunc()
}
extern "C" fn nearest_f32(x: f32) -> f32 {
    x.round_ties_even()
}
extern "C" fn nearest_f64(x: f64) -> f64 {
    x.round_ties_even()
}
extern "C" fn fma_f32(a: f32, b: f32, c: f32) -> f32 {
    a.mul_add(b, c)
}
extern "C" fn fma_f64(a: f64, b: f64, c: f64) -> f64 {
    a.mul_add(b, c)
}

/// Float operations a code generator may call out of line when the host
/// lacks an instruction (`roundss` without SSE4.1, `vfmadd` without FMA).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FloatHelper {
    /// `f32.ceil`
    CeilF32,
    /// `f64.ceil`
    CeilF64,
    /// `f32.floor`
    FloorF32,
    /// `f64.floor`
    FloorF64,
    /// `f32.trunc`
    TruncF32,
    /// `f64.trunc`
    TruncF64,
    /// `f32.nearest`
    NearestF32,
    /// `f64.nearest`
    NearestF64,
    /// fused multiply-add, `f32`
    FmaF32,
    /// fused multiply-add, `f64`
    FmaF64,
}

/// The address of float helper `h` (host C convention, floats in and out).
pub fn float_helper(h: FloatHelper) -> usize {
    use FloatHelper as F;
    match h {
        F::CeilF32 => ceil_f32 as *const () as usize,
        F::CeilF64 => ceil_f64 as *const () as usize,
        F::FloorF32 => floor_f32 as *const () as usize,
        F::FloorF64 => floor_f64 as *const () as usize,
        F::TruncF32 => trunc_f32 as *const () as usize,
        F::TruncF64 => trunc_f64 as *const () as usize,
        F::NearestF32 => nearest_f32 as *const () as usize,
        F::NearestF64 => nearest_f64 as *const () as usize,
        F::FmaF32 => fma_f32 as *const () as usize,
        F::FmaF64 => fma_f64 as *const () as usize,
    }
}
