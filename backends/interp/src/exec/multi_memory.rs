//! Loads and stores on memories other than 0 and on 64-bit memories
//! ([`Op::LoadMem`](crate::ir::Op::LoadMem),
//! [`Op::StoreMem`](crate::ir::Op::StoreMem)): the cold path of the
//! multi-memory and memory64 proposals.
//!
//! The handlers carry only memory 0 in registers. These helpers look the memory up
//! in `VmContext::memories` on every access, bounds-check in `u64` (an
//! address of a 64-bit memory, plus the offset and size, may overflow it:
//! that is out of bounds too) and then
//! do what the memory-0 op of the same operator does (the SIMD ones through
//! the same `simd` functions). None of them can grow or move a memory, so
//! the loop's cached memory-0 base and length stay valid.

use crate::ir::{FuncCode, MemAccess, MemAccessKind, Slot};
use crate::simd;
use concord_core::vm::VmContext;
use concord_core::{RawVal, TrapCode};

/// The address of `access` at the dynamic address in word 0 of `addr`
/// (its low 32 bits for a 32-bit memory), or a trap when
/// `addr + offset + size` exceeds the memory's length or `u64`.
///
/// # Safety
///
/// `vmctx` is a live instance context and `access.memory` one of its
/// memories (validated against its module).
#[inline]
unsafe fn effective_address(vmctx: *mut VmContext, access: &MemAccess, addr: RawVal) -> Result<*mut u8, TrapCode> {
    let addr = if access.memory64 {
        addr.0[0]
    } else {
        u64::from(addr.0[0] as u32)
    };
    // SAFETY: guaranteed by the caller: `memories` has an entry per memory
    // of the module, each pointing at a live `VmMemory`.
    let (base, length) = unsafe {
        let m = *(*vmctx).memories.add(access.memory as usize);
        ((*m).base, (*m).length)
    };
    let size = access.kind.size();
    let start = addr
        .checked_add(access.offset)
        .filter(|start| start.checked_add(size).is_some_and(|end| end <= length as u64))
        .ok_or(TrapCode::MemoryOutOfBounds)?;
    // SAFETY: `start + size <= length`, so `start` is inside the memory's
    // allocation of `length` bytes at `base`.
    Ok(unsafe { base.add(start as usize) })
}

/// Reads `size <= 16` bytes little-endian.
///
/// # Safety
///
/// `p..p + size` is readable.
#[inline]
unsafe fn read_le(p: *const u8, size: u64) -> u128 {
    let mut buf = [0u8; 16];
    // SAFETY: guaranteed by the caller; at most 16 bytes fit `buf`.
    unsafe { std::ptr::copy_nonoverlapping(p, buf.as_mut_ptr(), (size as usize).min(16)) };
    u128::from_le_bytes(buf)
}

/// Writes the low `size <= 16` bytes of `v` little-endian.
///
/// # Safety
///
/// `p..p + size` is writable.
#[inline]
unsafe fn write_le(p: *mut u8, size: u64, v: u128) {
    let buf = v.to_le_bytes();
    // SAFETY: guaranteed by the caller; at most 16 bytes come from `buf`.
    unsafe { std::ptr::copy_nonoverlapping(buf.as_ptr(), p, (size as usize).min(16)) };
}

fn v128_of(cell: RawVal) -> u128 {
    u128::from(cell.0[0]) | (u128::from(cell.0[1]) << 64)
}

fn cell_of(v: u128) -> RawVal {
    RawVal([v as u64, (v >> 64) as u64])
}

/// Sign- or zero-extends the low `size` bytes of `raw` to an `i64`, then
/// truncates an `i32` result (zero-extended in word 0, as cells hold it).
fn extend(raw: u64, size: u8, signed: bool, wide: bool) -> u64 {
    let unused = 64 - u32::from(size) * 8;
    let v = if signed {
        ((raw << unused) as i64 >> unused) as u64
    } else {
        raw
    };
    if wide { v } else { u64::from(v as u32) }
}

