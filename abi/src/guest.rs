//! Checked access to a guest's linear memory.
//!
//! Every address a guest passes is a `u32` offset into its memory. Nothing
//! here trusts one: each access computes its end in `u64` (so `ptr + len`
//! and `len * size` cannot wrap) and compares it with the memory's current
//! length, returning [`Errno::Fault`] (`EFAULT`) when any byte falls
//! outside. Where preview1 specifies another error, that one is used:
//! a string that is not UTF-8 is [`Errno::Ilseq`], an out-of-range enum tag
//! or unknown flag bits are [`Errno::Inval`].
//!
//! **Alignment.** Preview1 does not require the guest to align pointers, and
//! some producers do not; values are read and written byte-wise in little
//! endian, so an unaligned pointer is accepted (as wasmtime does). The
//! layouts' alignments are still exported ([`GuestType::ALIGN`]) for the
//! reference and for hosts that want to check.
//!
//! **Host allocations.** No function here allocates on the host from a
//! number the guest chose without first checking that the described bytes
//! lie inside guest memory, so an allocation is bounded by the memory size
//! (at most 4 GiB, and in practice far less: [`GuestArray::read_all`] is
//! the only allocating reader).

use crate::wasi_snapshot_preview1::Errno;
use std::fmt;
use std::marker::PhantomData;
use std::ops::Range;

/// A guest's linear memory, as seen by a host function for the duration of
/// one call: every access is bounds- and overflow-checked.
pub struct GuestMemory<'a> {
    bytes: &'a mut [u8],
    /// The store's epoch deadline, for calls that block (see
    /// [`GuestMemory::interrupt`]).
    interrupt: Option<concord_core::Interrupt>,
    /// The host work of the call so far, in fuel units (RFC 0010).
    work: std::cell::Cell<u64>,
}

impl fmt::Debug for GuestMemory<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GuestMemory").field("len", &self.bytes.len()).finish()
    }
}

impl<'a> GuestMemory<'a> {
    /// Wraps the bytes of a linear memory (e.g. `Memory::data_mut`).
    pub fn new(bytes: &'a mut [u8]) -> GuestMemory<'a> {
        GuestMemory {
            bytes,
            interrupt: None,
            work: std::cell::Cell::new(0),
        }
    }

    /// With the calling store's epoch deadline (`Caller::interrupt`), which
    /// a call that blocks watches (see [`GuestMemory::interrupt`]).
    pub fn with_interrupt(mut self, interrupt: Option<concord_core::Interrupt>) -> GuestMemory<'a> {
        self.interrupt = interrupt;
        self
    }

    /// The store's epoch deadline, when the engine interrupts at epochs
    /// and the store traps at its deadline: a call that blocks (a sleep, a
    /// read on a pipe or socket) waits through it, so that it ends
    /// promptly with [`WasiError::Interrupted`](crate::WasiError) once the
    /// deadline passes.
    pub fn interrupt(&self) -> Option<&concord_core::Interrupt> {
        self.interrupt.as_ref()
    }

    /// Records `units` of host work (RFC 0010: one per array element
    /// read, one per started 64 bytes moved between the host and the
    /// guest); the glue charges the total as fuel when the call returns.
    pub fn charge(&self, units: u64) {
        self.work.set(self.work.get().saturating_add(units));
    }

    /// Records the work of moving `bytes` bytes (one unit per started 64).
    pub fn charge_bytes(&self, bytes: u64) {
        self.charge(bytes.div_ceil(64));
    }

    /// The host work recorded so far.
    pub fn work(&self) -> u64 {
        self.work.get()
    }

    /// The memory's current length in bytes.
    pub fn len(&self) -> u64 {
        self.bytes.len() as u64
    }

    /// Whether the memory has no bytes at all.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// Checks that the `len` bytes at `offset` lie inside the memory and
    /// returns them as a host range. `Errno::Fault` otherwise (including
    /// when `offset + len` overflows).
    pub fn check(&self, offset: u32, len: u64) -> Result<Range<usize>, Errno> {
        let end = u64::from(offset).checked_add(len).ok_or(Errno::Fault)?;
        if end > self.len() {
            return Err(Errno::Fault);
        }
        // Both fit in usize: they are at most the length of a host slice.
        Ok(offset as usize..end as usize)
    }

    /// The `len` bytes at `offset`.
    pub fn bytes(&self, offset: u32, len: u32) -> Result<&[u8], Errno> {
        let range = self.check(offset, u64::from(len))?;
        Ok(&self.bytes[range])
    }

    /// The `len` bytes at `offset`, mutably.
    pub fn bytes_mut(&mut self, offset: u32, len: u32) -> Result<&mut [u8], Errno> {
        let range = self.check(offset, u64::from(len))?;
        Ok(&mut self.bytes[range])
    }

