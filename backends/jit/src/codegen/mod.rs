//! The single-pass code generator.
//!
//! # Frame
//!
//! ```text
//!   [rbp + 8]              return address
//!   [rbp]                  caller's rbp
//!   [rbp - 8], [rbp - 16]  saved r14, r15
//!   [rbp - 32 - 16 * i]    local i (16-byte slots; then the cells pointer
//!                          of the cells convention, then hidden slots)
//!   ...
//!   [rsp + 16 * d]         home slot of operand-stack depth d
//! ```
//!
//! `rsp` does not move inside the body, so the home slots of consecutive
//! depths are consecutive 16-byte cells: the arguments of a call are laid
//! out as the value cells of an array call, and its results come back in
//! the home slots of their depths.
//!
//! # Registers
//!
//! `r14` holds the instance's `VmContext`, `r15` the base of memory 0
//! (reloaded after calls and `memory.grow`), `r11` and `xmm15` are scratch.
//! Operand values live in the caller-saved `rax`, `rcx`, `rdx`, `rsi`,
//! `rdi`, `r8` to `r10` and `xmm0` to `xmm14` (so a prologue saves only
//! `r14` and `r15`), until a control-flow merge or a
//! call spills them to their home slots. An `i32` in a register is always
//! zero-extended to 64 bits (every `i32` result comes from an instruction
//! with a 32-bit destination), so a spilled `i32` is a valid value cell.
//! A `v128` is only ever in a vector register or a 16-byte slot (moved with
//! `movdqu`), never in a general-purpose register or a constant operand:
//! `v128.const` loads from the function's constant pool, placed after its
//! code (`simd.rs`).

mod control;
mod exceptions;
mod memory;
mod numeric;
mod simd;

use crate::emit::gpr::*;
use crate::emit::{Asm, INT_PARAM_REGS, INT_RESULT_REGS};
use concord_core::machine::traps::{NO_WASM_OFFSET, TrapSite};
use concord_core::module::ModuleInfo;
use concord_core::translate::{CatchClause, ControlFrame, ControlKind, ControlStack, DeadOp, FuelMeter};
use concord_core::vm::offsets;
use concord_core::wasmparser::{self as wp, Operator};
use concord_core::{CompileError, TrapCode, ValType};
use dynasmrt::{DynamicLabel, DynasmApi, DynasmLabelApi, dynasm};

/// How functions are compiled.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Charge fuel per block (`Config::consume_fuel`).
    pub fuel: bool,
    /// Check the engine's epoch against the store's deadline at function
    /// entries and loop headers (`Config::epoch_interruption`).
    pub epoch: bool,
    /// Bytes of guard pages after a 32-bit memory's 4 GiB of index space:
    /// accesses whose offset and size fit in them need no bounds check.
    pub guard_bytes: u64,
    /// The relaxed SIMD operators give the deterministic profile's results
    /// (`Config::relaxed_simd_deterministic`), else concord's default ones.
    pub relaxed_simd_deterministic: bool,
}

/// A compiled function before it is placed.
pub(crate) struct Compiled {
    pub code: Vec<u8>,
    pub traps: Vec<(u32, TrapSite)>,
    /// The convention it was compiled in.
    pub conv: crate::Conv,
    /// For the native convention, the offset of its entry in the wide
    /// convention ([`Gen::emit_wide_entry`]).
    pub wide_entry: Option<u32>,
    /// Direct calls: `(offset just past the rel32, callee's defined index)`.
    pub calls: Vec<(u32, u32)>,
    /// The Wasm offsets of the code
    /// (`concord_core::machine::traps::FuncCode::offsets`).
    pub offsets: Vec<(u32, u32)>,
}

/// The Wasm instructions that jump to one of a function's shared trap
/// stubs (one `ud2` per trap code, and one for propagated failures): a
/// trap there is reported at the instruction when it is the only one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum StubSources {
    None,
    One(u32),
    Many,
}

impl StubSources {
    fn add(&mut self, wasm: u32) {
        *self = match *self {
            StubSources::None => StubSources::One(wasm),
            StubSources::One(at) if at == wasm => StubSources::One(at),
            _ => StubSources::Many,
        };
    }

    /// The offset to report for the stub.
    fn offset(self) -> u32 {
        match self {
            StubSources::One(at) => at,
            StubSources::None | StubSources::Many => NO_WASM_OFFSET,
        }
    }
}

type Result<T> = std::result::Result<T, CompileError>;

fn internal(what: impl std::fmt::Display) -> CompileError {
    CompileError::Internal(format!("jit: {what}"))
}

fn unsupported(what: impl std::fmt::Display) -> CompileError {
    CompileError::Unsupported {
        tier: "jit",
        what: what.to_string(),
    }
}

/// The machine representation of a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    I32,
    I64,
    F32,
    F64,
    /// `funcref` / `externref` / `exnref`: a pointer-sized word.
    Ref,
    /// `v128`: always in a vector register or a 16-byte slot.
    V128,
}

impl Kind {
    fn of(t: ValType) -> Result<Kind> {
        Ok(match t {
            ValType::I32 => Kind::I32,
            ValType::I64 => Kind::I64,
            ValType::F32 => Kind::F32,
            ValType::F64 => Kind::F64,
            ValType::FuncRef | ValType::ExternRef | ValType::Ref(_) => Kind::Ref,
            ValType::V128 => Kind::V128,
        })
    }

    fn of_wasm(t: wp::ValType) -> Result<Kind> {
        Ok(match t {
            wp::ValType::I32 => Kind::I32,
            wp::ValType::I64 => Kind::I64,
            wp::ValType::F32 => Kind::F32,
            wp::ValType::F64 => Kind::F64,
            wp::ValType::Ref(_) => Kind::Ref,
            wp::ValType::V128 => Kind::V128,
        })
    }

    pub(crate) fn is_float(self) -> bool {
        matches!(self, Kind::F32 | Kind::F64)
    }

    /// Kept in a vector register (floats and `v128`).
    pub(crate) fn in_xmm(self) -> bool {
        matches!(self, Kind::F32 | Kind::F64 | Kind::V128)
    }

    /// A 64-bit integer register value (`i64`, references).
    pub(crate) fn is_wide(self) -> bool {
        matches!(self, Kind::I64 | Kind::Ref)
    }
}

/// Where an operand-stack value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Loc {
    Gpr(u8),
    Xmm(u8),
    /// A constant: the value's bits (an `i32` or `f32` in the low half).
    Imm(i64),
    /// In the home slot of its depth.
    Home,
    /// The current value of local `i`, not loaded yet (`local.get`): read
    /// where it is used, from its register copy or its slot. Entries are
    /// loaded or spilled before the local is written.
    Local(u32),
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Val {
    pub kind: Kind,
    pub loc: Loc,
}

/// Where RFC 0006's native convention passes values of `kinds`, in order:
/// integers and references in `ints` (parameter or result registers), the
/// others in `xmm0`, `xmm1`, ... The caller has checked that they fit
/// (`crate::native_convention`).
pub(crate) fn native_locs(kinds: &[Kind], ints: &[u8]) -> Vec<Loc> {
    let (mut next_int, mut next_xmm) = (0usize, 0u8);
    kinds
        .iter()
        .map(|k| {
            if k.in_xmm() {
                next_xmm += 1;
                Loc::Xmm(next_xmm - 1)
            } else {
                next_int += 1;
                Loc::Gpr(ints[next_int - 1])
            }
        })
        .collect()
}

