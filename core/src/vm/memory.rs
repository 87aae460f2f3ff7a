//! Linear memory backed by an anonymous mapping.
//!
//! A memory reserves `Config::memory_reservation` bytes of address space up
//! front (inaccessible), and makes its current size readable and writable.
//! Growth within the reservation only changes protections, so the base never
//! moves and machine code may rely on the guard region. A memory larger
//! than the reservation (or any memory when the reservation is zero) is
//! re-mapped on growth and may move; every tier reloads the base from
//! [`VmMemory`] after any call that can grow memory.

use super::VmMemory;
use rustix::mm::{MapFlags, MprotectFlags, ProtFlags};
use std::ptr;

/// Bytes in a Wasm page.
pub const WASM_PAGE_SIZE: u64 = 65536;

/// The most pages a 32-bit memory can have.
pub const MAX_PAGES_32: u64 = 65536;

/// The most pages a 64-bit memory can have (the memory64 proposal's limit,
/// 2^48 pages: the whole 64-bit address space). The host's address space
/// refuses far less: allocation beyond what it can reserve fails.
pub const MAX_PAGES_64: u64 = 1 << 48;

/// A linear memory. Owns its mapping.
#[derive(Debug)]
pub struct LinearMemory {
    vm: VmMemory,
    /// Bytes mapped (accessible or not) at `vm.base`.
    mapped: usize,
    /// Maximum size in pages (declared maximum, capped by the index type).
    maximum_pages: u64,
    reservation: usize,
}

// SAFETY: the mapping is owned exclusively by this value; access to it is
// synchronized by the `&mut` discipline of the store that owns it.
unsafe impl Send for LinearMemory {}
// SAFETY: as above; shared references only read the descriptor.
unsafe impl Sync for LinearMemory {}

impl LinearMemory {
    /// Creates a memory of `minimum` pages that may grow to `maximum`
    /// (capped by the index type: 65536 pages for a 32-bit memory, 2^48
    /// for a 64-bit one). A minimum the host cannot reserve is an error.
    pub fn new(minimum: u64, maximum: Option<u64>, memory64: bool, reservation: u64) -> Result<LinearMemory, String> {
        let limit = if memory64 { MAX_PAGES_64 } else { MAX_PAGES_32 };
        let maximum_pages = maximum.unwrap_or(limit).min(limit);
        if minimum > maximum_pages {
            return Err(format!("memory minimum of {minimum} pages exceeds the limit"));
        }
        let bytes = pages_to_bytes(minimum)
            .ok_or_else(|| format!("a memory of {minimum} pages is larger than this host's address space"))?;
        let reservation = usize::try_from(reservation).unwrap_or(usize::MAX);
        // Reserve the whole configured region even when the memory's maximum
        // is smaller: machine code relies on everything past the current
        // length, up to the reservation, faulting (it elides bounds checks
        // whose reach fits in the reservation).
        let mapped = if reservation > bytes { reservation } else { bytes };
        let mut mem = LinearMemory {
            vm: VmMemory {
                base: ptr::null_mut(),
                length: 0,
            },
            mapped: 0,
            maximum_pages,
            reservation,
        };
        if mapped > 0 {
            mem.vm.base = map(mapped)?;
            mem.mapped = mapped;
        }
        if bytes > 0 {
            make_accessible(mem.vm.base, bytes)?;
        }
        mem.vm.length = bytes;
        Ok(mem)
    }

    /// The descriptor code reads; its address is stable for the memory's life.
    pub fn vm(&mut self) -> *mut VmMemory {
        &mut self.vm
    }

    /// Current size in pages.
    pub fn pages(&self) -> u64 {
        self.vm.length as u64 / WASM_PAGE_SIZE
    }

    /// Current size in bytes.
    pub fn len(&self) -> usize {
        self.vm.length
    }

    /// Whether the memory has no bytes.
    pub fn is_empty(&self) -> bool {
        self.vm.length == 0
    }

    /// Maximum size in pages.
    pub fn maximum_pages(&self) -> u64 {
        self.maximum_pages
    }

    /// The memory's bytes.
    pub fn data(&self) -> &[u8] {
        if self.vm.length == 0 {
            return &[];
        }
        // SAFETY: `base..base+length` is mapped readable and writable and
        // owned by `self`; the shared borrow of `self` prevents growth (and
        // so unmapping) while the slice lives.
        unsafe { std::slice::from_raw_parts(self.vm.base, self.vm.length) }
    }

    /// The memory's bytes, mutably.
    pub fn data_mut(&mut self) -> &mut [u8] {
        if self.vm.length == 0 {
            return &mut [];
        }
        // SAFETY: as in `data`, with exclusive access through `&mut self`.
        unsafe { std::slice::from_raw_parts_mut(self.vm.base, self.vm.length) }
    }