    /// Copies `src` into the memory at `offset`.
    pub fn write_bytes(&mut self, offset: u32, src: &[u8]) -> Result<(), Errno> {
        let range = self.check(offset, src.len() as u64)?;
        self.bytes[range].copy_from_slice(src);
        self.charge_bytes(src.len() as u64);
        Ok(())
    }

    /// Reads `N` bytes at `offset` (any alignment).
    pub fn read_array<const N: usize>(&self, offset: u32) -> Result<[u8; N], Errno> {
        let range = self.check(offset, N as u64)?;
        let mut out = [0; N];
        out.copy_from_slice(&self.bytes[range]);
        Ok(out)
    }

    /// Reads the value `ptr` points to.
    pub fn read<T: GuestType>(&self, ptr: GuestPtr<T>) -> Result<T, Errno> {
        T::read(self, ptr.offset())
    }

    /// Writes `value` where `ptr` points.
    pub fn write<T: GuestType>(&mut self, ptr: GuestPtr<T>, value: &T) -> Result<(), Errno> {
        T::write(self, ptr.offset(), value)
    }

    /// Checks that a whole `T` at `ptr` lies inside the memory (used to
    /// reject a bad out-pointer before a function has any effect).
    pub fn check_ptr<T: GuestType>(&self, ptr: GuestPtr<T>) -> Result<(), Errno> {
        self.check(ptr.offset(), u64::from(T::SIZE)).map(drop)
    }

    /// The whole memory, unchecked (it is the host's own slice).
    pub fn as_slice(&self) -> &[u8] {
        self.bytes
    }

    /// The whole memory, mutably.
    pub fn as_mut_slice(&mut self) -> &mut [u8] {
        self.bytes
    }
}

/// `offset + delta`, or `Errno::Fault` if it leaves the 32-bit address space.
/// Used by the generated readers and writers for field offsets.
pub fn offset_add(offset: u32, delta: u32) -> Result<u32, Errno> {
    offset.checked_add(delta).ok_or(Errno::Fault)
}

