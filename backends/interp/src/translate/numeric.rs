//! Numeric operators: operand-location variants for the hot integer ops,
//! generic function-pointer ops for the rest.

use super::{Operand, Translator};
use crate::float;
use crate::ir::{Op, Slot};
use concord_core::wasmparser::Operator;
use std::num::{NonZeroU32, NonZeroU64};

type Ss = fn(Slot, Slot, Slot) -> Op;
type Imm32 = fn(Slot, Slot, i32) -> Op;
type Imm64 = fn(Slot, Slot, i64) -> Op;

macro_rules! ss {
    ($v:ident) => {
        (|dst, lhs, rhs| Op::$v { dst, lhs, rhs }) as Ss
    };
}
macro_rules! imm32 {
    ($v:ident) => {
        Some((|dst, lhs, imm| Op::$v { dst, lhs, imm }) as Imm32)
    };
}
macro_rules! imm64 {
    ($v:ident) => {
        Some((|dst, lhs, imm| Op::$v { dst, lhs, imm }) as Imm64)
    };
}

macro_rules! fimm32 {
    ($v:ident) => {
        Some(
            (|dst, lhs, imm: i64| Op::$v {
                dst,
                lhs,
                imm: imm as u32,
            }) as Imm64,
        )
    };
}
macro_rules! fimm64 {
    ($v:ident) => {
        Some(
            (|dst, lhs, imm: i64| Op::$v {
                dst,
                lhs,
                imm: imm as u64,
            }) as Imm64,
        )
    };
}