    /// Grows by `delta` pages; returns the old size in pages, or `None`
    /// (memory unchanged) if the maximum or the host refuses.
    pub fn grow(&mut self, delta: u64) -> Option<u64> {
        let old = self.pages();
        let new = old.checked_add(delta)?;
        if new > self.maximum_pages {
            return None;
        }
        if delta == 0 {
            return Some(old);
        }
        let new_bytes = pages_to_bytes(new)?;
        if new_bytes <= self.mapped {
            // SAFETY: the range lies within our own mapping.
            let tail = unsafe { self.vm.base.add(self.vm.length) };
            make_accessible(tail, new_bytes - self.vm.length).ok()?;
        } else {
            // Move to a larger mapping.
            let mapped = if self.reservation > new_bytes {
                self.reservation
            } else {
                new_bytes
            };
            let base = map(mapped).ok()?;
            if make_accessible(base, new_bytes).is_err() {
                // SAFETY: `base` is the mapping we just made, of `mapped` bytes.
                unsafe { unmap(base, mapped) };
                return None;
            }
            if self.vm.length > 0 {
                // SAFETY: both ranges are accessible mappings of at least
                // `length` bytes and are distinct mappings.
                unsafe { ptr::copy_nonoverlapping(self.vm.base, base, self.vm.length) };
            }
            if self.mapped > 0 {
                // SAFETY: the old mapping is ours and nothing refers to it
                // once `vm.base` is replaced below (code reloads the base).
                unsafe { unmap(self.vm.base, self.mapped) };
            }
            self.vm.base = base;
            self.mapped = mapped;
        }
        self.vm.length = new_bytes;
        Some(old)
    }
}

impl Drop for LinearMemory {
    fn drop(&mut self) {
        if self.mapped > 0 {
            // SAFETY: the mapping is owned by `self` and no longer used.
            unsafe { unmap(self.vm.base, self.mapped) };
        }
    }
}

/// `pages` in bytes, if that fits in the host's address space.
fn pages_to_bytes(pages: u64) -> Option<usize> {
    pages
        .checked_mul(WASM_PAGE_SIZE)
        .and_then(|bytes| usize::try_from(bytes).ok())
        .filter(|&bytes| bytes <= isize::MAX as usize)
}

fn map(len: usize) -> Result<*mut u8, String> {
    // SAFETY: an anonymous private mapping at an address the kernel chooses
    // aliases nothing.
    let p = unsafe {
        rustix::mm::mmap_anonymous(
            ptr::null_mut(),
            len,
            ProtFlags::empty(),
            MapFlags::PRIVATE | MapFlags::NORESERVE,
        )
    };
    p.map(|p| p.cast::<u8>())
        .map_err(|e| format!("cannot reserve {len} bytes for a linear memory: {e}"))
}

fn make_accessible(base: *mut u8, len: usize) -> Result<(), String> {
    // SAFETY: callers pass a page-aligned range inside a mapping they own.
    unsafe { rustix::mm::mprotect(base.cast(), len, MprotectFlags::READ | MprotectFlags::WRITE) }
        .map_err(|e| format!("cannot commit {len} bytes of linear memory: {e}"))
}

/// # Safety
///
/// `base..base+len` must be a whole mapping owned by the caller, unused afterwards.
unsafe fn unmap(base: *mut u8, len: usize) {
    // SAFETY: guaranteed by the caller. A failure leaks address space only.
    let _ = unsafe { rustix::mm::munmap(base.cast(), len) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_in_place_within_the_reservation() {
        let mut m = LinearMemory::new(1, None, false, 6 << 30).unwrap();
        let base = m.vm().cast_const();
        let b0 = m.vm.base;
        m.data_mut()[65535] = 7;
        assert_eq!(m.grow(2), Some(1));
        assert_eq!(m.vm.base, b0);
        assert_eq!(m.len(), 3 * 65536);
        assert_eq!(m.data()[65535], 7);
        assert_eq!(m.data()[3 * 65536 - 1], 0);
        assert_eq!(m.vm().cast_const(), base);
    }

    #[test]
    fn moves_without_reservation_and_keeps_contents() {
        let mut m = LinearMemory::new(1, Some(4), false, 0).unwrap();
        m.data_mut()[10] = 42;
        assert_eq!(m.grow(1), Some(1));
        assert_eq!(m.data()[10], 42);
        assert_eq!(m.grow(3), None);
        assert_eq!(m.pages(), 2);
        assert_eq!(m.grow(0), Some(2));
    }

    #[test]
    fn empty_memory_grows() {
        let mut m = LinearMemory::new(0, None, false, 6 << 30).unwrap();
        assert!(m.data().is_empty());
        assert_eq!(m.grow(1), Some(0));
        assert_eq!(m.len(), 65536);
        assert_eq!(m.grow(65536), None);
    }

    #[test]
    fn a_64_bit_memory_grows_past_4_gib_and_fails_cleanly_beyond_the_host() {
        let mut m = LinearMemory::new(1, None, true, 0).unwrap();
        assert_eq!(m.maximum_pages(), MAX_PAGES_64);
        // 2^47 pages is 2^63 bytes: no host reserves that.
        assert_eq!(m.grow(1 << 47), None);
        assert_eq!(m.grow(MAX_PAGES_64), None);
        assert_eq!(m.grow(u64::MAX), None);
        assert_eq!(m.pages(), 1);
        // Past 4 GiB (address space only: the pages are never touched).
        assert_eq!(m.grow(65536), Some(1));
        assert_eq!(m.len(), 65537 * 65536);
        let err = LinearMemory::new(MAX_PAGES_64, None, true, 0).unwrap_err();
        assert!(err.contains("address space"), "{err}");
        let err = LinearMemory::new(1 << 40, None, true, 0).unwrap_err();
        assert!(err.contains("cannot reserve"), "{err}");
    }
}
