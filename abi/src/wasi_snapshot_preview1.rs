//! `wasi_snapshot_preview1`: types, host trait and glue, generated at build
//! time from `abi/witx/wasi_snapshot_preview1.witx` (see `abi/build.rs`).
//!
//! - Types: handles and aliases (`Fd`, `Size`, `Filesize`, ...), enums
//!   (`Errno`, `Whence`, ...), flags (`Rights`, `Oflags`, ...), records
//!   (`Fdstat`, `Filestat`, `Iovec`, ...) and unions (`Prestat`,
//!   `SubscriptionU`), each a [`GuestType`] with its exact preview1 layout.
//! - [`WasiSnapshotPreview1`]: the host trait, one method per function.
//! - [`add_to_linker`]: defines every import over a host.
//! - [`FUNCTIONS`] and [`TYPES`]: the interface as data.
//!
//! Hand-written here: the error types ([`WasiError`], [`Exit`]), the shapes
//! of the data tables, and the few helpers the generated glue calls.

use crate::guest::{GuestArray, GuestMemory, GuestPtr, GuestStr, GuestType, offset_add};
use concord_core::{Caller, Extern, Linker, Trap, ValType};
use std::fmt;

/// The import module name.
pub const MODULE: &str = "wasi_snapshot_preview1";

/// How a host method fails.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WasiError {
    /// The function fails with this errno, returned to the guest.
    Errno(Errno),
    /// The program exits with this status (`proc_exit`): execution stops
    /// and the embedder receives an [`Exit`] error.
    Exit(u32),
    /// A host failure that the guest cannot handle: execution traps with
    /// this message.
    Trap(String),
    /// A blocking call ended because the store's epoch deadline passed
    /// (see `concord_core::Interrupt`): execution traps with
    /// `TrapCode::Interrupted`.
    Interrupted,
}

impl From<Errno> for WasiError {
    fn from(e: Errno) -> WasiError {
        WasiError::Errno(e)
    }
}

impl fmt::Display for WasiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WasiError::Errno(e) => write!(f, "errno {} ({}): {e}", e.raw(), e.name()),
            WasiError::Exit(code) => write!(f, "exit with status {code}"),
            WasiError::Trap(msg) => f.write_str(msg),
            WasiError::Interrupted => f.write_str("interrupted"),
        }
    }
}

impl std::error::Error for WasiError {}

/// The guest called `proc_exit` with this status.
///
/// [`add_to_linker`]'s glue returns it as `concord_core::Error::host(Exit(n))`,
/// which the core passes through unchanged to whoever called into Wasm
/// (`TypedFunc::call`, `Func::call`, `Linker::instantiate` for a start
/// function). An embedder recognizes it with
///
/// ```
/// use concord_abi::Exit;
///
/// fn exit_status(err: &concord_core::Error) -> Option<u32> {
///     match err.kind() {
///         concord_core::ErrorKind::Host(e) => e.downcast_ref::<Exit>().map(|exit| exit.0),
///         _ => None,
///     }
/// }
/// assert_eq!(exit_status(&concord_core::Error::host(Exit(3))), Some(3));
/// ```
///
/// or simply [`Exit::from_error`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Exit(pub u32);

impl Exit {
    /// The exit, if `err` is one.
    pub fn from_error(err: &concord_core::Error) -> Option<Exit> {
        match err.kind() {
            concord_core::ErrorKind::Host(e) => e.downcast_ref::<Exit>().copied(),
            _ => None,
        }
    }
}

impl fmt::Display for Exit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the program exited with status {}", self.0)
    }
}

impl std::error::Error for Exit {}

/// A function of the interface with its core Wasm signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FunctionInfo {
    /// The import name (in module [`MODULE`]).
    pub name: &'static str,
    /// The core parameter types: the lowered parameters (a list or string is
    /// a pointer and a length), then one `i32` out-pointer per result.
    pub params: &'static [ValType],
    /// A name for each core parameter (`iovs_ptr`, `iovs_len`, `retptr0`, ...).
    pub param_names: &'static [&'static str],
    /// The core result types: `[i32]` (the errno), or none for `proc_exit`.
    pub results: &'static [ValType],
    /// The witx documentation.
    pub doc: &'static str,
    /// Whether the function never returns (`proc_exit`).
    pub noreturn: bool,
    /// The interface-level parameters.
    pub interface_params: &'static [InterfaceParam],
    /// The interface-level results, each written through an out-pointer.
    pub interface_results: &'static [InterfaceParam],
}

/// The function named `name`, if the interface has one.
pub fn function(name: &str) -> Option<&'static FunctionInfo> {
    FUNCTIONS.iter().find(|f| f.name == name)
}

/// A parameter or result of a function at the interface level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InterfaceParam {
    /// Its witx name.
    pub name: &'static str,
    /// Its witx type (`fd`, `string`, `pointer<u8>`, `ciovec_array`, ...).
    pub ty: &'static str,
    /// The witx documentation.
    pub doc: &'static str,
}