impl Translator<'_> {
    /// Translates a numeric operator; `false` if `op` is not one.
    pub(super) fn numeric_op(&mut self, op: &Operator<'_>) -> bool {
        use Operator as O;
        match op {
            // i32: (slot/slot, slot/imm, imm/slot with the operands swapped)
            O::I32Add => self.bin32(ss!(I32Add), imm32!(I32AddImm), imm32!(I32AddImm)),
            O::I32Sub => self.bin32(ss!(I32Sub), imm32!(I32SubImm), None),
            O::I32Mul => self.bin32(ss!(I32Mul), imm32!(I32MulImm), imm32!(I32MulImm)),
            O::I32And => self.bin32(ss!(I32And), imm32!(I32AndImm), imm32!(I32AndImm)),
            O::I32Or => self.bin32(ss!(I32Or), imm32!(I32OrImm), imm32!(I32OrImm)),
            O::I32Xor => self.bin32(ss!(I32Xor), imm32!(I32XorImm), imm32!(I32XorImm)),
            O::I32Shl => self.bin32(
                ss!(I32Shl),
                imm32!(I32ShlImm),
                Some(|dst, rhs, imm| Op::I32ShlImmLhs { dst, imm, rhs }),
            ),
            O::I32ShrS => self.bin32(ss!(I32ShrS), imm32!(I32ShrSImm), None),
            O::I32ShrU => self.bin32(ss!(I32ShrU), imm32!(I32ShrUImm), None),
            O::I32Rotl => self.bin32(ss!(I32Rotl), imm32!(I32RotlImm), None),
            O::I32Rotr => self.bin32(ss!(I32Rotr), imm32!(I32RotrImm), None),
            O::I32Eq => self.bin32(ss!(I32Eq), imm32!(I32EqImm), imm32!(I32EqImm)),
            O::I32Ne => self.bin32(ss!(I32Ne), imm32!(I32NeImm), imm32!(I32NeImm)),
            O::I32LtS => self.bin32(ss!(I32LtS), imm32!(I32LtSImm), imm32!(I32GtSImm)),
            O::I32LtU => self.bin32(ss!(I32LtU), imm32!(I32LtUImm), imm32!(I32GtUImm)),
            O::I32GtS => self.bin32(ss!(I32GtS), imm32!(I32GtSImm), imm32!(I32LtSImm)),
            O::I32GtU => self.bin32(ss!(I32GtU), imm32!(I32GtUImm), imm32!(I32LtUImm)),
            O::I32LeS => self.bin32(ss!(I32LeS), imm32!(I32LeSImm), imm32!(I32GeSImm)),
            O::I32LeU => self.bin32(ss!(I32LeU), imm32!(I32LeUImm), imm32!(I32GeUImm)),
            O::I32GeS => self.bin32(ss!(I32GeS), imm32!(I32GeSImm), imm32!(I32LeSImm)),
            O::I32GeU => self.bin32(ss!(I32GeU), imm32!(I32GeUImm), imm32!(I32LeUImm)),
            O::I32DivS => self.div(ss!(I32DivS), |dst, lhs, c| {
                let c = c as u32;
                (c != u32::MAX).then_some(())?;
                NonZeroU32::new(c).map(|imm| Op::I32DivSImm { dst, lhs, imm })
            }),
            O::I32DivU => self.div(ss!(I32DivU), |dst, lhs, c| {
                NonZeroU32::new(c as u32).map(|imm| Op::I32DivUImm { dst, lhs, imm })
            }),
            O::I32RemS => self.div(ss!(I32RemS), |dst, lhs, c| {
                NonZeroU32::new(c as u32).map(|imm| Op::I32RemSImm { dst, lhs, imm })
            }),
            O::I32RemU => self.div(ss!(I32RemU), |dst, lhs, c| {
                NonZeroU32::new(c as u32).map(|imm| Op::I32RemUImm { dst, lhs, imm })
            }),
            O::I32Eqz => self.un(|dst, src| Op::I32Eqz { dst, src }),
            O::I32WrapI64 => self.un(|dst, src| Op::I32WrapI64 { dst, src }),
            O::I64ExtendI32S => self.un(|dst, src| Op::I64ExtendI32S { dst, src }),
            O::F64ConvertI32S => self.un(|dst, src| Op::F64ConvertI32S { dst, src }),
            O::F64ConvertI32U => self.un(|dst, src| Op::F64ConvertI32U { dst, src }),

            // i64
            O::I64Add => self.bin64(ss!(I64Add), imm64!(I64AddImm), imm64!(I64AddImm)),
            O::I64Sub => self.bin64(ss!(I64Sub), imm64!(I64SubImm), None),
            O::I64Mul => self.bin64(ss!(I64Mul), imm64!(I64MulImm), imm64!(I64MulImm)),
            O::I64And => self.bin64(ss!(I64And), imm64!(I64AndImm), imm64!(I64AndImm)),
            O::I64Or => self.bin64(ss!(I64Or), imm64!(I64OrImm), imm64!(I64OrImm)),
            O::I64Xor => self.bin64(ss!(I64Xor), imm64!(I64XorImm), imm64!(I64XorImm)),
            O::I64Shl => self.bin64(ss!(I64Shl), imm64!(I64ShlImm), None),
            O::I64ShrS => self.bin64(ss!(I64ShrS), imm64!(I64ShrSImm), None),
            O::I64ShrU => self.bin64(ss!(I64ShrU), imm64!(I64ShrUImm), None),
            O::I64Rotl => self.bin64(ss!(I64Rotl), imm64!(I64RotlImm), None),
            O::I64Rotr => self.bin64(ss!(I64Rotr), imm64!(I64RotrImm), None),
            O::I64Eq => self.bin64(ss!(I64Eq), imm64!(I64EqImm), imm64!(I64EqImm)),
            O::I64Ne => self.bin64(ss!(I64Ne), imm64!(I64NeImm), imm64!(I64NeImm)),
            O::I64LtS => self.bin64(ss!(I64LtS), imm64!(I64LtSImm), imm64!(I64GtSImm)),
            O::I64LtU => self.bin64(ss!(I64LtU), imm64!(I64LtUImm), imm64!(I64GtUImm)),
            O::I64GtS => self.bin64(ss!(I64GtS), imm64!(I64GtSImm), imm64!(I64LtSImm)),
            O::I64GtU => self.bin64(ss!(I64GtU), imm64!(I64GtUImm), imm64!(I64LtUImm)),
            O::I64LeS => self.bin64(ss!(I64LeS), imm64!(I64LeSImm), imm64!(I64GeSImm)),
            O::I64LeU => self.bin64(ss!(I64LeU), imm64!(I64LeUImm), imm64!(I64GeUImm)),
            O::I64GeS => self.bin64(ss!(I64GeS), imm64!(I64GeSImm), imm64!(I64LeSImm)),
            O::I64GeU => self.bin64(ss!(I64GeU), imm64!(I64GeUImm), imm64!(I64LeUImm)),
            O::I64DivS => self.div(ss!(I64DivS), |dst, lhs, c| {
                (c != u64::MAX).then_some(())?;
                NonZeroU64::new(c).map(|imm| Op::I64DivSImm { dst, lhs, imm })
            }),
            O::I64DivU => self.div(ss!(I64DivU), |dst, lhs, c| {
                NonZeroU64::new(c).map(|imm| Op::I64DivUImm { dst, lhs, imm })
            }),
            O::I64RemS => self.div(ss!(I64RemS), |dst, lhs, c| {
                NonZeroU64::new(c).map(|imm| Op::I64RemSImm { dst, lhs, imm })
            }),
            O::I64RemU => self.div(ss!(I64RemU), |dst, lhs, c| {
                NonZeroU64::new(c).map(|imm| Op::I64RemUImm { dst, lhs, imm })
            }),
            O::I64Eqz => self.un(|dst, src| Op::I64Eqz { dst, src }),

            // floats
            // The float immediate is the constant's bits (`imm as u32` for f32).
            O::F32Add => self.bin64(ss!(F32Add), fimm32!(F32AddImm), fimm32!(F32AddImm)),
            O::F32Sub => self.bin64(ss!(F32Sub), fimm32!(F32SubImm), None),
            O::F32Mul => self.bin64(ss!(F32Mul), fimm32!(F32MulImm), fimm32!(F32MulImm)),
            O::F32Div => self.bin64(ss!(F32Div), fimm32!(F32DivImm), None),
            // f32/f64 comparisons ((a < c) is (c > a), NaN included)
            O::F32Eq => self.bin32(ss!(F32Eq), None, None),
            O::F32Ne => self.bin32(ss!(F32Ne), None, None),
            O::F32Lt => self.bin32(ss!(F32Lt), None, None),
            O::F32Gt => self.bin32(ss!(F32Gt), None, None),
            O::F32Le => self.bin32(ss!(F32Le), None, None),
            O::F32Ge => self.bin32(ss!(F32Ge), None, None),
            O::F64Eq => self.bin64(ss!(F64Eq), None, None),
            O::F64Ne => self.bin64(ss!(F64Ne), None, None),
            O::F64Lt => self.bin64(ss!(F64Lt), fimm64!(F64LtImm), fimm64!(F64GtImm)),
            O::F64Gt => self.bin64(ss!(F64Gt), fimm64!(F64GtImm), fimm64!(F64LtImm)),
            O::F64Le => self.bin64(ss!(F64Le), fimm64!(F64LeImm), fimm64!(F64GeImm)),
            O::F64Ge => self.bin64(ss!(F64Ge), fimm64!(F64GeImm), fimm64!(F64LeImm)),
            O::F64Add => self.bin64(ss!(F64Add), fimm64!(F64AddImm), fimm64!(F64AddImm)),
            O::F64Sub => self.bin64(
                ss!(F64Sub),
                fimm64!(F64SubImm),
                Some(|dst, rhs, imm: i64| Op::F64SubImmLhs {
                    dst,
                    rhs,
                    imm: imm as u64,
                }),
            ),
            O::F64Mul => self.bin64(ss!(F64Mul), fimm64!(F64MulImm), fimm64!(F64MulImm)),
            O::F64Div => self.bin64(
                ss!(F64Div),
                fimm64!(F64DivImm),
                Some(|dst, rhs, imm: i64| Op::F64DivImmLhs {
                    dst,
                    rhs,
                    imm: imm as u64,
                }),
            ),

            O::F64Sqrt => self.un(|dst, src| Op::F64Sqrt { dst, src }),
            O::F64Abs => self.un(|dst, src| Op::F64Abs { dst, src }),
            O::F64Neg => self.un(|dst, src| Op::F64Neg { dst, src }),
            op => {
                if let Some(f) = float::unary(op) {
                    self.un(move |dst, src| Op::Unary { dst, src, f });
                } else if let Some(f) = float::unary_trap(op) {
                    self.un(move |dst, src| Op::UnaryTrap { dst, src, f });
                } else if let Some(f) = float::binary(op) {
                    let (rhs, lhs, dst) = self.pop_two();
                    self.emit(Op::Binary { dst, lhs, rhs, f });
                } else {
                    return false;
                }
            }
        }
        true
    }

    /// Pops two operands into slots; returns `(rhs, lhs, dst)` and pushes
    /// the result entry.
    fn pop_two(&mut self) -> (Slot, Slot, Slot) {
        let rhs = self.pop_slot();
        let pos = self.stack.len() - 1;
        let lhs = self.pop_slot();
        let dst = self.write_slot(pos);
        self.push(Operand::Stack);
        (rhs, lhs, dst)
    }

    fn un(&mut self, make: impl FnOnce(Slot, Slot) -> Op) {
        let pos = self.stack.len() - 1;
        let src = self.pop_slot();
        let dst = self.write_slot(pos);
        self.push(Operand::Stack);
        self.emit(make(dst, src));
    }

    fn bin32(&mut self, ss: Ss, imm: Option<Imm32>, swapped: Option<Imm32>) {
        self.bin(
            ss,
            imm.map(|f| move |d, l, c: u64| f(d, l, c as i32)),
            swapped.map(|f| move |d, l, c: u64| f(d, l, c as i32)),
        );
    }

    fn bin64(&mut self, ss: Ss, imm: Option<Imm64>, swapped: Option<Imm64>) {
        self.bin(
            ss,
            imm.map(|f| move |d, l, c: u64| f(d, l, c as i64)),
            swapped.map(|f| move |d, l, c: u64| f(d, l, c as i64)),
        );
    }

    fn bin(
        &mut self,
        ss: Ss,
        imm: Option<impl Fn(Slot, Slot, u64) -> Op>,
        swapped: Option<impl Fn(Slot, Slot, u64) -> Op>,
    ) {
        let len = self.stack.len();
        let (l, r) = (self.stack[len - 2], self.stack[len - 1]);
        if let (Operand::Const(c), Some(imm)) = (r, &imm) {
            self.stack.truncate(len - 1);
            let lhs = self.pop_slot();
            let dst = self.write_slot(len - 2);
            self.push(Operand::Stack);
            self.emit(imm(dst, lhs, c));
        } else if let (Operand::Const(c), Some(swapped)) = (l, &swapped) {
            let rhs = self.pop_slot();
            self.stack.truncate(len - 2);
            let dst = self.write_slot(len - 2);
            self.push(Operand::Stack);
            self.emit(swapped(dst, rhs, c));
        } else {
            let (rhs, lhs, dst) = self.pop_two();
            self.emit(ss(dst, lhs, rhs));
        }
    }

    /// Division/remainder: an immediate variant when the divisor is a
    /// constant for which the op cannot trap.
    fn div(&mut self, ss: Ss, imm: impl Fn(Slot, Slot, u64) -> Option<Op>) {
        let len = self.stack.len();
        if let Operand::Const(c) = self.stack[len - 1] {
            // Peek with placeholder slots to see whether a variant exists.
            if imm(0, 0, c).is_some() {
                self.stack.truncate(len - 1);
                let lhs = self.pop_slot();
                let dst = self.write_slot(len - 2);
                self.push(Operand::Stack);
                if let Some(op) = imm(dst, lhs, c) {
                    self.emit(op);
                }
                return;
            }
        }
        let (rhs, lhs, dst) = self.pop_two();
        self.emit(ss(dst, lhs, rhs));
    }
}
