//! The register/slot IR executed by [`crate::exec`].
//!
//! # Naming scheme
//!
//! Every operand names where it lives:
//!
//! - `dst`, `lhs`, `rhs`, `src`, `addr`, `value`, `cond`, `index`, ...: a
//!   **frame slot** (`u16`), i.e. one 16-byte [`RawVal`](concord_core::RawVal) cell at
//!   `fp + slot`. Locals are slots `0..num_locals` (parameters first); the
//!   operand-stack entry at height `h` lives in slot `num_locals + h`.
//! - `imm`: an **immediate** stored in the instruction. Ops whose right
//!   operand is an immediate carry the suffix `Imm` (`I32AddImm`).
//! - `off`: a **branch offset** in instructions, relative to the branch
//!   instruction itself (resolved at translation).
//! - `offset`: the static offset of a memory access.
//!
//! Names follow Wasm: `<type><operation>` (`I32Add`, `I64LtU`). Branches start
//! with `Br`: `BrIfEqz` branches when `cond == 0`, `BrI32LtS` branches when
//! `lhs < rhs` (a fused compare + branch); `BrI32AddImmLtU` first adds
//! `imm` to `lhs` (a loop counter's step fused with the back-edge test). Families that are rarely hot go
//! through one generic op holding a function pointer (`Unary`, `Binary`,
//! `UnaryTrap`, `BinaryTrap`) or a SIMD op code (`V128Binary`).
//!
//! Scalars occupy word 0 of a cell (`i32`/`f32` zero-extended); ops on
//! scalars read and write only word 0. `v128` uses both words.
//!
//! # Invariants (established by [`crate::translate`])
//!
//! - Every slot named by an op of a function is `< FuncCode::max_slots`.
//! - Every branch lands on an op of the same function.
//! - Every function's code ends with a `Return` or an unconditional branch
//!   or trap, so execution never runs past the end.

use crate::simd::{
    SimdBinOp, SimdExtractOp, SimdLoadKind, SimdReplaceOp, SimdShiftOp, SimdSplatOp, SimdTernOp, SimdTestOp, SimdUnOp,
};
use concord_core::TrapCode;
use std::num::{NonZeroU32, NonZeroU64};

/// A frame slot index.
pub type Slot = u16;

/// A pure scalar function `word0 -> word0`.
pub type UnaryFn = fn(u64) -> u64;
/// A pure scalar function `(word0, word0) -> word0`.
pub type BinaryFn = fn(u64, u64) -> u64;
/// A trapping scalar function.
pub type UnaryTrapFn = fn(u64) -> Result<u64, TrapCode>;

/// One interpreter instruction. See the module docs for the naming scheme.
#[derive(Clone, Copy, Debug)]
#[rustfmt::skip]
pub enum Op {
    // ---- control -------------------------------------------------------
    /// Traps with `code`.
    Trap { code: TrapCode },
    /// Charges `cost` units of fuel (the cost of the basic block it starts).
    Fuel { cost: u32 },
    /// Unconditional branch.
    Br { off: i32 },
    /// Branch if `cond != 0`.
    BrIfNez { cond: Slot, off: i32 },
    /// Branch if `cond == 0`.
    BrIfEqz { cond: Slot, off: i32 },
    BrI32Eq { lhs: Slot, rhs: Slot, off: i32 },
    BrI32Ne { lhs: Slot, rhs: Slot, off: i32 },
    BrI32LtS { lhs: Slot, rhs: Slot, off: i32 },
    BrI32LtU { lhs: Slot, rhs: Slot, off: i32 },
    BrI32GtS { lhs: Slot, rhs: Slot, off: i32 },
    BrI32GtU { lhs: Slot, rhs: Slot, off: i32 },
    BrI32LeS { lhs: Slot, rhs: Slot, off: i32 },
    BrI32LeU { lhs: Slot, rhs: Slot, off: i32 },
    BrI32GeS { lhs: Slot, rhs: Slot, off: i32 },
    BrI32GeU { lhs: Slot, rhs: Slot, off: i32 },
    BrI32EqImm { lhs: Slot, imm: i32, off: i32 },
    BrI32NeImm { lhs: Slot, imm: i32, off: i32 },
    BrI32LtSImm { lhs: Slot, imm: i32, off: i32 },
    BrI32LtUImm { lhs: Slot, imm: i32, off: i32 },
    BrI32GtSImm { lhs: Slot, imm: i32, off: i32 },
    BrI32GtUImm { lhs: Slot, imm: i32, off: i32 },
    BrI32LeSImm { lhs: Slot, imm: i32, off: i32 },
    BrI32LeUImm { lhs: Slot, imm: i32, off: i32 },
    BrI32GeSImm { lhs: Slot, imm: i32, off: i32 },
    BrI32GeUImm { lhs: Slot, imm: i32, off: i32 },
    /// A loop counter's step fused with the loop's back-edge test:
    /// `lhs += imm` (wrapping), then branch if `lhs < rhs` (unsigned).
    BrI32AddImmLtU { lhs: Slot, imm: i16, rhs: Slot, off: i32 },
    /// `lhs += imm`, then branch if `lhs < bound` (unsigned).
    BrI32AddImmLtUImm { lhs: Slot, imm: i16, bound: i32, off: i32 },
    /// `lhs += step` (a slot), then branch if `lhs < rhs` (unsigned).
    BrI32AddLtU { lhs: Slot, step: Slot, rhs: Slot, off: i32 },
    /// Branches to entry `min(index, len)` of the `len + 1` `Br` ops that follow.
    BrTable { index: Slot, len: u32 },
    /// Returns from the function; results are already in slots `0..n`.
    Return,
    /// Returns with the single `v128` result in `src` (copied to slot 0 first).
    ReturnSlot { src: Slot },
    /// `ReturnSlot` of a scalar result (word 0 only).
    ReturnSlot64 { src: Slot },
    /// Calls defined function `func` (a defined index) of this instance;
    /// its frame starts at `base` (where the arguments are).
    Call { func: u32, base: Slot },
    /// Calls function `func` (a module function index) through its
    /// `VmFuncRef`; `len = max(params, results)` cells at `base`.
    CallRef { func: u32, base: Slot, len: u16 },
    /// `call_indirect` through `table` with the index in `index`.
    CallIndirect { type_index: u32, table: u16, index: Slot, base: Slot, len: u16 },

