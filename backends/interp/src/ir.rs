//! The register/slot IR executed by [`crate::exec`].
//!
//! # Naming scheme
//!
//! Every operand names where it lives:
//!
//! - `dst`, `lhs`, `rhs`, `src`, `addr`, `value`, `cond`, `index`, ...: a
//!   **frame slot** ([`Slot`]), i.e. one 16-byte [`RawVal`](concord_core::RawVal) cell of
//!   the frame, named by its offset in 8-byte words. Locals are cells
//!   `0..num_locals` (parameters first); the operand-stack entry at height
//!   `h` lives in cell `num_locals + h` (in a wide frame, cell
//!   `num_locals + 8 + h`, beyond the slot range from some height on, and
//!   locals may be far: see `translate_function`). `base` fields and
//!   `CopySpan` name cells by index, with 32 bits. The disassembly shows
//!   slots as cell indexes.
//! - `imm`: an **immediate** stored in the instruction. Ops whose right
//!   operand is an immediate carry the suffix `Imm` (`I32AddImm`).
//! - `off`: a **branch offset**, relative to the branch instruction itself
//!   (resolved at translation): in ops while translating, in bytes in the
//!   finished code ([`Op::make_handler_units`]), in ops in the disassembly.
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
//! # The op table
//!
//! Every op is declared once, in [`ops::for_each_op!`] (`ir/ops.rs`): its
//! docs, name, fields and field types. Generator macros below build [`Op`]
//! from that list, with the accessors that must cover every op
//! ([`Op::off_mut`], [`Op::name`], [`Op::operands`]); [`disassemble`]
//! prints a function's ops through them.
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
use std::fmt::Write as _;
use std::num::{NonZeroU32, NonZeroU64};

/// A frame slot: where a cell of the current frame is, as its offset from
/// the frame's start in 8-byte words (twice the cell's index), so that a
/// handler reaches it with one scaled address (`fp + slot * 8`), without a
/// shift. The translator works with cell indexes and converts every slot
/// field of its ops last ([`Op::make_handler_units`]); a slot names one of the
/// first [`DIRECT_CELLS`] cells.
pub type Slot = u16;

/// The cells a [`Slot`] can name: cells `0..DIRECT_CELLS`.
pub const DIRECT_CELLS: usize = (u16::MAX / 2) as usize;

/// A pure scalar function `word0 -> word0`.
pub type UnaryFn = fn(u64) -> u64;
/// A pure scalar function `(word0, word0) -> word0`.
pub type BinaryFn = fn(u64, u64) -> u64;
/// A trapping scalar function.
pub type UnaryTrapFn = fn(u64) -> Result<u64, TrapCode>;

mod acc;
mod live;
pub use live::dead_after_chained;
mod fused;
mod ops;
pub(crate) use ops::for_each_op;