/// `Op::LoadMem`: the load `(*func).mem_accesses[info]` at the address in
/// slot `addr`, result in slot `dst`.
///
/// # Safety
///
/// `vmctx` is the live context of `func`'s instance, `fp` the frame of
/// `func` (every slot of `func`'s ops is in it) and `info` the index of a
/// `LoadMem` of `func` (as the translator built them).
#[cold]
#[inline(never)]
pub(super) unsafe fn load(
    vmctx: *mut VmContext,
    func: *const FuncCode,
    fp: *mut RawVal,
    dst: Slot,
    addr: Slot,
    info: u32,
) -> Result<(), TrapCode> {
    // SAFETY: per the contract: `func` is live and the slots (`addr`,
    // `dst`, and a `load_lane`'s `vec`) are in the frame at `fp`; the
    // memory index was validated, and `effective_address` checked that the
    // access's `size` bytes at `p` are inside the memory. The frame and the
    // memory do not overlap.
    unsafe {
        let access = (*func).mem_accesses[info as usize];
        let p = effective_address(vmctx, &access, *super::cell(fp, addr))?;
        let size = access.kind.size();
        let out = super::cell(fp, dst);
        match access.kind {
            MemAccessKind::Load { size, signed, wide } => {
                (*out).0[0] = extend(read_le(p, size.into()) as u64, size, signed, wide);
            }
            MemAccessKind::V128Load(kind) => *out = cell_of(simd::load_transform(kind, read_le(p, size))),
            MemAccessKind::LoadLane { vec, width, lane } => {
                let v = v128_of(*super::cell(fp, vec));
                *out = cell_of(simd::load_lane(v, width, lane, read_le(p, size) as u64));
            }
            MemAccessKind::Store { .. } | MemAccessKind::V128Store | MemAccessKind::StoreLane { .. } => {
                unreachable!("a store in a LoadMem")
            }
        }
    }
    Ok(())
}

/// `Op::StoreMem`: the store `(*func).mem_accesses[info]` of slot `value`
/// at the address in slot `addr`.
///
/// # Safety
///
/// As for [`load`], with `info` the index of a `StoreMem` of `func`.
#[cold]
#[inline(never)]
pub(super) unsafe fn store(
    vmctx: *mut VmContext,
    func: *const FuncCode,
    fp: *mut RawVal,
    addr: Slot,
    value: Slot,
    info: u32,
) -> Result<(), TrapCode> {
    // SAFETY: as in `load`: `func` is live, `addr` and `value` are slots of
    // the frame at `fp`, and the access's `size` bytes at `p` were checked
    // to be inside the memory.
    unsafe {
        let access = (*func).mem_accesses[info as usize];
        let p = effective_address(vmctx, &access, *super::cell(fp, addr))?;
        let size = access.kind.size();
        let cell = *super::cell(fp, value);
        let bytes = match access.kind {
            MemAccessKind::Store { .. } => u128::from(cell.0[0]),
            MemAccessKind::V128Store => v128_of(cell),
            MemAccessKind::StoreLane { width, lane } => u128::from(simd::store_lane(v128_of(cell), width, lane)),
            MemAccessKind::Load { .. } | MemAccessKind::V128Load(_) | MemAccessKind::LoadLane { .. } => {
                unreachable!("a load in a StoreMem")
            }
        };
        write_le(p, size, bytes);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::extend;

    #[test]
    fn extension_matches_the_memory0_loads() {
        assert_eq!(extend(0x80, 1, true, false), 0xffff_ff80);
        assert_eq!(extend(0x80, 1, true, true), 0xffff_ffff_ffff_ff80);
        assert_eq!(extend(0x80, 1, false, true), 0x80);
        assert_eq!(extend(0x8000, 2, true, false), 0xffff_8000);
        assert_eq!(extend(0x8000_0000, 4, true, true), 0xffff_ffff_8000_0000);
        assert_eq!(extend(0x8000_0000, 4, false, false), 0x8000_0000);
        assert_eq!(extend(u64::MAX, 8, true, true), u64::MAX);
    }
}