    // ---- data movement -------------------------------------------------
    /// Copies a whole cell.
    Copy { dst: Slot, src: Slot },
    /// Copies word 0 of a cell (a scalar or reference).
    Copy64 { dst: Slot, src: Slot },
    /// Copies a `v128` cell.
    CopyV128 { dst: Slot, src: Slot },
    /// Copies `len` cells (memmove semantics).
    CopySpan { dst: Slot, src: Slot, len: u16 },
    /// Writes a scalar constant (word 0) to `dst`.
    Const { dst: Slot, value: u64 },
    /// Writes entry `idx` of the function's `v128` constant pool.
    ConstV128 { dst: Slot, idx: u32 },
    /// `select`: `dst = if cond != 0 { a } else { b }`.
    Select { dst: Slot, cond: Slot, a: Slot, b: Slot },
    GlobalGet { dst: Slot, global: u32 },
    GlobalSet { src: Slot, global: u32 },
    RefFunc { dst: Slot, func: u32 },
    RefIsNull { dst: Slot, src: Slot },

    // ---- generic scalar families ----------------------------------------
    Unary { dst: Slot, src: Slot, f: UnaryFn },
    Binary { dst: Slot, lhs: Slot, rhs: Slot, f: BinaryFn },
    UnaryTrap { dst: Slot, src: Slot, f: UnaryTrapFn },