/// Generator for [`ops::for_each_op!`]: the [`Op`] enum itself.
macro_rules! define_op_enum {
    ($( $(#[$attr:meta])* $name:ident $({ $($field:ident : $ty:ty),* $(,)? })? ),* $(,)?) => {
        /// One interpreter instruction. See the module docs for the naming scheme.
        #[derive(Clone, Copy, Debug)]
        #[repr(u16)]
        pub enum Op {
            $( $(#[$attr])* $name $({ $($field: $ty),* })?, )*
        }
    };
}

/// `Some(value)` if `field` is a branch offset (named `off`), else `None`
/// (`value` is the field's binding, consumed either way).
macro_rules! branch_offset_field {
    (off $value:ident) => {
        Some($value)
    };
    ($field:ident $value:ident) => {{
        let _ = $value;
        None
    }};
}

/// Generator for [`ops::for_each_op!`]: accessors the translator relies on.
macro_rules! define_op_patching {
    ($( $(#[$attr:meta])* $name:ident $({ $($field:ident : $ty:ty),* $(,)? })? ),* $(,)?) => {
        impl Op {
            /// The branch offset of a branch op (its field `off`), for patching.
            pub fn off_mut(&mut self) -> Option<&mut i32> {
                match self {
                    $(Op::$name $({ $($field),* })? => None $($(.or(branch_offset_field!($field $field)))*)?,)*
                }
            }
        }
    };
}

/// A field's value as the op views show it (the op in the handlers'
/// units, [`Op::make_handler_units`]): a [`Slot`] as the index of the cell it
/// names, a branch offset in ops.
macro_rules! field_view {
    ($field:ident, Slot, $value:ident) => {
        format!("{}", *$value / 2)
    };
    (off, $ty:ident, $value:ident) => {
        format!("{}", *$value / OP_SIZE)
    };
    ($field:ident, $ty:ident, $value:ident) => {
        format!("{:?}", $value)
    };
}

/// A field converted by [`Op::make_handler_units`]: a [`Slot`] from a cell
/// index to its word offset, a branch offset from ops to bytes; other
/// fields stay.
macro_rules! field_make_handler_units {
    ($field:ident, Slot, $value:ident) => {
        *$value *= 2
    };
    (off, $ty:ident, $value:ident) => {
        *$value *= OP_SIZE
    };
    ($field:ident, $ty:ident, $value:ident) => {{
        let _ = $value;
    }};
}

/// A field converted back by `Op::make_translation_units` (tests only).
#[cfg(test)]
macro_rules! field_make_translation_units {
    ($field:ident, Slot, $value:ident) => {
        *$value /= 2
    };
    (off, $ty:ident, $value:ident) => {
        *$value /= OP_SIZE
    };
    ($field:ident, $ty:ident, $value:ident) => {{
        let _ = $value;
    }};
}

/// An op's size in bytes, the unit of branch offsets in the handlers.
const OP_SIZE: i32 = size_of::<Op>() as i32;

/// Generator for [`ops::for_each_op!`]: the conversion to the handlers'
/// units.
macro_rules! define_unit_conversion {
    ($( $(#[$attr:meta])* $name:ident $({ $($field:ident : $ty:ident),* $(,)? })? ),* $(,)?) => {
        impl Op {
            /// Turns the op from the translator's units into the handlers':
            /// every slot field from the index of the cell it names (below
            /// [`DIRECT_CELLS`]) into its offset in words ([`Slot`]), and a
            /// branch offset from ops into bytes (the translator keeps
            /// functions below 2^27 ops), so that a handler uses each as an
            /// address offset as it is.
            pub fn make_handler_units(&mut self) {
                match self {
                    $(Op::$name $({ $($field),* })? => { $($(field_make_handler_units!($field, $ty, $field);)*)? })*
                }
            }

            /// The inverse of [`Op::make_handler_units`].
            #[cfg(test)]
            pub fn make_translation_units(&mut self) {
                match self {
                    $(Op::$name $({ $($field),* })? => { $($(field_make_translation_units!($field, $ty, $field);)*)? })*
                }
            }
        }
    };
}

/// Generator for [`ops::for_each_op!`]: generic views of an op (its name and
/// operands) for the disassembler and the tests.
macro_rules! define_op_views {
    ($( $(#[$attr:meta])* $name:ident $({ $($field:ident : $ty:ident),* $(,)? })? ),* $(,)?) => {
        #[cfg_attr(not(test), allow(dead_code, reason = "the disassembler is a debugging aid, used by the tests"))]
        impl Op {
            /// The name of every op, in declaration order.
            pub const NAMES: &'static [&'static str] = &[$(stringify!($name)),*];

            /// The op's name (its variant name).
            pub fn name(&self) -> &'static str {
                match self {
                    $(Op::$name { .. } => stringify!($name),)*
                }
            }

            /// The op's operands in declaration order: each field's name and
            /// its value formatted with `Debug`, a slot as the index of the
            /// cell it names and a branch offset in ops (the op is in the
            /// handlers' units: [`Op::make_handler_units`]).
            pub fn operands(&self) -> Vec<(&'static str, String)> {
                match self {
                    $(Op::$name $({ $($field),* })? => vec![$($((stringify!($field), field_view!($field, $ty, $field))),*)?],)*
                }
            }
        }
    };
}

/// A field's part in [`Op::slot_access`]: a [`Slot`] field that names
/// `$slot` counts as a read, or (`dst`, unless the op reads it) as the
/// op's result; any other field is skipped.
macro_rules! slot_access_field {
    (dst, Slot, $value:ident, $slot:ident, $reads:ident, $written:ident, $dst_read:expr) => {
        if *$value == $slot {
            if $dst_read {
                $reads += 1;
            } else {
                $written = true;
            }
        }
    };
    ($field:ident, Slot, $value:ident, $slot:ident, $reads:ident, $written:ident, $dst_read:expr) => {
        if *$value == $slot {
            $reads += 1;
        }
    };
    ($field:ident, $ty:ident, $value:ident, $slot:ident, $reads:ident, $written:ident, $dst_read:expr) => {{
        let _ = $value;
    }};
}

/// Whether a field makes an op reach cells or code its [`Slot`] fields do
/// not name: a branch offset (`off`) or a span of cells (`base`).
macro_rules! control_field {
    (off) => {
        true
    };
    (base) => {
        true
    };
    ($field:ident) => {
        false
    };
}

/// Whether a field's type is [`Slot`].
macro_rules! slot_type {
    (Slot) => {
        true
    };
    ($ty:ident) => {
        false
    };
}

/// Whether `name` has `part` (at its start, if `start`; all of it, if
/// `whole`).
const fn name_has(name: &str, part: &[u8], start: bool, whole: bool) -> bool {
    let name = name.as_bytes();
    if whole && name.len() != part.len() {
        return false;
    }
    let mut at = 0;
    while at + part.len() <= name.len() {
        let mut i = 0;
        while i < part.len() && name[at + i] == part[i] {
            i += 1;
        }
        if i == part.len() {
            return true;
        }
        if start {
            return false;
        }
        at += 1;
    }
    false
}

/// Whether `name` is one of `names`.
const fn name_in(name: &str, names: &[&[u8]]) -> bool {
    let mut i = 0;
    while i < names.len() {
        if name_has(name, names[i], true, true) {
            return true;
        }
        i += 1;
    }
    false
}

/// Whether an op's field `dst` is an operand it reads (a destination
/// address or index: the bulk memory and table ops) rather than its
/// result (every other op with one: the pure ops, the `Acc` forms, the
/// fused ops' first result, `Copy64x2`, the grows).
const fn dst_is_read(name: &str) -> bool {
    name_in(
        name,
        &[
            b"MemoryFill",
            b"MemoryCopy",
            b"MemoryInit",
            b"TableFill",
            b"TableCopy",
            b"TableInit",
        ],
    )
}

/// Whether an op reaches cells or code its fields do not say: a table of
/// branches, a return (its callers read the results), a throw.
const fn opaque_op(name: &str) -> bool {
    name_in(
        name,
        &[
            b"BrTable",
            b"Return",
            b"ReturnSlot",
            b"ReturnSlot64",
            b"ReturnSlot64Acc",
            b"ThrowRef",
        ],
    )
}

/// Generator for [`ops::for_each_op!`]: what an op does with one cell,
/// for the translator's liveness scan (`ir/live.rs`).
macro_rules! define_slot_access {
    ($( $(#[$attr:meta])* $name:ident $({ $($field:ident : $ty:ident),* $(,)? })? ),* $(,)?) => {
        impl Op {
            /// What the op does with cell `slot` (in the translator's
            /// units): how many of its operands name it, whether it is the
            /// op's result (field `dst`, [`dst_is_read`]), and whether the
            /// op may reach cells or code its slot fields do not name (a
            /// branch offset, a span of cells, no slot field at all,
            /// [`opaque_op`]).
            fn slot_access(&self, slot: Slot) -> (u32, bool, bool) {
                match self {
                    $(Op::$name $({ $($field),* })? => {
                        #[allow(unused_mut, reason = "ops without slot fields never set them")]
                        let (mut reads, mut written) = (0u32, false);
                        $($(slot_access_field!($field, $ty, $field, slot, reads, written, const { dst_is_read(stringify!($name)) });)*)?
                        let unknown = const {
                            opaque_op(stringify!($name))
                                $($(|| control_field!($field))*)?
                                || !(false $($(|| slot_type!($ty))*)?)
                        };
                        (reads, written, unknown)
                    })*
                }
            }

            /// Whether the op is a branch (its name starts with `Br`; its
            /// field `off` is its target, its other fields are read).
            pub(crate) fn is_branch(&self) -> bool {
                match self {
                    $(Op::$name { .. } => const { name_has(stringify!($name), b"Br", true, false) },)*
                }
            }
        }
    };
}

impl Op {
    /// The branch offset of a branch op (its field `off`).
    pub fn off(&self) -> Option<i32> {
        let mut op = *self;
        op.off_mut().copied()
    }
}

ops::for_each_op!(define_op_enum);
ops::for_each_op!(define_slot_access);
ops::for_each_op!(define_op_patching);
ops::for_each_op!(define_op_views);
ops::for_each_op!(define_unit_conversion);

// Keep the op small: it is what the handlers stream through.
const _: () = assert!(size_of::<Op>() <= 16);

impl Op {
    /// The result slot of an op [`Op::dst_mut`] knows.
    pub fn dst(&self) -> Option<Slot> {
        let mut op = *self;
        op.dst_mut().map(|dst| *dst)
    }

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
            | I32ShlImmLhs { dst, .. }
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
            | F64SubImmLhs { dst, .. }
            | F64DivImmLhs { dst, .. }
            | F64Sqrt { dst, .. }
            | F64Abs { dst, .. }
            | F64Neg { dst, .. }
            | F32Eq { dst, .. }
            | F32Ne { dst, .. }
            | F32Lt { dst, .. }
            | F32Gt { dst, .. }
            | F32Le { dst, .. }
            | F32Ge { dst, .. }
            | F64Eq { dst, .. }
            | F64Ne { dst, .. }
            | F64Lt { dst, .. }
            | F64Gt { dst, .. }
            | F64Le { dst, .. }
            | F64Ge { dst, .. }
            | F64LtImm { dst, .. }
            | F64GtImm { dst, .. }
            | F64LeImm { dst, .. }
            | F64GeImm { dst, .. }
            | I32Load { dst, .. }
            | I32LoadAbs { dst, .. }
            | I64LoadAbs { dst, .. }
            | F64Load { dst, .. }
            | F64LoadAbs { dst, .. }
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
            I32AndImm { lhs, imm, .. } => {
                pick(want, BrI32AndImmNez { lhs, imm, off }, BrI32AndImmEqz { lhs, imm, off })
            }
            I64Eqz { src, .. } => pick(want, BrI64Eqz { cond: src, off }, BrI64Nez { cond: src, off }),
            I64Eq { lhs, rhs, .. } => pick(want, BrI64Eq { lhs, rhs, off }, BrI64Ne { lhs, rhs, off }),
            I64Ne { lhs, rhs, .. } => pick(want, BrI64Ne { lhs, rhs, off }, BrI64Eq { lhs, rhs, off }),
            I64LtS { lhs, rhs, .. } => pick(want, BrI64LtS { lhs, rhs, off }, BrI64GeS { lhs, rhs, off }),
            I64LtU { lhs, rhs, .. } => pick(want, BrI64LtU { lhs, rhs, off }, BrI64GeU { lhs, rhs, off }),
            I64GtS { lhs, rhs, .. } => pick(want, BrI64GtS { lhs, rhs, off }, BrI64LeS { lhs, rhs, off }),
            I64GtU { lhs, rhs, .. } => pick(want, BrI64GtU { lhs, rhs, off }, BrI64LeU { lhs, rhs, off }),
            I64LeS { lhs, rhs, .. } => pick(want, BrI64LeS { lhs, rhs, off }, BrI64GtS { lhs, rhs, off }),
            I64LeU { lhs, rhs, .. } => pick(want, BrI64LeU { lhs, rhs, off }, BrI64GtU { lhs, rhs, off }),
            I64GeS { lhs, rhs, .. } => pick(want, BrI64GeS { lhs, rhs, off }, BrI64LtS { lhs, rhs, off }),
            I64GeU { lhs, rhs, .. } => pick(want, BrI64GeU { lhs, rhs, off }, BrI64LtU { lhs, rhs, off }),
            F64Eq { lhs, rhs, .. } => pick(want, BrF64Eq { lhs, rhs, off }, BrF64Ne { lhs, rhs, off }),
            F64Ne { lhs, rhs, .. } => pick(want, BrF64Ne { lhs, rhs, off }, BrF64Eq { lhs, rhs, off }),
            F64Lt { lhs, rhs, .. } => pick(want, BrF64Lt { lhs, rhs, off }, BrF64NotLt { lhs, rhs, off }),
            F64Gt { lhs, rhs, .. } => pick(want, BrF64Gt { lhs, rhs, off }, BrF64NotGt { lhs, rhs, off }),
            F64Le { lhs, rhs, .. } => pick(want, BrF64Le { lhs, rhs, off }, BrF64NotLe { lhs, rhs, off }),
            F64Ge { lhs, rhs, .. } => pick(want, BrF64Ge { lhs, rhs, off }, BrF64NotGe { lhs, rhs, off }),
            F64LtImm { lhs, imm, .. } => pick(want, BrF64LtImm { lhs, off, imm }, BrF64NotLtImm { lhs, off, imm }),
            F64GtImm { lhs, imm, .. } => pick(want, BrF64GtImm { lhs, off, imm }, BrF64NotGtImm { lhs, off, imm }),
            F64LeImm { lhs, imm, .. } => pick(want, BrF64LeImm { lhs, off, imm }, BrF64NotLeImm { lhs, off, imm }),
            F64GeImm { lhs, imm, .. } => pick(want, BrF64GeImm { lhs, off, imm }, BrF64NotGeImm { lhs, off, imm }),
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

/// `TierUp::at` of a loop that is not an OSR point.
pub const NO_LOOP: u32 = u32::MAX;

/// `TierUp::at` of the function's entry (its first op).
pub const FUNC_ENTRY: u32 = u32::MAX - 1;

/// The translated code of one defined function.
#[derive(Debug)]
pub struct FuncCode {
    /// The instructions; execution starts at index 0.
    pub ops: Box<[Op]>,
    /// For each op, the byte offset in the module's binary of the Wasm
    /// instruction it was translated from (for ops emitted before the
    /// first instruction, the start of the function's body): what a
    /// backtrace reports for a frame stopped at that op.
    pub offsets: Box<[u32]>,
    /// The function's index in its module (for backtraces).
    pub func_index: u32,
    /// What is left of the function's tier-up budget (RFC 0007); only
    /// `TierUp` ops read it.
    pub budget: std::sync::atomic::AtomicI32,
    /// Calls counted by the entry's `TierUp` op (saturating; races may
    /// lose a count, which only matters while it is 0 or 1).
    pub calls: std::sync::atomic::AtomicU32,
    /// The loop header whose `TierUp` op asks the core at every arrival
    /// (its OSR code is coming), or `NO_LOOP`.
    pub armed: std::sync::atomic::AtomicU32,
    /// Number of parameters (the first locals).
    pub num_params: u32,
    /// A call zeroes the cells `zero_start..local_cells`: the declared
    /// locals (and, in a frame with far locals, the scratch slots between
    /// them) from the parameters' end, or in a narrow frame only those a
    /// read may find unwritten (from the first to the last of them).
    pub zero_start: u32,
    pub local_cells: u32,
    /// Number of results.
    pub num_results: u32,
    /// Slots the frame needs: locals plus the maximum operand-stack height.
    /// At least `max(num_params, num_results)`.
    pub max_slots: u32,
    /// `v128.const` values.
    pub v128_consts: Box<[u128]>,
    /// `i8x16.shuffle` lane immediates.
    pub shuffles: Box<[[u8; 16]]>,
    /// The accesses of `LoadMem`/`StoreMem` (memories other than 0, and
    /// 64-bit memories).
    pub mem_accesses: Box<[MemAccess]>,
    /// The catch clauses of the function's `try_table`s, innermost
    /// `try_table` first, each `try_table`'s in order: the first whose
    /// range holds the op that threw (or called the thrower) and that
    /// catches the exception handles it.
    pub catches: Box<[Catch]>,
}

/// A catch clause of a `try_table` ([`FuncCode::catches`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Catch {
    /// The ops the `try_table` covers: `start..end`.
    pub start: u32,
    /// See `start`.
    pub end: u32,
    /// The tag it catches (an index of the instance's tags), or
    /// [`CATCH_ALL`].
    pub tag: u32,
    /// Whether the exception reference follows the payload.
    pub with_ref: bool,
    /// Where the values go: the cells from `base` (the target label's).
    pub base: u32,
    /// Where execution continues: the target label's op (a branch there
    /// with the values in place).
    pub target: u32,
}

/// [`Catch::tag`] of `catch_all` and `catch_all_ref`.
pub const CATCH_ALL: u32 = u32::MAX;

/// A memory access on a memory other than 0 or on a 64-bit memory
/// ([`Op::LoadMem`], [`Op::StoreMem`]): the immediates that do not fit in
/// the op.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MemAccess {
    /// The memory index (0 only for a 64-bit memory 0: a 32-bit one has its
    /// own ops).
    pub memory: u32,
    /// Whether the memory is 64-bit: the address is all of word 0 (an
    /// `i64`), not its low 32 bits.
    pub memory64: bool,
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
    /// `v128.loadN_lane` of `width` bytes into lane `lane` of slot `vec`
    /// (a word offset, as in the ops).
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

#[cfg_attr(
    not(test),
    allow(dead_code, reason = "the disassembler is a debugging aid, used by the tests")
)]
impl Op {
    /// The target of a branch op: its offset (field `off`) applied to
    /// `at`, the op's own index.
    pub fn branch_target(&self, at: usize) -> Option<i64> {
        let mut op = *self;
        let off = *op.off_mut()? / OP_SIZE;
        Some(i64::try_from(at).ok()? + i64::from(off))
    }

    /// The op as one line of [`disassemble`] (without its index), the op
    /// being at index `at`: `Name field=value ...`, a branch offset followed
    /// by its absolute target (`off=-3 -> @5`).
    pub fn disassemble_at(&self, at: usize) -> String {
        let mut line = String::from(self.name());
        for (field, value) in self.operands() {
            write!(line, " {field}={value}").unwrap();
            if field == "off"
                && let Some(target) = self.branch_target(at)
            {
                write!(line, " -> @{target}").unwrap();
            }
        }
        line
    }
}

/// The text of a function's code, one op a line: its index, then
/// [`Op::disassemble_at`].
#[cfg_attr(
    not(test),
    allow(dead_code, reason = "the disassembler is a debugging aid, used by the tests")
)]
pub(crate) fn disassemble(code: &FuncCode) -> String {
    let mut out = String::new();
    for (at, op) in code.ops.iter().enumerate() {
        writeln!(out, "{at:4}: {}", op.disassemble_at(at)).unwrap();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Op;
    use std::collections::HashSet;

    #[test]
    fn op_size_is_unchanged() {
        // The handlers stream through ops: growing them costs speed.
        assert_eq!(size_of::<Op>(), 16);
        assert_eq!(align_of::<Op>(), 8);
    }

    #[test]
    fn op_names_are_unique() {
        let names: HashSet<&str> = Op::NAMES.iter().copied().collect();
        assert_eq!(names.len(), Op::NAMES.len());
        assert!(Op::NAMES.len() > 200, "{}", Op::NAMES.len());
        for name in Op::NAMES {
            assert!(name.chars().all(|c| c.is_ascii_alphanumeric()), "{name}");
        }
        assert_eq!(Op::Return.name(), "Return");
        assert_eq!(Op::Br { off: -2 }.name(), "Br");
    }

    #[test]
    fn operands_follow_the_declaration() {
        let mut op = Op::BrI32AddImmLtU {
            lhs: 2,
            imm: -1,
            rhs: 0,
            off: -3,
        };
        op.make_handler_units();
        assert!(matches!(
            op,
            Op::BrI32AddImmLtU {
                lhs: 4,
                imm: -1,
                rhs: 0,
                off: -48
            }
        ));
        assert_eq!(
            op.operands(),
            [("lhs", "2"), ("imm", "-1"), ("rhs", "0"), ("off", "-3")].map(|(f, v)| (f, v.to_string()))
        );
        assert!(Op::Return.operands().is_empty());
        assert_eq!(op.disassemble_at(5), "BrI32AddImmLtU lhs=2 imm=-1 rhs=0 off=-3 -> @2");
        assert_eq!(op.branch_target(5), Some(2));
        // Only the fields named `off` are branch offsets.
        let mut op = Op::I32AddImm { dst: 2, lhs: 2, imm: 4 };
        assert!(op.off_mut().is_none());
        assert_eq!(op.disassemble_at(0), "I32AddImm dst=1 lhs=1 imm=4");
        let mut op = Op::BrIfEqz { cond: 3, off: 1 };
        *op.off_mut().unwrap() = 7;
        assert!(matches!(op, Op::BrIfEqz { cond: 3, off: 7 }));
    }
}
