//! Host stack bounds, so that entries into Wasm can refuse to run when the
//! host stack is nearly exhausted (a trap, not a crash), on any thread.

use std::cell::Cell;

/// Host stack kept free below the limit for host functions, signal
/// handling and the runtime's own frames.
pub const HOST_STACK_RESERVE: usize = 48 * 1024;

thread_local! {
    static LOW_BOUND: Cell<Option<usize>> = const { Cell::new(None) };
}

/// The lowest usable address of the current thread's stack, if the OS tells.
pub fn stack_low_bound() -> Option<usize> {
    LOW_BOUND.with(|cell| {
        if let Some(v) = cell.get() {
            return Some(v);
        }
        let v = query_low_bound()?;
        cell.set(Some(v));
        Some(v)
    })
}

/// The limit below which the stack pointer must not go when entering Wasm:
/// the stack's low bound plus [`HOST_STACK_RESERVE`]; 0 when unknown.
pub fn stack_limit() -> usize {
    stack_low_bound().map_or(0, |low| low + HOST_STACK_RESERVE)
}

/// An address in the current stack frame.
#[inline(always)]
pub fn approximate_sp() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

#[cfg(target_os = "linux")]
fn query_low_bound() -> Option<usize> {
    // SAFETY: `attr` is initialized by `pthread_getattr_np` before use and
    // destroyed afterwards; the out-pointers are valid locals.
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return None;
        }
        let mut addr: *mut libc::c_void = std::ptr::null_mut();
        let mut size: libc::size_t = 0;
        let rc = libc::pthread_attr_getstack(&attr, &mut addr, &mut size);
        libc::pthread_attr_destroy(&mut attr);
        if rc != 0 || addr.is_null() {
            return None;
        }
        Some(addr as usize)
    }
}

#[cfg(not(target_os = "linux"))]
fn query_low_bound() -> Option<usize> {
    None
}

/// Zeroed cells mapped directly from the OS, for a tier's heap-allocated
/// Wasm stack: pages become resident only when touched, whatever the
/// allocator's history (a large `calloc` may reuse dirty heap memory and
/// clear all of it), and are returned to the OS on drop.
pub struct ZeroedCells {
    ptr: std::ptr::NonNull<crate::values::RawVal>,
    len: usize,
    mapped: usize,
}

// SAFETY: the mapping is owned by this value and reached only through it.
unsafe impl Send for ZeroedCells {}

impl ZeroedCells {
    /// Maps `len` zeroed cells (at least one).
    pub fn new(len: usize) -> Result<ZeroedCells, String> {
        let len = len.max(1);
        let bytes = len
            .checked_mul(size_of::<crate::values::RawVal>())
            .ok_or("stack size overflows")?;
        let page = rustix::param::page_size();
        let mapped = bytes.div_ceil(page) * page;
        // SAFETY: a fresh private anonymous mapping at an address the kernel
        // picks aliases nothing; it reads as zeros.
        let ptr = unsafe {
            rustix::mm::mmap_anonymous(
                std::ptr::null_mut(),
                mapped,
                rustix::mm::ProtFlags::READ | rustix::mm::ProtFlags::WRITE,
                rustix::mm::MapFlags::PRIVATE,
            )
        }
        .map_err(|e| format!("cannot map a stack of {mapped} bytes: {e}"))?;
        let ptr = std::ptr::NonNull::new(ptr.cast()).ok_or("mmap returned null")?;
        Ok(ZeroedCells { ptr, len, mapped })
    }
}

impl std::ops::Deref for ZeroedCells {
    type Target = [crate::values::RawVal];
    fn deref(&self) -> &[crate::values::RawVal] {
        // SAFETY: the mapping holds `len` cells, zero-initialized by the
        // kernel (all-zero bytes are a valid `RawVal`), owned by `self`.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
    }
}

impl std::ops::DerefMut for ZeroedCells {
    fn deref_mut(&mut self) -> &mut [crate::values::RawVal] {
        // SAFETY: as in `deref`, borrowed mutably through `self`.
        unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.len) }
    }
}

impl Drop for ZeroedCells {
    fn drop(&mut self) {
        // SAFETY: the mapping is ours and no borrow of it outlives `self`.
        let _ = unsafe { rustix::mm::munmap(self.ptr.as_ptr().cast(), self.mapped) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stack_pointer_is_above_the_limit() {
        let limit = stack_limit();
        assert!(limit > 0);
        assert!(approximate_sp() > limit);
        let on_thread = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(|| (stack_limit(), approximate_sp()))
            .unwrap()
            .join()
            .unwrap();
        assert!(on_thread.1 > on_thread.0);
        assert!(on_thread.1 - on_thread.0 < 256 * 1024);
    }
}