    // ---- i32 ------------------------------------------------------------
    I32Add { dst: Slot, lhs: Slot, rhs: Slot },
    I32Sub { dst: Slot, lhs: Slot, rhs: Slot },
    I32Mul { dst: Slot, lhs: Slot, rhs: Slot },
    I32And { dst: Slot, lhs: Slot, rhs: Slot },
    I32Or { dst: Slot, lhs: Slot, rhs: Slot },
    I32Xor { dst: Slot, lhs: Slot, rhs: Slot },
    I32Shl { dst: Slot, lhs: Slot, rhs: Slot },
    I32ShrS { dst: Slot, lhs: Slot, rhs: Slot },
    I32ShrU { dst: Slot, lhs: Slot, rhs: Slot },
    I32Rotl { dst: Slot, lhs: Slot, rhs: Slot },
    I32Rotr { dst: Slot, lhs: Slot, rhs: Slot },
    I32Eq { dst: Slot, lhs: Slot, rhs: Slot },
    I32Ne { dst: Slot, lhs: Slot, rhs: Slot },
    I32LtS { dst: Slot, lhs: Slot, rhs: Slot },
    I32LtU { dst: Slot, lhs: Slot, rhs: Slot },
    I32GtS { dst: Slot, lhs: Slot, rhs: Slot },
    I32GtU { dst: Slot, lhs: Slot, rhs: Slot },
    I32LeS { dst: Slot, lhs: Slot, rhs: Slot },
    I32LeU { dst: Slot, lhs: Slot, rhs: Slot },
    I32GeS { dst: Slot, lhs: Slot, rhs: Slot },
    I32GeU { dst: Slot, lhs: Slot, rhs: Slot },
    I32DivS { dst: Slot, lhs: Slot, rhs: Slot },
    I32DivU { dst: Slot, lhs: Slot, rhs: Slot },
    I32RemS { dst: Slot, lhs: Slot, rhs: Slot },
    I32RemU { dst: Slot, lhs: Slot, rhs: Slot },
    I32AddImm { dst: Slot, lhs: Slot, imm: i32 },
    I32SubImm { dst: Slot, lhs: Slot, imm: i32 },
    I32MulImm { dst: Slot, lhs: Slot, imm: i32 },
    I32AndImm { dst: Slot, lhs: Slot, imm: i32 },
    I32OrImm { dst: Slot, lhs: Slot, imm: i32 },
    I32XorImm { dst: Slot, lhs: Slot, imm: i32 },
    I32ShlImm { dst: Slot, lhs: Slot, imm: i32 },
    I32ShrSImm { dst: Slot, lhs: Slot, imm: i32 },
    I32ShrUImm { dst: Slot, lhs: Slot, imm: i32 },
    I32RotlImm { dst: Slot, lhs: Slot, imm: i32 },
    I32RotrImm { dst: Slot, lhs: Slot, imm: i32 },
    I32EqImm { dst: Slot, lhs: Slot, imm: i32 },
    I32NeImm { dst: Slot, lhs: Slot, imm: i32 },
    I32LtSImm { dst: Slot, lhs: Slot, imm: i32 },
    I32LtUImm { dst: Slot, lhs: Slot, imm: i32 },
    I32GtSImm { dst: Slot, lhs: Slot, imm: i32 },
    I32GtUImm { dst: Slot, lhs: Slot, imm: i32 },
    I32LeSImm { dst: Slot, lhs: Slot, imm: i32 },
    I32LeUImm { dst: Slot, lhs: Slot, imm: i32 },
    I32GeSImm { dst: Slot, lhs: Slot, imm: i32 },
    I32GeUImm { dst: Slot, lhs: Slot, imm: i32 },
    /// Signed division by a constant that is neither 0 nor -1: cannot trap.
    I32DivSImm { dst: Slot, lhs: Slot, imm: NonZeroU32 },
    /// Unsigned division by a non-zero constant: cannot trap.
    I32DivUImm { dst: Slot, lhs: Slot, imm: NonZeroU32 },
    /// Signed remainder by a non-zero constant: cannot trap.
    I32RemSImm { dst: Slot, lhs: Slot, imm: NonZeroU32 },
    I32RemUImm { dst: Slot, lhs: Slot, imm: NonZeroU32 },
    I32Eqz { dst: Slot, src: Slot },
    I32WrapI64 { dst: Slot, src: Slot },
    I64ExtendI32S { dst: Slot, src: Slot },
    F64ConvertI32S { dst: Slot, src: Slot },
    F64ConvertI32U { dst: Slot, src: Slot },

    // ---- i64 ------------------------------------------------------------
    I64Add { dst: Slot, lhs: Slot, rhs: Slot },
    I64Sub { dst: Slot, lhs: Slot, rhs: Slot },
    I64Mul { dst: Slot, lhs: Slot, rhs: Slot },
    I64And { dst: Slot, lhs: Slot, rhs: Slot },
    I64Or { dst: Slot, lhs: Slot, rhs: Slot },
    I64Xor { dst: Slot, lhs: Slot, rhs: Slot },
    I64Shl { dst: Slot, lhs: Slot, rhs: Slot },
    I64ShrS { dst: Slot, lhs: Slot, rhs: Slot },
    I64ShrU { dst: Slot, lhs: Slot, rhs: Slot },
    I64Rotl { dst: Slot, lhs: Slot, rhs: Slot },
    I64Rotr { dst: Slot, lhs: Slot, rhs: Slot },
    I64Eq { dst: Slot, lhs: Slot, rhs: Slot },
    I64Ne { dst: Slot, lhs: Slot, rhs: Slot },
    I64LtS { dst: Slot, lhs: Slot, rhs: Slot },
    I64LtU { dst: Slot, lhs: Slot, rhs: Slot },
    I64GtS { dst: Slot, lhs: Slot, rhs: Slot },
    I64GtU { dst: Slot, lhs: Slot, rhs: Slot },
    I64LeS { dst: Slot, lhs: Slot, rhs: Slot },
    I64LeU { dst: Slot, lhs: Slot, rhs: Slot },
    I64GeS { dst: Slot, lhs: Slot, rhs: Slot },
    I64GeU { dst: Slot, lhs: Slot, rhs: Slot },
    I64DivS { dst: Slot, lhs: Slot, rhs: Slot },
    I64DivU { dst: Slot, lhs: Slot, rhs: Slot },
    I64RemS { dst: Slot, lhs: Slot, rhs: Slot },
    I64RemU { dst: Slot, lhs: Slot, rhs: Slot },
    I64AddImm { dst: Slot, lhs: Slot, imm: i64 },
    I64SubImm { dst: Slot, lhs: Slot, imm: i64 },
    I64MulImm { dst: Slot, lhs: Slot, imm: i64 },
    I64AndImm { dst: Slot, lhs: Slot, imm: i64 },
    I64OrImm { dst: Slot, lhs: Slot, imm: i64 },
    I64XorImm { dst: Slot, lhs: Slot, imm: i64 },
    I64ShlImm { dst: Slot, lhs: Slot, imm: i64 },
    I64ShrSImm { dst: Slot, lhs: Slot, imm: i64 },
    I64ShrUImm { dst: Slot, lhs: Slot, imm: i64 },
    I64RotlImm { dst: Slot, lhs: Slot, imm: i64 },
    I64RotrImm { dst: Slot, lhs: Slot, imm: i64 },
    I64EqImm { dst: Slot, lhs: Slot, imm: i64 },
    I64NeImm { dst: Slot, lhs: Slot, imm: i64 },
    I64LtSImm { dst: Slot, lhs: Slot, imm: i64 },
    I64LtUImm { dst: Slot, lhs: Slot, imm: i64 },
    I64GtSImm { dst: Slot, lhs: Slot, imm: i64 },
    I64GtUImm { dst: Slot, lhs: Slot, imm: i64 },
    I64LeSImm { dst: Slot, lhs: Slot, imm: i64 },
    I64LeUImm { dst: Slot, lhs: Slot, imm: i64 },
    I64GeSImm { dst: Slot, lhs: Slot, imm: i64 },
    I64GeUImm { dst: Slot, lhs: Slot, imm: i64 },
    /// Signed division by a constant that is neither 0 nor -1: cannot trap.
    I64DivSImm { dst: Slot, lhs: Slot, imm: NonZeroU64 },
    I64DivUImm { dst: Slot, lhs: Slot, imm: NonZeroU64 },
    I64RemSImm { dst: Slot, lhs: Slot, imm: NonZeroU64 },
    I64RemUImm { dst: Slot, lhs: Slot, imm: NonZeroU64 },
    I64Eqz { dst: Slot, src: Slot },

