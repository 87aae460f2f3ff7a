//! Registers, the native convention's register assignment, and the
//! assembler wrapper that records trap sites.

use concord_core::TrapCode;
use concord_core::machine::traps::{NO_WASM_OFFSET, TrapSite};
use dynasmrt::x64::X64Relocation;
use dynasmrt::{DynasmApi, VecAssembler, dynasm};

/// x86-64 general-purpose register numbers, as `dynasm`'s `Rq(n)` takes
/// them.
pub(crate) mod gpr {
    pub const RAX: u8 = 0;
    pub const RBX: u8 = 3;
    pub const RCX: u8 = 1;
    pub const RDX: u8 = 2;
    pub const RSP: u8 = 4;
    pub const RBP: u8 = 5;
    pub const RSI: u8 = 6;
    pub const RDI: u8 = 7;
    pub const R8: u8 = 8;
    pub const R9: u8 = 9;
    pub const R10: u8 = 10;
    pub const R11: u8 = 11;
    pub const R12: u8 = 12;
    pub const R15: u8 = 15;
}

use gpr::*;

/// Integer and reference parameters of the native convention, after the
/// callee and caller contexts (`rdi`, `rsi`), in order (RFC 0006).
pub(crate) const INT_PARAM_REGS: [u8; concord_core::machine::NATIVE_INT_PARAMS] = [RDX, RCX, R8, R9];
/// Integer and reference results of the native convention, in order.
pub(crate) const INT_RESULT_REGS: [u8; concord_core::machine::NATIVE_INT_RESULTS] =
    [RAX, RCX, RDX, RSI, RDI, R8, R9, R10];
/// Scratch register, never allocated.
pub(crate) const SCRATCH: u8 = R11;
/// The base of memory 0.
pub(crate) const MEMORY0_BASE: u8 = R15;

/// A trap table: `(offset, site)`, sorted by offset.
pub type TrapTable = Vec<(u32, TrapSite)>;

/// The assembler of one function, with its trap table and the Wasm
/// offsets of its code.
pub(crate) struct Asm {
    pub ops: VecAssembler<X64Relocation>,
    /// `(offset, site)`: the instruction starting at `offset` traps.
    pub traps: Vec<(u32, TrapSite)>,
    /// `(offset, byte offset in the module's binary)`: the code from
    /// `offset` on was emitted for the Wasm instruction there
    /// (`concord_core::machine::traps::FuncCode::offsets`).
    offsets: Vec<(u32, u32)>,
    /// The Wasm offset of the code being emitted.
    wasm: u32,
}

impl Asm {
    pub(crate) fn new() -> Asm {
        Asm {
            ops: VecAssembler::new(0),
            traps: Vec::new(),
            offsets: Vec::new(),
            wasm: NO_WASM_OFFSET,
        }
    }

    /// The code emitted from here on is for the Wasm instruction at byte
    /// offset `wasm` of the module's binary ([`NO_WASM_OFFSET`]: none).
    pub(crate) fn set_wasm_offset(&mut self, wasm: u32) {
        self.wasm = wasm;
        let here = self.offset();
        match self.offsets.last_mut() {
            Some(last) if last.0 == here => last.1 = wasm,
            Some(last) if last.1 == wasm => {}
            _ => self.offsets.push((here, wasm)),
        }
    }

    /// The Wasm offset of the code being emitted.
    pub(crate) fn wasm_offset(&self) -> u32 {
        self.wasm
    }

    /// The Wasm offsets of the code, sorted by code offset.
    pub(crate) fn take_offsets(&mut self) -> Vec<(u32, u32)> {
        std::mem::take(&mut self.offsets)
    }

    /// The current offset.
    pub(crate) fn offset(&self) -> u32 {
        self.ops.offset().0 as u32
    }

    /// Records that the next instruction emitted traps with `site`.
    pub(crate) fn trap_site(&mut self, site: TrapSite) {
        let at = self.offset();
        self.traps.push((at, site));
    }

    /// Emits a `ud2` that traps with `code`.
    pub(crate) fn trap(&mut self, code: TrapCode) {
        self.trap_site(TrapSite::Code(code));
        dynasm!(self.ops ; .arch x64 ; ud2);
    }

    /// Emits a `ud2` for a trap a callee already raised.
    pub(crate) fn propagate(&mut self) {
        self.trap_site(TrapSite::Propagate);
        dynasm!(self.ops ; .arch x64 ; ud2);
    }

    /// Resolves labels and returns the code and its trap table (sorted).
    pub(crate) fn finish(self) -> Result<(Vec<u8>, TrapTable), String> {
        let code = self.ops.finalize().map_err(|e| format!("assembler: {e}"))?;
        let mut traps = self.traps;
        traps.sort_by_key(|t| t.0);
        traps.dedup_by_key(|t| t.0);
        Ok((code, traps))
    }
}
