//! Fused ops: which runs of adjacent ops one handler runs together.

use super::{Op, Slot};

/// [`Op::forwarded`] and [`Op::unforwarded`], from one list of each op
/// and its forwarded form.
macro_rules! forwarded_forms {
    ($($plain:ident => $fwd:ident { $($field:ident),* };)*) => {
        impl Op {
            /// The form of this op that leaves its result in the register alone
            /// (a fused op: its first op's result; the triple: both results before
            /// its store), if it has one; the translator uses it where the op after
            /// it takes that result from the register (a fused op's chained
            /// operand, an `Acc` form's operand) and no op reads the cell before it
            /// is written again.
            pub fn forwarded(&self) -> Option<Op> {
                use Op::*;
                Some(match *self {
                    $($plain { $($field),* } => $fwd { $($field),* },)*
                    _ => return None,
                })
            }

            /// Whether this op is the forwarded form of another.
            pub fn is_forwarded(&self) -> bool {
                use Op::*;
                matches!(self, $($fwd { .. })|*)
            }

            /// The form of a [`forwarded`](Op::forwarded) op that writes its
            /// results to their cells (itself for any other op): what a fused op
            /// that runs it as its later part reads (its handler matches the
            /// plain form).
            pub fn unforwarded(&self) -> Op {
                use Op::*;
                match *self {
                    $($fwd { $($field),* } => $plain { $($field),* },)*
                    op => op,
                }
            }
        }
    };
}

forwarded_forms! {
    I32Load8UThenI32Store8 => I32Load8UThenI32Store8Fwd { dst, addr, imm, offset };
    F64LoadThenF64Mul => F64LoadThenF64MulFwd { dst, addr, imm, offset };
    F64MulThenF64Mul => F64MulThenF64MulFwd { dst, lhs, rhs };
    F64AddThenF64Mul => F64AddThenF64MulFwd { dst, lhs, rhs };
    F64MulThenF64Add => F64MulThenF64AddFwd { dst, lhs, rhs };
    F64AddThenF64Store => F64AddThenF64StoreFwd { dst, lhs, rhs };
    I32ShlImmThenI32Load => I32ShlImmThenI32LoadFwd { dst, lhs, imm };
    I32AddThenI32Load => I32AddThenI32LoadFwd { dst, lhs, rhs };
    I32ShlImmThenI32Add => I32ShlImmThenI32AddFwd { dst, lhs, imm };
    I32AndImmThenI32Add => I32AndImmThenI32AddFwd { dst, lhs, imm };
    F64Load => F64LoadFwd { dst, addr, imm, offset };
    F64LoadAcc => F64LoadAccFwd { dst, addr, imm, offset };
    F64Mul => F64MulFwd { dst, lhs, rhs };
    F64MulAcc => F64MulAccFwd { dst, lhs, rhs };
    F64Add => F64AddFwd { dst, lhs, rhs };
    F64AddAcc => F64AddAccFwd { dst, lhs, rhs };
    F64Sub => F64SubFwd { dst, lhs, rhs };
    F64SubAccRhs => F64SubAccRhsFwd { dst, lhs, rhs };
    I32AddImm => I32AddImmFwd { dst, lhs, imm };
    I32AddImmAcc => I32AddImmAccFwd { dst, lhs, imm };
    I32Add => I32AddFwd { dst, lhs, rhs };
    I32AddAcc => I32AddAccFwd { dst, lhs, rhs };
    I32ShlImm => I32ShlImmFwd { dst, lhs, imm };
    I32ShlImmAcc => I32ShlImmAccFwd { dst, lhs, imm };
    I32Load => I32LoadFwd { dst, addr, imm, offset };
    I32LoadAcc => I32LoadAccFwd { dst, addr, imm, offset };
    I64LoadAcc => I64LoadAccFwd { dst, addr, imm, offset };
    I32AndImm => I32AndImmFwd { dst, lhs, imm };
    I32AndImmAcc => I32AndImmAccFwd { dst, lhs, imm };
    F64LoadThenF64AddThenF64Store => F64LoadThenF64AddThenF64StoreFwd { dst, addr, imm, offset };
    I32AndImmThenI32AddAcc => I32AndImmThenI32AddFwdAcc { dst, lhs, imm };
    F64AddThenF64StoreAcc => F64AddThenF64StoreFwdAcc { dst, lhs, rhs };
    F64MulThenF64MulAcc => F64MulThenF64MulFwdAcc { dst, lhs, rhs };
    I32AddThenI32LoadAcc => I32AddThenI32LoadFwdAcc { dst, lhs, rhs };
    I32ShlImmThenI32AddAcc => I32ShlImmThenI32AddFwdAcc { dst, lhs, imm };
    F64MulThenF64AddAcc => F64MulThenF64AddFwdAcc { dst, lhs, rhs };
    F64AddThenF64MulAcc => F64AddThenF64MulFwdAcc { dst, lhs, rhs };
    I32ShlImmThenI32LoadAcc => I32ShlImmThenI32LoadFwdAcc { dst, lhs, imm };
    F64LoadThenF64AddThenF64StoreAcc => F64LoadThenF64AddThenF64StoreFwdAcc { dst, addr, imm, offset };
    F64LoadThenF64MulAcc => F64LoadThenF64MulFwdAcc { dst, addr, imm, offset };
    I32Load8UThenI32Store8Acc => I32Load8UThenI32Store8FwdAcc { dst, addr, imm, offset };
}