    // ---- f32 / f64 arithmetic (hot enough for their own ops) --------------
    F32Add { dst: Slot, lhs: Slot, rhs: Slot },
    F32Sub { dst: Slot, lhs: Slot, rhs: Slot },
    F32Mul { dst: Slot, lhs: Slot, rhs: Slot },
    F32Div { dst: Slot, lhs: Slot, rhs: Slot },
    F64Add { dst: Slot, lhs: Slot, rhs: Slot },
    F64Sub { dst: Slot, lhs: Slot, rhs: Slot },
    F64Mul { dst: Slot, lhs: Slot, rhs: Slot },
    F64Div { dst: Slot, lhs: Slot, rhs: Slot },
    F32AddImm { dst: Slot, lhs: Slot, imm: u32 },
    F32SubImm { dst: Slot, lhs: Slot, imm: u32 },
    F32MulImm { dst: Slot, lhs: Slot, imm: u32 },
    F32DivImm { dst: Slot, lhs: Slot, imm: u32 },
    F64AddImm { dst: Slot, lhs: Slot, imm: u64 },
    F64SubImm { dst: Slot, lhs: Slot, imm: u64 },
    F64MulImm { dst: Slot, lhs: Slot, imm: u64 },
    F64DivImm { dst: Slot, lhs: Slot, imm: u64 },

    // ---- memory 0 -------------------------------------------------------
    I32Load { dst: Slot, addr: Slot, offset: u32 },
    I64Load { dst: Slot, addr: Slot, offset: u32 },
    I32Load8S { dst: Slot, addr: Slot, offset: u32 },
    I32Load8U { dst: Slot, addr: Slot, offset: u32 },
    I32Load16S { dst: Slot, addr: Slot, offset: u32 },
    I32Load16U { dst: Slot, addr: Slot, offset: u32 },
    I64Load8S { dst: Slot, addr: Slot, offset: u32 },
    I64Load8U { dst: Slot, addr: Slot, offset: u32 },
    I64Load16S { dst: Slot, addr: Slot, offset: u32 },
    I64Load16U { dst: Slot, addr: Slot, offset: u32 },
    I64Load32S { dst: Slot, addr: Slot, offset: u32 },
    I64Load32U { dst: Slot, addr: Slot, offset: u32 },
    I32Store { addr: Slot, value: Slot, offset: u32 },
    I64Store { addr: Slot, value: Slot, offset: u32 },
    I32Store8 { addr: Slot, value: Slot, offset: u32 },
    I32Store16 { addr: Slot, value: Slot, offset: u32 },
    I64Store8 { addr: Slot, value: Slot, offset: u32 },
    I64Store16 { addr: Slot, value: Slot, offset: u32 },
    I64Store32 { addr: Slot, value: Slot, offset: u32 },
    /// Stores of a constant value.
    I32StoreImm { addr: Slot, value: i32, offset: u32 },
    I32Store8Imm { addr: Slot, value: i32, offset: u32 },
    /// The value is sign-extended from the `i32` immediate.
    I64StoreImm { addr: Slot, value: i32, offset: u32 },
    MemorySize { dst: Slot, mem: u32 },
    MemoryGrow { dst: Slot, delta: Slot, mem: u32 },
    MemoryFill { dst: Slot, value: Slot, len: Slot, mem: u32 },
    MemoryCopy { dst: Slot, src: Slot, len: Slot, dst_mem: u32, src_mem: u32 },
    MemoryInit { dst: Slot, src: Slot, len: Slot, mem: u32, data: u32 },
    DataDrop { data: u32 },