/// What kind of type a [`TypeInfo`] describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeKind {
    /// Another name for a builtin type or pointer (`size` is `u32`).
    Alias,
    /// A handle (an `i32` index chosen by the host).
    Handle,
    /// A list (pointer and length).
    List,
    /// An enumeration; members are its values.
    Enum,
    /// A set of flags; members are its bits.
    Flags,
    /// A record; members are its fields with their offsets.
    Record,
    /// A tagged union; members are its cases with their tags.
    Union,
}

/// A type of the interface and its layout in guest memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TypeInfo {
    /// The witx name.
    pub name: &'static str,
    /// The Rust name in this module.
    pub rust_name: &'static str,
    /// The kind.
    pub kind: TypeKind,
    /// For enums, flags and unions the integer representation (of the tag);
    /// for aliases and lists the type aliased; empty otherwise.
    pub repr: &'static str,
    /// Size in bytes.
    pub size: u32,
    /// Alignment in bytes.
    pub align: u32,
    /// For unions, the offset of the payload; 0 otherwise.
    pub payload_offset: u32,
    /// The witx documentation.
    pub doc: &'static str,
    /// Values, flags, fields or cases.
    pub members: &'static [MemberInfo],
}

/// A value of an enum, a flag, a field of a record or a case of a union.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MemberInfo {
    /// The witx name.
    pub name: &'static str,
    /// The field's or payload's witx type; empty for enum values and flags.
    pub ty: &'static str,
    /// The enum value, the flag's bit mask, the field's byte offset, or the
    /// union case's tag.
    pub value: u64,
    /// The witx documentation.
    pub doc: &'static str,
}

impl Ciovec {
    /// The bytes this buffer describes (`Errno::Fault` if outside memory).
    pub fn as_bytes<'m>(&self, mem: &'m GuestMemory<'_>) -> Result<&'m [u8], Errno> {
        mem.bytes(self.buf.offset(), self.buf_len)
    }
}

impl Iovec {
    /// The bytes this buffer describes, to be filled (`Errno::Fault` if
    /// outside memory).
    pub fn as_bytes_mut<'m>(&self, mem: &'m mut GuestMemory<'_>) -> Result<&'m mut [u8], Errno> {
        mem.bytes_mut(self.buf.offset(), self.buf_len)
    }
}

/// The caller's memory bytes and the store's data. Without an exported
/// `memory`, a function that needs one traps; one that does not gets an
/// empty memory.
fn memory_of<'a, T: 'static>(
    caller: &'a mut Caller<'_, T>,
    func: &str,
    required: bool,
) -> concord_core::Result<(&'a mut [u8], &'a mut T)> {
    match caller.get_export("memory") {
        Some(Extern::Memory(memory)) => Ok(memory.data_and_store_mut(caller)),
        _ if !required => Ok((&mut [], caller.data_mut())),
        _ => Err(Trap::host(format!(
            "{MODULE}::{func} needs the calling module to export its linear memory as `memory`, and it does not"
        ))
        .into()),
    }
}

/// Runs the body of a function's glue.
fn run(body: impl FnOnce() -> Result<(), WasiError>) -> Result<(), WasiError> {
    body()
}

/// The core result of a function: its errno, or the error that stops execution.
fn errno_result(result: Result<(), WasiError>) -> concord_core::Result<i32> {
    match result {
        Ok(()) => Ok(i32::from(Errno::Success.raw())),
        Err(WasiError::Errno(e)) => Ok(i32::from(e.raw())),
        Err(WasiError::Exit(code)) => Err(concord_core::Error::host(Exit(code))),
        Err(WasiError::Trap(msg)) => Err(Trap::host(msg).into()),
        Err(WasiError::Interrupted) => Err(Trap::new(concord_core::TrapCode::Interrupted).into()),
    }
}

/// Charges the host work of a call that returned (`work` units, counted by
/// its [`GuestMemory`]) as fuel, when the store consumes fuel (RFC 0010):
/// a call whose work exceeds the fuel left traps with `OutOfFuel` as it
/// returns.
fn charge_work<T>(
    caller: &mut Caller<'_, T>,
    work: u64,
    result: concord_core::Result<i32>,
) -> concord_core::Result<i32> {
    let errno = result?;
    caller.consume_fuel(work)?;
    Ok(errno)
}

/// Runs the body of a function that does not return.
fn run_noreturn(body: impl FnOnce() -> Result<WasiError, WasiError>) -> WasiError {
    match body() {
        Ok(e) | Err(e) => e,
    }
}

/// The error that ends a function that does not return.
fn noreturn(err: WasiError) -> concord_core::Result<()> {
    match err {
        WasiError::Exit(code) => Err(concord_core::Error::host(Exit(code))),
        WasiError::Trap(msg) => Err(Trap::host(msg).into()),
        WasiError::Interrupted => Err(Trap::new(concord_core::TrapCode::Interrupted).into()),
        WasiError::Errno(e) => Err(Trap::host(format!(
            "{MODULE}: a function that does not return failed with errno {} ({})",
            e.raw(),
            e.name()
        ))
        .into()),
    }
}

include!(concat!(env!("OUT_DIR"), "/wasi_snapshot_preview1.rs"));