impl Op {
    /// The op running this one and then `next` (the op after it) in one
    /// dispatch, if the pair is common enough to have one. The pair op
    /// keeps this op's operands and reads `next`'s from its place, which
    /// it keeps (branches may target it); it is built only from an op and
    /// the op right after it, and the handler relies on that.
    ///
    /// A pair whose second op reads the first's result takes it from the
    /// register the first leaves it in, as one fixed operand of the second
    /// op ([`Op::chain_from`]): the pair is made only where that operand
    /// is the first's result (a commutative op's operands swapped to make
    /// it so), so the handler needs no test. Any other operand comes from
    /// its cell, which the first op writes too.
    pub fn pair_with(&self, next: &mut Op) -> Option<Op> {
        use Op::*;
        let pair = match (*self, &*next) {
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
        };
        match pair {
            // Second ops that read no register.
            I32AddImmThenI32AddImm { .. }
            | I64StoreThenI32AddImm { .. }
            | I32StoreThenI32AddImm { .. }
            | F64LoadThenF64Load { .. }
            | Copy64x2ThenCopy64x2 { .. }
            | I32StoreThenBrI32AddLtU { .. } => Some(pair),
            // Pairs common both ways, chained or not: the handler tests
            // whether the chained operand is the first's result.
            I32LoadThenI32Load { .. }
            | I32AddThenI32Add { .. }
            | F64MulThenF64Mul { .. }
            | F64LoadThenF64Mul { .. }
            | I32AddImmThenBrTable { .. } => {
                next.chain_from(self.dst()?);
                Some(pair)
            }
            _ => next.chain_from(self.dst()?).then_some(pair),
        }
    }

    /// Whether this op's chained operand (the one a fused op's handler
    /// gives it from the register: `lhs`, a store's `value`, a load's
    /// `addr`, a table's `index`, `F64DivImmLhs`'s `rhs`) is `slot`; a
    /// commutative op with `slot` as its `rhs` has its operands swapped
    /// to make it so. (Floats too: where both operands are NaNs, which of
    /// their payloads the result carries is not specified.)
    fn chain_from(&mut self, slot: Slot) -> bool {
        use Op::*;
        match self {
            I32Add { lhs, rhs, .. }
            | I32Or { lhs, rhs, .. }
            | I32Xor { lhs, rhs, .. }
            | F64Add { lhs, rhs, .. }
            | F64Mul { lhs, rhs, .. }
            | BrI64Ne { lhs, rhs, .. }
            | I32AddThenI32Load { lhs, rhs, .. }
            | F64AddThenF64Store { lhs, rhs, .. } => {
                if *rhs == slot && *lhs != slot {
                    std::mem::swap(lhs, rhs);
                }
                *lhs == slot
            }
            I32AndImm { lhs, .. } | BrI32AndImmNez { lhs, .. } | BrI32AndImmEqz { lhs, .. } => *lhs == slot,
            I32Store8 { value, .. } | F64Store { value, .. } => *value == slot,
            I32Load { addr, .. } => *addr == slot,
            BrTable { index, .. } => *index == slot,
            F64DivImmLhs { rhs, .. } => *rhs == slot,
            _ => false,
        }
    }

    /// Whether this fused op leaves its first op's result in the register
    /// alone, not in its cell (and the quad, its second op's too): the
    /// translator makes it only where no op reads that cell before it is
    /// written again ([`dead_after_chained`](super::dead_after_chained)).
    /// These pairs' first results are nearly always such temporaries.
    pub fn drops_first_result(&self) -> bool {
        use Op::*;
        matches!(
            self,
            I32ShrUImmThenI32AndImm { .. }
                | I32RotlImmThenI32Xor { .. }
                | F64ConvertI32SThenF64DivImmLhs { .. }
                | I32ShrUImmThenI32AndImmThenI32AddThenI32Load { .. }
        )
    }

    /// The op that runs this op and the pair `next` after it (`next` a
    /// pair [`Op::pair_with`] made, its second op after it), if there is
    /// one: like a pair's, the ops after the first stay in place, and a
    /// branch to `next` runs that pair alone.
    pub fn triple_with(&self, next: &mut Op) -> Option<Op> {
        use Op::*;
        Some(match (*self, *next) {
            (F64Load { dst, addr, imm, offset }, F64AddThenF64Store { .. }) if next.chain_from(dst) => {
                F64LoadThenF64AddThenF64Store { dst, addr, imm, offset }
            }
            _ => return None,
        })
    }

    /// The op that runs this pair (one [`Op::pair_with`] made), its second
    /// op, and the pair `next` after that, if there is one (the ops after
    /// the first stay in place; a branch to `next` runs that pair alone).
    /// `second` is this pair's second op, whose result `next` takes.
    pub fn quad_with(&self, second: &Op, next: &mut Op) -> Option<Op> {
        use Op::*;
        Some(match (*self, *next) {
            (I32ShrUImmThenI32AndImm { dst, lhs, imm }, I32AddThenI32Load { .. }) if next.chain_from(second.dst()?) => {
                I32ShrUImmThenI32AndImmThenI32AddThenI32Load { dst, lhs, imm }
            }
            _ => return None,
        })
    }
}