    // ---- tables -----------------------------------------------------------
    TableGet { dst: Slot, index: Slot, table: u32 },
    TableSet { index: Slot, value: Slot, table: u32 },
    TableSize { dst: Slot, table: u32 },
    TableGrow { dst: Slot, init: Slot, delta: Slot, table: u32 },
    TableFill { dst: Slot, value: Slot, len: Slot, table: u32 },
    TableCopy { dst: Slot, src: Slot, len: Slot, dst_table: u32, src_table: u32 },
    TableInit { dst: Slot, src: Slot, len: Slot, table: u32, elem: u32 },
    ElemDrop { elem: u32 },

    // ---- SIMD ---------------------------------------------------------------
    V128Unary { dst: Slot, src: Slot, op: SimdUnOp },
    V128Binary { dst: Slot, lhs: Slot, rhs: Slot, op: SimdBinOp },
    V128Ternary { dst: Slot, a: Slot, b: Slot, c: Slot, op: SimdTernOp },
    V128Shift { dst: Slot, src: Slot, count: Slot, op: SimdShiftOp },
    /// A shift by a constant count (masked by the shift itself).
    V128ShiftImm { dst: Slot, src: Slot, count: u32, op: SimdShiftOp },
    V128Splat { dst: Slot, src: Slot, op: SimdSplatOp },
    V128Extract { dst: Slot, src: Slot, op: SimdExtractOp, lane: u8 },
    V128Replace { dst: Slot, src: Slot, x: Slot, op: SimdReplaceOp, lane: u8 },
    V128Test { dst: Slot, src: Slot, op: SimdTestOp },
    /// `i8x16.shuffle` with lanes from entry `idx` of the shuffle pool.
    V128Shuffle { dst: Slot, a: Slot, b: Slot, idx: u32 },
    V128Load { dst: Slot, addr: Slot, offset: u32, kind: SimdLoadKind },
    V128Store { addr: Slot, value: Slot, offset: u32 },
    V128LoadLane { dst: Slot, addr: Slot, vec: Slot, offset: u32, width: u8, lane: u8 },
    V128StoreLane { addr: Slot, vec: Slot, offset: u32, width: u8, lane: u8 },
    // The hottest SIMD ops, run in the dispatch loop itself (no second
    // dispatch on a SIMD op code): same semantics as the generic op.
    /// `v128.load` (all 16 bytes, no transform).
    V128LoadFull { dst: Slot, addr: Slot, offset: u32 },
    F32x4Add { dst: Slot, lhs: Slot, rhs: Slot },
    F32x4Sub { dst: Slot, lhs: Slot, rhs: Slot },
    F32x4Mul { dst: Slot, lhs: Slot, rhs: Slot },
    I32x4Add { dst: Slot, lhs: Slot, rhs: Slot },
    I32x4Sub { dst: Slot, lhs: Slot, rhs: Slot },
    /// `i32x4.shl` by a constant count, already masked to `0..32`.
    I32x4ShlImm { dst: Slot, src: Slot, count: u8 },
    /// `i32x4.shr_u` by a constant count, already masked to `0..32`.
    I32x4ShrUImm { dst: Slot, src: Slot, count: u8 },

    // ---- memories other than 0 (multi-memory): one slow path -----------------
    /// A load of any kind (scalar or `v128`) from a memory other than 0:
    /// entry `info` of [`FuncCode::mem_accesses`] names the memory, the
    /// offset and the kind.
    LoadMem { dst: Slot, addr: Slot, info: u32 },
    /// A store of any kind to a memory other than 0, described by
    /// `FuncCode::mem_accesses[info]`; `value` is the stored value (the
    /// vector of a `store_lane`).
    StoreMem { addr: Slot, value: Slot, info: u32 },
}

// Keep the op small: it is what the dispatch loop streams through.
const _: () = assert!(size_of::<Op>() <= 16);

