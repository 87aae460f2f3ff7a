//! `wasi_snapshot_preview1` over the real OS, capability-based.
//!
//! [`WasiCtx`] implements the generated host trait
//! [`WasiSnapshotPreview1`](concord_abi::WasiSnapshotPreview1) for every
//! preview1 function; [`add_to_linker`] defines the imports over it:
//!
//! ```
//! use concord_core::{Config, Engine, Linker, Module, Store};
//! use concord_wasi::{WasiCtx, WasiCtxBuilder};
//!
//! struct State { wasi: WasiCtx }
//!
//! let engine = Engine::with_backend(&Config::new(), std::sync::Arc::new(concord_interp::Interpreter::new()))?;
//! let module = Module::new(&engine, r#"(module
//!     (import "wasi_snapshot_preview1" "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))
//!     (memory (export "memory") 1)
//!     (data (i32.const 8) "\10\00\00\00\03\00\00\00hi\n")
//!     (func (export "_start") (drop (call $w (i32.const 1) (i32.const 8) (i32.const 1) (i32.const 0)))))"#)?;
//! let wasi = WasiCtxBuilder::new().arg("hello.wasm").null_stdio().build();
//! let mut store = Store::new(&engine, State { wasi });
//! let mut linker = Linker::new(&engine);
//! concord_wasi::add_to_linker(&mut linker, |s: &mut State| &mut s.wasi)?;
//! let instance = linker.instantiate(&mut store, &module)?;
//! instance.get_typed_func::<(), ()>(&store, "_start")?.call(&mut store, ())?;
//! # Ok::<(), concord_core::Error>(())
//! ```
//!
//! # Capabilities
//!
//! A guest sees only what the embedder gave it: stdio, the arguments and
//! environment variables set on the builder, preopened directories
//! ([`WasiCtxBuilder::preopened_dir`]) and preopened listening sockets
//! ([`WasiCtxBuilder::preopened_socket`]). Every path a guest names is
//! resolved by [cap-std](https://docs.rs/cap-std) beneath a directory
//! descriptor: `..` above the preopen, absolute paths, and symlinks whose
//! target leaves the directory (absolute, dangling-out, looping) all fail
//! instead of escaping. Rights are honoured: each descriptor carries base
//! and inheriting rights, a call needing a right the descriptor lacks fails
//! with `ENOTCAPABLE`, and rights only ever shrink (`fd_fdstat_set_rights`,
//! and a descriptor opened from a directory gets at most the directory's
//! inheriting rights).
//!
//! Guest memory is reached only through the checked glue of `concord-abi`.
//! No host allocation is sized by an unchecked guest number: reads and
//! writes go straight between the OS and guest memory slices, `fd_readdir`
//! builds at most the guest's buffer, and descriptor numbers are looked up
//! in a map (at most 65536 open at once, then `EMFILE`).
//!
//! # Host work, fuel and interruption (RFC 0010)
//!
//! A call's work is bounded by what it is asked to do: an iovec array of
//! more than 1024 entries (empty ones included) and a `poll_oneoff` of more
//! than 2^17 subscriptions are `EINVAL` before any element is read. With
//! fuel on, each call charges one unit per array element it reads and one
//! per started 64 bytes it moves, when it returns. With epoch interruption,
//! clock waits wake as soon as the epoch moves and blocking reads, writes,
//! accepts and `poll_oneoff` waits poll in slices of 20 ms (a write then
//! writes at most 4096 bytes, which a writable pipe takes without
//! blocking), so they end with the `Interrupted` trap promptly after the
//! store's deadline.
//!
//! # Where preview1 is vague, and what concord does
//!
//! The witx documentation leaves many details open; concord follows
//! wasmtime (its preview1 host as of wasmtime 49) so that programs see the
//! same answers on both:
//!
//! - **Descriptor numbers**: stdio is 0–2, preopens follow from 3 in the
//!   order given (wasi-libc scans upward from 3 and stops at the first
//!   `EBADF`), and new descriptors take the lowest free number.
//! - **Short reads and writes**: `fd_read`, `fd_pread` and `sock_recv` fill
//!   only the first non-empty buffer per call (guest buffers may overlap,
//!   so they are never borrowed mutably together), as wasmtime does;
//!   `fd_write` writes the buffers with one vectored write.
//! - **Access mode vs. rights**: `path_open` opens a file for writing when
//!   the base rights include `fd_write`, `fd_allocate` or
//!   `fd_filestat_set_size` (or with `creat`, `trunc` or the `append`
//!   fdflag), else read-only. Writing to a file opened read-only is `EBADF`
//!   (as in wasmtime); a right dropped with `fd_fdstat_set_rights` is
//!   `ENOTCAPABLE` (the spec). A directory opened with write rights is
//!   `EISDIR`; `directory` with `creat`, `excl` or `trunc` is `EINVAL`.
//! - **Wrong kind of descriptor**: an `fd_*` call on a descriptor of the
//!   wrong kind (`fd_read` on a directory, `fd_readdir` on a file) is
//!   `EBADF`; a `path_*` call on a non-directory is `ENOTDIR`;
//!   `fd_seek`/`fd_tell` on a stream is `ESPIPE`; `sock_*` on a non-socket
//!   is `ENOTSOCK`; `fd_prestat_dir_name` on a non-preopen is `ENOTDIR`
//!   while `fd_prestat_get` is `EBADF`.
//! - **`fd_readdir`**: lists `.` and `..` first, then the host's entries in
//!   the host's order; the cookie of an entry is its index plus one; the
//!   last entry is truncated to fill the buffer; `d_ino` of `..` is the
//!   directory's own (the parent may be outside the sandbox), as in wasmtime.
//! - **`path_readlink`** with a small buffer writes the target's prefix and
//!   succeeds. **`path_link`** with `symlink_follow` is `EINVAL` (links the
//!   link itself otherwise).
//! - **Clocks**: realtime and monotonic come from `clock_gettime`. The
//!   process and thread CPU-time clocks are `EBADF` by default, as in
//!   wasmtime (preview1 makes them optional);
//!   [`WasiCtxBuilder::cpu_time_clocks`] serves them from the host.
//!   The `precision` argument is ignored.
//! - **`poll_oneoff`**: files and directories are always ready; stdin,
//!   stdout and sockets are polled with `poll(2)`; an unknown descriptor
//!   fails the whole call with `EBADF`; zero subscriptions is `EINVAL`.
//! - **`fd_allocate`** is `ENOTSUP` (wasmtime's answer); **`proc_raise`**
//!   is `ENOTSUP` and raises nothing (wasmtime 49's answer).
//! - **`proc_exit(n)`** ends execution with `WasiError::Exit(n)`, which the
//!   embedder receives as a [`concord_abi::Exit`] error.
//! - **Escapes**: a path that would leave its directory is `EPERM` (cap-std
//!   reports `PermissionDenied`, which wasmtime maps to `EPERM` too).
//! - **`fd_fdstat_set_flags`** can toggle `append` and `nonblock`; the
//!   synchronisation flags are fixed at open (changing them is `EINVAL`);
//!   on a directory it is `EBADF`.
//! - **Sockets**: a preopened listener is non-blocking at the OS level (as
//!   wasmtime makes its `--tcplisten` sockets). `sock_accept` with the
//!   `nonblock` flag (or on a listener set `nonblock`) answers `EAGAIN`
//!   when nothing is pending; without it, it waits for a connection. The
//!   accepted socket is non-blocking iff `nonblock` was asked. `sock_recv`
//!   supports `recv_peek` and `recv_waitall` and never reports
//!   `recv_data_truncated` (stream sockets only); `sock_accept` on a
//!   connected socket is `EINVAL`, on a non-socket `ENOTSOCK`.
//! - **Out-of-range enum arguments** (an unknown clock id, whence, advice
//!   or signal) stop the guest with a trap instead of returning an errno:
//!   `concord-abi`'s glue does this before the host runs, as wasmtime's
//!   bindings do.