/// Allocatable general-purpose registers, in allocation order.
/// Only caller-saved registers: a prologue saves nothing but `r14`/`r15`.
const GPRS: [u8; 8] = [RAX, RCX, RDX, RSI, RDI, R8, R9, R10];
/// Allocatable vector registers: `xmm0` to `xmm14`.
const XMMS: u8 = 15;
/// Saved registers below `rbp`.
const SAVED_BYTES: i32 = 16;
/// Bytes per home slot and per local slot.
pub(crate) const SLOT: i32 = 16;

/// The tier's payload of a control frame.
#[derive(Debug)]
pub(crate) struct Frame {
    /// The end of a block/if (or a loop's header: where branches go).
    pub target: DynamicLabel,
    /// A loop's end, or the else arm of an `if`.
    pub other: Option<DynamicLabel>,
    /// Hidden slots holding an `if`'s parameters for its else arm.
    pub saved_params: Option<u32>,
    /// Types of the frame's parameters and results.
    pub params: Vec<Kind>,
    pub results: Vec<Kind>,
    /// A branch targets the frame's end.
    pub branched: bool,
    /// A `try_table`'s catch clauses (empty for any other frame).
    pub catches: Vec<CatchClause>,
}

/// The state of the translation of one function.
pub(crate) struct Gen<'a> {
    pub info: &'a ModuleInfo,
    pub opts: Options,
    pub a: Asm,
    pub stack: Vec<Val>,
    pub ctrls: ControlStack<Frame>,
    /// Fuel charges: offsets just past the `imm32` of the compare and of
    /// the subtraction.
    pub fuel: FuelMeter<(u32, u32)>,
    pub locals: Vec<Kind>,
    /// Local slots in use (declared locals, the cells pointer, hidden).
    pub local_slots: u32,
    pub max_depth: usize,
    used_gpr: u16,
    used_xmm: u16,
    /// Registers holding a copy of a local (clean: the slot is up to date),
    /// by register: the local. Dropped for free when a register is needed,
    /// at merge points and at calls.
    gpr_local: [Option<u32>; 16],
    xmm_local: [Option<u32>; 16],
    /// The register caching each local, if any.
    local_reg: Vec<Option<Loc>>,
    trap_labels: [Option<DynamicLabel>; 16],
    propagate_label: Option<DynamicLabel>,
    /// Who jumps to each trap stub, by trap code, and to the propagate stub.
    trap_sources: [StubSources; 16],
    propagate_sources: StubSources,
    pub epilogue: DynamicLabel,
    /// The module has a memory 0 (kept in `r15`).
    pub has_memory: bool,
    /// The function's convention.
    pub conv: crate::Conv,
    pub results: Vec<Kind>,
    /// `(offset just past an imm32, fuel cost)` to patch.
    fuel_patches: Vec<(u32, i32)>,
    /// The top of the stack is an `i32` comparison whose result is still
    /// in the flags (its register not yet written): `br_if` and `if` jump
    /// on the flags, any other operator materializes it first.
    pub(crate) pending: Option<numeric::Cond>,
    /// Calls to the module's own functions go straight to their code.
    pub direct_calls: bool,
    /// The body falls into the epilogue with its result in the result
    /// register (not in its home slot).
    pub result_in_register: bool,
    /// `(offset just past a call's rel32, callee's defined index)`.
    pub calls: Vec<(u32, u32)>,
    /// The function's 16-byte constants (`v128.const` and the masks of
    /// SIMD sequences), placed after its code.
    pub consts: Vec<(u128, DynamicLabel)>,
    /// The hidden slot holding the exception being dispatched, once a
    /// `throw`, `throw_ref` or catching call needs it.
    pub exn_slot: Option<u32>,
    /// The slow paths of epoch checks, placed after the code: `(its label,
    /// where it returns to, the Wasm offset of the check)`.
    epoch_stubs: Vec<(DynamicLabel, DynamicLabel, u32)>,
}

/// Compiles defined function `def` of `module`.
pub(crate) fn compile(module: &ModuleInfo, def: u32, opts: &Options, direct_calls: bool) -> Result<Compiled> {
    let index = module.num_imported_funcs + def;
    let ty = module.func_type(index);
    let conv = crate::convention(ty);
    let mut a = Asm::new();
    let placeholder_label = a.ops.new_dynamic_label();
    let mut g = Gen {
        info: module,
        opts: *opts,
        a,
        stack: Vec::new(),
        ctrls: ControlStack::new(),
        fuel: FuelMeter::new(opts.fuel),
        locals: Vec::new(),
        local_slots: 0,
        max_depth: 0,
        used_gpr: 0,
        used_xmm: 0,
        gpr_local: [None; 16],
        xmm_local: [None; 16],
        local_reg: Vec::new(),
        trap_labels: [None; 16],
        propagate_label: None,
        trap_sources: [StubSources::None; 16],
        propagate_sources: StubSources::None,
        epilogue: placeholder_label,
        has_memory: !module.memories.is_empty(),
        conv,
        results: ty.results().iter().map(|&t| Kind::of(t)).collect::<Result<_>>()?,
        fuel_patches: Vec::new(),
        pending: None,
        direct_calls,
        result_in_register: false,
        calls: Vec::new(),
        consts: Vec::new(),
        exn_slot: None,
        epoch_stubs: Vec::new(),
    };
    let params: Vec<Kind> = ty.params().iter().map(|&t| Kind::of(t)).collect::<Result<_>>()?;
    g.locals.extend_from_slice(&params);
    let body = module.function_body(def);
    let mut locals_reader = body.get_locals_reader().map_err(internal)?;
    for _ in 0..locals_reader.get_count() {
        let (count, t) = locals_reader.read().map_err(internal)?;
        let k = Kind::of_wasm(t)?;
        if g.locals.len() + count as usize > 1 << 20 {
            return Err(unsupported("more than 2^20 locals"));
        }
        g.locals.extend(std::iter::repeat_n(k, count as usize));
    }
    // The results pointer of the cells convention follows the locals.
    g.local_slots = g.locals.len() as u32 + 1;
    g.local_reg = vec![None; g.locals.len()];
    // The prologue and the checks at the entry are reported at the start
    // of the body.
    g.a.set_wasm_offset(module.body_offset(def).unwrap_or(NO_WASM_OFFSET));
    let start = g.a.ops.new_dynamic_label();
    dynasm!(g.a.ops ; .arch x64 ; =>start);
    let frame_patch = g.prologue(&params);
    g.ctrls.push(ControlFrame::new(
        ControlKind::Func,
        0,
        0,
        g.results.len(),
        Frame {
            target: g.epilogue,
            other: None,
            saved_params: None,
            params: Vec::new(),
            results: g.results.clone(),
            branched: false,
            catches: Vec::new(),
        },
    ));
    g.epoch_check();
    g.start_fuel_block();
    let mut reader = body.get_operators_reader().map_err(internal)?;
    while !g.ctrls.is_empty() {
        let (op, offset) = reader.read_with_offset().map_err(internal)?;
        g.a.set_wasm_offset(u32::try_from(offset).unwrap_or(NO_WASM_OFFSET));
        if g.ctrls.is_unreachable() {
            match g.ctrls.skip(&op) {
                DeadOp::End => g.end()?,
                DeadOp::Else => g.else_()?,
                DeadOp::Open | DeadOp::Close | DeadOp::Other => {}
            }
        } else {
            g.fuel.charge(&op);
            g.op(op)?;
        }
    }
    g.finish_fuel_block();
    g.emit_epilogue();
    g.emit_epoch_stubs();
    g.emit_trap_stubs();
    g.a.set_wasm_offset(NO_WASM_OFFSET);
    let wide_entry = (conv == crate::Conv::Native).then(|| g.emit_wide_entry(ty.params(), start));
    g.emit_const_pool();
    // The frame: local slots below the saved registers, home slots above
    // `rsp`; `rsp` 16-byte aligned at calls.
    let frame = i64::from(g.local_slots) * i64::from(SLOT) + (g.max_depth as i64 + 1) * i64::from(SLOT);
    let frame = i32::try_from(frame).map_err(|_| unsupported("a frame larger than 2 GiB"))?;
    let fuel_patches = std::mem::take(&mut g.fuel_patches);
    let calls = std::mem::take(&mut g.calls);
    let offsets = g.a.take_offsets();
    let (mut code, traps) = g.a.finish().map_err(internal)?;
    patch_i32(&mut code, frame_patch, frame)?;
    for (at, cost) in fuel_patches {
        patch_i32(&mut code, at, cost)?;
    }
    Ok(Compiled {
        code,
        traps,
        conv,
        wide_entry,
        calls,
        offsets,
    })
}

