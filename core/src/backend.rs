//! The contract between the core and an execution tier.
//!
//! A tier implements [`Backend`]. The core hands it each validated module
//! once ([`Backend::compile_module`]); the tier returns an opaque
//! [`CompiledModule`] that the core keeps alive as long as the module and
//! asks for function entries when it builds instances. Everything a tier
//! reads at run time comes through the shared layout in [`crate::vm`].

use crate::config::{Config, Tier};
use crate::error::CompileError;
use crate::module::ModuleInfo;
use crate::vm::ArrayCallFn;
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
/// - Every call it makes to a function it did not compile itself **must**
///   go through the callee's [`crate::vm::VmFuncRef`] (its `array_call`, or
///   its `wasm_call` when both sides agree on that convention).
/// - A trap **must** be reported by storing it with [`crate::vm::raise`]
///   (with the Wasm frames of this tier appended to its backtrace) and
///   returning `false` from the array call.
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

    /// Prepares a validated module. Lazy tiers may compile nothing yet;
    /// with `config.lazy_compilation == false`, every function **must** be
    /// compiled (and any failure reported) here.
    fn compile_module(
        &self,
        module: &Arc<ModuleInfo>,
        config: &Config,
    ) -> Result<Arc<dyn CompiledModule>, CompileError>;
}

/// A tier's artifact for one module. Opaque to the core.
pub trait CompiledModule: Send + Sync + 'static {
    /// The array-call entry of defined function `def_index`.
    fn array_call(&self, def_index: u32) -> ArrayCallFn;

    /// The native-convention entry of defined function `def_index`, or null.
    fn wasm_call(&self, def_index: u32) -> *const u8 {
        let _ = def_index;
        std::ptr::null()
    }

    /// A pointer stored in every instance's `VmContext::code`, valid as long
    /// as `self` lives; the tier uses it to find its artifact from a context.
    fn code_ptr(&self) -> *const ();
}
