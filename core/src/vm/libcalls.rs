//! Runtime functions that compiled code and the interpreter call for
//! operations too large to inline: growth, bulk memory and table
//! operations, segment drops.
//!
//! Every function takes the calling instance's [`VmContext`] and returns
//! `Err(TrapCode)` for a trap, which the caller raises as usual.
//!
//! # Safety
//!
//! All functions here require `vmctx` to be the live context of an instance
//! whose store is executing on this thread, with the indices validated
//! against the instance's module; no Rust reference into the store may be
//! held across the call.

use super::VmContext;
use crate::instance::InstanceData;
use crate::store::StoreOpaque;
use crate::trap::TrapCode;

/// # Safety
///
/// See the module docs.
unsafe fn parts<'a>(vmctx: *mut VmContext) -> (&'a mut StoreOpaque, &'a mut InstanceData) {
    // SAFETY: per the module contract, `vmctx` is live, its runtime's
    // `store` points to the store and its `instance` to the instance data,
    // both boxed separately so the two references do not overlap... except
    // that the store owns the instance's box: we never reach the instance
    // through the store while both are in use.
    unsafe {
        let store = &mut *((*(*vmctx).runtime).store as *mut StoreOpaque);
        let instance = &mut *((*vmctx).instance as *mut InstanceData);
        (store, instance)
    }
}

fn range(start: u64, len: u64, size: u64) -> Option<std::ops::Range<usize>> {
    let end = start.checked_add(len)?;
    if end > size {
        return None;
    }
    Some(start as usize..end as usize)
}

/// The slow path of an epoch check (see [`crate::Engine::increment_epoch`]): the engine's
/// epoch has reached the store's deadline, or had when the code looked.
/// Returns `true` to continue (the callback moved the deadline, or it had
/// not passed after all); `false` after raising the failure in the store
/// (an [`TrapCode::Interrupted`] trap, or the callback's error). The code
/// must reload what a host call may change (memory bases and lengths).
///
/// # Safety
///
/// See the module docs.
pub unsafe fn epoch_reached(vmctx: *mut VmContext) -> bool {
    // SAFETY: per the module contract, the runtime's `store` is the live
    // store, and no reference into it is held.
    unsafe { crate::epoch::deadline_reached((*(*vmctx).runtime).store as *mut StoreOpaque).is_ok() }
}

/// `memory.grow`: the old size in pages, or -1.
///
/// # Safety
///
/// See the module docs.
pub unsafe fn memory_grow(vmctx: *mut VmContext, memory: u32, delta: u64) -> i64 {
    // SAFETY: per the module contract.
    let (store, inst) = unsafe { parts(vmctx) };
    let id = inst.memory_ids[memory as usize];
    let r = store.grow_memory(id, delta);
    grow_result(store, r)
}

/// What [`memory_grow`] and [`table_grow`] return when the store's resource
/// limiter stopped the guest: the failure is pending in the store, and the
/// code propagates it (legitimate results are -1 and sizes, never this).
pub const GROW_TRAPPED: i64 = -2;

/// The result of a growth as `memory.grow` / `table.grow` give it.
fn grow_result(store: &mut StoreOpaque, r: crate::Result<Option<u64>>) -> i64 {
    match r {
        Ok(Some(old)) => old as i64,
        Ok(None) => -1,
        Err(err) => {
            crate::func::host_error(store, err);
            GROW_TRAPPED
        }
    }
}

/// `memory.fill`.
///
/// # Safety
///
/// See the module docs.
pub unsafe fn memory_fill(vmctx: *mut VmContext, memory: u32, dst: u64, value: u8, len: u64) -> Result<(), TrapCode> {
    // SAFETY: per the module contract.
    let (store, inst) = unsafe { parts(vmctx) };
    let data = store.memories[inst.memory_ids[memory as usize] as usize].mem.data_mut();
    let r = range(dst, len, data.len() as u64).ok_or(TrapCode::MemoryOutOfBounds)?;
    data[r].fill(value);
    Ok(())
}

