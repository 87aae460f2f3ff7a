//! The runtime helpers compiled code calls ([`crate::abi::LibCall`]), in the
//! host's C convention, over the core's shared implementations
//! ([`concord_core::vm::libcalls`]). A helper that can fail raises the trap
//! in the store and returns 0; the caller then traps with
//! [`crate::abi::TRAP_PROPAGATE`].

use crate::abi::LibCall;
use concord_core::vm::{self, VmContext, libcalls as core};
use concord_core::{Trap, TrapCode};

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

/// The address of helper `lc`.
pub(crate) fn address(lc: LibCall) -> usize {
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

/// The address of one of Cranelift's own libcalls (emitted when the host
/// lacks an instruction, e.g. `roundss` without SSE4.1), if concord provides it.
pub(crate) fn cranelift_libcall(lc: cranelift_codegen::ir::LibCall) -> Option<usize> {
    use cranelift_codegen::ir::LibCall as L;
    Some(match lc {
        L::CeilF32 => ceil_f32 as *const () as usize,
        L::CeilF64 => ceil_f64 as *const () as usize,
        L::FloorF32 => floor_f32 as *const () as usize,
        L::FloorF64 => floor_f64 as *const () as usize,
        L::TruncF32 => trunc_f32 as *const () as usize,
        L::TruncF64 => trunc_f64 as *const () as usize,
        L::NearestF32 => nearest_f32 as *const () as usize,
        L::NearestF64 => nearest_f64 as *const () as usize,
        L::FmaF32 => fma_f32 as *const () as usize,
        L::FmaF64 => fma_f64 as *const () as usize,
        _ => return None,
    })
}
