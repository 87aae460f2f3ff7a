//! The `wasm_*_vec_t` vectors: `{ size, data }` with ownership as `wasm.h`
//! documents it. A vector made by this library owns a heap buffer of
//! exactly `size` elements (null when empty); `_new` moves the given
//! elements in, `_copy` copies them deeply, `_delete` deletes the elements
//! and the buffer and leaves the vector empty.

use crate::func::wasm_val_t;
use crate::object::wasm_extern_t;
use crate::trap::wasm_frame_t;
use crate::types::{
    wasm_exporttype_t, wasm_externtype_t, wasm_functype_t, wasm_globaltype_t, wasm_importtype_t, wasm_memorytype_t,
    wasm_tabletype_t, wasm_valtype_t,
};
use crate::{guard, types};
use std::ptr;

/// A byte of a `wasm_byte_vec_t` (C's `char`).
pub type wasm_byte_t = std::ffi::c_char;

macro_rules! declare_vec {
    (
        $(#[$doc:meta])*
        $vec:ident of $elem:ty;
        $new_empty:ident, $new_uninit:ident, $new:ident, $copy:ident, $delete:ident;
        blank: $blank:expr;
        copy: |$c:ident| $copy_expr:expr;
        delete: |$d:ident| $delete_expr:expr;
    ) => {
        $(#[$doc])*
        #[repr(C)]
        #[derive(Debug)]
        pub struct $vec {
            /// The number of elements.
            pub size: usize,
            /// The elements (null when empty).
            pub data: *mut $elem,
        }

        impl $vec {
            /// An empty vector.
            pub fn empty() -> $vec {
                $vec { size: 0, data: ptr::null_mut() }
            }

            /// A vector owning `v`'s elements.
            pub fn from_vec(v: Vec<$elem>) -> $vec {
                if v.is_empty() {
                    return $vec::empty();
                }
                let b = v.into_boxed_slice();
                let size = b.len();
                $vec { size, data: Box::into_raw(b).cast() }
            }

            /// The elements.
            ///
            /// # Safety
            ///
            /// `data` points to `size` initialized elements (or `size` is 0).
            pub unsafe fn as_slice<'a>(&self) -> &'a [$elem] {
                if self.size == 0 || self.data.is_null() {
                    &[]
                } else {
                    // SAFETY: guaranteed by the caller.
                    unsafe { std::slice::from_raw_parts(self.data, self.size) }
                }
            }

            /// Takes the buffer back (leaving the vector empty), without
            /// deleting the elements.
            ///
            /// # Safety
            ///
            /// The vector was made by this library (its buffer is a boxed
            /// slice of `size` elements) or is empty.
            pub unsafe fn take(&mut self) -> Vec<$elem> {
                let (data, size) = (self.data, self.size);
                *self = $vec::empty();
                if size == 0 || data.is_null() {
                    return Vec::new();
                }
                // SAFETY: guaranteed by the caller: `data` came from
                // `Box<[T]>::into_raw` with `size` elements.
                unsafe { Box::from_raw(ptr::slice_from_raw_parts_mut(data, size)) }.into_vec()
            }
        }

        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $new_empty(out: *mut $vec) {
            guard(
                || (),
                || {
                    // SAFETY: `out` is writable storage for a vector (wasm.h's `own ... out`).
                    unsafe { out.write($vec::empty()) }
                },
            )
        }

        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $new_uninit(out: *mut $vec, size: usize) {
            guard(
                || (),
                || {
                    let v: Vec<$elem> = (0..size).map(|_| $blank).collect();
                    // SAFETY: as in the `_new_empty` function.
                    unsafe { out.write($vec::from_vec(v)) }
                },
            )
        }

        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $new(out: *mut $vec, size: usize, data: *const $elem) {
            guard(
                || (),
                || {
                    let v = if size == 0 || data.is_null() {
                        Vec::new()
                    } else {
                        // SAFETY: `data` points to `size` elements whose
                        // ownership passes to the new vector (wasm.h's
                        // `own ... const[]`), so moving them bitwise is right.
                        unsafe { std::slice::from_raw_parts(data, size) }
                            .iter()
                            // SAFETY: each element is read once and owned by the vector from now on.
                            .map(|e| unsafe { ptr::read(e) })
                            .collect()
                    };
                    // SAFETY: as in the `_new_empty` function.
                    unsafe { out.write($vec::from_vec(v)) }
                },
            )
        }

        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $copy(out: *mut $vec, src: *const $vec) {
            guard(
                || (),
                || {
                    // SAFETY: `src` is a live vector of initialized elements
                    // (wasm.h: `const wasm_xxx_vec_t*`).
                    let src = unsafe { (*src).as_slice() };
                    let v: Vec<$elem> = src.iter().map(|$c| $copy_expr).collect();
                    // SAFETY: as in the `_new_empty` function.
                    unsafe { out.write($vec::from_vec(v)) }
                },
            )
        }

        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $delete(vec: *mut $vec) {
            guard(
                || (),
                || {
                    if vec.is_null() {
                        return;
                    }
                    // SAFETY: `vec` is an owned vector (wasm.h's `own`): made
                    // by this library, with elements it owns.
                    for $d in unsafe { (*vec).take() } {
                        $delete_expr
                    }
                },
            )
        }
    };
}

declare_vec! {
    /// A vector of bytes; also `wasm_name_t` and `wasm_message_t`.
    wasm_byte_vec_t of wasm_byte_t;
    wasm_byte_vec_new_empty, wasm_byte_vec_new_uninitialized, wasm_byte_vec_new, wasm_byte_vec_copy, wasm_byte_vec_delete;
    blank: 0;
    copy: |b| *b;
    delete: |_b| ();
}

declare_vec! {
    /// A vector of values (not owning pointers: values own their references).
    wasm_val_vec_t of wasm_val_t;
    wasm_val_vec_new_empty, wasm_val_vec_new_uninitialized, wasm_val_vec_new, wasm_val_vec_copy, wasm_val_vec_delete;
    blank: wasm_val_t::default();
    copy: |v| crate::func::copy_val(v);
    delete: |v| crate::func::delete_val(v);
}

macro_rules! declare_ptr_vec {
    ($(#[$doc:meta])* $vec:ident of $elem:ty; $new_empty:ident, $new_uninit:ident, $new:ident, $vcopy:ident, $vdelete:ident; $copy:path, $delete:path;) => {
        declare_vec! {
            $(#[$doc])*
            $vec of *mut $elem;
            $new_empty, $new_uninit, $new, $vcopy, $vdelete;
            blank: ptr::null_mut();
            // SAFETY: the elements of a live vector are live objects or null.
            copy: |p| if p.is_null() { ptr::null_mut() } else { unsafe { $copy(*p) } };
            // SAFETY: the vector owns its elements; each is deleted once.
            delete: |p| if !p.is_null() { unsafe { $delete(p) } };
        }
    };
}

declare_ptr_vec! {
    /// A vector of owned value types.
    wasm_valtype_vec_t of wasm_valtype_t;
    wasm_valtype_vec_new_empty, wasm_valtype_vec_new_uninitialized, wasm_valtype_vec_new, wasm_valtype_vec_copy, wasm_valtype_vec_delete;
    types::wasm_valtype_copy, types::wasm_valtype_delete;
}
declare_ptr_vec! {
    /// A vector of owned function types.
    wasm_functype_vec_t of wasm_functype_t;
    wasm_functype_vec_new_empty, wasm_functype_vec_new_uninitialized, wasm_functype_vec_new, wasm_functype_vec_copy, wasm_functype_vec_delete;
    types::wasm_functype_copy, types::wasm_functype_delete;
}
declare_ptr_vec! {
    /// A vector of owned global types.
    wasm_globaltype_vec_t of wasm_globaltype_t;
    wasm_globaltype_vec_new_empty, wasm_globaltype_vec_new_uninitialized, wasm_globaltype_vec_new, wasm_globaltype_vec_copy, wasm_globaltype_vec_delete;
    types::wasm_globaltype_copy, types::wasm_globaltype_delete;
}
declare_ptr_vec! {
    /// A vector of owned table types.
    wasm_tabletype_vec_t of wasm_tabletype_t;
    wasm_tabletype_vec_new_empty, wasm_tabletype_vec_new_uninitialized, wasm_tabletype_vec_new, wasm_tabletype_vec_copy, wasm_tabletype_vec_delete;
    types::wasm_tabletype_copy, types::wasm_tabletype_delete;
}
declare_ptr_vec! {
    /// A vector of owned memory types.
    wasm_memorytype_vec_t of wasm_memorytype_t;
    wasm_memorytype_vec_new_empty, wasm_memorytype_vec_new_uninitialized, wasm_memorytype_vec_new, wasm_memorytype_vec_copy, wasm_memorytype_vec_delete;
    types::wasm_memorytype_copy, types::wasm_memorytype_delete;
}
declare_ptr_vec! {
    /// A vector of owned extern types.
    wasm_externtype_vec_t of wasm_externtype_t;
    wasm_externtype_vec_new_empty, wasm_externtype_vec_new_uninitialized, wasm_externtype_vec_new, wasm_externtype_vec_copy, wasm_externtype_vec_delete;
    types::wasm_externtype_copy, types::wasm_externtype_delete;
}
declare_ptr_vec! {
    /// A vector of owned import types.
    wasm_importtype_vec_t of wasm_importtype_t;
    wasm_importtype_vec_new_empty, wasm_importtype_vec_new_uninitialized, wasm_importtype_vec_new, wasm_importtype_vec_copy, wasm_importtype_vec_delete;
    types::wasm_importtype_copy, types::wasm_importtype_delete;
}
declare_ptr_vec! {
    /// A vector of owned export types.
    wasm_exporttype_vec_t of wasm_exporttype_t;
    wasm_exporttype_vec_new_empty, wasm_exporttype_vec_new_uninitialized, wasm_exporttype_vec_new, wasm_exporttype_vec_copy, wasm_exporttype_vec_delete;
    types::wasm_exporttype_copy, types::wasm_exporttype_delete;
}
declare_ptr_vec! {
    /// A vector of owned frames.
    wasm_frame_vec_t of wasm_frame_t;
    wasm_frame_vec_new_empty, wasm_frame_vec_new_uninitialized, wasm_frame_vec_new, wasm_frame_vec_copy, wasm_frame_vec_delete;
    crate::trap::wasm_frame_copy, crate::trap::wasm_frame_delete;
}
declare_ptr_vec! {
    /// A vector of owned externs.
    wasm_extern_vec_t of wasm_extern_t;
    wasm_extern_vec_new_empty, wasm_extern_vec_new_uninitialized, wasm_extern_vec_new, wasm_extern_vec_copy, wasm_extern_vec_delete;
    crate::object::wasm_extern_copy, crate::object::wasm_extern_delete;
}

/// `wasm_name_t`: a byte vector holding a name.
pub type wasm_name_t = wasm_byte_vec_t;

impl wasm_byte_vec_t {
    /// A byte vector holding `bytes`.
    pub fn from_bytes(bytes: &[u8]) -> wasm_byte_vec_t {
        wasm_byte_vec_t::from_vec(bytes.iter().map(|&b| b as wasm_byte_t).collect())
    }

    /// The bytes.
    ///
    /// # Safety
    ///
    /// As [`wasm_byte_vec_t::as_slice`].
    pub unsafe fn as_bytes<'a>(&self) -> &'a [u8] {
        // SAFETY: guaranteed by the caller; `c_char` and `u8` have one layout.
        unsafe {
            let s = self.as_slice();
            std::slice::from_raw_parts(s.as_ptr().cast(), s.len())
        }
    }
}
