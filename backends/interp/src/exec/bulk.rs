//! Bulk-memory and table ops, shared by their handlers: they are rare in
//! compiled code and most of their work is a runtime helper's.

use crate::ir::Slot;
use concord_core::vm::{VmContext, libcalls};
use concord_core::{RawVal, TrapCode};

// Slot access, as in the handlers.
macro_rules! get64 {
    ($fp:expr, $s:expr) => {
        (*super::cell($fp, $s)).0[0]
    };
}
/// An address or length operand of memory `$mem`: all of word 0 for a
/// 64-bit memory (an `i64`), its low 32 bits for a 32-bit one.
macro_rules! mem_operand {
    ($fp:expr, $s:expr, $wide:expr) => {
        if $wide {
            get64!($fp, $s)
        } else {
            (get64!($fp, $s) as u32) as u64
        }
    };
}
macro_rules! set64 {
    ($fp:expr, $s:expr, $v:expr) => {{
        let v: u64 = $v;
        (*super::cell($fp, $s)).0[0] = v;
    }};
}

/// Whether memory `mem` of `vmctx`'s instance is 64-bit.
///
/// # Safety
///
/// `vmctx` is a live instance context and `mem` a valid memory index.
#[inline(always)]
pub(super) unsafe fn memory64(vmctx: *mut VmContext, mem: u32) -> bool {
    // SAFETY: guaranteed by the caller: a live context's `module` points to
    // its module's info, which lists every memory (imported first).
    unsafe { (&(*(*vmctx).module).memories)[mem as usize].memory64 }
}

/// `MemoryFill`.
///
/// # Safety
///
/// As for the handlers: the slots are in the frame at `fp`, `vmctx`
/// is the frame's live instance context, the indices were validated.
#[inline(always)]
pub(super) unsafe fn memory_fill(
    fp: *mut RawVal,
    vmctx: *mut VmContext,
    dst: Slot,
    value: Slot,
    len: Slot,
    mem: u32,
) -> Result<(), TrapCode> {
    // SAFETY: guaranteed by the caller.
    unsafe {
        let wide = memory64(vmctx, mem);
        libcalls::memory_fill(
            vmctx,
            mem,
            mem_operand!(fp, dst, wide),
            (get64!(fp, value) as u32) as u8,
            mem_operand!(fp, len, wide),
        )
    }
}

/// `MemoryCopy`.
///
/// # Safety
///
/// As for the handlers: the slots are in the frame at `fp`, `vmctx`
/// is the frame's live instance context, the indices were validated.
#[inline(always)]
pub(super) unsafe fn memory_copy(
    fp: *mut RawVal,
    vmctx: *mut VmContext,
    dst: Slot,
    src: Slot,
    len: Slot,
    dst_mem: u32,
    src_mem: u32,
) -> Result<(), TrapCode> {
    // SAFETY: guaranteed by the caller.
    unsafe {
        // The length has the narrower of the two index types.
        let (dst_wide, src_wide) = (memory64(vmctx, dst_mem), memory64(vmctx, src_mem));
        libcalls::memory_copy(
            vmctx,
            dst_mem,
            src_mem,
            mem_operand!(fp, dst, dst_wide),
            mem_operand!(fp, src, src_wide),
            mem_operand!(fp, len, dst_wide && src_wide),
        )
    }
}

/// `MemoryInit`.
///
/// # Safety
///
/// As for the handlers: the slots are in the frame at `fp`, `vmctx`
/// is the frame's live instance context, the indices were validated.
#[inline(always)]
pub(super) unsafe fn memory_init(
    fp: *mut RawVal,
    vmctx: *mut VmContext,
    dst: Slot,
    src: Slot,
    len: Slot,
    mem: u32,
    data: u32,
) -> Result<(), TrapCode> {
    // SAFETY: guaranteed by the caller.
    unsafe {
        libcalls::memory_init(
            vmctx,
            mem,
            data,
            mem_operand!(fp, dst, memory64(vmctx, mem)),
            (get64!(fp, src) as u32) as u64,
            (get64!(fp, len) as u32) as u64,
        )
    }
}

/// `DataDrop`.
///
/// # Safety
///
/// As for the handlers: the slots are in the frame at `fp`, `vmctx`
/// is the frame's live instance context, the indices were validated.
#[inline(always)]
pub(super) unsafe fn data_drop(_fp: *mut RawVal, vmctx: *mut VmContext, data: u32) -> Result<(), TrapCode> {
    // SAFETY: guaranteed by the caller.
    unsafe {
        libcalls::data_drop(vmctx, data);
        Ok(())
    }
}

/// `TableGet`.
///
/// # Safety
///
/// As for the handlers: the slots are in the frame at `fp`, `vmctx`
/// is the frame's live instance context, the indices were validated.
#[inline(always)]
pub(super) unsafe fn table_get(
    fp: *mut RawVal,
    vmctx: *mut VmContext,
    dst: Slot,
    index: Slot,
    table: u32,
) -> Result<(), TrapCode> {
    // SAFETY: guaranteed by the caller.
    unsafe {
        let t = *(*vmctx).tables.add(table as usize);
        let i = (get64!(fp, index) as u32) as usize;
        if i >= (*t).length {
            return Err(TrapCode::TableOutOfBounds);
        }
        set64!(fp, dst, *(*t).base.add(i));
        Ok(())
    }
}