impl Op {
    /// The single result slot of a pure op whose result may be redirected
    /// to another slot (the `local.set` peephole). `None` for everything
    /// else.
    pub fn dst_mut(&mut self) -> Option<&mut Slot> {
        use Op::*;
        match self {
            Copy { dst, .. }
            | Copy64 { dst, .. }
            | CopyV128 { dst, .. }
            | I32WrapI64 { dst, .. }
            | I64ExtendI32S { dst, .. }
            | F64ConvertI32S { dst, .. }
            | F64ConvertI32U { dst, .. }
            | V128ShiftImm { dst, .. }
            | Const { dst, .. }
            | ConstV128 { dst, .. }
            | Select { dst, .. }
            | GlobalGet { dst, .. }
            | RefFunc { dst, .. }
            | RefIsNull { dst, .. }
            | Unary { dst, .. }
            | Binary { dst, .. }
            | UnaryTrap { dst, .. }
            | I32Add { dst, .. }
            | I32Sub { dst, .. }
            | I32Mul { dst, .. }
            | I32And { dst, .. }
            | I32Or { dst, .. }
            | I32Xor { dst, .. }
            | I32Shl { dst, .. }
            | I32ShrS { dst, .. }
            | I32ShrU { dst, .. }
            | I32Rotl { dst, .. }
            | I32Rotr { dst, .. }
            | I32Eq { dst, .. }
            | I32Ne { dst, .. }
            | I32LtS { dst, .. }
            | I32LtU { dst, .. }
            | I32GtS { dst, .. }
            | I32GtU { dst, .. }
            | I32LeS { dst, .. }
            | I32LeU { dst, .. }
            | I32GeS { dst, .. }
            | I32GeU { dst, .. }
            | I32DivS { dst, .. }
            | I32DivU { dst, .. }
            | I32RemS { dst, .. }
            | I32RemU { dst, .. }
            | I32AddImm { dst, .. }
            | I32SubImm { dst, .. }
            | I32MulImm { dst, .. }
            | I32AndImm { dst, .. }
            | I32OrImm { dst, .. }
            | I32XorImm { dst, .. }
            | I32ShlImm { dst, .. }
            | I32ShrSImm { dst, .. }
            | I32ShrUImm { dst, .. }
            | I32RotlImm { dst, .. }
            | I32RotrImm { dst, .. }
            | I32EqImm { dst, .. }
            | I32NeImm { dst, .. }
            | I32LtSImm { dst, .. }
            | I32LtUImm { dst, .. }
            | I32GtSImm { dst, .. }
            | I32GtUImm { dst, .. }
            | I32LeSImm { dst, .. }
            | I32LeUImm { dst, .. }
            | I32GeSImm { dst, .. }
            | I32GeUImm { dst, .. }
            | I32DivSImm { dst, .. }
            | I32DivUImm { dst, .. }
            | I32RemSImm { dst, .. }
            | I32RemUImm { dst, .. }
            | I32Eqz { dst, .. }
            | I64Add { dst, .. }
            | I64Sub { dst, .. }
            | I64Mul { dst, .. }
            | I64And { dst, .. }
            | I64Or { dst, .. }
            | I64Xor { dst, .. }
            | I64Shl { dst, .. }
            | I64ShrS { dst, .. }
            | I64ShrU { dst, .. }
            | I64Rotl { dst, .. }
            | I64Rotr { dst, .. }
            | I64Eq { dst, .. }
            | I64Ne { dst, .. }
            | I64LtS { dst, .. }
            | I64LtU { dst, .. }
            | I64GtS { dst, .. }
            | I64GtU { dst, .. }
            | I64LeS { dst, .. }
            | I64LeU { dst, .. }
            | I64GeS { dst, .. }
            | I64GeU { dst, .. }
            | I64DivS { dst, .. }
            | I64DivU { dst, .. }
            | I64RemS { dst, .. }
            | I64RemU { dst, .. }
            | I64AddImm { dst, .. }
            | I64SubImm { dst, .. }
            | I64MulImm { dst, .. }
            | I64AndImm { dst, .. }
            | I64OrImm { dst, .. }
            | I64XorImm { dst, .. }
            | I64ShlImm { dst, .. }
            | I64ShrSImm { dst, .. }
            | I64ShrUImm { dst, .. }
            | I64RotlImm { dst, .. }
            | I64RotrImm { dst, .. }
            | I64EqImm { dst, .. }
            | I64NeImm { dst, .. }
            | I64LtSImm { dst, .. }
            | I64LtUImm { dst, .. }
            | I64GtSImm { dst, .. }
            | I64GtUImm { dst, .. }
            | I64LeSImm { dst, .. }
            | I64LeUImm { dst, .. }
            | I64GeSImm { dst, .. }
            | I64GeUImm { dst, .. }
            | I64DivSImm { dst, .. }
            | I64DivUImm { dst, .. }
            | I64RemSImm { dst, .. }
            | I64RemUImm { dst, .. }
            | I64Eqz { dst, .. }
            | F32Add { dst, .. }
            | F32Sub { dst, .. }
            | F32Mul { dst, .. }
            | F32Div { dst, .. }
            | F64Add { dst, .. }
            | F64Sub { dst, .. }
            | F64Mul { dst, .. }
            | F64Div { dst, .. }
            | F32AddImm { dst, .. }
            | F32SubImm { dst, .. }
            | F32MulImm { dst, .. }
            | F32DivImm { dst, .. }
            | F64AddImm { dst, .. }
            | F64SubImm { dst, .. }
            | F64MulImm { dst, .. }
            | F64DivImm { dst, .. }
            | I32Load { dst, .. }
            | I64Load { dst, .. }
            | I32Load8S { dst, .. }
            | I32Load8U { dst, .. }
            | I32Load16S { dst, .. }
            | I32Load16U { dst, .. }
            | I64Load8S { dst, .. }
            | I64Load8U { dst, .. }
            | I64Load16S { dst, .. }
            | I64Load16U { dst, .. }
            | I64Load32S { dst, .. }
            | I64Load32U { dst, .. }
            | MemorySize { dst, .. }
            | TableGet { dst, .. }
            | TableSize { dst, .. }
            | V128Unary { dst, .. }
            | V128Binary { dst, .. }
            | V128Ternary { dst, .. }
            | V128Shift { dst, .. }
            | V128Splat { dst, .. }
            | V128Extract { dst, .. }
            | V128Replace { dst, .. }
            | V128Test { dst, .. }
            | V128Shuffle { dst, .. }
            | V128Load { dst, .. }
            | V128LoadLane { dst, .. }
            | V128LoadFull { dst, .. }
            | F32x4Add { dst, .. }
            | F32x4Sub { dst, .. }
            | F32x4Mul { dst, .. }
            | I32x4Add { dst, .. }
            | I32x4Sub { dst, .. }
            | I32x4ShlImm { dst, .. }
            | I32x4ShrUImm { dst, .. } => Some(dst),
            _ => None,
        }
    }

