//! The contract between the core and an execution tier.
//!
//! A tier implements [`Backend`]. For each module that uses it, the core
//! asks it once for its per-module state ([`Backend::prepare_module`], a
//! [`TierModule`]), then compiles **one function at a time**
//! ([`TierModule::compile_function`], called from several threads at once)
//! and makes batches of compiled functions runnable
//! ([`TierModule::publish`]), which returns each function's entry points.
//! The core owns the scheduling: eager compilation of a module is the core
//! calling the tier per function on all cores and publishing one batch;
//! lazy compilation publishes each function on its first call. The core
//! writes the entry points into the function's [`crate::vm::VmFuncEntry`],
//! shared by every instance and every caller (RFC 0006).
//!
//! Everything a tier reads at run time comes through the shared layout in
//! [`crate::vm`]; a tier finds its own per-module state from a context with
//! [`crate::vm::tier_code`].

use crate::config::{Config, Tier};
use crate::error::CompileError;
use crate::module::ModuleInfo;
use crate::values::RawVal;
use crate::vm::{ArrayCallFn, VmContext, VmFuncRef};
use std::any::Any;
use std::sync::Arc;

/// An execution tier.
///
/// Obligations of an implementation:
///
/// - It **must** accept every module that validated with the engine's
///   features, or reject it with a [`CompileError`] naming what it does not
///   support; it must never panic on a validated module.
/// - Code it produces **must** read and write instance state only through
///   the [`crate::vm`] layout (memories, tables, globals, function
///   references), so that tiers can be mixed within one store.
/// - Every call it makes **must** go through the callee's
///   [`crate::vm::VmFuncEntry`] (its `array_call`, or its `wasm_call` when
///   that is not null), so that a function's tier can change under its
///   callers, except calls between functions compiled with
///   [`CompileOptions::direct_calls`].
/// - A memory access **must** trap with `MemoryOutOfBounds` unless all of
///   its bytes are below the memory's current length. Code may leave that
///   to the guard region only for 32-bit memories, whose reservation
///   (`Config::memory_reservation`, when it is larger than 4 GiB) covers
///   every address and offset; a 64-bit memory's access is checked
///   explicitly, with `address + offset + size` overflowing `u64` trapping
///   too, and code **must** reload a memory's base after anything that can
///   grow it, unless it is a 32-bit memory within its reservation (which
///   never moves).
/// - A trap **must** be reported by storing it with [`crate::vm::raise`]
///   (with the Wasm frames of this tier appended to its backtrace) and
///   returning `false` from the array call. A frame names the instruction
///   it was executing by its byte offset in the binary (the trapping one in
///   the innermost frame, the call in the others; code that runs before the
///   function's first instruction, its prologue and the checks at its
///   entry, at the start of its body) and its instance
///   ([`crate::vm::frame_info`]); machine code gives its offsets as
///   `FuncCode::offsets` in the core's code map
///   ([`crate::machine::traps`]), which reads them for each frame.
/// - Wasm recursion **must not** exhaust the host stack: exceeding
///   [`Config::max_wasm_stack`] (and, for a tier that keeps frames on the
///   heap, [`Config::max_call_depth`]) traps with `StackOverflow`. Machine
///   code checks the stack pointer against `VmRuntime::stack_limit` in every
///   prologue.
/// - With [`Config::consume_fuel`], each fuel block **must** charge its
///   cost before it runs, trapping with `OutOfFuel` (and charging nothing)
///   when the remaining fuel is less than the cost, so every tier consumes
///   the same fuel for the same run. The rules (what an operator costs,
///   where a fuel block starts, what unreachable code costs) are in
///   [`crate::translate`], with the pieces that apply them.
pub trait Backend: Send + Sync + 'static {
    /// Which tier this is.
    fn tier(&self) -> Tier;

    /// Whether the tier compiles a function on its first call when the
    /// configuration leaves it open (`Config::lazy_compilation == None`).
    fn lazy_by_default(&self) -> bool;

    /// The tier's state for `module` (glue shared by its functions, caches),
    /// created once per module that uses this tier, before any of its
    /// functions is compiled. It fails with [`CompileError::Unsupported`]
    /// when the tier cannot run on this host.
    fn prepare_module(&self, module: &Arc<ModuleInfo>, config: &Config) -> Result<Arc<dyn TierModule>, CompileError>;
}