/// A type with a fixed preview1 layout in guest memory.
///
/// Readers and writers check every byte they touch and do not require
/// `offset` to be aligned (see the module docs).
pub trait GuestType: Sized {
    /// Size in bytes in guest memory.
    const SIZE: u32;
    /// Alignment in bytes in guest memory (informational; not enforced).
    const ALIGN: u32;
    /// Reads a value at `offset`.
    fn read(mem: &GuestMemory<'_>, offset: u32) -> Result<Self, Errno>;
    /// Writes `value` at `offset`.
    fn write(mem: &mut GuestMemory<'_>, offset: u32, value: &Self) -> Result<(), Errno>;
}

macro_rules! guest_int {
    ($($t:ty),*) => {$(
        impl GuestType for $t {
            const SIZE: u32 = size_of::<$t>() as u32;
            const ALIGN: u32 = size_of::<$t>() as u32;
            #[inline]
            fn read(mem: &GuestMemory<'_>, offset: u32) -> Result<Self, Errno> {
                Ok(<$t>::from_le_bytes(mem.read_array(offset)?))
            }
            #[inline]
            fn write(mem: &mut GuestMemory<'_>, offset: u32, value: &Self) -> Result<(), Errno> {
                mem.write_bytes(offset, &value.to_le_bytes())
            }
        }
    )*};
}

guest_int!(u8, i8, u16, i16, u32, i32, u64, i64);

/// A pointer into guest memory to a `T` (a `u32` offset, unchecked until
/// used).
pub struct GuestPtr<T> {
    offset: u32,
    _marker: PhantomData<fn() -> T>,
}

impl<T> GuestPtr<T> {
    /// A pointer at `offset`.
    pub const fn new(offset: u32) -> GuestPtr<T> {
        GuestPtr {
            offset,
            _marker: PhantomData,
        }
    }

    /// The offset in guest memory.
    pub const fn offset(self) -> u32 {
        self.offset
    }

    /// The same address as a pointer to another type.
    pub const fn cast<U>(self) -> GuestPtr<U> {
        GuestPtr::new(self.offset)
    }
}

impl<T: GuestType> GuestPtr<T> {
    /// The pointer `n` elements further, or `Errno::Fault` if that leaves
    /// the 32-bit address space.
    pub fn element(self, n: u32) -> Result<GuestPtr<T>, Errno> {
        let offset = u64::from(self.offset) + u64::from(n) * u64::from(T::SIZE);
        u32::try_from(offset).map(GuestPtr::new).map_err(|_| Errno::Fault)
    }

    /// Reads the value pointed to.
    pub fn read(self, mem: &GuestMemory<'_>) -> Result<T, Errno> {
        mem.read(self)
    }

    /// Writes the value pointed to.
    pub fn write(self, mem: &mut GuestMemory<'_>, value: &T) -> Result<(), Errno> {
        mem.write(self, value)
    }
}

impl<T> Clone for GuestPtr<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for GuestPtr<T> {}
impl<T> PartialEq for GuestPtr<T> {
    fn eq(&self, other: &Self) -> bool {
        self.offset == other.offset
    }
}
impl<T> Eq for GuestPtr<T> {}
impl<T> fmt::Debug for GuestPtr<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GuestPtr({:#x})", self.offset)
    }
}

impl<T> GuestType for GuestPtr<T> {
    const SIZE: u32 = 4;
    const ALIGN: u32 = 4;
    fn read(mem: &GuestMemory<'_>, offset: u32) -> Result<Self, Errno> {
        u32::read(mem, offset).map(GuestPtr::new)
    }
    fn write(mem: &mut GuestMemory<'_>, offset: u32, value: &Self) -> Result<(), Errno> {
        u32::write(mem, offset, &value.offset)
    }
}

/// A guest array: `len` elements of `T` starting at `ptr` (a witx `list`,
/// passed as pointer and length).
pub struct GuestArray<T> {
    ptr: GuestPtr<T>,
    len: u32,
}

impl<T> GuestArray<T> {
    /// The array of `len` elements at `offset`.
    pub const fn new(offset: u32, len: u32) -> GuestArray<T> {
        GuestArray {
            ptr: GuestPtr::new(offset),
            len,
        }
    }

    /// Where the array starts.
    pub const fn ptr(&self) -> GuestPtr<T> {
        self.ptr
    }

    /// How many elements the guest says it has (unchecked).
    pub const fn len(&self) -> u32 {
        self.len
    }

    /// Whether it has no elements.
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl<T: GuestType> GuestArray<T> {
    /// The array's size in bytes (cannot overflow: `u32 * u32` fits in `u64`).
    pub fn byte_len(&self) -> u64 {
        u64::from(self.len) * u64::from(T::SIZE)
    }

    /// Checks that the whole array lies inside the memory.
    pub fn check(&self, mem: &GuestMemory<'_>) -> Result<(), Errno> {
        mem.check(self.ptr.offset(), self.byte_len()).map(drop)
    }

    /// A pointer to element `index`, if `index < len` (the element itself is
    /// checked when read).
    pub fn get(&self, index: u32) -> Option<GuestPtr<T>> {
        if index < self.len {
            self.ptr.element(index).ok()
        } else {
            None
        }
    }

    /// Iterates over the elements, after checking that the whole array is
    /// inside the memory.
    pub fn iter<'m>(
        &self,
        mem: &'m GuestMemory<'_>,
    ) -> Result<impl ExactSizeIterator<Item = Result<T, Errno>> + 'm, Errno> {
        self.check(mem)?;
        mem.charge(u64::from(self.len));
        let start = self.ptr.offset();
        // In bounds: checked above, so each `start + i * SIZE` fits in u32.
        Ok((0..self.len).map(move |i| T::read(mem, start + i * T::SIZE)))
    }

    /// Reads every element into a vector. The array is checked against the
    /// memory first, so the allocation is bounded by the memory's size.
    pub fn read_all(&self, mem: &GuestMemory<'_>) -> Result<Vec<T>, Errno> {
        self.iter(mem)?.collect()
    }
}

impl GuestArray<u8> {
    /// The array's bytes.
    pub fn as_bytes<'m>(&self, mem: &'m GuestMemory<'_>) -> Result<&'m [u8], Errno> {
        mem.bytes(self.ptr.offset(), self.len)
    }

    /// The array's bytes, mutably.
    pub fn as_bytes_mut<'m>(&self, mem: &'m mut GuestMemory<'_>) -> Result<&'m mut [u8], Errno> {
        mem.bytes_mut(self.ptr.offset(), self.len)
    }
}

impl<T> Clone for GuestArray<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for GuestArray<T> {}
impl<T> PartialEq for GuestArray<T> {
    fn eq(&self, other: &Self) -> bool {
        self.ptr == other.ptr && self.len == other.len
    }
}
impl<T> Eq for GuestArray<T> {}
impl<T> fmt::Debug for GuestArray<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GuestArray({:#x}, len {})", self.ptr.offset(), self.len)
    }
}

/// A guest string: `len` bytes of UTF-8 at `ptr` (a witx `string`, passed
/// as pointer and length; not NUL-terminated).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct GuestStr {
    offset: u32,
    len: u32,
}

impl GuestStr {
    /// The string of `len` bytes at `offset`.
    pub const fn new(offset: u32, len: u32) -> GuestStr {
        GuestStr { offset, len }
    }

    /// Where the string starts.
    pub const fn offset(&self) -> u32 {
        self.offset
    }

    /// Its length in bytes (unchecked).
    pub const fn len(&self) -> u32 {
        self.len
    }