    /// The branch offset of a branch op, for patching.
    pub fn off_mut(&mut self) -> Option<&mut i32> {
        use Op::*;
        match self {
            Br { off }
            | BrIfNez { off, .. }
            | BrIfEqz { off, .. }
            | BrI32Eq { off, .. }
            | BrI32Ne { off, .. }
            | BrI32LtS { off, .. }
            | BrI32LtU { off, .. }
            | BrI32GtS { off, .. }
            | BrI32GtU { off, .. }
            | BrI32LeS { off, .. }
            | BrI32LeU { off, .. }
            | BrI32GeS { off, .. }
            | BrI32GeU { off, .. }
            | BrI32EqImm { off, .. }
            | BrI32NeImm { off, .. }
            | BrI32LtSImm { off, .. }
            | BrI32LtUImm { off, .. }
            | BrI32GtSImm { off, .. }
            | BrI32GtUImm { off, .. }
            | BrI32LeSImm { off, .. }
            | BrI32LeUImm { off, .. }
            | BrI32GeSImm { off, .. }
            | BrI32GeUImm { off, .. }
            | BrI32AddImmLtU { off, .. }
            | BrI32AddImmLtUImm { off, .. }
            | BrI32AddLtU { off, .. } => Some(off),
            _ => None,
        }
    }

    /// If this op is an `i32` comparison (or `eqz`) writing `dst`, the
    /// fused branch taken when the comparison is `want` (true or false).
    pub fn fuse_branch(&self, want: bool) -> Option<Op> {
        use Op::*;
        let off = 0;
        // `(taken-if-true, taken-if-false)` per compare.
        Some(match *self {
            I32Eqz { src, .. } => {
                if want {
                    BrIfEqz { cond: src, off }
                } else {
                    BrIfNez { cond: src, off }
                }
            }
            I32Eq { lhs, rhs, .. } => pick(want, BrI32Eq { lhs, rhs, off }, BrI32Ne { lhs, rhs, off }),
            I32Ne { lhs, rhs, .. } => pick(want, BrI32Ne { lhs, rhs, off }, BrI32Eq { lhs, rhs, off }),
            I32LtS { lhs, rhs, .. } => pick(want, BrI32LtS { lhs, rhs, off }, BrI32GeS { lhs, rhs, off }),
            I32LtU { lhs, rhs, .. } => pick(want, BrI32LtU { lhs, rhs, off }, BrI32GeU { lhs, rhs, off }),
            I32GtS { lhs, rhs, .. } => pick(want, BrI32GtS { lhs, rhs, off }, BrI32LeS { lhs, rhs, off }),
            I32GtU { lhs, rhs, .. } => pick(want, BrI32GtU { lhs, rhs, off }, BrI32LeU { lhs, rhs, off }),
            I32LeS { lhs, rhs, .. } => pick(want, BrI32LeS { lhs, rhs, off }, BrI32GtS { lhs, rhs, off }),
            I32LeU { lhs, rhs, .. } => pick(want, BrI32LeU { lhs, rhs, off }, BrI32GtU { lhs, rhs, off }),
            I32GeS { lhs, rhs, .. } => pick(want, BrI32GeS { lhs, rhs, off }, BrI32LtS { lhs, rhs, off }),
            I32GeU { lhs, rhs, .. } => pick(want, BrI32GeU { lhs, rhs, off }, BrI32LtU { lhs, rhs, off }),
            I32EqImm { lhs, imm, .. } => pick(want, BrI32EqImm { lhs, imm, off }, BrI32NeImm { lhs, imm, off }),
            I32NeImm { lhs, imm, .. } => pick(want, BrI32NeImm { lhs, imm, off }, BrI32EqImm { lhs, imm, off }),
            I32LtSImm { lhs, imm, .. } => pick(want, BrI32LtSImm { lhs, imm, off }, BrI32GeSImm { lhs, imm, off }),
            I32LtUImm { lhs, imm, .. } => pick(want, BrI32LtUImm { lhs, imm, off }, BrI32GeUImm { lhs, imm, off }),
            I32GtSImm { lhs, imm, .. } => pick(want, BrI32GtSImm { lhs, imm, off }, BrI32LeSImm { lhs, imm, off }),
            I32GtUImm { lhs, imm, .. } => pick(want, BrI32GtUImm { lhs, imm, off }, BrI32LeUImm { lhs, imm, off }),
            I32LeSImm { lhs, imm, .. } => pick(want, BrI32LeSImm { lhs, imm, off }, BrI32GtSImm { lhs, imm, off }),
            I32LeUImm { lhs, imm, .. } => pick(want, BrI32LeUImm { lhs, imm, off }, BrI32GtUImm { lhs, imm, off }),
            I32GeSImm { lhs, imm, .. } => pick(want, BrI32GeSImm { lhs, imm, off }, BrI32LtSImm { lhs, imm, off }),
            I32GeUImm { lhs, imm, .. } => pick(want, BrI32GeUImm { lhs, imm, off }, BrI32LtUImm { lhs, imm, off }),
            _ => return None,
        })
    }
}

