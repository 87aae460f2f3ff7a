//! The result registers: which slot an op leaves in `acc` or `facc`, and
//! the form of an op that takes an operand from there.

use super::{Op, Slot};

impl Op {
    /// The slot whose new value this op leaves in a register of the
    /// handlers when it has run (the single scalar result it writes last),
    /// and whether that is `facc` (an `f64` computed as a float) rather
    /// than `acc` (word 0 of the cell). `None` for every other op (and for
    /// pairs: after a pair, the register holds its second op's result,
    /// and the op after the pair sees that op as its previous op).
    pub fn acc_result(&self) -> Option<(Slot, bool)> {
        use Op::*;
        match *self {
            Copy64 { dst, .. }
            | Const { dst, .. }
            | Unary { dst, .. }
            | Binary { dst, .. }
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
            | I32WrapI64 { dst, .. }
            | I64ExtendI32S { dst, .. }
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
            | F32AddImm { dst, .. }
            | F32SubImm { dst, .. }
            | F32MulImm { dst, .. }
            | F32DivImm { dst, .. }
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
            | I32LoadAbs { dst, .. }
            | I64LoadAbs { dst, .. }
            | I32AddAcc { dst, .. }
            | I32SubAcc { dst, .. }
            | I32MulAcc { dst, .. }
            | I32AndAcc { dst, .. }
            | I32OrAcc { dst, .. }
            | I32XorAcc { dst, .. }
            | I32ShlAcc { dst, .. }
            | I32ShrUAcc { dst, .. }
            | I32ShrSAcc { dst, .. }
            | I32AddImmAcc { dst, .. }
            | I32SubImmAcc { dst, .. }
            | I32MulImmAcc { dst, .. }
            | I32AndImmAcc { dst, .. }
            | I32OrImmAcc { dst, .. }
            | I32XorImmAcc { dst, .. }
            | I32ShlImmAcc { dst, .. }
            | I32ShrUImmAcc { dst, .. }
            | I32ShrSImmAcc { dst, .. }
            | I32RotlImmAcc { dst, .. }
            | I32EqAcc { dst, .. }
            | I32NeAcc { dst, .. }
            | I32LtSAcc { dst, .. }
            | I32LtUAcc { dst, .. }
            | I32GtSAcc { dst, .. }
            | I32GtUAcc { dst, .. }
            | I32EqImmAcc { dst, .. }
            | I32NeImmAcc { dst, .. }
            | I32LtSImmAcc { dst, .. }
            | I32LtUImmAcc { dst, .. }
            | I32GtSImmAcc { dst, .. }
            | I32GtUImmAcc { dst, .. }
            | I32LeSImmAcc { dst, .. }
            | I32LeUImmAcc { dst, .. }
            | I32GeSImmAcc { dst, .. }
            | I32GeUImmAcc { dst, .. }
            | I64AddAcc { dst, .. }
            | I64SubAcc { dst, .. }
            | I64MulAcc { dst, .. }
            | I64AndAcc { dst, .. }
            | I64OrAcc { dst, .. }
            | I64XorAcc { dst, .. }
            | I64ShlAcc { dst, .. }
            | I64ShrUAcc { dst, .. }
            | I64AddImmAcc { dst, .. }
            | I64MulImmAcc { dst, .. }
            | I64AndImmAcc { dst, .. }
            | I64XorImmAcc { dst, .. }
            | I64ShlImmAcc { dst, .. }
            | I64ShrUImmAcc { dst, .. }
            | F32AddAcc { dst, .. }
            | F32SubAcc { dst, .. }
            | F32MulAcc { dst, .. }
            | F32DivAcc { dst, .. }
            | I32SubAccRhs { dst, .. }
            | I64SubAccRhs { dst, .. }
            | F32SubAccRhs { dst, .. }
            | F32DivAccRhs { dst, .. }
            | I32ShlImmLhsAcc { dst, .. }
            | I32EqzAcc { dst, .. }
            | I64EqzAcc { dst, .. }
            | I32WrapI64Acc { dst, .. }
            | I64ExtendI32SAcc { dst, .. }
            | UnaryAcc { dst, .. }
            | Copy64Acc { dst, .. }
            | I32LoadAcc { dst, .. }
            | I64LoadAcc { dst, .. }
            | I32Load8UAcc { dst, .. }
            | I32Load8SAcc { dst, .. }
            | I32Load16UAcc { dst, .. }
            | I32Load16SAcc { dst, .. }
            | I64Load32UAcc { dst, .. }
            | I64Load32SAcc { dst, .. } => Some((dst, false)),
            F64Load { dst, .. }
            | F64LoadAbs { dst, .. }
            | F64ConvertI32S { dst, .. }
            | F64ConvertI32U { dst, .. }
            | F64Add { dst, .. }
            | F64Sub { dst, .. }
            | F64Mul { dst, .. }
            | F64Div { dst, .. }
            | F64AddImm { dst, .. }
            | F64SubImm { dst, .. }
            | F64MulImm { dst, .. }
            | F64DivImm { dst, .. }
            | F64SubImmLhs { dst, .. }
            | F64DivImmLhs { dst, .. }
            | F64Sqrt { dst, .. }
            | F64Abs { dst, .. }
            | F64Neg { dst, .. }
            | F64AddAcc { dst, .. }
            | F64SubAcc { dst, .. }
            | F64MulAcc { dst, .. }
            | F64DivAcc { dst, .. }
            | F64AddImmAcc { dst, .. }
            | F64SubImmAcc { dst, .. }
            | F64MulImmAcc { dst, .. }
            | F64DivImmAcc { dst, .. }
            | F64SubAccRhs { dst, .. }
            | F64DivAccRhs { dst, .. }
            | F64SubImmLhsAcc { dst, .. }
            | F64DivImmLhsAcc { dst, .. }
            | F64ConvertI32SAcc { dst, .. }
            | F64ConvertI32UAcc { dst, .. }
            | F64SqrtAcc { dst, .. }
            | F64AbsAcc { dst, .. }
            | F64NegAcc { dst, .. }
            | F64LoadAcc { dst, .. } => Some((dst, true)),
            _ => None,
        }
    }