fn patch_i32(code: &mut [u8], end: u32, value: i32) -> Result<()> {
    let end = end as usize;
    let bytes = code
        .get_mut(end.wrapping_sub(4)..end)
        .ok_or_else(|| internal("patch out of range"))?;
    bytes.copy_from_slice(&value.to_le_bytes());
    Ok(())
}

impl Gen<'_> {
    // ---- frame ---------------------------------------------------------------

    /// `rbp`-relative offset of local slot `i`.
    pub(crate) fn local_off(i: u32) -> i32 {
        -(SAVED_BYTES + SLOT * (i as i32 + 1))
    }

    /// `rsp`-relative offset of the home slot of depth `d`.
    pub(crate) fn home(d: usize) -> i32 {
        SLOT * d as i32
    }

    /// Allocates `n` hidden local slots; returns the first.
    pub(crate) fn hidden_slots(&mut self, n: u32) -> u32 {
        let first = self.local_slots;
        self.local_slots += n;
        first
    }

    /// Emits the prologue; returns the offset just past the frame size's
    /// `imm32` (patched at the end).
    fn prologue(&mut self, params: &[Kind]) -> u32 {
        let placeholder: i32 = 0x7fff_0000;
        dynasm!(self.a.ops
            ; .arch x64
            ; push rbp
            ; mov rbp, rsp
            ; push r14
            ; push r15
            ; sub rsp, DWORD placeholder
        );
        let frame_patch = self.a.offset();
        let limit = offsets::RUNTIME_STACK_LIMIT as i32;
        let runtime = offsets::VMCTX_RUNTIME as i32;
        let overflow = self.trap_label(TrapCode::StackOverflow);
        dynasm!(self.a.ops
            ; .arch x64
            ; mov r14, rdi
            ; mov r11, [r14 + runtime]
            ; cmp rsp, [r11 + limit]
            ; jb =>overflow
        );
        // Parameters into their local slots.
        if self.conv == crate::Conv::Native {
            for (i, (&k, loc)) in params.iter().zip(native_locs(params, &INT_PARAM_REGS)).enumerate() {
                let off = Self::local_off(i as u32);
                match (k, loc) {
                    (Kind::V128, Loc::Xmm(x)) => dynasm!(self.a.ops ; .arch x64 ; movdqu [rbp + off], Rx(x)),
                    (_, Loc::Xmm(x)) => dynasm!(self.a.ops ; .arch x64 ; movsd [rbp + off], Rx(x)),
                    (Kind::I32, Loc::Gpr(r)) => {
                        dynasm!(self.a.ops ; .arch x64 ; mov Rd(r), Rd(r) ; mov [rbp + off], Rq(r));
                    }
                    (_, Loc::Gpr(r)) => dynasm!(self.a.ops ; .arch x64 ; mov [rbp + off], Rq(r)),
                    _ => {}
                }
            }
        } else {
            // The wide convention: the arguments are read here, first (a
            // tail call may have left them in `VmRuntime::tail_args`); the
            // results pointer, if any, is kept.
            if self.conv == crate::Conv::Cells {
                let cells = Self::local_off(self.locals.len() as u32);
                dynasm!(self.a.ops ; .arch x64 ; mov [rbp + cells], rcx);
            }
            for (i, &k) in params.iter().enumerate() {
                let off = Self::local_off(i as u32);
                let at = SLOT * i as i32;
                if k == Kind::V128 {
                    dynasm!(self.a.ops ; .arch x64 ; movdqu xmm15, [rdx + at] ; movdqu [rbp + off], xmm15);
                } else {
                    dynasm!(self.a.ops ; .arch x64 ; mov r11, [rdx + at] ; mov [rbp + off], r11);
                }
            }
        }
        // The other locals start at zero.
        let zeroed = self.locals.len() - params.len();
        if zeroed > 0 && zeroed <= 16 {
            for i in params.len()..self.locals.len() {
                let off = Self::local_off(i as u32);
                dynasm!(self.a.ops ; .arch x64 ; mov QWORD [rbp + off], 0);
                if self.locals[i] == Kind::V128 {
                    dynasm!(self.a.ops ; .arch x64 ; mov QWORD [rbp + off + 8], 0);
                }
            }
        } else if zeroed > 0 {
            // The lowest slot is the last local's; zero 16 bytes per local.
            let low = Self::local_off(self.locals.len() as u32 - 1);
            let words = (zeroed * 2) as i32;
            dynasm!(self.a.ops
                ; .arch x64
                ; xor eax, eax
                ; lea rdi, [rbp + low]
                ; mov ecx, words
                ; rep stosq
            );
        }
        // The native convention's parameter registers now hold copies of
        // the parameters (but `rep stosq` used `rcx`).
        if self.conv == crate::Conv::Native {
            let clobbered = zeroed > 16;
            for (i, loc) in native_locs(params, &INT_PARAM_REGS).into_iter().enumerate() {
                match loc {
                    Loc::Xmm(x) => self.xmm_local[x as usize] = Some(i as u32),
                    Loc::Gpr(r) if !(clobbered && r == RCX) => self.gpr_local[r as usize] = Some(i as u32),
                    _ => continue,
                }
                self.local_reg[i] = Some(loc);
            }
        }
        self.load_memory_base();
        frame_patch
    }

    /// Reloads `r15` after a call that may have grown memory 0: needed
    /// only without guard pages, where growth may move the memory (with
    /// them a 32-bit memory lives in its reservation and never moves), or
    /// for a 64-bit memory 0 (which may outgrow the reservation and move).
    pub(crate) fn reload_memory_base(&mut self) {
        if self.opts.guard_bytes == 0 || self.memory64(0) {
            self.load_memory_base();
        }
    }

    /// Loads `r15` with the base of memory 0.
    pub(crate) fn load_memory_base(&mut self) {
        if self.has_memory {
            let mem0 = offsets::VMCTX_MEMORY0 as i32;
            let base = offsets::MEMORY_BASE as i32;
            dynasm!(self.a.ops ; .arch x64 ; mov r15, [r14 + mem0] ; mov r15, [r15 + base]);
        }
    }

    fn emit_epilogue(&mut self) {
        let epilogue = self.epilogue;
        let tail = self.a.ops.new_dynamic_label();
        if self.result_in_register {
            // Fallthrough first; `return`s load their result, then jump.
            self.emit_return(tail);
            dynasm!(self.a.ops ; .arch x64 ; =>epilogue);
            self.load_results();
            dynasm!(self.a.ops ; .arch x64 ; jmp =>tail);
        } else {
            dynasm!(self.a.ops ; .arch x64 ; =>epilogue);
            self.load_results();
            self.emit_return(tail);
        }
    }

    /// Moves the results from the home slots of depths `0..` to where the
    /// convention returns them.
    fn load_results(&mut self) {
        if self.conv.results_in_registers() {
            let results = self.results.clone();
            for (i, (&k, loc)) in results.iter().zip(native_locs(&results, &INT_RESULT_REGS)).enumerate() {
                let at = Self::home(i);
                match (k, loc) {
                    (Kind::V128, Loc::Xmm(x)) => dynasm!(self.a.ops ; .arch x64 ; movdqu Rx(x), [rsp + at]),
                    (_, Loc::Xmm(x)) => dynasm!(self.a.ops ; .arch x64 ; movsd Rx(x), [rsp + at]),
                    (_, Loc::Gpr(r)) => dynasm!(self.a.ops ; .arch x64 ; mov Rq(r), [rsp + at]),
                    _ => {}
                }
            }
        } else {
            let cells = Self::local_off(self.locals.len() as u32);
            dynasm!(self.a.ops ; .arch x64 ; mov r11, [rbp + cells]);
            for i in 0..self.results.len() {
                let at = Self::home(i);
                dynasm!(self.a.ops
                    ; .arch x64
                    ; movdqu xmm15, [rsp + at]
                    ; movdqu [r11 + at], xmm15
                );
            }
        }
    }

    /// Emits the entry in the wide convention (RFC 0008) of a function in
    /// the native convention, so that any tail call can reach it by a jump:
    /// loads the parameters from the cells at `rdx` into their registers and
    /// jumps to `start`, the function's own entry (its results are already
    /// where the wide convention wants them: a native type's fit in
    /// registers). Returns its offset.
    fn emit_wide_entry(&mut self, params: &[ValType], start: DynamicLabel) -> u32 {
        let at = self.a.offset();
        dynasm!(self.a.ops ; .arch x64 ; mov r11, rdx);
        crate::trampolines::load_params(&mut self.a, params, R11);
        dynasm!(self.a.ops ; .arch x64 ; jmp =>start);
        at
    }

    /// Restores the saved registers and returns (at label `tail`).
    fn emit_return(&mut self, tail: DynamicLabel) {
        dynasm!(self.a.ops
            ; .arch x64
            ; =>tail
            ; lea rsp, [rbp - SAVED_BYTES]
            ; pop r15
            ; pop r14
            ; pop rbp
            ; ret
        );
    }

    // ---- traps ---------------------------------------------------------------

    /// The function's out-of-line `ud2` for `code`, for the Wasm
    /// instruction being compiled.
    pub(crate) fn trap_label(&mut self, code: TrapCode) -> DynamicLabel {
        let i = code.as_u8() as usize % 16;
        self.trap_sources[i].add(self.a.wasm_offset());
        match self.trap_labels[i] {
            Some(l) => l,
            None => {
                let l = self.a.ops.new_dynamic_label();
                self.trap_labels[i] = Some(l);
                l
            }
        }
    }

    /// The function's out-of-line `ud2` for a trap a callee raised, for
    /// the Wasm instruction being compiled.
    pub(crate) fn propagate_label(&mut self) -> DynamicLabel {
        self.propagate_sources.add(self.a.wasm_offset());
        match self.propagate_label {
            Some(l) => l,
            None => {
                let l = self.a.ops.new_dynamic_label();
                self.propagate_label = Some(l);
                l
            }
        }
    }

    /// The propagate stub's label for a jump that is never taken (the
    /// stub is not named after its instruction).
    pub(crate) fn propagate_label_untaken(&mut self) -> DynamicLabel {
        let sources = self.propagate_sources;
        let l = self.propagate_label();
        self.propagate_sources = sources;
        l
    }

    /// Emits the shared `ud2`s, each reported at the one Wasm instruction
    /// that jumps to it, if there is one (else at none: the code does not
    /// tell which jumped).
    fn emit_trap_stubs(&mut self) {
        for (i, l) in self.trap_labels.into_iter().enumerate() {
            if let Some(l) = l
                && let Some(code) = TrapCode::from_u8(i as u8)
            {
                self.a.set_wasm_offset(self.trap_sources[i].offset());
                dynasm!(self.a.ops ; .arch x64 ; =>l);
                self.a.trap(code);
            }
        }
        if let Some(l) = self.propagate_label {
            self.a.set_wasm_offset(self.propagate_sources.offset());
            dynasm!(self.a.ops ; .arch x64 ; =>l);
            self.a.propagate();
        }
    }

    // ---- epoch interruption ----------------------------------------------------

    /// The epoch check of a function entry or loop header (with
    /// [`Options::epoch`]): when the engine's epoch (`*VmRuntime::epoch`)
    /// has reached `VmRuntime::epoch_deadline`, the out-of-line slow path
    /// calls `LibCall::EpochReached`. Every value must be in its home slot
    /// or local slot: the slow path's call clobbers the scratch registers
    /// (so register copies of locals are dropped here).
    pub(crate) fn epoch_check(&mut self) {
        if !self.opts.epoch {
            return;
        }
        self.clear_local_cache();
        let runtime = offsets::VMCTX_RUNTIME as i32;
        let epoch = offsets::RUNTIME_EPOCH as i32;
        let deadline = offsets::RUNTIME_EPOCH_DEADLINE as i32;
        let slow = self.a.ops.new_dynamic_label();
        let back = self.a.ops.new_dynamic_label();
        dynasm!(self.a.ops
            ; .arch x64
            ; mov r11, [r14 + runtime]
            ; mov rax, [r11 + epoch]
            ; mov rax, [rax]
            ; cmp rax, [r11 + deadline]
            ; jae =>slow
            ; =>back
        );
        let wasm = self.a.wasm_offset();
        self.epoch_stubs.push((slow, back, wasm));
    }

    /// The slow paths of the epoch checks: the deadline behaviour runs;
    /// on success memory 0's base is reloaded (a deadline callback may have
    /// grown it) and the code goes on; else the failure propagates.
    fn emit_epoch_stubs(&mut self) {
        let addr =
            concord_core::machine::libcalls::address(concord_core::machine::libcalls::LibCall::EpochReached) as i64;
        for (slow, back, wasm) in std::mem::take(&mut self.epoch_stubs) {
            // The slow path is its check's.
            self.a.set_wasm_offset(wasm);
            let trap = self.propagate_label();
            dynasm!(self.a.ops
                ; .arch x64
                ; =>slow
                ; mov rdi, r14
                ; mov r11, QWORD addr
                ; call r11
                ; test al, al
                ; jz =>trap
            );
            self.load_memory_base();
            dynasm!(self.a.ops ; .arch x64 ; jmp =>back);
        }
    }

    // ---- fuel ----------------------------------------------------------------

    /// Starts a fuel block here.
    pub(crate) fn start_fuel_block(&mut self) {
        if !self.fuel.is_enabled() {
            return;
        }
        self.finish_fuel_block();
        let runtime = offsets::VMCTX_RUNTIME as i32;
        let fuel = offsets::RUNTIME_FUEL as i32;
        let placeholder: i32 = 0x7fff_0000;
        let out = self.trap_label(TrapCode::OutOfFuel);
        dynasm!(self.a.ops
            ; .arch x64
            ; mov r11, [r14 + runtime]
            ; cmp QWORD [r11 + fuel], DWORD placeholder
        );
        let cmp = self.a.offset();
        dynasm!(self.a.ops
            ; .arch x64
            ; jl =>out
            ; sub QWORD [r11 + fuel], DWORD placeholder
        );
        let sub = self.a.offset();
        self.fuel.start((cmp, sub));
    }

    /// Ends the open fuel block: its charge gets its cost.
    pub(crate) fn finish_fuel_block(&mut self) {
        if let Some(block) = self.fuel.finish() {
            let cost = i32::try_from(block.cost).unwrap_or(i32::MAX);
            self.fuel_patches.push((block.site.0, cost));
            self.fuel_patches.push((block.site.1, cost));
        }
    }

    // ---- registers -----------------------------------------------------------

    fn gpr_used(&self, r: u8) -> bool {
        self.used_gpr & (1 << r) != 0
    }

    pub(crate) fn free_gpr(&mut self, r: u8) {
        self.used_gpr &= !(1 << r);
    }

    pub(crate) fn free_xmm(&mut self, x: u8) {
        self.used_xmm &= !(1 << x);
    }

    /// Frees the register of a popped value, if it has one.
    pub(crate) fn free(&mut self, v: Val) {
        match v.loc {
            Loc::Gpr(r) => self.free_gpr(r),
            Loc::Xmm(x) => self.free_xmm(x),
            Loc::Imm(_) | Loc::Home | Loc::Local(_) => {}
        }
    }

    /// Forgets the local cached in `r`, if any.
    fn uncache_gpr(&mut self, r: u8) {
        if let Some(l) = self.gpr_local[r as usize].take() {
            self.local_reg[l as usize] = None;
        }
    }

    fn uncache_xmm(&mut self, x: u8) {
        if let Some(l) = self.xmm_local[x as usize].take() {
            self.local_reg[l as usize] = None;
        }
    }

    /// Forgets the register copy of local `l`, if any.
    fn uncache_local(&mut self, l: u32) {
        match self.local_reg[l as usize].take() {
            Some(Loc::Gpr(r)) => self.gpr_local[r as usize] = None,
            Some(Loc::Xmm(x)) => self.xmm_local[x as usize] = None,
            _ => {}
        }
    }

    /// Forgets every register copy of a local: at merge points (the copies
    /// of the paths that meet differ) and calls (which clobber them).
    pub(crate) fn clear_local_cache(&mut self) {
        self.gpr_local = [None; 16];
        self.xmm_local = [None; 16];
        for r in &mut self.local_reg {
            *r = None;
        }
    }

    /// Marks `x` used for a fixed use (it must hold no stack value).
    pub(crate) fn used_xmm_take(&mut self, x: u8) {
        self.uncache_xmm(x);
        self.used_xmm |= 1 << x;
    }

    /// Marks `r` used for a fixed use (it must hold no stack value).
    pub(crate) fn take_gpr(&mut self, r: u8) {
        self.uncache_gpr(r);
        self.used_gpr |= 1 << r;
    }

    /// A free general-purpose register: one holding nothing, else one
    /// holding a local's copy (dropped), else a spilled stack value's.
    pub(crate) fn alloc_gpr(&mut self) -> u8 {
        loop {
            let free = |g: &Self, r: u8| !g.gpr_used(r);
            if let Some(&r) = GPRS
                .iter()
                .find(|&&r| free(self, r) && self.gpr_local[r as usize].is_none())
            {
                self.take_gpr(r);
                return r;
            }
            if let Some(&r) = GPRS.iter().find(|&&r| free(self, r)) {
                self.take_gpr(r);
                return r;
            }
            let victim = self.stack.iter().position(|v| matches!(v.loc, Loc::Gpr(_)));
            match victim {
                Some(d) => self.spill(d),
                // Popped operands hold at most three registers.
                None => unreachable!("no general-purpose register to spill"),
            }
        }
    }

    /// A free vector register, as [`Gen::alloc_gpr`].
    pub(crate) fn alloc_xmm(&mut self) -> u8 {
        loop {
            let free = |g: &Self, x: u8| g.used_xmm & (1 << x) == 0;
            let x = (0..XMMS)
                .find(|&x| free(self, x) && self.xmm_local[x as usize].is_none())
                .or_else(|| (0..XMMS).find(|&x| free(self, x)));
            if let Some(x) = x {
                self.uncache_xmm(x);
                self.used_xmm |= 1 << x;
                return x;
            }
            let victim = self.stack.iter().position(|v| matches!(v.loc, Loc::Xmm(_)));
            match victim {
                Some(d) => self.spill(d),
                None => unreachable!("no vector register to spill"),
            }
        }
    }

    /// Makes `r` free for a fixed use: spills the stack value in it and
    /// forgets the local it caches.
    pub(crate) fn evict_gpr(&mut self, r: u8) {
        if let Some(d) = self.stack.iter().position(|v| v.loc == Loc::Gpr(r)) {
            self.spill(d);
        }
        self.uncache_gpr(r);
    }

    // ---- the operand stack ---------------------------------------------------

    pub(crate) fn push(&mut self, kind: Kind, loc: Loc) {
        self.stack.push(Val { kind, loc });
        self.max_depth = self.max_depth.max(self.stack.len());
    }

    pub(crate) fn pop(&mut self) -> Result<Val> {
        self.stack.pop().ok_or_else(|| internal("operand stack underflow"))
    }

    /// The depth the next pushed value gets.
    pub(crate) fn depth(&self) -> usize {
        self.stack.len()
    }

    /// Stores stack value `d` to its home slot (register freed).
    pub(crate) fn spill(&mut self, d: usize) {
        let v = self.stack[d];
        let at = Self::home(d);
        match v.loc {
            Loc::Home => return,
            Loc::Gpr(r) => {
                dynasm!(self.a.ops ; .arch x64 ; mov [rsp + at], Rq(r));
                self.free_gpr(r);
            }
            Loc::Xmm(x) => {
                if v.kind == Kind::V128 {
                    dynasm!(self.a.ops ; .arch x64 ; movdqu [rsp + at], Rx(x));
                } else if v.kind == Kind::F32 {
                    dynasm!(self.a.ops ; .arch x64 ; movss [rsp + at], Rx(x) ; mov DWORD [rsp + at + 4], 0);
                } else {
                    dynasm!(self.a.ops ; .arch x64 ; movsd [rsp + at], Rx(x));
                }
                self.free_xmm(x);
            }
            Loc::Imm(i) => self.store_imm(at, v.kind, i),
            Loc::Local(l) => {
                let off = Self::local_off(l);
                match (self.local_reg[l as usize], v.kind) {
                    (_, Kind::V128) => {
                        dynasm!(self.a.ops ; .arch x64 ; movdqu xmm15, [rbp + off] ; movdqu [rsp + at], xmm15);
                    }
                    (Some(Loc::Gpr(c)), _) => dynasm!(self.a.ops ; .arch x64 ; mov [rsp + at], Rq(c)),
                    (_, Kind::I32 | Kind::F32) => {
                        dynasm!(self.a.ops ; .arch x64 ; mov r11d, [rbp + off] ; mov [rsp + at], r11);
                    }
                    _ => dynasm!(self.a.ops ; .arch x64 ; mov r11, [rbp + off] ; mov [rsp + at], r11),
                }
            }
        }
        self.stack[d].loc = Loc::Home;
    }

    /// Stores constant `i` of `kind` as a cell at `[rsp + at]`.
    fn store_imm(&mut self, at: i32, kind: Kind, i: i64) {
        match kind {
            Kind::I32 | Kind::F32 => {
                let lo = i as i32;
                dynasm!(self.a.ops ; .arch x64 ; mov DWORD [rsp + at], lo ; mov DWORD [rsp + at + 4], 0);
            }
            _ => {
                if let Ok(small) = i32::try_from(i) {
                    dynasm!(self.a.ops ; .arch x64 ; mov QWORD [rsp + at], small);
                } else {
                    dynasm!(self.a.ops ; .arch x64 ; mov r11, QWORD i ; mov [rsp + at], r11);
                }
            }
        }
    }

    /// Spills every stack value: the state at merges and calls.
    pub(crate) fn spill_all(&mut self) {
        for d in 0..self.stack.len() {
            self.spill(d);
        }
    }

    /// Loads `v` (popped from depth `d`) into a general-purpose register
    /// the caller owns. Never a `v128` (callers route those by
    /// [`Kind::in_xmm`]).
    pub(crate) fn gpr(&mut self, v: Val, d: usize) -> u8 {
        debug_assert!(v.kind != Kind::V128, "a v128 asked for in a general-purpose register");
        match v.loc {
            Loc::Gpr(r) => r,
            Loc::Local(l) => {
                let off = Self::local_off(l);
                match self.local_reg[l as usize] {
                    Some(Loc::Gpr(c)) => {
                        // Keep the copy while allocating.
                        self.used_gpr |= 1 << c;
                        let r = self.alloc_gpr();
                        self.used_gpr &= !(1 << c);
                        dynasm!(self.a.ops ; .arch x64 ; mov Rq(r), Rq(c));
                        r
                    }
                    _ => {
                        let r = self.alloc_gpr();
                        // Into a spare register as the local's copy too,
                        // when one is free, for the local's next reads.
                        let wide = v.kind.is_wide() || v.kind == Kind::F64;
                        let spare = self.local_reg[l as usize].is_none() && v.kind == self.locals[l as usize];
                        match GPRS
                            .iter()
                            .copied()
                            .find(|&c| spare && !self.gpr_used(c) && self.gpr_local[c as usize].is_none())
                        {
                            Some(c) => {
                                if wide {
                                    dynasm!(self.a.ops ; .arch x64 ; mov Rq(c), [rbp + off]);
                                } else {
                                    dynasm!(self.a.ops ; .arch x64 ; mov Rd(c), [rbp + off]);
                                }
                                dynasm!(self.a.ops ; .arch x64 ; mov Rq(r), Rq(c));
                                self.gpr_local[c as usize] = Some(l);
                                self.local_reg[l as usize] = Some(Loc::Gpr(c));
                            }
                            None if wide => dynasm!(self.a.ops ; .arch x64 ; mov Rq(r), [rbp + off]),
                            None => dynasm!(self.a.ops ; .arch x64 ; mov Rd(r), [rbp + off]),
                        }
                        r
                    }
                }
            }
            Loc::Imm(i) => {
                let r = self.alloc_gpr();
                self.mov_imm(r, v.kind, i);
                r
            }
            Loc::Home => {
                let r = self.alloc_gpr();
                let at = Self::home(d);
                if v.kind.is_wide() || v.kind == Kind::F64 {
                    dynasm!(self.a.ops ; .arch x64 ; mov Rq(r), [rsp + at]);
                } else {
                    dynasm!(self.a.ops ; .arch x64 ; mov Rd(r), [rsp + at]);
                }
                r
            }
            Loc::Xmm(x) => {
                let r = self.alloc_gpr();
                if v.kind == Kind::F32 {
                    dynasm!(self.a.ops ; .arch x64 ; movd Rd(r), Rx(x));
                } else {
                    dynasm!(self.a.ops ; .arch x64 ; movq Rq(r), Rx(x));
                }
                self.free_xmm(x);
                r
            }
        }
    }

    /// Loads `v` (popped from depth `d`) into a vector register the caller
    /// owns.
    pub(crate) fn xmm(&mut self, v: Val, d: usize) -> u8 {
        match v.loc {
            Loc::Xmm(x) => x,
            Loc::Local(l) => {
                let off = Self::local_off(l);
                match self.local_reg[l as usize] {
                    Some(Loc::Xmm(c)) => {
                        self.used_xmm |= 1 << c;
                        let x = self.alloc_xmm();
                        self.used_xmm &= !(1 << c);
                        dynasm!(self.a.ops ; .arch x64 ; movaps Rx(x), Rx(c));
                        x
                    }
                    _ => {
                        let x = self.alloc_xmm();
                        let spare = self.local_reg[l as usize].is_none() && v.kind == self.locals[l as usize];
                        let c = (0..XMMS)
                            .find(|&c| spare && self.used_xmm & (1 << c) == 0 && self.xmm_local[c as usize].is_none());
                        let t = c.unwrap_or(x);
                        match v.kind {
                            Kind::V128 => dynasm!(self.a.ops ; .arch x64 ; movdqu Rx(t), [rbp + off]),
                            Kind::F32 | Kind::I32 => dynasm!(self.a.ops ; .arch x64 ; movss Rx(t), [rbp + off]),
                            _ => dynasm!(self.a.ops ; .arch x64 ; movsd Rx(t), [rbp + off]),
                        }
                        if let Some(c) = c {
                            dynasm!(self.a.ops ; .arch x64 ; movaps Rx(x), Rx(c));
                            self.xmm_local[c as usize] = Some(l);
                            self.local_reg[l as usize] = Some(Loc::Xmm(c));
                        }
                        x
                    }
                }
            }
            Loc::Imm(i) => {
                let x = self.alloc_xmm();
                if v.kind == Kind::F32 {
                    let lo = i as i32;
                    dynasm!(self.a.ops ; .arch x64 ; mov r11d, lo ; movd Rx(x), r11d);
                } else {
                    dynasm!(self.a.ops ; .arch x64 ; mov r11, QWORD i ; movq Rx(x), r11);
                }
                x
            }
            Loc::Home => {
                let x = self.alloc_xmm();
                let at = Self::home(d);
                if v.kind == Kind::V128 {
                    dynasm!(self.a.ops ; .arch x64 ; movdqu Rx(x), [rsp + at]);
                } else if v.kind == Kind::F32 {
                    dynasm!(self.a.ops ; .arch x64 ; movss Rx(x), [rsp + at]);
                } else {
                    dynasm!(self.a.ops ; .arch x64 ; movsd Rx(x), [rsp + at]);
                }
                x
            }
            Loc::Gpr(r) => {
                let x = self.alloc_xmm();
                if v.kind == Kind::F32 {
                    dynasm!(self.a.ops ; .arch x64 ; movd Rx(x), Rd(r));
                } else {
                    dynasm!(self.a.ops ; .arch x64 ; movq Rx(x), Rq(r));
                }
                self.free_gpr(r);
                x
            }
        }
    }

    /// Pops the top value into a general-purpose register the caller owns.
    pub(crate) fn pop_gpr(&mut self) -> Result<(u8, Kind)> {
        let d = self.depth() - 1;
        let v = self.pop()?;
        Ok((self.gpr(v, d), v.kind))
    }

    /// Pops the top value into a vector register the caller owns.
    pub(crate) fn pop_xmm(&mut self) -> Result<u8> {
        let d = self.depth() - 1;
        let v = self.pop()?;
        Ok(self.xmm(v, d))
    }

    /// `mov r, imm` for a value of `kind`.
    pub(crate) fn mov_imm(&mut self, r: u8, kind: Kind, i: i64) {
        if kind.is_wide() || kind == Kind::F64 {
            if let Ok(small) = i32::try_from(i) {
                dynasm!(self.a.ops ; .arch x64 ; mov Rq(r), DWORD small);
            } else {
                dynasm!(self.a.ops ; .arch x64 ; mov Rq(r), QWORD i);
            }
        } else {
            let lo = i as i32;
            dynasm!(self.a.ops ; .arch x64 ; mov Rd(r), lo);
        }
    }

    // ---- locals and globals --------------------------------------------------

    pub(crate) fn local_get(&mut self, i: u32) -> Result<()> {
        let k = *self.locals.get(i as usize).ok_or_else(|| internal("no such local"))?;
        // Read where it is used (a register copy, a memory operand, ...).
        self.push(k, Loc::Local(i));
        Ok(())
    }

    /// Stores the top value into local `i`; pops it unless `tee`. The
    /// register it was in keeps a copy of the local.
    pub(crate) fn local_set(&mut self, i: u32, tee: bool) -> Result<()> {
        let off = Self::local_off(i);
        let d = self.depth() - 1;
        let v = self.pop()?;
        self.uncache_local(i);
        // Entries still reading the local take its old value first.
        for e in 0..self.stack.len() {
            if self.stack[e].loc == Loc::Local(i) {
                self.spill(e);
            }
        }
        let loc = match v.loc {
            Loc::Imm(imm) => {
                match v.kind {
                    Kind::I32 | Kind::F32 => {
                        let lo = imm as i32;
                        dynasm!(self.a.ops ; .arch x64 ; mov DWORD [rbp + off], lo ; mov DWORD [rbp + off + 4], 0);
                    }
                    _ => {
                        if let Ok(small) = i32::try_from(imm) {
                            dynasm!(self.a.ops ; .arch x64 ; mov QWORD [rbp + off], small);
                        } else {
                            dynasm!(self.a.ops ; .arch x64 ; mov r11, QWORD imm ; mov [rbp + off], r11);
                        }
                    }
                }
                v.loc
            }
            _ if v.kind.in_xmm() => {
                let x = self.xmm(v, d);
                if v.kind == Kind::V128 {
                    dynasm!(self.a.ops ; .arch x64 ; movdqu [rbp + off], Rx(x));
                } else if v.kind == Kind::F32 {
                    dynasm!(self.a.ops ; .arch x64 ; movss [rbp + off], Rx(x));
                } else {
                    dynasm!(self.a.ops ; .arch x64 ; movsd [rbp + off], Rx(x));
                }
                Loc::Xmm(x)
            }
            _ => {
                let r = self.gpr(v, d);
                dynasm!(self.a.ops ; .arch x64 ; mov [rbp + off], Rq(r));
                Loc::Gpr(r)
            }
        };
        if tee {
            // A copy for the local, if a register is free without dropping
            // or spilling anything.
            match loc {
                Loc::Gpr(r) => {
                    if let Some(&c) = GPRS
                        .iter()
                        .find(|&&c| !self.gpr_used(c) && self.gpr_local[c as usize].is_none())
                    {
                        dynasm!(self.a.ops ; .arch x64 ; mov Rq(c), Rq(r));
                        self.gpr_local[c as usize] = Some(i);
                        self.local_reg[i as usize] = Some(Loc::Gpr(c));
                    }
                }
                Loc::Xmm(x) => {
                    if let Some(c) =
                        (0..XMMS).find(|&c| self.used_xmm & (1 << c) == 0 && self.xmm_local[c as usize].is_none())
                    {
                        dynasm!(self.a.ops ; .arch x64 ; movaps Rx(c), Rx(x));
                        self.xmm_local[c as usize] = Some(i);
                        self.local_reg[i as usize] = Some(Loc::Xmm(c));
                    }
                }
                Loc::Imm(_) | Loc::Home | Loc::Local(_) => {}
            }
            self.push(v.kind, loc);
            return Ok(());
        }
        // The register becomes the local's copy.
        match loc {
            Loc::Gpr(r) => {
                self.free_gpr(r);
                self.gpr_local[r as usize] = Some(i);
                self.local_reg[i as usize] = Some(loc);
            }
            Loc::Xmm(x) => {
                self.free_xmm(x);
                self.xmm_local[x as usize] = Some(i);
                self.local_reg[i as usize] = Some(loc);
            }
            Loc::Imm(_) | Loc::Home | Loc::Local(_) => {}
        }
        Ok(())
    }

    /// `r11` = the address of global `g`'s value.
    fn global_addr(&mut self, g: u32) {
        let globals = offsets::VMCTX_GLOBALS as i32;
        let at = 8 * g as i32;
        dynasm!(self.a.ops ; .arch x64 ; mov r11, [r14 + globals] ; mov r11, [r11 + at]);
    }

    pub(crate) fn global_get(&mut self, g: u32) -> Result<()> {
        let ty = self
            .info
            .globals
            .get(g as usize)
            .ok_or_else(|| internal("no such global"))?;
        let k = Kind::of(ty.content)?;
        self.global_addr(g);
        if k.in_xmm() {
            let x = self.alloc_xmm();
            if k == Kind::V128 {
                dynasm!(self.a.ops ; .arch x64 ; movdqu Rx(x), [r11]);
            } else if k == Kind::F32 {
                dynasm!(self.a.ops ; .arch x64 ; movss Rx(x), [r11]);
            } else {
                dynasm!(self.a.ops ; .arch x64 ; movsd Rx(x), [r11]);
            }
            self.push(k, Loc::Xmm(x));
        } else {
            let r = self.alloc_gpr();
            if k.is_wide() {
                dynasm!(self.a.ops ; .arch x64 ; mov Rq(r), [r11]);
            } else {
                dynasm!(self.a.ops ; .arch x64 ; mov Rd(r), [r11]);
            }
            self.push(k, Loc::Gpr(r));
        }
        Ok(())
    }

    pub(crate) fn global_set(&mut self, g: u32) -> Result<()> {
        let d = self.depth() - 1;
        let v = self.pop()?;
        if v.kind.in_xmm() {
            let x = self.xmm(v, d);
            self.global_addr(g);
            if v.kind == Kind::V128 {
                dynasm!(self.a.ops ; .arch x64 ; movdqu [r11], Rx(x));
            } else if v.kind == Kind::F32 {
                dynasm!(self.a.ops ; .arch x64 ; movss [r11], Rx(x) ; mov DWORD [r11 + 4], 0);
            } else {
                dynasm!(self.a.ops ; .arch x64 ; movsd [r11], Rx(x));
            }
            self.free_xmm(x);
        } else {
            let r = self.gpr(v, d);
            self.global_addr(g);
            dynasm!(self.a.ops ; .arch x64 ; mov [r11], Rq(r));
            self.free_gpr(r);
        }
        Ok(())
    }

    // ---- libcalls --------------------------------------------------------------

    /// Calls runtime helper `lc` with `args` (stack depths or constants, in
    /// the C convention after the context); all values must be spilled.
    /// Helpers returning a status trap (propagate) when it is 0.
    pub(crate) fn libcall(&mut self, lc: concord_core::machine::libcalls::LibCall, args: &[Arg], status: bool) {
        const C_ARGS: [u8; 5] = [RSI, RDX, RCX, R8, R9];
        self.clear_local_cache();
        dynasm!(self.a.ops ; .arch x64 ; mov rdi, r14);
        for (&arg, &reg) in args.iter().zip(&C_ARGS) {
            match arg {
                Arg::Depth(d) => {
                    let at = Self::home(d);
                    dynasm!(self.a.ops ; .arch x64 ; mov Rq(reg), [rsp + at]);
                }
                Arg::Imm(i) => self.mov_imm(reg, Kind::I64, i),
            }
        }
        let addr = concord_core::machine::libcalls::address(lc) as i64;
        dynasm!(self.a.ops ; .arch x64 ; mov r11, QWORD addr ; call r11);
        if status {
            let trap = self.propagate_label();
            dynasm!(self.a.ops ; .arch x64 ; test al, al ; jz =>trap);
        }
    }

    /// After a `MemoryGrow` or `TableGrow` libcall: propagates the failure
    /// when the store's resource limiter stopped the guest (the result in
    /// `rax` is `GROW_TRAPPED`).
    pub(crate) fn grow_trapped(&mut self) {
        let trap = self.propagate_label();
        let sentinel = concord_core::vm::libcalls::GROW_TRAPPED as i32;
        dynasm!(self.a.ops ; .arch x64 ; cmp rax, sentinel ; je =>trap);
    }

    // ---- operators -----------------------------------------------------------

    fn op(&mut self, op: Operator<'_>) -> Result<()> {
        use Operator as O;
        if self.pending.is_some() && !matches!(op, O::BrIf { .. } | O::If { .. }) {
            self.materialize();
        }
        match op {
            O::Nop => {}
            O::Unreachable => {
                self.a.trap(TrapCode::Unreachable);
                self.ctrls.set_unreachable();
            }
            O::Block { blockty } => self.block(blockty)?,
            O::Loop { blockty } => self.loop_(blockty)?,
            O::If { blockty } => self.if_(blockty)?,
            O::Else => self.else_()?,
            O::End => self.end()?,
            O::Br { relative_depth } => {
                self.br(relative_depth)?;
                self.ctrls.set_unreachable();
            }
            O::BrIf { relative_depth } => self.br_if(relative_depth)?,
            O::BrTable { targets } => {
                self.br_table(&targets)?;
                self.ctrls.set_unreachable();
            }
            O::Return => {
                let depth = self.ctrls.len().saturating_sub(1) as u32;
                self.br(depth)?;
                self.ctrls.set_unreachable();
            }
            O::TryTable { try_table } => self.try_table(&try_table)?,
            O::Throw { tag_index } => self.throw(tag_index)?,
            O::ThrowRef => self.throw_ref()?,
            O::Call { function_index } => self.call(function_index, false)?,
            O::CallIndirect {
                type_index,
                table_index,
            } => self.call_indirect(type_index, table_index, false)?,
            O::ReturnCall { function_index } => self.call(function_index, true)?,
            O::CallRef { type_index } => self.call_ref(type_index, false)?,
            O::ReturnCallRef { type_index } => self.call_ref(type_index, true)?,
            O::RefAsNonNull => self.ref_as_non_null()?,
            O::BrOnNull { relative_depth } => self.br_on_null(relative_depth, true)?,
            O::BrOnNonNull { relative_depth } => self.br_on_null(relative_depth, false)?,
            O::ReturnCallIndirect {
                type_index,
                table_index,
            } => self.call_indirect(type_index, table_index, true)?,
            O::Drop => {
                let v = self.pop()?;
                self.free(v);
            }
            O::Select | O::TypedSelect { .. } => self.select()?,
            O::LocalGet { local_index } => self.local_get(local_index)?,
            O::LocalSet { local_index } => self.local_set(local_index, false)?,
            O::LocalTee { local_index } => self.local_set(local_index, true)?,
            O::GlobalGet { global_index } => self.global_get(global_index)?,
            O::GlobalSet { global_index } => self.global_set(global_index)?,
            O::I32Const { value } => self.push(Kind::I32, Loc::Imm(i64::from(value as u32))),
            O::I64Const { value } => self.push(Kind::I64, Loc::Imm(value)),
            O::F32Const { value } => self.push(Kind::F32, Loc::Imm(i64::from(value.bits()))),
            O::F64Const { value } => self.push(Kind::F64, Loc::Imm(value.bits() as i64)),
            O::RefNull { .. } => self.push(Kind::Ref, Loc::Imm(0)),
            O::RefIsNull => {
                let (r, _) = self.pop_gpr()?;
                dynasm!(self.a.ops ; .arch x64 ; test Rq(r), Rq(r) ; sete Rb(r) ; movzx Rd(r), Rb(r));
                self.push(Kind::I32, Loc::Gpr(r));
            }
            O::RefFunc { function_index } => {
                let r = self.alloc_gpr();
                let funcs = offsets::VMCTX_FUNCS as i32;
                let at = 8 * function_index as i32;
                dynasm!(self.a.ops ; .arch x64 ; mov Rq(r), [r14 + funcs] ; mov Rq(r), [Rq(r) + at]);
                self.push(Kind::Ref, Loc::Gpr(r));
            }
            op => {
                if !self.numeric(&op)? && !self.memory_op(&op)? && !self.simd(&op)? {
                    return Err(unsupported(format_args!("the operator {op:?}")));
                }
            }
        }
        Ok(())
    }

    fn select(&mut self) -> Result<()> {
        let (c, _) = self.pop_gpr()?;
        let db = self.depth() - 1;
        let b = self.pop()?;
        let da = self.depth() - 1;
        let a = self.pop()?;
        if a.kind.in_xmm() {
            let xb = self.xmm(b, db);
            let xa = self.xmm(a, da);
            let skip = self.a.ops.new_dynamic_label();
            dynasm!(self.a.ops
                ; .arch x64
                ; test Rd(c), Rd(c)
                ; jnz =>skip
                ; movaps Rx(xa), Rx(xb)
                ; =>skip
            );
            self.free_xmm(xb);
            self.free_gpr(c);
            self.push(a.kind, Loc::Xmm(xa));
        } else {
            let rb = self.gpr(b, db);
            let ra = self.gpr(a, da);
            dynasm!(self.a.ops ; .arch x64 ; test Rd(c), Rd(c) ; cmovz Rq(ra), Rq(rb));
            self.free_gpr(rb);
            self.free_gpr(c);
            self.push(a.kind, Loc::Gpr(ra));
        }
        Ok(())
    }
}

/// An argument of a runtime helper.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Arg {
    /// The value at this depth (spilled).
    Depth(usize),
    Imm(i64),
}
