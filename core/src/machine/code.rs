//! Executable memory: mapped writable, filled and relocated, then made
//! read-and-execute (never writable and executable at once), unmapped when
//! its module is dropped.

use rustix::mm::{MapFlags, MprotectFlags, ProtFlags};
use std::ptr::NonNull;

/// A block of machine code (one module's, or one batch of functions').
#[derive(Debug)]
pub struct CodeMemory {
    base: NonNull<u8>,
    /// Bytes mapped (a whole number of pages).
    mapped: usize,
    /// Whether the memory is executable (and no longer writable).
    published: bool,
}

// SAFETY: the mapping is owned by this value; after `publish` it is
// immutable, and before that only `&mut self` writes to it.
unsafe impl Send for CodeMemory {}
// SAFETY: as above.
unsafe impl Sync for CodeMemory {}

impl CodeMemory {
    /// Maps `len` writable bytes (at least one page).
    pub fn new(len: usize) -> Result<CodeMemory, String> {
        let page = rustix::param::page_size();
        let mapped = len.max(1).div_ceil(page) * page;
        // SAFETY: a fresh anonymous mapping at an address the kernel picks
        // aliases nothing.
        let ptr = unsafe {
            rustix::mm::mmap_anonymous(
                std::ptr::null_mut(),
                mapped,
                ProtFlags::READ | ProtFlags::WRITE,
                MapFlags::PRIVATE,
            )
        }
        .map_err(|e| format!("cannot map {mapped} bytes of code memory: {e}"))?;
        let base = NonNull::new(ptr.cast::<u8>()).ok_or("mmap returned null")?;
        Ok(CodeMemory {
            base,
            mapped,
            published: false,
        })
    }

    /// The writable bytes, before [`CodeMemory::publish`].
    pub fn bytes_mut(&mut self) -> &mut [u8] {
        assert!(!self.published, "code memory is no longer writable");
        // SAFETY: the mapping is `mapped` readable and writable bytes owned
        // by `self`, borrowed mutably.
        unsafe { std::slice::from_raw_parts_mut(self.base.as_ptr(), self.mapped) }
    }

    /// Makes the memory read-and-execute.
    pub fn publish(&mut self) -> Result<(), String> {
        // SAFETY: the range is our own mapping; nothing holds a mutable
        // borrow of it (`bytes_mut` borrows `self`).
        unsafe {
            rustix::mm::mprotect(
                self.base.as_ptr().cast(),
                self.mapped,
                MprotectFlags::READ | MprotectFlags::EXEC,
            )
        }
        .map_err(|e| format!("cannot make code executable: {e}"))?;
        self.published = true;
        Ok(())
    }

    /// Address of byte 0.
    pub fn base(&self) -> usize {
        self.base.as_ptr() as usize
    }

    /// Bytes mapped.
    pub fn len(&self) -> usize {
        self.mapped
    }

    /// Whether nothing is mapped (never: at least one page is).
    pub fn is_empty(&self) -> bool {
        self.mapped == 0
    }
}

impl Drop for CodeMemory {
    fn drop(&mut self) {
        // SAFETY: the mapping is ours and its module (the only user of the
        // code) is being dropped.
        let _ = unsafe { rustix::mm::munmap(self.base.as_ptr().cast(), self.mapped) };
    }
}