impl Op {
    /// If this op is the in-place step of an `i32` counter (`x = x + c`)
    /// and `branch` (the op right after it) is an unsigned `x < bound`
    /// branch on the same slot, the one op doing both.
    pub fn fuse_increment(&self, branch: &Op) -> Option<Op> {
        use Op::*;
        Some(match (*self, *branch) {
            (I32AddImm { dst, lhs, imm }, BrI32LtU { lhs: x, rhs, off }) if dst == lhs && x == dst => BrI32AddImmLtU {
                lhs: dst,
                imm: i16::try_from(imm).ok()?,
                rhs,
                off,
            },
            (
                I32AddImm { dst, lhs, imm },
                BrI32LtUImm {
                    lhs: x,
                    imm: bound,
                    off,
                },
            ) if dst == lhs && x == dst => BrI32AddImmLtUImm {
                lhs: dst,
                imm: i16::try_from(imm).ok()?,
                bound,
                off,
            },
            (I32Add { dst, lhs, rhs: step }, BrI32LtU { lhs: x, rhs, off }) if dst == lhs && x == dst => BrI32AddLtU {
                lhs: dst,
                step,
                rhs,
                off,
            },
            _ => return None,
        })
    }
}

#[inline]
fn pick(want: bool, when_true: Op, when_false: Op) -> Op {
    if want { when_true } else { when_false }
}

/// The translated code of one defined function.
#[derive(Debug)]
pub struct FuncCode {
    /// The instructions; execution starts at index 0.
    pub ops: Box<[Op]>,
    /// The function's index in its module (for backtraces).
    pub func_index: u32,
    /// Number of parameters (the first locals).
    pub num_params: u32,
    /// Number of locals, parameters included.
    pub num_locals: u32,
    /// Number of results.
    pub num_results: u32,
    /// Slots the frame needs: locals plus the maximum operand-stack height.
    /// At least `max(num_params, num_results)`.
    pub max_slots: u32,
    /// `v128.const` values.
    pub v128_consts: Box<[u128]>,
    /// `i8x16.shuffle` lane immediates.
    pub shuffles: Box<[[u8; 16]]>,
    /// The accesses of `LoadMem`/`StoreMem` (memories other than 0).
    pub mem_accesses: Box<[MemAccess]>,
}

/// A memory access on a memory other than 0 ([`Op::LoadMem`],
/// [`Op::StoreMem`]): the immediates that do not fit in the op.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MemAccess {
    /// The memory index (never 0: memory 0 has its own ops).
    pub memory: u32,
    /// The static offset.
    pub offset: u64,
    /// What the access does.
    pub kind: MemAccessKind,
}

/// What a [`MemAccess`] does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemAccessKind {
    /// A scalar load of `size` bytes (1, 2, 4 or 8): sign-extended if
    /// `signed`, else zero-extended, to an `i64` (`wide`) or an `i32`.
    Load { size: u8, signed: bool, wide: bool },
    /// A scalar store of the low `size` bytes of word 0.
    Store { size: u8 },
    /// A `v128.load*` (full, extending, splat or zero).
    V128Load(SimdLoadKind),
    /// `v128.store`.
    V128Store,
    /// `v128.loadN_lane` of `width` bytes into lane `lane` of slot `vec`.
    LoadLane { vec: Slot, width: u8, lane: u8 },
    /// `v128.storeN_lane` of `width` bytes from lane `lane`.
    StoreLane { width: u8, lane: u8 },
}

impl MemAccessKind {
    /// Bytes accessed in memory.
    pub fn size(self) -> u64 {
        match self {
            MemAccessKind::Load { size, .. } | MemAccessKind::Store { size } => size.into(),
            MemAccessKind::V128Load(kind) => kind.access_size().into(),
            MemAccessKind::V128Store => 16,
            MemAccessKind::LoadLane { width, .. } | MemAccessKind::StoreLane { width, .. } => width.into(),
        }
    }
}