/// `memory.copy` (overlapping ranges allowed).
///
/// # Safety
///
/// See the module docs.
pub unsafe fn memory_copy(
    vmctx: *mut VmContext,
    dst_memory: u32,
    src_memory: u32,
    dst: u64,
    src: u64,
    len: u64,
) -> Result<(), TrapCode> {
    // SAFETY: per the module contract.
    let (store, inst) = unsafe { parts(vmctx) };
    let dst_id = inst.memory_ids[dst_memory as usize] as usize;
    let src_id = inst.memory_ids[src_memory as usize] as usize;
    if dst_id == src_id {
        let data = store.memories[dst_id].mem.data_mut();
        let size = data.len() as u64;
        let s = range(src, len, size).ok_or(TrapCode::MemoryOutOfBounds)?;
        let d = range(dst, len, size).ok_or(TrapCode::MemoryOutOfBounds)?;
        data.copy_within(s, d.start);
    } else {
        let src_len = store.memories[src_id].mem.len() as u64;
        let dst_len = store.memories[dst_id].mem.len() as u64;
        let s = range(src, len, src_len).ok_or(TrapCode::MemoryOutOfBounds)?;
        let d = range(dst, len, dst_len).ok_or(TrapCode::MemoryOutOfBounds)?;
        let bytes = store.memories[src_id].mem.data()[s].to_vec();
        store.memories[dst_id].mem.data_mut()[d].copy_from_slice(&bytes);
    }
    Ok(())
}

/// `memory.init`.
///
/// # Safety
///
/// See the module docs.
pub unsafe fn memory_init(
    vmctx: *mut VmContext,
    memory: u32,
    data_index: u32,
    dst: u64,
    src: u64,
    len: u64,
) -> Result<(), TrapCode> {
    // SAFETY: per the module contract.
    let (store, inst) = unsafe { parts(vmctx) };
    let seg = if inst.data_dropped[data_index as usize] {
        &[][..]
    } else {
        let r = inst.info().data[data_index as usize].range.clone();
        &inst.info().bytes[r]
    };
    let s = range(src, len, seg.len() as u64).ok_or(TrapCode::MemoryOutOfBounds)?;
    let data = store.memories[inst.memory_ids[memory as usize] as usize].mem.data_mut();
    let d = range(dst, len, data.len() as u64).ok_or(TrapCode::MemoryOutOfBounds)?;
    data[d].copy_from_slice(&seg[s]);
    Ok(())
}

/// `data.drop`.
///
/// # Safety
///
/// See the module docs.
pub unsafe fn data_drop(vmctx: *mut VmContext, data_index: u32) {
    // SAFETY: per the module contract.
    let (_, inst) = unsafe { parts(vmctx) };
    inst.data_dropped[data_index as usize] = true;
}

/// `table.grow`: the old size, or -1.
///
/// # Safety
///
/// See the module docs.
pub unsafe fn table_grow(vmctx: *mut VmContext, table: u32, init: u64, delta: u64) -> i64 {
    // SAFETY: per the module contract.
    let (store, inst) = unsafe { parts(vmctx) };
    let id = inst.table_ids[table as usize];
    let r = store.grow_table(id, delta, init);
    grow_result(store, r)
}

/// `table.fill`.
///
/// # Safety
///
/// See the module docs.
pub unsafe fn table_fill(vmctx: *mut VmContext, table: u32, dst: u64, value: u64, len: u64) -> Result<(), TrapCode> {
    // SAFETY: per the module contract.
    let (store, inst) = unsafe { parts(vmctx) };
    let elems = &mut store.tables[inst.table_ids[table as usize] as usize].elements;
    let r = range(dst, len, elems.len() as u64).ok_or(TrapCode::TableOutOfBounds)?;
    elems[r].fill(value);
    Ok(())
}

/// `table.copy` (overlapping ranges allowed).
///
/// # Safety
///
/// See the module docs.
pub unsafe fn table_copy(
    vmctx: *mut VmContext,
    dst_table: u32,
    src_table: u32,
    dst: u64,
    src: u64,
    len: u64,
) -> Result<(), TrapCode> {
    // SAFETY: per the module contract.
    let (store, inst) = unsafe { parts(vmctx) };
    let dst_id = inst.table_ids[dst_table as usize] as usize;
    let src_id = inst.table_ids[src_table as usize] as usize;
    let src_len = store.tables[src_id].elements.len() as u64;
    let dst_len = store.tables[dst_id].elements.len() as u64;
    let s = range(src, len, src_len).ok_or(TrapCode::TableOutOfBounds)?;
    let d = range(dst, len, dst_len).ok_or(TrapCode::TableOutOfBounds)?;
    if dst_id == src_id {
        store.tables[dst_id].elements.copy_within(s, d.start);
    } else {
        let items = store.tables[src_id].elements[s].to_vec();
        store.tables[dst_id].elements[d].copy_from_slice(&items);
    }
    Ok(())
}

