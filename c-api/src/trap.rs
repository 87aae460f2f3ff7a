//! Traps and frames.

use crate::engine::wasm_store_t;
use crate::func::new_trap;
use crate::object::{Kind, Object, TrapData, obj, wasm_instance_t, wasm_trap_t};
use crate::vec::{wasm_byte_vec_t, wasm_frame_vec_t};
use crate::{boxed, guard};
use concord_rt::{FrameInfo, Trap, TrapCode};
use std::ptr;

/// A frame of a trap's backtrace.
///
/// concord's backtraces name functions, not instructions, and not the
/// instance a frame ran in: `wasm_frame_func_offset` and
/// `wasm_frame_module_offset` are 0 and `wasm_frame_instance` is null.
#[derive(Clone, Debug)]
pub struct wasm_frame_t {
    info: FrameInfo,
}

/// The trap data of a trap object.
///
/// # Safety
///
/// `t` is null or a live trap.
unsafe fn trap_of<'a>(t: *const wasm_trap_t) -> Option<&'a TrapData> {
    // SAFETY: guaranteed by the caller.
    match unsafe { obj(t) }? {
        Object {
            kind: Kind::Trap(t), ..
        } => Some(t),
        _ => None,
    }
}

/// A trap raised by the host with `message` (null-terminated or not).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_trap_new(store: *mut wasm_store_t, message: *const wasm_byte_vec_t) -> *mut wasm_trap_t {
    guard(ptr::null_mut, || {
        // SAFETY: `message` is null or a live byte vector (wasm.h).
        let bytes = unsafe { message.as_ref().map_or(&[][..], |m| m.as_bytes()) };
        let bytes = bytes.strip_suffix(b"\0").unwrap_or(bytes);
        let trap = Trap::host(String::from_utf8_lossy(bytes));
        // SAFETY: `store` is null or a live store (wasm.h).
        let store = unsafe { store.as_ref() }.map(|s| s.cell.clone());
        new_trap(store, TrapData { trap, exit: None })
    })
}

/// The trap's message, null-terminated: the host's message, or the trap
/// code's description (with its detail).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_trap_message(t: *const wasm_trap_t, out: *mut wasm_byte_vec_t) {
    guard(
        || (),
        || {
            // SAFETY: `t` is a live trap (wasm.h).
            let mut message = match unsafe { trap_of(t) } {
                Some(d) => match (d.trap.code(), d.trap.detail()) {
                    (TrapCode::HostError, Some(m)) => m.to_string(),
                    (code, Some(m)) => format!("{code}: {m}"),
                    (code, None) => code.to_string(),
                },
                None => String::new(),
            }
            .into_bytes();
            message.push(0);
            // SAFETY: `out` is writable storage for a vector (wasm.h's `own ... out`).
            unsafe { out.write(wasm_byte_vec_t::from_bytes(&message)) }
        },
    )
}

/// The innermost frame, or null when the trap has no Wasm frames.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_trap_origin(t: *const wasm_trap_t) -> *mut wasm_frame_t {
    guard(ptr::null_mut, || {
        // SAFETY: `t` is a live trap (wasm.h).
        match unsafe { trap_of(t) }.and_then(|d| d.trap.backtrace().first()) {
            Some(info) => boxed(wasm_frame_t { info: info.clone() }),
            None => ptr::null_mut(),
        }
    })
}

/// The Wasm frames, innermost first.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_trap_trace(t: *const wasm_trap_t, out: *mut wasm_frame_vec_t) {
    guard(
        || (),
        || {
            // SAFETY: `t` is a live trap (wasm.h).
            let frames = match unsafe { trap_of(t) } {
                Some(d) => d
                    .trap
                    .backtrace()
                    .iter()
                    .map(|info| boxed(wasm_frame_t { info: info.clone() }))
                    .collect(),
                None => Vec::new(),
            };
            // SAFETY: `out` is writable storage for a vector (wasm.h's `own ... out`).
            unsafe { out.write(wasm_frame_vec_t::from_vec(frames)) }
        },
    )
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_frame_copy(f: *const wasm_frame_t) -> *mut wasm_frame_t {
    // SAFETY: `f` is null or a live frame (wasm.h).
    let f = unsafe { f.as_ref() };
    guard(ptr::null_mut, || f.map_or(ptr::null_mut(), |f| boxed(f.clone())))
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_frame_delete(f: *mut wasm_frame_t) {
    if !f.is_null() {
        // SAFETY: an owned frame made by `boxed` (wasm.h's `own`).
        guard(|| (), || drop(unsafe { Box::from_raw(f) }))
    }
}

/// Null: concord's backtraces do not record the instance of a frame.
#[unsafe(no_mangle)]
pub extern "C" fn wasm_frame_instance(_f: *const wasm_frame_t) -> *mut wasm_instance_t {
    ptr::null_mut()
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_frame_func_index(f: *const wasm_frame_t) -> u32 {
    // SAFETY: `f` is null or a live frame (wasm.h).
    guard(|| 0, || unsafe { f.as_ref() }.map_or(0, |f| f.info.func_index))
}

/// 0: concord's backtraces do not record instruction offsets.
#[unsafe(no_mangle)]
pub extern "C" fn wasm_frame_func_offset(_f: *const wasm_frame_t) -> usize {
    0
}

/// 0: concord's backtraces do not record instruction offsets.
#[unsafe(no_mangle)]
pub extern "C" fn wasm_frame_module_offset(_f: *const wasm_frame_t) -> usize {
    0
}

/// The trap data of a trap object, for concord.h.
///
/// # Safety
///
/// `t` is null or a live trap.
pub(crate) unsafe fn data<'a>(t: *const wasm_trap_t) -> Option<&'a TrapData> {
    // SAFETY: guaranteed by the caller.
    unsafe { trap_of(t) }
}
