//! Linear-memory helpers of the dispatch loop.

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

/// Reads `size <= 16` bytes little-endian.
///
/// # Safety
///
/// `p..p + size` is readable.
#[inline(always)]
pub(super) unsafe fn read_le(p: *const u8, size: usize) -> u128 {
    let mut buf = [0u8; 16];
    // SAFETY: guaranteed by the caller; `size <= 16` fits `buf`.
    unsafe { std::ptr::copy_nonoverlapping(p, buf.as_mut_ptr(), size.min(16)) };
    u128::from_le_bytes(buf)
}

/// Writes the low `size <= 8` bytes of `v` little-endian.
///
/// # Safety
///
/// `p..p + size` is writable.
#[inline(always)]
pub(super) unsafe fn write_le(p: *mut u8, size: usize, v: u64) {
    let buf = v.to_le_bytes();
    // SAFETY: guaranteed by the caller; `size <= 8` fits `buf`.
    unsafe { std::ptr::copy_nonoverlapping(buf.as_ptr(), p, size.min(8)) };
}
