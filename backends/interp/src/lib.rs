//! The interpreter tier of concord.
//!
//! Validated Wasm operators are translated (lazily, on a function's first
//! call, unless `Config::lazy_compilation` is off) into a compact
//! **register/slot IR** (`ir::Op`): every instruction names where its
//! operands live (frame slots or immediates), branch targets are resolved,
//! and invariants sit in immediates (a non-zero constant divisor needs no
//! check). The executor (`exec`) runs it with one handler function per op,
//! each ending in a sibling call of the next op's handler, keeping the hot
//! state in argument registers and all Wasm frames on its own heap stacks,
//! so Wasm recursion never consumes host stack.
//!
//! # Frame layout
//!
//! A frame is a run of 16-byte [`concord_core::RawVal`] cells, which ops
//! name by their offset in 8-byte words (16-bit "slots", so a handler
//! reaches one with a single scaled address): locals first (parameters,
//! then declared locals), then the operand stack (height `h` lives at cell
//! `num_locals + h`; in a wide frame, whose operand stack reaches beyond
//! the 32,767 cells a slot names, at cell `num_locals + 8 + h`, after
//! eight scratch slots, which come before the locals from 32,759 on when
//! there are that many). A call passes its arguments
//! in place: the callee's frame starts at the caller's first argument slot,
//! and its results come back in the same cells.
//!
//! # Where to start reading
//!
//! `ir` (the op set and its naming scheme), then `translate` (operators
//! to ops), then `exec` (the handlers and the array-call entry). `float`
//! holds scalar float/conversion semantics and `simd` the `v128` ones.
//!
//! # Invariants
//!
//! - Modules are validated by the core before they reach this crate; the
//!   translator relies on that (operand counts, indices, types) and never
//!   panics on a validated module. What it cannot handle is a typed
//!   [`CompileError`]: `Unsupported` for what it does not implement
//!   (64-bit memory offsets), `Limit` for a frame of more than 2^32 cells.
//! - Memory 0 has specialized load/store ops reading a base and length
//!   the handlers pass along in registers; other memories (multi-memory) go through
//!   two generic ops and a side table (`translate::multi_memory`,
//!   `exec::multi_memory`).
//! - Every slot an op names is below its function's `max_slots`; the
//!   executor checks `max_slots` against the stack before entering a frame
//!   (see `exec` for the full list the unsafe code relies on).
//! - An `i32` (and `f32`) lives zero-extended in word 0 of its cell, as the
//!   [`concord_core::RawVal`] encoding requires; `i64.extend_i32_u` is
//!   therefore free.
//!
//! # Calls, traps, limits, fuel
//!
//! - Calls between interpreted functions (same instance, or another
//!   instance's through its `VmFuncRef`) push a frame record in the running
//!   loop; anything else is called through its array-call entry with the
//!   arguments in place in the value stack.
//! - The value stack (`Config::max_wasm_stack` bytes, mapped from the OS
//!   so only touched pages are resident) and the frame records
//!   (`Config::max_call_depth`) live on the heap; finished activations'
//!   stacks are pooled per store in the core's backend scratch slot, and a
//!   nested entry takes its own from there. Exceeding either traps with
//!   `StackOverflow` whatever the host stack size.
//! - A trap is raised with [`concord_core::vm::raise`] and a backtrace of the
//!   interpreted frames, innermost first.
//! - With `Config::consume_fuel`, each basic block starts with a `Fuel` op
//!   charging its cost (see `translate` for where blocks start).

mod exec;
mod float;
mod ir;
#[cfg_attr(
    not(test),
    expect(dead_code, reason = "the SIMD module's `ALL` lists exist for its tests")
)]
#[allow(
    clippy::enum_variant_names,
    reason = "SIMD op enums mirror the Wasm operator names (`I8x16Splat`, ...)"
)]
mod simd;
mod translate;

