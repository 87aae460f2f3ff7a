//! The interface specification of concord, and the host glue generated from it.
//!
//! The single source of truth is the official WITX of
//! `wasi_snapshot_preview1`, vendored unmodified in `abi/witx/` (see its
//! README). At build time `abi/build.rs` parses it with the `witx` crate and
//! generates [`wasi_snapshot_preview1`]: every type with its exact preview1
//! memory layout, the host trait [`WasiSnapshotPreview1`], the marshalling
//! glue [`add_to_linker`], and the interface as data ([`FUNCTIONS`],
//! [`TYPES`]), from which [`render_reference`] renders `abi/REFERENCE.md`.
//! The spec, the glue and a host cannot drift apart: a host that does not
//! match the witx does not compile.
//!
//! # Invariants
//!
//! - Guest memory is only reached through [`GuestMemory`]: every pointer and
//!   length a guest passes is bounds- and overflow-checked against the
//!   current memory size, and a bad one is `EFAULT` (or `EINVAL` / `EILSEQ`
//!   where preview1 says so), never a panic or an out-of-bounds access.
//! - No host allocation is sized by a guest number that has not been checked
//!   against the memory first.
//! - `proc_exit` reaches the embedder as an [`Exit`] error (see there).
//! - An enum parameter passed by value with an out-of-range value (say
//!   `clock_res_get(99)`) traps instead of returning an errno, as wasmtime's
//!   bindings do; undefined flag bits are `EINVAL`.
//!
//! Where to start reading: [`guest`] for checked memory access, then the
//! trait [`WasiSnapshotPreview1`] and [`add_to_linker`].

#![deny(missing_docs)]

pub mod guest;
mod reference;
pub mod wasi_snapshot_preview1;

pub use guest::{GuestArray, GuestMemory, GuestPtr, GuestStr, GuestType};
pub use reference::render_reference;
pub use wasi_snapshot_preview1::{
    Errno, Exit, FUNCTIONS, FunctionInfo, InterfaceParam, MODULE, MemberInfo, TYPES, TypeInfo, TypeKind, WasiError,
    WasiSnapshotPreview1, add_to_linker, add_to_linker_where, function,
};