/// `table.init`.
///
/// # Safety
///
/// See the module docs.
pub unsafe fn table_init(
    vmctx: *mut VmContext,
    table: u32,
    elem_index: u32,
    dst: u64,
    src: u64,
    len: u64,
) -> Result<(), TrapCode> {
    // SAFETY: per the module contract.
    let (store, inst) = unsafe { parts(vmctx) };
    let seg = &inst.elements[elem_index as usize];
    let s = range(src, len, seg.len() as u64).ok_or(TrapCode::TableOutOfBounds)?;
    let elems = &mut store.tables[inst.table_ids[table as usize] as usize].elements;
    let d = range(dst, len, elems.len() as u64).ok_or(TrapCode::TableOutOfBounds)?;
    elems[d].copy_from_slice(&seg[s]);
    Ok(())
}

/// `elem.drop`.
///
/// # Safety
///
/// See the module docs.
pub unsafe fn elem_drop(vmctx: *mut VmContext, elem_index: u32) {
    // SAFETY: per the module contract.
    let (_, inst) = unsafe { parts(vmctx) };
    inst.elements[elem_index as usize] = Box::new([]);
}

// ---- exception handling --------------------------------------------------

/// `throw`: a new exception of tag `tag` (an index of the instance's tags)
/// whose payload is the tag type's parameter count of cells at `values`.
///
/// # Safety
///
/// See the module docs; `values` holds the payload.
pub unsafe fn exn_new(vmctx: *mut VmContext, tag: u32, values: *const crate::values::RawVal) -> *mut super::VmExn {
    // SAFETY: per the module contract.
    let (store, inst) = unsafe { parts(vmctx) };
    let id = inst.tag_ids[tag as usize];
    let n = store.tags[id as usize].ty.params().len();
    // SAFETY: guaranteed by the caller.
    let payload: Box<[crate::values::RawVal]> = unsafe { std::slice::from_raw_parts(values, n) }.into();
    store.new_exn(id, payload)
}

/// Raises `exn` as the pending failure: an [`TrapCode::UncaughtException`]
/// trap whose message gives the payload; a handler takes it back with
/// [`exn_take`]. The caller then fails as for any trap.
///
/// # Safety
///
/// See the module docs; `exn` is an exception of the store.
pub unsafe fn exn_throw(vmctx: *mut VmContext, exn: *mut super::VmExn) {
    // SAFETY: per the module contract.
    let (store, _) = unsafe { parts(vmctx) };
    store.raise_exception(exn);
}

/// The pending exception, when the pending failure is one; null
/// otherwise. The failure stays pending (see [`exn_take`]).
///
/// # Safety
///
/// See the module docs.
pub unsafe fn exn_pending(vmctx: *mut VmContext) -> *mut super::VmExn {
    // SAFETY: per the module contract.
    let (store, _) = unsafe { parts(vmctx) };
    store.pending_exception().unwrap_or(std::ptr::null_mut())
}

/// Takes the pending exception, when the pending failure is one (leaving
/// any other trap in place): a handler caught it. Null otherwise.
///
/// # Safety
///
/// See the module docs.
pub unsafe fn exn_take(vmctx: *mut VmContext) -> *mut super::VmExn {
    // SAFETY: per the module contract.
    let (store, _) = unsafe { parts(vmctx) };
    match store.pending_exception() {
        Some(exn) => {
            store.pending_trap = None;
            store.pending_exn = None;
            exn
        }
        None => std::ptr::null_mut(),
    }
}

/// A handler caught `exn` (thrown here, or the pending failure of a call):
/// the failure is cleared; `with_ref` says whether the handler takes a
/// reference to it (`catch_ref`, `catch_all_ref`), else its storage may be
/// reused.
///
/// # Safety
///
/// See the module docs; `exn` is an exception of the store, and when
/// `with_ref` is false, the handler keeps no reference to it.
pub unsafe fn exn_catch(vmctx: *mut VmContext, exn: *mut super::VmExn, with_ref: bool) {
    // SAFETY: per the module contract.
    let (store, _) = unsafe { parts(vmctx) };
    store.exn_caught(exn, with_ref);
}

/// A payload value for messages: `i32:7`, `f64:1.5`, `ref:null`.
pub(crate) fn describe_cell(ty: crate::types::ValType, v: crate::values::RawVal) -> String {
    use crate::types::ValType as T;
    match ty {
        T::I32 => format!("i32:{}", v.i32()),
        T::I64 => format!("i64:{}", v.i64()),
        T::F32 => format!("f32:{}", f32::from_bits(v.f32_bits())),
        T::F64 => format!("f64:{}", f64::from_bits(v.f64_bits())),
        T::V128 => format!("v128:{:#034x}", v.v128()),
        _ if v.ref_bits() == 0 => "ref:null".to_string(),
        _ => "ref".to_string(),
    }
}