/// How one function is compiled.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CompileOptions {
    /// Every defined function of the module is compiled by this tier and
    /// published in the same batch, and none will ever change tier: calls
    /// between them may bypass their entries (direct calls). When `false`,
    /// every call goes through the callee's [`crate::vm::VmFuncEntry`].
    pub direct_calls: bool,
    /// The function may call itself directly, bypassing its entry: it is
    /// the last tier a tier-up path gives it (RFC 0007), so a recursion
    /// that started in this code may stay in it. A tier may ignore this.
    pub direct_self_calls: bool,
}

/// A compiled function before it is published: the tier's own artifact
/// (code bytes, relocations, trap tables; or translated IR), opaque to the
/// core, which only carries it from [`TierModule::compile_function`] to
/// [`TierModule::publish`].
pub type CompiledFunction = Box<dyn Any + Send>;

/// The entry points of a published function.
#[derive(Clone, Copy, Debug)]
pub struct FuncEntryPoints {
    /// Its array-call entry.
    pub array_call: ArrayCallFn,
    /// Its native-convention entry (RFC 0005), or null.
    pub wasm_call: *const u8,
    /// Its wide-convention entry (`VmFuncEntry`'s `wide_call`, RFC 0008),
    /// or null.
    pub wide_call: *const u8,
}

/// A tier's state for one module. Opaque to the core.
pub trait TierModule: Send + Sync + 'static {
    /// Compiles defined function `def`. Called from several threads at
    /// once, for different functions; a failure is reported, never a panic.
    fn compile_function(&self, def: u32, options: &CompileOptions) -> Result<CompiledFunction, CompileError>;

    /// Makes `funcs` (defined index, artifact of this tier's
    /// `compile_function`) runnable and returns their entry points, in the
    /// same order. Code published stays valid as long as `self` lives.
    fn publish(&self, funcs: Vec<(u32, CompiledFunction)>) -> Result<Vec<FuncEntryPoints>, CompileError>;

    /// The pointer stored in the module's `VmContext::code` slot for this
    /// tier, valid as long as `self` lives; the tier uses it to find this
    /// state from a context ([`crate::vm::tier_code`]).
    fn code_ptr(&self) -> *const ();

    /// Compiles defined function `def` for on-stack replacement (RFC 0007):
    /// code that starts at the header of the `loop` whose operator is at
    /// byte offset `loop_offset` in the module, from a frame state, and
    /// runs the rest of the function. `outer_offset` is the outermost loop
    /// around it that is an OSR point (`loop_offset` itself when there is
    /// none): a tier may peel that loop nest's first iteration, so that the
    /// compiled nest keeps one entry. A tier that cannot (or a loop that is
    /// not an OSR point) answers with an error, never a panic.
    fn compile_osr(&self, def: u32, loop_offset: u32, outer_offset: u32) -> Result<CompiledFunction, CompileError> {
        let _ = (def, loop_offset, outer_offset);
        Err(CompileError::Unsupported {
            tier: "this",
            what: "on-stack replacement".into(),
        })
    }

    /// Makes an artifact of [`TierModule::compile_osr`] runnable. Its code
    /// stays valid as long as `self` lives.
    fn publish_osr(&self, def: u32, code: CompiledFunction) -> Result<OsrEntry, CompileError> {
        let _ = (def, code);
        Err(CompileError::Internal("this tier has no on-stack replacement".into()))
    }
}

/// Runs an OSR entry: see [`OsrEntry`].
pub type OsrCallFn = unsafe fn(
    entry: &OsrEntry,
    callee: *const VmFuncRef,
    caller_vmctx: *mut VmContext,
    values: *mut RawVal,
    len: usize,
) -> bool;

/// Compiled code that continues a function at one loop header (RFC 0007).
///
/// The frame state is a run of [`RawVal`] cells: the function's locals
/// (parameters first, then declared locals), then the loop's parameters.
/// `call` is an array call (the [`crate::vm::ArrayCallFn`] contract, with
/// `callee` the function's own reference) whose one argument, in
/// `values[0]` as an `i64`, is the address of the frame state; it reads the
/// state first, runs the function from the loop header (charging the
/// header's fuel block, as a branch to it would) and returns the
/// function's results in `values`, or `false` after a trap whose backtrace
/// includes the function's frame.
#[derive(Clone, Copy, Debug)]
pub struct OsrEntry {
    /// Runs the entry.
    pub call: OsrCallFn,
    /// The tier's address of the compiled code.
    pub code: usize,
    /// A second word for the tier (its entry trampoline).
    pub aux: usize,
}