    /// Whether it is empty.
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The raw bytes (`Errno::Fault` if outside memory).
    pub fn as_bytes<'m>(&self, mem: &'m GuestMemory<'_>) -> Result<&'m [u8], Errno> {
        let bytes = mem.bytes(self.offset, self.len)?;
        mem.charge_bytes(u64::from(self.len));
        Ok(bytes)
    }

    /// The string (`Errno::Fault` if outside memory, `Errno::Ilseq` if not
    /// UTF-8, as preview1 specifies for paths).
    pub fn as_str<'m>(&self, mem: &'m GuestMemory<'_>) -> Result<&'m str, Errno> {
        std::str::from_utf8(self.as_bytes(mem)?).map_err(|_| Errno::Ilseq)
    }
}

impl fmt::Debug for GuestStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GuestStr({:#x}, len {})", self.offset, self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_at_the_edges() {
        let mut bytes = vec![0u8; 16];
        let mem = GuestMemory::new(&mut bytes);
        assert_eq!(mem.check(0, 16), Ok(0..16));
        assert_eq!(mem.check(16, 0), Ok(16..16));
        assert_eq!(mem.check(15, 1), Ok(15..16));
        assert_eq!(mem.check(15, 2), Err(Errno::Fault));
        assert_eq!(mem.check(17, 0), Err(Errno::Fault));
        assert_eq!(mem.check(u32::MAX, 1), Err(Errno::Fault));
        assert_eq!(mem.check(u32::MAX, u64::MAX), Err(Errno::Fault));
        assert_eq!(mem.check(1, u64::MAX), Err(Errno::Fault));
        assert_eq!(mem.bytes(8, u32::MAX).map(<[u8]>::len), Err(Errno::Fault));
    }

    #[test]
    fn integers_are_little_endian_and_unaligned() {
        let mut bytes = vec![0u8; 16];
        let mut mem = GuestMemory::new(&mut bytes);
        u32::write(&mut mem, 1, &0x0403_0201).unwrap();
        assert_eq!(&mem.as_slice()[..6], &[0, 1, 2, 3, 4, 0]);
        assert_eq!(u32::read(&mem, 1), Ok(0x0403_0201));
        assert_eq!(u64::read(&mem, 8), Ok(0));
        assert_eq!(u64::read(&mem, 9), Err(Errno::Fault));
        assert_eq!(u64::write(&mut mem, 12, &1), Err(Errno::Fault));
        assert_eq!(u16::read(&mem, u32::MAX), Err(Errno::Fault));
    }

    #[test]
    fn pointer_arithmetic_is_checked() {
        let p = GuestPtr::<u64>::new(u32::MAX - 15);
        assert_eq!(p.element(1).map(GuestPtr::offset), Ok(u32::MAX - 7));
        assert_eq!(p.element(2), Err(Errno::Fault));
        assert_eq!(GuestPtr::<u64>::new(0).element(u32::MAX), Err(Errno::Fault));
        assert_eq!(offset_add(u32::MAX, 1), Err(Errno::Fault));
    }

    #[test]
    fn arrays_are_checked_before_use() {
        let mut bytes = vec![0u8; 64];
        let mem = GuestMemory::new(&mut bytes);
        let ok = GuestArray::<u32>::new(0, 16);
        assert_eq!(ok.read_all(&mem).map(|v| v.len()), Ok(16));
        assert_eq!(GuestArray::<u32>::new(4, 16).read_all(&mem), Err(Errno::Fault));
        // A huge count is rejected before anything is allocated.
        assert_eq!(GuestArray::<u64>::new(0, u32::MAX).read_all(&mem), Err(Errno::Fault));
        assert_eq!(
            GuestArray::<u64>::new(u32::MAX, u32::MAX).byte_len(),
            u64::from(u32::MAX) * 8
        );
        assert!(GuestArray::<u64>::new(u32::MAX, u32::MAX).check(&mem).is_err());
        assert!(ok.get(15).is_some());
        assert!(ok.get(16).is_none());
        let empty = GuestArray::<u8>::new(64, 0);
        assert_eq!(empty.as_bytes(&mem), Ok(&[][..]));
    }

    #[test]
    fn strings_are_checked_and_utf8() {
        let mut bytes = b"hello\xffworld".to_vec();
        let mem = GuestMemory::new(&mut bytes);
        assert_eq!(GuestStr::new(0, 5).as_str(&mem), Ok("hello"));
        assert_eq!(GuestStr::new(0, 6).as_str(&mem), Err(Errno::Ilseq));
        assert_eq!(GuestStr::new(6, 5).as_str(&mem), Ok("world"));
        assert_eq!(GuestStr::new(6, 6).as_str(&mem), Err(Errno::Fault));
        assert_eq!(GuestStr::new(u32::MAX, u32::MAX).as_str(&mem), Err(Errno::Fault));
    }
}
