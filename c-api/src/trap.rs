//! Traps and frames.

use crate::engine::wasm_store_t;
use crate::externals::instance_object;
use crate::func::new_trap;
use crate::object::{Kind, Object, StoreRef, TrapData, obj, wasm_instance_t, wasm_trap_t};
use crate::vec::{wasm_byte_vec_t, wasm_frame_vec_t};
use crate::{boxed, guard};
use concord_rt::{FrameInfo, Trap, TrapCode};
use std::ptr;

/// A frame of a trap's backtrace: the function, the offsets of the
/// instruction it was executing (the trapping one in the innermost frame,
/// the call in the others), and the instance it ran in.
///
/// The offsets are 0 when the tier could not tell the instruction (see
/// `concord_rt::FrameInfo`); the instance is null when it is not known
/// (machine code's frames of a module the store holds several instances
/// of) or the trap has no store. The frame owns its instance object: the
/// pointer `wasm_frame_instance` returns lives as long as the frame.
#[derive(Debug)]
pub struct wasm_frame_t {
    info: FrameInfo,
    /// Null, or an instance object owned by the frame.
    instance: *mut wasm_instance_t,
}

impl wasm_frame_t {
    /// The frame for `info`, of a trap of `store`.
    fn new(info: &FrameInfo, store: Option<&StoreRef>) -> wasm_frame_t {
        let instance = match (info.instance, store) {
            (Some(i), Some(store)) => instance_object(store, i),
            _ => ptr::null_mut(),
        };
        wasm_frame_t {
            info: info.clone(),
            instance,
        }
    }
}

impl Clone for wasm_frame_t {
    fn clone(&self) -> wasm_frame_t {
        // SAFETY: `instance` is null or the live instance object the frame owns.
        let instance = match unsafe { obj(self.instance) } {
            Some(o) => o.copy().into_raw(),
            None => ptr::null_mut(),
        };
        wasm_frame_t {
            info: self.info.clone(),
            instance,
        }
    }
}

impl Drop for wasm_frame_t {
    fn drop(&mut self) {
        if !self.instance.is_null() {
            // SAFETY: an object made by `Object::into_raw` that only this
            // frame owns.
            drop(unsafe { Box::from_raw(self.instance.cast::<Object>()) });
        }
    }
}

/// The trap data of a trap object, and the store of the trap.
///
/// # Safety
///
/// `t` is null or a live trap.
unsafe fn trap_parts<'a>(t: *const wasm_trap_t) -> Option<(Option<&'a StoreRef>, &'a TrapData)> {
    // SAFETY: guaranteed by the caller.
    match unsafe { obj(t) }? {
        Object {
            store,
            kind: Kind::Trap(t),
            ..
        } => Some((store.as_ref(), t)),
        _ => None,
    }
}

/// The trap data of a trap object.
///
/// # Safety
///
/// `t` is null or a live trap.
unsafe fn trap_of<'a>(t: *const wasm_trap_t) -> Option<&'a TrapData> {
    // SAFETY: guaranteed by the caller.
    unsafe { trap_parts(t) }.map(|(_, d)| d)
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
        let Some((store, d)) = (unsafe { trap_parts(t) }) else {
            return ptr::null_mut();
        };
        match d.trap.backtrace().first() {
            Some(info) => boxed(wasm_frame_t::new(info, store)),
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
            let frames = match unsafe { trap_parts(t) } {
                Some((store, d)) => d
                    .trap
                    .backtrace()
                    .iter()
                    .map(|info| boxed(wasm_frame_t::new(info, store)))
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

/// The instance the frame ran in, owned by the frame (not `own`: valid
/// until the frame is deleted); null when it is not known.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_frame_instance(f: *const wasm_frame_t) -> *mut wasm_instance_t {
    // SAFETY: `f` is null or a live frame (wasm.h).
    unsafe { f.as_ref() }.map_or(ptr::null_mut(), |f| f.instance)
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_frame_func_index(f: *const wasm_frame_t) -> u32 {
    // SAFETY: `f` is null or a live frame (wasm.h).
    guard(|| 0, || unsafe { f.as_ref() }.map_or(0, |f| f.info.func_index))
}

/// The byte offset of the frame's instruction from the start of its
/// function's body in the binary (the code section entry after its size);
/// 0 when it is not known.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_frame_func_offset(f: *const wasm_frame_t) -> usize {
    // SAFETY: `f` is null or a live frame (wasm.h).
    let f = unsafe { f.as_ref() };
    f.and_then(|f| f.info.func_offset).map_or(0, |o| o as usize)
}

/// The byte offset of the frame's instruction in the module's binary; 0
/// when it is not known.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_frame_module_offset(f: *const wasm_frame_t) -> usize {
    // SAFETY: `f` is null or a live frame (wasm.h).
    let f = unsafe { f.as_ref() };
    f.and_then(|f| f.info.module_offset).map_or(0, |o| o as usize)
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