use concord_core::backend::{Backend, CompileOptions, CompiledFunction, FuncEntryPoints, TierModule};
use concord_core::module::ModuleInfo;
use concord_core::{CompileError, Config, Tier};
use ir::FuncCode;
use std::sync::{Arc, OnceLock};

/// The interpreter tier.
#[derive(Clone, Copy, Debug, Default)]
pub struct Interpreter {
    _private: (),
}

impl Interpreter {
    /// The interpreter.
    pub fn new() -> Interpreter {
        Interpreter { _private: () }
    }
}

impl Backend for Interpreter {
    fn tier(&self) -> Tier {
        Tier::Interp
    }

    fn lazy_by_default(&self) -> bool {
        true
    }

    fn prepare_module(&self, module: &Arc<ModuleInfo>, config: &Config) -> Result<Arc<dyn TierModule>, CompileError> {
        Ok(Arc::new(InterpModule {
            info: module.clone(),
            funcs: (0..module.num_defined_funcs()).map(|_| OnceLock::new()).collect(),
            options: translate::Options {
                fuel: config.consume_fuel,
                epoch: config.epoch_interruption,
                tier_up: (config.tier == Tier::Auto).then_some(config.tier_up.threshold),
                relaxed_simd_deterministic: config.relaxed_simd_deterministic,
                wide_frames: config.interp_wide_frames,
            },
            stack_cells: config.max_wasm_stack / size_of::<concord_core::RawVal>(),
            max_call_depth: config.max_call_depth,
        }))
    }
}

/// The interpreter's state for one module: the translated code of each
/// defined function, set when the core publishes it.
pub(crate) struct InterpModule {
    pub(crate) info: Arc<ModuleInfo>,
    funcs: Box<[OnceLock<FuncCode>]>,
    /// How functions are translated: fuel, the tier-up budget of each
    /// function under `Tier::Auto`, the relaxed SIMD mode.
    options: translate::Options,
    /// Cells of the value stack (`Config::max_wasm_stack` in cells).
    pub(crate) stack_cells: usize,
    /// `Config::max_call_depth`.
    pub(crate) max_call_depth: usize,
}

impl InterpModule {
    /// The code of defined function `def`, or null before it is published
    /// (see [`InterpModule::code`]).
    #[inline(always)]
    pub(crate) fn published(&self, def: u32) -> *const FuncCode {
        self.funcs[def as usize].get().map_or(std::ptr::null(), |f| f)
    }

    /// The code of defined function `def`. It exists once the function's
    /// entry is the interpreter's (published before the entry).
    #[inline(always)]
    pub(crate) fn code(&self, def: u32) -> Result<&FuncCode, CompileError> {
        match self.funcs[def as usize].get() {
            Some(f) => Ok(f),
            None => Err(not_published(def)),
        }
    }
}

#[cold]
fn not_published(def: u32) -> CompileError {
    CompileError::Internal(format!("interpreted function {def} was called before it was published"))
}

impl TierModule for InterpModule {
    fn compile_function(&self, def: u32, _options: &CompileOptions) -> Result<CompiledFunction, CompileError> {
        Ok(Box::new(translate::translate_function(&self.info, def, &self.options)?))
    }

    fn publish(&self, funcs: Vec<(u32, CompiledFunction)>) -> Result<Vec<FuncEntryPoints>, CompileError> {
        let mut entries = Vec::with_capacity(funcs.len());
        for (def, f) in funcs {
            let code = f
                .downcast::<FuncCode>()
                .map_err(|_| CompileError::Internal("the interpreter was handed another tier's code".into()))?;
            // A function published twice (set back to this tier) keeps its
            // first translation: frames may be running it.
            let _ = self.funcs[def as usize].set(*code);
            entries.push(FuncEntryPoints {
                array_call: exec::array_call,
                wasm_call: std::ptr::null(),
                wide_call: std::ptr::null(),
            });
        }
        Ok(entries)
    }

    fn code_ptr(&self) -> *const () {
        (self as *const InterpModule).cast()
    }
}
