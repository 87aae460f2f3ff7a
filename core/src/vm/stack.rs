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
    // The main thread's stack: from its mapping, as `pthread_getattr_np`
    // finds it, without its `sscanf` of every line (a good part of a
    // small program's start-up); other threads' stacks are known to the
    // thread library without it.
    // SAFETY: plain system calls without arguments.
    if unsafe { libc::gettid() == libc::getpid() } {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: `limit` is a valid out-pointer.
        let limited = unsafe { libc::getrlimit(libc::RLIMIT_STACK, &mut limit) } == 0;
        if limited && let Ok(maps) = std::fs::read("/proc/self/maps") {
            #[allow(clippy::unnecessary_cast, reason = "`rlim_t` is narrower on some targets")]
            let rlimit = (limit.rlim_cur != libc::RLIM_INFINITY).then_some(limit.rlim_cur as u64);
            if let Some(low) = main_stack_low_bound(&maps, approximate_sp(), rlimit) {
                return Some(low);
            }
        }
    }
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

/// The lowest address the main thread's stack may grow down to, given
/// `/proc/self/maps` and an address in it: its mapping's end less the
/// stack size limit (`None`: unlimited) in whole pages, and never below
/// the mapping before it (the bound glibc's `pthread_getattr_np` gives).
#[cfg_attr(
    not(target_os = "linux"),
    allow(dead_code, reason = "the main thread is found this way on Linux only")
)]
fn main_stack_low_bound(maps: &[u8], sp: usize, rlimit: Option<u64>) -> Option<usize> {
    // A hexadecimal number at the start of `s`, and what follows it.
    fn hex(s: &[u8]) -> Option<(usize, &[u8])> {
        let digits = s.iter().take_while(|b| b.is_ascii_hexdigit()).count();
        if digits == 0 || digits > 2 * size_of::<usize>() {
            return None;
        }
        let value = s[..digits]
            .iter()
            .fold(0, |v, &b| v << 4 | (b as char).to_digit(16).unwrap_or(0) as usize);
        Some((value, &s[digits..]))
    }
    let size = rlimit.map_or(usize::MAX, |r| usize::try_from(r).unwrap_or(usize::MAX) & !4095);
    let bound = |stack_end: usize, prev_end: usize| stack_end.saturating_sub(size).max(prev_end);
    // `start-end perms ...`, in address order: from the last line back (the
    // stack is near the end) to the stack's and the one before it.
    let mut stack_end = None;
    for line in maps.rsplit(|&b| b == b'\n').filter(|line| !line.is_empty()) {
        let (start, rest) = hex(line)?;
        let (end, _) = hex(rest.strip_prefix(b"-")?)?;
        if let Some(stack_end) = stack_end {
            return Some(bound(stack_end, end));
        }
        if (start..end).contains(&sp) {
            stack_end = Some(end);
        }
    }
    stack_end.map(|end| bound(end, 0))
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
    fn the_main_stack_bound_comes_from_its_mapping() {
        let maps = b"55d0c0000000-55d0c0021000 r--p 00000000 fe:00 1 /bin/x\n\
            7f0000000000-7f0000100000 rw-p 00000000 00:00 0\n\
            7ffd00000000-7ffd00021000 rw-p 00000000 00:00 0                          [stack]\n\
            7ffd000f0000-7ffd000f2000 r-xp 00000000 00:00 0                          [vdso]\n";
        let sp = 0x7ffd_0002_0000;
        // The limit in whole pages below the mapping's end.
        assert_eq!(
            main_stack_low_bound(maps, sp, Some(0x10_0000 + 5)),
            Some(0x7ffd_0002_1000 - 0x10_0000)
        );
        // Never below the mapping before it.
        assert_eq!(main_stack_low_bound(maps, sp, Some(1 << 40)), Some(0x7f00_0010_0000));
        assert_eq!(main_stack_low_bound(maps, sp, None), Some(0x7f00_0010_0000));
        // Not in any mapping, or nothing to read.
        assert_eq!(main_stack_low_bound(maps, 0x1000, Some(8 << 20)), None);
        assert_eq!(main_stack_low_bound(b"", sp, Some(8 << 20)), None);
    }

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
