//! Fused ops: which runs of adjacent ops one handler runs together.

use super::Op;

impl Op {
    /// The op running this one and then `next` (the op after it) in one
    /// dispatch, if the pair is common enough to have one. The pair op
    /// keeps this op's operands and reads `next`'s from its place, which
    /// it keeps (branches may target it); it is built only from an op and
    /// the op right after it, and the handler relies on that.
    pub fn pair_with(&self, next: &Op) -> Option<Op> {
        use Op::*;
        Some(match (*self, next) {
            (I32AddImm { dst, lhs, imm }, I32AddImm { .. }) => I32AddImmThenI32AddImm { dst, lhs, imm },
            (
                I64Store {
                    addr,
                    value,
                    imm,
                    offset,
                },
                I32AddImm { .. },
            ) => I64StoreThenI32AddImm {
                addr,
                value,
                imm,
                offset,
            },
            (I32Load8U { dst, addr, imm, offset }, I32Store8 { .. }) => {
                I32Load8UThenI32Store8 { dst, addr, imm, offset }
            }
            (I32ShrUImm { dst, lhs, imm }, I32AndImm { .. }) => I32ShrUImmThenI32AndImm { dst, lhs, imm },
            (I32AndImm { dst, lhs, imm }, I32Add { .. }) => I32AndImmThenI32Add { dst, lhs, imm },
            (I32RotlImm { dst, lhs, imm }, I32Xor { .. }) => I32RotlImmThenI32Xor { dst, lhs, imm },
            (F64Load { dst, addr, imm, offset }, F64Mul { .. }) => F64LoadThenF64Mul { dst, addr, imm, offset },
            (F64Add { dst, lhs, rhs }, F64Store { .. }) => F64AddThenF64Store { dst, lhs, rhs },
            (F64Mul { dst, lhs, rhs }, F64Mul { .. }) => F64MulThenF64Mul { dst, lhs, rhs },
            (
                I32Store {
                    addr,
                    value,
                    imm,
                    offset,
                },
                I32AddImm { .. },
            ) => I32StoreThenI32AddImm {
                addr,
                value,
                imm,
                offset,
            },
            (I32Add { dst, lhs, rhs }, I32Load { .. }) => I32AddThenI32Load { dst, lhs, rhs },
            (I32Add { dst, lhs, rhs }, I32Add { .. }) => I32AddThenI32Add { dst, lhs, rhs },
            (I32ShlImm { dst, lhs, imm }, I32Add { .. }) => I32ShlImmThenI32Add { dst, lhs, imm },
            (F64Mul { dst, lhs, rhs }, F64Add { .. }) => F64MulThenF64Add { dst, lhs, rhs },
            (F64Add { dst, lhs, rhs }, F64Mul { .. }) => F64AddThenF64Mul { dst, lhs, rhs },
            (I32AddImm { dst, lhs, imm }, BrTable { .. }) => I32AddImmThenBrTable { dst, lhs, imm },
            (I32ShlImmLhs { dst, imm, rhs }, I32Or { .. }) => I32ShlImmLhsThenI32Or { dst, imm, rhs },
            (I32ShrU { dst, lhs, rhs }, BrI32AndImmNez { .. }) => I32ShrUThenBrI32AndImmNez { dst, lhs, rhs },
            (I32ShrU { dst, lhs, rhs }, BrI32AndImmEqz { .. }) => I32ShrUThenBrI32AndImmEqz { dst, lhs, rhs },
            (I64AddImm { dst, lhs, imm }, BrI64Ne { .. }) => I64AddImmThenBrI64Ne { dst, lhs, imm },
            (I32ShlImm { dst, lhs, imm }, I32Load { .. }) => I32ShlImmThenI32Load { dst, lhs, imm },
            (F64Load { dst, addr, imm, offset }, F64Load { .. }) => F64LoadThenF64Load { dst, addr, imm, offset },
            (I32Load { dst, addr, imm, offset }, I32Load { .. }) => I32LoadThenI32Load { dst, addr, imm, offset },
            (F64ConvertI32S { dst, src }, F64DivImmLhs { .. }) => F64ConvertI32SThenF64DivImmLhs { dst, src },
            (Copy64x2 { dst, src, dst2, src2 }, Copy64x2 { .. }) => Copy64x2ThenCopy64x2 { dst, src, dst2, src2 },
            (
                I32Store {
                    addr,
                    value,
                    imm,
                    offset,
                },
                BrI32AddLtU { .. },
            ) => I32StoreThenBrI32AddLtU {
                addr,
                value,
                imm,
                offset,
            },
            _ => return None,
        })
    }

    /// The op that runs this op and the pair `next` after it (`next` a
    /// pair [`Op::pair_with`] made, its second op after it), if there is
    /// one: like a pair's, the ops after the first stay in place, and a
    /// branch to `next` runs that pair alone.
    pub fn triple_with(&self, next: &Op) -> Option<Op> {
        use Op::*;
        Some(match (*self, next) {
            (F64Load { dst, addr, imm, offset }, F64AddThenF64Store { .. }) => {
                F64LoadThenF64AddThenF64Store { dst, addr, imm, offset }
            }
            _ => return None,
        })
    }

    /// The op that runs this pair (one [`Op::pair_with`] made), its second
    /// op, and the pair `next` after that, if there is one (the ops after
    /// the first stay in place; a branch to `next` runs that pair alone).
    pub fn quad_with(&self, next: &Op) -> Option<Op> {
        use Op::*;
        Some(match (*self, next) {
            (I32ShrUImmThenI32AndImm { dst, lhs, imm }, I32AddThenI32Load { .. }) => {
                I32ShrUImmThenI32AndImmThenI32AddThenI32Load { dst, lhs, imm }
            }
            _ => return None,
        })
    }
}
