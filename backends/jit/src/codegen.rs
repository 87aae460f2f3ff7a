//! The single-pass code generator.

use concord_core::machine::traps::TrapSite;
use concord_core::module::ModuleInfo;
use concord_core::CompileError;

/// How functions are compiled.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Charge fuel per block (`Config::consume_fuel`).
    pub fuel: bool,
    /// Bytes of guard pages after a 32-bit memory's 4 GiB of index space:
    /// accesses whose offset and size fit in them need no bounds check.
    pub guard_bytes: u64,
}

/// A compiled function before it is placed.
pub(crate) struct Compiled {
    pub code: Vec<u8>,
    pub traps: Vec<(u32, TrapSite)>,
    /// Compiled in the native convention (else the cells convention).
    pub native: bool,
}

pub(crate) fn compile(_module: &ModuleInfo, _def: u32, _opts: &Options) -> Result<Compiled, CompileError> {
    Err(CompileError::Unsupported { tier: "jit", what: "code generation (not written yet)".into() })
}
