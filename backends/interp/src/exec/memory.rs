//! Linear-memory helpers of the handlers.

use concord_core::vm::VmContext;

/// Memory 0 of `vmctx` as `(base, length)`; `(null, 0)` without memory.
///
/// # Safety
///
/// `vmctx` is a live instance context.
#[inline(always)]
pub(super) unsafe fn load_mem0(vmctx: *mut VmContext) -> (*mut u8, usize) {
    // SAFETY: guaranteed by the caller; `memory0` is null or live.
    unsafe {
        let m = (*vmctx).memory0;
        if m.is_null() {
            (std::ptr::null_mut(), 0)
        } else {
            ((*m).base, (*m).length)
        }
    }
}

/// `memory.size` in pages.
///
/// # Safety
///
/// `vmctx` is a live instance context and `mem` a valid memory index.
#[inline]
pub(super) unsafe fn size_pages(vmctx: *mut VmContext, mem: u32) -> u64 {
    // SAFETY: guaranteed by the caller.
    unsafe { ((**(*vmctx).memories.add(mem as usize)).length as u64) / 65536 }
}