    /// This op reading its operand in `slot` from a register instead (an
    /// `<Op>Acc` form), if it has such a form for the register that holds
    /// it (`facc` when `float`, else `acc`); `slot` and `float` must be the
    /// [`acc_result`](Op::acc_result) of the op that runs right before it.
    /// The float ops read `facc`, every other form `acc`. A commutative
    /// op whose right operand is `slot` swaps its operands; a comparison
    /// is mirrored.
    pub fn with_acc(&self, slot: Slot, float: bool) -> Option<Op> {
        use Op::*;
        // A forwarded form's `Acc` form is the forwarded form of its plain
        // form's.
        if self.is_forwarded() {
            return self.unforwarded().with_acc(slot, float)?.forwarded();
        }
        Some(match *self {
            I32Add { dst, lhs, rhs } if lhs == slot && !float => I32AddAcc { dst, lhs, rhs },
            I32Add { dst, lhs, rhs } if rhs == slot && !float => I32AddAcc {
                dst,
                lhs: rhs,
                rhs: lhs,
            },
            I32Sub { dst, lhs, rhs } if lhs == slot && !float => I32SubAcc { dst, lhs, rhs },
            I32Mul { dst, lhs, rhs } if lhs == slot && !float => I32MulAcc { dst, lhs, rhs },
            I32Mul { dst, lhs, rhs } if rhs == slot && !float => I32MulAcc {
                dst,
                lhs: rhs,
                rhs: lhs,
            },
            I32And { dst, lhs, rhs } if lhs == slot && !float => I32AndAcc { dst, lhs, rhs },
            I32And { dst, lhs, rhs } if rhs == slot && !float => I32AndAcc {
                dst,
                lhs: rhs,
                rhs: lhs,
            },
            I32Or { dst, lhs, rhs } if lhs == slot && !float => I32OrAcc { dst, lhs, rhs },
            I32Or { dst, lhs, rhs } if rhs == slot && !float => I32OrAcc {
                dst,
                lhs: rhs,
                rhs: lhs,
            },
            I32Xor { dst, lhs, rhs } if lhs == slot && !float => I32XorAcc { dst, lhs, rhs },
            I32Xor { dst, lhs, rhs } if rhs == slot && !float => I32XorAcc {
                dst,
                lhs: rhs,
                rhs: lhs,
            },
            I32Shl { dst, lhs, rhs } if lhs == slot && !float => I32ShlAcc { dst, lhs, rhs },
            I32ShrU { dst, lhs, rhs } if lhs == slot && !float => I32ShrUAcc { dst, lhs, rhs },
            I32ShrS { dst, lhs, rhs } if lhs == slot && !float => I32ShrSAcc { dst, lhs, rhs },
            I32AddImm { dst, lhs, imm } if lhs == slot && !float => I32AddImmAcc { dst, lhs, imm },
            I32SubImm { dst, lhs, imm } if lhs == slot && !float => I32SubImmAcc { dst, lhs, imm },
            I32MulImm { dst, lhs, imm } if lhs == slot && !float => I32MulImmAcc { dst, lhs, imm },
            I32AndImm { dst, lhs, imm } if lhs == slot && !float => I32AndImmAcc { dst, lhs, imm },
            I32OrImm { dst, lhs, imm } if lhs == slot && !float => I32OrImmAcc { dst, lhs, imm },
            I32XorImm { dst, lhs, imm } if lhs == slot && !float => I32XorImmAcc { dst, lhs, imm },
            I32ShlImm { dst, lhs, imm } if lhs == slot && !float => I32ShlImmAcc { dst, lhs, imm },
            I32ShrUImm { dst, lhs, imm } if lhs == slot && !float => I32ShrUImmAcc { dst, lhs, imm },
            I32ShrSImm { dst, lhs, imm } if lhs == slot && !float => I32ShrSImmAcc { dst, lhs, imm },
            I32RotlImm { dst, lhs, imm } if lhs == slot && !float => I32RotlImmAcc { dst, lhs, imm },
            I32Eq { dst, lhs, rhs } if lhs == slot && !float => I32EqAcc { dst, lhs, rhs },
            I32Eq { dst, lhs, rhs } if rhs == slot && !float => I32EqAcc {
                dst,
                lhs: rhs,
                rhs: lhs,
            },
            I32Ne { dst, lhs, rhs } if lhs == slot && !float => I32NeAcc { dst, lhs, rhs },
            I32Ne { dst, lhs, rhs } if rhs == slot && !float => I32NeAcc {
                dst,
                lhs: rhs,
                rhs: lhs,
            },
            I32LtS { dst, lhs, rhs } if lhs == slot && !float => I32LtSAcc { dst, lhs, rhs },
            I32LtS { dst, lhs, rhs } if rhs == slot && !float => I32GtSAcc {
                dst,
                lhs: rhs,
                rhs: lhs,
            },
            I32LtU { dst, lhs, rhs } if lhs == slot && !float => I32LtUAcc { dst, lhs, rhs },
            I32LtU { dst, lhs, rhs } if rhs == slot && !float => I32GtUAcc {
                dst,
                lhs: rhs,
                rhs: lhs,
            },
            I32GtS { dst, lhs, rhs } if lhs == slot && !float => I32GtSAcc { dst, lhs, rhs },
            I32GtS { dst, lhs, rhs } if rhs == slot && !float => I32LtSAcc {
                dst,
                lhs: rhs,
                rhs: lhs,
            },
            I32GtU { dst, lhs, rhs } if lhs == slot && !float => I32GtUAcc { dst, lhs, rhs },
            I32GtU { dst, lhs, rhs } if rhs == slot && !float => I32LtUAcc {
                dst,
                lhs: rhs,
                rhs: lhs,
            },
            I32EqImm { dst, lhs, imm } if lhs == slot && !float => I32EqImmAcc { dst, lhs, imm },
            I32NeImm { dst, lhs, imm } if lhs == slot && !float => I32NeImmAcc { dst, lhs, imm },
            I32LtSImm { dst, lhs, imm } if lhs == slot && !float => I32LtSImmAcc { dst, lhs, imm },
            I32LtUImm { dst, lhs, imm } if lhs == slot && !float => I32LtUImmAcc { dst, lhs, imm },
            I32GtSImm { dst, lhs, imm } if lhs == slot && !float => I32GtSImmAcc { dst, lhs, imm },
            I32GtUImm { dst, lhs, imm } if lhs == slot && !float => I32GtUImmAcc { dst, lhs, imm },
            I32LeSImm { dst, lhs, imm } if lhs == slot && !float => I32LeSImmAcc { dst, lhs, imm },
            I32LeUImm { dst, lhs, imm } if lhs == slot && !float => I32LeUImmAcc { dst, lhs, imm },
            I32GeSImm { dst, lhs, imm } if lhs == slot && !float => I32GeSImmAcc { dst, lhs, imm },
            I32GeUImm { dst, lhs, imm } if lhs == slot && !float => I32GeUImmAcc { dst, lhs, imm },
            I64Add { dst, lhs, rhs } if lhs == slot && !float => I64AddAcc { dst, lhs, rhs },
            I64Add { dst, lhs, rhs } if rhs == slot && !float => I64AddAcc {
                dst,
                lhs: rhs,
                rhs: lhs,
            },
            I64Sub { dst, lhs, rhs } if lhs == slot && !float => I64SubAcc { dst, lhs, rhs },
            I64Mul { dst, lhs, rhs } if lhs == slot && !float => I64MulAcc { dst, lhs, rhs },
            I64Mul { dst, lhs, rhs } if rhs == slot && !float => I64MulAcc {
                dst,
                lhs: rhs,
                rhs: lhs,
            },
            I64And { dst, lhs, rhs } if lhs == slot && !float => I64AndAcc { dst, lhs, rhs },
            I64And { dst, lhs, rhs } if rhs == slot && !float => I64AndAcc {
                dst,
                lhs: rhs,
                rhs: lhs,
            },
            I64Or { dst, lhs, rhs } if lhs == slot && !float => I64OrAcc { dst, lhs, rhs },
            I64Or { dst, lhs, rhs } if rhs == slot && !float => I64OrAcc {
                dst,
                lhs: rhs,
                rhs: lhs,
            },
            I64Xor { dst, lhs, rhs } if lhs == slot && !float => I64XorAcc { dst, lhs, rhs },
            I64Xor { dst, lhs, rhs } if rhs == slot && !float => I64XorAcc {
                dst,
                lhs: rhs,
                rhs: lhs,
            },
            I64Shl { dst, lhs, rhs } if lhs == slot && !float => I64ShlAcc { dst, lhs, rhs },
            I64ShrU { dst, lhs, rhs } if lhs == slot && !float => I64ShrUAcc { dst, lhs, rhs },
            I64AddImm { dst, lhs, imm } if lhs == slot && !float => I64AddImmAcc { dst, lhs, imm },
            I64MulImm { dst, lhs, imm } if lhs == slot && !float => I64MulImmAcc { dst, lhs, imm },
            I64AndImm { dst, lhs, imm } if lhs == slot && !float => I64AndImmAcc { dst, lhs, imm },
            I64XorImm { dst, lhs, imm } if lhs == slot && !float => I64XorImmAcc { dst, lhs, imm },
            I64ShlImm { dst, lhs, imm } if lhs == slot && !float => I64ShlImmAcc { dst, lhs, imm },
            I64ShrUImm { dst, lhs, imm } if lhs == slot && !float => I64ShrUImmAcc { dst, lhs, imm },
            F32Add { dst, lhs, rhs } if lhs == slot && !float => F32AddAcc { dst, lhs, rhs },
            F32Add { dst, lhs, rhs } if rhs == slot && !float => F32AddAcc {
                dst,
                lhs: rhs,
                rhs: lhs,
            },
            F32Sub { dst, lhs, rhs } if lhs == slot && !float => F32SubAcc { dst, lhs, rhs },
            F32Mul { dst, lhs, rhs } if lhs == slot && !float => F32MulAcc { dst, lhs, rhs },
            F32Mul { dst, lhs, rhs } if rhs == slot && !float => F32MulAcc {
                dst,
                lhs: rhs,
                rhs: lhs,
            },
            F32Div { dst, lhs, rhs } if lhs == slot && !float => F32DivAcc { dst, lhs, rhs },
            F64Add { dst, lhs, rhs } if lhs == slot && float => F64AddAcc { dst, lhs, rhs },
            F64Add { dst, lhs, rhs } if rhs == slot && float => F64AddAcc {
                dst,
                lhs: rhs,
                rhs: lhs,
            },
            F64Sub { dst, lhs, rhs } if lhs == slot && float => F64SubAcc { dst, lhs, rhs },
            F64Mul { dst, lhs, rhs } if lhs == slot && float => F64MulAcc { dst, lhs, rhs },
            F64Mul { dst, lhs, rhs } if rhs == slot && float => F64MulAcc {
                dst,
                lhs: rhs,
                rhs: lhs,
            },
            F64Div { dst, lhs, rhs } if lhs == slot && float => F64DivAcc { dst, lhs, rhs },
            F64AddImm { dst, lhs, imm } if lhs == slot && float => F64AddImmAcc { dst, lhs, imm },
            F64SubImm { dst, lhs, imm } if lhs == slot && float => F64SubImmAcc { dst, lhs, imm },
            F64MulImm { dst, lhs, imm } if lhs == slot && float => F64MulImmAcc { dst, lhs, imm },
            F64DivImm { dst, lhs, imm } if lhs == slot && float => F64DivImmAcc { dst, lhs, imm },
            BrI32Eq { lhs, rhs, off } if lhs == slot && !float => BrI32EqAcc { lhs, rhs, off },
            BrI32Eq { lhs, rhs, off } if rhs == slot && !float => BrI32EqAcc {
                lhs: rhs,
                rhs: lhs,
                off,
            },
            BrI32Ne { lhs, rhs, off } if lhs == slot && !float => BrI32NeAcc { lhs, rhs, off },
            BrI32Ne { lhs, rhs, off } if rhs == slot && !float => BrI32NeAcc {
                lhs: rhs,
                rhs: lhs,
                off,
            },
            BrI32LtS { lhs, rhs, off } if lhs == slot && !float => BrI32LtSAcc { lhs, rhs, off },
            BrI32LtS { lhs, rhs, off } if rhs == slot && !float => BrI32GtSAcc {
                lhs: rhs,
                rhs: lhs,
                off,
            },
            BrI32LtU { lhs, rhs, off } if lhs == slot && !float => BrI32LtUAcc { lhs, rhs, off },
            BrI32LtU { lhs, rhs, off } if rhs == slot && !float => BrI32GtUAcc {
                lhs: rhs,
                rhs: lhs,
                off,
            },
            BrI32GtS { lhs, rhs, off } if lhs == slot && !float => BrI32GtSAcc { lhs, rhs, off },
            BrI32GtS { lhs, rhs, off } if rhs == slot && !float => BrI32LtSAcc {
                lhs: rhs,
                rhs: lhs,
                off,
            },
            BrI32GtU { lhs, rhs, off } if lhs == slot && !float => BrI32GtUAcc { lhs, rhs, off },
            BrI32GtU { lhs, rhs, off } if rhs == slot && !float => BrI32LtUAcc {
                lhs: rhs,
                rhs: lhs,
                off,
            },
            BrI32LeS { lhs, rhs, off } if lhs == slot && !float => BrI32LeSAcc { lhs, rhs, off },
            BrI32LeS { lhs, rhs, off } if rhs == slot && !float => BrI32GeSAcc {
                lhs: rhs,
                rhs: lhs,
                off,
            },
            BrI32LeU { lhs, rhs, off } if lhs == slot && !float => BrI32LeUAcc { lhs, rhs, off },
            BrI32LeU { lhs, rhs, off } if rhs == slot && !float => BrI32GeUAcc {
                lhs: rhs,
                rhs: lhs,
                off,
            },
            BrI32GeS { lhs, rhs, off } if lhs == slot && !float => BrI32GeSAcc { lhs, rhs, off },
            BrI32GeS { lhs, rhs, off } if rhs == slot && !float => BrI32LeSAcc {
                lhs: rhs,
                rhs: lhs,
                off,
            },
            BrI32GeU { lhs, rhs, off } if lhs == slot && !float => BrI32GeUAcc { lhs, rhs, off },
            BrI32GeU { lhs, rhs, off } if rhs == slot && !float => BrI32LeUAcc {
                lhs: rhs,
                rhs: lhs,
                off,
            },
            BrI32EqImm { lhs, imm, off } if lhs == slot && !float => BrI32EqImmAcc { lhs, imm, off },
            BrI32NeImm { lhs, imm, off } if lhs == slot && !float => BrI32NeImmAcc { lhs, imm, off },
            BrI32LtSImm { lhs, imm, off } if lhs == slot && !float => BrI32LtSImmAcc { lhs, imm, off },
            BrI32LtUImm { lhs, imm, off } if lhs == slot && !float => BrI32LtUImmAcc { lhs, imm, off },
            BrI32GtSImm { lhs, imm, off } if lhs == slot && !float => BrI32GtSImmAcc { lhs, imm, off },
            BrI32GtUImm { lhs, imm, off } if lhs == slot && !float => BrI32GtUImmAcc { lhs, imm, off },
            BrI32LeSImm { lhs, imm, off } if lhs == slot && !float => BrI32LeSImmAcc { lhs, imm, off },
            BrI32LeUImm { lhs, imm, off } if lhs == slot && !float => BrI32LeUImmAcc { lhs, imm, off },
            BrI32GeSImm { lhs, imm, off } if lhs == slot && !float => BrI32GeSImmAcc { lhs, imm, off },
            BrI32GeUImm { lhs, imm, off } if lhs == slot && !float => BrI32GeUImmAcc { lhs, imm, off },
            BrI32AndImmNez { lhs, imm, off } if lhs == slot && !float => BrI32AndImmNezAcc { lhs, imm, off },
            BrI32AndImmEqz { lhs, imm, off } if lhs == slot && !float => BrI32AndImmEqzAcc { lhs, imm, off },
            BrI64Eq { lhs, rhs, off } if lhs == slot && !float => BrI64EqAcc { lhs, rhs, off },
            BrI64Eq { lhs, rhs, off } if rhs == slot && !float => BrI64EqAcc {
                lhs: rhs,
                rhs: lhs,
                off,
            },
            BrI64Ne { lhs, rhs, off } if lhs == slot && !float => BrI64NeAcc { lhs, rhs, off },
            BrI64Ne { lhs, rhs, off } if rhs == slot && !float => BrI64NeAcc {
                lhs: rhs,
                rhs: lhs,
                off,
            },
            BrI64LtS { lhs, rhs, off } if lhs == slot && !float => BrI64LtSAcc { lhs, rhs, off },
            BrI64LtS { lhs, rhs, off } if rhs == slot && !float => BrI64GtSAcc {
                lhs: rhs,
                rhs: lhs,
                off,
            },
            BrI64LtU { lhs, rhs, off } if lhs == slot && !float => BrI64LtUAcc { lhs, rhs, off },
            BrI64LtU { lhs, rhs, off } if rhs == slot && !float => BrI64GtUAcc {
                lhs: rhs,
                rhs: lhs,
                off,
            },
            BrI64GtS { lhs, rhs, off } if lhs == slot && !float => BrI64GtSAcc { lhs, rhs, off },
            BrI64GtS { lhs, rhs, off } if rhs == slot && !float => BrI64LtSAcc {
                lhs: rhs,
                rhs: lhs,
                off,
            },
            BrI64GtU { lhs, rhs, off } if lhs == slot && !float => BrI64GtUAcc { lhs, rhs, off },
            BrI64GtU { lhs, rhs, off } if rhs == slot && !float => BrI64LtUAcc {
                lhs: rhs,
                rhs: lhs,
                off,
            },
            BrI64LeS { lhs, rhs, off } if lhs == slot && !float => BrI64LeSAcc { lhs, rhs, off },
            BrI64LeS { lhs, rhs, off } if rhs == slot && !float => BrI64GeSAcc {
                lhs: rhs,
                rhs: lhs,
                off,
            },
            BrI64LeU { lhs, rhs, off } if lhs == slot && !float => BrI64LeUAcc { lhs, rhs, off },
            BrI64LeU { lhs, rhs, off } if rhs == slot && !float => BrI64GeUAcc {
                lhs: rhs,
                rhs: lhs,
                off,
            },
            BrI64GeS { lhs, rhs, off } if lhs == slot && !float => BrI64GeSAcc { lhs, rhs, off },
            BrI64GeS { lhs, rhs, off } if rhs == slot && !float => BrI64LeSAcc {
                lhs: rhs,
                rhs: lhs,
                off,
            },
            BrI64GeU { lhs, rhs, off } if lhs == slot && !float => BrI64GeUAcc { lhs, rhs, off },
            BrI64GeU { lhs, rhs, off } if rhs == slot && !float => BrI64LeUAcc {
                lhs: rhs,
                rhs: lhs,
                off,
            },
            BrF64Eq { lhs, rhs, off } if lhs == slot && float => BrF64EqAcc { lhs, rhs, off },
            BrF64Eq { lhs, rhs, off } if rhs == slot && float => BrF64EqAcc {
                lhs: rhs,
                rhs: lhs,
                off,
            },
            BrF64Ne { lhs, rhs, off } if lhs == slot && float => BrF64NeAcc { lhs, rhs, off },
            BrF64Ne { lhs, rhs, off } if rhs == slot && float => BrF64NeAcc {
                lhs: rhs,
                rhs: lhs,
                off,
            },
            BrF64Lt { lhs, rhs, off } if lhs == slot && float => BrF64LtAcc { lhs, rhs, off },
            BrF64Lt { lhs, rhs, off } if rhs == slot && float => BrF64GtAcc {
                lhs: rhs,
                rhs: lhs,
                off,
            },
            BrF64Gt { lhs, rhs, off } if lhs == slot && float => BrF64GtAcc { lhs, rhs, off },
            BrF64Gt { lhs, rhs, off } if rhs == slot && float => BrF64LtAcc {
                lhs: rhs,
                rhs: lhs,
                off,
            },
            BrF64Le { lhs, rhs, off } if lhs == slot && float => BrF64LeAcc { lhs, rhs, off },
            BrF64Le { lhs, rhs, off } if rhs == slot && float => BrF64GeAcc {
                lhs: rhs,
                rhs: lhs,
                off,
            },
            BrF64Ge { lhs, rhs, off } if lhs == slot && float => BrF64GeAcc { lhs, rhs, off },
            BrF64Ge { lhs, rhs, off } if rhs == slot && float => BrF64LeAcc {
                lhs: rhs,
                rhs: lhs,
                off,
            },
            BrF64NotLt { lhs, rhs, off } if lhs == slot && float => BrF64NotLtAcc { lhs, rhs, off },
            BrF64NotLt { lhs, rhs, off } if rhs == slot && float => BrF64NotGtAcc {
                lhs: rhs,
                rhs: lhs,
                off,
            },
            BrF64NotGt { lhs, rhs, off } if lhs == slot && float => BrF64NotGtAcc { lhs, rhs, off },
            BrF64NotGt { lhs, rhs, off } if rhs == slot && float => BrF64NotLtAcc {
                lhs: rhs,
                rhs: lhs,
                off,
            },
            BrF64NotLe { lhs, rhs, off } if lhs == slot && float => BrF64NotLeAcc { lhs, rhs, off },
            BrF64NotLe { lhs, rhs, off } if rhs == slot && float => BrF64NotGeAcc {
                lhs: rhs,
                rhs: lhs,
                off,
            },
            BrF64NotGe { lhs, rhs, off } if lhs == slot && float => BrF64NotGeAcc { lhs, rhs, off },
            BrF64NotGe { lhs, rhs, off } if rhs == slot && float => BrF64NotLeAcc {
                lhs: rhs,
                rhs: lhs,
                off,
            },
            BrF64LtImm { lhs, off, imm } if lhs == slot && float => BrF64LtImmAcc { lhs, off, imm },
            BrF64GtImm { lhs, off, imm } if lhs == slot && float => BrF64GtImmAcc { lhs, off, imm },
            BrF64LeImm { lhs, off, imm } if lhs == slot && float => BrF64LeImmAcc { lhs, off, imm },
            BrF64GeImm { lhs, off, imm } if lhs == slot && float => BrF64GeImmAcc { lhs, off, imm },
            BrF64NotLtImm { lhs, off, imm } if lhs == slot && float => BrF64NotLtImmAcc { lhs, off, imm },
            BrF64NotGtImm { lhs, off, imm } if lhs == slot && float => BrF64NotGtImmAcc { lhs, off, imm },
            BrF64NotLeImm { lhs, off, imm } if lhs == slot && float => BrF64NotLeImmAcc { lhs, off, imm },
            BrF64NotGeImm { lhs, off, imm } if lhs == slot && float => BrF64NotGeImmAcc { lhs, off, imm },
            I32AddImmThenI32AddImm { dst, lhs, imm } if lhs == slot && !float => {
                I32AddImmThenI32AddImmAcc { dst, lhs, imm }
            }
            I32ShrUImmThenI32AndImm { dst, lhs, imm } if lhs == slot && !float => {
                I32ShrUImmThenI32AndImmAcc { dst, lhs, imm }
            }
            I32AndImmThenI32Add { dst, lhs, imm } if lhs == slot && !float => I32AndImmThenI32AddAcc { dst, lhs, imm },
            I32RotlImmThenI32Xor { dst, lhs, imm } if lhs == slot && !float => {
                I32RotlImmThenI32XorAcc { dst, lhs, imm }
            }
            F64AddThenF64Store { dst, lhs, rhs } if lhs == slot && float => F64AddThenF64StoreAcc { dst, lhs, rhs },
            F64AddThenF64Store { dst, lhs, rhs } if rhs == slot && float => F64AddThenF64StoreAcc {
                dst,
                lhs: rhs,
                rhs: lhs,
            },
            F64MulThenF64Mul { dst, lhs, rhs } if lhs == slot && float => F64MulThenF64MulAcc { dst, lhs, rhs },
            F64MulThenF64Mul { dst, lhs, rhs } if rhs == slot && float => F64MulThenF64MulAcc {
                dst,
                lhs: rhs,
                rhs: lhs,
            },
            I32AddThenI32Load { dst, lhs, rhs } if lhs == slot && !float => I32AddThenI32LoadAcc { dst, lhs, rhs },
            I32AddThenI32Load { dst, lhs, rhs } if rhs == slot && !float => I32AddThenI32LoadAcc {
                dst,
                lhs: rhs,
                rhs: lhs,
            },
            I32AddThenI32Add { dst, lhs, rhs } if lhs == slot && !float => I32AddThenI32AddAcc { dst, lhs, rhs },
            I32AddThenI32Add { dst, lhs, rhs } if rhs == slot && !float => I32AddThenI32AddAcc {
                dst,
                lhs: rhs,
                rhs: lhs,
            },
            I32ShlImmThenI32Add { dst, lhs, imm } if lhs == slot && !float => I32ShlImmThenI32AddAcc { dst, lhs, imm },
            F64MulThenF64Add { dst, lhs, rhs } if lhs == slot && float => F64MulThenF64AddAcc { dst, lhs, rhs },
            F64MulThenF64Add { dst, lhs, rhs } if rhs == slot && float => F64MulThenF64AddAcc {
                dst,
                lhs: rhs,
                rhs: lhs,
            },
            F64AddThenF64Mul { dst, lhs, rhs } if lhs == slot && float => F64AddThenF64MulAcc { dst, lhs, rhs },
            F64AddThenF64Mul { dst, lhs, rhs } if rhs == slot && float => F64AddThenF64MulAcc {
                dst,
                lhs: rhs,
                rhs: lhs,
            },
            I32AddImmThenBrTable { dst, lhs, imm } if lhs == slot && !float => {
                I32AddImmThenBrTableAcc { dst, lhs, imm }
            }
            I32ShlImmLhsThenI32Or { dst, imm, rhs } if rhs == slot && !float => {
                I32ShlImmLhsThenI32OrAcc { dst, imm, rhs }
            }
            I32ShrUThenBrI32AndImmNez { dst, lhs, rhs } if lhs == slot && !float => {
                I32ShrUThenBrI32AndImmNezAcc { dst, lhs, rhs }
            }
            I32ShrUThenBrI32AndImmEqz { dst, lhs, rhs } if lhs == slot && !float => {
                I32ShrUThenBrI32AndImmEqzAcc { dst, lhs, rhs }
            }
            I64AddImmThenBrI64Ne { dst, lhs, imm } if lhs == slot && !float => {
                I64AddImmThenBrI64NeAcc { dst, lhs, imm }
            }
            I32ShlImmThenI32Load { dst, lhs, imm } if lhs == slot && !float => {
                I32ShlImmThenI32LoadAcc { dst, lhs, imm }
            }
            F64LoadThenF64Load { dst, addr, imm, offset } if addr == slot && !float => {
                F64LoadThenF64LoadAcc { dst, addr, imm, offset }
            }
            I32LoadThenI32Load { dst, addr, imm, offset } if addr == slot && !float => {
                I32LoadThenI32LoadAcc { dst, addr, imm, offset }
            }
            F64ConvertI32SThenF64DivImmLhs { dst, src } if src == slot && !float => {
                F64ConvertI32SThenF64DivImmLhsAcc { dst, src }
            }
            F64LoadThenF64AddThenF64Store { dst, addr, imm, offset } if addr == slot && !float => {
                F64LoadThenF64AddThenF64StoreAcc { dst, addr, imm, offset }
            }
            I32StoreThenBrI32AddLtU {
                addr,
                value,
                imm,
                offset,
            } if value == slot && !float => I32StoreThenBrI32AddLtUAcc {
                addr,
                value,
                imm,
                offset,
            },
            I32ShrUImmThenI32AndImmThenI32AddThenI32Load { dst, lhs, imm } if lhs == slot && !float => {
                I32ShrUImmThenI32AndImmThenI32AddThenI32LoadAcc { dst, lhs, imm }
            }
            I32Sub { dst, lhs, rhs } if rhs == slot && !float => I32SubAccRhs { dst, lhs, rhs },
            I64Sub { dst, lhs, rhs } if rhs == slot && !float => I64SubAccRhs { dst, lhs, rhs },
            F64Sub { dst, lhs, rhs } if rhs == slot && float => F64SubAccRhs { dst, lhs, rhs },
            F64Div { dst, lhs, rhs } if rhs == slot && float => F64DivAccRhs { dst, lhs, rhs },
            F32Sub { dst, lhs, rhs } if rhs == slot && !float => F32SubAccRhs { dst, lhs, rhs },
            F32Div { dst, lhs, rhs } if rhs == slot && !float => F32DivAccRhs { dst, lhs, rhs },
            I32ShlImmLhs { dst, imm, rhs } if rhs == slot && !float => I32ShlImmLhsAcc { dst, imm, rhs },
            F64SubImmLhs { dst, rhs, imm } if rhs == slot && float => F64SubImmLhsAcc { dst, rhs, imm },
            F64DivImmLhs { dst, rhs, imm } if rhs == slot && float => F64DivImmLhsAcc { dst, rhs, imm },
            I32Eqz { dst, src } if src == slot && !float => I32EqzAcc { dst, src },
            I64Eqz { dst, src } if src == slot && !float => I64EqzAcc { dst, src },
            I32WrapI64 { dst, src } if src == slot && !float => I32WrapI64Acc { dst, src },
            I64ExtendI32S { dst, src } if src == slot && !float => I64ExtendI32SAcc { dst, src },
            F64ConvertI32S { dst, src } if src == slot && !float => F64ConvertI32SAcc { dst, src },
            F64ConvertI32U { dst, src } if src == slot && !float => F64ConvertI32UAcc { dst, src },
            Unary { dst, src, f } if src == slot && !float => UnaryAcc { dst, src, f },
            Copy64 { dst, src } if src == slot && !float => Copy64Acc { dst, src },
            ReturnSlot64 { src } if src == slot && !float => ReturnSlot64Acc { src },
            BrIfNez { cond, off } if cond == slot && !float => BrIfNezAcc { cond, off },
            BrIfEqz { cond, off } if cond == slot && !float => BrIfEqzAcc { cond, off },
            BrI64Nez { cond, off } if cond == slot && !float => BrI64NezAcc { cond, off },
            BrI64Eqz { cond, off } if cond == slot && !float => BrI64EqzAcc { cond, off },
            Select { dst, cond, a, b } if cond == slot && !float => SelectAcc { dst, cond, a, b },
            BrTable { index, len } if index == slot && !float => BrTableAcc { index, len },
            F64Sqrt { dst, src } if src == slot && float => F64SqrtAcc { dst, src },
            F64Abs { dst, src } if src == slot && float => F64AbsAcc { dst, src },
            F64Neg { dst, src } if src == slot && float => F64NegAcc { dst, src },
            F64Load { dst, addr, imm, offset } if addr == slot && !float => F64LoadAcc { dst, addr, imm, offset },
            I32Load { dst, addr, imm, offset } if addr == slot && !float => I32LoadAcc { dst, addr, imm, offset },
            I64Load { dst, addr, imm, offset } if addr == slot && !float => I64LoadAcc { dst, addr, imm, offset },
            I32Load8U { dst, addr, imm, offset } if addr == slot && !float => I32Load8UAcc { dst, addr, imm, offset },
            I32Load8S { dst, addr, imm, offset } if addr == slot && !float => I32Load8SAcc { dst, addr, imm, offset },
            I32Load16U { dst, addr, imm, offset } if addr == slot && !float => I32Load16UAcc { dst, addr, imm, offset },
            I32Load16S { dst, addr, imm, offset } if addr == slot && !float => I32Load16SAcc { dst, addr, imm, offset },
            I64Load32U { dst, addr, imm, offset } if addr == slot && !float => I64Load32UAcc { dst, addr, imm, offset },
            I64Load32S { dst, addr, imm, offset } if addr == slot && !float => I64Load32SAcc { dst, addr, imm, offset },
            F64LoadThenF64Mul { dst, addr, imm, offset } if addr == slot && !float => {
                F64LoadThenF64MulAcc { dst, addr, imm, offset }
            }
            I32Load8UThenI32Store8 { dst, addr, imm, offset } if addr == slot && !float => {
                I32Load8UThenI32Store8Acc { dst, addr, imm, offset }
            }
            F64Store {
                addr,
                value,
                imm,
                offset,
            } if value == slot && float => F64StoreAcc {
                addr,
                value,
                imm,
                offset,
            },
            F64StoreAbs { value, ea } if value == slot && float => F64StoreAbsAcc { value, ea },
            I32Store {
                addr,
                value,
                imm,
                offset,
            } if value == slot && !float => I32StoreAcc {
                addr,
                value,
                imm,
                offset,
            },
            I64Store {
                addr,
                value,
                imm,
                offset,
            } if value == slot && !float => I64StoreAcc {
                addr,
                value,
                imm,
                offset,
            },
            I32Store8 {
                addr,
                value,
                imm,
                offset,
            } if value == slot && !float => I32Store8Acc {
                addr,
                value,
                imm,
                offset,
            },
            I32Store16 {
                addr,
                value,
                imm,
                offset,
            } if value == slot && !float => I32Store16Acc {
                addr,
                value,
                imm,
                offset,
            },
            I32StoreAbs { value, ea } if value == slot && !float => I32StoreAbsAcc { value, ea },
            I64StoreAbs { value, ea } if value == slot && !float => I64StoreAbsAcc { value, ea },
            I64StoreThenI32AddImm {
                addr,
                value,
                imm,
                offset,
            } if value == slot && !float => I64StoreThenI32AddImmAcc {
                addr,
                value,
                imm,
                offset,
            },
            I32StoreThenI32AddImm {
                addr,
                value,
                imm,
                offset,
            } if value == slot && !float => I32StoreThenI32AddImmAcc {
                addr,
                value,
                imm,
                offset,
            },
            _ => return None,
        })
    }
}