/// `TableSet`.
///
/// # Safety
///
/// As for the handlers: the slots are in the frame at `fp`, `vmctx`
/// is the frame's live instance context, the indices were validated.
#[inline(always)]
pub(super) unsafe fn table_set(
    fp: *mut RawVal,
    vmctx: *mut VmContext,
    index: Slot,
    value: Slot,
    table: u32,
) -> Result<(), TrapCode> {
    // SAFETY: guaranteed by the caller.
    unsafe {
        let t = *(*vmctx).tables.add(table as usize);
        let i = (get64!(fp, index) as u32) as usize;
        if i >= (*t).length {
            return Err(TrapCode::TableOutOfBounds);
        }
        *(*t).base.add(i) = get64!(fp, value);
        Ok(())
    }
}

/// `TableSize`.
///
/// # Safety
///
/// As for the handlers: the slots are in the frame at `fp`, `vmctx`
/// is the frame's live instance context, the indices were validated.
#[inline(always)]
pub(super) unsafe fn table_size(fp: *mut RawVal, vmctx: *mut VmContext, dst: Slot, table: u32) -> Result<(), TrapCode> {
    // SAFETY: guaranteed by the caller.
    unsafe {
        set64!(fp, dst, (**(*vmctx).tables.add(table as usize)).length as u32 as u64);
        Ok(())
    }
}

/// `TableGrow`; `false` when the store's resource limiter stopped the
/// guest (the failure is pending).
///
/// # Safety
///
/// As for the handlers: the slots are in the frame at `fp`, `vmctx`
/// is the frame's live instance context, the indices were validated.
#[inline(always)]
pub(super) unsafe fn table_grow(
    fp: *mut RawVal,
    vmctx: *mut VmContext,
    dst: Slot,
    init: Slot,
    delta: Slot,
    table: u32,
) -> bool {
    // SAFETY: guaranteed by the caller.
    unsafe {
        let old = libcalls::table_grow(vmctx, table, get64!(fp, init), (get64!(fp, delta) as u32) as u64);
        if old == libcalls::GROW_TRAPPED {
            return false;
        }
        set64!(fp, dst, old as i32 as u32 as u64);
        true
    }
}

/// `TableFill`.
///
/// # Safety
///
/// As for the handlers: the slots are in the frame at `fp`, `vmctx`
/// is the frame's live instance context, the indices were validated.
#[inline(always)]
pub(super) unsafe fn table_fill(
    fp: *mut RawVal,
    vmctx: *mut VmContext,
    dst: Slot,
    value: Slot,
    len: Slot,
    table: u32,
) -> Result<(), TrapCode> {
    // SAFETY: guaranteed by the caller.
    unsafe {
        libcalls::table_fill(
            vmctx,
            table,
            (get64!(fp, dst) as u32) as u64,
            get64!(fp, value),
            (get64!(fp, len) as u32) as u64,
        )
    }
}

/// `TableCopy`.
///
/// # Safety
///
/// As for the handlers: the slots are in the frame at `fp`, `vmctx`
/// is the frame's live instance context, the indices were validated.
#[inline(always)]
pub(super) unsafe fn table_copy(
    fp: *mut RawVal,
    vmctx: *mut VmContext,
    dst: Slot,
    src: Slot,
    len: Slot,
    dst_table: u32,
    src_table: u32,
) -> Result<(), TrapCode> {
    // SAFETY: guaranteed by the caller.
    unsafe {
        libcalls::table_copy(
            vmctx,
            dst_table,
            src_table,
            (get64!(fp, dst) as u32) as u64,
            (get64!(fp, src) as u32) as u64,
            (get64!(fp, len) as u32) as u64,
        )
    }
}

/// `TableInit`.
///
/// # Safety
///
/// As for the handlers: the slots are in the frame at `fp`, `vmctx`
/// is the frame's live instance context, the indices were validated.
#[inline(always)]
pub(super) unsafe fn table_init(
    fp: *mut RawVal,
    vmctx: *mut VmContext,
    dst: Slot,
    src: Slot,
    len: Slot,
    table: u32,
    elem: u32,
) -> Result<(), TrapCode> {
    // SAFETY: guaranteed by the caller.
    unsafe {
        libcalls::table_init(
            vmctx,
            table,
            elem,
            (get64!(fp, dst) as u32) as u64,
            (get64!(fp, src) as u32) as u64,
            (get64!(fp, len) as u32) as u64,
        )
    }
}

/// `ElemDrop`.
///
/// # Safety
///
/// As for the handlers: the slots are in the frame at `fp`, `vmctx`
/// is the frame's live instance context, the indices were validated.
#[inline(always)]
pub(super) unsafe fn elem_drop(_fp: *mut RawVal, vmctx: *mut VmContext, elem: u32) -> Result<(), TrapCode> {
    // SAFETY: guaranteed by the caller.
    unsafe {
        libcalls::elem_drop(vmctx, elem);
        Ok(())
    }
}