mod clocks;
mod ctx;
mod errno;
mod fs;
mod path;
mod poll;
mod preview1;
mod sock;

pub use concord_abi::{Exit, WasiError};
pub use ctx::{WasiCtx, WasiCtxBuilder};

/// Defines every `wasi_snapshot_preview1` import in `linker` over the
/// [`WasiCtx`] that `get` finds in the store's data.
pub fn add_to_linker<T: 'static>(
    linker: &mut concord_core::Linker<T>,
    get: impl Fn(&mut T) -> &mut WasiCtx + Send + Sync + Copy + 'static,
) -> concord_core::Result<()> {
    concord_abi::add_to_linker(linker, get)
}

/// [`add_to_linker`] for what `modules` import from
/// `wasi_snapshot_preview1` only: the same for those modules, less to set
/// up (a host that links only modules it knows).
pub fn add_imports_to_linker<'m, T: 'static>(
    linker: &mut concord_core::Linker<T>,
    modules: impl IntoIterator<Item = &'m concord_core::Module>,
    get: impl Fn(&mut T) -> &mut WasiCtx + Send + Sync + Copy + 'static,
) -> concord_core::Result<()> {
    let mut names: Vec<&str> = Vec::new();
    for module in modules {
        for import in &module.info().imports {
            if import.module == concord_abi::MODULE {
                names.push(&import.name);
            }
        }
    }
    concord_abi::add_to_linker_where(linker, get, |name| names.contains(&name))
}
